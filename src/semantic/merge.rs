//! Three-way merge of maps by element id and field name, and resolution of recorded conflicts.
//!
//! # Rules
//!
//! - Elements are matched by id. An element added on one side is kept; one deleted on one side
//!   and left as it was on the other is deleted; one changed on both sides is merged field by
//!   field: a field changed on one side only takes that side's value, a field changed the same way
//!   on both sides takes it, and a field changed two ways is a **conflict**.
//! - A card's place is its `lane`, `stage` and `order` fields, so moving a card on one side and
//!   editing its text on the other merges cleanly. Stages, personas and lanes are ordered lists:
//!   a reorder on one side is kept together with any edit on the other side; elements added on
//!   either side go after the element that precedes them on their side. Reordering one list two
//!   different ways is a conflict on the map's `stages.order` (`personas.order`, `lanes.order`)
//!   field. Cards are listed in the order they were made: their list order never conflicts.
//! - Deleted on one side and changed on the other is a conflict on the field `deleted`, where
//!   the deleting side's value is [`DELETED`] and the other side's is the whole element as RON
//!   (`Card(id: "c-1", …)`).
//! - On a conflict the map keeps **our** value, and the conflict is recorded in `map.conflicts`
//!   (element, field, both values).
//! - A stage, lane or persona deleted on one side but still used on the other (the other side
//!   added a card to the lane, or a card in it is kept because of a conflict) is **kept**, with a
//!   `deleted` conflict on it, so the map never holds a dangling reference. Resolving that
//!   conflict towards the deletion deletes what depends on it (the lane's cards).
//! - Conflicts already in the files merge as a set: an entry resolved (removed) on either side is
//!   gone, entries added on either side are kept, and a new conflict on the same element and
//!   field replaces an old one.

use super::{Element, Field, IdHash, IdMap, IdSet, MAP_FIELDS, element_ron, ron_line};
use crate::model::{Card, Conflict, Id, Lane, LaneKind, Map, Note, Persona, Stage};
use std::collections::{BTreeMap, BTreeSet};

// Hash maps and sets below are lookup tables only, never iterated: every output order comes from
// the input lists, so the merge is deterministic (and 10,000-card maps merge fast).

/// The value recorded for the side that deleted an element, in a conflict on the field `deleted`.
pub const DELETED: &str = "deleted";

/// The field name of a delete-against-edit conflict.
const DELETED_FIELD: &str = "deleted";

/// One side of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The branch being merged into (git's `%A`): the value the merged map keeps.
    Ours,
    /// The branch being merged in (git's `%B`).
    Theirs,
}

/// The result of [`merge3`].
#[derive(Clone, Debug, PartialEq)]
pub struct MergeOutcome {
    /// The merged map. Its `conflicts` list holds every unresolved conflict: those of this merge
    /// and those carried over from the inputs.
    pub map: Map,
    /// The conflicts this merge found (also in `map.conflicts`).
    pub conflicts: Vec<Conflict>,
}

impl MergeOutcome {
    /// True when the merged map has no unresolved conflict.
    pub fn is_clean(&self) -> bool {
        self.map.conflicts.is_empty()
    }
}

