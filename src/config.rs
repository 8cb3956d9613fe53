//! How is the service set up? Configuration from a TOML file, overridden
//! by `OPPEPALA_*` environment variables, overridden by command-line flags.
//!
//! Parsing takes the file's text and an environment map, never the process
//! environment itself, so tests can check precedence without touching
//! global state. Unknown keys are rejected, in the file and in the
//! environment alike (a misspelt `OPPEPALA_*` variable is an error, not a
//! silent default).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Everything the server reads at start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The address to listen on.
    pub listen: String,
    /// The data folder: taxonomy.bin, bites.jsonl, qualifications.jsonl.
    pub data_dir: PathBuf,
    /// Where index generations live.
    pub index_dir: PathBuf,
    /// Where trained model files live.
    pub models_dir: PathBuf,
    /// A request that takes longer is answered 503.
    pub request_timeout_ms: u64,
    /// The largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// How many heavy requests (search, gap, paths) run at once; more get 503.
    pub heavy_concurrency: usize,
    /// The planner's time budget per request before it returns its best path.
    pub planner_budget_ms: u64,
    /// How many gap and paths answers the cache keeps.
    pub cache_entries: u64,
    /// Origins allowed by CORS; empty means none (same origin only).
    pub cors_allow_origins: Vec<String>,
    /// SHA-256 hashes (hex) of the API keys allowed to write.
    pub api_key_sha256: Vec<String>,
    /// Log as JSON lines.
    pub log_json: bool,
    /// Labour-market demand feeds (`[demand]`, `[[demand.feeds]]`).
    pub demand: DemandConfig,
    /// Where `POST /v1/feedback` appends events (JSON Lines).
    pub feedback_dir: PathBuf,
    /// A feedback file at this size is closed and a new one started.
    pub feedback_rotate_bytes: u64,
    /// SHA-256 hashes (hex) of keys that may send feedback with outcomes
    /// training learns from, and nothing else (a portal's key);
    /// `api_key_sha256` keys may send feedback too.
    pub feedback_key_sha256: Vec<String>,
    /// Feedback without a key is refused (401) instead of being stored
    /// marked `unauthenticated` (whose outcomes training ignores).
    pub feedback_require_key: bool,
    /// The most events in one `POST /v1/feedback` batch (more: 422 `events`).
    pub feedback_max_batch_events: usize,
    /// The largest `POST /v1/feedback` body, in bytes (more: 413).
    pub feedback_max_batch_bytes: usize,
    /// Feedback events per hour per key; 0 is no limit (more: 429).
    pub feedback_key_events_per_hour: u32,
    /// Feedback events per day per key; 0 is no limit.
    pub feedback_key_events_per_day: u32,
    /// Feedback events per hour per client address without a key; 0 is no limit.
    pub feedback_unauthenticated_events_per_hour: u32,
    /// Feedback events per day per client address without a key; 0 is no limit.
    pub feedback_unauthenticated_events_per_day: u32,
    /// The most bytes of feedback files kept in `feedback_dir` (the
    /// oldest closed files are deleted past it); 0 is no limit.
    pub feedback_max_bytes: u64,
    /// Closed feedback files last written longer ago are deleted; 0 keeps them.
    pub feedback_max_age_days: u32,
    /// Heavy requests (search, gap, paths, recommendations) per minute per
    /// client (API key or address); 0 turns the limit off. The default is
    /// generous, about what two cores serve from the cache.
    pub rate_limit_heavy_per_minute: u32,
    /// Heavy requests a client may send at once above its rate.
    pub rate_limit_heavy_burst: u32,
    /// Write requests (bites, admin, feedback) per minute per client; 0 is off.
    pub rate_limit_write_per_minute: u32,
    /// Write requests a client may send at once above its rate.
    pub rate_limit_write_burst: u32,
    /// Addresses or CIDRs (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`) of
    /// the proxies whose `X-Forwarded-For` is believed: a request from one
    /// of them is keyed by the nearest address in that header that is not
    /// itself a listed proxy; from any other peer the header is ignored.
    pub trusted_proxies: Vec<String>,
    /// After SIGTERM or Ctrl-C, how long requests in flight may go on
    /// before they are cut and the process exits.
    pub shutdown_timeout_ms: u64,
    /// The largest body of `POST /v1/cohorts/recommendations`, in bytes
    /// (it is streamed in bounded memory, so it may be far larger than
    /// `body_limit_bytes`).
    pub cohort_body_limit_bytes: usize,
    /// A connection that has not sent a whole request head within this
    /// (trickling header lines, or idle between requests) is closed.
    pub header_read_timeout_ms: u64,
    /// How many connections are served at once; more wait in the listen
    /// queue until one ends.
    pub max_connections: usize,
    /// Threads that run CPU-heavy work (search, planning,
    /// recommendations, cohort lines); 0 means one per core.
    pub worker_threads: usize,
    /// The data folder may not be written: bite writes (`PUT`/`DELETE
    /// /v1/bites/{id}`) answer 409 saying so (reindex and reload, which
    /// write only `index_dir`, still work).
    pub read_only: bool,
    /// Who comes first when seats are shared (`oppepala allocate`, `POST
    /// /v1/cohorts/allocate`): rules `isced:A-B=W` (education ISCED A–B),
    /// `funding:TAG=W` (holds a funding tag) or `county:EE-NN=W`; a learner
    /// weighs the largest W (1–100) of the rules they match, else 1.
    pub allocate_priorities: Vec<String>,
}

