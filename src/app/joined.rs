//! A room this window joined (Atelier › Join a room…, `parcours join URL`): the host's map,
//! edited here alongside the host and the other desktops.
//!
//! The window keeps editing through its [`crate::edit::Editor`], as for a file, with the history
//! recording every command it applies (its journal). Once a frame the commands made here go to
//! the room's [`Joined`] copy, which shows them at once and sends them to the host: a drag as one
//! step when it ends, keystrokes in a field as one typing step. What arrives from the room (the
//! host's order, the others' edits, a rebase) replaces the editor's map without an undo step
//! ([`crate::edit::Editor::reset_map`]); undo and redo are the room's, which take back only this
//! desktop's own commands. The editor counts as unsaved while commands of ours wait for the
//! host (the recovery copy keeps them), and leaving the room or its closing leaves the map here
//! as an unsaved copy: nothing typed is lost.

use super::Designer;
use super::i18n::T;
use crate::edit::Command;
use crate::model::{Id, IdGen, IdKind, Map};
use crate::room::{JoinError, Joined, JoinedEvent, Presence};

/// How the connection to the room stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// Waiting for the host's map.
    Connecting,
    /// In step with the host.
    Connected,
    /// The connection dropped: edits go on here and are sent once it is back.
    Disconnected,
}

/// The room this window joined.
pub struct JoinedRoom {
    /// The room's copy of the map, this desktop's edits and undo.
    joined: Joined,
    /// The desktop link it joined by.
    url: String,
    /// How the connection stands.
    link: Link,
    /// The commands of a drag in progress (its previews and their take-backs), sent as one
    /// step when it ends.
    held: Vec<(Command, Command)>,
    /// True while this desktop presents and leads the phones.
    leading: bool,
    /// The stage it last sent them (`None`: the overview).
    led_stage: Option<usize>,
}

impl std::fmt::Debug for JoinedRoom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JoinedRoom").field("url", &self.url).field("link", &self.link).finish_non_exhaustive()
    }
}

impl JoinedRoom {
    /// The desktop link this window joined by.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How the connection stands.
    pub fn link(&self) -> &Link {
        &self.link
    }

    /// The room's copy (the host's map with this desktop's commands on top).
    pub fn joined(&self) -> &Joined {
        &self.joined
    }

    /// The host's address as the title shows it (`192.168.1.20:7878`).
    pub fn host(&self) -> &str {
        let rest = self.url.trim_start_matches("http://");
        rest.split('/').next().unwrap_or(rest)
    }
}

/// A random id for this desktop in the room (`d-` and letters), from the clock and the process.
fn desktop_id() -> Id {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    #[expect(clippy::cast_possible_truncation, reason = "only the low bits vary")]
    let seed = (nanos as u64) ^ u64::from(std::process::id()).rotate_left(32);
    let mut ids = IdGen::with_seed(seed);
    let (a, b) = (ids.fresh(IdKind::Card), ids.fresh(IdKind::Card));
    let letters = |id: &Id| id.as_str().trim_start_matches("c-").to_owned();
    Id::from(format!("d-{}{}", letters(&a), letters(&b)).as_str())
}

/// The image files a map names (persona photos, the logo), as `images::load_for_map` reads them.
fn image_paths(map: &Map) -> impl Iterator<Item = &String> {
    map.personas.iter().filter_map(|p| p.photo.as_ref()).chain(map.logo.as_ref())
}

/// Drops each command immediately followed by its own take-back (a drag's preview replaced by
/// the next one): what is left does the same, in fewer commands.
fn net(commands: Vec<(Command, Command)>) -> Vec<(Command, Command)> {
    let mut kept: Vec<(Command, Command)> = Vec::with_capacity(commands.len());
    for (command, inverse) in commands {
        if kept.last().is_some_and(|(_, undo)| *undo == command) {
            kept.pop();
        } else {
            kept.push((command, inverse));
        }
    }
    kept
}

impl Designer {
    /// The room this window joined, if any.
    pub fn joined_room(&self) -> Option<&JoinedRoom> {
        self.joined.as_ref()
    }

