//! Workshop mode: the find bar (search and filters, results ringed and the rest dimmed on the
//! canvas) and the presentation (full screen, one stage at a time, curves drawn as the presenter
//! steps, the lane headers kept on screen).
//!
//! Both only change the layout options and the view: the map is never edited here.

use super::Designer;
use super::canvas::Canvas;
use super::i18n::{T, fill};
use crate::display::Target;
use crate::filter::{Filter, search};
use crate::lang::Lang;
use crate::model::{CardKind, Channel, Id, Map};
use egui::{Key, Vec2};
use std::collections::BTreeSet;

/// Text size factor in presentation: card titles print at 14 pt instead of 10.
pub const PRESENT_TEXT_SCALE: f32 = 1.4;
/// Smallest zoom in presentation, so card titles stay at least 14 × 1.0 px on a projector.
const PRESENT_MIN_ZOOM: f32 = 1.0;

/// The find bar's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Find {
    /// What to look for and what to keep.
    pub filter: Filter,
    /// The matching cards, in reading order.
    pub results: Vec<Id>,
    /// The result shown now, if any.
    pub current: Option<usize>,
    /// The cards the filter leaves out (drawn faded), kept with the results.
    pub dimmed: BTreeSet<Id>,
    /// The results as a set (drawn with a ring), kept with the results.
    pub highlighted: BTreeSet<Id>,
    /// Give the field the keyboard at the next frame.
    pub focus: bool,
    searched: Option<(u64, Filter)>,
}

/// What the find bar asks for.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindIntent {
    /// Show the next result (`true`) or the previous one.
    Step(bool),
    /// Close the bar.
    Close,
}

/// The presentation's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presentation {
    /// The stage presented (index in the map's stages); `None` for the overview.
    pub stage: Option<usize>,
    /// The lane shown first under the pinned stage headers (0: the top of the map, its title).
    pub row: usize,
    /// Move the view to the stage at the next frame.
    pub reframe: bool,
}

/// What a key asks of the presentation beyond moving between stages.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresentIntent {
    /// Esc: leave the presentation.
    Leave,
}

impl Presentation {
    /// The presentation's keys: left and right arrows, Page Up/Down (a clicker's) and Space step
    /// through the stages, Home shows the overview, End the last stage; up and down arrows scroll
    /// the lanes one at a time under the pinned headers (`lanes` of them); Esc asks to leave.
    pub fn keys(&mut self, ctx: &egui::Context, stages: usize, lanes: usize) -> Option<PresentIntent> {
        let pressed = |keys: &[Key]| ctx.input(|i| keys.iter().any(|k| i.key_pressed(*k)));
        if pressed(&[Key::Escape]) {
            return Some(PresentIntent::Leave);
        }
        if pressed(&[Key::ArrowDown]) && self.row + 1 < lanes {
            self.row += 1;
            self.reframe = true;
        }
        if pressed(&[Key::ArrowUp]) && self.row > 0 {
            self.row -= 1;
            self.reframe = true;
        }
        let before = self.stage;
        if pressed(&[Key::ArrowRight, Key::PageDown, Key::Space]) {
            self.stage = match self.stage {
                None if stages > 0 => Some(0),
                Some(i) if i + 1 < stages => Some(i + 1),
                other => other,
            };
        }
        if pressed(&[Key::ArrowLeft, Key::PageUp]) {
            self.stage = match self.stage {
                Some(0) | None => None,
                Some(i) => Some(i - 1),
            };
        }
        if pressed(&[Key::Home]) {
            self.stage = None;
        }
        if pressed(&[Key::End]) && stages > 0 {
            self.stage = Some(stages - 1);
        }
        if self.stage != before {
            // A new stage starts from the top of the map.
            self.row = 0;
            self.reframe = true;
        }
        None
    }

