//! Shared helpers for the integration tests.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use oppepala::api::AppState;
use oppepala::config::Config;
use oppepala::service::Served;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Everything logged by this test binary, at every level.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    /// The logs so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs (once) a global subscriber at TRACE level that writes into a
/// buffer, and returns the buffer. Global, because a scoped subscriber
/// misses events from callsites first seen on other test threads.
pub fn captured_logs() -> &'static Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture = Capture::default();
        let writer = capture.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
        capture
    })
}

/// A copy of the default data folder (taxonomy, catalogue) in `dir/data`.
pub fn copy_default_data(dir: &std::path::Path) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for file in ["taxonomy.bin", "bites.jsonl", "qualifications.jsonl"] {
        std::fs::copy(root().join("data").join(file), data.join(file)).unwrap();
    }
    data
}

/// A TCP port free at the moment of asking on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request to 127.0.0.1:`port` over a fresh connection
/// (`Connection: close`); returns the status and body, or `None` when
/// nothing answers. Enough for tests of a real server process, without an
/// HTTP client crate.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Option<(u16, Vec<u8>)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .ok()?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let mut body = response[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Some((status, body))
}

fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = bytes.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&bytes[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        let end = (start + size).min(bytes.len());
        out.extend_from_slice(&bytes[start..end]);
        bytes = &bytes[(end + 2).min(bytes.len())..];
    }
    out
}

/// An `oppepala serve` process on 127.0.0.1; killed (SIGKILL) when dropped.
pub struct Server {
    /// The process.
    pub child: std::process::Child,
    /// Its port.
    pub port: u16,
}

impl Server {
    /// Starts `oppepala serve` on `data_dir` and `index_dir` with extra
    /// environment variables, and waits until `/readyz` answers 200.
    pub fn start(
        data_dir: &std::path::Path,
        index_dir: &std::path::Path,
        env: &[(&str, &str)],
    ) -> Server {
        let port = free_port();
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_oppepala"));
        command
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--index-dir")
            .arg(index_dir)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().expect("oppepala serve starts");
        let mut server = Server { child, port };
        server.wait_ready();
        server
    }

    fn wait_ready(&mut self) {
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(120) {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("oppepala serve exited with {status} before it was ready");
            }
            if let Some((200, _)) = http(self.port, "GET", "/readyz", &[], b"") {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("oppepala serve was not ready within 120 s");
    }

    /// One request to this server.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        http(self.port, method, path, headers, body)
            .unwrap_or_else(|| panic!("{method} {path}: no answer from the server"))
    }

