//! Preferences: the interface language and the theme, remembered in the data folder.

use super::super::Designer;
use super::super::i18n::{Lang, T, fill, lang_name, system_lang, theme_text};
use crate::layout::ThemeName;

/// The preferences dialog (what it shows is the designer's own language and theme).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PreferencesDialog;

/// A change asked for in Preferences.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreferencesIntent {
    /// Use this language (`None`: the system's), and remember it.
    Language(Option<Lang>),
    /// Use this theme, and remember it.
    Theme(ThemeName),
    /// Close the dialog.
    Close,
}

impl PreferencesDialog {
    /// The choices, with `lang_choice` and `theme` as chosen now.
    pub fn ui(
        self,
        ui: &mut egui::Ui,
        lang: Lang,
        lang_choice: Option<Lang>,
        theme: ThemeName,
    ) -> Option<PreferencesIntent> {
        let mut answer = None;
        ui.heading(T::PreferencesTitle.tr(lang));
        egui::Grid::new("preferences").num_columns(2).show(ui, |ui| {
            ui.label(T::InterfaceLanguage.tr(lang));
            ui.horizontal(|ui| {
                let system_text = fill(T::SystemLanguage.tr(lang), &[("lang", lang_name(system_lang()))]);
                for (choice, text) in [
                    (None, system_text),
                    (Some(Lang::Fr), lang_name(Lang::Fr).to_owned()),
                    (Some(Lang::En), lang_name(Lang::En).to_owned()),
                ] {
                    if ui.radio(lang_choice == choice, text).clicked() {
                        answer = Some(PreferencesIntent::Language(choice));
                    }
                }
            });
            ui.end_row();
            ui.label(T::Theme.tr(lang));
            ui.horizontal(|ui| {
                for choice in Designer::THEMES {
                    if ui.radio(theme == choice, theme_text(choice).tr(lang)).clicked() {
                        answer = Some(PreferencesIntent::Theme(choice));
                    }
                }
            });
            ui.end_row();
        });
        ui.label(egui::RichText::new(T::PrefsNote.tr(lang)).small());
        if ui.button(T::Close.tr(lang)).clicked() {
            answer = Some(PreferencesIntent::Close);
        }
        answer
    }
}
