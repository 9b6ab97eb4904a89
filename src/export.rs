//! Exporting a map to a file: posters (PDF, PNG, SVG) and text (Mermaid, CSV, narrative).
//!
//! One entry point for the command line and the designer's export dialog. The format comes from
//! the output's extension. The output is written atomically: a failed export never leaves a
//! half-written file, and an existing file is replaced only by a complete one.

use crate::display::{Colour, DisplayList};
use crate::file::{self, FileError};
use crate::interop;
use crate::layout::readability::{self, Readability, Remedy, TiledOption};
use crate::layout::{self, LayoutOptions, LayoutTarget, PaperArea, ThemeName};
use crate::model::Map;
use crate::paint::pdf::{self, PdfError, PdfOptions, Tiling};
use crate::paint::png::{self, Compression, PngError, PngOptions};
use crate::paint::svg::{self, SvgOptions};
use crate::paint::{Orientation, PT_PER_MM, PageSetup, Paper};
use std::path::{Path, PathBuf};

/// What an output file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A vector poster.
    Pdf,
    /// A raster poster.
    Png,
    /// A vector poster for the web, text kept as text.
    Svg,
    /// A text export (Mermaid journey, CSV cards, Markdown narrative).
    Text(interop::Format),
}

impl Format {
    /// The format of an output path, from its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "pdf" => Some(Format::Pdf),
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => interop::Format::from_path(path).map(Format::Text),
        }
    }

    /// What the format is, in a few words.
    pub fn summary(self) -> &'static str {
        match self {
            Format::Pdf => "PDF poster",
            Format::Png => "PNG poster",
            Format::Svg => "SVG poster",
            Format::Text(text) => text.summary(),
        }
    }

    /// True for the poster formats, which the paper options apply to.
    pub fn is_poster(self) -> bool {
        match self {
            Format::Pdf | Format::Png | Format::Svg => true,
            Format::Text(_) => false,
        }
    }
}

/// Every extension `export` understands, for hints.
pub const EXTENSIONS: &str =
    ".pdf, .png, .svg (posters), .mmd (Mermaid journey), .csv (cards), .md (narrative)";

/// Which page of a map the poster formats (PDF, PNG, SVG) draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sheet {
    /// The journey map itself: stages, lanes, cards and emotion curves (`layout::poster`).
    #[default]
    Poster,
    /// The conversion funnel, friction points and key insights (`layout::funnel`).
    Funnel,
    /// One page per persona, with every field, their emotion and channels (`layout::personas`);
    /// PDF only (one file, a page each).
    Personas,
}

impl Sheet {
    /// Every sheet, for menus and help.
    pub const ALL: [Sheet; 3] = [Sheet::Poster, Sheet::Funnel, Sheet::Personas];

    /// The name as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Sheet::Poster => "poster",
            Sheet::Funnel => "funnel",
            Sheet::Personas => "personas",
        }
    }

    /// The sheet with this command-line name.
    pub fn parse(text: &str) -> Option<Sheet> {
        Sheet::ALL.into_iter().find(|s| s.name().eq_ignore_ascii_case(text.trim()))
    }

    /// The paper a sheet is printed on when none is asked for: A1 for the poster, A2 for the
    /// funnel page (where the example maps' smallest text stays above 6 pt; a small map also
    /// reads well on A3).
    pub fn default_paper(self) -> Paper {
        match self {
            Sheet::Poster => Paper::A1,
            Sheet::Funnel => Paper::A2,
            Sheet::Personas => Paper::A4,
        }
    }
}

/// What the page behind the poster is painted with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Background {
    /// The theme's page colour (cream for the light theme), to the paper's edge.
    #[default]
    Theme,
    /// Nothing: the paper's own white shows (no white edges on office printers that cannot
    /// print to the edge). Everything else keeps the theme's colours.
    None,
}

impl Background {
    /// The background with this command-line name (`none`, `theme`).
    pub fn parse(text: &str) -> Option<Background> {
        match text.trim().to_ascii_lowercase().as_str() {
            "theme" => Some(Background::Theme),
            "none" => Some(Background::None),
            _ => None,
        }
    }
}