    /// Joins the room at its desktop link as `name` (the unsaved prompt comes before): the map
    /// shown becomes the host's once it arrives. A link that is not a room's desktop link is
    /// refused with the reason.
    pub(crate) fn join_room(&mut self, ctx: &egui::Context, url: &str, name: &str) {
        let joined = match Joined::connect(url, desktop_id(), name) {
            Ok(joined) => joined,
            Err(error) => {
                let error = match error {
                    JoinError::BadUrl(_) => self.t(T::JoinBadLink).to_owned(),
                    JoinError::Start(error) => error.to_string(),
                };
                self.status = self.tf(T::JoinFailed, &[("error", &error)]);
                return;
            }
        };
        let waker = ctx.clone();
        joined.set_waker(move || waker.request_repaint());
        self.leave_room();
        self.replace_document(Map::default(), None);
        self.editor.history_mut().record(true);
        self.status = self.tf(T::JoinConnecting, &[("url", url)]);
        self.joined = Some(JoinedRoom {
            joined,
            url: url.trim().to_owned(),
            link: Link::Connecting,
            held: Vec::new(),
            leading: false,
            led_stage: None,
        });
    }

    /// Leaves the room joined: the connection ends and the map stays here, as a map never saved
    /// (commands the host has not confirmed are in it: nothing is lost).
    pub(crate) fn leave_room(&mut self) {
        let Some(room) = self.joined.take() else { return };
        self.editor.history_mut().take_journal();
        self.editor.history_mut().record(false);
        if room.link != Link::Connecting {
            // The map is this window's now: unsaved until saved somewhere.
            self.editor.history_mut().forget_saved();
            self.status = self.t(T::JoinLeft).to_owned();
        }
    }

    /// Sends the edits made here since the last call to the room. A drag waits for its end
    /// (`end_step` ends it now); keystrokes in a field are one typing step.
    fn send_own_edits(&mut self, end_step: bool) {
        let typing = self.ctx.text_edit_focused();
        let in_drag = self.editor.history().in_transaction();
        let Some(room) = &mut self.joined else { return };
        let journal = self.editor.history_mut().take_journal();
        room.held.extend(journal);
        if in_drag && !end_step {
            return;
        }
        let commands = net(std::mem::take(&mut room.held));
        if commands.is_empty() {
            return;
        }
        let result = if typing && !end_step {
            commands.into_iter().try_for_each(|(command, _)| room.joined.apply_typing(command).map(drop))
        } else {
            room.joined.end_typing();
            let mut commands: Vec<Command> = commands.into_iter().map(|(command, _)| command).collect();
            let command = if commands.len() == 1 { commands.remove(0) } else { Command::Batch(commands) };
            room.joined.apply(command).map(drop)
        };
        if let Err(error) = result {
            // The editor applied a command the room's copy refuses: they differ. Show the
            // room's copy rather than drift from it (both apply the same commands to the same
            // map, so a refusal is the only way they part).
            self.status = self.tf(T::EditFailed, &[("error", &error.to_string())]);
            self.show_room_map();
        }
    }

    /// Shows the room's copy in the editor, with no undo step, and drops a selection of what
    /// is gone.
    fn show_room_map(&mut self) {
        let Some(room) = &self.joined else { return };
        let map = room.joined.map().clone();
        let waiting = room.joined.pending() > 0;
        // Photos are read from disk only when the map names other ones, not on every edit.
        let same_images = image_paths(&map).eq(image_paths(self.editor.map()));
        self.editor.reset_map(map);
        if waiting {
            // Ours not yet confirmed by the host: the recovery copy keeps them.
            self.editor.history_mut().forget_saved();
        }
        self.prune_selection();
        if !same_images {
            self.load_images();
        }
    }