/// One rule of `allocate_priorities`: whom it matches and their weight.
#[derive(Clone, Debug, PartialEq)]
pub enum Priority {
    /// Highest education ISCED within `from..=to`.
    Isced {
        /// Lowest level.
        from: u8,
        /// Highest level.
        to: u8,
        /// Weight.
        weight: f64,
    },
    /// Holds this funding tag (e.g. `long-term-unemployed`).
    Funding {
        /// The tag.
        tag: String,
        /// Weight.
        weight: f64,
    },
    /// Lives in this county.
    County {
        /// The county code.
        county: String,
        /// Weight.
        weight: f64,
    },
}

impl Priority {
    /// Reads a rule such as `isced:0-2=2`.
    pub fn parse(rule: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "{rule:?} is not a priority rule (expected isced:A-B=W, funding:TAG=W or county:EE-NN=W, W 1–100)"
            )
        };
        let (what, weight) = rule.rsplit_once('=').ok_or_else(bad)?;
        let weight: f64 = weight.trim().parse().map_err(|_| bad())?;
        if !(1.0..=100.0).contains(&weight) {
            return Err(bad());
        }
        let (kind, value) = what.trim().split_once(':').ok_or_else(bad)?;
        match kind {
            "isced" => {
                let (from, to) = value.split_once('-').unwrap_or((value, value));
                let (from, to): (u8, u8) = (
                    from.trim().parse().map_err(|_| bad())?,
                    to.trim().parse().map_err(|_| bad())?,
                );
                if from > to || to > 8 {
                    return Err(bad());
                }
                Ok(Priority::Isced { from, to, weight })
            }
            "funding" if !value.trim().is_empty() => Ok(Priority::Funding {
                tag: value.trim().to_string(),
                weight,
            }),
            "county" if !value.trim().is_empty() => Ok(Priority::County {
                county: value.trim().to_string(),
                weight,
            }),
            _ => Err(bad()),
        }
    }

    /// The learner's weight under `rules`: the largest matching, else 1.
    pub fn weight_of(rules: &[Priority], learner: &crate::domain::Learner) -> f64 {
        rules
            .iter()
            .filter_map(|rule| match rule {
                Priority::Isced { from, to, weight } => learner
                    .education
                    .is_some_and(|e| (*from..=*to).contains(&e.get()))
                    .then_some(*weight),
                Priority::Funding { tag, weight } => learner
                    .constraints
                    .funding
                    .iter()
                    .any(|f| f.as_str() == tag)
                    .then_some(*weight),
                Priority::County { county, weight } => learner
                    .region
                    .as_ref()
                    .is_some_and(|r| r.as_str() == county)
                    .then_some(*weight),
            })
            .fold(1.0, f64::max)
    }
}

