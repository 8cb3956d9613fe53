//! The write operations: `PUT`/`DELETE /v1/bites/{id}`,
//! `POST /v1/admin/reindex`, `POST /v1/admin/reload` and
//! `GET /v1/admin/status`. Every one needs an API key ([`WriteKey`]).
//!
//! Bite writes are committed in groups: each request queues its change
//! ([`App::write_queue`](super::App)) and takes the write lock
//! ([`App::writes`](super::App)); whoever holds it takes every change
//! queued so far, validates each one on top of the ones before (like an
//! import; a bad one is refused alone), writes `data/` once, atomically,
//! and answers each request with its own result before it lets go, so a
//! write is durable before it is answered. The lock is held only for that,
//! never during an index build.
//!
//! Index builds are coalesced: a committed group asks for a build; when
//! none runs, one starts in the background (the previous generation keeps
//! serving reads); when one runs, the request waits in [`BuildStatus`],
//! and every group committed meanwhile is built together, once, when the
//! running build is done. So 16 writes at once cost two builds, not 16
//! (`oppepala_write_operations_total{operation="index_build"}` counts
//! them). Each build takes the catalogue as committed when it starts, so a
//! swap contains every write committed before its build began, and swaps
//! come in commit order. A failed build is logged once and leaves the
//! previous generation serving; the next write, reindex or reload picks
//! the written data up. A reindex is a build from the data folder read
//! again, coalesced the same way; a reload waits for a running build.
//!
//! Every swap gets a served generation higher than the one before (the
//! index generation, raised when needed), because cached gap and paths
//! answers are keyed by it. A write answers with the generation from which
//! on it is served (the build that contains it is swapped in with at
//! least that generation); `GET /v1/admin/status` shows the generation
//! serving.

use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use tokio::sync::OwnedMutexGuard;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::WriteKey;
use super::error::{ApiError, FieldError, KeyProblems, MissingProblems, Problem};
use super::extract::ApiJson;
use crate::catalogue::{self, Catalogue, CatalogueError};
use crate::domain::Bite;
use crate::index::{IndexDir, OpenIndex};
use crate::service::{Change, Served};
use crate::taxonomy::Taxonomy;

/// Where a client sees whether its write is served yet.
const STATUS_PATH: &str = "/v1/admin/status";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(put_bite, delete_bite))
        .routes(routes!(reindex))
        .routes(routes!(reload))
        .routes(routes!(admin_status))
}

/// `Err(409)` when the configuration says the data folder is read-only
/// (`read_only`, as on Kubernetes, where it is part of the image and every
/// replica has its own copy): a bite write could not be stored, and would
/// reach no other replica.
fn writable(state: &AppState) -> Result<(), ApiError> {
    if state.config.read_only {
        return Err(ApiError::ReadOnly);
    }
    Ok(())
}

/// What the write lock guards: the catalogue as last written to `data/`
/// (ahead of the served one while a build runs or after one failed), so
/// one write never undoes another.
pub struct Written {
    /// The catalogue on disk.
    pub catalogue: Arc<Catalogue>,
}

/// The state of background index builds, for `GET /v1/admin/status`,
/// and the build asked for while one runs.
#[derive(Clone, Debug, Default)]
pub struct BuildStatus {
    /// The generation a running build will be served as at least; `None`
    /// when idle (and then nothing is queued).
    pub building: Option<u64>,
    /// The last background failure (cleared by the next success).
    pub last_error: Option<String>,
    /// The build to run when the running one is done: every request made
    /// meanwhile, coalesced.
    queued: Option<Build>,
}

/// One index build, standing for every request coalesced into it.
#[derive(Clone, Copy, Debug)]
struct Build {
    /// Read the data folder again (a reindex) instead of building the
    /// catalogue as committed.
    from_disk: bool,
    /// The served generation it is to have at least (the highest promised).
    generation: u64,
    /// What asked for it, for the log and `last_error`.
    operation: &'static str,
}

