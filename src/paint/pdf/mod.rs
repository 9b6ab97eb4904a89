//! The PDF painter: a [`DisplayList`] as a vector PDF with embedded, subset fonts.
//!
//! Shapes stay vectors; colours with alpha go through graphics states (`ExtGState`); text is
//! written as the glyph ids the layout shaped, with each glyph's source text in the font's
//! `/ToUnicode` map and each line's text as `/ActualText`, so search, copy-paste and
//! `pdftotext` give back the map's words, accents and French spaces included.
//!
//! Three ways out: one page of the chosen paper (the poster scaled to fit and centred); the same
//! with bleed and crop marks for a print shop; or the poster at full size cut into tiles of a
//! small paper, with overlap, alignment marks and a label per page, for an office printer.
//!
//! Output is deterministic: resource names come from the content (never printpdf's counters),
//! there is no date, and the file identifier is a hash of the page contents.

mod content;

use crate::display::{Colour, Cubic, DisplayList, Image, ImageClip, Item, Point, Rect, Stroke, TextLine};
use crate::hash::Fnv;
use crate::paint::{PT_PER_MM, PageSetup, Paper};
use crate::text::{Face, FontStyle, Fonts};
use content::{Content, Paint, PathPoint};
use printpdf::{
    Codepoint, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Op, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, RawImage, RawImageData, RawImageFormat, TextItem, XObject,
    XObjectId,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Space the crop marks take outside the bleed on each side, in millimetres (a 3 mm gap, then a
/// 5 mm mark).
pub const CROP_MARK_SPACE_MM: f32 = 8.0;

/// Gap between the bleed edge and the start of a crop mark, in millimetres.
const CROP_MARK_GAP_MM: f32 = 3.0;

/// White margin around the printed area of every tile, in millimetres: office printers cannot
/// print to the edge, and the page label and cut marks live there.
pub const TILE_MARGIN_MM: f32 = 10.0;

/// The most tiles one export may make (an A0 poster on A4 needs 24 with a 10 mm overlap).
pub const MAX_TILES: usize = 400;

/// Largest bleed accepted, in millimetres.
const MAX_BLEED_MM: f32 = 25.0;

/// Circle-from-Béziers constant: the control distance for a quarter circle of radius 1.
const KAPPA: f32 = 0.552_284_8;

/// How a poster is exported to PDF.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PdfOptions {
    /// The paper, orientation and margin of the poster. With [`PdfOptions::tile`], the size the
    /// poster is printed at before being cut into tiles.
    pub page: PageSetup,
    /// Crop marks at the corners of the trimmed page, outside the bleed (for a print shop).
    pub crop_marks: bool,
    /// Bleed in millimetres: the page background runs this far past the trim edge, and the
    /// media box grows to hold it (0 for none).
    pub bleed_mm: f32,
    /// Cut the poster into pages of a smaller paper, for printers without large formats.
    pub tile: Option<Tiling>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        Self { page: PageSetup::default(), crop_marks: false, bleed_mm: 0.0, tile: None }
    }
}

impl PdfOptions {
    /// How far the media box reaches past the trimmed page on each side, in points: the bleed,
    /// plus [`CROP_MARK_SPACE_MM`] with crop marks.
    pub fn slug_pt(&self) -> f32 {
        let marks = if self.crop_marks { CROP_MARK_SPACE_MM } else { 0.0 };
        (self.bleed_mm.max(0.0) + marks) * PT_PER_MM
    }

    fn validate(&self) -> Result<(), PdfError> {
        if !self.bleed_mm.is_finite() || !(0.0..=MAX_BLEED_MM).contains(&self.bleed_mm) {
            return Err(PdfError::Options(format!(
                "the bleed must be between 0 and {MAX_BLEED_MM} mm (got {} mm)",
                self.bleed_mm
            )));
        }
        if let Some(tile) = self.tile {
            if self.crop_marks || self.bleed_mm > 0.0 {
                return Err(PdfError::Options(
                    "tiles have their own cut marks: leave out crop marks and bleed when tiling".to_owned(),
                ));
            }
            if !tile.overlap_mm.is_finite() || tile.overlap_mm < 0.0 {
                return Err(PdfError::Options(format!(
                    "the tile overlap must be 0 mm or more (got {} mm)",
                    tile.overlap_mm
                )));
            }
        }
        Ok(())
    }
}

/// Printing a large poster on small paper: the poster is laid out at [`PdfOptions::page`] size,
/// then cut into pages of `paper`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tiling {
    /// The paper the office printer takes (A4, Letter).
    pub paper: Paper,
    /// How much neighbouring tiles share, in millimetres, for gluing or taping them together.
    pub overlap_mm: f32,
}

impl Default for Tiling {
    fn default() -> Self {
        Self { paper: Paper::A4, overlap_mm: 10.0 }
    }
}

/// How a poster is cut into tiles: what [`plan_tiles`] decided.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TileGrid {
    /// Width of each tile page in points (after choosing the orientation).
    pub page_width: f32,
    /// Height of each tile page in points.
    pub page_height: f32,
    /// Rows of tiles, top to bottom.
    pub rows: usize,
    /// Columns of tiles, left to right.
    pub columns: usize,
    /// Shared strip between neighbours, in points.
    pub overlap_pt: f32,
    /// White margin around each tile's printed area, in points.
    pub margin_pt: f32,
}

