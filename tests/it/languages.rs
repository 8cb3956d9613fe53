//! Every word in the learner's language (issue 17): every answer type of
//! the API (gap, paths, recommendations, a cohort line, bites,
//! qualifications, occupations, skills, demand, problem documents) and the
//! command line's text output, for the example learners (`data/examples`),
//! in Estonian and Russian, must hold no English word outside ids, URIs,
//! codes and labels the answer marks as being in another language
//! (`label_lang`, `title_lang`, `description_lang`, a skill hit's `lang`;
//! a localized map's `en` entry).
//!
//! English words are the common English words below and the words of the
//! English catalogues (`crates/core/messages/**/en.ftl`) that are not
//! Estonian words too. No text is exempt for being "not yet converted":
//! every sentence the service writes comes from the message catalogue.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use oppepala::api::app;
use oppepala::config::Config;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::support;

/// Keys whose values are ids, codes, URIs or the data's own names (not
/// sentences of the service): never read as words.
const CODE_KEYS: &[&str] = &[
    "uri",
    "skill",
    "bite",
    "id",
    "code",
    "type",
    "lang",
    "label_lang",
    "text_lang",
    "title_lang",
    "description_lang",
    "mode",
    "assessment",
    "credential",
    "funding",
    "languages",
    "field",
    "region",
    "kind",
    "rule",
    "objective",
    "relation",
    "skill_type",
    "reuse_level",
    "url",
    "isco_code",
    "request_id",
    "qualification",
    "occupation",
    "of",
    "unknown",
    "conflicts",
    "name",
    "version",
    "subject",
    "snippets",
    "provider",
    "awarding_body",
    "learning_setting",
    "start",
    "end",
    "finish",
    "as_of",
    "period",
    "month",
    "status",
    "features",
    "kinds",
    "outcome",
    "counts",
];

/// Paths whose texts are technical causes for a client's developer, in
/// English by design: a problem's `errors[].message` (a parser's or a
/// validator's words; a person reads `title` and `detail`) and a cohort
/// error line's `error.message`.
/// The same for `source_detail` and `/v1/demand`'s `series[].source`
/// (script paths and series ids behind a demand figure, beside the
/// source's name for people in `source`).
const TECHNICAL: &[&str] = &[
    "errors[].message",
    "error.message",
    "source_detail[]",
    "series[].source",
];

/// Names that are English words but are names here (software, standards).
const NAMES: &[&str] = &[
    "microsoft",
    "office",
    "excel",
    "word",
    "windows",
    "python",
    "google",
    "outlook",
    "teams",
    "powerpoint",
    "access",
    "linux",
    "java",
    "http",
    "https",
    "json",
    "api",
    "bearer",
    "authorization",
    "application",
    "mb",
    "eurostat",
    "cedefop",
];

/// Common English words (and the service's own English words, added from
/// en.ftl at run time).
const COMMON_ENGLISH: &str = "the be to of and a in that have it for not on with he as you do at this but
his by from they we say her she or an will my one all would there their what so up out if about who get
which go me when make can like time no just him know take people into year your good some could them see
other than then now look only come its over think also back after use two how our work first well way
even new want because any these give day most us is are was were been has had did does said made found
needs need holds hold missing skill skills level path paths course courses hour hours week weeks cheapest
fewest quickest finish finishing meets meet module modules required prerequisite learner learners bad
line lines median step steps demand jobs job employers expected illustrative data county free online
onsite blended certificate participation practical test demonstration portfolio project language
estonian russian english retail care logistics construction hospitality digital manufacturing support
nothing every requirement requirements cannot covered rule rules optimal proven page warning query
cut characters matches match name other spelling preferred alternative hidden alt budget cost costs
over found within time planner invalid request field fields wrong value unknown ids not found endpoint
method allowed payload large larger than bytes unsupported media type key required forbidden may conflict
conflicts current state too many requests client try again seconds busy timed took long stopped internal
error fault side quote reporting malformed body valid inclusive least total done by starts start end
needed gives adds minimum choose from one of the modules why note estimate details provider workload
price funding sessions assessment credential quality assurance outcomes close generic network check
reach service could print view download order title hours euros weekly study studying goal occupation
qualification micro recommendations recommendation next show chosen choose alternative best possible
shorter exists empty help type pick suggestions arrow keys enter untick main added remove basic
intermediate advanced expert circumstances languages live does matter weekly earliest optional want
reach missing labour market high medium low months source as of held modules also teaches teach reached
region another dates outside sessions listed fit give most once unit units counts count score scores
reason reasons explanation label labels why calendar continuation introduction beginners advanced
registered unemployed working adults everyone employer training credit";

