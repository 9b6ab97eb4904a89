//! The difference between two maps, element by element.
//!
//! # JSON form
//!
//! [`MapDiff::to_json`] writes one object, stable between versions (fields may be added, never
//! renamed):
//!
//! ```json
//! { "equal": false,
//!   "changes": [
//!     { "change": "changed", "element": "card", "id": "c-7kq2", "label": "Frais de livraison…",
//!       "fields": [ { "field": "emotion", "old": "Some(2)", "new": "Some(-1)" },
//!                   { "field": "title", "old": "\"Frais de livraison\"", "new": "\"Frais de port\"",
//!                     "words": [ { "same": "Frais de " }, { "change": { "old": "livraison", "new": "port" } } ] } ] },
//!     { "change": "moved", "element": "card", "id": "c-9x3m", "label": "Appel au SAV",
//!       "from": "Comparaison × Léa", "to": "Achat × Léa" },
//!     { "change": "added", "element": "stage", "id": "s-retour", "label": "Retour", "to": "position 8",
//!       "value": "Stage(id: \"s-retour\", name: \"Retour\")" } ] }
//! ```
//!
//! - `change`: `added`, `removed`, `changed` (fields differ) or `moved` (a stage, persona or lane
//!   changed position; a card changed cell or order in its cell).
//! - `element`: `map`, `stage`, `persona`, `lane`, `card`, `note` (in the workshop room's inbox)
//!   or `conflict`; `id` is empty for the map.
//! - `label`: the element's name or title, cut to 40 characters.
//! - `from` / `to`: where the element was and is (`Achat × Léa`, `position 3`), when it has a place.
//! - `fields`: for `changed`, each field that differs, with both values as RON; `words` is the
//!   word-level difference when both values are text.
//! - `value`: the whole element as RON, for `added` and `removed`.
//!
//! Changes come grouped by element, in this order: the map's own fields, stages, personas, lanes,
//! cards, notes, conflicts; removed elements first (in the old file's order), then the others in the new
//! file's order. An element can have a `moved` and a `changed` entry, in that order.

use super::word_diff::{WordPart, diff_words, render};
use super::{Element, ElementKind, IdMap, MAP_FIELDS, cell_name, element_ron, short};
use crate::model::{Card, Conflict, Id, Lane, Map, Note, Persona, Stage};
use serde::Serialize;
use std::collections::BTreeSet;

/// What happened to an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// In the new map only.
    Added,
    /// In the old map only.
    Removed,
    /// In both, with different field values.
    Changed,
    /// In both, at another place.
    Moved,
}

/// One field that differs, with both values as RON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's name, e.g. `emotion` or `metrics.nps`.
    pub field: String,
    /// The old value, as RON.
    pub old: String,
    /// The new value, as RON.
    pub new: String,
    /// The word-level difference, when both values are text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<WordPart>>,
}

/// One change to one element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What happened.
    pub change: ChangeKind,
    /// What kind of element it happened to.
    pub element: ElementKind,
    /// The element's id (empty for the map itself).
    pub id: Id,
    /// The element's name or title, short.
    pub label: String,
    /// Where the element was, when it has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Where the element is now, when it has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The fields that differ (for `changed`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    /// The whole element as RON (for `added` and `removed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The difference between two maps: empty when they mean the same.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MapDiff {
    /// True when there is no change.
    pub equal: bool,
    /// The changes, grouped by element.
    pub changes: Vec<Change>,
}

impl MapDiff {
    /// True when the maps mean the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The difference as lines for a terminal, one element per line (or a header and one
    /// indented line per field when several fields changed). Empty when the maps are equal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for change in &self.changes {
            write_change(&mut out, change);
        }
        out
    }

    /// The difference as JSON (see the module documentation for its structure).
    pub fn to_json(&self) -> String {
        // Strings, numbers and lists only: serde_json cannot fail on them.
        serde_json::to_string_pretty(self)
            .map_or_else(|error| format!("{{\"error\": \"{error}\"}}"), |s| s + "\n")
    }
}

