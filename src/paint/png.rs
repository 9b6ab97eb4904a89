//! The PNG painter: a [`DisplayList`] rasterised with tiny-skia and streamed to the `png` encoder.
//!
//! The page (paper × DPI) is filled with the list's background, then the poster is drawn placed by
//! [`PageSetup::place`]. It is drawn in horizontal bands of [`BAND_ROWS`] rows: each band draws only
//! the items that reach into it and its rows go straight to the encoder, so memory stays flat
//! whatever the page size (the whole A0 page at 300 dpi would need 560 MB as one pixmap).
//!
//! Glyphs are drawn from a cache of small alpha masks, one per (face, glyph, size in 1/16 px,
//! horizontal subpixel offset in 1/4 px), made once from the outline and blended with the text
//! colour; very large glyphs are filled as outlines. Everything is deterministic: the same list
//! and options give the same bytes.

use crate::display::{Colour, Cubic, DisplayList, Image, ImageClip, Item, Point, Rect, Stroke, TextLine};
use crate::paint::PageSetup;
use crate::text::{Face, Fonts, PathCmd};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, mpsc};
use tiny_skia as sk;

/// The lowest resolution accepted, in dots per inch.
pub const MIN_DPI: u32 = 72;
/// The highest resolution accepted, in dots per inch.
pub const MAX_DPI: u32 = 600;
/// Rows drawn at a time: a band of an A0 page at 300 dpi is 10 MB.
pub const BAND_ROWS: u32 = 256;
/// The largest image side accepted, in pixels (A0 at 600 dpi is 19,866 × 28,086).
pub const MAX_SIDE_PX: u32 = 60_000;

/// Glyphs larger than this (in pixels per em) are filled as outlines instead of cached masks.
const MAX_MASK_EM_PX: f32 = 160.0;
/// Steps per pixel of the glyph sizes and horizontal positions the mask cache tells apart.
const SIZE_STEPS_PER_PX: f32 = 16.0;
const SUBPIXEL_STEPS: u32 = 4;
/// Size of the IDAT chunks written by the encoder.
const IDAT_CHUNK_BYTES: usize = 1 << 18;

/// How hard the encoder squeezes the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Compression {
    /// Fastest to write, about 8× larger files (fdeflate).
    Fast,
    /// A good size for a reasonable time (zlib level 6 with adaptive filters).
    #[default]
    Balanced,
    /// The smallest files, slowest to write.
    Best,
}

impl Compression {
    fn to_png(self) -> ::png::Compression {
        match self {
            Compression::Fast => ::png::Compression::Fast,
            Compression::Balanced => ::png::Compression::Balanced,
            Compression::Best => ::png::Compression::High,
        }
    }
}

/// What the PNG painter needs besides the display list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PngOptions {
    /// Paper, orientation and margins.
    pub page: PageSetup,
    /// Resolution in dots per inch, [`MIN_DPI`]`..=`[`MAX_DPI`]; recorded in the file (pHYs).
    pub dpi: u32,
    /// Encoder effort.
    pub compression: Compression,
}

impl Default for PngOptions {
    fn default() -> Self {
        Self { page: PageSetup::default(), dpi: 150, compression: Compression::default() }
    }
}

