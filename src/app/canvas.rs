//! The canvas: the map's display list on screen, with pan and zoom, hit-testing, selection, drags
//! as editor transactions and in-place editors over cards and stage headers.

use super::Designer;
use super::i18n::T;
use crate::display::{DisplayList, Point, Target};
use crate::edit::{CardField, Cell, Command, StageField};
use crate::layout::{LayoutOptions, Layouter};
use crate::model::Id;
use crate::paint::screen::{MapToScreen, ScreenPainter};
use egui::{Key, Pos2, Sense, Vec2};

/// Zoom limits (screen points per map point).
pub const ZOOM_RANGE: (f32, f32) = (0.05, 8.0);

/// The view of the map: layout cache, display list, pan and zoom.
pub struct Canvas {
    /// Lays out the map, keeping shaped text between layouts.
    pub layouter: Layouter,
    /// The current display list.
    pub list: DisplayList,
    /// Layout generation, bumped on each re-layout (for the painter's caches).
    pub generation: u64,
    /// The editor revision and options the list was made from.
    laid_for: Option<(u64, LayoutOptions, bool, super::workshop::View)>,
    /// Draws the list.
    pub painter: ScreenPainter,
    /// Screen offset of the map's origin from the canvas' top-left corner.
    pub offset: Vec2,
    /// Screen points per map point.
    pub zoom: f32,
    /// Fit the map to the window at the next frame.
    pub fit_pending: bool,
    /// The canvas' screen rectangle at the last frame.
    pub rect: egui::Rect,
    /// What the pointer is over.
    pub hovered: Option<Target>,
    /// The drag in progress.
    pub drag: Option<Drag>,
    /// The in-place editor, if open.
    pub inline: Option<Inline>,
}

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

impl Default for Canvas {
    fn default() -> Self {
        Self {
            layouter: Layouter::new(),
            list: DisplayList::default(),
            generation: 0,
            laid_for: None,
            painter: ScreenPainter::new(),
            offset: Vec2::new(20.0, 20.0),
            zoom: 1.0,
            fit_pending: true,
            rect: egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0)),
            hovered: None,
            drag: None,
            inline: None,
        }
    }
}

impl Canvas {
    /// The display list shown now.
    pub fn list(&self) -> &DisplayList {
        &self.list
    }

    /// The in-place editor, if open.
    pub fn inline(&self) -> Option<&Inline> {
        self.inline.as_ref()
    }

    /// What the pointer is over.
    pub fn hovered(&self) -> Option<&Target> {
        self.hovered.as_ref()
    }

    /// The canvas' screen rectangle at the last frame.
    pub fn rect(&self) -> egui::Rect {
        self.rect
    }

    /// Screen points per map point.
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// Map → screen for the current pan and zoom.
    pub fn to_screen(&self) -> MapToScreen {
        MapToScreen { origin: self.rect.min + self.offset, zoom: self.zoom }
    }

    /// Lays the map out again if it or the options changed since the last layout.
    pub fn relayout(
        &mut self,
        map: &crate::model::Map,
        revision: u64,
        options: &LayoutOptions,
        show_hidden: bool,
        view: super::workshop::View,
    ) {
        if self
            .laid_for
            .as_ref()
            .is_some_and(|(r, o, h, v)| *r == revision && o == options && *h == show_hidden && *v == view)
        {
            return;
        }
        self.list = if view == super::workshop::View::Funnel {
            let insights = crate::insights::Insights::of(map);
            self.layouter.funnel_page(map, &insights, options)
        } else if show_hidden && map.lanes.iter().any(|l| l.hidden) {
            let mut shown = map.clone();
            for lane in &mut shown.lanes {
                lane.hidden = false;
            }
            self.layouter.layout(&shown, options)
        } else {
            self.layouter.layout(map, options)
        };
        self.generation += 1;
        self.laid_for = Some((revision, options.clone(), show_hidden, view));
    }

    /// Forces a re-layout at the next frame.
    pub fn invalidate(&mut self) {
        self.laid_for = None;
    }

