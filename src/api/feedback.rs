//! `POST /v1/feedback`: outcome events appended durably to the feedback log
//! (`ml::feedback`), which `oppepala train` learns from.
//!
//! Who may send what: a batch with `Authorization: Bearer <key>` of an
//! allowed key (`api_key_sha256` or `feedback_key_sha256`; another key is
//! 403) is stored as it is; a batch without a key is refused with 401 when
//! `feedback_require_key` is set, else stored with every event marked
//! `unauthenticated`, whose outcomes (`completed`, `dropped`, `employed`)
//! training ignores (`ml::training::trusted`). Each key, and each address
//! sending without one, has a quota of events per hour and per day (429
//! naming the setting); a batch has at most `feedback_max_batch_events`
//! events (422 `events`) and `feedback_max_batch_bytes` bytes (413).
//!
//! A batch is checked whole before anything is written: one bad event
//! refuses the batch with every fault named by its field path. The answer
//! comes after the batch is synced to disk. Retention
//! (`feedback_max_bytes`, `feedback_max_age_days`) runs when the log is
//! opened and at each rotation; what it deletes is logged.

use std::collections::BTreeMap;

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::{bearer_token, hash_key, key_allowed};
use super::error::{ApiError, FieldError, JsonBodyProblems, KeyProblems, Problem};
use super::extract::ApiJson;
use super::ratelimit::Client;
use crate::domain::{BiteId, FeedbackEvent, FeedbackKind};
use crate::ml::feedback::{FeedbackLog, LoggedEvent, check_learner_id};

/// The route.
pub const PATH: &str = "/v1/feedback";

/// Who sent a batch: a key allowed to send feedback, or an address
/// without a key (when `feedback_require_key` is off).
#[derive(Debug)]
pub struct Sender {
    /// The client its quota is kept for.
    client: Client,
    /// It sent an allowed key.
    keyed: bool,
}

impl FromRequestParts<AppState> for Sender {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let config = &state.config;
        if let Some(key) = bearer_token(&parts.headers) {
            if key_allowed(key, &config.api_key_sha256)
                || key_allowed(key, &config.feedback_key_sha256)
            {
                return Ok(Sender {
                    client: Client::Key(hash_key(key)[..16].to_string()),
                    keyed: true,
                });
            }
            return Err(ApiError::Forbidden);
        }
        if config.feedback_require_key {
            return Err(ApiError::Unauthorized);
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        Ok(Sender {
            client: state.limits.address(&parts.headers, peer),
            keyed: false,
        })
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(post_feedback))
}

/// One feedback event as sent. There is no room for a profile: a learner
/// is a pseudonymous id, and unknown fields are refused.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventIn {
    /// A pseudonymous learner id (4–128 of letters, digits, `-_.:`; not an
    /// e-mail address, phone number or personal code).
    learner: String,
    /// The bite the event is about.
    #[serde(default)]
    bite: Option<BiteId>,
    /// The bites of the path the event is about.
    #[serde(default)]
    path: Vec<BiteId>,
    /// The recommended target (`mq-…` id or occupation URI) the event is about.
    #[serde(default)]
    target: Option<String>,
    /// `shown`, `chosen`, `enrolled`, `completed`, `dropped` or `employed`.
    event: FeedbackKind,
    /// When it happened (RFC 3339).
    time: chrono::DateTime<chrono::Utc>,
    /// The `features` of the item as the recommendation showed them (optional).
    #[serde(default)]
    features: BTreeMap<String, f64>,
}

/// A batch of feedback events.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    /// 1 to `feedback_max_batch_events` (500 by default) events.
    events: Vec<EventIn>,
}

/// How many events were stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackAccepted {
    /// Events appended and synced to disk.
    accepted: usize,
    /// The events were sent without an API key and are stored marked so:
    /// training does not learn their outcomes.
    unauthenticated: bool,
}