/// Compares two maps element by element, matching elements by id.
pub fn diff(old: &Map, new: &Map) -> MapDiff {
    let mut changes = Vec::new();
    map_fields(old, new, &mut changes);
    list::<Stage>(old, new, &mut changes);
    list::<Persona>(old, new, &mut changes);
    list::<Lane>(old, new, &mut changes);
    list::<Card>(old, new, &mut changes);
    list::<Note>(old, new, &mut changes);
    conflicts(&old.conflicts, &new.conflicts, &mut changes);
    MapDiff { equal: changes.is_empty(), changes }
}

fn map_fields(old: &Map, new: &Map, out: &mut Vec<Change>) {
    let fields: Vec<FieldChange> = MAP_FIELDS
        .iter()
        .filter(|f| !(f.same)(old, new))
        .map(|f| field_change(f.name, (f.ron)(old), (f.ron)(new)))
        .collect();
    if !fields.is_empty() {
        out.push(Change {
            change: ChangeKind::Changed,
            element: ElementKind::Map,
            id: Id::default(),
            label: short(&new.title),
            from: None,
            to: None,
            fields,
            value: None,
        });
    }
}

/// Where an element sits: a card's cell, or a position in its list.
fn place<T: Element>(map: &Map, element: &T, position: usize) -> String {
    match element.place() {
        Some((lane, stage, _)) => cell_name(map, lane, stage),
        None => format!("position {}", position + 1),
    }
}

fn list<T: Element>(old: &Map, new: &Map, out: &mut Vec<Change>) {
    let old_list = T::list(old);
    let new_list = T::list(new);
    // Lookup tables only (never iterated): the output follows the lists' order.
    let old_index: IdMap<&Id, (usize, &T)> =
        old_list.iter().enumerate().rev().map(|(i, e)| (e.id(), (i, e))).collect();
    let new_index: IdMap<&Id, (usize, &T)> =
        new_list.iter().enumerate().rev().map(|(i, e)| (e.id(), (i, e))).collect();

    for (i, element) in old_list.iter().enumerate() {
        if !new_index.contains_key(element.id()) {
            out.push(Change {
                change: ChangeKind::Removed,
                element: T::KIND,
                id: element.id().clone(),
                label: element.label(old),
                from: Some(place(old, element, i)),
                to: None,
                fields: Vec::new(),
                value: Some(element_ron(element)),
            });
        }
    }

    let old_common: Vec<&Id> =
        old_list.iter().map(Element::id).filter(|id| new_index.contains_key(id)).collect();
    let new_common: Vec<&Id> =
        new_list.iter().map(Element::id).filter(|id| old_index.contains_key(id)).collect();
    let moved: BTreeSet<&Id> = if T::ORDERED && old_common != new_common {
        moved_ids(&old_common, &new_common)
    } else {
        BTreeSet::new()
    };
    if !T::ORDERED && old_common != new_common {
        out.push(Change {
            change: ChangeKind::Moved,
            element: ElementKind::Map,
            id: Id::default(),
            label: format!("{}s are listed in another order in the file", T::KIND.name()),
            from: None,
            to: None,
            fields: Vec::new(),
            value: None,
        });
    }

    for (j, element) in new_list.iter().enumerate() {
        let Some(&(i, before)) = old_index.get(element.id()) else {
            out.push(Change {
                change: ChangeKind::Added,
                element: T::KIND,
                id: element.id().clone(),
                label: element.label(new),
                from: None,
                to: Some(place(new, element, j)),
                fields: Vec::new(),
                value: Some(element_ron(element)),
            });
            continue;
        };
        if before == element && !moved.contains(element.id()) {
            continue;
        }
        let label = element.label(new);
        let movement = match (before.place(), element.place()) {
            (Some(a), Some(b)) if a != b => {
                let (from, to) = (cell_name(old, a.0, a.1), cell_name(new, b.0, b.1));
                if a.0 == b.0 && a.1 == b.1 {
                    Some((format!("{from}, order {}", a.2), format!("{to}, order {}", b.2)))
                } else if from == to {
                    // Two cells with the same names: show their ids.
                    Some((format!("{} × {}", a.1, a.0), format!("{} × {}", b.1, b.0)))
                } else {
                    Some((from, to))
                }
            }
            (Some(_), Some(_)) => None,
            _ if moved.contains(element.id()) => {
                Some((format!("position {}", i + 1), format!("position {}", j + 1)))
            }
            _ => None,
        };
        if let Some((from, to)) = movement {
            out.push(Change {
                change: ChangeKind::Moved,
                element: T::KIND,
                id: element.id().clone(),
                label: label.clone(),
                from: Some(from),
                to: Some(to),
                fields: Vec::new(),
                value: None,
            });
        }
        let is_card = T::KIND == ElementKind::Card;
        let fields: Vec<FieldChange> = T::fields()
            .iter()
            .filter(|f| !(is_card && matches!(f.name, "lane" | "stage" | "order")))
            .filter(|f| !(f.same)(before, element))
            .map(|f| field_change(f.name, (f.ron)(before), (f.ron)(element)))
            .collect();
        if !fields.is_empty() {
            out.push(Change {
                change: ChangeKind::Changed,
                element: T::KIND,
                id: element.id().clone(),
                label,
                from: None,
                to: None,
                fields,
                value: None,
            });
        }
    }
}

