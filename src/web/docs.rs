//! The API docs page (`/docs`): Swagger UI vendored under
//! `src/web/vendor/`, with the problem table the HTTP layer makes from its
//! code table.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

const SWAGGER_JS: &[u8] = include_bytes!("vendor/swagger-ui/swagger-ui-bundle.js");
const SWAGGER_CSS: &[u8] = include_bytes!("vendor/swagger-ui/swagger-ui.css");
const DOCS_INIT_JS: &str = include_str!("docs-init.js");
const DOCS_HTML: &str = include_str!("docs.html");

/// The API docs page, with `problem_rows` (the table rows of every
/// problem code, made by the HTTP layer from its code table) in its
/// problem table.
pub fn docs_page(problem_rows: &str) -> Html<String> {
    Html(DOCS_HTML.replacen(
        "<!-- problem rows: made from api::error::Code -->\n",
        problem_rows,
        1,
    ))
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
