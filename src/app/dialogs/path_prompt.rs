//! The in-app path prompt, for when no native file dialog is available (and for tests).

use super::super::i18n::{Lang, T};
use super::Dialog;
use crate::model::Id;
use std::path::PathBuf;

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FilePurpose {
    /// Open a map.
    Open,
    /// Save the map under a new name.
    SaveAs,
    /// The export's destination.
    ExportTo,
    /// A persona's photo.
    Photo(Id),
    /// A Mermaid journey or CSV cards to import.
    Import,
    /// Where the room's join sheet goes (PDF or PNG).
    JoinSheet,
}

impl FilePurpose {
    /// The catalogue entry of the prompt's heading.
    pub fn title(&self) -> T {
        match self {
            FilePurpose::Open => T::PickOpen,
            FilePurpose::SaveAs => T::PickSaveAs,
            FilePurpose::ExportTo => T::PickExport,
            FilePurpose::Photo(_) => T::PickPhoto,
            FilePurpose::Import => T::PickImport,
            FilePurpose::JoinSheet => T::PickJoinSheet,
        }
    }
}

/// Type a path.
#[derive(Debug)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: FilePurpose,
    /// The path typed so far.
    pub text: String,
    /// Focus the field at the next frame.
    pub focus: bool,
    /// The dialog to go back to afterwards (the export form waiting for its destination).
    pub back: Option<Box<Dialog>>,
}

/// The answer to [`PathPrompt`].
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum PathIntent {
    /// This path was typed and confirmed.
    Chosen(PathBuf),
    /// No path after all.
    Cancel,
}

impl PathPrompt {
    /// A prompt for `purpose` starting with `text`, that goes back to `back` once answered.
    pub fn new(purpose: FilePurpose, text: String, back: Option<Dialog>) -> Self {
        Self { purpose, text, focus: true, back: back.map(Box::new) }
    }

    /// The dialog's content; the answer once given.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<PathIntent> {
        ui.heading(self.purpose.title().tr(lang));
        let label = ui.label(T::Path.tr(lang));
        let field =
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(460.0)).labelled_by(label.id);
        if self.focus {
            field.request_focus();
            self.focus = false;
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut answer = None;
        ui.horizontal(|ui| {
            if ui.button(T::Ok.tr(lang)).clicked() || enter {
                answer = Some(PathIntent::Chosen(PathBuf::from(self.text.trim())));
            }
            if ui.button(T::Cancel.tr(lang)).clicked() {
                answer = Some(PathIntent::Cancel);
            }
        });
        answer
    }
}