/// The ids that changed position: those outside a longest common subsequence of both orders.
fn moved_ids<'a>(old: &[&'a Id], new: &[&'a Id]) -> BTreeSet<&'a Id> {
    let (rows, columns) = (old.len(), new.len());
    if rows.saturating_mul(columns) > 4_000_000 {
        // Too long to align: call moved whatever is not at its old index.
        return old.iter().zip(new).filter(|(was, is)| was != is).map(|(_, is)| *is).collect();
    }
    let stable: BTreeSet<&Id> = super::word_diff::lcs_ops(old, new)
        .into_iter()
        .filter(|(op, _)| *op == super::word_diff::Op::Same)
        .map(|(_, id)| id)
        .collect();
    new.iter().filter(|id| !stable.contains(*id)).copied().collect()
}

fn conflicts(old: &[Conflict], new: &[Conflict], out: &mut Vec<Change>) {
    let describe = |c: &Conflict| Change {
        change: ChangeKind::Added,
        element: ElementKind::Conflict,
        id: c.element.clone(),
        label: c.field.clone(),
        from: None,
        to: None,
        fields: Vec::new(),
        value: Some(format!("ours {}, theirs {}", c.ours, c.theirs)),
    };
    for conflict in old.iter().filter(|c| !new.contains(c)) {
        out.push(Change { change: ChangeKind::Removed, ..describe(conflict) });
    }
    for conflict in new.iter().filter(|c| !old.contains(c)) {
        out.push(describe(conflict));
    }
}

fn field_change(field: &str, old: String, new: String) -> FieldChange {
    let words = match (ron::from_str::<String>(&old), ron::from_str::<String>(&new)) {
        (Ok(a), Ok(b)) if old.starts_with('"') && new.starts_with('"') => Some(diff_words(&a, &b)),
        _ => None,
    };
    FieldChange { field: field.to_owned(), old, new, words }
}

/// A RON value for people: `Some(2)` → `2`, `None` → `none`.
fn show(value: &str) -> &str {
    match value {
        "None" => "none",
        _ => value.strip_prefix("Some(").and_then(|v| v.strip_suffix(')')).map_or(value, show),
    }
}

fn field_text(field: &FieldChange) -> String {
    match &field.words {
        Some(words) => format!("{}: {}", field.field, render(words)),
        None => format!("{} {} → {}", field.field, show(&field.old), show(&field.new)),
    }
}

fn write_change(out: &mut String, change: &Change) {
    use std::fmt::Write as _;
    let mark = match change.change {
        ChangeKind::Added => '+',
        ChangeKind::Removed => '-',
        ChangeKind::Changed => '~',
        ChangeKind::Moved => '>',
    };
    if change.element == ElementKind::Map {
        match change.change {
            ChangeKind::Changed => {
                for field in &change.fields {
                    writeln!(out, "{mark} map: {}", field_text(field)).ok();
                }
            }
            _ => {
                writeln!(out, "{mark} map: {}", change.label).ok();
            }
        }
        return;
    }
    let mut head = format!("{mark} {} {}", change.element.name(), change.id);
    if change.element == ElementKind::Conflict {
        write!(head, " {}: {}", change.label, change.value.as_deref().unwrap_or_default()).ok();
        writeln!(out, "{head}").ok();
        return;
    }
    if !change.label.is_empty() {
        write!(head, " \"{}\"", change.label).ok();
    }
    match change.change {
        ChangeKind::Added => {
            let to = change.to.as_deref().unwrap_or_default();
            let word = if change.element == ElementKind::Card { "in" } else { "at" };
            writeln!(out, "{head} {word} {to}").ok();
        }
        ChangeKind::Removed => {
            let from = change.from.as_deref().unwrap_or_default();
            let word = if change.element == ElementKind::Card { "from" } else { "at" };
            writeln!(out, "{head} {word} {from}").ok();
        }
        ChangeKind::Moved => {
            let from = change.from.as_deref().unwrap_or_default();
            let to = change.to.as_deref().unwrap_or_default();
            writeln!(out, "{head} moved {from} → {to}").ok();
        }
        ChangeKind::Changed => match change.fields.as_slice() {
            [one] => {
                writeln!(out, "{head}: {}", field_text(one)).ok();
            }
            several => {
                writeln!(out, "{head}").ok();
                for field in several {
                    writeln!(out, "    {}", field_text(field)).ok();
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;

    fn sample() -> Map {
        crate::file::from_str(
            r#"(
    version: 1,
    title: "Boutique",
    stages: [(id: "s-comp", name: "Comparaison"), (id: "s-achat", name: "Achat"), (id: "s-liv", name: "Livraison")],
    personas: [(id: "p-lea", name: "Léa")],
    lanes: [(id: "l-lea", kind: Persona("p-lea")), (id: "l-dl", title: "Douleurs", kind: PainPoints)],
    cards: [
        (id: "c-7kq2", lane: "l-dl", stage: "s-achat", title: "Frais de livraison découverts", kind: PainPoint, channel: Some(Web), emotion: Some(2)),
        (id: "c-appl", lane: "l-lea", stage: "s-comp", title: "Appel au SAV", channel: Some(Phone)),
    ],
)"#,
            std::path::Path::new("t.ron"),
        )
        .unwrap()
    }

    fn card<'m>(map: &'m mut Map, id: &str) -> &'m mut Card {
        map.cards.iter_mut().find(|c| c.id.as_str() == id).unwrap()
    }

    #[test]
    fn equal_maps_have_no_changes() {
        let d = diff(&sample(), &sample());
        assert!(d.is_empty() && d.equal);
        assert_eq!(d.to_text(), "");
    }

    #[test]
    fn field_changes_show_old_and_new_values() {
        let old = sample();
        let mut new = sample();
        card(&mut new, "c-7kq2").emotion = Some(-1);
        card(&mut new, "c-appl").channel = Some(Channel::Web);
        card(&mut new, "c-appl").title = "Appel rapide au SAV".into();
        let text = diff(&old, &new).to_text();
        assert_eq!(
            text,
            "~ card c-7kq2 \"Frais de livraison découverts\": emotion 2 → -1\n\
             ~ card c-appl \"Appel rapide au SAV\"\n    title: Appel {+rapide +}au SAV\n    channel Phone → Web\n"
        );
    }

    #[test]
    fn added_removed_and_moved_cards_name_their_cells() {
        let old = sample();
        let mut new = sample();
        new.cards.retain(|c| c.id.as_str() != "c-7kq2");
        let appel = card(&mut new, "c-appl");
        appel.stage = Id::from("s-achat");
        new.cards.push(Card::new(
            Id::from("c-9x3m"),
            Id::from("l-lea"),
            Id::from("s-achat"),
            "Paiement en 3 fois",
        ));
        let text = diff(&old, &new).to_text();
        assert_eq!(
            text,
            "- card c-7kq2 \"Frais de livraison découverts\" from Achat × Douleurs\n\
             > card c-appl \"Appel au SAV\" moved Comparaison × Léa → Achat × Léa\n\
             + card c-9x3m \"Paiement en 3 fois\" in Achat × Léa\n"
        );
    }

    #[test]
    fn reorder_within_a_cell_and_stage_moves() {
        let old = sample();
        let mut new = sample();
        card(&mut new, "c-appl").order = 2;
        let achat = new.stages.remove(1);
        new.stages.push(achat);
        let d = diff(&old, &new);
        assert_eq!(
            d.to_text(),
            "> stage s-achat \"Achat\" moved position 2 → position 3\n\
             > card c-appl \"Appel au SAV\" moved Comparaison × Léa, order 0 → Comparaison × Léa, order 2\n"
        );
    }

    #[test]
    fn map_fields_and_conflicts() {
        let old = sample();
        let mut new = sample();
        new.title = "Boutique en ligne".into();
        new.conflicts.push(Conflict {
            element: Id::from("c-7kq2"),
            field: "emotion".into(),
            ours: "Some(2)".into(),
            theirs: "Some(-1)".into(),
        });
        assert_eq!(
            diff(&old, &new).to_text(),
            "~ map: title: Boutique{+ en ligne+}\n+ conflict c-7kq2 emotion: ours Some(2), theirs Some(-1)\n"
        );
    }

    #[test]
    fn card_file_order_counts_as_a_change() {
        let old = sample();
        let mut new = sample();
        new.cards.reverse();
        let d = diff(&old, &new);
        assert_eq!(d.to_text(), "> map: cards are listed in another order in the file\n");
    }

    #[test]
    fn json_is_structured() {
        let old = sample();
        let mut new = sample();
        card(&mut new, "c-7kq2").emotion = Some(-1);
        let json: serde_json::Value = serde_json::from_str(&diff(&old, &new).to_json()).unwrap();
        assert_eq!(json["equal"], false);
        let change = &json["changes"][0];
        assert_eq!(change["change"], "changed");
        assert_eq!(change["element"], "card");
        assert_eq!(change["id"], "c-7kq2");
        assert_eq!(change["fields"][0]["field"], "emotion");
        assert_eq!(change["fields"][0]["old"], "Some(2)");
        assert_eq!(change["fields"][0]["new"], "Some(-1)");
    }

    #[test]
    fn notes_votes_and_the_vote_show_in_a_diff() {
        let old = sample();
        let mut new = sample();
        new.inbox.push(Note { id: Id::from("n-1"), text: "Trop de clics".into(), ..Default::default() });
        card(&mut new, "c-7kq2").votes.insert(Id::from("u-1"), 2);
        new.vote =
            Some(crate::model::Vote { kinds: Vec::new(), per_participant: 3, minutes: None, open: true });
        let text = diff(&old, &new).to_text();
        assert!(text.contains("~ map: vote none → (per_participant: 3, open: true)"), "{text}");
        assert!(
            text.contains("~ card c-7kq2 \"Frais de livraison découverts\": votes {} → {\"u-1\": 2}"),
            "{text}"
        );
        assert!(text.contains("+ note n-1 \"Trop de clics\" at position 1"), "{text}");
    }
}
