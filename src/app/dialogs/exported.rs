//! The end of an export: the file written, what it warned about (the readability warning in the
//! interface language), and buttons that open the file or show its folder.

use super::super::export_job::Exported;
use super::super::i18n::{Lang, T, fill};
use std::path::PathBuf;

/// The answer to the export's report.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportedIntent {
    /// Open this file or folder with the desktop's application (the dialog closes).
    Open(PathBuf),
    /// Close the report.
    Close,
}

/// What an export did, shown once it is done.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportedReport {
    /// What the export wrote and warned about.
    pub exported: Exported,
}

impl ExportedReport {
    /// The line for the status bar: the file and its size, without the warnings (they are in
    /// the dialog, and would stay in the status bar long after it is closed).
    pub fn status(&self, lang: Lang) -> String {
        let file = self.exported.path.display().to_string();
        let size = self.exported.bytes.div_ceil(1024).to_string();
        fill(T::ExportDone.tr(lang), &[("file", &file), ("size", &size)])
    }

    /// The report and its buttons.
    pub fn ui(&self, ui: &mut egui::Ui, lang: Lang) -> Option<ExportedIntent> {
        ui.heading(T::ExportedTitle.tr(lang));
        ui.label(self.status(lang));
        let warn = ui.visuals().warn_fg_color;
        if let Some(readability) = &self.exported.readability {
            let text = super::export::warning_text(lang, readability);
            ui.label(egui::RichText::new(format!("⚠ {text}")).color(warn));
        }
        for warning in &self.exported.warnings {
            let text = fill(T::ExportWarning.tr(lang), &[("text", warning)]);
            ui.label(egui::RichText::new(text).color(warn));
        }
        let mut answer = None;
        ui.horizontal(|ui| {
            if ui.button(T::OpenFile.tr(lang)).clicked() {
                answer = Some(ExportedIntent::Open(self.exported.path.clone()));
            }
            let folder = self.exported.path.parent().map(std::path::Path::to_path_buf);
            if let Some(folder) = folder
                && ui.button(T::ShowFolder.tr(lang)).clicked()
            {
                let folder = if folder.as_os_str().is_empty() { PathBuf::from(".") } else { folder };
                answer = Some(ExportedIntent::Open(folder));
            }
            if ui.button(T::Ok.tr(lang)).clicked() {
                answer = Some(ExportedIntent::Close);
            }
        });
        answer
    }
}