impl PngOptions {
    /// The image size in pixels for this list: the page in points × dpi / 72, rounded.
    pub fn pixel_size(&self, list: &DisplayList) -> (u32, u32) {
        let (width_pt, height_pt) = self.page.page_size_pt(list);
        let px_per_pt = self.dpi as f32 / 72.0;
        (to_px(width_pt * px_per_pt), to_px(height_pt * px_per_pt))
    }
}

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The resolution is outside [`MIN_DPI`]`..=`[`MAX_DPI`].
    #[error("a resolution of {dpi} dpi is not supported (use {MIN_DPI} to {MAX_DPI} dpi)")]
    Dpi {
        /// The resolution asked for.
        dpi: u32,
    },
    /// The image would be empty or larger than [`MAX_SIDE_PX`] on a side.
    #[error(
        "a {width} × {height} px image cannot be made (each side must be 1 to {MAX_SIDE_PX} px; \
         use a lower resolution or a smaller paper)"
    )]
    Size {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The encoder failed (usually because the output could not be written).
    #[error("could not write the PNG ({0})")]
    Encode(#[from] ::png::EncodingError),
    /// The output could not be written.
    #[error("could not write the PNG ({0})")]
    Io(#[from] std::io::Error),
}

/// Renders the list onto its page and writes the PNG to `out`, band by band.
pub fn render_png_to<W: Write>(list: &DisplayList, options: &PngOptions, out: W) -> Result<(), PngError> {
    if !(MIN_DPI..=MAX_DPI).contains(&options.dpi) {
        return Err(PngError::Dpi { dpi: options.dpi });
    }
    let (width, height) = options.pixel_size(list);
    check_size(width, height)?;
    let placement = options.page.place(list);
    let px_per_pt = options.dpi as f32 / 72.0;
    let map_to_px = sk::Transform::from_row(
        placement.scale * px_per_pt,
        0.0,
        0.0,
        placement.scale * px_per_pt,
        placement.offset_x * px_per_pt,
        placement.offset_y * px_per_pt,
    );

    let opaque = list.background.a == 255;
    let mut encoder = ::png::Encoder::new(out, width, height);
    encoder.set_color(if opaque { ::png::ColorType::Rgb } else { ::png::ColorType::Rgba });
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(options.compression.to_png());
    let px_per_metre = to_px(options.dpi as f32 / 0.0254);
    encoder.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: px_per_metre,
        yppu: px_per_metre,
        unit: ::png::Unit::Meter,
    }));
    let mut writer = encoder.write_header()?;
    {
        let mut stream = writer.stream_writer_with_size(IDAT_CHUNK_BYTES)?;
        let row_bytes = width as usize * if opaque { 3 } else { 4 };
        // One thread paints and converts bands while this one deflates the previous ones: the
        // encoder is the slower half, so painting costs almost nothing on two cores. Bands
        // arrive in order, so the bytes do not depend on timing.
        let (band_tx, band_rx) = mpsc::sync_channel::<Vec<u8>>(2);
        let (spare_tx, spare_rx) = mpsc::channel::<Vec<u8>>();
        std::thread::scope(|scope| -> Result<(), PngError> {
            let painter =
                std::thread::Builder::new().name("png-paint".into()).spawn_scoped(scope, move || {
                    let mut painter = Painter::new(list, map_to_px, width, height);
                    painter.paint_bands(BAND_ROWS, |premultiplied| {
                        let mut rows = spare_rx.try_recv().unwrap_or_default();
                        let row_count = premultiplied.len() / (width as usize * 4);
                        rows.resize(row_count * row_bytes, 0);
                        for (src, dst) in premultiplied
                            .chunks_exact(width as usize * 4)
                            .zip(rows.chunks_exact_mut(row_bytes))
                        {
                            if opaque {
                                rgb_row(src, dst);
                            } else {
                                demultiply_row(src, dst);
                            }
                        }
                        // The writer stops listening after a write error: stop painting then.
                        band_tx.send(rows).is_ok()
                    })
                })?;
            let mut failure = None;
            for rows in band_rx {
                if let Err(error) = stream.write_all(&rows) {
                    failure = Some(error);
                    break;
                }
                // The painter may have finished already; the buffer is then simply dropped.
                spare_tx.send(rows).ok();
            }
            match painter.join() {
                Ok(outcome) => outcome?,
                Err(panic) => std::panic::resume_unwind(panic),
            }
            failure.map_or(Ok(()), |error| Err(error.into()))
        })?;
        stream.finish()?;
    }
    writer.finish()?;
    Ok(())
}

/// Renders the list onto its page as PNG bytes.
pub fn render_png(list: &DisplayList, options: &PngOptions) -> Result<Vec<u8>, PngError> {
    let mut bytes = Vec::new();
    render_png_to(list, options, &mut bytes)?;
    Ok(bytes)
}

/// A whole image in memory: RGBA rows with straight alpha.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes, row by row, straight (not premultiplied) alpha.
    pub rgba: Vec<u8>,
}

/// Renders the poster scaled to fit `width_px` × `height_px` and centred, with no page or
/// margin, the rest filled with the background: for tests and the designer's thumbnails.
pub fn render_rgba(list: &DisplayList, width_px: u32, height_px: u32) -> Result<RgbaImage, PngError> {
    check_size(width_px, height_px)?;
    let (w, h) = (width_px as f32, height_px as f32);
    let scale =
        if list.width > 0.0 && list.height > 0.0 { (w / list.width).min(h / list.height) } else { 1.0 };
    let map_to_px = sk::Transform::from_row(
        scale,
        0.0,
        0.0,
        scale,
        (w - list.width * scale) / 2.0,
        (h - list.height * scale) / 2.0,
    );
    Ok(render_with(list, map_to_px, width_px, height_px, height_px))
}

/// Renders with any map → pixel transform, in bands of `band_rows` (the whole image at once when
/// `band_rows >= height`).
fn render_with(
    list: &DisplayList,
    map_to_px: sk::Transform,
    width: u32,
    height: u32,
    band_rows: u32,
) -> RgbaImage {
    let mut rgba = Vec::with_capacity(width as usize * height as usize * 4);
    let mut row = vec![0_u8; width as usize * 4];
    let mut painter = Painter::new(list, map_to_px, width, height);
    // The size was checked by the callers, so the band pixmap can be made.
    let outcome = painter.paint_bands(band_rows, |premultiplied| {
        for src in premultiplied.chunks_exact(row.len()) {
            demultiply_row(src, &mut row);
            rgba.extend_from_slice(&row);
        }
        true
    });
    if outcome.is_err() {
        rgba.resize(width as usize * height as usize * 4, 0);
    }
    RgbaImage { width, height, rgba }
}

