//! A joined desktop's copy of the host's map: local edits shown at once, rebased on the host's
//! order, and an undo that takes back only this desktop's own commands.
//!
//! The host is the authority: it applies every desktop's commands in one order and numbers them
//! (`seq`). A [`Joined`] keeps two maps:
//!
//! - `confirmed`, the host's document at the last sequence number received: the snapshot, then
//!   every [`PeerEvent::Applied`] command in order. All desktops hold the same `confirmed` at the
//!   same `seq`, since they apply the same deterministic commands to the same start.
//! - `local`, what this desktop shows: `confirmed` with this desktop's commands still waiting
//!   for the host's order (`pending`) applied on top, in the order they were made.
//!
//! When another desktop's command arrives while some of ours wait, `local` is rebuilt: the
//! command goes into `confirmed`, and our pending commands are applied again on top (a rebase).
//! When one of ours comes back in the host's order it moves from `pending` into `confirmed`, and
//! `local` does not change. A command of ours the host refuses (its card was deleted meanwhile)
//! is dropped and `local` rebuilt without it. Two commands setting the same field of the same
//! element therefore end with the one the host ordered last — last writer wins per field, as in
//! Figma's multiplayer — while commands on different fields both survive; and since the host
//! only applies commands that apply to its document, the map is never left half-changed.
//!
//! Undo: this desktop's steps are its own commands, with the inverse each had at its place in
//! the host's order. [`Joined::undo`] sends the latest step's inverse as a new command, so it
//! takes back this desktop's change and nobody else's. A step whose effect another desktop has
//! since replaced (the same field set again later) is skipped instead of overwriting that later
//! edit. See `docs/room.md` for the design and its trade-offs.

use super::peer::{JoinError, Peer, PeerEvent};
use crate::edit::{Command, EditError, FieldKey};
use crate::model::{Id, IdGen, IdKind, Map};
use std::collections::BTreeMap;
use std::time::Duration;

/// Steps of this desktop's own history kept for undo.
pub const UNDO_STEPS: usize = 1_000;

/// What changed in a [`Joined`], as reported by [`Joined::poll`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinedEvent {
    /// The first snapshot arrived: [`Joined::map`] is now the host's map (it is empty before).
    Synced,
    /// The map shown changed: another desktop's or the room's edit, or a rebase.
    Changed,
    /// One of this desktop's commands was refused by the host; the map no longer shows it.
    Rejected {
        /// The id [`Joined::apply`] returned for it.
        id: Id,
        /// Why, from the host (e.g. the card it changes was deleted).
        message: String,
    },
    /// Another desktop's selection changed (see [`Joined::presence`]).
    Presence,
    /// The connection dropped. Edits go on locally and are sent once connected again.
    Disconnected,
    /// Connected again after a drop; the missed commands (or a snapshot) follow.
    Reconnected,
    /// The room closed, its link was renewed, or it refused this desktop: nothing more arrives
    /// and commands are no longer sent.
    Closed {
        /// `closed`, `renewed`, `full` or `refused`.
        reason: String,
    },
}

/// Another desktop's person and what they have selected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Presence {
    /// The person's name, as they gave it when joining.
    pub name: String,
    /// The ids of the elements they have selected.
    pub selection: Vec<Id>,
}

/// A command of this desktop's, sent and not yet ordered by the host.
#[derive(Clone, Debug)]
struct Pending {
    id: Id,
    command: Command,
    /// False when it did not apply to `local` at the last rebase (the host will refuse it too).
    applied: bool,
}

/// One step of this desktop's history.
#[derive(Clone, Debug)]
struct Step {
    /// The id of the (first) command that made it.
    id: Id,
    /// What the step did (for typing, the last value typed).
    done: Command,
    /// Its inverse: computed on `local` when sent, then the host's, computed on `confirmed` at
    /// the command's place in the host's order.
    undo: Command,
    /// For a typing step: the field typed into, so that the next keystroke joins the step.
    typing: Option<FieldKey>,
}