/// How to export a poster (ignored by the text formats).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportOptions {
    /// Which page to draw: the map poster or the funnel page.
    pub sheet: Sheet,
    /// Paper size of the poster.
    pub paper: Paper,
    /// Orientation of the paper.
    pub orientation: Orientation,
    /// Margin on each side, in points.
    pub margin_pt: f32,
    /// Resolution of a PNG, in dots per inch.
    pub dpi: u32,
    /// PNG compression.
    pub compression: Compression,
    /// PDF only: cut the poster into pages of this paper.
    pub tile: Option<Paper>,
    /// PDF only: overlap between tiles, in millimetres.
    pub overlap_mm: f32,
    /// PDF only: crop marks for a print shop.
    pub crop_marks: bool,
    /// PDF only: bleed in millimetres.
    pub bleed_mm: f32,
    /// Colours.
    pub theme: ThemeName,
    /// Poster only: each card's dot votes from the workshop room as a badge.
    pub votes: bool,
    /// The page background: the theme's, or none (paper white).
    pub background: Background,
    /// The distance the poster is read from, in metres: the readability warning's threshold
    /// follows it ([`readability::needed_pt`]).
    pub distance_m: f32,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            sheet: Sheet::Poster,
            paper: Paper::A1,
            orientation: Orientation::Auto,
            margin_pt: 10.0 * PT_PER_MM,
            dpi: 150,
            compression: Compression::Balanced,
            tile: None,
            overlap_mm: 10.0,
            crop_marks: false,
            bleed_mm: 0.0,
            theme: ThemeName::Light,
            votes: false,
            background: Background::Theme,
            distance_m: readability::DESK_DISTANCE_M,
        }
    }
}

impl ExportOptions {
    /// The page set-up of the poster.
    pub fn page(&self) -> PageSetup {
        PageSetup { paper: self.paper, orientation: self.orientation, margin_pt: self.margin_pt }
    }
}

/// What an export did.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportReport {
    /// The file written.
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its size in bytes.
    pub bytes: usize,
    /// Things the user should know (small text, missing photos, cards Mermaid cannot hold), in
    /// English.
    pub warnings: Vec<String>,
    /// The readability warning as a value (also among `warnings`, in English), for a designer
    /// that words it in its own language.
    pub readability: Option<Readability>,
    /// Posters: the page printed on, turned as the layout chose when the orientation was left
    /// to it.
    pub page: Option<PageSetup>,
}

/// Why an export failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The extension names no format.
    #[error("{}: unknown export format; use one of {EXTENSIONS}", path.display())]
    UnknownFormat {
        /// The output path.
        path: PathBuf,
    },
    /// The PDF painter failed.
    #[error("{}: {source}", path.display())]
    Pdf {
        /// The output path.
        path: PathBuf,
        /// What went wrong.
        source: PdfError,
    },
    /// The PNG painter failed.
    #[error("{}: {source}", path.display())]
    Png {
        /// The output path.
        path: PathBuf,
        /// What went wrong.
        source: PngError,
    },
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] FileError),
}

/// The printable area of a page set-up, for the layout's paper target: the paper less its
/// margins, turned as asked; with the orientation left to the layout (`Auto`), a named paper may
/// be turned and a custom size is used as given.
pub fn paper_area(page: &PageSetup) -> PaperArea {
    let (w, h) = page.paper.size_pt();
    let (short, long) = (w.min(h), w.max(h));
    let (width, height, may_turn) = match (page.orientation, page.paper) {
        (Orientation::Portrait, _) => (short, long, false),
        (Orientation::Landscape, _) => (long, short, false),
        (Orientation::Auto, Paper::Custom { .. }) => (w, h, false),
        (Orientation::Auto, _) => (short, long, true),
    };
    let margin = 2.0 * page.margin_pt.max(0.0);
    PaperArea { width_pt: (width - margin).max(1.0), height_pt: (height - margin).max(1.0), may_turn }
}

/// Lays out one sheet of a map for a page — the poster fitted to the paper (columns,
/// sub-columns and orientation chosen for the largest text), the funnel page as it is — with
/// its photos and logo loaded from `map_folder`. Returns the display list, the page set-up to
/// print it with (the orientation the layout chose), and a warning for each image that could
/// not be used.
pub fn sheet_layout(
    map: &Map,
    map_folder: &Path,
    sheet: Sheet,
    theme: ThemeName,
    page: &PageSetup,
) -> (DisplayList, PageSetup, Vec<String>) {
    let (images, warnings) = crate::images::load_for_map(map, map_folder);
    let options = LayoutOptions { theme, images, ..LayoutOptions::default() };
    let (list, page) = laid_out(map, sheet, &options, page);
    (list, page, warnings)
}

