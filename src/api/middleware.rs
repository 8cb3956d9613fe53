//! What happens to every request on its way in and out? All middleware,
//! assembled in order in one function, [`wrap`].
//!
//! Outermost first: request id (set, then propagated to the response);
//! `observe`: a tracing span with the matched route and request id, the
//! body limit of the route, metrics, problem documents for bare errors
//! (404, 405, 413, timeouts), the one log line of an internal error and the
//! security headers; panic catching; rate limits per client on heavy and
//! write routes ([`super::ratelimit`]); timeout; CORS and compression.
//! Heavy routes also pass a concurrency limit (see [`super::heavy`]).

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::PropagateRequestIdLayer;
use tower_http::timeout::TimeoutLayer;

use super::AppState;
use super::error::{ApiError, BODY_LANG, InternalCause, PROBLEM_JSON, ProblemSource, request_lang};
use super::metrics::{LatencyLabels, RouteLabels};
use crate::text::Lang;

/// The header that carries the request id.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Wraps `router` in every layer, in order.
///
/// The layers form one `ServiceBuilder` stack applied with a single
/// `Router::layer`: axum wraps every route in a boxed, cloned service per
/// `layer` call, so ten calls cost ten boxes and clones per request, one
/// call costs one.
pub fn wrap(router: Router<AppState>, state: AppState) -> Router {
    let config = &state.config;
    let cors = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .allow_origin(AllowOrigin::list(
            config
                .cors_allow_origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o).ok()),
        ));
    // Outermost first: the order a request takes.
    let layers = tower::ServiceBuilder::new()
        .layer(axum::middleware::map_request(set_request_id))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(axum::middleware::from_fn_with_state(state.clone(), observe))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn_with_state(
            state.limits.clone(),
            super::ratelimit::limit,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_millis(config.request_timeout_ms),
        ))
        .layer(cors)
        // Problem documents are small, and `finish_error` reads and rewrites
        // them on the way out, so they are never compressed.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new(PROBLEM_JSON)),
        ));
    router.with_state(state).layer(layers)
}

/// The longest path and query string answered; longer: 414 `uri_too_long`.
pub const MAX_URI_BYTES: usize = 8 << 10;

/// The most header lines a request may have; more: 431 `headers_too_large`
/// (hyper itself refuses twice as many, with a bare 431).
pub const MAX_HEADER_LINES: usize = 100;

/// The most bytes of header names and values; more: 431 `headers_too_large`.
pub const MAX_HEADER_BYTES: usize = 32 << 10;

/// A 414 or 431 problem for a request over the URI or header limits.
fn head_too_large(request: &Request) -> Option<ApiError> {
    let uri = request.uri();
    let uri_len = uri
        .path_and_query()
        .map_or(uri.path().len(), |p| p.as_str().len());
    if uri_len > MAX_URI_BYTES {
        return Some(ApiError::UriTooLong {
            limit: MAX_URI_BYTES,
        });
    }
    let headers = request.headers();
    let bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    (headers.len() > MAX_HEADER_LINES || bytes > MAX_HEADER_BYTES).then_some(
        ApiError::HeadersTooLarge {
            lines: MAX_HEADER_LINES,
            bytes: MAX_HEADER_BYTES,
        },
    )
}

/// The most characters of a client's own `X-Request-Id` kept.
pub const MAX_REQUEST_ID_CHARS: usize = 64;

/// Keeps a client's `X-Request-Id` when it is a short, safe token (letters,
/// digits, `-`, `_`, `.`, `:`; at most [`MAX_REQUEST_ID_CHARS`]), so it can
/// be echoed and logged as it is; anything else, or none, is replaced by a
/// new UUID.
async fn set_request_id(mut request: Request) -> Request {
    let safe = request
        .headers()
        .get(REQUEST_ID)
        .is_some_and(|value| is_safe_request_id(value.as_bytes()));
    if !safe {
        let id = uuid::Uuid::new_v4().to_string();
        request.headers_mut().insert(
            REQUEST_ID,
            HeaderValue::from_str(&id).expect("a UUID is a header value"),
        );
    }
    request
}

/// Whether `id` is one a client may choose: see `set_request_id`.
pub fn is_safe_request_id(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID_CHARS).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// The largest body a request to `path` may send: the cohort route has
/// its own limit (`cohort_body_limit_bytes`), so has feedback
/// (`feedback_max_batch_bytes`), every other route `body_limit_bytes`.
/// Also the setting's name, for the 413.
pub fn body_limit_for(path: &str, config: &crate::config::Config) -> (usize, &'static str) {
    if path == super::cohorts::PATH {
        (config.cohort_body_limit_bytes, "cohort_body_limit_bytes")
    } else if path == super::feedback::PATH {
        (config.feedback_max_batch_bytes, "feedback_max_batch_bytes")
    } else {
        (config.body_limit_bytes, "body_limit_bytes")
    }
}

/// The body limit: `Err(413)` at once when `Content-Length` (or the
/// body's known size) is over `limit`, else the body ends in an error where
/// it passes the limit (as tower-http's `RequestBodyLimitLayer` does, with
/// a limit per route).
fn limit_body(
    request: Request,
    (limit, setting): (usize, &'static str),
) -> Result<Request, ApiError> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .or_else(|| axum::body::HttpBody::size_hint(request.body()).exact());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::PayloadTooLarge { limit, setting });
    }
    let mut request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    request.extensions_mut().insert(super::extract::BodyLimit {
        bytes: limit,
        setting,
    });
    Ok(request)
}

