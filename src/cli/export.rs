//! `parcours export MAP -o OUT.{pdf,png,svg,mmd,csv,md} [--sheet poster|funnel] [poster options]`.
#![expect(clippy::print_stdout, clippy::print_stderr, reason = "the CLI talks to the terminal")]

use super::{report_file_error, usage_error};
use crate::check::{self, Severity};
use crate::export::{self, Background, ExportError, ExportOptions, Format, Sheet};
use crate::file;
use crate::layout::ThemeName;
use crate::layout::readability;
use crate::paint::png::Compression;
use crate::paint::{Orientation, PT_PER_MM, Paper};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `parcours export`.
#[derive(Debug, Args)]
#[expect(clippy::struct_excessive_bools, reason = "command-line switches")]
pub struct ExportArgs {
    /// The map to export.
    pub map: PathBuf,
    /// The file to write; its extension picks the format: .pdf .png .svg (posters), .mmd (Mermaid
    /// journey), .csv (cards), .md (narrative).
    #[arg(long, short)]
    pub output: PathBuf,
    /// PDF, PNG, SVG: which page to draw — poster (the journey map), funnel (the conversion
    /// funnel per stage, friction points per persona, moments of truth, channel mix) or personas
    /// (PDF only: a page per persona with every field, their emotion and channels).
    #[arg(long, default_value = "poster")]
    pub sheet: String,
    /// Paper size: A0–A5, Letter, Legal, Tabloid, or a size such as 500x700mm [default: A1 for the
    /// poster, A2 for the funnel sheet, A4 for persona sheets].
    #[arg(long)]
    pub paper: Option<String>,
    /// Turn the paper sideways (wider than tall).
    #[arg(long, conflicts_with = "portrait")]
    pub landscape: bool,
    /// Keep the paper upright (taller than wide). Without either, the map's shape decides.
    #[arg(long)]
    pub portrait: bool,
    /// PNG resolution in dots per inch (72–600).
    #[arg(long, default_value_t = 150)]
    pub dpi: u32,
    /// White margin on each side: 10mm, 1cm, 0.5in or 12pt (a bare number is millimetres).
    #[arg(long, default_value = "10mm")]
    pub margin: String,
    /// PDF: print the poster at --paper size cut into pages of this paper (e.g. A4), with
    /// overlaps, alignment marks and page labels.
    #[arg(long)]
    pub tile: Option<String>,
    /// PDF: overlap between tiles.
    #[arg(long, default_value = "10mm")]
    pub overlap: String,
    /// PDF: crop marks at the corners, for a print shop (not with --tile: tiles carry their own
    /// cut marks).
    #[arg(long)]
    pub crop_marks: bool,
    /// PDF: bleed past the trim edge, e.g. 3mm.
    #[arg(long, default_value = "0mm")]
    pub bleed: String,
    /// Poster: show each card's dot votes from the workshop room as a badge under its text.
    #[arg(long)]
    pub votes: bool,
    /// Colours: light, print (ink-friendly), dark or high-contrast (black on white, 7:1 text).
    #[arg(long, default_value = "light")]
    pub theme: String,
    /// PNG compression: fast, balanced or best.
    #[arg(long, default_value = "balanced")]
    pub compression: String,
    /// The page background: theme (the theme's page colour) or none (paper white; theme
    /// colours for everything else).
    #[arg(long, default_value = "theme")]
    pub background: String,
    /// How far away the poster is read, e.g. 1.5m or 60cm: the smallest text needs about 1 pt per
    /// 8 cm (6 pt at a desk, 19 pt at 1.5 m); export warns below it and says what would work.
    #[arg(long, default_value = "48cm")]
    pub distance: String,
}

/// A length such as `10mm`, `1cm`, `0.5in`, `12pt`, or a bare number of millimetres, in points.
pub fn parse_length_pt(text: &str) -> Option<f32> {
    let text = text.trim().to_ascii_lowercase();
    let (number, factor) = if let Some(n) = text.strip_suffix("mm") {
        (n, PT_PER_MM)
    } else if let Some(n) = text.strip_suffix("cm") {
        (n, 10.0 * PT_PER_MM)
    } else if let Some(n) = text.strip_suffix("in") {
        (n, 72.0)
    } else if let Some(n) = text.strip_suffix("pt") {
        (n, 1.0)
    } else {
        (text.as_str(), PT_PER_MM)
    };
    let value: f32 = number.trim().parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(value * factor)
}

