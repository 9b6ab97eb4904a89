//! Semantic diff and three-way merge of maps, by element id and field name.
//!
//! Git sees lines; people see stages, personas, lanes and cards. This module compares two maps
//! ([`diff()`]) and merges two edits of a common base ([`merge3`]) element by element: elements are
//! matched by id, and each element is a short list of named fields (a card's `lane`, `stage`,
//! `order`, `title`, `emotion`…) compared and merged one by one. It works on [`Map`] values only;
//! the command line reads and writes the files.
//!
//! Every field has a name and a value written as one line of RON; that is what conflicts record
//! (`Conflict { element, field, ours, theirs }`) and what [`resolve`] reads back.

mod diff;
mod merge;
pub mod word_diff;

pub use diff::{Change, ChangeKind, FieldChange, MapDiff, diff};
pub use merge::{DELETED, MergeOutcome, ResolveError, Side, merge3, resolve};

use crate::model::{Card, Id, Lane, Map, Note, Persona, Stage};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A fast hasher for id lookup tables (the mixing step of `FxHash`): ids are short and not chosen by an
/// attacker, so the protection of `SipHash` is not needed, and it dominated the merge of large maps.
#[derive(Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // The multiply only mixes upwards; fold the high bits down so that the table's index
        // bits depend on every byte of the id.
        let mixed = self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        mixed ^ (mixed >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

/// Builds [`IdHasher`]s.
pub(crate) type IdHash = std::hash::BuildHasherDefault<IdHasher>;
/// A lookup table keyed by id (never iterated for output).
pub(crate) type IdMap<K, V> = std::collections::HashMap<K, V, IdHash>;
/// A lookup set of ids (never iterated for output).
pub(crate) type IdSet<K> = std::collections::HashSet<K, IdHash>;

/// The kinds of element a diff or a conflict can be about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementKind {
    /// The map itself: title, description, emotion scale, the order of its lists.
    Map,
    /// A stage (column).
    Stage,
    /// A persona.
    Persona,
    /// A lane (row).
    Lane,
    /// A card.
    Card,
    /// An entry of the map's list of unresolved merge conflicts.
    Conflict,
    /// A note in the workshop room's inbox.
    Note,
}

impl ElementKind {
    /// The word used in diffs and messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Map => "map",
            Self::Stage => "stage",
            Self::Persona => "persona",
            Self::Lane => "lane",
            Self::Card => "card",
            Self::Conflict => "conflict",
            Self::Note => "note",
        }
    }
}

/// One named field of an element type: how to compare it, copy it, write it and read it back.
pub(crate) struct Field<T> {
    /// The field's name as in the file (`emotion`), or a path into a nested value (`metrics.nps`).
    pub name: &'static str,
    /// True when the field holds the same value in both elements.
    pub same: fn(&T, &T) -> bool,
    /// Copies the field from the second element into the first.
    pub take: fn(&mut T, &T),
    /// The field's value as one line of RON.
    pub ron: fn(&T) -> String,
    /// Sets the field from one line of RON.
    pub set: fn(&mut T, &str) -> Result<(), ron::error::SpannedError>,
    /// Merges a field changed on both sides into the first element, given (base, ours, theirs),
    /// for fields finer than one value (a card's votes, by participant); false when it cannot.
    pub merge: Option<MergeFn<T>>,
}

/// Merges one field changed on both sides: (merged, base, ours, theirs) → merged cleanly.
pub(crate) type MergeFn<T> = fn(&mut T, &T, &T, &T) -> bool;

/// Builds the field table of a type: `fields!(Card { "title" => title, "metrics.nps" => metrics.nps })`.
macro_rules! fields {
    (@merge) => { None };
    (@merge $merge:expr) => { Some($merge) };
    ($t:ty { $($name:literal => $($path:ident).+ $(with $merge:expr)?),* $(,)? }) => {
        &[$(Field::<$t> {
            name: $name,
            same: |a, b| a.$($path).+ == b.$($path).+,
            take: |a, b| a.$($path).+.clone_from(&b.$($path).+),
            ron: |a| ron_line(&a.$($path).+),
            set: |a, text| {
                a.$($path).+ = ron::from_str(text)?;
                Ok(())
            },
            merge: fields!(@merge $($merge)?),
        }),*]
    };
}