/// The method as a metrics label and log field: one of the methods HTTP
/// defines, else `OTHER`, so a client inventing method tokens cannot grow
/// `/metrics` (every label value is a new series kept for good).
pub fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "OTHER",
    }
}

/// Logs and measures each request, and turns bare error responses from
/// the router and the layers into problem documents.
async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let path = request.uri().path().to_string();
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let span = tracing::info_span!("request", http.method = %method, http.route = %route, request.id = %request_id);
    let limit = body_limit_for(&path, &state.config);
    let asked_lang = request_lang(request.uri().query(), request.headers());
    let (response, body_lang) = BODY_LANG
        .scope(std::cell::Cell::new(None), async {
            let response =
                match head_too_large(&request).map_or_else(|| limit_body(request, limit), Err) {
                    Ok(request) => {
                        use tracing::Instrument;
                        next.run(request).instrument(span.clone()).await
                    }
                    Err(error) => error.into_response(),
                };
            (response, BODY_LANG.with(std::cell::Cell::get))
        })
        .await;
    let lang = body_lang.or(asked_lang).unwrap_or(Lang::En);
    let mut response = finish_error(response, &path, &request_id, limit, lang).await;
    security_headers(&path, &mut response);
    let status = response.status();
    let elapsed = started.elapsed();
    state
        .metrics
        .requests
        .get_or_create(&RouteLabels {
            route: route.clone(),
            method: method.to_string(),
            status: status.as_u16(),
        })
        .inc();
    state
        .metrics
        .latency
        .get_or_create(&LatencyLabels {
            route,
            method: method.to_string(),
        })
        .observe(elapsed.as_secs_f64());
    span.in_scope(|| {
        let duration_ms = elapsed.as_millis() as u64;
        match response.extensions().get::<InternalCause>() {
            Some(InternalCause(cause)) => {
                tracing::error!(http.status = status.as_u16(), duration_ms, error = %cause, "request failed")
            }
            None => tracing::info!(http.status = status.as_u16(), duration_ms, "request"),
        }
    });
    response
}

/// Gives error responses that carry no problem document one (404 and 405
/// from the router, 413 and 408 from the layers), and adds the request id
/// to every problem document. Error bodies are small, so buffering is fine.
async fn finish_error(
    response: Response,
    path: &str,
    request_id: &str,
    (limit, setting): (usize, &'static str),
    lang: Lang,
) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let (mut parts, body) = response.into_parts();
    let source = parts.extensions.remove::<ProblemSource>();
    let mut problem = if let (true, Some(ProblemSource(error))) = (is_problem, &source) {
        // Our own problem document: said again in the request's language.
        serde_json::to_value(error.problem_in(lang)).unwrap_or_default()
    } else if is_problem {
        let bytes = axum::body::to_bytes(body, 64 * 1024)
            .await
            .unwrap_or_default();
        // A body that cannot be read back still gets a problem document
        // (never `null`): its status and a generic detail.
        serde_json::from_slice(&bytes).unwrap_or_else(|_| {
            let title = status.canonical_reason().unwrap_or("Error");
            serde_json::json!({
                "type": "about:blank", "title": title, "status": status.as_u16(),
                "detail": title, "code": if status.is_server_error() { "internal" } else { "invalid_request" },
            })
        })
    } else {
        let error = match status {
            StatusCode::NOT_FOUND => ApiError::NoRoute(path.to_string()),
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge { limit, setting },
            StatusCode::REQUEST_TIMEOUT => ApiError::Timeout,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType,
            s if s.is_server_error() => ApiError::Internal(format!("bare {s} response")),
            s => ApiError::field("", s.canonical_reason().unwrap_or("bad request")),
        };
        let value = serde_json::to_value(error.problem_in(lang)).unwrap_or_default();
        let fresh = error.into_response();
        parts.status = fresh.status();
        for (name, value) in fresh.headers() {
            parts.headers.insert(name.clone(), value.clone());
        }
        if let Some(cause) = fresh.extensions().get::<InternalCause>() {
            parts.extensions.insert(cause.clone());
        }
        value
    };
    if problem.is_object() {
        problem["request_id"] = serde_json::Value::String(request_id.to_string());
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    // The body written here is plain JSON, whatever encoding the old one had.
    parts.headers.remove(header::CONTENT_ENCODING);
    Response::from_parts(parts, Body::from(problem.to_string()))
}

/// A panic in a handler becomes a 500 problem; the panic is logged once by
/// [`observe`] through [`InternalCause`], and the server keeps serving.
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a handler panicked".into());
    ApiError::Internal(format!("panic: {message}")).into_response()
}

/// Security headers on every response.
fn security_headers(path: &str, response: &mut Response) {
    let is_docs = path.starts_with("/docs");
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("x-content-type-options"),
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    );
    // Swagger UI sets inline styles; the page's own scripts are files.
    let csp = if is_docs {
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
    } else {
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    };
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_query_then_accept_language() {
        let mut headers = axum::http::HeaderMap::new();
        assert_eq!(request_lang(None, &headers), None);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("de-DE, ru;q=0.8, et;q=0.9, en;q=0.1"),
        );
        assert_eq!(request_lang(None, &headers), Some(Lang::Et));
        assert_eq!(request_lang(Some("q=x&lang=ru"), &headers), Some(Lang::Ru));
        // A `lang` that is no language of ours leaves the header to decide.
        assert_eq!(request_lang(Some("lang=de"), &headers), Some(Lang::Et));
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("ru-RU,en;q=0.5"),
        );
        assert_eq!(request_lang(None, &headers), Some(Lang::Ru));
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr, et;q=0"),
        );
        assert_eq!(request_lang(None, &headers), None);
    }
}
