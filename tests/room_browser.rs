//! The participant page in a real browser: headless Chromium driven through chromedriver
//! (`WebDriver`, with fantoccini), at a phone's 360 × 740 viewport, against a room on 127.0.0.1.
//!
//! Join by URL, post a note through the form, see it acknowledged, see the map update after a
//! change on the host, vote, lose the network and post, come back, and check that every note
//! reached the host exactly once. `PARCOURS_SCREENSHOTS=1` also writes the screenshots in
//! `docs/` (the README shows them). Needs Debian's `chromium` and `chromium-driver`
//! (`scripts/setup` installs them).

#![allow(clippy::unwrap_used, reason = "helpers of a test: a failure is a failed test")]

mod room_support;

use fantoccini::{Client, ClientBuilder, Locator};
use parcours::edit::{CardField, Command};
use parcours::model::{CardKind, Vote};
use parcours::room::{Limits, Peer, PeerEvent};
use room_support::{Owner, map};
use serde_json::json;
use std::process::{Child, Command as Process, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver on a free port of 127.0.0.1; killed on drop.
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_driver() -> Driver {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            std::path::Path::new(tool).exists(),
            "{tool} is missing: the browser test needs Debian's chromium and chromium-driver (run scripts/setup)"
        );
    }
    let port = free_port();
    let child = Process::new(CHROMEDRIVER)
        .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into(), "--log-level=SEVERE".into()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver(child, port)
}

async fn browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--lang=fr-FR",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": args,
            "mobileEmulation": { "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2.0, "touch": true } },
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .expect("chromedriver session")
}

/// A TCP relay on 127.0.0.1 in front of the room that can drop every connection and refuse new
/// ones: the phone's Wi-Fi going away and coming back.
struct Relay {
    port: u16,
    up: Arc<AtomicBool>,
    generation: Arc<tokio::sync::watch::Sender<u64>>,
}

impl Relay {
    async fn start(target: u16) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let generation = Arc::new(tokio::sync::watch::channel(0_u64).0);
        let (up_task, generation_task) = (Arc::clone(&up), Arc::clone(&generation));
        tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else { return };
                if !up_task.load(Ordering::SeqCst) {
                    continue; // dropped at once: connection refused, as good as
                }
                let mut cut = generation_task.subscribe();
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(("127.0.0.1", target)).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Self { port, up, generation }
    }

    fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.generation.send_modify(|g| *g += 1);
    }

    fn up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

async fn wait_until<F, Fut>(what: &str, within: Duration, mut test: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let start = Instant::now();
    while !test().await {
        assert!(start.elapsed() < within, "{what}: not within {within:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn body_data(client: &Client, key: &str) -> String {
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .attr(&format!("data-{key}"))
        .await
        .unwrap()
        .unwrap_or_default()
}

/// An element's text as `WebDriver` gives it (no-break spaces become spaces).
async fn text_of(client: &Client, id: &str) -> String {
    client.find(Locator::Id(id)).await.unwrap().text().await.unwrap()
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    if std::env::var_os("PARCOURS_SCREENSHOTS").is_some() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name);
        std::fs::write(path, png).unwrap();
    }
}

async fn post(client: &Client, text: &str) {
    let area = client.find(Locator::Css("form#note-form textarea[name=text]")).await.unwrap();
    area.send_keys(text).await.unwrap();
    client.find(Locator::Css("form#note-form button[type=submit]")).await.unwrap().click().await.unwrap();
}

fn wait_snapshot(peer: &mut Peer) {
    let start = Instant::now();
    while !peer.wait(Duration::from_millis(100)).iter().any(|e| matches!(e, PeerEvent::Snapshot { .. })) {
        assert!(start.elapsed() < Duration::from_secs(10), "no snapshot");
    }
}

