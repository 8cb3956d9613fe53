//! The load test's ceiling: the least an axum service can do per request.
//!
//! One route, `GET /`, answering a small JSON object, on a tokio multi-thread
//! runtime, with no middleware. `scripts/load/run.sh` measures it next to
//! `oppepala serve` on the same machine, so the service's throughput can be
//! given as a share of what this machine's HTTP stack can do at all.
//!
//! ```sh
//! cargo run --release --example ceiling -- 127.0.0.1:18081
//! ```

use axum::{Json, Router, routing::get};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listen = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18081".to_string());
    let app = Router::new().route(
        "/",
        get(|| async { Json(serde_json::json!({"status": "ok"})) }),
    );
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    eprintln!("ceiling listening on {listen}");
    axum::serve(listener, app).await
}
