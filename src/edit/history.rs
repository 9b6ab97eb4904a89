//! Undo and redo of commands, with a saved marker, typing sessions and drag transactions.

use super::{Command, EditError, FieldKey};
use crate::model::{Id, Map};
use std::collections::{BTreeSet, VecDeque};

/// How many undo steps a [`History`] keeps by default; older steps are forgotten first.
///
/// A step holds only the inverse of one edit (a field's old value, a removed stage with its cards),
/// so a thousand steps of ordinary editing take little memory; [`Command::ReplaceMap`] steps hold a
/// whole map each, which is the case the cap is for.
pub const DEFAULT_STEP_LIMIT: usize = 1000;

/// What edits changed since the last [`History::take_touched`]: the canvas re-lays out only that.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// The whole map may have changed (a replaced map): lay everything out again.
    pub everything: bool,
    /// A map setting changed (title, emotion scale, conflicts…).
    pub map: bool,
    /// Elements added, removed or changed (stages, personas, lanes, cards), by id.
    pub ids: BTreeSet<Id>,
}

impl Touched {
    /// True when nothing was touched.
    pub fn is_empty(&self) -> bool {
        !self.everything && !self.map && self.ids.is_empty()
    }

    /// True when the element may have changed.
    pub fn contains(&self, id: &Id) -> bool {
        self.everything || self.ids.contains(id)
    }

    /// Adds what `other` touched.
    pub fn merge(&mut self, other: Self) {
        self.everything |= other.everything;
        self.map |= other.map;
        self.ids.extend(other.ids);
    }
}

/// One undoable step: the command that undoes (or redoes) it, and the id of the state it leads to.
#[derive(Clone, Debug)]
struct Step {
    command: Command,
    /// The state reached once this step is done; unique in the history's life.
    state: u64,
    /// The field a typing session sets, while the session is open.
    typing: Option<FieldKey>,
}

/// The undo and redo stacks of a document.
///
/// - **Steps** are inverses: undoing applies one and keeps its own inverse for redo.
/// - **Saved marker**: every state the history can reach has a number; [`History::mark_saved`]
///   remembers the current one and [`History::is_dirty`] compares. It stays right after undoing
///   past the save and redoing back, and a saved state dropped with the redo stack is never
///   reached again.
/// - **Typing**: [`History::apply_typing`] merges consecutive edits of the same field of the same
///   element into one step, until [`History::end_typing`], another edit, undo, redo or a save.
/// - **Transactions** (drags): [`History::begin`], then [`History::apply`] or
///   [`History::preview`] any number of times, then [`History::commit`] (one step) or
///   [`History::abort`] (the map is restored exactly).
/// - **Bounded**: at most [`History::limit`] steps are kept ([`DEFAULT_STEP_LIMIT`] unless set).
/// - **Revision**: [`History::revision`] changes on every change of the map, and
///   [`History::take_touched`] tells which elements changed.
#[derive(Clone, Debug)]
pub struct History {
    done: VecDeque<Step>,
    undone: Vec<Step>,
    /// The state number when `done` is empty.
    base: u64,
    next_state: u64,
    saved: Option<u64>,
    /// Inverses of the open transaction's edits, in the order applied.
    transaction: Option<Vec<Command>>,
    revision: u64,
    touched: Touched,
    limit: usize,
    /// Every command applied to the map and its inverse, in order, while recording (see
    /// [`History::record`]).
    journal: Option<Vec<(Command, Command)>>,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

impl History {
    /// An empty history of a document that is as saved.
    pub fn new() -> Self {
        Self::with_limit(DEFAULT_STEP_LIMIT)
    }

    /// An empty history keeping at most `limit` steps (at least one).
    pub fn with_limit(limit: usize) -> Self {
        Self {
            done: VecDeque::new(),
            undone: Vec::new(),
            base: 0,
            next_state: 1,
            saved: Some(0),
            transaction: None,
            revision: 0,
            touched: Touched::default(),
            limit: limit.max(1),
            journal: None,
        }
    }

    /// Starts (or stops) keeping every command applied to the map, with its inverse, in order:
    /// steps, typing, undo and redo, a drag's previews and its abort. A room's host reports
    /// them to the joined desktops, which must apply exactly what changed the map.
    pub fn record(&mut self, on: bool) {
        self.journal = on.then(Vec::new);
    }

    /// The commands applied since the last call (empty when not recording).
    pub fn take_journal(&mut self) -> Vec<(Command, Command)> {
        self.journal.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Applies `command` to `map`, keeping it in the journal when recording.
    fn apply_recorded(&mut self, map: &mut Map, command: Command) -> Result<Command, EditError> {
        let Some(journal) = &mut self.journal else { return command.apply(map) };
        let inverse = command.clone().apply(map)?;
        if !inverse.is_nothing() {
            journal.push((command, inverse.clone()));
        }
        Ok(inverse)
    }

    /// The most steps kept.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Keeps at most `limit` steps from now on (at least one); the oldest go first.
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit.max(1);
        while self.done.len() > self.limit {
            if let Some(oldest) = self.done.pop_front() {
                self.base = oldest.state;
            }
        }
    }

