//! The pointer on the canvas: hover, zoom and pan, clicks that select, double-clicks that edit,
//! and drags (cards, emotion points, stage and lane headers) as editor transactions, previewed
//! while dragging, one undo step when dropped, cancelled by Esc.

use super::super::Designer;
use super::super::i18n::T;
use super::Canvas;
use crate::display::{Point, Target};
use crate::edit::{CardField, Cell, Command};
use crate::model::Id;
use crate::paint::screen::MapToScreen;
use egui::{Key, Vec2};

/// A drag on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    /// Moving the view.
    Pan,
    /// Selecting with a rubber band from this map point.
    Band(Point),
    /// Moving cards (an open editor transaction).
    Cards(Vec<Id>),
    /// Setting an emotion score (an open editor transaction).
    Emotion {
        /// The persona lane.
        lane: Id,
        /// The stage.
        stage: Id,
        /// The level shown now.
        level: Option<i32>,
    },
    /// Reordering a stage (an open editor transaction).
    Stage(Id),
    /// Reordering a lane (an open editor transaction).
    Lane(Id),
}

impl Canvas {
    /// The cell under a map point (cards count as their cell), with the index a dropped card
    /// would take there, ignoring `skip` cards.
    pub fn cell_at(&self, map: &crate::model::Map, p: Point, skip: &[Id]) -> Option<(Cell, usize)> {
        let cell = self.list.hits.iter().rev().find_map(|h| match &h.target {
            Target::Cell { lane, stage } if h.rect.contains(p) => {
                Some(Cell::new(lane.clone(), stage.clone()))
            }
            Target::Card(id) if h.rect.contains(p) => {
                map.card(id).map(|c| Cell::new(c.lane.clone(), c.stage.clone()))
            }
            Target::Title
            | Target::Stage(_)
            | Target::Lane(_)
            | Target::Cell { .. }
            | Target::Card(_)
            | Target::EmotionPoint { .. } => None,
        })?;
        let index = map
            .cell_cards(&cell.lane, &cell.stage)
            .iter()
            .filter(|c| !skip.contains(&c.id))
            .filter(|c| self.list.rect_of(&Target::Card(c.id.clone())).is_some_and(|r| r.center().y < p.y))
            .count();
        Some((cell, index))
    }
}

