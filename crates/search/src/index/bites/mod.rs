//! Which learning bites match a query, and how many of each kind are there?
//!
//! The bite index: one tantivy document per bite with per-language text
//! fields (title, description, outcome labels) for Estonian, Russian and
//! English (Estonian also with marked folded stems, ranked lower, so that
//! "oppimine" finds "õppimine"), skill URIs as raw terms,
//! numeric fast fields (hours, cost, EQF level, session starts) and one
//! facet field (mode, language, county, provider, funding, field).
//!
//! Queries are built here from analyzed words, never by tantivy's query
//! parser, so "C++", quotes, colons or `AND(` are plain text. Requests are
//! validated first: a filter value the index does not know is an error that
//! names it, not an empty answer.
//!
//! This module must never know of HTTP, the planner or the learner profile.
//!
//! The files, one question each: `request` (what may be asked and what is
//! answered), `schema` (the fields), `document` (a bite as a document),
//! `open` (the index and what it holds), `validate` (is a request
//! acceptable), `filters` and `query` (a request as tantivy queries;
//! `variants`: other spellings of a word) and `search` (running it).

mod document;
mod filters;
mod open;
mod query;
mod request;
mod schema;
mod search;
mod validate;
mod variants;

pub(crate) use document::bite_document;
pub use open::BiteIndex;
pub use query::OCCUPATION_WEIGHT;
pub use request::{
    FacetValue, Facets, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, NoExpansion, SearchHit,
    SearchRequest, SearchResponse, SkillExpansion, Sort, truncate_query,
};
pub(crate) use schema::{create_index, schema};
