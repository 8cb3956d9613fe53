//! The server loop on a real socket (`api::server::serve`): slow or idle
//! connections are cut after the header read timeout, and connections past
//! the cap wait until one ends.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use oppepala::api::server::{ServerLimits, serve};
use oppepala::config::Config;

/// A server on 127.0.0.1 in a thread of its own, serving the default data
/// under `config` until the test process ends; its port.
pub fn spawn_server(config: Config) -> u16 {
    let state = super::support::TestApp::state(config);
    let limits = ServerLimits::new(&state.config);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let router = oppepala::api::app(state);
            serve(listener, router, limits, std::future::pending()).await;
        });
    });
    port
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    stream
}

/// Whether the server has closed `stream` (end of file or a reset),
/// reading whatever it sent first; `false` when it is still open.
fn closed(stream: &mut TcpStream) -> bool {
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

/// Reads one whole `Connection: close` answer: its status.
fn status_of(stream: &mut TcpStream, wait: Duration) -> Option<u16> {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut response = Vec::new();
    match stream.read_to_end(&mut response) {
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            if response.is_empty() {
                return None;
            }
        }
        Err(_) => return None,
    }
    let head = String::from_utf8_lossy(&response);
    head.split_whitespace().nth(1)?.parse().ok()
}

const HEALTH: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";

