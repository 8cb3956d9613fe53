//! `POST /v1/cohorts/recommendations`: JSON Lines of `{id, learner}` in,
//! JSON Lines out in the same order, streamed. The body is read as it
//! arrives and answered in chunks of `recommend::cohort::CHUNK` lines on
//! the worker threads (the next chunk is read while one is answered), with
//! a bounded channel to the response, so memory stays bounded whatever the
//! cohort's size. A bad line gets an error object on its own output line
//! and the batch goes on. When the response is dropped (the client went
//! away, or the request was cut) the chunk being answered stops before its
//! next line, and no further chunk is started.
//!
//! This route has its own body limit, `cohort_body_limit_bytes` (default
//! 256 MiB, about 800 000 learners), instead of the global
//! `body_limit_bytes`; one line may be at most [`MAX_LINE`] bytes (a longer
//! one gets an error line and the batch goes on with the next).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, BusyProblems, JsonBodyProblems, Problem};
use super::extract::ApiQuery;
use crate::recommend::Options;
use crate::recommend::caseload::{CaseloadSummary, SummaryBuilder};
use crate::recommend::cohort::{CHUNK, LineOutcome};
use crate::service::allocate::AllocationAnswer;
use crate::service::recommend::CohortFormat;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(cohort_recommendations))
        .routes(routes!(allocate_cohort))
}

/// Options of an allocation.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AllocateQuery {
    /// Language of titles and reasons: `et`, `ru` or `en` (default `en`).
    pub lang: Option<String>,
    /// The planning day (2000-01-01–2100-12-31); default: the server's today.
    pub today: Option<chrono::NaiveDate>,
}

/// Seats shared across a caseload: the body is JSON Lines of `{"id": …,
/// "learner": {…}, "target": {…}?}` (no target: the one the learner would
/// follow among their recommendations); the answer gives each learner one
/// path so that no course run is over its seats, maximising the learners
/// who reach their target, then the missing items met, then the fewest
/// hours (priorities from `allocate_priorities`), with the reason and an
/// alternative for each learner who did not get their first choice, and
/// the optimality gap. Within the global body limit (about 3 000 learners
/// per MiB).
#[utoipa::path(post, path = "/v1/cohorts/allocate", tag = "recommendations",
    params(AllocateQuery),
    request_body(content = String, content_type = "application/x-ndjson", description = "JSON Lines of {id, learner, target?}"),
    responses(
        (status = 200, body = AllocationAnswer),
        (status = 422, description = "Invalid lang or today, or too many learners", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems,
        BusyProblems))]
async fn allocate_cohort(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<AllocateQuery>,
    body: Bytes,
) -> Result<axum::Json<AllocationAnswer>, ApiError> {
    let options =
        crate::service::allocate::check_options(query.lang.as_deref(), query.today, &state.config)?;
    let served = state.served.load_full();
    let answer = super::heavy(&state, move || {
        let text = String::from_utf8_lossy(&body);
        let lines: Vec<(usize, String)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i + 1, l.trim().to_string()))
            .collect();
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(crate::service::allocate::allocate(
            &served, &lines, &options, threads,
        )?)
    })
    .await?;
    Ok(axum::Json(answer))
}

/// The route's path (the body limit middleware gives it its own limit).
pub const PATH: &str = "/v1/cohorts/recommendations";

/// The longest input line accepted (one learner).
pub const MAX_LINE: usize = 256 << 10;

/// Options for the whole cohort.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CohortQuery {
    /// Language of titles, reasons and CSV headers: `et`, `ru` or `en` (default `en`).
    pub lang: Option<String>,
    /// Targets per learner, 1–10 (default 3).
    pub k: Option<usize>,
    /// `jsonl` (default), `csv` (one row per learner × target) or
    /// `summary` (one JSON object: the caseload summary); without it, an
    /// `Accept: text/csv` header asks for CSV.
    pub format: Option<String>,
    /// CSV cell separator: `semicolon` (default) or `comma`.
    pub separator: Option<String>,
    /// CSV: start with a UTF-8 byte order mark (default `true`).
    pub bom: Option<bool>,
}

