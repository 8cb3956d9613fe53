//! What does the running service hold, and what is derived from it?
//!
//! [`Data`] is the ground state a use case reads: the catalogue, the
//! taxonomy, the demand and the models. What is computed from them and
//! kept (the occupation names the search recognises, the planner's
//! learner-independent preparations, the recommendation preparation, the
//! demand part of paths answers) hangs off the `Data` it was made from, is
//! made on first use, and goes when the `Data` goes: nothing is keyed by a
//! pointer address, and nothing has to be told that its data changed.
//!
//! [`Served`] adds the search index, the served generation and the answer
//! caches of the HTTP service. A swap (a write, a reindex, a reload, a feed
//! bringing new demand) goes through one function, [`Served::next`], which
//! says in one place what a change of each part keeps and what it drops.

use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use crate::catalogue::Catalogue;
use crate::demand::Demand;
use crate::index::{Occupations, OpenIndex};
use crate::ml::Models;
use crate::planner::PrepCache;
use crate::recommend;
use crate::taxonomy::Taxonomy;

use super::notes::DemandNotes;

/// The ground state of the use cases, with what is derived from it.
/// Cheap to clone: every part is shared.
#[derive(Clone)]
pub struct Data {
    /// The catalogue of bites and micro-qualifications.
    pub catalogue: Arc<Catalogue>,
    /// The ESCO taxonomy.
    pub taxonomy: Arc<Taxonomy>,
    /// Labour-market demand: signals, forecasts and scores.
    pub demand: Arc<Demand>,
    /// The skill space and the ranker (`models/`).
    pub models: Models,
    derived: Derived,
}

/// What is computed from [`Data`] and kept with it. Each part says what it
/// is made from; [`Data::next`] keeps it exactly while those parts stay.
#[derive(Clone, Default)]
struct Derived {
    /// From the taxonomy: occupation names and skill weights for search.
    occupations: Arc<OnceLock<Arc<Occupations>>>,
    /// From the catalogue and the taxonomy: the planner's preparation per goal.
    plans: Arc<PrepCache>,
    /// From the catalogue, the taxonomy and the demand (and the plans).
    recommend: Arc<OnceLock<Arc<recommend::Prepared>>>,
    /// From the demand and the taxonomy's labels: paths answers' demand part.
    notes: Arc<DemandNotes>,
}

/// Which derived parts of a [`Data`] have been made so far ([`Data::made`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// The occupation names of the search.
    pub occupations: bool,
    /// The recommendation preparation.
    pub recommendations: bool,
    /// How many goals the planner has prepared.
    pub plans: u64,
}

/// What a swap replaces; `None` keeps the part in service.
#[derive(Default)]
pub struct Change {
    /// A new catalogue.
    pub catalogue: Option<Arc<Catalogue>>,
    /// A new taxonomy.
    pub taxonomy: Option<Arc<Taxonomy>>,
    /// New demand.
    pub demand: Option<Arc<Demand>>,
    /// New models.
    pub models: Option<Models>,
    /// A new index generation.
    pub index: Option<Arc<OpenIndex>>,
    /// With a new index: the served generation is at least this (the one
    /// promised to the writes the index contains).
    pub generation_at_least: u64,
}

impl Change {
    /// Everything replaced by what `loaded` holds (a reload).
    pub fn all(loaded: Served) -> Self {
        Self {
            catalogue: Some(loaded.data.catalogue),
            taxonomy: Some(loaded.data.taxonomy),
            demand: Some(loaded.data.demand),
            models: Some(loaded.data.models),
            index: Some(loaded.index),
            generation_at_least: 0,
        }
    }
}

impl Data {
    /// The data, with nothing derived yet.
    pub fn new(
        catalogue: Arc<Catalogue>,
        taxonomy: Arc<Taxonomy>,
        demand: Arc<Demand>,
        models: Models,
    ) -> Self {
        Self {
            catalogue,
            taxonomy,
            demand,
            models,
            derived: Derived::default(),
        }
    }

    /// The occupation names the bite search recognises in queries, made
    /// once per taxonomy (about a tenth of a second for ESCO).
    pub fn occupations(&self) -> Arc<Occupations> {
        self.derived
            .occupations
            .get_or_init(|| Arc::new(super::derive::occupations(&self.taxonomy)))
            .clone()
    }

    /// The planner's learner-independent preparations over this catalogue
    /// and taxonomy (`planner::plan_cached` with these bites and this
    /// taxonomy, and no other).
    pub fn plans(&self) -> &PrepCache {
        &self.derived.plans
    }

    /// What recommendations prepare once for this catalogue, taxonomy and
    /// demand (a few milliseconds), sharing [`Data::plans`].
    pub fn recommendations(&self) -> Arc<recommend::Prepared> {
        self.derived
            .recommend
            .get_or_init(|| {
                let demand: Arc<dyn recommend::DemandLookup> = self.demand.clone();
                Arc::new(recommend::Prepared::new(
                    self.catalogue.clone(),
                    self.taxonomy.clone(),
                    demand,
                    self.derived.plans.clone(),
                ))
            })
            .clone()
    }

