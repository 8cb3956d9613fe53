//! What is a catalogue, and what is in it?
//!
//! The validated [`Catalogue`]: bites and micro-qualifications in file
//! order with lookups by id, built from sourced rows (valid ones only, with
//! `lenient`) and changed only by making a new one (`upsert`). Naming its
//! rows by their place in a catalogue folder (`sourced`) is `folder`'s.
//!
//! It must never do IO.

use std::collections::HashMap;

use super::problems::{CatalogueError, Problem, Sourced};
use super::validate::validate;
use crate::domain::{Bite, BiteId, Qualification, QualificationId};

/// A validated catalogue, with lookups by id.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    pub(super) bites: Vec<Bite>,
    pub(super) qualifications: Vec<Qualification>,
    bite_index: HashMap<BiteId, usize>,
    qualification_index: HashMap<QualificationId, usize>,
}

impl Catalogue {
    /// Builds a catalogue from parts that were validated already.
    fn from_parts(bites: Vec<Bite>, qualifications: Vec<Qualification>) -> Self {
        let bite_index = bites
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i))
            .collect();
        let qualification_index = qualifications
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        Self {
            bites,
            qualifications,
            bite_index,
            qualification_index,
        }
    }

    /// Validates `bites` and `qualifications` (see [`validate`]) and builds a
    /// catalogue; with `lenient`, invalid rows are left out and listed.
    pub fn build(
        bites: Vec<Sourced<Bite>>,
        qualifications: Vec<Sourced<Qualification>>,
        known_skill: &dyn Fn(&str) -> bool,
        lenient: bool,
    ) -> Result<(Self, Vec<Problem>), CatalogueError> {
        let report = validate(&bites, &qualifications, known_skill);
        if report.problems.is_empty() {
            let catalogue = Self::from_parts(
                bites.into_iter().map(|b| b.value).collect(),
                qualifications.into_iter().map(|q| q.value).collect(),
            );
            return Ok((catalogue, Vec::new()));
        }
        if !lenient {
            return Err(CatalogueError::Invalid {
                problems: report.problems,
            });
        }
        let catalogue = Self::from_parts(
            bites
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !report.bad_bites.contains(i))
                .map(|(_, b)| b.value)
                .collect(),
            qualifications
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !report.bad_qualifications.contains(i))
                .map(|(_, q)| q.value)
                .collect(),
        );
        Ok((catalogue, report.problems))
    }

    /// All bites, in file order.
    pub fn bites(&self) -> &[Bite] {
        &self.bites
    }

    /// All micro-qualifications, in file order.
    pub fn qualifications(&self) -> &[Qualification] {
        &self.qualifications
    }

    /// A bite by id.
    pub fn bite(&self, id: &str) -> Option<&Bite> {
        self.position(id).map(|i| &self.bites[i])
    }

    /// Where the bite `id` stands in [`Self::bites`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.bite_index.get(id).copied()
    }

    /// A micro-qualification by id.
    pub fn qualification(&self, id: &str) -> Option<&Qualification> {
        self.qualification_index
            .get(id)
            .map(|&i| &self.qualifications[i])
    }

    /// Adds or replaces bites and qualifications by id, keeping file order
    /// for existing ones and appending new ones. Returns (added, replaced).
    pub fn upsert(
        &self,
        bites: Vec<Bite>,
        qualifications: Vec<Qualification>,
    ) -> (Self, usize, usize) {
        let (mut added, mut replaced) = (0, 0);
        let mut all_bites = self.bites.clone();
        for bite in bites {
            match self.bite_index.get(&bite.id) {
                Some(&i) => {
                    all_bites[i] = bite;
                    replaced += 1;
                }
                None => {
                    all_bites.push(bite);
                    added += 1;
                }
            }
        }
        let mut all_qualifications = self.qualifications.clone();
        for qualification in qualifications {
            match self.qualification_index.get(&qualification.id) {
                Some(&i) => {
                    all_qualifications[i] = qualification;
                    replaced += 1;
                }
                None => {
                    all_qualifications.push(qualification);
                    added += 1;
                }
            }
        }
        (
            Self::from_parts(all_bites, all_qualifications),
            added,
            replaced,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::parse_jsonl;
    use crate::catalogue::validate::tests::{bite_line, known, qualification_line};

    #[test]
    fn lenient_keeps_valid_rows_and_drops_dependants() {
        let (b, _) = parse_jsonl::<Bite>(
            "bites.jsonl",
            &[bite_line("b1", ""), bite_line("b2", "").replace("10", "-1")].join("\n"),
        );
        let (q, _) = parse_jsonl::<Qualification>(
            "qualifications.jsonl",
            &[
                qualification_line("q1", r#", "all_of": ["b2"]"#),
                qualification_line("q2", r#", "all_of": ["b1"]"#),
            ]
            .join("\n"),
        );
        assert!(matches!(
            Catalogue::build(b.clone(), q.clone(), &known, false),
            Err(CatalogueError::Invalid { .. })
        ));
        let (catalogue, problems) = Catalogue::build(b, q, &known, true).unwrap();
        assert_eq!(catalogue.bites().len(), 1);
        assert_eq!(catalogue.qualifications().len(), 1);
        assert!(catalogue.qualification("q2").is_some());
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn upsert_replaces_by_id_and_appends() {
        let (b, _) =
            parse_jsonl::<Bite>("b", &[bite_line("b1", ""), bite_line("b2", "")].join("\n"));
        let (catalogue, _) = Catalogue::build(b, vec![], &known, false).unwrap();
        let (new, _) =
            parse_jsonl::<Bite>("n", &[bite_line("b2", ""), bite_line("b3", "")].join("\n"));
        let (merged, added, replaced) =
            catalogue.upsert(new.into_iter().map(|s| s.value).collect(), vec![]);
        assert_eq!((added, replaced), (1, 1));
        let ids: Vec<&str> = merged.bites().iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["b1", "b2", "b3"]);
    }
}
