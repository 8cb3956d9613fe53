//! `POST /v1/cohorts/recommendations`: JSON Lines of `{id, learner}` in,
//! JSON Lines out in the same order, streamed. The body is read as it
//! arrives and answered in chunks of `recommend::cohort::CHUNK` lines on
//! the blocking pool, with a bounded channel to the response, so memory
//! stays bounded whatever the cohort's size. A bad line gets an error
//! object on its own output line and the batch goes on.
//!
//! The global body limit (`body_limit_bytes`) applies to this route too:
//! about 3 000 learners per request at the default 1 MiB; larger cohorts
//! go through `oppepala recommend --cohort` or several requests.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, Problem};
use crate::recommend::Options;
use crate::recommend::cohort::{self, CHUNK};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(cohort_recommendations))
}

/// The longest input line accepted (one learner).
const MAX_LINE: usize = 256 << 10;

/// Recommendations for a cohort: the body is JSON Lines of
/// `{"id": …, "learner": {…}}`; the answer is JSON Lines
/// `{"id", "recommendations"}` (3 targets each) or `{"id", "line", "error"}`,
/// in input order, streamed.
#[utoipa::path(post, path = "/v1/cohorts/recommendations", tag = "recommendations",
    request_body(content = String, content_type = "application/x-ndjson", description = "JSON Lines of {id, learner}"),
    responses(
        (status = 200, description = "JSON Lines, one per input line", content_type = "application/x-ndjson", body = String),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After seconds", body = Problem, content_type = "application/problem+json")))]
async fn cohort_recommendations(
    State(state): State<AppState>,
    body: Body,
) -> Result<Response, ApiError> {
    let permit = state.heavy.clone().try_acquire_owned().map_err(|_| {
        state.metrics.shed.inc();
        ApiError::Overloaded { retry_after_s: 1 }
    })?;
    let served = state.served.load_full();
    let options = Options {
        k: 3,
        lang: "en".into(),
        today: chrono::Local::now().date_naive(),
        plan_budget: std::time::Duration::from_millis((state.config.planner_budget_ms / 8).max(5)),
    };
    let (mut tx, out) = http_body_util::channel::Channel::<Bytes, std::io::Error>::new(2);
    let mut body = body;
    tokio::spawn(async move {
        let _permit = permit;
        let mut pending: Vec<u8> = Vec::new();
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
        let mut number = 0usize;
        let mut finished = false;
        while !finished {
            // Fill a chunk of lines from the body as it arrives.
            while chunk.len() < CHUNK {
                if let Some(end) = pending.iter().position(|b| *b == b'\n') {
                    let line: Vec<u8> = pending.drain(..=end).collect();
                    number += 1;
                    push_line(&mut chunk, number, &line);
                    continue;
                }
                if finished {
                    break;
                }
                match body.frame().await {
                    Some(Ok(frame)) => {
                        if let Ok(data) = frame.into_data() {
                            pending.extend_from_slice(&data);
                        }
                        if pending.len() > MAX_LINE && !pending.contains(&b'\n') {
                            number += 1;
                            pending.clear();
                            chunk.push((number, String::new()));
                            let _ = tx
                                .send_data(Bytes::from(format!(
                                    "{{\"id\":null,\"line\":{number},\"error\":{{\"field\":\"\",\"message\":\"line longer than {MAX_LINE} bytes\"}}}}\n"
                                )))
                                .await;
                            return;
                        }
                    }
                    Some(Err(_)) => {
                        // The body broke (or passed the size limit): stop here.
                        let _ = tx
                            .send_data(Bytes::from(format!(
                                "{{\"id\":null,\"line\":{},\"error\":{{\"field\":\"\",\"message\":\"the request body ended early or is larger than the limit\"}}}}\n",
                                number + 1
                            )))
                            .await;
                        return;
                    }
                    None => {
                        finished = true;
                        if !pending.is_empty() {
                            number += 1;
                            let line = std::mem::take(&mut pending);
                            push_line(&mut chunk, number, &line);
                        }
                    }
                }
            }
            if chunk.is_empty() {
                continue;
            }
            let lines = std::mem::take(&mut chunk);
            let served = served.clone();
            let options = options.clone();
            let answered = tokio::task::spawn_blocking(move || {
                let outcomes = cohort::answer_chunk(
                    &lines,
                    &served.catalogue,
                    &served.taxonomy,
                    &served.models,
                    served.demand.as_ref(),
                    &options,
                    2,
                );
                let mut out = String::new();
                for outcome in outcomes {
                    out.push_str(&outcome.json);
                    out.push('\n');
                }
                out
            })
            .await;
            let Ok(text) = answered else { return };
            if tx.send_data(Bytes::from(text)).await.is_err() {
                return; // the client went away
            }
            chunk = Vec::with_capacity(CHUNK);
        }
    });
    let mut response = Body::new(out).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    Ok(response)
}

fn push_line(chunk: &mut Vec<(usize, String)>, number: usize, line: &[u8]) {
    let text = String::from_utf8_lossy(line).trim().to_string();
    if !text.is_empty() {
        chunk.push((number, text));
    }
}
