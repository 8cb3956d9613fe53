//! HTTP(S) feeds of demand signals: pulled on a schedule with a timeout,
//! retries with exponential backoff and jitter, conditional requests
//! (ETag / If-Modified-Since), a size limit and validation before use.
//!
//! The last good body of each feed is kept on disk as a snapshot
//! (`<data_dir>/demand/feeds/<name>.json`, the store's JSON, written
//! atomically, plus `<name>.meta.json` with the validators); the service
//! builds its demand from the imported signals plus these snapshots, so a
//! feed that is down, slow or sends garbage leaves the last good signals in
//! use. Each feed's freshness and last error are kept in [`FeedStates`]
//! for `/metrics` and `/readyz`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::signals::{self, Store};
use super::{Demand, DemandError};
use oppepala_core::taxonomy::Taxonomy;

/// The `[demand]` table: HTTP(S) feeds of demand signals and how they are pulled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DemandConfig {
    /// The feeds, each pulled on its own interval.
    pub feeds: Vec<FeedConfig>,
    /// A pull attempt taking longer fails with `timeout`.
    pub timeout_ms: u64,
    /// A body over this many bytes is refused (`too_large`).
    pub max_bytes: u64,
    /// Retries after a timeout, connection error or 5xx.
    pub retries: u32,
    /// The first retry waits this long (doubling each time, plus jitter).
    pub backoff_ms: u64,
}

impl Default for DemandConfig {
    fn default() -> Self {
        Self {
            feeds: Vec::new(),
            timeout_ms: 10_000,
            max_bytes: 16 << 20,
            retries: 3,
            backoff_ms: 1_000,
        }
    }
}

/// One `[[demand.feeds]]` entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// A name for metrics and the snapshot file (letters, digits, '-', '_').
    pub name: String,
    /// The http(s) URL.
    pub url: String,
    /// `csv` (long) or `json` (the store's format), see `crate::demand::signals`.
    pub format: signals::Format,
    /// Seconds between pulls.
    #[serde(default = "default_feed_interval")]
    pub interval_s: u64,
}

fn default_feed_interval() -> u64 {
    3600
}

impl DemandConfig {
    /// Checks the feeds' settings; the message names the key at fault.
    pub fn check(&self) -> Result<(), String> {
        let bad = |message: &str| Err(message.to_string());
        let mut names = std::collections::BTreeSet::new();
        for feed in &self.feeds {
            let name_ok = !feed.name.is_empty()
                && feed.name.len() <= 64
                && feed
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !name_ok {
                return bad("demand.feeds.name must be 1–64 letters, digits, '-' or '_'");
            }
            if !names.insert(feed.name.as_str()) {
                return bad("demand.feeds.name must be unique");
            }
            if !(feed.url.starts_with("http://") || feed.url.starts_with("https://")) {
                return bad("demand.feeds.url must be an http:// or https:// URL");
            }
            if !matches!(feed.format, signals::Format::Csv | signals::Format::Json) {
                return bad("demand.feeds.format must be csv or json");
            }
            if feed.interval_s < 10 {
                return bad("demand.feeds.interval_s must be at least 10");
            }
        }
        if self.timeout_ms == 0 || self.max_bytes == 0 {
            return bad("demand.timeout_ms and demand.max_bytes must be at least 1");
        }
        Ok(())
    }
}

/// The folder of feed snapshots inside the data folder.
pub const FEEDS_DIR: &str = "demand/feeds";

/// Validators of the last good body, for conditional requests.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotMeta {
    /// The `ETag` header of the last good response.
    pub etag: Option<String>,
    /// The `Last-Modified` header of the last good response.
    pub last_modified: Option<String>,
    /// When the body was fetched (Unix seconds).
    pub fetched_at: u64,
    /// Series in the snapshot.
    pub series: usize,
}

/// What one pull did.
#[derive(Clone, Debug, PartialEq)]
pub enum PullOutcome {
    /// A new, valid body replaced the snapshot.
    Updated {
        /// Series in it.
        series: usize,
    },
    /// The server said 304: the snapshot is still current.
    NotModified,
    /// The pull failed; the snapshot (if any) is kept.
    Failed {
        /// A short stable reason for metrics: `timeout`, `connect`,
        /// `http_5xx`, `http_4xx`, `too_large`, `invalid`, `io`.
        reason: &'static str,
        /// The details, for the log and `/readyz`.
        detail: String,
    },
}