/// Recommendations for a cohort: the body is JSON Lines of
/// `{"id": …, "learner": {…}}`; the answer is JSON Lines
/// `{"id", "recommendations"}` (`k` targets each, default 3) or
/// `{"id", "line", "error"}`, in input order, streamed; or, with
/// `format=csv` (or `Accept: text/csv`), CSV with one row per learner ×
/// target (`;` and a UTF-8 byte order mark unless asked otherwise, formula
/// cells neutralised); or, with `format=summary`, the caseload summary. The body may be up
/// to `cohort_body_limit_bytes` (default 256 MiB), a line up to 256 KiB.
#[utoipa::path(post, path = "/v1/cohorts/recommendations", tag = "recommendations",
    params(CohortQuery),
    request_body(content = String, content_type = "application/x-ndjson", description = "JSON Lines of {id, learner}"),
    responses(
        (status = 200, description = "JSON Lines, one per input line (format=jsonl); CSV, one row per learner × target (format=csv); or the caseload summary (format=summary)",
            content(
                (String = "application/x-ndjson"),
                (String = "text/csv"),
                (CaseloadSummary = "application/json"))),
        (status = 422, description = "Invalid lang, k, format, separator or bom", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems,
        BusyProblems))]
async fn cohort_recommendations(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CohortQuery>,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let options = crate::service::recommend::check_options(
        query.k,
        query.lang.as_deref(),
        None,
        crate::service::recommend::DEFAULT_COHORT_TARGETS,
        &state.config,
    )?;
    let wants_csv = headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.split(',').any(|m| m.trim().starts_with("text/csv")));
    let format = crate::service::recommend::check_cohort_format(
        query.format.as_deref().or(wants_csv.then_some("csv")),
        query.separator.as_deref(),
        query.bom,
        &options.lang,
    )?;
    let content_type = match &format {
        CohortFormat::Jsonl => "application/x-ndjson",
        CohortFormat::Csv(_) => "text/csv; charset=utf-8",
        CohortFormat::Summary => "application/json",
    };
    let summary = Arc::new(std::sync::Mutex::new(SummaryBuilder::default()));
    let permit = state.heavy.clone().try_acquire_owned().map_err(|_| {
        state.metrics.shed.inc();
        ApiError::Overloaded { retry_after_s: 1 }
    })?;
    let served = state.served.load_full();
    let (mut tx, out) = http_body_util::channel::Channel::<Bytes, std::io::Error>::new(2);
    let stop = Arc::new(AtomicBool::new(false));
    let out = StopOnDrop {
        body: out,
        stop: stop.clone(),
    };
    tokio::spawn(async move {
        let _permit = permit;
        // Made once per served data, off the async threads.
        let for_worker = served.clone();
        if super::on_workers(&state, move || {
            for_worker.recommendations();
        })
        .await
        .is_err()
        {
            return;
        }
        let mut reader = LineReader {
            body,
            pending: Vec::new(),
            number: 0,
            finished: false,
            failure: None,
            skipping: false,
        };
        let render = Render {
            format: format.clone(),
            summary: summary.clone(),
            served: served.clone(),
            lang: options.lang.clone(),
        };
        if let CohortFormat::Csv(csv) = &format
            && tx
                .send_data(Bytes::from(crate::service::recommend::cohort_csv_header(
                    csv,
                )))
                .await
                .is_err()
        {
            return;
        }
        let mut running: Option<Answering> = None;
        loop {
            // Read the next chunk while the previous one is answered.
            let next = reader.next_chunk().await;
            if let Some(handle) = running.take() {
                let Ok(text) = handle.await else {
                    // Each line is guarded, so this is a bug; the client is
                    // told that the answer ends here, not left guessing.
                    let _ = tx
                        .send_data(Bytes::from(render.error(None, STREAM_CUT)))
                        .await;
                    return;
                };
                if stop.load(Ordering::Relaxed) || tx.send_data(Bytes::from(text)).await.is_err() {
                    return; // the client went away
                }
            }
            match next {
                Read::Chunk(lines) => {
                    running = Some(answer(
                        &state,
                        lines,
                        render.clone(),
                        options.clone(),
                        stop.clone(),
                    ));
                }
                Read::Failed(number, message) => {
                    let _ = tx
                        .send_data(Bytes::from(render.error(number, &message)))
                        .await;
                    let _ = tx.send_data(Bytes::from(render.end())).await;
                    return;
                }
                Read::End => {
                    let _ = tx.send_data(Bytes::from(render.end())).await;
                    return;
                }
            }
        }
    });
    let mut response = Body::new(out).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    Ok(response)
}

