//! gagyebu: a personal spending and wishlist tracker.
//!
//! The data flows one way, and the modules follow it:
//! `import` (statement file -> normalized transactions) -> `domain` (pure values and rules)
//! -> `store` (SQLite); `store` -> `domain` reports -> `render` (table, csv, json, md).
//! `cli` is the thin layer that wires a command line to these.

pub mod cli;
pub mod domain;
pub mod import;
pub mod render;
pub mod store;