/// [`sheet_layout`] with the images loaded.
fn laid_out(map: &Map, sheet: Sheet, options: &LayoutOptions, page: &PageSetup) -> (DisplayList, PageSetup) {
    match sheet {
        Sheet::Poster => {
            let area = paper_area(page);
            let options = LayoutOptions { target: LayoutTarget::Paper(area), ..options.clone() };
            let (list, fitted) = layout::Layouter::new().layout_fitted(map, &options);
            let mut page = *page;
            if let Some(fitted) = fitted
                && area.may_turn
            {
                page.orientation = if fitted.width_pt > fitted.height_pt {
                    Orientation::Landscape
                } else {
                    Orientation::Portrait
                };
            }
            (list, page)
        }
        Sheet::Funnel => (layout::funnel::page(map, options), *page),
        // Each persona's page is A4 portrait in points; the first one stands for the sheet here
        // (readability, orientation), and `render` paints them all.
        Sheet::Personas => {
            let first = layout::personas::first_page(map, options).unwrap_or_default();
            let mut page = *page;
            if page.orientation == Orientation::Auto {
                page.orientation = Orientation::Portrait;
            }
            (first, page)
        }
    }
}

/// Standard papers from the smallest, for the readability advice.
const STANDARD_PAPERS: [Paper; 7] =
    [Paper::Letter, Paper::A4, Paper::Tabloid, Paper::A3, Paper::A2, Paper::A1, Paper::A0];

/// Office papers a poster may be tiled onto, for the readability advice.
const OFFICE_PAPERS: [Paper; 2] = [Paper::A3, Paper::A4];

/// The readability warning for `list` printed on `page` (tiled onto `tile`, which prints at the
/// same size) and read from `distance_m`: `None` when its smallest text is large enough. The
/// remedy is computed: the smallest standard paper on which the sheet, laid out for that paper,
/// prints its smallest text large enough, and that paper tiled onto A3 and A4 with the page
/// counts.
pub fn readability(
    map: &Map,
    sheet: Sheet,
    options: &LayoutOptions,
    (list, page): (&DisplayList, &PageSetup),
    tile: Option<Paper>,
    overlap_mm: f32,
    distance_m: f32,
) -> Option<Readability> {
    let needed_pt = readability::needed_pt(distance_m);
    let printed =
        |list: &DisplayList, page: &PageSetup| list.min_text_size().map(|min| min * page.place(list).scale);
    let printed_pt = printed(list, page)?;
    if printed_pt >= needed_pt - 0.05 {
        return None;
    }
    let mut largest = None;
    let mut remedy = None;
    for paper in STANDARD_PAPERS {
        let setup = PageSetup { paper, orientation: Orientation::Auto, margin_pt: page.margin_pt };
        let (candidate, setup) = laid_out(map, sheet, options, &setup);
        let Some(on_paper) = printed(&candidate, &setup) else { continue };
        largest = Some((paper, on_paper));
        if on_paper < needed_pt - 0.05 {
            continue;
        }
        let (w, h) = paper.size_mm();
        let tiled = OFFICE_PAPERS
            .into_iter()
            .filter(|office| {
                let (ow, oh) = office.size_mm();
                ow * oh < w * h
            })
            .filter_map(|office| {
                let tiling = Tiling { paper: office, overlap_mm };
                let grid = pdf::plan_tiles(&candidate, &setup, &tiling).ok()?;
                Some(TiledOption { tile: office.name(), pages: grid.pages() })
            })
            .collect();
        remedy = Some(Remedy::Paper { paper: paper.name(), printed_pt: on_paper, tiled });
        break;
    }
    let remedy = match (remedy, largest) {
        (Some(remedy), _) => remedy,
        (None, Some((paper, on_paper))) => Remedy::NoPaper { largest: paper.name(), printed_pt: on_paper },
        (None, None) => return None,
    };
    Some(Readability {
        paper: page.paper.name(),
        tiled_on: tile.map(Paper::name),
        printed_pt,
        needed_pt,
        distance_m,
        remedy,
    })
}

/// The readability warning an export of `map` with `options` would give, without painting or
/// writing anything (the designer's export dialog shows it before exporting); `images` are the
/// map's decoded photos. `None` when the smallest text reads from `options.distance_m`.
pub fn readability_of(
    map: &Map,
    images: std::collections::BTreeMap<String, std::sync::Arc<crate::display::Image>>,
    options: &ExportOptions,
) -> Option<Readability> {
    let votes = options.votes && options.sheet == Sheet::Poster;
    let layout_options = LayoutOptions { theme: options.theme, images, votes, ..LayoutOptions::default() };
    let (list, page) = laid_out(map, options.sheet, &layout_options, &options.page());
    readability(
        map,
        options.sheet,
        &layout_options,
        (&list, &page),
        options.tile,
        options.overlap_mm,
        options.distance_m,
    )
}