    /// SIGKILL, and wait for the process to be gone.
    pub fn kill(mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Runs the binary with `args` in `dir` (no colours): whether it
/// succeeded, its stdout and its stderr.
pub fn oppepala(args: &[&str], dir: &std::path::Path) -> (bool, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_oppepala"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What [`cohort_cli`] saw: the binary's stdout and stderr, and the file
/// it wrote with `--out`.
pub struct CohortRun {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub out: Option<String>,
}

/// Runs `oppepala <args> --cohort <a file holding cohort>` (with `--out <a
/// file>` when `out`) on the repository's data and models, and fails the
/// test when the binary fails.
pub fn cohort_cli(args: &[&str], cohort: &str, out: bool) -> CohortRun {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("cohort.jsonl");
    std::fs::write(&input, cohort).unwrap();
    let out_file = dir.path().join("out");
    let root = root();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_oppepala"));
    command.args(args).arg("--cohort").arg(&input);
    if out {
        command.arg("--out").arg(&out_file);
    }
    let output = command
        .arg("--data-dir")
        .arg(root.join("data"))
        .arg("--models-dir")
        .arg(root.join("models"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{args:?}: {stderr}");
    CohortRun {
        stdout: output.stdout,
        stderr,
        out: out.then(|| std::fs::read_to_string(&out_file).unwrap()),
    }
}

/// The default data, loaded once for the whole test binary (with what is
/// derived from it), served with answer caches of its own each call, so
/// no test sees another's cached answers.
pub fn served() -> Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    let loaded = SERVED.get_or_init(|| {
        let config = Config {
            data_dir: root().join("data"),
            ..Config::default()
        };
        oppepala::service::load(&config).expect("default data loads")
    });
    let mut fresh = Served::new(
        loaded.data.clone(),
        loaded.index.clone(),
        Config::default().cache_entries,
    );
    fresh.generation = 1;
    fresh
}

/// A service for one test, made by [`TestApp::builder`].
pub struct TestApp {
    /// The state to build routers from.
    pub state: AppState,
    /// The data folder behind it: a scratch copy, or the repository's.
    pub data_dir: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

/// How a [`TestApp`] is made.
pub struct TestAppBuilder {
    config: Config,
    api_key: Option<String>,
    scratch: Scratch,
}

enum Scratch {
    /// The repository's data folder, never written.
    None,
    /// A copy of the data folder with an index folder of its own, loaded
    /// from there (writes, reindexes and reloads change only the copy).
    Loaded,
    /// A copy of the data folder for writes to land in, serving the
    /// default data already loaded (no index build: for tests that only
    /// reach the write routes' checks).
    Shared,
}

impl TestApp {
    /// The default data with the default configuration.
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            config: Config::default(),
            api_key: None,
            scratch: Scratch::None,
        }
    }

    /// A scratch copy of the data, loaded from it, that `key` may write to,
    /// with a request timeout long enough for an index build in a debug
    /// build on shared cores.
    pub fn writable(key: &str) -> TestApp {
        TestApp::builder()
            .api_key(key)
            .config(Config {
                request_timeout_ms: 120_000,
                ..Config::default()
            })
            .scratch()
            .build()
    }

    /// [`TestApp::builder`]`().config(config).build().state`: the default
    /// data, shared, under `config`.
    pub fn state(config: Config) -> AppState {
        Self::builder().config(config).build().state
    }
}

impl TestAppBuilder {
    /// The configuration (a scratch build sets its data and index folders).
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Allows writes with `key` (whatever the configuration says).
    pub fn api_key(mut self, key: &str) -> Self {
        self.api_key = Some(key.to_string());
        self
    }

    /// Serves a scratch copy of the data, loaded from it.
    pub fn scratch(mut self) -> Self {
        self.scratch = Scratch::Loaded;
        self
    }

    /// Serves the shared default data, with a scratch copy for writes.
    pub fn scratch_shared(mut self) -> Self {
        self.scratch = Scratch::Shared;
        self
    }

    /// The service.
    pub fn build(self) -> TestApp {
        let mut config = self.config;
        if let Some(key) = &self.api_key {
            config.api_key_sha256 = vec![oppepala::api::auth::hash_key(key)];
        }
        match self.scratch {
            // The folders stay as configured (a feed test points data_dir
            // at a folder for its snapshots); the data served is shared.
            Scratch::None => TestApp {
                data_dir: config.data_dir.clone(),
                state: AppState::new(config, served()),
                _dir: None,
            },
            Scratch::Loaded | Scratch::Shared => {
                let dir = tempfile::tempdir().unwrap();
                let data_dir = copy_default_data(dir.path());
                config.data_dir = data_dir.clone();
                config.index_dir = dir.path().join("index");
                let served = match self.scratch {
                    Scratch::Loaded => {
                        oppepala::service::load(&config).expect("scratch data loads")
                    }
                    _ => served(),
                };
                TestApp {
                    state: AppState::new(config, served),
                    data_dir,
                    _dir: Some(dir),
                }
            }
        }
    }
}

/// Every `.rs` file below `dir`.
pub fn rust_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The service's answer to `request`: its status and its body as JSON
/// (`null` when the body is not JSON).
pub async fn call_json(
    state: &AppState,
    request: axum::http::Request<axum::body::Body>,
) -> (axum::http::StatusCode, serde_json::Value) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = oppepala::api::app(state.clone())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, value)
}

/// A request to the service: `method` on `uri`, with `key` as a bearer
/// token and `body` as JSON when given.
pub fn request(
    method: &str,
    uri: &str,
    key: Option<&str>,
    body: Option<&serde_json::Value>,
) -> axum::http::Request<axum::body::Body> {
    use axum::body::Body;
    use axum::http::{Request, header};
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(key) = key {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

/// Waits until `state` serves `generation` (or a later one); fails, with
/// the build status, when that takes longer than `within`.
pub async fn wait_for_generation(state: &AppState, generation: u64, within: std::time::Duration) {
    let deadline = std::time::Instant::now() + within;
    while state.served.load().generation < generation {
        assert!(
            std::time::Instant::now() < deadline,
            "generation {generation} not served in time; status: {:?}",
            state.build_status.lock().unwrap()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// A response's body as text.
pub async fn body_text(response: axum::response::Response) -> String {
    use http_body_util::BodyExt;
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}
