//! `POST /v1/feedback`: outcome events appended durably to the feedback log
//! (`ml::feedback`), which `oppepala train` learns from.
//!
//! A batch is checked whole before anything is written: one bad event
//! refuses the batch with every fault named by its field path. The answer
//! comes after the batch is synced to disk.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, FieldError, JsonBodyProblems, Problem};
use super::extract::ApiJson;
use crate::domain::{BiteId, FeedbackEvent, FeedbackKind};
use crate::ml::feedback::{FeedbackLog, LoggedEvent, check_learner_id};

/// The most events in one batch.
pub const MAX_EVENTS: usize = 1000;

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
    /// 1–1000 events.
    events: Vec<EventIn>,
}

/// How many events were stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackAccepted {
    /// Events appended and synced to disk.
    accepted: usize,
}

/// Checks a batch against the served catalogue and taxonomy; every fault
/// is named by its field path.
fn check(
    request: FeedbackRequest,
    served: &crate::service::Served,
) -> Result<Vec<LoggedEvent>, ApiError> {
    let mut errors = Vec::new();
    let mut unknown = Vec::new();
    if request.events.is_empty() || request.events.len() > MAX_EVENTS {
        errors.push(FieldError {
            field: "events".into(),
            message: format!(
                "{} events; send 1–{MAX_EVENTS} per batch",
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

/// Append feedback events (shown, chosen, enrolled, completed, dropped,
/// employed) to the feedback log; answered once they are synced to disk.
/// Learners are pseudonymous ids only; a profile is refused.
#[utoipa::path(post, path = "/v1/feedback", tag = "recommendations", request_body = FeedbackRequest,
    responses(
        (status = 200, body = FeedbackAccepted),
        (status = 422, description = "An invalid event (named by its field path) or an unknown bite or target; nothing is stored", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems))]
async fn post_feedback(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<FeedbackRequest>,
) -> Result<Json<FeedbackAccepted>, ApiError> {
    let events = check(request, &state.served.load())?;
    let log = state.feedback.clone();
    let dir = state.config.feedback_dir.clone();
    let rotate = state.config.feedback_rotate_bytes;
    // A task of its own: a request timeout must not stop a write halfway.
    let accepted = tokio::spawn(async move {
        tokio::task::spawn_blocking(move || {
            let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
            if log.is_none() {
                *log = Some(
                    FeedbackLog::open(&dir, rotate)
                        .map_err(|e| ApiError::Internal(e.to_string()))?,
                );
            }
            let writer = log.as_mut().expect("opened above");
            writer
                .append(&events)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            Ok::<_, ApiError>(events.len())
        })
        .await
        .map_err(|e| ApiError::Internal(format!("feedback writer failed: {e}")))?
    })
    .await
    .map_err(|e| ApiError::Internal(format!("feedback task failed: {e}")))??;
    Ok(Json(FeedbackAccepted { accepted }))
}
