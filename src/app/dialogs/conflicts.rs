//! The merge conflicts left in the map, each with both sides and a button for each.

use super::super::i18n::{Lang, T, fill};
use crate::model::{Id, Map};
use crate::semantic::Side;

/// The conflict list (what it lists is the map's own conflicts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConflictList;

/// An answer in the conflict list.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictIntent {
    /// Resolve conflict `index` with this side's value (the list stays open).
    Resolve(usize, Side),
    /// Close the list.
    Close,
}

impl ConflictList {
    /// The conflicts of `map`, each with Keep ours and Take theirs.
    pub fn ui(self, ui: &mut egui::Ui, lang: Lang, map: &Map) -> Option<ConflictIntent> {
        let mut answer = None;
        ui.heading(T::ConflictsTitle.tr(lang));
        if map.conflicts.is_empty() {
            ui.label(T::AllResolved.tr(lang));
        }
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for (index, conflict) in map.conflicts.iter().enumerate() {
                let element = element_name(map, &conflict.element, lang);
                ui.label(
                    egui::RichText::new(fill(
                        T::ConflictField.tr(lang),
                        &[("element", &element), ("field", &conflict.field)],
                    ))
                    .strong(),
                );
                egui::Grid::new(("conflict", index)).num_columns(3).show(ui, |ui| {
                    for (side, value, text) in [
                        (Side::Ours, &conflict.ours, T::KeepOurs),
                        (Side::Theirs, &conflict.theirs, T::TakeTheirs),
                    ] {
                        let name = match side {
                            Side::Ours => T::Ours,
                            Side::Theirs => T::Theirs,
                        };
                        ui.label(name.tr(lang));
                        ui.label(egui::RichText::new(value.as_str()).monospace());
                        let button = ui.button(text.tr(lang));
                        let label = format!("{} {} · {}", text.tr(lang), element, conflict.field);
                        button.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone())
                        });
                        if button.clicked() {
                            answer = Some(ConflictIntent::Resolve(index, side));
                        }
                        ui.end_row();
                    }
                });
                ui.separator();
            }
        });
        if ui.button(T::Close.tr(lang)).clicked() {
            answer = Some(ConflictIntent::Close);
        }
        answer
    }
}

/// What a conflict's element is called: the stage, lane, persona or card's name, or the map.
pub fn element_name(map: &Map, id: &Id, lang: Lang) -> String {
    if id.as_str().is_empty() {
        return T::TheMap.tr(lang).to_owned();
    }
    if let Some(stage) = map.stage(id) {
        return format!("{} « {} »", T::Stage.tr(lang), stage.name);
    }
    if let Some(card) = map.card(id) {
        return format!("{} « {} »", T::Card.tr(lang), card.title);
    }
    if let Some(persona) = map.persona(id) {
        return format!("{} « {} »", T::Persona.tr(lang), persona.name);
    }
    if map.lane(id).is_some() {
        return format!("{} « {} »", T::Lane.tr(lang), super::super::panels::lane_name(map, id, lang));
    }
    id.as_str().to_owned()
}
