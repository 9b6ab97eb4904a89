//! The painter: display-list items to content-stream operators.

use super::content::{Content, Paint, PathPoint};
use super::pages::cut_lines;
use super::resources::{Resources, advance_em};
use super::{CROP_MARK_GAP_MM, CROP_MARK_SPACE_MM, PdfError, TileGrid};
use crate::display::{Colour, Cubic, DisplayList, Image, ImageClip, Item, Point, Rect, Stroke, TextLine};
use crate::paint::PT_PER_MM;
use crate::text::Face;

/// Circle-from-Béziers constant: the control distance for a quarter circle of radius 1.
const KAPPA: f32 = 0.552_284_8;

/// Where the map lands on a page: page (x, y down) = origin + map × scale.
#[derive(Clone, Copy, Debug)]
pub(super) struct MapFrame {
    pub(super) origin_x: f32,
    pub(super) origin_top: f32,
    pub(super) scale: f32,
}

/// The parts of the graphics state the painter sets, to skip repeated operators.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct State {
    fill: [u8; 3],
    stroke: [u8; 3],
    fill_alpha: u8,
    stroke_alpha: u8,
    width: f32,
    dash: Option<(f32, f32)>,
}

impl State {
    /// The state every PDF page starts with.
    const INITIAL: State = State {
        fill: [0, 0, 0],
        stroke: [0, 0, 0],
        fill_alpha: 255,
        stroke_alpha: 255,
        width: 1.0,
        dash: None,
    };
}

/// Turns drawing calls in top-left, y-down coordinates into PDF operations.
pub(super) struct Painter<'r> {
    res: &'r mut Resources,
    out: Content,
    /// Height of the current coordinate space: PDF y = flip − y.
    flip: f32,
    state: State,
}

/// A colour as three components from 0 to 1.
pub(super) fn rgb(c: Colour) -> [f32; 3] {
    // Three decimals tell 256 levels apart and keep the content stream short.
    let unit = |v: u8| (f32::from(v) / 255.0 * 1000.0).round() / 1000.0;
    [unit(c.r), unit(c.g), unit(c.b)]
}

