//! The counsellor and learner page: its files (compiled in from
//! `src/web/page/`, `counties.js` written from the county table), served
//! at `/` and `/app/{name}` with weak SHA-256 entity tags and 304s.

use std::sync::LazyLock;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// One file of the page: its name under `/app/`, bytes, content type and
/// entity tag.
struct PageAsset {
    name: &'static str,
    bytes: std::borrow::Cow<'static, [u8]>,
    mime: &'static str,
    /// A weak tag (the compression layer may change the bytes on the wire)
    /// made of the first 16 bytes of the file's SHA-256, so it changes
    /// exactly when the file does.
    etag: String,
}

impl PageAsset {
    fn new(
        name: &'static str,
        bytes: impl Into<std::borrow::Cow<'static, [u8]>>,
        mime: &'static str,
    ) -> Self {
        let bytes = bytes.into();
        let digest = Sha256::digest(&bytes);
        Self {
            name,
            etag: format!("W/\"{}\"", hex::encode(&digest[..16])),
            bytes,
            mime,
        }
    }
}

const JS: &str = "text/javascript; charset=utf-8";

/// The page's files. `index.html` is served at `/`, the rest at
/// `/app/{name}`. `counties.js` is written from the service's one county
/// table (`domain::county`), so the page lists the codes the catalogue and
/// the demand data use.
static PAGE_ASSETS: LazyLock<Vec<PageAsset>> = LazyLock::new(|| {
    vec![
        PageAsset::new(
            "index.html",
            &include_bytes!("page/index.html")[..],
            "text/html; charset=utf-8",
        ),
        PageAsset::new(
            "app.css",
            &include_bytes!("page/app.css")[..],
            "text/css; charset=utf-8",
        ),
        PageAsset::new("counties.js", counties_js().into_bytes(), JS),
        PageAsset::new("i18n.js", messages_js().into_bytes(), JS),
        PageAsset::new("app.js", &include_bytes!("page/app.js")[..], JS),
        // The data sources, which demand figures link to for their source.
        PageAsset::new(
            "sources.md",
            &include_bytes!("../../data/SOURCES.md")[..],
            "text/plain; charset=utf-8",
        ),
    ]
});

/// `window.OPPEPALA_COUNTIES = [[code, et, ru, en], …];`
fn counties_js() -> String {
    let rows: Vec<serde_json::Value> = crate::domain::county::COUNTIES
        .iter()
        .map(|c| serde_json::json!([c.code, c.name_et, c.name_ru, c.name_en]))
        .collect();
    format!(
        "// Estonian counties (ISO 3166-2:EE) with their names in et, ru and en,\n\
         // written by the service from its county table (domain::county).\n\
         window.OPPEPALA_COUNTIES = {};\n",
        serde_json::Value::Array(rows)
    )
}

/// The message catalogue the page speaks from, per language: the page's
/// own strings (`crates/core/messages/page/{lang}.ftl`) and the service's
/// catalogue (`crates/core/messages/{lang}.ftl`, e.g. the `enum-…` words
/// for codes), so the page and the answers share one set of words.
pub const PAGE_MESSAGES: [(&str, &str, &str); 3] = [
    (
        "et",
        include_str!("../../crates/core/messages/page/et.ftl"),
        include_str!("../../crates/core/messages/et.ftl"),
    ),
    (
        "ru",
        include_str!("../../crates/core/messages/page/ru.ftl"),
        include_str!("../../crates/core/messages/ru.ftl"),
    ),
    (
        "en",
        include_str!("../../crates/core/messages/page/en.ftl"),
        include_str!("../../crates/core/messages/en.ftl"),
    ),
];

/// `window.OPPEPALA_MESSAGES = {lang: {id: pattern}}`: each Fluent message
/// compiled to a form the page evaluates (`app.js`, `say`): a pattern is a
/// string, or a list of strings, variables `{"v": name}` and selections
/// `{"s": name, "o": {key: pattern}, "d": default key}` on a number's
/// plural category (`Intl.PluralRules` in the page's language).
fn messages_js() -> String {
    let mut all = serde_json::Map::new();
    for (lang, page, service) in PAGE_MESSAGES {
        let mut messages = serde_json::Map::new();
        for source in [service, page] {
            for (id, pattern) in compile_messages(source) {
                messages.insert(id, pattern);
            }
        }
        all.insert(lang.to_string(), serde_json::Value::Object(messages));
    }
    format!(
        "// The page's words in et, ru and en, compiled by the service from its\n\
         // message catalogue (crates/core/messages/**/*.ftl; src/web/page.rs).\n\
         window.OPPEPALA_MESSAGES = {};\n",
        serde_json::Value::Object(all)
    )
}