/// A bite write waiting for the write lock's holder to commit it.
pub struct QueuedWrite {
    change: WriteChange,
    reply: tokio::sync::oneshot::Sender<Result<Committed, ApiError>>,
}

/// A change to the catalogue.
enum WriteChange {
    Put(Box<Bite>),
    Delete(String),
}

/// What a committed change answers.
enum Committed {
    /// The bite as stored; whether it was new; the generation serving it.
    Put {
        bite: Box<Bite>,
        created: bool,
        generation: u64,
    },
    /// The bite is removed from the generation given on.
    Deleted,
}

/// A bite accepted by `PUT /v1/bites/{id}`.
#[derive(Serialize, ToSchema)]
pub struct BiteWritten {
    /// The bite as stored.
    bite: Bite,
    /// The served generation from which on the bite is searchable: it is
    /// served once `GET /v1/admin/status` shows a `generation` at least this.
    generation: u64,
    /// Where to watch the generation.
    status: String,
}

/// A reindex started by `POST /v1/admin/reindex`.
#[derive(Serialize, ToSchema)]
pub struct ReindexStarted {
    /// The served generation the new index will have (reached when
    /// `GET /v1/admin/status` shows a `generation` at least this).
    generation: u64,
    /// Where to watch the generation.
    status: String,
}

/// What `POST /v1/admin/reload` put in service, and `GET /v1/admin/status`.
#[derive(Serialize, ToSchema)]
pub struct Serving {
    /// The served generation (the cache key; rises with every swap).
    generation: u64,
    /// The index generation on disk (`index/gen-NNNNNN`).
    index_generation: u64,
    /// Bites served.
    n_bites: usize,
    /// Micro-qualifications served.
    n_qualifications: usize,
    /// Skill labels in the index.
    n_skill_labels: u64,
    /// The generation being built in the background, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    building: Option<u64>,
    /// The last background failure, if the last build failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    last_error: Option<String>,
}

impl Serving {
    fn of(served: &Served, status: BuildStatus) -> Self {
        Self {
            generation: served.generation,
            index_generation: served.index.manifest.generation,
            n_bites: served.catalogue.bites().len(),
            n_qualifications: served.catalogue.qualifications().len(),
            n_skill_labels: served.index.manifest.n_skill_labels,
            building: status.building,
            last_error: status.last_error,
        }
    }
}

/// Counts a write operation's `result` and latency in the metrics.
fn observed<T>(
    state: &AppState,
    operation: &str,
    started: Instant,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    let outcome = match &result {
        Ok(_) => "ok",
        Err(error) => error.code().as_str(),
    };
    state
        .metrics
        .write_done(operation, outcome, started.elapsed());
    result
}

/// Runs blocking `work` on the blocking pool (not under the heavy-request
/// permits: writes are serialized already and must not be shed).
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

/// Runs `work` as a task of its own: a request that times out drops its
/// handler, and a write must never stop between writing the data folder and
/// swapping (or starting the build), so it finishes even if nobody waits.
async fn detached<T: Send + 'static>(
    work: impl Future<Output = Result<T, ApiError>> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::spawn(work)
        .await
        .map_err(|e| ApiError::Internal(format!("write task failed: {e}")))?
}

/// The served generation the next swap will have at least: above the one
/// serving, and at least the number the next index build gets.
fn next_generation(state: &AppState) -> Result<u64, ApiError> {
    let next_index = IndexDir::new(&state.config.index_dir)
        .generations()
        .map_err(|e| ApiError::Internal(format!("cannot list index generations: {e}")))?
        .last()
        .map_or(1, |g| g.number + 1);
    Ok(next_index.max(state.served.load().generation + 1))
}