impl Config {
    /// What the feedback log keeps (`feedback_max_bytes`, `feedback_max_age_days`).
    pub fn feedback_retention(&self) -> crate::ml::feedback::Retention {
        crate::ml::feedback::Retention {
            max_bytes: (self.feedback_max_bytes > 0).then_some(self.feedback_max_bytes),
            max_age: (self.feedback_max_age_days > 0).then(|| {
                std::time::Duration::from_secs(u64::from(self.feedback_max_age_days) * 86_400)
            }),
        }
    }

    /// The parsed `allocate_priorities` (checked when the configuration is loaded).
    pub fn priorities(&self) -> Vec<Priority> {
        self.allocate_priorities
            .iter()
            .filter_map(|r| Priority::parse(r).ok())
            .collect()
    }
}

pub use crate::demand::feed::{DemandConfig, FeedConfig};

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: "data".into(),
            index_dir: "index".into(),
            models_dir: "models".into(),
            request_timeout_ms: 10_000,
            body_limit_bytes: 1 << 20,
            heavy_concurrency: 64,
            planner_budget_ms: 200,
            cache_entries: 10_000,
            cors_allow_origins: Vec::new(),
            api_key_sha256: Vec::new(),
            log_json: false,
            demand: DemandConfig::default(),
            feedback_dir: "feedback".into(),
            feedback_rotate_bytes: 64 << 20,
            feedback_key_sha256: Vec::new(),
            feedback_require_key: false,
            feedback_max_batch_events: 500,
            feedback_max_batch_bytes: 512 << 10,
            feedback_key_events_per_hour: 50_000,
            feedback_key_events_per_day: 500_000,
            feedback_unauthenticated_events_per_hour: 300,
            feedback_unauthenticated_events_per_day: 1_000,
            feedback_max_bytes: 1 << 30,
            feedback_max_age_days: 730,
            rate_limit_heavy_per_minute: 3_000_000,
            rate_limit_heavy_burst: 100_000,
            rate_limit_write_per_minute: 600,
            rate_limit_write_burst: 60,
            trusted_proxies: Vec::new(),
            cohort_body_limit_bytes: 256 << 20,
            shutdown_timeout_ms: 10_000,
            header_read_timeout_ms: 10_000,
            max_connections: 1024,
            worker_threads: 0,
            read_only: false,
            allocate_priorities: vec![
                "isced:0-2=2".into(),
                "funding:long-term-unemployed=2".into(),
            ],
        }
    }
}

/// What can go wrong reading the configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file is not valid TOML or has an unknown key or a wrong type.
    #[error("configuration file: {0}")]
    File(String),
    /// An `OPPEPALA_*` variable is unknown or has a wrong value.
    #[error("environment variable {name}: {message}")]
    Env {
        /// The variable.
        name: String,
        /// What is wrong.
        message: String,
    },
}

/// The key `trusted_proxies` replaced.
const REPLACED_TRUST_KEY: &str = "rate_limit_trust_forwarded_for";
const REPLACED_TRUST_MESSAGE: &str = "replaced by trusted_proxies: list the addresses or CIDRs \
     of the proxies whose X-Forwarded-For is believed (e.g. trusted_proxies = [\"10.0.0.0/8\"]); \
     from any other peer the header is ignored";

/// The prefix of the environment variables read.
pub const ENV_PREFIX: &str = "OPPEPALA_";

/// Variables that belong to the command line (clap reads them per command),
/// not to the server configuration; a test checks this list against the
/// `env = "OPPEPALA_…"` attributes in `src/cli/`.
pub const CLI_ONLY: &[&str] = &[
    "AK2008",
    "CATALOGUE",
    "CONFIG",
    "EE_MAPPING",
    "ESCO_DIR",
    "ESCO_LANG",
    "ET_LABELS",
    "LENIENT",
    "OCCUPATION_LABELS",
    "SKILL_LABELS",
    "TAXONOMY",
];

