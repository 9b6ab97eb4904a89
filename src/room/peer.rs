//! A peer desktop's connection to a room: `parcours join`, and the designer's joined mode.
//!
//! [`Peer::connect`] starts a thread with its own tokio runtime that keeps a WebSocket to the
//! host open, reconnecting with back-off when it drops and asking for what it missed (the
//! commands after the last sequence number it received, or a snapshot). The owner calls
//! [`Peer::poll`] each frame and applies what arrives in order.

use super::protocol::{FromPeer, ToPeer};
use crate::edit::Command;
use crate::model::{Id, Map};
use futures_util::{SinkExt as _, StreamExt as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::mpsc as amsc;
use tokio_tungstenite::tungstenite::Message;

/// What a peer desktop receives.
#[derive(Clone, Debug, PartialEq)]
#[expect(clippy::large_enum_variant, reason = "short-lived messages, passed on at once")]
pub enum PeerEvent {
    /// Connected (again); a snapshot or the missed commands follow.
    Connected,
    /// The whole map at a sequence number: replace the local copy.
    Snapshot {
        /// The last command the map includes.
        seq: u64,
        /// The map.
        map: Box<Map>,
    },
    /// A command the host applied, in order: apply it to the local copy.
    Applied {
        /// Its sequence number.
        seq: u64,
        /// Who made it (a peer's id, `host` or `room`).
        author: Id,
        /// The author's id for it, when a peer sent it (this desktop's own ids come back here).
        id: Option<Id>,
        /// The edit.
        command: Command,
    },
    /// A command this desktop sent was refused by the host.
    Rejected {
        /// The id given by [`Peer::send`].
        id: Id,
        /// Why.
        message: String,
    },
    /// A command this desktop sent again after a reconnection had been applied already, at
    /// `seq` (in the snapshot received, or in an [`PeerEvent::Applied`] to come): not twice.
    Known {
        /// The id given by [`Peer::send`].
        id: Id,
        /// The sequence number the host applied it with.
        seq: u64,
    },
    /// Another desktop's selection.
    Presence {
        /// The desktop.
        peer: Id,
        /// Its person's name.
        name: String,
        /// What it has selected (empty when it left).
        selection: Vec<Id>,
    },
    /// The connection dropped; the peer reconnects by itself.
    Disconnected,
    /// The room closed or its link was renewed: the peer stops.
    Closed {
        /// `closed`, `renewed`, `full`, `version` (the host runs another Parcours version), or
        /// `refused` when the link is not (or no longer) valid.
        reason: String,
    },
}

/// A connection from a peer desktop to a room. Dropping it disconnects.
pub struct Peer {
    id: Id,
    events: mpsc::Receiver<PeerEvent>,
    waker: Arc<Mutex<Option<Waker>>>,
    outgoing: amsc::UnboundedSender<FromPeer>,
    seq: Arc<AtomicU64>,
    next_command: u64,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Peer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Peer").field("id", &self.id).finish_non_exhaustive()
    }
}

/// Why `parcours join` could not connect.
#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    /// The URL is not a desktop link of a room.
    #[error("{0}: not a room link for desktops (it looks like http://ADDRESS:PORT/d/TOKEN)")]
    BadUrl(String),
    /// The thread could not start.
    #[error("the connection could not start ({0})")]
    Start(std::io::Error),
}

impl Peer {
    /// Connects to a room at its desktop URL (`http://…/d/TOKEN`, from [`super::Host::peer_url`]),
    /// as `peer` (a random id for this session) with a name for presence. Returns at once;
    /// [`PeerEvent::Connected`] and a snapshot follow.
    pub fn connect(url: &str, peer: Id, name: &str) -> Result<Self, JoinError> {
        let trimmed = url.trim().trim_end_matches('/');
        let Some(rest) = trimmed.strip_prefix("http://") else {
            return Err(JoinError::BadUrl(url.to_owned()));
        };
        if !rest.contains("/d/") {
            return Err(JoinError::BadUrl(url.to_owned()));
        }
        let ws_url = format!("ws://{rest}/ws");
        let (events_in, events) = mpsc::channel();
        let (outgoing, queue) = amsc::unbounded_channel();
        let seq = Arc::new(AtomicU64::new(0));
        let runtime =
            tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(JoinError::Start)?;
        let waker = Arc::new(Mutex::new(None));
        let task = Task {
            url: ws_url,
            peer: peer.clone(),
            name: name.to_owned(),
            events: Outbox { sender: events_in, waker: Arc::clone(&waker) },
            seq: Arc::clone(&seq),
        };
        let thread = std::thread::Builder::new()
            .name("room-peer".into())
            .spawn(move || runtime.block_on(task.run(queue)))
            .map_err(JoinError::Start)?;
        Ok(Self { id: peer, events, waker, outgoing, seq, next_command: 0, thread: Some(thread) })
    }

