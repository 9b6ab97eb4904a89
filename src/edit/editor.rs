//! The document being edited: map, history and id generator, with the operations the UI calls.

use super::clip::{self, Clip};
use super::{CardField, Cell, Command, EditError, History, LaneField, MapField, Touched};
use crate::model::{Card, EmotionScale, Id, IdGen, IdKind, Lane, LaneKind, Map, Metrics, Persona, Stage};
use std::collections::BTreeSet;

/// A map being edited: the map, its undo history and the generator of fresh ids.
///
/// The UI reads the map through [`Editor::map`] and changes it only through the methods here
/// (each one undo step) or [`Editor::apply`] with any [`Command`].
#[derive(Clone, Debug)]
pub struct Editor {
    map: Map,
    history: History,
    ids: IdGen,
}

impl Editor {
    /// Starts editing a map as loaded (not dirty). `seed` feeds the id generator: pass a
    /// different one per session (e.g. from the clock) so that two people editing copies of a map
    /// do not draw the same new ids; tests pass a constant.
    pub fn new(map: Map, seed: u64) -> Self {
        let mut ids = IdGen::with_seed(seed);
        ids.observe(map.ids());
        Self { map, history: History::new(), ids }
    }

    /// The map as it is now.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// The undo history (saved marker, step counts).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The undo history, to change its settings (e.g. [`History::forget_saved`]).
    pub fn history_mut(&mut self) -> &mut History {
        &mut self.history
    }

    /// Gives the map back, ending the editing session.
    pub fn into_map(self) -> Map {
        self.map
    }

    /// A fresh id of this kind, never used in this session.
    pub fn fresh_id(&mut self, kind: IdKind) -> Id {
        self.ids.fresh(kind)
    }