/// The last line of an answer that had to stop early (no line of its own).
const STREAM_CUT: &str = "the answer stops here: an internal error (logged) ended it; \
     the lines after the last answered one were not answered";

/// How answered lines are written, in the asked format.
#[derive(Clone)]
struct Render {
    format: CohortFormat,
    summary: Arc<std::sync::Mutex<SummaryBuilder>>,
    served: Arc<crate::service::Served>,
    /// The language of the summary's words.
    lang: String,
}

impl Render {
    /// The answered lines, in order.
    fn lines(&self, outcomes: &[LineOutcome]) -> Vec<u8> {
        match &self.format {
            CohortFormat::Jsonl => {
                let mut out = Vec::new();
                for outcome in outcomes {
                    out.extend_from_slice(outcome.json.as_bytes());
                    out.push(b'\n');
                }
                out
            }
            CohortFormat::Csv(csv) => {
                crate::service::recommend::cohort_csv_rows(&self.served, outcomes, csv)
            }
            CohortFormat::Summary => {
                let mut summary = self.summary.lock().unwrap_or_else(|e| e.into_inner());
                crate::service::recommend::cohort_summary_add(&self.served, &mut summary, outcomes);
                Vec::new()
            }
        }
    }

    /// An error for input line `number` (or for the answer as a whole).
    fn error(&self, number: Option<usize>, message: &str) -> Vec<u8> {
        match &self.format {
            CohortFormat::Jsonl => error_line(number, message).into_bytes(),
            _ => self.lines(&[LineOutcome {
                line: number.unwrap_or(0),
                error: Some((String::new(), message.to_string())),
                ..LineOutcome::default()
            }]),
        }
    }

    /// What ends the answer: the summary, for that format.
    fn end(&self) -> Vec<u8> {
        match &self.format {
            CohortFormat::Summary => {
                let summary =
                    std::mem::take(&mut *self.summary.lock().unwrap_or_else(|e| e.into_inner()));
                let mut out =
                    serde_json::to_vec(&summary.finish(&self.lang)).expect("a summary serializes");
                out.push(b'\n');
                out
            }
            _ => Vec::new(),
        }
    }
}

/// A chunk being answered: its output lines, or `Err` when it failed.
type Answering = Pin<Box<dyn Future<Output = Result<Vec<u8>, ApiError>> + Send>>;

/// Answers a chunk on the worker threads, on all of them; stops before the
/// next line once `stop` is raised.
fn answer(
    state: &AppState,
    lines: Vec<(usize, Line)>,
    render: Render,
    options: Options,
    stop: Arc<AtomicBool>,
) -> Answering {
    let threads = state.workers.current_num_threads();
    Box::pin(super::on_workers(state, move || {
        let served = &render.served;
        let mut too_long = Vec::new();
        let texts: Vec<(usize, String)> = lines
            .into_iter()
            .filter_map(|(number, line)| match line {
                Line::Text(text) => Some((number, text)),
                Line::TooLong => {
                    too_long.push(number);
                    None
                }
            })
            .collect();
        let outcomes =
            crate::service::recommend::cohort_chunk(served, &texts, &options, threads, &stop);
        // Back into input order: the too-long lines between the answered ones.
        let mut out = Vec::new();
        let mut too_long = too_long.into_iter().peekable();
        let too_long_message = format!("line longer than {MAX_LINE} bytes");
        let mut start = 0;
        for (i, (number, _)) in texts.iter().enumerate() {
            if too_long.peek().is_some_and(|n| n < number) {
                out.extend(render.lines(&outcomes[start..i]));
                start = i;
                while let Some(skipped) = too_long.next_if(|n| n < number) {
                    out.extend(render.error(Some(skipped), &too_long_message));
                }
            }
        }
        out.extend(render.lines(&outcomes[start..]));
        for skipped in too_long {
            out.extend(render.error(Some(skipped), &too_long_message));
        }
        out
    }))
}

