//! What covers what? The broader/narrower hierarchy of the skills pillar.
//!
//! Transitive broader and narrower closures, the skill groups above a
//! skill, and `covers` (coverage rule 1 of DESIGN.md §2: a held narrower
//! skill meets a broader requirement), which the planner asks through
//! [`Hierarchy`](crate::domain::Hierarchy). Cycles in the data end a walk,
//! never loop it.
//!
//! It must never look at labels beyond what `Hierarchy` passes on, nor at
//! occupations.

use super::model::{ConceptKind, Taxonomy};
use super::skills::SkillRef;
use crate::domain::SkillUri;

/// A bit set over concept ids for hierarchy walks: 14.5k concepts take
/// 1.8 kB, cheap enough to allocate per query (`covers` runs often).
struct Visited(Vec<u64>);

impl Visited {
    fn new(n: usize) -> Visited {
        Visited(vec![0; n.div_ceil(64)])
    }

    /// Marks `id`; true when it was not marked before.
    fn insert(&mut self, id: u32) -> bool {
        let (word, bit) = ((id / 64) as usize, 1u64 << (id % 64));
        let fresh = self.0[word] & bit == 0;
        self.0[word] |= bit;
        fresh
    }
}

impl Taxonomy {
    /// Walks the hierarchy from `start` (excluded) along `next`, each concept
    /// once, so cycles in the data end the walk instead of looping.
    fn closure<'s>(&'s self, start: u32, next: impl Fn(u32) -> &'s [u32]) -> Vec<u32> {
        let mut seen = Visited::new(self.data.concepts.len());
        seen.insert(start);
        let mut stack = vec![start];
        let mut out = Vec::new();
        while let Some(id) = stack.pop() {
            for &other in next(id) {
                if seen.insert(other) {
                    out.push(other);
                    stack.push(other);
                }
            }
        }
        out
    }

    fn broader_ids(&self, id: u32) -> &[u32] {
        &self.data.concepts[id as usize].broader
    }

    fn narrower_ids(&self, id: u32) -> &[u32] {
        &self.narrower[id as usize]
    }

    /// Every concept (skills and skill groups) broader than `uri`,
    /// transitively, excluding `uri` itself; empty for an unknown URI.
    pub fn broader_closure(&self, uri: &str) -> Vec<SkillRef<'_>> {
        match self.concept_id(uri) {
            Some(id) => self.refs(&self.closure(id, |i| self.broader_ids(i))),
            None => Vec::new(),
        }
    }

    /// Every concept (skills and skill groups) narrower than `uri`,
    /// transitively, excluding `uri` itself; empty for an unknown URI.
    pub fn narrower_closure(&self, uri: &str) -> Vec<SkillRef<'_>> {
        match self.concept_id(uri) {
            Some(id) => self.refs(&self.closure(id, |i| self.narrower_ids(i))),
            None => Vec::new(),
        }
    }

    /// Whether holding `held` meets a requirement for `required`: they are
    /// the same skill, or `held` is narrower than `required`, transitively
    /// (coverage rule 1). Unknown URIs cover only themselves.
    pub fn covers(&self, held: &str, required: &str) -> bool {
        if held == required {
            return true;
        }
        let (Some(held), Some(required)) = (self.concept_id(held), self.concept_id(required))
        else {
            return false;
        };
        let mut seen = Visited::new(self.data.concepts.len());
        let mut stack = vec![held];
        seen.insert(held);
        while let Some(id) = stack.pop() {
            for &broader in self.broader_ids(id) {
                if broader == required {
                    return true;
                }
                if seen.insert(broader) {
                    stack.push(broader);
                }
            }
        }
        false
    }

    /// The skill groups above `skill`, transitively (direct groups first,
    /// then the rest in walk order); empty when unknown.
    pub fn skill_groups(&self, skill: &str) -> Vec<SkillRef<'_>> {
        self.broader_closure(skill)
            .into_iter()
            .filter(|c| c.kind() == ConceptKind::SkillGroup)
            .collect()
    }
}

/// The planner asks the taxonomy whether one skill meets a requirement for
/// another, and what a skill is called.
impl crate::domain::Hierarchy for Taxonomy {
    fn covers(&self, held: &SkillUri, required: &SkillUri) -> bool {
        Taxonomy::covers(self, held.as_str(), required.as_str())
    }