/// Merges two edits (`ours`, `theirs`) of a common `base`, element by element and field by field.
/// See the module documentation for the rules.
pub fn merge3(base: &Map, ours: &Map, theirs: &Map) -> MergeOutcome {
    let mut found = Vec::new();
    let mut map =
        merge_fields(&Id::default(), Some(&head(base)), &head(ours), &head(theirs), MAP_FIELDS, &mut found);

    let mut stages = merge_elements::<Stage>(base, ours, theirs, &mut found);
    let mut personas = merge_elements::<Persona>(base, ours, theirs, &mut found);
    let mut lanes = merge_elements::<Lane>(base, ours, theirs, &mut found);
    let cards = merge_elements::<Card>(base, ours, theirs, &mut found);
    let notes = merge_elements::<Note>(base, ours, theirs, &mut found);

    // Keep the stages, lanes and personas that something kept still refers to.
    let mut needed_lanes = BTreeSet::new();
    let mut needed_stages = BTreeSet::new();
    for card in cards.kept.values().chain(&cards.pending) {
        if !needed_lanes.contains(&card.lane) {
            needed_lanes.insert(card.lane.clone());
        }
        if !needed_stages.contains(&card.stage) {
            needed_stages.insert(card.stage.clone());
        }
    }
    // A conflict may offer their lane or stage for a card: it must still exist if picked.
    for conflict in &found {
        let offered = ron::from_str::<Id>(&conflict.theirs);
        match (conflict.field.as_str(), offered) {
            ("lane", Ok(lane)) => needed_lanes.insert(lane),
            ("stage", Ok(stage)) => needed_stages.insert(stage),
            _ => false,
        };
    }
    restore(&needed_stages, &mut stages, ours, theirs, &mut found);
    restore(&needed_lanes, &mut lanes, ours, theirs, &mut found);
    let mut needed_personas: BTreeSet<Id> =
        lanes.kept.values().chain(&lanes.pending).filter_map(|lane| lane.kind.persona().cloned()).collect();
    for conflict in found.iter().filter(|c| c.field == "kind") {
        if let Ok(LaneKind::Persona(persona)) = ron::from_str::<LaneKind>(&conflict.theirs) {
            needed_personas.insert(persona);
        }
    }
    restore(&needed_personas, &mut personas, ours, theirs, &mut found);

    map.stages = ordered(stages, base, ours, theirs, &mut found);
    map.personas = ordered(personas, base, ours, theirs, &mut found);
    map.lanes = ordered(lanes, base, ours, theirs, &mut found);
    map.cards = ordered(cards, base, ours, theirs, &mut found);
    map.inbox = ordered(notes, base, ours, theirs, &mut found);
    // A note made into a card or dismissed on one side leaves the inbox on both.
    let handled: BTreeSet<Id> = map.cards.iter().filter_map(|c| c.from_note.clone()).collect();
    map.inbox.retain(|n| !handled.contains(&n.id) && !map.dismissed.contains(&n.id));
    fit_emotions(&mut map, ours, theirs);
    map.conflicts = carried_conflicts(base, ours, theirs, &map, &found);
    MergeOutcome { map, conflicts: found }
}

/// Scores set on one side's scale while the other side changed the scale: each is re-expressed
/// on the merged scale at the same place (−1 on −2…+2 becomes 2 on 1…5), as the side that changed
/// the scale did with its own cards, so the merged map has no score off its scale.
fn fit_emotions(map: &mut Map, ours: &Map, theirs: &Map) {
    let scale = map.emotion_scale.clone();
    for card in &mut map.cards {
        let Some(score) = card.emotion else { continue };
        if scale.contains(score) {
            continue;
        }
        let from_ours = ours.emotion_scale.contains(score)
            && ours.card(&card.id).is_some_and(|c| c.emotion == Some(score));
        let from = if from_ours { &ours.emotion_scale } else { &theirs.emotion_scale };
        card.emotion = Some(from.remap(score, &scale));
    }
}

/// A map's own fields, without its lists.
fn head(map: &Map) -> Map {
    Map {
        version: map.version,
        title: map.title.clone(),
        description: map.description.clone(),
        language: map.language.clone(),
        author: map.author.clone(),
        revision: map.revision.clone(),
        logo: map.logo.clone(),
        emotion_scale: map.emotion_scale.clone(),
        vote: map.vote.clone(),
        dismissed: map.dismissed.clone(),
        ..Map::default()
    }
}

/// Merges one element changed on both sides, field by field; `base` is `None` when both sides
/// added an element with the same id.
fn merge_fields<T: Clone + PartialEq>(
    id: &Id,
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    fields: &[Field<T>],
    found: &mut Vec<Conflict>,
) -> T {
    if let Some(base) = base {
        if ours == base {
            return theirs.clone();
        }
        if theirs == base {
            return ours.clone();
        }
    }
    let mut merged = ours.clone();
    if ours == theirs {
        return merged;
    }
    for field in fields {
        if (field.same)(ours, theirs) {
            continue;
        }
        match base {
            Some(base) if (field.same)(ours, base) => (field.take)(&mut merged, theirs),
            Some(base) if (field.same)(theirs, base) => {}
            Some(base) if field.merge.is_some_and(|merge| merge(&mut merged, base, ours, theirs)) => {}
            _ => found.push(Conflict {
                element: id.clone(),
                field: field.name.to_owned(),
                ours: (field.ron)(ours),
                theirs: (field.ron)(theirs),
            }),
        }
    }
    merged
}

/// The merged elements of one list, before ordering.
struct Merged<T> {
    /// The elements kept, by id.
    kept: IdMap<Id, T>,
    /// Elements we deleted and they changed: not in the map, but a conflict offers them back,
    /// so what they refer to must stay.
    pending: Vec<T>,
}

