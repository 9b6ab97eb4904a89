//! Helpers shared by the integration tests: `mod support;` in a test file brings all of them.
//!
//! - [`cli`]: running the `parcours` binary and reading what it printed;
//! - [`lists`]: hand-made display lists for the painter tests (no layout needed);
//! - [`raster`]: comparing our PNG with another program's rendering of the same poster.

#![allow(dead_code, reason = "each test binary uses a part of it")]

pub mod cli;
pub mod lists;
pub mod raster;
