//! The web page (`/`): its files and headers through the router, and the
//! main flow in a real browser, headless Chromium driven through
//! chromedriver (fantoccini), once per language, against the service on
//! the default data listening on 127.0.0.1.
//!
//! The browser part needs `chromium` and `chromium-driver` (Debian
//! packages; `.ci/run` installs them). Without them it prints a skip line,
//! or fails when `CI=true`. Paths can be given with `OPPEPALA_CHROMEDRIVER`
//! and `OPPEPALA_CHROMIUM`. Screenshots and the printed plans (PDF) go to
//! `target/browser-artifacts/`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use http_body_util::BodyExt;
use oppepala::api::{AppState, app};
use oppepala::config::Config;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::support;

fn state() -> AppState {
    super::support::TestApp::state(Config::default())
}

async fn get(uri: &str, if_none_match: Option<&str>) -> axum::response::Response {
    let mut request = Request::get(uri);
    if let Some(tag) = if_none_match {
        request = request.header(header::IF_NONE_MATCH, tag);
    }
    app(state())
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn page_and_files_have_types_caching_and_a_self_only_policy() {
    for (uri, mime) in [
        ("/", "text/html; charset=utf-8"),
        ("/app/app.css", "text/css; charset=utf-8"),
        ("/app/app.js", "text/javascript; charset=utf-8"),
        ("/app/i18n.js", "text/javascript; charset=utf-8"),
    ] {
        let response = get(uri, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        let headers = response.headers().clone();
        assert_eq!(headers[header::CONTENT_TYPE], mime, "{uri}");
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache", "{uri}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert!(!csp.contains("unsafe"), "{csp}");
        let etag = headers[header::ETAG].to_str().unwrap().to_string();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(body.len() > 500, "{uri} has content");

        // The same version again: 304, no body, same tag.
        let again = get(uri, Some(&etag)).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{uri}");
        assert_eq!(again.headers()[header::ETAG], etag.as_str());
        let body = again.into_body().collect().await.unwrap().to_bytes();
        assert!(body.is_empty());
        // Another version: the file.
        assert_eq!(
            get(uri, Some("W/\"0\"")).await.status(),
            StatusCode::OK,
            "{uri}"
        );
    }
    let missing = get("/app/nothing.js", None).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(
        missing.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );
}

#[tokio::test]
async fn problems_reach_a_browser_that_accepts_gzip_as_plain_json() {
    // Browsers always send Accept-Encoding; the page shows the problem's
    // words, so the document must arrive whole. (Compressed problem
    // documents once arrived as a gzip header over the text `null`.)
    for (uri, code) in [
        ("/v1/qualifications/no-such-qualification", "not_found"),
        ("/v1/no-such-endpoint-with-a-long-enough-name", "no_route"),
    ] {
        let request = Request::get(uri)
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
            .body(Body::empty())
            .unwrap();
        let response = app(state()).oneshot(request).await.unwrap();
        assert!(
            response.headers().get(header::CONTENT_ENCODING).is_none(),
            "{uri}"
        );
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let problem: Value = serde_json::from_slice(&body).expect("plain JSON");
        assert_eq!(problem["code"], code, "{uri}");
        assert!(
            problem["request_id"]
                .as_str()
                .is_some_and(|id| !id.is_empty())
        );
    }
    // Everything else is still compressed.
    let request = Request::get("/app/app.js")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let response = app(state()).oneshot(request).await.unwrap();
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn every_language_has_every_message_the_page_uses() {
    use std::collections::{BTreeMap, BTreeSet};
    let page = std::fs::read_to_string(support::root().join("src/web/page/app.js")).unwrap()
        + &std::fs::read_to_string(support::root().join("src/web/page/index.html")).unwrap();
    // The catalogue the page gets (/app/i18n.js): its own messages and the
    // service's, per language, with the same ids and arguments.
    let mut tables: BTreeMap<&str, BTreeMap<String, Value>> = BTreeMap::new();
    for (lang, page_source, service_source) in oppepala::web::PAGE_MESSAGES {
        let table = tables.entry(lang).or_default();
        for source in [service_source, page_source] {
            table.extend(oppepala::web::compile_messages(source));
        }
    }
    /// The variables a compiled pattern names.
    fn variables(pattern: &Value, found: &mut BTreeSet<String>) {
        match pattern {
            Value::Array(parts) => parts.iter().for_each(|p| variables(p, found)),
            Value::Object(part) => {
                for key in ["v", "s"] {
                    if let Some(name) = part.get(key).and_then(Value::as_str) {
                        found.insert(name.to_string());
                    }
                }
                if let Some(Value::Object(options)) = part.get("o") {
                    options.values().for_each(|p| variables(p, found));
                }
            }
            _ => {}
        }
    }
    let english = &tables["en"];
    for (lang, table) in &tables {
        let ids: BTreeSet<&String> = table.keys().collect();
        let english_ids: BTreeSet<&String> = english.keys().collect();
        assert_eq!(ids, english_ids, "{lang} has the same messages as en");
        for (id, pattern) in table {
            let (mut mine, mut theirs) = (BTreeSet::new(), BTreeSet::new());
            variables(pattern, &mut mine);
            variables(&english[id], &mut theirs);
            assert_eq!(mine, theirs, "{lang}: {id} has the arguments en has");
        }
    }
    // Every fixed message the page names is in the catalogue.
    let mut used = Vec::new();
    for marker in ["t(\"", "data-i18n=\"", "data-i18n-placeholder=\""] {
        for (at, _) in page.match_indices(marker) {
            // `t("` as a call of its own, not the end of `option("`.
            if page[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let piece = &page[at + marker.len()..];
            let key = piece.split('"').next().unwrap();
            if !key.ends_with('-') {
                used.push(key.to_string());
            }
        }
    }
    assert!(used.len() > 100, "found the messages the page uses");
    for key in used {
        assert!(english.contains_key(&key), "no message {key}");
    }
    // The page no longer carries a table of its own.
    assert!(!support::root().join("src/web/page/i18n.js").exists());
}

// ---- the browser -----------------------------------------------------------

/// An executable: from `env` if set, else the first of `names` on PATH.
fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let paths = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// chromedriver, killed when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where the screenshots and printed plans go.
fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::root().join("target"));
    let dir = target.join("browser-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One run of the main flow.
struct Case {
    lang: &'static str,
    /// Typed into the skill search; the first suggestion is picked by keyboard.
    skill_query: &'static str,
    /// Typed into "a job you have done"; its essential skills are added.
    occupation_query: &'static str,
    /// Filters the qualification list.
    qualification_query: &'static str,
    qualification: &'static str,
    county: &'static str,
    /// Study languages ticked besides the page language.
    also_study_in: &'static [&'static str],
    funding: &'static str,
}

const CASES: [Case; 3] = [
    Case {
        lang: "et",
        skill_query: "klienditeenindus",
        occupation_query: "kassapidaja",
        qualification_query: "kassa",
        qualification: "mq-retail-cashier",
        county: "EE-37",
        also_study_in: &["en"],
        funding: "unemployed",
    },
    Case {
        lang: "ru",
        skill_query: "уход за пожилыми",
        occupation_query: "home care",
        qualification_query: "сидел",
        qualification: "mq-care-elderly",
        county: "EE-44",
        also_study_in: &["et"],
        funding: "unemployed",
    },
    Case {
        lang: "en",
        skill_query: "spreadsheet",
        occupation_query: "office clerk",
        qualification_query: "office",
        qualification: "mq-dig-office",
        county: "EE-78",
        also_study_in: &["et"],
        funding: "training-credit",
    },
];

/// Lists visible elements whose own text is below the WCAG 2.1 AA contrast
/// ratio against the first opaque background behind them.
const CONTRAST_CHECK: &str = r#"
const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const background = (e) => {
  for (; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const bad = [];
for (const e of document.querySelectorAll('body *')) {
  const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own || !e.getClientRects().length) continue;
  const style = getComputedStyle(e);
  if (style.visibility === 'hidden' || e.closest('[disabled]')) continue;
  const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(e));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  if (ratio < need) bad.push(e.tagName + '.' + e.className + ' ' + ratio.toFixed(2) + ': ' + e.textContent.trim().slice(0, 30));
}
return bad.slice(0, 10);
"#;

/// The text a person sees on the page, by text node, less what is marked
/// as being in another language than the page's (`lang`).
const PAGE_TEXT: &str = r#"
const page = document.documentElement.lang;
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const e = node.parentElement;
  if (!node.textContent.trim() || !e || !e.getClientRects().length) continue;
  if (e.closest('script, style, noscript, [hidden]')) continue;
  if (getComputedStyle(e).visibility === 'hidden') continue;
  const marked = e.closest('[lang]');
  if (marked && marked.getAttribute('lang') !== page) continue;
  out.push(node.textContent.trim());
}
return out.join('\n');
"#;

const WAIT: Duration = Duration::from_secs(20);

async fn wait_css(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
}

async fn js(client: &Client, script: &str) -> Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script {script}: {e}"))
}

/// Waits for the element `css` finds and clicks it.
async fn wait_click(client: &Client, css: &str) {
    wait_css(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

/// Waits for the element `css` finds and reads its text.
async fn wait_text(client: &Client, css: &str) -> String {
    wait_css(client, css)
        .await
        .text()
        .await
        .unwrap_or_else(|e| panic!("reading {css}: {e}"))
}

/// Polls `script` until it returns true.
async fn wait_js(client: &Client, script: &str) {
    let started = Instant::now();
    loop {
        if js(client, script).await == Value::Bool(true) {
            return;
        }
        assert!(started.elapsed() < WAIT, "waiting for {script}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.unwrap().len()
}

/// A message of the page in `lang`, as the page says it.
async fn string(client: &Client, lang: &str, key: &str) -> String {
    js(
        client,
        &format!("return window.oppepala.say({lang:?}, {key:?});"),
    )
    .await
    .as_str()
    .unwrap_or_else(|| panic!("no string {key}"))
    .to_string()
}

/// A screenshot of the window, in the artefacts as `name`.
async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(artifacts().join(name), png).unwrap();
}

/// Makes the window as tall as the page (up to a limit) so a screenshot
/// shows all of it.
async fn fit_height(client: &Client, width: u32) {
    js(client, "window.scrollTo(0, 0); return true;").await;
    let height = js(client, "return document.documentElement.scrollHeight;")
        .await
        .as_u64()
        .unwrap_or(1000)
        .clamp(600, 6000) as u32;
    client.set_window_size(width, height + 120).await.unwrap();
}

// The steps every flow takes on the page, each failing with what it was
// looking for.

/// The element `locator` finds.
async fn find(client: &Client, locator: Locator<'_>) -> Element {
    client
        .find(locator)
        .await
        .unwrap_or_else(|e| panic!("finding {locator:?}: {e}"))
}

async fn click(client: &Client, locator: Locator<'_>) {
    find(client, locator)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {locator:?}: {e}"));
}

/// The text shown in the element `locator` finds.
async fn text(client: &Client, locator: Locator<'_>) -> String {
    find(client, locator)
        .await
        .text()
        .await
        .unwrap_or_else(|e| panic!("reading {locator:?}: {e}"))
}

/// Whether the element `locator` finds is displayed.
async fn shown(client: &Client, locator: Locator<'_>) -> bool {
    find(client, locator)
        .await
        .is_displayed()
        .await
        .unwrap_or_else(|e| panic!("looking at {locator:?}: {e}"))
}

/// Types `keys` into the field `locator` finds, after what it holds.
async fn type_into(client: &Client, locator: Locator<'_>, keys: &str) {
    find(client, locator)
        .await
        .send_keys(keys)
        .await
        .unwrap_or_else(|e| panic!("typing into {locator:?}: {e}"));
}

/// Replaces what the field `locator` finds holds with `keys`.
async fn set_field(client: &Client, locator: Locator<'_>, keys: &str) {
    find(client, locator)
        .await
        .clear()
        .await
        .unwrap_or_else(|e| panic!("clearing {locator:?}: {e}"));
    type_into(client, locator, keys).await;
}

/// Picks the option `value` of the list `locator` finds.
async fn select(client: &Client, locator: Locator<'_>, value: &str) {
    find(client, locator)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choosing {value} in {locator:?}: {e}"));
}

/// Ticks the box `locator` finds unless it is ticked.
async fn tick(client: &Client, locator: Locator<'_>) {
    let ticked = find(client, locator)
        .await
        .is_selected()
        .await
        .unwrap_or_else(|e| panic!("looking at {locator:?}: {e}"));
    if !ticked {
        click(client, locator).await;
    }
}

/// Opens the page at `base` and waits until its qualifications are listed.
async fn open_page(client: &Client, base: &str) {
    client.goto(base).await.unwrap();
    wait_css(client, "#quals input[name=qual]").await;
}

/// Switches the page to `lang` with its button and waits until the page
/// has followed.
async fn switch_language(client: &Client, lang: &str) {
    click(client, Locator::Css(&language_button(lang))).await;
    wait_js(
        client,
        &format!("return document.documentElement.lang === {lang:?};"),
    )
    .await;
}

fn language_button(lang: &str) -> String {
    format!("button.lang[data-lang={lang}]")
}

/// The language the page is in.
async fn page_lang(client: &Client) -> String {
    let lang = js(client, "return document.documentElement.lang;").await;
    lang.as_str().unwrap().to_string()
}

/// The plan as the page would save it (`oppepala-plan`), as text.
async fn plan_text(client: &Client) -> String {
    js(client, "return window.oppepala.planJson();")
        .await
        .as_str()
        .unwrap()
        .to_string()
}

/// Into the print layout (`on`) or back out of it, waiting until the page
/// has changed.
async fn print_view(client: &Client, on: bool) {
    click(
        client,
        Locator::Id(if on { "preview" } else { "preview-back" }),
    )
    .await;
    let not = if on { "" } else { "!" };
    wait_js(
        client,
        &format!("return {not}document.body.classList.contains('print-view');"),
    )
    .await;
}

/// A screenshot of all of the page (up to a limit) at `width` pixels, in
/// the artefacts as `name`.
async fn screenshot_all(client: &Client, width: u32, name: &str) {
    fit_height(client, width).await;
    screenshot(client, name).await;
}

/// The page printed to PDF, in the artefacts as `name`.
async fn print_pdf(client: &Client, name: &str) {
    let pdf = client.print(Default::default()).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    std::fs::write(artifacts().join(name), pdf).unwrap();
}

/// Steps 1 and 2 of the main flow: skills (one picked by keyboard, a
/// job's essential skills added, one unticked, one a level higher) and
/// circumstances; returns how many skills the page holds after the job.
async fn fill_profile(client: &Client, case: &Case) -> usize {
    // 1. Skills: a suggestion picked with the keyboard only.
    let skill = find(client, Locator::Id("skill-q")).await;
    skill.click().await.unwrap();
    skill.send_keys(case.skill_query).await.unwrap();
    wait_css(client, "#skill-list li[role=option][id]").await;
    skill
        .send_keys(&(Key::Down + &Key::Enter.to_string()))
        .await
        .unwrap();
    wait_js(
        client,
        "return document.querySelectorAll('#held li').length === 1;",
    )
    .await;
    // ... and a job held before: its essential skills are added, one is
    // unticked, one gets a higher level.
    let occupation = find(client, Locator::Id("occ-q")).await;
    occupation.send_keys(case.occupation_query).await.unwrap();
    wait_click(client, "#occ-list li[role=option][id]").await;
    wait_js(
        client,
        "return document.querySelectorAll('#held li').length > 2;",
    )
    .await;
    let held = count(client, "#held li").await;
    click(
        client,
        Locator::Css("#held li:last-child input[type=checkbox]"),
    )
    .await;
    select(client, Locator::Css("#held li:first-child select"), "2").await;

    // 2. Circumstances.
    for lang in std::iter::once(&case.lang).chain(case.also_study_in) {
        tick(
            client,
            Locator::Css(&format!("input[name=study-lang][value={lang}]")),
        )
        .await;
    }
    select(client, Locator::Id("county"), case.county).await;
    set_field(client, Locator::Id("hours"), "12").await;
    click(
        client,
        Locator::Css(&format!("input[name=funding][value={}]", case.funding)),
    )
    .await;
    // A date field's typing order depends on the browser's locale; set it
    // as a value and tell the page, as a date picker would.
    js(
        client,
        "const s = document.getElementById('start'); s.value = '2027-01-04'; s.dispatchEvent(new Event('change')); return true;",
    )
    .await;
    held
}

/// Step 3 of the main flow: the qualification, found in the filtered list;
/// returns how many the filter left.
async fn choose_qualification(client: &Client, case: &Case) -> usize {
    // 3. The goal: a qualification from the searchable list.
    type_into(client, Locator::Id("qual-q"), case.qualification_query).await;
    let listed = count(client, "#quals input[name=qual]").await;
    assert!(
        (1..10).contains(&listed),
        "the filter narrows the list ({listed})"
    );
    click(
        client,
        Locator::Css(&format!("#quals input[value={}]", case.qualification)),
    )
    .await;
    listed
}

/// The main flow in `case.lang`, from an empty page to the print layout
/// and the download; returns a line of what was seen.
async fn main_flow(client: &Client, base: &str, case: &Case, remembered: Option<&str>) -> String {
    let started = Instant::now();
    client.set_window_size(1280, 1000).await.unwrap();
    open_page(client, base).await;
    if let Some(previous) = remembered {
        let lang = page_lang(client).await;
        assert_eq!(lang, previous, "the language chosen before is remembered");
    }

    // The language: switch with its button; the whole page follows.
    switch_language(client, case.lang).await;
    let heading = text(client, Locator::Id("step1-title")).await;
    assert_eq!(heading, string(client, case.lang, "page-step1-title").await);
    let pressed = find(client, Locator::Css(&language_button(case.lang)))
        .await
        .attr("aria-pressed")
        .await
        .unwrap();
    assert_eq!(pressed.as_deref(), Some("true"));

    let study = js(
        client,
        "return [...document.querySelectorAll('input[name=study-lang]:checked')].map(e => e.value);",
    )
    .await;
    assert_eq!(
        study,
        json!([case.lang]),
        "until changed, the study language follows the page"
    );

    let held = fill_profile(client, case).await;
    let listed = choose_qualification(client, case).await;

    // 4. Gap and paths.
    click(client, Locator::Id("plan-go")).await;
    wait_css(client, "#paths .path").await;
    let n_paths = count(client, "#paths .path").await;
    let n_gap = count(client, "#gap table tbody tr").await;
    let n_steps = count(client, "#paths article.path:first-of-type .timeline li").await;
    assert!(n_paths >= 2, "{}: 2–3 paths ({n_paths})", case.lang);
    assert!(n_gap >= 1, "a gap");
    assert!(n_steps >= 1, "steps");
    assert_eq!(
        text(client, Locator::Id("results-title")).await,
        string(client, case.lang, "page-results-title").await
    );
    let summary = text(
        client,
        Locator::Css("#paths article.path:first-of-type .summary"),
    )
    .await;
    // Every control has a label a screen reader can say.
    let unlabelled = js(
        client,
        "return [...document.querySelectorAll('input, select, textarea')].filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).map(e => e.id || e.name);",
    )
    .await;
    assert_eq!(unlabelled, json!([]), "controls without a label");

    // Text contrast (WCAG 2.1 AA): every visible text against the
    // background behind it, 4.5:1, or 3:1 for large text.
    let low_contrast = js(client, CONTRAST_CHECK).await;
    assert_eq!(low_contrast, json!([]), "text below AA contrast");
    // The check itself finds pale text (#aaa on white is 2.3:1).
    js(
        client,
        "const p = document.createElement('p'); p.id = 'pale'; p.textContent = 'pale'; p.style.color = '#aaaaaa'; document.getElementById('main').append(p); return true;",
    )
    .await;
    let found = js(client, CONTRAST_CHECK).await;
    js(
        client,
        "document.getElementById('pale').remove(); return true;",
    )
    .await;
    assert_eq!(
        found.as_array().map(Vec::len),
        Some(1),
        "the contrast check finds pale text: {found}"
    );

    // A bite's details, opened and closed from the keyboard.
    click(
        client,
        Locator::Css("#paths article.path:first-of-type .step-title"),
    )
    .await;
    wait_css(client, "dialog#bite[open] dl.facts").await;
    let provider_label = string(client, case.lang, "page-bite-provider").await;
    let dialog_text = text(client, Locator::Id("bite")).await;
    assert!(dialog_text.contains(&provider_label), "{dialog_text}");
    // How to enrol: the registration link (http/https only), the provider's
    // e-mail and phone as links, the run's deadline and places.
    let enrol = js(
        client,
        "const d = document.getElementById('bite-body'); return [d.querySelectorAll('a[href^=\"https:\"], a[href^=\"http:\"]').length, d.querySelectorAll('a[href^=\"mailto:\"]').length, d.querySelectorAll('a[href^=\"tel:+\"]').length, [...d.querySelectorAll('dt')].map(e => e.textContent)];",
    )
    .await;
    assert!(
        enrol[0].as_u64() >= Some(2),
        "course page and registration: {enrol}"
    );
    assert_eq!(enrol[1], 1, "an e-mail link: {enrol}");
    assert_eq!(enrol[2], 1, "a phone link: {enrol}");
    let labels = enrol[3].as_array().unwrap();
    let has = |label: &str| labels.iter().any(|l| l == label);
    for key in ["page-enrol-register", "page-enrol-contact"] {
        let label = string(client, case.lang, key).await;
        assert!(has(&label), "{key} in the dialog: {enrol}");
    }
    // A course given in runs says how many places its run has.
    if has(&string(client, case.lang, "page-bite-sessions").await) {
        let label = string(client, case.lang, "page-enrol-seats").await;
        assert!(has(&label), "places in the dialog: {enrol}");
    }
    // The page in Estonian or Russian holds no English word outside the
    // texts it marks as being in another language (`lang`).
    if case.lang != "en" {
        let text = js(client, PAGE_TEXT).await;
        let text = text.as_str().unwrap_or_default();
        assert!(text.len() > 500, "the page's text was read: {text}");
        let english = super::languages::english_in_said(text, case.lang);
        assert!(
            english.is_empty(),
            "{}: English on the page: {english:?}\n{text}",
            case.lang
        );
    }
    type_into(client, Locator::Id("bite-close"), &Key::Escape.to_string()).await;
    wait_js(client, "return !document.getElementById('bite').open;").await;
    wait_js(
        client,
        "return document.activeElement && document.activeElement.classList.contains('step-title');",
    )
    .await;

    // 5. Choose the second path; the downloads carry it.
    click(client, Locator::Id("pick-1")).await;
    wait_js(
        client,
        "return document.querySelector('.chosen-path').dataset.path === '1';",
    )
    .await;
    let chosen_steps = count(client, "#paths .path[data-path='1'] .timeline li").await;
    for id in ["dl-json", "dl-csv"] {
        let link = find(client, Locator::Id(id)).await;
        let href = link.attr("href").await.unwrap().unwrap_or_default();
        assert!(href.starts_with("blob:"), "{id} links to the plan: {href}");
        assert!(link.attr("download").await.unwrap().is_some());
    }
    // The CSV: a byte-order mark, `;` between cells (comma on request),
    // every column in every row, read back as a spreadsheet would.
    let header = string(client, case.lang, "page-csv-header").await;
    let columns: Vec<&str> = header.split(',').collect();
    assert!(columns.len() >= 20, "{header}");
    for (separator, expression) in [(b';', "planCsv()"), (b',', "planCsv(',')")] {
        let csv = js(client, &format!("return window.oppepala.{expression};")).await;
        let csv = csv.as_str().unwrap();
        assert!(csv.starts_with('\u{feff}'), "a byte-order mark");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let read_header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(read_header, columns, "{}", separator as char);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), chosen_steps, "a CSV row per step");
        for row in &rows {
            assert_eq!(row.len(), columns.len(), "{row:?}");
            // The course page and the registration link are there.
            assert!(
                row.iter().filter(|c| c.starts_with("https://")).count() >= 2,
                "{row:?}"
            );
        }
    }
    // Cells a spreadsheet would run as formulas are neutralised; numbers stay.
    let cells = js(
        client,
        "return ['=HYPERLINK(\"x\")', '+1', '-1', '@SUM(A1)', '\\tx', 'ok', 12.5, -3]\
         .map(window.oppepala.csvField);",
    )
    .await;
    assert_eq!(
        cells,
        serde_json::json!([
            "\"'=HYPERLINK(\"\"x\"\")\"",
            "'+1",
            "'-1",
            "'@SUM(A1)",
            "'\tx",
            "ok",
            "12.5",
            "-3"
        ])
    );
    let plan: Value = serde_json::from_str(&plan_text(client).await).unwrap();
    assert_eq!(plan["lang"], case.lang);
    assert_eq!(plan["goal"]["target"]["qualification"], case.qualification);
    assert_eq!(
        plan["path"]["steps"].as_array().unwrap().len(),
        chosen_steps
    );

    screenshot_all(client, 1280, &format!("plan-{}.png", case.lang)).await;

    // The print layout: on screen as the print view, and printed to PDF.
    print_view(client, true).await;
    for hidden in ["step-skills", "step-circ", "step-goal", "take"] {
        assert!(
            !shown(client, Locator::Id(hidden)).await,
            "{hidden} is not in the print layout"
        );
    }
    assert!(
        !shown(client, Locator::Css(".path[data-path='0']")).await,
        "only the chosen path is printed"
    );
    assert!(shown(client, Locator::Id("print-head")).await);
    screenshot_all(client, 900, &format!("print-{}.png", case.lang)).await;
    print_pdf(client, &format!("plan-{}.pdf", case.lang)).await;
    print_view(client, false).await;

    format!(
        "{}: {held} skills from the job, {listed} qualifications listed, {n_gap} gap items, {n_paths} paths, best: {summary} ({} ms)",
        case.lang,
        started.elapsed().as_millis()
    )
}

/// Marks the notes typed in the hand-over fields, so a test can look for
/// them in every request the page makes.
const NOTE_MARK: &str = "märge-7f3a";

/// Records every request the page makes (address and body) in
/// `window.__sent`.
const RECORD_REQUESTS: &str = r#"
window.__sent = [];
const fetched = window.fetch;
window.fetch = (url, options) => { window.__sent.push(String(url) + ' ' + String((options && options.body) || '')); return fetched(url, options); };
return true;
"#;

/// The requests recorded since [`RECORD_REQUESTS`] that carry a note.
async fn requests_with_notes(client: &Client) -> (usize, Vec<String>) {
    let sent = js(client, "return window.__sent || [];").await;
    let sent: Vec<String> = serde_json::from_value(sent).unwrap();
    let leaked = sent
        .iter()
        .filter(|r| r.contains(NOTE_MARK))
        .cloned()
        .collect();
    (sent.len(), leaked)
}

/// Opens `file` as a saved plan with the page's file picker and waits for
/// the plan made again (or the page's message about the file).
async fn open_saved(client: &Client, file: &Path) {
    js(
        client,
        "document.getElementById('open-status').replaceChildren(); document.getElementById('changes').hidden = true; return true;",
    )
    .await;
    type_into(
        client,
        Locator::Id("open-file"),
        &file.display().to_string(),
    )
    .await;
    wait_js(
        client,
        "const s = document.getElementById('open-status'); return !!s.querySelector('.problem') || (!document.getElementById('changes').hidden && !document.getElementById('plan-go').disabled);",
    )
    .await;
}

/// After a main flow (issue 18, items 2 and 3): the paths side by side,
/// the hand-over notes (in the printed plan, never in a request), the
/// plan saved as a file and opened again on a fresh page: the same form,
/// the same plan, nothing changed. Returns a line and the saved file.
async fn hand_over_and_reopen(client: &Client, base: &str, lang: &str) -> (String, String) {
    let started = Instant::now();
    js(client, RECORD_REQUESTS).await;
    // The paths side by side: a column per path, a row per question.
    let paths = count(client, "#paths .path").await;
    let compare = js(
        client,
        "const t = document.querySelector('#compare table.compare'); return [t.querySelectorAll('thead th').length, t.querySelectorAll('tbody tr').length, window.oppepala.state.last.plan.paths.map((p, i) => t.querySelectorAll('tbody tr:last-child td')[i].querySelectorAll('li').length === p.steps.length)];",
    )
    .await;
    assert_eq!(compare[0], paths, "a column per path: {compare}");
    assert_eq!(
        compare[1], 7,
        "hours, cost, finish, met, languages, where, courses: {compare}"
    );
    assert!(
        compare[2].as_array().unwrap().iter().all(|v| v == true),
        "each path's courses: {compare}"
    );

    // The hand-over notes, typed on the page.
    let client_name = format!("Mari Maasikas {NOTE_MARK}");
    let actions = format!("Registreerub 20.12.\nToob tunnistuse. {NOTE_MARK}");
    js(
        client,
        &format!(
            "const set = (id, v) => {{ const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('input')); }}; set('note-client', {client_name:?}); set('note-counsellor', 'Kati Karu'); set('note-meeting', '2027-01-12T10:30'); set('note-actions', {actions:?}); return true;"
        ),
    )
    .await;
    // A plan made again and a course opened: requests, none with a note.
    click(client, Locator::Id("plan-go")).await;
    wait_js(client, "return !document.getElementById('plan-go').disabled && document.querySelectorAll('#paths .path').length > 0;").await;
    click(client, Locator::Css("#paths .chosen-path .step-title")).await;
    wait_css(client, "dialog#bite[open] dl.facts").await;
    click(client, Locator::Id("bite-close")).await;

    // The printed plan: the notes, and how to enrol in each course.
    print_view(client, true).await;
    assert!(
        shown(client, Locator::Id("print-notes")).await,
        "the notes are printed"
    );
    let printed = text(client, Locator::Id("print-notes")).await;
    for expected in [client_name.as_str(), "Kati Karu", "Toob tunnistuse", "2027"] {
        assert!(printed.contains(expected), "{expected} in {printed}");
    }
    let steps = count(client, ".chosen-path .timeline > li").await;
    let enrol = js(
        client,
        "return [...document.querySelectorAll('.chosen-path dl.enrol')].filter(d => d.getClientRects().length && d.querySelector('a[href^=\"mailto:\"]')).length;",
    )
    .await;
    assert_eq!(enrol, steps, "every printed course says how to enrol");
    screenshot_all(client, 900, &format!("handover-{lang}.png")).await;
    print_pdf(client, &format!("handover-{lang}.pdf")).await;
    print_view(client, false).await;
    let (before_save, leaked) = requests_with_notes(client).await;
    assert!(before_save >= 2, "requests were made ({before_save})");
    assert!(leaked.is_empty(), "a request carries the notes: {leaked:?}");

    // Saved: the file the save link carries.
    let saved_text = plan_text(client).await;
    let saved: Value = serde_json::from_str(&saved_text).unwrap();
    assert_eq!(saved["format"], "oppepala-plan");
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["notes"]["client"], json!(client_name));
    assert_eq!(saved["chosen"], 1, "the second path was chosen");
    let file = artifacts().join(format!("saved-plan-{lang}.json"));
    std::fs::write(&file, &saved_text).unwrap();

    // Opened again on a fresh page: the form, the notes and the plan as
    // saved, and nothing changed.
    open_page(client, base).await;
    js(client, RECORD_REQUESTS).await;
    open_saved(client, &file).await;
    let changes = js(
        client,
        "return [document.querySelectorAll('#changes li').length, !!document.querySelector('#changes .unchanged')];",
    )
    .await;
    assert_eq!(changes, json!([0, true]), "{lang}: nothing changed");
    let now: Value = serde_json::from_str(&plan_text(client).await).unwrap();
    assert_eq!(now["learner"], saved["learner"], "the same profile");
    assert_eq!(
        now["skills"], saved["skills"],
        "the same skills, levels and names"
    );
    assert_eq!(now["goal"]["target"], saved["goal"]["target"]);
    assert_eq!(
        now["chosen"], saved["chosen"],
        "the saved path is chosen again"
    );
    assert_eq!(
        now["path"]["steps"], saved["path"]["steps"],
        "the same courses, dates and prices"
    );
    assert_eq!(now["notes"], saved["notes"]);
    let (after_open, leaked) = requests_with_notes(client).await;
    assert!(
        after_open >= 3,
        "opening planned again ({after_open} requests)"
    );
    assert!(leaked.is_empty(), "a request carries the notes: {leaked:?}");
    screenshot_all(client, 1280, &format!("reopened-{lang}.png")).await;
    client.set_window_size(1280, 1000).await.unwrap();
    (
        format!(
            "{lang}: compared {paths} paths, notes printed (PDF), saved {} bytes, reopened with nothing changed; {} requests, none with a note ({} ms)",
            saved_text.len(),
            before_save + after_open,
            started.elapsed().as_millis()
        ),
        saved_text,
    )
}

/// A catalogue changed since the plans were saved: one course of each
/// saved path costs 25 € more, another one's runs start a week later, and
/// a third that no qualification names (where a path has one) is gone.
/// The saved plans, opened against it, say so in the page's language,
/// and that the saved path is no longer offered where a course left.
/// Files that are not a plan, or a newer one, are refused in words that
/// name what is wrong.
async fn reopen_after_a_catalogue_change(client: &Client, saved: &[(&str, String)]) -> String {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let data = support::copy_default_data(dir.path());
    let mut expected = Vec::new();
    let mut priced = std::collections::BTreeSet::new();
    let mut moved = std::collections::BTreeSet::new();
    let mut removed = std::collections::BTreeSet::new();
    // A course no qualification names can leave the catalogue.
    let qualifications = std::fs::read_to_string(data.join("qualifications.jsonl")).unwrap();
    for (lang, text) in saved {
        let plan: Value = serde_json::from_str(text).unwrap();
        let steps = plan["path"]["steps"].as_array().unwrap();
        let dated = steps
            .iter()
            .find(|s| s["session"] == true)
            .expect("a step in a run")["bite"]
            .as_str()
            .unwrap()
            .to_string();
        let price = steps
            .iter()
            .map(|s| s["bite"].as_str().unwrap().to_string())
            .find(|b| *b != dated)
            .unwrap_or_else(|| dated.clone());
        let gone = steps
            .iter()
            .map(|s| s["bite"].as_str().unwrap().to_string())
            .find(|b| *b != dated && *b != price && !qualifications.contains(&format!("\"{b}\"")));
        priced.insert(price.clone());
        moved.insert(dated.clone());
        removed.extend(gone.clone());
        expected.push((*lang, price, dated, gone));
    }
    let bites = std::fs::read_to_string(data.join("bites.jsonl")).unwrap();
    let week_later = |v: &Value| {
        let day = chrono::NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap();
        json!((day + chrono::Days::new(7)).to_string())
    };
    let changed: Vec<String> = bites
        .lines()
        .filter(|line| {
            let bite: Value = serde_json::from_str(line).unwrap();
            !removed.contains(bite["id"].as_str().unwrap())
        })
        .map(|line| {
            let mut bite: Value = serde_json::from_str(line).unwrap();
            let id = bite["id"].as_str().unwrap().to_string();
            if priced.contains(&id) {
                bite["cost_eur"] = json!(bite["cost_eur"].as_f64().unwrap() + 25.0);
            }
            if moved.contains(&id) {
                for session in bite["sessions"].as_array_mut().unwrap() {
                    for field in ["start", "registration_deadline"] {
                        if !session[field].is_null() {
                            session[field] = week_later(&session[field]);
                        }
                    }
                }
            }
            serde_json::to_string(&bite).unwrap()
        })
        .collect();
    std::fs::write(data.join("bites.jsonl"), changed.join("\n") + "\n").unwrap();
    let config = Config {
        data_dir: data.clone(),
        index_dir: dir.path().join("index"),
        ..Config::default()
    };
    // The search index is the default data's: the same bites and labels
    // (only prices and dates differ, which opening a plan reads from the
    // catalogue), so no index is built here.
    let data = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || {
            oppepala::service::load_without_index(&config).expect("the changed data loads")
        })
        .await
        .unwrap()
    };
    let served = oppepala::service::Served::new(
        data,
        support::served().index.clone(),
        oppepala::service::DEFAULT_ANSWERS,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app(AppState::new(config, served))).await });

    let mut seen = Vec::new();
    assert!(
        !removed.is_empty(),
        "a saved path has a course to take away"
    );
    for ((lang, text), (_, price, dated, gone)) in saved.iter().zip(&expected) {
        open_page(client, &base).await;
        switch_language(client, lang).await;
        let file = dir.path().join(format!("saved-{lang}.json"));
        std::fs::write(&file, text).unwrap();
        open_saved(client, &file).await;
        let changes = js(
            client,
            "return [...document.querySelectorAll('#changes li')].map(li => [li.dataset.code, li.dataset.bite || '', li.textContent]);",
        )
        .await;
        let changes: Vec<(String, String, String)> = serde_json::from_value(changes).unwrap();
        // Whether a change with one of `codes` is listed (for `bite`, when
        // given).
        let listed = |codes: &[&str], bite: Option<&str>| {
            changes
                .iter()
                .any(|(code, b, _)| codes.contains(&code.as_str()) && bite.is_none_or(|x| x == b))
        };
        assert!(
            listed(&["price"], Some(price)),
            "{lang}: the price of {price} changed: {changes:?}"
        );
        assert!(
            listed(&["dates", "run-gone"], Some(dated)),
            "{lang}: the run of {dated} moved: {changes:?}"
        );
        if let Some(gone) = gone {
            assert!(
                listed(&["gone"], Some(gone)),
                "{lang}: {gone} left the catalogue: {changes:?}"
            );
            assert!(
                listed(&["path", "no-path"], None),
                "{lang}: the saved path is no longer offered: {changes:?}"
            );
        }
        let said = js(
            client,
            "return document.getElementById('changes').innerText;",
        )
        .await;
        let said = said.as_str().unwrap();
        let english = super::languages::english_in_said(said, lang);
        assert!(
            english.is_empty(),
            "{lang}: English in the changes: {english:?}\n{said}"
        );
        screenshot_all(client, 1280, &format!("changed-{lang}.png")).await;
        client.set_window_size(1280, 1000).await.unwrap();
        seen.push(format!("{lang}: {} changes", changes.len()));
    }

    // Files the page refuses, each with what is wrong.
    let (_, first) = &saved[0];
    let mut newer: Value = serde_json::from_str(first).unwrap();
    newer["version"] = json!(2);
    let mut wrong_budget: Value = serde_json::from_str(first).unwrap();
    wrong_budget["learner"]["constraints"]["budget_eur"] = json!("palju");
    // The page is in the language of the last file opened.
    let lang = saved[saved.len() - 1].0;
    for (name, body, key, needle) in [
        (
            "katki.json",
            first[..first.len() / 2].to_string(),
            "page-open-not-json-at",
            String::new(),
        ),
        (
            "uuem.json",
            newer.to_string(),
            "page-open-newer",
            "2".to_string(),
        ),
        (
            "eelarve.json",
            wrong_budget.to_string(),
            "page-open-field",
            "learner.constraints.budget_eur".to_string(),
        ),
        (
            "muu.json",
            json!({"hello": 1}).to_string(),
            "page-open-not-plan",
            "oppepala-plan".to_string(),
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, body).unwrap();
        open_saved(client, &file).await;
        let message = text(client, Locator::Css("#open-status .problem[role=alert]")).await;
        // The message's fixed words (its first few), the file's name and
        // what is wrong.
        let pattern = string(client, lang, key).await;
        let lead: String = pattern.split('{').next().unwrap().chars().take(6).collect();
        assert!(message.starts_with(&lead), "{key}: {message}");
        assert!(
            message.contains(name) && message.contains(&needle),
            "{key}: {message}"
        );
        seen.push(format!("{name}: {message}"));
    }
    format!(
        "catalogue changed: {} ({} ms)",
        seen.join("; "),
        started.elapsed().as_millis()
    )
}

