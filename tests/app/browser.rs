//! The main journey in a real headless Chromium, driven over WebDriver: sign up, post a note
//! with a photo, find it on the explore page, open it. Runs on a phone-sized window.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::{jpeg, TestApp};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub(crate) struct Driver {
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

pub(crate) struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl Driver {
    /// Starts chromedriver on a free port; None when it is not installed (and not required).
    pub(crate) async fn start() -> Option<Driver> {
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

    pub(crate) async fn session(&self, user_data_dir: &std::path::Path) -> Session<'_> {
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

    pub(crate) async fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url}))).await;
    }

    pub(crate) async fn find(&self, css: &str) -> String {
        let value = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css}))).await;
        value[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}: {value}")).to_string()
    }

    pub(crate) async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        self.cmd("POST", &format!("/element/{el}/value"), Some(json!({"text": text}))).await;
    }

    /// Clicks `css` after scrolling it to the middle of the screen, as a person would: at the
    /// bottom edge the phone's tab bar covers it.
    pub(crate) async fn click(&self, css: &str) {
        let el = self.find(css).await;
        let script = "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});";
        self.cmd("POST", "/execute/sync", Some(json!({"script": script, "args": [{ELEMENT: el}]}))).await;
        self.cmd("POST", &format!("/element/{el}/click"), Some(json!({}))).await;
    }

    pub(crate) async fn script(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({"script": script, "args": []}))).await
    }

    /// Runs a script that calls its last argument when done, and returns what it passed.
    pub(crate) async fn script_async(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/async", Some(json!({"script": script, "args": []}))).await
    }

    pub(crate) async fn url(&self) -> String {
        self.cmd("GET", "/url", None).await.as_str().unwrap().to_string()
    }

    /// Waits for a form post's navigation to land on a page whose URL passes `done`: a click
    /// returns before the browser has followed the redirect.
    pub(crate) async fn wait_for_url(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
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

    pub(crate) async fn screenshot(&self, name: &str) {
        let png = self.cmd("GET", "/screenshot", None).await;
        if let Some(bytes) = png.as_str().and_then(base64_decode) {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
            let _ = std::fs::write(dir.join(format!("{name}.png")), bytes);
        }
    }

    pub(crate) async fn quit(self) {
        self.cmd("DELETE", "", None).await;
    }
}

/// Decodes standard base64 (WebDriver screenshots), without a crate for it.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
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
    // The phone gets the stored size that fits its screen (srcset), in the photo's proportions.
    let img = browser
        .script("const i = document.querySelector('.carousel img'); return [i.complete, Math.abs(i.naturalWidth * 4 - i.naturalHeight * 3) <= 4, i.naturalWidth <= 900, i.alt]")
        .await;
    assert_eq!(img, json!([true, true, true, "A beach at sunset"]), "the photo loaded in its proportions");
    let overflow = browser.script("return document.documentElement.scrollWidth <= window.innerWidth").await;
    assert_eq!(overflow, json!(true), "no sideways scrolling on a phone-sized screen");
    browser.screenshot("journey-note").await;
    browser.quit().await;
}

