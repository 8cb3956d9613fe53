//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Reads a small catalogue fixture where every skill counts as known.
pub fn mini_catalogue() -> oppepala::catalogue::Catalogue {
    load_catalogue(&fixture("catalogue-mini"))
}

/// Loads a catalogue folder, accepting every skill URI.
pub fn load_catalogue(dir: &Path) -> oppepala::catalogue::Catalogue {
    oppepala::catalogue::load_dir(dir, &|_| true, false)
        .expect("fixture catalogue loads")
        .0
}
