//! The export form: sheet, format, paper, orientation, margins, resolution, tiling, theme,
//! background, reading distance, destination — and the readability warning for those settings,
//! in the interface language, with buttons that apply what it suggests.

use super::super::export_job::{ORIENTATIONS, ReadabilityCheck, THEMES, papers};
use super::super::i18n::{Lang, T, fill, theme_text};
use crate::export::{Background, ExportOptions, Format, Sheet};
use crate::layout::ThemeName;
use crate::layout::readability::{self, Readability, Remedy};
use crate::paint::{Orientation, PT_PER_MM, Paper};
use std::path::PathBuf;

/// The export settings being chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportForm {
    /// Paper size.
    pub paper: Paper,
    /// Orientation.
    pub orientation: Orientation,
    /// Margin in millimetres.
    pub margin_mm: f32,
    /// Resolution of PNG exports.
    pub dpi: u32,
    /// Cut into pages of this size.
    pub tile: Option<Paper>,
    /// Crop marks.
    pub crop_marks: bool,
    /// Colours.
    pub theme: ThemeName,
    /// Where to write; the format comes from the extension.
    pub destination: String,
    /// The poster of the map, or its funnel and insights sheet.
    pub sheet: Sheet,
    /// The page behind the poster: the theme's colour, or the paper's white.
    pub background: Background,
    /// The distance the poster is read from, in metres (the readability warning follows it).
    pub distance_m: f32,
}

/// The answer to the export form.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum ExportIntent {
    /// Export with these settings.
    Export(ExportForm),
    /// Choose the destination with a file dialog (the form stays open).
    Browse,
    /// Close the form.
    Cancel,
}

/// The poster formats offered in the form: name and extension.
pub const POSTER_FORMATS: [(&str, &str); 3] = [("PDF", "pdf"), ("PNG", "png"), ("SVG", "svg")];

impl ExportForm {
    /// Defaults next to the map file: the sheet the canvas shows, the window's theme.
    pub fn new(designer: &super::super::Designer) -> Self {
        let destination = designer.path().map_or_else(
            || designer.map_folder().join("poster.pdf").display().to_string(),
            |p| p.with_extension("pdf").display().to_string(),
        );
        let sheet = match designer.view() {
            super::super::workshop::View::Map => Sheet::Poster,
            super::super::workshop::View::Funnel => Sheet::Funnel,
        };
        Self {
            paper: sheet.default_paper(),
            orientation: Orientation::Auto,
            margin_mm: 10.0,
            dpi: 150,
            tile: None,
            crop_marks: false,
            theme: designer.theme(),
            destination,
            sheet,
            background: Background::Theme,
            distance_m: readability::DESK_DISTANCE_M,
        }
    }

    /// The format the destination's extension names (`None`: an extension no export knows).
    pub fn format(&self) -> Option<Format> {
        Format::from_path(&PathBuf::from(self.destination.trim()))
    }

    /// Changes the destination's extension (`poster.pdf` → `poster.png`).
    pub fn set_extension(&mut self, extension: &str) {
        let path = PathBuf::from(self.destination.trim());
        let path = if path.as_os_str().is_empty() { PathBuf::from("poster") } else { path };
        self.destination = path.with_extension(extension).display().to_string();
    }

