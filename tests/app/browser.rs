//! The main journey in a real headless Chromium, driven over WebDriver: sign up, post a note
//! with a photo, find it on the explore page, open it. Runs on a phone-sized window.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::{jpeg, TestApp};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    process: Child,
    base: String,
    client: awc::Client,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl Driver {
    /// Starts chromedriver on a free port; None when it is not installed (and not required).
    async fn start() -> Option<Driver> {
        let binary = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists());
        let Some(binary) = binary else {
            let required =
                std::env::var_os("CI").is_some() || std::env::var_os("SPROUT_REQUIRE_BROWSER").is_some();
            assert!(
                !required,
                "chromedriver is missing: apt-get install chromium chromium-driver (or run .ci/test)"
            );
            eprintln!("browser journey skipped: chromedriver is not installed (apt-get install chromium chromium-driver)");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let process = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver {
            process,
            base: format!("http://127.0.0.1:{port}"),
            client: awc::Client::builder().timeout(Duration::from_secs(60)).finish(),
        };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if let Ok(mut res) = driver.client.get(format!("{}/status", driver.base)).send().await {
                if res.json::<Value>().await.map(|v| v["value"]["ready"] == true).unwrap_or(false) {
                    return Some(driver);
                }
            }
            actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not become ready");
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
        let req = self.client.request(method, format!("{}{path}", self.base));
        let mut res = match body {
            Some(body) => req.send_json(&body).await,
            None => req.send().await,
        }
        .expect("chromedriver answers");
        let value: Value = res.json().limit(16 * 1024 * 1024).await.expect("WebDriver JSON");
        assert!(res.status().is_success(), "WebDriver {path}: {value}");
        value["value"].clone()
    }

    async fn session(&self, user_data_dir: &std::path::Path) -> Session<'_> {
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                     "--window-size=390,844", format!("--user-data-dir={}", user_data_dir.display())]
        }}}});
        let value = self.call("POST", "/session", Some(caps)).await;
        Session { driver: self, id: value["sessionId"].as_str().unwrap().to_string() }
    }
}

impl Session<'_> {
    async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.driver.call(method, &format!("/session/{}{path}", self.id), body).await
    }

    async fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url}))).await;
    }

    async fn find(&self, css: &str) -> String {
        let value = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css}))).await;
        value[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}: {value}")).to_string()
    }

    async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        self.cmd("POST", &format!("/element/{el}/value"), Some(json!({"text": text}))).await;
    }

    async fn click(&self, css: &str) {
        let el = self.find(css).await;
        self.cmd("POST", &format!("/element/{el}/click"), Some(json!({}))).await;
    }

    async fn script(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({"script": script, "args": []}))).await
    }

    async fn url(&self) -> String {
        self.cmd("GET", "/url", None).await.as_str().unwrap().to_string()
    }

    /// Waits for a form post's navigation to land on a page whose URL passes `done`: a click
    /// returns before the browser has followed the redirect.
    async fn wait_for_url(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let url = self.url().await;
            let ready = self.script("return document.readyState").await == "complete";
            if ready && done(&url) {
                return url;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "never reached {what}; still at {url}");
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let png = self.cmd("GET", "/screenshot", None).await;
        if let Some(bytes) = png.as_str().and_then(base64_decode) {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
            let _ = std::fs::write(dir.join(format!("{name}.png")), bytes);
        }
    }

    async fn quit(self) {
        self.cmd("DELETE", "", None).await;
    }
}

/// Decodes standard base64 (WebDriver screenshots), without a crate for it.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[actix_web::test]
async fn sign_up_post_a_photo_note_find_it_on_explore_and_open_it() {
    let Some(driver) = Driver::start().await else { return };
    let app = TestApp::start().await;
    let profile = tempfile::tempdir().unwrap();
    let photo = app.dir.path().join("holiday.jpg");
    std::fs::write(&photo, jpeg(900, 1200)).unwrap();
    let browser = driver.session(profile.path()).await;

    browser.goto(&format!("{}/", app.url)).await;
    browser.click("a[href='/signup']").await;
    browser.type_into("input[name=username]", "browser_bo").await;
    browser.type_into("input[name=email]", "bo@example.com").await;
    browser.type_into("input[name=password]", "a long enough password").await;
    browser.click("form[action='/signup'] button[type=submit]").await;
    let home = format!("{}/", app.url);
    browser.wait_for_url("explore after signing up", |url| url == home).await;
    let who = browser.script("return document.querySelector('a.me').textContent").await;
    assert_eq!(who, "browser_bo", "signed in");

    browser.click("a[href='/notes/new']").await;
    browser.type_into("input[name=images]", &photo.to_string_lossy()).await;
    // With JavaScript, each chosen photo gets a preview and its own alt text field.
    browser.type_into("[data-previews] input[name=alt]", "A beach at sunset").await;
    browser.type_into("input[name=title]", "Sunset in Sanya 三亚").await;
    browser.type_into("textarea[name=body]", "Packed the best sunscreen #travel").await;
    browser.click("#note-form button[type=submit]").await;
    let note_url = browser
        .wait_for_url("the new note's page", |url| {
            url.rsplit_once("/notes/").is_some_and(|(_, id)| id.chars().all(|c| c.is_ascii_digit()))
        })
        .await;

    browser.goto(&format!("{}/", app.url)).await;
    let card_text = browser.script("return document.querySelector('.card .card-title').textContent").await;
    assert_eq!(card_text, "Sunset in Sanya 三亚", "the new note is first on explore");
    browser.click(".card a.card-link").await;
    browser.wait_for_url("the note from its card", |url| url == note_url).await;
    let heading = browser.script("return document.querySelector('.note h1').textContent").await;
    assert_eq!(heading, "Sunset in Sanya 三亚");
    let img = browser
        .script("const i = document.querySelector('.carousel img'); return [i.complete, i.naturalWidth, i.naturalHeight, i.alt]")
        .await;
    assert_eq!(img, json!([true, 900, 1200, "A beach at sunset"]), "the photo loaded at its real size");
    let overflow = browser.script("return document.documentElement.scrollWidth <= window.innerWidth").await;
    assert_eq!(overflow, json!(true), "no sideways scrolling on a phone-sized screen");
    browser.screenshot("journey-note").await;
    browser.quit().await;
}
