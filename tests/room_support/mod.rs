//! Helpers for the room's tests and benchmark: a headless host (the real binary, or a host
//! running in this process), and WebSocket participants. Everything binds and connects to
//! 127.0.0.1 only.

#![allow(dead_code, reason = "each test binary uses a part of it")]
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

use futures_util::{SinkExt as _, StreamExt as _};
use parcours::edit::Editor;
use parcours::model::Map;
use parcours::room::{Host, Limits, RoomOptions, Session};
use serde_json::{Value, json};
use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A small French map with a pain point lane, for the room's tests.
pub const MAP: &str = r#"(
    version: 1,
    title: "Atelier « boutique »",
    language: "fr",
    stages: [(id: "s-1", name: "Achat"), (id: "s-2", name: "Livraison")],
    personas: [(id: "p-lea", name: "Léa")],
    lanes: [(id: "l-lea", kind: Persona("p-lea")), (id: "l-dl", title: "Douleurs", kind: PainPoints)],
    cards: [
        (id: "c-1", lane: "l-dl", stage: "s-1", title: "Frais cachés", kind: PainPoint),
        (id: "c-2", lane: "l-dl", stage: "s-2", title: "Colis en retard", kind: PainPoint),
        (id: "c-3", lane: "l-lea", stage: "s-2", title: "Suivi par SMS"),
    ],
)
"#;

/// The map above.
pub fn map() -> Map {
    parcours::file::from_str(MAP, std::path::Path::new("atelier.ron")).unwrap()
}

/// `parcours room MAP --headless --bind 127.0.0.1 --port 0`, running.
pub struct Binary {
    pub child: Child,
    pub url: String,
    pub peer_url: String,
    pub path: PathBuf,
    pub dir: tempfile::TempDir,
    pub stderr: Arc<Mutex<String>>,
}

impl Binary {
    /// Starts the real binary on a copy of `map_text`.
    pub fn start(map_text: &str) -> Self {
        Self::start_with(map_text, &[])
    }