    /// Frames the presented stage: readable text, the stage in the middle of what the pinned
    /// lane headers leave, the whole height when that stays readable, else from the top (or
    /// from lane [`Presentation::row`] under the pinned stage headers). The overview fits the
    /// whole map.
    pub fn frame(&mut self, ctx: &egui::Context, canvas: &mut Canvas, map: &Map) {
        if !self.reframe || canvas.list.hits.is_empty() {
            // Nothing to frame before the first layout.
            return;
        }
        self.reframe = false;
        canvas.viewport.fit_pending = false;
        // This frame was painted with the old view.
        ctx.request_repaint();
        let stage = self.stage.and_then(|i| map.stages.get(i)).map(|s| s.id.clone());
        let Some(stage) = stage else {
            canvas.fit();
            return;
        };
        let Some(column) = canvas.list.rect_of(&Target::Stage(stage)) else { return };
        let rect = canvas.viewport.rect;
        let (width, height) = (canvas.list.width.max(1.0), canvas.list.height.max(1.0));
        let grid = &canvas.list.grid;
        let lane_left = grid.rows.first().and_then(|r| canvas.list.rect_of(&Target::Lane(r.lane.clone())));
        let headers = grid.header_right - lane_left.map_or(0.0, |r| r.x);
        // The whole height when that stays readable, else readable from the top; the stage and
        // the lane headers side by side in the width.
        let zoom = (rect.height() / height)
            .max(PRESENT_MIN_ZOOM)
            .min(rect.width() / (column.width * 2.0))
            .min(rect.width() / (column.width + headers));
        canvas.viewport.zoom = zoom.clamp(super::canvas::ZOOM_RANGE.0, super::canvas::ZOOM_RANGE.1);
        let zoom = canvas.viewport.zoom;
        // The stage in the middle of the room the pinned lane headers leave.
        let pinned = headers * zoom;
        let x = pinned + (rect.width() - pinned) / 2.0 - column.center().x * zoom;
        let min_x = rect.width() - width * zoom;
        let x = x.clamp(min_x.min(0.0), 0.0_f32.max(min_x));
        let y = if height * zoom <= rect.height() {
            (rect.height() - height * zoom) / 2.0
        } else {
            // Lane `row` just under the pinned stage header row; no room left under the map.
            let header_row = column.height * zoom;
            let y = match grid.rows.get(self.row).filter(|_| self.row > 0) {
                Some(row) => header_row - row.y * zoom,
                None => 0.0,
            };
            y.max(rect.height() - height * zoom)
        };
        canvas.viewport.offset = Vec2::new(x, y);
    }

    /// The line at the bottom of the presentation: where we are and the keys.
    pub fn caption(&self, map: &Map, lang: Lang) -> String {
        let place = match self.stage {
            Some(i) => fill(
                T::PresentStage.tr(lang),
                &[
                    ("n", &(i + 1).to_string()),
                    ("count", &map.stages.len().to_string()),
                    ("name", map.stages.get(i).map_or("", |s| s.name.as_str())),
                ],
            ),
            None => T::PresentOverview.tr(lang).to_owned(),
        };
        format!("{place}    ·    {}", T::PresentHint.tr(lang))
    }
}

impl Find {
    /// Runs the search again when the map or the filter changed; keeps the current result when
    /// it still matches.
    pub fn refresh(&mut self, map: &Map, revision: u64) {
        if self.searched.as_ref().is_some_and(|(r, f)| *r == revision && f == &self.filter) {
            return;
        }
        let current = self.current.and_then(|i| self.results.get(i).cloned());
        self.results = if self.filter.is_active() { search(map, &self.filter) } else { Vec::new() };
        self.dimmed = self.filter.dimmed(map);
        self.highlighted = self.results.iter().cloned().collect();
        self.current = current.and_then(|id| self.results.iter().position(|r| *r == id));
        self.searched = Some((revision, self.filter.clone()));
    }

    /// The find bar: the field, the filter menu, the count and the arrows; what was asked for.
    /// The search runs again here when the map or the filter changed.
    pub fn ui(&mut self, ui: &mut egui::Ui, map: &Map, revision: u64, lang: Lang) -> Option<FindIntent> {
        self.refresh(map, revision);
        let (mut close, mut step) = (false, None);
        ui.horizontal(|ui| {
            let label = ui.label(T::FindLabel.tr(lang));
            let id = ui.make_persistent_id("find-field");
            // The field drops the focus on Esc while it handles the key: look before it does.
            let escape = ui.memory(|m| m.has_focus(id)) && ui.input(|i| i.key_pressed(Key::Escape));
            let count = self.results.len();
            let status = if !self.filter.is_active() {
                String::new()
            } else if count == 0 {
                T::FindNone.tr(lang).to_owned()
            } else {
                let n = self.current.map_or_else(|| "–".to_owned(), |i| (i + 1).to_string());
                fill(T::FindCount.tr(lang), &[("n", &n), ("count", &count.to_string())])
            };
            // The field gives up width so that the filter menu, the count and the arrows stay
            // on screen in a narrow window.
            let others = [filter_title(&self.filter, lang).as_str(), status.as_str(), "▲", "▼", "✕"]
                .iter()
                .map(|text| super::menus::button_width(ui, text))
                .sum::<f32>();
            let width = (ui.available_width() - others - 16.0).clamp(80.0, 260.0);
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter.text)
                        .id(id)
                        .hint_text(T::FindHint.tr(lang))
                        .desired_width(width),
                )
                .labelled_by(label.id);
            if escape {
                close = true;
            }
            if self.focus {
                field.request_focus();
                self.focus = false;
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                step = Some(!ui.input(|i| i.modifiers.shift));
                field.request_focus();
            }
            filter_menu(ui, self, map, lang);
            ui.label(status);
            if ui
                .add_enabled(count > 0, egui::Button::new("▲"))
                .on_hover_text(T::FindPrevious.tr(lang))
                .clicked()
            {
                step = Some(false);
            }
            if ui.add_enabled(count > 0, egui::Button::new("▼")).on_hover_text(T::FindNext.tr(lang)).clicked()
            {
                step = Some(true);
            }
            if ui.button("✕").on_hover_text(T::FindClose.tr(lang)).clicked() {
                close = true;
            }
        });
        // What was typed this frame is searched before the canvas is laid out.
        self.refresh(map, revision);
        // Close wins over a step asked in the same frame.
        if close { Some(FindIntent::Close) } else { step.map(FindIntent::Step) }
    }

    /// Moves to the next (or previous) result; the card to show.
    pub fn step(&mut self, forward: bool) -> Option<Id> {
        let count = self.results.len();
        if count == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.current = Some(next);
        self.results.get(next).cloned()
    }
}

