//! Exporting a map to a file: posters (PDF, PNG, SVG) and text (Mermaid, CSV, narrative).
//!
//! One entry point for the command line and the designer's export dialog. The format comes from
//! the output's extension. The output is written atomically: a failed export never leaves a
//! half-written file, and an existing file is replaced only by a complete one.

use crate::display::DisplayList;
use crate::file::{self, FileError};
use crate::interop;
use crate::layout::{self, LayoutOptions, ThemeName};
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
}

impl Sheet {
    /// Every sheet, for menus and help.
    pub const ALL: [Sheet; 2] = [Sheet::Poster, Sheet::Funnel];

    /// The name as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Sheet::Poster => "poster",
            Sheet::Funnel => "funnel",
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
    /// Things the user should know (small text, missing photos, cards Mermaid cannot hold).
    pub warnings: Vec<String>,
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

/// Lays out a map for a poster, with its photos and logo loaded from `map_folder`; returns the
/// display list and a warning for each image that could not be used.
pub fn poster_layout(map: &Map, map_folder: &Path, theme: ThemeName) -> (DisplayList, Vec<String>) {
    let (images, warnings) = crate::images::load_for_map(map, map_folder);
    let options = LayoutOptions { theme, images, ..LayoutOptions::default() };
    (layout::poster(map, &options), warnings)
}

/// Lays out one sheet of a map (the poster or the funnel page), with its photos and logo loaded
/// from `map_folder`; returns the display list and a warning for each image that could not be used.
pub fn sheet_layout(
    map: &Map,
    map_folder: &Path,
    sheet: Sheet,
    theme: ThemeName,
) -> (DisplayList, Vec<String>) {
    match sheet {
        Sheet::Poster => poster_layout(map, map_folder, theme),
        Sheet::Funnel => {
            let (images, warnings) = crate::images::load_for_map(map, map_folder);
            let options = LayoutOptions { theme, images, ..LayoutOptions::default() };
            (layout::funnel::page(map, &options), warnings)
        }
    }
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
    let (bytes, warnings) = render(map, map_folder, format, options).map_err(|error| match error {
        RenderError::Pdf(source) => ExportError::Pdf { path: out.to_owned(), source },
        RenderError::Png(source) => ExportError::Png { path: out.to_owned(), source },
    })?;
    file::write_atomic(out, &bytes)?;
    Ok(ExportReport { path: out.to_owned(), format, bytes: bytes.len(), warnings })
}

/// Why rendering failed.
#[derive(Debug)]
enum RenderError {
    Pdf(PdfError),
    Png(PngError),
}

/// Renders a map in a format, without writing anything.
fn render(
    map: &Map,
    map_folder: &Path,
    format: Format,
    options: &ExportOptions,
) -> Result<(Vec<u8>, Vec<String>), RenderError> {
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
        return Ok((export.text.into_bytes(), warnings));
    }
    let (list, mut warnings) = if options.votes && options.sheet == Sheet::Poster {
        let (images, warnings) = crate::images::load_for_map(map, map_folder);
        let layout = LayoutOptions { theme: options.theme, images, votes: true, ..LayoutOptions::default() };
        (layout::poster(map, &layout), warnings)
    } else {
        sheet_layout(map, map_folder, options.sheet, options.theme)
    };
    let page = options.page();
    let on_page = match options.tile {
        // Tiled, the poster is printed at full size: the readable size is judged there.
        Some(_) => None,
        None => page.readability(&list),
    };
    warnings.extend(on_page);
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
    Ok((bytes, warnings))
}
