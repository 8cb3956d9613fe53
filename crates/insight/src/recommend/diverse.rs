//! Which candidates make a diverse shortlist? Maximal marginal relevance
//! over the ranker's scores and the targets' similarity.

use super::candidate::Candidate;

/// Maximal marginal relevance: each pick maximises 0.7 × score − 0.3 ×
/// the highest similarity to a pick so far (skill-space cosine of the
/// targets' required skills, or 1 for the same field without vectors).
pub(super) fn diverse(mut candidates: Vec<Candidate>, k: usize) -> Vec<Candidate> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut chosen: Vec<Candidate> = Vec::new();
    while chosen.len() < k && !candidates.is_empty() {
        let mut best = (0, f64::NEG_INFINITY);
        for (i, c) in candidates.iter().enumerate() {
            let redundancy = chosen
                .iter()
                .map(|p| match (&c.centroid, &p.centroid) {
                    (Some(a), Some(b)) => crate::ml::space::dot(a, b).max(0.0),
                    _ => f64::from(u8::from(
                        c.prep.field.is_some() && c.prep.field == p.prep.field,
                    )),
                })
                .fold(0.0, f64::max);
            let value = 0.7 * c.score - 0.3 * redundancy;
            if value > best.1 {
                best = (i, value);
            }
        }
        chosen.push(candidates.remove(best.0));
    }
    chosen
}
