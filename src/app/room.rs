//! The workshop room opened from the designer (Atelier › Open a room…): a [`Host`] and its
//! [`Session`] on the open map. The server runs on its own thread; each frame the designer
//! reports the facilitator's own edits (read from the editor's journal) to the joined desktops,
//! then applies what arrived from the room through the session's commands. The server wakes the
//! window when something arrives (`Host::set_waker`), so an idle window stays asleep.

use super::Designer;
use super::i18n::T;
use crate::edit::{Cell, Command};
use crate::model::{Card, Id, IdKind, Vote};
use crate::room::{Event, Host, Presence, RoomOptions, Session, net};
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::Duration;

/// The port a room opens on, as `parcours room` (another one is chosen when it is taken).
pub const ROOM_PORT: u16 = 7878;

/// The room opened from this designer.
pub struct OpenRoom {
    /// The server's handle.
    pub host: Host,
    /// Commands, undo of the facilitator's own steps, the view's publication, the vote's timer.
    pub session: Session,
    /// The facilitator's commands already reported but not yet one step of their own undo
    /// (while typing in a field or dragging: the step ends when the field or the drag does).
    pending: Vec<(Command, Command)>,
    /// The joined desktops' people and what each has selected, by desktop id.
    peers: BTreeMap<Id, Presence>,
    /// The facilitator's selection as last sent to the desktops.
    shown_selection: Vec<Id>,
    /// The join code's modules for the presentation's corner, and the URL they encode.
    code: Option<(String, usize, Vec<bool>)>,
}

impl std::fmt::Debug for OpenRoom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenRoom").field("host", &self.host).finish_non_exhaustive()
    }
}

impl OpenRoom {
    /// The participants' join URL (the QR code's).
    pub fn url(&self) -> String {
        self.host.url()
    }

    /// Participants connected now.
    pub fn participants(&self) -> usize {
        self.session.participants
    }

    /// The joined desktops' people and their selections, by desktop id.
    pub fn peers(&self) -> &BTreeMap<Id, Presence> {
        &self.peers
    }

    /// Keeps the desktops' names and selections up to date from an event about to be handled.
    fn note_presence(&mut self, event: &Event) {
        match event {
            Event::PeerJoined { peer, name } => {
                self.peers.entry(peer.clone()).or_default().name.clone_from(name);
            }
            Event::PeerLeft { peer } => {
                self.peers.remove(peer);
            }
            Event::Presence { peer, selection } => {
                self.peers.entry(peer.clone()).or_default().selection.clone_from(selection);
            }
            _ => {}
        }
    }
}

/// The name this desktop's person shows to the others in a room: the account's name, or
/// « Animateur » / "Facilitator" when there is none.
pub fn person_name(fallback: &str) -> String {
    let name = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    let name = name.trim();
    if name.is_empty() || name == "root" {
        return fallback.to_owned();
    }
    let mut letters = name.chars();
    letters.next().map_or_else(String::new, |first| first.to_uppercase().chain(letters).collect())
}

impl Designer {
    /// The room opened from this window, if any.
    pub fn room(&self) -> Option<&OpenRoom> {
        self.room.as_ref()
    }

    /// The address rooms open on (this machine's LAN address unless set; tests use 127.0.0.1).
    pub fn set_room_address(&mut self, address: IpAddr, port: u16) {
        self.room_address = Some((address, port));
    }

    /// Opens a room on the map (or keeps the one open); true when one is open afterwards.
    pub(crate) fn open_room(&mut self, ctx: &egui::Context) -> bool {
        if self.room.is_some() {
            return true;
        }
        let language = self.editor.map().language.clone();
        let started = if let Some((address, port)) = self.room_address {
            Host::start(RoomOptions::new(address, port, &language))
        } else {
            let address = net::lan_address();
            Host::start(RoomOptions::new(address, ROOM_PORT, &language))
                .or_else(|_| Host::start(RoomOptions::new(address, 0, &language)))
        };
        let mut host = match started {
            Ok(host) => host,
            Err(error) => {
                self.status = self.tf(T::RoomFailed, &[("error", &error.to_string())]);
                return false;
            }
        };
        let waker = ctx.clone();
        host.set_waker(move || waker.request_repaint());
        let mut session = Session::new();
        session.publish(&mut host, self.editor.map());
        // From now on the editor keeps every command it applies, for the joined desktops.
        self.editor.history_mut().record(true);
        self.status = self.tf(T::RoomOpened, &[("url", &host.url())]);
        self.room = Some(OpenRoom {
            host,
            session,
            pending: Vec::new(),
            peers: BTreeMap::new(),
            shown_selection: Vec::new(),
            code: None,
        });
        true
    }

