//! õppepala: the shortest sensible path to a micro-qualification.
//!
//! A library with a thin binary (`src/main.rs`). Each module answers one
//! question; ARCHITECTURE.md has the code map and the invariants.

pub mod cli;
pub mod domain;
pub mod index;
pub mod telemetry;
