//! Document edits that return their inverse when applied.

use super::{CardField, EditError, LaneField, MapField, PersonaField, StageField, Touched};
use crate::model::limits::{self, Limit, Overflow};
use crate::model::{Card, Id, Lane, LaneKind, Map, Note, Persona, Stage, Vote};
use std::collections::{HashMap, HashSet};
use std::mem;

/// One edit of the map. [`Command::apply`] performs it and returns the command that undoes it.
///
/// Commands check what they need before changing anything, so a refused command leaves the map
/// exactly as it was. They keep a valid map valid: a card always lands in an existing lane and
/// stage, removing a stage or a lane removes its cards, a persona lane always follows an existing
/// persona, and new elements need ids unused in the map. Field values themselves (an emotion
/// outside the scale, an NPS of 300) are not judged here: `parcours check` reports them and the
/// [`super::Editor`] snaps what it can.
///
/// Commands (and everything they hold) serialise with serde, e.g. as JSON, so that the
/// workshop room can send them between desktops (see `crate::room`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Command {
    /// Inserts a stage at `index` of `map.stages`, with cards at their positions in `map.cards`
    /// (empty for a new stage; filled when undoing a removal).
    InsertStage {
        /// Position among the stages, `0..=len`.
        index: usize,
        /// The stage, with a fresh id.
        stage: Stage,
        /// Cards to put back, each with its index in `map.cards`, ascending.
        cards: Vec<(usize, Card)>,
    },
    /// Removes a stage and every card in it.
    RemoveStage {
        /// The stage.
        id: Id,
    },
    /// Moves a stage to position `to` (its index once moved).
    MoveStage {
        /// The stage.
        id: Id,
        /// Its new index, `0..len`.
        to: usize,
    },
    /// Changes one field of a stage.
    SetStage {
        /// The stage.
        id: Id,
        /// The field and its new value.
        field: StageField,
    },
    /// Inserts a persona at `index` of `map.personas`.
    InsertPersona {
        /// Position among the personas, `0..=len`.
        index: usize,
        /// The persona, with a fresh id.
        persona: Persona,
    },
    /// Removes a persona; refused while a lane follows it.
    RemovePersona {
        /// The persona.
        id: Id,
    },
    /// Moves a persona to position `to` in the persona list.
    MovePersona {
        /// The persona.
        id: Id,
        /// Its new index, `0..len`.
        to: usize,
    },
    /// Changes one field of a persona.
    SetPersona {
        /// The persona.
        id: Id,
        /// The field and its new value.
        field: PersonaField,
    },
    /// Inserts a lane at `index` of `map.lanes`, with cards at their positions in `map.cards`.
    InsertLane {
        /// Position among the lanes, `0..=len`.
        index: usize,
        /// The lane, with a fresh id.
        lane: Lane,
        /// Cards to put back, each with its index in `map.cards`, ascending.
        cards: Vec<(usize, Card)>,
    },
    /// Removes a lane and every card in it.
    RemoveLane {
        /// The lane.
        id: Id,
    },
    /// Moves a lane to position `to` (its index once moved).
    MoveLane {
        /// The lane.
        id: Id,
        /// Its new index, `0..len`.
        to: usize,
    },
    /// Changes one field of a lane.
    SetLane {
        /// The lane.
        id: Id,
        /// The field and its new value.
        field: LaneField,
    },
    /// Inserts cards, each at its index in `map.cards` (ascending; `map.cards.len()` appends).
    InsertCards {
        /// The cards with their positions in `map.cards` once inserted.
        cards: Vec<(usize, Card)>,
    },
    /// Removes cards.
    RemoveCards {
        /// The cards, each once.
        ids: Vec<Id>,
    },
    /// Changes one field of a card.
    SetCard {
        /// The card.
        id: Id,
        /// The field and its new value.
        field: CardField,
    },
    /// Moves cards into a cell, together and in this order, before the card now at `index` of
    /// the cell (in display order, not counting the moved cards). Renumbers `order` minimally:
    /// the moved cards take the numbers after their new predecessor, and following cards are
    /// bumped only while they would collide. The cells they leave keep their gaps.
    MoveCards {
        /// The cards, each once.
        ids: Vec<Id>,
        /// The target lane.
        lane: Id,
        /// The target stage.
        stage: Id,
        /// Position in the target cell, `0..=n` where `n` counts the cell's other cards.
        index: usize,
    },
    /// Sets the lane, stage and order of cards (the inverse of a move).
    PlaceCards {
        /// Where each card goes.
        places: Vec<Place>,
    },
    /// Changes a map setting.
    SetMap {
        /// The setting and its new value.
        field: MapField,
    },
    /// Replaces the element with the same id by this one (conflict resolution, "revert element").
    Replace(Element),
    /// Replaces the whole map (reload and merge, conflict resolution): the generic fallback.
    ReplaceMap(Box<Map>),
    /// Several commands as one: applied in order, undone in reverse; all or nothing.
    Batch(Vec<Command>),
    /// Puts room notes into the inbox, each at its index in `map.inbox` (ascending; the
    /// inbox's length appends). Refused for a note already received ([`Map::knows_note`]), a
    /// malformed id or an unknown stage.
    InsertNotes {
        /// The notes with their positions in `map.inbox` once inserted.
        notes: Vec<(usize, Note)>,
    },
    /// Takes notes out of the inbox (the inverse of posting; it records nothing).
    RemoveNotes {
        /// The notes, each once.
        ids: Vec<Id>,
    },
    /// Dismisses notes: takes them out of the inbox and records their ids in `map.dismissed`,
    /// so that they are never posted again. Also how a facilitator removes a note.
    DismissNotes {
        /// The notes, each once.
        ids: Vec<Id>,
    },
    /// Puts ids back into `map.dismissed`, each at its index (the inverse of removing them).
    InsertDismissed {
        /// The ids with their positions once inserted, ascending.
        ids: Vec<(usize, Id)>,
    },
    /// Takes ids out of `map.dismissed`.
    RemoveDismissed {
        /// The ids, each once.
        ids: Vec<Id>,
    },
    /// Makes a note into a card in one step: the note leaves the inbox and `card` (whose
    /// `from_note` is set to the note) goes into its cell at `index`, in display order.
    NoteToCard {
        /// The note in the inbox.
        note: Id,
        /// The new card, with a fresh id, in its lane and stage.
        card: Card,
        /// Position in the cell, `0..=n` where `n` counts the cell's cards.
        index: usize,
    },
    /// Opens, changes or closes the dot vote (`None` forgets it; the votes stay on the cards).
    SetVote(Option<Vote>),
    /// A participant's whole ballot, replacing any earlier one: one entry per dot (a card may
    /// appear several times). State-based, so sending it again changes nothing. Refused unless
    /// a vote is open, the ballot has at most `per_participant` dots and every card exists and
    /// is of a kind the vote accepts.
    CastBallot {
        /// The participant's random id.
        participant: Id,
        /// The cards voted for, one entry per dot.
        dots: Vec<Id>,
    },
    /// Sets how many dots a participant has on each card, removing their dots from every other
    /// card (the unchecked form of [`Command::CastBallot`], and its inverse).
    SetVotes {
        /// The participant's random id.
        participant: Id,
        /// Cards and dot counts, by card id, each card once.
        votes: Vec<(Id, u32)>,
    },
    /// Removes everything a participant sent: dismisses their notes still in the inbox and
    /// removes their votes.
    RemoveParticipant {
        /// The participant's random id.
        participant: Id,
    },
}