    /// Applies any command as one undo step (inside an open transaction: as part of it).
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        let new_ids = Self::named_ids(&command);
        self.history.apply(&mut self.map, command)?;
        self.observe(&new_ids);
        Ok(())
    }

    /// Applies an edit typed into a field: consecutive edits of one field are one undo step.
    pub fn apply_typing(&mut self, command: Command) -> Result<(), EditError> {
        let new_ids = Self::named_ids(&command);
        self.history.apply_typing(&mut self.map, command)?;
        self.observe(&new_ids);
        Ok(())
    }

    /// Ends the typing session (the text field lost focus, or Enter).
    pub fn end_typing(&mut self) {
        self.history.end_typing();
    }

    /// The ids a command names (including those it inserts).
    fn named_ids(command: &Command) -> Touched {
        let mut named = Touched::default();
        command.touch(&mut named);
        named
    }

    /// Ids that entered the map from outside (a replaced map, a command built by hand) are never
    /// handed out by [`Editor::fresh_id`].
    fn observe(&mut self, named: &Touched) {
        if named.everything {
            self.ids.observe(self.map.ids());
        } else {
            self.ids.observe(&named.ids);
        }
    }

    /// Undoes one step; false when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        self.history.undo(&mut self.map)
    }

    /// Redoes one step; false when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        self.history.redo(&mut self.map)
    }

    /// Starts a drag: what follows until [`Editor::commit`] is one undo step.
    pub fn begin(&mut self) -> Result<(), EditError> {
        self.history.begin()
    }

    /// Shows a drag's current result, replacing its previous preview.
    pub fn preview(&mut self, command: Command) -> Result<(), EditError> {
        self.history.preview(&mut self.map, command)
    }

    /// Ends the drag as one undo step.
    pub fn commit(&mut self) -> bool {
        self.history.commit()
    }

    /// Cancels the drag (Esc): the map is as before [`Editor::begin`].
    pub fn abort(&mut self) -> Result<bool, EditError> {
        self.history.abort(&mut self.map)
    }

    /// Shows a map that changed outside this editor (a joined desktop's copy of the host's map)
    /// with no undo step and an empty history; the new map's ids are never handed out.
    pub fn reset_map(&mut self, map: Map) {
        self.ids.observe(map.ids());
        self.map = map;
        self.history.reset();
    }

    /// Call after saving: the map is no longer dirty.
    pub fn mark_saved(&mut self) {
        self.history.mark_saved();
    }

    /// True when there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Changes on every change of the map.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// What changed since the last call.
    pub fn take_touched(&mut self) -> Touched {
        self.history.take_touched()
    }

    /// Adds a stage named `name` at `index` (0 = first, `stages.len()` = last).
    pub fn add_stage(&mut self, index: usize, name: &str) -> Result<Id, EditError> {
        let id = self.ids.fresh(IdKind::Stage);
        let stage = Stage {
            id: id.clone(),
            name: name.to_owned(),
            description: String::new(),
            colour: None,
            metrics: Metrics::default(),
        };
        self.apply(Command::InsertStage { index, stage, cards: Vec::new() })?;
        Ok(id)
    }

    /// Adds a shared lane (thoughts, pain points…) or a lane for an existing persona at `index`.
    pub fn add_lane(&mut self, index: usize, kind: LaneKind, title: &str) -> Result<Id, EditError> {
        let id = self.ids.fresh(IdKind::Lane);
        let lane = Lane { id: id.clone(), title: title.to_owned(), kind, hidden: false };
        self.apply(Command::InsertLane { index, lane, cards: Vec::new() })?;
        Ok(id)
    }

    /// Creates a persona (its id is replaced by a fresh one) and a lane following it at `index`,
    /// in one step; returns the persona's and the lane's ids.
    pub fn add_persona_lane(&mut self, index: usize, mut persona: Persona) -> Result<(Id, Id), EditError> {
        persona.id = self.ids.fresh(IdKind::Persona);
        let lane = Lane {
            id: self.ids.fresh(IdKind::Lane),
            title: String::new(),
            kind: LaneKind::Persona(persona.id.clone()),
            hidden: false,
        };
        let ids = (persona.id.clone(), lane.id.clone());
        self.apply(Command::add_persona_lane(persona, self.map.personas.len(), lane, index))?;
        Ok(ids)
    }

    /// Adds a touchpoint card with this title after the last card of a cell (double-click).
    pub fn add_card(&mut self, cell: &Cell, title: &str) -> Result<Id, EditError> {
        self.add_card_with_details(cell, title, "")
    }

    /// Adds a touchpoint card with a title and details after the last card of a cell, as one step.
    pub fn add_card_with_details(
        &mut self,
        cell: &Cell,
        title: &str,
        details: &str,
    ) -> Result<Id, EditError> {
        let id = self.ids.fresh(IdKind::Card);
        let mut card = Card::new(id.clone(), cell.lane.clone(), cell.stage.clone(), title);
        details.clone_into(&mut card.details);
        card.order =
            self.map.cell_cards(&cell.lane, &cell.stage).last().map_or(0, |c| c.order.saturating_add(1));
        self.apply(Command::InsertCards { cards: vec![(self.map.cards.len(), card)] })?;
        Ok(id)
    }

    /// Moves cards into a cell at `index` (in display order, not counting them) as one step.
    /// During a drag, use [`Editor::preview`] with [`Command::MoveCards`] instead.
    pub fn move_cards(&mut self, ids: &[Id], cell: &Cell, index: usize) -> Result<(), EditError> {
        self.apply(Command::MoveCards {
            ids: ids.to_vec(),
            lane: cell.lane.clone(),
            stage: cell.stage.clone(),
            index,
        })
    }

    /// The command that sets a card's emotion to the level nearest `score` (for drag previews).
    pub fn emotion_command(&self, card: &Id, score: f64) -> Result<Command, EditError> {
        let level = self.map.emotion_scale.snap(score).ok_or(EditError::BadScore)?;
        Ok(Command::SetCard { id: card.clone(), field: CardField::Emotion(Some(level)) })
    }

    /// Sets a card's emotion to the level nearest `score`, clamped to the scale; returns the level.
    pub fn set_emotion(&mut self, card: &Id, score: f64) -> Result<i32, EditError> {
        let level = self.map.emotion_scale.snap(score).ok_or(EditError::BadScore)?;
        self.apply(Command::SetCard { id: card.clone(), field: CardField::Emotion(Some(level)) })?;
        Ok(level)
    }

    /// Changes the emotion scale (and its labels) in one step. With `remap`, every card's score
    /// keeps its relative place on the new scale (−2…+2 → 1…5 turns −2 into 1); without, scores are
    /// kept and only those outside the new scale are clamped.
    pub fn set_emotion_scale(&mut self, scale: EmotionScale, remap: bool) -> Result<(), EditError> {
        if scale.min >= scale.max {
            return Err(EditError::BadScale { min: scale.min, max: scale.max });
        }
        let old = &self.map.emotion_scale;
        let mut commands = Vec::new();
        for card in &self.map.cards {
            let Some(score) = card.emotion else { continue };
            let new = if remap { old.remap(score, &scale) } else { score.clamp(scale.min, scale.max) };
            if new != score {
                commands.push(Command::SetCard { id: card.id.clone(), field: CardField::Emotion(Some(new)) });
            }
        }
        commands.insert(0, Command::SetMap { field: MapField::EmotionScale(scale) });
        self.apply(Command::Batch(commands))
    }

    /// Shows or hides a lane.
    pub fn set_lane_hidden(&mut self, lane: &Id, hidden: bool) -> Result<(), EditError> {
        self.apply(Command::SetLane { id: lane.clone(), field: LaneField::Hidden(hidden) })
    }

    /// Deletes any mix of cards, lanes, stages and personas as one step. A stage or lane takes its
    /// cards along; a persona takes its lanes (and their cards) along.
    pub fn delete(&mut self, ids: &[Id]) -> Result<(), EditError> {
        let command = delete_command(&self.map, ids)?;
        self.apply(command)
    }

    /// Clipboard text for the selection (see [`Clip::of`]).
    pub fn copy(&self, ids: &[Id]) -> String {
        clip::copy(&self.map, ids)
    }

    /// Copies the selection into the clipboard text and deletes it, as one step.
    pub fn cut(&mut self, ids: &[Id]) -> Result<String, EditError> {
        let text = self.copy(ids);
        self.delete(ids)?;
        Ok(text)
    }

    /// Pastes clipboard text (see [`clip::paste_clip`]); returns the new elements' ids.
    pub fn paste(&mut self, text: &str, target: Option<&Cell>) -> Result<Vec<Id>, EditError> {
        let clip = Clip::from_text(text)?;
        self.paste_clip(clip, target)
    }

    fn paste_clip(&mut self, clip: Clip, target: Option<&Cell>) -> Result<Vec<Id>, EditError> {
        let pasted = clip::paste_clip(&self.map, clip, target, &mut self.ids)?;
        self.apply(pasted.command)?;
        Ok(pasted.ids)
    }

    /// Duplicates the selection (Ctrl+D): copies go next to the originals, cards at the end of
    /// their cell. Returns the copies' ids.
    pub fn duplicate(&mut self, ids: &[Id]) -> Result<Vec<Id>, EditError> {
        self.paste_clip(Clip::of(&self.map, ids), None)
    }

    /// Replaces the whole map as one undoable step (reload-and-merge, conflict resolution).
    pub fn replace_map(&mut self, map: Map) -> Result<(), EditError> {
        self.apply(Command::ReplaceMap(Box::new(map)))
    }
}

