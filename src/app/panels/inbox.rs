//! The inbox tray: the notes participants posted from the room, newest first, each with its
//! kind, stage and author (or anonymous), to add to the selected cell (it becomes a card) or to
//! dismiss. Participants' text is shown as plain text (labels), never as markup.

use super::super::i18n::{Lang, T};
use super::super::intents::Intent;
use super::PanelContext;
use crate::model::{Map, Note, NoteKind};

/// What a note of the tray carries while it is dragged onto the canvas (its id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteDrag(pub crate::model::Id);

/// The catalogue entry naming a note's kind.
pub fn note_kind_text(kind: NoteKind) -> T {
    match kind {
        NoteKind::Note => T::NoteKindNote,
        NoteKind::Touchpoint => T::NoteKindTouchpoint,
        NoteKind::PainPoint => T::NoteKindPainPoint,
        NoteKind::Opportunity => T::NoteKindOpportunity,
        NoteKind::Idea => T::NoteKindIdea,
        NoteKind::Question => T::NoteKindQuestion,
    }
}

/// The line under a note: kind · stage · author.
pub fn note_caption(map: &Map, note: &Note, lang: Lang) -> String {
    let stage = note
        .stage
        .as_ref()
        .and_then(|id| map.stages.iter().find(|s| s.id == *id))
        .map_or_else(|| T::InboxAnyStage.tr(lang).to_owned(), |s| s.name.clone());
    let author =
        if note.author.trim().is_empty() { T::InboxAnonymous.tr(lang) } else { note.author.as_str() };
    format!("{} · {stage} · {author}", note_kind_text(note.kind).tr(lang))
}

impl PanelContext<'_> {
    /// The inbox tray.
    pub fn inbox_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let map = self.editor.map();
        ui.heading(format!("{} ({})", self.t(T::InboxTitle), map.inbox.len()));
        let cell = self.selection.cell(map);
        if map.inbox.is_empty() {
            ui.label(self.t(T::InboxEmpty));
            return;
        }
        if cell.is_none() {
            ui.weak(self.t(T::InboxSelectCell));
        }
        ui.weak(self.t(T::InboxDragHint));
        let mut asked = Vec::new();
        egui::ScrollArea::vertical().id_salt("inbox-scroll").show(ui, |ui| {
            for note in map.inbox.iter().rev() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    // The note's text and caption can be dragged onto a cell of the canvas (a
                    // drag source over the buttons would take their clicks: egui gives a
                    // drag-only widget on top the pointer).
                    let source = egui::Id::unique(("inbox-note", note.id.as_str()));
                    ui.dnd_drag_source(source, NoteDrag(note.id.clone()), |ui| {
                        ui.set_width(ui.available_width());
                        // Plain text: whatever a participant typed is shown as typed.
                        ui.label(egui::RichText::new(&note.text).strong());
                        ui.weak(note_caption(map, note, lang));
                    });
                    ui.horizontal_wrapped(|ui| {
                        let add =
                            ui.add_enabled(cell.is_some(), egui::Button::new(T::InboxAddToCell.tr(lang)));
                        if add.clicked()
                            && let Some(cell) = &cell
                        {
                            asked.push(Intent::NoteToCell(note.id.clone(), cell.clone()));
                        }
                        if ui.button(T::InboxDismiss.tr(lang)).clicked() {
                            asked.push(Intent::DismissNote(note.id.clone()));
                        }
                        let remove = ui
                            .button(T::InboxRemoveParticipant.tr(lang))
                            .on_hover_text(T::InboxRemoveParticipantHint.tr(lang));
                        if remove.clicked() {
                            asked.push(Intent::RemoveParticipant(note.participant.clone()));
                        }
                    });
                });
            }
        });
        self.intents.extend(asked);
    }
}
