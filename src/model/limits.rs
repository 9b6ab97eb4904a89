//! How big a map may be: caps on every text and on the number of elements.
//!
//! A real map stays far below them (a workshop map has 40–600 cards, titles of a few words and
//! details of a few sentences); they exist so that no file, import or paste can make layout,
//! export or the designer hang or run out of memory. The same caps apply everywhere:
//!
//! - `file::from_str` refuses a file over a cap, pointing at the offending text or element
//!   (`FILE:LINE:COLUMN`), through the `deserialize_with` helpers in [`de`];
//! - `edit::Command::apply` refuses a command that would cross one (typing, paste, import into
//!   the open map, merge), leaving the map unchanged;
//! - `file::save` refuses a map over one, so that no path writes a file that cannot be opened.
//!
//! Conflict records (`conflicts`, written by `parcours merge`) are not capped: they are never
//! laid out, and the file size cap bounds them.

use super::{Card, CustomMetric, EmotionScale, Lane, Map, Note, Persona, Stage};
use std::fmt;

/// Characters in a one-line text: a title, a name, a tag, a list item, an emotion label.
pub const LINE_CHARS: usize = 1_000;

/// Characters in a paragraph: a card's details, a description, a persona's quote.
pub const PARAGRAPH_CHARS: usize = 20_000;

/// Characters in a path (logo, photo) or a link.
pub const PATH_CHARS: usize = 4_096;

/// Items in one list: a card's tags, a persona's goals, a stage's custom metrics, the labels of
/// the emotion scale.
pub const LIST_ITEMS: usize = 200;

/// Stages (columns) in a map.
pub const MAX_STAGES: usize = 200;

/// Lanes (rows) in a map.
pub const MAX_LANES: usize = 200;

/// Personas in a map.
pub const MAX_PERSONAS: usize = 200;

/// Cards in a map: twice the 10,000-card maps the benchmarks export.
pub const MAX_CARDS: usize = 20_000;

/// The longest room note accepted, in characters (a card title is rarely longer than 200).
pub const MAX_NOTE_CHARS: usize = 500;

/// The most dots a vote should give each participant (`check` warns above it; the room refuses
/// to open such a vote).
pub const MAX_BALLOT_DOTS: u32 = 50;

/// Notes in the workshop room's inbox: as many as cards, since each may become one.
pub const MAX_NOTES: usize = 20_000;

/// Ids of dismissed room notes a map remembers (a short id each, about 2 MB at the cap).
pub const MAX_DISMISSED: usize = 100_000;

/// Participants with dots on one card (the room admits 200 at once; a long workshop sees more).
pub const MAX_VOTERS: usize = 1_000;

/// One of the caps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// [`LINE_CHARS`].
    Line,
    /// [`PARAGRAPH_CHARS`].
    Paragraph,
    /// [`PATH_CHARS`].
    Path,
    /// [`LIST_ITEMS`].
    ListItems,
    /// [`MAX_STAGES`].
    Stages,
    /// [`MAX_LANES`].
    Lanes,
    /// [`MAX_PERSONAS`].
    Personas,
    /// [`MAX_CARDS`].
    Cards,
    /// [`MAX_NOTES`].
    Notes,
    /// [`MAX_DISMISSED`].
    Dismissed,
    /// [`MAX_VOTERS`].
    Voters,
}

impl Limit {
    /// The largest size allowed: characters for a text, elements for a list.
    pub fn max(self) -> usize {
        match self {
            Self::Line => LINE_CHARS,
            Self::Paragraph => PARAGRAPH_CHARS,
            Self::Path => PATH_CHARS,
            Self::ListItems => LIST_ITEMS,
            Self::Stages => MAX_STAGES,
            Self::Lanes => MAX_LANES,
            Self::Personas => MAX_PERSONAS,
            Self::Cards => MAX_CARDS,
            Self::Notes => MAX_NOTES,
            Self::Dismissed => MAX_DISMISSED,
            Self::Voters => MAX_VOTERS,
        }
    }

