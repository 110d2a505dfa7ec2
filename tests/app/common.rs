//! The test harness: every test gets its own Sprout — the real app, served over real HTTP on a
//! free port, with its own fresh database (a temporary SQLite file, or a new PostgreSQL database
//! when TEST_DATABASE_URL names a server) and its own data directory.

use std::collections::HashMap;
use std::time::Duration;

use actix_web::web;
use awc::http::header::HeaderMap;
use diesel::{Connection, PgConnection, RunQueryDsl};
use serde_json::{json, Value};
use sprout::config::Config;
use sprout::AppState;

pub use sprout::media::fixtures::{jpeg, png_claiming, rotated_jpeg_with_gps};

/// A PostgreSQL database made for one test and dropped after it.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl PgDatabase {
    fn create(admin_url: &str) -> (PgDatabase, String) {
        let name = format!("sprout_test_{}", &sprout::web::random_token()[..16]);
        let mut conn = PgConnection::establish(admin_url).expect("TEST_DATABASE_URL must reach PostgreSQL");
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut conn)
            .expect("create test database");
        let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin_url);
        let url = format!("{base}/{name}");
        (PgDatabase { admin_url: admin_url.to_string(), name }, url)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name))
                .execute(&mut conn);
        }
    }
}

/// The database URL tests run against, if not the default temporary SQLite file.
pub fn test_database_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.trim().is_empty())
}

pub struct TestApp {
    pub state: web::Data<AppState>,
    pub url: String,
    client: awc::Client,
    server: actix_web::dev::ServerHandle,
    pub dir: tempfile::TempDir,
    _pg: Option<PgDatabase>,
    db_url: Option<String>,
}

/// A stopped app's database and data directory.
pub struct Stopped {
    dir: tempfile::TempDir,
    pg: Option<PgDatabase>,
    db_url: Option<String>,
}

impl Stopped {
    /// A connection to the stopped app's database, as another process would open it.
    pub fn connect(&self) -> sprout::db::DbPool {
        let url = self
            .db_url
            .clone()
            .unwrap_or_else(|| self.dir.path().join("sprout.db").to_string_lossy().into_owned());
        sprout::db::connect(&url).expect("open the stopped app's database")
    }
}

pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    }

    /// The `code` of a JSON error body.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_string()
    }
}

