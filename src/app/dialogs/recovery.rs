//! The recovery dialogs: the prompt at start-up after a session that did not end cleanly, and
//! File › Recover…, which lists every recovery copy and the discarded ones of the last week.

use super::super::files::{self, Recovery, Store};
use super::super::i18n::{Lang, N, T, fill};

/// What a recovery dialog asks the designer to do.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum RecoveryChoice {
    /// Open the copy as unsaved changes to its original.
    Restore(Recovery),
    /// Move the copy among the discarded ones (kept a week).
    Discard(Recovery),
    /// Close the dialog.
    Close,
}

/// The start-up prompt: restore the newest copy, or discard it after a confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryPrompt {
    /// The copy offered.
    pub recovery: Recovery,
    /// How many other copies File › Recover… lists.
    pub others: usize,
    /// Discard was pressed once: ask to confirm.
    pub confirming: bool,
}

/// Describes a copy: its map's title, its file, when it was written, how many changes it holds.
pub fn describe(recovery: &Recovery, lang: Lang) -> String {
    let when = recovery.saved_at.map(|t| files::local_time(t, lang)).unwrap_or_default();
    let title = if recovery.title.is_empty() { T::Untitled.tr(lang) } else { recovery.title.as_str() };
    let file = recovery
        .original
        .as_ref()
        .map_or_else(|| T::AnUntitledMap.tr(lang).to_owned(), |p| p.display().to_string());
    match recovery.unsaved_changes {
        Some(n) => fill(
            T::CopyDetails.tr(lang),
            &[("title", title), ("file", &file), ("when", &when), ("changes", &N::UnsavedChanges.n(lang, n))],
        ),
        None => fill(T::CopyDetailsNoCount.tr(lang), &[("title", title), ("file", &file), ("when", &when)]),
    }
}

impl RecoveryPrompt {
    /// The dialog's content; returns the choice once made.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<RecoveryChoice> {
        let mut choice = None;
        if self.confirming {
            ui.heading(T::ConfirmDiscardTitle.tr(lang));
            ui.label(describe(&self.recovery, lang));
            ui.label(T::ConfirmDiscardText.tr(lang));
            ui.horizontal(|ui| {
                if ui.button(T::Discard.tr(lang)).clicked() {
                    choice = Some(RecoveryChoice::Discard(self.recovery.clone()));
                }
                if ui.button(T::Back.tr(lang)).clicked() {
                    self.confirming = false;
                }
            });
            return choice;
        }
        ui.heading(T::RecoveryTitle.tr(lang));
        ui.label(T::RecoveryText.tr(lang));
        ui.label(egui::RichText::new(describe(&self.recovery, lang)).strong());
        if self.others > 0 {
            ui.label(fill(T::RecoveryOthers.tr(lang), &[("copies", &N::OtherCopies.n(lang, self.others))]));
        }
        ui.horizontal(|ui| {
            if ui.button(T::Restore.tr(lang)).clicked() {
                choice = Some(RecoveryChoice::Restore(self.recovery.clone()));
            }
            if ui.button(T::DiscardRecovered.tr(lang)).clicked() {
                self.confirming = true;
            }
        });
        choice
    }
}

/// File › Recover…: the recovery copies and the discarded ones, each with a Restore button.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoverList {
    /// Live copies (other sessions, crashes), newest first.
    pub live: Vec<Recovery>,
    /// Discarded copies of the last week, newest first.
    pub discarded: Vec<Recovery>,
}

impl RecoverList {
    /// The list as it is in `store` now, leaving out this window's own copy.
    pub fn new(store: &Store, own: Option<&std::path::Path>) -> Self {
        let mut live = store.recoveries();
        live.retain(|r| Some(r.copy.as_path()) != own);
        Self { live, discarded: store.discarded() }
    }

    /// The dialog's content; returns the choice once made.
    pub fn ui(&self, ui: &mut egui::Ui, lang: Lang) -> Option<RecoveryChoice> {
        let mut choice = None;
        ui.heading(T::RecoverTitle.tr(lang));
        let width = ui.available_width().max(480.0);
        // A modal's area is sized from its last frame: without a minimum the list came out a few
        // lines high, the second copy cut off.
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .min_scrolled_height(280.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.set_width(width);
                for (heading, copies) in
                    [(T::RecoverLive, &self.live), (T::RecoverDiscarded, &self.discarded)]
                {
                    ui.add_space(4.0);
                    ui.label(egui::RichText::new(heading.tr(lang)).strong());
                    if copies.is_empty() {
                        ui.label(egui::RichText::new(T::RecoverNone.tr(lang)).weak());
                    }
                    for recovery in copies {
                        ui.separator();
                        ui.horizontal(|ui| {
                            let text = describe(recovery, lang);
                            let button = ui.button(T::Restore.tr(lang));
                            let name = format!("{} · {text}", T::Restore.tr(lang));
                            button.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone())
                            });
                            if button.clicked() {
                                choice = Some(RecoveryChoice::Restore(recovery.clone()));
                            }
                            ui.vertical(|ui| {
                                ui.add(egui::Label::new(text).wrap());
                                if let Some(at) = recovery.discarded_at {
                                    let when = files::local_time(at, lang);
                                    ui.label(
                                        egui::RichText::new(fill(
                                            T::DiscardedAt.tr(lang),
                                            &[("when", &when)],
                                        ))
                                        .weak(),
                                    );
                                }
                            });
                        });
                    }
                    ui.add_space(8.0);
                }
            });
        if ui.button(T::Close.tr(lang)).clicked() {
            choice = Some(RecoveryChoice::Close);
        }
        choice
    }
}