/// Where a card sits: its cell and its order in the cell.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    /// The card.
    pub card: Id,
    /// Its lane.
    pub lane: Id,
    /// Its stage.
    pub stage: Id,
    /// Its `order` in the cell.
    pub order: u32,
}

/// A whole element, for [`Command::Replace`] and the clipboard.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Element {
    /// A stage.
    Stage(Stage),
    /// A persona.
    Persona(Persona),
    /// A lane.
    Lane(Lane),
    /// A card.
    Card(Card),
}

impl Element {
    /// The element's id.
    pub fn id(&self) -> &Id {
        match self {
            Self::Stage(s) => &s.id,
            Self::Persona(p) => &p.id,
            Self::Lane(l) => &l.id,
            Self::Card(c) => &c.id,
        }
    }
}

/// Which field of which element a command sets: edits with the same key can merge into one undo
/// step (typing in one field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldKey {
    /// The element (empty for a map setting).
    pub element: Id,
    /// The field's name, as in the file.
    pub field: &'static str,
}

/// Elements that have an id.
trait HasId {
    const KIND: &'static str;
    fn id(&self) -> &Id;
}

impl HasId for Stage {
    const KIND: &'static str = "stage";
    fn id(&self) -> &Id {
        &self.id
    }
}

impl HasId for Persona {
    const KIND: &'static str = "persona";
    fn id(&self) -> &Id {
        &self.id
    }
}

