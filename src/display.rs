//! The display list: what the layout produces and every painter consumes.
//!
//! A flat list of positioned items in **map space**: points (1/72 inch), origin at the top left,
//! y pointing down. Painters only scale and translate it; they never measure or wrap text. Text
//! items are single lines whose glyphs are already shaped and positioned.

use crate::model::Id;
use crate::text::{FontStyle, Fonts, GLYPH_OVERHANG_EM, Glyph, Line};
use std::sync::Arc;

/// A point in map space, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Distance from the left edge, in points.
    pub x: f32,
    /// Distance from the top edge, in points (y grows downwards).
    pub y: f32,
}

impl Point {
    /// A point at `x`, `y`.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle in map space, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[must_use]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width (never negative).
    pub width: f32,
    /// Height (never negative).
    pub height: f32,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub const fn new(x: f32, y: f32, width: f32, height: f32) -> Self {
        Self { x, y, width, height }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// True when `p` lies inside (edges included).
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// True when the two rectangles share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    /// True when `other` lies entirely inside this rectangle, allowing `slack` points.
    pub fn encloses(&self, other: &Rect, slack: f32) -> bool {
        other.x >= self.x - slack
            && other.y >= self.y - slack
            && other.right() <= self.right() + slack
            && other.bottom() <= self.bottom() + slack
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(x, y, self.right().max(other.right()) - x, self.bottom().max(other.bottom()) - y)
    }

    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// The same rectangle grown by `by` points on every side (shrunk when `by` is negative).
    pub fn inflate(&self, by: f32) -> Rect {
        Rect::new(self.x - by, self.y - by, self.width + 2.0 * by, self.height + 2.0 * by)
    }

    /// The smallest rectangle holding every point; `None` when there is none.
    pub fn around(points: impl IntoIterator<Item = Point>) -> Option<Rect> {
        points.into_iter().fold(None, |bounds: Option<Rect>, p| {
            let r = Rect::new(p.x, p.y, 0.0, 0.0);
            Some(bounds.map_or(r, |b| b.union(&r)))
        })
    }
}

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[must_use]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0 (transparent) – 255 (opaque).
    pub a: u8,
}

impl Colour {
    /// No colour at all: as a [`DisplayList::background`], the PDF and SVG painters leave the
    /// page unpainted (the paper's white) and a PNG is transparent.
    pub const NONE: Colour = Colour::rgba(255, 255, 255, 0);

    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    /// A colour with opacity.
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// The same colour with another opacity.
    pub const fn with_alpha(self, a: u8) -> Self {
        Self { a, ..self }
    }

    /// `#rrggbb`, or `#rrggbbaa` when not opaque.
    pub fn to_hex(self) -> String {
        if self.a == 255 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!("#{:02x}{:02x}{:02x}{:02x}", self.r, self.g, self.b, self.a)
        }
    }

    /// Mixes towards `other` by `t` (0 = self, 1 = other), alpha included.
    pub fn lerp(self, other: Colour, t: f32) -> Colour {
        let t = t.clamp(0.0, 1.0);
        let mix = |a: u8, b: u8| {
            let v = f32::from(a) + (f32::from(b) - f32::from(a)) * t;
            // Clamped to 0..=255 above, so the cast cannot truncate.
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to 0..=255")]
            let v = v.round().clamp(0.0, 255.0) as u8;
            v
        };
        Colour {
            r: mix(self.r, other.r),
            g: mix(self.g, other.g),
            b: mix(self.b, other.b),
            a: mix(self.a, other.a),
        }
    }
}

/// How a line or an outline is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Width in points.
    pub width: f32,
    /// Colour, alpha included.
    pub colour: Colour,
    /// Dash and gap lengths in points; `None` for a solid line.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    /// A solid stroke.
    pub const fn solid(width: f32, colour: Colour) -> Self {
        Self { width, colour, dash: None }
    }

    /// A dashed stroke.
    pub const fn dashed(width: f32, colour: Colour, dash: f32, gap: f32) -> Self {
        Self { width, colour, dash: Some((dash, gap)) }
    }
}

/// One cubic Bézier segment, continuing from the previous end point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cubic {
    /// First control point.
    pub c1: Point,
    /// Second control point.
    pub c2: Point,
    /// End point.
    pub to: Point,
}

