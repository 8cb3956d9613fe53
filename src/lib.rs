//! õppepala: the shortest sensible path to a micro-qualification.
//!
//! A library with a thin binary (`src/main.rs`). Each module answers one
//! question; ARCHITECTURE.md has the code map and the invariants.

pub mod api;
pub mod atomic;
pub mod catalogue;
pub mod cli;
pub mod config;
pub mod demand;
pub mod domain;
pub mod goal;
pub mod index;
pub mod ml;
pub mod planner;
pub mod recommend;
pub mod service;
pub mod tagging;
pub mod taxonomy;
pub mod telemetry;
pub mod web;