/// Puts `change` in service through the one transition,
/// `service::Served::next` (which says what each change keeps), with a
/// served generation higher than the one before. Callers hold the write
/// lock, so no other swap runs meanwhile.
fn swap(state: &AppState, change: Change) -> u64 {
    let next = state.served.load().next(change);
    let generation = next.generation;
    state.served.store(Arc::new(next));
    state.record_versions();
    super::bites::prewarm_occupations(state);
    generation
}

/// Asks for an index build of the catalogue as committed (or, with
/// `from_disk`, of the data folder read again) and returns the served
/// generation from which on it is served. Starts the build in the
/// background when none runs; otherwise coalesces it with every other
/// request into the one build that runs next.
fn request_build(state: &AppState, from_disk: bool, operation: &'static str, next: u64) -> u64 {
    let mut status = state
        .build_status
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let serving = state.served.load().generation;
    match status.building {
        Some(running) => {
            let generation = next.max(running + 1).max(serving + 1);
            let queued = status.queued.get_or_insert(Build {
                from_disk,
                generation,
                operation,
            });
            queued.from_disk |= from_disk;
            queued.generation = queued.generation.max(generation);
            if from_disk {
                queued.operation = operation;
            }
            generation
        }
        None => {
            let generation = next.max(serving + 1);
            status.building = Some(generation);
            tokio::spawn(build_loop(
                state.clone(),
                Build {
                    from_disk,
                    generation,
                    operation,
                },
            ));
            generation
        }
    }
}

/// Runs `first`, then whatever was queued meanwhile, until nothing is.
/// Holds [`App::builds`](super::App) during each build and swap, so a
/// reload never swaps in between.
async fn build_loop(state: AppState, first: Build) {
    let mut build = first;
    loop {
        let exclusive = state.builds.clone().lock_owned().await;
        let result = run_build(&state, build).await;
        // Swap and the status change together: a client that sees the
        // new generation and asks for the status sees this build done.
        let mut status = state
            .build_status
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match result {
            Ok((catalogue, taxonomy, open)) => {
                let served = swap(
                    &state,
                    Change {
                        catalogue: Some(catalogue),
                        taxonomy: Some(taxonomy),
                        index: Some(open),
                        generation_at_least: build.generation,
                        ..Change::default()
                    },
                );
                tracing::info!(
                    operation = build.operation,
                    index.generation = served,
                    "new generation serving"
                );
                status.last_error = None;
            }
            Err(error) => {
                tracing::error!(
                    operation = build.operation,
                    error = %format!("{error:#}"),
                    "background index build failed; the previous generation keeps serving"
                );
                status.last_error = Some(format!("{}: {error:#}", build.operation));
            }
        }
        drop(exclusive);
        match status.queued.take() {
            Some(next) => {
                status.building = Some(next.generation);
                build = next;
            }
            None => {
                status.building = None;
                return;
            }
        }
    }
}

/// One index build: the catalogue as committed (or the data folder read
/// again, which then becomes the committed catalogue), built on the
/// blocking pool; counted in the metrics as `index_build`.
async fn run_build(
    state: &AppState,
    build: Build,
) -> anyhow::Result<(Arc<Catalogue>, Arc<Taxonomy>, Arc<OpenIndex>)> {
    let started = Instant::now();
    let config = state.config.clone();
    let result = async {
        let (catalogue, taxonomy) = if build.from_disk {
            // No write commits while the folder is read, and the
            // catalogue read is what later writes build on.
            let mut written = state.writes.clone().lock_owned().await;
            let data_dir = config.data_dir.clone();
            let (taxonomy, catalogue) =
                tokio::task::spawn_blocking(move || crate::service::load_data(&data_dir))
                    .await
                    .map_err(|e| anyhow::anyhow!("reading the data folder panicked: {e}"))??;
            let catalogue = Arc::new(catalogue);
            written.catalogue = catalogue.clone();
            (catalogue, Arc::new(taxonomy))
        } else {
            let catalogue = state.writes.lock().await.catalogue.clone();
            (catalogue, state.served.load().taxonomy.clone())
        };
        let index_dir = config.index_dir.clone();
        let built = (catalogue.clone(), taxonomy.clone());
        let open = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let report = crate::service::build_index(&index_dir, &built.0, &built.1, |_| {
                ControlFlow::Continue(())
            })?;
            Ok(Arc::new(
                OpenIndex::open(&report.path).map_err(anyhow::Error::from)?,
            ))
        })
        .await
        .map_err(|e| anyhow::anyhow!("index build panicked: {e}"))??;
        Ok((catalogue, taxonomy, open))
    }
    .await;
    let outcome = if result.is_ok() { "ok" } else { "failed" };
    state
        .metrics
        .write_done("index_build", outcome, started.elapsed());
    result
}