/// One part of a multipart form.
pub enum Part {
    Text(&'static str, String),
    File(&'static str, String, Vec<u8>),
}

pub fn text(name: &'static str, value: impl Into<String>) -> Part {
    Part::Text(name, value.into())
}

pub fn file(name: &'static str, filename: &str, bytes: Vec<u8>) -> Part {
    Part::File(name, filename.to_string(), bytes)
}

fn multipart_body(parts: &[Part]) -> (String, Vec<u8>) {
    let boundary = "----sprout-test-boundary-7d1f";
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                );
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, filename, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl TestApp {
    pub async fn start() -> TestApp {
        TestApp::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let (pg, url) = match test_database_url() {
            Some(admin) if sprout::db::is_postgres_url(&admin) => {
                let (db, url) = PgDatabase::create(&admin);
                (Some(db), Some(url))
            }
            _ => (None, None),
        };
        TestApp::start_on(dir, pg, url, adjust).await
    }

    async fn start_on(
        dir: tempfile::TempDir,
        pg: Option<PgDatabase>,
        db_url: Option<String>,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        let mut config = Config::new(dir.path().to_path_buf(), db_url.clone());
        config.rate_limit = 0;
        adjust(&mut config);
        let state = web::Data::new(AppState::open(config).expect("open app state"));
        let app_state = state.clone();
        let server = actix_web::HttpServer::new(move || sprout::build_app(app_state.clone()))
            .workers(1)
            .disable_signals()
            .bind("127.0.0.1:0")
            .expect("bind a free port");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        let client = awc::Client::builder().timeout(Duration::from_secs(120)).disable_redirects().finish();
        TestApp { state, url: format!("http://{addr}"), client, server: handle, dir, _pg: pg, db_url }
    }

    /// Stops the server and its background workers as a crash would, keeping the database and
    /// the data directory for [`TestApp::restart`].
    pub async fn stop(mut self) -> Stopped {
        self.server.stop(false).await;
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"));
        let stopped = Stopped { dir, pg: self._pg.take(), db_url: self.db_url.take() };
        drop(self);
        // The job worker notices its handles are gone within one idle poll.
        actix_web::rt::time::sleep(Duration::from_millis(600)).await;
        stopped
    }

    /// Starts Sprout again on a stopped app's database and data directory.
    pub async fn restart(stopped: Stopped) -> TestApp {
        TestApp::start_on(stopped.dir, stopped.pg, stopped.db_url, |_| {}).await
    }

    async fn send(&self, req: awc::ClientRequest, body: Option<(String, Vec<u8>)>) -> Resp {
        let result = match body {
            Some((content_type, bytes)) => {
                req.insert_header(("Content-Type", content_type)).send_body(bytes).await
            }
            None => req.send().await,
        };
        let mut res = result.expect("request reaches the server");
        let body = res.body().limit(64 * 1024 * 1024).await.expect("read body").to_vec();
        Resp { status: res.status().as_u16(), headers: res.headers().clone(), body }
    }

    fn request(&self, method: awc::http::Method, path: &str, token: Option<&str>) -> awc::ClientRequest {
        let mut req = self.client.request(method, format!("{}{path}", self.url));
        if let Some(token) = token {
            req = req.insert_header(("Authorization", format!("Bearer {token}")));
        }
        req
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.request(awc::http::Method::GET, path, None), None).await
    }

    /// A GET with extra headers (e.g. `Accept-Language`).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        let mut req = self.request(awc::http::Method::GET, path, None);
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        self.send(req, None).await
    }

    /// A JSON call with extra headers.
    pub async fn json_with(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Value,
        headers: &[(&str, &str)],
    ) -> Resp {
        let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.request(method, path, token);
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        let bytes = serde_json::to_vec(&body).unwrap();
        self.send(req, Some(("application/json".into(), bytes))).await
    }

    pub async fn head(&self, path: &str) -> Resp {
        self.send(self.request(awc::http::Method::HEAD, path, None), None).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Resp {
        self.send(self.request(awc::http::Method::GET, path, Some(token)), None).await
    }

    pub async fn json(&self, method: &str, path: &str, token: Option<&str>, body: Value) -> Resp {
        let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
        let bytes = serde_json::to_vec(&body).unwrap();
        self.send(self.request(method, path, token), Some(("application/json".into(), bytes))).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Resp {
        self.send(self.request(awc::http::Method::DELETE, path, Some(token)), None).await
    }

    pub async fn multipart(&self, path: &str, token: Option<&str>, parts: &[Part]) -> Resp {
        self.send(self.request(awc::http::Method::POST, path, token), Some(multipart_body(parts))).await
    }

    /// Signs up `username` over the API; returns the bearer token.
    pub async fn signup(&self, username: &str) -> String {
        let res = self
            .json(
                "POST",
                "/api/v1/auth/signup",
                None,
                json!({ "username": username, "email": format!("{username}@example.com"), "password": "correct horse battery" }),
            )
            .await;
        assert_eq!(res.status, 201, "{}", res.text());
        res.json()["token"].as_str().unwrap().to_string()
    }

    /// Posts a note with one photo per entry of `photos`; returns the response.
    pub async fn post_note(&self, token: &str, title: &str, hashtags: &str, photos: Vec<Vec<u8>>) -> Resp {
        let mut parts =
            vec![text("title", title), text("body", format!("About {title}")), text("hashtags", hashtags)];
        for (i, bytes) in photos.into_iter().enumerate() {
            parts.push(file("images", &format!("photo{i}.jpg"), bytes));
            parts.push(text("alt", format!("photo {i} of {title}")));
        }
        self.multipart("/api/v1/notes", Some(token), &parts).await
    }

    /// Posts a one-photo note that must succeed; returns its JSON.
    pub async fn note(&self, token: &str, title: &str) -> Value {
        let res = self.post_note(token, title, "", vec![jpeg(64, 48)]).await;
        assert_eq!(res.status, 201, "{}", res.text());
        res.json()
    }

    /// How many rows a table has, straight from the database.
    pub fn count(&self, table: &str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.state.pool.get().unwrap();
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<Count>(&mut *conn)
            .unwrap()
            .n
    }

    /// Every photo file in the data directory.
    pub fn media_files(&self) -> Vec<std::path::PathBuf> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            if let Ok(entries) = std::fs::read_dir(dir) {
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        walk(&path, out);
                    } else {
                        out.push(path);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.dir.path().join("media"), &mut out);
        out
    }

    /// A browser-like visitor with a cookie jar, for the HTML pages.
    pub fn visitor(&self) -> Visitor<'_> {
        Visitor { app: self, cookies: HashMap::new(), headers: Vec::new() }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // The stop command is sent at once; the returned future only waits for it to finish.
        drop(self.server.stop(false));
    }
}