    /// What the cap is counted in, and (for texts) which texts it is for.
    fn unit(self) -> &'static str {
        match self {
            Self::Line => "characters, more than the {max} a title, name, tag or label may have",
            Self::Paragraph => "characters, more than the {max} a description, details or quote may have",
            Self::Path => "characters, more than the {max} a path or link may have",
            Self::ListItems => "items, more than the {max} one list (tags, goals, labels, metrics) may have",
            Self::Stages => "stages, more than the {max} a map may have",
            Self::Lanes => "lanes, more than the {max} a map may have",
            Self::Personas => "personas, more than the {max} a map may have",
            Self::Cards => "cards, more than the {max} a map may have",
            Self::Notes => "notes, more than the {max} the inbox may hold",
            Self::Dismissed => "dismissed note ids, more than the {max} a map may remember",
            Self::Voters => "participants voting, more than the {max} one card may have",
        }
    }

    /// What to do about it.
    fn hint(self) -> &'static str {
        match self {
            Self::Line => "shorten it (longer text belongs in a card's details or a description)",
            Self::Paragraph => "shorten it or split it over several cards",
            Self::Path => "use a shorter path or link",
            Self::ListItems => "remove some",
            Self::Stages | Self::Lanes | Self::Personas | Self::Cards => "split the map into several maps",
            Self::Notes => "make some notes into cards or dismiss them",
            Self::Dismissed => {
                "remove the oldest ids from `dismissed` (a phone resending one of those notes could post it again)"
            }
            Self::Voters => "close the vote or clear the card's votes",
        }
    }

    /// `has N characters, more than the M … may have; hint`, or `has more than M …` when the
    /// exact size is not known (a list refused while it was read).
    fn describe(self, size: Option<usize>) -> String {
        let max = grouped(self.max());
        let unit = self.unit().replace("{max}", &max);
        if let Some(size) = size {
            format!("has {} {unit}; {}", grouped(size), self.hint())
        } else {
            let (noun, rest) = unit.split_once(", more than the ").unwrap_or((&unit, ""));
            let rest = rest.strip_prefix(&max).unwrap_or(rest).trim_start();
            format!("has more than {max} {noun}, the most {rest}; {}", self.hint())
        }
    }
}

/// Something in a map over a cap: what, how big, and which cap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// What is too big, in words: "the map", or "the title of card" and the card's id.
    pub what: String,
    /// Its size: characters for a text, elements for a list.
    pub size: usize,
    /// The cap it crosses.
    pub limit: Limit,
}

impl fmt::Display for Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.what, self.limit.describe(Some(self.size)))
    }
}

impl std::error::Error for Overflow {}

/// `20000` as `20,000`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Characters in `value`, when over the text cap `limit`.
fn text_overflow(limit: Limit, value: &str) -> Option<usize> {
    // A string has at least as many bytes as characters: most texts need no count at all.
    if value.len() <= limit.max() {
        return None;
    }
    let chars = value.chars().count();
    (chars > limit.max()).then_some(chars)
}

/// Checks one text against a text cap; `what` names it for the message.
pub fn text(limit: Limit, value: &str, what: impl FnOnce() -> String) -> Result<(), Overflow> {
    match text_overflow(limit, value) {
        Some(size) => Err(Overflow { what: what(), size, limit }),
        None => Ok(()),
    }
}

/// Checks a number of elements against a count cap.
pub fn count(limit: Limit, size: usize, what: impl FnOnce() -> String) -> Result<(), Overflow> {
    if size > limit.max() { Err(Overflow { what: what(), size, limit }) } else { Ok(()) }
}

/// Checks an optional path or link.
fn path(value: Option<&String>, what: impl FnOnce() -> String) -> Result<(), Overflow> {
    value.map_or(Ok(()), |v| text(Limit::Path, v, what))
}

/// Checks a list of one-line texts: its length and each item.
pub fn lines(items: &[String], what: impl Fn() -> String) -> Result<(), Overflow> {
    count(Limit::ListItems, items.len(), &what)?;
    items.iter().try_for_each(|item| text(Limit::Line, item, || format!("an item of {}", what())))
}

/// Checks the labels of an emotion scale.
pub fn emotion_scale(scale: &EmotionScale) -> Result<(), Overflow> {
    let what = || "the emotion labels".to_owned();
    count(Limit::ListItems, scale.labels.len(), what)?;
    scale.labels.iter().try_for_each(|(level, label)| {
        text(Limit::Line, label, || format!("the emotion label for level {level}"))
    })
}

