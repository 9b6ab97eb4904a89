//! Searching and filtering cards: what the canvas highlights and what it dims.
//!
//! A [`Filter`] holds a search text and sets of personas, lanes, channels, kinds and tags; an empty
//! set puts no constraint. A card passes when it passes every constraint (and, between the sets),
//! and within one set it needs to match one element (or). [`search`] lists the cards that pass, in
//! reading order, so the designer can step through them; [`Filter::dimmed`] lists those that do
//! not, for `LayoutOptions::dimmed`.
//!
//! **Text** is compared folded ([`fold`]): lower case, accents removed, `œ` as `oe`, `æ` as `ae`,
//! `ß` as `ss`, typographic apostrophes and no-break spaces made plain. The search text is cut into
//! words; every word must occur (as a part of a word: `ecran` finds `Écrans`) in the card's title,
//! details or tags, or in the French or English name of its channel or kind (`téléphone` and
//! `phone` both find a Phone card, `douleur` finds a pain point).
//!
//! **Personas and shared lanes**: a persona filter keeps the cards of that persona's lanes and
//! drops the cards of other personas' lanes; cards in shared lanes (thoughts, pain points,
//! backstage…) stay, because they belong to every persona's journey. A lane filter is the way to
//! narrow those down: when both are set, a card must pass both.

use crate::lang::Lang;
use crate::model::{Card, CardKind, Channel, Id, Map};
use std::collections::{BTreeMap, BTreeSet};

/// What to look for among the cards. The default finds every card.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words to find (all of them), folded for case and accents; empty for no text constraint.
    pub text: String,
    /// Keep the cards of these personas' lanes (and every shared lane); empty for all.
    pub personas: BTreeSet<Id>,
    /// Keep the cards of these lanes; empty for all.
    pub lanes: BTreeSet<Id>,
    /// Keep the cards on one of these channels (cards without a channel drop out); empty for all.
    pub channels: BTreeSet<Channel>,
    /// Keep the cards of these kinds; empty for all.
    pub kinds: BTreeSet<CardKind>,
    /// Keep the cards with at least one of these tags (folded: `Noël` = `noel`); empty for all.
    pub tags: BTreeSet<String>,
}

impl Filter {
    /// A filter on search text alone.
    pub fn text(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }

    /// True when the filter constrains anything (a search text with a word in it, or a set).
    pub fn is_active(&self) -> bool {
        fold(&self.text).split_whitespace().next().is_some()
            || !self.personas.is_empty()
            || !self.lanes.is_empty()
            || !self.channels.is_empty()
            || !self.kinds.is_empty()
            || !self.tags.is_empty()
    }

    /// True when `card` passes every constraint. To test many cards, [`search`] and
    /// [`Filter::dimmed`] fold the search text once.
    pub fn matches(&self, map: &Map, card: &Card) -> bool {
        Prepared::new(self).matches(map, card)
    }

    /// The cards drawn on the map that do not pass (none when the filter is inactive), for
    /// `LayoutOptions::dimmed`.
    pub fn dimmed(&self, map: &Map) -> BTreeSet<Id> {
        if !self.is_active() {
            return BTreeSet::new();
        }
        let prepared = Prepared::new(self);
        drawn_cards(map).filter(|card| !prepared.matches(map, card)).map(|card| card.id.clone()).collect()
    }
}

/// The ids of the cards that pass `filter`, in reading order: stage by stage (left to right), then
/// lane by lane (top to bottom), then in their cell's order. Only cards drawn on the map count
/// (not those in hidden lanes or in a lane or stage that does not exist). An inactive filter
/// gives every drawn card.
pub fn search(map: &Map, filter: &Filter) -> Vec<Id> {
    let prepared = Prepared::new(filter);
    let stage_index: BTreeMap<&Id, usize> = map.stages.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let lane_index: BTreeMap<&Id, usize> =
        map.lanes.iter().enumerate().filter(|(_, l)| !l.hidden).map(|(i, l)| (&l.id, i)).collect();
    let mut found: Vec<(usize, usize, u32, &Id)> = map
        .cards
        .iter()
        .filter_map(|card| {
            let stage = *stage_index.get(&card.stage)?;
            let lane = *lane_index.get(&card.lane)?;
            prepared.matches(map, card).then_some((stage, lane, card.order, &card.id))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, _, id)| id.clone()).collect()
}