impl TileGrid {
    /// Number of pages.
    pub fn pages(&self) -> usize {
        self.rows * self.columns
    }

    /// Width of the printed area of a tile, in points.
    fn content_width(&self) -> f32 {
        self.page_width - 2.0 * self.margin_pt
    }

    /// Height of the printed area of a tile, in points.
    fn content_height(&self) -> f32 {
        self.page_height - 2.0 * self.margin_pt
    }

    /// Horizontal distance between the starts of neighbouring tiles, in poster-page points.
    fn step_x(&self) -> f32 {
        self.content_width() - self.overlap_pt
    }

    /// Vertical distance between the starts of neighbouring tiles, in poster-page points.
    fn step_y(&self) -> f32 {
        self.content_height() - self.overlap_pt
    }
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The options do not make sense together.
    #[error("invalid PDF options: {0}")]
    Options(String),
    /// Tiling would need too many pages.
    #[error(
        "tiling this poster onto {paper} would need {pages} pages (at most {MAX_TILES}); choose a smaller poster size or a larger tile paper"
    )]
    TooManyTiles {
        /// The tile paper.
        paper: String,
        /// The pages it would take.
        pages: usize,
    },
    /// A bundled font could not be read for embedding.
    #[error("the bundled font {0} could not be read for the PDF; the program's files may be damaged")]
    Font(&'static str),
    /// An image's pixels do not match its size.
    #[error("image {key:?} has {len} bytes of pixels, but {width}×{height} RGBA needs {expected}")]
    Image {
        /// The image's key (its path in the map).
        key: String,
        /// Its width in pixels.
        width: u32,
        /// Its height in pixels.
        height: u32,
        /// Bytes it has.
        len: usize,
        /// Bytes it should have.
        expected: usize,
    },
    /// Writing the PDF structure failed.
    #[error("could not write the PDF ({0})")]
    Write(String),
}

/// Renders a display list as PDF bytes.
///
/// Without tiling: one page of `options.page`, the poster scaled to fit inside the margins and
/// centred; with bleed or crop marks the media box grows by [`PdfOptions::slug_pt`] on each
/// side, and the `TrimBox` and `BleedBox` say where to cut. With tiling: see [`plan_tiles`].
pub fn render_pdf(list: &DisplayList, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    options.validate()?;
    let mut doc = PdfDocument::new(&list.title);
    doc.metadata.info.author.clone_from(&list.author);
    "Parcours".clone_into(&mut doc.metadata.info.creator);
    concat!("Parcours ", env!("CARGO_PKG_VERSION"), " (printpdf)")
        .clone_into(&mut doc.metadata.info.producer);

    let mut page_labels = Vec::new();
    let mut boxes = Vec::new();
    let mut contents = Vec::new();
    let codes = match options.tile {
        None => {
            let fonts = FontPlan::new(list.text_lines())?;
            let mut res = Resources::new(doc, fonts);
            let (page, content, page_boxes) = single_page(list, options, &mut res)?;
            boxes.push(page_boxes);
            contents.push(content);
            let codes = res.codes.clone();
            doc = res.into_doc(vec![page]);
            codes
        }
        Some(tiling) => {
            let grid = plan_tiles(list, &options.page, &tiling)?;
            let tiles = tile_specs(list, options, &tiling, &grid);
            let fonts = FontPlan::new(list.text_lines().chain(tiles.iter().map(|t| &t.label)))?;
            let mut res = Resources::new(doc, fonts);
            let mut pages = Vec::with_capacity(tiles.len());
            for tile in &tiles {
                let (page, content) = tile_page(list, &options.page, &grid, tile, &mut res)?;
                pages.push(page);
                contents.push(content);
                page_labels.push(tile.name.clone());
            }
            let codes = res.codes.clone();
            doc = res.into_doc(pages);
            codes
        }
    };
    finish(&doc, list, &page_labels, &boxes, contents, &codes)
}

/// Decides how a poster printed on `page` is cut into tiles of `tiling.paper`: each tile prints
/// an area [`TILE_MARGIN_MM`] inside its edges, neighbours share `overlap_mm`, and the tile
/// orientation that needs fewer pages wins (portrait on a tie). Only the poster itself is
/// tiled, not the white margins of the large page.
pub fn plan_tiles(list: &DisplayList, page: &PageSetup, tiling: &Tiling) -> Result<TileGrid, PdfError> {
    let placement = page.place(list);
    let poster_w = (list.width * placement.scale).max(1.0);
    let poster_h = (list.height * placement.scale).max(1.0);
    let (w, h) = tiling.paper.size_pt();
    let (short, long) = (w.min(h), w.max(h));
    let margin_pt = TILE_MARGIN_MM * PT_PER_MM;
    let overlap_pt = tiling.overlap_mm * PT_PER_MM;
    let count = |content: f32, length: f32| -> usize {
        let step = content - overlap_pt;
        if length <= content {
            return 1;
        }
        let n = ((length - overlap_pt) / step - 1e-4).ceil().max(1.0);
        // Bounded by MAX_TILES below; the float is a small positive whole number here.
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "small positive count")]
        let n = n.min(1e6) as usize;
        n
    };
    let grid_for = |page_width: f32, page_height: f32| -> Result<TileGrid, PdfError> {
        let content_w = page_width - 2.0 * margin_pt;
        let content_h = page_height - 2.0 * margin_pt;
        if overlap_pt * 2.0 >= content_w.min(content_h) - 10.0 * PT_PER_MM {
            return Err(PdfError::Options(format!(
                "an overlap of {} mm is too large for {} tiles",
                tiling.overlap_mm, tiling.paper
            )));
        }
        Ok(TileGrid {
            page_width,
            page_height,
            rows: count(content_h, poster_h),
            columns: count(content_w, poster_w),
            overlap_pt,
            margin_pt,
        })
    };
    let portrait = grid_for(short, long)?;
    let landscape = grid_for(long, short)?;
    let grid = if landscape.pages() < portrait.pages() { landscape } else { portrait };
    if grid.pages() > MAX_TILES {
        return Err(PdfError::TooManyTiles { paper: tiling.paper.name(), pages: grid.pages() });
    }
    Ok(grid)
}

