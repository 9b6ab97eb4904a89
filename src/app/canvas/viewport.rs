//! The canvas' view of the map: where it sits on screen (pan), how big (zoom), and fitting it
//! to the window. Plain state with no knowledge of the map beyond its size.

use crate::display::Rect;
use crate::paint::screen::MapToScreen;
use egui::{Pos2, Vec2};

/// Zoom limits (screen points per map point).
pub const ZOOM_RANGE: (f32, f32) = (0.05, 8.0);

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
    fn actual_size_is_one_point_per_point() {
        let mut view = viewport();
        view.zoom = 0.37;
        view.actual_size();
        assert!((view.zoom - 1.0).abs() < 1e-6);
    }
}