#[test]
fn a_client_trickling_headers_is_cut_after_the_header_read_timeout() {
    let port = spawn_server(Config {
        header_read_timeout_ms: 400,
        ..Config::default()
    });
    let mut slow = connect(port);
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n")
        .unwrap();
    let started = Instant::now();
    let mut cut = None;
    // One header line every 100 ms, never the blank line that ends them.
    for n in 0..40 {
        if slow
            .write_all(format!("X-Slow-{n}: a\r\n").as_bytes())
            .is_err()
            || closed(&mut slow)
        {
            cut = Some(started.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let cut = cut.expect("a trickling client was still connected after 12 s");
    assert!(cut < Duration::from_secs(3), "cut only after {cut:?}");

    // An idle connection (no request at all) is closed the same way.
    let mut idle = connect(port);
    std::thread::sleep(Duration::from_millis(1000));
    assert!(closed(&mut idle), "an idle connection stayed open");

    // A client that sends its request in time is answered.
    let mut quick = connect(port);
    quick.write_all(HEALTH).unwrap();
    assert_eq!(status_of(&mut quick, Duration::from_secs(10)), Some(200));
}

#[test]
fn connections_past_the_cap_wait_until_one_ends() {
    let port = spawn_server(Config {
        max_connections: 2,
        header_read_timeout_ms: 20_000,
        ..Config::default()
    });
    // Two connections hold both permits (sending nothing yet).
    let first = connect(port);
    let mut second = connect(port);
    std::thread::sleep(Duration::from_millis(200));
    // A third is queued by the kernel but not served.
    let mut third = connect(port);
    third.write_all(HEALTH).unwrap();
    assert_eq!(
        status_of(&mut third, Duration::from_millis(1500)),
        None,
        "a connection past the cap was served"
    );
    // One of the two ends: the third is served.
    drop(first);
    assert_eq!(status_of(&mut third, Duration::from_secs(10)), Some(200));
    // The second was never refused; it is served too.
    second.write_all(HEALTH).unwrap();
    assert_eq!(status_of(&mut second, Duration::from_secs(10)), Some(200));
}

/// The threads of process `pid` now.
fn threads_of(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |d| d.count())
}

/// Heavy work runs on a fixed pool: 96 clients searching anew at once
/// (each request uncached, `heavy_concurrency` 128 so none is shed) do not
/// make the process start a thread per request, as the blocking pool did
/// (one thread per heavy request in flight, up to 512).
#[test]
fn many_concurrent_heavy_requests_run_on_a_fixed_number_of_threads() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let tmp = tempfile::tempdir().unwrap();
    let data = super::support::copy_default_data(tmp.path());
    let server = super::support::Server::start(
        &data,
        &tmp.path().join("index"),
        &[
            ("OPPEPALA_WORKER_THREADS", "2"),
            ("OPPEPALA_HEAVY_CONCURRENCY", "128"),
            // Shared cores in a debug build: queued searches may wait long.
            ("OPPEPALA_REQUEST_TIMEOUT_MS", "120000"),
        ],
    );
    let pid = server.child.id();
    let idle = threads_of(pid);
    let done = Arc::new(AtomicBool::new(false));
    let most = Arc::new(AtomicUsize::new(0));
    let sampler = {
        let (done, most) = (done.clone(), most.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                most.fetch_max(threads_of(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let words = [
        "hooldus",
        "excel",
        "klient",
        "уход",
        "care",
        "raamatupidamine",
    ];
    let answered = Arc::new(AtomicUsize::new(0));
    let port = server.port;
    let clients: Vec<_> = (0..96)
        .map(|client| {
            let answered = answered.clone();
            std::thread::spawn(move || {
                for n in 0..6 {
                    let path = format!(
                        "/v1/bites?q={}&per_page=50&page={}",
                        words[(client + n) % words.len()],
                        1 + (client % 3)
                    );
                    let got = super::support::http(
                        port,
                        "GET",
                        &path,
                        &[("Cache-Control", "no-cache")],
                        b"",
                    );
                    if let Some((200, _)) = got {
                        answered.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for client in clients {
        client.join().unwrap();
    }
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let most = most.load(Ordering::Relaxed);
    let answered = answered.load(Ordering::Relaxed);
    // 2 workers; the rest is the async runtime (one per core), the
    // blocking pool's few and the index reader's own.
    assert!(
        most <= idle + 8,
        "{most} threads under load (idle: {idle}): heavy work is not on a fixed pool"
    );
    // The load was real: most searches ran (none shed: 128 permits).
    assert!(
        answered >= 288,
        "only {answered} of 576 searches answered 200"
    );
    eprintln!("threads: idle {idle}, most under load {most}; {answered} answered");
}

/// `oppepala_workers_busy` from `/metrics`.
fn workers_busy(port: u16) -> i64 {
    let (_, body) = super::support::http(port, "GET", "/metrics", &[], b"").expect("metrics");
    String::from_utf8_lossy(&body)
        .lines()
        .find_map(|l| l.strip_prefix("oppepala_workers_busy "))
        .and_then(|v| v.trim().parse().ok())
        .expect("the workers_busy gauge")
}

/// A client that goes away in the middle of a cohort leaves nothing
/// running: the chunk being answered stops before its next line, and no
/// further chunk starts (before, the chunk ran to its end, 128 learners).
#[test]
fn a_cohort_whose_client_is_gone_stops_between_lines() {
    let port = spawn_server(Config {
        worker_threads: 1,
        request_timeout_ms: 600_000,
        ..Config::default()
    });
    let learner =
        std::fs::read_to_string(super::support::root().join("data/examples/ru-care-worker.json"))
            .unwrap()
            .replace('\n', " ");
    let body: String = (0..4 * 128)
        .map(|n| format!("{{\"id\": {n}, \"learner\": {learner}}}\n"))
        .collect();
    let mut client = connect(port);
    let started = Instant::now();
    write!(
        client,
        "POST /v1/cohorts/recommendations HTTP/1.1\r\nHost: test\r\n\
         Content-Type: application/x-ndjson\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // Wait for the first chunk's answer: the second chunk is then running.
    client
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 65536];
    let answered = |seen: &[u8]| {
        seen.windows(4)
            .position(|w| w == b"\r\n\r\n")
            .is_some_and(|at| seen[at..].windows(2).any(|w| w == b"}\n"))
    };
    while !answered(&seen) {
        let n = client.read(&mut buffer).unwrap();
        assert!(
            n > 0,
            "the server closed the cohort early: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buffer[..n]);
    }
    let first_chunk = started.elapsed();
    let busy_before = workers_busy(port);
    drop(client);
    let gone = Instant::now();
    let mut stopped = None;
    while gone.elapsed() < Duration::from_secs(60) {
        if workers_busy(port) == 0 {
            stopped = Some(gone.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let stopped = stopped.expect("the cohort's work still ran 60 s after its client left");
    eprintln!(
        "first chunk after {first_chunk:?}; busy before the client left: {busy_before}; idle {stopped:?} after"
    );
    // Nothing starts afterwards either.
    for _ in 0..20 {
        assert_eq!(workers_busy(port), 0, "work started after the client left");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        stopped < first_chunk / 4,
        "the chunk ran on for {stopped:?} after its client left (a chunk takes about {first_chunk:?})"
    );
}

/// Sends `head` (a request without a body) and reads the whole answer:
/// status, head in lower case, body.
fn raw(port: u16, head: &str) -> (u16, String, String) {
    let mut stream = connect(port);
    stream.write_all(head.as_bytes()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}

/// Too long a URI and too many header lines get a problem document and
/// the security headers like every other error (hyper answered them bare);
/// past twice the limits, and for a request that is not HTTP, hyper's own
/// bare answer remains (no request reaches the service to answer it).
#[test]
fn oversized_heads_get_problem_documents() {
    use oppepala::api::middleware::{MAX_HEADER_LINES, MAX_URI_BYTES};
    let port = spawn_server(Config::default());
    let long = "a".repeat(MAX_URI_BYTES);
    let (status, head, body) = raw(
        port,
        &format!("GET /v1/bites?q={long} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 414, "{head}");
    assert!(
        head.contains("content-type: application/problem+json"),
        "{head}"
    );
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(problem["code"], "uri_too_long");
    assert!(problem["request_id"].is_string());

    let lines: String = (0..MAX_HEADER_LINES + 10)
        .map(|n| format!("X-Filler-{n}: x\r\n"))
        .collect();
    let (status, head, body) = raw(
        port,
        &format!("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n{lines}\r\n"),
    );
    assert_eq!(status, 431, "{head}");
    assert!(head.contains("content-security-policy"), "{head}");
    let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(problem["code"], "headers_too_large");

    let (status, _, body) = raw(
        port,
        &format!(
            "GET /healthz HTTP/1.1\r\nHost: t\r\n{}\r\n",
            (0..2 * MAX_HEADER_LINES + 10)
                .map(|n| format!("X-Filler-{n}: x\r\n"))
                .collect::<String>()
        ),
    );
    assert_eq!((status, body.as_str()), (431, ""), "hyper's own answer");
    let (status, _, _) = raw(port, "NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(status, 400);
    // The server still serves.
    let (status, _, _) = raw(
        port,
        "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
}