/// Estonian words that are also English words (never flagged in a text).
const ESTONIAN_HOMOGRAPHS: &[&str] = &[
    "on",
    "see",
    "need",
    "all",
    "and",
    "tee",
    "test",
    "era",
    "hall",
    "pale",
    "mis",
    "kas",
    "ta",
    "no",
    "oma",
    "ise",
    "ka",
    "ei",
    "et",
    "ole",
    "saab",
    "pere",
    "selle",
    "maa",
    "tase",
    "ring",
    "mall",
    "kool",
    "tool",
    "aas",
    "just",
    "iga",
    "mai",
    "aga",
    "vaid",
    "projekt",
    "portfoolio",
    "demo",
    "online",
    "it",
    "pass",
    "start",
    "stop",
    "hind",
    "lane",
    "kiri",
    "tore",
    "haige",
    "vale",
];

/// The English words: common ones and the English catalogues' own, less
/// any word the Estonian catalogues use.
fn english_words() -> &'static BTreeSet<String> {
    static WORDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let root = support::root().join("crates/core/messages");
        let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
        let english = read("en.ftl") + &read("page/en.ftl");
        let estonian = read("et.ftl") + &read("page/et.ftl");
        let words_of = |text: &str| -> BTreeSet<String> {
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .flat_map(|l| {
                    l.split_once(" = ")
                        .map_or(l, |(_, v)| v)
                        .split(|c: char| !c.is_alphabetic())
                })
                .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
                .map(str::to_lowercase)
                .collect()
        };
        let in_estonian = words_of(&estonian);
        let mut words: BTreeSet<String> = COMMON_ENGLISH
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        words.extend(
            words_of(&english)
                .into_iter()
                .filter(|w| !in_estonian.contains(w)),
        );
        for w in ESTONIAN_HOMOGRAPHS.iter().chain(NAMES) {
            words.remove(*w);
        }
        // Single letters and Fluent's own words are not evidence.
        for w in ["n", "s", "one", "other", "few", "many"] {
            words.remove(w);
        }
        words
    })
}

/// The English words in `text`: words of Latin letters only (a word with
/// õ, ä or a Cyrillic letter is not English), outside `code spans`, URIs
/// and ids (anything with a digit, `_`, `/`, `.` or `:` inside); a
/// hyphenated word is English when all its parts are.
pub fn english_in(text: &str) -> Vec<String> {
    let words = english_words();
    let mut found = Vec::new();
    let without_code: String = text
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ");
    for token in
        without_code.split(|c: char| c.is_whitespace() || ",;()[]{}«»„“\"!?…—–·≈".contains(c))
    {
        let token = token.trim_matches(|c: char| ".:'’".contains(c));
        if token.is_empty()
            || token.contains("://")
            || token
                .chars()
                .any(|c| c.is_ascii_digit() || "_/.:@#=<>".contains(c))
            || !token
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
        {
            continue;
        }
        let lower = token.to_lowercase();
        let parts: Vec<&str> = lower.split('-').filter(|p| !p.is_empty()).collect();
        if !parts.is_empty() && parts.iter().all(|p| words.contains(*p)) {
            found.push(token.to_owned());
        }
    }
    found
}

fn matches_path(pattern: &str, path: &str) -> bool {
    path == pattern || path.ends_with(&format!(".{pattern}"))
}

