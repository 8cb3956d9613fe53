//! What is the service doing? Prometheus metrics kept in the app state
//! (not in statics, so each test gets its own): requests and latency per
//! route and status, cache hits and misses, the index generation, the
//! model versions in use, and write operations (count and latency by
//! operation and outcome).

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Labels of a request.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    /// The matched route pattern (`/v1/bites/{id}`), or `unmatched`.
    pub route: String,
    /// The HTTP method.
    pub method: String,
    /// The response status.
    pub status: u16,
}

/// Labels of a route's latency.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LatencyLabels {
    /// The matched route pattern.
    pub route: String,
    /// The HTTP method.
    pub method: String,
}

/// Labels of a cache lookup.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CacheLabels {
    /// Which cache (`paths`, `gap`).
    pub cache: String,
    /// `hit` or `miss`.
    pub result: String,
}

/// Labels of a loaded model.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ModelLabels {
    /// The model (`taxonomy`, `catalogue`, …).
    pub model: String,
    /// Its version (a content hash or format version).
    pub version: String,
}

/// Labels of a demand feed.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FeedLabels {
    /// The feed's name.
    pub feed: String,
}

/// Labels of a demand feed pull's outcome.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FeedOutcomeLabels {
    /// The feed's name.
    pub feed: String,
    /// `updated`, `not_modified`, or the failure reason.
    pub outcome: String,
}

/// Labels of a write operation.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct WriteLabels {
    /// `put_bite`, `delete_bite`, `reindex`, `reload`, or `index_build`
    /// (the background build a write or reindex starts).
    pub operation: String,
    /// `ok`, or the error's stable code (`invalid_request`, `conflict`, …;
    /// `failed` for a background build).
    pub outcome: String,
}

/// All metrics of one app.
pub struct Metrics {
    registry: Registry,
    /// Requests by route, method and status.
    pub requests: Family<RouteLabels, Counter>,
    /// Latency by route and method, in seconds.
    pub latency: Family<LatencyLabels, Histogram>,
    /// Cache lookups by cache and result.
    pub cache: Family<CacheLabels, Counter>,
    /// The index generation in use.
    pub index_generation: Gauge,
    /// The loaded data and model versions (value 1 for each in use).
    pub models: Family<ModelLabels, Gauge>,
    /// Heavy requests turned away with 503.
    pub shed: Counter,
    /// Heavy work running on the worker pool now (jobs, not threads).
    pub workers_busy: Gauge,
    /// Unix time of each demand feed's last good pull (200 or 304).
    pub demand_feed_last_success: Family<FeedLabels, Gauge>,
    /// Demand feed pulls by outcome.
    pub demand_feed_pulls: Family<FeedOutcomeLabels, Counter>,
    /// 1 for the reason of each feed's last failure (none after a success).
    pub demand_feed_last_error: Family<FeedOutcomeLabels, Gauge>,
    /// Write operations by operation and outcome.
    pub writes: Family<WriteLabels, Counter>,
    /// Write operation latency by operation and outcome, in seconds.
    pub write_latency: Family<WriteLabels, Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("oppepala");
        let requests = Family::<RouteLabels, Counter>::default();
        let latency = Family::<LatencyLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ])
        });
        let cache = Family::<CacheLabels, Counter>::default();
        let index_generation = Gauge::default();
        let models = Family::<ModelLabels, Gauge>::default();
        let shed = Counter::default();
        let workers_busy = Gauge::default();
        let writes = Family::<WriteLabels, Counter>::default();
        let write_latency = Family::<WriteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
            ])
        });
        registry.register(
            "http_requests",
            "HTTP requests by route, method and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by route and method",
            latency.clone(),
        );
        registry.register(
            "cache_lookups",
            "Answer cache lookups by cache and result",
            cache.clone(),
        );
        registry.register(
            "index_generation",
            "The index generation being served",
            index_generation.clone(),
        );
        registry.register(
            "model_info",
            "Loaded data and model versions",
            models.clone(),
        );
        registry.register(
            "load_shed",
            "Heavy requests refused with 503 because the service was full",
            shed.clone(),
        );
        registry.register(
            "workers_busy",
            "Heavy work (searches, plans, cohort chunks) running on the worker threads",
            workers_busy.clone(),
        );
        let demand_feed_last_success = Family::<FeedLabels, Gauge>::default();
        let demand_feed_pulls = Family::<FeedOutcomeLabels, Counter>::default();
        let demand_feed_last_error = Family::<FeedOutcomeLabels, Gauge>::default();
        registry.register(
            "demand_feed_last_success_timestamp_seconds",
            "Unix time of each demand feed's last good pull",
            demand_feed_last_success.clone(),
        );
        registry.register(
            "demand_feed_pulls",
            "Demand feed pulls by outcome",
            demand_feed_pulls.clone(),
        );
        registry.register(
            "demand_feed_last_error",
            "The reason of each demand feed's last failed pull (1), absent after a success",
            demand_feed_last_error.clone(),
        );
        registry.register(
            "write_operations",
            "Write operations by operation and outcome",
            writes.clone(),
        );
        registry.register(
            "write_operation_duration_seconds",
            "Write operation latency by operation and outcome",
            write_latency.clone(),
        );
        Self {
            demand_feed_last_success,
            demand_feed_pulls,
            demand_feed_last_error,
            registry,
            requests,
            latency,
            cache,
            index_generation,
            models,
            shed,
            workers_busy,
            writes,
            write_latency,
        }
    }
}

impl Metrics {
    /// Counts a cache lookup.
    pub fn cache_lookup(&self, cache: &str, hit: bool) {
        self.cache
            .get_or_create(&CacheLabels {
                cache: cache.into(),
                result: if hit { "hit" } else { "miss" }.into(),
            })
            .inc();
    }

    /// Counts a finished write operation and its latency.
    pub fn write_done(&self, operation: &str, outcome: &str, elapsed: std::time::Duration) {
        let labels = WriteLabels {
            operation: operation.into(),
            outcome: outcome.into(),
        };
        self.writes.get_or_create(&labels).inc();
        self.write_latency
            .get_or_create(&labels)
            .observe(elapsed.as_secs_f64());
    }

    /// The metrics in the Prometheus text format.
    pub fn render(&self) -> String {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .expect("writing to a String cannot fail");
        text
    }
}