fn check_size(width: u32, height: u32) -> Result<(), PngError> {
    if width == 0 || height == 0 || width > MAX_SIDE_PX || height > MAX_SIDE_PX {
        return Err(PngError::Size { width, height });
    }
    Ok(())
}

/// A non-negative float rounded to whole pixels.
fn to_px(value: f32) -> u32 {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to the u32 range")]
    let px = value.round().clamp(0.0, u32::MAX as f32) as u32;
    px
}

/// A float rounded to an `i32`, saturating (pixel positions far off the page stay far off).
fn to_i32(value: f32) -> i32 {
    #[expect(clippy::cast_possible_truncation, reason = "`as` saturates, which is what we want")]
    let v = value as i32;
    v
}

/// `a * b / 255`, rounded, for 8-bit channels.
fn mul255(a: u8, b: u8) -> u8 {
    let t = u32::from(a) * u32::from(b) + 128;
    #[expect(clippy::cast_possible_truncation, reason = "the result is at most 255")]
    let v = ((t + (t >> 8)) >> 8) as u8;
    v
}

/// Premultiplied RGBA → RGB (the page is opaque, so alpha is 255 everywhere).
fn rgb_row(premultiplied: &[u8], out: &mut [u8]) {
    for (src, dst) in premultiplied.chunks_exact(4).zip(out.chunks_exact_mut(3)) {
        let &[r, g, b, a] = src else { continue };
        if a == 255 {
            dst.copy_from_slice(&[r, g, b]);
        } else {
            dst.copy_from_slice(&[demultiply(r, a), demultiply(g, a), demultiply(b, a)]);
        }
    }
}

/// Premultiplied RGBA → straight RGBA.
fn demultiply_row(premultiplied: &[u8], out: &mut [u8]) {
    for (src, dst) in premultiplied.chunks_exact(4).zip(out.chunks_exact_mut(4)) {
        let a = src[3];
        if a == 255 || a == 0 {
            dst.copy_from_slice(src);
        } else {
            for (d, &s) in dst.iter_mut().zip(&src[..3]) {
                *d = demultiply(s, a);
            }
            dst[3] = a;
        }
    }
}

fn demultiply(channel: u8, alpha: u8) -> u8 {
    if alpha == 0 {
        return 0;
    }
    let v = (u32::from(channel) * 255 + u32::from(alpha) / 2) / u32::from(alpha);
    u8::try_from(v.min(255)).unwrap_or(255)
}

fn sk_colour(colour: Colour) -> sk::Color {
    sk::Color::from_rgba8(colour.r, colour.g, colour.b, colour.a)
}

fn solid_paint(colour: Colour) -> sk::Paint<'static> {
    let mut paint = sk::Paint::default();
    paint.set_color(sk_colour(colour));
    paint.anti_alias = true;
    paint
}

/// A tiny-skia stroke; `sharp` keeps mitred corners (rectangles), otherwise joins and caps are round.
fn sk_stroke(stroke: &Stroke, sharp: bool) -> sk::Stroke {
    let dash = stroke
        .dash
        .filter(|&(dash, gap)| dash > 0.0 && gap >= 0.0)
        .and_then(|(dash, gap)| sk::StrokeDash::new(vec![dash, gap], 0.0));
    let round_cap = dash.is_none() && !sharp;
    sk::Stroke {
        width: stroke.width.max(0.0),
        miter_limit: 4.0,
        line_cap: if round_cap { sk::LineCap::Round } else { sk::LineCap::Butt },
        line_join: if sharp { sk::LineJoin::Miter } else { sk::LineJoin::Round },
        dash,
    }
}

/// Magic number for quarter circles as cubic Béziers.
const KAPPA: f32 = 0.552_284_8;

fn rounded_rect_path(rect: &Rect, radius: f32) -> Option<sk::Path> {
    let r = radius.min(rect.width / 2.0).min(rect.height / 2.0).max(0.0);
    if r <= 0.0 {
        let rect = sk::Rect::from_xywh(rect.x, rect.y, rect.width, rect.height)?;
        return Some(sk::PathBuilder::from_rect(rect));
    }
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.right(), rect.bottom());
    // Distance from a corner to the control points of its quarter circle.
    let k = r * (1.0 - KAPPA);
    let mut pb = sk::PathBuilder::new();
    pb.move_to(x0 + r, y0);
    pb.line_to(x1 - r, y0);
    pb.cubic_to(x1 - k, y0, x1, y0 + k, x1, y0 + r);
    pb.line_to(x1, y1 - r);
    pb.cubic_to(x1, y1 - k, x1 - k, y1, x1 - r, y1);
    pb.line_to(x0 + r, y1);
    pb.cubic_to(x0 + k, y1, x0, y1 - k, x0, y1 - r);
    pb.line_to(x0, y0 + r);
    pb.cubic_to(x0, y0 + k, x0 + k, y0, x0 + r, y0);
    pb.close();
    pb.finish()
}

