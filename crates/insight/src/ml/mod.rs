//! What do the data say? The skill space (embeddings of ESCO skills), the
//! ranker (features, a transparent fallback and a trained logistic model),
//! model files and the feedback log they learn from.
//!
//! Never in coverage: the skill space gives partial credit in ranking and
//! diversity only; whether a requirement is met is the planner's rule.

pub mod feedback;
pub mod model_file;
mod models;
pub mod ranker;
pub mod space;
pub mod training;

pub use models::Models;
