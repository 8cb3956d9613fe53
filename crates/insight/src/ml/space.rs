//! How close are two skills? The skill space: a low-dimensional embedding
//! of ESCO skills learned from the occupation–skill matrix of the taxonomy
//! and the co-occurrence of skills in the catalogue's bites and
//! qualifications.
//!
//! Method: a matrix with a row per skill and a column per context (an
//! occupation: essential 1.0, optional 0.5; a bite: outcomes and
//! prerequisites 1.0; a qualification: its competences 1.0), TF-IDF
//! weighted (a context naming many skills says less about each), rows
//! L2-normalised, then PCA (linfa-reduction, truncated SVD) to `dim`
//! dimensions; the vectors are L2-normalised so a dot product is a cosine.
//!
//! The vocabulary is the skills the catalogue names (outcomes,
//! prerequisites, requirements): the skills a learner can be credited with
//! or recommended towards. Their columns still span every occupation that
//! names one of them. All of ESCO (13 000+ skills) would take minutes of
//! SVD at every training for skills no bite teaches; a skill outside the
//! space simply has no similar skills listed.
//!
//! Used for ranking credit and diversity only, never in coverage.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use linfa::DatasetBase;
use linfa::traits::{Fit, Predict};
use ndarray::Array2;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use oppepala_core::catalogue::Catalogue;
use oppepala_core::taxonomy::Taxonomy;

/// The payload format of the skill space file.
pub const FORMAT_VERSION: u32 = 1;
/// The model kind in its file header.
pub const KIND: &str = "skill_space";
/// The file name under `models/`.
pub const FILE: &str = "skill_space.bin";

/// Skill vectors, unit length, row-major.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SkillSpace {
    /// Dimensions per vector.
    pub dim: usize,
    /// The skills, in row order.
    pub skills: Vec<String>,
    /// `skills.len() × dim` numbers.
    pub vectors: Vec<f32>,
    #[serde(skip)]
    rows: HashMap<String, usize>,
}

/// What went wrong learning the space.
#[derive(Debug, thiserror::Error)]
pub enum SpaceError {
    /// Too few skills or contexts for the dimensions asked.
    #[error("too little data: {skills} skills and {contexts} contexts for {dim} dimensions")]
    TooLittle {
        /// Skills in the vocabulary.
        skills: usize,
        /// Contexts (columns).
        contexts: usize,
        /// Dimensions asked.
        dim: usize,
    },
    /// The reduction failed.
    #[error("PCA failed: {0}")]
    Reduction(String),
}

/// The occurrence matrix before weighting: skills, contexts and weights.
pub struct Occurrences {
    /// The skill of each row.
    pub skills: Vec<String>,
    /// Number of contexts (columns).
    pub n_contexts: usize,
    /// (row, column, weight) entries.
    pub entries: Vec<(usize, usize, f64)>,
}

impl Occurrences {
    /// SHA-256 of the matrix, the skill space's training-data hash.
    pub fn sha256(&self) -> String {
        let mut hasher = Sha256::new();
        for skill in &self.skills {
            hasher.update(skill.as_bytes());
            hasher.update([0]);
        }
        hasher.update((self.n_contexts as u64).to_le_bytes());
        for (row, column, weight) in &self.entries {
            hasher.update((*row as u64).to_le_bytes());
            hasher.update((*column as u64).to_le_bytes());
            hasher.update(weight.to_le_bytes());
        }
        hex::encode(hasher.finalize())
    }
}

