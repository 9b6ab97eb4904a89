//! The room's HTTP and WebSocket server: axum on its own thread and tokio runtime.
//!
//! It holds no document. It checks tokens, caps and rates, passes what participants and peer
//! desktops send to the owner as [`Event`]s, and sends out what the owner publishes through
//! [`super::Host`]: the view (a `watch` channel: a slow phone skips to the latest), the applied
//! commands (a `broadcast` channel, with a log for catching up) and acks (one queue per
//! connection).

use super::protocol::{FromParticipant, FromPeer, ToParticipant, ToPeer};
use super::{Event, Limits, Reply, page};
use crate::model::{Id, Map, Note};
use axum::Router;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{SinkExt as _, StreamExt as _};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, mpsc};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, mpsc as amsc, watch};

/// How long a new connection has to say hello.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// Applied commands kept for peers that reconnect (older ones get a snapshot).
/// The window of the rate caps.
const MINUTE: Duration = Duration::from_mins(1);

/// Whether the room is open, and how each connection should end when it is not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Phase {
    /// Open; the number counts token renewals (each ends every connection).
    Open(u64),
    /// Closed: every connection ends and the server stops.
    Closed,
}

/// A connection's queue of messages from the owner (acks, refusals, its own end).
type Outbox = amsc::UnboundedSender<Utf8Bytes>;

/// One live WebSocket connection.
struct Connection {
    outbox: Outbox,
    /// The participant behind it, once it said hello.
    participant: Option<Id>,
}

/// A participant seen this session.
#[derive(Default)]
struct Participant {
    connections: usize,
    /// When its recent notes arrived (for the rate cap).
    notes: VecDeque<Instant>,
}

/// A peer desktop connected now.
struct PeerInfo {
    connections: usize,
}

/// What wakes the owner when an event arrives (see [`super::Host::set_waker`]).
pub(super) type Waker = Arc<dyn Fn() + Send + Sync>;

/// What the server and the owner's [`super::Host`] share.
pub(super) struct Shared {
    state: Mutex<RoomState>,
    /// The latest view, as the JSON message sent to participants (empty before the first).
    pub view: watch::Sender<Utf8Bytes>,
    /// Applied commands and presence for peers: (sequence number or 0, JSON message).
    pub peers: broadcast::Sender<(u64, Utf8Bytes)>,
    /// Open (with its token generation) or closed.
    pub phase: watch::Sender<Phase>,
    /// Where events for the owner go.
    events: mpsc::Sender<Event>,
    /// Called after each event is sent (the designer asks egui for a frame): the owner sleeps
    /// until something arrives instead of polling.
    waker: Mutex<Option<Waker>>,
    /// The caps.
    pub limits: Limits,
    /// The map's language, for the page.
    pub language: String,
}

/// The mutable part of [`Shared`].
pub(super) struct RoomState {
    /// The participants' token.
    pub token: String,
    /// The peer desktops' token.
    pub peer_token: String,
    connections: HashMap<u64, Connection>,
    next_connection: u64,
    participants: BTreeMap<Id, Participant>,
    removed: BTreeSet<Id>,
    room_notes: VecDeque<Instant>,
    peers: BTreeMap<Id, PeerInfo>,
    /// The last applied commands for peers, by sequence number.
    log: VecDeque<(u64, Utf8Bytes)>,
    /// The latest map the owner published, with the sequence number it includes.
    pub snapshot: Option<(u64, Arc<Map>)>,
    /// Each peer desktop's (and the owner's) name and selection, for desktops joining later.
    presence: BTreeMap<Id, (String, Vec<Id>)>,
    /// The last sequence number given out.
    pub seq: u64,
}

