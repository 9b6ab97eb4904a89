//! Parcours: a designer for customer journey maps.
//!
//! The pipeline runs one way: [`model`] → layout → display list → painters. This crate holds the
//! headless layers; the `gui` feature adds the designer window.

#[cfg(feature = "gui")]
pub mod app;
pub mod check;
pub mod cli;
pub mod display;
pub mod edit;
pub mod export;
pub mod file;
pub mod filter;
pub mod hash;
pub mod images;
pub mod insights;
pub mod interop;
pub mod lang;
pub mod layout;
pub mod model;
pub mod paint;
pub mod room;
pub mod semantic;
pub mod templates;
pub mod text;