/// Coordinates are written to 1/100 of a point of the current space (under a tenth of a
/// millimetre on an A0 poster): shorter numbers make the stream smaller and faster to write.
pub(super) fn hundredths(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

impl<'r> Painter<'r> {
    pub(super) fn new(res: &'r mut Resources, page_height: f32) -> Self {
        let mut out = Content::new();
        // Round line joins.
        out.op(&[1.0], "j");
        Self { res, out, flip: page_height, state: State::INITIAL }
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.out.finish()
    }

    pub(super) fn save(&mut self) -> (State, f32) {
        self.out.op(&[], "q");
        (self.state, self.flip)
    }

    pub(super) fn restore(&mut self, (state, flip): (State, f32)) {
        self.out.op(&[], "Q");
        self.state = state;
        self.flip = flip;
    }

    /// A point in the current space.
    fn pt(&self, x: f32, y: f32) -> PathPoint {
        PathPoint { x: hundredths(x), y: hundredths(self.flip - y), control: false }
    }

    /// A Bézier control point in the current space.
    fn ctl(&self, x: f32, y: f32) -> PathPoint {
        PathPoint { x: hundredths(x), y: hundredths(self.flip - y), control: true }
    }

    fn set_fill(&mut self, c: Colour) {
        let value = [c.r, c.g, c.b];
        if self.state.fill != value {
            self.out.op(&rgb(c), "rg");
            self.state.fill = value;
        }
        if self.state.fill_alpha != c.a {
            let gs = self.res.alpha(true, c.a);
            self.out.graphics_state(&gs.0);
            self.state.fill_alpha = c.a;
        }
    }

    fn set_stroke(&mut self, s: Stroke) {
        let c = s.colour;
        let value = [c.r, c.g, c.b];
        if self.state.stroke != value {
            self.out.op(&rgb(c), "RG");
            self.state.stroke = value;
        }
        if self.state.stroke_alpha != c.a {
            let gs = self.res.alpha(false, c.a);
            self.out.graphics_state(&gs.0);
            self.state.stroke_alpha = c.a;
        }
        if (self.state.width - s.width).abs() > f32::EPSILON {
            self.out.op(&[s.width], "w");
            self.state.width = s.width;
        }
        if self.state.dash != s.dash {
            match s.dash {
                Some((on, off)) => {
                    self.out.op(&[], "[");
                    self.out.op(&[on, off], "] 0 d");
                }
                None => self.out.op(&[], "[] 0 d"),
            }
            self.state.dash = s.dash;
        }
    }

    fn polygon(&mut self, points: &[PathPoint], paint: Paint) {
        self.out.path(points, true, paint);
    }

    /// Fills and/or strokes a closed path.
    fn shape(&mut self, points: &[PathPoint], fill: Option<Colour>, stroke: Option<Stroke>) {
        let fill = fill.filter(|c| c.a > 0);
        let stroke = stroke.filter(|s| s.colour.a > 0 && s.width > 0.0);
        let mode = match (fill, stroke) {
            (Some(f), Some(s)) => {
                self.set_fill(f);
                self.set_stroke(s);
                Paint::FillStroke
            }
            (Some(f), None) => {
                self.set_fill(f);
                Paint::Fill
            }
            (None, Some(s)) => {
                self.set_stroke(s);
                Paint::Stroke
            }
            (None, None) => return,
        };
        self.polygon(points, mode);
    }

    /// Strokes an open path.
    fn open(&mut self, points: &[PathPoint], stroke: Stroke) {
        if stroke.colour.a == 0 || stroke.width <= 0.0 || points.len() < 2 {
            return;
        }
        self.set_stroke(stroke);
        self.out.path(points, false, Paint::Stroke);
    }

    pub(super) fn clip(&mut self, points: &[PathPoint]) {
        self.polygon(points, Paint::Clip);
    }

    pub(super) fn fill_rect(&mut self, rect: Rect, colour: Colour) {
        let path = rect_path(self, rect, 0.0);
        self.shape(&path, Some(colour), None);
    }

    /// Paints the display list in `frame`, clipped to the map. `culling` (map space) skips
    /// items wholly outside it.
    pub(super) fn paint_map(
        &mut self,
        list: &DisplayList,
        frame: MapFrame,
        page_height: f32,
        fill_background: bool,
        culling: Option<Rect>,
    ) -> Result<(), PdfError> {
        let saved = self.save();
        let s = frame.scale;
        // Page y up of the map's bottom edge.
        let ty = page_height - frame.origin_top - s * list.height;
        self.out.op(&[s, 0.0, 0.0, s, frame.origin_x, ty], "cm");
        // Line widths are in user space: under the matrix they scale with the poster.
        self.flip = list.height;
        let map_rect = Rect::new(0.0, 0.0, list.width, list.height);
        let clip = rect_path(self, map_rect, 0.0);
        self.clip(&clip);
        if fill_background && list.background.a > 0 {
            self.fill_rect(map_rect, list.background);
        }
        for item in &list.items {
            if let Some(view) = culling
                && !view.overlaps(&item.bounds())
            {
                continue;
            }
            self.item(item)?;
        }
        self.restore(saved);
        Ok(())
    }

    fn item(&mut self, item: &Item) -> Result<(), PdfError> {
        match item {
            Item::Rect { rect, radius, fill, stroke } => {
                let path = rect_path(self, *rect, *radius);
                self.shape(&path, *fill, *stroke);
            }
            Item::Line { points, stroke } => {
                let path: Vec<PathPoint> = points.iter().map(|p| self.pt(p.x, p.y)).collect();
                self.open(&path, *stroke);
            }
            Item::Curve { from, segments, stroke } => {
                let path = cubic_path(self, *from, segments);
                self.open(&path, *stroke);
            }
            Item::Area { from, segments, fill } => {
                let path = cubic_path(self, *from, segments);
                self.shape(&path, Some(*fill), None);
            }
            Item::Circle { center, radius, fill, stroke } => {
                let path = ellipse_path(self, *center, *radius, *radius);
                self.shape(&path, *fill, *stroke);
            }
            Item::Image { rect, image, clip } => self.image(*rect, image, *clip)?,
            Item::Text(line) => self.text(line),
        }
        Ok(())
    }

    fn image(&mut self, rect: Rect, image: &Image, clip: ImageClip) -> Result<(), PdfError> {
        if rect.width <= 0.0 || rect.height <= 0.0 {
            return Ok(());
        }
        let id = self.res.image(image)?;
        let saved = self.save();
        // The image covers its box, centred, keeping its proportions; the clip cuts it to the box.
        let drawn = image.cover_rect(rect);
        match clip {
            ImageClip::Rect if drawn == rect => {}
            ImageClip::Rect => {
                let path = rect_path(self, rect, 0.0);
                self.clip(&path);
            }
            ImageClip::Ellipse => {
                let c = rect.center();
                let path = ellipse_path(self, c, rect.width / 2.0, rect.height / 2.0);
                self.clip(&path);
            }
        }
        // The image fills the unit square; scale it over the drawn box (y up: its bottom edge).
        let bottom = self.flip - drawn.bottom();
        self.out.op(&[drawn.width, 0.0, 0.0, drawn.height, drawn.x, bottom], "cm");
        self.out.name(&id.0);
        self.out.op(&[], "Do");
        self.restore(saved);
        Ok(())
    }

    /// One line of shaped text, in an `/ActualText` span with its characters. Each run of one
    /// face on one baseline is a single `TJ`: a glyph's advance in the font moves the pen, and a
    /// kern number moves it on to where the layout put the next glyph (kerning, thin spaces).
    pub(super) fn text(&mut self, line: &TextLine) {
        if line.glyphs.is_empty() || line.colour.a == 0 || line.size <= 0.0 {
            return;
        }
        self.set_fill(line.colour);
        let span = !line.text.is_empty();
        if span {
            self.out.begin_actual_text(&line.text);
        }
        self.out.op(&[], "BT");
        let baseline = self.flip - line.origin.y;
        let size = line.size;
        let mut face: Option<Face> = None;
        let mut in_run = false;
        let mut run_y = 0.0_f32;
        // Where the viewer's pen stands after the last glyph of the run, in points from the origin.
        let mut pen = 0.0_f32;
        for glyph in &line.glyphs {
            let Ok(gid) = u16::try_from(glyph.id) else { continue };
            let Some(font) = self.res.font_ids.get(&glyph.face) else { continue };
            let Some(&code) = self.res.codes.get(&(glyph.face, gid)) else { continue };
            let same_run = in_run && face == Some(glyph.face) && run_y.to_bits() == glyph.y.to_bits();
            if same_run {
                // TJ numbers are thousandths of an em, subtracted from the pen.
                let kern = ((pen - glyph.x) * 1000.0 / size * 100.0).round() / 100.0;
                if kern != 0.0 {
                    self.out.kern(kern);
                    pen -= kern * size / 1000.0;
                }
            } else {
                if in_run {
                    self.out.end_glyphs();
                }
                if face != Some(glyph.face) {
                    self.out.name(&font.0);
                    self.out.op(&[size], "Tf");
                    face = Some(glyph.face);
                }
                self.out.op(
                    &[
                        1.0,
                        0.0,
                        0.0,
                        1.0,
                        hundredths(line.origin.x + glyph.x),
                        hundredths(baseline + glyph.y),
                    ],
                    "Tm",
                );
                self.out.begin_glyphs();
                in_run = true;
                run_y = glyph.y;
                pen = hundredths(line.origin.x + glyph.x) - line.origin.x;
            }
            self.out.glyph(code);
            pen += advance_em(glyph.face, gid) * size;
        }
        if in_run {
            self.out.end_glyphs();
        }
        self.out.op(&[], "ET");
        if span {
            self.out.op(&[], "EMC");
        }
    }

    /// Crop marks at the corners of `trim` (page space), starting past the bleed.
    pub(super) fn crop_marks(&mut self, trim: Rect, bleed: f32) {
        let stroke = Stroke::solid(0.25, Colour::rgb(0, 0, 0));
        let gap = bleed + CROP_MARK_GAP_MM * PT_PER_MM;
        let len = (CROP_MARK_SPACE_MM - CROP_MARK_GAP_MM) * PT_PER_MM;
        for (x, dx) in [(trim.x, -1.0), (trim.right(), 1.0)] {
            for (y, dy) in [(trim.y, -1.0), (trim.bottom(), 1.0)] {
                // Horizontal mark, level with the trim edge, outside it.
                let h = vec![self.pt(x + dx * gap, y), self.pt(x + dx * (gap + len), y)];
                self.open(&h, stroke);
                let v = vec![self.pt(x, y + dy * gap), self.pt(x, y + dy * (gap + len))];
                self.open(&v, stroke);
            }
        }
    }

    /// Cut marks in a tile's margins where the cut lines (middles of the overlaps) cross its
    /// edges.
    pub(super) fn tile_ticks(
        &mut self,
        grid: &TileGrid,
        (x0, y0): (f32, f32),
        (poster_w, poster_h): (f32, f32),
    ) {
        let stroke = Stroke::solid(0.5, Colour::rgb(0, 0, 0));
        let (m, cw, ch) = (grid.margin_pt, grid.content_width(), grid.content_height());
        let (gap, len) = (1.5 * PT_PER_MM, 5.0 * PT_PER_MM);
        for x in cut_lines(grid.columns, grid.origin_x, grid.step_x(), grid.overlap_pt) {
            let xt = m + x - x0;
            if xt < m || xt > m + cw {
                continue;
            }
            let top = vec![self.pt(xt, m - gap), self.pt(xt, m - gap - len)];
            self.open(&top, stroke);
            let bottom_edge = m + ch.min(poster_h - y0);
            let bottom = vec![self.pt(xt, bottom_edge + gap), self.pt(xt, bottom_edge + gap + len)];
            self.open(&bottom, stroke);
        }
        for y in cut_lines(grid.rows, grid.origin_y, grid.step_y(), grid.overlap_pt) {
            let yt = m + y - y0;
            if yt < m || yt > m + ch {
                continue;
            }
            let left = vec![self.pt(m - gap, yt), self.pt(m - gap - len, yt)];
            self.open(&left, stroke);
            let right_edge = m + cw.min(poster_w - x0);
            let right = vec![self.pt(right_edge + gap, yt), self.pt(right_edge + gap + len, yt)];
            self.open(&right, stroke);
        }
    }

    /// Crosshairs on the cut lines, inside the overlaps: the same marks print on every tile
    /// that shares the strip, so the sheets can be laid on each other and lined up.
    pub(super) fn tile_crosshairs(
        &mut self,
        grid: &TileGrid,
        (x0, y0): (f32, f32),
        (poster_w, poster_h): (f32, f32),
    ) {
        let verticals = cut_lines(grid.columns, grid.origin_x, grid.step_x(), grid.overlap_pt);
        let horizontals = cut_lines(grid.rows, grid.origin_y, grid.step_y(), grid.overlap_pt);
        // Middles of each row and column (within the poster), where a single cut line gets a mark.
        let row_middles: Vec<f32> = (0..grid.rows)
            .map(|r| {
                let top = grid.origin_y + r as f32 * grid.step_y();
                f32::midpoint(top.max(0.0), (top + grid.content_height()).min(poster_h))
            })
            .collect();
        let column_middles: Vec<f32> = (0..grid.columns)
            .map(|c| {
                let left = grid.origin_x + c as f32 * grid.step_x();
                f32::midpoint(left.max(0.0), (left + grid.content_width()).min(poster_w))
            })
            .collect();
        let mut marks: Vec<(f32, f32)> = Vec::new();
        for &x in &verticals {
            for &y in horizontals.iter().chain(&row_middles) {
                marks.push((x, y));
            }
        }
        for &y in &horizontals {
            for &x in &column_middles {
                marks.push((x, y));
            }
        }
        let m = grid.margin_pt;
        let (cw, ch) = (grid.content_width(), grid.content_height());
        let arm = 3.0 * PT_PER_MM;
        let halo = Stroke::solid(1.6, Colour::rgba(255, 255, 255, 200));
        let ink = Stroke::solid(0.5, Colour::rgb(0, 0, 0));
        for (x, y) in marks {
            let (xt, yt) = (m + x - x0, m + y - y0);
            if xt < m - arm || xt > m + cw + arm || yt < m - arm || yt > m + ch + arm {
                continue;
            }
            for stroke in [halo, ink] {
                let h = vec![self.pt(xt - arm, yt), self.pt(xt + arm, yt)];
                self.open(&h, stroke);
                let v = vec![self.pt(xt, yt - arm), self.pt(xt, yt + arm)];
                self.open(&v, stroke);
                let ring = ellipse_path(self, Point::new(xt, yt), arm * 0.55, arm * 0.55);
                self.shape(&ring, None, Some(stroke));
            }
        }
    }
}

/// A rectangle, with rounded corners when `radius` > 0.
pub(super) fn rect_path(painter: &Painter<'_>, rect: Rect, radius: f32) -> Vec<PathPoint> {
    let (l, t, rt, b) = (rect.x, rect.y, rect.right(), rect.bottom());
    let radius = radius.clamp(0.0, rect.width.min(rect.height) / 2.0);
    if radius <= 0.0 {
        return vec![painter.pt(l, t), painter.pt(rt, t), painter.pt(rt, b), painter.pt(l, b)];
    }
    let inset = radius * (1.0 - KAPPA);
    vec![
        painter.pt(l + radius, t),
        painter.pt(rt - radius, t),
        painter.ctl(rt - inset, t),
        painter.ctl(rt, t + inset),
        painter.pt(rt, t + radius),
        painter.pt(rt, b - radius),
        painter.ctl(rt, b - inset),
        painter.ctl(rt - inset, b),
        painter.pt(rt - radius, b),
        painter.pt(l + radius, b),
        painter.ctl(l + inset, b),
        painter.ctl(l, b - inset),
        painter.pt(l, b - radius),
        painter.pt(l, t + radius),
        painter.ctl(l, t + inset),
        painter.ctl(l + inset, t),
        painter.pt(l + radius, t),
    ]
}

/// An ellipse as four cubic Béziers.
pub(super) fn ellipse_path(p: &Painter<'_>, c: Point, rx: f32, ry: f32) -> Vec<PathPoint> {
    let (kx, ky) = (rx * KAPPA, ry * KAPPA);
    vec![
        p.pt(c.x + rx, c.y),
        p.ctl(c.x + rx, c.y + ky),
        p.ctl(c.x + kx, c.y + ry),
        p.pt(c.x, c.y + ry),
        p.ctl(c.x - kx, c.y + ry),
        p.ctl(c.x - rx, c.y + ky),
        p.pt(c.x - rx, c.y),
        p.ctl(c.x - rx, c.y - ky),
        p.ctl(c.x - kx, c.y - ry),
        p.pt(c.x, c.y - ry),
        p.ctl(c.x + kx, c.y - ry),
        p.ctl(c.x + rx, c.y - ky),
        p.pt(c.x + rx, c.y),
    ]
}

/// A start point and cubic segments.
pub(super) fn cubic_path(p: &Painter<'_>, from: Point, segments: &[Cubic]) -> Vec<PathPoint> {
    let mut path = Vec::with_capacity(1 + segments.len() * 3);
    path.push(p.pt(from.x, from.y));
    for s in segments {
        path.push(p.ctl(s.c1.x, s.c1.y));
        path.push(p.ctl(s.c2.x, s.c2.y));
        path.push(p.pt(s.to.x, s.to.y));
    }
    path
}
