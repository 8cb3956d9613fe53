//! What does a browser get? Static pages and assets compiled into the
//! binary: the API docs page (`/docs`, Swagger UI vendored under
//! `src/web/vendor/`) and, later, the counsellor and learner page.
//!
//! Nothing here is fetched from a CDN or downloaded at build time.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

const SWAGGER_JS: &[u8] = include_bytes!("vendor/swagger-ui/swagger-ui-bundle.js");
const SWAGGER_CSS: &[u8] = include_bytes!("vendor/swagger-ui/swagger-ui.css");
const DOCS_INIT_JS: &str = include_str!("docs-init.js");
const DOCS_HTML: &str = include_str!("docs.html");

/// The API docs page.
pub async fn docs_page() -> Html<&'static str> {
    Html(DOCS_HTML)
}

/// An asset of the docs page, by file name.
pub async fn docs_asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let (bytes, mime): (&'static [u8], &'static str) = match name.as_str() {
        "swagger-ui-bundle.js" => (SWAGGER_JS, "text/javascript; charset=utf-8"),
        "swagger-ui.css" => (SWAGGER_CSS, "text/css; charset=utf-8"),
        "docs-init.js" => (DOCS_INIT_JS.as_bytes(), "text/javascript; charset=utf-8"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}
