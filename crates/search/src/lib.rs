//! õppepala's search: the tantivy indexes of learning bites and skill
//! labels (`index`) and tagging outcomes given as text with ESCO skills
//! (`tagging`). The one crate that names tantivy; it builds on the core
//! and knows nothing of HTTP, demand or models.

pub mod index;
pub mod tagging;