fn cubic_path(from: Point, segments: &[Cubic], close: bool) -> Option<sk::Path> {
    let mut pb = sk::PathBuilder::new();
    pb.move_to(from.x, from.y);
    for s in segments {
        pb.cubic_to(s.c1.x, s.c1.y, s.c2.x, s.c2.y, s.to.x, s.to.y);
    }
    if close {
        pb.close();
    }
    pb.finish()
}

fn polyline_path(points: &[Point]) -> Option<sk::Path> {
    let (first, rest) = points.split_first()?;
    let mut pb = sk::PathBuilder::new();
    pb.move_to(first.x, first.y);
    for p in rest {
        pb.line_to(p.x, p.y);
    }
    pb.finish()
}

/// A glyph outline (points or pixels, y up) as a path in y-down space, shifted by `dx`, `dy`.
fn glyph_path(outline: &[PathCmd], dx: f32, dy: f32) -> Option<sk::Path> {
    let mut pb = sk::PathBuilder::new();
    for cmd in outline {
        match *cmd {
            PathCmd::MoveTo(x, y) => pb.move_to(x + dx, dy - y),
            PathCmd::LineTo(x, y) => pb.line_to(x + dx, dy - y),
            PathCmd::QuadTo(x1, y1, x, y) => pb.quad_to(x1 + dx, dy - y1, x + dx, dy - y),
            PathCmd::CurveTo(x1, y1, x2, y2, x, y) => {
                pb.cubic_to(x1 + dx, dy - y1, x2 + dx, dy - y2, x + dx, dy - y);
            }
            PathCmd::Close => pb.close(),
        }
    }
    pb.finish()
}

/// A glyph drawn once at one size and subpixel offset: coverage, and where its top-left pixel
/// lies from the glyph origin's pixel.
struct GlyphMask {
    left: i32,
    top: i32,
    width: u32,
    height: u32,
    coverage: Vec<u8>,
}

/// (face, glyph id, size in 1/16 px, subpixel offset in 1/4 px).
type GlyphKey = (Face, u32, u32, u8);

/// How a prepared shape is painted.
enum Fill {
    /// One colour.
    Solid(Colour),
    /// An image from the painter's cache, mapped onto the page by `image_to_px`.
    Image { key: ImageKey, image_to_px: sk::Transform },
}

/// A filled outline in page pixels, flattened to straight lines.
///
/// Shapes are flattened once in page space, before any band clips them: tiny-skia cuts curves at
/// the pixmap's edges and re-flattens the pieces, which would draw a curve slightly differently
/// on each side of a band boundary. Lines cut at a boundary stay where they were.
struct Shape {
    path: sk::Path,
    fill: Fill,
}

/// An item made ready to draw in any band.
enum Prepared {
    /// Outlines (fills, strokes, images, large glyphs).
    Shapes(Vec<Shape>),
    /// A text line drawn from cached glyph masks.
    Masked,
}

/// (image address, shrink factor).
type ImageKey = (usize, u32);

/// Flattening tolerance, in pixels.
const FLATTEN_TOLERANCE_PX: f32 = 0.05;

/// The path in page pixels with every curve replaced by lines.
fn flatten(path: &sk::Path, transform: sk::Transform) -> Option<sk::Path> {
    let path = path.clone().transform(transform)?;
    let mut pb = sk::PathBuilder::new();
    let mut last = sk::Point::zero();
    let steps = |m: f32| {
        // Wang's formula: segments needed to stay within the tolerance.
        let n = (m / FLATTEN_TOLERANCE_PX).sqrt().ceil();
        to_px(n.clamp(1.0, 1000.0))
    };
    for segment in path.segments() {
        match segment {
            sk::PathSegment::MoveTo(p) => {
                pb.move_to(p.x, p.y);
                last = p;
            }
            sk::PathSegment::LineTo(p) => {
                pb.line_to(p.x, p.y);
                last = p;
            }
            sk::PathSegment::QuadTo(ctrl, end) => {
                let count = steps(second_difference(last, ctrl, end) / 4.0);
                for step in 1..=count {
                    let (x, y) = quad_at(last, ctrl, end, step as f32 / count as f32);
                    pb.line_to(x, y);
                }
                last = end;
            }
            sk::PathSegment::CubicTo(ctrl1, ctrl2, end) => {
                let deviation =
                    second_difference(last, ctrl1, ctrl2).max(second_difference(ctrl1, ctrl2, end));
                let count = steps(0.75 * deviation);
                for step in 1..=count {
                    let (x, y) = cubic_at([last, ctrl1, ctrl2, end], step as f32 / count as f32);
                    pb.line_to(x, y);
                }
                last = end;
            }
            sk::PathSegment::Close => pb.close(),
        }
    }
    pb.finish()
}

/// `|a - 2b + c|`: how far a curve bends, for Wang's formula.
fn second_difference(a: sk::Point, b: sk::Point, c: sk::Point) -> f32 {
    (a.x - 2.0 * b.x + c.x).hypot(a.y - 2.0 * b.y + c.y)
}

