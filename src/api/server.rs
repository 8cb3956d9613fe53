//! How are connections accepted and served? The HTTP/1.1 server loop, on
//! hyper-util, in place of `axum::serve`, which has neither of the two
//! limits a public port needs:
//!
//! - a **header read timeout** (`header_read_timeout_ms`): a connection
//!   that has not sent a whole request head within it is closed, whether it
//!   trickles header lines or sits idle between keep-alive requests, so a
//!   slow-header client cannot hold a socket for good;
//! - a **connection cap** (`max_connections`): a connection is accepted
//!   only when one of the permits is free, so at most that many are served
//!   at once (each costs a file descriptor and buffers); the others wait in
//!   the kernel's listen queue, and past it the kernel refuses them.
//!
//! Graceful shutdown as before: when `shutdown` resolves the listener
//! closes, idle connections end, and requests in flight may finish (the
//! caller cuts them after `shutdown_timeout_ms`). HTTP/2 is not offered:
//! hyper has no header timeout for it, and the ingress in front speaks
//! HTTP/1.1 to the pods.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::config::Config;

/// The limits of the server loop.
#[derive(Clone, Debug)]
pub struct ServerLimits {
    /// How long a connection may take to send a whole request head.
    pub header_read_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
    /// How many header lines a request may have (more: 431, from hyper).
    pub max_headers: usize,
}

impl ServerLimits {
    /// The limits `config` sets.
    pub fn new(config: &Config) -> Self {
        Self {
            header_read_timeout: Duration::from_millis(config.header_read_timeout_ms),
            max_connections: config.max_connections,
            max_headers: MAX_HEADERS,
        }
    }
}

/// Header lines hyper reads before it answers a bare 431 itself: twice
/// what the middleware answers with a problem document
/// (`middleware::MAX_HEADER_LINES`), so only a grossly oversized head
/// meets hyper's answer.
pub const MAX_HEADERS: usize = 2 * super::middleware::MAX_HEADER_LINES;

/// Serves `router` on `listener` until `shutdown` resolves and every
/// connection has ended. Each request carries its peer address as
/// `ConnectInfo<SocketAddr>` (what rate limits key clients by).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_headers(limits.max_headers);
    tokio::pin!(shutdown);
    loop {
        // A permit first, then the next connection: past the cap, new
        // connections wait in the listen queue rather than being accepted.
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(&error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service =
            router
                .clone()
                .map_request(move |mut request: axum::http::Request<Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    request
                });
        let builder = builder.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let _permit = permit;
            let connection =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            if let Err(error) = watcher.watch(connection).await {
                // Header timeouts, resets and malformed requests: the
                // client's doing, not the server's.
                tracing::debug!(error = %error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// An accept error: a connection reset before it was accepted is the
/// client's; anything else (out of file descriptors) waits a moment, so
/// the loop does not spin.
async fn accept_failed(error: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::warn!(error = %error, "accepting a connection failed; retrying in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
