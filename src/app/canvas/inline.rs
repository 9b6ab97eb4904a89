//! The in-place editor over a card (title and details) or a stage header (its name): typing is
//! one undo step per field, Enter goes on to the next card of the cell, Tab to the next stage,
//! Esc (or a click elsewhere) ends the editing and keeps what was typed.

use super::super::Designer;
use super::super::i18n::T;
use crate::display::Target;
use crate::edit::{CardField, Cell, Command, StageField};
use crate::model::Id;
use egui::Key;

/// What the in-place editor edits.
#[derive(Clone, Debug, PartialEq)]
pub enum InlineTarget {
    /// A card not yet made: made when the title is committed, in this cell.
    NewCard(Cell),
    /// An existing card's title and details.
    Card(Id),
    /// A stage's name.
    Stage(Id),
}

/// The in-place editor's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Inline {
    /// What is edited.
    pub target: InlineTarget,
    /// The title (or stage name) being typed.
    pub title: String,
    /// The details being typed (cards only).
    pub details: String,
    /// Focus the title field at the next frame.
    pub focus: bool,
}

impl Designer {
    /// Opens the in-place editor for a new card at the end of a cell (double-click, Enter).
    pub fn start_new_card(&mut self, cell: Cell) {
        self.commit_inline();
        let selected = Target::Cell { lane: cell.lane.clone(), stage: cell.stage.clone() };
        self.open_inline(selected, InlineTarget::NewCard(cell), String::new(), String::new());
    }

    /// Selects `selected` and opens the in-place editor on `target` (callers commit any edit first).
    fn open_inline(&mut self, selected: Target, target: InlineTarget, title: String, details: String) {
        self.selection.only(selected);
        self.canvas.inline = Some(Inline { target, title, details, focus: true });
    }

    /// Opens the in-place editor on a card.
    pub fn start_edit_card(&mut self, id: &Id) {
        self.commit_inline();
        let Some(card) = self.editor.map().card(id) else { return };
        let (title, details) = (card.title.clone(), card.details.clone());
        self.open_inline(Target::Card(id.clone()), InlineTarget::Card(id.clone()), title, details);
    }

    /// Opens the in-place editor on a stage's name.
    pub fn start_rename_stage(&mut self, id: &Id) {
        self.commit_inline();
        let Some(name) = self.editor.map().stage(id).map(|s| s.name.clone()) else { return };
        self.open_inline(Target::Stage(id.clone()), InlineTarget::Stage(id.clone()), name, String::new());
    }

    /// Ends in-place editing, keeping what was typed (a new card is made if it has a title).
    pub fn commit_inline(&mut self) -> Option<Id> {
        let inline = self.canvas.inline.take()?;
        self.editor.end_typing();
        match inline.target {
            InlineTarget::NewCard(cell) => {
                if inline.title.trim().is_empty() && inline.details.trim().is_empty() {
                    return None;
                }
                // The cell may have gone while the card was typed (a colleague in the room, a
                // change merged from disk): what was typed goes to a cell that is still there.
                let map = self.editor.map();
                let cell = if map.lane(&cell.lane).is_some() && map.stage(&cell.stage).is_some() {
                    cell
                } else {
                    let Some(elsewhere) = self.card_cell() else {
                        let typed = format!("{} {}", inline.title.trim(), inline.details.trim());
                        self.status = self.tf(T::CardCellGone, &[("text", typed.trim())]);
                        return None;
                    };
                    self.status = self.t(T::CardMovedCellGone).to_owned();
                    elsewhere
                };
                // Title and details in one step: one Ctrl+Z takes the whole card back.
                let id = {
                    let result =
                        self.editor.add_card_with_details(&cell, inline.title.trim(), &inline.details);
                    self.report(result)
                }?;
                self.selection.only(Target::Card(id.clone()));
                Some(id)
            }
            InlineTarget::Card(id) | InlineTarget::Stage(id) => Some(id),
        }
    }

