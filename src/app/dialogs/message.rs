//! Short dialogs that only tell something: an error (file errors with `file:line:column`), a
//! message (an export done), About.

use super::super::i18n::{Lang, T, fill};
use super::Closed;

/// An error: a heading, the message, OK.
pub fn error_ui(ui: &mut egui::Ui, lang: Lang, message: &str) -> Option<Closed> {
    ui.heading(T::ErrorTitle.tr(lang));
    ui.label(message);
    ui.button(T::Ok.tr(lang)).clicked().then_some(Closed)
}

/// A message and OK.
pub fn info_ui(ui: &mut egui::Ui, lang: Lang, message: &str) -> Option<Closed> {
    ui.label(message);
    ui.button(T::Ok.tr(lang)).clicked().then_some(Closed)
}

/// About Parcours: name, version, one line.
pub fn about_ui(ui: &mut egui::Ui, lang: Lang) -> Option<Closed> {
    ui.heading("Parcours");
    ui.label(fill(T::Version.tr(lang), &[("v", env!("CARGO_PKG_VERSION"))]));
    ui.label(T::AboutText.tr(lang));
    ui.button(T::Close.tr(lang)).clicked().then_some(Closed)
}
