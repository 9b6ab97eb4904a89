//! The command palette: every action by name (accents and case do not matter), Enter runs the
//! first one enabled.

use super::super::Action;
use super::super::i18n::{Lang, T};

/// The palette's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Palette {
    /// The filter typed.
    pub filter: String,
    /// Focus the field at the next frame.
    pub focus: bool,
}

/// The answer to the palette.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteIntent {
    /// Run this action (the palette closes).
    Run(Action),
}

impl Palette {
    /// An empty palette with the keyboard in its field.
    pub fn new() -> Self {
        Self { filter: String::new(), focus: true }
    }

    /// The field and the matching actions; `enabled` says which can run now.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        enabled: impl Fn(Action) -> bool,
    ) -> Option<PaletteIntent> {
        let ctx = ui.ctx().clone();
        let label = ui.label(T::Command.tr(lang));
        let field =
            ui.add(egui::TextEdit::singleline(&mut self.filter).desired_width(400.0)).labelled_by(label.id);
        if self.focus {
            field.request_focus();
            self.focus = false;
        }
        // Accents and case do not matter: `reglages` finds « Réglages ».
        let needle = crate::filter::fold(&self.filter);
        let matches: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|a| *a != Action::Palette && crate::filter::fold(a.label(lang)).contains(&needle))
            .collect();
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut answer = None;
        // egui gives a scroll area in a window that sizes itself only `min_scrolled_height`
        // (64 points, three rows) unless told more: the list takes up to 320 points.
        let rows = (ui.ctx().content_rect().height() * 0.5).clamp(120.0, 320.0);
        egui::ScrollArea::vertical().min_scrolled_height(rows).max_height(rows).show(ui, |ui| {
            ui.set_min_width(400.0);
            for action in &matches {
                let text = format!("{}    {}", action.label(lang), action.shortcut_text(&ctx, lang));
                if ui.add_enabled(enabled(*action), egui::Button::new(text).frame(false)).clicked() {
                    answer = Some(PaletteIntent::Run(*action));
                }
            }
        });
        if enter && let Some(action) = matches.iter().copied().find(|a| enabled(*a)) {
            answer = Some(PaletteIntent::Run(action));
        }
        answer
    }
}
