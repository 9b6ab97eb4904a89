//! The workshop room under load: 100 participants over loopback, each posting 20 notes (waiting
//! for each acknowledgement before the next, as the page's outbox does), to a host running the
//! owner's loop in this process. Checks that no note is lost or doubled, and prints the time from
//! a note's post to its arrival in the host's document (p50, p99, max) and the process's peak
//! memory (host and the 100 clients together: an upper bound for the host).
//!
//! `cargo bench --bench room_bench` (plain timing, not criterion: a percentile over one run of
//! 2,000 notes is the figure asked for).

#![allow(clippy::unwrap_used, reason = "a benchmark: any failure is a failed run, as in a test")]
#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]

#[path = "../room_support/mod.rs"]
mod room_support;

use futures_util::{SinkExt as _, StreamExt as _};
use parcours::room::Limits;
use room_support::{Owner, map, ws_url};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// Participants and notes each under `cargo bench`; `cargo test --all-targets` runs a small,
/// unoptimised pass that checks only that nothing is lost or doubled.
fn load() -> (usize, usize, bool) {
    if std::env::args().any(|a| a == "--bench") { (100, 20, true) } else { (10, 5, false) }
}

/// Peak resident memory of this process, in MB (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The nearest-rank percentile `p` (in percent) of sorted durations.
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let rank = (p * sorted.len()).div_ceil(100);
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let (participants, notes_each, timed) = load();
    let room = Owner::start(map(), Limits::default());
    let url = ws_url(&room.url);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let started = Instant::now();
    let sent: BTreeMap<String, Instant> = runtime.block_on(async {
        let mut tasks = Vec::new();
        for p in 0..participants {
            let url = url.clone();
            tasks.push(tokio::spawn(async move {
                let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
                let hello = json!({"type": "hello", "participant": format!("u-bench{p:03}")});
                socket.send(Message::text(hello.to_string())).await.unwrap();
                let mut sent = Vec::new();
                for n in 0..notes_each {
                    let id = format!("n-b{p:03}x{n:02}");
                    let note = json!({"type": "note", "id": id, "text": format!("Note {n} de la personne {p} : « le paiement échoue »"), "kind": "PainPoint"});
                    sent.push((id.clone(), Instant::now()));
                    socket.send(Message::text(note.to_string())).await.unwrap();
                    // Wait for this note's answer (views and other messages go by).
                    loop {
                        let Some(Ok(Message::Text(text))) = socket.next().await else { panic!("connection lost") };
                        let message: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
                        if message["id"] == id.as_str() {
                            assert_eq!(message["type"], "ack", "{message}");
                            break;
                        }
                    }
                }
                socket.close(None).await.ok();
                sent
            }));
        }
        let mut all = BTreeMap::new();
        for task in tasks {
            all.extend(task.await.unwrap());
        }
        all
    });
    let elapsed = started.elapsed();
    let arrivals: BTreeMap<String, Instant> = room.arrivals.try_iter().collect();
    let map = room.stop();
    let ids: BTreeSet<&str> = map.inbox.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(map.inbox.len(), participants * notes_each, "every note once");
    assert_eq!(ids.len(), map.inbox.len(), "no note doubled");
    assert!(sent.keys().all(|id| ids.contains(id.as_str())), "no note lost");
    let mut latencies: Vec<Duration> =
        sent.iter().map(|(id, at)| arrivals.get(id).expect("arrival recorded").duration_since(*at)).collect();
    latencies.sort();
    let (p50, p99, max) =
        (percentile(&latencies, 50), percentile(&latencies, 99), latencies[latencies.len() - 1]);
    let rss = peak_rss_mb().unwrap_or(f64::NAN);
    println!(
        "room: {participants} participants × {notes_each} notes = {} notes in {:.2} s ({:.0} notes/s); \
         post → host document p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; peak RSS {rss:.1} MB (host and clients)",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        p50.as_secs_f64() * 1000.0,
        p99.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0,
    );
    if timed {
        assert!(p99 < Duration::from_millis(50), "p99 {p99:?} is over 50 ms");
        assert!(rss < 150.0, "peak RSS {rss:.1} MB is over 150 MB");
    }
}