/// The cards the layout draws: in a visible lane and an existing stage.
fn drawn_cards(map: &Map) -> impl Iterator<Item = &Card> {
    let stages: BTreeSet<&Id> = map.stages.iter().map(|s| &s.id).collect();
    let lanes: BTreeSet<&Id> = map.lanes.iter().filter(|l| !l.hidden).map(|l| &l.id).collect();
    map.cards.iter().filter(move |c| stages.contains(&c.stage) && lanes.contains(&c.lane))
}

/// A filter with its text folded and cut into words once.
struct Prepared<'f> {
    filter: &'f Filter,
    words: Vec<String>,
    tags: BTreeSet<String>,
}

impl<'f> Prepared<'f> {
    fn new(filter: &'f Filter) -> Self {
        Self {
            filter,
            words: fold(&filter.text).split_whitespace().map(str::to_owned).collect(),
            tags: filter.tags.iter().map(|t| fold(t).trim().to_owned()).collect(),
        }
    }

    fn matches(&self, map: &Map, card: &Card) -> bool {
        let f = self.filter;
        if !f.lanes.is_empty() && !f.lanes.contains(&card.lane) {
            return false;
        }
        if !f.personas.is_empty() {
            let persona = map.lane(&card.lane).and_then(|lane| lane.kind.persona());
            // Shared lanes (and a lane that does not exist) belong to every persona.
            if persona.is_some_and(|p| !f.personas.contains(p)) {
                return false;
            }
        }
        if !f.channels.is_empty() && !card.channel.is_some_and(|c| f.channels.contains(&c)) {
            return false;
        }
        if !f.kinds.is_empty() && !f.kinds.contains(&card.kind) {
            return false;
        }
        if !self.tags.is_empty() && !card.tags.iter().any(|t| self.tags.contains(fold(t).trim())) {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        let haystack = haystack(card);
        self.words.iter().all(|word| haystack.contains(word.as_str()))
    }
}

/// Everything a card's text search looks at, folded, separated by newlines (so that no word is
/// found across two fields).
fn haystack(card: &Card) -> String {
    let mut text = String::with_capacity(card.title.len() + card.details.len() + 64);
    let mut push = |part: &str| {
        fold_into(part, &mut text);
        text.push('\n');
    };
    push(&card.title);
    push(&card.details);
    for tag in &card.tags {
        push(tag);
    }
    for lang in [Lang::Fr, Lang::En] {
        if let Some(channel) = card.channel {
            push(lang.channel(channel));
        }
        push(lang.kind(card.kind));
    }
    text
}

/// Text folded for searching: lower case, accents and other marks removed, ligatures spelt out
/// (`œ` → `oe`, `æ` → `ae`, `ß` → `ss`), typographic apostrophes as `'`, dashes as `-`, and every
/// kind of space (no-break, narrow no-break) as a plain space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            // Most of a map's text: only case, backticks and spaces to fold.
            out.push(match c {
                '`' => '\'',
                c if c.is_ascii_whitespace() => ' ',
                c => c.to_ascii_lowercase(),
            });
            continue;
        }
        for lower in c.to_lowercase() {
            match base(lower) {
                Base::Char(b) => out.push(b),
                Base::Str(s) => out.push_str(s),
                Base::Mark => {}
            }
        }
    }
}

/// What a lower-case character folds to.
enum Base {
    Char(char),
    Str(&'static str),
    /// A combining mark (the accent of a decomposed `é`): dropped.
    Mark,
}

/// The base letter of a lower-case Latin letter with diacritics (Latin-1 Supplement and Latin
/// Extended-A, which cover French and the other western European languages).
fn base(c: char) -> Base {
    let b = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'œ' => return Base::Str("oe"),
        'æ' => return Base::Str("ae"),
        'ß' => return Base::Str("ss"),
        'þ' => return Base::Str("th"),
        'ĳ' => return Base::Str("ij"),
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' | '´' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{300}'..='\u{36f}' => return Base::Mark,
        c if c.is_whitespace() => ' ',
        c => c,
    };
    Base::Char(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lane, LaneKind, Persona, Stage};
    use proptest::prelude::*;

    fn example() -> Map {
        let text = include_str!("../maps/ecommerce-fr.ron");
        crate::file::from_str(text, std::path::Path::new("ecommerce-fr.ron")).unwrap()
    }

