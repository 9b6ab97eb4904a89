//! What the canvas paints over the map: the hover and selection rings, the rubber band, and the
//! lane headers kept on the left edge while presenting (the same display list painted again,
//! clipped to the header column the layout's grid names).

use super::{Canvas, Drag};
use crate::display::Target;
use crate::paint::screen::MapToScreen;

impl Canvas {
    /// Keeps the lane headers (persona badges, lane names) on the left edge while the presented
    /// stage is far to the right: the same display list painted again, clipped to that column.
    pub(super) fn paint_pinned_headers(
        &mut self,
        painter: &egui::Painter,
        rect: egui::Rect,
        to_screen: MapToScreen,
    ) {
        let strip = self.list.grid.header_right * to_screen.zoom;
        if to_screen.origin.x >= rect.min.x {
            return;
        }
        let strip_rect = egui::Rect::from_min_size(rect.min, egui::vec2(strip, rect.height()));
        let pinned = MapToScreen { origin: egui::pos2(rect.min.x, to_screen.origin.y), zoom: to_screen.zoom };
        let clipped = painter.with_clip_rect(strip_rect);
        clipped.rect_filled(strip_rect, 0.0, crate::paint::screen::colour(self.list.background));
        self.painter.paint(&self.list, self.generation, pinned, &clipped);
        painter.line_segment(
            [strip_rect.right_top(), strip_rect.right_bottom()],
            egui::Stroke::new(
                1.0,
                painter.ctx().global_style().visuals.widgets.noninteractive.bg_stroke.color,
            ),
        );
    }

    /// Rings the hovered element and the selection, and draws the rubber band being dragged.
    pub(super) fn paint_overlays(&self, painter: &egui::Painter, selection: &[Target]) {
        let to_screen = self.to_screen();
        let accent = egui::Color32::from_rgb(0x1f, 0x6f, 0xeb);
        if let Some(target) = &self.hovered
            && !matches!(target, Target::Cell { .. } | Target::Title)
            && let Some(r) = self.list.rect_of(target)
        {
            painter.rect_stroke(
                to_screen.rect(r).expand(2.0),
                4.0,
                egui::Stroke::new(1.0, accent.gamma_multiply(0.6)),
                egui::StrokeKind::Outside,
            );
        }
        for target in selection {
            if let Some(r) = self.list.rect_of(target) {
                painter.rect_stroke(
                    to_screen.rect(r).expand(2.0),
                    4.0,
                    egui::Stroke::new(2.0, accent),
                    egui::StrokeKind::Outside,
                );
            }
        }
        if let (Some(Drag::Band(start)), Some(pos)) =
            (&self.drag, painter.ctx().input(|i| i.pointer.hover_pos()))
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
}
