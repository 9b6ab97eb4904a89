//! The left panel: lanes and personas, to select, reorder (drag or arrows), hide, show and add.

use super::super::i18n::{Lang, T, fill};
use super::super::intents::Intent;
use super::PanelContext;
use crate::display::Target;
use crate::edit::Command;
use crate::model::{Id, LaneKind, Map};

impl PanelContext<'_> {
    /// The lanes, personas and stages, to select, reorder, hide and add.
    pub fn lanes_panel_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading(self.t(T::Lanes));
        let lang = self.lang;
        let lanes = self.editor.map().lanes.clone();
        let n = lanes.len();
        let mut dropped: Option<(Id, usize)> = None;
        egui::ScrollArea::vertical()
            .id_salt("lanes-scroll")
            .auto_shrink([false, true])
            .max_height(ui.available_height() * 0.6)
            .show(ui, |ui| {
                for (index, lane) in lanes.iter().enumerate() {
                    let name = lane_name(self.editor.map(), &lane.id, lang);
                    let selected = self.selection.contains(&Target::Lane(lane.id.clone()));
                    let row = ui.horizontal(|ui| {
                        let mut shown = !lane.hidden;
                        let toggle = ui.checkbox(&mut shown, "").on_hover_text(T::ShowOnMap.tr(lang));
                        let toggle_label = format!("{} · {name}", T::ShowOnMap.tr(lang));
                        toggle.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::CheckBox,
                                true,
                                shown,
                                toggle_label.clone(),
                            )
                        });
                        if toggle.changed() {
                            let result = self.editor.set_lane_hidden(&lane.id, !shown);
                            self.report(result);
                        }
                        let handle = ui.dnd_drag_source(
                            egui::Id::unique(("lane-drag", &lane.id)),
                            lane.id.clone(),
                            |ui| {
                                ui.label("::");
                            },
                        );
                        handle.response.on_hover_text(T::DragToReorder.tr(lang));
                        let text = if lane.hidden {
                            fill(T::HiddenSuffix.tr(lang), &[("name", &name)])
                        } else {
                            name.clone()
                        };
                        // The arrows before the name: a long name is cut short at the panel's
                        // edge, the arrows never are.
                        if icon_button(ui, index > 0, "▲", T::MoveUp.tr(lang)).clicked() {
                            dropped = Some((lane.id.clone(), index - 1));
                        }
                        if icon_button(ui, index + 1 < n, "▼", T::MoveDown.tr(lang)).clicked() {
                            dropped = Some((lane.id.clone(), index + 1));
                        }
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        if ui.selectable_label(selected, text).clicked() {
                            self.intents.push(Intent::Select(Target::Lane(lane.id.clone())));
                        }
                    });
                    if let Some(payload) = row.response.dnd_release_payload::<Id>() {
                        dropped = Some(((*payload).clone(), index));
                    }
                }
            });
        if let Some((id, to)) = dropped {
            let result = self.editor.apply(Command::MoveLane { id, to });
            self.report(result);
        }
        ui.separator();
        ui.menu_button(T::AddLane.tr(lang), |ui| {
            if ui.button(T::NewPersonaLane.tr(lang)).clicked() {
                self.add_persona_lane();
                ui.close();
            }
            let personas: Vec<(Id, String)> =
                self.editor.map().personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
            if !personas.is_empty() {
                ui.menu_button(T::LaneForPersona.tr(lang), |ui| {
                    for (id, name) in personas {
                        if ui.button(name).clicked() {
                            self.add_lane_for_persona(&id);
                            ui.close();
                        }
                    }
                });
            }
            ui.separator();
            for kind in LaneKind::SHARED {
                let text = fill(T::SharedLane.tr(lang), &[("kind", lane_kind_text(&kind).tr(lang))]);
                if ui.button(text).clicked() {
                    self.add_shared_lane(kind);
                    ui.close();
                }
            }
        });
        ui.separator();
        ui.heading(T::Personas.tr(lang));
        let personas: Vec<(Id, String)> =
            self.editor.map().personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
        for (id, name) in personas {
            let lane_of_persona =
                self.editor.map().lanes.iter().find(|l| l.kind.persona() == Some(&id)).map(|l| l.id.clone());
            let selected =
                lane_of_persona.as_ref().is_some_and(|l| self.selection.contains(&Target::Lane(l.clone())));
            if ui.selectable_label(selected, name).clicked()
                && let Some(lane) = lane_of_persona
            {
                self.selection.only(Target::Lane(lane));
            }
        }
        ui.separator();
        ui.heading(T::Stages.tr(lang));
        let stages: Vec<(Id, String)> =
            self.editor.map().stages.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        let count = stages.len();
        for (index, (id, name)) in stages.into_iter().enumerate() {
            ui.horizontal(|ui| {
                let selected = self.selection.contains(&Target::Stage(id.clone()));
                if icon_button(ui, index > 0, "◀", T::MoveLeft.tr(lang)).clicked() {
                    let result = self.editor.apply(Command::MoveStage { id: id.clone(), to: index - 1 });
                    self.report(result);
                }
                if icon_button(ui, index + 1 < count, "▶", T::MoveRight.tr(lang)).clicked() {
                    let result = self.editor.apply(Command::MoveStage { id: id.clone(), to: index + 1 });
                    self.report(result);
                }
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                if ui.selectable_label(selected, &name).clicked() {
                    self.selection.only(Target::Stage(id.clone()));
                }
            });
        }
    }
}

/// The name a lane shows: its title, or its persona's name, or its kind.
pub fn lane_name(map: &Map, id: &Id, language: Lang) -> String {
    let Some(lane) = map.lane(id) else { return String::new() };
    if !lane.title.is_empty() {
        return lane.title.clone();
    }
    match lane.kind.persona().and_then(|p| map.persona(p)) {
        Some(persona) => persona.name.clone(),
        None => lane_kind_text(&lane.kind).tr(language).to_owned(),
    }
}

/// The catalogue entry naming a lane kind.
pub fn lane_kind_text(kind: &LaneKind) -> T {
    match kind {
        LaneKind::Persona(_) => T::Persona,
        LaneKind::Actions => T::LaneActions,
        LaneKind::Thoughts => T::LaneThoughts,
        LaneKind::Channels => T::LaneChannels,
        LaneKind::PainPoints => T::LanePainPoints,
        LaneKind::Opportunities => T::LaneOpportunities,
        LaneKind::Ideas => T::LaneIdeas,
        LaneKind::Backstage => T::LaneBackstage,
        LaneKind::Kpis => T::LaneKpis,
        LaneKind::Text => T::LaneText,
    }
}

/// A small button showing an arrow, named for screen readers (and kittest) by what it does.
fn icon_button(ui: &mut egui::Ui, enabled: bool, icon: &str, label: &str) -> egui::Response {
    let response = ui.add_enabled(enabled, egui::Button::new(icon).small()).on_hover_text(label);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, label));
    response
}