/// A decoded raster image (persona photo, logo), shared between items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// A stable key (the path as written in the map), for caches and for deduplication in PDFs.
    pub key: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels, row by row, RGBA with straight alpha (`width * height * 4` bytes).
    pub rgba: Vec<u8>,
}

impl Image {
    /// Where the whole image is drawn so that it covers `rect`, centred, keeping its proportions
    /// (CSS's `object-fit: cover`): a rectangle that contains `rect`, cut to it by the item's clip.
    /// A 3:4 phone photo in a round badge shows its middle, not a squashed face.
    pub fn cover_rect(&self, rect: Rect) -> Rect {
        if self.width == 0 || self.height == 0 || rect.width <= 0.0 || rect.height <= 0.0 {
            return rect;
        }
        let (w, h) = (self.width as f32, self.height as f32);
        let scale = (rect.width / w).max(rect.height / h);
        let (drawn_w, drawn_h) = (w * scale, h * scale);
        let c = rect.center();
        Rect::new(c.x - drawn_w / 2.0, c.y - drawn_h / 2.0, drawn_w, drawn_h)
    }

    /// The part of the image that shows in `rect` when it covers it ([`Image::cover_rect`]), in
    /// fractions of the image's width and height (texture coordinates, `0..1`).
    pub fn cover_crop(&self, rect: Rect) -> Rect {
        let drawn = self.cover_rect(rect);
        if drawn.width <= 0.0 || drawn.height <= 0.0 {
            return Rect::new(0.0, 0.0, 1.0, 1.0);
        }
        Rect::new(
            (rect.x - drawn.x) / drawn.width,
            (rect.y - drawn.y) / drawn.height,
            rect.width / drawn.width,
            rect.height / drawn.height,
        )
    }
}

/// How an image is cut to its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageClip {
    /// The whole box.
    Rect,
    /// The ellipse inscribed in the box (round avatars).
    Ellipse,
}

/// One line of text, shaped and positioned; painters never wrap it.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    /// The left end of the baseline, in map space.
    pub origin: Point,
    /// Font size in points.
    pub size: f32,
    /// Style asked for.
    pub style: FontStyle,
    /// Fill colour.
    pub colour: Colour,
    /// The characters of the line (for PDF text extraction, SVG and the screen).
    pub text: String,
    /// Shaped glyphs, left to right.
    pub glyphs: Vec<Glyph>,
    /// Advance width of the whole line, in points.
    pub width: f32,
    /// Distance from the baseline up to the top of the line box, in points.
    pub ascent: f32,
    /// Distance from the baseline down to the bottom of the line box, in points (positive).
    pub descent: f32,
}

impl TextLine {
    /// A line shaped by [`Fonts`] (from [`Fonts::wrap`] or [`Fonts::line`]), placed with the left
    /// end of its baseline at `origin`; its box is the style's ascent and descent at `size`.
    pub fn new(line: &Line, origin: Point, style: FontStyle, size: f32, colour: Colour) -> Self {
        let fonts = Fonts::get();
        Self {
            origin,
            size,
            style,
            colour,
            text: line.text.clone(),
            glyphs: line.glyphs.clone(),
            width: line.width,
            ascent: fonts.ascent(style, size),
            descent: fonts.descent(style, size),
        }
    }

    /// The line's box: from the ascent to the descent, over its advance width.
    pub fn bounds(&self) -> Rect {
        Rect::new(self.origin.x, self.origin.y - self.ascent, self.width, self.ascent + self.descent)
    }
}

/// What a drawn item shows, for hit-testing and selection on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The map's title block.
    Title,
    /// A stage header.
    Stage(Id),
    /// A lane header (persona badge or lane title).
    Lane(Id),
    /// An empty area of a cell, where a card can be added.
    Cell {
        /// The lane (row).
        lane: Id,
        /// The stage (column).
        stage: Id,
    },
    /// A card.
    Card(Id),
    /// A point of a persona's emotion curve: the lane and the stage it stands for.
    EmotionPoint {
        /// The persona lane.
        lane: Id,
        /// The stage.
        stage: Id,
    },
}

/// A region of the canvas that the pointer can hit, drawn or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The region, in map space.
    pub rect: Rect,
    /// What it shows.
    pub target: Target,
}

