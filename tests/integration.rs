//! The one integration-test binary: each module tests one area through
//! the library's public API, the HTTP router or the command line.

mod it {
    pub mod api;
    pub mod default_catalogue;
    pub mod support;
}