    /// How many steps lie between the saved state and now (undoing or redoing): what a recovery
    /// copy says it holds. When the saved state can no longer be reached (dropped with the redo
    /// stack, or past the step limit), every step kept counts, and at least one.
    pub fn unsaved_steps(&self) -> usize {
        let open = usize::from(self.transaction.as_ref().is_some_and(|t| !t.is_empty()));
        let Some(saved) = self.saved else { return (self.done.len() + open).max(1) };
        if saved == self.state() {
            return open;
        }
        // The top step leads to the current state: reaching the state of the step `i` below it
        // takes `i` undos; reaching `base` takes them all.
        let back = self
            .done
            .iter()
            .rev()
            .position(|step| step.state == saved)
            .or_else(|| (self.base == saved).then_some(self.done.len()));
        let forward = self.undone.iter().rev().position(|step| step.state == saved).map(|i| i + 1);
        back.or(forward).unwrap_or(self.done.len().max(1)) + open
    }

    /// Applies a command as one undo step (or as part of the open transaction).
    /// A command that changes nothing leaves no step.
    pub fn apply(&mut self, map: &mut Map, command: Command) -> Result<(), EditError> {
        self.apply_with(map, command, false)
    }

    /// Applies a command typed into a field: it merges with the previous step when that one set
    /// the same field of the same element in the same typing session.
    pub fn apply_typing(&mut self, map: &mut Map, command: Command) -> Result<(), EditError> {
        self.apply_with(map, command, true)
    }

    /// Ends the typing session: the next edit, even of the same field, is a new step. Call it when
    /// a text field loses focus or Enter is pressed.
    pub fn end_typing(&mut self) {
        if let Some(step) = self.done.back_mut() {
            step.typing = None;
        }
    }

    fn apply_with(&mut self, map: &mut Map, command: Command, typing: bool) -> Result<(), EditError> {
        let key = command.field_key();
        let mut touched = Touched::default();
        command.touch(&mut touched);
        let inverse = self.apply_recorded(map, command)?;
        if inverse.is_nothing() {
            return Ok(());
        }
        inverse.touch(&mut touched);
        self.changed(touched);
        if let Some(transaction) = &mut self.transaction {
            // Consecutive previews of one field keep only the first inverse (the original value).
            let same = key.is_some() && transaction.last().and_then(Command::field_key) == key;
            if !same {
                transaction.push(inverse);
            }
            return Ok(());
        }
        self.undone.clear();
        let state = self.fresh_state();
        if typing
            && key.is_some()
            && let Some(top) = self.done.back_mut()
            && top.typing == key
        {
            // Same field, same session: the step's inverse already restores the value before
            // the session; the step now leads to a new state.
            top.state = state;
            return Ok(());
        }
        self.end_typing();
        self.push(Step { command: inverse, state, typing: if typing { key } else { None } });
        Ok(())
    }

    fn push(&mut self, step: Step) {
        self.done.push_back(step);
        while self.done.len() > self.limit {
            if let Some(oldest) = self.done.pop_front() {
                self.base = oldest.state;
            }
        }
    }

    fn fresh_state(&mut self) -> u64 {
        let state = self.next_state;
        self.next_state += 1;
        state
    }

    fn changed(&mut self, touched: Touched) {
        self.revision += 1;
        self.touched.merge(touched);
    }

    /// Applies a command and records what it touched, without making a step.
    fn replay(&mut self, map: &mut Map, command: Command) -> Result<Command, EditError> {
        let mut touched = Touched::default();
        command.touch(&mut touched);
        let inverse = self.apply_recorded(map, command)?;
        inverse.touch(&mut touched);
        self.changed(touched);
        Ok(inverse)
    }

    /// Undoes the last step; returns false when there is none. An open transaction is aborted
    /// instead (that is the step being undone).
    pub fn undo(&mut self, map: &mut Map) -> Result<bool, EditError> {
        if self.transaction.is_some() {
            return self.abort(map);
        }
        let Some(step) = self.done.pop_back() else { return Ok(false) };
        let Step { command, state, .. } = step;
        match self.replay(map, command.clone()) {
            Ok(redo) => {
                self.undone.push(Step { command: redo, state, typing: None });
                Ok(true)
            }
            Err(error) => {
                self.done.push_back(Step { command, state, typing: None });
                Err(error)
            }
        }
    }

