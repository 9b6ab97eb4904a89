//! Atelier › Join a room…: the desktop link the host's room window shows, and the name the
//! others see next to what this desktop selects.

use super::super::i18n::{Lang, T};

/// The join form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JoinForm {
    /// The room's desktop link (`http://ADDRESS:PORT/d/TOKEN`).
    pub url: String,
    /// The name shown to the others.
    pub name: String,
    /// Focus the link's field at the next frame.
    focus: bool,
}

/// The answer to [`JoinForm`].
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinIntent {
    /// Join this room under this name.
    Join {
        /// The desktop link.
        url: String,
        /// The person's name.
        name: String,
    },
    /// Close the form.
    Cancel,
}

impl JoinForm {
    /// An empty link, and `name` (the account's) to start with.
    pub fn new(name: String) -> Self {
        Self { url: String::new(), name, focus: true }
    }

    /// True when the link looks like a room's desktop link.
    pub fn link_looks_right(&self) -> bool {
        let url = self.url.trim();
        url.starts_with("http://") && url.contains("/d/")
    }

    /// The form's content; the answer once given.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<JoinIntent> {
        ui.heading(T::ActJoinRoom.tr(lang).trim_end_matches('…'));
        ui.label(T::JoinExplain.tr(lang));
        let label = ui.label(T::JoinLink.tr(lang));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.url)
                    .hint_text("http://192.168.1.20:7878/d/…")
                    .desired_width(460.0),
            )
            .labelled_by(label.id);
        if self.focus {
            field.request_focus();
            self.focus = false;
        }
        let label = ui.label(T::JoinYourName.tr(lang));
        let name =
            ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(460.0)).labelled_by(label.id);
        let enter =
            (field.lost_focus() || name.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = self.link_looks_right();
        if !self.url.trim().is_empty() && !ready {
            ui.colored_label(ui.visuals().warn_fg_color, T::JoinBadLink.tr(lang));
        }
        let mut answer = None;
        ui.horizontal(|ui| {
            let join = ui.add_enabled(ready, egui::Button::new(T::JoinButton.tr(lang)));
            if join.clicked() || (enter && ready) {
                answer = Some(JoinIntent::Join {
                    url: self.url.trim().to_owned(),
                    name: self.name.trim().to_owned(),
                });
            }
            if ui.button(T::Cancel.tr(lang)).clicked() {
                answer = Some(JoinIntent::Cancel);
            }
        });
        answer
    }
}