/// Queues `change`, takes the write lock and commits everything queued
/// (this change, unless a holder before took it), then waits for this
/// change's own answer. Waiting for the lock may be cut short by the
/// request timeout (the change is then dropped unless a holder has taken
/// it already); a commit, once begun, runs to its end.
async fn commit(state: AppState, change: WriteChange) -> Result<Committed, ApiError> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    state
        .write_queue
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(QueuedWrite { change, reply });
    let written = state.writes.clone().lock_owned().await;
    detached(commit_queued(state, written)).await?;
    answer
        .await
        .map_err(|_| ApiError::Internal("the write was dropped before it was answered".into()))?
}

/// A change's answer before the build's generation is known.
enum Outcome {
    Changed(Committed),
    Same(Box<Bite>),
}

/// What one change does to the catalogue.
enum Applied {
    /// The catalogue after it, and its answer (the generation filled in later).
    Changed(Catalogue, Committed),
    /// Nothing to write (the same bite again): answered as it is.
    Same(Box<Bite>),
}

/// Applies `change` to `current`, validated as a whole like an import.
fn apply(
    current: &Catalogue,
    change: WriteChange,
    taxonomy: &Taxonomy,
) -> Result<Applied, ApiError> {
    match change {
        WriteChange::Put(bite) => {
            // The same bite again (a client retrying) changes nothing.
            if current.bite(bite.id.as_str()) == Some(&*bite) {
                return Ok(Applied::Same(bite));
            }
            let row = current
                .bites()
                .iter()
                .position(|b| b.id == bite.id)
                .unwrap_or(current.bites().len())
                + 1;
            let id = bite.id.as_str().to_string();
            let (merged, added, _) = current.upsert(vec![*bite], vec![]);
            let merged = validated(&merged, taxonomy, row)?;
            let bite = merged
                .bite(&id)
                .cloned()
                .ok_or_else(|| ApiError::Internal(format!("bite {id} missing after the write")))?;
            Ok(Applied::Changed(
                merged,
                Committed::Put {
                    bite: Box::new(bite),
                    created: added > 0,
                    generation: 0,
                },
            ))
        }
        WriteChange::Delete(id) => {
            if current.bite(&id).is_none() {
                return Err(ApiError::NotFound { what: "bite", id });
            }
            let naming: Vec<String> = current
                .qualifications()
                .iter()
                .filter(|q| {
                    let requires = &q.requires;
                    requires.all_of.iter().any(|b| b.as_str() == id)
                        || requires
                            .n_of
                            .iter()
                            .any(|rule| rule.of.iter().any(|b| b.as_str() == id))
                })
                .map(|q| q.id.as_str().to_string())
                .collect();
            if !naming.is_empty() {
                return Err(ApiError::Conflict {
                    message: format!(
                        "bite {id:?} is named by {} qualification(s): {}",
                        naming.len(),
                        naming.join(", ")
                    ),
                    ids: naming,
                });
            }
            let (bites, qualifications) = current.sourced("data");
            let bites = bites.into_iter().filter(|b| b.value.id.as_str() != id);
            let known = |uri: &str| taxonomy.contains_skill(uri);
            let (remaining, _) = Catalogue::build(bites.collect(), qualifications, &known, false)
                .map_err(|e| invalid(e, 0))?;
            Ok(Applied::Changed(remaining, Committed::Deleted))
        }
    }
}