/// Keeps cookies across requests and reads CSRF tokens from forms, as a browser does.
pub struct Visitor<'a> {
    app: &'a TestApp,
    pub cookies: HashMap<String, String>,
    /// Sent with every request (e.g. the browser's `Accept-Language`).
    pub headers: Vec<(String, String)>,
}

impl Visitor<'_> {
    fn with_cookies(&self, mut req: awc::ClientRequest) -> awc::ClientRequest {
        for (name, value) in &self.headers {
            req = req.insert_header((name.as_str(), value.as_str()));
        }
        if !self.cookies.is_empty() {
            let header = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            req = req.insert_header(("Cookie", header));
        }
        req
    }

    fn keep_cookies(&mut self, res: &Resp) {
        for value in res.headers.get_all("set-cookie") {
            let value = value.to_str().unwrap();
            let pair = value.split(';').next().unwrap();
            let (name, val) = pair.split_once('=').unwrap();
            if val.is_empty() || value.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), val.to_string());
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let req = self.with_cookies(self.app.request(awc::http::Method::GET, path, None));
        let res = self.app.send(req, None).await;
        self.keep_cookies(&res);
        res
    }

    /// The CSRF token of the form on `path`.
    pub async fn csrf(&mut self, path: &str) -> String {
        let page = self.get(path).await.text();
        let at = page.find("name=\"csrf\" value=\"").expect("page has a form with a CSRF token") + 19;
        page[at..at + page[at..].find('"').unwrap()].to_string()
    }

    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = fields
            .iter()
            .map(|(k, v)| {
                format!("{}={}", sprout::web::auth::percent_encode(k), sprout::web::auth::percent_encode(v))
            })
            .collect::<Vec<_>>()
            .join("&");
        let req = self.with_cookies(self.app.request(awc::http::Method::POST, path, None));
        let res =
            self.app.send(req, Some(("application/x-www-form-urlencoded".into(), body.into_bytes()))).await;
        self.keep_cookies(&res);
        res
    }

    pub async fn post_multipart(&mut self, path: &str, parts: &[Part]) -> Resp {
        let req = self.with_cookies(self.app.request(awc::http::Method::POST, path, None));
        let res = self.app.send(req, Some(multipart_body(parts))).await;
        self.keep_cookies(&res);
        res
    }

    /// Signs up through the HTML form and keeps the session cookie.
    pub async fn sign_up(&mut self, username: &str) -> Resp {
        let csrf = self.csrf("/signup").await;
        let email = format!("{username}@example.com");
        self.post_form(
            "/signup",
            &[
                ("csrf", &csrf),
                ("username", username),
                ("email", &email),
                ("password", "correct horse battery"),
            ],
        )
        .await
    }
}