    /// Closes the room: every participant and desktop is disconnected, the server stops.
    pub(crate) fn close_room(&mut self) {
        if let Some(room) = self.room.take() {
            room.host.close();
            self.editor.history_mut().record(false);
            self.status = self.t(T::RoomClosed).to_owned();
        }
    }

    /// Makes new links (everyone is disconnected and must scan the new code).
    pub(crate) fn renew_room_link(&mut self) {
        let Some(room) = &mut self.room else { return };
        match room.host.renew_token() {
            Ok(url) => self.status = self.tf(T::RoomOpened, &[("url", &url)]),
            Err(error) => self.status = self.tf(T::RoomFailed, &[("error", &error.to_string())]),
        }
    }

    /// Reports the facilitator's edits since the last call to the room; with `end_step` (or
    /// when no field is being typed in and no drag is open) they become one step of the
    /// facilitator's own undo.
    fn report_own_edits(&mut self, end_step: bool) {
        let Some(room) = &mut self.room else { return };
        for (command, inverse) in self.editor.history_mut().take_journal() {
            room.session.report(&mut room.host, self.editor.map(), &command);
            room.pending.push((command, inverse));
        }
        let open = self.editor.history().in_transaction() || self.ctx.text_edit_focused();
        if end_step || !open {
            room.session.own_step(std::mem::take(&mut room.pending));
        }
    }

    /// Once a frame while a room is open: the facilitator's edits go to the room, what arrived
    /// from the room is applied, the vote's timer runs, the participants' view is published.
    pub(crate) fn room_frame(&mut self, ctx: &egui::Context) {
        self.joined_frame();
        if self.room.is_none() {
            return;
        }
        self.room_corner_ui(ctx);
        self.report_own_edits(false);
        let Some(room) = &mut self.room else { return };
        let mut changed = false;
        for event in room.host.poll() {
            room.note_presence(&event);
            changed |= room.session.handle(&mut room.host, &mut self.editor, event);
        }
        changed |= room.session.tick(&mut room.host, &mut self.editor);
        // The session reported these itself.
        self.editor.history_mut().take_journal();
        room.session.publish_if_due(&mut room.host, self.editor.map());
        if changed {
            self.prune_selection();
        }
        self.show_selection_to_room();
        self.show_presented_stage();
        let Some(room) = &self.room else { return };
        if let Some(wait) = room.session.publish_due_in() {
            ctx.request_repaint_after(wait);
        }
        if self.editor.map().vote.as_ref().is_some_and(|v| v.open && v.minutes.is_some()) {
            // The vote's timer: closed by `Session::tick` when its minutes are up.
            ctx.request_repaint_after(Duration::from_secs(1));
        }
    }

    /// Tells the joined desktops what the facilitator has selected, when it changed.
    fn show_selection_to_room(&mut self) {
        let ids = self.selection.ids();
        if self.room.as_ref().is_none_or(|room| room.shown_selection == ids) {
            return;
        }
        let name = person_name(self.t(T::RoomFacilitator));
        if let Some(room) = &mut self.room {
            room.host.presence(&name, ids.clone());
            room.shown_selection = ids;
        }
    }

    /// The phones follow the stage presented (the overview when not presenting a stage).
    fn show_presented_stage(&mut self) {
        let stage = self.presentation.as_ref().and_then(|p| p.stage);
        let Some(room) = &mut self.room else { return };
        if room.session.presented != stage {
            room.session.presented = stage;
            room.session.touch();
            room.session.publish_if_due(&mut room.host, self.editor.map());
        }
    }