impl Config {
    /// Reads `file` (TOML text, may be empty) and then `env` on top of it.
    pub fn load(file: &str, env: &BTreeMap<String, String>) -> Result<Self, ConfigError> {
        let mut table: toml::Table =
            toml::from_str(file).map_err(|e| ConfigError::File(e.to_string()))?;
        // A key that trusted every peer's X-Forwarded-For: refused with
        // what to write instead, never ignored.
        let replaced = format!("{ENV_PREFIX}{}", REPLACED_TRUST_KEY.to_uppercase());
        if env.contains_key(&replaced) {
            return Err(ConfigError::Env {
                name: replaced,
                message: REPLACED_TRUST_MESSAGE.into(),
            });
        }
        if table.contains_key(REPLACED_TRUST_KEY) {
            return Err(ConfigError::File(format!(
                "{REPLACED_TRUST_KEY}: {REPLACED_TRUST_MESSAGE}"
            )));
        }
        let defaults = toml::Table::try_from(Config::default()).expect("defaults serialize");
        for (name, value) in env {
            let Some(key) = name.strip_prefix(ENV_PREFIX) else {
                continue;
            };
            if CLI_ONLY.contains(&key) {
                continue;
            }
            let key = key.to_lowercase();
            let error = |message: String| ConfigError::Env {
                name: name.clone(),
                message,
            };
            let default = defaults.get(&key).ok_or_else(|| {
                error(format!(
                    "unknown setting (known: {})",
                    defaults
                        .keys()
                        .map(|k| format!("{ENV_PREFIX}{}", k.to_uppercase()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            let parsed = match default {
                toml::Value::String(_) => toml::Value::String(value.clone()),
                toml::Value::Integer(_) => toml::Value::Integer(
                    value
                        .trim()
                        .parse()
                        .map_err(|_| error(format!("{value:?} is not a whole number")))?,
                ),
                toml::Value::Boolean(_) => toml::Value::Boolean(match value.trim() {
                    "1" | "true" | "yes" | "on" => true,
                    "0" | "false" | "no" | "off" | "" => false,
                    other => return Err(error(format!("{other:?} is not true or false"))),
                }),
                toml::Value::Array(_) => toml::Value::Array(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| toml::Value::String(s.to_string()))
                        .collect(),
                ),
                _ => toml::Value::String(value.clone()),
            };
            table.insert(key, parsed);
        }
        let config: Config = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError::File(e.to_string()))?;
        config.check()?;
        Ok(config)
    }

    /// `trusted_proxies` as networks (an address is a network of one);
    /// `Err` names the first entry that is neither.
    pub fn proxy_networks(&self) -> Result<Vec<ipnet::IpNet>, String> {
        self.trusted_proxies
            .iter()
            .map(|entry| {
                let entry = entry.trim();
                entry
                    .parse::<ipnet::IpNet>()
                    .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        format!(
                            "trusted_proxies: {entry:?} is not an IP address or CIDR (e.g. 10.0.0.0/8)"
                        )
                    })
            })
            .collect()
    }

    fn check(&self) -> Result<(), ConfigError> {
        let bad = |message: &str| Err(ConfigError::File(message.to_string()));
        for rule in &self.allocate_priorities {
            if let Err(message) = Priority::parse(rule) {
                return Err(ConfigError::File(format!("allocate_priorities: {message}")));
            }
        }
        if self.heavy_concurrency == 0 {
            return bad("heavy_concurrency must be at least 1");
        }
        if self.body_limit_bytes < 1024 {
            return bad("body_limit_bytes must be at least 1024");
        }
        if self.cohort_body_limit_bytes < 1024 {
            return bad("cohort_body_limit_bytes must be at least 1024");
        }
        if self.header_read_timeout_ms == 0 {
            return bad("header_read_timeout_ms must be at least 1");
        }
        if self.max_connections == 0 {
            return bad("max_connections must be at least 1");
        }
        if self.request_timeout_ms == 0 {
            return bad("request_timeout_ms must be at least 1");
        }
        self.proxy_networks().map_err(ConfigError::File)?;
        for (name, hashes) in [
            ("api_key_sha256", &self.api_key_sha256),
            ("feedback_key_sha256", &self.feedback_key_sha256),
        ] {
            for hash in hashes {
                if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return bad(&format!(
                        "{name} entries must be 64 hex digits (sha256 of the key)"
                    ));
                }
            }
        }
        if !(1..=10_000).contains(&self.feedback_max_batch_events) {
            return bad("feedback_max_batch_events must be 1 to 10000");
        }
        if self.feedback_max_batch_bytes < 1024 {
            return bad("feedback_max_batch_bytes must be at least 1024");
        }
        if self.feedback_max_bytes > 0 && self.feedback_max_bytes < self.feedback_rotate_bytes {
            return bad(
                "feedback_max_bytes must be 0 (no limit) or at least feedback_rotate_bytes \
                 (the file being appended to is never deleted)",
            );
        }
        self.demand.check().map_err(ConfigError::File)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn empty_gives_defaults() {
        assert_eq!(Config::load("", &env(&[])).unwrap(), Config::default());
    }

    #[test]
    fn env_overrides_file() {
        let config = Config::load(
            "listen = \"0.0.0.0:9000\"\nheavy_concurrency = 4\n",
            &env(&[
                ("OPPEPALA_HEAVY_CONCURRENCY", "8"),
                ("OPPEPALA_CORS_ALLOW_ORIGINS", "https://a.ee, https://b.ee"),
                ("PATH", "/bin"),
            ]),
        )
        .unwrap();
        assert_eq!(config.listen, "0.0.0.0:9000");
        assert_eq!(config.heavy_concurrency, 8);
        assert_eq!(config.cors_allow_origins, ["https://a.ee", "https://b.ee"]);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let error = Config::load("lisen = \"x\"", &env(&[])).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `lisen`"),
            "{error}"
        );
        let error = Config::load("", &env(&[("OPPEPALA_LISEN", "x")])).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("environment variable OPPEPALA_LISEN: unknown setting")
        );
    }