/// The address of a page's "More" link, if it has one.
pub fn more_link(page: &str) -> Option<String> {
    let end = page.find("\" data-more")?;
    let start = page[..end].rfind("href=\"")? + 6;
    Some(page[start..end].replace("&amp;", "&").replace("&#38;", "&"))
}

/// The `sprout` binary serving the test app's database from a process of its own (with its own
/// data directory), for what must be measured apart from the tests' own process: its memory,
/// its latency, its log.
pub struct ServerProcess {
    child: std::process::Child,
    pub addr: std::net::SocketAddr,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl ServerProcess {
    pub async fn start(app: &TestApp, env: &[(&str, &str)]) -> ServerProcess {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let log = dir.path().join("server.log");
        let out = std::fs::File::create(&log).unwrap();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_sprout"))
            .args(["serve", "--bind", &addr.to_string(), "--data-dir"])
            .arg(dir.path())
            .arg("--database-url")
            .arg(&app.state.config.database_url)
            .env("SPROUT_LOG", "info")
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start sprout");
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "sprout did not start: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
        ServerProcess { child, addr, log, _dir: dir }
    }

    /// The server's resident memory, in bytes.
    pub fn rss(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc");
        kb * 1024
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a raw HTTP/1.1 request whose body is produced in chunks by `body(i)` (None: done),
/// stopping as soon as the server answers; returns the status and how many body bytes were
/// sent before the answer came.
pub fn raw_upload(
    addr: std::net::SocketAddr,
    head: &str,
    mut body: impl FnMut(usize) -> Option<Vec<u8>> + Send + 'static,
) -> (u16, u64) {
    use std::io::{Read, Write};
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::Arc;
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let (sent, answered) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicBool::new(false)));
    let (sent_w, answered_w) = (sent.clone(), answered.clone());
    let pump = std::thread::spawn(move || {
        let mut i = 0;
        while !answered_w.load(Ordering::SeqCst) {
            let Some(chunk) = body(i) else { break };
            if writer.write_all(&chunk).is_err() {
                break;
            }
            sent_w.fetch_add(chunk.len() as u64, Ordering::SeqCst);
            i += 1;
        }
    });
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    while !response.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => response.extend_from_slice(&buf[..n]),
        }
    }
    answered.store(true, Ordering::SeqCst);
    let sent_before_answer = sent.load(Ordering::SeqCst);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = pump.join();
    let text = String::from_utf8_lossy(&response);
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, sent_before_answer)
}

/// One blocking HTTP/1.1 request with `Connection: close`, from a plain thread (so timing it
/// does not depend on the test's own event loop); returns the status and the body.
pub fn blocking_request(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// The body of a streamed response, as awc hands it over.
type EventBody = std::pin::Pin<
    Box<dyn futures_util::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>>>,
>;

/// A live channel (`GET /api/v1/events`) opened by a test, read event by event.
pub struct LiveEvents {
    response: awc::ClientResponse<EventBody>,
    buffer: String,
}

impl LiveEvents {
    /// Opens the live channel of `base` (a Sprout's address) with a bearer token.
    pub async fn open(base: &str, token: &str) -> LiveEvents {
        let client = awc::Client::builder().timeout(Duration::from_secs(300)).finish();
        let response = client
            .get(format!("{base}/api/v1/events"))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .send()
            .await
            .expect("open the live channel");
        assert_eq!(response.status().as_u16(), 200, "the live channel opens");
        assert_eq!(response.headers().get("content-type").unwrap(), "text/event-stream");
        LiveEvents { response, buffer: String::new() }
    }

    /// The next event, if one comes within `wait` (heartbeats and comments are skipped).
    pub async fn next(&mut self, wait: Duration) -> Option<Value> {
        use futures_util::StreamExt;
        let deadline = std::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(data) = block.lines().find_map(|l| l.strip_prefix("data: ")) {
                    return Some(serde_json::from_str(data).expect("an event is JSON"));
                }
            }
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            match actix_web::rt::time::timeout(left, self.response.next()).await {
                Ok(Some(Ok(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                Ok(_) | Err(_) => return None,
            }
        }
    }
}
