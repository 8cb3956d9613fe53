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

/// Every problem the API answers with: the one table of stable codes, each
/// with its HTTP status, title and meaning. The docs page's problem table
/// (`/docs#problems`), the `code` enum of the OpenAPI `Problem` schema and
/// the problem responses routes declare are made from it, and a test
/// checks README's list against it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// 400: the body is not valid JSON.
    MalformedJson,
    /// 422: a field or query parameter has a wrong type or value.
    InvalidRequest,
    /// 422: ids in the request name nothing known.
    UnknownIds,
    /// 404: the resource in the path does not exist.
    NotFound,
    /// 404: no endpoint has this path.
    NoRoute,
    /// 405: the endpoint exists, but not for this method.
    MethodNotAllowed,
    /// 413: the body is larger than the limit.
    PayloadTooLarge,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 414: the path and query are longer than the limit.
    UriTooLong,
    /// 431: the request's header lines are too many or too long.
    HeadersTooLarge,
    /// 401: a write operation without an API key.
    Unauthorized,
    /// 403: an API key that may not do this.
    Forbidden,
    /// 409: the write conflicts with the current state.
    Conflict,
    /// 422: no path was found within the planner's time budget.
    NoPath,
    /// 422: the search text is longer than the limit.
    QueryTooLong,
    /// 429: this client sent more than its rate limit.
    RateLimited,
    /// 503: too many heavy requests at once.
    Overloaded,
    /// 503: the request took longer than the configured timeout.
    Timeout,
    /// 500: a fault on our side.
    Internal,
}

impl Code {
    /// Every code, in the order the docs list them.
    pub const ALL: [Code; 19] = [
        Code::MalformedJson,
        Code::InvalidRequest,
        Code::UnknownIds,
        Code::NotFound,
        Code::NoRoute,
        Code::MethodNotAllowed,
        Code::PayloadTooLarge,
        Code::UnsupportedMediaType,
        Code::UriTooLong,
        Code::HeadersTooLarge,
        Code::Unauthorized,
        Code::Forbidden,
        Code::Conflict,
        Code::NoPath,
        Code::QueryTooLong,
        Code::RateLimited,
        Code::Overloaded,
        Code::Timeout,
        Code::Internal,
    ];

