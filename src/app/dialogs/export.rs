//! The export form: sheet, paper, orientation, margins, resolution, tiling, theme, destination.

use super::super::export_job::{ORIENTATIONS, THEMES, papers};
use super::super::i18n::{Lang, T, theme_text};
use crate::export::Sheet;
use crate::layout::ThemeName;
use crate::paint::{Orientation, Paper};

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
        }
    }

    /// The form; the answer once a button is pressed. `busy`: an export runs (Export is off).
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, busy: bool) -> Option<ExportIntent> {
        ui.heading(T::ExportTitle.tr(lang));
        let mut answer = None;
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
                    }
                }
            });
            ui.end_row();
            ui.label(T::Format.tr(lang));
            ui.label(T::FormatHint.tr(lang));
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
            let label = ui.label(T::Destination.tr(lang));
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut self.destination).desired_width(300.0))
                    .labelled_by(label.id);
                if ui.button(T::Choose.tr(lang)).clicked() {
                    answer = Some(ExportIntent::Browse);
                }
            });
            ui.end_row();
        });
        ui.horizontal(|ui| {
            if ui.add_enabled(!busy, egui::Button::new(T::ExportButton.tr(lang))).clicked() {
                answer = Some(ExportIntent::Export(self.clone()));
            }
            if ui.button(T::Cancel.tr(lang)).clicked() {
                answer = Some(ExportIntent::Cancel);
            }
        });
        answer
    }
}