// ---------------------------------------------------------------------------------------------
// Pages

/// Where a print shop cuts a page, in PDF coordinates (lower-left x, y, upper-right x, y).
#[derive(Clone, Copy, Debug)]
struct PageBoxes {
    trim: [f32; 4],
    bleed: [f32; 4],
}

/// The one page of an untiled export, and its trim and bleed boxes when they differ from the
/// media box.
fn single_page(
    list: &DisplayList,
    options: &PdfOptions,
    res: &mut Resources,
) -> Result<(PdfPage, Vec<u8>, Option<PageBoxes>), PdfError> {
    let placement = options.page.place(list);
    let slug = options.slug_pt();
    let bleed = options.bleed_mm * PT_PER_MM;
    let (trim_w, trim_h) = (placement.page_width, placement.page_height);
    let (page_w, page_h) = (trim_w + 2.0 * slug, trim_h + 2.0 * slug);

    let mut p = Painter::new(res, page_h);
    let bleed_rect = Rect::new(slug - bleed, slug - bleed, trim_w + 2.0 * bleed, trim_h + 2.0 * bleed);
    if bleed > 0.0 {
        // The background runs into the bleed so no white edge shows after trimming.
        p.fill_rect(bleed_rect, list.background);
    }
    let frame = MapFrame {
        origin_x: slug + placement.offset_x,
        origin_top: slug + placement.offset_y,
        scale: placement.scale,
    };
    p.paint_map(list, frame, page_h, bleed <= 0.0, None)?;
    if options.crop_marks {
        p.crop_marks(Rect::new(slug, slug, trim_w, trim_h), bleed);
    }
    let content = p.finish();

    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), Vec::new());
    page.media_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    page.crop_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    // printpdf 0.12.8 writes boxes as [x y width height] where PDF wants two corners, which is
    // only right at the origin: offset boxes are set after serialisation (see `finish`).
    page.trim_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    // In PDF coordinates (y up); the boxes are centred, so flipping changes nothing.
    let boxes = (slug > 0.0).then(|| PageBoxes {
        trim: [slug, slug, slug + trim_w, slug + trim_h],
        bleed: [bleed_rect.x, bleed_rect.y, bleed_rect.right(), bleed_rect.bottom()],
    });
    Ok((page, content, boxes))
}

/// One tile of a tiled export: where it sits and what its label says.
struct TileSpec {
    /// Row, from 0 at the top.
    row: usize,
    /// Column, from 0 at the left.
    column: usize,
    /// The short name (`B2`), also the PDF page label.
    name: String,
    /// The label line, positioned in the tile's bottom margin (page coordinates, y down).
    label: TextLine,
}

/// `A`, `B`, … `Z`, `AA`, … for row `index` (from 0).
fn row_name(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26, so the byte stays within A..=Z.
        #[expect(clippy::cast_possible_truncation, reason = "rem < 26")]
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn tile_specs(list: &DisplayList, options: &PdfOptions, tiling: &Tiling, grid: &TileGrid) -> Vec<TileSpec> {
    let fonts = Fonts::get();
    let size = 7.0;
    let title: String = list.title.chars().take(60).collect();
    let mut specs = Vec::with_capacity(grid.pages());
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            let name = format!("{}{}", row_name(row), column + 1);
            let title_part = if title.is_empty() { String::new() } else { format!(" · {title}") };
            let text = format!(
                "{name} — row {} of {}, column {} of {}{title_part} · {} poster on {} {} pages, {} mm overlap: cut along the marks",
                row + 1,
                grid.rows,
                column + 1,
                grid.columns,
                options.page.paper,
                grid.pages(),
                tiling.paper,
                tiling.overlap_mm
            );
            let shaped = fonts.line(&text, FontStyle::Regular, size);
            let label = TextLine::new(
                &shaped,
                Point::new(grid.margin_pt, grid.page_height - grid.margin_pt * 0.35),
                FontStyle::Regular,
                size,
                Colour::rgb(64, 64, 64),
            );
            specs.push(TileSpec { row, column, name, label });
        }
    }
    specs
}

