//! The workshop room's commands: notes in the inbox, dismissed notes, notes made into cards, the
//! dot vote and ballots. Each returns its inverse, as every [`Command`] does.

use super::{Command, EditError};
use crate::model::{Card, Id, Map, Note};
use std::collections::{BTreeMap, HashSet};
use std::mem;

pub use crate::model::limits::{MAX_BALLOT_DOTS, MAX_NOTE_CHARS};

fn unknown(kind: &'static str, id: &Id) -> EditError {
    EditError::UnknownId { kind, id: id.clone() }
}

/// Checks that `ids` are distinct; returns the first duplicate as an error.
fn distinct(ids: &[Id]) -> Result<HashSet<&Id>, EditError> {
    let mut seen = HashSet::with_capacity(ids.len());
    for id in ids {
        if !seen.insert(id) {
            return Err(EditError::DuplicateId { id: id.clone() });
        }
    }
    Ok(seen)
}

/// Checks a note before it enters the inbox: a usable id, never received before. Its text and
/// stage are the room's business (the host caps and checks them before posting; `check`
/// reports a stage removed since): an undo must always be able to put a note back.
fn check_note(map: &Map, note: &Note) -> Result<(), EditError> {
    if !note.id.is_well_formed() {
        return Err(unknown("note", &note.id));
    }
    if map.knows_note(&note.id) || map.ids().any(|id| id == &note.id) {
        return Err(EditError::NoteKnown { id: note.id.clone() });
    }
    Ok(())
}

/// Inserts items at ascending positions (`len` appends), checked beforehand.
fn insert_at<T>(list: &mut Vec<T>, items: Vec<(usize, T)>) {
    for (index, item) in items {
        let at = index.min(list.len());
        list.insert(at, item);
    }
}

fn check_positions<T>(kind: &'static str, items: &[(usize, T)], len: usize) -> Result<(), EditError> {
    let mut previous: Option<usize> = None;
    for (k, (index, _)) in items.iter().enumerate() {
        if *index > len + k || previous.is_some_and(|p| *index <= p) {
            return Err(EditError::IndexOutOfRange { kind, index: *index, len: len + k });
        }
        previous = Some(*index);
    }
    Ok(())
}

/// Removes the listed items (all must be present); returns them with their former positions.
fn remove_listed<T>(
    list: &mut Vec<T>,
    ids: &[Id],
    id_of: impl Fn(&T) -> &Id,
    kind: &'static str,
) -> Result<Vec<(usize, T)>, EditError> {
    let wanted = distinct(ids)?;
    let found: HashSet<&Id> = list.iter().map(&id_of).filter(|id| wanted.contains(id)).collect();
    if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
        return Err(unknown(kind, missing));
    }
    let wanted: HashSet<Id> = ids.iter().cloned().collect();
    let mut removed = Vec::with_capacity(ids.len());
    let mut kept = Vec::with_capacity(list.len());
    for (index, item) in mem::take(list).into_iter().enumerate() {
        if wanted.contains(id_of(&item)) {
            removed.push((index, item));
        } else {
            kept.push(item);
        }
    }
    *list = kept;
    Ok(removed)
}

/// A participant's dots per card, in card order.
fn votes_of(map: &Map, participant: &Id) -> Vec<(Id, u32)> {
    map.cards.iter().filter_map(|c| c.votes.get(participant).map(|n| (c.id.clone(), *n))).collect()
}