    /// Two stages, a persona lane for each of two personas, a shared lane and a hidden lane.
    fn small() -> Map {
        let mut map = Map::new("t");
        map.language = "fr".into();
        for id in ["s-1", "s-2"] {
            map.stages.push(Stage {
                id: Id::from(id),
                name: id.into(),
                description: String::new(),
                colour: None,
                metrics: crate::model::Metrics::default(),
            });
        }
        for id in ["p-lea", "p-marc"] {
            map.personas.push(Persona { id: Id::from(id), name: id.into(), ..Persona::default() });
        }
        let lane = |id: &str, kind: LaneKind, hidden: bool| Lane {
            id: Id::from(id),
            title: id.into(),
            kind,
            hidden,
        };
        map.lanes.push(lane("l-lea", LaneKind::Persona(Id::from("p-lea")), false));
        map.lanes.push(lane("l-marc", LaneKind::Persona(Id::from("p-marc")), false));
        map.lanes.push(lane("l-douleurs", LaneKind::PainPoints, false));
        map.lanes.push(lane("l-cachee", LaneKind::Ideas, true));
        let mut card = |id: &str, lane: &str, stage: &str, order: u32, title: &str| {
            let mut c = Card::new(Id::from(id), Id::from(lane), Id::from(stage), title);
            c.order = order;
            map.cards.push(c);
        };
        card("c-a", "l-douleurs", "s-2", 0, "Écran de paiement illisible");
        card("c-b", "l-lea", "s-2", 1, "Appel au SAV");
        card("c-c", "l-lea", "s-2", 0, "Cadeau de Noël");
        card("c-d", "l-marc", "s-1", 0, "Cœur de cible");
        card("c-e", "l-cachee", "s-1", 0, "Écran caché");
        card("c-f", "l-marc", "s-2", 0, "Œuvre d’art");
        map.cards[1].channel = Some(Channel::Phone);
        map.cards[1].details = "12 minutes d’attente".into();
        map.cards[0].kind = CardKind::PainPoint;
        map.cards[2].tags = vec!["Noël".into(), "cadeau".into()];
        map
    }