impl Shared {
    pub(super) fn new(
        token: String,
        peer_token: String,
        events: mpsc::Sender<Event>,
        limits: Limits,
        language: String,
    ) -> Self {
        Self {
            state: Mutex::new(RoomState {
                token,
                peer_token,
                connections: HashMap::new(),
                next_connection: 0,
                participants: BTreeMap::new(),
                removed: BTreeSet::new(),
                room_notes: VecDeque::new(),
                peers: BTreeMap::new(),
                log: VecDeque::new(),
                snapshot: None,
                presence: BTreeMap::new(),
                seq: 0,
            }),
            view: watch::channel(Utf8Bytes::from_static("")).0,
            peers: broadcast::channel(limits.peer_log.max(1)).0,
            phase: watch::channel(Phase::Open(0)).0,
            events,
            waker: Mutex::new(None),
            limits,
            language,
        }
    }

    /// Sets what wakes the owner when an event arrives.
    pub(super) fn set_waker(&self, waker: Waker) {
        *self.waker.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(waker);
    }

    /// The state, even if a thread panicked while holding it (it holds no invariant a panic
    /// could break halfway that matters more than keeping the room running).
    pub(super) fn state(&self) -> MutexGuard<'_, RoomState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Sends a message to one connection, if it is still there.
    pub(super) fn send_to(&self, reply: Reply, message: Utf8Bytes) {
        if let Some(connection) = self.state().connections.get(&reply.0) {
            connection.outbox.send(message).ok();
        }
    }

    /// Records an applied command for peers and broadcasts it.
    pub(super) fn log_applied(&self, seq: u64, message: Utf8Bytes) {
        let mut state = self.state();
        state.log.push_back((seq, message.clone()));
        // Only commands the snapshot holds are dropped: a desktop too far behind for the log
        // gets the snapshot and every command after it, with no gap.
        let published = state.snapshot.as_ref().map_or(0, |(seq, _)| *seq);
        while state.log.len() > self.limits.peer_log
            && state.log.front().is_some_and(|(seq, _)| *seq <= published)
        {
            state.log.pop_front();
        }
        // No receiver (no peer) is fine.
        self.peers.send((seq, message)).ok();
    }

    /// Records a desktop's selection (empty: none, or it left) and sends it to the desktops.
    pub(super) fn presence(&self, peer: &Id, name: &str, selection: Vec<Id>) {
        let message = json(&ToPeer::Presence {
            peer: peer.clone(),
            name: name.to_owned(),
            selection: selection.clone(),
        });
        {
            let mut state = self.state();
            if selection.is_empty() {
                state.presence.remove(peer);
            } else {
                state.presence.insert(peer.clone(), (name.to_owned(), selection));
            }
        }
        // No receiver (no peer) is fine.
        self.peers.send((0, message)).ok();
    }

    /// Ends the connections of a participant, and refuses it from now on.
    pub(super) fn remove_participant(&self, participant: &Id) {
        let mut state = self.state();
        state.removed.insert(participant.clone());
        let closed = json(&ToParticipant::Closed { reason: "removed".into() });
        for connection in state.connections.values() {
            if connection.participant.as_ref() == Some(participant) {
                connection.outbox.send(closed.clone()).ok();
            }
        }
    }

    fn event(&self, event: Event) {
        // The owner is gone only when the room is closing.
        self.events.send(event).ok();
        let waker = self.waker.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        if let Some(waker) = waker {
            waker();
        }
    }
}

/// A message as a JSON text frame.
pub(super) fn json<T: serde::Serialize>(message: &T) -> Utf8Bytes {
    // Our messages hold strings, numbers, lists and maps: serde_json cannot fail on them.
    Utf8Bytes::from(serde_json::to_string(message).unwrap_or_default())
}

/// The router: the page and its files, the participants' and the peers' `WebSocket`s.
pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/r/{token}", get(page_html))
        .route("/r/{token}/", get(page_html))
        .route("/r/{token}/app.js", get(page_js))
        .route("/r/{token}/app.css", get(page_css))
        .route("/r/{token}/ws", get(participant_ws))
        .route("/d/{token}/ws", get(peer_ws))
        .fallback(not_found)
        .with_state(shared)
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "this room link is not valid (the room was closed or its link renewed)\n")
        .into_response()
}