/// Checks a batch against the served catalogue and taxonomy; every fault
/// is named by its field path.
fn check(
    request: FeedbackRequest,
    served: &crate::service::Served,
    max_events: usize,
    unauthenticated: bool,
) -> Result<Vec<LoggedEvent>, ApiError> {
    let mut errors = Vec::new();
    let mut unknown = Vec::new();
    if request.events.is_empty() || request.events.len() > max_events {
        errors.push(FieldError {
            field: "events".into(),
            message: format!(
                "{} events; send 1–{max_events} per batch (feedback_max_batch_events)",
                request.events.len()
            ),
        });
    }
    let mut out = Vec::with_capacity(request.events.len());
    for (i, e) in request.events.into_iter().enumerate() {
        let mut fault = |field: &str, message: String| {
            errors.push(FieldError {
                field: format!("events[{i}].{field}"),
                message,
            })
        };
        if let Some(reason) = check_learner_id(&e.learner) {
            fault("learner", reason.to_string());
        }
        if e.bite.is_none() && e.path.is_empty() && e.target.is_none() {
            fault("bite", "name a bite, a path or a target".into());
        }
        if e.path.len() > 100 {
            fault("path", format!("{} bites; at most 100", e.path.len()));
        }
        for bite in e.bite.iter().chain(&e.path) {
            if served.catalogue.bite(bite.as_str()).is_none() {
                unknown.push(bite.to_string());
            }
        }
        if let Some(target) = &e.target
            && served.catalogue.qualification(target).is_none()
            && !served.taxonomy.contains_occupation(target)
        {
            unknown.push(target.clone());
        }
        if e.features.len() > 32 {
            fault(
                "features",
                format!("{} features; at most 32", e.features.len()),
            );
        }
        for (name, value) in &e.features {
            let good_name = !name.is_empty()
                && name.len() <= 40
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit());
            if !good_name {
                fault(
                    "features",
                    format!("{name:?} is not a feature name (a-z, 0-9, _)"),
                );
            } else if !value.is_finite() {
                fault(
                    &format!("features.{name}"),
                    "must be a finite number".into(),
                );
            }
        }
        out.push(LoggedEvent {
            event: FeedbackEvent {
                learner: e.learner,
                bite: e.bite,
                path: e.path,
                event: e.event,
                time: e.time,
            },
            target: e.target,
            features: e.features,
            unauthenticated,
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    if !unknown.is_empty() {
        unknown.sort();
        unknown.dedup();
        return Err(ApiError::UnknownIds {
            what: "bite or target",
            ids: unknown,
        });
    }
    Ok(out)
}

/// Applies the feedback log's retention at start (the log itself opens on
/// the first event), so a service that gets no events still deletes what
/// is past the limits; a folder that does not exist is left alone.
pub fn retention_at_start(config: &crate::config::Config) {
    if !config.feedback_dir.is_dir() {
        return;
    }
    match crate::ml::feedback::prune(
        &config.feedback_dir,
        config.feedback_retention(),
        std::time::SystemTime::now(),
    ) {
        Ok(pruned) => pruned.log(),
        Err(error) => tracing::warn!(%error, "feedback retention failed"),
    }
}

/// Append feedback events (shown, chosen, enrolled, completed, dropped,
/// employed) to the feedback log; answered once they are synced to disk.
/// Learners are pseudonymous ids only; a profile is refused. With an API
/// key (`Authorization: Bearer`, a write or feedback key) the events are
/// stored as sent; without one they are stored marked `unauthenticated`
/// (training ignores their outcomes), or refused with 401 when the
/// service requires a key. Quotas of events per hour and day per key or
/// address: 429 naming the setting.
#[utoipa::path(post, path = "/v1/feedback", tag = "recommendations", request_body = FeedbackRequest,
    security((), ("api_key" = [])),
    responses(
        (status = 200, body = FeedbackAccepted),
        (status = 422, description = "An invalid event (named by its field path), more events than `feedback_max_batch_events`, or an unknown bite or target; nothing is stored", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems, KeyProblems))]
async fn post_feedback(
    State(state): State<AppState>,
    sender: Sender,
    ApiJson(request): ApiJson<FeedbackRequest>,
) -> Result<Json<FeedbackAccepted>, ApiError> {
    let unauthenticated = !sender.keyed;
    let events = check(
        request,
        &state.served.load(),
        state.config.feedback_max_batch_events,
        unauthenticated,
    )?;
    state
        .feedback_quota
        .take(&sender.client, sender.keyed, events.len())?;
    let log = state.feedback.clone();
    let dir = state.config.feedback_dir.clone();
    let rotate = state.config.feedback_rotate_bytes;
    let retention = state.config.feedback_retention();
    // A task of its own: a request timeout must not stop a write halfway.
    let accepted = tokio::spawn(async move {
        tokio::task::spawn_blocking(move || {
            let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
            if log.is_none() {
                let (opened, pruned) = FeedbackLog::open_with_retention(&dir, rotate, retention)
                    .map_err(|e| ApiError::Internal(e.to_string()))?;
                pruned.log();
                *log = Some(opened);
            }
            let writer = log.as_mut().expect("opened above");
            let pruned = writer
                .append(&events)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            pruned.log();
            Ok::<_, ApiError>(events.len())
        })
        .await
        .map_err(|e| ApiError::Internal(format!("feedback writer failed: {e}")))?
    })
    .await
    .map_err(|e| ApiError::Internal(format!("feedback task failed: {e}")))??;
    Ok(Json(FeedbackAccepted {
        accepted,
        unauthenticated,
    }))
}
