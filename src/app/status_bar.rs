//! The status bar: the file and whether it is saved, the zoom, what the map holds, the
//! selection, a running export, the diagnostics (missing photos…) and the last message.

use super::i18n::{N, T, fill};
use super::intents::Intent;
use super::joined::Link;
use super::{Action, Designer};

/// The zooms the status bar's menu offers, in screen points per map point.
pub const ZOOMS: [f32; 4] = [0.5, 0.75, 1.0, 1.5];

/// The status bar's line; what its zoom menu asked for, if anything.
#[must_use]
pub fn status_bar_ui(ui: &mut egui::Ui, designer: &Designer) -> Option<Intent> {
    let lang = designer.lang();
    let mut intent = None;
    ui.horizontal(|ui| {
        if let Some(room) = designer.joined_room() {
            // The map is the host's: say where it lives and whether this desktop is in step.
            ui.label(designer.display_name());
            let waiting = room.joined().pending().to_string();
            let (text, warn) = match room.link() {
                Link::Connected if room.joined().pending() == 0 => (T::JoinLive.tr(lang).to_owned(), false),
                Link::Connected => (T::JoinSending.tr(lang).to_owned(), false),
                Link::Connecting => (T::JoinWaiting.tr(lang).to_owned(), false),
                Link::Disconnected => (fill(T::JoinOffline.tr(lang), &[("n", &waiting)]), true),
            };
            if warn {
                ui.label(egui::RichText::new(text).color(ui.visuals().warn_fg_color));
            } else {
                ui.label(text);
            }
        } else {
            let name =
                designer.path().map_or_else(|| T::Untitled.tr(lang).to_owned(), |p| p.display().to_string());
            ui.label(name);
        }
        if designer.joined_room().is_some() {
            // Said above: the room's map is saved by its host.
        } else if designer.editor().is_dirty() {
            ui.label(egui::RichText::new(T::Unsaved.tr(lang)).color(ui.visuals().warn_fg_color));
        } else if designer.path().is_none() {
            // « sans titre · enregistré » would say it was saved somewhere.
            ui.label(T::NeverSaved.tr(lang));
        } else {
            ui.label(T::Saved.tr(lang));
        }
        ui.separator();
        let zoom = format!("{:.0}\u{a0}%", designer.canvas().zoom() * 100.0);
        let menu = ui.menu_button(zoom, |ui| {
            for z in ZOOMS {
                if ui.button(format!("{:.0}\u{a0}%", z * 100.0)).clicked() {
                    intent = Some(Intent::ZoomTo(z));
                }
            }
            ui.separator();
            for action in [Action::Fit, Action::FitAll] {
                if ui.button(action.label(lang)).clicked() {
                    intent = Some(Intent::Run(action));
                }
            }
        });
        let name = T::ZoomMenu.tr(lang);
        menu.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
        ui.separator();
        let map = designer.editor().map();
        ui.label(fill(
            T::Counts.tr(lang),
            &[
                ("stages", &N::Stages.n(lang, map.stages.len())),
                ("lanes", &N::Lanes.n(lang, map.lanes.len())),
                ("cards", &N::Cards.n(lang, map.cards.len())),
            ],
        ));
        let selected = designer.selection().len();
        if selected > 0 {
            ui.separator();
            ui.label(N::Selected.n(lang, selected));
        }
        if designer.exporting() {
            ui.separator();
            ui.spinner();
            ui.label(T::Exporting.tr(lang));
        }
        if !designer.diagnostics.is_empty() {
            ui.separator();
            ui.label(
                egui::RichText::new(format!("⚠ {}", designer.diagnostics.len()))
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(designer.diagnostics.join("\n"));
        }
        if !designer.status().is_empty() {
            ui.separator();
            ui.label(designer.status());
        }
    });
    intent
}
