//! How does a request body or query string become a typed value? Wrappers
//! around axum's extractors that answer malformed input with the same
//! problem document as every other error, naming the field at fault.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::AppState;
use super::error::{ApiError, FieldError};

/// The body limit of the request's route and the setting that sets it,
/// put in the request's extensions by the middleware (so a 413 names the
/// right one).
#[derive(Clone, Copy, Debug)]
pub struct BodyLimit {
    /// The most bytes.
    pub bytes: usize,
    /// The setting.
    pub setting: &'static str,
}

/// A JSON body, read with field paths in its errors.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| {
                let v = v.trim().to_ascii_lowercase();
                v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let limit = request
            .extensions()
            .get::<BodyLimit>()
            .map_or((state.config.body_limit_bytes, "body_limit_bytes"), |l| {
                (l.bytes, l.setting)
            });
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| body_error(&rejection.body_text(), limit))?;
        note_lang(&bytes);
        parse_json(&bytes).map(ApiJson)
    }
}

/// Notes the `lang` a JSON body names, if it is valid enough to tell, so
/// that a problem about this request is written in that language.
fn note_lang(bytes: &[u8]) {
    #[derive(serde::Deserialize)]
    struct LangOnly {
        lang: Option<String>,
    }
    if let Ok(LangOnly { lang: Some(lang) }) = serde_json::from_slice::<LangOnly>(bytes) {
        super::error::note_body_lang(&lang);
    }
}

/// Turns a body-reading failure into the right problem (413 for the limit).
pub fn body_error(text: &str, (limit, setting): (usize, &'static str)) -> ApiError {
    if text.contains("length limit") || text.contains("too large") {
        ApiError::PayloadTooLarge { limit, setting }
    } else {
        ApiError::MalformedJson(text.to_string())
    }
}

/// Reads JSON bytes into `T`; syntax errors are 400, wrong values 422 with
/// the field's path.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    // serde_json's default recursion limit (128) keeps deeply nested input
    // from overflowing the stack.
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => ApiError::Invalid(vec![FieldError {
                field: if path == "." { String::new() } else { path },
                message: strip_position(&inner.to_string()),
            }]),
            _ => ApiError::MalformedJson(inner.to_string()),
        }
    })?;
    deserializer
        .end()
        .map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    Ok(value)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// A query string, read with the parameter's name in its errors.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(ApiQuery)
            .map_err(|error| {
                let field = error.path().to_string();
                ApiError::Invalid(vec![FieldError {
                    field: if field == "." { String::new() } else { field },
                    message: error.into_inner().to_string(),
                }])
            })
    }
}

/// Whether the request asks for a fresh answer (`Cache-Control: no-cache`),
/// read without copying the headers as the `HeaderMap` extractor does.
pub struct NoCache(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for NoCache {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .headers
                .get_all(header::CACHE_CONTROL)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .any(|v| {
                    v.split(',')
                        .any(|d| d.trim().eq_ignore_ascii_case("no-cache"))
                }),
        ))
    }
}