    /// The export options these settings stand for, as the command line would build them.
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            paper: self.paper,
            orientation: self.orientation,
            margin_pt: self.margin_mm * PT_PER_MM,
            dpi: self.dpi,
            tile: self.tile,
            crop_marks: self.crop_marks,
            theme: self.theme,
            sheet: self.sheet,
            background: self.background,
            distance_m: self.distance_m,
            ..ExportOptions::default()
        }
    }

    /// Applies what the readability warning suggests.
    pub fn apply(&mut self, suggestion: &Suggestion) {
        match suggestion {
            Suggestion::Paper(paper) => {
                self.paper = *paper;
                self.tile = None;
            }
            Suggestion::Tile { paper, tile } => {
                self.paper = *paper;
                self.tile = Some(*tile);
            }
        }
        self.orientation = Orientation::Auto;
    }

    /// The form's fields.
    fn fields_ui(&mut self, ui: &mut egui::Ui, lang: Lang, answer: &mut Option<ExportIntent>) {
        egui::Grid::new("export-form").num_columns(2).show(ui, |ui| {
            ui.label(T::Sheet.tr(lang));
            ui.horizontal(|ui| {
                let sheets = [
                    (Sheet::Poster, T::SheetPoster),
                    (Sheet::Funnel, T::SheetFunnel),
                    (Sheet::Personas, T::SheetPersonas),
                ];
                for (sheet, text) in sheets {
                    if ui.radio(self.sheet == sheet, text.tr(lang)).clicked() {
                        self.sheet = sheet;
                        self.paper = sheet.default_paper();
                        if sheet == Sheet::Personas {
                            // Persona sheets are a PDF, a page each.
                            self.set_extension("pdf");
                        }
                    }
                }
            });
            ui.end_row();
            self.format_ui(ui, lang);
            ui.end_row();
            ui.label(T::Paper.tr(lang));
            egui::ComboBox::from_id_salt("paper").selected_text(self.paper.name()).show_ui(ui, |ui| {
                for paper in papers() {
                    ui.selectable_value(&mut self.paper, paper, paper.name());
                }
            });
            ui.end_row();
            ui.label(T::Orientation.tr(lang));
            let current =
                ORIENTATIONS.iter().find(|(o, _)| *o == self.orientation).map_or("", |(_, n)| n.tr(lang));
            egui::ComboBox::from_id_salt("orientation").selected_text(current).show_ui(ui, |ui| {
                for (o, name) in ORIENTATIONS {
                    ui.selectable_value(&mut self.orientation, o, name.tr(lang));
                }
            });
            ui.end_row();
            let label = ui.label(T::MarginMm.tr(lang));
            ui.add(egui::DragValue::new(&mut self.margin_mm).range(0.0..=50.0)).labelled_by(label.id);
            ui.end_row();
            let label = ui.label(T::DpiPng.tr(lang));
            ui.add(egui::DragValue::new(&mut self.dpi).range(72..=600)).labelled_by(label.id);
            ui.end_row();
            ui.label(T::Tiling.tr(lang));
            let tile_name = self.tile.map_or_else(|| T::NoTiling.tr(lang).to_owned(), Paper::name);
            egui::ComboBox::from_id_salt("tile").selected_text(tile_name).show_ui(ui, |ui| {
                ui.selectable_value(&mut self.tile, None, T::NoTiling.tr(lang));
                for paper in [Paper::A4, Paper::A3, Paper::Letter] {
                    ui.selectable_value(&mut self.tile, Some(paper), paper.name());
                }
            });
            ui.end_row();
            ui.label(T::CropMarks.tr(lang));
            ui.checkbox(&mut self.crop_marks, T::CropMarks.tr(lang));
            ui.end_row();
            ui.label(T::Theme.tr(lang));
            let current = THEMES.iter().find(|t| **t == self.theme).map_or("", |t| theme_text(*t).tr(lang));
            egui::ComboBox::from_id_salt("theme").selected_text(current).show_ui(ui, |ui| {
                for t in THEMES {
                    ui.selectable_value(&mut self.theme, t, theme_text(t).tr(lang));
                }
            });
            ui.end_row();
            ui.label(T::Background.tr(lang));
            ui.horizontal(|ui| {
                ui.radio_value(&mut self.background, Background::Theme, T::BackgroundTheme.tr(lang));
                ui.radio_value(&mut self.background, Background::None, T::BackgroundNone.tr(lang));
            });
            ui.end_row();
            let label = ui.label(T::ReadingDistance.tr(lang));
            ui.add(
                egui::DragValue::new(&mut self.distance_m)
                    .range(0.2..=20.0)
                    .speed(0.05)
                    .max_decimals(2)
                    .custom_formatter(|m, _| metres(lang, m))
                    .custom_parser(parse_metres),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(T::Destination.tr(lang));
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut self.destination).desired_width(300.0))
                    .labelled_by(label.id);
                if ui.button(T::Choose.tr(lang)).clicked() {
                    *answer = Some(ExportIntent::Browse);
                }
            });
            ui.end_row();
        });
    }

    /// The format: PDF, PNG or SVG, which changes the destination's extension.
    fn format_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let label = ui.label(T::Format.tr(lang));
        let current = match self.format() {
            Some(Format::Pdf) => "PDF".to_owned(),
            Some(Format::Png) => "PNG".to_owned(),
            Some(Format::Svg) => "SVG".to_owned(),
            Some(Format::Text(text)) => text.summary().to_owned(),
            None => T::FormatUnknown.tr(lang).to_owned(),
        };
        let mut chosen = None;
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("format")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (name, extension) in POSTER_FORMATS {
                        if ui.selectable_label(false, name).clicked() {
                            chosen = Some(extension);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.label(egui::RichText::new(T::FormatHint.tr(lang)).small().weak());
        });
        if let Some(extension) = chosen {
            self.set_extension(extension);
        }
    }
}

