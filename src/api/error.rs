//! What does a client see when something is wrong? One table maps every
//! error to an HTTP status and a stable `code`; the body is RFC 9457
//! `application/problem+json`.
//!
//! Internal errors never show their text to the client: the response
//! carries only the request id, and the cause is logged once by the
//! middleware that turns the error into a response.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// One field at fault in a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// Where: a JSON path such as `learner.competences[3].level`, or a query parameter.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// An RFC 9457 problem document.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type (a section of `/docs`).
    #[serde(rename = "type")]
    pub type_: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong with this request, for people.
    pub detail: String,
    /// A stable, machine-readable code (see the table in README).
    pub code: String,
    /// The request id, to quote when reporting a problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// For validation problems: every field at fault.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For unknown ids: the ids that were not found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// For conflicts: the ids of what stands in the way (e.g. the
    /// qualifications that name a bite to be deleted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

/// Every error the API answers with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON.
    #[error("the request body is not valid JSON: {0}")]
    MalformedJson(String),
    /// The body or query is JSON but a field has a wrong type or value.
    #[error("{} field(s) are invalid", .0.len())]
    Invalid(Vec<FieldError>),
    /// Ids in the request name nothing known.
    #[error("{what} not found: {}", ids.join(", "))]
    UnknownIds {
        /// What kind of id (`skill`, `qualification`, `occupation`, `bite`).
        what: &'static str,
        /// The ids.
        ids: Vec<String>,
    },
    /// A path names a resource that does not exist.
    #[error("{what} {id:?} does not exist")]
    NotFound {
        /// What kind of resource.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// No route matches the path.
    #[error("no such endpoint: {0}")]
    NoRoute(String),
    /// The route exists but not with this method.
    #[error("method not allowed for this endpoint")]
    MethodNotAllowed,
    /// The body is larger than the limit.
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not `application/json`.
    #[error("expected a body of type application/json")]
    UnsupportedMediaType,
    /// No or a malformed API key on a write route.
    #[error("this operation needs an API key: Authorization: Bearer <key>")]
    Unauthorized,
    /// A well-formed API key that is not allowed.
    #[error("this API key may not do this")]
    Forbidden,
    /// The request conflicts with the current state (a bite still named by
    /// qualifications, a reindex already running).
    #[error("{message}")]
    Conflict {
        /// What is in the way.
        message: String,
        /// The ids of what stands in the way, if any.
        ids: Vec<String>,
    },
    /// The request is well-formed but cannot be answered as asked.
    #[error("{message}")]
    Unprocessable {
        /// A stable code.
        code: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Too many heavy requests at once.
    #[error("the service is busy; retry in {retry_after_s} s")]
    Overloaded {
        /// Seconds to wait.
        retry_after_s: u64,
    },
    /// The client sent more than its rate limit allows.
    #[error("too many requests from this client; retry in {retry_after_s} s")]
    RateLimited {
        /// Seconds to wait.
        retry_after_s: u64,
    },
    /// The request took longer than allowed.
    #[error("the request took too long and was stopped")]
    Timeout,
    /// The service has not finished loading.
    #[error("the service is not ready: {0}")]
    NotReady(String),
    /// Something failed on our side; the cause is logged, not sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The status and stable code of each error: the one table.
    pub fn status_and_code(&self) -> (StatusCode, &'static str, &'static str) {
        use ApiError::*;
        match self {
            MalformedJson(_) => (StatusCode::BAD_REQUEST, "malformed_json", "Malformed JSON"),
            Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_request",
                "Invalid request",
            ),
            UnknownIds { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_ids",
                "Unknown ids",
            ),
            NotFound { .. } => (StatusCode::NOT_FOUND, "not_found", "Not found"),
            NoRoute(_) => (StatusCode::NOT_FOUND, "no_route", "No such endpoint"),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method not allowed",
            ),
            PayloadTooLarge { .. } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Payload too large",
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported media type",
            ),
            Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized", "API key required"),
            Forbidden => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            Conflict { .. } => (StatusCode::CONFLICT, "conflict", "Conflict"),
            Unprocessable { code, .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, code, "Cannot be done")
            }
            Overloaded { .. } => (StatusCode::SERVICE_UNAVAILABLE, "overloaded", "Busy"),
            RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests",
            ),
            Timeout => (StatusCode::SERVICE_UNAVAILABLE, "timeout", "Timed out"),
            NotReady(_) => (StatusCode::SERVICE_UNAVAILABLE, "not_ready", "Not ready"),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let (status, code, title) = self.status_and_code();
        // Messages may quote the input (a wrong value, an unknown id);
        // clipped, so a huge input never makes a huge problem document.
        let clip_all = |ids: &[String]| ids.iter().map(|id| clip(id)).collect::<Vec<_>>();
        let (errors, unknown, conflicts) = match self {
            ApiError::Invalid(errors) => (
                errors
                    .iter()
                    .map(|e| FieldError {
                        field: clip(&e.field),
                        message: clip(&e.message),
                    })
                    .collect(),
                vec![],
                vec![],
            ),
            ApiError::UnknownIds { ids, .. } => (vec![], clip_all(ids), vec![]),
            ApiError::Conflict { ids, .. } => (vec![], vec![], clip_all(ids)),
            _ => (vec![], vec![], vec![]),
        };
        let detail = match self {
            ApiError::Invalid(_) => errors
                .iter()
                .map(|e| {
                    if e.field.is_empty() {
                        e.message.clone()
                    } else {
                        format!("{}: {}", e.field, e.message)
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
            other => clip(&other.to_string()),
        };
        Problem {
            type_: format!("/docs#problem-{code}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            code: code.into(),
            request_id: None,
            errors,
            unknown,
            conflicts,
        }
    }

    /// A validation error about one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Invalid(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }
}

/// The most characters of client-supplied text a problem document repeats
/// per message or id.
pub const MAX_ECHO_CHARS: usize = 300;

/// `text` cut to [`MAX_ECHO_CHARS`] characters, with `…` when cut.
fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHO_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Carried in the response extensions so the middleware can log the cause
/// of an internal error once and add the request id to the body.
#[derive(Clone, Debug)]
pub struct InternalCause(pub String);

/// The media type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(problem)).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let ApiError::Overloaded { retry_after_s } | ApiError::RateLimited { retry_after_s } =
            &self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
        }
        if let ApiError::Timeout | ApiError::NotReady(_) = &self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(1u64));
        }
        if let ApiError::Internal(cause) = self {
            response.extensions_mut().insert(InternalCause(cause));
        }
        response
    }
}