/// The state of one feed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FeedState {
    /// Unix seconds of the last pull that ended with good data (200 or 304).
    pub last_success: Option<u64>,
    /// Unix seconds of the last attempt.
    pub last_attempt: Option<u64>,
    /// The reason and details of the last failure, cleared by a success.
    pub last_error: Option<(String, String)>,
    /// Series in the snapshot in use.
    pub series: usize,
}

/// The states of every configured feed.
#[derive(Debug, Default)]
pub struct FeedStates(Mutex<BTreeMap<String, FeedState>>);

impl FeedStates {
    /// States for `config`'s feeds, their freshness taken from the snapshots on disk.
    pub fn new(data_dir: &Path, config: &DemandConfig) -> Self {
        let dir = data_dir.join(FEEDS_DIR);
        let states = config
            .feeds
            .iter()
            .map(|feed| {
                let meta = read_meta(&dir, &feed.name);
                let state = FeedState {
                    last_success: meta.as_ref().map(|m| m.fetched_at),
                    series: meta.map_or(0, |m| m.series),
                    ..FeedState::default()
                };
                (feed.name.clone(), state)
            })
            .collect();
        Self(Mutex::new(states))
    }

    /// A copy of every state.
    pub fn snapshot(&self) -> BTreeMap<String, FeedState> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Records the outcome of a pull of `feed` at `now`.
    pub fn record(&self, feed: &str, outcome: &PullOutcome, now: u64) {
        let mut states = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let state = states.entry(feed.to_string()).or_default();
        state.last_attempt = Some(now);
        match outcome {
            PullOutcome::Updated { series } => {
                state.last_success = Some(now);
                state.last_error = None;
                state.series = *series;
            }
            PullOutcome::NotModified => {
                state.last_success = Some(now);
                state.last_error = None;
            }
            PullOutcome::Failed { reason, detail } => {
                state.last_error = Some((reason.to_string(), detail.clone()));
            }
        }
    }
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn snapshot_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.json"))
}

fn meta_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.meta.json"))
}

