//! The banners over the canvas: the open file changed on disk (Merge, Reload, Keep mine), and the
//! map holds merge conflicts (Show conflicts). Each reads the designer and returns what was
//! clicked as an [`Intent`].

use super::Designer;
use super::dialogs::{ConflictList, Dialog};
use super::disk::ExternalChange;
use super::i18n::{N, T, fill};
use super::intents::Intent;

/// The frame of a banner: a band tinted with the theme's warning colour and edged with it, so a
/// change on disk is not missed among the toolbars (the panels' own fill is plain).
pub fn banner_frame(visuals: &egui::Visuals) -> egui::Frame {
    let warn = visuals.warn_fg_color;
    egui::Frame::new()
        .fill(visuals.panel_fill.lerp_to_gamma(warn, 0.18))
        .stroke(egui::Stroke::new(2.0, warn))
        .inner_margin(egui::Margin::symmetric(10, 6))
}

/// The banner's icon, before its message.
pub const BANNER_ICON: &str = "⚠";

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
        ui.label(egui::RichText::new(BANNER_ICON).size(20.0).color(warn));
        let strong = |text: String| egui::RichText::new(text).strong().color(warn);
        match change {
            ExternalChange::Changed => {
                ui.label(strong(fill(T::ChangedOnDiskDirty.tr(lang), &[("file", &name)])));
                if ui.button(T::Merge.tr(lang)).on_hover_text(T::MergeHint.tr(lang)).clicked() {
                    intent = Some(Intent::MergeFromDisk);
                }
                if ui.button(T::ReloadFromDisk.tr(lang)).on_hover_text(T::ReloadKeepsUndo.tr(lang)).clicked()
                {
                    intent = Some(Intent::ReloadFromDisk);
                }
            }
            ExternalChange::Gone => {
                ui.label(strong(fill(T::GoneFromDisk.tr(lang), &[("file", &name)])));
            }
            ExternalChange::Unreadable(error) => {
                ui.label(strong(fill(T::UnreadableOnDisk.tr(lang), &[("error", error)])));
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
        ui.label(egui::RichText::new(BANNER_ICON).size(20.0).color(ui.visuals().warn_fg_color));
        ui.label(
            egui::RichText::new(fill(
                T::ConflictsBanner.tr(lang),
                &[("conflicts", &N::MergeConflicts.n(lang, count))],
            ))
            .strong()
            .color(ui.visuals().warn_fg_color),
        );
        if ui.button(T::ShowConflicts.tr(lang)).clicked() {
            intent = Some(Intent::Show(Dialog::Conflicts(ConflictList)));
        }
    });
    intent
}
