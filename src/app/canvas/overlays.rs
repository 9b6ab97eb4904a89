//! What the canvas paints over the map: the hover and selection rings, the rubber band, and the
//! frozen headers: as a spreadsheet's frozen panes, the stage header row stays along the top
//! and the lane header column along the left while the map scrolls, at every zoom. They are the
//! same display list painted again, clipped to the strip the layout's grid and hit regions name;
//! the corner where they meet shows the map's title. Clicks on them go through [`Canvas::hit_at`].

use super::{Canvas, Drag};
use crate::display::Target;
use crate::paint::screen::MapToScreen;

/// Map points left out between the title block (or the legend) and the grid when they are kept
/// at the left edge: the grid's outlines (the presented stage's frame) stay where they are.
const MARGIN_GAP: f32 = 6.0;

/// Where the frozen headers are on the canvas for one view of the map.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Frozen {
    /// The stage header row pinned along the top: its screen strip and the map → screen it is
    /// painted with there.
    pub top: Option<(egui::Rect, MapToScreen)>,
    /// The lane header column pinned along the left.
    pub left: Option<(egui::Rect, MapToScreen)>,
    /// The top-left corner over the lane header column, beside the stage headers: the map's
    /// title.
    pub corner: Option<egui::Rect>,
    /// Above the stage headers and below the lanes (the title block, the legend and the footer),
    /// kept at the left edge while the map is scrolled to the right, so they read whole.
    pub margins: [Option<(egui::Rect, MapToScreen)>; 2],
}

impl Frozen {
    /// The pinned header under a screen position, and the map → screen to find what is there.
    fn pane_at(&self, pos: egui::Pos2) -> Option<MapToScreen> {
        let inside = |pane: &Option<(egui::Rect, MapToScreen)>| pane.filter(|(r, _)| r.contains(pos));
        (inside(&self.top).or_else(|| inside(&self.left)))
            .or_else(|| self.margins.iter().find_map(inside))
            .map(|(_, t)| t)
    }
}

impl Canvas {
    /// The frozen headers for the map shown with `to_screen` in the canvas: a header row or
    /// column is pinned once it has scrolled out at the top or the left.
    pub fn frozen(&self, to_screen: MapToScreen) -> Frozen {
        let rect = self.viewport.rect;
        let grid = &self.list.grid;
        let zoom = to_screen.zoom;
        let mut frozen = Frozen::default();
        // The stage header row: the stages' hit regions, all as tall.
        let header_row =
            grid.columns.first().and_then(|c| self.list.rect_of(&Target::Stage(c.stage.clone())));
        if let Some(row) = header_row
            && to_screen.origin.y + row.y * zoom < rect.min.y
        {
            let pinned =
                MapToScreen { origin: egui::pos2(to_screen.origin.x, rect.min.y - row.y * zoom), zoom };
            let strip = egui::Rect::from_min_size(rect.min, egui::vec2(rect.width(), row.height * zoom));
            frozen.top = Some((strip, pinned));
        }
        // The lane header column, beside the lanes only (the title and the legend stay whole).
        let lanes = grid.rows.first().zip(grid.rows.last()).map(|(a, b)| (a.y, b.y + b.height));
        // The column's left edge: the lane headers' (the map's margin is not pinned).
        let column_left = grid.rows.first().and_then(|r| self.list.rect_of(&Target::Lane(r.lane.clone())));
        let column_left = column_left.map_or(0.0, |r| r.x);
        let column_width = (grid.header_right - column_left) * zoom;
        if let Some((lanes_top, lanes_bottom)) = lanes
            && to_screen.origin.x + column_left * zoom < rect.min.x
        {
            let origin = egui::pos2(rect.min.x - column_left * zoom, to_screen.origin.y);
            let pinned = MapToScreen { origin, zoom };
            let below = frozen.top.map_or(rect.min.y, |(strip, _)| strip.max.y);
            let top = (to_screen.origin.y + lanes_top * zoom).max(below);
            let bottom = (to_screen.origin.y + lanes_bottom * zoom).min(rect.max.y);
            if top < bottom {
                let strip = egui::Rect::from_x_y_ranges(rect.min.x..=rect.min.x + column_width, top..=bottom);
                frozen.left = Some((strip, pinned));
            }
        }
        // The title block and the legend, from the map's left edge.
        if let (Some(row), Some((_, lanes_bottom))) = (header_row, lanes)
            && to_screen.origin.x < rect.min.x
        {
            let pinned = MapToScreen { origin: egui::pos2(rect.min.x, to_screen.origin.y), zoom };
            let y = |map_y: f32| (to_screen.origin.y + map_y * zoom).clamp(rect.min.y, rect.max.y);
            for (slot, (from, to)) in frozen
                .margins
                .iter_mut()
                .zip([(0.0, row.y - MARGIN_GAP), (lanes_bottom + MARGIN_GAP, self.list.height)])
            {
                let (top, bottom) = (y(from), y(to));
                if top < bottom {
                    *slot = Some((egui::Rect::from_x_y_ranges(rect.x_range(), top..=bottom), pinned));
                }
            }
        }
        if let Some((strip, _)) = frozen.top {
            let left = (to_screen.origin.x + column_left * zoom).max(rect.min.x);
            let right = (to_screen.origin.x + grid.header_right * zoom).max(rect.min.x + column_width);
            if right - left > 8.0 {
                frozen.corner = Some(egui::Rect::from_x_y_ranges(left..=right, strip.y_range()));
            }
        }
        frozen
    }

