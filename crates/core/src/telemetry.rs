//! How do we log? One `init` for the binary: readable lines by default,
//! JSON lines on request, filtered by `RUST_LOG` (default `info`).
//!
//! Never log a learner profile: callers log ids, counts and durations only.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; a second call is a no-op.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