    /// Zooms by `factor` keeping the map point under `anchor` (a screen position) in place.
    pub fn zoom_around(&mut self, factor: f32, anchor: Pos2) {
        let new_zoom = (self.zoom * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        let before = self.to_screen().map_point(anchor);
        self.zoom = new_zoom;
        let after = self.to_screen().pos(before);
        self.offset += anchor - after;
    }

    /// Fits the whole map in the canvas.
    pub fn fit(&mut self) {
        let (w, h) = (self.list.width.max(1.0), self.list.height.max(1.0));
        let avail = self.rect.size() - Vec2::splat(24.0);
        self.zoom = (avail.x / w).min(avail.y / h).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        self.offset = (self.rect.size() - Vec2::new(w, h) * self.zoom) / 2.0;
    }

    /// Pans so that a drawn target is in the middle of the canvas (zoom unchanged).
    pub fn reveal(&mut self, target: &Target) {
        if let Some(r) = self.list.rect_of(target) {
            let centre = Vec2::new(r.center().x, r.center().y) * self.zoom;
            self.offset = self.rect.size() / 2.0 - centre;
        }
    }

    /// One map point per screen point, keeping the centre.
    pub fn actual_size(&mut self) {
        self.zoom_around(1.0 / self.zoom, self.rect.center());
    }

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
    /// The canvas: paints the map and handles the pointer and keys over it.
    pub(crate) fn canvas_ui(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        self.canvas.rect = rect;
        let options = self.layout_options();
        let revision = self.editor.revision();
        self.canvas.relayout(self.editor.map(), revision, &options, self.show_hidden, self.view);
        if self.canvas.fit_pending && rect.width() > 10.0 {
            self.canvas.fit();
            self.canvas.fit_pending = false;
            ui.ctx().request_repaint();
        }
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        let response = response.on_hover_cursor(egui::CursorIcon::Default);
        let name = self.t(T::MapCanvas);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, name));
        let canvas_painter = ui.painter_at(rect);
        canvas_painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        let to_screen = self.canvas.to_screen();
        self.canvas.painter.paint(&self.canvas.list, self.canvas.generation, to_screen, &canvas_painter);
        if self.presentation.is_some() {
            self.paint_pinned_headers(&canvas_painter, rect, to_screen);
        } else {
            self.paint_overlays(&canvas_painter);
        }

