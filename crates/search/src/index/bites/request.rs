//! What may be asked of the bite index, and what does it answer?
//!
//! The request ([`SearchRequest`]), the answer ([`SearchResponse`]: hits,
//! facet counts, whether it was relaxed), the sort orders, the limits on
//! query text and pages, and the [`SkillExpansion`] a caller gives for
//! skill filters.
//!
//! Plain data: this file must never know tantivy, the schema, or how a
//! request is checked or run.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use oppepala_core::domain::{BiteId, SkillUri};

/// The longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// The most hits on one page.
pub const MAX_PER_PAGE: usize = 100;
/// `page × per_page` may not exceed this: deep pages cost memory and nobody
/// reads them.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// The order of hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best text match first (all equal when there is no text).
    #[default]
    Relevance,
    /// Earliest first session first; self-paced bites (no sessions) last.
    Start,
    /// Fewest hours first.
    Hours,
}

impl std::str::FromStr for Sort {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, String> {
        match value {
            "relevance" | "" => Ok(Sort::Relevance),
            "start" => Ok(Sort::Start),
            "hours" => Ok(Sort::Hours),
            other => Err(format!(
                "{other:?} is not a sort order (expected relevance, start or hours)"
            )),
        }
    }
}

/// A search over bites. Filter values are plain strings so that the index
/// can name the ones it does not know; within one filter the values are
/// alternatives (any may match), different filters must all match.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Free text in any language; empty means every bite (filtered).
    pub q: String,
    /// The learner's language (ISO 639-1): matches in it rank higher. A
    /// language without its own fields (e.g. `uk`) boosts nothing.
    pub lang: Option<String>,
    /// ESCO skill URIs the bite must give (any of them). Narrower skills
    /// match through the [`SkillExpansion`] given to
    /// [`BiteIndex::search_with`](super::BiteIndex::search_with).
    pub skills: Vec<String>,
    /// Teaching languages (any).
    pub languages: Vec<String>,
    /// Modes: `online`, `onsite`, `blended` (any).
    pub modes: Vec<String>,
    /// Counties (ISO 3166-2) of onsite and blended bites (any).
    pub counties: Vec<String>,
    /// Providers (any).
    pub providers: Vec<String>,
    /// Fields of education (any).
    pub fields: Vec<String>,
    /// Funding tags (any).
    pub funding: Vec<String>,
    /// Lowest EQF level, 1–8.
    pub eqf_min: Option<u8>,
    /// Highest EQF level, 1–8.
    pub eqf_max: Option<u8>,
    /// Most hours.
    pub max_hours: Option<f64>,
    /// Highest cost in EUR (the list price, before funding).
    pub max_cost: Option<f64>,
    /// A session starts on or after this day (self-paced bites always match).
    pub start_from: Option<NaiveDate>,
    /// A session starts on or before this day (self-paced bites always match).
    pub start_to: Option<NaiveDate>,
    /// `relevance` (default), `start` or `hours`.
    pub sort: Option<String>,
    /// 1-based page number; default 1.
    pub page: Option<usize>,
    /// Hits per page, 1–[`MAX_PER_PAGE`]; default 20.
    pub per_page: Option<usize>,
}

/// One value of a facet and how many matching bites have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// The value (`online`, `EE-37`, …).
    pub value: String,
    /// The number of matching bites with it.
    pub count: u64,
}

/// Facet counts over all matching bites (not only the page), each sorted by
/// count, then value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Facets {
    /// By mode.
    pub mode: Vec<FacetValue>,
    /// By teaching language.
    pub language: Vec<FacetValue>,
    /// By county.
    pub county: Vec<FacetValue>,
    /// By provider.
    pub provider: Vec<FacetValue>,
    /// By funding tag.
    pub funding: Vec<FacetValue>,
    /// By field of education.
    pub field: Vec<FacetValue>,
}

/// One matching bite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The bite.
    pub id: BiteId,
    /// The relevance score; `None` when sorted by something else.
    pub score: Option<f32>,
    /// Highlighted fragments (HTML-escaped, matches in `<b>…</b>`) by
    /// field and language: `title.et`, `description.ru`, `outcomes.en`.
    pub snippets: BTreeMap<String, String>,
}

/// The answer to a [`SearchRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// How many bites match in all.
    pub total: usize,
    /// The page returned.
    pub page: usize,
    /// The page size used.
    pub per_page: usize,
    /// The hits of this page; empty past the last page.
    pub hits: Vec<SearchHit>,
    /// Counts per facet value over all matching bites.
    pub facets: Facets,
    /// No bite had every word of the query, so bites with some of them,
    /// or (when none had any) with words one edit away from them, are
    /// shown (a UI may say "showing results for some of your words").
    pub relaxed: bool,
}

/// Widens a requested skill to the skills that count for it: itself and
/// its narrower skills (DESIGN.md §2, coverage rule 1). The taxonomy
/// implements this; the index only asks.
pub trait SkillExpansion {
    /// `skill` and every skill narrower than it.
    fn expand(&self, skill: &SkillUri) -> Vec<SkillUri>;
}

/// No expansion: a skill matches only itself.
pub struct NoExpansion;

impl SkillExpansion for NoExpansion {
    fn expand(&self, skill: &SkillUri) -> Vec<SkillUri> {
        vec![skill.clone()]
    }
}

impl<F: Fn(&SkillUri) -> Vec<SkillUri>> SkillExpansion for F {
    fn expand(&self, skill: &SkillUri) -> Vec<SkillUri> {
        let mut skills = self(skill);
        if !skills.contains(skill) {
            skills.push(skill.clone());
        }
        skills
    }
}

/// Cuts `q` to [`MAX_QUERY_CHARS`] characters; returns whether it was cut
/// (the CLI warns, the API answers 4xx instead).
pub fn truncate_query(q: &str) -> (String, bool) {
    match q.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => (q[..at].to_string(), true),
        None => (q.to_string(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_characters() {
        let long = "õ".repeat(MAX_QUERY_CHARS + 3);
        let (cut, was_cut) = truncate_query(&long);
        assert!(was_cut);
        assert_eq!(cut.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(truncate_query("kassatöö"), ("kassatöö".to_string(), false));
    }

    #[test]
    fn sort_names() {
        assert_eq!("".parse::<Sort>(), Ok(Sort::Relevance));
        assert_eq!("start".parse::<Sort>(), Ok(Sort::Start));
        assert!(
            "popularity"
                .parse::<Sort>()
                .unwrap_err()
                .contains("popularity")
        );
    }
}