/// When the service says no: "what next?" without the recommendations
/// endpoint (or with it, its list), and a budget no course fits, in the
/// language remembered from the last run.
async fn refusals(client: &Client, base: &str) -> String {
    client.set_window_size(1280, 1000).await.unwrap();
    open_page(client, base).await;
    let lang = page_lang(client).await;

    click(client, Locator::Css("input[name=goal-kind][value=next]")).await;
    assert!(!shown(client, Locator::Id("plan-go")).await);
    click(client, Locator::Id("next-ask")).await;
    let answer = wait_text(client, "#next-out .problem, #next-out .next-list").await;
    let missing = string(client, &lang, "page-next-missing").await;
    let next = if count(client, "#next-out .problem").await > 0 {
        assert_eq!(
            answer, missing,
            "a plain message when the endpoint is absent"
        );
        "recommendations: not on this server (message shown)"
    } else {
        assert!(count(client, "#next-out .next-list li").await > 0);
        "recommendations: listed"
    };

    // A budget of 1 EUR, no funding: the courses that cost more are out, and
    // the page says so in its own language.
    click(
        client,
        Locator::Css("input[name=goal-kind][value=qualification]"),
    )
    .await;
    tick(client, Locator::Css("input[name=study-lang][value=et]")).await;
    type_into(client, Locator::Id("budget"), "1").await;
    click(client, Locator::Css("#quals input[value=mq-dig-excel]")).await;
    click(client, Locator::Id("plan-go")).await;
    let said = wait_text(client, "#uncoverable .warn, #problem:not([hidden])").await;
    // The service's own sentence, in the page's language.
    let over_budget = match lang.as_str() {
        "et" => "üle sinu eelarve",
        "ru" => "больше вашего бюджета",
        _ => "over your budget",
    };
    assert!(said.contains(over_budget), "{said}");
    screenshot(client, &format!("refusal-{lang}.png")).await;

    // Switching language with an answer on the page asks again in the new
    // language.
    let other = if lang == "et" { "ru" } else { "et" };
    click(client, Locator::Css(&language_button(other))).await;
    let budget_there = if other == "et" {
        "üle sinu eelarve"
    } else {
        "больше вашего бюджета"
    };
    wait_js(
        client,
        &format!(
            "const w = document.querySelector('#uncoverable .warn'); return !!w && w.textContent.includes({budget_there:?});"
        ),
    )
    .await;

    // No complete path within 100 EUR for this one: no error, but the most
    // within the budget (or, when nothing fits, no courses), said in the
    // page's language, with what is left and the budget that would reach it.
    set_field(client, Locator::Id("budget"), "100").await;
    click(client, Locator::Css("#quals input[value=mq-retail-shop]")).await;
    click(client, Locator::Id("plan-go")).await;
    let left_title = string(client, other, "page-left-title").await;
    let problem = wait_text(client, "#paths .left").await;
    assert!(problem.starts_with(&left_title), "{problem}");
    // What would reach it: the budget, as a € figure (the cashier module
    // needs 145 €; the calendar no longer misses the runs that fit, which
    // had left it "not fitting the finish date or hours per week").
    assert!(problem.contains("€"), "what would reach it: {problem}");
    let summary = wait_text(client, "#paths .plan-summary").await;
    assert!(!summary.is_empty());
    assert!(
        !shown(client, Locator::Id("problem")).await,
        "a budget no complete path fits is no error"
    );
    screenshot(client, &format!("over-budget-{other}.png")).await;
    format!(
        "{lang}: {next}; budget 1 EUR: \"{}\"; said again in {other}; 100 EUR: \"{}\"",
        said.replace('\n', " / "),
        problem.replace('\n', " / ")
    )
}

