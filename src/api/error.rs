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

use crate::text::{self, Lang};
use oppepala_core::tr;

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

    /// The code as a message id part: `problem-{id}-title` and
    /// `problem-{id}` in the message catalogue.
    pub fn message_id(self) -> String {
        self.as_str().replace('_', "-")
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
#[derive(Clone, Debug, thiserror::Error)]
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
    /// A write to a service whose data folder is read-only (`read_only`).
    #[error(
        "this service's data folder is read-only (read_only = true): change the catalogue \
         where the indexing Job reads it and roll out the new snapshot"
    )]
    ReadOnly,
    /// The request is well-formed but cannot be answered as asked.
    #[error("{message}")]
    Unprocessable {
        /// A stable code (a 422 one).
        code: Code,
        /// What is wrong (technical, in English).
        message: String,
        /// The numbers the detail names, where it names two (the cheapest
        /// cost and the budget; a query's length and the limit).
        numbers: Option<(f64, f64)>,
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
            Conflict { .. } | ReadOnly => Code::Conflict,
            Unprocessable { code, .. } => *code,
            Overloaded { .. } => Code::Overloaded,
            RateLimited { .. } | QuotaExceeded { .. } => Code::RateLimited,
            Timeout => Code::Timeout,
            Internal(_) => Code::Internal,
        }
    }

    /// The problem document for this error, in English.
    pub fn problem(&self) -> Problem {
        self.problem_in(Lang::En)
    }

    /// The problem document for this error with its `title` and `detail`
    /// in `lang` (the message catalogue's `problem-…` messages); the code,
    /// the field paths and ids stay as they are. `errors[].message` is the
    /// technical cause (a parser's or validator's words, in English) for
    /// the developer of a client; a person reads `title` and `detail`.
    pub fn problem_in(&self, lang: Lang) -> Problem {
        let code = self.code();
        // Messages may quote the input (a wrong value, an unknown id);
        // clipped, so a huge input never makes a huge problem document.
        let clip_all = |ids: &[String]| ids.iter().map(|id| clip(id)).collect::<Vec<_>>();
        let technical = |message: &str| FieldError {
            field: String::new(),
            message: clip(message),
        };
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
            ApiError::MalformedJson(cause) => (vec![technical(cause)], vec![], vec![]),
            ApiError::UnknownIds { ids, .. } => (vec![], clip_all(ids), vec![]),
            ApiError::Conflict { ids, message } => {
                (vec![technical(message)], vec![], clip_all(ids))
            }
            ApiError::Unprocessable { message, .. } => (vec![technical(message)], vec![], vec![]),
            _ => (vec![], vec![], vec![]),
        };
        Problem {
            type_: code.type_uri(),
            title: text::text(lang, &format!("problem-{}-title", code.message_id()), &[]),
            status: code.status().as_u16(),
            detail: self.detail_in(lang, &errors),
            code,
            request_id: None,
            errors,
            unknown,
            conflicts,
        }
    }

    /// What went wrong with this request, in words of `lang`.
    fn detail_in(&self, lang: Lang, errors: &[FieldError]) -> String {
        use ApiError::*;
        let what = |what: &str| {
            let id = format!("problem-what-{}", what.replace(' ', "-"));
            let said = text::text(lang, &id, &[]);
            if said == id {
                tr!(lang, "problem-what-other")
            } else {
                said
            }
        };
        match self {
            MalformedJson(_) => tr!(lang, "problem-malformed-json"),
            Invalid(_) => {
                let mut named: Vec<String> = errors
                    .iter()
                    .filter(|e| !e.field.is_empty())
                    .map(|e| format!("`{}`", e.field))
                    .collect();
                named.dedup();
                if named.is_empty() {
                    tr!(lang, "problem-invalid-request-unnamed")
                } else {
                    tr!(
                        lang,
                        "problem-invalid-request",
                        n = named.len(),
                        fields = named.join(", ")
                    )
                }
            }
            UnknownIds { what: kind, ids } => tr!(
                lang,
                "problem-unknown-ids",
                what = what(kind),
                ids = clip(&ids.join(", "))
            ),
            NotFound { what: kind, id } => {
                tr!(lang, "problem-not-found", what = what(kind), id = clip(id))
            }
            NoRoute(path) => tr!(lang, "problem-no-route", path = clip(path)),
            MethodNotAllowed => tr!(lang, "problem-method-not-allowed"),
            PayloadTooLarge { limit, setting } => tr!(
                lang,
                "problem-payload-too-large",
                limit = *limit,
                setting = *setting
            ),
            UnsupportedMediaType => tr!(lang, "problem-unsupported-media-type"),
            UriTooLong { limit } => tr!(lang, "problem-uri-too-long", limit = *limit),
            HeadersTooLarge { lines, bytes } => tr!(
                lang,
                "problem-headers-too-large",
                lines = *lines,
                bytes = *bytes
            ),
            Unauthorized => tr!(lang, "problem-unauthorized"),
            Forbidden => tr!(lang, "problem-forbidden"),
            Conflict { .. } => tr!(lang, "problem-conflict"),
            ReadOnly => tr!(lang, "problem-read-only"),
            Unprocessable { code, .. } => match code {
                Code::QueryTooLong => match self.numbers() {
                    Some((chars, max)) => {
                        tr!(lang, "problem-query-too-long", chars = chars, max = max)
                    }
                    None => tr!(lang, "problem-query-too-long-title"),
                },
                Code::NoPath => tr!(lang, "problem-no-path"),
                other => text::text(lang, &format!("problem-{}-title", other.message_id()), &[]),
            },
            Overloaded { retry_after_s } => tr!(lang, "problem-overloaded", s = *retry_after_s),
            RateLimited { retry_after_s } => {
                tr!(lang, "problem-rate-limited", s = *retry_after_s)
            }
            QuotaExceeded {
                setting,
                events,
                per,
                retry_after_s,
            } => tr!(
                lang,
                "problem-quota-exceeded",
                events = *events,
                per = *per,
                setting = *setting,
                s = *retry_after_s
            ),
            Timeout => tr!(lang, "problem-timeout"),
            Internal(_) => tr!(lang, "problem-internal"),
        }
    }

    /// The two numbers of an unprocessable request that its detail names
    /// (the query's length and the limit).
    fn numbers(&self) -> Option<(f64, f64)> {
        match self {
            ApiError::Unprocessable { numbers, .. } => *numbers,
            _ => None,
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

/// The error behind a problem document, carried in the response
/// extensions so that `middleware::finish_error` can write its title and
/// detail in the request's language.
#[derive(Clone, Debug)]
pub struct ProblemSource(pub ApiError);

// ---- the language of problem documents ----------------------------------

tokio::task_local! {
    /// The `lang` a JSON body named, set by `extract::ApiJson` while the
    /// request is handled (in the task that runs `middleware::observe`), so that a
    /// problem document is written in the language the request asked for.
    pub static BODY_LANG: std::cell::Cell<Option<Lang>>;
}

/// Remembers the `lang` a JSON body asked for (`et`, `ru`, `en`; any other
/// value is not a language the problem can be written in and is ignored).
pub fn note_body_lang(code: &str) {
    if let Some(lang) = known_lang(code) {
        let _ = BODY_LANG.try_with(|cell| cell.set(Some(lang)));
    }
}

fn known_lang(code: &str) -> Option<Lang> {
    let code = code.trim();
    let primary = code.split(['-', '_']).next().unwrap_or("");
    ["et", "ru", "en"]
        .into_iter()
        .find(|l| primary.eq_ignore_ascii_case(l))
        .map(Lang::of)
}

/// The language a request asks for outside its body: the `lang` query
/// parameter, else the first of et, ru and en in `Accept-Language` by
/// weight; `None` when neither names one.
pub fn request_lang(query: Option<&str>, headers: &axum::http::HeaderMap) -> Option<Lang> {
    let from_query = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(name, _)| name == "lang")
            .and_then(|(_, value)| known_lang(&value))
    });
    from_query.or_else(|| {
        let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
        let mut ranges: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(order, range)| {
                let mut parts = range.split(';');
                let lang = known_lang(parts.next()?)?;
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (weight > 0.0).then_some((weight, order, lang))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.first().map(|(_, _, lang)| *lang)
    })
}

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
        if let ApiError::Internal(cause) = &self {
            response
                .extensions_mut()
                .insert(InternalCause(cause.clone()));
        }
        // The middleware says it again in the request's language.
        response.extensions_mut().insert(ProblemSource(self));
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
                numbers: None,
            },
            ServiceError::Index(error @ IndexError::QueryTooLong { chars, max }) => {
                ApiError::Unprocessable {
                    code: Code::QueryTooLong,
                    message: error.to_string(),
                    numbers: Some((chars as f64, max as f64)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_title_in_every_language() {
        for lang in Lang::ALL {
            let ids = text::ids(lang);
            for code in Code::ALL {
                let id = format!("problem-{}-title", code.message_id());
                assert!(ids.contains(&id), "{}: {id}", lang.code());
            }
        }
    }

    #[test]
    fn a_problem_is_said_in_the_asked_language_with_its_numbers() {
        let error = ApiError::Unprocessable {
            code: Code::QueryTooLong,
            message: "the query has 145 characters, more than 100".into(),
            numbers: Some((145.0, 100.0)),
        };
        let et = error.problem_in(Lang::Et);
        assert_eq!(et.title, "Otsing on liiga pikk");
        assert_eq!(
            et.detail,
            "Otsingutekstis on 145 märki; lubatud on kuni 100."
        );
        assert_eq!(et.code, Code::QueryTooLong);
        // The technical cause stays for a client's developer.
        assert!(et.errors[0].message.contains("145 characters"));
        let ru = ApiError::RateLimited { retry_after_s: 5 }.problem_in(Lang::Ru);
        assert_eq!(
            ru.detail,
            "С этого клиента пришло слишком много запросов; повторите через 5 секунд."
        );
        let invalid = ApiError::Invalid(vec![
            FieldError {
                field: "k".into(),
                message: "12 is outside 1–10".into(),
            },
            FieldError {
                field: "lang".into(),
                message: "unknown".into(),
            },
        ]);
        assert_eq!(
            invalid.problem_in(Lang::Et).detail,
            "Nende väljade tüüp või väärtus on vale: `k`, `lang`"
        );
        let unknown = ApiError::UnknownIds {
            what: "skill",
            ids: vec!["x".into()],
        };
        assert_eq!(unknown.problem_in(Lang::Ru).detail, "Неизвестно (навык): x");
    }
}
