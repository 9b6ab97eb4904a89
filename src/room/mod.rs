//! The workshop room: participants join from their phones, peer desktops edit alongside.
//!
//! The room server (axum with WebSocket, on its own thread and tokio runtime) holds **no
//! document**. The document's owner — the designer, or `parcours room --headless` — keeps the
//! map in its [`crate::edit::Editor`] and talks to the server through a [`Host`]:
//!
//! ```text
//!  phones ──WebSocket──▶ server thread ──Event──▶ owner: host.poll() / host.wait()
//!  peers  ──WebSocket──▶  (tokens, caps,          │  applies edit::Commands to its Editor
//!                          rates, escaping)        │  host.ack(), host.applied(), host.publish()
//!  phones ◀── view ───── watch channel ◀───────────┘
//!  peers  ◀── applied commands, in order ── broadcast channel + log
//! ```
//!
//! Each frame (or each loop of the headless runner), the owner calls [`Host::poll`], hands every
//! [`Event`] to [`Session::handle`] (or handles it itself), and after a change calls
//! [`Host::publish`] with a [`View`] made by [`view`]. See `docs/room.md` for the protocol.
//!
//! ```no_run
//! use parcours::room::{Host, RoomOptions, Session};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let map = parcours::file::load(std::path::Path::new("map.ron"))?;
//! let mut editor = parcours::edit::Editor::new(map, 7);
//! let mut host = Host::start(RoomOptions::new("127.0.0.1".parse()?, 0, "fr"))?;
//! let mut session = Session::new();
//! println!("{}", host.url());
//! session.publish(&mut host, editor.map());
//! loop {
//!     for event in host.wait(std::time::Duration::from_millis(100)) {
//!         session.handle(&mut host, &mut editor, event);
//!     }
//!     session.publish_if_due(&mut host, editor.map());
//! }
//! # }
//! ```

mod joined;
pub mod net;
mod page;
mod peer;
pub mod protocol;
mod server;
mod session;
pub mod sheet;

pub use joined::{Joined, JoinedEvent, Presence, UNDO_STEPS};
pub use peer::{JoinError, Peer, PeerEvent};
pub use protocol::{CardView, StageView, View};
pub use session::{PUBLISH_EVERY, Session, view};

use crate::edit::Command;
use crate::model::{Id, Map, Note};
use protocol::{ToParticipant, ToPeer};
use server::{Phase, Shared, json};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

/// The caps of a room: what one participant and the whole room may send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest note, in characters.
    pub note_chars: usize,
    /// The longest name, in characters (longer names are cut).
    pub name_chars: usize,
    /// Notes one participant may post in a minute.
    pub notes_per_participant_per_minute: u32,
    /// Notes the whole room may post in a minute.
    pub notes_per_room_per_minute: u32,
    /// Participants connected at once.
    pub participants: usize,
    /// Peer desktops connected at once.
    pub peers: usize,
    /// The largest WebSocket message from a participant, in bytes.
    pub participant_message_bytes: usize,
    /// The largest WebSocket message from a peer desktop, in bytes (a command can hold a map).
    pub peer_message_bytes: usize,
    /// Applied commands kept for peer desktops catching up after a drop (older than that, they
    /// get a snapshot); also how far a desktop's queue may fall behind.
    pub peer_log: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            note_chars: crate::edit::MAX_NOTE_CHARS,
            name_chars: 40,
            notes_per_participant_per_minute: 30,
            notes_per_room_per_minute: 3000,
            participants: 200,
            peers: 8,
            participant_message_bytes: 16 * 1024,
            peer_message_bytes: 16 * 1024 * 1024,
            peer_log: 4096,
        }
    }
}

/// Where and how to open a room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomOptions {
    /// The address to listen on (only this interface); see [`net::lan_address`].
    pub bind: IpAddr,
    /// The port; 0 lets the system choose.
    pub port: u16,
    /// The map's language (`fr`, `en`…): the participant page's words follow it.
    pub language: String,
    /// The caps.
    pub limits: Limits,
}

impl RoomOptions {
    /// Options with the default caps.
    pub fn new(bind: IpAddr, port: u16, language: &str) -> Self {
        Self { bind, port, language: language.to_owned(), limits: Limits::default() }
    }
}

/// Why a room could not open.
#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// The address could not be bound (in use, not this machine's).
    #[error(
        "{addr}: cannot listen there ({source}); choose another port with --port or another address with --bind"
    )]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The system's random generator failed.
    #[error("no random token could be made ({0})")]
    Random(String),
    /// The server's thread or runtime could not start.
    #[error("the room's server could not start ({0})")]
    Start(std::io::Error),
}

/// Where to send an answer: the connection a note, ballot or command came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reply(u64);

