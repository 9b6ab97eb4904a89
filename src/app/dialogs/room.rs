//! The workshop room's window (a big QR code of the join URL, the short URL, the participants
//! connected, Print join sheet…, Renew link, Close room) and the dot vote's form.

use super::super::i18n::{Lang, T, fill};
use super::super::room::OpenRoom;
use crate::model::{CardKind, Map, Vote};
use qrcode::{Color, EcLevel, QrCode};

/// What the room's window asked for.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoomIntent {
    /// Write the A4 join sheet (asks where).
    PrintSheet,
    /// New links: everyone is disconnected and scans the new code.
    Renew,
    /// Close the room.
    CloseRoom,
    /// Close the window; the room stays open.
    Close,
}

/// The room's window: the code is made once per URL.
#[derive(Debug, Default)]
pub struct RoomWindow {
    /// The URL the code was made for, its width in modules and its modules, row by row.
    code: Option<(String, usize, Vec<bool>)>,
}

/// Side of the code on screen, in points.
const QR_SIDE: f32 = 360.0;
/// Empty modules around the code (the quiet zone readers need).
const QUIET: usize = 4;

impl RoomWindow {
    /// The code's modules for `url` (dark = true), made when the URL changed.
    fn modules(&mut self, url: &str) -> Option<(usize, &[bool])> {
        if self.code.as_ref().is_none_or(|(shown, _, _)| shown != url) {
            let (width, dark) = qr_modules(url)?;
            self.code = Some((url.to_owned(), width, dark));
        }
        self.code.as_ref().map(|(_, width, dark)| (*width, dark.as_slice()))
    }

    /// Draws the window for the open room.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, room: Option<&OpenRoom>) -> Option<RoomIntent> {
        ui.heading(T::RoomTitle.tr(lang));
        let Some(room) = room else {
            ui.label(T::RoomClosed.tr(lang));
            return ui.button(T::Close.tr(lang)).clicked().then_some(RoomIntent::Close);
        };
        let url = room.url();
        ui.label(T::RoomScan.tr(lang));
        if let Some((width, dark)) = self.modules(&url) {
            draw_code(ui, width, dark);
        }
        // The address, selectable for typing it on a laptop.
        ui.add(egui::Label::new(egui::RichText::new(&url).monospace().strong()).selectable(true));
        ui.label(fill(T::RoomParticipants.tr(lang), &[("n", &room.participants().to_string())]));
        let mut intent = None;
        ui.separator();
        ui.label(T::RoomDesktopLink.tr(lang));
        let desktop = room.host.peer_url();
        ui.horizontal(|ui| {
            ui.add(egui::Label::new(egui::RichText::new(&desktop).monospace()).selectable(true));
            if ui.button(T::RoomCopyLink.tr(lang)).clicked() {
                ui.ctx().copy_text(desktop.clone());
            }
        });
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            if ui.button(T::RoomPrintSheet.tr(lang)).clicked() {
                intent = Some(RoomIntent::PrintSheet);
            }
            if ui.button(T::RoomRenew.tr(lang)).clicked() {
                intent = Some(RoomIntent::Renew);
            }
            if ui.button(T::ActCloseRoom.tr(lang)).clicked() {
                intent = Some(RoomIntent::CloseRoom);
            }
            if ui.button(T::Close.tr(lang)).clicked() {
                intent = Some(RoomIntent::Close);
            }
        });
        intent
    }
}

/// The QR code of `url`: its width in modules and its modules row by row (dark = true).
pub fn qr_modules(url: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    Some((code.width(), dark))
}

/// The code as black squares on white, one rectangle per run of dark modules in a row (as the
/// join sheet draws it).
fn draw_code(ui: &mut egui::Ui, width: usize, dark: &[bool]) {
    draw_code_sized(ui, width, dark, QR_SIDE);
}

/// The code drawn as `draw_code` does, at a side of `side` points (the presentation's corner
/// shows a smaller one).
pub fn draw_code_sized(ui: &mut egui::Ui, width: usize, dark: &[bool], side: f32) {
    let (response, painter) = ui.allocate_painter(egui::vec2(side, side), egui::Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    #[expect(clippy::cast_precision_loss, reason = "a QR code is at most 177 modules wide")]
    let module = side / (width + 2 * QUIET) as f32;
    let origin = rect.min + egui::vec2(QUIET as f32 * module, QUIET as f32 * module);
    for row in 0..width {
        let mut column = 0;
        while column < width {
            if !dark.get(row * width + column).copied().unwrap_or(false) {
                column += 1;
                continue;
            }
            let start = column;
            while column < width && dark.get(row * width + column).copied().unwrap_or(false) {
                column += 1;
            }
            #[expect(clippy::cast_precision_loss, reason = "a QR code is at most 177 modules wide")]
            let run = egui::Rect::from_min_size(
                origin + egui::vec2(start as f32 * module, row as f32 * module),
                egui::vec2((column - start) as f32 * module, module),
            );
            painter.rect_filled(run, 0.0, egui::Color32::BLACK);
        }
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "QR code"));
}

/// What the vote's form asked for.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VoteIntent {
    /// Open the vote.
    Start(Vote),
    /// Close the form.
    Cancel,
}

/// Atelier › Start a vote…: the kinds of cards, the dots per participant, an optional timer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteForm {
    /// The card kinds that can be voted on (none ticked: every kind).
    pub kinds: Vec<CardKind>,
    /// Dots each participant may place.
    pub per_participant: u32,
    /// Minutes until the vote closes by itself; `None`: until Stop vote.
    pub minutes: Option<u32>,
}

impl VoteForm {
    /// The form with the map's last vote's settings, else pain points and opportunities, 3 dots.
    pub fn new(map: &Map) -> Self {
        match &map.vote {
            Some(vote) => Self {
                kinds: vote.kinds.clone(),
                per_participant: vote.per_participant,
                minutes: vote.minutes,
            },
            None => Self {
                kinds: vec![CardKind::PainPoint, CardKind::Opportunity],
                per_participant: 3,
                minutes: None,
            },
        }
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<VoteIntent> {
        ui.heading(T::VoteTitle.tr(lang));
        ui.label(T::VoteKinds.tr(lang));
        ui.horizontal_wrapped(|ui| {
            for kind in CardKind::ALL {
                let mut on = self.kinds.contains(&kind);
                if ui.checkbox(&mut on, lang.kind(kind)).changed() {
                    if on {
                        self.kinds.push(kind);
                        self.kinds.sort();
                    } else {
                        self.kinds.retain(|k| *k != kind);
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label(T::VoteDots.tr(lang));
            ui.add(egui::DragValue::new(&mut self.per_participant).range(1..=50));
        });
        ui.horizontal(|ui| {
            let mut timed = self.minutes.is_some();
            if ui.checkbox(&mut timed, T::VoteTimed.tr(lang)).changed() {
                self.minutes = timed.then_some(5);
            }
            if let Some(minutes) = &mut self.minutes {
                ui.add(egui::DragValue::new(minutes).range(1..=120));
            }
        });
        let mut intent = None;
        ui.horizontal(|ui| {
            if ui.button(T::ActStartVote.tr(lang)).clicked() {
                intent = Some(VoteIntent::Start(Vote {
                    kinds: self.kinds.clone(),
                    per_participant: self.per_participant.clamp(1, 50),
                    minutes: self.minutes,
                    open: true,
                }));
            }
            if ui.button(T::Cancel.tr(lang)).clicked() {
                intent = Some(VoteIntent::Cancel);
            }
        });
        intent
    }
}
