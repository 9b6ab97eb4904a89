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
//!
//! Here are the options, the errors and the two entry points ([`render_pdf`], [`plan_tiles`]);
//! `pages` lays out the pages and tiles, `resources` gathers fonts, alpha states and images,
//! `painter` turns display items into `content` (the content stream, written as bytes), and
//! `write` finishes the file (compression, metadata, boxes, identifier).

mod content;
mod pages;
mod painter;
mod resources;
mod write;

use crate::display::DisplayList;
use crate::paint::{PT_PER_MM, PageSetup, Paper};
use pages::{single_page, tile_page, tile_specs};
use printpdf::PdfDocument;
use resources::{FontPlan, Resources};
use write::finish;

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
    /// Where the first column's printed area starts, in poster points from the poster's left
    /// edge (0 or less): the grid is centred on the poster, so the outer tiles share what the
    /// grid has to spare and none holds only a sliver.
    pub origin_x: f32,
    /// Where the first row's printed area starts, in poster points from the poster's top (0 or
    /// less).
    pub origin_y: f32,
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

    /// The poster-space start of the printed area of the tile at `row`, `column`.
    pub fn tile_origin(&self, row: usize, column: usize) -> (f32, f32) {
        (self.origin_x + column as f32 * self.step_x(), self.origin_y + row as f32 * self.step_y())
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

/// Renders several display lists as one PDF, a page each (persona sheets), each placed on
/// `options.page` as [`render_pdf`] places a poster; `labels` name the pages (a viewer shows them
/// instead of numbers). Tiling does not apply. The document's title and author are the first
/// list's.
pub fn render_pdf_pages(
    lists: &[DisplayList],
    labels: &[String],
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    options.validate()?;
    let Some(first) = lists.first() else {
        return Err(PdfError::Options("there is no page to write (a map with no persona?)".into()));
    };
    let single = PdfOptions { tile: None, ..*options };
    let mut doc = PdfDocument::new(&first.title);
    doc.metadata.info.author.clone_from(&first.author);
    "Parcours".clone_into(&mut doc.metadata.info.creator);
    concat!("Parcours ", env!("CARGO_PKG_VERSION"), " (printpdf)")
        .clone_into(&mut doc.metadata.info.producer);
    let fonts = FontPlan::new(lists.iter().flat_map(DisplayList::text_lines))?;
    let mut res = Resources::new(doc, fonts);
    let (mut pages, mut contents, mut boxes) = (Vec::new(), Vec::new(), Vec::new());
    for list in lists {
        let (page, content, page_boxes) = single_page(list, &single, &mut res)?;
        pages.push(page);
        contents.push(content);
        boxes.push(page_boxes);
    }
    let codes = res.codes.clone();
    let doc = res.into_doc(pages);
    let page_labels: Vec<String> = if labels.len() == lists.len() { labels.to_vec() } else { Vec::new() };
    finish(&doc, first, &page_labels, &boxes, contents, &codes)
}

/// Decides how a poster printed on `page` is cut into tiles of `tiling.paper`: each tile prints
/// an area [`TILE_MARGIN_MM`] inside its edges, neighbours share `overlap_mm`, and the tile
/// orientation that needs fewer pages wins (portrait on a tie). Only the poster itself is
/// tiled, not the white margins of the large page; the grid is centred on it, so the first and
/// last tiles of a row or column hold as much of it as each other, never a sliver.
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
        let (rows, columns) = (count(content_h, poster_h), count(content_w, poster_w));
        // What the grid covers beyond the poster, shared between both ends.
        let spare = |n: usize, content: f32, length: f32| {
            let covered = n as f32 * (content - overlap_pt) + overlap_pt;
            -((covered - length) / 2.0).max(0.0)
        };
        Ok(TileGrid {
            page_width,
            page_height,
            rows,
            columns,
            overlap_pt,
            margin_pt,
            origin_x: spare(columns, content_w, poster_w),
            origin_y: spare(rows, content_h, poster_h),
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

#[cfg(test)]
mod tests;