fn options(args: &ExportArgs) -> Result<ExportOptions, (String, String)> {
    let sheet = Sheet::parse(&args.sheet).ok_or_else(|| {
        (
            format!("unknown sheet {:?}", args.sheet),
            "use --sheet poster, --sheet funnel or --sheet personas".to_owned(),
        )
    })?;
    let paper: Paper = match &args.paper {
        Some(text) => text
            .parse()
            .map_err(|e: crate::paint::UnknownPaper| (e.to_string(), "for example --paper A1".into()))?,
        None => sheet.default_paper(),
    };
    let tile = match &args.tile {
        Some(text) => {
            Some(text.parse::<Paper>().map_err(|e| (e.to_string(), "for example --tile A4".to_owned()))?)
        }
        None => None,
    };
    let length = |name: &str, text: &str| {
        parse_length_pt(text).ok_or_else(|| {
            (format!("cannot read the {name} {text:?}"), "write it like 10mm, 1cm, 0.5in or 12pt".to_owned())
        })
    };
    let theme = ThemeName::parse(&args.theme).ok_or_else(|| {
        (format!("unknown theme {:?}", args.theme), "use light, print, dark or high-contrast".to_owned())
    })?;
    let compression = match args.compression.to_ascii_lowercase().as_str() {
        "fast" => Compression::Fast,
        "balanced" => Compression::Balanced,
        "best" => Compression::Best,
        other => return Err((format!("unknown compression {other:?}"), "use fast, balanced or best".into())),
    };
    let background = Background::parse(&args.background).ok_or_else(|| {
        (
            format!("unknown background {:?}", args.background),
            "use --background theme or --background none".into(),
        )
    })?;
    let distance_m = readability::parse_distance_m(&args.distance).ok_or_else(|| {
        (format!("cannot read the distance {:?}", args.distance), "write it like 1.5m or 150cm".to_owned())
    })?;
    if !(72..=600).contains(&args.dpi) {
        return Err((
            format!("a resolution of {} dpi is not supported", args.dpi),
            "use --dpi between 72 and 600".into(),
        ));
    }
    Ok(ExportOptions {
        sheet,
        paper,
        orientation: match (args.landscape, args.portrait) {
            (true, _) => Orientation::Landscape,
            (_, true) => Orientation::Portrait,
            _ => Orientation::Auto,
        },
        margin_pt: length("margin", &args.margin)?,
        dpi: args.dpi,
        compression,
        tile,
        overlap_mm: length("overlap", &args.overlap)? / PT_PER_MM,
        crop_marks: args.crop_marks,
        bleed_mm: length("bleed", &args.bleed)? / PT_PER_MM,
        theme,
        votes: args.votes,
        background,
        distance_m,
    })
}

/// Runs `parcours export`.
pub fn run(args: &ExportArgs) -> ExitCode {
    let Some(format) = Format::from_path(&args.output) else {
        return usage_error(
            &format!("unknown export format for {}", args.output.display()),
            &format!("the formats are: {}", export::EXTENSIONS),
        );
    };
    let options = match options(args) {
        Ok(options) => options,
        Err((message, hint)) => return usage_error(&message, &hint),
    };
    if !format.is_poster() && options.sheet != Sheet::Poster {
        return usage_error(
            &format!("--sheet {} is drawn as a PDF, PNG or SVG page", options.sheet.name()),
            "write to a .pdf, .png or .svg file, or use `parcours insights MAP` for the insights as text",
        );
    }
    if options.sheet == Sheet::Personas && (format != Format::Pdf || args.tile.is_some()) {
        return usage_error(
            "--sheet personas is a PDF with a page per persona",
            "write to a .pdf file, without --tile",
        );
    }
    if format != Format::Pdf && (args.tile.is_some() || args.crop_marks || options.bleed_mm > 0.0) {
        return usage_error("--tile, --crop-marks and --bleed are for PDF posters", "write to a .pdf file");
    }
    let map = match file::load(&args.map) {
        Ok(map) => map,
        Err(error) => {
            report_file_error(&error);
            return ExitCode::from(2);
        }
    };
    if !checked(&args.map, &map) {
        return ExitCode::from(1);
    }
    let folder = args.map.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match export::export(&map, folder, &args.output, &options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{}: warning: {warning}", args.output.display());
            }
            let detail = if format.is_poster() {
                let orientation = report.page.map_or(options.orientation, |p| p.orientation);
                let turned = match orientation {
                    Orientation::Auto => String::new(),
                    Orientation::Landscape => " landscape".into(),
                    Orientation::Portrait => " portrait".into(),
                };
                let tiles = options.tile.map(|t| format!(", tiled on {t}")).unwrap_or_default();
                let dpi =
                    if format == Format::Png { format!(", {} dpi", options.dpi) } else { String::new() };
                format!(" ({}{turned}{dpi}{tiles}, {})", options.paper, size(report.bytes))
            } else {
                format!(" ({})", size(report.bytes))
            };
            let what = match (options.sheet, format) {
                (Sheet::Funnel, Format::Pdf) => "PDF funnel sheet",
                (Sheet::Funnel, Format::Png) => "PNG funnel sheet",
                (Sheet::Funnel, Format::Svg) => "SVG funnel sheet",
                (Sheet::Personas, _) => "PDF persona sheets",
                _ => format.summary(),
            };
            println!("{}: {what} of {}{detail}", args.output.display(), args.map.display());
            ExitCode::SUCCESS
        }
        Err(ExportError::Write(error)) => {
            report_file_error(&error);
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Runs `parcours check`'s checks before an export: warnings go to standard error and the export
/// goes on; errors (a NaN metric, an inverted emotion scale, a dangling reference…) are printed
/// and stop it. Image files are not looked at here: the export loads them and warns itself.
fn checked(path: &Path, map: &crate::model::Map) -> bool {
    let diagnostics = check::check(map, None);
    for diagnostic in &diagnostics {
        eprintln!("{}: {diagnostic}", path.display());
    }
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 {
        eprintln!("{}: {errors} error(s); nothing was exported", path.display());
        eprintln!("hint: fix them (`parcours check {}` lists them) and export again", path.display());
    }
    errors == 0
}

fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_every_unit() {
        let close = |a: Option<f32>, b: f32| a.is_some_and(|a| (a - b).abs() < 0.01);
        assert!(close(parse_length_pt("10mm"), 28.35));
        assert!(close(parse_length_pt("1cm"), 28.35));
        assert!(close(parse_length_pt("0.5in"), 36.0));
        assert!(close(parse_length_pt("12pt"), 12.0));
        assert!(close(parse_length_pt("5"), 14.17));
        assert!(parse_length_pt("-3mm").is_none() && parse_length_pt("wide").is_none());
    }
}