#[test]
fn a_phone_joins_posts_votes_goes_offline_and_every_note_arrives_once() {
    let driver = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let room = Owner::start(map(), Limits::default());
    let mut desk = Peer::connect(&room.peer_url, "d-facil".into(), "Animatrice").unwrap();
    wait_snapshot(&mut desk);
    let room_port: u16 = room.url.split(':').nth(2).unwrap().split('/').next().unwrap().parse().unwrap();
    let runtime = room_support::runtime();
    runtime.block_on(async {
        let relay = Relay::start(room_port).await;
        let url = room.url.replacen(&format!(":{room_port}/"), &format!(":{}/", relay.port), 1);
        let client = browser(&driver, profile.path()).await;

        // Join by URL: the page in French, connected, the map shown.
        client.goto(&url).await.unwrap();
        let lang = client.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
        assert_eq!(lang.as_deref(), Some("fr"));
        wait_until("connected", Duration::from_secs(10), || async { body_data(&client, "connected").await == "true" }).await;
        wait_until("the map", Duration::from_secs(10), || async { !body_data(&client, "revision").await.is_empty() }).await;
        assert_eq!(text_of(&client, "connection").await, "Connecté");
        let width: f64 = client.execute("return window.innerWidth", vec![]).await.unwrap().as_f64().unwrap();
        assert!((width - 360.0).abs() < 1.0, "a phone's viewport ({width})");
        screenshot(&client, "room-phone-join.png").await;

        // Post a note through the form: acknowledged, and in the host's map once.
        post(&client, "Le code promo est refusé au paiement « sans raison »").await;
        wait_until("acknowledged", Duration::from_secs(5), || async { text_of(&client, "note-status").await == "Note reçue !" }).await;
        room.wait_for(Duration::from_secs(5), |m| m.inbox.iter().any(|n| n.text.contains("code promo")));
        screenshot(&client, "room-phone-note.png").await;

        // A change on the host shows on the phone within a second.
        let before: u64 = body_data(&client, "revision").await.parse().unwrap();
        let src_before = client.find(Locator::Id("map-image")).await.unwrap().attr("src").await.unwrap();
        let changed = Instant::now();
        desk.send(Command::SetCard { id: "c-1".into(), field: CardField::Title("Frais de port découverts au paiement".into()) });
        wait_until("the map updated", Duration::from_secs(3), || async {
            body_data(&client, "revision").await.parse::<u64>().unwrap_or(0) > before
        })
        .await;
        let seen_after = changed.elapsed();
        assert!(seen_after < Duration::from_secs(1), "updated after {seen_after:?}");
        let src_after = client.find(Locator::Id("map-image")).await.unwrap().attr("src").await.unwrap();
        assert_ne!(src_before, src_after, "a new picture");

        // Dot voting: the facilitator opens a vote on pain points; the phone votes.
        desk.send(Command::SetVote(Some(Vote { kinds: vec![CardKind::PainPoint], per_participant: 3, minutes: Some(5), open: true })));
        wait_until("the vote", Duration::from_secs(5), || async {
            client.find(Locator::Id("vote")).await.unwrap().attr("hidden").await.unwrap().is_none()
        })
        .await;
        assert_eq!(text_of(&client, "votes-left").await, "Points restants : 3");
        let cards = client.find_all(Locator::Css("#vote-cards button.card")).await.unwrap();
        assert_eq!(cards.len(), 2, "the two pain points");
        cards[0].click().await.unwrap();
        wait_until("the dot counted", Duration::from_secs(5), || async { text_of(&client, "votes-left").await == "Points restants : 2" }).await;
        let voted = room.wait_for(Duration::from_secs(5), |m| m.cards.iter().any(|c| c.vote_count() == 1));
        assert_eq!(voted.cards.iter().map(parcours::model::Card::vote_count).sum::<u32>(), 1);
        client.execute("document.getElementById('vote').scrollIntoView()", vec![]).await.unwrap();
        screenshot(&client, "room-phone-vote.png").await;
        client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();

        // The Wi-Fi goes: the page says so, and a note posted now waits in the outbox.
        relay.down();
        wait_until("offline", Duration::from_secs(10), || async { body_data(&client, "connected").await == "false" }).await;
        post(&client, "Écrit hors ligne").await;
        wait_until("shown as waiting", Duration::from_secs(5), || async { text_of(&client, "connection").await.contains("En attente d’envoi : 1") }).await;
        screenshot(&client, "room-phone-offline.png").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(!room.map().inbox.iter().any(|n| n.text == "Écrit hors ligne"), "nothing can arrive while offline");

        // Back: sent once, acknowledged.
        relay.up();
        wait_until("back online", Duration::from_secs(20), || async { body_data(&client, "connected").await == "true" }).await;
        room.wait_for(Duration::from_secs(5), |m| m.inbox.iter().any(|n| n.text == "Écrit hors ligne"));
        wait_until("outbox empty", Duration::from_secs(5), || async { text_of(&client, "connection").await == "Connecté" }).await;

        // An acknowledgement lost on the way (the note arrived, the ack did not): the outbox
        // still holds it, the reloaded page sends it again, and the host keeps one copy.
        let delivered = room.map().inbox.iter().find(|n| n.text == "Écrit hors ligne").unwrap().id.to_string();
        let lost_ack = json!([{"type": "note", "id": delivered, "text": "Écrit hors ligne", "kind": "Note", "stage": null, "emotion": null, "name": ""}]);
        client
            .execute(
                "localStorage.setItem('parcours.outbox:' + document.body.dataset.base, JSON.stringify(arguments[0]))",
                vec![lost_ack],
            )
            .await
            .unwrap();
        client.refresh().await.unwrap();
        wait_until("the resent note acknowledged", Duration::from_secs(10), || async {
            body_data(&client, "connected").await == "true" && text_of(&client, "connection").await == "Connecté"
        })
        .await;
        let outbox = client.execute("return localStorage.getItem('parcours.outbox:' + document.body.dataset.base)", vec![]).await.unwrap();
        assert_eq!(outbox, json!("[]"));
        client.close().await.unwrap();
    });
    let map = room.stop();
    let texts: Vec<&str> = map.inbox.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Le code promo est refusé au paiement « sans raison »", "Écrit hors ligne"],
        "each note once"
    );
    assert_eq!(map.inbox[0].kind, parcours::model::NoteKind::Note, "defaults for the fields left alone");
    assert!(map.inbox[0].author.is_empty(), "anonymous by default");
}