    fn label(&self, skill: &SkillUri, lang: &str) -> Option<String> {
        self.skill_label(skill.as_str(), lang).map(str::to_string)
    }

    fn label_with_lang(&self, skill: &SkillUri, lang: &str) -> Option<(String, String)> {
        self.concept(skill.as_str())
            .and_then(|s| s.label_with_lang(lang))
            .map(|(label, in_lang)| (label.to_owned(), in_lang.to_owned()))
    }

    fn broader_closure(&self, skill: &SkillUri) -> Option<Vec<SkillUri>> {
        Some(
            Taxonomy::broader_closure(self, skill.as_str())
                .into_iter()
                .map(SkillRef::skill_uri)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::model::TaxonomyData;
    use crate::taxonomy::model::tests::{concept, sample};

    fn uris(refs: Vec<SkillRef<'_>>) -> Vec<&str> {
        let mut out: Vec<&str> = refs.into_iter().map(SkillRef::uri).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn closures_are_transitive_and_exclude_self() {
        let t = sample();
        assert_eq!(
            uris(t.broader_closure("http://x/c")),
            ["http://x/a", "http://x/b", "http://x/g"]
        );
        assert_eq!(
            uris(t.narrower_closure("http://x/a")),
            ["http://x/b", "http://x/c"]
        );
        assert_eq!(uris(t.skill_groups("http://x/c")), ["http://x/g"]);
        assert!(t.broader_closure("http://x/unknown").is_empty());
    }

    #[test]
    fn cycles_end() {
        let t = sample();
        assert_eq!(uris(t.broader_closure("http://x/x")), ["http://x/y"]);
        assert!(t.covers("http://x/x", "http://x/y"));
        assert!(t.covers("http://x/y", "http://x/x"));
    }

    #[test]
    fn covers_follows_narrower_to_broader_only() {
        let t = sample();
        assert!(t.covers("http://x/c", "http://x/a"));
        assert!(t.covers("http://x/c", "http://x/c"));
        assert!(!t.covers("http://x/a", "http://x/c"));
        assert!(!t.covers("http://x/a", "http://x/x"));
        assert!(t.covers("http://x/unknown", "http://x/unknown"));
        assert!(!t.covers("http://x/unknown", "http://x/a"));
    }

    fn random_graph(n: usize, edges: &[(usize, usize)]) -> Taxonomy {
        let mut data = TaxonomyData {
            languages: vec!["en".into()],
            ..TaxonomyData::default()
        };
        data.concepts = (0..n)
            .map(|i| concept(&i.to_string(), ConceptKind::Skill, Vec::new()))
            .collect();
        for &(from, to) in edges {
            let (from, to) = (from % n, to % n);
            if from != to && !data.concepts[from].broader.contains(&(to as u32)) {
                data.concepts[from].broader.push(to as u32);
            }
        }
        Taxonomy::from_data(data).unwrap()
    }

    proptest::proptest! {
        /// On any graph, cycles included: closures exclude the start and
        /// repeat nothing, broader and narrower mirror each other, and
        /// `covers` is "same, or the requirement is in the held skill's
        /// broader closure".
        #[test]
        fn closures_and_covers_agree(
            n in 1usize..24,
            edges in proptest::collection::vec((0usize..24, 0usize..24), 0..60),
        ) {
            let t = random_graph(n, &edges);
            let uri = |i: usize| format!("http://x/{i}");
            for x in 0..n {
                let up: Vec<&str> = t.broader_closure(&uri(x)).into_iter().map(SkillRef::uri).collect();
                let mut unique = up.clone();
                unique.sort_unstable();
                unique.dedup();
                proptest::prop_assert_eq!(unique.len(), up.len());
                proptest::prop_assert!(!up.contains(&uri(x).as_str()));
                for y in 0..n {
                    let in_up = up.contains(&uri(y).as_str());
                    let down: Vec<&str> = t.narrower_closure(&uri(y)).into_iter().map(SkillRef::uri).collect();
                    proptest::prop_assert_eq!(in_up, down.contains(&uri(x).as_str()));
                    proptest::prop_assert_eq!(t.covers(&uri(x), &uri(y)), x == y || in_up);
                }
            }
        }
    }
}