/// Checks a stage's custom metrics.
pub fn custom_metrics(metrics: &[CustomMetric], stage: &str) -> Result<(), Overflow> {
    count(Limit::ListItems, metrics.len(), || format!("the custom metrics of stage `{stage}`"))?;
    metrics.iter().try_for_each(|m| {
        text(Limit::Line, &m.name, || format!("a metric name of stage `{stage}`"))?;
        text(Limit::Line, &m.unit, || format!("a metric unit of stage `{stage}`"))
    })
}

/// Checks every text of a stage.
pub fn stage(stage: &Stage) -> Result<(), Overflow> {
    let id = stage.id.as_str();
    text(Limit::Line, &stage.name, || format!("the name of stage `{id}`"))?;
    text(Limit::Paragraph, &stage.description, || format!("the description of stage `{id}`"))?;
    custom_metrics(&stage.metrics.custom, id)
}

/// Checks every text of a persona.
pub fn persona(persona: &Persona) -> Result<(), Overflow> {
    let id = persona.id.as_str();
    for (field, value) in [
        ("name", &persona.name),
        ("gender", &persona.gender),
        ("family", &persona.family),
        ("occupation", &persona.occupation),
        ("segment", &persona.segment),
    ] {
        text(Limit::Line, value, || format!("the {field} of persona `{id}`"))?;
    }
    for (field, items) in [
        ("hobbies", &persona.hobbies),
        ("buying habits", &persona.buying_habits),
        ("goals", &persona.goals),
        ("frustrations", &persona.frustrations),
    ] {
        lines(items, || format!("the {field} of persona `{id}`"))?;
    }
    text(Limit::Paragraph, &persona.quote, || format!("the quote of persona `{id}`"))?;
    path(persona.photo.as_ref(), || format!("the photo path of persona `{id}`"))
}

/// Checks every text of a lane.
pub fn lane(lane: &Lane) -> Result<(), Overflow> {
    text(Limit::Line, &lane.title, || format!("the title of lane `{}`", lane.id))
}

/// Checks every text of a card.
pub fn card(card: &Card) -> Result<(), Overflow> {
    let id = card.id.as_str();
    text(Limit::Line, &card.title, || format!("the title of card `{id}`"))?;
    text(Limit::Paragraph, &card.details, || format!("the details of card `{id}`"))?;
    lines(&card.tags, || format!("the tags of card `{id}`"))?;
    path(card.link.as_ref(), || format!("the link of card `{id}`"))?;
    count(Limit::Voters, card.votes.len(), || format!("card `{id}`"))
}

/// Checks every text of a workshop-room note.
pub fn note(note: &Note) -> Result<(), Overflow> {
    let id = note.id.as_str();
    text(Limit::Line, &note.text, || format!("the text of note `{id}`"))?;
    text(Limit::Line, &note.author, || format!("the author's name of note `{id}`"))
}

/// Checks the workshop room's data: the inbox and its notes, the dismissed ids, the vote's kinds
/// (the votes are checked with their cards).
pub fn room(map: &Map) -> Result<(), Overflow> {
    let the_map = || "the map".to_owned();
    count(Limit::Notes, map.inbox.len(), the_map)?;
    count(Limit::Dismissed, map.dismissed.len(), the_map)?;
    if let Some(vote) = &map.vote {
        count(Limit::ListItems, vote.kinds.len(), || "the kinds of the vote".to_owned())?;
    }
    map.inbox.iter().try_for_each(note)
}

/// Checks the map's own texts (title, description, author…), not its elements.
pub fn map_fields(map: &Map) -> Result<(), Overflow> {
    for (field, value) in [
        ("title", &map.title),
        ("language", &map.language),
        ("author", &map.author),
        ("revision", &map.revision),
    ] {
        text(Limit::Line, value, || format!("the map's {field}"))?;
    }
    text(Limit::Paragraph, &map.description, || "the map's description".to_owned())?;
    path(map.logo.as_ref(), || "the map's logo path".to_owned())?;
    emotion_scale(&map.emotion_scale)
}

