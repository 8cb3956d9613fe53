//! `oppepala serve`: the HTTP service on the configured data, and
//! `oppepala healthcheck`, the container's probe of it.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;

use super::folders::Folders;
use crate::api::{AppState, app};
use crate::config::Config;

/// `serve`: options override the configuration file and `OPPEPALA_*` variables.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub folders: Folders,
    /// The address to listen on, e.g. 127.0.0.1:8080 [default: listen /
    /// OPPEPALA_LISTEN, else 127.0.0.1:8080].
    #[arg(long)]
    pub listen: Option<String>,
}

/// Threads tokio may start for blocking file work (its default is 512).
pub const MAX_BLOCKING_THREADS: usize = 16;

/// Reads the configuration: file < environment < flags.
pub fn load_config(args: &ServeArgs) -> anyhow::Result<Config> {
    let mut config = args.folders.resolve()?;
    if let Some(listen) = &args.listen {
        config.listen.clone_from(listen);
    }
    Ok(config)
}

/// Runs `serve` until Ctrl-C or SIGTERM; in-flight requests finish first.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let config = load_config(&args)?;
    let started = Instant::now();
    let served = crate::service::load(&config)?;
    tracing::info!(
        duration_ms = started.elapsed().as_millis() as u64,
        index.generation = served.generation,
        "data loaded"
    );
    // Heavy work runs on the fixed worker pool (`worker_threads`); the
    // blocking pool only takes file writes (bite writes, feedback appends,
    // index builds, feed snapshots), so it needs few threads.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(MAX_BLOCKING_THREADS)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let deadline = Duration::from_millis(config.shutdown_timeout_ms);
    let outcome = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen))?;
        tracing::info!(listen = %config.listen, "serving; docs at /docs");
        crate::api::feedback_retention_at_start(&config);
        let state = AppState::new(config, served);
        crate::api::bites::prewarm_occupations(&state);
        crate::api::demand::spawn_feeds(state.clone());
        let limits = crate::api::server::ServerLimits::new(&state.config);
        let router = app(state);
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = crate::api::server::serve(listener, router, limits, async move {
            shutdown_signal().await;
            let _ = stopping.send(());
        });
        // Requests in flight may finish, but not forever: a client that
        // never ends its body would otherwise hold the process up.
        let cut = async move {
            if stopped.await.is_ok() {
                tokio::time::sleep(deadline).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            () = server => Ok(()),
            () = cut => {
                tracing::warn!(
                    duration_ms = deadline.as_millis() as u64,
                    "requests still in flight after the shutdown deadline are cut"
                );
                Ok(())
            }
        }
    });
    // Blocking work still running (a search, a plan) is not waited for past
    // the deadline either.
    runtime.shutdown_timeout(deadline);
    outcome
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down; letting in-flight requests finish");
}

/// `healthcheck`: exits 0 when the URL answers 200.
#[derive(Debug, Args)]
pub struct HealthcheckArgs {
    /// The health URL (plain http on this machine).
    #[arg(long, default_value = "http://127.0.0.1:8080/healthz")]
    pub url: String,
    /// How long to wait, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub timeout_ms: u64,
}

/// Runs `healthcheck` with a minimal HTTP/1.1 GET, so the container image
/// needs no curl.
pub fn healthcheck(args: HealthcheckArgs) -> anyhow::Result<()> {
    let rest = args
        .url
        .strip_prefix("http://")
        .context("--url must start with http://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let timeout = Duration::from_millis(args.timeout_ms);
    let address = std::net::ToSocketAddrs::to_socket_addrs(host)
        .with_context(|| format!("cannot resolve {host}"))?
        .next()
        .with_context(|| format!("no address for {host}"))?;
    let mut stream = std::net::TcpStream::connect_timeout(&address, timeout)
        .with_context(|| format!("cannot connect to {host}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut head = [0u8; 16];
    let n = stream.read(&mut head)?;
    let line = String::from_utf8_lossy(&head[..n]);
    if line.starts_with("HTTP/1.1 200") || line.starts_with("HTTP/1.0 200") {
        Ok(())
    } else {
        bail!("unhealthy: {}", line.lines().next().unwrap_or("no answer"))
    }
}
