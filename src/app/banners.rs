//! The banners over the canvas: the open file changed on disk (Merge, Reload, Keep mine), and the
//! map holds merge conflicts (Show conflicts). Each reads the designer and returns what was
//! clicked as an [`Intent`].

use super::Designer;
use super::dialogs::{ConflictList, Dialog};
use super::disk::ExternalChange;
use super::i18n::{N, T, fill};
use super::intents::Intent;

/// The banner when the open file changed on disk and this window has work of its own: Merge
/// first, then Reload or Keep mine. `None` when there is no such change.
#[must_use]
pub fn external_change_ui(ui: &mut egui::Ui, designer: &Designer) -> Option<Intent> {
    let change = designer.external_change()?;
    let lang = designer.lang();
    // The file's name: the status bar shows its whole path.
    let name = designer.file_name().unwrap_or_default();
    let mut intent = None;
    ui.horizontal_wrapped(|ui| {
        let warn = ui.visuals().warn_fg_color;
        match change {
            ExternalChange::Changed => {
                ui.label(
                    egui::RichText::new(fill(T::ChangedOnDiskDirty.tr(lang), &[("file", &name)])).color(warn),
                );
                if ui.button(T::Merge.tr(lang)).on_hover_text(T::MergeHint.tr(lang)).clicked() {
                    intent = Some(Intent::MergeFromDisk);
                }
                if ui.button(T::ReloadFromDisk.tr(lang)).on_hover_text(T::ReloadKeepsUndo.tr(lang)).clicked()
                {
                    intent = Some(Intent::ReloadFromDisk);
                }
            }
            ExternalChange::Gone => {
                ui.label(egui::RichText::new(fill(T::GoneFromDisk.tr(lang), &[("file", &name)])).color(warn));
            }
            ExternalChange::Unreadable(error) => {
                ui.label(
                    egui::RichText::new(fill(T::UnreadableOnDisk.tr(lang), &[("error", error)])).color(warn),
                );
            }
        }
        if ui.button(T::KeepMine.tr(lang)).on_hover_text(T::KeepMineHint.tr(lang)).clicked() {
            intent = Some(Intent::KeepLocal);
        }
    });
    intent
}

/// The banner while the map holds merge conflicts.
#[must_use]
pub fn conflicts_ui(ui: &mut egui::Ui, designer: &Designer) -> Option<Intent> {
    let lang = designer.lang();
    let count = designer.editor().map().conflicts.len();
    let mut intent = None;
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(fill(
                T::ConflictsBanner.tr(lang),
                &[("conflicts", &N::MergeConflicts.n(lang, count))],
            ))
            .color(ui.visuals().warn_fg_color),
        );
        if ui.button(T::ShowConflicts.tr(lang)).clicked() {
            intent = Some(Intent::Show(Dialog::Conflicts(ConflictList)));
        }
    });
    intent
}