/// Applies one of the room's commands (called by [`Command::apply`]).
pub(super) fn apply(command: Command, map: &mut Map) -> Result<Command, EditError> {
    match command {
        Command::InsertNotes { notes } => {
            check_positions("note", &notes, map.inbox.len())?;
            let ids: Vec<Id> = notes.iter().map(|(_, n)| n.id.clone()).collect();
            distinct(&ids)?;
            for (_, note) in &notes {
                check_note(map, note)?;
            }
            insert_at(&mut map.inbox, notes);
            Ok(Command::RemoveNotes { ids })
        }
        Command::RemoveNotes { ids } => {
            let notes = remove_listed(&mut map.inbox, &ids, |n: &Note| &n.id, "note")?;
            Ok(Command::InsertNotes { notes })
        }
        Command::DismissNotes { ids } => {
            distinct(&ids)?;
            if let Some(known) = ids.iter().find(|id| map.dismissed.contains(id)) {
                return Err(EditError::DuplicateId { id: known.clone() });
            }
            let len = map.dismissed.len();
            let record = ids.iter().enumerate().map(|(k, id)| (len + k, id.clone())).collect();
            Command::Batch(vec![Command::RemoveNotes { ids }, Command::InsertDismissed { ids: record }])
                .apply(map)
        }
        Command::InsertDismissed { ids } => {
            check_positions("dismissed note", &ids, map.dismissed.len())?;
            let plain: Vec<Id> = ids.iter().map(|(_, id)| id.clone()).collect();
            distinct(&plain)?;
            if let Some(known) = plain.iter().find(|id| map.dismissed.contains(id)) {
                return Err(EditError::DuplicateId { id: known.clone() });
            }
            insert_at(&mut map.dismissed, ids);
            Ok(Command::RemoveDismissed { ids: plain })
        }
        Command::RemoveDismissed { ids } => {
            let removed = remove_listed(&mut map.dismissed, &ids, |id: &Id| id, "dismissed note")?;
            Ok(Command::InsertDismissed { ids: removed })
        }
        Command::NoteToCard { note, mut card, index } => {
            let Some(position) = map.inbox.iter().position(|n| n.id == note) else {
                return Err(unknown("note", &note));
            };
            card.from_note = Some(note.clone());
            let (id, lane, stage) = (card.id.clone(), card.lane.clone(), card.stage.clone());
            let end = map.cards.len();
            // The note leaves first, so that the card may carry its id in `from_note`.
            Command::Batch(vec![
                Command::RemoveNotes { ids: vec![map.inbox[position].id.clone()] },
                Command::InsertCards { cards: vec![(end, card)] },
                Command::MoveCards { ids: vec![id], lane, stage, index },
            ])
            .apply(map)
        }
        Command::SetVote(vote) => Ok(if map.vote == vote {
            Command::nothing()
        } else {
            Command::SetVote(mem::replace(&mut map.vote, vote))
        }),
        Command::CastBallot { participant, dots } => {
            let Some(vote) = map.vote.as_ref().filter(|v| v.open) else {
                return Err(EditError::NoVoteOpen);
            };
            if dots.len() > usize::try_from(vote.per_participant).unwrap_or(usize::MAX) {
                return Err(EditError::TooManyDots { dots: dots.len(), allowed: vote.per_participant });
            }
            let mut counts: BTreeMap<&Id, u32> = BTreeMap::new();
            for card in &dots {
                let Some(found) = map.card(card) else { return Err(unknown("card", card)) };
                if !vote.accepts(found.kind) {
                    return Err(EditError::NotVotable { card: card.clone() });
                }
                *counts.entry(card).or_default() += 1;
            }
            // In card order, so the same ballot always gives the same command.
            let votes =
                map.cards.iter().filter_map(|c| counts.get(&c.id).map(|n| (c.id.clone(), *n))).collect();
            Command::SetVotes { participant, votes }.apply(map)
        }
        Command::SetVotes { participant, votes } => {
            let ids: Vec<Id> = votes.iter().map(|(id, _)| id.clone()).collect();
            distinct(&ids)?;
            if let Some(missing) = ids.iter().find(|id| map.card(id).is_none()) {
                return Err(unknown("card", missing));
            }
            let old = votes_of(map, &participant);
            let mut new: BTreeMap<Id, u32> = votes.into_iter().filter(|(_, n)| *n > 0).collect();
            let same = old.len() == new.len() && old.iter().all(|(id, n)| new.get(id) == Some(n));
            if same {
                return Ok(Command::nothing());
            }
            for card in &mut map.cards {
                match new.remove(&card.id) {
                    Some(n) => {
                        card.votes.insert(participant.clone(), n);
                    }
                    None => {
                        card.votes.remove(&participant);
                    }
                }
            }
            Ok(Command::SetVotes { participant, votes: old })
        }
        Command::RemoveParticipant { participant } => {
            let notes: Vec<Id> =
                map.inbox.iter().filter(|n| n.participant == participant).map(|n| n.id.clone()).collect();
            Command::Batch(vec![
                Command::DismissNotes { ids: notes },
                Command::SetVotes { participant, votes: Vec::new() },
            ])
            .apply(map)
        }
        other => other.apply(map),
    }
}

impl Command {
    /// Posts a note at the end of the inbox.
    pub fn post_note(map: &Map, note: Note) -> Self {
        Self::InsertNotes { notes: vec![(map.inbox.len(), note)] }
    }

    /// Makes a note into a card at the end of a cell: `card` holds its fresh id and cell; its
    /// title, kind, emotion and stage come from the note unless already set on `card`.
    pub fn note_to_card(map: &Map, note: &Note, mut card: Card) -> Self {
        if card.title.is_empty() {
            card.title.clone_from(&note.text);
        }
        if card.kind == crate::model::CardKind::default() {
            card.kind = note.kind.card_kind();
        }
        if card.emotion.is_none() {
            card.emotion = note.emotion;
        }
        let index = map.cell_cards(&card.lane, &card.stage).len();
        Self::NoteToCard { note: note.id.clone(), card, index }
    }
}

#[cfg(test)]
mod tests;