    /// Redoes the last undone step; returns false when there is none.
    pub fn redo(&mut self, map: &mut Map) -> Result<bool, EditError> {
        if self.transaction.is_some() {
            return Ok(false);
        }
        self.end_typing();
        let Some(step) = self.undone.pop() else { return Ok(false) };
        let Step { command, state, .. } = step;
        match self.replay(map, command.clone()) {
            Ok(undo) => {
                self.push(Step { command: undo, state, typing: None });
                Ok(true)
            }
            Err(error) => {
                self.undone.push(Step { command, state, typing: None });
                Err(error)
            }
        }
    }

    /// True when there is a step to undo (or a transaction to abort).
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty() || self.transaction.is_some()
    }

    /// True when there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty() && self.transaction.is_none()
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.done.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.undone.len()
    }

    /// Forgets every step (e.g. after opening another file); the map counts as saved.
    pub fn clear(&mut self) {
        let state = self.fresh_state();
        self.done.clear();
        self.undone.clear();
        self.transaction = None;
        self.base = state;
        self.saved = Some(state);
    }

    /// Starts a transaction (a drag): edits until [`History::commit`] make one step, and
    /// [`History::abort`] restores the map as it was here.
    pub fn begin(&mut self) -> Result<(), EditError> {
        if self.transaction.is_some() {
            return Err(EditError::TransactionOpen);
        }
        self.end_typing();
        self.transaction = Some(Vec::new());
        Ok(())
    }

    /// True while a transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.transaction.is_some()
    }

    /// Replaces the transaction's edits so far by `command` (a drag's current position); begins a
    /// transaction if none is open. On error the previous preview stays in place.
    pub fn preview(&mut self, map: &mut Map, command: Command) -> Result<(), EditError> {
        let inverses = self.transaction.take().unwrap_or_default();
        let mut redo = Vec::with_capacity(inverses.len());
        for inverse in inverses.into_iter().rev() {
            redo.push(self.replay(map, inverse)?);
        }
        self.transaction = Some(Vec::new());
        if let Err(error) = self.apply(map, command) {
            let mut inverses = Vec::with_capacity(redo.len());
            for command in redo.into_iter().rev() {
                inverses.push(self.replay(map, command)?);
            }
            self.transaction = Some(inverses);
            return Err(error);
        }
        Ok(())
    }

    /// Ends the transaction as one undo step; returns false when it changed nothing (or none was
    /// open).
    pub fn commit(&mut self) -> bool {
        let Some(mut inverses) = self.transaction.take() else { return false };
        if inverses.is_empty() {
            return false;
        }
        inverses.reverse();
        let command = if inverses.len() == 1 {
            inverses.pop().unwrap_or_else(Command::nothing)
        } else {
            Command::Batch(inverses)
        };
        self.undone.clear();
        let state = self.fresh_state();
        self.push(Step { command, state, typing: None });
        true
    }

    /// Cancels the transaction (Esc during a drag): the map is restored exactly. Returns false when
    /// none was open.
    pub fn abort(&mut self, map: &mut Map) -> Result<bool, EditError> {
        let Some(inverses) = self.transaction.take() else { return Ok(false) };
        for inverse in inverses.into_iter().rev() {
            self.replay(map, inverse)?;
        }
        Ok(true)
    }

    /// The number of the state the map is in.
    fn state(&self) -> u64 {
        self.done.back().map_or(self.base, |step| step.state)
    }

    /// Remembers the current state as the one on disk (call after a successful save).
    /// Saving during a transaction marks no state: the file holds a preview.
    pub fn mark_saved(&mut self) {
        self.end_typing();
        self.saved = if self.transaction.is_some() { None } else { Some(self.state()) };
    }

    /// Forgets every step after the map was replaced from outside the history (a joined
    /// desktop showing the host's map, whose undo is the room's): nothing to undo or redo, no
    /// transaction, the state counted as saved, everything touched and the revision bumped so
    /// that layouts and caches see the change. The journal, if recording, is left as it is.
    pub fn reset(&mut self) {
        self.done.clear();
        self.undone.clear();
        self.transaction = None;
        self.base = self.next_state;
        self.next_state += 1;
        self.saved = Some(self.base);
        self.revision += 1;
        self.touched.everything = true;
    }

    /// Forgets the saved state: the document counts as unsaved (e.g. a new map from a template).
    pub fn forget_saved(&mut self) {
        self.saved = None;
    }

    /// True when the map differs from the last save (drives "unsaved changes").
    pub fn is_dirty(&self) -> bool {
        self.transaction.as_ref().is_some_and(|t| !t.is_empty()) || self.saved != Some(self.state())
    }

    /// A counter that changes whenever the map changes (edit, undo, redo, preview, abort).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What changed since the last call (and forgets it).
    pub fn take_touched(&mut self) -> Touched {
        std::mem::take(&mut self.touched)
    }
}
