//! The one integration-test binary: each module under `tests/it/` tests one
//! part of the library from the outside (public API, HTTP router or command
//! line). Add a module here, not a new file in `tests/`, to keep link time
//! down.

mod it {
    pub mod admin;
    pub mod api;
    pub mod architecture;
    pub mod browser;
    pub mod caseload;
    pub mod catalogue;
    pub mod cli;
    pub mod default_catalogue;
    pub mod demand;
    pub mod doors;
    pub mod faults;
    pub mod feedback;
    pub mod fuzz_replay;
    pub mod hostile;
    pub mod index;
    pub mod index_fixtures;
    pub mod languages;
    pub mod lookup_quality;
    pub mod messages;
    pub mod middleware;
    pub mod plan_cache;
    pub mod planning;
    pub mod recommend;
    pub mod replicas;
    pub mod search_quality;
    pub mod server;
    pub mod support;
    pub mod taxonomy;
    pub mod write_effects;
}