/// What a readability warning's button sets in the form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Suggestion {
    /// Print on this paper, in one piece.
    Paper(Paper),
    /// Print this paper's layout cut into pages of `tile`.
    Tile {
        /// The poster's paper.
        paper: Paper,
        /// The pages it is cut into.
        tile: Paper,
    },
}

/// The export dialog: the form, and the readability check of its settings (run on a thread
/// whenever they change). It reads as its form (`dialog.paper`).
#[derive(Debug)]
pub struct ExportDialog {
    /// The settings.
    pub form: ExportForm,
    /// The readability of the poster these settings would print.
    pub check: ReadabilityCheck,
}

impl std::ops::Deref for ExportDialog {
    type Target = ExportForm;

    fn deref(&self) -> &ExportForm {
        &self.form
    }
}

impl std::ops::DerefMut for ExportDialog {
    fn deref_mut(&mut self) -> &mut ExportForm {
        &mut self.form
    }
}

impl ExportDialog {
    /// The dialog on these settings, not yet checked.
    pub fn new(form: ExportForm) -> Self {
        Self { form, check: ReadabilityCheck::default() }
    }

    /// The form, the readability warning and the buttons; the answer once a button is pressed.
    /// `busy`: an export runs (Export is off).
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, busy: bool) -> Option<ExportIntent> {
        ui.heading(T::ExportTitle.tr(lang));
        let mut answer = None;
        self.form.fields_ui(ui, lang, &mut answer);
        ui.separator();
        if let Some(suggestion) = self.readability_ui(ui, lang) {
            self.form.apply(&suggestion);
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.add_enabled(!busy, egui::Button::new(T::ExportButton.tr(lang))).clicked() {
                answer = Some(ExportIntent::Export(self.form.clone()));
            }
            if ui.button(T::Cancel.tr(lang)).clicked() {
                answer = Some(ExportIntent::Cancel);
            }
        });
        answer
    }

    /// The readability of the current settings, with a button per remedy; the one clicked.
    fn readability_ui(&self, ui: &mut egui::Ui, lang: Lang) -> Option<Suggestion> {
        if !self.form.format().is_some_and(Format::is_poster) {
            return None;
        }
        let Some(result) = self.check.result_for(&self.form.options()) else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(T::ReadChecking.tr(lang));
            });
            return None;
        };
        let Some(warning) = result else {
            let distance = metres(lang, f64::from(self.form.distance_m));
            ui.label(fill(T::ReadOk.tr(lang), &[("distance", &distance)]));
            return None;
        };
        let mut chosen = None;
        let warn = ui.visuals().warn_fg_color;
        ui.label(egui::RichText::new(format!("⚠ {}", warning_text(lang, warning))).color(warn));
        match &warning.remedy {
            Remedy::Paper { paper, printed_pt, tiled } => {
                ui.label(fill(
                    T::ReadRemedy.tr(lang),
                    &[("paper", paper), ("printed", &points(lang, *printed_pt))],
                ));
                let Ok(paper) = paper.parse::<Paper>() else { return None };
                ui.horizontal_wrapped(|ui| {
                    let print_on = fill(T::ReadPrintOn.tr(lang), &[("paper", &paper.name())]);
                    if ui.button(print_on).clicked() {
                        chosen = Some(Suggestion::Paper(paper));
                    }
                    for option in tiled {
                        let Ok(tile) = option.tile.parse::<Paper>() else { continue };
                        let pages = option.pages.to_string();
                        let text = fill(
                            T::ReadTileInto.tr(lang),
                            &[("pages", &pages), ("tile", &option.tile), ("paper", &paper.name())],
                        );
                        if ui.button(text).clicked() {
                            chosen = Some(Suggestion::Tile { paper, tile });
                        }
                    }
                });
            }
            Remedy::NoPaper { largest, printed_pt } => {
                ui.label(fill(
                    T::ReadNoPaper.tr(lang),
                    &[("paper", largest), ("printed", &points(lang, *printed_pt))],
                ));
            }
        }
        chosen
    }
}

/// The readability warning's first sentence in `lang`: where the smallest text prints, and what
/// the reading distance needs.
pub fn warning_text(lang: Lang, warning: &Readability) -> String {
    let paper = match &warning.tiled_on {
        Some(tile) => fill(T::ReadPaperTiled.tr(lang), &[("paper", &warning.paper), ("tile", tile)]),
        None => warning.paper.clone(),
    };
    fill(
        T::ReadLow.tr(lang),
        &[
            ("paper", &paper),
            ("printed", &points(lang, warning.printed_pt)),
            ("needed", &points(lang, warning.needed_pt.ceil())),
            ("distance", &metres(lang, f64::from(warning.distance_m))),
        ],
    )
}

