//! The canvas: the map's display list on screen. In parts: [`viewport`] (pan, zoom, fit),
//! [`pointer`](mod@pointer) (hover, clicks, drags as editor transactions), [`inline`] (the in-place editor over
//! cards and stage headers) and [`overlays`] (selection rings, rubber band, pinned headers). This
//! file keeps the layout cache and draws the frame from those parts.
//!
//! Where columns, lanes and emotion bands are comes from the layout's [`crate::display::Grid`],
//! never from constants of its own.

pub mod drop;
pub mod inline;
pub mod overlays;
pub mod pointer;
pub mod presence;
pub mod viewport;

pub use inline::{Inline, InlineTarget};
pub use overlays::Frozen;
pub use pointer::Drag;
pub use viewport::{Viewport, ZOOM_RANGE, ZOOM_STEP};

use super::Designer;
use super::i18n::T;
use crate::display::{DisplayList, Target};
use crate::layout::{LayoutOptions, Layouter};
use crate::paint::screen::{MapToScreen, ScreenPainter};
use egui::Sense;

/// The canvas' state: the layout cache and display list, the view, the pointer's hover and
/// drag, and the in-place editor.
pub struct Canvas {
    /// Lays out the map, keeping shaped text between layouts.
    layouter: Layouter,
    /// The current display list.
    pub(crate) list: DisplayList,
    /// Layout generation, bumped on each re-layout (for the painter's caches).
    generation: u64,
    /// The editor revision and options the list was made from.
    laid_for: Option<(u64, LayoutOptions, bool, super::workshop::View)>,
    /// Draws the list.
    painter: ScreenPainter,
    /// Pan and zoom.
    pub(crate) viewport: Viewport,
    /// What the pointer is over.
    pub(crate) hovered: Option<Target>,
    /// The drag in progress.
    pub(crate) drag: Option<Drag>,
    /// The in-place editor, if open.
    pub(crate) inline: Option<Inline>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            layouter: Layouter::new(),
            list: DisplayList::default(),
            generation: 0,
            laid_for: None,
            painter: ScreenPainter::new(),
            viewport: Viewport::default(),
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
        self.viewport.rect
    }

    /// Screen points per map point.
    pub fn zoom(&self) -> f32 {
        self.viewport.zoom
    }

    /// Map → screen for the current pan and zoom.
    pub fn to_screen(&self) -> MapToScreen {
        self.viewport.to_screen()
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

    /// Fits the whole map in the canvas.
    pub fn fit(&mut self) {
        self.viewport.fit(self.list.width, self.list.height);
    }

    /// Fits the map's width in the canvas (the default view), keeping the map point at screen
    /// height `anchor_y` in place.
    pub fn fit_width(&mut self, anchor_y: Option<f32>) {
        self.viewport.fit_width(self.list.width, self.list.height, anchor_y);
    }

    /// Fits a stage's column across the canvas, keeping the map point at screen height
    /// `anchor_y` in place.
    pub fn fit_stage(&mut self, stage: &crate::model::Id, anchor_y: Option<f32>) {
        if let Some(column) = self.list.grid.columns.iter().find(|c| &c.stage == stage) {
            self.viewport.fit_span(column.x, column.width, self.list.height, anchor_y);
        }
    }

    /// On a map with no card yet, says in the cells' area how to add one (a label, so screen
    /// readers read it too; it takes no clicks, the cells below keep them).
    fn empty_hint_ui(&self, ui: &mut egui::Ui, to_screen: MapToScreen, hint: &str) {
        // The first lane's cells, where a double-click adds a card (not its emotion band).
        let Some(lane) = self.list.grid.rows.first().map(|r| &r.lane) else { return };
        let cells = self
            .list
            .hits
            .iter()
            .filter(|h| matches!(&h.target, Target::Cell { lane: l, .. } if l == lane))
            .map(|h| h.rect)
            .reduce(|a, b| a.union(&b));
        let Some(cells) = cells else { return };
        let area = to_screen.rect(cells).intersect(self.viewport.rect);
        if !area.is_positive() || area.width() < 60.0 {
            return;
        }
        let text = egui::RichText::new(hint).size(13.0).color(ui.visuals().weak_text_color());
        let label = egui::Label::new(text).selectable(false).sense(Sense::hover()).wrap();
        let width = (area.width() - 24.0).min(560.0);
        let place = egui::Rect::from_min_size(
            egui::pos2(area.center().x - width / 2.0, area.min.y + 4.0),
            egui::vec2(width, area.height()),
        );
        let layout = egui::Layout::top_down(egui::Align::Center);
        ui.scope_builder(egui::UiBuilder::new().max_rect(place).layout(layout), |ui| ui.add(label));
    }

    /// Pans so that a drawn target is in the middle of the canvas (zoom unchanged).
    pub fn reveal(&mut self, target: &Target) {
        if let Some(r) = self.list.rect_of(target) {
            self.viewport.centre_on(r);
        }
    }
}

impl Designer {
    /// The canvas: lays out if needed, paints the map and what goes over it, then hands the
    /// pointer to [`pointer`](mod@pointer) and the keyboard to the in-place editor.
    pub(crate) fn canvas_ui(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        self.canvas.viewport.rect = rect;
        let options = self.layout_options();
        let revision = self.editor.revision();
        self.canvas.relayout(self.editor.map(), revision, &options, self.show_hidden, self.view);
        if self.canvas.viewport.fit_pending && rect.width() > 10.0 {
            // Readable from the start: the stages fill the width, the lanes scroll down.
            self.canvas.fit_width(None);
            self.canvas.viewport.fit_pending = false;
            ui.ctx().request_repaint();
        }
        // The side panels' edges are grabbed a few points into the canvas too: the canvas leaves
        // them that margin (widgets added later would win the drag).
        let grab = ui.style().interaction.resize_grab_radius_side;
        let response = ui.allocate_rect(rect.shrink2(egui::vec2(grab, 0.0)), Sense::click_and_drag());
        let response = response.on_hover_cursor(egui::CursorIcon::Default);
        let name = self.t(T::MapCanvas);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, name));
        let canvas_painter = ui.painter_at(rect);
        canvas_painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        let to_screen = self.canvas.to_screen();
        let canvas = &mut self.canvas;
        canvas.painter.paint(&canvas.list, canvas.generation, to_screen, &canvas_painter);
        if self.editor.map().cards.is_empty()
            && !self.read_only()
            && self.view == super::workshop::View::Map
            && self.canvas.inline.is_none()
        {
            self.canvas.empty_hint_ui(ui, to_screen, self.t(T::EmptyMapHint));
        }
        let title = self.editor.map().title.clone();
        if self.presentation.is_some() {
            self.canvas.paint_frozen(&canvas_painter, to_screen, &title, &[]);
        } else {
            self.canvas.paint_overlays(&canvas_painter, self.selection.targets());
            // The others' rings scroll under the frozen headers, as the map does.
            self.canvas.paint_presence(&canvas_painter, &self.others_in_room());
            let mut rings: Vec<(Target, f32)> =
                self.selection.targets().iter().map(|t| (t.clone(), 2.0)).collect();
            rings.extend(self.canvas.hovered.clone().map(|t| (t, 1.0)));
            self.canvas.paint_frozen(&canvas_painter, to_screen, &title, &rings);
        }
        self.pointer_ui(ui, &response, to_screen);
        self.note_drop_ui(&response, &canvas_painter, to_screen);
        if !self.read_only() {
            self.inline_ui(ui);
        }
    }
}
