//! The save refused because the file changed on disk since it was loaded or saved: Merge and
//! save, Save as, or Overwrite after a backup of their version.

use super::super::i18n::{Lang, T, fill};
use super::Pending;
use std::path::PathBuf;

/// The save-refused dialog: the file changed on disk since it was loaded or saved.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveRefused {
    /// The file the save was for.
    pub path: PathBuf,
    /// What waits for the save (quitting, opening another map), done once it is saved.
    pub then: Option<Pending>,
    /// The file exists (it can be merged with); it was deleted otherwise.
    pub exists: bool,
}

/// The answer to [`SaveRefused`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub enum SaveChoice {
    /// Merge their version into ours, then save if nothing conflicts.
    MergeAndSave,
    /// Save under another name.
    SaveAs,
    /// Keep a backup of their version in the data folder, then write ours over it.
    Overwrite,
    /// Do nothing now.
    Cancel,
}

impl SaveRefused {
    /// The dialog's content; returns the choice once a button is pressed.
    pub fn ui(&self, ui: &mut egui::Ui, lang: Lang) -> Option<SaveChoice> {
        ui.heading(T::SaveRefusedTitle.tr(lang));
        let file = self.path.display().to_string();
        let text = if self.exists { T::SaveRefusedText } else { T::SaveRefusedGone };
        ui.label(fill(text.tr(lang), &[("file", &file)]));
        ui.add_space(6.0);
        let mut choice = None;
        ui.horizontal_wrapped(|ui| {
            if self.exists
                && ui.button(T::MergeAndSave.tr(lang)).on_hover_text(T::MergeHint.tr(lang)).clicked()
            {
                choice = Some(SaveChoice::MergeAndSave);
            }
            if ui.button(T::ActSaveAs.tr(lang)).clicked() {
                choice = Some(SaveChoice::SaveAs);
            }
            let overwrite = if self.exists { T::Overwrite } else { T::WriteAgain };
            if ui.button(overwrite.tr(lang)).clicked() {
                choice = Some(SaveChoice::Overwrite);
            }
            if ui.button(T::Cancel.tr(lang)).clicked() {
                choice = Some(SaveChoice::Cancel);
            }
        });
        choice
    }
}