/// Collects the skill–context occurrences of the taxonomy and catalogue.
pub fn occurrences(taxonomy: &Taxonomy, catalogue: &Catalogue) -> Occurrences {
    let mut catalogue_skills = BTreeSet::new();
    let mut contexts: Vec<Vec<(String, f64)>> = Vec::new();
    for bite in catalogue.bites() {
        let skills: Vec<(String, f64)> = bite
            .outcomes
            .iter()
            .chain(&bite.prerequisites)
            .map(|c| (c.skill.to_string(), 1.0))
            .collect();
        catalogue_skills.extend(skills.iter().map(|(s, _)| s.clone()));
        contexts.push(skills);
    }
    for qualification in catalogue.qualifications() {
        let mut skills: Vec<(String, f64)> = qualification
            .requires
            .competences
            .iter()
            .map(|c| (c.skill.to_string(), 1.0))
            .collect();
        // A qualification's named bites bring their outcomes.
        let named = qualification
            .requires
            .all_of
            .iter()
            .chain(qualification.requires.n_of.iter().flat_map(|n| &n.of));
        for id in named {
            if let Some(bite) = catalogue.bite(id.as_str()) {
                skills.extend(bite.outcomes.iter().map(|c| (c.skill.to_string(), 1.0)));
            }
        }
        catalogue_skills.extend(skills.iter().map(|(s, _)| s.clone()));
        contexts.push(skills);
    }
    let vocabulary = catalogue_skills.clone();
    for occupation in taxonomy.occupations() {
        let essential = occupation.essential_skills();
        let optional = occupation.optional_skills();
        let skills: Vec<(String, f64)> = essential
            .iter()
            .map(|s| (s.uri().to_string(), 1.0))
            .chain(optional.iter().map(|s| (s.uri().to_string(), 0.5)))
            .collect();
        if skills.iter().any(|(s, _)| catalogue_skills.contains(s)) {
            contexts.push(skills);
        }
    }
    let skills: Vec<String> = vocabulary.into_iter().collect();
    let row: HashMap<&str, usize> = skills
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut entries = Vec::new();
    for (column, context) in contexts.iter().enumerate() {
        let mut seen = BTreeMap::new();
        for (skill, weight) in context {
            if let Some(&r) = row.get(skill.as_str()) {
                let w: &mut f64 = seen.entry(r).or_default();
                *w = w.max(*weight);
            }
        }
        entries.extend(seen.into_iter().map(|(r, w)| (r, column, w)));
    }
    Occurrences {
        skills,
        n_contexts: contexts.len(),
        entries,
    }
}

impl SkillSpace {
    /// Learns the space from `occurrences` with `dim` dimensions; returns
    /// it with the share of variance the dimensions keep.
    pub fn learn(occurrences: &Occurrences, dim: usize) -> Result<(Self, f64), SpaceError> {
        let (n, m) = (occurrences.skills.len(), occurrences.n_contexts);
        if n <= dim || m <= dim || dim == 0 {
            return Err(SpaceError::TooLittle {
                skills: n,
                contexts: m,
                dim,
            });
        }
        // TF-IDF: a context's weight falls with how many skills it names.
        let mut per_context = vec![0usize; m];
        for &(_, c, _) in &occurrences.entries {
            per_context[c] += 1;
        }
        let mut x = Array2::<f64>::zeros((n, m));
        for &(r, c, w) in &occurrences.entries {
            let idf = (1.0 + n as f64 / per_context[c] as f64).ln();
            x[[r, c]] = w * idf;
        }
        for mut row in x.rows_mut() {
            let norm = row.dot(&row).sqrt();
            if norm > 0.0 {
                row /= norm;
            }
        }
        let mean = x.mean_axis(ndarray::Axis(0)).expect("rows exist");
        let total_variance: f64 = (&x - &mean).iter().map(|v| v * v).sum();
        let dataset = DatasetBase::from(x);
        let pca = linfa_reduction::Pca::params(dim)
            .fit(&dataset)
            .map_err(|e| SpaceError::Reduction(e.to_string()))?;
        // linfa's ratio is among the kept components only; this is of all.
        let kept =
            pca.singular_values().iter().map(|s| s * s).sum::<f64>() / total_variance.max(1e-12);
        let projected: Array2<f64> = pca.predict(dataset.records());
        let mut vectors = Vec::with_capacity(n * dim);
        for row in projected.rows() {
            let norm = row.dot(&row).sqrt().max(1e-12);
            vectors.extend(row.iter().map(|v| (v / norm) as f32));
        }
        let mut space = SkillSpace {
            dim,
            skills: occurrences.skills.clone(),
            vectors,
            rows: HashMap::new(),
        };
        space.index();
        Ok((space, kept))
    }