/// A reading distance typed in the field: `1.5 m`, `150 cm`, « 1,5 m », or a bare number of
/// metres.
fn parse_metres(text: &str) -> Option<f64> {
    let bare = || text.trim().replace(',', ".").parse::<f32>().ok().filter(|m| m.is_finite() && *m > 0.0);
    readability::parse_distance_m(text).or_else(bare).map(f64::from)
}

/// A decimal number as the language writes it (`4.2`, `4,2`), with at most one decimal.
fn decimal(lang: Lang, value: f64) -> String {
    let text = if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').to_owned()
    };
    match lang {
        Lang::En => text,
        Lang::Fr => text.replace('.', ","),
    }
}

/// A text size in points: `4.2 pt`, « 4,2 pt » (no-break space in French).
fn points(lang: Lang, pt: f32) -> String {
    let value = decimal(lang, (f64::from(pt) * 10.0).round() / 10.0);
    match lang {
        Lang::En => format!("{value} pt"),
        Lang::Fr => format!("{value}\u{a0}pt"),
    }
}

/// A reading distance as a person says it: `48 cm`, `1.5 m` (« 1,5 m »).
fn metres(lang: Lang, m: f64) -> String {
    let space = match lang {
        Lang::En => " ",
        Lang::Fr => "\u{a0}",
    };
    if m < 1.0 {
        format!("{:.0}{space}cm", m * 100.0)
    } else {
        format!("{}{space}m", decimal(lang, (m * 100.0).round() / 100.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::readability::TiledOption;

    fn warning() -> Readability {
        Readability {
            paper: "A1".into(),
            tiled_on: None,
            printed_pt: 4.23,
            needed_pt: 18.75,
            distance_m: 1.5,
            remedy: Remedy::Paper {
                paper: "A0".into(),
                printed_pt: 19.2,
                tiled: vec![TiledOption { tile: "A3".into(), pages: 12 }],
            },
        }
    }

    #[test]
    fn the_warning_speaks_the_interface_language_without_flags() {
        let en = warning_text(Lang::En, &warning());
        assert_eq!(
            en,
            "On A1, the smallest text prints at 4.2 pt, below the 19 pt needed to read it from 1.5 m."
        );
        let fr = warning_text(Lang::Fr, &warning());
        assert_eq!(
            fr,
            "En A1, le plus petit texte s’imprime en 4,2\u{a0}pt, sous les 19\u{a0}pt nécessaires pour le lire à 1,5\u{a0}m."
        );
        for text in [en, fr] {
            assert!(!text.contains("--"), "no command-line flag in the designer: {text}");
        }
        assert_eq!(metres(Lang::Fr, 0.48), "48\u{a0}cm");
        // What the field shows can be typed back.
        for (text, m) in [("48\u{a0}cm", 0.48), ("1,5\u{a0}m", 1.5), ("2 m", 2.0), ("3", 3.0)] {
            assert!(parse_metres(text).is_some_and(|v| (v - m).abs() < 1e-6), "{text}");
        }
        assert_eq!(metres(Lang::En, 2.0), "2 m");
    }

    #[test]
    fn suggestions_set_the_paper_and_tiling() {
        let mut form = ExportForm {
            paper: Paper::A1,
            orientation: Orientation::Portrait,
            margin_mm: 10.0,
            dpi: 150,
            tile: Some(Paper::A4),
            crop_marks: false,
            theme: ThemeName::Light,
            destination: "/tmp/x/affiche.pdf".into(),
            sheet: Sheet::Poster,
            background: Background::Theme,
            distance_m: 1.5,
        };
        form.apply(&Suggestion::Paper(Paper::A0));
        assert_eq!((form.paper, form.tile, form.orientation), (Paper::A0, None, Orientation::Auto));
        form.apply(&Suggestion::Tile { paper: Paper::A0, tile: Paper::A3 });
        assert_eq!((form.paper, form.tile), (Paper::A0, Some(Paper::A3)));
        form.set_extension("svg");
        assert_eq!(form.destination, "/tmp/x/affiche.svg");
        assert_eq!(form.format(), Some(Format::Svg));
        let options = form.options();
        assert!((options.distance_m - 1.5).abs() < 1e-6);
        assert_eq!(options.tile, Some(Paper::A3));
    }
}