/// Something that happened in the room, for the document's owner.
#[derive(Clone, Debug, PartialEq)]
#[expect(clippy::large_enum_variant, reason = "short-lived messages, handled at once")]
pub enum Event {
    /// A participant connected (their first connection).
    Joined {
        /// The participant's random id.
        participant: Id,
    },
    /// A participant's last connection closed.
    Left {
        /// The participant's random id.
        participant: Id,
    },
    /// A note arrived (length and rate already checked): post it, then [`Host::ack`] or
    /// [`Host::refuse`] it.
    Note {
        /// Where the answer goes.
        reply: Reply,
        /// The note, with its client-made id and the participant's id.
        note: Note,
    },
    /// A ballot arrived: cast it, then [`Host::ack`] or [`Host::refuse`] it.
    Ballot {
        /// Where the answer goes.
        reply: Reply,
        /// The ballot message's client-made id.
        id: Id,
        /// The participant's random id.
        participant: Id,
        /// One card id per dot.
        dots: Vec<Id>,
    },
    /// A peer desktop connected.
    PeerJoined {
        /// The desktop's id.
        peer: Id,
        /// Its person's name.
        name: String,
    },
    /// A peer desktop's last connection closed.
    PeerLeft {
        /// The desktop's id.
        peer: Id,
    },
    /// A peer desktop sent an edit: apply it, then [`Host::applied`] (which broadcasts it with
    /// its sequence number) or [`Host::reject`].
    PeerCommand {
        /// Where a rejection goes.
        reply: Reply,
        /// The desktop's id.
        peer: Id,
        /// The desktop's id for the command.
        id: Id,
        /// The edit.
        command: Command,
    },
    /// A peer desktop's selection changed (already relayed to the other peers).
    Presence {
        /// The desktop's id.
        peer: Id,
        /// What it has selected.
        selection: Vec<Id>,
    },
    /// A peer desktop presents a stage (or stops presenting).
    Present {
        /// The stage's index.
        stage: Option<usize>,
    },
}

/// The owner's handle on a running room server. Dropping it closes the room.
pub struct Host {
    shared: Arc<Shared>,
    events: mpsc::Receiver<Event>,
    addr: SocketAddr,
    thread: Option<JoinHandle<()>>,
    generation: u64,
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host").field("addr", &self.addr).finish_non_exhaustive()
    }
}

fn random_token() -> Result<String, RoomError> {
    net::token().map_err(|error| RoomError::Random(error.to_string()))
}

impl Host {
    /// Opens a room: binds `options.bind:options.port` (only that interface) and starts the
    /// server on a thread named `room` with its own tokio runtime. Returns at once; the server
    /// answers from then on. Call [`Host::publish`] once before handling events, so that
    /// participants see the map and peer desktops get a snapshot.
    pub fn start(options: RoomOptions) -> Result<Self, RoomError> {
        let addr = SocketAddr::new(options.bind, options.port);
        let listener =
            std::net::TcpListener::bind(addr).map_err(|source| RoomError::Bind { addr, source })?;
        listener.set_nonblocking(true).map_err(|source| RoomError::Bind { addr, source })?;
        let addr = listener.local_addr().map_err(|source| RoomError::Bind { addr, source })?;
        let (events_in, events) = mpsc::channel();
        let shared = Arc::new(Shared::new(
            random_token()?,
            random_token()?,
            events_in,
            options.limits,
            options.language,
        ));
        let runtime =
            tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(RoomError::Start)?;
        let for_server = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("room".into())
            .spawn(move || serve(&runtime, listener, &for_server))
            .map_err(RoomError::Start)?;
        Ok(Self { shared, events, addr, thread: Some(thread), generation: 0 })
    }

    /// The address the server listens on (with the port the system chose for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The participants' join URL, e.g. `http://192.168.1.20:7878/r/k3j9…` (the QR code's).
    pub fn url(&self) -> String {
        format!("http://{}/r/{}", self.addr, self.shared.state().token)
    }

    /// The peer desktops' URL, for `parcours join` (its token is not the participants').
    pub fn peer_url(&self) -> String {
        format!("http://{}/d/{}", self.addr, self.shared.state().peer_token)
    }

    /// Calls `waker` (on the server's thread) each time an event arrives for the owner: a window
    /// asks for a frame there (`egui::Context::request_repaint`) and polls in it, so it sleeps
    /// while nothing happens in the room.
    pub fn set_waker(&self, waker: impl Fn() + Send + Sync + 'static) {
        self.shared.set_waker(Arc::new(waker));
    }