impl Designer {
    /// Opens the find bar (or gives it the keyboard again).
    pub fn open_find(&mut self) {
        let find = self.find.get_or_insert_with(Find::default);
        find.focus = true;
    }

    /// Closes the find bar: nothing is dimmed or ringed any more.
    pub fn close_find(&mut self) {
        self.find = None;
    }

    /// Shows the next (or previous) search result: selects it and brings it into view.
    pub fn step_result(&mut self, forward: bool) {
        let Some(id) = self.find.as_mut().and_then(|find| find.step(forward)) else { return };
        self.selection.only(Target::Card(id.clone()));
        self.canvas.reveal(&Target::Card(id));
    }

    /// Starts presenting: full screen, panels hidden, the first stage.
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        self.commit_inline();
        self.cancel_drag();
        self.presentation = Some(Presentation { stage: Some(0), row: 0, reframe: true });
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// Leaves the presentation: back to the window and the whole map.
    pub fn stop_presentation(&mut self, ctx: &egui::Context) {
        self.presentation = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        self.canvas.viewport.fit_pending = true;
    }
}

/// The filter menu of the find bar: personas, lanes, channels, kinds and tags to keep.
fn filter_menu(ui: &mut egui::Ui, find: &mut Find, map: &Map, lang: Lang) {
    ui.menu_button(filter_title(&find.filter, lang), |ui| {
        ui.set_min_width(220.0);
        let filter = &mut find.filter;
        ui.label(egui::RichText::new(T::FilterPersonas.tr(lang)).strong());
        for persona in &map.personas {
            toggle(ui, &mut filter.personas, persona.id.clone(), &persona.name);
        }
        ui.label(egui::RichText::new(T::FilterLanes.tr(lang)).strong());
        for lane in &map.lanes {
            let name = if lane.title.is_empty() {
                lane.kind.persona().and_then(|p| map.persona(p)).map_or_else(String::new, |p| p.name.clone())
            } else {
                lane.title.clone()
            };
            toggle(ui, &mut filter.lanes, lane.id.clone(), &name);
        }
        ui.label(egui::RichText::new(T::FilterChannels.tr(lang)).strong());
        let used: BTreeSet<Channel> = map.cards.iter().filter_map(|c| c.channel).collect();
        for channel in Channel::ALL.into_iter().filter(|c| used.contains(c)) {
            toggle(ui, &mut filter.channels, channel, lang.channel(channel));
        }
        ui.label(egui::RichText::new(T::FilterKinds.tr(lang)).strong());
        let kinds: BTreeSet<CardKind> = map.cards.iter().map(|c| c.kind).collect();
        for kind in CardKind::ALL.into_iter().filter(|k| kinds.contains(k)) {
            toggle(ui, &mut filter.kinds, kind, lang.kind(kind));
        }
        let tags: BTreeSet<String> = map.cards.iter().flat_map(|c| c.tags.iter().cloned()).collect();
        if !tags.is_empty() {
            ui.label(egui::RichText::new(T::FilterTags.tr(lang)).strong());
            for tag in tags {
                let text = tag.clone();
                toggle(ui, &mut filter.tags, tag, &text);
            }
        }
        ui.separator();
        if ui.button(T::FilterClear.tr(lang)).clicked() {
            let text = std::mem::take(&mut filter.text);
            *filter = Filter { text, ..Filter::default() };
        }
    });
}

/// The filter menu's title, with how many filters are on.
fn filter_title(filter: &Filter, lang: Lang) -> String {
    let count = filter.personas.len()
        + filter.lanes.len()
        + filter.channels.len()
        + filter.kinds.len()
        + filter.tags.len();
    if count == 0 { T::FilterBy.tr(lang).to_owned() } else { format!("{} ({count})", T::FilterBy.tr(lang)) }
}

fn toggle<V: Ord>(ui: &mut egui::Ui, set: &mut BTreeSet<V>, value: V, text: &str) {
    let mut on = set.contains(&value);
    if ui.checkbox(&mut on, text).changed() {
        if on {
            set.insert(value);
        } else {
            set.remove(&value);
        }
    }
}

impl Designer {
    /// Switches the canvas between the map and its funnel and insights sheet.
    pub fn toggle_funnel(&mut self) {
        self.view = match self.view {
            View::Map => View::Funnel,
            View::Funnel => View::Map,
        };
        self.canvas.invalidate();
        self.canvas.viewport.fit_pending = true;
    }
}

/// What the canvas shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The journey map (editable).
    #[default]
    Map,
    /// The funnel and insights sheet derived from it (read only).
    Funnel,
}
