//! What next? Recommendations for a learner with no fixed goal: candidate
//! targets (every micro-qualification, and the occupations in demand in
//! the learner's county), a cheap first ranking, a diverse shortlist (MMR
//! over skill-space centroids and fields), the best path of each through
//! the planner, the final ranking by the ranker, and the next bites.
//!
//! Pure: takes the catalogue, taxonomy and demand prepared once per served
//! set ([`Prepared`]) and the models, and returns data; no IO, no HTTP.
//! The skill space gives transfer credit and diversity only; coverage is
//! the planner's rule. Reasons are written in the asked language
//! ([`reasons`]).
//!
//! The files, one question each:
//! - `pipeline`: what the learner should aim for next, end to end
//!   ([`recommend`]);
//! - `options`: what is asked ([`Options`]);
//! - `answer`: what the answer holds ([`Recommendations`]);
//! - `candidate`: what is known of a candidate target, and why it is
//!   recommended;
//! - `fit`: which bites the learner may take, and how well a target or a
//!   bite fits them (the ranker's feature values);
//! - `entry`: which first steps suit a low-qualified learner;
//! - `diverse`: which candidates make a diverse shortlist (MMR);
//! - `next_bites`: which bites the learner can start now, and which first;
//! - `title`: what a target is called in the asked language;
//! - `cohort` and `caseload`: a cohort line answered, and a caseload as
//!   CSV rows and a summary;
//! - `demand_lookup`: what recommendations know of labour-market demand
//!   ([`DemandLookup`]).

pub mod caseload;
pub mod cohort;
pub mod prepared;
pub mod reasons;

mod answer;
mod candidate;
mod demand_lookup;
mod diverse;
mod entry;
mod fit;
mod next_bites;
mod options;
mod pipeline;
mod title;

pub use answer::{BiteRecommendation, ModelInfo, Recommendations, TargetRecommendation};
pub use demand_lookup::{DemandLookup, NoDemand};
pub use entry::{ENTRY_MAX_HOURS, is_entry_step, is_low_qualified};
pub use options::Options;
pub use pipeline::recommend;
pub use prepared::{LearnerView, Prepared};