/// The response body: raises `stop` when hyper drops it (the answer was
/// sent whole, the client went away, or the request was cut), so the
/// chunk being answered stops.
struct StopOnDrop<B> {
    body: B,
    stop: Arc<AtomicBool>,
}

impl<B: axum::body::HttpBody + Unpin> axum::body::HttpBody for StopOnDrop<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

impl<B> Drop for StopOnDrop<B> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

enum Read {
    /// Up to `CHUNK` numbered lines (never empty).
    Chunk(Vec<(usize, Line)>),
    /// The body broke: an error for this line number, with this message,
    /// ends the answer.
    Failed(Option<usize>, String),
    /// The body is done.
    End,
}

/// Splits the body into numbered lines as it arrives.
struct LineReader {
    body: Body,
    pending: Vec<u8>,
    number: usize,
    finished: bool,
    /// An error to send after the lines read before it are answered.
    failure: Option<(Option<usize>, String)>,
    /// Reading past the end of a line that was too long.
    skipping: bool,
}

impl LineReader {
    async fn next_chunk(&mut self) -> Read {
        if let Some((number, message)) = self.failure.take() {
            return Read::Failed(number, message);
        }
        let mut chunk: Vec<(usize, Line)> = Vec::with_capacity(CHUNK);
        let mut searched = 0;
        while chunk.len() < CHUNK {
            if let Some(at) = self.pending[searched..].iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=searched + at).collect();
                searched = 0;
                if self.skipping {
                    // The rest of a line that was too long: dropped.
                    self.skipping = false;
                } else {
                    self.number += 1;
                    push_line(&mut chunk, self.number, &line);
                }
                continue;
            }
            if self.skipping || self.pending.len() > MAX_LINE {
                // No newline yet and the line is already too long: it gets
                // an error line of its own, the rest of it is read and
                // dropped, and the batch goes on with the next line.
                if !self.skipping {
                    self.number += 1;
                    chunk.push((self.number, Line::TooLong));
                    self.skipping = true;
                }
                self.pending.clear();
            }
            searched = self.pending.len();
            if self.finished {
                break;
            }
            match self.body.frame().await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        self.pending.extend_from_slice(&data);
                    }
                }
                Some(Err(_)) => {
                    // The body broke (or passed the size limit): stop here.
                    self.number += 1;
                    return self.fail(
                        chunk,
                        "the request body ended early or is larger than the limit".into(),
                    );
                }
                None => {
                    self.finished = true;
                    searched = 0;
                    if !self.pending.is_empty() && !self.skipping {
                        self.number += 1;
                        let line = std::mem::take(&mut self.pending);
                        push_line(&mut chunk, self.number, &line);
                    }
                }
            }
        }
        if chunk.is_empty() {
            Read::End
        } else {
            Read::Chunk(chunk)
        }
    }

    /// Ends the answer with an error line, after the lines read before it
    /// (returned now, when there are any; the error comes on the next call).
    fn fail(&mut self, chunk: Vec<(usize, Line)>, message: String) -> Read {
        self.finished = true;
        self.pending = Vec::new();
        if chunk.is_empty() {
            Read::Failed(Some(self.number), message)
        } else {
            self.failure = Some((Some(self.number), message));
            Read::Chunk(chunk)
        }
    }
}

/// An error line (with its newline) for input line `number`.
fn error_line(number: Option<usize>, message: &str) -> String {
    let error = serde_json::json!({"id": null, "line": number,
        "error": {"field": "", "message": message}});
    format!("{error}\n")
}

/// One input line as read.
enum Line {
    /// The line's text (trimmed, not empty).
    Text(String),
    /// Longer than [`MAX_LINE`]: answered with an error, not parsed.
    TooLong,
}

fn push_line(chunk: &mut Vec<(usize, Line)>, number: usize, line: &[u8]) {
    let text = String::from_utf8_lossy(line).trim().to_string();
    if !text.is_empty() {
        chunk.push((number, Line::Text(text)));
    }
}
