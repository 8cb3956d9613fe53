//! The HTTP API through `app(state).oneshot(…)`, without a socket.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use oppepala::api::{AppState, Served, app};
use oppepala::config::Config;
use tower::ServiceExt;

use super::support;

/// The default data, loaded once for the whole test binary.
fn served() -> Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED
        .get_or_init(|| {
            let config = Config {
                data_dir: support::root().join("data"),
                ..Config::default()
            };
            let mut served = oppepala::service::load(&config).expect("default data loads");
            served.generation = 1;
            served
        })
        .clone()
}

fn state() -> AppState {
    AppState::new(Config::default(), served())
}

async fn call(request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    let response = app(state()).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::String(
        String::from_utf8_lossy(&bytes).into_owned(),
    ));
    (status, headers, value)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn health_and_request_id() {
    let (status, headers, body) = call(get("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    assert!(headers.contains_key("x-request-id"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn qualification_list_and_detail() {
    let (status, _, body) = call(get("/v1/qualifications?field=retail")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["total"].as_u64().unwrap() >= 2);
    assert!(
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["field"] == "retail")
    );
    let (status, _, body) = call(get("/v1/qualifications/mq-retail-cashier")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], "mq-retail-cashier");
    assert!(body["title"]["et"].is_string());
}

#[tokio::test]
async fn unknown_things_are_problems() {
    let (status, headers, body) = call(get("/v1/qualifications/nope")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(body["code"], "not_found");
    assert!(body["request_id"].as_str().is_some_and(|id| !id.is_empty()));

    let (status, headers, body) = call(get("/v1/nothing-here")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(body["code"], "no_route");

    let (status, _, body) = call(Request::delete("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["code"], "method_not_allowed");

    let (status, _, body) = call(get("/v1/qualifications?colour=red")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_request");
}

#[tokio::test]
async fn openapi_and_docs_are_served() {
    let (status, _, body) = call(get("/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(body["paths"]["/v1/qualifications/{id}"].is_object());
    let response = app(state()).oneshot(get("/docs")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = app(state())
        .oneshot(get("/docs/assets/swagger-ui-bundle.js"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn metrics_count_requests() {
    let state = state();
    let router = app(state.clone());
    router.clone().oneshot(get("/healthz")).await.unwrap();
    let response = router.oneshot(get("/metrics")).await.unwrap();
    let text = String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(
        text.contains(
            "oppepala_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(text.contains("oppepala_index_generation 1"));
}

#[tokio::test]
async fn occupations_in_three_languages() {
    let (status, _, body) = call(get("/v1/occupations?q=kassapidaja&lang=ru")).await;
    assert_eq!(status, StatusCode::OK);
    let first = &body["items"][0];
    assert_eq!(first["isco_code"], "5230");
    assert!(
        first["isco_group_label"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('а'..='я').contains(&c))
    );
    let uri = first["uri"].as_str().unwrap().to_string();
    let encoded: String = form_urlencoded::byte_serialize(uri.as_bytes()).collect();
    let (status, _, body) = call(get(&format!("/v1/occupations/{encoded}?lang=et"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!body["essential_skills"].as_array().unwrap().is_empty());
    let (status, _, body) = call(get("/v1/occupations?per_page=0")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "per_page");
}

#[tokio::test]
async fn skill_detail_with_hierarchy() {
    // "use spreadsheets software" has broader skills in ESCO.
    let (status, _, body) = call(get("/v1/occupations?q=cashier")).await;
    assert_eq!(status, StatusCode::OK);
    let uri = body["items"][0]["uri"].as_str().unwrap().to_string();
    let encoded: String = form_urlencoded::byte_serialize(uri.as_bytes()).collect();
    let (_, _, occupation) = call(get(&format!("/v1/occupations/{encoded}"))).await;
    let skill = occupation["essential_skills"][0]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    let encoded: String = form_urlencoded::byte_serialize(skill.as_bytes()).collect();
    let (status, _, body) = call(get(&format!("/v1/skills/{encoded}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["uri"], skill.as_str());
    assert!(body["label"].is_string());
    let (status, _, body) = call(get(
        "/v1/skills/http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2Fnope",
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
}