/// The map's own fields (its lists are merged element by element, not here).
pub(crate) const MAP_FIELDS: &[Field<Map>] = fields!(Map {
    "title" => title,
    "description" => description,
    "language" => language,
    "author" => author,
    "revision" => revision,
    "logo" => logo,
    "emotion_scale" => emotion_scale,
    "vote" => vote,
    "dismissed" => dismissed with merge_dismissed,
});

/// Dismissed notes merge as a set: dismissed on either side stays dismissed (ours first).
fn merge_dismissed(merged: &mut Map, base: &Map, ours: &Map, theirs: &Map) -> bool {
    let undismissed = |side: &Map, id: &Id| base.dismissed.contains(id) && !side.dismissed.contains(id);
    let mut out: Vec<Id> = Vec::new();
    for id in ours.dismissed.iter().chain(&theirs.dismissed) {
        if !out.contains(id) && !undismissed(ours, id) && !undismissed(theirs, id) {
            out.push(id.clone());
        }
    }
    merged.dismissed = out;
    true
}

/// A card's votes merge by participant: each participant's dots on the card are one value.
fn merge_votes(merged: &mut Card, base: &Card, ours: &Card, theirs: &Card) -> bool {
    let mut out = ours.votes.clone();
    for participant in ours.votes.keys().chain(theirs.votes.keys()).chain(base.votes.keys()) {
        let (b, o, t) =
            (base.votes.get(participant), ours.votes.get(participant), theirs.votes.get(participant));
        let value = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            return false;
        };
        match value {
            Some(n) => out.insert(participant.clone(), *n),
            None => out.remove(participant),
        };
    }
    merged.votes = out;
    true
}

/// An element of one of the map's lists, with its field table.
pub(crate) trait Element: Clone + PartialEq + Serialize + DeserializeOwned + 'static {
    /// What kind of element this is.
    const KIND: ElementKind;
    /// Whether the list's order means something on the map (stages left to right, lanes top to
    /// bottom). Cards are placed by their fields; their order in the file is only creation order.
    const ORDERED: bool;
    /// The element's id.
    fn id(&self) -> &Id;
    /// The element's fields, except its id.
    fn fields() -> &'static [Field<Self>];
    /// The map's list of these elements.
    fn list(map: &Map) -> &Vec<Self>;
    /// The map's list of these elements, to change.
    fn list_mut(map: &mut Map) -> &mut Vec<Self>;
    /// A short human label: the name or title, else the id.
    fn label(&self, map: &Map) -> String;
    /// A card's place: lane, stage and order in its cell; `None` for other elements.
    fn place(&self) -> Option<(&Id, &Id, u32)> {
        None
    }
}

impl Element for Stage {
    const KIND: ElementKind = ElementKind::Stage;
    const ORDERED: bool = true;
    fn id(&self) -> &Id {
        &self.id
    }
    fn fields() -> &'static [Field<Self>] {
        fields!(Stage {
            "name" => name,
            "description" => description,
            "colour" => colour,
            "metrics.nps" => metrics.nps,
            "metrics.ces" => metrics.ces,
            "metrics.csat" => metrics.csat,
            "metrics.conversion" => metrics.conversion,
            "metrics.drop_off" => metrics.drop_off,
            "metrics.custom" => metrics.custom,
        })
    }
    fn list(map: &Map) -> &Vec<Self> {
        &map.stages
    }
    fn list_mut(map: &mut Map) -> &mut Vec<Self> {
        &mut map.stages
    }
    fn label(&self, _map: &Map) -> String {
        short(&self.name)
    }
}

impl Element for Persona {
    const KIND: ElementKind = ElementKind::Persona;
    const ORDERED: bool = true;
    fn id(&self) -> &Id {
        &self.id
    }
    fn fields() -> &'static [Field<Self>] {
        fields!(Persona {
            "name" => name,
            "age" => age,
            "gender" => gender,
            "family" => family,
            "occupation" => occupation,
            "hobbies" => hobbies,
            "buying_habits" => buying_habits,
            "goals" => goals,
            "frustrations" => frustrations,
            "quote" => quote,
            "segment" => segment,
            "colour" => colour,
            "photo" => photo,
        })
    }
    fn list(map: &Map) -> &Vec<Self> {
        &map.personas
    }
    fn list_mut(map: &mut Map) -> &mut Vec<Self> {
        &mut map.personas
    }
    fn label(&self, _map: &Map) -> String {
        short(&self.name)
    }
}