    /// The stable code clients match on.
    pub fn as_str(self) -> &'static str {
        self.row().0
    }

    /// The HTTP status it is answered with.
    pub fn status(self) -> StatusCode {
        self.row().1
    }

    /// A short summary (the problem document's `title`).
    pub fn title(self) -> &'static str {
        self.row().2
    }

    /// What it means and what to do, for the docs page (HTML).
    pub fn meaning(self) -> &'static str {
        self.row().3
    }

    /// The problem type URI: the code's row in the docs page's table.
    pub fn type_uri(self) -> String {
        format!("/docs#problem-{}", self.as_str())
    }

    fn row(self) -> (&'static str, StatusCode, &'static str, &'static str) {
        use Code::*;
        match self {
            MalformedJson => (
                "malformed_json",
                StatusCode::BAD_REQUEST,
                "Malformed JSON",
                "The body is not valid JSON.",
            ),
            InvalidRequest => (
                "invalid_request",
                StatusCode::UNPROCESSABLE_ENTITY,
                "Invalid request",
                "A field or query parameter has a wrong type or value; see <code>errors</code>.",
            ),
            UnknownIds => (
                "unknown_ids",
                StatusCode::UNPROCESSABLE_ENTITY,
                "Unknown ids",
                "Skills, occupations, qualifications or bites named in the request do not exist; see <code>unknown</code>.",
            ),
            NotFound => (
                "not_found",
                StatusCode::NOT_FOUND,
                "Not found",
                "The resource in the path does not exist.",
            ),
            NoRoute => (
                "no_route",
                StatusCode::NOT_FOUND,
                "No such endpoint",
                "No endpoint has this path.",
            ),
            MethodNotAllowed => (
                "method_not_allowed",
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed",
                "The endpoint exists, but not for this method.",
            ),
            PayloadTooLarge => (
                "payload_too_large",
                StatusCode::PAYLOAD_TOO_LARGE,
                "Payload too large",
                "The body is larger than the limit.",
            ),
            UnsupportedMediaType => (
                "unsupported_media_type",
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                "The body must be <code>application/json</code>.",
            ),
            UriTooLong => (
                "uri_too_long",
                StatusCode::URI_TOO_LONG,
                "URI too long",
                "The path and query string are longer than 8 KiB.",
            ),
            HeadersTooLarge => (
                "headers_too_large",
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "Headers too large",
                "The request has more than 100 header lines, or more than 32 KiB of them.",
            ),
            Unauthorized => (
                "unauthorized",
                StatusCode::UNAUTHORIZED,
                "API key required",
                "A write operation needs <code>Authorization: Bearer &lt;key&gt;</code>.",
            ),
            Forbidden => (
                "forbidden",
                StatusCode::FORBIDDEN,
                "Forbidden",
                "The key is not allowed to do this.",
            ),
            Conflict => (
                "conflict",
                StatusCode::CONFLICT,
                "Conflict",
                "The write conflicts with the current state: a bite still named by qualifications (see <code>conflicts</code>), or a reindex or reload already running.",
            ),
            NoPath => (
                "no_path",
                StatusCode::UNPROCESSABLE_ENTITY,
                "Cannot be done",
                "No path was found within the planner's time budget.",
            ),
            QueryTooLong => (
                "query_too_long",
                StatusCode::UNPROCESSABLE_ENTITY,
                "Cannot be done",
                "The search text is longer than the limit.",
            ),
            RateLimited => (
                "rate_limited",
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests",
                "This client (API key or address) sent more heavy or write requests than its rate limit, or more feedback events than its quota (the detail names the setting); retry after <code>Retry-After</code> seconds.",
            ),
            Overloaded => (
                "overloaded",
                StatusCode::SERVICE_UNAVAILABLE,
                "Busy",
                "Too many heavy requests at once; retry after <code>Retry-After</code> seconds.",
            ),
            Timeout => (
                "timeout",
                StatusCode::SERVICE_UNAVAILABLE,
                "Timed out",
                "The request took longer than the configured timeout; retry after <code>Retry-After</code> seconds.",
            ),
            Internal => (
                "internal",
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal error",
                "A fault on our side; quote <code>request_id</code> when reporting it.",
            ),
        }
    }

    /// The rows of the docs page's problem table.
    pub fn html_rows() -> String {
        Code::ALL
            .iter()
            .map(|code| {
                format!(
                    "      <tr id=\"problem-{0}\"><td>{0}</td><td>{1}</td><td>{2}</td></tr>\n",
                    code.as_str(),
                    code.status().as_u16(),
                    code.meaning()
                )
            })
            .collect()
    }
}

/// The problem responses a group of routes may answer with, declared once
/// and named in each route's `responses(…)`; the descriptions list the
/// codes from [`Code`].
fn problem_responses(
    codes: &[Code],
) -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let mut by_status: std::collections::BTreeMap<u16, Vec<Code>> = Default::default();
    for code in codes {
        by_status
            .entry(code.status().as_u16())
            .or_default()
            .push(*code);
    }
    by_status
        .into_iter()
        .map(|(status, codes)| {
            let description = codes
                .iter()
                .map(|c| format!("`{}`: {}", c.as_str(), c.title()))
                .collect::<Vec<_>>()
                .join("; ");
            let response = ResponseBuilder::new()
                .description(description)
                .content(
                    PROBLEM_JSON,
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build();
            (status.to_string(), response.into())
        })
        .collect()
}