/// "What next?" against a service that has recommendations: the list, the
/// demand, a next bite's details, and a recommended goal planned.
async fn what_next(client: &Client, base: &str) -> String {
    client.set_window_size(1280, 1000).await.unwrap();
    open_page(client, base).await;
    let lang = page_lang(client).await;
    tick(client, Locator::Css("input[name=study-lang][value=et]")).await;
    click(client, Locator::Css("input[name=goal-kind][value=next]")).await;
    click(client, Locator::Id("next-ask")).await;
    wait_css(client, "#next-out .next-list li").await;
    let listed = count(client, "#next-out .next-list li").await;
    assert!(listed >= 2, "targets and next bites are listed: {listed}");
    let said = text(client, Locator::Id("next-out")).await;
    // The default demand series are illustrative and every figure built
    // on them says so in the page's language, with the month the data end;
    // its source is named for people and linked to the data sources, never
    // a script path or a series id.
    let illustrative = match lang.as_str() {
        "et" => "Näitlikud arvud",
        "ru" => "Иллюстративные цифры",
        _ => "Illustrative figures",
    };
    assert!(
        said.contains(illustrative) && said.contains("2024"),
        "the demand figure is dated and said to be illustrative: {said}"
    );
    assert!(
        !said.contains("gen_demand") && !said.contains("isco:"),
        "no file path or series id for people: {said}"
    );
    assert!(
        count(client, "#next-out a[href='/app/sources.md']").await >= 1,
        "the source links to the data sources"
    );
    click(client, Locator::Css("#next-out button.link")).await;
    wait_css(client, "dialog#bite[open] dl.facts").await;
    click(client, Locator::Id("bite-close")).await;
    wait_js(client, "return !document.getElementById('bite').open;").await;
    // The first recommendation becomes the goal and is planned.
    click(
        client,
        Locator::Css("#next-out .next-list li button:not(.link)"),
    )
    .await;
    wait_css(client, "#paths .path").await;
    let chosen = js(
        client,
        "return document.querySelector('input[name=goal-kind]:checked').value;",
    )
    .await;
    // The first recommendation (a qualification or an occupation in
    // demand) is now the goal.
    assert!(
        chosen == "qualification" || chosen == "occupation",
        "{chosen}"
    );
    screenshot(client, &format!("next-{lang}.png")).await;
    let next_paths = count(client, "#paths .path").await;

    // An occupation as the goal, found by its name.
    click(
        client,
        Locator::Css("input[name=goal-kind][value=occupation]"),
    )
    .await;
    type_into(client, Locator::Id("goal-occ-q"), "cashier").await;
    wait_click(client, "#goal-occ-list li[role=option][id]").await;
    wait_js(
        client,
        "return document.getElementById('goal-occ-chosen').textContent.length > 2;",
    )
    .await;
    js(client, "window.oppepala.state.last = null; return true;").await;
    click(client, Locator::Id("plan-go")).await;
    wait_js(
        client,
        "const l = window.oppepala.state.last; return !!l && 'occupation' in l.target;",
    )
    .await;
    let occupation_paths = count(client, "#paths .path").await;
    let occupation_gap = count(client, "#gap table tbody tr").await;
    assert!(
        occupation_gap > 0,
        "an occupation's essential skills make a gap"
    );
    format!(
        "{lang}: what next? {listed} items; planned the first: {next_paths} paths; occupation 'cashier': {occupation_gap} gap items, {occupation_paths} paths"
    )
}