/// Names the data have only in another language than `lang` (bite and
/// qualification titles, ESCO skill and occupation labels), by each of
/// their lowercased words. A sentence names them as the data have them
/// ("закрывает: prepare main engines for navigation operations …"): they are not the service's
/// words, so the check takes them out before looking for English.
fn fallback_names(lang: &str) -> &'static NamesByWord {
    static NAMES: OnceLock<Vec<(String, NamesByWord)>> = OnceLock::new();
    let all = NAMES.get_or_init(|| {
        let root = support::root();
        let taxonomy = oppepala::taxonomy::Taxonomy::load(root.join("data/taxonomy.bin")).unwrap();
        ["et", "ru"]
            .into_iter()
            .map(|lang| {
                let mut names: Vec<String> = Vec::new();
                for file in ["data/bites.jsonl", "data/qualifications.jsonl"] {
                    let text = std::fs::read_to_string(root.join(file)).unwrap();
                    for row in text
                        .lines()
                        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                    {
                        if row["title"][lang].is_null() {
                            names.extend(row["title"]["en"].as_str().map(str::to_owned));
                        }
                    }
                }
                let skills = taxonomy.skills().filter_map(|s| s.label_with_lang(lang));
                let occupations = taxonomy
                    .occupations()
                    .filter_map(|o| o.label_with_lang(lang));
                for (label, in_lang) in skills.chain(occupations) {
                    if in_lang != lang {
                        names.push(label.to_owned());
                    }
                }
                let mut by_word: std::collections::HashMap<String, Vec<String>> =
                    std::collections::HashMap::new();
                for name in names {
                    for word in name
                        .split(|c: char| !c.is_alphabetic())
                        .filter(|w| !w.is_empty())
                    {
                        by_word
                            .entry(word.to_lowercase())
                            .or_default()
                            .push(name.clone());
                    }
                }
                for list in by_word.values_mut() {
                    list.sort_by_key(|n| std::cmp::Reverse(n.len()));
                    list.dedup();
                }
                (lang.to_owned(), by_word)
            })
            .collect()
    });
    static EMPTY: OnceLock<NamesByWord> = OnceLock::new();
    all.iter()
        .find(|(l, _)| l == lang)
        .map_or_else(|| EMPTY.get_or_init(Default::default), |(_, names)| names)
}

/// Names by each of their lowercased words.
type NamesByWord = std::collections::HashMap<String, Vec<String>>;

/// [`english_in`], less the names the data have only in another language
/// ([`fallback_names`]) that `text` holds.
pub fn english_in_said(text: &str, lang: &str) -> Vec<String> {
    let english = english_in(text);
    if english.is_empty() {
        return english;
    }
    let names = fallback_names(lang);
    let mut text = text.to_owned();
    for word in &english {
        for name in names.get(&word.to_lowercase()).into_iter().flatten() {
            if text.contains(name.as_str()) {
                text = text.replace(name.as_str(), " ");
            }
        }
    }
    english_in(&text)
}

/// English words in a JSON answer asked for in `lang`, as `path: "text"`.
pub fn english_in_json(value: &Value, lang: &str) -> Vec<String> {
    let mut found = Vec::new();
    walk(value, "", lang, &mut found);
    found
}

fn walk(value: &Value, path: &str, lang: &str, found: &mut Vec<String>) {
    match value {
        Value::String(text) => {
            if TECHNICAL.iter().any(|p| matches_path(p, path)) {
                return;
            }
            let english = english_in_said(text, lang);
            if !english.is_empty() {
                found.push(format!("{path}: {english:?} in {text:?}"));
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), lang, found);
            }
        }
        Value::Object(map) => {
            // A localized map (`{"et": …, "ru": …, "en": …}`): its keys name
            // the language of each entry.
            let localized = !map.is_empty()
                && map
                    .keys()
                    .all(|k| k.len() == 2 && k.chars().all(|c| c.is_ascii_lowercase()));
            for (key, item) in map {
                if CODE_KEYS.contains(&key.as_str()) || (localized && key != lang) {
                    continue;
                }
                // A text marked as being in another language.
                let marked = [
                    ("label", "label_lang"),
                    ("label", "lang"),
                    ("title", "title_lang"),
                    ("description", "description_lang"),
                ]
                .iter()
                .any(|(field, marker)| {
                    key == field
                        && map
                            .get(*marker)
                            .and_then(Value::as_str)
                            .is_some_and(|l| l != lang)
                });
                if marked {
                    continue;
                }
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(item, &child, lang, found);
            }
        }
        _ => {}
    }
}

// ---- the answers ----------------------------------------------------------

