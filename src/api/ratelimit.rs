//! Who may send how much? Rate limits per client on the routes that cost
//! something: heavy reads (search, gap, paths, recommendations) and every
//! write. A client is its API key when it sends an allowed one, otherwise
//! its address: the socket's peer, or, when the peer is one of
//! `trusted_proxies`, the nearest `X-Forwarded-For` entry (from the right)
//! that is not itself a trusted proxy. A peer that is not a trusted proxy
//! cannot pick its own address with the header.
//!
//! Limits are GCRA token buckets (the `governor` crate), one per client and
//! class, kept in memory only; a client over its limit gets 429
//! `rate_limited` with `Retry-After`. The heavy-route default is generous
//! (about what two cores can serve from the cache) so that load tests
//! measure the server, not the limiter; operators lower it for the public.
//! The limiter never stores a body, only the key's hash prefix or the address.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use super::auth::{hash_key, key_allowed};
use super::error::ApiError;
use crate::config::Config;

type Keyed = RateLimiter<Client, DefaultKeyedStateStore<Client>, DefaultClock>;

/// Who a bucket belongs to (shown as `key:<hash prefix>`, `addr:<ip>` or
/// `addr:unknown`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Client {
    /// An allowed API key, by the first 16 hex digits of its SHA-256.
    Key(String),
    /// A client address.
    Addr(IpAddr),
    /// No address known.
    Unknown,
}

impl std::fmt::Display for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Key(prefix) => write!(f, "key:{prefix}"),
            Self::Addr(ip) => write!(f, "addr:{ip}"),
            Self::Unknown => f.write_str("addr:unknown"),
        }
    }
}

/// What a route costs, for the limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Search, gap, paths, recommendations: CPU per request.
    Heavy,
    /// Anything that changes state: bites, admin, feedback.
    Write,
}

/// POST routes that only read (they carry a learner profile in the body).
const READ_POSTS: &[&str] = &[
    "/v1/gap",
    "/v1/paths",
    "/v1/paths/why-not",
    "/v1/recommendations",
    "/v1/cohorts/recommendations",
];

/// GET routes that search or forecast (and take a heavy permit).
const HEAVY_GETS: &[&str] = &["/v1/bites", "/v1/skills", "/v1/occupations", "/v1/demand"];

/// The class of `method` on the matched `route`, or `None` for cheap
/// routes (health, metrics, docs, lookups by id). A new write route is
/// limited without a change here: every method other than GET, HEAD and
/// OPTIONS that is not a read-only POST counts as a write.
pub fn class(method: &Method, route: &str) -> Option<Class> {
    if method == Method::GET || method == Method::HEAD {
        return HEAVY_GETS.contains(&route).then_some(Class::Heavy);
    }
    if method == Method::OPTIONS {
        return None;
    }
    if method == Method::POST && READ_POSTS.contains(&route) {
        return Some(Class::Heavy);
    }
    Some(Class::Write)
}

/// The limiters of one service.
pub struct Limits {
    heavy: Option<Keyed>,
    write: Option<Keyed>,
    api_keys: Vec<String>,
    feedback_keys: Vec<String>,
    proxies: Vec<ipnet::IpNet>,
    checks: AtomicU64,
}

/// How often (in checks) idle buckets are dropped, so a flood of
/// addresses cannot grow the limiter without bound.
const PRUNE_EVERY: u64 = 4096;

impl Limits {
    /// The limits `config` asks for (a rate of 0 turns a class off).
    pub fn new(config: &Config) -> Arc<Self> {
        let keyed = |per_minute: u32, burst: u32| {
            let rate = NonZeroU32::new(per_minute)?;
            let burst = NonZeroU32::new(burst).unwrap_or(rate);
            Some(RateLimiter::keyed(
                Quota::per_minute(rate).allow_burst(burst),
            ))
        };
        Arc::new(Self {
            heavy: keyed(
                config.rate_limit_heavy_per_minute,
                config.rate_limit_heavy_burst,
            ),
            write: keyed(
                config.rate_limit_write_per_minute,
                config.rate_limit_write_burst,
            ),
            api_keys: config.api_key_sha256.clone(),
            feedback_keys: config.feedback_key_sha256.clone(),
            // `Config::load` has checked them; a config built in code
            // with a bad entry trusts no proxy.
            proxies: config.proxy_networks().unwrap_or_default(),
            checks: AtomicU64::new(0),
        })
    }