/// One drawing instruction. Painters match every variant by name.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A rectangle, optionally with rounded corners.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius in points (0 for sharp corners).
        radius: f32,
        /// Fill, if any.
        fill: Option<Colour>,
        /// Outline, if any (drawn centred on the edge).
        stroke: Option<Stroke>,
    },
    /// An open polyline.
    Line {
        /// The points, in order (at least two).
        points: Vec<Point>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// An open path of cubic Bézier segments (emotion curves).
    Curve {
        /// Start point.
        from: Point,
        /// Segments, each continuing from the previous end.
        segments: Vec<Cubic>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A closed area under or between curves: a start point, segments, closed back to the start.
    Area {
        /// Start point.
        from: Point,
        /// Segments (use equal control points for straight edges).
        segments: Vec<Cubic>,
        /// Fill.
        fill: Colour,
    },
    /// A circle.
    Circle {
        /// Centre.
        center: Point,
        /// Radius in points.
        radius: f32,
        /// Fill, if any.
        fill: Option<Colour>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A raster image scaled into a box.
    Image {
        /// The box.
        rect: Rect,
        /// The pixels.
        image: Arc<Image>,
        /// How it is cut.
        clip: ImageClip,
    },
    /// A line of text.
    Text(TextLine),
}

impl Item {
    /// The area the item can paint, in map space, for culling: an item whose bounds miss the part
    /// being drawn (a tile, a band of rows, the window) can be skipped.
    ///
    /// What is counted, the same for every painter:
    /// - outlines of rectangles and circles: half the stroke width outside the shape (strokes are
    ///   centred on the edge; a right-angled mitre stays within that half width on each axis);
    /// - lines and curves: their points (control points included: a Bézier lies inside their
    ///   hull) and a whole stroke width around them, for caps and joins: round ones reach half
    ///   the width, square caps 0.71 of it, and the mitred joins of the screen (egui cuts any
    ///   corner sharper than a right angle) at most √2 × half the width;
    /// - text: the line box and [`GLYPH_OVERHANG_EM`] of the font size on every side, for ink
    ///   outside it (accents, italics, fallback symbols).
    ///
    /// What belongs to a device is left to its painter: anti-aliasing (a pixel's worth of
    /// coverage past the edge) and minimum on-screen stroke widths.
    pub fn bounds(&self) -> Rect {
        let path = |from: Point, segments: &[Cubic]| {
            Rect::around(std::iter::once(from).chain(segments.iter().flat_map(|s| [s.c1, s.c2, s.to])))
                .unwrap_or_default()
        };
        let half = |stroke: Option<Stroke>| stroke.map_or(0.0, |s| s.width / 2.0);
        match self {
            Item::Rect { rect, stroke, .. } => rect.inflate(half(*stroke)),
            Item::Line { points, stroke } => {
                Rect::around(points.iter().copied()).unwrap_or_default().inflate(stroke.width)
            }
            Item::Curve { from, segments, stroke } => path(*from, segments).inflate(stroke.width),
            Item::Area { from, segments, .. } => path(*from, segments),
            Item::Circle { center, radius, stroke, .. } => {
                Rect::new(center.x, center.y, 0.0, 0.0).inflate(radius + half(*stroke))
            }
            Item::Image { rect, .. } => *rect,
            Item::Text(line) => line.bounds().inflate(line.size * GLYPH_OVERHANG_EM),
        }
    }
}

/// Where the layout put the grid of stages and lanes, for the canvas's pointer maths: which
/// column is under the pointer, which score a height in an emotion band stands for. Nothing
/// outside the layout may assume how wide a column is or where a band starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The stage columns, left to right.
    pub columns: Vec<Column>,
    /// The lanes drawn, top to bottom.
    pub rows: Vec<Row>,
    /// The emotion band of each persona lane drawn, top to bottom.
    pub bands: Vec<EmotionBand>,
    /// The right edge of the row header column (lane headers, persona badges): what stays
    /// pinned on the left while a presentation scrolls, in map space.
    pub header_right: f32,
}

impl Grid {
    /// The column under `x`, clamped to the first and the last; `None` without columns.
    pub fn column_at(&self, x: f32) -> Option<usize> {
        let last = self.columns.len().checked_sub(1)?;
        Some(self.columns.iter().position(|c| x < c.x + c.width).unwrap_or(last))
    }

    /// The emotion band of a persona lane, if it is drawn.
    pub fn band(&self, lane: &Id) -> Option<&EmotionBand> {
        self.bands.iter().find(|b| &b.lane == lane)
    }
}

/// A stage column of the [`Grid`].
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The stage.
    pub stage: Id,
    /// Left edge, in map space.
    pub x: f32,
    /// Width, in points.
    pub width: f32,
}

