//! The status bar: the file and whether it is saved, the zoom, what the map holds, the
//! selection, a running export, the diagnostics (missing photos…) and the last message.

use super::Designer;
use super::i18n::{T, fill};

/// The status bar's line.
pub fn status_bar_ui(ui: &mut egui::Ui, designer: &Designer) {
    let lang = designer.lang();
    ui.horizontal(|ui| {
        let name =
            designer.path().map_or_else(|| T::Untitled.tr(lang).to_owned(), |p| p.display().to_string());
        ui.label(name);
        if designer.editor().is_dirty() {
            ui.label(egui::RichText::new(T::Unsaved.tr(lang)).color(ui.visuals().warn_fg_color));
        } else {
            ui.label(T::Saved.tr(lang));
        }
        ui.separator();
        ui.label(format!("{:.0} %", designer.canvas().zoom() * 100.0));
        ui.separator();
        let map = designer.editor().map();
        ui.label(fill(
            T::Counts.tr(lang),
            &[
                ("stages", &map.stages.len().to_string()),
                ("lanes", &map.lanes.len().to_string()),
                ("cards", &map.cards.len().to_string()),
            ],
        ));
        let selected = designer.selection().len();
        if selected > 0 {
            ui.separator();
            ui.label(fill(T::SelectedCount.tr(lang), &[("n", &selected.to_string())]));
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
}