    /// Who the client is: its allowed API key (a write key, or a feedback
    /// key on the feedback route), otherwise its address.
    pub fn client(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> Client {
        if let Some(key) = super::auth::bearer_token(headers)
            && (key_allowed(key, &self.api_keys) || key_allowed(key, &self.feedback_keys))
        {
            return Client::Key(hash_key(key)[..16].to_string());
        }
        self.address(headers, peer)
    }

    /// The client's address: the peer's, or the one a trusted proxy
    /// forwarded.
    pub fn address(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> Client {
        match peer.map(|p| p.ip().to_canonical()) {
            Some(ip) => Client::Addr(self.forwarded_client(headers, ip).unwrap_or(ip)),
            None => Client::Unknown,
        }
    }

    fn trusted(&self, ip: IpAddr) -> bool {
        self.proxies.iter().any(|net| net.contains(&ip))
    }

    /// The client behind trusted proxy `peer`: `X-Forwarded-For` read from
    /// the right (each proxy appends the address it saw), skipping trusted
    /// proxies, up to the first address that is not one. `None` when the
    /// peer is not trusted or the header names no such address; an entry
    /// that does not parse stops the walk at the last trusted hop.
    fn forwarded_client(&self, headers: &HeaderMap, peer: IpAddr) -> Option<IpAddr> {
        if !self.trusted(peer) {
            return None;
        }
        let mut nearest = None;
        let values: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .map(|v| v.to_str().unwrap_or(""))
            .collect();
        for entry in values.iter().rev().flat_map(|v| v.rsplit(',')) {
            let Ok(ip) = entry.trim().parse::<IpAddr>() else {
                break;
            };
            let ip = ip.to_canonical();
            if !self.trusted(ip) {
                return Some(ip);
            }
            nearest = Some(ip);
        }
        nearest
    }

    /// Takes one request of `class` from `client`'s bucket; `Err` holds
    /// the seconds to wait.
    pub fn check(&self, class: Class, client: &Client) -> Result<(), u64> {
        let limiter = match class {
            Class::Heavy => &self.heavy,
            Class::Write => &self.write,
        };
        let Some(limiter) = limiter else {
            return Ok(());
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            for limiter in [&self.heavy, &self.write].into_iter().flatten() {
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        }
        limiter.check_key(client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            // Round up: a client that waits the whole seconds gets in.
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// A limit on events (not requests) per client over a window.
struct Window {
    /// The setting that sets it (named in the 429).
    setting: &'static str,
    /// Events per window.
    events: u32,
    /// `hour` or `day`.
    per: &'static str,
    limiter: Keyed,
}

/// The feedback quotas: events per hour and per day for each key, and for
/// each client address sending without a key (`feedback_*_events_per_*`).
/// A batch is taken whole from each window or refused: one refused by the
/// hour's quota spends nothing; one refused by the day's has spent the
/// hour's (the rarer case, and the client is over its day anyway).
pub struct EventQuota {
    key: Vec<Window>,
    unauthenticated: Vec<Window>,
    checks: AtomicU64,
}

impl EventQuota {
    /// The quotas `config` asks for (0 turns one off).
    pub fn new(config: &Config) -> Self {
        let window = |setting, events: u32, per: &'static str| {
            let n = NonZeroU32::new(events)?;
            let seconds = if per == "day" { 86_400 } else { 3_600 };
            let quota = Quota::with_period(std::time::Duration::from_secs(seconds) / n.get())?
                .allow_burst(n);
            Some(Window {
                setting,
                events,
                per,
                limiter: RateLimiter::keyed(quota),
            })
        };
        Self {
            key: [
                window(
                    "feedback_key_events_per_hour",
                    config.feedback_key_events_per_hour,
                    "hour",
                ),
                window(
                    "feedback_key_events_per_day",
                    config.feedback_key_events_per_day,
                    "day",
                ),
            ]
            .into_iter()
            .flatten()
            .collect(),
            unauthenticated: [
                window(
                    "feedback_unauthenticated_events_per_hour",
                    config.feedback_unauthenticated_events_per_hour,
                    "hour",
                ),
                window(
                    "feedback_unauthenticated_events_per_day",
                    config.feedback_unauthenticated_events_per_day,
                    "day",
                ),
            ]
            .into_iter()
            .flatten()
            .collect(),
            checks: AtomicU64::new(0),
        }
    }

    /// Takes `events` from `client`'s quotas (a key's when `keyed`, else
    /// the address's); past one: 429 naming the setting, with the seconds
    /// until the batch would fit.
    pub fn take(&self, client: &Client, keyed: bool, events: usize) -> Result<(), ApiError> {
        let windows = if keyed {
            &self.key
        } else {
            &self.unauthenticated
        };
        let Some(n) = u32::try_from(events).ok().and_then(NonZeroU32::new) else {
            return Ok(());
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            for window in self.key.iter().chain(&self.unauthenticated) {
                window.limiter.retain_recent();
                window.limiter.shrink_to_fit();
            }
        }
        for window in windows {
            let refused = |retry_after_s: u64| ApiError::QuotaExceeded {
                setting: window.setting,
                events: window.events,
                per: window.per,
                retry_after_s: retry_after_s.max(1),
            };
            match window.limiter.check_key_n(client, n) {
                Ok(Ok(())) => {}
                Ok(Err(not_until)) => {
                    let wait = not_until.wait_time_from(DefaultClock::default().now());
                    return Err(refused(wait.as_secs() + u64::from(wait.subsec_nanos() > 0)));
                }
                // More events in one batch than the whole window allows.
                Err(_) => return Err(refused(if window.per == "day" { 86_400 } else { 3_600 })),
            }
        }
        Ok(())
    }
}

/// The middleware: limits heavy and write routes, answers 429 with
/// `Retry-After` past the limit.
pub async fn limit(State(limits): State<Arc<Limits>>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>();
    let Some(class) = route.and_then(|route| class(request.method(), route.as_str())) else {
        return next.run(request).await;
    };
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let client = limits.client(request.headers(), peer);
    match limits.check(class, &client) {
        Ok(()) => next.run(request).await,
        Err(retry_after_s) => ApiError::RateLimited {
            retry_after_s: retry_after_s.max(1),
        }
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class(&Method::GET, "/v1/bites"), Some(Class::Heavy));
        assert_eq!(class(&Method::GET, "/v1/demand"), Some(Class::Heavy));
        assert_eq!(class(&Method::GET, "/v1/bites/{id}"), None);
        assert_eq!(class(&Method::POST, "/v1/paths"), Some(Class::Heavy));
        assert_eq!(
            class(&Method::POST, "/v1/paths/why-not"),
            Some(Class::Heavy)
        );
        assert_eq!(class(&Method::PUT, "/v1/bites/{id}"), Some(Class::Write));
        assert_eq!(class(&Method::POST, "/v1/feedback"), Some(Class::Write));
        assert_eq!(class(&Method::GET, "/healthz"), None);
    }

    fn limits(per_minute: u32, burst: u32, keys: Vec<String>, proxies: &[&str]) -> Arc<Limits> {
        Limits::new(&Config {
            rate_limit_write_per_minute: per_minute,
            rate_limit_write_burst: burst,
            api_key_sha256: keys,
            trusted_proxies: proxies.iter().map(|p| p.to_string()).collect(),
            ..Config::default()
        })
    }

    #[test]
    fn a_client_past_its_burst_waits_and_others_do_not() {
        let limits = limits(60, 2, vec![], &[]);
        let one = Client::Addr("10.0.0.1".parse().unwrap());
        assert!(limits.check(Class::Write, &one).is_ok());
        assert!(limits.check(Class::Write, &one).is_ok());
        let wait = limits.check(Class::Write, &one).unwrap_err();
        assert!((1..=2).contains(&wait), "{wait}");
        let other = Client::Addr("10.0.0.2".parse().unwrap());
        assert!(limits.check(Class::Write, &other).is_ok());
    }

    #[test]
    fn event_quotas_take_whole_batches_per_client_and_name_the_setting() {
        let quota = EventQuota::new(&Config {
            feedback_unauthenticated_events_per_hour: 10,
            feedback_unauthenticated_events_per_day: 15,
            feedback_key_events_per_hour: 100,
            feedback_key_events_per_day: 0,
            ..Config::default()
        });
        let one = Client::Addr("10.0.0.1".parse().unwrap());
        assert!(quota.take(&one, false, 6).is_ok());
        let refused = quota.take(&one, false, 6).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("feedback_unauthenticated_events_per_hour"),
            "{refused}"
        );
        // A refused batch spent nothing: four more fit.
        assert!(quota.take(&one, false, 4).is_ok());
        // Another address has its own; a key has the keys' quota.
        let other = Client::Addr("10.0.0.2".parse().unwrap());
        assert!(quota.take(&other, false, 10).is_ok());
        let key = Client::Key("0123456789abcdef".into());
        assert!(quota.take(&key, true, 100).is_ok());
        assert!(quota.take(&key, true, 1).is_err());
        // A batch over the whole window can never fit.
        let third = Client::Addr("10.0.0.3".parse().unwrap());
        let ApiError::QuotaExceeded { retry_after_s, .. } =
            quota.take(&third, false, 11).unwrap_err()
        else {
            panic!("a quota error")
        };
        assert_eq!(retry_after_s, 3_600);
    }

    #[test]
    fn zero_turns_a_class_off() {
        let limits = limits(0, 0, vec![], &[]);
        let one = Client::Addr("10.0.0.1".parse().unwrap());
        for _ in 0..1000 {
            assert!(limits.check(Class::Write, &one).is_ok());
        }
    }

    #[test]
    fn clients_are_allowed_keys_or_addresses() {
        let limits = limits(60, 2, vec![hash_key("good")], &[]);
        let peer: SocketAddr = "192.0.2.7:5000".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "Bearer good".parse().unwrap());
        assert!(
            limits
                .client(&headers, Some(peer))
                .to_string()
                .starts_with("key:")
        );
        // The scheme in any case is the same key.
        headers.insert("authorization", "bearer good".parse().unwrap());
        assert!(
            limits
                .client(&headers, Some(peer))
                .to_string()
                .starts_with("key:")
        );
        // A made-up key does not buy a fresh bucket.
        headers.insert("authorization", "Bearer made-up".parse().unwrap());
        assert_eq!(
            limits.client(&headers, Some(peer)).to_string(),
            "addr:192.0.2.7"
        );
        // X-Forwarded-For counts only from a trusted proxy.
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.3".parse().unwrap(),
        );
        assert_eq!(
            limits.client(&headers, Some(peer)).to_string(),
            "addr:192.0.2.7"
        );
        let trusting = self::limits(60, 2, vec![], &["10.0.0.0/8", "192.0.2.7"]);
        assert_eq!(
            trusting.client(&headers, Some(peer)).to_string(),
            "addr:198.51.100.3"
        );
        let other: SocketAddr = "192.0.2.8:5000".parse().unwrap();
        assert_eq!(
            trusting.client(&headers, Some(other)).to_string(),
            "addr:192.0.2.8",
            "a peer not listed cannot pick its address"
        );
        assert_eq!(
            trusting.client(&HeaderMap::new(), None).to_string(),
            "addr:unknown"
        );
    }

    #[test]
    fn forwarded_for_is_read_from_the_right_past_trusted_proxies() {
        let limits = self::limits(60, 2, vec![], &["10.0.0.0/8"]);
        let ingress: SocketAddr = "10.1.0.5:40000".parse().unwrap();
        let client = |xff: &[&str]| {
            let mut headers = HeaderMap::new();
            for value in xff {
                headers.append("x-forwarded-for", value.parse().unwrap());
            }
            limits.client(&headers, Some(ingress)).to_string()
        };
        // A client's own entries come first; the ones proxies appended last.
        assert_eq!(
            client(&["1.2.3.4, 203.0.113.9, 10.2.0.1"]),
            "addr:203.0.113.9"
        );
        assert_eq!(client(&["1.2.3.4", "203.0.113.9"]), "addr:203.0.113.9");
        // Junk stops the walk at the last trusted hop.
        assert_eq!(client(&["203.0.113.9, junk, 10.2.0.1"]), "addr:10.2.0.1");
        // No header: the proxy itself.
        assert_eq!(client(&[]), "addr:10.1.0.5");
        // An IPv4 peer seen as IPv6 (mapped) is the same peer.
        let mapped: SocketAddr = "[::ffff:10.1.0.5]:40000".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
        assert_eq!(
            limits.client(&headers, Some(mapped)).to_string(),
            "addr:203.0.113.9"
        );
    }
}
