//! The one integration-test binary (one link, one run). Each area adds a
//! module under `tests/it/` and declares it in `tests/it/mod.rs`.

mod it;
