//! Integration-test modules, one per area.

pub mod index;
pub mod index_fixtures;
