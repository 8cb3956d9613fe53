//! The HTTP API through `app(state).oneshot(…)`, without a socket.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use oppepala::api::{AppState, Served, app};
use oppepala::config::Config;
use tower::ServiceExt;

use super::support;

fn state() -> AppState {
    AppState::new(
        Config::default(),
        Served {
            generation: 1,
            catalogue: Arc::new(support::mini_catalogue()),
        },
    )
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
    assert_eq!(body["total"], 1);
    let (status, _, body) = call(get("/v1/qualifications/mini-mq-cashier")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["requires"]["all_of"][0], "mini-cash-2");
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