/// A lane of the [`Grid`], emotion band included.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The lane.
    pub lane: Id,
    /// Top edge, in map space.
    pub y: f32,
    /// Height, in points.
    pub height: f32,
}

/// A persona lane's emotion band: the strip under its cards where its curve is drawn, the
/// scale's highest level at the top and its lowest at the bottom, `pad` points inside.
#[derive(Clone, Debug, PartialEq)]
pub struct EmotionBand {
    /// The persona lane.
    pub lane: Id,
    /// The band, across the stage columns.
    pub rect: Rect,
    /// Room above the highest level and below the lowest, in points.
    pub pad: f32,
}

impl EmotionBand {
    /// The height of a place on the scale, from 0.0 (lowest level) to 1.0 (highest).
    #[expect(clippy::cast_possible_truncation, reason = "a fraction in 0..=1")]
    pub fn y_of(&self, fraction: f64) -> f32 {
        self.rect.y + self.pad + (1.0 - fraction as f32) * (self.rect.height - 2.0 * self.pad)
    }

    /// The place on the scale at height `y` (the inverse of [`EmotionBand::y_of`]), from 0.0
    /// (lowest level) to 1.0 (highest), clamped.
    pub fn fraction_at(&self, y: f32) -> f64 {
        let span = self.rect.height - 2.0 * self.pad;
        if span <= 0.0 {
            return 0.5;
        }
        f64::from(1.0 - ((y - self.rect.y - self.pad) / span).clamp(0.0, 1.0))
    }
}

/// A laid-out map, ready for any painter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DisplayList {
    /// Width of the poster in points.
    pub width: f32,
    /// Height of the poster in points.
    pub height: f32,
    /// Page background.
    pub background: Colour,
    /// Drawing instructions, back to front.
    pub items: Vec<Item>,
    /// Interactive regions, back to front (the last hit wins).
    pub hits: Vec<Hit>,
    /// The title, for PDF metadata and SVG `<title>`.
    pub title: String,
    /// The author, for PDF metadata.
    pub author: String,
    /// The language tag of the content (`fr`), for PDF and SVG.
    pub language: String,
    /// Where the stage columns, lanes and emotion bands are (empty for sheets without them).
    pub grid: Grid,
}

impl DisplayList {
    /// The topmost interactive region under `p`.
    pub fn hit(&self, p: Point) -> Option<&Target> {
        self.hits.iter().rev().find(|h| h.rect.contains(p)).map(|h| &h.target)
    }

    /// The region of a target, if it is drawn.
    pub fn rect_of(&self, target: &Target) -> Option<Rect> {
        self.hits.iter().find(|h| &h.target == target).map(|h| h.rect)
    }

    /// The smallest font size used, in points (for the readable-size warning).
    pub fn min_text_size(&self) -> Option<f32> {
        self.text_lines().map(|line| line.size).reduce(f32::min)
    }

