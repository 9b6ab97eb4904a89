//! The unsaved-changes prompt: Save, Discard or Cancel before what was asked (quit, open, new…).

use super::super::files::Recovery;
use super::super::i18n::{Lang, T, fill};
use crate::model::Map;
use std::path::PathBuf;

/// What waits for the unsaved-changes prompt.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Quit.
    Quit,
    /// Open this file.
    Open(PathBuf),
    /// Ask for a file, then open it.
    PickAndOpen,
    /// Show the templates.
    NewFromTemplate,
    /// Start on this map.
    New(Box<Map>),
    /// Restore this recovery copy.
    Restore(Box<Recovery>),
    /// Join a workshop room by its desktop link, under this name.
    Join {
        /// The desktop link.
        url: String,
        /// The person's name.
        name: String,
    },
}

/// Save / Discard / Cancel before doing [`Pending`].
#[derive(Clone, Debug, PartialEq)]
pub struct UnsavedPrompt {
    /// What waits for the answer.
    pub pending: Pending,
    /// The name of the map's file (or "untitled"), as the question names it.
    pub file: String,
}

/// The answer to [`UnsavedPrompt`].
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedIntent {
    /// Save first, then go on.
    Save,
    /// Keep the work among the discarded recovery copies, then go on.
    Discard,
    /// Do nothing.
    Cancel,
}

impl UnsavedPrompt {
    /// The dialog's content; the answer once a button is pressed.
    pub fn ui(&self, ui: &mut egui::Ui, lang: Lang) -> Option<UnsavedIntent> {
        ui.heading(T::UnsavedTitle.tr(lang));
        ui.label(fill(T::UnsavedQuestion.tr(lang), &[("file", &self.file)]));
        let mut answer = None;
        ui.horizontal(|ui| {
            if ui.button(T::ActSave.tr(lang)).clicked() {
                answer = Some(UnsavedIntent::Save);
            }
            if ui.button(T::Discard.tr(lang)).clicked() {
                answer = Some(UnsavedIntent::Discard);
            }
            if ui.button(T::Cancel.tr(lang)).clicked() {
                answer = Some(UnsavedIntent::Cancel);
            }
        });
        answer
    }
}
