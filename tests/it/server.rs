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
