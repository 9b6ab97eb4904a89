//! Helpers shared by the integration tests: `mod support;` in a test file brings all of them.
//!
//! - [`cli`]: running the `parcours` binary and reading what it printed;
//! - [`invariants`]: what every laid-out sheet must hold (no overlapping text, none off the page);
//! - [`lists`]: hand-made display lists for the painter tests (no layout needed);
//! - [`raster`]: comparing our PNG with another program's rendering of the same poster.
//!
//! The workshop room's helpers (WebSocket clients, a relay, the headless host) live in
//! `tests/room_support/`, used by `tests/room.rs`, `tests/room_browser.rs` and the room benchmark only, so
//! that the other test binaries do not compile a tokio client each.

#![allow(dead_code, reason = "each test binary uses a part of it")]

pub mod cli;
pub mod invariants;
pub mod lists;
pub mod raster;