/// Commits every queued change under the write lock `written`: each
/// validated on top of those before it, `data/` written once, then a
/// build asked for and every request answered.
async fn commit_queued(
    state: AppState,
    mut written: OwnedMutexGuard<Written>,
) -> Result<(), ApiError> {
    let queued: Vec<QueuedWrite> = std::mem::take(
        &mut *state
            .write_queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    );
    // A request that gave up waiting for the lock is not written.
    let queued: Vec<QueuedWrite> = queued
        .into_iter()
        .filter(|q| !q.reply.is_closed())
        .collect();
    if queued.is_empty() {
        return Ok(());
    }
    let taxonomy = state.served.load().taxonomy.clone();
    let current = written.catalogue.clone();
    let work_state = state.clone();
    let (catalogue, outcomes, next) = blocking(move || {
        let mut catalogue: Option<Catalogue> = None;
        let mut outcomes = Vec::with_capacity(queued.len());
        for QueuedWrite { change, reply } in queued {
            let base = catalogue.as_ref().unwrap_or(&current);
            let outcome = match apply(base, change, &taxonomy) {
                Ok(Applied::Changed(next, answer)) => {
                    catalogue = Some(next);
                    Ok(Outcome::Changed(answer))
                }
                Ok(Applied::Same(bite)) => Ok(Outcome::Same(bite)),
                Err(error) => Err(error),
            };
            outcomes.push((reply, outcome));
        }
        let Some(catalogue) = catalogue else {
            return Ok((None, outcomes, 0));
        };
        let stored = next_generation(&work_state)
            .and_then(|next| write_data(&work_state, &catalogue).map(|()| next));
        match stored {
            Ok(next) => Ok((Some(Arc::new(catalogue)), outcomes, next)),
            Err(error) => {
                // Nothing of this group is stored: each change is answered so.
                let cause = match &error {
                    ApiError::Internal(cause) => cause.clone(),
                    other => other.to_string(),
                };
                let outcomes = outcomes
                    .into_iter()
                    .map(|(reply, outcome)| match outcome {
                        Ok(Outcome::Changed(_)) => (reply, Err(ApiError::Internal(cause.clone()))),
                        other => (reply, other),
                    })
                    .collect();
                Ok((None, outcomes, 0))
            }
        }
    })
    .await?;
    let generation = match catalogue {
        Some(catalogue) => {
            written.catalogue = catalogue;
            let writes = outcomes
                .iter()
                .any(|(_, o)| matches!(o, Ok(Outcome::Changed(Committed::Put { .. }))));
            let operation = if writes {
                "bite written"
            } else {
                "bite deleted"
            };
            request_build(&state, false, operation, next)
        }
        None => 0,
    };
    // The bite as it is: served by the generation being built, or the one serving.
    let as_is = || {
        state
            .build_status
            .lock()
            .map(|s| s.building)
            .unwrap_or(None)
            .unwrap_or_else(|| state.served.load().generation)
    };
    for (reply, outcome) in outcomes {
        let answer = match outcome {
            Ok(Outcome::Changed(Committed::Put { bite, created, .. })) => Ok(Committed::Put {
                bite,
                created,
                generation,
            }),
            Ok(Outcome::Changed(Committed::Deleted)) => Ok(Committed::Deleted),
            Ok(Outcome::Same(bite)) => Ok(Committed::Put {
                bite,
                created: false,
                generation: as_is(),
            }),
            Err(error) => Err(error),
        };
        let _ = reply.send(answer);
    }
    drop(written);
    Ok(())
}

