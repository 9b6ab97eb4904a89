//! The canvas' view of the map: where it sits on screen (pan), how big (zoom), and fitting it
//! to the window. Plain state with no knowledge of the map beyond its size.

use crate::display::Rect;
use crate::paint::screen::MapToScreen;
use egui::{Pos2, Vec2};

/// Zoom limits (screen points per map point).
pub const ZOOM_RANGE: (f32, f32) = (0.05, 8.0);

/// The zoom factor of one zoom step (a wheel notch with Ctrl, Ctrl++): about 10 %.
pub const ZOOM_STEP: f32 = 1.1;

/// egui's `scroll_zoom_speed` that makes one wheel notch (egui counts a line as 40 points
/// on native) one [`ZOOM_STEP`]: egui zooms by `exp(speed × points)`.
pub fn scroll_zoom_speed() -> f32 {
    ZOOM_STEP.ln() / 40.0
}

/// Room left around the map when it is fitted, in screen points on each side.
const FIT_MARGIN: f32 = 12.0;

/// Pan and zoom of the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Viewport {
    /// Screen offset of the map's origin from the canvas' top-left corner.
    pub offset: Vec2,
    /// Screen points per map point.
    pub zoom: f32,
    /// Fit the map to the window at the next frame.
    pub fit_pending: bool,
    /// The canvas' screen rectangle at the last frame.
    pub rect: egui::Rect,
}

impl Default for Viewport {
    fn default() -> Self {
        Self {
            offset: Vec2::new(20.0, 20.0),
            zoom: 1.0,
            fit_pending: true,
            rect: egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0)),
        }
    }
}

impl Viewport {
    /// Map → screen for the current pan and zoom.
    pub fn to_screen(&self) -> MapToScreen {
        MapToScreen { origin: self.rect.min + self.offset, zoom: self.zoom }
    }

    /// Moves the map by `delta` screen points.
    pub fn pan(&mut self, delta: Vec2) {
        self.offset += delta;
    }