/// Every flow, in one browser session; returns a line per flow.
/// Unlocks as buttons that apply the change and plan again, and "why not
/// this course?" in a course's dialog (issue 16, items 2 and 6).
async fn unlocks_and_why_not(client: &Client, base: &str) -> String {
    client.set_window_size(1280, 1000).await.unwrap();
    open_page(client, base).await;
    switch_language(client, "en").await;
    // Estonian courses, online only, in Harju county, upper secondary.
    js(
        client,
        "document.querySelectorAll('input[name=study-lang]').forEach(b => b.checked = b.value === 'et'); document.querySelectorAll('input[name=mode]').forEach(b => b.checked = b.value === 'online'); document.getElementById('county').value = 'EE-37'; document.getElementById('education').value = '3'; document.getElementById('spoken-et').value = 'C2'; return true;",
    )
    .await;
    type_into(client, Locator::Id("qual-q"), "IT support").await;
    wait_click(client, "#quals input[value=mq-it-support]").await;
    click(client, Locator::Id("plan-go")).await;
    wait_css(client, "#uncoverable button.unlock").await;
    let before = count(client, "#uncoverable li").await;
    let item = js(
        client,
        "const b = document.querySelector('#uncoverable button.unlock'); const item = b.closest('li').querySelector('strong').textContent; b.click(); return item;",
    )
    .await;
    // Planned again with the change: that item can now be covered.
    wait_js(
        client,
        &format!(
            "return !document.getElementById('plan-go').disabled && document.querySelectorAll('#paths .path').length > 0 && ![...document.querySelectorAll('#uncoverable li > strong')].some(s => s.textContent === {item});"
        ),
    )
    .await;
    assert!(
        !shown(client, Locator::Id("problem")).await,
        "the plan made again has no problem"
    );
    let after = count(client, "#uncoverable li").await;
    // A course of another path: why is it not in the best one?
    let other = js(
        client,
        "const first = new Set([...document.querySelectorAll('#paths article.path:first-of-type .timeline button.step-title')].map(b => b.dataset.bite)); const other = [...document.querySelectorAll('#paths .path .timeline button.step-title')].find(b => !first.has(b.dataset.bite)); if (!other) return null; other.click(); return other.dataset.bite;",
    )
    .await;
    let mut why = String::new();
    if !other.is_null() {
        wait_css(client, "#bite-body .whynot").await;
        js(
            client,
            "const buttons = document.querySelectorAll('#bite-body button.link'); buttons[buttons.length - 1].click(); return true;",
        )
        .await;
        wait_js(
            client,
            "const w = document.querySelector('#bite-body .whynot'); return w && w.textContent.startsWith('“');",
        )
        .await;
        why = js(
            client,
            "return document.querySelector('#bite-body .whynot').textContent;",
        )
        .await
        .as_str()
        .unwrap()
        .to_string();
        click(client, Locator::Id("bite-close")).await;
    }
    format!(
        "unlocks: {before} items blocked, applied one for {item}, {after} left; why not {other}: {why}"
    )
}