fn quad_at(start: sk::Point, ctrl: sk::Point, end: sk::Point, t: f32) -> (f32, f32) {
    let u = 1.0 - t;
    let (w0, w1, w2) = (u * u, 2.0 * u * t, t * t);
    (w0 * start.x + w1 * ctrl.x + w2 * end.x, w0 * start.y + w1 * ctrl.y + w2 * end.y)
}

fn cubic_at(points: [sk::Point; 4], t: f32) -> (f32, f32) {
    let u = 1.0 - t;
    let weights = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    let x = points.iter().zip(weights).map(|(p, w)| p.x * w).sum();
    let y = points.iter().zip(weights).map(|(p, w)| p.y * w).sum();
    (x, y)
}

/// How far past an item's [bounds](Item::bounds) anti-aliasing may colour pixels, in pixels:
/// partial coverage reaches one pixel past an edge; the second keeps rounding safe.
const ANTI_ALIAS_PX: f32 = 2.0;

/// The painter's state for one render: transform, item extents and caches.
struct Painter<'a> {
    list: &'a DisplayList,
    map_to_px: sk::Transform,
    width: u32,
    height: u32,
    /// Vertical pixel extent of each item (top, bottom), `None` when it draws nothing.
    rows: Vec<Option<(f32, f32)>>,
    /// Items prepared for the bands they reach; dropped after their last band.
    prepared: Vec<Option<Prepared>>,
    // Looked up only, never iterated, so the maps' order cannot reach the output.
    glyphs: HashMap<GlyphKey, Option<GlyphMask>>,
    images: HashMap<ImageKey, Option<sk::Pixmap>>,
}

impl<'a> Painter<'a> {
    fn new(list: &'a DisplayList, map_to_px: sk::Transform, width: u32, height: u32) -> Self {
        let rows = list
            .items
            .iter()
            .map(|item| {
                let b = item.bounds();
                let top = b.y * map_to_px.sy + map_to_px.ty - ANTI_ALIAS_PX;
                let bottom = b.bottom() * map_to_px.sy + map_to_px.ty + ANTI_ALIAS_PX;
                Some((top, bottom))
            })
            .collect();
        let prepared = list.items.iter().map(|_| None).collect();
        Self {
            list,
            map_to_px,
            width,
            height,
            rows,
            prepared,
            glyphs: HashMap::new(),
            images: HashMap::new(),
        }
    }

    /// Draws the image band by band and hands each row (premultiplied RGBA) to `row_out`, top
    /// to bottom.
    /// Draws the image band by band and hands each band's rows (premultiplied RGBA) to
    /// `band_out`, top to bottom, until it returns false.
    fn paint_bands(
        &mut self,
        band_rows: u32,
        mut band_out: impl FnMut(&[u8]) -> bool,
    ) -> Result<(), PngError> {
        let band_rows = band_rows.clamp(1, self.height);
        let size_error = PngError::Size { width: self.width, height: self.height };
        let mut band = sk::Pixmap::new(self.width, band_rows).ok_or(size_error)?;
        let row_bytes = self.width as usize * 4;
        let mut top = 0;
        while top < self.height {
            let rows = band_rows.min(self.height - top);
            self.paint_band(&mut band, top);
            if !band_out(&band.data()[..rows as usize * row_bytes]) {
                break;
            }
            top += rows;
        }
        Ok(())
    }

    fn paint_band(&mut self, band: &mut sk::Pixmap, top: u32) {
        band.fill(sk_colour(self.list.background));
        let band_top = top as f32;
        let band_bottom = (top + band.height()) as f32;
        let list = self.list;
        for (index, item) in list.items.iter().enumerate() {
            let Some(Some((item_top, item_bottom))) = self.rows.get(index).copied() else {
                continue;
            };
            if item_bottom < band_top || item_top > band_bottom {
                continue;
            }
            let prepared = match self.prepared[index].take() {
                Some(prepared) => prepared,
                None => self.prepare(item),
            };
            self.paint_prepared(band, item, &prepared, top);
            // Keep it for the next band only if it reaches into it.
            if item_bottom >= band_bottom {
                self.prepared[index] = Some(prepared);
            }
        }
    }

    fn solid_shapes(&self, shapes: &mut Vec<Shape>, path: &sk::Path, colour: Colour) {
        if colour.a == 0 {
            return;
        }
        if let Some(path) = flatten(path, self.map_to_px) {
            shapes.push(Shape { path, fill: Fill::Solid(colour) });
        }
    }

    fn stroke_shapes(&self, shapes: &mut Vec<Shape>, path: &sk::Path, stroke: &Stroke, sharp: bool) {
        if stroke.width <= 0.0 || stroke.colour.a == 0 {
            return;
        }
        let mut sk_stroke = sk_stroke(stroke, sharp);
        let res_scale = sk::PathStroker::compute_resolution_scale(&self.map_to_px);
        let dashed = match sk_stroke.dash.take() {
            Some(dash) => path.dash(&dash, res_scale),
            None => Some(path.clone()),
        };
        let Some(outline) = dashed.and_then(|p| p.stroke(&sk_stroke, res_scale)) else { return };
        self.solid_shapes(shapes, &outline, stroke.colour);
    }