/// The messages of one Fluent file, compiled for the page.
pub fn compile_messages(source: &str) -> Vec<(String, serde_json::Value)> {
    use fluent_syntax::ast::Entry;
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(resource) => resource,
        Err((resource, errors)) => panic!(
            "a message file does not parse: {errors:?} ({} entries)",
            resource.body.len()
        ),
    };
    let patterns: Messages = resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => message
                .value
                .as_ref()
                .map(|pattern| (message.id.name, pattern)),
            _ => None,
        })
        .collect();
    patterns
        .iter()
        .map(|(id, pattern)| (id.to_string(), compile_pattern(pattern, &patterns)))
        .collect()
}

/// A Fluent file's messages by id, for the references between them.
type Messages<'s> = std::collections::BTreeMap<&'s str, &'s fluent_syntax::ast::Pattern<&'s str>>;

fn compile_pattern(
    pattern: &fluent_syntax::ast::Pattern<&str>,
    messages: &Messages,
) -> serde_json::Value {
    use fluent_syntax::ast::PatternElement;
    let mut parts: Vec<serde_json::Value> = Vec::new();
    for element in &pattern.elements {
        let part = match element {
            PatternElement::TextElement { value } => {
                serde_json::Value::String((*value).to_string())
            }
            PatternElement::Placeable { expression } => compile_expression(expression, messages),
        };
        // A referenced message's parts stand in its place; neighbouring
        // texts are joined, so a plain message is one string.
        let pieces = match part {
            serde_json::Value::Array(pieces) => pieces,
            part => vec![part],
        };
        for piece in pieces {
            match (parts.last_mut(), &piece) {
                (Some(serde_json::Value::String(last)), serde_json::Value::String(text)) => {
                    last.push_str(text)
                }
                _ => parts.push(piece),
            }
        }
    }
    match parts.as_slice() {
        [] => serde_json::Value::String(String::new()),
        [serde_json::Value::String(text)] => serde_json::Value::String(text.clone()),
        _ => serde_json::Value::Array(parts),
    }
}

fn compile_expression(
    expression: &fluent_syntax::ast::Expression<&str>,
    messages: &Messages,
) -> serde_json::Value {
    use fluent_syntax::ast::{Expression, InlineExpression, VariantKey};
    match expression {
        Expression::Select { selector, variants } => {
            let name = match selector {
                InlineExpression::VariableReference { id } => id.name.to_string(),
                other => panic!("the page selects only on variables, not {other:?}"),
            };
            let mut options = serde_json::Map::new();
            let mut default = String::new();
            for variant in variants {
                let key = match &variant.key {
                    VariantKey::Identifier { name } => name.to_string(),
                    VariantKey::NumberLiteral { value } => value.to_string(),
                };
                if variant.default {
                    default = key.clone();
                }
                options.insert(key, compile_pattern(&variant.value, messages));
            }
            serde_json::json!({"s": name, "o": options, "d": default})
        }
        Expression::Inline(inline) => match inline {
            InlineExpression::VariableReference { id } => serde_json::json!({"v": id.name}),
            InlineExpression::StringLiteral { value } => {
                serde_json::Value::String((*value).to_string())
            }
            InlineExpression::NumberLiteral { value } => {
                serde_json::Value::String((*value).to_string())
            }
            InlineExpression::Placeable { expression } => compile_expression(expression, messages),
            // A reference to another message of the file (`{ cause-mode-name }`)
            // is that message's pattern, with the same variables.
            InlineExpression::MessageReference {
                id,
                attribute: None,
            } => match messages.get(id.name) {
                Some(pattern) => compile_pattern(pattern, messages),
                None => panic!("a message refers to {}, which the file lacks", id.name),
            },
            other => panic!("the page's messages use no {other:?}"),
        },
    }
}

/// Whether an `If-None-Match` header names `etag` (weak comparison, as
/// RFC 9110 asks for this header).
fn matches_etag(if_none_match: &str, etag: &str) -> bool {
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    let wanted = bare(etag);
    if_none_match
        .split(',')
        .any(|tag| tag.trim() == "*" || bare(tag) == wanted)
}

/// Serves page file `index` of [`PAGE_ASSETS`]: 304 when the browser
/// already has this version, else the bytes. `no-cache` makes a browser ask
/// again each time, so a new version of the service is never hidden behind
/// an old page; the answer to that question is a body-less 304.
fn asset_bytes(asset: &'static PageAsset) -> &'static [u8] {
    &asset.bytes
}

fn serve_page_asset(index: usize, headers: &HeaderMap) -> Response {
    let asset: &'static PageAsset = &PAGE_ASSETS[index];
    let etag = &asset.etag;
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| matches_etag(v, etag));
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = axum::body::Bytes::from_static(asset_bytes(asset)).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.mime));
        response
    };
    let out = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        out.insert(header::ETAG, value);
    }
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The counsellor and learner page.
pub async fn page(headers: HeaderMap) -> Response {
    serve_page_asset(0, &headers)
}