/// The one-step command that deletes a selection (see [`Editor::delete`]).
pub fn delete_command(map: &Map, ids: &[Id]) -> Result<Command, EditError> {
    let wanted: BTreeSet<&Id> = ids.iter().collect();
    let known: BTreeSet<&Id> = map.ids().filter(|id| wanted.contains(id)).collect();
    if let Some(missing) = ids.iter().find(|id| !known.contains(id)) {
        return Err(EditError::UnknownId { kind: "element", id: missing.clone() });
    }
    let personas: BTreeSet<&Id> =
        map.personas.iter().map(|p| &p.id).filter(|id| wanted.contains(id)).collect();
    let lanes: BTreeSet<&Id> = map
        .lanes
        .iter()
        .filter(|l| wanted.contains(&l.id) || l.kind.persona().is_some_and(|p| personas.contains(p)))
        .map(|l| &l.id)
        .collect();
    let stages: BTreeSet<&Id> = map.stages.iter().map(|s| &s.id).filter(|id| wanted.contains(id)).collect();
    let cards: Vec<Id> = map
        .cards
        .iter()
        .filter(|c| wanted.contains(&c.id) && !lanes.contains(&c.lane) && !stages.contains(&c.stage))
        .map(|c| c.id.clone())
        .collect();
    let mut commands = Vec::new();
    if !cards.is_empty() {
        commands.push(Command::RemoveCards { ids: cards });
    }
    commands.extend(lanes.iter().map(|&id| Command::RemoveLane { id: id.clone() }));
    commands.extend(stages.iter().map(|&id| Command::RemoveStage { id: id.clone() }));
    commands.extend(personas.iter().map(|&id| Command::RemovePersona { id: id.clone() }));
    Ok(Command::Batch(commands))
}