    /// Strokes, dashes and flattens an item in page pixels, or makes its image ready.
    fn prepare(&mut self, item: &Item) -> Prepared {
        let mut shapes = Vec::new();
        match item {
            Item::Rect { rect, radius, fill, stroke } => {
                if let Some(path) = rounded_rect_path(rect, *radius) {
                    if let Some(fill) = fill {
                        self.solid_shapes(&mut shapes, &path, *fill);
                    }
                    if let Some(stroke) = stroke {
                        self.stroke_shapes(&mut shapes, &path, stroke, *radius <= 0.0);
                    }
                }
            }
            Item::Line { points, stroke } => {
                if let Some(path) = polyline_path(points) {
                    self.stroke_shapes(&mut shapes, &path, stroke, false);
                }
            }
            Item::Curve { from, segments, stroke } => {
                if let Some(path) = cubic_path(*from, segments, false) {
                    self.stroke_shapes(&mut shapes, &path, stroke, false);
                }
            }
            Item::Area { from, segments, fill } => {
                if let Some(path) = cubic_path(*from, segments, true) {
                    self.solid_shapes(&mut shapes, &path, *fill);
                }
            }
            Item::Circle { center, radius, fill, stroke } => {
                if let Some(path) = sk::PathBuilder::from_circle(center.x, center.y, *radius) {
                    if let Some(fill) = fill {
                        self.solid_shapes(&mut shapes, &path, *fill);
                    }
                    if let Some(stroke) = stroke {
                        self.stroke_shapes(&mut shapes, &path, stroke, false);
                    }
                }
            }
            Item::Image { rect, image, clip } => self.prepare_image(&mut shapes, rect, image, *clip),
            Item::Text(line) => {
                if line.size * self.map_to_px.sx <= MAX_MASK_EM_PX {
                    return Prepared::Masked;
                }
                // Big titles: few glyphs, each larger than a cache entry is worth.
                for glyph in &line.glyphs {
                    let outline = Fonts::get().outline(glyph.face, glyph.id, line.size);
                    if let Some(path) = glyph_path(&outline, line.origin.x + glyph.x, line.origin.y - glyph.y)
                    {
                        self.solid_shapes(&mut shapes, &path, line.colour);
                    }
                }
            }
        }
        Prepared::Shapes(shapes)
    }

    fn prepare_image(&mut self, shapes: &mut Vec<Shape>, rect: &Rect, image: &Arc<Image>, clip: ImageClip) {
        let Some(sk_rect) = sk::Rect::from_xywh(rect.x, rect.y, rect.width, rect.height) else { return };
        let path = match clip {
            ImageClip::Rect => Some(sk::PathBuilder::from_rect(sk_rect)),
            ImageClip::Ellipse => sk::PathBuilder::from_oval(sk_rect),
        };
        let Some(path) = path.and_then(|p| flatten(&p, self.map_to_px)) else { return };
        // The image covers its box, centred, and the path cuts it to the box (or its ellipse).
        let drawn = image.cover_rect(*rect);
        // Shrink big photos by whole factors first: the bicubic filter alone would alias.
        let target_w = drawn.width * self.map_to_px.sx;
        let target_h = drawn.height * self.map_to_px.sy;
        let factor = (image.width as f32 / target_w.max(1.0)).min(image.height as f32 / target_h.max(1.0));
        let factor = to_px(factor.floor()).max(1);
        let key = (Arc::as_ptr(image) as usize, factor);
        let pixmap = self.images.entry(key).or_insert_with(|| image_pixmap(image, factor));
        let fill = match pixmap {
            Some(pixmap) => Fill::Image {
                key,
                image_to_px: sk::Transform::from_row(
                    drawn.width / pixmap.width() as f32,
                    0.0,
                    0.0,
                    drawn.height / pixmap.height() as f32,
                    drawn.x,
                    drawn.y,
                )
                .post_concat(self.map_to_px),
            },
            // Pixels that do not match the size: show where the picture should be.
            None => Fill::Solid(Colour::rgb(200, 200, 200)),
        };
        shapes.push(Shape { path, fill });
    }

