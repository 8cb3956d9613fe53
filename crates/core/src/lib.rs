//! õppepala's core: what skills, bites, qualifications and learners are
//! (`domain`), how skills relate (`taxonomy`), what can be learned
//! (`catalogue`), which goal a request names (`goal`) and the exact
//! planner (`planner`), with atomic file writes (`atomic`) and logging
//! set-up (`telemetry`) and the message catalogue in Estonian, Russian and
//! English (`text`).
//!
//! This crate must never know HTTP, tokio or tantivy: its manifest does
//! not list them, so the compiler keeps it so. `domain`, `taxonomy`
//! (outside `import` and `store`), `goal` and `planner` do no IO.

pub mod atomic;
pub mod catalogue;
pub mod domain;
pub mod goal;
pub mod planner;
pub mod taxonomy;
pub mod telemetry;
pub mod text;