    /// The events that arrived since the last call, without waiting (once per frame).
    pub fn poll(&mut self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// Waits up to `timeout` for an event, then returns every event that arrived (the headless
    /// runner's loop).
    pub fn wait(&mut self, timeout: Duration) -> Vec<Event> {
        let mut out = Vec::new();
        if let Ok(first) = self.events.recv_timeout(timeout) {
            out.push(first);
            out.extend(self.events.try_iter());
        }
        out
    }

    /// Tells a participant their note or ballot was applied (`duplicate` when it had been
    /// already): their page forgets it.
    pub fn ack(&self, reply: Reply, id: &Id, duplicate: bool) {
        self.shared.send_to(reply, json(&ToParticipant::Ack { id: id.clone(), duplicate }));
    }

    /// Tells a participant their note or ballot was refused; `retry` when it may succeed later.
    pub fn refuse(&self, reply: Reply, id: &Id, reason: &str, retry: bool, message: &str) {
        let refused =
            ToParticipant::Refused { id: id.clone(), reason: reason.into(), retry, message: message.into() };
        self.shared.send_to(reply, json(&refused));
    }

    /// Records a command the owner applied (its own, a peer's, or one made from a note or
    /// ballot) and broadcasts it to the peer desktops with the next sequence number, which it
    /// returns. `author` is a peer's id, `host` or `room`; `id` the peer's id for the command.
    /// Every command applied to the document must be reported here, in order.
    pub fn applied(&mut self, author: &Id, id: Option<&Id>, command: &Command) -> u64 {
        let seq = {
            let mut state = self.shared.state();
            state.seq += 1;
            state.seq
        };
        let message =
            ToPeer::Applied { seq, author: author.clone(), id: id.cloned(), command: command.clone() };
        self.shared.log_applied(seq, json(&message));
        seq
    }

    /// Tells a peer desktop that a command it sent again had been applied already, at `seq`.
    pub fn known(&self, reply: Reply, id: &Id, seq: u64) {
        self.shared.send_to(reply, json(&ToPeer::Known { id: id.clone(), seq }));
    }

    /// Tells the peer desktops what the owner (the facilitator, as desktop `host`) has selected.
    pub fn presence(&self, name: &str, selection: Vec<Id>) {
        self.shared.presence(&session::host_author(), name, selection);
    }

    /// Tells a peer desktop its command was refused.
    pub fn reject(&self, reply: Reply, id: &Id, message: &str) {
        self.shared.send_to(reply, json(&ToPeer::Rejected { id: id.clone(), message: message.into() }));
    }

    /// The last sequence number given by [`Host::applied`].
    pub fn seq(&self) -> u64 {
        self.shared.state().seq
    }

    /// Publishes the map: the view to every participant (a slow one skips to the latest) and
    /// the map as the snapshot for peer desktops that join or fall behind. Call after the
    /// commands it includes were reported with [`Host::applied`].
    pub fn publish(&mut self, map: &Map, view: &View) {
        {
            let mut state = self.shared.state();
            let seq = state.seq;
            state.snapshot = Some((seq, Arc::new(map.clone())));
        }
        self.shared.view.send_replace(json(&ToParticipant::View(view.clone())));
    }

    /// Makes a new token for each URL and disconnects everyone (their pages show that the
    /// room's link changed); returns the new participants' URL.
    pub fn renew_token(&mut self) -> Result<String, RoomError> {
        let (token, peer_token) = (random_token()?, random_token()?);
        {
            let mut state = self.shared.state();
            state.token = token;
            state.peer_token = peer_token;
        }
        self.generation += 1;
        self.shared.phase.send_replace(Phase::Open(self.generation));
        Ok(self.url())
    }

    /// Disconnects a participant and refuses them until the room closes. Their notes and votes
    /// stay in the map: apply [`Command::RemoveParticipant`] to remove them
    /// ([`Session::remove_participant`] does both).
    pub fn remove_participant(&mut self, participant: &Id) {
        self.shared.remove_participant(participant);
    }

    /// Closes the room: every connection ends, the server stops and its thread is joined.
    pub fn close(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.phase.send_replace(Phase::Closed);
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The server thread: serves until the room closes, then gives connections a moment to say so.
fn serve(runtime: &tokio::runtime::Runtime, listener: std::net::TcpListener, shared: &Arc<Shared>) {
    let mut phase = shared.phase.subscribe();
    runtime.block_on(async {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
        let app = server::router(Arc::clone(shared));
        let closed = async move {
            while phase.changed().await.is_ok() {
                if *phase.borrow_and_update() == Phase::Closed {
                    break;
                }
            }
        };
        // The connections end by themselves when the phase changes.
        axum::serve(listener, app).with_graceful_shutdown(closed).await.ok();
        // Let the WebSocket tasks send their last message.
        tokio::time::sleep(Duration::from_millis(100)).await;
    });
}

/// A message of the room as sent on the wire (for tests of the protocol).
pub fn wire<T: serde::Serialize>(message: &T) -> String {
    json(message).as_str().to_owned()
}
