//! õppepala's insight: what the labour market needs (`demand`: signals,
//! forecasts, feeds), what the data say (`ml`: skill space, ranker,
//! feedback log, model files) and what next (`recommend`). Builds on the
//! core; knows nothing of HTTP serving or tantivy.

pub mod demand;
pub mod ml;
pub mod recommend;