    fn paint_prepared(&mut self, band: &mut sk::Pixmap, item: &Item, prepared: &Prepared, top: u32) {
        let to_band = sk::Transform::from_translate(0.0, -(top as f32));
        match (prepared, item) {
            (Prepared::Shapes(shapes), _) => {
                for shape in shapes {
                    let paint = match &shape.fill {
                        Fill::Solid(colour) => solid_paint(*colour),
                        Fill::Image { key, image_to_px } => {
                            let Some(Some(pixmap)) = self.images.get(key) else { continue };
                            sk::Paint {
                                shader: sk::Pattern::new(
                                    pixmap.as_ref(),
                                    sk::SpreadMode::Pad,
                                    sk::FilterQuality::Bicubic,
                                    1.0,
                                    *image_to_px,
                                ),
                                anti_alias: true,
                                ..sk::Paint::default()
                            }
                        }
                    };
                    band.fill_path(&shape.path, &paint, sk::FillRule::Winding, to_band, None);
                }
            }
            (Prepared::Masked, Item::Text(line)) => self.paint_text(band, line, top),
            (
                Prepared::Masked,
                Item::Rect { .. }
                | Item::Line { .. }
                | Item::Curve { .. }
                | Item::Area { .. }
                | Item::Circle { .. }
                | Item::Image { .. },
            ) => {}
        }
    }

    fn paint_text(&mut self, band: &mut sk::Pixmap, line: &TextLine, top: u32) {
        if line.colour.a == 0 {
            return;
        }
        let scale = self.map_to_px.sx;
        let em_px = line.size * scale;
        if em_px <= 0.0 {
            return;
        }
        let size_key = to_px(em_px * SIZE_STEPS_PER_PX).max(1);
        let band_top = i64::from(top);
        for glyph in &line.glyphs {
            // Page pixels first, then the band: a glyph lands on the same pixels in every band.
            let x = (line.origin.x + glyph.x) * scale + self.map_to_px.tx;
            let y = (line.origin.y - glyph.y) * self.map_to_px.sy + self.map_to_px.ty;
            let mut x_px = x.floor();
            let mut sub = to_px((x - x_px) * SUBPIXEL_STEPS as f32);
            if sub >= SUBPIXEL_STEPS {
                sub = 0;
                x_px += 1.0;
            }
            let sub = u8::try_from(sub).unwrap_or(0);
            let key = (glyph.face, glyph.id, size_key, sub);
            let mask = self.glyphs.entry(key).or_insert_with(|| glyph_mask(key));
            let Some(mask) = mask.as_ref() else { continue };
            let left = i64::from(to_i32(x_px)) + i64::from(mask.left);
            let top_in_band = i64::from(to_i32(y.round())) + i64::from(mask.top) - band_top;
            blend_mask(band, mask, left, top_in_band, line.colour);
        }
    }
}

/// Straight-alpha RGBA → a premultiplied pixmap, shrunk by `factor` with a box filter;
/// `None` when the pixels do not match the stated size.
fn image_pixmap(image: &Image, factor: u32) -> Option<sk::Pixmap> {
    let (w, h) = (image.width as usize, image.height as usize);
    if w == 0 || h == 0 || image.rgba.len() != w * h * 4 {
        return None;
    }
    let factor = factor.max(1) as usize;
    let (out_w, out_h) = (w.div_ceil(factor), h.div_ceil(factor));
    let mut data = vec![0_u8; out_w * out_h * 4];
    for oy in 0..out_h {
        for ox in 0..out_w {
            let mut sum = [0_u32; 4];
            let mut count = 0_u32;
            for y in oy * factor..((oy + 1) * factor).min(h) {
                for x in ox * factor..((ox + 1) * factor).min(w) {
                    let p = &image.rgba[(y * w + x) * 4..(y * w + x) * 4 + 4];
                    for c in 0..3 {
                        sum[c] += u32::from(mul255(p[c], p[3]));
                    }
                    sum[3] += u32::from(p[3]);
                    count += 1;
                }
            }
            let out = &mut data[(oy * out_w + ox) * 4..(oy * out_w + ox) * 4 + 4];
            for (o, s) in out.iter_mut().zip(sum) {
                *o = u8::try_from((s + count / 2) / count.max(1)).unwrap_or(255);
            }
        }
    }
    let size = sk::IntSize::from_wh(u32::try_from(out_w).ok()?, u32::try_from(out_h).ok()?)?;
    sk::Pixmap::from_vec(data, size)
}

/// Draws one glyph's coverage at `size_key / 16` px per em, shifted right by `sub / 4` px.
fn glyph_mask((face, id, size_key, sub): GlyphKey) -> Option<GlyphMask> {
    let em_px = size_key as f32 / SIZE_STEPS_PER_PX;
    let outline = Fonts::get().outline(face, id, em_px);
    let path = glyph_path(&outline, f32::from(sub) / SUBPIXEL_STEPS as f32, 0.0)?;
    let b = path.bounds();
    let left = to_i32(b.left().floor()) - 1;
    let top = to_i32(b.top().floor()) - 1;
    let right = to_i32(b.right().ceil()) + 1;
    let bottom = to_i32(b.bottom().ceil()) + 1;
    let width = u32::try_from(right - left).ok()?;
    let height = u32::try_from(bottom - top).ok()?;
    let mut mask = sk::Mask::new(width, height)?;
    mask.fill_path(
        &path,
        sk::FillRule::Winding,
        true,
        sk::Transform::from_translate(-(left as f32), -(top as f32)),
    );
    Some(GlyphMask { left, top, width, height, coverage: mask.take() })
}

