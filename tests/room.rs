//! The workshop room over loopback: the real `parcours room --headless` binary and hosts in this
//! process, with WebSocket participants and peer desktops. Everything is on 127.0.0.1.

#![allow(clippy::unwrap_used, reason = "helpers of tests: a failure is a failed test")]

mod room_support;

use futures_util::{SinkExt as _, StreamExt as _};
use parcours::check::{Severity, check};
use parcours::edit::{CardField, Command};
use parcours::model::{CardKind, Id, Map, Vote};
use parcours::room::protocol::VERSION;
use parcours::room::{Joined, JoinedEvent, Limits, Peer, PeerEvent};
use room_support::{Binary, Client, MAP, Owner, map, runtime};
use serde_json::json;
use std::time::Duration;

fn no_errors(map: &Map) {
    let errors: Vec<String> =
        check(map, None).into_iter().filter(|d| d.severity == Severity::Error).map(|d| d.message).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn headless_binary_takes_notes_saves_them_and_stops_on_sigterm() {
    let room = Binary::start(MAP);
    let saved = runtime().block_on(async {
        let mut phone = Client::join(&room.url, "u-phone1").await;
        let view = phone.expect("view").await;
        assert!(view["svg"].as_str().unwrap().starts_with("<?xml"), "the map as SVG");
        assert_eq!(view["stages"][0]["name"], "Achat");
        phone.note("n-first1", "Le <b>code promo</b> « refusé »").await;
        assert_eq!(
            phone.answer("n-first1").await,
            json!({"type": "ack", "id": "n-first1", "duplicate": false})
        );
        // Saved within 2 s, without SIGTERM.
        room.wait_saved(Duration::from_secs(2), |m| m.inbox.len() == 1)
    });
    let note = &saved.inbox[0];
    assert_eq!(note.text, "Le <b>code promo</b> « refusé »");
    assert_eq!(note.participant, Id::from("u-phone1"));
    assert_eq!(saved.version, 2);
    let text = std::fs::read_to_string(&room.path).unwrap();
    assert!(text.starts_with("(\n    version: 2,\n"), "room data makes a version 2 file");
    // A note posted just before SIGTERM is saved by the stop.
    runtime().block_on(async {
        let mut phone = Client::join(&room.url, "u-phone1").await;
        phone.note("n-last01", "Dernière note").await;
        phone.answer("n-last01").await;
    });
    let (code, saved, stderr) = room.terminate();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(saved.inbox.len(), 2, "{stderr}");
    assert!(!stderr.contains("UNEXPECTED STDOUT"), "{stderr}");
    no_errors(&saved);
}

#[test]
fn wrong_tokens_are_refused_over_http_and_websocket() {
    let room = Owner::start(map(), Limits::default());
    let port = room.url.split(':').nth(2).unwrap().split('/').next().unwrap().to_owned();
    let bad = format!("http://127.0.0.1:{port}/r/0000000000000000000000000");
    runtime().block_on(async {
        for (url, status) in [
            (room.url.clone(), 200),
            (format!("{}/app.js", room.url), 200),
            (bad.clone(), 403),
            (format!("{bad}/app.js"), 403),
            (format!("http://127.0.0.1:{port}/"), 404),
            (format!("http://127.0.0.1:{port}/Cargo.toml"), 404),
            (format!("http://127.0.0.1:{port}/r/{}/../../Cargo.toml", "x"), 404),
        ] {
            assert_eq!(http_status(&url).await, status, "{url}");
        }
        // The participants' token does not open the desktops' socket, and a wrong one nothing.
        for url in [format!("{bad}/ws"), room.url.replacen("/r/", "/d/", 1) + "/ws"] {
            let error =
                tokio_tungstenite::connect_async(url.replacen("http://", "ws://", 1)).await.unwrap_err();
            match error {
                tokio_tungstenite::tungstenite::Error::Http(response) => assert_eq!(response.status(), 403),
                other => panic!("{other:?}"),
            }
        }
    });
}

/// The status of a plain GET, with a request written by hand (no HTTP client needed).
async fn http_status(url: &str) -> u16 {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_note_resent_after_a_lost_connection_is_posted_once() {
    let room = Owner::start(map(), Limits::default());
    runtime().block_on(async {
        // Sent, then the phone sleeps before the acknowledgement arrives.
        let mut phone = Client::join(&room.url, "u-sleepy").await;
        phone.note("n-once01", "Une seule fois").await;
        phone.socket.close(None).await.ok();
        drop(phone);
        room.wait_for(Duration::from_secs(5), |m| m.inbox.len() == 1);
        // Back: the outbox sends it again, twice even.
        let mut phone = Client::join(&room.url, "u-sleepy").await;
        phone.note("n-once01", "Une seule fois").await;
        phone.note("n-once01", "Une seule fois").await;
        assert_eq!(phone.answer("n-once01").await["duplicate"], true);
        assert_eq!(phone.answer("n-once01").await["duplicate"], true);
        phone.note("n-once02", "Une autre").await;
        assert_eq!(phone.answer("n-once02").await["duplicate"], false);
    });
    let map = room.stop();
    let ids: Vec<&str> = map.inbox.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["n-once01", "n-once02"]);
}

#[test]
fn notes_are_capped_in_length_rate_and_size_and_refusals_say_why() {
    let limits = Limits { notes_per_participant_per_minute: 3, participants: 2, ..Limits::default() };
    let room = Owner::start(map(), limits);
    runtime().block_on(async {
        let mut phone = Client::join(&room.url, "u-talker").await;
        phone.note("n-long01", &"é".repeat(501)).await;
        let refused = phone.answer("n-long01").await;
        assert_eq!(
            (refused["type"].as_str(), refused["reason"].as_str(), refused["retry"].as_bool()),
            (Some("refused"), Some("too_long"), Some(false))
        );
        phone.note("n-empty1", "  ").await;
        assert_eq!(phone.answer("n-empty1").await["reason"], "empty");
        for k in 1..=3 {
            let id = format!("n-rate0{k}");
            phone.note(&id, "ok").await;
            assert_eq!(phone.answer(&id).await["type"], "ack");
        }
        phone.note("n-rate04", "one too many").await;
        let refused = phone.answer("n-rate04").await;
        assert_eq!((refused["reason"].as_str(), refused["retry"].as_bool()), (Some("rate"), Some(true)));
        // Another participant still may post.
        let mut other = Client::join(&room.url, "u-other").await;
        other.note("n-other1", "moi aussi").await;
        assert_eq!(other.answer("n-other1").await["type"], "ack");
        // The room holds two participants.
        let (mut third, _) = tokio_tungstenite::connect_async(room_support::ws_url(&room.url)).await.unwrap();
        third.send(json!({"type": "hello", "participant": "u-third"}).to_string().into()).await.unwrap();
        let answer = third.next().await.unwrap().unwrap().into_text().unwrap();
        assert!(answer.contains("\"reason\":\"full\""), "{answer}");
        // An oversized message ends the connection.
        phone.send(json!({"type": "note", "id": "n-huge01", "text": "x".repeat(20_000)})).await;
        let closed = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                match phone.socket.next().await {
                    None | Some(Err(_) | Ok(tokio_tungstenite::tungstenite::Message::Close(_))) => {
                        break;
                    }
                    Some(Ok(_)) => {}
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "the oversized message did not end the connection");
        // Garbage is answered, not fatal.
        other.send(json!({"type": "nonsense"})).await;
        assert_eq!(other.expect("refused").await["reason"], "bad_message");
    });
    let map = room.stop();
    assert_eq!(map.inbox.len(), 4);
}

#[test]
fn votes_are_cast_replaced_and_counted_on_the_cards() {
    let room = Owner::start(map(), Limits::default());
    let mut desk = Peer::connect(&room.peer_url, "d-facil".into(), "Animatrice").unwrap();
    wait_snapshot(&mut desk);
    runtime().block_on(async {
        let mut phone = Client::join(&room.url, "u-voter1").await;
        phone.send(json!({"type": "ballot", "id": "b-early1", "dots": ["c-1"]})).await;
        assert_eq!(phone.answer("b-early1").await["reason"], "no_vote");
        let vote =
            Vote { kinds: vec![CardKind::PainPoint], per_participant: 2, minutes: Some(5), open: true };
        desk.send(Command::SetVote(Some(vote)));
        // The page learns of the vote through the view, with the cards it can vote on.
        let view = loop {
            let view = phone.expect("view").await;
            if view["vote"]["open"] == true {
                break view;
            }
        };
        let cards: Vec<&str> =
            view["cards"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(cards, ["c-1", "c-2"], "only pain points");
        assert!(view["vote_ends_in"].as_u64().unwrap() > 200);
        phone.send(json!({"type": "ballot", "id": "b-one001", "dots": ["c-1", "c-1"]})).await;
        assert_eq!(phone.answer("b-one001").await["type"], "ack");
        phone.send(json!({"type": "ballot", "id": "b-two001", "dots": ["c-1", "c-2"]})).await;
        assert_eq!(phone.answer("b-two001").await["type"], "ack");
        // Resent after a reconnection: harmless.
        phone.send(json!({"type": "ballot", "id": "b-two001", "dots": ["c-1", "c-2"]})).await;
        assert_eq!(phone.answer("b-two001").await["type"], "ack");
        phone.send(json!({"type": "ballot", "id": "b-bad001", "dots": ["c-3"]})).await;
        assert_eq!(phone.answer("b-bad001").await["reason"], "invalid");
        let mut second = Client::join(&room.url, "u-voter2").await;
        second.send(json!({"type": "ballot", "id": "b-sec001", "dots": ["c-2"]})).await;
        second.answer("b-sec001").await;
    });
    let map = room.wait_for(Duration::from_secs(5), |m| m.card(&"c-2".into()).unwrap().vote_count() == 2);
    assert_eq!(map.card(&"c-1".into()).unwrap().vote_count(), 1);
    no_errors(&map);
}

fn wait_snapshot(peer: &mut Peer) -> Map {
    for _ in 0..100 {
        for event in peer.wait(Duration::from_millis(100)) {
            if let PeerEvent::Snapshot { map, .. } = event {
                return *map;
            }
        }
    }
    panic!("no snapshot");
}

/// Applies what a peer received to its copy; returns the (seq, author, command) of each command
/// applied, and keeps rejections in `rejected`.
fn follow_all(
    peer: &mut Peer,
    copy: &mut Map,
    until_seq: u64,
    rejected: &mut Vec<(Id, String)>,
) -> Vec<(u64, Id, Command)> {
    let mut seen = Vec::new();
    let start = std::time::Instant::now();
    while peer.seq() < until_seq || seen.last().is_none_or(|(s, _, _)| *s < until_seq) {
        for event in peer.wait(Duration::from_millis(50)) {
            match event {
                PeerEvent::Snapshot { map, .. } => *copy = *map,
                PeerEvent::Applied { seq, author, command, .. } => {
                    command.clone().apply(copy).unwrap();
                    seen.push((seq, author, command));
                }
                PeerEvent::Rejected { id, message } => rejected.push((id, message)),
                _ => {}
            }
        }
        assert!(start.elapsed() < Duration::from_secs(10), "stuck at {} of {until_seq}", peer.seq());
    }
    seen
}

fn follow(peer: &mut Peer, copy: &mut Map, until_seq: u64) -> Vec<(u64, Id, Command)> {
    follow_all(peer, copy, until_seq, &mut Vec::new())
}

#[test]
fn two_desktops_editing_one_card_converge_last_writer_wins_per_field() {
    let room = Owner::start(map(), Limits::default());
    let mut anna = Peer::connect(&room.peer_url, "d-anna".into(), "Anna").unwrap();
    let mut bruno = Peer::connect(&room.peer_url, "d-bruno".into(), "Bruno").unwrap();
    let mut anna_map = wait_snapshot(&mut anna);
    let mut bruno_map = wait_snapshot(&mut bruno);
    let title = |t: &str| Command::SetCard { id: "c-1".into(), field: CardField::Title(t.into()) };
    // Both edit the title of c-1 at once; Anna also its emotion, Bruno moves it.
    anna.send(title("Frais (Anna)"));
    bruno.send(title("Frais (Bruno)"));
    anna.send(Command::SetCard { id: "c-1".into(), field: CardField::Emotion(Some(-2)) });
    bruno.send(Command::MoveCards {
        ids: vec!["c-1".into()],
        lane: "l-dl".into(),
        stage: "s-2".into(),
        index: 0,
    });
    // A command that no longer applies is rejected, and nothing breaks.
    let doomed = bruno.send(Command::RemoveCards { ids: vec!["c-zzz".into()] });
    let mut rejected = Vec::new();
    let seen_anna = follow(&mut anna, &mut anna_map, 4);
    let seen_bruno = follow_all(&mut bruno, &mut bruno_map, 4, &mut rejected);
    assert_eq!(seen_anna, seen_bruno, "one order for everyone");
    assert_eq!(seen_anna.iter().map(|(s, _, _)| *s).collect::<Vec<_>>(), [1, 2, 3, 4]);
    let host_map = room.wait_for(Duration::from_secs(5), |m| {
        let card = m.card(&"c-1".into()).unwrap();
        card.emotion == Some(-2) && card.stage.as_str() == "s-2"
    });
    assert_eq!(anna_map, host_map);
    assert_eq!(bruno_map, host_map);
    // Last writer wins on the title (the later in the host's order); the other fields are kept.
    let last_title = seen_anna
        .iter()
        .rev()
        .find_map(|(_, _, c)| match c {
            Command::SetCard { field: CardField::Title(title), .. } => Some(title.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(host_map.card(&"c-1".into()).unwrap().title, last_title);
    no_errors(&host_map);
    for _ in 0..50 {
        if !rejected.is_empty() {
            break;
        }
        for event in bruno.wait(Duration::from_millis(100)) {
            if let PeerEvent::Rejected { id, message } = event {
                rejected.push((id, message));
            }
        }
    }
    let (id, message) = rejected.first().expect("the doomed command is rejected");
    assert_eq!(id, &doomed);
    assert!(message.contains("c-zzz"), "{message}");
}

#[test]
fn a_desktop_that_reconnects_catches_up_from_its_last_sequence_number() {
    let room = Owner::start(map(), Limits::default());
    let mut writer = Peer::connect(&room.peer_url, "d-writer".into(), "W").unwrap();
    let mut copy = wait_snapshot(&mut writer);
    for k in 0..5 {
        writer.send(Command::SetCard { id: "c-2".into(), field: CardField::Title(format!("Titre {k}")) });
    }
    follow(&mut writer, &mut copy, 5);
    runtime().block_on(async {
        let ws = format!("{}/ws", room.peer_url.replacen("http://", "ws://", 1));
        // Back after seq 3: only 4 and 5 come, no snapshot.
        let (mut socket, _) = tokio_tungstenite::connect_async(&ws).await.unwrap();
        socket
            .send(
                json!({"type": "hello", "peer": "d-late", "since": 3, "version": VERSION}).to_string().into(),
            )
            .await
            .unwrap();
        let mut seqs = Vec::new();
        while seqs.len() < 2 {
            let text = socket.next().await.unwrap().unwrap().into_text().unwrap();
            let message: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
            assert_eq!(message["type"], "applied", "{message}");
            seqs.push(message["seq"].as_u64().unwrap());
        }
        assert_eq!(seqs, [4, 5]);
        // A first join gets a snapshot that already holds everything.
        let (mut fresh, _) = tokio_tungstenite::connect_async(&ws).await.unwrap();
        fresh
            .send(json!({"type": "hello", "peer": "d-new", "version": VERSION}).to_string().into())
            .await
            .unwrap();
        let text = fresh.next().await.unwrap().unwrap().into_text().unwrap();
        let message: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
        assert_eq!(message["type"], "snapshot");
    });
    assert_eq!(copy.card(&"c-2".into()).unwrap().title, "Titre 4");
}

#[test]
fn renewing_the_token_disconnects_everyone_and_the_old_link_stops_working() {
    let mut options = parcours::room::RoomOptions::new("127.0.0.1".parse().unwrap(), 0, "en");
    options.limits = Limits::default();
    let mut host = parcours::room::Host::start(options).unwrap();
    let old = host.url();
    runtime().block_on(async {
        let mut phone = Client::join(&old, "u-renew").await;
        let new = host.renew_token().unwrap();
        assert_ne!(new, old);
        assert_eq!(phone.expect("closed").await["reason"], "renewed");
        assert_eq!(http_status(&old).await, 403);
        assert_eq!(http_status(&new).await, 200);
        let phone = Client::join(&new, "u-renew").await;
        drop(phone);
    });
    let port = host.local_addr().port();
    host.close();
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "the server stopped with the room");
}

#[test]
fn removing_a_participant_disconnects_them_and_removes_their_notes_and_votes() {
    let mut options = parcours::room::RoomOptions::new("127.0.0.1".parse().unwrap(), 0, "fr");
    options.limits = Limits::default();
    let mut host = parcours::room::Host::start(options).unwrap();
    let mut editor = parcours::edit::Editor::new(map(), 1);
    let mut session = parcours::room::Session::new();
    session.publish(&mut host, editor.map());
    let url = host.url();
    let rt = runtime();
    let mut troll = rt.block_on(async {
        let mut troll = Client::join(&url, "u-troll").await;
        troll.note("n-spam01", "spam").await;
        troll
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while editor.map().inbox.is_empty() {
        for event in host.wait(Duration::from_millis(20)) {
            session.handle(&mut host, &mut editor, event);
        }
        assert!(std::time::Instant::now() < deadline);
    }
    session.remove_participant(&mut host, &mut editor, &"u-troll".into()).unwrap();
    assert!(editor.map().inbox.is_empty());
    assert_eq!(editor.map().dismissed, [Id::from("n-spam01")]);
    rt.block_on(async {
        assert_eq!(troll.expect("closed").await["reason"], "removed");
        let (mut again, _) = tokio_tungstenite::connect_async(room_support::ws_url(&url)).await.unwrap();
        again.send(json!({"type": "hello", "participant": "u-troll"}).to_string().into()).await.unwrap();
        let answer = again.next().await.unwrap().unwrap().into_text().unwrap();
        assert!(answer.contains("\"reason\":\"removed\""), "{answer}");
    });
}

#[test]
fn export_votes_draws_the_badges_and_insights_lists_the_most_voted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vote.ron");
    let mut voted = map();
    voted.cards[1].votes.insert("u-1".into(), 2);
    voted.cards[1].votes.insert("u-2".into(), 1);
    parcours::file::save(&path, &voted).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_parcours")).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let svg = dir.path().join("p.svg");
    let (map_arg, svg_arg) = (path.to_str().unwrap(), svg.to_str().unwrap());
    run(&["export", map_arg, "-o", svg_arg, "--votes"]);
    assert!(std::fs::read_to_string(&svg).unwrap().contains("●●● 3"));
    run(&["export", map_arg, "-o", svg_arg]);
    assert!(!std::fs::read_to_string(&svg).unwrap().contains("●●● 3"));
    let text = run(&["insights", map_arg]);
    assert!(
        text.contains("Les plus votés") && text.contains("3 votes · Colis en retard (Livraison)"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["insights", map_arg, "--json"])).unwrap();
    assert_eq!(json["most_voted"][0]["votes"], 3);
    assert_eq!(json["most_voted"][0]["card"]["card"], "c-2");
}

#[test]
fn a_change_made_on_disk_meanwhile_is_merged_not_overwritten() {
    let room = Binary::start(MAP);
    runtime().block_on(async {
        let mut phone = Client::join(&room.url, "u-phone1").await;
        phone.note("n-before", "Avant le pull").await;
        phone.answer("n-before").await;
    });
    room.wait_saved(Duration::from_secs(2), |m| m.inbox.len() == 1);
    // A colleague's change lands in the file (a git pull): a new title and a renamed card.
    let mut theirs = room.saved();
    theirs.title = "Atelier — après le pull".into();
    theirs.cards[2].title = "Suivi par SMS et courriel".into();
    parcours::file::save(&room.path, &theirs).unwrap();
    runtime().block_on(async {
        let mut phone = Client::join(&room.url, "u-phone1").await;
        phone.note("n-after1", "Après le pull").await;
        phone.answer("n-after1").await;
    });
    let merged = room.wait_saved(Duration::from_secs(3), |m| m.inbox.len() == 2);
    assert_eq!(merged.title, "Atelier — après le pull", "their change kept");
    assert_eq!(merged.cards[2].title, "Suivi par SMS et courriel");
    let (code, last, stderr) = room.terminate();
    assert_eq!(code, 0);
    assert!(stderr.contains("changed on disk") && stderr.contains("merged"), "{stderr}");
    assert_eq!(last.inbox.len(), 2);
    assert_eq!(last.title, "Atelier — après le pull");
}

#[test]
fn the_join_sheet_is_written_and_the_window_mode_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("join.pdf");
    let room = Binary::start_with(MAP, &["--join-sheet", sheet.to_str().unwrap()]);
    let start = std::time::Instant::now();
    while !sheet.exists() {
        assert!(start.elapsed() < Duration::from_secs(10), "no join sheet");
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = room.url.clone();
    let (code, _, _) = room.terminate();
    assert_eq!(code, 0);
    let pdf = std::fs::read(&sheet).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Ok(out) = std::process::Command::new("pdftotext").args([sheet.to_str().unwrap(), "-"]).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&url) && text.contains("Participez"), "{text}");
    }
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MAP).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(["room", path.to_str().unwrap(), "--bind", "127.0.0.1", "--port", "0"])
        // No display: the window cannot open, and the message says how to run it without one.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--headless"), "{stderr}");
}

#[test]
fn a_desktop_command_resent_after_a_reconnection_is_applied_once() {
    let room = Owner::start(map(), Limits::default());
    runtime().block_on(async {
        let ws = format!("{}/ws", room.peer_url.replacen("http://", "ws://", 1));
        let (mut socket, _) = tokio_tungstenite::connect_async(&ws).await.unwrap();
        socket
            .send(json!({"type": "hello", "peer": "d-flaky", "version": VERSION}).to_string().into())
            .await
            .unwrap();
        let command =
            serde_json::to_value(Command::SetCard { id: "c-3".into(), field: CardField::Emotion(Some(1)) })
                .unwrap();
        let message = json!({"type": "command", "id": "d-flaky-1", "command": command}).to_string();
        socket.send(message.clone().into()).await.unwrap();
        socket.close(None).await.ok();
        // Back, not knowing whether it arrived: sends it again (as `Peer` does).
        let (mut socket, _) = tokio_tungstenite::connect_async(&ws).await.unwrap();
        socket
            .send(json!({"type": "hello", "peer": "d-flaky", "version": VERSION}).to_string().into())
            .await
            .unwrap();
        socket.send(message.into()).await.unwrap();
        let follow_up =
            serde_json::to_value(Command::SetCard { id: "c-3".into(), field: CardField::Emotion(Some(2)) })
                .unwrap();
        socket
            .send(json!({"type": "command", "id": "d-flaky-2", "command": follow_up}).to_string().into())
            .await
            .unwrap();
        let mut applied = Vec::new();
        while applied.len() < 2 {
            let text = tokio::time::timeout(Duration::from_secs(5), socket.next())
                .await
                .unwrap()
                .unwrap()
                .unwrap()
                .into_text()
                .unwrap();
            let message: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
            if message["type"] == "applied" {
                applied.push(message["id"].as_str().unwrap().to_owned());
            }
        }
        assert_eq!(applied, ["d-flaky-1", "d-flaky-2"], "the resent command was not applied again");
    });
    let map = room.wait_for(Duration::from_secs(5), |m| m.card(&"c-3".into()).unwrap().emotion == Some(2));
    assert_eq!(map.card(&"c-3".into()).unwrap().emotion, Some(2));
}

#[test]
fn notes_past_the_undo_limit_are_still_reported_to_the_desktops() {
    let mut host =
        parcours::room::Host::start(parcours::room::RoomOptions::new("127.0.0.1".parse().unwrap(), 0, "fr"))
            .unwrap();
    let mut editor = parcours::edit::Editor::new(map(), 1);
    *editor.history_mut() = parcours::edit::History::with_limit(2);
    let mut session = parcours::room::Session::new();
    session.publish(&mut host, editor.map());
    let url = host.url();
    let rt = runtime();
    let mut phone = rt.block_on(Client::join(&url, "u-many"));
    for k in 0..5 {
        rt.block_on(phone.note(&format!("n-many{k}"), "encore"));
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while editor.map().inbox.len() < 5 {
        for event in host.wait(Duration::from_millis(20)) {
            session.handle(&mut host, &mut editor, event);
        }
        assert!(std::time::Instant::now() < deadline);
    }
    assert_eq!(editor.history().undo_len(), 2);
    assert_eq!(host.seq(), 5, "every note is broadcast, past the history's limit too");
    for k in 0..5 {
        assert_eq!(rt.block_on(phone.answer(&format!("n-many{k}")))["type"], "ack");
    }
}

// ---- Joined desktops: optimistic edits rebased on the host's order ----

fn joined(url: &str, id: &str, name: &str) -> Joined {
    let mut desk = Joined::connect(url, id.into(), name).unwrap();
    settle(&mut desk, Joined::is_synced);
    desk
}

/// Lets a desktop take what arrives until `done` holds (10 s at most); returns its events.
fn settle(desk: &mut Joined, done: impl Fn(&Joined) -> bool) -> Vec<JoinedEvent> {
    let start = std::time::Instant::now();
    let mut events = desk.poll();
    while !done(desk) {
        events.extend(desk.wait(Duration::from_millis(20)));
        assert!(start.elapsed() < Duration::from_secs(10), "{desk:?} never got there; {events:?}");
    }
    events
}

/// Waits until every desktop has had its commands ordered and shows the host's document byte for
/// byte; returns the host's map and what each desktop reported meanwhile.
fn converge(room: &Owner, desks: &mut [&mut Joined]) -> (Map, Vec<Vec<JoinedEvent>>) {
    let start = std::time::Instant::now();
    let mut events = vec![Vec::new(); desks.len()];
    loop {
        for (desk, seen) in desks.iter_mut().zip(&mut events) {
            seen.extend(desk.poll());
        }
        let host = room.map();
        let text = parcours::file::to_string(&host);
        if desks.iter().all(|d| d.pending() == 0 && parcours::file::to_string(d.map()) == text) {
            for desk in desks.iter() {
                assert_eq!(desk.map(), desk.confirmed());
            }
            return (host, events);
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no convergence: {desks:?} {events:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn set_card(card: &str, field: CardField) -> Command {
    Command::SetCard { id: card.into(), field }
}

#[test]
fn joined_desktops_editing_one_card_keep_both_fields_and_the_later_title_and_converge_byte_for_byte() {
    let room = Owner::start(map(), Limits::default());
    let mut anna = joined(&room.peer_url, "d-anna", "Anna");
    let mut bruno = joined(&room.peer_url, "d-bruno", "Bruno");
    let mut observer = Peer::connect(&room.peer_url, "d-observer".into(), "O").unwrap();
    let mut order = wait_snapshot(&mut observer);
    // Both edit c-1 before either hears from the other: the title twice, and one field each.
    anna.apply(set_card("c-1", CardField::Title("Frais (Anna)".into()))).unwrap();
    anna.apply(set_card("c-1", CardField::Emotion(Some(-2)))).unwrap();
    bruno.apply(set_card("c-1", CardField::Title("Frais (Bruno)".into()))).unwrap();
    bruno.apply(set_card("c-1", CardField::Details("Vu en caisse, « surprise »".into()))).unwrap();
    // Each sees their own edits at once.
    assert_eq!(anna.map().card(&"c-1".into()).unwrap().title, "Frais (Anna)");
    assert_eq!(bruno.map().card(&"c-1".into()).unwrap().title, "Frais (Bruno)");
    let (host, _) = converge(&room, &mut [&mut anna, &mut bruno]);
    let card = host.card(&"c-1".into()).unwrap();
    assert_eq!(card.emotion, Some(-2), "Anna's field survives");
    assert_eq!(card.details, "Vu en caisse, « surprise »", "Bruno's field survives");
    let seen = follow(&mut observer, &mut order, 4);
    let titles: Vec<&str> = seen
        .iter()
        .filter_map(|(_, _, c)| match c {
            Command::SetCard { field: CardField::Title(t), .. } => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(titles.len(), 2, "{seen:?}");
    assert_eq!(card.title, titles[1], "the later title in the host's order wins");
    assert_eq!(order, host, "the host's order applied to the snapshot gives the host's map");
    no_errors(&host);

    // Many concurrent edits of the same card, moves included, with each desktop hearing from
    // the host at its own pace: still one document, never a broken one.
    for k in 0..40_i32 {
        let (desk, other) = if k % 2 == 0 { (&mut anna, "Anna") } else { (&mut bruno, "Bruno") };
        desk.apply(set_card("c-1", CardField::Title(format!("{other} {k}")))).unwrap();
        desk.apply(set_card("c-1", CardField::Emotion(Some(k % 5 - 2)))).unwrap();
        let stage = if k % 3 == 0 { "s-1" } else { "s-2" };
        desk.apply(Command::MoveCards {
            ids: vec!["c-1".into()],
            lane: "l-dl".into(),
            stage: stage.into(),
            index: 0,
        })
        .unwrap();
        if k % 7 == 0 {
            anna.poll();
        }
        if k % 5 == 0 {
            bruno.poll();
        }
    }
    let (host, events) = converge(&room, &mut [&mut anna, &mut bruno]);
    assert!(events.iter().flatten().all(|e| !matches!(e, JoinedEvent::Rejected { .. })), "{events:?}");
    no_errors(&host);
}

#[test]
fn each_joined_desktop_undoes_only_its_own_commands() {
    let room = Owner::start(map(), Limits::default());
    let mut anna = joined(&room.peer_url, "d-anna", "Anna");
    let mut bruno = joined(&room.peer_url, "d-bruno", "Bruno");
    anna.apply(set_card("c-2", CardField::Title("Colis perdu".into()))).unwrap();
    converge(&room, &mut [&mut anna, &mut bruno]);
    bruno.apply(set_card("c-2", CardField::Details("trois jours".into()))).unwrap();
    bruno.apply(set_card("c-3", CardField::Emotion(Some(1)))).unwrap();
    converge(&room, &mut [&mut anna, &mut bruno]);
    // Anna's undo takes back her title, though Bruno edited after her.
    assert!(anna.undo().is_some());
    let (host, _) = converge(&room, &mut [&mut anna, &mut bruno]);
    let c2 = host.card(&"c-2".into()).unwrap();
    assert_eq!((c2.title.as_str(), c2.details.as_str()), ("Colis en retard", "trois jours"));
    assert_eq!(host.card(&"c-3".into()).unwrap().emotion, Some(1));
    assert_eq!(anna.undo(), None, "nothing else of Anna's to undo");
    // Bruno's undo takes back his last step only.
    assert!(bruno.undo().is_some());
    let (host, _) = converge(&room, &mut [&mut anna, &mut bruno]);
    assert_eq!(host.card(&"c-3".into()).unwrap().emotion, None);
    assert_eq!(host.card(&"c-2".into()).unwrap().details, "trois jours");
    // Redo brings Bruno's undone emotion back.
    assert!(bruno.redo().is_some());
    let (host, _) = converge(&room, &mut [&mut anna, &mut bruno]);
    assert_eq!(host.card(&"c-3".into()).unwrap().emotion, Some(1));
    // A step someone else has replaced since is not undone over their edit.
    anna.apply(set_card("c-1", CardField::Emotion(Some(2)))).unwrap();
    converge(&room, &mut [&mut anna, &mut bruno]);
    bruno.apply(set_card("c-1", CardField::Emotion(Some(-1)))).unwrap();
    converge(&room, &mut [&mut anna, &mut bruno]);
    assert_eq!(anna.undo(), None);
    let (host, _) = converge(&room, &mut [&mut anna, &mut bruno]);
    assert_eq!(host.card(&"c-1".into()).unwrap().emotion, Some(-1));
    no_errors(&host);
}

#[test]
fn a_joined_desktop_that_drops_out_catches_up_and_its_offline_edits_arrive_once() {
    // A short log, so that the second absence is too long for it and ends with a snapshot.
    let room = Owner::start(map(), Limits { peer_log: 6, ..Limits::default() });
    let port = room.peer_url.split(':').nth(2).and_then(|p| p.split('/').next()).unwrap();
    let relay = room_support::Relay::start(port.parse().unwrap());
    let through = room.peer_url.replacen(&format!(":{port}/"), &format!(":{}/", relay.port), 1);
    let mut anna = joined(&through, "d-anna", "Anna");
    let mut bruno = joined(&room.peer_url, "d-bruno", "Bruno");
    let new_card = |id: &str, title: &str| Command::InsertCards {
        cards: vec![(0, parcours::model::Card::new(id.into(), "l-dl".into(), "s-1".into(), title))],
    };
    anna.apply(set_card("c-3", CardField::Title("Avant la coupure".into()))).unwrap();
    converge(&room, &mut [&mut anna, &mut bruno]);
    // The first absence is short: the host's log has what Anna missed. The second is long: she
    // gets a snapshot.
    for (absence, edits) in [(1, 2), (2, 10)] {
        relay.down();
        settle(&mut anna, |d| !d.is_connected());
        for k in 0..edits {
            bruno.apply(set_card("c-2", CardField::Title(format!("Absence {absence}, titre {k}")))).unwrap();
            if k + 2 == edits {
                // The host publishes a snapshot meanwhile; the log then keeps only what follows
                // it and the last few commands.
                std::thread::sleep(parcours::room::PUBLISH_EVERY * 2);
            }
        }
        // Anna goes on editing offline: shown at once, sent when back.
        anna.apply(new_card(&format!("c-off{absence}"), "Écrit hors ligne")).unwrap();
        anna.apply(set_card("c-1", CardField::Title(format!("Anna hors ligne {absence}")))).unwrap();
        assert!(anna.map().card(&format!("c-off{absence}").into()).is_some());
        converge(&room, &mut [&mut bruno]);
        relay.up();
        let events = settle(&mut anna, Joined::is_connected);
        let (host, events_after) = converge(&room, &mut [&mut anna, &mut bruno]);
        let all: Vec<&JoinedEvent> = events.iter().chain(events_after.iter().flatten()).collect();
        assert!(all.contains(&&JoinedEvent::Reconnected), "{all:?}");
        assert!(!all.iter().any(|e| matches!(e, JoinedEvent::Rejected { .. })), "{all:?}");
        assert_eq!(
            host.card(&"c-2".into()).unwrap().title,
            format!("Absence {absence}, titre {}", edits - 1)
        );
        assert_eq!(host.card(&"c-1".into()).unwrap().title, format!("Anna hors ligne {absence}"));
        for k in 1..=absence {
            let id = format!("c-off{k}");
            assert_eq!(host.cards.iter().filter(|c| c.id.as_str() == id).count(), 1, "{id} once");
        }
        no_errors(&host);
    }
}

#[test]
fn presence_reaches_the_other_desktops_and_the_ones_joining_later() {
    let room = Owner::start(map(), Limits::default());
    let mut anna = joined(&room.peer_url, "d-anna", "Anna");
    let mut bruno = joined(&room.peer_url, "d-bruno", "Bruno");
    anna.select(vec!["c-1".into(), "c-2".into()]);
    settle(&mut bruno, |d| d.presence().contains_key(&Id::from("d-anna")));
    let seen = &bruno.presence()[&Id::from("d-anna")];
    assert_eq!((seen.name.as_str(), seen.selection.len()), ("Anna", 2));
    assert!(anna.presence().get(&Id::from("d-anna")).is_none(), "not one's own");
    let mut carla = joined(&room.peer_url, "d-carla", "Carla");
    settle(&mut carla, |d| d.presence().contains_key(&Id::from("d-anna")));
    drop(anna);
    settle(&mut bruno, |d| !d.presence().contains_key(&Id::from("d-anna")));
}

#[test]
fn a_command_sent_again_after_a_snapshot_is_answered_known_not_applied_twice() {
    let room = Owner::start(map(), Limits::default());
    runtime().block_on(async {
        let ws = format!("{}/ws", room.peer_url.replacen("http://", "ws://", 1));
        let (mut socket, _) = tokio_tungstenite::connect_async(&ws).await.unwrap();
        socket
            .send(json!({"type": "hello", "peer": "d-flaky", "version": VERSION}).to_string().into())
            .await
            .unwrap();
        let command = serde_json::to_value(Command::InsertCards {
            cards: vec![(0, parcours::model::Card::new("c-9".into(), "l-dl".into(), "s-1".into(), "Neuf"))],
        })
        .unwrap();
        let message = json!({"type": "command", "id": "d-flaky-1", "command": command}).to_string();
        socket.send(message.clone().into()).await.unwrap();
        let next_of = async |socket: &mut tokio_tungstenite::WebSocketStream<_>, kind: &str| loop {
            let text = tokio::time::timeout(Duration::from_secs(5), socket.next())
                .await
                .unwrap()
                .unwrap()
                .unwrap()
                .into_text()
                .unwrap();
            let message: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
            if message["type"] == kind {
                return message;
            }
        };
        let applied = next_of(&mut socket, "applied").await;
        socket.close(None).await.ok();
        // Back as a first join (a snapshot), sending the command again.
        let (mut socket, _) = tokio_tungstenite::connect_async(&ws).await.unwrap();
        socket
            .send(json!({"type": "hello", "peer": "d-flaky", "version": VERSION}).to_string().into())
            .await
            .unwrap();
        socket.send(message.into()).await.unwrap();
        let known = next_of(&mut socket, "known").await;
        assert_eq!((&known["id"], &known["seq"]), (&applied["id"], &applied["seq"]), "{known}");
    });
    let map = room.map();
    assert_eq!(map.cards.iter().filter(|c| c.id.as_str() == "c-9").count(), 1);
}

#[test]
fn the_facilitators_selection_reaches_the_joined_desktops_as_host() {
    let mut host =
        parcours::room::Host::start(parcours::room::RoomOptions::new("127.0.0.1".parse().unwrap(), 0, "fr"))
            .unwrap();
    let mut session = parcours::room::Session::new();
    session.publish(&mut host, &map());
    let mut desk = joined(&host.peer_url(), "d-anna", "Anna");
    host.presence("Animatrice", vec!["c-2".into()]);
    settle(&mut desk, |d| d.presence().contains_key(&Id::from("host")));
    let seen = &desk.presence()[&Id::from("host")];
    assert_eq!((seen.name.as_str(), seen.selection.as_slice()), ("Animatrice", [Id::from("c-2")].as_slice()));
    host.presence("Animatrice", Vec::new());
    settle(&mut desk, |d| d.presence().is_empty());
}

#[test]
fn a_desktop_running_another_version_is_refused() {
    let room = Owner::start(map(), Limits::default());
    runtime().block_on(async {
        let ws = format!("{}/ws", room.peer_url.replacen("http://", "ws://", 1));
        for version in ["0.0.0-autre", ""] {
            let (mut socket, _) = tokio_tungstenite::connect_async(&ws).await.unwrap();
            let hello = json!({"type": "hello", "peer": "d-old", "version": version});
            socket.send(hello.to_string().into()).await.unwrap();
            let text = socket.next().await.unwrap().unwrap().into_text().unwrap();
            let message: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
            assert_eq!(
                (&message["type"], &message["reason"]),
                (&json!("closed"), &json!("version")),
                "{version:?}"
            );
        }
    });
}

#[test]
fn the_facilitators_undo_takes_back_only_the_facilitators_commands() {
    let mut host =
        parcours::room::Host::start(parcours::room::RoomOptions::new("127.0.0.1".parse().unwrap(), 0, "fr"))
            .unwrap();
    let mut editor = parcours::edit::Editor::new(map(), 1);
    let mut session = parcours::room::Session::new();
    session.publish(&mut host, editor.map());
    let mut bruno = joined(&host.peer_url(), "d-bruno", "Bruno");
    let serve = |host: &mut parcours::room::Host,
                 editor: &mut parcours::edit::Editor,
                 session: &mut parcours::room::Session,
                 bruno: &mut Joined| {
        let start = std::time::Instant::now();
        while bruno.pending() > 0 || bruno.seq() < host.seq() || bruno.map() != editor.map() {
            for event in host.wait(Duration::from_millis(10)) {
                session.handle(host, editor, event);
            }
            bruno.poll();
            assert!(start.elapsed() < Duration::from_secs(10), "{bruno:?}");
        }
    };
    session
        .apply(&mut host, &mut editor, set_card("c-1", CardField::Title("Frais (animatrice)".into())))
        .unwrap();
    bruno.apply(set_card("c-1", CardField::Details("selon Bruno".into()))).unwrap();
    serve(&mut host, &mut editor, &mut session, &mut bruno);
    // The editor's own undo would take back Bruno's details (the last step of its history); the
    // session's takes back the facilitator's title only.
    assert!(session.undo(&mut host, &mut editor));
    serve(&mut host, &mut editor, &mut session, &mut bruno);
    let card = editor.map().card(&"c-1".into()).unwrap();
    assert_eq!((card.title.as_str(), card.details.as_str()), ("Frais cachés", "selon Bruno"));
    assert!(!session.undo(&mut host, &mut editor), "nothing else of the facilitator's");
    assert!(session.redo(&mut host, &mut editor));
    serve(&mut host, &mut editor, &mut session, &mut bruno);
    assert_eq!(bruno.map().card(&"c-1".into()).unwrap().title, "Frais (animatrice)");
    // A facilitator's step that Bruno replaced since is skipped.
    session.apply(&mut host, &mut editor, set_card("c-2", CardField::Emotion(Some(2)))).unwrap();
    serve(&mut host, &mut editor, &mut session, &mut bruno);
    bruno.apply(set_card("c-2", CardField::Emotion(Some(-2)))).unwrap();
    serve(&mut host, &mut editor, &mut session, &mut bruno);
    assert!(session.undo(&mut host, &mut editor), "the title step before it is undone");
    serve(&mut host, &mut editor, &mut session, &mut bruno);
    assert_eq!(editor.map().card(&"c-2".into()).unwrap().emotion, Some(-2));
    assert_eq!(editor.map().card(&"c-1".into()).unwrap().title, "Frais cachés");
    assert_eq!(parcours::file::to_string(bruno.map()), parcours::file::to_string(editor.map()));
}

#[test]
fn parcours_join_refuses_a_link_that_is_not_a_rooms_desktop_link() {
    // A participant's link (/r/) and a web address are not a desktop's: exit 2, a message
    // that says what the link looks like, nothing opened.
    for url in ["http://127.0.0.1:7878/r/abcdef", "https://example.org/d/x", "carte.ron"] {
        let out =
            std::process::Command::new(env!("CARGO_BIN_EXE_parcours")).args(["join", url]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("http://ADDRESS:PORT/d/TOKEN"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}