    /// Once a frame while joined: our edits go to the room, what arrived is shown, our
    /// selection is told to the others.
    pub(crate) fn joined_frame(&mut self) {
        if self.joined.is_none() {
            return;
        }
        self.send_own_edits(false);
        let lang = self.lang;
        let Some(room) = &mut self.joined else { return };
        let mut changed = false;
        let mut synced = false;
        let mut closed = None;
        for event in room.joined.poll() {
            match event {
                JoinedEvent::Synced => {
                    synced = true;
                    room.link = Link::Connected;
                }
                JoinedEvent::Changed => changed = true,
                JoinedEvent::Rejected { message, .. } => {
                    changed = true;
                    self.status = super::i18n::fill(T::JoinRejected.tr(lang), &[("error", &message)]);
                }
                JoinedEvent::Presence => {}
                JoinedEvent::Disconnected => {
                    room.link = Link::Disconnected;
                    T::JoinDisconnected.tr(lang).clone_into(&mut self.status);
                }
                JoinedEvent::Reconnected => {
                    room.link = Link::Connected;
                    T::JoinReconnected.tr(lang).clone_into(&mut self.status);
                }
                JoinedEvent::Closed { reason } => closed = Some(reason),
            }
        }
        let confirmed = room.joined.pending() == 0;
        let in_drag = self.editor.history().in_transaction();
        if (changed || synced) && !in_drag && room.joined.map() != self.editor.map() {
            self.show_room_map();
        } else if confirmed && !in_drag && self.editor.is_dirty() {
            // Everything of ours is in the host's map: nothing here is unsaved.
            self.editor.mark_saved();
        }
        if synced {
            self.canvas.viewport.fit_pending = true;
            self.status = self.tf(T::JoinJoined, &[("title", &self.editor.map().title)]);
        }
        let selection = self.selection.ids();
        let presenting = self.presentation.as_ref().map(|p| p.stage);
        if let Some(room) = &mut self.joined {
            room.joined.select(selection);
            // A desktop presenting leads the phones; one that stops leaves them where they are.
            match presenting {
                Some(stage) if !room.leading || room.led_stage != stage => {
                    room.joined.present(stage);
                    (room.leading, room.led_stage) = (true, stage);
                }
                Some(_) => {}
                None => room.leading = false,
            }
        }
        if let Some(reason) = closed {
            let why = match reason.as_str() {
                "renewed" => T::JoinRenewed,
                "full" => T::JoinFull,
                "refused" => T::JoinRefused,
                _ => T::JoinClosed,
            };
            let why = self.t(why).to_owned();
            self.leave_room();
            self.status = why;
        }
    }

    /// Writes a copy of the room's map to `path` (File › Save as… while joined): the window
    /// stays in the room, the copy is the user's.
    pub(crate) fn save_copy(&mut self, path: &std::path::Path) {
        let text = crate::file::to_string(self.editor.map());
        match crate::file::write_atomic_if(path, text.as_bytes(), crate::file::OnDisk::Any) {
            Ok(()) => {
                self.status = self.tf(T::JoinCopySaved, &[("path", &path.display().to_string())]);
            }
            Err(error) => self.dialog = Some(super::dialogs::Dialog::Error(self.file_error(&error))),
        }
    }

    /// Undo or redo while joined: this desktop's own steps only, through the room.
    pub(crate) fn joined_undo(&mut self, undo: bool) {
        self.send_own_edits(true);
        let Some(room) = &mut self.joined else { return };
        let done = if undo { room.joined.undo() } else { room.joined.redo() };
        if done.is_some() {
            self.show_room_map();
        }
    }

    /// Whether this desktop has a step of its own to undo (`undo`) or redo, while joined.
    pub(crate) fn joined_can_undo(&self, undo: bool) -> Option<bool> {
        let room = self.joined.as_ref()?;
        Some(if undo {
            room.joined.can_undo() || !room.held.is_empty() || self.editor.history().in_transaction()
        } else {
            room.joined.can_redo()
        })
    }

    /// The other desktops in the room joined and what each has selected.
    pub(crate) fn joined_presence(&self) -> Vec<(Id, Presence)> {
        self.joined
            .as_ref()
            .map(|room| room.joined.presence().iter().map(|(id, p)| (id.clone(), p.clone())).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::CardField;

    fn title(card: &str, text: &str) -> Command {
        Command::SetCard { id: card.into(), field: CardField::Title(text.into()) }
    }

    #[test]
    fn a_preview_and_its_take_back_cancel_out() {
        let (a, b, c) = (title("c-1", "a"), title("c-1", "b"), title("c-1", "c"));
        let origin = title("c-1", "o");
        // A drag: preview a, take it back, preview b, take it back, preview c.
        let journal = vec![
            (a.clone(), origin.clone()),
            (origin.clone(), a.clone()),
            (b.clone(), origin.clone()),
            (origin.clone(), b.clone()),
            (c.clone(), origin.clone()),
        ];
        assert_eq!(net(journal), vec![(c, origin.clone())]);
        // An aborted drag leaves nothing.
        assert!(net(vec![(a.clone(), origin.clone()), (origin.clone(), a.clone())]).is_empty());
        // Two real edits stay.
        assert_eq!(net(vec![(a.clone(), origin.clone()), (b.clone(), a.clone())]).len(), 2);
    }

    #[test]
    fn desktop_ids_are_well_formed_and_differ() {
        let a = desktop_id();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = desktop_id();
        assert!(a.as_str().starts_with("d-") && a.is_well_formed(), "{a}");
        assert_ne!(a, b);
    }
}
