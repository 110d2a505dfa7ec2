//! Every kind of page, at phone size, checked by axe-core in a real Chromium, signed out and
//! signed in, in English and in Chinese: no serious or critical accessibility violation.

use serde_json::Value;

use crate::browser::{Driver, Session};
use crate::common::TestApp;

/// axe-core, as `npm ci --prefix tests/browser` installs it (`.ci/test` does).
fn axe_source() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) => {
            let required =
                std::env::var_os("CI").is_some() || std::env::var_os("SPROUT_REQUIRE_BROWSER").is_some();
            assert!(!required, "axe-core is missing at {}: npm ci --prefix tests/browser", path.display());
            eprintln!("accessibility check skipped: npm ci --prefix tests/browser installs axe-core");
            None
        }
    }
}

impl Session<'_> {
    /// The serious and critical WCAG 2.x A/AA violations axe-core finds on the open page.
    async fn axe(&self, source: &str) -> Vec<String> {
        let loaded = self.script(&format!("{source}\n;return typeof axe")).await;
        assert_eq!(loaded, "object", "axe-core loads");
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
              .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));
        "#;
        let found: Value = self.script_async(script).await;
        found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
    }

    /// What a phone user would trip over that axe-core does not check: a page wider than the
    /// screen (scrolling sideways) and text under 11 px (the old dashboard chart's 9 px labels).
    async fn layout_problems(&self) -> Vec<String> {
        let script = r#"
            const problems = [];
            const wide = document.documentElement.scrollWidth - window.innerWidth;
            if (wide > 0) problems.push('scrolls sideways by ' + wide + ' px');
            for (const e of document.querySelectorAll('body *')) {
                const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                const size = parseFloat(getComputedStyle(e).fontSize);
                if (own && e.getClientRects().length && size < 11) {
                    problems.push(size + ' px text: ' + e.textContent.trim().slice(0, 30));
                }
            }
            return problems.slice(0, 5);
        "#;
        let found: Value = self.script(script).await;
        found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
    }

    async fn log_in_as(&self, app: &TestApp, username: &str, password: &str) {
        self.goto(&format!("{}/login", app.url)).await;
        self.type_into("input[name=login]", username).await;
        self.type_into("input[name=password]", password).await;
        self.click("form[action='/login'] button[type=submit]").await;
        self.wait_for_url("home after logging in", |url| !url.contains("/login")).await;
    }
}

#[actix_web::test]
async fn every_kind_of_page_passes_axe_core_at_phone_size_signed_in_and_out() {
    let Some(source) = axe_source() else { return };
    let Some(driver) = Driver::start().await else { return };
    let app = TestApp::start().await;
    sprout::demo::seed_if_empty(&app.state.pool, &app.state.media, false).unwrap();
    // What the demo made, found as a visitor would.
    let note = app.get("/api/v1/explore?limit=50").await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["product_tags"].as_array().is_some_and(|p| !p.is_empty()))
        .map(|n| n["id"].as_i64().unwrap())
        .expect("a demo note with a product tag");
    let note_page = app.get(&format!("/notes/{note}")).await.text();
    let tag = note_page
        .split("name=\"tag\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a tag dot on the note")
        .to_string();
    let pages_out = [
        "/".to_string(),
        format!("/notes/{note}?tag={tag}#tag-card"),
        "/products/1".into(),
        "/search?q=%E9%98%B2%E6%99%92".into(),
        "/search?q=sunscreen&type=products".into(),
        "/lists/1".into(),
        "/teams/1".into(),
        "/runs/1".into(),
        "/brands/green-leaf".into(),
        "/login".into(),
        "/signup".into(),
    ];
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path()).await;
    let mut failures = Vec::new();
    for lang in ["en", "zh-CN"] {
        for page in &pages_out {
            let sep = if page.contains('?') { '&' } else { '?' };
            let (path, anchor) =
                page.split_once('#').map(|(p, a)| (p, format!("#{a}"))).unwrap_or((page, String::new()));
            browser.goto(&format!("{}{path}{sep}lang={lang}{anchor}", app.url)).await;
            for v in browser.axe(&source).await.into_iter().chain(browser.layout_problems().await) {
                failures.push(format!("signed out, {lang}, {page}: {v}"));
            }
        }
    }
    // The brand's owner: the cart and checkout, orders, the dashboards.
    browser.log_in_as(&app, "mika_beauty", sprout::demo::DEMO_PASSWORD).await;
    browser.goto(&format!("{}/products/1", app.url)).await;
    browser.click("form.buy-form button[type=submit]").await;
    let cart = format!("{}/cart", app.url);
    browser.wait_for_url("the cart", |url| url == cart).await;
    let pages_in = [
        "/",
        "/following",
        "/cart",
        "/orders",
        "/notifications",
        "/dashboard",
        "/brands/green-leaf/dashboard",
        "/brands/green-leaf/manage",
        "/settings/profile",
        "/notes/new",
        "/lists/1",
        "/runs/1",
    ];
    for lang in ["zh-CN", "en"] {
        for page in pages_in {
            let sep = if page.contains('?') { '&' } else { '?' };
            browser.goto(&format!("{}{page}{sep}lang={lang}", app.url)).await;
            for v in browser.axe(&source).await.into_iter().chain(browser.layout_problems().await) {
                failures.push(format!("signed in, {lang}, {page}: {v}"));
            }
        }
    }
    // The brand's dashboard on the phone: a card per note, a chart to read, every number explained.
    browser.goto(&format!("{}/brands/green-leaf/dashboard?lang=en", app.url)).await;
    let cards = browser
        .script(
            r#"return [...document.querySelectorAll('#stats-table tbody tr')].map(r =>
                 getComputedStyle(r).display + ' ' + Math.round(r.getBoundingClientRect().width))"#,
        )
        .await;
    let cards: Vec<&str> = cards.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(!cards.is_empty(), "the demo brand has notes on its dashboard");
    assert!(cards.iter().all(|c| c.starts_with("block ")), "one card per note: {cards:?}");
    let bar_labels = browser.text(".bars").await;
    assert!(
        !bar_labels.is_empty() && bar_labels.contains('¥'),
        "the chart names notes and revenue: {bar_labels}"
    );
    let explained = browser.script("return document.querySelectorAll('#metrics-explained dd').length").await;
    assert_eq!(explained, 6, "views, tag taps, added to cart, orders, revenue, commission");
    browser.quit().await;
    drop(driver);
    assert!(failures.is_empty(), "axe-core found:\n{}", failures.join("\n"));
}