fn merge_elements<T: Element>(base: &Map, ours: &Map, theirs: &Map, found: &mut Vec<Conflict>) -> Merged<T> {
    let index = |map| -> IdMap<&Id, usize> {
        let list = T::list(map);
        let mut index = IdMap::with_capacity_and_hasher(list.len(), IdHash::default());
        for (i, element) in list.iter().enumerate() {
            index.entry(element.id()).or_insert(i);
        }
        index
    };
    let (base_index, ours_index, theirs_index) = (index(base), index(ours), index(theirs));
    let mut kept =
        IdMap::with_capacity_and_hasher(ours_index.len().max(theirs_index.len()), IdHash::default());
    let mut pending = Vec::new();
    // In file order, ours then theirs, so that conflicts are listed in a stable, readable order.
    let mut seen = IdSet::with_capacity_and_hasher(kept.capacity(), IdHash::default());
    let ids = T::list(ours).iter().chain(T::list(theirs)).map(Element::id);
    for id in ids.filter(|id| seen.insert(*id)) {
        let b = get::<T>(base, &base_index, id);
        let o = get::<T>(ours, &ours_index, id);
        let t = get::<T>(theirs, &theirs_index, id);
        match (o, t) {
            (Some(o), Some(t)) => {
                kept.insert(id.clone(), merge_fields(id, b, o, t, T::fields(), found));
            }
            (Some(o), None) => match b {
                // They deleted it and we did not touch it: deleted.
                Some(b) if b == o => {}
                // They deleted it and we changed it: keep ours, record the conflict.
                Some(_) => {
                    found.push(deleted_conflict(id, element_ron(o), DELETED.to_owned()));
                    kept.insert(id.clone(), o.clone());
                }
                // We added it.
                None => {
                    kept.insert(id.clone(), o.clone());
                }
            },
            (None, Some(t)) => match b {
                Some(b) if b == t => {}
                Some(_) => {
                    found.push(deleted_conflict(id, DELETED.to_owned(), element_ron(t)));
                    pending.push(t.clone());
                }
                None => {
                    kept.insert(id.clone(), t.clone());
                }
            },
            (None, None) => {}
        }
    }
    Merged { kept, pending }
}

/// The element with this id, through an index of its list.
fn get<'m, T: Element>(map: &'m Map, index: &IdMap<&Id, usize>, id: &Id) -> Option<&'m T> {
    index.get(id).and_then(|&i| T::list(map).get(i))
}

fn deleted_conflict(id: &Id, ours: String, theirs: String) -> Conflict {
    Conflict { element: id.clone(), field: DELETED_FIELD.to_owned(), ours, theirs }
}

/// Brings back the needed elements that one side deleted, with a `deleted` conflict on each.
fn restore<T: Element>(
    needed: &BTreeSet<Id>,
    merged: &mut Merged<T>,
    ours: &Map,
    theirs: &Map,
    found: &mut Vec<Conflict>,
) {
    for id in needed {
        if merged.kept.contains_key(id) {
            continue;
        }
        let find = |map: &Map| T::list(map).iter().find(|e| e.id() == id).cloned();
        let (o, t) = (find(ours), find(theirs));
        let Some(element) = o.clone().or_else(|| t.clone()) else {
            // Neither side has it: the input itself refers to a missing element.
            continue;
        };
        let already = found.iter().any(|c| &c.element == id && c.field == DELETED_FIELD);
        if !already {
            let side = |e: Option<T>| e.map_or_else(|| DELETED.to_owned(), |e| element_ron(&e));
            found.push(deleted_conflict(id, side(o), side(t)));
        }
        merged.pending.retain(|e| e.id() != id);
        merged.kept.insert(id.clone(), element);
    }
}

/// The kept elements in their merged order.
fn ordered<T: Element>(
    mut merged: Merged<T>,
    base: &Map,
    ours: &Map,
    theirs: &Map,
    found: &mut Vec<Conflict>,
) -> Vec<T> {
    let ids = |map: &Map| -> Vec<Id> { T::list(map).iter().map(|e| e.id().clone()).collect() };
    let (order, clash) = {
        let ids = |map| T::list(map).iter().map(Element::id).collect::<Vec<&Id>>();
        let kept: IdSet<&Id> = merged.kept.keys().collect();
        let (order, clash) = merge_order(&ids(base), &ids(ours), &ids(theirs), &kept);
        let order: Vec<Id> = order.into_iter().cloned().collect();
        (order, clash.is_some())
    };
    if clash && T::ORDERED {
        found.push(Conflict {
            element: Id::default(),
            field: format!("{}s.order", T::KIND.name()),
            ours: ron_line(&ids(ours)),
            theirs: ron_line(&ids(theirs)),
        });
    }
    order.iter().filter_map(|id| merged.kept.remove(id)).collect()
}