impl HasId for Lane {
    const KIND: &'static str = "lane";
    fn id(&self) -> &Id {
        &self.id
    }
}

impl HasId for Card {
    const KIND: &'static str = "card";
    fn id(&self) -> &Id {
        &self.id
    }
}

fn position<T: HasId>(items: &[T], id: &Id) -> Result<usize, EditError> {
    items.iter().position(|item| item.id() == id).ok_or_else(|| unknown(T::KIND, id))
}

fn find_mut<'a, T: HasId>(items: &'a mut [T], id: &Id) -> Result<&'a mut T, EditError> {
    items.iter_mut().find(|item| item.id() == id).ok_or_else(|| unknown(T::KIND, id))
}

fn unknown(kind: &'static str, id: &Id) -> EditError {
    EditError::UnknownId { kind, id: id.clone() }
}

fn check_index(kind: &'static str, index: usize, len: usize) -> Result<(), EditError> {
    if index <= len { Ok(()) } else { Err(EditError::IndexOutOfRange { kind, index, len }) }
}

/// Moves the item with `id` to index `to`; returns where it was.
fn move_item<T: HasId>(items: &mut Vec<T>, id: &Id, to: usize) -> Result<usize, EditError> {
    let from = position(items, id)?;
    if to >= items.len() {
        return Err(EditError::IndexOutOfRange { kind: T::KIND, index: to, len: items.len() });
    }
    let item = items.remove(from);
    items.insert(to, item);
    Ok(from)
}

/// Checks that `new` ids are distinct and unused in the map.
fn check_fresh<'a>(map: &Map, new: impl IntoIterator<Item = &'a Id>) -> Result<(), EditError> {
    let new: Vec<&Id> = new.into_iter().collect();
    let mut fresh: HashSet<&Id> = HashSet::with_capacity(new.len());
    for id in &new {
        if !fresh.insert(id) {
            return Err(EditError::DuplicateId { id: (*id).clone() });
        }
    }
    // A few new ids (the usual case) are compared directly: cheaper than hashing every map id.
    let taken = if new.len() <= 4 {
        map.ids().find(|id| new.contains(id))
    } else {
        map.ids().find(|id| fresh.contains(id))
    };
    match taken {
        Some(id) => Err(EditError::DuplicateId { id: id.clone() }),
        None => Ok(()),
    }
}

/// Checks cards about to be inserted: positions ascending and in range, lane and stage known
/// (either in the map or the element inserted with them).
fn check_new_cards(
    map: &Map,
    cards: &[(usize, Card)],
    new_lane: Option<&Id>,
    new_stage: Option<&Id>,
) -> Result<(), EditError> {
    let mut previous: Option<usize> = None;
    for (k, (index, card)) in cards.iter().enumerate() {
        let len = map.cards.len() + k;
        if *index > len || previous.is_some_and(|p| *index <= p) {
            return Err(EditError::IndexOutOfRange { kind: "card", index: *index, len });
        }
        previous = Some(*index);
        if new_lane != Some(&card.lane) && map.lane(&card.lane).is_none() {
            return Err(unknown("lane", &card.lane));
        }
        if new_stage != Some(&card.stage) && map.stage(&card.stage).is_none() {
            return Err(unknown("stage", &card.stage));
        }
    }
    Ok(())
}

/// Inserts checked cards at their positions: appended when they go at the end (adding, pasting),
/// else merged in one pass over `map.cards`.
fn insert_cards(map: &mut Map, cards: Vec<(usize, Card)>) {
    let len = map.cards.len();
    if cards.iter().enumerate().all(|(k, (index, _))| *index == len + k) {
        map.cards.extend(cards.into_iter().map(|(_, card)| card));
        return;
    }
    let old = mem::take(&mut map.cards);
    let mut out = Vec::with_capacity(old.len() + cards.len());
    let mut old = old.into_iter();
    for (index, card) in cards {
        while out.len() < index {
            let Some(next) = old.next() else { break };
            out.push(next);
        }
        out.push(card);
    }
    out.extend(old);
    map.cards = out;
}

/// Removes the cards that match, in place; returns them with their former positions.
fn remove_cards(map: &mut Map, remove: impl Fn(&Card) -> bool) -> Vec<(usize, Card)> {
    let mut index = 0;
    let mut positions = Vec::new();
    let removed: Vec<Card> = map
        .cards
        .extract_if(.., |card| {
            let hit = remove(card);
            if hit {
                positions.push(index);
            }
            index += 1;
            hit
        })
        .collect();
    positions.into_iter().zip(removed).collect()
}