macro_rules! problem_set {
    ($(#[$doc:meta])* $name:ident: $($code:ident),+) => {
        $(#[$doc])*
        pub struct $name;
        impl utoipa::IntoResponses for $name {
            fn responses() -> std::collections::BTreeMap<
                String,
                utoipa::openapi::RefOr<utoipa::openapi::Response>,
            > {
                problem_responses(&[$(Code::$code),+])
            }
        }
    };
}

problem_set!(
    /// A JSON body that is not JSON, too large, or not `application/json`.
    JsonBodyProblems: MalformedJson, PayloadTooLarge, UnsupportedMediaType
);
problem_set!(
    /// A heavy route's limits: the client's rate, the service's capacity, the timeout.
    BusyProblems: RateLimited, Overloaded, Timeout
);
problem_set!(
    /// A write route without a valid API key, or over its write rate.
    KeyProblems: Unauthorized, Forbidden, RateLimited
);
problem_set!(
    /// A path naming nothing.
    MissingProblems: NotFound
);

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
    /// A stable, machine-readable code (the table at `/docs#problems`).
    pub code: Code,
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
    #[error("the request body is larger than {limit} bytes ({setting})")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
        /// The setting that sets it.
        setting: &'static str,
    },
    /// The body is not `application/json`.
    #[error("expected a body of type application/json")]
    UnsupportedMediaType,
    /// The path and query string are longer than the limit.
    #[error("the path and query string are longer than {limit} bytes")]
    UriTooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// Too many or too long header lines.
    #[error("the request has more than {lines} header lines or more than {bytes} bytes of them")]
    HeadersTooLarge {
        /// The most header lines.
        lines: usize,
        /// The most bytes of names and values.
        bytes: usize,
    },
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
        /// A stable code (a 422 one).
        code: Code,
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
    /// A feedback batch over the client's event quota.
    #[error(
        "this client may send {events} feedback events per {per} ({setting}); this batch is over it, retry in {retry_after_s} s"
    )]
    QuotaExceeded {
        /// The setting of the quota.
        setting: &'static str,
        /// Events per window.
        events: u32,
        /// The window: `hour` or `day`.
        per: &'static str,
        /// Seconds until the batch would fit.
        retry_after_s: u64,
    },
    /// The request took longer than allowed.
    #[error("the request took too long and was stopped")]
    Timeout,
    /// Something failed on our side; the cause is logged, not sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The code of each error (its status and title come with it).
    pub fn code(&self) -> Code {
        use ApiError::*;
        match self {
            MalformedJson(_) => Code::MalformedJson,
            Invalid(_) => Code::InvalidRequest,
            UnknownIds { .. } => Code::UnknownIds,
            NotFound { .. } => Code::NotFound,
            NoRoute(_) => Code::NoRoute,
            MethodNotAllowed => Code::MethodNotAllowed,
            PayloadTooLarge { .. } => Code::PayloadTooLarge,
            UnsupportedMediaType => Code::UnsupportedMediaType,
            UriTooLong { .. } => Code::UriTooLong,
            HeadersTooLarge { .. } => Code::HeadersTooLarge,
            Unauthorized => Code::Unauthorized,
            Forbidden => Code::Forbidden,
            Conflict { .. } => Code::Conflict,
            Unprocessable { code, .. } => *code,
            Overloaded { .. } => Code::Overloaded,
            RateLimited { .. } | QuotaExceeded { .. } => Code::RateLimited,
            Timeout => Code::Timeout,
            Internal(_) => Code::Internal,
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let code = self.code();
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
            type_: code.type_uri(),
            title: code.title().into(),
            status: code.status().as_u16(),
            detail,
            code,
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
        if let ApiError::Overloaded { retry_after_s }
        | ApiError::RateLimited { retry_after_s }
        | ApiError::QuotaExceeded { retry_after_s, .. } = &self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
        }
        if let ApiError::Timeout = &self {
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
            ServiceError::Plan(error @ PlanError::NoPathFound) => ApiError::Unprocessable {
                code: Code::NoPath,
                message: error.to_string(),
            },
            ServiceError::Index(error @ IndexError::QueryTooLong { .. }) => {
                ApiError::Unprocessable {
                    code: Code::QueryTooLong,
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