impl Designer {
    /// The pointer over the canvas: wheel and pinch zoom, hover, clicks, double-clicks and drags.
    pub(super) fn pointer_ui(&mut self, ui: &egui::Ui, response: &egui::Response, to_screen: MapToScreen) {
        let rect = response.rect;
        // Zoom (Ctrl+scroll, pinch) around the pointer, pan with the scroll wheel.
        let pointer = ui.input(|i| i.pointer.hover_pos());
        if response.hovered() || response.contains_pointer() {
            let (factor, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
            if (factor - 1.0).abs() > f32::EPSILON {
                self.canvas.viewport.zoom_around(factor, pointer.unwrap_or(rect.center()));
            }
            if scroll != Vec2::ZERO {
                self.canvas.viewport.pan(scroll);
            }
        }

        // The frozen headers first: a click on a pinned stage or lane header selects it.
        let hover_target =
            pointer.filter(|p| rect.contains(*p)).and_then(|p| self.canvas.hit_at(p, to_screen));
        self.canvas.hovered.clone_from(&hover_target);
        if let Some(Target::EmotionPoint { lane, stage }) = &hover_target
            && self.canvas.drag.is_none()
        {
            let text = self.emotion_tooltip(lane, stage, None);
            response.clone().on_hover_text_at_pointer(text);
        }

        if self.read_only() {
            // Presenting or showing the funnel sheet: the view can move, the map cannot. On the
            // sheet a click on a cited card selects it, for the inspector.
            if response.dragged() {
                self.canvas.viewport.pan(response.drag_delta());
            }
            if response.clicked() && self.presentation.is_none() {
                self.click(hover_target, false);
            }
            return;
        }
        self.handle_drag(ui, response, to_screen);

        if response.clicked() {
            let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
            self.click(hover_target.clone(), shift);
            response.request_focus();
        }
        if response.double_clicked() {
            match hover_target {
                Some(Target::Cell { lane, stage }) => self.start_new_card(Cell::new(lane, stage)),
                Some(Target::Card(id)) => self.start_edit_card(&id),
                Some(Target::Stage(id)) => {
                    // A frozen header is renamed where it really is: bring the row back first.
                    self.canvas.show_stage_row(to_screen);
                    self.start_rename_stage(&id);
                }
                Some(Target::Title | Target::Lane(_) | Target::EmotionPoint { .. }) | None => {}
            }
        }
    }

    fn click(&mut self, target: Option<Target>, extend: bool) {
        self.commit_inline();
        match target {
            Some(target) if extend => self.selection.toggle(target),
            Some(target) => self.selection.only(target),
            None => self.selection.clear(),
        }
    }

    fn handle_drag(&mut self, ui: &egui::Ui, response: &egui::Response, to_screen: MapToScreen) {
        let (pointer, press, middle, shift) = ui.input(|i| {
            (i.pointer.interact_pos(), i.pointer.press_origin(), i.pointer.middle_down(), i.modifiers.shift)
        });
        if response.drag_started() {
            self.commit_inline();
            let at = press.map(|p| to_screen.map_point(p));
            let target = press.and_then(|p| self.canvas.hit_at(p, to_screen));
            self.canvas.drag = Some(if middle {
                Drag::Pan
            } else {
                match (target, at) {
                    (Some(Target::Card(id)), _) => {
                        let mut ids: Vec<Id> = self.selection.cards();
                        if !ids.contains(&id) {
                            ids = vec![id.clone()];
                            self.selection.only(Target::Card(id));
                        }
                        self.begin_transaction();
                        Drag::Cards(ids)
                    }
                    (Some(Target::EmotionPoint { lane, stage }), _) => {
                        self.begin_transaction();
                        Drag::Emotion { lane, stage, level: None }
                    }
                    (Some(Target::Stage(id)), _) => {
                        self.selection.only(Target::Stage(id.clone()));
                        self.begin_transaction();
                        Drag::Stage(id)
                    }
                    (Some(Target::Lane(id)), _) => {
                        self.selection.only(Target::Lane(id.clone()));
                        self.begin_transaction();
                        Drag::Lane(id)
                    }
                    (_, Some(p)) if shift => Drag::Band(p),
                    _ => Drag::Pan,
                }
            });
        }
        let Some(drag) = self.canvas.drag.clone() else { return };
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            self.cancel_drag();
            return;
        }
        let here = pointer.map(|p| to_screen.map_point(p));
        if response.dragged() {
            match drag.clone() {
                Drag::Pan => self.canvas.viewport.pan(response.drag_delta()),
                Drag::Band(_) => {}
                Drag::Cards(ids) => {
                    if let Some(p) = here
                        && let Some((cell, index)) = self.canvas.cell_at(self.editor.map(), p, &ids)
                    {
                        let command = Command::MoveCards { ids, lane: cell.lane, stage: cell.stage, index };
                        self.preview(command);
                    }
                }
                Drag::Emotion { lane, stage, .. } => {
                    if let Some(p) = here
                        && let Some(band) = self.canvas.list.grid.band(&lane)
                    {
                        let scale = &self.editor.map().emotion_scale;
                        if let Some(level) = scale.snap(scale.score_at(band.fraction_at(p.y))) {
                            self.preview(self.emotion_cell_command(&lane, &stage, level));
                            self.canvas.drag = Some(Drag::Emotion { lane, stage, level: Some(level) });
                        }
                    }
                }
                Drag::Stage(id) => {
                    if let Some(p) = here
                        && let Some(to) = self.canvas.list.grid.column_at(p.x)
                    {
                        self.preview(Command::MoveStage { id, to });
                    }
                }
                Drag::Lane(id) => {
                    if let Some(p) = here
                        && let Some(to) = self.lane_index_at(p)
                    {
                        self.preview(Command::MoveLane { id, to });
                    }
                }
            }
        }
        if let Some(Drag::Emotion { lane, stage, level, .. }) = &self.canvas.drag
            && let Some(pos) = pointer
        {
            let text = self.emotion_tooltip(lane, stage, *level);
            egui::Tooltip::always_open(
                ui.ctx().clone(),
                ui.layer_id(),
                egui::Id::unique("emotion-drag-tip"),
                egui::PopupAnchor::Position(pos + Vec2::new(14.0, 14.0)),
            )
            .show(|ui| ui.label(text));
        }
        if response.drag_stopped() {
            self.canvas.drag = None;
            match drag {
                Drag::Pan => {}
                Drag::Band(start) => {
                    if let Some(end) = here {
                        let band = crate::display::Rect::new(
                            start.x.min(end.x),
                            start.y.min(end.y),
                            (end.x - start.x).abs(),
                            (end.y - start.y).abs(),
                        );
                        let inside = self
                            .canvas
                            .list
                            .hits
                            .iter()
                            .filter(|h| matches!(h.target, Target::Card(_)) && band.overlaps(&h.rect))
                            .map(|h| h.target.clone())
                            .collect();
                        self.selection.set(inside);
                    }
                }
                Drag::Cards(_) | Drag::Emotion { .. } | Drag::Stage(_) | Drag::Lane(_) => {
                    self.editor.commit();
                }
            }
        }
    }

