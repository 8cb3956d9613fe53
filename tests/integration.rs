//! The one integration-test binary: each module under `tests/it/` tests one
//! part of the library from the outside. Add a module here, not a new file
//! in `tests/`, to keep link time down.

mod it {
    mod taxonomy;
}
