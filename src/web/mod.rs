//! What does a browser get? Static pages and assets compiled into the
//! binary: the counsellor and learner page (`/`, plain HTML, CSS and
//! JavaScript under `src/web/page/`, calling the service's own `/v1` API)
//! and the API docs page (`/docs`, Swagger UI vendored under
//! `src/web/vendor/`).
//!
//! Nothing here is fetched from a CDN or downloaded at build time, and the
//! page stores nothing a person enters (only its language, in the browser).

mod docs;
mod page;

pub use docs::{docs_asset, docs_page};
pub use page::{PAGE_MESSAGES, compile_messages, page, page_asset};
