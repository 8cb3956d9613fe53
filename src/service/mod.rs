//! The use cases, whoever asks: what the HTTP handlers (`api`) and the
//! command line (`cli`) both call, so the same request gets the same
//! answer, byte for byte, through every door.
//!
//! - [`load`]: the one way to load a data folder (catalogue, taxonomy,
//!   demand with the feeds' snapshots, models) and the index.
//! - [`plans::gap`], [`plans::paths`]: a learner's gap and best paths to a
//!   target; [`recommend::recommend`], [`recommend::cohort_chunk`]: what
//!   next, for one learner or a cohort; [`search::search`],
//!   [`search::lookup_skills`]: bites and skills by free text.
//! - [`Served`] / [`Data`]: what is served and what is derived from it,
//!   with the one transition [`Served::next`] (see `served.rs`).
//!
//! Adapters parse their input into a request, call one function here,
//! and render its answer (JSON via [`plans::to_json`], or text); errors
//! are [`ServiceError`]s, which each door maps to its own form.

pub mod allocate;
mod derive;
mod error;
mod load;
mod notes;
pub mod plans;
pub mod recommend;
pub mod search;
mod served;
pub mod texts;

pub use derive::{narrower_expansion, occupations, skill_labels};
pub use error::ServiceError;
pub use load::{build_index, load, load_data, load_without_index};
pub use served::{AnswerCache, Change, DEFAULT_ANSWERS, Data, Made, SEARCH_CACHE_BYTES, Served};