impl Element for Lane {
    const KIND: ElementKind = ElementKind::Lane;
    const ORDERED: bool = true;
    fn id(&self) -> &Id {
        &self.id
    }
    fn fields() -> &'static [Field<Self>] {
        fields!(Lane { "title" => title, "kind" => kind, "hidden" => hidden })
    }
    fn list(map: &Map) -> &Vec<Self> {
        &map.lanes
    }
    fn list_mut(map: &mut Map) -> &mut Vec<Self> {
        &mut map.lanes
    }
    fn label(&self, map: &Map) -> String {
        lane_name(map, self)
    }
}

impl Element for Card {
    const KIND: ElementKind = ElementKind::Card;
    const ORDERED: bool = false;
    fn id(&self) -> &Id {
        &self.id
    }
    fn fields() -> &'static [Field<Self>] {
        fields!(Card {
            "lane" => lane,
            "stage" => stage,
            "order" => order,
            "title" => title,
            "details" => details,
            "kind" => kind,
            "channel" => channel,
            "presence" => presence,
            "emotion" => emotion,
            "tags" => tags,
            "link" => link,
            "colour" => colour,
            "from_note" => from_note,
            "votes" => votes with merge_votes,
        })
    }
    fn list(map: &Map) -> &Vec<Self> {
        &map.cards
    }
    fn list_mut(map: &mut Map) -> &mut Vec<Self> {
        &mut map.cards
    }
    fn label(&self, _map: &Map) -> String {
        short(&self.title)
    }
    fn place(&self) -> Option<(&Id, &Id, u32)> {
        Some((&self.lane, &self.stage, self.order))
    }
}

impl Element for Note {
    const KIND: ElementKind = ElementKind::Note;
    const ORDERED: bool = false;
    fn id(&self) -> &Id {
        &self.id
    }
    fn fields() -> &'static [Field<Self>] {
        fields!(Note {
            "text" => text,
            "stage" => stage,
            "kind" => kind,
            "emotion" => emotion,
            "author" => author,
            "participant" => participant,
        })
    }
    fn list(map: &Map) -> &Vec<Self> {
        &map.inbox
    }
    fn list_mut(map: &mut Map) -> &mut Vec<Self> {
        &mut map.inbox
    }
    fn label(&self, _map: &Map) -> String {
        short(&self.text)
    }
}

/// A value as one line of RON, with text written literally (`é`, `«`) as in map files.
pub(crate) fn ron_line<T: Serialize + ?Sized>(value: &T) -> String {
    ron_with(value, false)
}

/// A whole element as one line of RON with its type name, e.g. `Card(id: "c-1", …)`, so that
/// [`resolve`] can tell which list it belongs to.
pub(crate) fn element_ron<T: Serialize>(value: &T) -> String {
    ron_with(value, true)
}

fn ron_with<T: Serialize + ?Sized>(value: &T, struct_names: bool) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("")
        .indentor("")
        .separator(" ")
        .struct_names(struct_names)
        .compact_arrays(true)
        .compact_maps(true)
        .compact_structs(true)
        .escape_strings(true);
    // The model holds only strings, numbers, options, lists and maps: RON can always write them.
    ron::ser::to_string_pretty(value, config).unwrap_or_else(|error| format!("/* {error} */"))
}

/// At most 40 characters of a name, on one line, cut between words with `…` when too long.
pub(crate) fn short(text: &str) -> String {
    const LIMIT: usize = 40;
    let line = text.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(LIMIT).collect();
    if line.chars().count() > LIMIT {
        if let Some(space) = out.rfind(' ').filter(|at| *at >= LIMIT / 2) {
            out.truncate(space);
        }
        out = out.trim_end().to_owned();
        out.push('…');
    } else if text.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

/// What a lane is called: its title, else its persona's name, else its kind, else its id.
fn lane_name(map: &Map, lane: &Lane) -> String {
    if !lane.title.trim().is_empty() {
        return short(&lane.title);
    }
    if let Some(persona) = lane.kind.persona() {
        return map.persona(persona).map_or_else(|| persona.to_string(), |p| short(&p.name));
    }
    lane.kind.name().to_owned()
}

/// A cell described for people: `Achat × Léa` (stage name × lane name), ids when unknown.
pub(crate) fn cell_name(map: &Map, lane: &Id, stage: &Id) -> String {
    let stage_name = map
        .stage(stage)
        .map(|s| short(&s.name))
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| stage.to_string());
    let lane_name = map.lane(lane).map_or_else(|| lane.to_string(), |l| lane_name(map, l));
    format!("{stage_name} × {lane_name}")
}