/// The catalogue's validation problems as field errors; those of `row` in
/// the bites file first (or only, when it has any).
fn invalid(error: CatalogueError, row: usize) -> ApiError {
    match error {
        CatalogueError::Invalid { problems } => {
            let own: Vec<_> = problems
                .iter()
                .filter(|p| p.file.ends_with(catalogue::BITES_FILE) && p.line == row)
                .collect();
            let shown = if own.is_empty() {
                problems.iter().collect()
            } else {
                own
            };
            ApiError::Invalid(
                shown
                    .into_iter()
                    .map(|p| FieldError {
                        field: p.field.clone(),
                        message: p.message.clone(),
                    })
                    .collect(),
            )
        }
        other => ApiError::Internal(format!("cannot validate the catalogue: {other}")),
    }
}

/// Validates `catalogue` as a whole, as an import does.
fn validated(
    catalogue: &Catalogue,
    taxonomy: &Taxonomy,
    row: usize,
) -> Result<Catalogue, ApiError> {
    let (bites, qualifications) = catalogue.sourced("data");
    let known = |uri: &str| taxonomy.contains_skill(uri);
    Catalogue::build(bites, qualifications, &known, false)
        .map(|(catalogue, _)| catalogue)
        .map_err(|e| invalid(e, row))
}

fn write_data(state: &AppState, catalogue: &Catalogue) -> Result<(), ApiError> {
    catalogue::write_dir(&state.config.data_dir, catalogue)
        .map_err(|e| ApiError::Internal(format!("cannot write the catalogue: {e}")))
}

/// Add or replace a learning bite. The body is a bite whose `id` is the
/// path's; it is validated like an import, written to the data folder
/// before the answer, and searchable once the new index generation (in the
/// answer) is served.
#[utoipa::path(put, path = "/v1/bites/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Bite id")),
    request_body = Bite,
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Replaced", body = BiteWritten),
        (status = 201, description = "Created", body = BiteWritten),
        (status = 422, description = "Invalid bite; `errors` names every field at fault", body = Problem, content_type = "application/problem+json"),
        KeyProblems))]
async fn put_bite(
    State(state): State<AppState>,
    _key: WriteKey,
    Path(id): Path<String>,
    ApiJson(bite): ApiJson<Bite>,
) -> Result<(StatusCode, axum::Json<BiteWritten>), ApiError> {
    let started = Instant::now();
    let observer = state.clone();
    if let Err(error) = writable(&state) {
        return observed(&observer, "put_bite", started, Err(error));
    }
    if bite.id.as_str() != id {
        let error = ApiError::field(
            "id",
            format!(
                "the body's id {:?} differs from the path's {id:?}",
                bite.id.as_str()
            ),
        );
        return observed(&observer, "put_bite", started, Err(error));
    }
    let result = match commit(state, WriteChange::Put(Box::new(bite))).await {
        Ok(Committed::Put {
            bite,
            created,
            generation,
        }) => Ok((
            if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            },
            axum::Json(BiteWritten {
                bite: *bite,
                generation,
                status: STATUS_PATH.into(),
            }),
        )),
        Ok(Committed::Deleted) => Err(ApiError::Internal("a write answered as a delete".into())),
        Err(error) => Err(error),
    };
    observed(&observer, "put_bite", started, result)
}

/// Remove a learning bite. Refused with 409 while a qualification names it
/// in `all_of` or `n_of` (listed in `conflicts`); otherwise removed from the
/// data folder before the answer and from search with the next generation.
#[utoipa::path(delete, path = "/v1/bites/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Bite id")),
    security(("api_key" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "Named by qualifications, listed in `conflicts`", body = Problem, content_type = "application/problem+json"),
        KeyProblems,
        MissingProblems))]
async fn delete_bite(
    State(state): State<AppState>,
    _key: WriteKey,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let started = Instant::now();
    let observer = state.clone();
    if let Err(error) = writable(&state) {
        return observed(&observer, "delete_bite", started, Err(error));
    }
    let result = commit(state, WriteChange::Delete(id))
        .await
        .map(|_| StatusCode::NO_CONTENT);
    observed(&observer, "delete_bite", started, result)
}