    #[test]
    fn demand_feeds_are_read_and_checked() {
        let config = Config::load(
            "[demand]\ntimeout_ms = 500\n[[demand.feeds]]\nname = \"euif\"\nurl = \"https://example.org/v.csv\"\nformat = \"csv\"\n",
            &env(&[]),
        )
        .unwrap();
        assert_eq!(config.demand.timeout_ms, 500);
        assert_eq!(config.demand.feeds[0].interval_s, 3600);
        let error = Config::load(
            "[[demand.feeds]]\nname = \"a\"\nurl = \"ftp://x\"\nformat = \"csv\"\n",
            &env(&[]),
        )
        .unwrap_err();
        assert!(error.to_string().contains("demand.feeds.url"), "{error}");
        let error = Config::load("[demand]\nfeed = []\n", &env(&[])).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `feed`"),
            "{error}"
        );
    }

    #[test]
    fn wrong_values_are_named() {
        let error = Config::load("", &env(&[("OPPEPALA_HEAVY_CONCURRENCY", "many")])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "environment variable OPPEPALA_HEAVY_CONCURRENCY: \"many\" is not a whole number"
        );
        let error = Config::load("heavy_concurrency = 0", &env(&[])).unwrap_err();
        assert!(error.to_string().contains("heavy_concurrency"));
        let error = Config::load("api_key_sha256 = [\"abc\"]", &env(&[])).unwrap_err();
        assert!(error.to_string().contains("64 hex digits"));
        let error = Config::load("trusted_proxies = [\"10.0.0.0/33\"]", &env(&[])).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("trusted_proxies: \"10.0.0.0/33\""),
            "{error}"
        );
    }

    #[test]
    fn trusting_every_forwarded_for_is_refused_with_what_to_write_instead() {
        let error = Config::load("rate_limit_trust_forwarded_for = true", &env(&[])).unwrap_err();
        assert!(
            error.to_string().starts_with(
                "configuration file: rate_limit_trust_forwarded_for: replaced by trusted_proxies"
            ),
            "{error}"
        );
        let error = Config::load(
            "",
            &env(&[("OPPEPALA_RATE_LIMIT_TRUST_FORWARDED_FOR", "1")]),
        )
        .unwrap_err();
        assert!(
            error.to_string().starts_with(
                "environment variable OPPEPALA_RATE_LIMIT_TRUST_FORWARDED_FOR: replaced by trusted_proxies"
            ),
            "{error}"
        );
        let config = Config::load(
            "trusted_proxies = [\"10.0.0.0/8\", \"192.0.2.7\", \"2001:db8::/32\"]",
            &env(&[]),
        )
        .unwrap();
        assert_eq!(config.proxy_networks().unwrap().len(), 3);
    }
}
