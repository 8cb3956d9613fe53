//! Is a search request acceptable, and what does it ask once checked?
//!
//! Every parameter is checked (query length, sort, page and page size,
//! language, EQF levels, hours and cost, dates, skill URIs), and every
//! filter value against the values the index holds and those always
//! accepted; all unknown values are named in one error, never answered
//! with nothing.
//!
//! It must never build a query or run a search: it says yes (a [`Valid`]
//! request) or why not.

use std::collections::BTreeSet;

use super::open::BiteIndex;
use super::request::{MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, SearchRequest, Sort};
use crate::index::analysis::TEXT_LANGS;
use crate::index::{IndexError, UnknownValue};
use oppepala_core::domain::{Lang, Mode, SkillUri};

const DEFAULT_PER_PAGE: usize = 20;
/// How many known values an error lists at most.
const MAX_KNOWN_LISTED: usize = 30;

/// The Estonian counties (ISO 3166-2:EE, both code sets of
/// `domain::county`), always accepted as county filters even when no bite
/// of the index is in them.
fn estonian_counties() -> Vec<&'static str> {
    oppepala_core::domain::county::COUNTIES
        .iter()
        .flat_map(|c| [c.code, c.alias])
        .collect()
}
/// Funding tags always accepted as filters.
const WELL_KNOWN_FUNDING: [&str; 3] = ["free", "unemployed", "training-credit"];

pub(super) struct Valid {
    pub(super) sort: Sort,
    pub(super) page: usize,
    pub(super) per_page: usize,
    pub(super) boost_lang: Option<usize>,
    pub(super) skills: Vec<SkillUri>,
}

impl BiteIndex {
    /// Checks every parameter; collects all unknown filter values at once.
    pub(super) fn validate(&self, request: &SearchRequest) -> Result<Valid, IndexError> {
        let chars = request.q.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(IndexError::QueryTooLong {
                chars,
                max: MAX_QUERY_CHARS,
            });
        }
        let invalid = |parameter: &'static str, message: String| IndexError::InvalidParameter {
            parameter,
            message,
        };
        let sort: Sort = request
            .sort
            .as_deref()
            .unwrap_or("relevance")
            .parse()
            .map_err(|m| invalid("sort", m))?;
        let page = request.page.unwrap_or(1);
        if page == 0 {
            return Err(invalid("page", "pages are numbered from 1".into()));
        }
        let per_page = request.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(invalid(
                "per_page",
                format!("{per_page} is outside 1–{MAX_PER_PAGE}"),
            ));
        }
        if page.saturating_mul(per_page) > MAX_RESULT_WINDOW {
            return Err(invalid(
                "page",
                format!(
                    "page × per_page may not exceed {MAX_RESULT_WINDOW}; narrow the search instead"
                ),
            ));
        }
        let boost_lang = match request.lang.as_deref() {
            None | Some("") => None,
            Some(lang) => {
                Lang::new(lang).map_err(|m| invalid("lang", m))?;
                TEXT_LANGS.iter().position(|l| *l == lang)
            }
        };
        for (parameter, value) in [("eqf_min", request.eqf_min), ("eqf_max", request.eqf_max)] {
            if let Some(level) = value
                && !(1..=8).contains(&level)
            {
                return Err(invalid(
                    parameter,
                    format!("EQF level {level} is outside 1–8"),
                ));
            }
        }
        if let (Some(min), Some(max)) = (request.eqf_min, request.eqf_max)
            && min > max
        {
            return Err(invalid("eqf_min", format!("{min} is above eqf_max {max}")));
        }
        for (parameter, value) in [
            ("max_hours", request.max_hours),
            ("max_cost", request.max_cost),
        ] {
            if let Some(value) = value
                && !(value.is_finite() && value >= 0.0)
            {
                return Err(invalid(parameter, format!("{value} is not a number ≥ 0")));
            }
        }
        if let (Some(from), Some(to)) = (request.start_from, request.start_to)
            && from > to
        {
            return Err(invalid(
                "start_from",
                format!("{from} is after start_to {to}"),
            ));
        }
        let mut skills = Vec::with_capacity(request.skills.len());
        for skill in &request.skills {
            skills.push(SkillUri::new(skill.as_str()).map_err(|m| invalid("skills", m))?);
        }

        // Values are checked against the index's sets in place; the list of
        // known values is only made for an error.
        let mut unknown = Vec::new();
        let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.as_str()).collect();
        let mut check = |filter: &'static str, values: &[String], root: &str, extra: &[&str]| {
            let present = self.known.get(root);
            for value in values {
                let known = extra.contains(&value.as_str())
                    || present.is_some_and(|set| set.contains(value));
                if !known {
                    let mut listed: BTreeSet<String> = present.cloned().unwrap_or_default();
                    listed.extend(extra.iter().map(|s| s.to_string()));
                    unknown.push(UnknownValue {
                        filter,
                        value: value.clone(),
                        known: listed.into_iter().take(MAX_KNOWN_LISTED).collect(),
                    });
                }
            }
        };
        check("modes", &request.modes, "", &modes);
        check("languages", &request.languages, "language", &TEXT_LANGS);
        check(
            "counties",
            &request.counties,
            "county",
            &estonian_counties(),
        );
        check("providers", &request.providers, "provider", &[]);
        check("fields", &request.fields, "field", &[]);
        check("funding", &request.funding, "funding", &WELL_KNOWN_FUNDING);
        if !unknown.is_empty() {
            return Err(IndexError::UnknownFilterValues(unknown));
        }
        Ok(Valid {
            sort,
            page,
            per_page,
            boost_lang,
            skills,
        })
    }
}