/// A use case's error as the API answers it: a field at fault is 422
/// naming it, unknown ids 422 listing them, a plan that cannot be made 422
/// with its code.
impl From<crate::service::ServiceError> for ApiError {
    fn from(error: crate::service::ServiceError) -> Self {
        use crate::goal::GoalError;
        use crate::index::IndexError;
        use crate::planner::PlanError;
        use crate::service::ServiceError;
        match error {
            ServiceError::Field { field, message } => ApiError::field(field, message),
            ServiceError::Goal(GoalError::Unknown { what, ids }) => {
                ApiError::UnknownIds { what, ids }
            }
            ServiceError::Goal(GoalError::TooMany { field, count, max }) => {
                ApiError::field(field, format!("{count} entries; at most {max} are allowed"))
            }
            ServiceError::Goal(GoalError::Invalid { field, message }) => {
                ApiError::field(field, message)
            }
            ServiceError::Plan(PlanError::UnknownBite { ids }) => ApiError::UnknownIds {
                what: "bite",
                ids: ids.iter().map(ToString::to_string).collect(),
            },
            ServiceError::Plan(error @ PlanError::OverBudget { .. }) => ApiError::Unprocessable {
                code: "over_budget",
                message: error.to_string(),
            },
            ServiceError::Plan(error @ PlanError::NoPathFound) => ApiError::Unprocessable {
                code: "no_path",
                message: error.to_string(),
            },
            ServiceError::Index(error @ IndexError::QueryTooLong { .. }) => {
                ApiError::Unprocessable {
                    code: "query_too_long",
                    message: error.to_string(),
                }
            }
            ServiceError::Index(IndexError::UnknownFilterValues(values)) => ApiError::Invalid(
                values
                    .into_iter()
                    .map(|v| FieldError {
                        field: query_name(v.filter).into(),
                        message: format!(
                            "{:?} is not known (known: {})",
                            v.value,
                            v.known.join(", ")
                        ),
                    })
                    .collect(),
            ),
            ServiceError::Index(error @ IndexError::InvalidParameter { .. }) => {
                ApiError::field("", error.to_string())
            }
            ServiceError::Index(other) => ApiError::Internal(other.to_string()),
        }
    }
}

/// The query parameter behind a search request field.
fn query_name(filter: &str) -> &str {
    match filter {
        "skills" => "skill",
        "languages" => "language",
        "modes" => "mode",
        "counties" => "county",
        "providers" => "provider",
        "fields" => "field",
        other => other,
    }
}
