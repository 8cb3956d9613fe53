//! What every request passes through: panics, overload and timeouts become
//! problem documents with a request id, and the service keeps serving.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use http_body_util::BodyExt;
use oppepala::api::{AppState, middleware};
use oppepala::config::Config;
use tower::ServiceExt;

fn state(config: Config) -> AppState {
    super::support::TestApp::state(config)
}

async fn send(
    router: &Router,
    uri: &str,
) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    let response = router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or_default(),
    )
}

async fn boom() -> &'static str {
    panic!("a handler bug")
}

#[tokio::test]
async fn a_panic_is_a_500_with_a_request_id_and_serving_goes_on() {
    let state = state(Config::default());
    let routes = Router::new()
        .route("/boom", get(boom))
        .route("/fine", get(|| async { "ok" }));
    let router = middleware::wrap(routes, state);
    let (status, headers, body) = send(&router, "/boom").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(body["code"], "internal");
    let id = body["request_id"].as_str().unwrap();
    assert_eq!(headers["x-request-id"], id);
    // The panic message is logged, never sent.
    assert!(!body.to_string().contains("a handler bug"));
    let (status, _, _) = send(&router, "/fine").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_full_heavy_pool_answers_503_with_retry_after() {
    let state = state(Config {
        heavy_concurrency: 1,
        ..Config::default()
    });
    let router = oppepala::api::app(state.clone());
    let permit = state.heavy.clone().try_acquire_owned().unwrap();
    let (status, headers, body) = send(&router, "/v1/bites?q=kassat%C3%B6%C3%B6").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], "overloaded");
    assert_eq!(headers[header::RETRY_AFTER], "1");
    assert!(
        state
            .metrics
            .render()
            .contains("oppepala_load_shed_total 1")
    );
    // Light routes still answer, and heavy ones again once there is room.
    assert_eq!(send(&router, "/healthz").await.0, StatusCode::OK);
    drop(permit);
    assert_eq!(
        send(&router, "/v1/bites?q=kassat%C3%B6%C3%B6").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_slow_request_times_out_as_503() {
    let state = state(Config {
        request_timeout_ms: 50,
        ..Config::default()
    });
    let routes = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late"
        }),
    );
    let router = middleware::wrap(routes, state);
    let (status, headers, body) = send(&router, "/slow").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], "timeout");
    assert!(headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn cors_allows_only_configured_origins_and_answers_are_compressed() {
    let state = state(Config {
        cors_allow_origins: vec!["https://portal.example".into()],
        ..Config::default()
    });
    let router = oppepala::api::app(state);
    let request = |origin: &str| {
        Request::get("/v1/qualifications")
            .header(header::ORIGIN, origin)
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap()
    };
    let response = router
        .clone()
        .oneshot(request("https://portal.example"))
        .await
        .unwrap();
    assert_eq!(
        response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://portal.example"
    );
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
    let response = router
        .oneshot(request("https://elsewhere.example"))
        .await
        .unwrap();
    assert!(
        !response
            .headers()
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
    );
}

/// Metric labels come from closed sets: 300 requests with invented method
/// tokens (as anyone could send) add one `OTHER` series, not 300.
#[tokio::test]
async fn invented_methods_do_not_grow_the_metrics() {
    let state = state(Config::default());
    let router = oppepala::api::app(state.clone());
    for i in 0..300 {
        let method =
            axum::http::Method::from_bytes(format!("M{i}X{}", i * 7919).as_bytes()).unwrap();
        let request = Request::builder()
            .method(method)
            .uri("/healthz")
            .body(Body::empty())
            .unwrap();
        router.clone().oneshot(request).await.unwrap();
    }
    let metrics = state.metrics.render();
    let series = metrics
        .lines()
        .filter(|line| line.starts_with("http_requests_total{"))
        .count();
    assert!(series <= 3, "{series} request series:\n{metrics}");
    assert!(metrics.contains("method=\"OTHER\""), "{metrics}");
    assert!(
        !metrics.contains("M17X"),
        "an invented method became a label"
    );
}

/// A client's `X-Request-Id` is echoed (and logged) only when it is a
/// short, safe token; anything else gets a new id.
#[tokio::test]
async fn only_short_safe_request_ids_are_kept() {
    let router = oppepala::api::app(state(Config::default()));
    let long = "a".repeat(5000);
    for (given, kept) in [
        ("abc-123_x.y:z", true),
        (long.as_str(), false),
        ("<script>alert(1)</script>", false),
        ("with space", false),
    ] {
        let request = Request::get("/healthz")
            .header("x-request-id", given)
            .body(Body::empty())
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_string();
        if kept {
            assert_eq!(id, given);
        } else {
            assert_ne!(id, given);
            assert_eq!(id.len(), 36, "a new UUID: {id}");
        }
    }
}

/// The `Bearer` scheme is matched case-insensitively, as HTTP says.
#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let app = super::support::TestApp::builder()
        .api_key("mixed-case-key")
        .build();
    let router = oppepala::api::app(app.state);
    for (header, expected) in [
        ("Bearer mixed-case-key", StatusCode::OK),
        ("bearer mixed-case-key", StatusCode::OK),
        ("BEARER mixed-case-key", StatusCode::OK),
        ("Basic mixed-case-key", StatusCode::UNAUTHORIZED),
        ("bearer wrong-key", StatusCode::FORBIDDEN),
    ] {
        let request = Request::get("/v1/admin/status")
            .header(header::AUTHORIZATION, header)
            .body(Body::empty())
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), expected, "{header}");
    }
}

/// `X-Forwarded-For` is believed only from `trusted_proxies`: a client
/// that changes it on every request is still one client (the outside test
/// sent 15 writes with 15 addresses and got 15 answers past a limit of 10).
#[tokio::test]
async fn a_changing_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let router = oppepala::api::app(state(Config {
        rate_limit_write_per_minute: 1,
        rate_limit_write_burst: 10,
        trusted_proxies: vec!["10.0.0.0/8".into()],
        ..Config::default()
    }));
    let post = |peer: &str, forwarded: String| {
        let mut request = Request::put("/v1/bites/b-xff")
            .header("x-forwarded-for", forwarded)
            .body(Body::empty())
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        router.clone().oneshot(request)
    };
    let mut limited = 0;
    for n in 0..15 {
        let response = post("192.0.2.7:5000", format!("198.51.100.{n}"))
            .await
            .unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            limited += 1;
        }
    }
    assert_eq!(
        limited, 5,
        "an untrusted peer escaped the limit with X-Forwarded-For"
    );
    // Through the trusted ingress, each forwarded client has its own budget.
    for n in 0..15 {
        let response = post("10.1.0.5:40000", format!("203.0.113.{n}"))
            .await
            .unwrap();
        assert_ne!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "client {n}"
        );
    }
}
