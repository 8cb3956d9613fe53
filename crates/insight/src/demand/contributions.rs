//! Which series does an occupation's or a skill's demand come from? An
//! occupation's own series or its narrowest ISCO group's (shared among the
//! group's occupations), a skill's through the occupations that need it,
//! each with its share ([`Contribution`]), and the expected postings they
//! add up to over the six months after the data end (the score's basis).

use std::collections::BTreeMap;

use oppepala_core::domain::county::canonical_region;
use oppepala_core::domain::{OccupationUri, Region, SkillUri};

use super::build::Demand;
use super::signals::Subject;

/// A series' share in a lookup: (series index, factor).
pub type Contribution = (usize, f64);

impl Demand {
    pub(super) fn expected_of(&self, contributions: &[Contribution]) -> f64 {
        contributions
            .iter()
            .filter_map(|(i, w)| {
                self.forecasts
                    .get(i)
                    .map(|f| f.forecast.iter().sum::<f64>() * w)
            })
            .sum()
    }

    /// The series an occupation's demand comes from in `region` (None: the
    /// whole country), with their factors.
    pub(super) fn occupation_contributions(
        &self,
        occupation: usize,
        region: Option<&Region>,
    ) -> Vec<Contribution> {
        let (uri, code) = &self.occupations[occupation];
        let find = |region: Option<&Region>| -> Option<Contribution> {
            let region = region.cloned();
            if let Some(&i) = self
                .by_subject
                .get(&(Subject::Occupation(uri.clone()), region.clone()))
            {
                return Some((i, 1.0));
            }
            (1..=code.len()).rev().find_map(|len| {
                let prefix = &code[..len];
                let &i = self
                    .by_subject
                    .get(&(Subject::Isco(prefix.to_string()), region.clone()))?;
                let n = *self.prefix_count.get(prefix)?;
                Some((i, 1.0 / n as f64))
            })
        };
        match region {
            Some(r) => find(Some(r)).into_iter().collect(),
            None => match find(None) {
                Some(c) => vec![c],
                None => self
                    .regions
                    .iter()
                    .flatten()
                    .filter_map(|r| find(Some(r)))
                    .collect(),
            },
        }
    }

    /// The series a skill's demand comes from, merged by series.
    pub fn skill_contributions(
        &self,
        skill: &SkillUri,
        region: Option<&Region>,
    ) -> Vec<Contribution> {
        let region = region.map(canonical_region);
        let mut merged: BTreeMap<usize, f64> = BTreeMap::new();
        if let Some(&i) = self
            .by_subject
            .get(&(Subject::Skill(skill.clone()), region.clone()))
        {
            merged.insert(i, 1.0);
        } else {
            for (o, w) in self.skill_links.get(skill.as_str()).into_iter().flatten() {
                for (i, f) in self.occupation_contributions(*o, region.as_ref()) {
                    *merged.entry(i).or_default() += f * w;
                }
            }
        }
        merged.into_iter().collect()
    }

    /// The series an occupation's demand comes from.
    pub fn occupation_series(
        &self,
        occ: &OccupationUri,
        region: Option<&Region>,
    ) -> Vec<Contribution> {
        let region = region.map(canonical_region);
        self.occupation_index
            .get(occ.as_str())
            .map(|&o| self.occupation_contributions(o, region.as_ref()))
            .unwrap_or_default()
    }
}