/// Rebuild the index from the data folder in the background; reads go on
/// from the current generation meanwhile. Asked for while a build runs,
/// it is built right after that one, together with every write and
/// reindex asked for meanwhile.
#[utoipa::path(post, path = "/v1/admin/reindex", tag = "operations",
    security(("api_key" = [])),
    responses(
        (status = 202, description = "Build started or queued", body = ReindexStarted),
        KeyProblems))]
async fn reindex(
    State(state): State<AppState>,
    _key: WriteKey,
) -> Result<(StatusCode, axum::Json<ReindexStarted>), ApiError> {
    let started = Instant::now();
    let work_state = state.clone();
    let next = blocking(move || next_generation(&work_state)).await;
    let next = observed(&state, "reindex", started, next)?;
    let generation = request_build(&state, true, "reindex", next);
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(ReindexStarted {
            generation,
            status: STATUS_PATH.into(),
        }),
    ))
}

/// Reload the data folder, the model files and the current index from disk (after
/// `oppepala import` or `oppepala index import` on this machine) and serve
/// them; the index is built first if it does not match the data. Waits for
/// a running write or reindex to finish; answers with the new generation
/// and counts.
#[utoipa::path(post, path = "/v1/admin/reload", tag = "operations",
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Now serving", body = Serving),
        (status = 500, description = "The data or index could not be loaded; the previous generation keeps serving", body = Problem, content_type = "application/problem+json"),
        KeyProblems))]
async fn reload(
    State(state): State<AppState>,
    _key: WriteKey,
) -> Result<axum::Json<Serving>, ApiError> {
    let started = Instant::now();
    let observer = state.clone();
    // Waiting for the locks may be cut short by the request timeout; once
    // they are held, the reload runs to its end. A running build finishes
    // first (it holds `builds`), so no build swaps in under the reload.
    let exclusive = state.builds.clone().lock_owned().await;
    let mut written = state.writes.clone().lock_owned().await;
    let result = detached(async move {
        let _exclusive = exclusive;
        let config = state.config.clone();
        let serving = state.served.load_full();
        let loaded = blocking(move || {
            let failed = |e: anyhow::Error| ApiError::Internal(format!("reload failed: {e:#}"));
            let mut loaded = crate::service::load(&config).map_err(failed)?;
            // `service::load` rebuilds an index whose counts differ from the
            // data; one with the same counts is rebuilt here when it is the
            // index serving now and the bites changed on disk (an edited
            // title), so search never shows the old text.
            let same_index = loaded.index.manifest.generation == serving.index.manifest.generation;
            if same_index && loaded.catalogue.bites() != serving.catalogue.bites() {
                let report = crate::service::build_index(
                    &config.index_dir,
                    &loaded.catalogue,
                    &loaded.taxonomy,
                    |_| ControlFlow::Continue(()),
                )
                .map_err(failed)?;
                let open =
                    OpenIndex::open(&report.path).map_err(|e| failed(anyhow::Error::from(e)))?;
                loaded.index = Arc::new(open);
            }
            Ok(loaded)
        })
        .await?;
        written.catalogue = loaded.catalogue.clone();
        // Data, index, demand and the models read again from `models/` go
        // into service together.
        swap(&state, Change::all(loaded));
        let status = state
            .build_status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default();
        Ok(axum::Json(Serving::of(&state.served.load(), status)))
    })
    .await;
    observed(&observer, "reload", started, result)
}

/// The generation serving, its counts, and any background build.
#[utoipa::path(get, path = "/v1/admin/status", tag = "operations",
    security(("api_key" = [])),
    responses(
        (status = 200, body = Serving),
        KeyProblems))]
async fn admin_status(State(state): State<AppState>, _key: WriteKey) -> axum::Json<Serving> {
    let status = state
        .build_status
        .lock()
        .map(|s| s.clone())
        .unwrap_or_default();
    axum::Json(Serving::of(&state.served.load(), status))
}