fn participant_token_ok(shared: &Shared, token: &str) -> bool {
    super::net::same_token(token, &shared.state().token)
}

/// A page response with the headers that keep it to itself: no framing, no referrer (the URL
/// holds the token), no caching, and a content security policy that allows only its own script
/// and style, images from blobs (the map's SVG) and its own WebSocket.
fn with_headers(content_type: &'static str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; \
             connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

async fn page_html(Path(token): Path<String>, State(shared): State<Arc<Shared>>) -> Response {
    if !participant_token_ok(&shared, &token) {
        return forbidden();
    }
    with_headers("text/html; charset=utf-8", page::html(&shared.language, &token, shared.limits.note_chars))
}

async fn page_js(Path(token): Path<String>, State(shared): State<Arc<Shared>>) -> Response {
    if !participant_token_ok(&shared, &token) {
        return forbidden();
    }
    with_headers("text/javascript; charset=utf-8", page::JS.to_owned())
}

async fn page_css(Path(token): Path<String>, State(shared): State<Arc<Shared>>) -> Response {
    if !participant_token_ok(&shared, &token) {
        return forbidden();
    }
    with_headers("text/css; charset=utf-8", page::CSS.to_owned())
}

async fn participant_ws(
    Path(token): Path<String>,
    State(shared): State<Arc<Shared>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !participant_token_ok(&shared, &token) {
        return forbidden();
    }
    let bytes = shared.limits.participant_message_bytes;
    upgrade
        .max_message_size(bytes)
        .max_frame_size(bytes)
        .on_upgrade(move |socket| participant_session(socket, shared))
}

async fn peer_ws(
    Path(token): Path<String>,
    State(shared): State<Arc<Shared>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !super::net::same_token(&token, &shared.state().peer_token) {
        return forbidden();
    }
    let bytes = shared.limits.peer_message_bytes;
    upgrade
        .max_message_size(bytes)
        .max_frame_size(bytes)
        .on_upgrade(move |socket| peer_session(socket, shared))
}

/// Registers a connection; returns its id and queue.
fn connect(shared: &Shared) -> (u64, amsc::UnboundedReceiver<Utf8Bytes>) {
    let (outbox, inbox) = amsc::unbounded_channel();
    let mut state = shared.state();
    state.next_connection += 1;
    let id = state.next_connection;
    state.connections.insert(id, Connection { outbox, participant: None });
    (id, inbox)
}

/// The first text message of a connection, within [`HELLO_TIMEOUT`].
async fn first_text(socket: &mut WebSocket) -> Option<String> {
    let wait = async {
        while let Some(Ok(message)) = socket.recv().await {
            match message {
                Message::Text(text) => return Some(text.as_str().to_owned()),
                Message::Close(_) => return None,
                Message::Binary(_) | Message::Ping(_) | Message::Pong(_) => {}
            }
        }
        None
    };
    tokio::time::timeout(HELLO_TIMEOUT, wait).await.ok().flatten()
}

fn refusal(id: &Id, reason: &str, retry: bool, message: impl Into<String>) -> Utf8Bytes {
    json(&ToParticipant::Refused { id: id.clone(), reason: reason.into(), retry, message: message.into() })
}

/// Drops timestamps older than a minute; true when fewer than `cap` remain.
fn under_cap(window: &mut VecDeque<Instant>, now: Instant, cap: u32) -> bool {
    while window.front().is_some_and(|t| now.duration_since(*t) >= MINUTE) {
        window.pop_front();
    }
    window.len() < usize::try_from(cap).unwrap_or(usize::MAX)
}

async fn participant_session(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut phase = shared.phase.subscribe();
    let generation = *phase.borrow_and_update();
    let participant = match first_text(&mut socket).await.map(|t| serde_json::from_str::<FromParticipant>(&t))
    {
        Some(Ok(FromParticipant::Hello { participant })) if participant.is_well_formed() => participant,
        _ => {
            let message = refusal(&Id::default(), "bad_message", false, "the first message must be a hello");
            socket.send(Message::Text(message)).await.ok();
            return;
        }
    };
    let (connection, mut outbox) = connect(&shared);
    let refused = {
        let mut state = shared.state();
        let refused = if state.removed.contains(&participant) {
            Some(("removed", "the facilitator removed this participant"))
        } else if state.participants.get(&participant).is_none_or(|p| p.connections == 0)
            && state.participants.values().filter(|p| p.connections > 0).count() >= shared.limits.participants
        {
            Some(("full", "the room is full"))
        } else {
            None
        };
        if refused.is_some() {
            state.connections.remove(&connection);
        }
        refused
    };
    if let Some((reason, message)) = refused {
        socket.send(Message::Text(refusal(&Id::default(), reason, reason == "full", message))).await.ok();
        return;
    }
    let joined = {
        let mut state = shared.state();
        if let Some(c) = state.connections.get_mut(&connection) {
            c.participant = Some(participant.clone());
        }
        let entry = state.participants.entry(participant.clone()).or_default();
        entry.connections += 1;
        entry.connections == 1
    };
    if joined {
        shared.event(Event::Joined { participant: participant.clone() });
    }
    let welcome = json(&ToParticipant::Welcome {
        language: shared.language.clone(),
        max_note_chars: shared.limits.note_chars,
    });
    let mut view = shared.view.subscribe();
    let first_view = view.borrow_and_update().clone();
    let mut ok = socket.send(Message::Text(welcome)).await.is_ok();
    if ok && !first_view.as_str().is_empty() {
        ok = socket.send(Message::Text(first_view)).await.is_ok();
    }
    let (mut sink, mut stream) = socket.split();
    while ok {
        tokio::select! {
            message = stream.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    if let Some(answer) = participant_message(&shared, connection, &participant, text.as_str()) {
                        ok = sink.send(Message::Text(answer)).await.is_ok();
                    }
                }
                Some(Ok(Message::Binary(_))) => {
                    let answer = refusal(&Id::default(), "bad_message", false, "messages are JSON text");
                    ok = sink.send(Message::Text(answer)).await.is_ok();
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_)) | Err(_)) | None => ok = false,
            },
            Some(message) = outbox.recv() => {
                let closing = message.as_str().contains("\"type\":\"closed\"");
                ok = sink.send(Message::Text(message)).await.is_ok() && !closing;
            }
            Ok(()) = view.changed() => {
                let latest = view.borrow_and_update().clone();
                ok = sink.send(Message::Text(latest)).await.is_ok();
            }
            changed = phase.changed() => {
                let now = *phase.borrow_and_update();
                if changed.is_err() || now != generation {
                    let reason = if now == Phase::Closed || changed.is_err() { "closed" } else { "renewed" };
                    sink.send(Message::Text(json(&ToParticipant::Closed { reason: reason.into() }))).await.ok();
                    ok = false;
                }
            }
        }
    }
    sink.close().await.ok();
    let left = {
        let mut state = shared.state();
        state.connections.remove(&connection);
        state.participants.get_mut(&participant).is_some_and(|p| {
            p.connections = p.connections.saturating_sub(1);
            p.connections == 0
        })
    };
    if left {
        shared.event(Event::Left { participant });
    }
}