    /// While presenting with a room open: the join code, the short address and the number of
    /// participants in the corner, so that latecomers can join from the projected screen.
    pub(crate) fn room_corner_ui(&mut self, ctx: &egui::Context) {
        if self.presentation.is_none() {
            return;
        }
        let lang = self.lang;
        let Some(room) = &mut self.room else { return };
        let url = room.host.url();
        if room.code.as_ref().is_none_or(|(shown, _, _)| *shown != url) {
            room.code =
                super::dialogs::room::qr_modules(&url).map(|(width, dark)| (url.clone(), width, dark));
        }
        let participants = room.session.participants.to_string();
        let Some((_, width, dark)) = &room.code else { return };
        egui::Area::new(egui::Id::unique("room-corner"))
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-12.0, 12.0))
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(egui::Color32::WHITE)
                    .stroke(egui::Stroke::new(1.0, egui::Color32::from_gray(160)))
                    .corner_radius(6.0)
                    .inner_margin(egui::Margin::same(8))
                    .show(ui, |ui| {
                        ui.set_max_width(176.0);
                        super::dialogs::room::draw_code_sized(ui, *width, dark, 160.0);
                        let black = egui::Color32::BLACK;
                        ui.label(egui::RichText::new(T::RoomCornerJoin.tr(lang)).color(black).strong());
                        ui.label(egui::RichText::new(&url).color(black).monospace().size(10.0));
                        let count = super::i18n::fill(T::RoomParticipants.tr(lang), &[("n", &participants)]);
                        ui.label(egui::RichText::new(count).color(egui::Color32::from_gray(60)));
                    });
            });
    }

    /// The other people in the room and what each has selected (drawn on the canvas): the
    /// joined desktops' when this window hosts the room, the others' when it joined one.
    pub fn others_in_room(&self) -> Vec<(Id, Presence)> {
        if let Some(room) = &self.room {
            return room.peers.iter().map(|(id, p)| (id.clone(), p.clone())).collect();
        }
        self.joined_presence()
    }

    /// Undo while a room is open: the facilitator's own steps only.
    pub(crate) fn room_undo(&mut self, undo: bool) {
        self.report_own_edits(true);
        let Some(room) = &mut self.room else { return };
        if undo {
            room.session.undo(&mut room.host, &mut self.editor);
        } else {
            room.session.redo(&mut room.host, &mut self.editor);
        }
        self.editor.history_mut().take_journal();
        self.prune_selection();
    }

    /// Whether the facilitator has a step of their own to undo (`undo`) or redo.
    pub(crate) fn room_can_undo(&self, undo: bool) -> Option<bool> {
        let room = self.room.as_ref()?;
        Some(if undo {
            room.session.can_undo() || !room.pending.is_empty() || self.editor.history().in_transaction()
        } else {
            room.session.can_redo()
        })
    }

    /// Applies a command of the facilitator's while a room is open (or not): one undo step.
    pub(crate) fn apply_own(&mut self, command: Command) {
        self.report_own_edits(true);
        let result = match &mut self.room {
            Some(room) => {
                let result = room.session.apply(&mut room.host, &mut self.editor, command);
                self.editor.history_mut().take_journal();
                result
            }
            None => self.editor.apply(command),
        };
        self.report(result);
    }

    /// Makes a note of the inbox into a card at the end of `cell` (one undo step).
    pub(crate) fn note_to_cell(&mut self, note: &Id, cell: &Cell) {
        let Some(note) = self.editor.map().inbox.iter().find(|n| n.id == *note).cloned() else { return };
        let id = self.editor.fresh_id(IdKind::Card);
        let card = Card::new(id.clone(), cell.lane.clone(), cell.stage.clone(), "");
        let command = Command::note_to_card(self.editor.map(), &note, card);
        self.apply_own(command);
        if self.editor.map().cards.iter().any(|c| c.id == id) {
            self.selection.only(crate::display::Target::Card(id));
        }
    }

    /// Removes a participant: their notes and votes leave the map (one undo step) and, while a
    /// room is open, they are disconnected and refused until it closes.
    pub(crate) fn remove_participant(&mut self, participant: &Id) {
        self.report_own_edits(true);
        let result = match &mut self.room {
            Some(room) => {
                let result = room.session.remove_participant(&mut room.host, &mut self.editor, participant);
                self.editor.history_mut().take_journal();
                result
            }
            None => self.editor.apply(Command::RemoveParticipant { participant: participant.clone() }),
        };
        self.report(result);
    }

    /// Opens a dot vote (replacing any vote).
    pub(crate) fn start_vote(&mut self, vote: Vote) {
        self.apply_own(Command::SetVote(Some(Vote { open: true, ..vote })));
    }

    /// Closes the open vote: its results stay on the cards.
    pub(crate) fn stop_vote(&mut self) {
        if let Some(vote) = self.editor.map().vote.clone() {
            self.apply_own(Command::SetVote(Some(Vote { open: false, ..vote })));
        }
    }
}