fn check_persona_kind(map: &Map, kind: &LaneKind) -> Result<(), EditError> {
    match kind.persona() {
        Some(persona) if map.persona(persona).is_none() => Err(unknown("persona", persona)),
        Some(_) | None => Ok(()),
    }
}

/// The new places of cards moved into a cell (only those that change).
fn plan_move(map: &Map, ids: &[Id], lane: &Id, stage: &Id, index: usize) -> Result<Vec<Place>, EditError> {
    if map.lane(lane).is_none() {
        return Err(unknown("lane", lane));
    }
    if map.stage(stage).is_none() {
        return Err(unknown("stage", stage));
    }
    let moved: HashSet<&Id> = ids.iter().collect();
    if moved.len() != ids.len() {
        let duplicate = ids.iter().enumerate().find(|(i, id)| ids[..*i].contains(id)).map(|(_, id)| id);
        return Err(EditError::DuplicateId { id: duplicate.cloned().unwrap_or_default() });
    }
    let mut current: Vec<Option<&Card>> = vec![None; ids.len()];
    for card in &map.cards {
        if moved.contains(&card.id)
            && let Some(k) = ids.iter().position(|id| *id == card.id)
        {
            current[k] = Some(card);
        }
    }
    let mut cards = Vec::with_capacity(ids.len());
    for (id, card) in ids.iter().zip(current) {
        cards.push(card.ok_or_else(|| unknown("card", id))?);
    }
    let mut cell: Vec<&Card> =
        map.cards.iter().filter(|c| &c.lane == lane && &c.stage == stage && !moved.contains(&c.id)).collect();
    cell.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    check_index("cell", index, cell.len())?;
    let (before, after) = cell.split_at(index);
    let mut floor = before.last().map_or(0, |c| c.order.saturating_add(1));
    let mut places = Vec::new();
    let mut place = |card: &Card, order: u32| {
        if card.lane != *lane || card.stage != *stage || card.order != order {
            places.push(Place { card: card.id.clone(), lane: lane.clone(), stage: stage.clone(), order });
        }
    };
    for card in cards {
        place(card, floor);
        floor = floor.saturating_add(1);
    }
    for card in after {
        if card.order >= floor {
            break;
        }
        place(card, floor);
        floor = floor.saturating_add(1);
    }
    Ok(places)
}

impl Command {
    /// The command that changes nothing (an empty batch).
    pub fn nothing() -> Self {
        Self::Batch(Vec::new())
    }

    /// True for a command that changes nothing: an empty batch or a batch of such commands.
    pub fn is_nothing(&self) -> bool {
        match self {
            Self::Batch(commands) => commands.iter().all(Self::is_nothing),
            Self::PlaceCards { places } => places.is_empty(),
            Self::InsertCards { cards } => cards.is_empty(),
            Self::RemoveCards { ids } => ids.is_empty(),
            Self::InsertNotes { notes } => notes.is_empty(),
            Self::RemoveNotes { ids } | Self::DismissNotes { ids } | Self::RemoveDismissed { ids } => {
                ids.is_empty()
            }
            Self::InsertDismissed { ids } => ids.is_empty(),
            Self::NoteToCard { .. }
            | Self::SetVote(_)
            | Self::CastBallot { .. }
            | Self::SetVotes { .. }
            | Self::RemoveParticipant { .. }
            | Self::InsertStage { .. }
            | Self::RemoveStage { .. }
            | Self::MoveStage { .. }
            | Self::SetStage { .. }
            | Self::InsertPersona { .. }
            | Self::RemovePersona { .. }
            | Self::MovePersona { .. }
            | Self::SetPersona { .. }
            | Self::InsertLane { .. }
            | Self::RemoveLane { .. }
            | Self::MoveLane { .. }
            | Self::SetLane { .. }
            | Self::SetCard { .. }
            | Self::MoveCards { .. }
            | Self::SetMap { .. }
            | Self::Replace(_)
            | Self::ReplaceMap(_) => false,
        }
    }

    /// Adds a persona and a lane that follows it, as one step. `lane.kind` is set to the persona.
    pub fn add_persona_lane(
        persona: Persona,
        persona_index: usize,
        mut lane: Lane,
        lane_index: usize,
    ) -> Self {
        lane.kind = LaneKind::Persona(persona.id.clone());
        Self::Batch(vec![
            Self::InsertPersona { index: persona_index, persona },
            Self::InsertLane { index: lane_index, lane, cards: Vec::new() },
        ])
    }