/// Checks the numbers of stages, lanes, personas and cards.
pub fn counts(map: &Map) -> Result<(), Overflow> {
    let the_map = || "the map".to_owned();
    count(Limit::Stages, map.stages.len(), the_map)?;
    count(Limit::Lanes, map.lanes.len(), the_map)?;
    count(Limit::Personas, map.personas.len(), the_map)?;
    count(Limit::Cards, map.cards.len(), the_map)
}

/// Checks a whole map against every cap; the first overflow found, in file order.
pub fn check(map: &Map) -> Result<(), Overflow> {
    map_fields(map)?;
    counts(map)?;
    map.stages.iter().try_for_each(stage)?;
    map.personas.iter().try_for_each(persona)?;
    map.lanes.iter().try_for_each(lane)?;
    map.cards.iter().try_for_each(card)?;
    room(map)
}

/// `deserialize_with` helpers: the caps applied while a file is read, so that the parser's
/// error points at the offending text or element, and a list over its cap is refused as soon as
/// the element past the cap is read.
pub mod de {
    use super::{Limit, text_overflow};
    use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use std::collections::BTreeMap;
    use std::fmt;
    use std::marker::PhantomData;

    fn checked<E: Error>(limit: Limit, value: String) -> Result<String, E> {
        match text_overflow(limit, &value) {
            Some(size) => Err(E::custom(format!("this text {}", limit.describe(Some(size))))),
            None => Ok(value),
        }
    }