impl Session<'_> {
    /// Logs in as `username` (password "correct horse battery"), after dropping any session.
    pub(crate) async fn log_in(&self, app: &TestApp, username: &str) {
        self.cmd("DELETE", "/cookie", None).await;
        self.goto(&format!("{}/login", app.url)).await;
        self.type_into("input[name=login]", username).await;
        self.type_into("input[name=password]", "correct horse battery").await;
        self.click("form[action='/login'] button[type=submit]").await;
        self.wait_for_url("home after logging in", |url| !url.contains("/login")).await;
    }

    /// Waits until the element `css` reads `expected`: after a form posts back to the page it
    /// came from, the URL alone cannot tell the new page from the old.
    pub(crate) async fn wait_for_text(&self, css: &str, expected: &str) {
        let started = Instant::now();
        loop {
            let script =
                format!("const e = document.querySelector({css:?}); return e ? e.textContent.trim() : null");
            let now = self.script(&script).await;
            if now.as_str() == Some(expected) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{css} never read {expected:?}; still {now}"
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub(crate) async fn text(&self, css: &str) -> String {
        let script =
            format!("const e = document.querySelector({css:?}); return e ? e.textContent.trim() : null");
        self.script(&script).await.as_str().unwrap_or_else(|| panic!("no {css} on the page")).to_string()
    }
}

/// The mission's loop in a phone-sized browser: a creator tags a brand's product on a photo, a
/// reader taps the dot, adds it to the cart and orders; the brand ships and delivers; the buyer
/// writes the verified review; the creator's dashboard shows the sale.
#[actix_web::test]
async fn tag_to_cart_to_order_to_verified_review_and_the_creators_dashboard() {
    let Some(driver) = Driver::start().await else { return };
    let app = TestApp::start().await;
    let brand = app.signup("leaf_brand").await;
    let creator = app.signup("lily").await;
    app.signup("reader").await;
    let res = app
        .json("POST", "/api/v1/brands", Some(&brand), json!({"name": "Green Leaf", "slug": "green-leaf"}))
        .await;
    assert_eq!(res.status, 201);
    let res = app
        .json(
            "POST",
            "/api/v1/brands/green-leaf/products",
            Some(&brand),
            json!({"name": "Dewy Sunscreen", "price_cents": 12900, "currency": "CNY", "stock": 3, "commission_bps": 1000}),
        )
        .await;
    let product = res.json()["id"].as_i64().unwrap();
    let note = app.note(&creator, "My beach bag").await["id"].as_i64().unwrap();
    let photo = app.dir.path().join("review.jpg");
    std::fs::write(&photo, jpeg(600, 800)).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path()).await;

    // The creator finds the product as they type and taps the photo where it is.
    browser.log_in(&app, "lily").await;
    browser.goto(&format!("{}/notes/{note}/tags", app.url)).await;
    browser.type_into("[data-product-search]", "dewy").await;
    let started = Instant::now();
    while browser.script("return document.querySelectorAll('[data-product-results] input').length").await != 1
    {
        assert!(started.elapsed() < Duration::from_secs(10), "search-as-you-type found nothing");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    browser.click("[data-tag-canvas] img").await;
    let x = browser.script("return document.querySelector('[data-tag-x]').value").await;
    assert_eq!(x, "50.0", "tapping the middle of the photo places the dot there");
    browser.click("form[data-tagger] button[type=submit]").await;
    let note_url = format!("{}/notes/{note}", app.url);
    browser.wait_for_url("the note after tagging", |url| url == note_url).await;

    // A reader taps the dot: the product card opens; add to cart; check out.
    browser.log_in(&app, "reader").await;
    browser.goto(&note_url).await;
    let label =
        browser.script("return document.querySelector('button.tag-dot').getAttribute('aria-label')").await;
    assert_eq!(label, "Product: Dewy Sunscreen, ¥129.00", "the dot is labelled for screen readers");
    let photo_top = "return Math.round(document.querySelector('.carousel').getBoundingClientRect().top)";
    browser.script("document.querySelector('button.tag-dot').scrollIntoView({block: 'center'})").await;
    let before = browser.script(photo_top).await;
    browser.click("button.tag-dot").await;
    // The card opens in a sheet over the photo, without leaving the page or scrolling it.
    browser.wait_for_text("dialog.sheet[open] #tag-card .price", "¥129.00").await;
    assert_eq!(browser.url().await, note_url, "no reload");
    assert_eq!(browser.script(photo_top).await, before, "the photo stays where it was");
    browser.click("#tag-card button[type=submit]").await;
    let cart_url = format!("{}/cart", app.url);
    browser.wait_for_url("the cart", |url| url == cart_url).await;
    assert!(browser.text(".cart-line").await.contains("from My beach bag by @lily"));
    browser.type_into("textarea[name=address]", "12 Garden Road, Hangzhou").await;
    browser.click("#checkout-form button[type=submit]").await;
    let order_url = browser
        .wait_for_url("the order page", |url| url.contains("/orders/") && url.contains("placed=1"))
        .await;
    let order: i64 = order_url.rsplit_once("/orders/").unwrap().1.split('?').next().unwrap().parse().unwrap();
    assert!(browser.text("h1").await.starts_with(&format!("Order #{order}")));
    let mail = std::fs::read_dir(app.dir.path().join("mail"))
        .map(|d| {
            d.flatten().map(|e| std::fs::read_to_string(e.path()).unwrap_or_default()).collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let started = Instant::now();
    let mut confirmed = mail.iter().any(|m| m.contains(&format!("order #{order}")));
    while !confirmed && started.elapsed() < Duration::from_secs(10) {
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        confirmed = std::fs::read_dir(app.dir.path().join("mail"))
            .map(|d| {
                d.flatten().any(|e| {
                    std::fs::read_to_string(e.path()).unwrap_or_default().contains(&format!("order #{order}"))
                })
            })
            .unwrap_or(false);
    }
    assert!(confirmed, "the confirmation email was sent");

    // The brand ships and delivers from the order page.
    browser.log_in(&app, "leaf_brand").await;
    let page = format!("{}/orders/{order}", app.url);
    browser.goto(&page).await;
    browser.click("form[action$='/status'] input[value=shipped] ~ button").await;
    browser.wait_for_text("h1 .status", "Shipped").await;
    browser.click("form[action$='/status'] input[value=delivered] ~ button").await;
    browser.wait_for_text("h1 .status", "Delivered").await;

    // The buyer writes the review from the order; it carries the badge and the product tag.
    browser.log_in(&app, "reader").await;
    browser.goto(&page).await;
    browser.click("a[href^='/notes/new?order_item=']").await;
    browser.wait_for_url("the review composer", |url| url.contains("order_item=")).await;
    assert_eq!(
        browser.script("return document.querySelector('input[name=title]').value").await,
        "My review: Dewy Sunscreen"
    );
    browser.type_into("input[name=images]", &photo.to_string_lossy()).await;
    browser.type_into("[data-previews] input[name=alt]", "The tube on a towel").await;
    browser.type_into("textarea[name=body]", "No white cast, lasted all day").await;
    browser.click("#note-form button[type=submit]").await;
    browser
        .wait_for_url("the review", |url| {
            url.rsplit_once("/notes/").is_some_and(|(_, id)| id.parse::<i64>().is_ok())
        })
        .await;
    assert_eq!(browser.text(".verified-badge").await, "✓ Verified purchase");
    assert_eq!(browser.script("return document.querySelectorAll('button.tag-dot').length").await, 1);

    // The creator's dashboard shows the sale, exactly.
    browser.log_in(&app, "lily").await;
    browser.goto(&format!("{}/dashboard", app.url)).await;
    assert_eq!(browser.text("#total-orders").await, "1");
    assert_eq!(browser.text("#total-revenue").await, "¥129.00");
    assert_eq!(browser.text("#total-commission").await, "¥12.90");
    let product_stock = app.get(&format!("/api/v1/products/{product}")).await.json()["stock"].clone();
    assert_eq!(product_stock, 2);
    let overflow = browser.script("return document.documentElement.scrollWidth <= window.innerWidth").await;
    assert_eq!(overflow, json!(true), "the dashboard fits a phone screen");
    browser.screenshot("journey-dashboard").await;
    browser.quit().await;
}

/// Team purchase on a phone: open a team from the product page, watch the countdown tick, and a
/// second shopper joins through the share link, lowering the price.
#[actix_web::test]
async fn open_a_team_share_the_link_and_a_friend_joins() {
    let Some(driver) = Driver::start().await else { return };
    let app = TestApp::start().await;
    let brand = app.signup("team_brand").await;
    app.signup("team_opener").await;
    app.signup("team_friend").await;
    app.json("POST", "/api/v1/brands", Some(&brand), json!({"name": "Peach Farm", "slug": "peach-farm"}))
        .await;
    let product = app
        .json(
            "POST",
            "/api/v1/brands/peach-farm/products",
            Some(&brand),
            json!({"name": "Peach Box", "price_cents": 1000, "currency": "CNY", "stock": 10}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let res = app
        .json(
            "POST",
            &format!("/api/v1/products/{product}/deals"),
            Some(&brand),
            json!({"tiers": [{"size": 2, "price_cents": 900}, {"size": 3, "price_cents": 800}], "duration_secs": 3600, "max_size": 3}),
        )
        .await;
    assert_eq!(res.status, 201);
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path()).await;

    browser.log_in(&app, "team_opener").await;
    browser.goto(&format!("{}/products/{product}", app.url)).await;
    browser.click("details.team-deal summary").await;
    browser.type_into("details.team-deal input[name=name]", "Opener").await;
    browser.type_into("details.team-deal textarea[name=address]", "9 Orchard Lane, Wuxi").await;
    browser.click("details.team-deal button[type=submit]").await;
    let team_url = browser.wait_for_url("the team page", |url| url.contains("/teams/")).await;
    assert_eq!(browser.text("#team-price").await, "¥10.00");
    let before = browser.text("#countdown").await;
    actix_web::rt::time::sleep(Duration::from_millis(2100)).await;
    let after = browser.text("#countdown").await;
    assert!(before.ends_with("left") && before != after, "the countdown ticks: {before} → {after}");
    let share = browser.script("return document.querySelector('#share-link').value").await;
    assert!(share.as_str().unwrap().ends_with(team_url.rsplit_once("/teams/").unwrap().1));

    // A friend opens the shared link and joins.
    browser.log_in(&app, "team_friend").await;
    browser.goto(&team_url).await;
    browser.type_into("#join-form textarea[name=address]", "10 Orchard Lane, Wuxi").await;
    browser.click("#join-form button[type=submit]").await;
    browser.wait_for_text("#team-price", "¥9.00").await;
    assert!(browser.text("h2.section-title").await.starts_with("2 of 3 joined"));
    assert_eq!(browser.script("return document.querySelectorAll('.members li').length").await, 2);
    browser.screenshot("journey-team").await;
    browser.quit().await;
}

/// Community group buy on a phone: a neighbour adds a product from the run page, chooses
/// "Pick up at …" at checkout; after the cut-off the leader opens the pick list and hands the
/// order over.
#[actix_web::test]
async fn order_into_a_group_buy_for_pickup_and_the_leader_hands_it_over() {
    let Some(driver) = Driver::start().await else { return };
    let app = TestApp::start().await;
    let brand = app.signup("rice_brand").await;
    let leader = app.signup("gate_leader").await;
    let admin = app.signup("site_admin").await;
    app.signup("neighbour").await;
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), "site_admin").unwrap();
    app.json("POST", "/api/v1/brands", Some(&brand), json!({"name": "Rice Mill", "slug": "rice-mill"})).await;
    let product = app
        .json(
            "POST",
            "/api/v1/brands/rice-mill/products",
            Some(&brand),
            json!({"name": "Jasmine Rice 5kg", "price_cents": 4500, "currency": "CNY", "stock": 10}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let point = app
        .json(
            "POST",
            "/api/v1/pickup-points",
            Some(&leader),
            json!({"name": "Gate 3 kiosk", "address": "Gate 3, Osmanthus Garden, Nanjing", "hours": "7:00–22:00"}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    app.json("POST", &format!("/api/v1/pickup-points/{point}/approve"), Some(&admin), json!({})).await;
    let run = app
        .json(
            "POST",
            "/api/v1/runs",
            Some(&brand),
            json!({"pickup_point_id": point, "product_ids": [product], "cutoff_secs": 3600, "min_orders": 1}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path()).await;

    browser.log_in(&app, "neighbour").await;
    browser.goto(&format!("{}/runs/{run}", app.url)).await;
    assert!(browser.text(".panel").await.contains("0 of 1"));
    let before = browser.text("#countdown").await;
    actix_web::rt::time::sleep(Duration::from_millis(1100)).await;
    let after = browser.text("#countdown").await;
    assert!(before.starts_with("59 min") && before != after, "the cut-off counts down: {before} → {after}");
    browser.click(".cart-line form button[type=submit]").await;
    browser.wait_for_url("back on the run", |url| url.contains("added=")).await;
    assert!(browser.text("#added").await.starts_with("Jasmine Rice 5kg is in your cart"));
    browser.click("#added a").await;
    browser.wait_for_url("the cart", |url| url.ends_with("/cart")).await;
    browser.click(&format!("input[name=run_id][value='{run}']")).await;
    browser.type_into("#checkout-form input[name=phone]", "138 0013 8000").await;
    browser.click("#checkout-form button[type=submit]").await;
    let order_url = browser.wait_for_url("the order", |url| url.contains("/orders/")).await;
    assert_eq!(browser.text("h1 .status").await, "Waiting for the group buy's cut-off");
    assert!(browser.text("p.text").await.contains("Pickup point: Gate 3 kiosk"));

    // The cut-off passes; the leader's pick list has the order, and they hand it over.
    crate::community::pass_cutoff(&app, run);
    sprout::run_due_jobs(&app.state.config).unwrap();
    browser.log_in(&app, "gate_leader").await;
    browser.goto(&format!("{}/runs/{run}/picklist", app.url)).await;
    assert!(browser.text("table.table tbody").await.contains("Jasmine Rice 5kg"));
    browser.click("form[action$='/collected'] button").await;
    browser.wait_for_url("the pick list again", |url| url.contains("#order-")).await;
    assert!(browser.text("tr[id^=order-]").await.contains("✓ collected"));
    browser.screenshot("journey-group-buy").await;

    browser.log_in(&app, "neighbour").await;
    browser.goto(&order_url).await;
    assert_eq!(browser.text("h1 .status").await, "Collected");
    browser.quit().await;
}