    pub(super) fn inline_ui(&mut self, ui: &mut egui::Ui) {
        let Some(mut inline) = self.canvas.inline.clone() else { return };
        let to_screen = self.canvas.viewport.to_screen();
        let map = self.editor.map();
        let rect = match &inline.target {
            InlineTarget::NewCard(cell) => {
                let last = map
                    .cell_cards(&cell.lane, &cell.stage)
                    .last()
                    .and_then(|c| self.canvas.list.rect_of(&Target::Card(c.id.clone())));
                let cell_rect = self
                    .canvas
                    .list
                    .rect_of(&Target::Cell { lane: cell.lane.clone(), stage: cell.stage.clone() });
                match (last, cell_rect) {
                    (Some(r), _) => Some(crate::display::Rect::new(r.x, r.bottom() + 6.0, r.width, 40.0)),
                    (None, Some(c)) => {
                        Some(crate::display::Rect::new(c.x + 8.0, c.y + 8.0, c.width - 16.0, 40.0))
                    }
                    (None, None) => None,
                }
            }
            InlineTarget::Card(id) => self.canvas.list.rect_of(&Target::Card(id.clone())),
            InlineTarget::Stage(id) => self.canvas.list.rect_of(&Target::Stage(id.clone())),
        };
        let Some(rect) = rect else {
            // What it edits is no longer drawn (its lane was hidden, say): keep what was typed.
            self.commit_inline();
            return;
        };
        let screen = to_screen.rect(rect);
        let width = screen.width().max(180.0);
        let is_card = !matches!(inline.target, InlineTarget::Stage(_));
        let lang = self.lang;
        let (mut typed_title, mut typed_details, mut then) = (false, false, None);
        egui::Area::new(egui::Id::unique("inline-editor"))
            .fixed_pos(screen.min)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(width);
                    let title_label = if is_card { T::CardTitle.tr(lang) } else { T::StageName.tr(lang) };
                    let label = ui.label(egui::RichText::new(title_label).small());
                    let title = ui
                        .add(
                            egui::TextEdit::singleline(&mut inline.title)
                                .desired_width(width)
                                .id_salt("inline-title")
                                .return_key(None),
                        )
                        .labelled_by(label.id);
                    if inline.focus {
                        title.request_focus();
                        // The cursor goes to the end, ready to add to what is there.
                        let mut state = egui::TextEdit::load_state(ui.ctx(), title.id).unwrap_or_default();
                        let end = egui::text::CCursor::new(inline.title.chars().count());
                        state.cursor.set_char_range(Some(egui::text::CCursorRange::one(end)));
                        egui::TextEdit::store_state(ui.ctx(), title.id, state);
                        inline.focus = false;
                    }
                    typed_title = title.changed();
                    if is_card {
                        let label = ui.label(egui::RichText::new(T::Details.tr(lang)).small());
                        let details = ui
                            .add(
                                egui::TextEdit::multiline(&mut inline.details)
                                    .desired_width(width)
                                    .desired_rows(2)
                                    .id_salt("inline-details"),
                            )
                            .labelled_by(label.id);
                        typed_details = details.changed();
                    }
                    let (enter, tab, esc) = ui.input(|i| {
                        (
                            i.key_pressed(Key::Enter) && !i.modifiers.shift,
                            i.key_pressed(Key::Tab),
                            i.key_pressed(Key::Escape),
                        )
                    });
                    if title.has_focus() || title.lost_focus() {
                        if enter {
                            then = Some(InlineThen::Next);
                        } else if tab {
                            then = Some(InlineThen::NextStage);
                        }
                    }
                    if esc {
                        then = Some(InlineThen::Leave);
                    }
                });
            });
        let target = inline.target.clone();
        self.canvas.inline = Some(inline.clone());
        // What was typed this frame goes in first, whatever key ends the editing.
        if typed_title {
            let command = match &target {
                InlineTarget::Card(id) => {
                    Some(Command::SetCard { id: id.clone(), field: CardField::Title(inline.title.clone()) })
                }
                InlineTarget::Stage(id) => {
                    Some(Command::SetStage { id: id.clone(), field: StageField::Name(inline.title.clone()) })
                }
                InlineTarget::NewCard(_) => None,
            };
            if let Some(command) = command {
                let result = self.editor.apply_typing(command);
                self.report(result);
            }
        }
        if typed_details && let InlineTarget::Card(id) = &target {
            let command =
                Command::SetCard { id: id.clone(), field: CardField::Details(inline.details.clone()) };
            let result = self.editor.apply_typing(command);
            self.report(result);
        }
        match then {
            None => {}
            Some(InlineThen::Next) => {
                let cell = self.inline_cell(&target);
                self.commit_inline();
                if let Some(cell) = cell {
                    self.start_new_card(cell);
                }
            }
            Some(InlineThen::NextStage) => {
                let cell = self.inline_cell(&target);
                self.commit_inline();
                if let Some(cell) = cell {
                    let stages = &self.editor.map().stages;
                    let next = stages
                        .iter()
                        .position(|s| s.id == cell.stage)
                        .and_then(|i| stages.get(i + 1))
                        .map(|s| s.id.clone());
                    if let Some(stage) = next {
                        self.start_new_card(Cell::new(cell.lane, stage));
                    }
                }
            }
            Some(InlineThen::Leave) => {
                // Esc ends editing and keeps what was typed (Ctrl+Z takes it back); a new card
                // with nothing typed is not made.
                self.commit_inline();
            }
        }
    }

    fn inline_cell(&self, target: &InlineTarget) -> Option<Cell> {
        match target {
            InlineTarget::NewCard(cell) => Some(cell.clone()),
            InlineTarget::Card(id) => {
                self.editor.map().card(id).map(|c| Cell::new(c.lane.clone(), c.stage.clone()))
            }
            InlineTarget::Stage(_) => None,
        }
    }
}

/// How in-place editing ends this frame.
enum InlineThen {
    /// Enter: commit, start the next card in the same cell.
    Next,
    /// Tab: commit, start a card in the next stage.
    NextStage,
    /// Esc: commit.
    Leave,
}