/// Handles one message of a participant: passes it to the owner, or answers a refusal.
fn participant_message(shared: &Shared, connection: u64, participant: &Id, text: &str) -> Option<Utf8Bytes> {
    let message = match serde_json::from_str::<FromParticipant>(text) {
        Ok(message) => message,
        Err(error) => {
            return Some(refusal(
                &Id::default(),
                "bad_message",
                false,
                format!("unreadable message ({error})"),
            ));
        }
    };
    let reply = Reply(connection);
    match message {
        FromParticipant::Hello { .. } => None,
        FromParticipant::Note { id, text, stage, kind, emotion, name } => {
            if !id.is_well_formed() {
                return Some(refusal(&id, "invalid", false, "a note needs an id"));
            }
            let chars = text.chars().count();
            if text.trim().is_empty() {
                return Some(refusal(&id, "empty", false, "the note is empty"));
            }
            if chars > shared.limits.note_chars {
                let max = shared.limits.note_chars;
                return Some(refusal(
                    &id,
                    "too_long",
                    false,
                    format!("a note has at most {max} characters ({chars})"),
                ));
            }
            let name: String = name.trim().chars().take(shared.limits.name_chars).collect();
            {
                let now = Instant::now();
                let mut state = shared.state();
                let per_room = shared.limits.notes_per_room_per_minute;
                if !under_cap(&mut state.room_notes, now, per_room) {
                    return Some(refusal(
                        &id,
                        "room_rate",
                        true,
                        format!("the room takes {per_room} notes a minute"),
                    ));
                }
                let per_participant = shared.limits.notes_per_participant_per_minute;
                let entry = state.participants.entry(participant.clone()).or_default();
                if !under_cap(&mut entry.notes, now, per_participant) {
                    return Some(refusal(
                        &id,
                        "rate",
                        true,
                        format!("at most {per_participant} notes a minute"),
                    ));
                }
                entry.notes.push_back(now);
                state.room_notes.push_back(now);
            }
            let note =
                Note { id, text, stage, kind, emotion, author: name, participant: participant.clone() };
            shared.event(Event::Note { reply, note });
            None
        }
        FromParticipant::Ballot { id, dots } => {
            if !id.is_well_formed() {
                return Some(refusal(&id, "invalid", false, "a ballot needs an id"));
            }
            if dots.len() > usize::try_from(crate::edit::MAX_BALLOT_DOTS).unwrap_or(usize::MAX) {
                return Some(refusal(&id, "invalid", false, "too many dots"));
            }
            shared.event(Event::Ballot { reply, id, participant: participant.clone(), dots });
            None
        }
    }
}