/// Our and their orders of the shared ids, when they reordered them two different ways.
type OrderClash<'a> = (Vec<&'a Id>, Vec<&'a Id>);

/// Merges three orders of ids into one holding exactly the `kept` ids. Returns the order, and
/// both sides' orders of the shared ids when they reordered them two different ways (then our
/// order wins).
fn merge_order<'a>(
    base: &[&'a Id],
    ours: &[&'a Id],
    theirs: &[&'a Id],
    kept: &IdSet<&Id>,
) -> (Vec<&'a Id>, Option<OrderClash<'a>>) {
    /// Where an id is, in one lookup.
    #[derive(Default)]
    struct Seen {
        lists: u8,
        kept: bool,
        placed: bool,
        followers: bool,
    }
    let mut seen: IdMap<&'a Id, Seen> = IdMap::with_capacity_and_hasher(ours.len() + 16, IdHash::default());
    for (bit, list) in [(1_u8, base), (2, ours), (4, theirs)] {
        for &id in list {
            seen.entry(id).or_insert_with(|| Seen { kept: kept.contains(id), ..Seen::default() }).lists |=
                bit;
        }
    }
    let common = |list: &[&'a Id], seen: &mut IdMap<&'a Id, Seen>| -> Vec<&'a Id> {
        let mut out = Vec::with_capacity(list.len());
        for &id in list {
            if let Some(entry) = seen.get_mut(id)
                && entry.kept
                && entry.lists == 7
                && !entry.placed
            {
                entry.placed = true;
                out.push(id);
            }
        }
        for id in &out {
            if let Some(entry) = seen.get_mut(*id) {
                entry.placed = false;
            }
        }
        out
    };
    let (b, o, t) = (common(base, &mut seen), common(ours, &mut seen), common(theirs, &mut seen));
    let (skeleton, clash) = if o == t || t == b {
        (o, None)
    } else if o == b {
        (t, None)
    } else {
        (o.clone(), Some((o, t)))
    };

    // Everything else goes after the element before it on its side (ours first, then theirs).
    for id in &skeleton {
        if let Some(entry) = seen.get_mut(*id) {
            entry.placed = true;
        }
    }
    let mut after: IdMap<Option<&Id>, Vec<&'a Id>> = IdMap::default();
    let mut count = skeleton.len();
    for side in [ours, theirs] {
        let mut previous: Option<&'a Id> = None;
        for &id in side {
            let Some(entry) = seen.get_mut(id) else { continue };
            if !entry.kept {
                continue;
            }
            if !entry.placed {
                entry.placed = true;
                count += 1;
                after.entry(previous).or_default().push(id);
                if let Some(before) = previous.and_then(|p| seen.get_mut(p)) {
                    before.followers = true;
                }
            }
            previous = Some(id);
        }
    }
    let mut order = Vec::with_capacity(count);
    let mut stack: Vec<&'a Id> = skeleton.into_iter().rev().collect();
    stack.extend(after.remove(&None).unwrap_or_default().into_iter().rev());
    while let Some(id) = stack.pop() {
        if seen.get(id).is_some_and(|entry| entry.followers)
            && let Some(next) = after.remove(&Some(id))
        {
            stack.extend(next.into_iter().rev());
        }
        order.push(id);
    }
    (order, clash)
}

/// The conflicts of the merged map: those of the inputs (merged as a set, dropping any the new
/// ones replace or whose element is gone) followed by the new ones.
fn carried_conflicts(
    base: &Map,
    ours: &Map,
    theirs: &Map,
    merged: &Map,
    found: &[Conflict],
) -> Vec<Conflict> {
    let ids: IdSet<&Id> = merged.ids().collect();
    let replaced: IdSet<(&Id, &str)> = found.iter().map(|c| (&c.element, c.field.as_str())).collect();
    let keep = |c: &Conflict| {
        let in_base = base.conflicts.contains(c);
        let (in_ours, in_theirs) = (ours.conflicts.contains(c), theirs.conflicts.contains(c));
        let survives = if in_base { in_ours && in_theirs } else { in_ours || in_theirs };
        survives
            && !replaced.contains(&(&c.element, c.field.as_str()))
            && (c.element.as_str().is_empty() || c.field == DELETED_FIELD || ids.contains(&c.element))
    };
    let mut out: Vec<Conflict> = Vec::new();
    for conflict in ours.conflicts.iter().chain(&theirs.conflicts) {
        if keep(conflict) && !out.contains(conflict) {
            out.push(conflict.clone());
        }
    }
    for conflict in found {
        if !out.contains(conflict) {
            out.push(conflict.clone());
        }
    }
    out
}

/// Why a conflict could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// The index is past the end of the map's conflict list.
    #[error("there is no conflict number {index}: the map has {count}")]
    NoSuchConflict {
        /// The index asked for.
        index: usize,
        /// How many conflicts the map has.
        count: usize,
    },
    /// The conflict names an element the map does not have.
    #[error("the conflict is about `{0}`, which is not in the map")]
    NoSuchElement(Id),
    /// The conflict names a field the element does not have.
    #[error("`{field}` is not a field of {element}")]
    NoSuchField {
        /// The element (`the map` or its id).
        element: String,
        /// The field named by the conflict.
        field: String,
    },
    /// The recorded value cannot be read back.
    #[error("the recorded value of `{field}` cannot be read ({message})")]
    BadValue {
        /// The field.
        field: String,
        /// What the reader said.
        message: String,
    },
}

/// Resolves the conflict at `index` of `map.conflicts` by picking one side: sets the field to
/// that side's value (puts back or deletes the element for a `deleted` conflict, reorders the
/// list for a `….order` conflict) and removes the entry. Returns the entry removed. Deleting a
/// stage or lane also deletes its cards, and deleting a persona its lanes; conflicts about what
/// was deleted go with it. On error, the map is unchanged.
pub fn resolve(map: &mut Map, index: usize, side: Side) -> Result<Conflict, ResolveError> {
    let Some(conflict) = map.conflicts.get(index).cloned() else {
        return Err(ResolveError::NoSuchConflict { index, count: map.conflicts.len() });
    };
    let value = match side {
        Side::Ours => conflict.ours.as_str(),
        Side::Theirs => conflict.theirs.as_str(),
    };
    let bad = |error: &dyn std::fmt::Display| ResolveError::BadValue {
        field: conflict.field.clone(),
        message: error.to_string(),
    };
    let mut changed = map.clone();
    changed.conflicts.remove(index);
    if conflict.field == DELETED_FIELD {
        if value == DELETED {
            delete_element(&mut changed, &conflict.element);
        } else {
            put_element(&mut changed, value).map_err(|e| bad(&e))?;
        }
    } else if conflict.element.as_str().is_empty()
        && let Some(list) = conflict.field.strip_suffix(".order")
    {
        let order: Vec<Id> = ron::from_str(value).map_err(|e| bad(&e))?;
        match list {
            "stages" => reorder(&mut changed.stages, &order),
            "personas" => reorder(&mut changed.personas, &order),
            "lanes" => reorder(&mut changed.lanes, &order),
            _ => return Err(ResolveError::NoSuchField { element: "the map".into(), field: conflict.field }),
        }
    } else if conflict.element.as_str().is_empty() {
        set_field(&mut changed, MAP_FIELDS, &conflict.field, value, "the map")?;
    } else {
        let id = &conflict.element;
        let element = format!("`{id}`");
        let done = set_in::<Stage>(&mut changed, id, &conflict.field, value, &element)
            .or_else(|| set_in::<Persona>(&mut changed, id, &conflict.field, value, &element))
            .or_else(|| set_in::<Lane>(&mut changed, id, &conflict.field, value, &element))
            .or_else(|| set_in::<Card>(&mut changed, id, &conflict.field, value, &element))
            .or_else(|| set_in::<Note>(&mut changed, id, &conflict.field, value, &element));
        match done {
            Some(result) => result?,
            None => return Err(ResolveError::NoSuchElement(id.clone())),
        }
    }
    *map = changed;
    Ok(conflict)
}

fn set_field<T>(
    element: &mut T,
    fields: &[Field<T>],
    name: &str,
    value: &str,
    what: &str,
) -> Result<(), ResolveError> {
    let Some(field) = fields.iter().find(|f| f.name == name) else {
        return Err(ResolveError::NoSuchField { element: what.to_owned(), field: name.to_owned() });
    };
    (field.set)(element, value)
        .map_err(|e| ResolveError::BadValue { field: name.to_owned(), message: e.to_string() })
}

/// Sets a field of the element with this id, if the list holds it.
fn set_in<T: Element>(
    map: &mut Map,
    id: &Id,
    field: &str,
    value: &str,
    what: &str,
) -> Option<Result<(), ResolveError>> {
    let element = T::list_mut(map).iter_mut().find(|e| e.id() == id)?;
    Some(set_field(element, T::fields(), field, value, what))
}

/// Puts an element written as `Card(…)`, `Stage(…)`, `Lane(…)` or `Persona(…)` into its list,
/// replacing the element with the same id or appending it.
fn put_element(map: &mut Map, value: &str) -> Result<(), ron::error::SpannedError> {
    fn put<T: Element>(map: &mut Map, value: &str) -> Result<(), ron::error::SpannedError> {
        let element: T = ron::from_str(value)?;
        let list = T::list_mut(map);
        match list.iter_mut().find(|e| e.id() == element.id()) {
            Some(slot) => *slot = element,
            None => list.push(element),
        }
        Ok(())
    }
    let value = value.trim_start();
    if value.starts_with("Stage(") {
        put::<Stage>(map, value)
    } else if value.starts_with("Persona(") {
        put::<Persona>(map, value)
    } else if value.starts_with("Lane(") {
        put::<Lane>(map, value)
    } else if value.starts_with("Note(") {
        put::<Note>(map, value)
    } else {
        put::<Card>(map, value)
    }
}

/// Deletes the element with this id and what depends on it (a stage's or lane's cards, a
/// persona's lanes), with the conflicts about them.
fn delete_element(map: &mut Map, id: &Id) {
    let mut gone_stages = BTreeSet::new();
    let mut gone_lanes = BTreeSet::new();
    let mut gone = BTreeSet::from([id.clone()]);
    if map.stages.iter().any(|s| &s.id == id) {
        gone_stages.insert(id.clone());
    }
    if map.lanes.iter().any(|l| &l.id == id) {
        gone_lanes.insert(id.clone());
    }
    for lane in &map.lanes {
        if lane.kind == LaneKind::Persona(id.clone()) {
            gone_lanes.insert(lane.id.clone());
        }
    }
    let in_gone_cell = |card: &Card| gone_lanes.contains(&card.lane) || gone_stages.contains(&card.stage);
    gone.extend(gone_lanes.iter().cloned());
    gone.extend(map.cards.iter().filter(|c| in_gone_cell(c)).map(|c| c.id.clone()));
    map.stages.retain(|s| !gone.contains(&s.id));
    map.personas.retain(|p| !gone.contains(&p.id));
    map.lanes.retain(|l| !gone.contains(&l.id));
    map.cards.retain(|c| !gone.contains(&c.id));
    map.inbox.retain(|n| !gone.contains(&n.id));
    // A `deleted` conflict that offers back a card of a deleted lane or stage goes too.
    // A conflict that offers something deleted (a card of a deleted lane, a deleted lane as a
    // card's place, a deleted persona for a lane) goes too: the map keeps its current value.
    let offers_gone = |conflict: &Conflict| {
        [&conflict.ours, &conflict.theirs].into_iter().any(|value| {
            let value = value.trim_start();
            match conflict.field.as_str() {
                DELETED_FIELD => {
                    ron::from_str::<Card>(value).is_ok_and(|card| in_gone_cell(&card))
                        || ron::from_str::<Lane>(value).is_ok_and(|lane| lane.kind.persona() == Some(id))
                }
                "lane" => ron::from_str::<Id>(value).is_ok_and(|lane| gone_lanes.contains(&lane)),
                "stage" => ron::from_str::<Id>(value).is_ok_and(|stage| gone_stages.contains(&stage)),
                "kind" => ron::from_str::<LaneKind>(value).is_ok_and(|kind| kind.persona() == Some(id)),
                _ => false,
            }
        })
    };
    map.conflicts.retain(|c| !gone.contains(&c.element) && !offers_gone(c));
}

/// Puts the listed ids first, in that order; the others keep their order after them.
fn reorder<T: Element>(list: &mut Vec<T>, order: &[Id]) {
    let rank: BTreeMap<&Id, usize> = order.iter().enumerate().rev().map(|(i, id)| (id, i)).collect();
    let mut indexed: Vec<(usize, usize, T)> = list
        .drain(..)
        .enumerate()
        .map(|(i, e)| (rank.get(e.id()).copied().unwrap_or(usize::MAX), i, e))
        .collect();
    indexed.sort_by_key(|(rank, i, _)| (*rank, *i));
    list.extend(indexed.into_iter().map(|(_, _, e)| e));
}

#[cfg(test)]
mod tests;