    /// Starts the real binary on a copy of `map_text`, with more arguments (paths relative to
    /// the map's folder are the caller's business).
    pub fn start_with(map_text: &str, extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("atelier.ron");
        std::fs::write(&path, map_text).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
            .args(["room", path.to_str().unwrap(), "--headless", "--bind", "127.0.0.1", "--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut url = String::new();
        stdout.read_line(&mut url).unwrap();
        let url = url.trim_end().to_owned();
        assert!(url.starts_with("http://127.0.0.1:") && url.contains("/r/"), "first line: {url:?}");
        let rest = Arc::new(Mutex::new(String::new()));
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut peer_url = String::new();
        for _ in 0..3 {
            let mut line = String::new();
            stderr.read_line(&mut line).unwrap();
            if let Some(found) = line.trim().strip_prefix("desktops join with: parcours join ") {
                found.clone_into(&mut peer_url);
                break;
            }
        }
        let sink = Arc::clone(&rest);
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        // Nothing else may come on stdout.
        let out = Arc::clone(&rest);
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                out.lock().unwrap().push_str(&("UNEXPECTED STDOUT: ".to_owned() + &line + "\n"));
            }
        });
        Self { child, url, peer_url, path, dir, stderr: rest }
    }

    /// The map file as it is on disk now.
    pub fn saved(&self) -> Map {
        parcours::file::load(&self.path).unwrap()
    }

    /// Waits until the saved map satisfies `test` (the binary saves within 2 s of a change).
    pub fn wait_saved(&self, within: Duration, test: impl Fn(&Map) -> bool) -> Map {
        let start = Instant::now();
        loop {
            if let Ok(map) = parcours::file::load(&self.path)
                && test(&map)
            {
                return map;
            }
            assert!(
                start.elapsed() < within,
                "not saved within {within:?}; stderr:\n{}",
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGTERM and waits for the exit code.
    pub fn terminate(mut self) -> (i32, Map, String) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let start = Instant::now();
        let code = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status.code().unwrap_or(-1);
            }
            assert!(start.elapsed() < Duration::from_secs(10), "did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        };
        std::thread::sleep(Duration::from_millis(50));
        let stderr = self.stderr.lock().unwrap().clone();
        (code, self.saved(), stderr)
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A room hosted in this process: a thread runs the owner's loop (as the headless runner does)
/// over an editor, and the latest map is readable at any time.
pub struct Owner {
    pub url: String,
    pub peer_url: String,
    map: Arc<Mutex<Map>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<Map>>,
    /// (note id, when it reached the document), for the benchmark.
    pub arrivals: mpsc::Receiver<(String, Instant)>,
}

impl Owner {
    /// Opens a room on `map` with these caps, on 127.0.0.1.
    pub fn start(map: Map, limits: Limits) -> Self {
        let mut options = RoomOptions::new("127.0.0.1".parse().unwrap(), 0, &map.language);
        options.limits = limits;
        let mut host = Host::start(options).unwrap();
        let (url, peer_url) = (host.url(), host.peer_url());
        let shared = Arc::new(Mutex::new(map.clone()));
        let stop = Arc::new(AtomicBool::new(false));
        let (arrived, arrivals) = mpsc::channel();
        let (for_thread, stop_thread) = (Arc::clone(&shared), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            let mut editor = Editor::new(map, 3);
            let mut session = Session::new();
            session.publish(&mut host, editor.map());
            let mut revision = editor.revision();
            let mut mirrored = Instant::now();
            while !stop_thread.load(Ordering::SeqCst) {
                for event in host.wait(Duration::from_millis(20)) {
                    let note = match &event {
                        parcours::room::Event::Note { note, .. } => Some(note.id.to_string()),
                        _ => None,
                    };
                    if session.handle(&mut host, &mut editor, event)
                        && let Some(id) = note
                    {
                        arrived.send((id, Instant::now())).ok();
                    }
                }
                session.tick(&mut host, &mut editor);
                session.publish_if_due(&mut host, editor.map());
                // Copied for the test thread at most every 20 ms (a copy per note would dominate).
                if editor.revision() != revision && mirrored.elapsed() >= Duration::from_millis(20) {
                    revision = editor.revision();
                    mirrored = Instant::now();
                    *for_thread.lock().unwrap() = editor.map().clone();
                }
            }
            *for_thread.lock().unwrap() = editor.map().clone();
            host.close();
            editor.into_map()
        });
        Self { url, peer_url, map: shared, stop, thread: Some(thread), arrivals }
    }

    /// The map as the owner has it now.
    pub fn map(&self) -> Map {
        self.map.lock().unwrap().clone()
    }

    /// Waits until the owner's map satisfies `test`.
    pub fn wait_for(&self, within: Duration, test: impl Fn(&Map) -> bool) -> Map {
        let start = Instant::now();
        loop {
            let map = self.map();
            if test(&map) {
                return map;
            }
            assert!(start.elapsed() < within, "the host's map never got there");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Closes the room; returns the final map.
    pub fn stop(mut self) -> Map {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.take().unwrap().join().unwrap()
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

/// The WebSocket URL of a room URL (`http://…/r/TOKEN` → `ws://…/r/TOKEN/ws`).
pub fn ws_url(url: &str) -> String {
    format!("{}/ws", url.replacen("http://", "ws://", 1))
}

/// A participant's WebSocket.
pub struct Client {
    pub socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Messages received and not yet taken.
    pub seen: Vec<Value>,
}

impl Client {
    /// Connects and says hello; returns once the welcome arrived.
    pub async fn join(url: &str, participant: &str) -> Self {
        let (socket, _) = tokio_tungstenite::connect_async(ws_url(url)).await.unwrap();
        let mut client = Self { socket, seen: Vec::new() };
        client.send(json!({"type": "hello", "participant": participant})).await;
        client.expect("welcome").await;
        client
    }

    /// Connects and says hello as `participant`, and returns the first answer (a welcome, or
    /// the refusal of a participant the room does not take).
    pub async fn hello(url: &str, participant: &str) -> Value {
        let (socket, _) = tokio_tungstenite::connect_async(ws_url(url)).await.unwrap();
        let mut client = Self { socket, seen: Vec::new() };
        client.send(json!({"type": "hello", "participant": participant})).await;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let next = tokio::time::timeout_at(deadline, client.socket.next()).await;
            let Ok(Some(Ok(message))) = next else { panic!("no answer to hello within 5 s") };
            if let Message::Text(text) = message {
                return serde_json::from_str(text.as_str()).unwrap();
            }
        }
    }

    pub async fn send(&mut self, message: Value) {
        self.socket.send(Message::text(message.to_string())).await.unwrap();
    }

    /// Posts a note.
    pub async fn note(&mut self, id: &str, text: &str) {
        self.send(json!({"type": "note", "id": id, "text": text, "kind": "PainPoint", "stage": "s-1"})).await;
    }

    /// The next message of this type (others are kept in `seen`), within 5 s.
    pub async fn expect(&mut self, kind: &str) -> Value {
        if let Some(at) = self.seen.iter().position(|m| m["type"] == kind) {
            return self.seen.remove(at);
        }
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let next = tokio::time::timeout_at(deadline, self.socket.next()).await;
            let Ok(Some(Ok(message))) = next else {
                panic!(
                    "no {kind} message within 5 s (saw {:?})",
                    self.seen.iter().map(|m| m["type"].clone()).collect::<Vec<_>>()
                )
            };
            let Message::Text(text) = message else { continue };
            let value: Value = serde_json::from_str(text.as_str()).unwrap();
            if value["type"] == kind {
                return value;
            }
            self.seen.push(value);
        }
    }

    /// The acknowledgement or refusal of a message id.
    pub async fn answer(&mut self, id: &str) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(at) =
                self.seen.iter().position(|m| m["id"] == id && (m["type"] == "ack" || m["type"] == "refused"))
            {
                return self.seen.remove(at);
            }
            let next = tokio::time::timeout_at(deadline, self.socket.next()).await;
            let Ok(Some(Ok(message))) = next else { panic!("no answer for {id} within 5 s") };
            let Message::Text(text) = message else { continue };
            self.seen.push(serde_json::from_str(text.as_str()).unwrap());
        }
    }
}

/// A runtime for one test.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// A TCP relay on 127.0.0.1 in front of a room, on a thread of its own: [`Relay::down`] drops
/// every connection through it and refuses new ones, [`Relay::up`] lets them through again — a
/// desktop's network going away and coming back.
pub struct Relay {
    /// The relay's port: the room's URL with this port goes through it.
    pub port: u16,
    up: Arc<AtomicBool>,
    cut: Arc<tokio::sync::watch::Sender<u64>>,
}

impl Relay {
    /// Relays to 127.0.0.1:`target`.
    pub fn start(target: u16) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let cut = Arc::new(tokio::sync::watch::channel(0_u64).0);
        let (up_task, cut_task) = (Arc::clone(&up), Arc::clone(&cut));
        std::thread::spawn(move || {
            runtime().block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    let Ok((mut inbound, _)) = listener.accept().await else { return };
                    if !up_task.load(Ordering::SeqCst) {
                        continue; // dropped at once: as good as refused
                    }
                    let mut cut = cut_task.subscribe();
                    tokio::spawn(async move {
                        let Ok(mut outbound) = TcpStream::connect(("127.0.0.1", target)).await else {
                            return;
                        };
                        tokio::select! {
                            _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                            _ = cut.changed() => {}
                        }
                    });
                }
            });
        });
        Self { port, up, cut }
    }

    /// Drops every connection and refuses new ones.
    pub fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.cut.send_modify(|g| *g += 1);
    }

    /// Lets connections through again.
    pub fn up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}