/// Renders a map in the format of `out`'s extension and writes it atomically. For PDF, PNG and
/// SVG, `options.sheet` picks the page drawn; the text formats ignore it.
pub fn export(
    map: &Map,
    map_folder: &Path,
    out: &Path,
    options: &ExportOptions,
) -> Result<ExportReport, ExportError> {
    let format = Format::from_path(out).ok_or_else(|| ExportError::UnknownFormat { path: out.to_owned() })?;
    let (bytes, warnings, readability, page) =
        render(map, map_folder, format, options).map_err(|error| match error {
            RenderError::Pdf(source) => ExportError::Pdf { path: out.to_owned(), source },
            RenderError::Png(source) => ExportError::Png { path: out.to_owned(), source },
        })?;
    file::write_atomic(out, &bytes)?;
    Ok(ExportReport { path: out.to_owned(), format, bytes: bytes.len(), warnings, readability, page })
}

/// Why rendering failed.
#[derive(Debug)]
enum RenderError {
    Pdf(PdfError),
    Png(PngError),
}

/// What [`render`] makes: the bytes, the warnings, the readability warning and the page.
type Rendered = (Vec<u8>, Vec<String>, Option<Readability>, Option<PageSetup>);

/// Renders a map in a format, without writing anything.
fn render(
    map: &Map,
    map_folder: &Path,
    format: Format,
    options: &ExportOptions,
) -> Result<Rendered, RenderError> {
    if let Format::Text(text) = format {
        let export = interop::export_text(map, text);
        let warnings = export
            .warnings
            .iter()
            .map(|w| match w.line {
                Some(line) => format!("line {line}: {}", w.message),
                None => w.message.clone(),
            })
            .collect();
        return Ok((export.text.into_bytes(), warnings, None, None));
    }
    let (images, mut warnings) = crate::images::load_for_map(map, map_folder);
    let votes = options.votes && options.sheet == Sheet::Poster;
    let layout_options = LayoutOptions { theme: options.theme, images, votes, ..LayoutOptions::default() };
    let (mut list, page) = laid_out(map, options.sheet, &layout_options, &options.page());
    // Tiled or not, the poster prints at the size of `page`: the readable size is judged there.
    let readability = readability(
        map,
        options.sheet,
        &layout_options,
        (&list, &page),
        options.tile,
        options.overlap_mm,
        options.distance_m,
    );
    warnings.extend(readability.as_ref().map(ToString::to_string));
    if options.background == Background::None {
        // Paper white: unpainted in a PDF or SVG, white pixels in a PNG (which has no paper).
        list.background = if format == Format::Png { Colour::rgb(255, 255, 255) } else { Colour::NONE };
    }
    if options.sheet == Sheet::Personas {
        if format != Format::Pdf {
            return Err(RenderError::Pdf(PdfError::Options(
                "persona sheets are a PDF, one page per persona; write to a .pdf file".into(),
            )));
        }
        let mut pages = layout::personas::pages(map, &layout_options);
        if options.background == Background::None {
            for sheet in &mut pages {
                sheet.background = Colour::NONE;
            }
        }
        let labels: Vec<String> = map.personas.iter().map(|p| p.name.clone()).collect();
        let pdf_options =
            PdfOptions { page, crop_marks: options.crop_marks, bleed_mm: options.bleed_mm, tile: None };
        let bytes = pdf::render_pdf_pages(&pages, &labels, &pdf_options).map_err(RenderError::Pdf)?;
        return Ok((bytes, warnings, readability, Some(page)));
    }
    let bytes = match format {
        Format::Pdf => {
            let pdf_options = PdfOptions {
                page,
                crop_marks: options.crop_marks,
                bleed_mm: options.bleed_mm,
                tile: options.tile.map(|paper| Tiling { paper, overlap_mm: options.overlap_mm }),
            };
            pdf::render_pdf(&list, &pdf_options).map_err(RenderError::Pdf)?
        }
        Format::Png => {
            let png_options = PngOptions { page, dpi: options.dpi, compression: options.compression };
            png::render_png(&list, &png_options).map_err(RenderError::Png)?
        }
        Format::Svg => svg::render_svg(&list, &SvgOptions { page }).into_bytes(),
        Format::Text(_) => Vec::new(),
    };
    Ok((bytes, warnings, readability, Some(page)))
}