fn tile_page(
    list: &DisplayList,
    poster_page: &PageSetup,
    grid: &TileGrid,
    tile: &TileSpec,
    res: &mut Resources,
) -> Result<(PdfPage, Vec<u8>), PdfError> {
    let (page_w, page_h) = (grid.page_width, grid.page_height);
    let (m, cw, ch) = (grid.margin_pt, grid.content_width(), grid.content_height());
    // Poster-space (poster at full size, origin at its top-left) start of this tile's area.
    let x0 = tile.column as f32 * grid.step_x();
    let y0 = tile.row as f32 * grid.step_y();
    // Page points per map point with the poster at full size.
    let scale = poster_page.place(list).scale;
    let (poster_w, poster_h) = (list.width * scale, list.height * scale);

    let mut p = Painter::new(res, page_h);
    // What of the poster this tile shows, in page coordinates.
    let content = Rect::new(m, m, cw, ch);
    let poster_on_page = Rect::new(m - x0, m - y0, poster_w, poster_h);
    let visible = intersect(content, poster_on_page);
    let frame = MapFrame { origin_x: m - x0, origin_top: m - y0, scale };
    if let Some(visible) = visible {
        let visible_map = Rect::new(
            (visible.x - frame.origin_x) / scale,
            (visible.y - frame.origin_top) / scale,
            visible.width / scale,
            visible.height / scale,
        );
        let saved = p.save();
        p.clip(&rect_path(&p, visible, 0.0));
        p.paint_map(list, frame, page_h, true, Some(visible_map))?;
        p.tile_crosshairs(grid, (x0, y0), (poster_w, poster_h));
        p.restore(saved);
    }
    p.tile_ticks(grid, (x0, y0), (poster_w, poster_h));
    p.text(&tile.label);
    let content = p.finish();

    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), Vec::new());
    page.media_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    page.crop_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    page.trim_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    Ok((page, content))
}

fn intersect(a: Rect, b: Rect) -> Option<Rect> {
    let x = a.x.max(b.x);
    let y = a.y.max(b.y);
    let right = a.right().min(b.right());
    let bottom = a.bottom().min(b.bottom());
    (right > x && bottom > y).then(|| Rect::new(x, y, right - x, bottom - y))
}

/// The internal cut lines of a grid along one axis, in poster points: the middle of each
/// overlap strip.
fn cut_lines(count: usize, step: f32, overlap: f32) -> Vec<f32> {
    (1..count).map(|k| k as f32 * step + overlap / 2.0).collect()
}

// ---------------------------------------------------------------------------------------------
// Resources: fonts, alpha states, images

/// Which glyphs of which faces the document uses, and the text each one stands for.
struct FontPlan {
    /// (face, glyph id) → the characters it shows, from its first use (for `/ToUnicode`).
    text_of: BTreeMap<(Face, u16), String>,
}

impl FontPlan {
    fn new<'a>(lines: impl Iterator<Item = &'a TextLine>) -> Result<Self, PdfError> {
        let mut text_of = BTreeMap::new();
        let mut clusters = Vec::new();
        for line in lines {
            clusters.clear();
            clusters.extend(line.glyphs.iter().map(|g| g.cluster as usize));
            clusters.sort_unstable();
            clusters.dedup();
            let mut previous_cluster = None;
            for glyph in &line.glyphs {
                let Ok(gid) = u16::try_from(glyph.id) else { continue };
                let start = glyph.cluster as usize;
                let first_of_cluster = previous_cluster != Some(start);
                previous_cluster = Some(start);
                let entry = text_of.entry((glyph.face, gid));
                if !first_of_cluster {
                    // A mark or the second glyph of a cluster: the first glyph carries the text.
                    entry.or_insert_with(String::new);
                    continue;
                }
                // `clusters` is sorted: a binary search keeps long lines linear.
                let end = clusters.get(clusters.partition_point(|&c| c <= start)).copied();
                let end = end.unwrap_or(line.text.len());
                let text = line.text.get(start..end).unwrap_or_default();
                match entry {
                    std::collections::btree_map::Entry::Occupied(mut known) if known.get().is_empty() => {
                        known.insert(text.to_owned());
                    }
                    std::collections::btree_map::Entry::Occupied(_) => {}
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(text.to_owned());
                    }
                }
            }
        }
        // Fail early if a used face cannot be parsed.
        let mut faces: Vec<Face> = text_of.keys().map(|(face, _)| *face).collect();
        faces.dedup();
        for face in faces {
            parsed_font(face)?;
        }
        Ok(Self { text_of })
    }

    /// The code each used glyph has in the embedded subset font: printpdf's subsetter renumbers
    /// the glyphs by their place in `[.notdef, used glyphs in ascending id]`, and the content
    /// stream must show those codes. `finish` checks them against what printpdf wrote.
    fn codes(&self) -> BTreeMap<(Face, u16), u16> {
        let mut codes = BTreeMap::new();
        let mut next: BTreeMap<Face, u16> = BTreeMap::new();
        for &(face, gid) in self.text_of.keys() {
            let code = if gid == 0 {
                0
            } else {
                let n = next.entry(face).or_insert(1);
                let code = *n;
                *n = n.saturating_add(1);
                code
            };
            codes.insert((face, gid), code);
        }
        codes
    }

    /// Operations showing each used glyph once, with its text: what printpdf reads to subset
    /// the fonts and write their `/ToUnicode` maps. They end up in no page: `finish` replaces
    /// the page's content with the painter's.
    fn usage_ops(&self, font_ids: &BTreeMap<Face, FontId>) -> Vec<Op> {
        let mut ops = Vec::new();
        for face in self.faces() {
            let Some(font) = font_ids.get(&face) else { continue };
            let glyphs = self
                .text_of
                .iter()
                .filter(|((f, _), _)| *f == face)
                .map(|(&(_, gid), text)| Codepoint {
                    gid,
                    offset: 0.0,
                    cid: (!text.is_empty()).then(|| text.clone()),
                })
                .collect();
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(1.0) });
            ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
            ops.push(Op::EndTextSection);
        }
        ops
    }

    /// The faces used, in a fixed order.
    fn faces(&self) -> Vec<Face> {
        let mut faces: Vec<Face> = self.text_of.keys().map(|(face, _)| *face).collect();
        faces.dedup();
        faces
    }

    /// A six-letter subset tag for a face, from the glyphs used (stable for the same content,
    /// different for different subsets, as ISO 32000 asks).
    fn subset_tag(&self, face: Face) -> String {
        let mut hash = Fnv::new();
        hash.write(face.key().as_bytes());
        for (_, gid) in self.text_of.keys().filter(|(f, _)| *f == face) {
            hash.write(&gid.to_be_bytes());
        }
        let mut h = hash.finish();
        (0..6)
            .map(|_| {
                let c = char::from(b'A' + u8::try_from(h % 26).unwrap_or(0));
                h /= 26;
                c
            })
            .collect()
    }
}

