//! Search: bites by free text and filters (`GET /v1/bites`, `oppepala
//! search`), skills by free text (`GET /v1/skills`, `oppepala skills`) and
//! occupations by a person's words (`GET /v1/occupations?q=`), over the
//! served index, with the served taxonomy's narrower skills and occupation
//! names.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::error::ServiceError;
use super::served::Served;
use super::texts::BiteView;
use crate::index::{Facets, OccupationMatch, SearchRequest, SkillHit};

/// One bite found.
#[derive(Serialize, ToSchema)]
pub struct BiteHit {
    /// The bite, with the words for its codes in the asked language
    /// (`lang`, English when none).
    pub bite: BiteView,
    /// Relevance; null when sorted by something else.
    pub score: Option<f32>,
    /// Highlighted fragments (HTML-escaped, matches in `<b>…</b>`) by field and language.
    pub snippets: BTreeMap<String, String>,
}

/// A page of search results.
#[derive(Serialize, ToSchema)]
pub struct BitePage {
    /// How many bites match in all.
    pub total: usize,
    /// This page's number.
    pub page: usize,
    /// The page size.
    pub per_page: usize,
    /// True when no bite had every word, so bites with some of them are shown.
    pub relaxed: bool,
    /// Counts per facet value over all matching bites.
    pub facets: Facets,
    /// The hits; empty past the last page.
    pub hits: Vec<BiteHit>,
}

/// A page of bites for `request` (occupations named in the query are
/// recognised; a skill filter also matches narrower skills).
pub fn search(served: &Served, request: &SearchRequest) -> Result<BitePage, ServiceError> {
    let expansion = super::derive::narrower_expansion(&served.taxonomy);
    let occupations = served.occupations();
    let lang = crate::text::Lang::of(request.lang.as_deref().unwrap_or("en"));
    let response = served
        .index
        .bites
        .search_recognising(request, &expansion, &occupations)?;
    let hits = response
        .hits
        .into_iter()
        .filter_map(|hit| {
            served.catalogue.bite(hit.id.as_str()).map(|bite| BiteHit {
                bite: BiteView::new(bite, lang),
                score: hit.score,
                snippets: hit.snippets,
            })
        })
        .collect();
    Ok(BitePage {
        total: response.total,
        page: response.page,
        per_page: response.per_page,
        relaxed: response.relaxed,
        facets: response.facets,
        hits,
    })
}

/// The most skills one lookup returns.
pub const MAX_SKILLS: usize = 50;

/// Skills matching `q` (labels in `lang` rank higher), best first, at most
/// `limit` (1–50).
pub fn lookup_skills(
    served: &Served,
    q: &str,
    lang: Option<&str>,
    limit: usize,
) -> Result<Vec<SkillHit>, ServiceError> {
    if !(1..=MAX_SKILLS).contains(&limit) {
        return Err(ServiceError::field(
            "limit",
            format!("{limit} is outside 1–{MAX_SKILLS}"),
        ));
    }
    Ok(served.index.skills.lookup(q, lang, limit)?)
}

/// The most characters an occupation query may have.
pub const MAX_OCCUPATION_QUERY_CHARS: usize = 200;

/// The occupations `q` names (labels, synonyms and ISCO group names in any
/// language, in any word form; names in `lang` rank higher), best first,
/// those whose ISCO-08 code starts with `isco` only.
pub fn find_occupations(
    served: &Served,
    q: &str,
    lang: Option<&str>,
    isco: &str,
) -> Result<Vec<OccupationMatch>, ServiceError> {
    let chars = q.chars().count();
    if chars > MAX_OCCUPATION_QUERY_CHARS {
        return Err(ServiceError::field(
            "q",
            format!("{chars} characters; at most {MAX_OCCUPATION_QUERY_CHARS}"),
        ));
    }
    let occupations = served.occupations();
    Ok(occupations
        .search(q, lang)
        .into_iter()
        .filter(|m| {
            served
                .taxonomy
                .occupation(&m.uri)
                .is_some_and(|o| o.isco_code().starts_with(isco))
        })
        .collect())
}