    /// Every text line, in drawing order.
    pub fn text_lines(&self) -> impl Iterator<Item = &TextLine> {
        self.items.iter().filter_map(|item| match item {
            Item::Text(line) => Some(line),
            Item::Rect { .. }
            | Item::Line { .. }
            | Item::Curve { .. }
            | Item::Area { .. }
            | Item::Circle { .. }
            | Item::Image { .. } => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PathCmd;

    #[test]
    fn an_image_covers_its_box_centred() {
        let photo = Image { key: String::new(), width: 300, height: 400, rgba: Vec::new() };
        // A 3:4 portrait in a square: as wide as the box, taller, centred; the middle shows.
        let drawn = photo.cover_rect(Rect::new(0.0, 0.0, 30.0, 30.0));
        assert_eq!(drawn, Rect::new(0.0, -5.0, 30.0, 40.0));
        assert_eq!(photo.cover_crop(Rect::new(0.0, 0.0, 30.0, 30.0)), Rect::new(0.0, 0.125, 1.0, 0.75));
        // Same proportions: the box itself, the whole image.
        assert_eq!(photo.cover_rect(Rect::new(5.0, 5.0, 3.0, 4.0)), Rect::new(5.0, 5.0, 3.0, 4.0));
        assert_eq!(photo.cover_crop(Rect::new(5.0, 5.0, 3.0, 4.0)), Rect::new(0.0, 0.0, 1.0, 1.0));
        // An empty image or box: nothing to scale.
        let empty = Image { key: String::new(), width: 0, height: 0, rgba: Vec::new() };
        assert_eq!(empty.cover_rect(Rect::new(1.0, 2.0, 3.0, 4.0)), Rect::new(1.0, 2.0, 3.0, 4.0));
    }

    #[test]
    fn inflate_grows_every_side() {
        assert_eq!(Rect::new(10.0, 20.0, 30.0, 40.0).inflate(2.0), Rect::new(8.0, 18.0, 34.0, 44.0));
        assert_eq!(Rect::new(10.0, 20.0, 30.0, 40.0).inflate(-5.0), Rect::new(15.0, 25.0, 20.0, 30.0));
        assert_eq!(Rect::around([]), None);
    }

    #[test]
    fn bounds_cover_strokes_and_control_points() {
        let black = Colour::rgb(0, 0, 0);
        let curve = Item::Curve {
            from: Point::new(0.0, 50.0),
            segments: vec![Cubic {
                c1: Point::new(10.0, 0.0),
                c2: Point::new(20.0, 100.0),
                to: Point::new(30.0, 50.0),
            }],
            stroke: Stroke::solid(2.0, black),
        };
        assert_eq!(curve.bounds(), Rect::new(-2.0, -2.0, 34.0, 104.0));
        let dot = Item::Circle { center: Point::new(5.0, 5.0), radius: 5.0, fill: None, stroke: None };
        assert_eq!(dot.bounds(), Rect::new(0.0, 0.0, 10.0, 10.0));
        let ring = Item::Circle {
            center: Point::new(5.0, 5.0),
            radius: 5.0,
            fill: None,
            stroke: Some(Stroke::solid(2.0, black)),
        };
        assert_eq!(ring.bounds(), Rect::new(-1.0, -1.0, 12.0, 12.0));
        // An outline is centred on the edge: half of it lies outside.
        let card = Item::Rect {
            rect: Rect::new(10.0, 10.0, 100.0, 50.0),
            radius: 6.0,
            fill: None,
            stroke: Some(Stroke::solid(3.0, black)),
        };
        assert_eq!(card.bounds(), Rect::new(8.5, 8.5, 103.0, 53.0));
        let rule = Item::Line {
            points: vec![Point::new(0.0, 10.0), Point::new(100.0, 10.0)],
            stroke: Stroke::solid(1.0, black),
        };
        assert_eq!(rule.bounds(), Rect::new(-1.0, 9.0, 102.0, 2.0));
    }

    #[test]
    fn text_bounds_hold_the_ink_of_every_glyph() {
        let fonts = Fonts::get();
        for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
            let shaped = fonts.line("Ÿ jÅ «\u{202f}été\u{202f}» fj ⇪ ✓ ★ 📱 😄 Ω∫", style, 20.0);
            let line = TextLine::new(&shaped, Point::new(100.0, 50.0), style, 20.0, Colour::rgb(0, 0, 0));
            let bounds = Item::Text(line.clone()).bounds();
            for glyph in &line.glyphs {
                let (x, y) = (line.origin.x + glyph.x, line.origin.y - glyph.y);
                for cmd in fonts.outline(glyph.face, glyph.id, line.size) {
                    let points: Vec<(f32, f32)> = match cmd {
                        PathCmd::MoveTo(px, py) | PathCmd::LineTo(px, py) => vec![(px, py)],
                        PathCmd::QuadTo(x1, y1, px, py) => vec![(x1, y1), (px, py)],
                        PathCmd::CurveTo(x1, y1, x2, y2, px, py) => vec![(x1, y1), (x2, y2), (px, py)],
                        PathCmd::Close => Vec::new(),
                    };
                    for (px, py) in points {
                        let p = Point::new(x + px, y - py);
                        assert!(bounds.contains(p), "{style:?} {glyph:?}: {p:?} outside {bounds:?}");
                    }
                }
            }
        }
    }
}