/// A glyph's advance as the PDF viewer will take it, in em: the `/W` width printpdf writes
/// (thousandths of an em, truncated).
fn advance_em(face: Face, gid: u16) -> f32 {
    let Ok(font) = parsed_font(face) else { return 0.0 };
    let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    let advance = f32::from(font.get_horizontal_advance(gid));
    (advance * 1000.0 / units_per_em).trunc() / 1000.0
}

/// The bundled face parsed by printpdf, once per process.
fn parsed_font(face: Face) -> Result<&'static ParsedFont, PdfError> {
    static PARSED: [OnceLock<Option<ParsedFont>>; 6] = [const { OnceLock::new() }; 6];
    let index = Face::ALL.iter().position(|&f| f == face).unwrap_or(0);
    let cell = PARSED.get(index).ok_or(PdfError::Font(face.key()))?;
    cell.get_or_init(|| ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()))
        .as_ref()
        .ok_or(PdfError::Font(face.key()))
}

/// The document being built and the named resources its pages share.
struct Resources {
    doc: PdfDocument,
    fonts: FontPlan,
    font_ids: BTreeMap<Face, FontId>,
    /// Each used glyph's code in its subset font ([`FontPlan::codes`]).
    codes: BTreeMap<(Face, u16), u16>,
    /// (true for fill / false for stroke, alpha) → graphics state.
    alphas: BTreeMap<(bool, u8), ExtendedGraphicsStateId>,
    /// Image key → image `XObject`.
    images: BTreeMap<String, XObjectId>,
}

impl Resources {
    fn new(mut doc: PdfDocument, fonts: FontPlan) -> Self {
        let mut font_ids = BTreeMap::new();
        for face in fonts.faces() {
            // Checked in FontPlan::new; a face that fails here is simply not embedded.
            if let Ok(parsed) = parsed_font(face) {
                let id = FontId(fonts.subset_tag(face));
                doc.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed.clone()));
                font_ids.insert(face, id);
            }
        }
        let codes = fonts.codes();
        Self { doc, fonts, font_ids, codes, alphas: BTreeMap::new(), images: BTreeMap::new() }
    }

    /// The document with its pages; the first carries the glyph-usage operations printpdf
    /// subsets the fonts from (see [`FontPlan::usage_ops`]).
    fn into_doc(mut self, mut pages: Vec<PdfPage>) -> PdfDocument {
        if let Some(first) = pages.first_mut() {
            first.ops = self.fonts.usage_ops(&self.font_ids);
        }
        self.doc.pages = pages;
        self.doc
    }

    fn alpha(&mut self, fill: bool, alpha: u8) -> ExtendedGraphicsStateId {
        let doc = &mut self.doc;
        self.alphas
            .entry((fill, alpha))
            .or_insert_with(|| {
                let id = ExtendedGraphicsStateId(format!("{}{alpha}", if fill { "Fa" } else { "Sa" }));
                let value = f32::from(alpha) / 255.0;
                let state = if fill {
                    ExtendedGraphicsState::default().with_current_fill_alpha(value)
                } else {
                    ExtendedGraphicsState::default().with_current_stroke_alpha(value)
                };
                doc.resources.extgstates.map.insert(id.clone(), state);
                id
            })
            .clone()
    }

    fn image(&mut self, image: &Image) -> Result<XObjectId, PdfError> {
        if let Some(id) = self.images.get(&image.key) {
            return Ok(id.clone());
        }
        let (w, h) = (image.width as usize, image.height as usize);
        let expected = w * h * 4;
        if w == 0 || h == 0 || image.rgba.len() != expected {
            return Err(PdfError::Image {
                key: image.key.clone(),
                width: image.width,
                height: image.height,
                len: image.rgba.len(),
                expected,
            });
        }
        let opaque = image.rgba.chunks_exact(4).all(|px| px[3] == 255);
        let (pixels, data_format) = if opaque {
            let rgb = image.rgba.chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]).collect();
            (rgb, RawImageFormat::RGB8)
        } else {
            (image.rgba.clone(), RawImageFormat::RGBA8)
        };
        let raw =
            RawImage { pixels: RawImageData::U8(pixels), width: w, height: h, data_format, tag: Vec::new() };
        let id = XObjectId(format!("Im{}", self.images.len() + 1));
        self.doc.resources.xobjects.map.insert(id.clone(), XObject::Image(raw));
        self.images.insert(image.key.clone(), id.clone());
        Ok(id)
    }
}