    /// Cancels a drag in progress (Esc): the map is as before it.
    pub fn cancel_drag(&mut self) {
        if let Some(drag) = self.canvas.drag.take()
            && !matches!(drag, Drag::Pan | Drag::Band(_))
        {
            let result = self.editor.abort();
            self.report(result);
        }
    }

    /// The index in the map's lanes of the lane drawn at height `p.y`.
    fn lane_index_at(&self, p: Point) -> Option<usize> {
        let grid = &self.canvas.list.grid;
        let row = grid.rows.iter().find(|r| r.y <= p.y && p.y <= r.y + r.height)?;
        self.editor.map().lanes.iter().position(|l| l.id == row.lane)
    }

    /// The command that sets every scored card of a cell (or its first card) to `level`.
    pub(crate) fn emotion_cell_command(&self, lane: &Id, stage: &Id, level: i32) -> Command {
        let map = self.editor.map();
        let cards = map.cell_cards(lane, stage);
        let scored: Vec<&Id> = cards.iter().filter(|c| c.emotion.is_some()).map(|c| &c.id).collect();
        let targets: Vec<&Id> =
            if scored.is_empty() { cards.iter().take(1).map(|c| &c.id).collect() } else { scored };
        Command::Batch(
            targets
                .into_iter()
                .map(|id| Command::SetCard { id: id.clone(), field: CardField::Emotion(Some(level)) })
                .collect(),
        )
    }

    fn emotion_tooltip(&self, lane: &Id, stage: &Id, level: Option<i32>) -> String {
        let map = self.editor.map();
        let level = level.or_else(|| {
            let scores: Vec<i32> = map.cell_cards(lane, stage).iter().filter_map(|c| c.emotion).collect();
            (!scores.is_empty()).then(|| {
                let mean = scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64;
                map.emotion_scale.snap(mean).unwrap_or(0)
            })
        });
        match level {
            Some(level) => match map.emotion_scale.label(level) {
                Some(label) => {
                    self.tf(T::EmotionTipLabel, &[("level", &format!("{level:+}")), ("label", label)])
                }
                None => self.tf(T::EmotionTip, &[("level", &format!("{level:+}"))]),
            },
            None => self.t(T::Emotion).to_owned(),
        }
    }
}
