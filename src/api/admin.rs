//! The write operations: `PUT`/`DELETE /v1/bites/{id}`,
//! `POST /v1/admin/reindex`, `POST /v1/admin/reload` and
//! `GET /v1/admin/status`. Every one needs an API key ([`WriteKey`]).
//!
//! Writes are serialized by one lock ([`App::writes`](super::App)), held
//! from the request until the new index generation is built and swapped
//! in, so swaps happen in the order of the writes and each one contains
//! every write accepted before it. A bite write is validated like an import
//! and written to `data/` atomically before it is answered (it survives a
//! restart); the new index is then built on the blocking pool while the
//! previous generation keeps serving reads. A failed build is logged once
//! and leaves the previous generation serving; the next reindex or reload
//! picks the written data up.
//!
//! Every swap gets a served generation higher than the one before (the
//! index generation, raised when needed), because cached gap and paths
//! answers are keyed by it. A write answers with the generation from which
//! on it is served; `GET /v1/admin/status` shows the generation serving.

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

/// The state of background index builds, for `GET /v1/admin/status`.
#[derive(Clone, Debug, Default)]
pub struct BuildStatus {
    /// The generation a running build will be served as; `None` when idle.
    pub building: Option<u64>,
    /// The last background failure (cleared by the next success).
    pub last_error: Option<String>,
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

fn set_status(state: &AppState, change: impl FnOnce(&mut BuildStatus)) {
    let mut status = state
        .build_status
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    change(&mut status);
}

/// Builds a new index generation from `catalogue` (or, when `None`, from
/// the data folder read again) in the background and swaps it in, holding
/// the write lock until done. A failure is logged once and leaves the
/// previous generation serving.
fn rebuild_in_background(
    state: AppState,
    mut written: OwnedMutexGuard<Written>,
    data: Option<(Arc<Catalogue>, Arc<Taxonomy>)>,
    generation: u64,
    operation: &'static str,
) {
    set_status(&state, |s| s.building = Some(generation));
    tokio::spawn(async move {
        let started = Instant::now();
        let config = state.config.clone();
        let work = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let (catalogue, taxonomy) = match data {
                Some(data) => data,
                None => {
                    let (taxonomy, catalogue) = crate::service::load_data(&config.data_dir)?;
                    (Arc::new(catalogue), Arc::new(taxonomy))
                }
            };
            let report =
                crate::service::build_index(&config.index_dir, &catalogue, &taxonomy, |_| {
                    ControlFlow::Continue(())
                })?;
            let open = OpenIndex::open(&report.path).map_err(anyhow::Error::from)?;
            Ok((catalogue, taxonomy, Arc::new(open)))
        })
        .await;
        let result = match work {
            Ok(result) => result,
            Err(join_error) => Err(anyhow::anyhow!("index build panicked: {join_error}")),
        };
        let outcome = if result.is_ok() { "ok" } else { "failed" };
        state
            .metrics
            .write_done("index_build", outcome, started.elapsed());
        match result {
            Ok((catalogue, taxonomy, open)) => {
                written.catalogue = catalogue.clone();
                let served = swap(
                    &state,
                    Change {
                        catalogue: Some(catalogue),
                        taxonomy: Some(taxonomy),
                        index: Some(open),
                        ..Change::default()
                    },
                );
                tracing::info!(
                    operation,
                    index.generation = served,
                    "new generation serving"
                );
                set_status(&state, |s| {
                    s.building = None;
                    s.last_error = None;
                });
            }
            Err(error) => {
                let message = format!("{operation}: {error:#}");
                tracing::error!(
                    operation,
                    error = %format!("{error:#}"),
                    "background index build failed; the previous generation keeps serving"
                );
                set_status(&state, |s| {
                    s.building = None;
                    s.last_error = Some(message);
                });
            }
        }
        drop(written);
    });
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
    // Waiting for the lock may be cut short by the request timeout; once
    // it is held, the write runs to its end.
    let written = state.writes.clone().lock_owned().await;
    // The same bite again (a client retrying) changes nothing: no write,
    // no rebuild; the answer names the generation that serves it (the one
    // being built, or the one serving).
    if written.catalogue.bite(&id) == Some(&bite) {
        let building = state
            .build_status
            .lock()
            .map(|s| s.building)
            .unwrap_or(None);
        let generation = building.unwrap_or_else(|| state.served.load().generation);
        drop(written);
        let answer = axum::Json(BiteWritten {
            bite,
            generation,
            status: STATUS_PATH.into(),
        });
        return observed(&observer, "put_bite", started, Ok((StatusCode::OK, answer)));
    }
    let result = detached(async move {
        let taxonomy = state.served.load().taxonomy.clone();
        let current = written.catalogue.clone();
        let work_state = state.clone();
        let work_taxonomy = taxonomy.clone();
        let (catalogue, created, generation) = blocking(move || {
            let row = current
                .bites()
                .iter()
                .position(|b| b.id == bite.id)
                .unwrap_or(current.bites().len())
                + 1;
            let (merged, added, _) = current.upsert(vec![bite], vec![]);
            let merged = validated(&merged, &work_taxonomy, row)?;
            let generation = next_generation(&work_state)?;
            write_data(&work_state, &merged)?;
            Ok((Arc::new(merged), added > 0, generation))
        })
        .await?;
        let bite = catalogue
            .bite(&id)
            .cloned()
            .ok_or_else(|| ApiError::Internal(format!("bite {id} missing after the write")))?;
        rebuild_in_background(
            state,
            written,
            Some((catalogue, taxonomy)),
            generation,
            "bite written",
        );
        let status = if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        Ok((
            status,
            axum::Json(BiteWritten {
                bite,
                generation,
                status: STATUS_PATH.into(),
            }),
        ))
    })
    .await;
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
    // Waiting for the lock may be cut short by the request timeout; once
    // it is held, the write runs to its end.
    let written = state.writes.clone().lock_owned().await;
    let result = detached(async move {
        let current = written.catalogue.clone();
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
        let taxonomy = state.served.load().taxonomy.clone();
        let work_state = state.clone();
        let work_taxonomy = taxonomy.clone();
        let (catalogue, generation) = blocking(move || {
            let (bites, qualifications) = current.sourced("data");
            let bites = bites.into_iter().filter(|b| b.value.id.as_str() != id);
            let known = |uri: &str| work_taxonomy.contains_skill(uri);
            let (remaining, _) = Catalogue::build(bites.collect(), qualifications, &known, false)
                .map_err(|e| invalid(e, 0))?;
            let generation = next_generation(&work_state)?;
            write_data(&work_state, &remaining)?;
            Ok((Arc::new(remaining), generation))
        })
        .await?;
        rebuild_in_background(
            state,
            written,
            Some((catalogue, taxonomy)),
            generation,
            "bite deleted",
        );
        Ok(StatusCode::NO_CONTENT)
    })
    .await;
    observed(&observer, "delete_bite", started, result)
}