    fn found(map: &Map, filter: &Filter) -> Vec<String> {
        search(map, filter).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn folding_ignores_case_accents_and_ligatures() {
        assert_eq!(fold("Écran À NOËL"), "ecran a noel");
        assert_eq!(fold("Cœur ŒUVRE Ægée straße"), "coeur oeuvre aegee strasse");
        assert_eq!(fold("l’heure\u{202f}:\u{a0}—"), "l'heure : -");
        // A decomposed é (e + combining acute) folds like the composed one.
        assert_eq!(fold("e\u{301}cran"), "ecran");
        assert_eq!(fold("Tab\tNew\nline `quoted`"), "tab new line 'quoted'");
    }

    #[test]
    fn text_search_is_case_and_accent_insensitive_in_reading_order() {
        let map = small();
        assert_eq!(found(&map, &Filter::text("ecran")), ["c-a"], "the hidden lane's card is not found");
        assert_eq!(found(&map, &Filter::text("ÉCRAN")), ["c-a"]);
        assert_eq!(found(&map, &Filter::text("noel")), ["c-c"]);
        assert_eq!(found(&map, &Filter::text("Noël")), ["c-c"]);
        // œ and oe find each other.
        assert_eq!(found(&map, &Filter::text("coeur")), ["c-d"]);
        assert_eq!(found(&map, &Filter::text("œuvre")), ["c-f"]);
        assert_eq!(found(&map, &Filter::text("oe")), ["c-d", "c-c", "c-f"]);
        // Every word must match, in any field; apostrophes fold.
        assert_eq!(found(&map, &Filter::text("attente sav")), ["c-b"]);
        assert_eq!(found(&map, &Filter::text("d'attente")), ["c-b"]);
        assert!(found(&map, &Filter::text("attente noel")).is_empty());
        // Reading order: stage 1 first, then stage 2 lane by lane, then by order in the cell.
        assert_eq!(found(&map, &Filter::default()), ["c-d", "c-c", "c-b", "c-f", "c-a"]);
        assert_eq!(found(&map, &Filter::text("   ")), found(&map, &Filter::default()));
    }

    #[test]
    fn channel_and_kind_names_match_in_french_and_english() {
        let map = small();
        for query in ["téléphone", "telephone", "phone", "PHONE"] {
            assert_eq!(found(&map, &Filter::text(query)), ["c-b"], "{query}");
        }
        for query in ["point de douleur", "pain point", "douleur"] {
            assert_eq!(found(&map, &Filter::text(query)), ["c-a"], "{query}");
        }
        assert_eq!(found(&map, &Filter::text("touchpoint sav")), ["c-b"]);
    }

    #[test]
    fn sets_constrain_each_field_and_combine() {
        let map = small();
        let personas = Filter { personas: [Id::from("p-lea")].into(), ..Filter::default() };
        // Léa's lane and the shared lane; not Marc's.
        assert_eq!(found(&map, &personas), ["c-c", "c-b", "c-a"]);
        let lanes = Filter { lanes: [Id::from("l-lea")].into(), ..personas.clone() };
        assert_eq!(found(&map, &lanes), ["c-c", "c-b"]);
        let channels = Filter { channels: [Channel::Phone, Channel::Web].into(), ..Filter::default() };
        assert_eq!(found(&map, &channels), ["c-b"]);
        let kinds = Filter { kinds: [CardKind::PainPoint].into(), ..Filter::default() };
        assert_eq!(found(&map, &kinds), ["c-a"]);
        let tags = Filter { tags: ["NOEL".to_owned()].into(), ..Filter::default() };
        assert_eq!(found(&map, &tags), ["c-c"]);
        let both = Filter { tags: ["noel".to_owned()].into(), text: "sav".into(), ..Filter::default() };
        assert!(found(&map, &both).is_empty());
        assert!(tags.is_active() && !Filter::text(" ").is_active() && !Filter::default().is_active());
    }

    #[test]
    fn dimmed_is_every_drawn_card_that_does_not_match() {
        let map = small();
        assert!(Filter::default().dimmed(&map).is_empty());
        let dimmed = Filter::text("écran").dimmed(&map);
        let expected: BTreeSet<Id> = ["c-b", "c-c", "c-d", "c-f"].into_iter().map(Id::from).collect();
        assert_eq!(dimmed, expected);
    }

    #[test]
    fn the_french_example_is_searchable() {
        let map = example();
        let hits = search(&map, &Filter::text("livraison"));
        assert!(hits.len() >= 3, "{hits:?}");
        for id in &hits {
            let card = map.card(id).unwrap();
            assert!(
                fold(&format!("{} {} {}", card.title, card.details, card.tags.join(" ")))
                    .contains("livraison")
            );
        }
        // Every drawn card is found by an empty filter, in reading order (stage by stage).
        let all = search(&map, &Filter::default());
        assert_eq!(all.len(), map.cards.len());
        let stage_of = |id: &Id| map.stages.iter().position(|s| s.id == map.card(id).unwrap().stage).unwrap();
        assert!(all.windows(2).all(|w| stage_of(&w[0]) <= stage_of(&w[1])));
    }

    fn arb_card() -> impl Strategy<Value = Card> {
        (
            "[a-z]{1,3}",
            0..4_usize,
            0..3_usize,
            any::<u32>(),
            "\\PC{0,24}",
            "\\PC{0,24}",
            proptest::sample::select(CardKind::ALL.to_vec()),
            proptest::option::of(proptest::sample::select(Channel::ALL.to_vec())),
            proptest::collection::vec("\\PC{0,8}", 0..3),
        )
            .prop_map(|(id, lane, stage, order, title, details, kind, channel, tags)| {
                let mut card = Card::new(
                    Id::from(format!("c-{id}")),
                    Id::from(format!("l-{lane}")),
                    Id::from(format!("s-{stage}")),
                    title,
                );
                card.order = order;
                card.details = details;
                card.kind = kind;
                card.channel = channel;
                card.tags = tags;
                card
            })
    }

    proptest! {
        #[test]
        fn an_empty_filter_matches_every_card(cards in proptest::collection::vec(arb_card(), 0..12)) {
            let mut map = small();
            map.cards = cards;
            let filter = Filter::default();
            prop_assert!(!filter.is_active());
            for card in &map.cards {
                prop_assert!(filter.matches(&map, card));
            }
            prop_assert!(filter.dimmed(&map).is_empty());
            let drawn = drawn_cards(&map).count();
            prop_assert_eq!(search(&map, &filter).len(), drawn);
        }

        #[test]
        fn folding_is_idempotent_and_a_card_finds_itself(card in arb_card()) {
            let folded = fold(&card.title);
            prop_assert_eq!(fold(&folded), folded.clone());
            let mut map = small();
            map.cards = vec![card.clone()];
            prop_assert!(Filter::text(card.title.clone()).matches(&map, &card));
        }
    }
}
