//! Which bites do a request's filters let through?
//!
//! The filter queries of a validated request, all of which must match:
//! skills (widened by the caller's [`SkillExpansion`]), facet values,
//! EQF levels, hours, cost and session dates (self-paced bites always
//! pass).
//!
//! It must never score, nor look at the query text.

use std::collections::HashSet;
use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{BooleanQuery, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{Facet, IndexRecordOption};

use super::open::BiteIndex;
use super::request::{SearchRequest, SkillExpansion};
use super::schema::day_number;
use super::validate::Valid;

impl BiteIndex {
    /// The filter queries of a validated request.
    pub(super) fn filters(
        &self,
        request: &SearchRequest,
        valid: &Valid,
        expansion: &dyn SkillExpansion,
    ) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if !valid.skills.is_empty() {
            let mut terms = HashSet::new();
            for skill in &valid.skills {
                for uri in expansion.expand(skill) {
                    terms.insert(Term::from_field_text(f.skill_outcome, uri.as_str()));
                }
            }
            filters.push(any_term(terms.into_iter().collect()));
        }
        let facet_filters: [(&str, &[String]); 6] = [
            ("mode", &request.modes),
            ("language", &request.languages),
            ("county", &request.counties),
            ("provider", &request.providers),
            ("funding", &request.funding),
            ("field", &request.fields),
        ];
        for (root, values) in facet_filters {
            if !values.is_empty() {
                let terms = values
                    .iter()
                    .map(|v| Term::from_facet(f.facet, &Facet::from_path([root, v.as_str()])))
                    .collect();
                filters.push(any_term(terms));
            }
        }
        if request.eqf_min.is_some() || request.eqf_max.is_some() {
            let low = u64::from(request.eqf_min.unwrap_or(1));
            let high = u64::from(request.eqf_max.unwrap_or(8));
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.eqf, low)),
                Bound::Included(Term::from_field_u64(f.eqf, high)),
            )));
        }
        if let Some(max) = request.max_hours {
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_f64(f.hours, 0.0)),
                Bound::Included(Term::from_field_f64(f.hours, max)),
            )));
        }
        if let Some(max) = request.max_cost {
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_f64(f.cost, 0.0)),
                Bound::Included(Term::from_field_f64(f.cost, max)),
            )));
        }
        if request.start_from.is_some() || request.start_to.is_some() {
            let low = request.start_from.map_or(i64::MIN, day_number);
            let high = request.start_to.map_or(i64::MAX, day_number);
            let dated = RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.starts, low)),
                Bound::Included(Term::from_field_i64(f.starts, high)),
            );
            let self_paced = TermQuery::new(
                Term::from_field_u64(f.self_paced, 1),
                IndexRecordOption::Basic,
            );
            filters.push(Box::new(BooleanQuery::union(vec![
                Box::new(dated),
                Box::new(self_paced),
            ])));
        }
        filters
    }
}

/// A filter matching documents with any of `terms`: a few term queries
/// are cheaper than building the automaton of a term-set query, which pays
/// off for long lists only (e.g. a skill with many narrower skills).
fn any_term(terms: Vec<Term>) -> Box<dyn Query> {
    const TERM_SET_FROM: usize = 16;
    if terms.len() >= TERM_SET_FROM {
        return Box::new(TermSetQuery::new(terms));
    }
    let mut queries: Vec<Box<dyn Query>> = terms
        .into_iter()
        .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
        .collect();
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(BooleanQuery::union(queries))
}