const EXAMPLES: [(&str, &str); 4] = [
    ("cashier-to-it-support.json", "mq-it-support"),
    ("ru-care-worker.json", "mq-care-elderly"),
    ("unemployed-warehouse-worker.json", "mq-log-forklift"),
    ("ru-cnc-operator.json", "mq-man-cnc-operator"),
];

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(support::root().join("data/examples").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn call(request: Request<Body>) -> (u16, String) {
    let state = support::TestApp::state(Config::default());
    let response = app(state).oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post(uri: &str, body: &Value) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Every answer type in `lang`: (what, status, body).
async fn answers(lang: &str) -> Vec<(String, u16, String)> {
    let mut out = Vec::new();
    let mut push = |what: String, (status, body): (u16, String)| out.push((what, status, body));
    for (file, qualification) in EXAMPLES {
        let learner = example(file);
        let target = json!({"qualification": qualification});
        let body =
            json!({"learner": learner, "target": target, "lang": lang, "today": "2027-01-04"});
        push(format!("gap {file}"), call(post("/v1/gap", &body)).await);
        push(
            format!("paths {file}"),
            call(post("/v1/paths", &body)).await,
        );
        let body = json!({"learner": learner, "k": 5, "lang": lang, "today": "2027-01-04"});
        push(
            format!("recommendations {file}"),
            call(post("/v1/recommendations", &body)).await,
        );
    }
    // A cohort of the example learners: one answer line each.
    let cohort: String = EXAMPLES
        .iter()
        .map(|(file, _)| json!({"id": file, "learner": example(file)}).to_string() + "\n")
        .collect();
    let request = Request::post(format!(
        "/v1/cohorts/recommendations?lang={lang}&today=2027-01-04"
    ))
    .header(header::CONTENT_TYPE, "application/x-ndjson")
    .body(Body::from(cohort))
    .unwrap();
    let (status, text) = call(request).await;
    for (i, line) in text.lines().enumerate() {
        out.push((format!("cohort line {}", i + 1), status, line.to_string()));
    }
    let mut push = |what: String, (status, body): (u16, String)| out.push((what, status, body));
    push(
        "bite search".into(),
        call(get(&format!("/v1/bites?q=kassa&lang={lang}&per_page=5"))).await,
    );
    push(
        "bite".into(),
        call(get(&format!("/v1/bites/ret-cash-1?lang={lang}"))).await,
    );
    push(
        "bite".into(),
        call(get(&format!("/v1/bites/care-aid-1c?lang={lang}"))).await,
    );
    push(
        "qualifications".into(),
        call(get(&format!("/v1/qualifications?lang={lang}"))).await,
    );
    push(
        "qualification".into(),
        call(get(&format!(
            "/v1/qualifications/mq-care-elderly?lang={lang}"
        )))
        .await,
    );
    // shop assistant: ESCO names it in en and et, not in ru.
    let occupation = "http://data.europa.eu/esco/occupation/0b15375e-dfdd-4047-9efb-096e0aaee7d2";
    push(
        "occupations".into(),
        call(get(&format!("/v1/occupations?q=kassa&lang={lang}"))).await,
    );
    push(
        "occupation".into(),
        call(get(&format!(
            "/v1/occupations/{}?lang={lang}",
            enc(occupation)
        )))
        .await,
    );
    let skill = "http://data.europa.eu/esco/skill/24f980ba-b44f-4739-b563-205104c3190d";
    push(
        "skill lookup".into(),
        call(get(&format!("/v1/skills?q=Excel&lang={lang}"))).await,
    );
    push(
        "skill".into(),
        call(get(&format!("/v1/skills/{}?lang={lang}", enc(skill)))).await,
    );
    push(
        "demand".into(),
        call(get(&format!(
            "/v1/demand?occupation={}&lang={lang}",
            enc(occupation)
        )))
        .await,
    );
    // Problem documents: the language from the body, the query or
    // Accept-Language.
    let problems = [
        post(
            "/v1/gap",
            &json!({"learner": {"competences": []}, "target": {"qualification": "mq-nope"}, "lang": lang}),
        ),
        post(
            "/v1/paths",
            &json!({"learner": {"competences": [{"skill": "x", "level": 9}]}, "target": {}, "lang": lang}),
        ),
        Request::post("/v1/gap")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::from("{not json"))
            .unwrap(),
        Request::post("/v1/gap")
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::from("{}"))
            .unwrap(),
        get(&format!("/v1/bites/no-such-bite?lang={lang}")),
        get(&format!("/v1/no-such-route?lang={lang}")),
        Request::delete(format!("/v1/gap?lang={lang}"))
            .body(Body::empty())
            .unwrap(),
        Request::delete(format!("/v1/bites/ret-cash-1?lang={lang}"))
            .body(Body::empty())
            .unwrap(),
        get(&format!("/v1/skills?q={}&lang={lang}", "x".repeat(600))),
        get(&format!("/v1/skills?q=x&limit=500&lang={lang}")),
    ];
    for request in problems {
        let what = format!("problem {} {}", request.method(), request.uri().path());
        let answer = call(request).await;
        out.push((what, answer.0, answer.1));
    }
    // A budget no path fits.
    let mut learner = example("cashier-to-it-support.json");
    learner["constraints"]["budget_eur"] = json!(1);
    learner["constraints"]["funding"] = json!([]);
    let body = json!({"learner": learner, "target": {"qualification": "mq-retail-shop"}, "lang": lang, "today": "2027-01-04"});
    let answer = call(post("/v1/paths", &body)).await;
    out.push(("problem over budget".into(), answer.0, answer.1));
    out
}

