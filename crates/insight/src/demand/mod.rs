//! How much do employers want an occupation or a skill, where, and soon?
//!
//! Labour-market demand signals (time series per occupation, ISCO group or
//! skill × region × month, see [`signals`]), their forecasts ([`forecast`]),
//! and the demand score per occupation and per skill and region that the
//! gap, the ranking and the web page show. HTTP feeds that refresh the
//! signals are in [`feed`].
//!
//! From forecasts to skills: an occupation takes the forecast of its own
//! series, or else of the narrowest ISCO group with a series in the region,
//! shared equally among the ESCO occupations of that group (ESCO has no
//! employment weights). A skill's expected postings are the sum over the
//! occupations that need it, an essential link counting fully and an
//! optional one [`OPTIONAL_WEIGHT`], so the skill figures of a region are
//! sums of its occupation figures over the same months (they reconcile).
//! Scores are ln(1 + expected) over ln(1 + the largest expected of the
//! same kind in the region), so 0–1.
//!
//! A figure is for a planning month: the six months from it (forecast past
//! the data), or, when the data end more than six months before it, the
//! last six months of data, said to be old (see `lookup`).
//!
//! [`Demand`] is built once at load (and on reload or a feed refresh) and is
//! read-only afterwards; lookups do no IO.
//!
//! The files, one question each:
//! - `model`: what the forecast model file holds, and how it is trained
//!   from the signals;
//! - `load`: how signals and model are read from the data and models
//!   folders (and the model written), and what can go wrong;
//! - `build`: how [`Demand`] is built from them and the taxonomy;
//! - `contributions`: which series an occupation's or a skill's demand
//!   comes from, with what share, and the source named for them;
//! - `lookup`: how much demand a skill or an occupation has in a region in
//!   which months (dated, rounded figures), why there is none, the
//!   occupations most in demand, and what a `Demand` holds;
//! - `annotate`: how demand is told (region and month names, sentences
//!   from the message catalogue) and written into a gap and a plan's answer.

pub mod feed;
pub mod forecast;
pub mod signals;

mod annotate;
mod build;
mod contributions;
mod load;
mod lookup;
mod model;

pub use annotate::{month_name, region_name, region_name_in, tell};
pub use build::{Demand, OPTIONAL_WEIGHT};
pub use contributions::Contribution;
pub use forecast::{Backtest, MAX_AHEAD, Method, SeriesForecast, Summary};
pub use load::{DemandError, MODEL_FILE, SIGNALS_FILE, load_model, save_model};
pub use lookup::{ILLUSTRATIVE_SOURCE_URL, SOURCES_URL, quote, window};
pub use model::{ForecastModel, MODEL_FORMAT_VERSION, store_hash, train};
pub use signals::{Series, Store, Subject, YearMonth};

pub use oppepala_core::domain::county::canonical_region;
pub use oppepala_core::domain::{Counts, DemandFigure, DemandMissing, FigureKind};