/// Source-over of `colour` through `mask` at (`left`, `top`) in band pixels, clipped to the band.
fn blend_mask(band: &mut sk::Pixmap, mask: &GlyphMask, left: i64, top: i64, colour: Colour) {
    let band_w = i64::from(band.width());
    let band_h = i64::from(band.height());
    let x0 = left.max(0);
    let x1 = (left + i64::from(mask.width)).min(band_w);
    let y0 = top.max(0);
    let y1 = (top + i64::from(mask.height)).min(band_h);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let premultiplied =
        [mul255(colour.r, colour.a), mul255(colour.g, colour.a), mul255(colour.b, colour.a), colour.a];
    // All four bounds are inside the band and the mask here, so they fit in usize.
    let idx = |v: i64| usize::try_from(v).unwrap_or(0);
    let stride = idx(band_w) * 4;
    let data = band.data_mut();
    for y in y0..y1 {
        let mask_w = mask.width as usize;
        let mask_row = &mask.coverage[idx(y - top) * mask_w..][..mask_w];
        let row = &mut data[idx(y) * stride..][..stride];
        for x in x0..x1 {
            let coverage = mask_row[idx(x - left)];
            if coverage == 0 {
                continue;
            }
            let px = &mut row[idx(x) * 4..idx(x) * 4 + 4];
            let src_a = mul255(premultiplied[3], coverage);
            let keep = 255 - src_a;
            for (d, &s) in px.iter_mut().zip(&premultiplied) {
                *d = mul255(s, coverage).saturating_add(mul255(*d, keep));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mul255_rounds_exactly() {
        for a in 0..=255_u8 {
            for b in [0_u8, 1, 127, 128, 254, 255] {
                let exact = (u32::from(a) * u32::from(b) * 2 + 255) / 510;
                assert_eq!(u32::from(mul255(a, b)), exact, "{a} {b}");
            }
        }
    }

    fn mixed_list() -> DisplayList {
        use crate::text::FontStyle;
        let fonts = Fonts::get();
        let line = fonts.line("Bandes «\u{202f}été\u{202f}» 📱", FontStyle::Regular, 14.0);
        let blue = Colour::rgb(0x25, 0x63, 0xeb);
        DisplayList {
            width: 200.0,
            height: 120.0,
            background: Colour::rgb(250, 248, 244),
            items: vec![
                Item::Rect {
                    rect: Rect::new(5.5, 3.2, 120.0, 50.7),
                    radius: 9.0,
                    fill: Some(Colour::rgba(200, 220, 255, 180)),
                    stroke: Some(Stroke::dashed(1.3, blue, 4.0, 2.0)),
                },
                Item::Circle {
                    center: Point::new(150.0, 60.0),
                    radius: 33.3,
                    fill: Some(blue.with_alpha(90)),
                    stroke: None,
                },
                Item::Curve {
                    from: Point::new(0.0, 110.0),
                    segments: vec![Cubic {
                        c1: Point::new(60.0, 0.0),
                        c2: Point::new(140.0, 130.0),
                        to: Point::new(200.0, 20.0),
                    }],
                    stroke: Stroke::solid(2.2, blue),
                },
                Item::Text(TextLine::new(
                    &line,
                    Point::new(10.3, 77.7),
                    FontStyle::Regular,
                    14.0,
                    Colour::rgb(20, 20, 30),
                )),
            ],
            ..DisplayList::default()
        }
    }

    #[test]
    fn bands_give_the_same_pixels_as_one_whole_image() {
        // Lines cut at a band's edge move by a 64th of a pixel at most: a few pixels may differ
        // slightly, never a seam. (Before shapes were flattened in page space, curves differed by
        // up to 54 levels.)
        let list = mixed_list();
        let transform = sk::Transform::from_row(2.37, 0.0, 0.0, 2.37, 3.1, 7.9);
        let (w, h) = (480, 300);
        let whole = render_with(&list, transform, w, h, h);
        for band_rows in [1, 7, 64] {
            let banded = render_with(&list, transform, w, h, band_rows);
            let worst = whole.rgba.iter().zip(&banded.rgba).map(|(a, b)| a.abs_diff(*b)).max();
            let differing = whole.rgba.iter().zip(&banded.rgba).filter(|(a, b)| a != b).count();
            assert!(
                worst <= Some(16) && differing * 1000 < whole.rgba.len(),
                "{band_rows}: worst {worst:?}, {differing} bytes"
            );
        }
    }

    #[test]
    fn demultiply_undoes_premultiply() {
        for a in [1_u8, 64, 128, 200, 255] {
            for c in [0_u8, 10, 128, 255] {
                let back = demultiply(mul255(c, a), a);
                assert!(
                    (i32::from(back) - i32::from(c)).abs() <= i32::from(255 / a / 2 + 1),
                    "{a} {c} {back}"
                );
            }
        }
    }
}