async fn peer_session(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut phase = shared.phase.subscribe();
    let generation = *phase.borrow_and_update();
    let (peer, name, since) =
        match first_text(&mut socket).await.map(|t| serde_json::from_str::<FromPeer>(&t)) {
            Some(Ok(FromPeer::Hello { peer, name, since, version })) if peer.is_well_formed() => {
                if version != super::protocol::VERSION {
                    let closed = ToPeer::Closed { reason: "version".into() };
                    socket.send(Message::Text(json(&closed))).await.ok();
                    return;
                }
                (peer, name, since)
            }
            _ => return,
        };
    // A first join needs a snapshot: wait for the owner's first publication.
    for _ in 0..200 {
        if since.is_some() || shared.state().snapshot.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (connection, mut outbox) = connect(&shared);
    // Under the lock: what to send first, and a subscription that misses nothing after it.
    let (start, mut applied, full) = {
        let mut state = shared.state();
        let full = !state.peers.contains_key(&peer) && state.peers.len() >= shared.limits.peers;
        if !full {
            let info = state.peers.entry(peer.clone()).or_insert(PeerInfo { connections: 0 });
            info.connections += 1;
        }
        let subscription = shared.peers.subscribe();
        let mut start = catch_up(&state, since);
        // Who has what selected already: presence has no sequence number.
        start.extend(state.presence.iter().filter(|(other, _)| **other != peer).map(
            |(other, (name, selection))| {
                let presence = ToPeer::Presence {
                    peer: other.clone(),
                    name: name.clone(),
                    selection: selection.clone(),
                };
                (0, json(&presence))
            },
        ));
        (start, subscription, full)
    };
    if full {
        shared.state().connections.remove(&connection);
        socket.send(Message::Text(json(&ToPeer::Closed { reason: "full".into() }))).await.ok();
        return;
    }
    shared.event(Event::PeerJoined { peer: peer.clone(), name: name.clone() });
    let mut last = 0;
    let mut ok = true;
    for (seq, message) in start {
        last = last.max(seq);
        if socket.send(Message::Text(message)).await.is_err() {
            ok = false;
            break;
        }
    }
    let (mut sink, mut stream) = socket.split();
    while ok {
        tokio::select! {
            message = stream.next() => match message {
                Some(Ok(Message::Text(text))) => peer_message(&shared, connection, &peer, &name, text.as_str()),
                Some(Ok(Message::Binary(_) | Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_)) | Err(_)) | None => ok = false,
            },
            Some(message) = outbox.recv() => ok = sink.send(Message::Text(message)).await.is_ok(),
            received = applied.recv() => match received {
                Ok((seq, message)) => {
                    // Presence has no sequence number; commands already sent are skipped.
                    if seq == 0 || seq > last {
                        last = last.max(seq);
                        ok = sink.send(Message::Text(message)).await.is_ok();
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    // Too far behind: start again from a snapshot.
                    let again = catch_up(&shared.state(), None);
                    for (seq, message) in again {
                        last = seq.max(last);
                        if sink.send(Message::Text(message)).await.is_err() {
                            ok = false;
                            break;
                        }
                    }
                }
                Err(broadcast::error::RecvError::Closed) => ok = false,
            },
            changed = phase.changed() => {
                let now = *phase.borrow_and_update();
                if changed.is_err() || now != generation {
                    let reason = if now == Phase::Closed || changed.is_err() { "closed" } else { "renewed" };
                    sink.send(Message::Text(json(&ToPeer::Closed { reason: reason.into() }))).await.ok();
                    ok = false;
                }
            }
        }
    }
    sink.close().await.ok();
    let left = {
        let mut state = shared.state();
        state.connections.remove(&connection);
        let gone = state.peers.get_mut(&peer).is_some_and(|p| {
            p.connections = p.connections.saturating_sub(1);
            p.connections == 0
        });
        if gone {
            state.peers.remove(&peer);
        }
        gone
    };
    if left {
        shared.presence(&peer, &name, Vec::new());
        shared.event(Event::PeerLeft { peer });
    }
}

/// What a peer that applied everything up to `since` needs: the commands after it from the
/// log, or a snapshot and the commands after the snapshot.
fn catch_up(state: &RoomState, since: Option<u64>) -> Vec<(u64, Utf8Bytes)> {
    let after = |from: u64| -> Vec<(u64, Utf8Bytes)> {
        state.log.iter().filter(|(seq, _)| *seq > from).cloned().collect()
    };
    if let Some(since) = since {
        let oldest = state.log.front().map_or(state.seq + 1, |(seq, _)| *seq);
        if since <= state.seq && since + 1 >= oldest {
            return after(since);
        }
    }
    match &state.snapshot {
        Some((seq, map)) => {
            let mut out = vec![(*seq, json(&ToPeer::Snapshot { seq: *seq, map: Box::new(Map::clone(map)) }))];
            out.extend(after(*seq));
            out
        }
        None => after(0),
    }
}

fn peer_message(shared: &Shared, connection: u64, peer: &Id, name: &str, text: &str) {
    let Ok(message) = serde_json::from_str::<FromPeer>(text) else { return };
    match message {
        FromPeer::Hello { .. } => {}
        FromPeer::Command { id, command } => {
            shared.event(Event::PeerCommand { reply: Reply(connection), peer: peer.clone(), id, command });
        }
        FromPeer::Presence { selection } => {
            shared.presence(peer, name, selection.clone());
            shared.event(Event::Presence { peer: peer.clone(), selection });
        }
        FromPeer::Present { stage } => shared.event(Event::Present { stage }),
    }
}
