//! `GET /v1/occupations`, `GET /v1/occupations/{uri}` and
//! `GET /v1/skills/{uri}`: ESCO concepts with labels in the asked language.

use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, MissingProblems, Problem};
use super::extract::ApiQuery;
use crate::taxonomy::{OccupationRef, Relation, SkillRef, Taxonomy};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_occupations))
        .routes(routes!(get_occupation))
        .routes(routes!(get_skill))
}

/// The language of labels in an answer.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// Language of labels (`et`, `ru`, `en`, …); missing labels fall back to en, et, ru.
    lang: Option<String>,
}

fn lang(value: &Option<String>) -> Result<String, ApiError> {
    match value.as_deref() {
        None => Ok("en".into()),
        Some(l) => crate::domain::Lang::new(l)
            .map(String::from)
            .map_err(|message| ApiError::field("lang", message)),
    }
}

/// Filters of the occupation list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OccupationQuery {
    /// Words naming the occupation, in any form and any loaded language
    /// (labels, synonyms, ISCO group names; stems, word beginnings and one
    /// typo count); best match first. Without it, every occupation in
    /// taxonomy order.
    q: Option<String>,
    /// Language of labels in the answer.
    lang: Option<String>,
    /// Only occupations in this ISCO-08 group (1–4 digits).
    isco: Option<String>,
    /// Page, from 1.
    page: Option<usize>,
    /// Items per page, 1–100 (default 20).
    per_page: Option<usize>,
}

/// An occupation in a list.
#[derive(Serialize, ToSchema)]
pub struct OccupationSummary {
    /// ESCO URI.
    uri: String,
    /// Label in the asked language (with fallback).
    label: String,
    /// The language `label` is in: another than the one asked marks a
    /// fallback (ESCO has no Russian occupation names).
    label_lang: String,
    /// ISCO-08 code of its group.
    isco_code: String,
    /// Name of its ISCO-08 group in the asked language (the only Russian name ESCO occupations have).
    isco_group_label: Option<String>,
}

/// A page of occupations.
#[derive(Serialize, ToSchema)]
pub struct OccupationList {
    /// How many match in all.
    total: usize,
    /// This page.
    items: Vec<OccupationSummary>,
}

fn summary(occupation: OccupationRef<'_>, lang: &str) -> OccupationSummary {
    let (label, label_lang) = occupation.label_with_lang(lang).unwrap_or_default();
    OccupationSummary {
        uri: occupation.uri().into(),
        label: label.into(),
        label_lang: label_lang.into(),
        isco_code: occupation.isco_code().into(),
        isco_group_label: occupation.isco_group_label(lang).map(str::to_string),
    }
}

/// ESCO occupations found by words (best first), or all of them.
#[utoipa::path(get, path = "/v1/occupations", tag = "taxonomy", params(OccupationQuery),
    responses(
        (status = 200, body = OccupationList),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_occupations(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<OccupationQuery>,
) -> Result<axum::Json<OccupationList>, ApiError> {
    let lang = lang(&query.lang)?;
    let per_page = query.per_page.unwrap_or(20);
    if !(1..=100).contains(&per_page) {
        return Err(ApiError::field(
            "per_page",
            format!("{per_page} is outside 1–100"),
        ));
    }
    let page = query.page.unwrap_or(1);
    if page == 0 {
        return Err(ApiError::field("page", "pages count from 1"));
    }
    let q = query.q.unwrap_or_default();
    let isco = query.isco.unwrap_or_default();
    let served = state.served.load_full();
    super::heavy(&state, move || {
        let taxonomy: &Taxonomy = &served.taxonomy;
        let matching: Vec<OccupationRef<'_>> = if q.trim().is_empty() {
            taxonomy
                .occupations()
                .filter(|o| o.isco_code().starts_with(isco.as_str()))
                .collect()
        } else {
            crate::service::search::find_occupations(&served, &q, Some(&lang), &isco)?
                .iter()
                .filter_map(|m| taxonomy.occupation(&m.uri))
                .collect()
        };
        Ok(axum::Json(OccupationList {
            total: matching.len(),
            items: matching
                .into_iter()
                .skip((page - 1).saturating_mul(per_page))
                .take(per_page)
                .map(|o| summary(o, &lang))
                .collect(),
        }))
    })
    .await
}

/// A skill with its label and type.
#[derive(Serialize, ToSchema)]
pub struct SkillSummary {
    /// ESCO URI.
    uri: String,
    /// Label in the asked language (with fallback).
    label: String,
    /// The language `label` is in: another than the one asked marks a
    /// fallback (an ESCO skill with only an English name).
    label_lang: String,
}

fn skill_summary(skill: SkillRef<'_>, lang: &str) -> SkillSummary {
    let (label, label_lang) = skill.label_with_lang(lang).unwrap_or_default();
    SkillSummary {
        uri: skill.uri().into(),
        label: label.into(),
        label_lang: label_lang.into(),
    }
}

/// One occupation with its skills.
#[derive(Serialize, ToSchema)]
pub struct OccupationDetail {
    #[serde(flatten)]
    summary: OccupationSummary,
    /// Description in the asked language (with fallback).
    description: Option<String>,
    /// The language `description` is in (another than the one asked marks a fallback).
    description_lang: Option<String>,
    /// Alternative labels in the asked language.
    alt_labels: Vec<String>,
    /// Essential skills: as a target, each becomes a level-1 requirement.
    essential_skills: Vec<SkillSummary>,
    /// Optional skills.
    optional_skills: Vec<SkillSummary>,
}

