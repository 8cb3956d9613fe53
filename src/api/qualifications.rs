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
use crate::service::texts::QualificationView;

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
    /// `et`, `ru` or `en`: the language of `eqf_level_text` and `field_text` (default `en`).
    lang: Option<String>,
}

/// A list of micro-qualifications.
#[derive(Serialize, ToSchema)]
pub struct QualificationList {
    /// How many.
    total: usize,
    /// The qualifications.
    items: Vec<QualificationView>,
}

/// The micro-qualifications, optionally filtered.
#[utoipa::path(get, path = "/v1/qualifications", tag = "catalogue", params(QualificationQuery),
    responses(
        (status = 200, body = QualificationList),
        (status = 422, description = "Unknown query parameter", body = Problem, content_type = "application/problem+json")))]
async fn list_qualifications(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<QualificationQuery>,
) -> Result<axum::Json<QualificationList>, ApiError> {
    let lang = super::bites::text_lang(query.lang.as_deref())?;
    let served = state.served.load();
    let words: Vec<String> = query
        .q
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let items: Vec<QualificationView> = served
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
        .map(|q| QualificationView::new(q, lang))
        .collect();
    Ok(axum::Json(QualificationList {
        total: items.len(),
        items,
    }))
}

/// One micro-qualification, with the words for its codes in `lang`.
#[utoipa::path(get, path = "/v1/qualifications/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Qualification id"), super::bites::TextLangQuery),
    responses(
        (status = 200, body = QualificationView),
        MissingProblems))]
async fn get_qualification(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<super::bites::TextLangQuery>,
) -> Result<axum::Json<QualificationView>, ApiError> {
    let lang = super::bites::text_lang(query.lang.as_deref())?;
    state
        .served
        .load()
        .catalogue
        .qualification(&id)
        .map(|q| axum::Json(QualificationView::new(q, lang)))
        .ok_or(ApiError::NotFound {
            what: "qualification",
            id,
        })
}