    /// The field this command sets, if it sets exactly one: edits with equal keys may coalesce.
    pub fn field_key(&self) -> Option<FieldKey> {
        let key = |element: &Id, field| Some(FieldKey { element: element.clone(), field });
        match self {
            Self::SetStage { id, field } => key(id, field.name()),
            Self::SetPersona { id, field } => key(id, field.name()),
            Self::SetLane { id, field } => key(id, field.name()),
            Self::SetCard { id, field } => key(id, field.name()),
            Self::SetMap { field } => key(&Id::default(), field.name()),
            Self::InsertStage { .. }
            | Self::RemoveStage { .. }
            | Self::MoveStage { .. }
            | Self::InsertPersona { .. }
            | Self::RemovePersona { .. }
            | Self::MovePersona { .. }
            | Self::InsertLane { .. }
            | Self::RemoveLane { .. }
            | Self::MoveLane { .. }
            | Self::InsertCards { .. }
            | Self::RemoveCards { .. }
            | Self::MoveCards { .. }
            | Self::PlaceCards { .. }
            | Self::Replace(_)
            | Self::ReplaceMap(_)
            | Self::Batch(_)
            | Self::InsertNotes { .. }
            | Self::RemoveNotes { .. }
            | Self::DismissNotes { .. }
            | Self::InsertDismissed { .. }
            | Self::RemoveDismissed { .. }
            | Self::NoteToCard { .. }
            | Self::SetVote(_)
            | Self::CastBallot { .. }
            | Self::SetVotes { .. }
            | Self::RemoveParticipant { .. } => None,
        }
    }

    /// Adds the elements this command names to `touched` (a removal's cards are named by its
    /// inverse, so callers add both).
    pub fn touch(&self, touched: &mut Touched) {
        match self {
            Self::InsertStage { stage: Stage { id, .. }, cards, .. }
            | Self::InsertLane { lane: Lane { id, .. }, cards, .. } => {
                touched.ids.insert(id.clone());
                touched.ids.extend(cards.iter().map(|(_, c)| c.id.clone()));
            }
            Self::InsertCards { cards } => touched.ids.extend(cards.iter().map(|(_, c)| c.id.clone())),
            Self::RemoveStage { id }
            | Self::MoveStage { id, .. }
            | Self::SetStage { id, .. }
            | Self::RemovePersona { id }
            | Self::MovePersona { id, .. }
            | Self::SetPersona { id, .. }
            | Self::RemoveLane { id }
            | Self::MoveLane { id, .. }
            | Self::SetLane { id, .. }
            | Self::SetCard { id, .. }
            | Self::InsertPersona { persona: Persona { id, .. }, .. } => {
                touched.ids.insert(id.clone());
            }
            Self::RemoveCards { ids } | Self::MoveCards { ids, .. } => {
                touched.ids.extend(ids.iter().cloned());
            }
            Self::PlaceCards { places } => touched.ids.extend(places.iter().map(|p| p.card.clone())),
            Self::SetMap { .. } | Self::SetVote(_) | Self::RemoveParticipant { .. } => touched.map = true,
            Self::Replace(element) => {
                touched.ids.insert(element.id().clone());
            }
            Self::ReplaceMap(_) => touched.everything = true,
            Self::Batch(commands) => commands.iter().for_each(|c| c.touch(touched)),
            Self::InsertNotes { notes } => {
                touched.map = true;
                touched.ids.extend(notes.iter().map(|(_, n)| n.id.clone()));
            }
            Self::RemoveNotes { ids } | Self::DismissNotes { ids } | Self::RemoveDismissed { ids } => {
                touched.map = true;
                touched.ids.extend(ids.iter().cloned());
            }
            Self::InsertDismissed { ids } => {
                touched.map = true;
                touched.ids.extend(ids.iter().map(|(_, id)| id.clone()));
            }
            Self::NoteToCard { note, card, .. } => {
                touched.map = true;
                touched.ids.insert(note.clone());
                touched.ids.insert(card.id.clone());
            }
            Self::CastBallot { dots: ids, .. } => {
                // The cards that lose the participant's dots are named by the inverse.
                touched.ids.extend(ids.iter().cloned());
            }
            Self::SetVotes { votes, .. } => touched.ids.extend(votes.iter().map(|(id, _)| id.clone())),
        }
    }