    /// Which derived parts have been made so far.
    pub fn made(&self) -> Made {
        Made {
            occupations: self.derived.occupations.get().is_some(),
            recommendations: self.derived.recommend.get().is_some(),
            plans: self.derived.plans.len(),
        }
    }

    pub(super) fn notes(&self) -> &DemandNotes {
        &self.derived.notes
    }

    /// This data with `change` applied: the one place that says what each
    /// derived part is made from, so what a change keeps.
    fn next(&self, change: &Change) -> Data {
        let catalogue = change.catalogue.is_some();
        let taxonomy = change.taxonomy.is_some();
        let demand = change.demand.is_some();
        let old = &self.derived;
        let derived = Derived {
            occupations: if taxonomy {
                Arc::default()
            } else {
                old.occupations.clone()
            },
            plans: if catalogue || taxonomy {
                Arc::default()
            } else {
                old.plans.clone()
            },
            recommend: if catalogue || taxonomy || demand {
                Arc::default()
            } else {
                old.recommend.clone()
            },
            notes: if taxonomy || demand {
                Arc::default()
            } else {
                old.notes.clone()
            },
        };
        Data {
            catalogue: change.catalogue.clone().unwrap_or(self.catalogue.clone()),
            taxonomy: change.taxonomy.clone().unwrap_or(self.taxonomy.clone()),
            demand: change.demand.clone().unwrap_or(self.demand.clone()),
            models: change.models.clone().unwrap_or(self.models.clone()),
            derived,
        }
    }
}

/// Answers kept in memory (never on disk) by a SHA-256 of the canonical request.
pub type AnswerCache = moka::sync::Cache<String, Arc<Bytes>>;

/// What the service serves at one moment: replaced as a whole by
/// [`Served::next`], so a request sees one consistent set from start to end.
#[derive(Clone)]
pub struct Served {
    /// The served generation: rises with every new index (0 when loaded
    /// without one being counted yet).
    pub generation: u64,
    /// Catalogue, taxonomy, demand, models and what is derived from them.
    pub data: Data,
    /// The search indexes of this generation.
    pub index: Arc<OpenIndex>,
    /// Gap and paths answers (they read the catalogue, taxonomy and demand).
    pub answers: AnswerCache,
    /// Bite search answers (they read the index, catalogue and taxonomy).
    pub searches: AnswerCache,
}

impl std::ops::Deref for Served {
    type Target = Data;
    fn deref(&self) -> &Data {
        &self.data
    }
}

/// The most bytes of search answers kept (keys and JSON together).
pub const SEARCH_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// How many gap and paths answers are kept by default.
pub const DEFAULT_ANSWERS: u64 = 10_000;

fn answer_cache(entries: u64) -> AnswerCache {
    moka::sync::Cache::builder().max_capacity(entries).build()
}

/// Popular searches repeat (a portal's search box, the web page's filters),
/// and an answer for one index never changes, so it is kept until evicted
/// by size.
fn search_cache() -> AnswerCache {
    moka::sync::Cache::builder()
        .weigher(|key: &String, value: &Arc<Bytes>| {
            u32::try_from(key.len() + value.len()).unwrap_or(u32::MAX)
        })
        .max_capacity(SEARCH_CACHE_BYTES)
        .build()
}

impl Served {
    /// `data` served with `index`, keeping at most `answers` gap and paths
    /// answers.
    pub fn new(data: Data, index: Arc<OpenIndex>, answers: u64) -> Self {
        Self {
            generation: index.manifest.generation,
            data,
            index,
            answers: answer_cache(answers),
            searches: search_cache(),
        }
    }

    /// What is served after `change`: the one transition. Derived data is
    /// kept exactly while what it is made from stays (`Data::next`);
    /// gap and paths answers while the catalogue, taxonomy and demand stay;
    /// search answers while the index, catalogue and taxonomy stay. A new
    /// index gets a generation above this one.
    pub fn next(&self, change: Change) -> Served {
        let data = self.data.next(&change);
        let answers_stale =
            change.catalogue.is_some() || change.taxonomy.is_some() || change.demand.is_some();
        let searches_stale =
            change.index.is_some() || change.catalogue.is_some() || change.taxonomy.is_some();
        let (index, generation) = match change.index {
            Some(index) => {
                let generation = index
                    .manifest
                    .generation
                    .max(self.generation + 1)
                    .max(change.generation_at_least);
                (index, generation)
            }
            None => (self.index.clone(), self.generation),
        };
        Served {
            generation,
            data,
            index,
            answers: if answers_stale {
                answer_cache(
                    self.answers
                        .policy()
                        .max_capacity()
                        .unwrap_or(DEFAULT_ANSWERS),
                )
            } else {
                self.answers.clone()
            },
            searches: if searches_stale {
                search_cache()
            } else {
                self.searches.clone()
            },
        }
    }
}