/// A file of the page (stylesheet, scripts), by name.
pub async fn page_asset(
    axum::extract::Path(name): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    match PAGE_ASSETS.iter().position(|asset| asset.name == name) {
        Some(index) => serve_page_asset(index, &headers),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_are_weak_quoted_and_distinct() {
        let tags: Vec<String> = PAGE_ASSETS.iter().map(|a| a.etag.clone()).collect();
        for tag in &tags {
            assert!(tag.starts_with("W/\"") && tag.ends_with('"'), "{tag}");
            assert_eq!(tag.len(), "W/\"\"".len() + 32);
        }
        let mut unique = tags.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), PAGE_ASSETS.len());
    }

    #[test]
    fn if_none_match_uses_weak_comparison_and_lists() {
        let etag = "W/\"abc\"";
        assert!(matches_etag("W/\"abc\"", etag));
        assert!(matches_etag("\"abc\"", etag));
        assert!(matches_etag("\"x\", W/\"abc\"", etag));
        assert!(matches_etag("*", etag));
        assert!(!matches_etag("\"abd\"", etag));
        assert!(!matches_etag("", etag));
    }

    #[test]
    fn a_known_etag_gets_304_without_a_body_and_others_the_file() {
        let mut headers = HeaderMap::new();
        let fresh = serve_page_asset(2, &headers);
        assert_eq!(fresh.status(), StatusCode::OK);
        assert_eq!(
            fresh.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        let etag = fresh.headers()[header::ETAG].clone();
        headers.insert(header::IF_NONE_MATCH, etag.clone());
        let again = serve_page_asset(2, &headers);
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers()[header::ETAG], etag);
        assert!(again.headers().get(header::CONTENT_TYPE).is_none());
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"old\""));
        assert_eq!(serve_page_asset(2, &headers).status(), StatusCode::OK);
    }

    #[test]
    fn the_page_names_only_its_own_files() {
        // Every script and stylesheet the page loads is one of ours, so
        // the "self only" content security policy holds and nothing comes
        // from a CDN.
        let html = std::str::from_utf8(&PAGE_ASSETS[0].bytes).unwrap();
        for attribute in ["src=\"", "href=\""] {
            for piece in html.split(attribute).skip(1) {
                let url = piece.split('"').next().unwrap();
                let ok = url.starts_with('#')
                    || url == "/docs"
                    || PAGE_ASSETS
                        .iter()
                        .any(|a| url == format!("/app/{}", a.name));
                assert!(ok, "the page loads {url}");
            }
        }
        assert!(!html.contains("<script>"), "no inline script (CSP)");
        assert!(!html.contains("style=\""), "no inline style (CSP)");
    }

    #[test]
    fn messages_compile_to_texts_variables_and_plural_choices() {
        let compiled: std::collections::BTreeMap<String, serde_json::Value> =
            compile_messages("plain = Tere\nfilled = Tere, { $name }!\ncount = { $n } { $n ->\n    [one] kursus\n   *[other] kursust\n}\nquoted = « { filled } »\n")
                .into_iter()
                .collect();
        assert_eq!(compiled["plain"], serde_json::json!("Tere"));
        assert_eq!(
            compiled["filled"],
            serde_json::json!(["Tere, ", {"v": "name"}, "!"])
        );
        assert_eq!(
            compiled["count"],
            serde_json::json!([{"v": "n"}, " ", {"s": "n", "o": {"one": "kursus", "other": "kursust"}, "d": "other"}])
        );
        // A reference to another message is that message, inline.
        assert_eq!(
            compiled["quoted"],
            serde_json::json!(["« Tere, ", {"v": "name"}, "! »"])
        );
        // Every language's page catalogue is in the page's script.
        let js = messages_js();
        for (lang, _, _) in PAGE_MESSAGES {
            assert!(js.contains(&format!("\"{lang}\":{{")), "{lang}");
        }
        assert!(js.contains("\"page-step1-title\":\"1. Mida sa oskad?\""));
        assert!(js.contains("\"enum-assessment-practical-test\":\"praktiline katse\""));
    }

    #[test]
    fn the_county_list_is_the_service_table() {
        let js = String::from_utf8(counties_js().into_bytes()).unwrap();
        for county in crate::domain::county::COUNTIES {
            assert!(
                js.contains(&format!("[\"{}\",\"{}\"", county.code, county.name_et)),
                "{js}"
            );
        }
        assert!(
            js.contains("\"EE-65\",\"Põlvamaa\""),
            "the catalogue's code for Põlva"
        );
    }
}
