//! `GET /v1/qualifications` and `GET /v1/qualifications/{id}`: the
//! micro-qualifications of the catalogue.

use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, MissingProblems, Problem};
use super::extract::ApiQuery;
use crate::domain::Qualification;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_qualifications))
        .routes(routes!(get_qualification))
}

/// Filters of the qualification list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QualificationQuery {
    /// Only this field (e.g. `care`).
    field: Option<String>,
    /// Words that must appear in the title (any language), case-insensitive.
    q: Option<String>,
}

/// A list of micro-qualifications.
#[derive(Serialize, ToSchema)]
pub struct QualificationList {
    /// How many.
    total: usize,
    /// The qualifications.
    items: Vec<Qualification>,
}

/// The micro-qualifications, optionally filtered.
#[utoipa::path(get, path = "/v1/qualifications", tag = "catalogue", params(QualificationQuery),
    responses(
        (status = 200, body = QualificationList),
        (status = 422, description = "Unknown query parameter", body = Problem, content_type = "application/problem+json")))]
async fn list_qualifications(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<QualificationQuery>,
) -> axum::Json<QualificationList> {
    let served = state.served.load();
    let words: Vec<String> = query
        .q
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let items: Vec<Qualification> = served
        .catalogue
        .qualifications()
        .iter()
        .filter(|q| {
            query
                .field
                .as_ref()
                .is_none_or(|f| q.field.as_ref() == Some(f))
        })
        .filter(|q| {
            let titles = q
                .title
                .0
                .values()
                .map(|t| t.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            words.iter().all(|w| titles.contains(w.as_str()))
        })
        .cloned()
        .collect();
    axum::Json(QualificationList {
        total: items.len(),
        items,
    })
}

/// One micro-qualification.
#[utoipa::path(get, path = "/v1/qualifications/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Qualification id")),
    responses(
        (status = 200, body = Qualification),
        MissingProblems))]
async fn get_qualification(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<Qualification>, ApiError> {
    state
        .served
        .load()
        .catalogue
        .qualification(&id)
        .cloned()
        .map(axum::Json)
        .ok_or(ApiError::NotFound {
            what: "qualification",
            id,
        })
}
