//! õppepala: the shortest sensible path to a micro-qualification.
//!
//! A library with a thin binary (`src/main.rs`). This crate holds the use
//! cases (`service`) and their doors (`api`, `web`, `cli`) with their
//! configuration (`config`); the layers below are crates of their own
//! (`crates/core`, `crates/search`, `crates/insight`), re-exported here
//! under their module names. ARCHITECTURE.md has the code map and the
//! invariants.

pub use oppepala_core::{atomic, catalogue, domain, goal, planner, taxonomy, telemetry, text};
pub use oppepala_insight::{allocate, demand, ml, recommend};
pub use oppepala_search::{index, tagging};

pub mod api;
pub mod cli;
pub mod config;
pub mod service;
pub mod web;