// ---------------------------------------------------------------------------------------------
// The painter: display-list items to printpdf operations

/// Where the map lands on a page: page (x, y down) = origin + map × scale.
#[derive(Clone, Copy, Debug)]
struct MapFrame {
    origin_x: f32,
    origin_top: f32,
    scale: f32,
}

/// The parts of the graphics state the painter sets, to skip repeated operators.
#[derive(Clone, Copy, Debug, PartialEq)]
struct State {
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
struct Painter<'r> {
    res: &'r mut Resources,
    out: Content,
    /// Height of the current coordinate space: PDF y = flip − y.
    flip: f32,
    state: State,
}

/// A colour as three components from 0 to 1.
fn rgb(c: Colour) -> [f32; 3] {
    // Three decimals tell 256 levels apart and keep the content stream short.
    let unit = |v: u8| (f32::from(v) / 255.0 * 1000.0).round() / 1000.0;
    [unit(c.r), unit(c.g), unit(c.b)]
}

/// Coordinates are written to 1/100 of a point of the current space (under a tenth of a
/// millimetre on an A0 poster): shorter numbers make the stream smaller and faster to write.
fn hundredths(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

impl<'r> Painter<'r> {
    fn new(res: &'r mut Resources, page_height: f32) -> Self {
        let mut out = Content::new();
        // Round line joins.
        out.op(&[1.0], "j");
        Self { res, out, flip: page_height, state: State::INITIAL }
    }

    fn finish(self) -> Vec<u8> {
        self.out.finish()
    }

    fn save(&mut self) -> (State, f32) {
        self.out.op(&[], "q");
        (self.state, self.flip)
    }

    fn restore(&mut self, (state, flip): (State, f32)) {
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

    fn clip(&mut self, points: &[PathPoint]) {
        self.polygon(points, Paint::Clip);
    }

    fn fill_rect(&mut self, rect: Rect, colour: Colour) {
        let path = rect_path(self, rect, 0.0);
        self.shape(&path, Some(colour), None);
    }

    /// Paints the display list in `frame`, clipped to the map. `culling` (map space) skips
    /// items wholly outside it.
    fn paint_map(
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
        if fill_background {
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
        match clip {
            ImageClip::Rect => {}
            ImageClip::Ellipse => {
                let c = rect.center();
                let path = ellipse_path(self, c, rect.width / 2.0, rect.height / 2.0);
                self.clip(&path);
            }
        }
        // The image fills the unit square; stretch it over the box (y up: its bottom edge).
        let bottom = self.flip - rect.bottom();
        self.out.op(&[rect.width, 0.0, 0.0, rect.height, rect.x, bottom], "cm");
        self.out.name(&id.0);
        self.out.op(&[], "Do");
        self.restore(saved);
        Ok(())
    }

    /// One line of shaped text, in an `/ActualText` span with its characters. Each run of one
    /// face on one baseline is a single `TJ`: a glyph's advance in the font moves the pen, and a
    /// kern number moves it on to where the layout put the next glyph (kerning, thin spaces).
    fn text(&mut self, line: &TextLine) {
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
    fn crop_marks(&mut self, trim: Rect, bleed: f32) {
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
    fn tile_ticks(&mut self, grid: &TileGrid, (x0, y0): (f32, f32), (poster_w, poster_h): (f32, f32)) {
        let stroke = Stroke::solid(0.5, Colour::rgb(0, 0, 0));
        let (m, cw, ch) = (grid.margin_pt, grid.content_width(), grid.content_height());
        let (gap, len) = (1.5 * PT_PER_MM, 5.0 * PT_PER_MM);
        for x in cut_lines(grid.columns, grid.step_x(), grid.overlap_pt) {
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
        for y in cut_lines(grid.rows, grid.step_y(), grid.overlap_pt) {
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
    fn tile_crosshairs(&mut self, grid: &TileGrid, (x0, y0): (f32, f32), (poster_w, poster_h): (f32, f32)) {
        let verticals = cut_lines(grid.columns, grid.step_x(), grid.overlap_pt);
        let horizontals = cut_lines(grid.rows, grid.step_y(), grid.overlap_pt);
        // Middles of each row and column (within the poster), where a single cut line gets a mark.
        let row_middles: Vec<f32> = (0..grid.rows)
            .map(|r| {
                let top = r as f32 * grid.step_y();
                f32::midpoint(top, (top + grid.content_height()).min(poster_h))
            })
            .collect();
        let column_middles: Vec<f32> = (0..grid.columns)
            .map(|c| {
                let left = c as f32 * grid.step_x();
                f32::midpoint(left, (left + grid.content_width()).min(poster_w))
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
fn rect_path(painter: &Painter<'_>, rect: Rect, radius: f32) -> Vec<PathPoint> {
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
fn ellipse_path(p: &Painter<'_>, c: Point, rx: f32, ry: f32) -> Vec<PathPoint> {
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
fn cubic_path(p: &Painter<'_>, from: Point, segments: &[Cubic]) -> Vec<PathPoint> {
    let mut path = Vec::with_capacity(1 + segments.len() * 3);
    path.push(p.pt(from.x, from.y));
    for s in segments {
        path.push(p.ctl(s.c1.x, s.c1.y));
        path.push(p.ctl(s.c2.x, s.c2.y));
        path.push(p.pt(s.to.x, s.to.y));
    }
    path
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Compresses every stream not compressed yet. lopdf's `compress` uses zlib's best level, which
/// took a third of the export time; see [`PDF_COMPRESSION_LEVEL`] for the trade-off.
fn compress_streams(doc: &mut lopdf::Document) -> Result<(), PdfError> {
    use std::io::Write as _;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 4),
            flate2::Compression::new(PDF_COMPRESSION_LEVEL),
        );
        encoder.write_all(&stream.content).map_err(|e| PdfError::Write(e.to_string()))?;
        let compressed = encoder.finish().map_err(|e| PdfError::Write(e.to_string()))?;
        if compressed.len() + 20 < stream.content.len() {
            stream.dict.set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
    Ok(())
}

/// Replaces each page's content stream (printpdf's, which only shows the used glyphs for font
/// subsetting) by the painter's, after checking that printpdf gave the glyphs the codes the
/// painter wrote.
fn put_contents(
    lo: &mut lopdf::Document,
    contents: Vec<Vec<u8>>,
    codes: &BTreeMap<(Face, u16), u16>,
) -> Result<(), PdfError> {
    use lopdf::Object;
    let write = |what: &str| PdfError::Write(what.to_owned());
    let streams: Vec<lopdf::ObjectId> = lo
        .get_pages()
        .values()
        .map(|page| {
            lo.get_dictionary(*page)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(|e| PdfError::Write(e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    if streams.len() != contents.len() {
        return Err(write("printpdf wrote a different number of pages"));
    }
    if let Some(first) = streams.first() {
        let stream = lo.get_object(*first).and_then(Object::as_stream).map_err(|e| write(&e.to_string()))?;
        let usage = lopdf::content::Content::decode(&stream.content).map_err(|e| write(&e.to_string()))?;
        let mut shown: Vec<u16> = Vec::with_capacity(codes.len());
        for operation in usage.operations.iter().filter(|o| o.operator == "TJ" || o.operator == "Tj") {
            let strings = match operation.operands.first() {
                Some(Object::Array(items)) => items.iter().collect::<Vec<_>>(),
                Some(item) => vec![item],
                None => Vec::new(),
            };
            for item in strings {
                if let Object::String(bytes, _) = item {
                    shown.extend(bytes.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])));
                }
            }
        }
        if !shown.iter().copied().eq(codes.values().copied()) {
            return Err(write(
                "printpdf numbered the glyphs of the subset fonts differently than expected, so the text would show wrong letters",
            ));
        }
    }
    for (id, content) in streams.into_iter().zip(contents) {
        let stream = lo
            .get_object_mut(id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        stream.set_content(content);
    }
    Ok(())
}

/// zlib level for the PDF's streams (0–9). On the 600-card map's 1.3 MB content stream, level 3
/// gives 211 KB in about a third of level 6's time (172 KB); level 9 saves only 3 KB more.
const PDF_COMPRESSION_LEVEL: u32 = 3;

/// Serialises through lopdf, then sets what printpdf does not: PDF 1.7 (transparency), the
/// language, the bleed boxes, page labels, a deterministic identifier and no dates.
fn finish(
    doc: &PdfDocument,
    list: &DisplayList,
    page_labels: &[String],
    boxes: &[Option<PageBoxes>],
    contents: Vec<Vec<u8>>,
    codes: &BTreeMap<(Face, u16), u16>,
) -> Result<Vec<u8>, PdfError> {
    use lopdf::{Dictionary, Object, StringFormat};
    let save = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    "1.7".clone_into(&mut lo.version);
    put_contents(&mut lo, contents, codes)?;

    let text = |s: &str| {
        let mut data = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            data.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(data, StringFormat::Hexadecimal)
    };

    // The identifier: a hash of every page's content, so the same poster gives the same file.
    let mut hash = Fnv::new();
    let pages = lo.get_pages();
    for (index, page_id) in pages.values().enumerate() {
        let Ok(page) = lo.get_dictionary(*page_id) else { continue };
        if let Ok(contents) = page.get(b"Contents").and_then(Object::as_reference)
            && let Ok(stream) = lo.get_object(contents).and_then(Object::as_stream)
        {
            hash.write(&stream.content);
        }
        if let Some(Some(page_boxes)) = boxes.get(index).copied()
            && let Ok(page) = lo.get_object_mut(*page_id).and_then(Object::as_dict_mut)
        {
            let array = |corners: [f32; 4]| Object::Array(corners.into_iter().map(Object::Real).collect());
            page.set("TrimBox", array(page_boxes.trim));
            page.set("BleedBox", array(page_boxes.bleed));
        }
    }
    hash.write(list.title.as_bytes());
    hash.write(list.author.as_bytes());
    let first = hash.finish();
    hash.write(b"parcours");
    let id: Vec<u8> = first.to_be_bytes().into_iter().chain(hash.finish().to_be_bytes()).collect();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );

    // Document information: title and author, no dates or empty PDF/X leftovers.
    if let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(dict) = lo.get_object_mut(info).and_then(Object::as_dict_mut)
    {
        for key in
            ["CreationDate", "ModDate", "GTS_PDFXVersion", "Identifier", "Subject", "Keywords", "Trapped"]
        {
            dict.remove(key.as_bytes());
        }
        if list.title.is_empty() {
            dict.remove(b"Title");
        }
        if list.author.is_empty() {
            dict.remove(b"Author");
        }
    }

    let catalog = lo.catalog_mut().map_err(|e| PdfError::Write(e.to_string()))?;
    if !list.language.is_empty() {
        catalog.set("Lang", Object::string_literal(list.language.as_str()));
    }
    if !list.title.is_empty() {
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
    }
    if !page_labels.is_empty() {
        let mut nums = Vec::with_capacity(page_labels.len() * 2);
        for (index, label) in page_labels.iter().enumerate() {
            nums.push(Object::Integer(i64::try_from(index).unwrap_or(i64::MAX)));
            nums.push(Object::Dictionary(Dictionary::from_iter(vec![("P", text(label))])));
        }
        catalog.set("PageLabels", Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    }

    compress_streams(&mut lo)?;
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, style: FontStyle, size: f32) -> TextLine {
        let shaped = Fonts::get().line(text, style, size);
        TextLine::new(&shaped, Point::new(10.0, 20.0), style, size, Colour::rgb(0, 0, 0))
    }

    #[test]
    fn rows_are_lettered_like_spreadsheet_columns() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52].into_iter().map(row_name).collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
    }

    #[test]
    fn cut_lines_sit_in_the_middle_of_each_overlap() {
        // Tiles 100 wide, 10 overlap: tile k starts at 90 k; the overlap with tile k+1 is
        // [90 (k+1), 90 (k+1) + 10], middle 95, 185.
        assert_eq!(cut_lines(3, 90.0, 10.0), [95.0, 185.0]);
        assert!(cut_lines(1, 90.0, 10.0).is_empty());
    }

    #[test]
    fn each_glyph_carries_the_text_of_its_cluster() {
        // Ligatures (fi, ff) and accents: joining the text of each cluster's first glyph gives
        // back the line.
        for text in ["Office fichier éléphant", "Découverte œuvre « à cœur »", "Appel 📱 puis ★★★"]
        {
            let l = line(text, FontStyle::Regular, 10.0);
            let plan = FontPlan::new(std::iter::once(&l)).unwrap();
            let mut joined = String::new();
            let mut previous = None;
            for g in &l.glyphs {
                if previous == Some(g.cluster) {
                    continue;
                }
                previous = Some(g.cluster);
                joined.push_str(&plan.text_of[&(g.face, u16::try_from(g.id).unwrap())]);
            }
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_content() {
        let a = FontPlan::new(std::iter::once(&line("Parcours", FontStyle::Bold, 10.0))).unwrap();
        let b = FontPlan::new(std::iter::once(&line("Parcours client", FontStyle::Bold, 10.0))).unwrap();
        let tag = a.subset_tag(Face::Bold);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(tag, a.subset_tag(Face::Bold));
        assert_ne!(tag, b.subset_tag(Face::Bold));
        assert_eq!(a.faces(), [Face::Bold]);
    }

    #[test]
    fn a_radius_larger_than_the_rectangle_makes_a_pill() {
        let fonts = FontPlan::new(std::iter::empty()).unwrap();
        let mut res = Resources::new(PdfDocument::new("t"), fonts);
        let painter = Painter::new(&mut res, 100.0);
        let pill = rect_path(&painter, Rect::new(0.0, 0.0, 100.0, 20.0), 50.0);
        assert_eq!(pill.len(), 17);
        // The left end is a half circle of radius 10: its leftmost point is at y = 10 (PDF 90).
        let leftmost = pill.iter().map(|p| p.x).fold(f32::MAX, f32::min);
        assert!(leftmost.abs() < 1e-4);
        assert!(pill.iter().all(|p| (80.0..=100.0).contains(&p.y)));
        let square = rect_path(&painter, Rect::new(0.0, 0.0, 10.0, 10.0), 0.0);
        assert_eq!(square.len(), 4);
    }

    #[test]
    fn options_are_checked() {
        assert!(PdfOptions::default().validate().is_ok());
        assert!(PdfOptions { bleed_mm: f32::NAN, ..PdfOptions::default() }.validate().is_err());
        assert!(PdfOptions { bleed_mm: 40.0, ..PdfOptions::default() }.validate().is_err());
        let tile = Some(Tiling { paper: Paper::A4, overlap_mm: -1.0 });
        assert!(PdfOptions { tile, ..PdfOptions::default() }.validate().is_err());
        assert!(PdfOptions { crop_marks: true, ..PdfOptions::default() }.slug_pt() > 0.0);
    }

    #[test]
    fn too_many_tiles_are_refused() {
        let list = DisplayList { width: 4000.0, height: 4000.0, ..DisplayList::default() };
        let huge = PageSetup {
            paper: Paper::Custom { width_mm: 9000.0, height_mm: 9000.0 },
            ..PageSetup::default()
        };
        let err = plan_tiles(&list, &huge, &Tiling { paper: Paper::A5, overlap_mm: 10.0 }).unwrap_err();
        assert!(matches!(err, PdfError::TooManyTiles { .. }), "{err}");
    }
}