/// One ESCO occupation (URI percent-encoded in the path).
#[utoipa::path(get, path = "/v1/occupations/{uri}", tag = "taxonomy",
    params(("uri" = String, Path, description = "ESCO occupation URI, percent-encoded"), LangQuery),
    responses(
        (status = 200, body = OccupationDetail),
        MissingProblems))]
async fn get_occupation(
    State(state): State<AppState>,
    Path(uri): Path<String>,
    ApiQuery(query): ApiQuery<LangQuery>,
) -> Result<axum::Json<OccupationDetail>, ApiError> {
    let lang = lang(&query.lang)?;
    let served = state.served.load();
    let occupation = served.taxonomy.occupation(&uri).ok_or(ApiError::NotFound {
        what: "occupation",
        id: uri.clone(),
    })?;
    Ok(axum::Json(OccupationDetail {
        summary: summary(occupation, &lang),
        description: occupation.description(&lang).map(str::to_string),
        description_lang: occupation
            .description_with_lang(&lang)
            .map(|(_, l)| l.to_string()),
        alt_labels: occupation
            .labels(&lang)
            .map(|l| l.alt.clone())
            .unwrap_or_default(),
        essential_skills: occupation
            .essential_skills()
            .into_iter()
            .map(|s| skill_summary(s, &lang))
            .collect(),
        optional_skills: occupation
            .optional_skills()
            .into_iter()
            .map(|s| skill_summary(s, &lang))
            .collect(),
    }))
}

/// A related skill.
#[derive(Serialize, ToSchema)]
pub struct RelatedSkillSummary {
    #[serde(flatten)]
    skill: SkillSummary,
    /// `essential` or `optional` (ESCO skill–skill relation).
    relation: String,
}

/// One skill with its neighbourhood.
#[derive(Serialize, ToSchema)]
pub struct SkillDetail {
    #[serde(flatten)]
    summary: SkillSummary,
    /// `knowledge` or `skill/competence`.
    skill_type: crate::domain::SkillType,
    /// ESCO reuse level.
    reuse_level: crate::domain::ReuseLevel,
    /// Description in the asked language (with fallback).
    description: Option<String>,
    /// The language `description` is in (another than the one asked marks a fallback).
    description_lang: Option<String>,
    /// Alternative labels in the asked language.
    alt_labels: Vec<String>,
    /// Broader skills (direct and indirect), not groups.
    broader: Vec<SkillSummary>,
    /// Narrower skills (direct and indirect); holding one meets a requirement for this skill.
    narrower: Vec<SkillSummary>,
    /// Skill groups it belongs to.
    groups: Vec<SkillSummary>,
    /// Related skills (ESCO skill–skill relations).
    related: Vec<RelatedSkillSummary>,
    /// The closest skills in the learned skill space (`models/skill_space.bin`),
    /// best first; empty for a skill no bite or qualification names.
    similar: Vec<SimilarSkill>,
}

/// A skill close in the learned skill space.
#[derive(Serialize, ToSchema)]
pub struct SimilarSkill {
    #[serde(flatten)]
    skill: SkillSummary,
    /// Cosine similarity of the two skills' vectors, −1 to 1.
    similarity: f64,
}

/// One ESCO skill (URI percent-encoded in the path).
#[utoipa::path(get, path = "/v1/skills/{uri}", tag = "taxonomy",
    params(("uri" = String, Path, description = "ESCO skill URI, percent-encoded"), LangQuery),
    responses(
        (status = 200, body = SkillDetail),
        MissingProblems))]
async fn get_skill(
    State(state): State<AppState>,
    Path(uri): Path<String>,
    ApiQuery(query): ApiQuery<LangQuery>,
) -> Result<axum::Json<SkillDetail>, ApiError> {
    let lang = lang(&query.lang)?;
    let served = state.served.load();
    let taxonomy = &served.taxonomy;
    let skill = taxonomy.skill(&uri).ok_or(ApiError::NotFound {
        what: "skill",
        id: uri.clone(),
    })?;
    let only_skills = |list: Vec<SkillRef<'_>>| -> Vec<SkillSummary> {
        list.into_iter()
            .filter(|s| s.kind() == crate::taxonomy::ConceptKind::Skill)
            .map(|s| skill_summary(s, &lang))
            .collect()
    };
    Ok(axum::Json(SkillDetail {
        summary: skill_summary(skill, &lang),
        skill_type: skill.skill_type(),
        reuse_level: skill.reuse_level(),
        description: skill.description(&lang).map(str::to_string),
        description_lang: skill
            .description_with_lang(&lang)
            .map(|(_, l)| l.to_string()),
        alt_labels: skill
            .labels(&lang)
            .map(|l| l.alt.clone())
            .unwrap_or_default(),
        broader: only_skills(taxonomy.broader_closure(&uri)),
        narrower: only_skills(taxonomy.narrower_closure(&uri)),
        groups: taxonomy
            .skill_groups(&uri)
            .into_iter()
            .map(|s| skill_summary(s, &lang))
            .collect(),
        related: taxonomy
            .related_skills(&uri)
            .into_iter()
            .map(|r| RelatedSkillSummary {
                skill: skill_summary(r.skill, &lang),
                relation: match r.relation {
                    Relation::Essential => "essential",
                    Relation::Optional => "optional",
                }
                .into(),
            })
            .collect(),
        similar: served
            .models
            .space
            .nearest(&uri, 10)
            .into_iter()
            .filter_map(|(other, similarity)| {
                Some(SimilarSkill {
                    skill: skill_summary(taxonomy.skill(other)?, &lang),
                    similarity: (similarity * 1000.0).round() / 1000.0,
                })
            })
            .collect(),
    }))
}