/// Rebuild the index from the data folder in the background; reads go on
/// from the current generation meanwhile. A second request while a write,
/// reindex or reload runs gets 409 (`conflict`).
#[utoipa::path(post, path = "/v1/admin/reindex", tag = "operations",
    security(("api_key" = [])),
    responses(
        (status = 202, description = "Build started", body = ReindexStarted),
        (status = 409, description = "A write, reindex or reload is running", body = Problem, content_type = "application/problem+json"),
        KeyProblems))]
async fn reindex(
    State(state): State<AppState>,
    _key: WriteKey,
) -> Result<(StatusCode, axum::Json<ReindexStarted>), ApiError> {
    let started = Instant::now();
    let locked = async {
        let written = state
            .writes
            .clone()
            .try_lock_owned()
            .map_err(|_| ApiError::Conflict {
                message: format!(
                    "a write, reindex or reload is running; retry when {STATUS_PATH} shows no build"
                ),
                ids: vec![],
            })?;
        let work_state = state.clone();
        let generation = blocking(move || next_generation(&work_state)).await?;
        Ok((written, generation))
    }
    .await;
    let (written, generation) = observed(&state, "reindex", started, locked)?;
    rebuild_in_background(state, written, None, generation, "reindex");
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
    // Waiting for the lock may be cut short by the request timeout; once
    // it is held, the write runs to its end.
    let mut written = state.writes.clone().lock_owned().await;
    let result = detached(async move {
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
