//! The editor core: every change to a map is a [`Command`] that returns its inverse when applied.
//!
//! UI-agnostic (no egui): the designer's canvas, inspector and dialogs emit commands, and this
//! module applies them, keeps the undo history and answers what changed.
//!
//! - [`Command`]: one document edit; `apply(self, &mut Map) -> Result<Command, EditError>`
//!   returns the inverse and leaves the map unchanged on error. Field edits carry typed values
//!   ([`StageField`], [`PersonaField`], [`LaneField`], [`CardField`], [`MapField`]).
//! - [`History`]: undo and redo of inverses, saved marker, typing sessions (one step per field
//!   typed into), transactions for drags (one step, Esc restores), a step cap, a revision counter
//!   and [`Touched`] for partial re-layout.
//! - [`Editor`]: owns the map, its history and an id generator, and offers what the UI calls
//!   (`add_card`, `delete`, `duplicate`, `move_cards`, `set_emotion`, `paste`…).
//! - [`clip`]: copy and paste as RON text, with fresh ids for pasted elements.

pub mod clip;
mod command;
mod editor;
mod error;
mod fields;
mod history;
mod room;

pub use clip::{Clip, Pasted};
pub use command::{Command, Element, FieldKey, Place};
pub use editor::{Editor, delete_command};
pub use error::EditError;
pub use fields::{CardField, LaneField, MapField, PersonaField, StageField};
pub use history::{DEFAULT_STEP_LIMIT, History, Touched};
pub use room::{MAX_BALLOT_DOTS, MAX_NOTE_CHARS};

use crate::model::Id;

/// A lane × stage cell of the map: where cards are added, moved and pasted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// The row.
    pub lane: Id,
    /// The column.
    pub stage: Id,
}

impl Cell {
    /// The cell at this lane and stage.
    pub fn new(lane: impl Into<Id>, stage: impl Into<Id>) -> Self {
        Self { lane: lane.into(), stage: stage.into() }
    }
}

#[cfg(test)]
mod tests;