    /// Performs the edit and returns its inverse; on error the map is unchanged.
    ///
    /// A command that would change nothing (setting a field to the value it holds, moving a card
    /// where it is) returns [`Command::nothing`].
    pub fn apply(self, map: &mut Map) -> Result<Self, EditError> {
        self.check_limits(map).map_err(EditError::TooBig)?;
        match self {
            Self::InsertStage { index, stage, cards } => {
                check_index("stage", index, map.stages.len())?;
                check_fresh(map, std::iter::once(&stage.id).chain(cards.iter().map(|(_, c)| &c.id)))?;
                check_new_cards(map, &cards, None, Some(&stage.id))?;
                let id = stage.id.clone();
                map.stages.insert(index, stage);
                insert_cards(map, cards);
                Ok(Self::RemoveStage { id })
            }
            Self::RemoveStage { id } => {
                let index = position(&map.stages, &id)?;
                let stage = map.stages.remove(index);
                let cards = remove_cards(map, |c| c.stage == id);
                Ok(Self::InsertStage { index, stage, cards })
            }
            Self::MoveStage { id, to } => {
                let from = move_item(&mut map.stages, &id, to)?;
                Ok(if from == to { Self::nothing() } else { Self::MoveStage { id, to: from } })
            }
            Self::SetStage { id, field } => {
                let stage = find_mut(&mut map.stages, &id)?;
                Ok(if field.is_in(stage) {
                    Self::nothing()
                } else {
                    Self::SetStage { id, field: field.swap_into(stage) }
                })
            }
            Self::InsertPersona { index, persona } => {
                check_index("persona", index, map.personas.len())?;
                check_fresh(map, [&persona.id])?;
                let id = persona.id.clone();
                map.personas.insert(index, persona);
                Ok(Self::RemovePersona { id })
            }
            Self::RemovePersona { id } => {
                let index = position(&map.personas, &id)?;
                if let Some((lane, _)) = map.persona_lanes().find(|(_, p)| **p == id) {
                    return Err(EditError::PersonaInUse { persona: id, lane: lane.id.clone() });
                }
                let persona = map.personas.remove(index);
                Ok(Self::InsertPersona { index, persona })
            }
            Self::MovePersona { id, to } => {
                let from = move_item(&mut map.personas, &id, to)?;
                Ok(if from == to { Self::nothing() } else { Self::MovePersona { id, to: from } })
            }
            Self::SetPersona { id, field } => {
                let persona = find_mut(&mut map.personas, &id)?;
                Ok(if field.is_in(persona) {
                    Self::nothing()
                } else {
                    Self::SetPersona { id, field: field.swap_into(persona) }
                })
            }
            Self::InsertLane { index, lane, cards } => {
                check_index("lane", index, map.lanes.len())?;
                check_fresh(map, std::iter::once(&lane.id).chain(cards.iter().map(|(_, c)| &c.id)))?;
                check_persona_kind(map, &lane.kind)?;
                check_new_cards(map, &cards, Some(&lane.id), None)?;
                let id = lane.id.clone();
                map.lanes.insert(index, lane);
                insert_cards(map, cards);
                Ok(Self::RemoveLane { id })
            }
            Self::RemoveLane { id } => {
                let index = position(&map.lanes, &id)?;
                let lane = map.lanes.remove(index);
                let cards = remove_cards(map, |c| c.lane == id);
                Ok(Self::InsertLane { index, lane, cards })
            }
            Self::MoveLane { id, to } => {
                let from = move_item(&mut map.lanes, &id, to)?;
                Ok(if from == to { Self::nothing() } else { Self::MoveLane { id, to: from } })
            }
            Self::SetLane { id, field } => {
                if let LaneField::Kind(kind) = &field {
                    check_persona_kind(map, kind)?;
                }
                let lane = find_mut(&mut map.lanes, &id)?;
                Ok(if field.is_in(lane) {
                    Self::nothing()
                } else {
                    Self::SetLane { id, field: field.swap_into(lane) }
                })
            }
            Self::InsertCards { cards } => {
                check_fresh(map, cards.iter().map(|(_, c)| &c.id))?;
                check_new_cards(map, &cards, None, None)?;
                let ids = cards.iter().map(|(_, c)| c.id.clone()).collect();
                insert_cards(map, cards);
                Ok(Self::RemoveCards { ids })
            }
            Self::RemoveCards { ids } => {
                let wanted: HashSet<&Id> = ids.iter().collect();
                let found: HashSet<&Id> =
                    map.cards.iter().map(|c| &c.id).filter(|id| wanted.contains(id)).collect();
                if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
                    return Err(unknown("card", missing));
                }
                if wanted.len() != ids.len() {
                    let duplicate = ids.iter().enumerate().find(|(i, id)| ids[..*i].contains(id));
                    return Err(EditError::DuplicateId {
                        id: duplicate.map(|(_, id)| id.clone()).unwrap_or_default(),
                    });
                }
                let cards = remove_cards(map, |c| wanted.contains(&c.id));
                Ok(Self::InsertCards { cards })
            }
            Self::SetCard { id, field } => {
                let card = find_mut(&mut map.cards, &id)?;
                Ok(if field.is_in(card) {
                    Self::nothing()
                } else {
                    Self::SetCard { id, field: field.swap_into(card) }
                })
            }
            Self::MoveCards { ids, lane, stage, index } => {
                let places = plan_move(map, &ids, &lane, &stage, index)?;
                Self::PlaceCards { places }.apply(map)
            }
            Self::PlaceCards { places } => {
                for place in &places {
                    if map.lane(&place.lane).is_none() {
                        return Err(unknown("lane", &place.lane));
                    }
                    if map.stage(&place.stage).is_none() {
                        return Err(unknown("stage", &place.stage));
                    }
                }
                let wanted: HashSet<&Id> = places.iter().map(|p| &p.card).collect();
                let found: HashMap<&Id, usize> = map
                    .cards
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| wanted.contains(&c.id))
                    .map(|(i, c)| (&c.id, i))
                    .collect();
                let mut at = Vec::with_capacity(places.len());
                for place in &places {
                    at.push(*found.get(&place.card).ok_or_else(|| unknown("card", &place.card))?);
                }
                let mut inverse = Vec::with_capacity(places.len());
                for (place, index) in places.into_iter().zip(at) {
                    let Some(card) = map.cards.get_mut(index) else { continue };
                    let old = Place {
                        card: place.card,
                        lane: mem::replace(&mut card.lane, place.lane),
                        stage: mem::replace(&mut card.stage, place.stage),
                        order: mem::replace(&mut card.order, place.order),
                    };
                    if old.lane != card.lane || old.stage != card.stage || old.order != card.order {
                        inverse.push(old);
                    }
                }
                inverse.reverse();
                Ok(if inverse.is_empty() { Self::nothing() } else { Self::PlaceCards { places: inverse } })
            }
            Self::SetMap { field } => Ok(if field.is_in(map) {
                Self::nothing()
            } else {
                Self::SetMap { field: field.swap_into(map) }
            }),
            Self::Replace(element) => replace(map, element),
            Self::ReplaceMap(new) => Ok(if *new == *map {
                Self::nothing()
            } else {
                Self::ReplaceMap(Box::new(mem::replace(map, *new)))
            }),
            Self::Batch(commands) => {
                let mut inverses: Vec<Self> = Vec::with_capacity(commands.len());
                for command in commands {
                    match command.apply(map) {
                        Ok(inverse) => {
                            if !inverse.is_nothing() {
                                inverses.push(inverse);
                            }
                        }
                        Err(error) => {
                            // Undo what was done; inverses of applied commands always apply.
                            for inverse in inverses.into_iter().rev() {
                                let rolled_back = inverse.apply(map);
                                debug_assert!(rolled_back.is_ok(), "an inverse failed: {rolled_back:?}");
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(match inverses.len() {
                    1 => inverses.pop().unwrap_or_else(Self::nothing),
                    _ => Self::Batch(inverses),
                })
            }
            Self::InsertNotes { .. }
            | Self::RemoveNotes { .. }
            | Self::DismissNotes { .. }
            | Self::InsertDismissed { .. }
            | Self::RemoveDismissed { .. }
            | Self::NoteToCard { .. }
            | Self::SetVote(_)
            | Self::CastBallot { .. }
            | Self::SetVotes { .. }
            | Self::RemoveParticipant { .. } => super::room::apply(self, map),
        }
    }
}

impl Command {
    /// Refuses a command whose new values would cross a cap of [`limits`] (a text too long, too
    /// many elements), so that no edit, paste or import makes a map that could not be saved and
    /// opened again. Only the values the command brings are looked at, not the whole map.
    fn check_limits(&self, map: &Map) -> Result<(), Overflow> {
        let the_map = || "the map".to_owned();
        let new_cards = |cards: &[(usize, Card)]| {
            limits::count(Limit::Cards, map.cards.len() + cards.len(), the_map)?;
            cards.iter().try_for_each(|(_, card)| limits::card(card))
        };
        match self {
            Self::InsertStage { stage, cards, .. } => {
                limits::count(Limit::Stages, map.stages.len() + 1, the_map)?;
                limits::stage(stage)?;
                new_cards(cards)
            }
            Self::InsertPersona { persona, .. } => {
                limits::count(Limit::Personas, map.personas.len() + 1, the_map)?;
                limits::persona(persona)
            }
            Self::InsertLane { lane, cards, .. } => {
                limits::count(Limit::Lanes, map.lanes.len() + 1, the_map)?;
                limits::lane(lane)?;
                new_cards(cards)
            }
            Self::InsertCards { cards } => new_cards(cards),
            Self::SetStage { id, field } => field.check(id.as_str()),
            Self::SetPersona { id, field } => field.check(id.as_str()),
            Self::SetLane { id, field } => field.check(id.as_str()),
            Self::SetCard { id, field } => field.check(id.as_str()),
            Self::SetMap { field } => field.check(),
            Self::Replace(element) => match element {
                Element::Stage(stage) => limits::stage(stage),
                Element::Persona(persona) => limits::persona(persona),
                Element::Lane(lane) => limits::lane(lane),
                Element::Card(card) => limits::card(card),
            },
            Self::ReplaceMap(new) => limits::check(new),
            Self::InsertNotes { notes } => {
                limits::count(Limit::Notes, map.inbox.len() + notes.len(), the_map)?;
                notes.iter().try_for_each(|(_, note)| limits::note(note))
            }
            Self::DismissNotes { ids } => {
                limits::count(Limit::Dismissed, map.dismissed.len() + ids.len(), the_map)
            }
            Self::InsertDismissed { ids } => {
                limits::count(Limit::Dismissed, map.dismissed.len() + ids.len(), the_map)
            }
            Self::NoteToCard { card, .. } => {
                limits::count(Limit::Cards, map.cards.len() + 1, the_map)?;
                limits::card(card)
            }
            Self::SetVote(vote) => vote.as_ref().map_or(Ok(()), |vote| {
                limits::count(Limit::ListItems, vote.kinds.len(), || "the kinds of the vote".to_owned())
            }),
            Self::CastBallot { participant, dots: cards } => new_voters(map, participant, cards.iter()),
            Self::SetVotes { participant, votes } => {
                new_voters(map, participant, votes.iter().filter(|(_, n)| *n > 0).map(|(id, _)| id))
            }
            // Each command of a batch is checked as it is applied.
            Self::Batch(_)
            | Self::RemoveStage { .. }
            | Self::MoveStage { .. }
            | Self::RemovePersona { .. }
            | Self::MovePersona { .. }
            | Self::RemoveLane { .. }
            | Self::MoveLane { .. }
            | Self::RemoveCards { .. }
            | Self::MoveCards { .. }
            | Self::PlaceCards { .. }
            | Self::RemoveNotes { .. }
            | Self::RemoveDismissed { .. }
            | Self::RemoveParticipant { .. } => Ok(()),
        }
    }
}

/// Refuses votes that would give a card more participants voting than [`limits::MAX_VOTERS`]
/// (a participant already voting on a card does not count again).
fn new_voters<'a>(map: &Map, participant: &Id, cards: impl Iterator<Item = &'a Id>) -> Result<(), Overflow> {
    let cards: HashSet<&Id> = cards.collect();
    for card in map.cards.iter().filter(|c| cards.contains(&c.id) && !c.votes.contains_key(participant)) {
        limits::count(Limit::Voters, card.votes.len() + 1, || format!("card `{}`", card.id))?;
    }
    Ok(())
}

/// Swaps an element for the one with the same id.
fn replace(map: &mut Map, element: Element) -> Result<Command, EditError> {
    fn swap<T: HasId + PartialEq>(
        items: &mut [T],
        new: T,
        wrap: fn(T) -> Element,
    ) -> Result<Command, EditError> {
        let slot = find_mut(items, &new.id().clone())?;
        Ok(if *slot == new { Command::nothing() } else { Command::Replace(wrap(mem::replace(slot, new))) })
    }
    match element {
        Element::Stage(stage) => swap(&mut map.stages, stage, Element::Stage),
        Element::Persona(persona) => swap(&mut map.personas, persona, Element::Persona),
        Element::Lane(lane) => {
            check_persona_kind(map, &lane.kind)?;
            swap(&mut map.lanes, lane, Element::Lane)
        }
        Element::Card(card) => {
            if map.lane(&card.lane).is_none() {
                return Err(unknown("lane", &card.lane));
            }
            if map.stage(&card.stage).is_none() {
                return Err(unknown("stage", &card.stage));
            }
            swap(&mut map.cards, card, Element::Card)
        }
    }
}
