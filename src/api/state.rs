//! What every request may reach: the one [`App`] (configuration, metrics,
//! the served data, the heavy-request permits, the write lock, feed and
//! feedback state) behind a cheap [`AppState`] handle, and [`heavy`], the
//! one way CPU-heavy work leaves the async threads: onto [`App::workers`],
//! a fixed pool of `worker_threads` threads (one per core by default), so
//! however many requests arrive, the process runs that many threads of
//! heavy work; the heavy permits bound how many wait for one.

use std::sync::Arc;

use arc_swap::ArcSwap;
use tokio::sync::Semaphore;

use super::error::ApiError;
use super::{admin, metrics};
use crate::config::Config;
use crate::service::Served;

/// The application: everything a request may need, shared by all requests.
pub struct App {
    /// The configuration the service started with.
    pub config: Config,
    /// Metrics, rendered at `/metrics`.
    pub metrics: metrics::Metrics,
    /// The data being served, with what is derived from it and the answer
    /// caches; swapped atomically (`service::Served::next`).
    pub served: ArcSwap<Served>,
    /// Permits for heavy requests (search, gap, paths), running or waiting
    /// for a worker; none left → 503.
    pub heavy: Arc<Semaphore>,
    /// The threads that run heavy work (see [`heavy`]); a fixed number.
    pub workers: Arc<rayon::ThreadPool>,
    /// The write lock: guards the catalogue on disk; held while a group
    /// of bite writes is committed, while a reindex reads the data folder
    /// and during a reload, never during an index build.
    pub writes: Arc<tokio::sync::Mutex<admin::Written>>,
    /// Bite writes waiting for the write lock's holder to commit them.
    pub write_queue: std::sync::Mutex<Vec<admin::QueuedWrite>>,
    /// Held by each background index build with its swap, and by a
    /// reload, so no two swap at once.
    pub builds: Arc<tokio::sync::Mutex<()>>,
    /// The state of background index builds.
    pub build_status: std::sync::Mutex<admin::BuildStatus>,
    /// Freshness and last error of each demand feed.
    pub feeds: Arc<crate::demand::feed::FeedStates>,
    /// The feedback log, opened on the first event (appends are serialized).
    pub feedback: Arc<std::sync::Mutex<Option<crate::ml::feedback::FeedbackLog>>>,
    /// Rate limits per client (the middleware) and who a client is.
    pub limits: Arc<super::ratelimit::Limits>,
    /// Feedback events per hour and day per key or address.
    pub feedback_quota: super::ratelimit::EventQuota,
}

/// The state handlers get: a cheap handle on the one [`App`].
#[derive(Clone)]
pub struct AppState(pub Arc<App>);

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl AppState {
    /// Builds the state for `config` serving `served` (made with
    /// `config.cache_entries` answers: `service::load`).
    pub fn new(config: Config, served: Served) -> Self {
        let heavy = Arc::new(Semaphore::new(config.heavy_concurrency));
        let writes = Arc::new(tokio::sync::Mutex::new(admin::Written {
            catalogue: served.catalogue.clone(),
        }));
        let app = App {
            workers: Arc::new(worker_pool(config.worker_threads)),
            feeds: Arc::new(crate::demand::feed::FeedStates::new(
                &config.data_dir,
                &config.demand,
            )),
            writes,
            write_queue: std::sync::Mutex::default(),
            builds: Arc::default(),
            build_status: std::sync::Mutex::default(),
            feedback: Arc::default(),
            limits: super::ratelimit::Limits::new(&config),
            feedback_quota: super::ratelimit::EventQuota::new(&config),
            metrics: metrics::Metrics::default(),
            served: ArcSwap::from_pointee(served),
            heavy,
            config,
        };
        let state = Self(Arc::new(app));
        state.record_versions();
        state
    }

    /// Shows what is being served in `/metrics`: the index generation and
    /// the versions of the loaded data (call after every swap).
    pub fn record_versions(&self) {
        let served = self.served.load();
        self.metrics.index_generation.set(served.generation as i64);
        self.metrics.models.clear();
        let manifest = &served.index.manifest;
        for (model, version) in [
            (
                "taxonomy",
                format!("format-{}", crate::taxonomy::store::FORMAT_VERSION),
            ),
            (
                "index",
                format!(
                    "format-{}-inputs-{}",
                    manifest.format_version,
                    manifest.inputs_sha256.get(..12).unwrap_or("")
                ),
            ),
            (
                "demand",
                if served.demand.version().is_empty() {
                    "none".to_string()
                } else {
                    served.demand.version().to_string()
                },
            ),
            ("ranker", served.models.ranker_label()),
            (
                "skill_space",
                served
                    .models
                    .space_header
                    .as_ref()
                    .map_or_else(|| "none".to_string(), |h| h.version()),
            ),
        ] {
            self.metrics
                .models
                .get_or_create(&metrics::ModelLabels {
                    model: model.into(),
                    version,
                })
                .set(1);
        }
    }
}

/// The pool heavy work runs on: `threads` threads, or one per core when 0.
pub fn worker_pool(threads: usize) -> rayon::ThreadPool {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        threads
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("oppepala-worker-{i}"))
        .build()
        .expect("the worker threads start")
}

/// Runs CPU-heavy `work` on the worker pool ([`App::workers`]), holding
/// one of the heavy permits while it waits and runs; when none is free the
/// request is refused with 503 at once rather than queued without bound.
/// Work whose request is gone before a worker takes it (the client left,
/// the request timed out) is skipped; a panic in it is a 500.
pub async fn heavy<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = state.heavy.clone().try_acquire_owned().map_err(|_| {
        state.metrics.shed.inc();
        ApiError::Overloaded { retry_after_s: 1 }
    })?;
    on_workers(state, move || {
        let _permit = permit;
        work()
    })
    .await?
}

/// Runs `work` on the worker pool at once (counted in `workers_busy`), and
/// returns a future of its result that waits without blocking the async
/// threads: `Err` when it panicked. Skipped when the future is dropped
/// before a worker takes it.
pub fn on_workers<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> impl Future<Output = Result<T, ApiError>> + Send + 'static {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let busy = state.metrics.workers_busy.clone();
    state.workers.spawn_fifo(move || {
        if tx.is_closed() {
            return;
        }
        busy.inc();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        busy.dec();
        let _ = tx.send(outcome);
    });
    async move {
        match rx.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(panic)) => Err(ApiError::Internal(format!(
                "worker panicked: {}",
                panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("no message")
            ))),
            Err(_) => Err(ApiError::Internal("the worker dropped its work".into())),
        }
    }
}