    /// Scrolls the stage header row back into its place at the top when it is frozen (to edit a
    /// stage's name in place).
    pub(super) fn show_stage_row(&mut self, to_screen: MapToScreen) {
        let Some((_, pinned)) = self.frozen(to_screen).top else { return };
        self.viewport.offset.y += pinned.origin.y - to_screen.origin.y;
    }

    /// What is under a screen position: a frozen header first (a stage, a lane, the title in
    /// the corner), else what the map shows there.
    pub fn hit_at(&self, pos: egui::Pos2, to_screen: MapToScreen) -> Option<Target> {
        let frozen = self.frozen(to_screen);
        if frozen.corner.is_some_and(|c| c.contains(pos)) {
            return Some(Target::Title);
        }
        let transform = frozen.pane_at(pos).unwrap_or(to_screen);
        self.list.hit(transform.map_point(pos)).cloned()
    }

    /// Paints the frozen headers over the map: the stage row along the top, the lane column
    /// along the left, the title in the corner; `rings` (the hovered and selected stages and
    /// lanes) are ringed in them too.
    pub(super) fn paint_frozen(
        &mut self,
        painter: &egui::Painter,
        to_screen: MapToScreen,
        title: &str,
        rings: &[(Target, f32)],
    ) {
        let frozen = self.frozen(to_screen);
        let background = crate::paint::screen::colour(self.list.background);
        let rule = painter.ctx().global_style().visuals.widgets.noninteractive.bg_stroke.color;
        let accent = egui::Color32::from_rgb(0x1f, 0x6f, 0xeb);
        for (strip, pinned) in frozen.margins.into_iter().flatten() {
            let clipped = painter.with_clip_rect(strip.intersect(painter.clip_rect()));
            clipped.rect_filled(strip, 0.0, background);
            self.painter.paint(&self.list, self.generation, pinned, &clipped);
        }
        for (pane, is_top) in [(frozen.top, true), (frozen.left, false)] {
            let Some((strip, pinned)) = pane else { continue };
            let clipped = painter.with_clip_rect(strip.intersect(painter.clip_rect()));
            clipped.rect_filled(strip, 0.0, background);
            self.painter.paint(&self.list, self.generation, pinned, &clipped);
            for (target, width) in rings {
                let ringed = match target {
                    Target::Stage(_) => is_top,
                    Target::Lane(_) => !is_top,
                    _ => false,
                };
                if ringed && let Some(r) = self.list.rect_of(target) {
                    let r = pinned.rect(r).shrink(1.0);
                    clipped.rect_stroke(r, 4.0, egui::Stroke::new(*width, accent), egui::StrokeKind::Inside);
                }
            }
            let edge = if is_top {
                [strip.left_bottom(), strip.right_bottom()]
            } else {
                [strip.right_top(), strip.right_bottom()]
            };
            painter.line_segment(edge, egui::Stroke::new(1.0, rule));
        }
        if let Some(corner) = frozen.corner {
            let clipped = painter.with_clip_rect(corner.intersect(painter.clip_rect()));
            clipped.rect_filled(corner, 0.0, background);
            let size = (11.0 * to_screen.zoom).clamp(10.0, 15.0);
            let colour = painter.ctx().global_style().visuals.strong_text_color();
            let galley = painter.layout(
                title.to_owned(),
                egui::FontId::proportional(size),
                colour,
                (corner.width() - 12.0).max(1.0),
            );
            clipped.galley(corner.min + egui::vec2(6.0, 6.0), galley, colour);
            painter.line_segment([corner.right_top(), corner.right_bottom()], egui::Stroke::new(1.0, rule));
        }
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