    /// A one-line text ([`super::LINE_CHARS`]).
    pub fn line<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        checked(Limit::Line, String::deserialize(d)?)
    }

    /// A paragraph ([`super::PARAGRAPH_CHARS`]).
    pub fn paragraph<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        checked(Limit::Paragraph, String::deserialize(d)?)
    }

    /// An optional path or link ([`super::PATH_CHARS`]).
    pub fn path<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Option::<String>::deserialize(d)?.map(|v| checked(Limit::Path, v)).transpose()
    }

    /// A list of one-line texts ([`super::LIST_ITEMS`] items).
    pub fn lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let items: Vec<Line> =
            d.deserialize_seq(Bounded { limit: Limit::ListItems, what: "list", item: PhantomData })?;
        Ok(items.into_iter().map(|l| l.0).collect())
    }

    /// The labels of an emotion scale ([`super::LIST_ITEMS`] labels). Levels are numbers (RON)
    /// or numbers written as text (JSON, whose object keys are strings: the workshop room sends
    /// maps and commands as JSON).
    pub fn labels<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<i32, String>, D::Error> {
        let labels = BTreeMap::<LevelKey, Line>::deserialize(d)?;
        if labels.len() > Limit::ListItems.max() {
            return Err(D::Error::custom(format!(
                "the emotion scale {}",
                Limit::ListItems.describe(Some(labels.len()))
            )));
        }
        Ok(labels.into_iter().map(|(level, label)| (level.0, label.0)).collect())
    }

    /// The notes of the workshop room's inbox ([`super::MAX_NOTES`]).
    pub fn notes<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, Limit::Notes, "inbox")
    }

    /// The ids of dismissed room notes ([`super::MAX_DISMISSED`]).
    pub fn dismissed<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, Limit::Dismissed, "list")
    }

    /// The dot votes on a card, by participant ([`super::MAX_VOTERS`]); stops at the entry past
    /// the cap.
    pub fn votes<'de, D: Deserializer<'de>, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
    {
        d.deserialize_map(BoundedMap { limit: Limit::Voters, item: PhantomData })
    }

    /// Reads a map and stops at the first entry past the cap.
    struct BoundedMap<K, V> {
        limit: Limit,
        item: PhantomData<(K, V)>,
    }

    impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for BoundedMap<K, V> {
        type Value = BTreeMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<BTreeMap<K, V>, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = entries.next_entry()? {
                if out.len() == self.limit.max() {
                    return Err(A::Error::custom(format!("this card {}", self.limit.describe(None))));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }

    /// An emotion level as a map key: a number, or a number written as text.
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    struct LevelKey(i32);

    impl<'de> Deserialize<'de> for LevelKey {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct LevelVisitor;
            impl Visitor<'_> for LevelVisitor {
                type Value = LevelKey;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an emotion level (a whole number)")
                }
                fn visit_i64<E: Error>(self, v: i64) -> Result<LevelKey, E> {
                    i32::try_from(v)
                        .map(LevelKey)
                        .map_err(|_| E::custom(format!("emotion level {v} is out of range")))
                }
                fn visit_u64<E: Error>(self, v: u64) -> Result<LevelKey, E> {
                    i32::try_from(v)
                        .map(LevelKey)
                        .map_err(|_| E::custom(format!("emotion level {v} is out of range")))
                }
                fn visit_str<E: Error>(self, v: &str) -> Result<LevelKey, E> {
                    v.trim()
                        .parse()
                        .map(LevelKey)
                        .map_err(|_| E::custom(format!("emotion level {v:?} is not a whole number")))
                }
            }
            deserializer.deserialize_any(LevelVisitor)
        }
    }

    /// A list of elements with a cap on their number.
    pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
        limit: Limit,
        what: &'static str,
    ) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(Bounded { limit, what, item: PhantomData })
    }

    /// The stages of a map ([`super::MAX_STAGES`]).
    pub fn stages<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, Limit::Stages, "map")
    }

    /// The lanes of a map ([`super::MAX_LANES`]).
    pub fn lanes<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, Limit::Lanes, "map")
    }

    /// The personas of a map ([`super::MAX_PERSONAS`]).
    pub fn personas<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, Limit::Personas, "map")
    }

    /// The cards of a map ([`super::MAX_CARDS`]).
    pub fn cards<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, Limit::Cards, "map")
    }

    /// The custom metrics of a stage ([`super::LIST_ITEMS`]).
    pub fn metrics<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, Limit::ListItems, "list")
    }

    /// A one-line text inside a list.
    struct Line(String);

    impl<'de> Deserialize<'de> for Line {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            line(d).map(Line)
        }
    }

    /// Reads a list and stops at the first element past the cap.
    struct Bounded<T> {
        limit: Limit,
        what: &'static str,
        item: PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                if out.len() == self.limit.max() {
                    return Err(A::Error::custom(format!(
                        "this {} {}",
                        self.what,
                        self.limit.describe(None)
                    )));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    #[test]
    fn messages_say_what_how_big_and_what_to_do() {
        let mut card = Card::new(Id::from("c-1"), Id::from("l"), Id::from("s"), "é".repeat(1_001));
        assert_eq!(
            super::card(&card).unwrap_err().to_string(),
            "the title of card `c-1` has 1,001 characters, more than the 1,000 a title, name, tag or \
             label may have; shorten it (longer text belongs in a card's details or a description)"
        );
        card.title = "é".repeat(1_000);
        assert!(super::card(&card).is_ok(), "1,000 characters (2,000 bytes) fit");
        card.tags = vec!["x".into(); 201];
        assert!(
            super::card(&card).unwrap_err().to_string().starts_with("the tags of card `c-1` has 201 items")
        );
        assert_eq!(
            Limit::Cards.describe(None),
            "has more than 20,000 cards, the most a map may have; split the map into several maps"
        );
    }

    #[test]
    fn counts_and_every_element_are_checked() {
        let mut map = crate::model::generate::large_map(3, 2, 10, 1);
        assert!(check(&map).is_ok());
        map.lanes[1].title = "x".repeat(LINE_CHARS + 1);
        assert_eq!(check(&map).unwrap_err().limit, Limit::Line);
        map.lanes[1].title.clear();
        map.personas[0].goals.push("y".repeat(LINE_CHARS + 1));
        assert!(check(&map).unwrap_err().what.contains("goals of persona"));
        map.personas[0].goals.clear();
        map.cards.extend(std::iter::repeat_n(map.cards[0].clone(), MAX_CARDS));
        assert_eq!(
            check(&map).unwrap_err(),
            Overflow { what: "the map".into(), size: MAX_CARDS + 10, limit: Limit::Cards }
        );
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(
            [grouped(0), grouped(999), grouped(1_000), grouped(1_234_567)],
            ["0", "999", "1,000", "1,234,567"]
        );
    }
}