    /// Calls `waker` (on the connection's thread) each time an event arrives: a window asleep
    /// between frames asks for one, and sleeps again when nothing comes.
    pub fn set_waker(&self, waker: impl Fn() + Send + Sync + 'static) {
        *self.waker.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(waker));
    }

    /// This desktop's id.
    pub fn id(&self) -> &Id {
        &self.id
    }

    /// The last sequence number received (what a reconnection asks to continue from).
    pub fn seq(&self) -> u64 {
        self.seq.load(Ordering::SeqCst)
    }

    /// Sends a command to the host; returns the id it will come back with (in
    /// [`PeerEvent::Applied`] or [`PeerEvent::Rejected`]). Commands sent while disconnected
    /// wait and are sent on reconnection.
    pub fn send(&mut self, command: Command) -> Id {
        self.next_command += 1;
        let id = Id::from(format!("{}-{}", self.id, self.next_command));
        self.outgoing.send(FromPeer::Command { id: id.clone(), command }).ok();
        id
    }

    /// Tells the other desktops what this one has selected.
    pub fn presence(&self, selection: Vec<Id>) {
        self.outgoing.send(FromPeer::Presence { selection }).ok();
    }

    /// Presents a stage to the participants (or stops, with `None`).
    pub fn present(&self, stage: Option<usize>) {
        self.outgoing.send(FromPeer::Present { stage }).ok();
    }

    /// What arrived since the last call, in order, without waiting.
    pub fn poll(&mut self) -> Vec<PeerEvent> {
        self.events.try_iter().collect()
    }

    /// Waits up to `timeout` for an event, then returns every event that arrived.
    pub fn wait(&mut self, timeout: Duration) -> Vec<PeerEvent> {
        let mut out = Vec::new();
        if let Ok(first) = self.events.recv_timeout(timeout) {
            out.push(first);
            out.extend(self.events.try_iter());
        }
        out
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        // Closing the queue ends the task.
        let (closed, _) = amsc::unbounded_channel();
        self.outgoing = closed;
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

/// Forgets the pending command with this id.
fn forget(pending: &mut Vec<FromPeer>, id: Option<&Id>) {
    pending.retain(|message| !matches!(message, FromPeer::Command { id: sent, .. } if Some(sent) == id));
}

/// What wakes the owner when an event arrives (see [`Peer::set_waker`]).
type Waker = Arc<dyn Fn() + Send + Sync>;

/// The owner dropped the [`Peer`]: nobody reads events any more.
#[derive(Debug)]
struct OwnerGone;

/// The events' way to the owner: the channel, then the waker.
struct Outbox {
    sender: mpsc::Sender<PeerEvent>,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Outbox {
    /// Sends an event and wakes the owner; an error when the owner dropped the [`Peer`].
    fn send(&self, event: PeerEvent) -> Result<(), OwnerGone> {
        self.sender.send(event).map_err(|_| OwnerGone)?;
        let waker = self.waker.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        if let Some(waker) = waker {
            waker();
        }
        Ok(())
    }
}

/// The connection loop on the peer's thread.
struct Task {
    url: String,
    peer: Id,
    name: String,
    events: Outbox,
    seq: Arc<AtomicU64>,
}

/// How a connection ended.
enum End {
    /// The owner dropped the [`Peer`].
    Dropped,
    /// The host said the room is over.
    Closed(String),
    /// The connection broke: try again.
    Broken,
}

impl Task {
    async fn run(self, mut queue: amsc::UnboundedReceiver<FromPeer>) {
        let mut delay = Duration::from_millis(100);
        // Commands sent and not yet seen applied or rejected: sent again on the next connection
        // (the host ignores a command id it already handled), so none is lost with a connection.
        let mut pending: Vec<FromPeer> = Vec::new();
        loop {
            match self.connection(&mut queue, &mut pending).await {
                End::Dropped => return,
                End::Closed(reason) => {
                    self.events.send(PeerEvent::Closed { reason }).ok();
                    return;
                }
                End::Broken => {
                    if self.events.send(PeerEvent::Disconnected).is_err() {
                        return;
                    }
                }
            }
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                next = queue.recv() => match next {
                    Some(message) => {
                        if matches!(message, FromPeer::Command { .. }) {
                            pending.push(message);
                        }
                    }
                    None => return,
                },
            }
            delay = (delay * 2).min(Duration::from_secs(3));
        }
    }

    async fn connection(
        &self,
        queue: &mut amsc::UnboundedReceiver<FromPeer>,
        pending: &mut Vec<FromPeer>,
    ) -> End {
        let socket = match tokio_tungstenite::connect_async(self.url.as_str()).await {
            Ok((socket, _)) => socket,
            Err(tokio_tungstenite::tungstenite::Error::Http(response))
                if response.status().as_u16() == 403 =>
            {
                return End::Closed("refused".into());
            }
            Err(_) => return End::Broken,
        };
        let (mut sink, mut stream) = socket.split();
        let since = match self.seq.load(Ordering::SeqCst) {
            0 => None,
            seq => Some(seq),
        };
        let hello = FromPeer::Hello {
            peer: self.peer.clone(),
            name: self.name.clone(),
            since,
            version: super::protocol::VERSION.to_owned(),
        };
        if sink.send(Message::text(super::wire(&hello))).await.is_err() {
            return End::Broken;
        }
        self.events.send(PeerEvent::Connected).ok();
        for message in &*pending {
            if sink.send(Message::text(super::wire(message))).await.is_err() {
                return End::Broken;
            }
        }
        loop {
            tokio::select! {
                next = queue.recv() => {
                    let Some(message) = next else {
                        sink.close().await.ok();
                        return End::Dropped;
                    };
                    let sent = sink.send(Message::text(super::wire(&message))).await.is_ok();
                    if matches!(message, FromPeer::Command { .. }) {
                        pending.push(message);
                    }
                    if !sent {
                        return End::Broken;
                    }
                },
                received = stream.next() => match received {
                    Some(Ok(Message::Text(text))) => {
                        if let Some(end) = self.received(text.as_str(), pending) {
                            return end;
                        }
                    }
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => return End::Broken,
                },
            }
        }
    }

    /// Passes one message on to the owner, and forgets a pending command the host handled;
    /// `Some` when the connection should end.
    fn received(&self, text: &str, pending: &mut Vec<FromPeer>) -> Option<End> {
        let Ok(message) = serde_json::from_str::<ToPeer>(text) else { return None };
        let event = match message {
            ToPeer::Snapshot { seq, map } => {
                self.seq.store(seq, Ordering::SeqCst);
                PeerEvent::Snapshot { seq, map }
            }
            ToPeer::Applied { seq, author, id, command } => {
                self.seq.store(seq, Ordering::SeqCst);
                if author == self.peer {
                    forget(pending, id.as_ref());
                }
                PeerEvent::Applied { seq, author, id, command }
            }
            ToPeer::Rejected { id, message } => {
                forget(pending, Some(&id));
                PeerEvent::Rejected { id, message }
            }
            ToPeer::Known { id, seq } => {
                forget(pending, Some(&id));
                PeerEvent::Known { id, seq }
            }
            ToPeer::Presence { peer, name, selection } => {
                if peer == self.peer {
                    return None;
                }
                PeerEvent::Presence { peer, name, selection }
            }
            ToPeer::Closed { reason } => return Some(End::Closed(reason)),
        };
        if self.events.send(event).is_err() {
            return Some(End::Dropped);
        }
        None
    }
}