/// True when what `done` did is still what `map` shows: doing it again would change nothing (or
/// cannot be done again: the element it inserted is there, the one it removed is gone). False
/// when someone has since replaced its effect (set the same field again, moved the card).
pub(super) fn in_effect(map: &Map, done: &Command) -> bool {
    let mut copy = map.clone();
    !matches!(done.clone().apply(&mut copy), Ok(again) if !again.is_nothing())
}

/// A desktop joined to a room: the host's map kept in step, with this desktop's edits shown at
/// once and its own undo. Made with [`Joined::connect`]; call [`Joined::poll`] each frame.
pub struct Joined {
    peer: Peer,
    confirmed: Map,
    seq: u64,
    local: Map,
    pending: Vec<Pending>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    others: BTreeMap<Id, Presence>,
    selection: Vec<Id>,
    synced: bool,
    connected_once: bool,
    connected: bool,
    closed: Option<String>,
    ids: IdGen,
    /// A command shown and not sent (a drag in progress), with its inverse on `local`.
    preview: Option<(Command, Command)>,
}

impl std::fmt::Debug for Joined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Joined")
            .field("peer", self.peer.id())
            .field("seq", &self.seq)
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl Joined {
    /// Joins the room at its desktop URL (`http://…/d/TOKEN`, [`super::Host::peer_url`]) as
    /// `peer` (a random id for this session, e.g. `d-x8k2`) with the person's name, shown to the
    /// others next to their selection. Returns at once; [`JoinedEvent::Synced`] follows.
    pub fn connect(url: &str, peer: Id, name: &str) -> Result<Self, JoinError> {
        Ok(Self::over(Peer::connect(url, peer, name)?))
    }

    /// A joined desktop over a connection made already.
    pub fn over(peer: Peer) -> Self {
        // Seeded by the desktop's random id: two desktops draw different new ids.
        let ids = IdGen::with_seed(crate::hash::fnv1a(peer.id().as_str().as_bytes()));
        Self {
            ids,
            preview: None,
            peer,
            confirmed: Map::default(),
            seq: 0,
            local: Map::default(),
            pending: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            others: BTreeMap::new(),
            selection: Vec::new(),
            synced: false,
            connected_once: false,
            connected: false,
            closed: None,
        }
    }

    /// Calls `waker` (on the connection's thread) each time something arrives from the host.
    pub fn set_waker(&self, waker: impl Fn() + Send + Sync + 'static) {
        self.peer.set_waker(waker);
    }

    /// This desktop's id in the room.
    pub fn id(&self) -> &Id {
        self.peer.id()
    }

    /// A fresh id for a new element, unused in the map shown and never handed out before by
    /// this desktop. Drawn at random from a seed of this desktop's own, so two desktops adding
    /// cards at once do not pick the same ids (if they ever did, the host would refuse the
    /// second insert and its author would see it taken back).
    pub fn fresh_id(&mut self, kind: IdKind) -> Id {
        self.ids.observe(self.local.ids());
        self.ids.fresh(kind)
    }

    /// The map to show: the host's, with this desktop's commands still on their way on top.
    pub fn map(&self) -> &Map {
        &self.local
    }

    /// The host's map as of [`Joined::seq`], without this desktop's commands on their way.
    pub fn confirmed(&self) -> &Map {
        &self.confirmed
    }

    /// The sequence number of the last command of the host's order applied to
    /// [`Joined::confirmed`].
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// True once the first snapshot arrived.
    pub fn is_synced(&self) -> bool {
        self.synced
    }

    /// True while connected to the host.
    pub fn is_connected(&self) -> bool {
        self.connected
    }

    /// Why the room ended for this desktop, once it did.
    pub fn closed(&self) -> Option<&str> {
        self.closed.as_deref()
    }

    /// How many of this desktop's commands wait for the host's order.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// The other desktops' people and selections, by desktop id (the host's facilitator is
    /// `host`).
    pub fn presence(&self) -> &BTreeMap<Id, Presence> {
        &self.others
    }

    /// Presents a stage to the room's participants (their pages follow it), or the overview.
    pub fn present(&self, stage: Option<usize>) {
        self.peer.present(stage);
    }

    /// Tells the other desktops what this one has selected (sent again after a reconnection).
    pub fn select(&mut self, selection: Vec<Id>) {
        if selection != self.selection {
            self.selection.clone_from(&selection);
            self.peer.presence(selection);
        }
    }

    /// Applies an edit to the map shown and sends it to the host; returns its id (the id a
    /// [`JoinedEvent::Rejected`] names). Refused, and not sent, when it does not apply to the
    /// map shown. One undo step. Sent when connected again if the connection is down; after
    /// [`JoinedEvent::Closed`] it stays on this desktop only.
    pub fn apply(&mut self, command: Command) -> Result<Id, EditError> {
        let (id, undo) = self.send(command.clone())?;
        self.record(Step { id: id.clone(), done: command, undo, typing: None });
        Ok(id)
    }

    /// Applies an edit typed into a field: consecutive edits of the same field of the same
    /// element are one undo step (each is still sent at once, so the others see the typing).
    pub fn apply_typing(&mut self, command: Command) -> Result<Id, EditError> {
        let key = command.field_key();
        let joins = key.is_some() && self.undo.last().is_some_and(|s| s.typing == key);
        let (id, undo) = self.send(command.clone())?;
        if joins && let Some(step) = self.undo.last_mut() {
            step.done = command;
        } else {
            self.record(Step { id: id.clone(), done: command, undo, typing: key });
        }
        Ok(id)
    }

    /// Ends a typing step (the field lost focus): the next keystroke starts a new step.
    pub fn end_typing(&mut self) {
        if let Some(step) = self.undo.last_mut() {
            step.typing = None;
        }
    }

    /// Shows a command without sending it: a drag in progress. Each preview replaces the one
    /// before; [`Joined::commit`] sends the last one as one step, [`Joined::abort`] takes it
    /// back. The preview stays on top of the map shown while commands arrive.
    pub fn preview(&mut self, command: Command) -> Result<(), EditError> {
        self.abort();
        let inverse = command.clone().apply(&mut self.local)?;
        self.preview = Some((command, inverse));
        Ok(())
    }

    /// Sends the command previewed last (one undo step) and returns its id; `None` when there
    /// was no preview.
    pub fn commit(&mut self) -> Option<Result<Id, EditError>> {
        let (command, _) = self.preview.clone()?;
        self.abort();
        Some(self.apply(command))
    }

    /// Takes the preview back, if any.
    pub fn abort(&mut self) {
        if let Some((_, inverse)) = self.preview.take()
            && inverse.apply(&mut self.local).is_err()
        {
            // Cannot happen (the inverse was made on this very map); rebuild to be sure.
            self.rebase();
        }
    }

    /// True when this desktop has a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when this desktop has an undone step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes this desktop's latest step still in effect, by sending its inverse; returns the
    /// id of the command sent, or `None` when nothing of this desktop's is left to undo.
    /// Another desktop's edits are never undone: a step whose change someone else has
    /// replaced since is skipped (undoing it would overwrite their later edit).
    pub fn undo(&mut self) -> Option<Id> {
        self.end_typing();
        self.take_back(true)
    }

    /// Redoes the step undone last, in the same way as [`Joined::undo`].
    pub fn redo(&mut self) -> Option<Id> {
        self.take_back(false)
    }

    /// What arrived from the host since the last call, applied; without waiting.
    pub fn poll(&mut self) -> Vec<JoinedEvent> {
        let events = self.peer.poll();
        self.handle(events)
    }

    /// Waits up to `timeout` for something to arrive, then applies everything that did.
    pub fn wait(&mut self, timeout: Duration) -> Vec<JoinedEvent> {
        let events = self.peer.wait(timeout);
        self.handle(events)
    }

    /// Applies a command to `local` and sends it; returns its id and its inverse on `local`.
    /// A preview is taken back first (its inverse would no longer apply on top).
    fn send(&mut self, command: Command) -> Result<(Id, Command), EditError> {
        self.abort();
        let undo = command.clone().apply(&mut self.local)?;
        let id = self.peer.send(command.clone());
        self.pending.push(Pending { id: id.clone(), command, applied: true });
        Ok((id, undo))
    }

    fn record(&mut self, step: Step) {
        self.redo.clear();
        self.undo.push(step);
        if self.undo.len() > UNDO_STEPS {
            self.undo.remove(0);
        }
    }

    /// Pops steps from the undo (or redo) history until one can be taken back, and sends its
    /// inverse; the step goes to the other history.
    fn take_back(&mut self, undo: bool) -> Option<Id> {
        self.abort();
        loop {
            let step = if undo { self.undo.pop()? } else { self.redo.pop()? };
            if step.undo.is_nothing() || !in_effect(&self.local, &step.done) {
                continue;
            }
            let Ok((id, inverse)) = self.send(step.undo.clone()) else { continue };
            let back = Step { id: id.clone(), done: step.undo, undo: inverse, typing: None };
            if undo {
                self.redo.push(back);
            } else {
                self.undo.push(back);
            }
            return Some(id);
        }
    }

    fn step_mut(&mut self, id: &Id) -> Option<&mut Step> {
        self.undo.iter_mut().chain(self.redo.iter_mut()).find(|s| &s.id == id)
    }

    fn forget_step(&mut self, id: &Id) {
        self.undo.retain(|s| &s.id != id);
        self.redo.retain(|s| &s.id != id);
    }

    fn handle(&mut self, events: Vec<PeerEvent>) -> Vec<JoinedEvent> {
        let mut out = Vec::new();
        let (mut rebase, mut changed) = (false, false);
        for event in events {
            match event {
                PeerEvent::Connected => {
                    self.connected = true;
                    if self.connected_once {
                        out.push(JoinedEvent::Reconnected);
                    }
                    self.connected_once = true;
                    if !self.selection.is_empty() {
                        self.peer.presence(self.selection.clone());
                    }
                }
                PeerEvent::Snapshot { seq, map } => {
                    self.confirmed = *map;
                    self.seq = seq;
                    (rebase, changed) = (true, true);
                    if !self.synced {
                        self.synced = true;
                        out.push(JoinedEvent::Synced);
                    }
                }
                PeerEvent::Applied { seq, author, id, command } => {
                    // Already in the snapshot, or received before: applied once only.
                    if seq <= self.seq {
                        continue;
                    }
                    self.seq = seq;
                    let mine = if &author == self.peer.id() {
                        id.as_ref().and_then(|id| self.pending.iter().position(|p| &p.id == id))
                    } else {
                        None
                    };
                    let Ok(inverse) = command.clone().apply(&mut self.confirmed) else {
                        // Cannot happen while every desktop applies the same commands in the
                        // same order; if it does, the map shown is rebuilt from what is known.
                        (rebase, changed) = (true, true);
                        continue;
                    };
                    match mine {
                        Some(index) => {
                            let done = self.pending.remove(index);
                            if let Some(step) = self.step_mut(&done.id) {
                                step.undo = inverse;
                            }
                            // `local` was `confirmed` with the pending commands on top: with the
                            // first of them now in `confirmed`, it is unchanged.
                            if index != 0 || !done.applied {
                                (rebase, changed) = (true, true);
                            }
                        }
                        None if self.pending.is_empty() && self.preview.is_none() && !rebase => {
                            if command.apply(&mut self.local).is_err() {
                                rebase = true;
                            }
                            changed = true;
                        }
                        None => (rebase, changed) = (true, true),
                    }
                }
                PeerEvent::Known { id, seq } => {
                    // A command sent again after a reconnection that the host had applied
                    // already, at `seq`: in `confirmed` when the snapshot holds it.
                    if seq <= self.seq
                        && let Some(index) = self.pending.iter().position(|p| p.id == id)
                    {
                        self.pending.remove(index);
                        (rebase, changed) = (true, true);
                    }
                }
                PeerEvent::Rejected { id, message } => {
                    if let Some(index) = self.pending.iter().position(|p| p.id == id) {
                        self.pending.remove(index);
                        (rebase, changed) = (true, true);
                    }
                    self.forget_step(&id);
                    out.push(JoinedEvent::Rejected { id, message });
                }
                PeerEvent::Presence { peer, name, selection } => {
                    if selection.is_empty() {
                        self.others.remove(&peer);
                    } else {
                        self.others.insert(peer, Presence { name, selection });
                    }
                    out.push(JoinedEvent::Presence);
                }
                PeerEvent::Disconnected => {
                    self.connected = false;
                    out.push(JoinedEvent::Disconnected);
                }
                PeerEvent::Closed { reason } => {
                    self.connected = false;
                    self.closed = Some(reason.clone());
                    out.push(JoinedEvent::Closed { reason });
                }
            }
        }
        if rebase {
            self.rebase();
        }
        if changed {
            out.push(JoinedEvent::Changed);
        }
        out
    }

    /// `local` = `confirmed` with the pending commands applied again on top, in order, and the
    /// preview on top of them (dropped if it no longer applies).
    fn rebase(&mut self) {
        self.local = self.confirmed.clone();
        for pending in &mut self.pending {
            pending.applied = pending.command.clone().apply(&mut self.local).is_ok();
        }
        if let Some((command, _)) = self.preview.take()
            && let Ok(inverse) = command.clone().apply(&mut self.local)
        {
            self.preview = Some((command, inverse));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::CardField;
    use crate::model::Card;

    /// A joined desktop whose connection never succeeds (nothing listens on port 1): events
    /// are handed to it by the test, as the host would send them.
    fn offline(id: &str) -> Joined {
        Joined::connect("http://127.0.0.1:1/d/token", Id::from(id), "Test").unwrap()
    }

    fn start() -> Map {
        crate::file::from_str(
            r#"(
    version: 1,
    title: "Atelier",
    stages: [(id: "s-1", name: "Achat")],
    lanes: [(id: "l-1", title: "Actions", kind: Actions)],
    cards: [(id: "c-1", lane: "l-1", stage: "s-1", title: "Frais")],
)"#,
            std::path::Path::new("t.ron"),
        )
        .unwrap()
    }

    fn title(text: &str) -> Command {
        Command::SetCard { id: Id::from("c-1"), field: CardField::Title(text.into()) }
    }

    fn emotion(score: i32) -> Command {
        Command::SetCard { id: Id::from("c-1"), field: CardField::Emotion(Some(score)) }
    }

    fn applied(seq: u64, author: &str, id: Option<&Id>, command: Command) -> PeerEvent {
        PeerEvent::Applied { seq, author: Id::from(author), id: id.cloned(), command }
    }

    fn card(map: &Map) -> &Card {
        map.card(&Id::from("c-1")).unwrap()
    }

    #[test]
    fn a_local_edit_shows_at_once_and_is_rebased_on_the_hosts_order() {
        let mut desk = offline("d-anna");
        let events = desk.handle(vec![PeerEvent::Snapshot { seq: 4, map: Box::new(start()) }]);
        assert_eq!(events, [JoinedEvent::Synced, JoinedEvent::Changed]);
        let mine = desk.apply(title("Frais (Anna)")).unwrap();
        desk.apply(emotion(-2)).unwrap();
        assert_eq!(card(desk.map()).title, "Frais (Anna)", "shown before the host answers");
        assert_eq!(card(desk.confirmed()).title, "Frais");
        // Bruno's title was ordered first: Anna's comes after it and wins; both fields survive.
        desk.handle(vec![applied(5, "d-bruno", Some(&"d-bruno-1".into()), title("Frais (Bruno)"))]);
        assert_eq!(card(desk.confirmed()).title, "Frais (Bruno)");
        assert_eq!(card(desk.map()).title, "Frais (Anna)", "rebased: Anna's pending title on top");
        assert_eq!(card(desk.map()).emotion, Some(-2));
        desk.handle(vec![applied(6, "d-anna", Some(&mine), title("Frais (Anna)"))]);
        assert_eq!(desk.pending(), 1);
        // Then Bruno sets the title again, after Anna's in the host's order: his wins.
        desk.handle(vec![applied(7, "d-bruno", None, title("Frais (Bruno 2)"))]);
        assert_eq!(card(desk.map()).title, "Frais (Bruno 2)");
        assert_eq!(card(desk.map()).emotion, Some(-2), "still pending, still shown");
        desk.handle(vec![applied(8, "d-anna", Some(&"d-anna-2".into()), emotion(-2))]);
        assert_eq!(desk.pending(), 0);
        assert_eq!(desk.map(), desk.confirmed());
        assert_eq!(desk.seq(), 8);
        // A command received twice (a snapshot, then the log from an older point) counts once.
        desk.handle(vec![applied(7, "d-bruno", None, title("Frais (Bruno 2)"))]);
        assert_eq!(desk.seq(), 8);
    }

    #[test]
    fn a_refused_command_is_taken_back_from_the_map_and_from_the_history() {
        let mut desk = offline("d-anna");
        desk.handle(vec![PeerEvent::Snapshot { seq: 0, map: Box::new(start()) }]);
        let doomed = desk.apply(title("Renommée")).unwrap();
        let kept = desk.apply(emotion(1)).unwrap();
        // Bruno deleted the card first: Anna's edits no longer apply.
        let events = desk.handle(vec![
            applied(1, "d-bruno", None, Command::RemoveCards { ids: vec![Id::from("c-1")] }),
            PeerEvent::Rejected { id: doomed.clone(), message: "no card `c-1`".into() },
        ]);
        assert!(events.contains(&JoinedEvent::Rejected { id: doomed, message: "no card `c-1`".into() }));
        assert!(desk.map().card(&Id::from("c-1")).is_none());
        assert_eq!(desk.pending(), 1, "the other one waits for its own answer");
        desk.handle(vec![PeerEvent::Rejected { id: kept, message: "no card".into() }]);
        assert_eq!(desk.pending(), 0);
        assert!(!desk.can_undo(), "refused commands leave no step to undo");
        assert_eq!(desk.map(), desk.confirmed());
    }

    #[test]
    fn undo_takes_back_only_this_desktops_steps_and_skips_those_replaced_since() {
        let mut desk = offline("d-anna");
        desk.handle(vec![PeerEvent::Snapshot { seq: 0, map: Box::new(start()) }]);
        let first = desk.apply(title("Anna")).unwrap();
        let second = desk.apply(emotion(1)).unwrap();
        desk.handle(vec![
            applied(1, "d-anna", Some(&first), title("Anna")),
            applied(
                2,
                "d-bruno",
                None,
                Command::SetCard { id: "c-1".into(), field: CardField::Details("vu".into()) },
            ),
            applied(3, "d-anna", Some(&second), emotion(1)),
            // Bruno then sets the emotion again: Anna's emotion step is replaced.
            applied(4, "d-bruno", None, emotion(-1)),
        ]);
        // Undo skips the replaced emotion step and takes back Anna's title, not Bruno's details.
        let undo = desk.undo().unwrap();
        assert_eq!(card(desk.map()).title, "Frais");
        assert_eq!(card(desk.map()).emotion, Some(-1), "Bruno's later emotion is kept");
        assert_eq!(card(desk.map()).details, "vu", "Bruno's details are kept");
        assert_eq!(desk.undo(), None, "nothing of Anna's left");
        desk.handle(vec![applied(5, "d-anna", Some(&undo), title("Frais"))]);
        assert_eq!(desk.pending(), 0);
        // Redo puts Anna's title back.
        assert!(desk.redo().is_some());
        assert_eq!(card(desk.map()).title, "Anna");
    }

    #[test]
    fn typing_into_one_field_is_one_step() {
        let mut desk = offline("d-anna");
        desk.handle(vec![PeerEvent::Snapshot { seq: 0, map: Box::new(start()) }]);
        for text in ["F", "Fr", "Fra"] {
            desk.apply_typing(title(text)).unwrap();
        }
        desk.end_typing();
        desk.apply_typing(emotion(2)).unwrap();
        assert_eq!(desk.pending(), 4, "every keystroke is sent");
        desk.undo().unwrap();
        assert_eq!(card(desk.map()).emotion, None);
        desk.undo().unwrap();
        assert_eq!(card(desk.map()).title, "Frais", "the whole word at once");
    }

    #[test]
    fn a_command_the_host_already_had_is_not_applied_twice_after_a_snapshot() {
        let mut desk = offline("d-anna");
        desk.handle(vec![PeerEvent::Snapshot { seq: 0, map: Box::new(start()) }]);
        let id = desk
            .apply(Command::InsertCards {
                cards: vec![(1, Card::new(Id::from("c-2"), Id::from("l-1"), Id::from("s-1"), "Nouveau"))],
            })
            .unwrap();
        // The connection dropped before the answer; the snapshot on reconnection holds the card,
        // and the host answers the command sent again with `known`.
        let mut after = start();
        after.cards.push(Card::new(Id::from("c-2"), Id::from("l-1"), Id::from("s-1"), "Nouveau"));
        desk.handle(vec![
            PeerEvent::Disconnected,
            PeerEvent::Connected,
            PeerEvent::Snapshot { seq: 9, map: Box::new(after.clone()) },
            PeerEvent::Known { id, seq: 3 },
        ]);
        assert_eq!(desk.pending(), 0);
        assert_eq!(desk.map(), &after);
        assert_eq!(desk.map().cards.iter().filter(|c| c.id.as_str() == "c-2").count(), 1);
    }

    #[test]
    fn a_drag_is_shown_while_commands_arrive_and_sent_once_when_dropped() {
        let mut desk = offline("d-anna");
        let mut map = start();
        map.stages.push(map.stages[0].clone());
        map.stages[1].id = Id::from("s-2");
        desk.handle(vec![PeerEvent::Snapshot { seq: 0, map: Box::new(map) }]);
        let to = |stage: &str| Command::MoveCards {
            ids: vec![Id::from("c-1")],
            lane: Id::from("l-1"),
            stage: Id::from(stage),
            index: 0,
        };
        desk.preview(to("s-2")).unwrap();
        desk.preview(to("s-1")).unwrap();
        desk.preview(to("s-2")).unwrap();
        assert_eq!(desk.pending(), 0, "nothing sent while dragging");
        // Bruno retitles the card meanwhile: both show.
        desk.handle(vec![applied(1, "d-bruno", None, title("Frais (Bruno)"))]);
        assert_eq!(card(desk.map()).stage.as_str(), "s-2");
        assert_eq!(card(desk.map()).title, "Frais (Bruno)");
        assert_eq!(card(desk.confirmed()).stage.as_str(), "s-1");
        let id = desk.commit().unwrap().unwrap();
        assert_eq!(desk.pending(), 1);
        assert_eq!(card(desk.map()).stage.as_str(), "s-2");
        desk.handle(vec![applied(2, "d-anna", Some(&id), to("s-2"))]);
        assert_eq!(desk.map(), desk.confirmed());
        // An aborted drag leaves nothing behind.
        desk.preview(to("s-1")).unwrap();
        desk.abort();
        assert_eq!(desk.map(), desk.confirmed());
        assert!(desk.commit().is_none());
        // Undo takes the drop back as one step.
        desk.undo().unwrap();
        assert_eq!(card(desk.map()).stage.as_str(), "s-1");
    }

    #[test]
    fn two_desktops_draw_different_fresh_ids_unused_in_the_map() {
        let (mut anna, mut bruno) = (offline("d-anna"), offline("d-bruno"));
        for desk in [&mut anna, &mut bruno] {
            desk.handle(vec![PeerEvent::Snapshot { seq: 0, map: Box::new(start()) }]);
        }
        let drawn: Vec<Id> = (0..50).map(|_| anna.fresh_id(IdKind::Card)).collect();
        let others: Vec<Id> = (0..50).map(|_| bruno.fresh_id(IdKind::Card)).collect();
        assert!(drawn.iter().all(|id| !others.contains(id) && id.as_str().starts_with("c-")));
        assert!(drawn.iter().all(|id| anna.map().card(id).is_none()));
        let set: std::collections::BTreeSet<&Id> = drawn.iter().collect();
        assert_eq!(set.len(), drawn.len());
    }

    #[test]
    fn presence_lists_the_other_desktops_selections() {
        let mut desk = offline("d-anna");
        let events = desk.handle(vec![PeerEvent::Presence {
            peer: "d-bruno".into(),
            name: "Bruno".into(),
            selection: vec!["c-1".into()],
        }]);
        assert_eq!(events, [JoinedEvent::Presence]);
        assert_eq!(desk.presence()[&Id::from("d-bruno")].selection, [Id::from("c-1")]);
        desk.handle(vec![PeerEvent::Presence {
            peer: "d-bruno".into(),
            name: "Bruno".into(),
            selection: vec![],
        }]);
        assert!(desk.presence().is_empty());
    }
}