async fn all_flows(client: Client, base: String) -> Vec<String> {
    let client = &client;
    let mut previous = None;
    let mut seen = Vec::new();
    let mut saved = Vec::new();
    for case in &CASES {
        seen.push(main_flow(client, &base, case, previous).await);
        if case.lang != "en" {
            let (line, file) = hand_over_and_reopen(client, &base, case.lang).await;
            seen.push(line);
            saved.push((case.lang, file));
        }
        previous = Some(case.lang);
    }
    seen.push(reopen_after_a_catalogue_change(client, &saved).await);

    seen.push(refusals(client, &base).await);
    seen.push(what_next(client, &base).await);
    seen.push(unlocks_and_why_not(client, &base).await);

    // A phone-width screen: nothing wider than the screen.
    client.set_window_size(360, 800).await.unwrap();
    wait_js(client, "return window.innerWidth <= 400;").await;
    let overflow = js(
        client,
        "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')].filter(e => e.getClientRects().length && e.getBoundingClientRect().right > w + 0.5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8);",
    )
    .await;
    assert_eq!(overflow, json!([]), "nothing wider than a phone screen");
    js(client, "window.scrollTo(0, 0); return true;").await;
    screenshot(client, "phone-top.png").await;
    js(
        client,
        "document.getElementById('results').scrollIntoView(); return true;",
    )
    .await;
    screenshot(client, "phone-results.png").await;
    screenshot_all(client, 360, "phone-all.png").await;

    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn main_flow_in_a_real_browser_in_three_languages() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let driver_path = find_program("OPPEPALA_CHROMEDRIVER", &["chromedriver"]);
    let browser_path = find_program(
        "OPPEPALA_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let (Some(driver_path), Some(browser_path)) = (driver_path, browser_path) else {
        assert!(
            !ci,
            "CI=true but chromium or chromedriver is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "SKIP it::browser::main_flow_in_a_real_browser_in_three_languages: chromium or chromedriver not found (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let started = Instant::now();

    // The service on the default data, on a free port.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app(state())).await });
    // chromedriver, and one browser session for all three runs.
    let port = free_port();
    let _driver = Driver(
        Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = tempfile::tempdir().unwrap();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": browser_path,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }),
    );
    let webdriver = format!("http://127.0.0.1:{port}");
    let client = {
        let mut attempt = 0;
        loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => break client,
                Err(e) if attempt < 100 => {
                    attempt += 1;
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        }
    };

    // The flows run as a task of their own so that a failing step still
    // lets the browser be closed (and a screenshot of the failure saved)
    // before the failure is reported.
    let flows = tokio::spawn(all_flows(client.clone(), base)).await;
    if flows.is_err()
        && let Ok(png) = client.screenshot().await
    {
        let _ = std::fs::write(artifacts().join("failure.png"), png);
    }
    let _ = client.close().await;
    let seen = match flows {
        Ok(seen) => seen,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    };
    for line in &seen {
        eprintln!("browser: {line}");
    }
    eprintln!(
        "browser: all runs in {} ms; artefacts in {}",
        started.elapsed().as_millis(),
        artifacts().display()
    );
}
