//! õppepala's insight: what the labour market needs (`demand`: signals,
//! forecasts, feeds), what the data say (`ml`: skill space, ranker,
//! feedback log, model files), what next (`recommend`) and how seats are
//! shared across a caseload (`allocate`). Builds on the
//! core; knows nothing of HTTP serving or tantivy.

pub mod allocate;
pub mod demand;
pub mod ml;
pub mod recommend;