fn read_meta(dir: &Path, name: &str) -> Option<SnapshotMeta> {
    let bytes = std::fs::read(meta_path(dir, name)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The series of every configured feed's last good snapshot (a snapshot
/// that cannot be read is skipped with a warning).
pub fn snapshot_series(data_dir: &Path, config: &DemandConfig) -> Vec<signals::Series> {
    let dir = data_dir.join(FEEDS_DIR);
    let mut all = Vec::new();
    for feed in &config.feeds {
        let path = snapshot_path(&dir, &feed.name);
        if !path.exists() {
            continue;
        }
        match signals::load_store(&path) {
            Ok(store) => all.extend(store.series),
            Err(error) => {
                tracing::warn!(demand.feed = %feed.name, "feed snapshot skipped: {error}")
            }
        }
    }
    all
}

/// The demand the service serves: imported signals plus the feeds' last
/// good snapshots, with the forecast model (trained again in memory when it
/// does not match these signals).
pub fn load_demand(
    data_dir: &Path,
    models_dir: &Path,
    config: &DemandConfig,
    taxonomy: &Taxonomy,
) -> Result<Demand, DemandError> {
    Demand::load_with(
        data_dir,
        models_dir,
        taxonomy,
        snapshot_series(data_dir, config),
    )
}

/// An HTTP client for feeds (rustls; no system OpenSSL).
pub fn client(config: &DemandConfig) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_millis(config.timeout_ms))
        .connect_timeout(Duration::from_millis(config.timeout_ms))
        .user_agent(concat!("oppepala/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("a client with these settings builds")
}

/// A delay of `base · 2^attempt`, plus up to `base` of jitter.
fn backoff(base_ms: u64, attempt: u32) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(attempt);
    let jitter = if base_ms == 0 {
        0
    } else {
        hasher.finish() % base_ms
    };
    Duration::from_millis(base_ms.saturating_mul(1 << attempt.min(10)) + jitter)
}

enum Attempt {
    Done(PullOutcome),
    Retry(&'static str, String),
}

/// Pulls `feed` once (with retries), validates it and on success replaces
/// its snapshot in `data_dir`. Never touches the snapshot on failure.
pub async fn pull(
    client: &reqwest::Client,
    config: &DemandConfig,
    feed: &FeedConfig,
    data_dir: &Path,
) -> PullOutcome {
    let dir = data_dir.join(FEEDS_DIR);
    let meta = read_meta(&dir, &feed.name).filter(|_| snapshot_path(&dir, &feed.name).exists());
    let mut attempt = 0;
    loop {
        match attempt_once(client, config, feed, &dir, meta.as_ref()).await {
            Attempt::Done(outcome) => return outcome,
            Attempt::Retry(reason, detail) => {
                if attempt >= config.retries {
                    return PullOutcome::Failed {
                        reason,
                        detail: format!("{detail} (after {} attempts)", attempt + 1),
                    };
                }
                tokio::time::sleep(backoff(config.backoff_ms, attempt)).await;
                attempt += 1;
            }
        }
    }
}

async fn attempt_once(
    client: &reqwest::Client,
    config: &DemandConfig,
    feed: &FeedConfig,
    dir: &Path,
    meta: Option<&SnapshotMeta>,
) -> Attempt {
    use reqwest::header;
    let mut request = client.get(&feed.url);
    if let Some(meta) = meta {
        if let Some(etag) = &meta.etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(modified) = &meta.last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, modified);
        }
    }
    let transport = |e: reqwest::Error| {
        let reason = if e.is_timeout() { "timeout" } else { "connect" };
        Attempt::Retry(reason, e.to_string())
    };
    let mut response = match request.send().await {
        Ok(r) => r,
        Err(e) => return transport(e),
    };
    let status = response.status();
    if status == reqwest::StatusCode::NOT_MODIFIED {
        return Attempt::Done(PullOutcome::NotModified);
    }
    if status.is_server_error() {
        return Attempt::Retry("http_5xx", format!("the server answered {status}"));
    }
    if !status.is_success() {
        return Attempt::Done(PullOutcome::Failed {
            reason: "http_4xx",
            detail: format!("the server answered {status}"),
        });
    }
    let too_large = |n: u64| {
        Attempt::Done(PullOutcome::Failed {
            reason: "too_large",
            detail: format!("the body is over {} bytes (at least {n})", config.max_bytes),
        })
    };
    if let Some(length) = response.content_length()
        && length > config.max_bytes
    {
        return too_large(length);
    }
    let header_text = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header_text(header::ETAG);
    let last_modified = header_text(header::LAST_MODIFIED);
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                body.extend_from_slice(&chunk);
                if body.len() as u64 > config.max_bytes {
                    return too_large(body.len() as u64);
                }
            }
            Ok(None) => break,
            Err(e) => return transport(e),
        }
    }
    let parsed = match signals::parse_strict(&body, &feed.url, feed.format, None, false) {
        Ok(p) => p,
        Err(e) => {
            let mut detail = e.to_string();
            detail.truncate(500);
            return Attempt::Done(PullOutcome::Failed {
                reason: "invalid",
                detail,
            });
        }
    };
    let series = parsed.series.len();
    let store = Store {
        format_version: signals::STORE_FORMAT_VERSION,
        series: parsed.series,
    };
    let meta = SnapshotMeta {
        etag,
        last_modified,
        fetched_at: unix_now(),
        series,
    };
    let written = signals::save_store(&snapshot_path(dir, &feed.name), &store).and_then(|()| {
        signals::write_atomic(
            &meta_path(dir, &feed.name),
            &serde_json::to_vec(&meta).expect("meta serializes"),
        )
    });
    match written {
        Ok(()) => Attempt::Done(PullOutcome::Updated { series }),
        Err(e) => Attempt::Done(PullOutcome::Failed {
            reason: "io",
            detail: e.to_string(),
        }),
    }
}