    /// Zooms by `factor` keeping the map point under `anchor` (a screen position) in place.
    pub fn zoom_around(&mut self, factor: f32, anchor: Pos2) {
        let new_zoom = (self.zoom * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        let before = self.to_screen().map_point(anchor);
        self.zoom = new_zoom;
        let after = self.to_screen().pos(before);
        self.offset += anchor - after;
    }

    /// Fits a map of `width` × `height` points in the canvas, centred.
    pub fn fit(&mut self, width: f32, height: f32) {
        let (w, h) = (width.max(1.0), height.max(1.0));
        let avail = self.rect.size() - Vec2::splat(24.0);
        self.zoom = (avail.x / w).min(avail.y / h).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        self.offset = (self.rect.size() - Vec2::new(w, h) * self.zoom) / 2.0;
    }

    /// Fits a map `width` points wide across the canvas (stages fill the width; the lanes go
    /// down and scroll). Keeps the map point shown at the screen height `anchor_y` there, when
    /// given, else shows the top.
    pub fn fit_width(&mut self, width: f32, height: f32, anchor_y: Option<f32>) {
        self.fit_span(0.0, width.max(1.0), height, anchor_y);
    }

    /// Zooms so that the map span `x .. x + width` fills the canvas' width, keeping the map
    /// point at screen height `anchor_y` where it is (or the top), without showing empty space
    /// above or below a map `height` points tall.
    pub fn fit_span(&mut self, x: f32, width: f32, height: f32, anchor_y: Option<f32>) {
        let avail = (self.rect.width() - 2.0 * FIT_MARGIN).max(1.0);
        let map_y = anchor_y.map(|y| (y - self.rect.min.y - self.offset.y) / self.zoom);
        self.zoom = (avail / width.max(1.0)).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        self.offset.x = FIT_MARGIN - x * self.zoom + (avail - width * self.zoom).max(0.0) / 2.0;
        let wanted = match (anchor_y, map_y) {
            (Some(y), Some(map_y)) => y - self.rect.min.y - map_y * self.zoom,
            _ => FIT_MARGIN,
        };
        self.offset.y = self.clamp_y(wanted, height);
    }

    /// A vertical offset that keeps the map on screen: no gap above its top, none below its
    /// bottom when it is taller than the canvas.
    fn clamp_y(&self, offset_y: f32, height: f32) -> f32 {
        let lowest = self.rect.height() - FIT_MARGIN - height * self.zoom;
        if lowest >= FIT_MARGIN { FIT_MARGIN } else { offset_y.clamp(lowest, FIT_MARGIN) }
    }

    /// Sets the zoom to `zoom`, keeping the map point under `anchor` (a screen position) in place.
    pub fn zoom_to(&mut self, zoom: f32, anchor: Pos2) {
        self.zoom_around(zoom / self.zoom, anchor);
    }

    /// Pans so that a map rectangle is in the middle of the canvas (zoom unchanged).
    pub fn centre_on(&mut self, r: Rect) {
        let centre = Vec2::new(r.center().x, r.center().y) * self.zoom;
        self.offset = self.rect.size() / 2.0 - centre;
    }

    /// One map point per screen point, keeping the centre.
    pub fn actual_size(&mut self) {
        self.zoom_around(1.0 / self.zoom, self.rect.center());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewport() -> Viewport {
        Viewport {
            rect: egui::Rect::from_min_size(egui::pos2(100.0, 50.0), egui::vec2(824.0, 624.0)),
            ..Viewport::default()
        }
    }

    #[test]
    fn zooming_keeps_the_point_under_the_anchor() {
        let mut view = viewport();
        let anchor = egui::pos2(400.0, 300.0);
        let before = view.to_screen().map_point(anchor);
        view.zoom_around(1.25, anchor);
        let after = view.to_screen().map_point(anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert!((view.zoom - 1.25).abs() < 1e-6);
    }

    #[test]
    fn fit_centres_the_map_within_the_range() {
        let mut view = viewport();
        view.fit(1600.0, 600.0);
        // 800 points of room across for 1600: half size, centred.
        assert!((view.zoom - 0.5).abs() < 1e-6);
        assert!((view.offset.x - 12.0).abs() < 1e-3, "{:?}", view.offset);
        view.fit(1.0e6, 1.0);
        assert!((view.zoom - ZOOM_RANGE.0).abs() < 1e-6, "clamped to the smallest zoom");
    }

    #[test]
    fn fit_width_fills_the_width_and_keeps_the_anchor() {
        let mut view = viewport();
        // 800 points of room across for a map 400 wide and 2000 tall: twice the size, top shown.
        view.fit_width(400.0, 2000.0, None);
        assert!((view.zoom - 2.0).abs() < 1e-6);
        assert!((view.offset.x - 12.0).abs() < 1e-3 && (view.offset.y - 12.0).abs() < 1e-3);
        // Scroll down, then fit at another zoom: the map point at y = 400 on screen stays there.
        view.offset.y = -1000.0;
        view.zoom = 1.5;
        let anchor = egui::pos2(300.0, 400.0);
        let before = view.to_screen().map_point(anchor).y;
        view.fit_width(400.0, 2000.0, Some(anchor.y));
        let after = view.to_screen().pos(crate::display::Point { x: 0.0, y: before }).y;
        assert!((after - anchor.y).abs() < 1e-3, "{after}");
        // A map shorter than the canvas is shown from its top.
        view.fit_width(1600.0, 100.0, Some(anchor.y));
        assert!((view.offset.y - 12.0).abs() < 1e-3);
    }

    #[test]
    fn a_wheel_notch_is_a_ten_percent_step() {
        let factor = (scroll_zoom_speed() * 40.0).exp();
        assert!((factor - 1.1).abs() < 1e-4, "{factor}");
    }

    #[test]
    fn actual_size_is_one_point_per_point() {
        let mut view = viewport();
        view.zoom = 0.37;
        view.actual_size();
        assert!((view.zoom - 1.0).abs() < 1e-6);
    }
}