    /// Builds the lookup from skill to row (after loading).
    pub fn index(&mut self) {
        self.rows = self
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i))
            .collect();
    }

    /// Number of skills with a vector.
    pub fn len(&self) -> usize {
        self.skills.len()
    }

    /// Whether the space has no skills (no model loaded).
    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// The unit vector of `skill`, if it is in the space.
    pub fn vector(&self, skill: &str) -> Option<&[f32]> {
        let row = *self.rows.get(skill)?;
        Some(&self.vectors[row * self.dim..(row + 1) * self.dim])
    }

    /// Cosine similarity of two skills, if both are in the space.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f64> {
        Some(dot(self.vector(a)?, self.vector(b)?))
    }

    /// The `n` skills closest to `skill`, best first (not itself).
    pub fn nearest(&self, skill: &str, n: usize) -> Vec<(&str, f64)> {
        let Some(v) = self.vector(skill) else {
            return Vec::new();
        };
        let mut scored: Vec<(&str, f64)> = self
            .skills
            .iter()
            .enumerate()
            .filter(|(_, s)| s.as_str() != skill)
            .map(|(i, s)| {
                (
                    s.as_str(),
                    dot(v, &self.vectors[i * self.dim..(i + 1) * self.dim]),
                )
            })
            .collect();
        let n = n.min(scored.len());
        if n == 0 {
            return Vec::new();
        }
        scored.select_nth_unstable_by(n - 1, |a, b| b.1.total_cmp(&a.1));
        scored.truncate(n);
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        scored
    }

    /// The mean unit vector of `skills` (those in the space), unit length;
    /// `None` when none is in the space.
    pub fn centroid<'a>(&self, skills: impl IntoIterator<Item = &'a str>) -> Option<Vec<f32>> {
        let mut sum = vec![0f32; self.dim];
        let mut any = false;
        for skill in skills {
            if let Some(v) = self.vector(skill) {
                any = true;
                for (s, x) in sum.iter_mut().zip(v) {
                    *s += x;
                }
            }
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        (any && norm > 0.0).then(|| sum.iter().map(|x| x / norm).collect())
    }

    /// Transferable-skill credit: for each needed skill the best cosine
    /// (clipped at 0) with a held skill, averaged; 0 when nothing is known.
    pub fn transfer(&self, held: &[&str], needed: &[&str]) -> f64 {
        let held: Vec<&[f32]> = held.iter().filter_map(|s| self.vector(s)).collect();
        if held.is_empty() || needed.is_empty() {
            return 0.0;
        }
        let mut total = 0.0;
        for skill in needed {
            if let Some(v) = self.vector(skill) {
                total += held.iter().map(|h| dot(h, v)).fold(0.0, f64::max);
            }
        }
        total / needed.len() as f64
    }
}

/// Dot product of two equal-length vectors.
pub fn dot(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x * y) as f64).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_sharing_contexts_are_closer_than_skills_that_do_not() {
        // Two families of skills, each used together in its own contexts.
        let skills: Vec<String> = (0..8).map(|i| format!("s{i}")).collect();
        let mut entries = Vec::new();
        for c in 0..20 {
            let family = if c % 2 == 0 { 0..4 } else { 4..8 };
            for r in family {
                if (r + c) % 3 != 0 {
                    entries.push((r, c, 1.0));
                }
            }
        }
        let occurrences = Occurrences {
            skills,
            n_contexts: 20,
            entries,
        };
        let (space, kept) = SkillSpace::learn(&occurrences, 3).unwrap();
        assert!(kept > 0.0 && kept <= 1.0 + 1e-9);
        let close = space.similarity("s0", "s1").unwrap();
        let far = space.similarity("s0", "s5").unwrap();
        assert!(close > far, "{close} vs {far}");
        assert_eq!(space.nearest("s0", 3).len(), 3);
        assert!(
            space
                .nearest("s0", 3)
                .iter()
                .all(|(s, _)| ["s1", "s2", "s3"].contains(s))
        );
    }
}
