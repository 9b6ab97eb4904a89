//! The keyboard outside text fields: every action's shortcut (from the [`Action`] table),
//! clipboard events, digits that set the emotion of the selected cards, Esc; and files dropped on
//! the window.

use super::dialogs::Pending;
use super::i18n::T;
use super::{Action, Designer};
use std::path::PathBuf;

impl Designer {
    /// The keys that are not a text field's: actions' shortcuts, clipboard events, digits for
    /// the emotion, Esc.
    pub(crate) fn keyboard(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        // While a menu is open the keys are its own: Esc closes it (egui looks for the key when
        // it draws the menu, after this).
        if egui::Popup::is_any_open(ctx) {
            return;
        }
        if let Some(presentation) = &mut self.presentation {
            let stages = self.editor.map().stages.len();
            let lanes = self.canvas.list.grid.rows.len();
            if presentation.keys(ctx, stages, lanes) == Some(super::workshop::PresentIntent::Leave) {
                self.stop_presentation(ctx);
            }
            return;
        }
        if self.find.is_some() && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F3)) {
            self.step_result(true);
        }
        // Esc leaves in-place editing and keeps what was typed (seen here: egui takes the focus
        // away from the field as the frame starts, before the field could see the key).
        if self.canvas.inline.is_some() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.commit_inline();
            return;
        }
        let typing = ctx.text_edit_focused();
        for (shortcut, action) in Action::shortcut_table() {
            if typing && action.conflicts_with_text() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.run(ctx, action);
            }
        }
        if typing {
            return;
        }
        // Copy, cut and paste arrive as events from the platform's clipboard.
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.run(ctx, Action::Copy),
                egui::Event::Cut => self.run(ctx, Action::Cut),
                egui::Event::Paste(text) => self.paste_text(&text),
                _ => {}
            }
        }
        // Digit keys set the emotion of the selected cards.
        let digits = [
            (egui::Key::Num1, 1),
            (egui::Key::Num2, 2),
            (egui::Key::Num3, 3),
            (egui::Key::Num4, 4),
            (egui::Key::Num5, 5),
            (egui::Key::Num6, 6),
            (egui::Key::Num7, 7),
            (egui::Key::Num8, 8),
            (egui::Key::Num9, 9),
        ];
        for (key, digit) in digits {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                self.set_emotion_digit(digit);
            }
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            if self.canvas.drag.is_some() {
                self.cancel_drag();
            } else if self.find.is_some() {
                self.close_find();
            } else if !self.was_typing {
                self.selection.clear();
            }
        }
    }

    /// Sets the emotion of the selected cards from a digit key (1 = the scale's lowest level).
    pub fn set_emotion_digit(&mut self, digit: u8) {
        let Some(level) = self.editor.map().emotion_scale.level_for_digit(digit) else {
            return;
        };
        let commands: Vec<crate::edit::Command> = self
            .selection
            .cards()
            .into_iter()
            .map(|id| crate::edit::Command::SetCard {
                id,
                field: crate::edit::CardField::Emotion(Some(level)),
            })
            .collect();
        if !commands.is_empty() {
            let result = self.editor.apply(crate::edit::Command::Batch(commands));
            self.report(result);
        }
    }

    /// Pastes clipboard text (RON from a Parcours window) into the selected cell.
    pub fn paste_text(&mut self, text: &str) {
        let target = self.selection.cell(self.editor.map());
        match self.editor.paste(text, target.as_ref()) {
            Ok(ids) => self.selection.select_ids(self.editor.map(), &ids),
            Err(error) => self.status = self.tf(T::CannotPaste, &[("error", &error.to_string())]),
        }
    }

    /// A `.ron` file dropped on the window opens (after the unsaved prompt).
    pub(crate) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().find(|p| p.extension().is_some_and(|e| e == "ron")) {
            self.guard_unsaved(Pending::Open(path));
        }
    }
}