async fn check_answers(lang: &str) {
    let mut problems = Vec::new();
    let mut kinds = BTreeSet::new();
    for (what, status, body) in answers(lang).await {
        let value: Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{what}: {status} {e}: {body}"));
        if status >= 400 {
            assert!(
                value["code"].is_string(),
                "{what}: a problem document: {body}"
            );
            assert_ne!(status, 500, "{what}: {body}");
        }
        kinds.insert(what.split(' ').next().unwrap().to_string());
        for english in english_in_json(&value, lang) {
            problems.push(format!("{what} ({status}): {english}"));
        }
    }
    assert!(
        kinds.len() >= 12,
        "every answer type was asked for: {kinds:?}"
    );
    assert!(
        problems.is_empty(),
        "English in {lang} answers:\n{}",
        problems.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn estonian_answers_hold_no_english() {
    check_answers("et").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn russian_answers_hold_no_english() {
    check_answers("ru").await;
}

// ---- the command line ---------------------------------------------------------

/// English words in the CLI's text for the example learners in `lang`,
/// less labels and titles it marks as being in another language.
fn cli_english(lang: &str, dir: &tempfile::TempDir) -> Vec<String> {
    let root = support::root();
    let data = root.join("data");
    let data = data.to_str().unwrap();
    let models = root.join("models");
    let models = models.to_str().unwrap();
    // The index is built on first use, once for both languages.
    let index = dir.path().join("index");
    let index = index.to_str().unwrap();
    let mut found = Vec::new();
    for (file, qualification) in EXAMPLES {
        let learner = root.join("data/examples").join(file);
        let learner = learner.to_str().unwrap();
        let target = format!("qualification:{qualification}");
        for command in ["gap", "plan"] {
            let mut args = vec![
                command,
                "--learner",
                learner,
                "--target",
                &target,
                "--lang",
                lang,
                "--data-dir",
                data,
                "--models-dir",
                models,
            ];
            if command == "plan" {
                args.extend(["--today", "2027-01-04"]);
            }
            let (ok, text, stderr) = support::oppepala(&args, dir.path());
            assert!(ok, "{command} {file}: {stderr}");
            args.push("--json");
            let (ok, json, stderr) = support::oppepala(&args, dir.path());
            assert!(ok, "{command} {file} --json: {stderr}");
            let answer: Value = serde_json::from_str(&json).unwrap();
            let mut marked = Vec::new();
            // Labels and titles the CLI marks as being in another language
            // ("IT user support for beginners (en)").
            for item in answer["items"]
                .as_array()
                .into_iter()
                .chain(answer["gap"].as_array())
                .flatten()
            {
                if let Some(label) = item["label"].as_str() {
                    marked.push(format!("{label} (en)"));
                }
            }
            marked.extend(fallback_titles(lang));
            let mut text = text;
            marked.sort_by_key(|t| std::cmp::Reverse(t.len()));
            for t in marked {
                text = text.replace(&t, " ");
            }
            for word in english_in_said(&text, lang) {
                found.push(format!("{command} {file}: {word:?}"));
            }
        }
    }
    for (command, query) in [("search", "kassa"), ("skills", "klienditeenindus")] {
        let args = [
            command,
            query,
            "--lang",
            lang,
            "--data-dir",
            data,
            "--index-dir",
            index,
        ];
        let (ok, text, stderr) = support::oppepala(&args, dir.path());
        assert!(ok, "{command}: {stderr}");
        // A skill hit's label in another language is marked with its code.
        let mut text = text;
        for title in fallback_titles(lang) {
            text = text.replace(&title, " ");
        }
        let text: String = text
            .lines()
            .filter(|l| command != "skills" || !l.contains(" (en, "))
            .collect::<Vec<_>>()
            .join("\n");
        for word in english_in(&text) {
            found.push(format!("{command}: {word:?}"));
        }
    }
    // The cohort summary (standard error) for the example learners.
    let cohort = dir.path().join("cohort.jsonl");
    let lines: String = EXAMPLES
        .iter()
        .map(|(file, _)| json!({"id": file, "learner": example(file)}).to_string() + "\n")
        .collect();
    std::fs::write(&cohort, lines).unwrap();
    let out = dir.path().join("out.jsonl");
    let args = [
        "recommend",
        "--cohort",
        cohort.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--lang",
        lang,
        "--today",
        "2027-01-04",
        "--data-dir",
        data,
        "--models-dir",
        models,
    ];
    let (ok, _, stderr) = support::oppepala(&args, dir.path());
    assert!(ok, "recommend: {stderr}");
    let summary = stderr.lines().last().unwrap_or("");
    assert!(
        summary.contains('4'),
        "the summary counts 4 learners: {summary}"
    );
    for word in english_in(summary) {
        found.push(format!("recommend summary: {word:?} in {summary:?}"));
    }
    found
}

/// The titles of bites that have none in `lang`, as the CLI marks them:
/// the English title and "(en)".
fn fallback_titles(lang: &str) -> Vec<String> {
    let bites = std::fs::read_to_string(support::root().join("data/bites.jsonl")).unwrap();
    bites
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|bite| bite["title"][lang].is_null())
        .filter_map(|bite| bite["title"]["en"].as_str().map(|t| format!("{t} (en)")))
        .collect()
}

#[test]
fn the_command_line_speaks_estonian_and_russian() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["et", "ru"] {
        let found = cli_english(lang, &dir);
        assert!(
            found.is_empty(),
            "English in the {lang} CLI output:\n{}",
            found.join("\n")
        );
    }
}

// ---- the check itself --------------------------------------------------------

#[test]
fn the_check_finds_english_and_passes_marked_and_coded_text() {
    assert!(english_in("Missing (4 skill(s))").contains(&"Missing".to_string()));
    assert!(!english_in("Tunnistus: certificate-of-participation").is_empty());
    assert!(!english_in("1 courses, 21 learners (1 bad lines)").is_empty());
    assert!(english_in("Puudu: 4 oskust — vaja tase 2, sul on 0").is_empty());
    assert!(english_in("Не хватает: 4 навыков").is_empty());
    assert!(
        english_in(
            "see `Authorization: Bearer <key>` http://data.europa.eu/esco/skill/x ret-cash-1b"
        )
        .is_empty()
    );
    assert!(english_in("IT-tugi, Microsoft Office Excel").is_empty());
    let answer = json!({
        "items": [
            {"skill": "http://x", "label": "customer service", "label_lang": "en"},
            {"skill": "http://y", "label": "customer service", "label_lang": "et"},
        ],
        "title": {"et": "Kassatöö", "en": "Cash desk work"},
        "paths": [{"label": "fewest hours", "kinds": ["fewest-hours"]}],
        "assessment": "practical-test",
    });
    let found = english_in_json(&answer, "et");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("items[].label"), "{found:?}");
    assert!(found[1].starts_with("paths[].label"), "{found:?}");
    // An ESCO skill the data name only in English, named in a sentence, is
    // the data's name, not the service's words; the sentence around it is.
    let named = "закрывает: prepare main engines for navigation operations (уровень 1)";
    assert!(english_in_said(named, "ru").is_empty(), "{named}");
    let sentence = "meets: prepare main engines for navigation operations (level 1)";
    assert!(!english_in_said(sentence, "ru").is_empty());
}