        // Zoom (Ctrl+scroll, pinch) around the pointer, pan with the scroll wheel.
        let pointer = ui.input(|i| i.pointer.hover_pos());
        if response.hovered() || response.contains_pointer() {
            let (factor, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
            if (factor - 1.0).abs() > f32::EPSILON {
                self.canvas.zoom_around(factor, pointer.unwrap_or(rect.center()));
            }
            if scroll != Vec2::ZERO {
                self.canvas.offset += scroll;
            }
        }

        let hover_target = pointer
            .filter(|p| rect.contains(*p))
            .and_then(|p| self.canvas.list.hit(to_screen.map_point(p)).cloned());
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
                self.canvas.offset += response.drag_delta();
            }
            if response.clicked() && self.presentation.is_none() {
                self.click(hover_target, false);
            }
            return;
        }
        self.handle_drag(ui, &response, to_screen);

        if response.clicked() {
            let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
            self.click(hover_target.clone(), shift);
            response.request_focus();
        }
        if response.double_clicked() {
            match hover_target {
                Some(Target::Cell { lane, stage }) => self.start_new_card(Cell::new(lane, stage)),
                Some(Target::Card(id)) => self.start_edit_card(&id),
                Some(Target::Stage(id)) => self.start_rename_stage(&id),
                Some(Target::Title | Target::Lane(_) | Target::EmotionPoint { .. }) | None => {}
            }
        }
        self.inline_ui(ui);
    }

    fn click(&mut self, target: Option<Target>, extend: bool) {
        self.commit_inline();
        match target {
            Some(target) if extend => {
                if let Some(at) = self.selection.iter().position(|t| t == &target) {
                    self.selection.remove(at);
                } else {
                    self.selection.push(target);
                }
            }
            Some(target) => self.selection = vec![target],
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
            let target = at.and_then(|p| self.canvas.list.hit(p).cloned());
            self.canvas.drag = Some(if middle {
                Drag::Pan
            } else {
                match (target, at) {
                    (Some(Target::Card(id)), _) => {
                        let mut ids: Vec<Id> = self.selected_cards();
                        if !ids.contains(&id) {
                            ids = vec![id.clone()];
                            self.selection = vec![Target::Card(id)];
                        }
                        self.begin_transaction();
                        Drag::Cards(ids)
                    }
                    (Some(Target::EmotionPoint { lane, stage }), _) => {
                        self.begin_transaction();
                        Drag::Emotion { lane, stage, level: None }
                    }
                    (Some(Target::Stage(id)), _) => {
                        self.selection = vec![Target::Stage(id.clone())];
                        self.begin_transaction();
                        Drag::Stage(id)
                    }
                    (Some(Target::Lane(id)), _) => {
                        self.selection = vec![Target::Lane(id.clone())];
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
                Drag::Pan => self.canvas.offset += response.drag_delta(),
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
                        self.selection = self
                            .canvas
                            .list
                            .hits
                            .iter()
                            .filter(|h| matches!(h.target, Target::Card(_)) && band.overlaps(&h.rect))
                            .map(|h| h.target.clone())
                            .collect();
                    }
                }
                Drag::Cards(_) | Drag::Emotion { .. } | Drag::Stage(_) | Drag::Lane(_) => {
                    self.editor.commit();
                }
            }
        }
    }

    fn lane_index_at(&self, p: Point) -> Option<usize> {
        let map = self.editor.map();
        let lane = self.canvas.list.hits.iter().find_map(|h| match &h.target {
            Target::Lane(id) if h.rect.y <= p.y && p.y <= h.rect.bottom() => Some(id.clone()),
            Target::Title
            | Target::Stage(_)
            | Target::Lane(_)
            | Target::Cell { .. }
            | Target::Card(_)
            | Target::EmotionPoint { .. } => None,
        })?;
        map.lanes.iter().position(|l| l.id == lane)
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

    /// Keeps the lane headers (persona badges, lane names) on the left edge while the presented
    /// stage is far to the right: the same display list painted again, clipped to that column.
    fn paint_pinned_headers(&mut self, painter: &egui::Painter, rect: egui::Rect, to_screen: MapToScreen) {
        let strip = self.canvas.list.grid.header_right * to_screen.zoom;
        if to_screen.origin.x >= rect.min.x {
            return;
        }
        let strip_rect = egui::Rect::from_min_size(rect.min, egui::vec2(strip, rect.height()));
        let pinned = MapToScreen { origin: egui::pos2(rect.min.x, to_screen.origin.y), zoom: to_screen.zoom };
        let clipped = painter.with_clip_rect(strip_rect);
        clipped.rect_filled(strip_rect, 0.0, crate::paint::screen::colour(self.canvas.list.background));
        self.canvas.painter.paint(&self.canvas.list, self.canvas.generation, pinned, &clipped);
        painter.line_segment(
            [strip_rect.right_top(), strip_rect.right_bottom()],
            egui::Stroke::new(
                1.0,
                painter.ctx().global_style().visuals.widgets.noninteractive.bg_stroke.color,
            ),
        );
    }

    fn paint_overlays(&self, painter: &egui::Painter) {
        let to_screen = self.canvas.to_screen();
        let accent = egui::Color32::from_rgb(0x1f, 0x6f, 0xeb);
        if let Some(target) = &self.canvas.hovered
            && !matches!(target, Target::Cell { .. } | Target::Title)
            && let Some(r) = self.canvas.list.rect_of(target)
        {
            painter.rect_stroke(
                to_screen.rect(r).expand(2.0),
                4.0,
                egui::Stroke::new(1.0, accent.gamma_multiply(0.6)),
                egui::StrokeKind::Outside,
            );
        }
        for target in &self.selection {
            if let Some(r) = self.canvas.list.rect_of(target) {
                painter.rect_stroke(
                    to_screen.rect(r).expand(2.0),
                    4.0,
                    egui::Stroke::new(2.0, accent),
                    egui::StrokeKind::Outside,
                );
            }
        }
        if let (Some(Drag::Band(start)), Some(pos)) =
            (&self.canvas.drag, painter.ctx().input(|i| i.pointer.hover_pos()))
        {
            let band = egui::Rect::from_two_pos(to_screen.pos(*start), pos);
            painter.rect(
                band,
                0.0,
                accent.gamma_multiply(0.1),
                egui::Stroke::new(1.0, accent),
                egui::StrokeKind::Inside,
            );
        }
    }

    // ---- In-place editing -------------------------------------------------------------------

    /// Opens the in-place editor for a new card at the end of a cell (double-click, Enter).
    pub fn start_new_card(&mut self, cell: Cell) {
        self.commit_inline();
        let selected = Target::Cell { lane: cell.lane.clone(), stage: cell.stage.clone() };
        self.open_inline(selected, InlineTarget::NewCard(cell), String::new(), String::new());
    }

    /// Selects `selected` and opens the in-place editor on `target` (callers commit any edit first).
    fn open_inline(&mut self, selected: Target, target: InlineTarget, title: String, details: String) {
        self.selection = vec![selected];
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
                // Title and details in one step: one Ctrl+Z takes the whole card back.
                let id = {
                    let result =
                        self.editor.add_card_with_details(&cell, inline.title.trim(), &inline.details);
                    self.report(result)
                }?;
                self.selection = vec![Target::Card(id.clone())];
                Some(id)
            }
            InlineTarget::Card(id) | InlineTarget::Stage(id) => Some(id),
        }
    }

    fn inline_ui(&mut self, ui: &mut egui::Ui) {
        let Some(mut inline) = self.canvas.inline.clone() else { return };
        let to_screen = self.canvas.to_screen();
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
