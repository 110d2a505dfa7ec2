//! The holes a bad actor would use first, each refused: oversized or malformed input, storms of
//! expensive requests, forged trust signals (the verified-purchase badge, a creator's credit),
//! secrets in logs, and redirects off-site.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::{blocking_request, file, jpeg, raw_upload, text, ServerProcess, TestApp};

const MB: u64 = 1024 * 1024;

fn addr_of(app: &TestApp) -> SocketAddr {
    app.url.trim_start_matches("http://").parse().unwrap()
}

#[actix_web::test]
async fn a_flood_of_multipart_parts_is_refused_at_the_cap_and_memory_stays_flat() {
    let app = TestApp::start().await;
    let token = app.signup("flooder").await;
    let server = ServerProcess::start(&app, &[("SPROUT_RATE_LIMIT", "0")]).await;
    assert_eq!(blocking_request(server.addr, "GET", "/healthz", &[], b"").0, 200);
    let before = server.rss();

    // 5,000 text parts of 60 KB: a 300 MB body.
    let boundary = "flood-boundary";
    let part = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n{}\r\n",
        "x".repeat(60 * 1024)
    );
    let total = part.len() * 5000 + boundary.len() + 6;
    let head = format!(
        "POST /api/v1/notes HTTP/1.1\r\nHost: sprout\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {total}\r\n\r\n"
    );
    let addr = server.addr;
    let (status, sent) = actix_web::web::block(move || {
        raw_upload(addr, &head, move |i| (i < 5000).then(|| part.clone().into_bytes()))
    })
    .await
    .unwrap();
    assert_eq!(status, 413, "refused as too large");
    assert!(sent < 100 * MB, "answered long before the body ended ({} MB sent)", sent / MB);
    let grown = server.rss().saturating_sub(before);
    assert!(grown < 50 * MB, "memory grew by {} MB", grown / MB);
    // The server is fine, and nothing was posted.
    assert_eq!(blocking_request(server.addr, "GET", "/healthz", &[], b"").0, 200);
    assert_eq!(app.count("notes"), 0);

    // Many small parts are refused by their number.
    let parts: Vec<_> = (0..100).map(|_| text("alt", "a")).collect();
    let res = app.multipart("/api/v1/notes", Some(&token), &parts).await;
    assert_eq!((res.status, res.error_code().as_str()), (413, "too_large"), "{}", res.text());
}

#[actix_web::test]
async fn a_page_form_is_refused_before_its_photos_are_read_when_the_csrf_field_is_missing() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    visitor.sign_up("formuser").await;
    let cookies = visitor.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let boundary = "csrf-boundary";
    let photo_len = 19 * MB as usize;
    let head_part = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"images\"; filename=\"big.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    let total = head_part.len() + photo_len + tail.len();
    let head = format!(
        "POST /notes HTTP/1.1\r\nHost: sprout\r\nCookie: {cookies}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {total}\r\n\r\n"
    );
    let addr = addr_of(&app);
    let chunks = photo_len / (64 * 1024);
    let (status, sent) = actix_web::web::block(move || {
        raw_upload(addr, &head, move |i| match i {
            0 => Some(head_part.clone().into_bytes()),
            i if i <= chunks => Some(vec![0xAB; 64 * 1024]),
            i if i == chunks + 1 => Some(tail.clone().into_bytes()),
            _ => None,
        })
    })
    .await
    .unwrap();
    assert_eq!(status, 403, "no CSRF field before the photo");
    assert!(sent < photo_len as u64, "answered before the photo was read ({} MB sent)", sent / MB);
    assert_eq!((app.count("notes"), app.media_files().len()), (0, 0));

    // With the field first, the same form is read (and refused for its bad photo).
    let csrf = visitor.csrf("/notes/new").await;
    let res = visitor
        .post_multipart(
            "/notes",
            &[text("csrf", csrf), text("title", "Hi"), file("images", "a.jpg", b"not a photo".to_vec())],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text());
}

#[actix_web::test]
async fn a_storm_of_bad_reset_links_neither_hashes_nor_slows_the_site() {
    let app = TestApp::start().await;
    let server = ServerProcess::start(&app, &[("SPROUT_RATE_LIMIT", "0")]).await;
    let addr = server.addr;
    let body = br#"{"token":"x","password":"a long new password"}"#;
    let storm_until = Instant::now() + Duration::from_secs(5);
    let workers: Vec<_> = (0..40)
        .map(|_| {
            std::thread::spawn(move || {
                let mut statuses = Vec::new();
                while Instant::now() < storm_until {
                    let (status, _) = blocking_request(
                        addr,
                        "POST",
                        "/api/v1/auth/password-reset/confirm",
                        &[("Content-Type", "application/json")],
                        body,
                    );
                    statuses.push(status);
                }
                statuses
            })
        })
        .collect();
    let sampler = std::thread::spawn(move || {
        let mut samples = Vec::new();
        std::thread::sleep(Duration::from_millis(300));
        while Instant::now() < storm_until {
            let started = Instant::now();
            let (status, _) = blocking_request(addr, "GET", "/healthz", &[], b"");
            samples.push((status, started.elapsed()));
            std::thread::sleep(Duration::from_millis(50));
        }
        samples
    });
    let statuses: Vec<u16> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let mut samples = sampler.join().unwrap();
    assert!(
        statuses.len() > 40 && statuses.iter().all(|s| *s == 422),
        "every bad link is refused: {statuses:?}"
    );
    assert!(samples.iter().all(|(s, _)| *s == 200));
    samples.sort_by_key(|(_, d)| *d);
    let median = samples[samples.len() / 2].1;
    assert!(
        median < Duration::from_millis(100),
        "/healthz took {median:?} (median of {}, slowest {:?}) during the storm",
        samples.len(),
        samples.last().unwrap().1
    );
}

#[actix_web::test]
async fn reset_confirmations_are_rate_limited_like_logins_with_retry_after() {
    let app = TestApp::start_with(|c| c.rate_limit = 3).await;
    let bad = json!({"token": "made-up", "password": "a long new password"});
    for _ in 0..3 {
        let res = app.json("POST", "/api/v1/auth/password-reset/confirm", None, bad.clone()).await;
        assert_eq!(res.status, 422, "{}", res.text());
    }
    let res = app.json("POST", "/api/v1/auth/password-reset/confirm", None, bad).await;
    assert_eq!((res.status, res.error_code().as_str()), (429, "rate_limited"));
    let wait: u64 = res.header("retry-after").parse().expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait));
    assert!(res.json()["error"]["message"].as_str().unwrap().contains("try again in"));
}

#[actix_web::test]
async fn behind_a_trusted_proxy_each_visitor_has_their_own_allowance() {
    async fn login_from(app: &TestApp, ip: &'static str) -> u16 {
        let addr = addr_of(app);
        actix_web::web::block(move || {
            blocking_request(
                addr,
                "POST",
                "/api/v1/auth/login",
                &[("Content-Type", "application/json"), ("X-Forwarded-For", ip)],
                br#"{"login":"nobody","password":"wrong password"}"#,
            )
            .0
        })
        .await
        .unwrap()
    }
    let (first, second) = ("203.0.113.7", "198.51.100.9");
    let proxied = TestApp::start_with(|c| {
        c.rate_limit = 2;
        c.trusted_proxies = sprout::web::client_ip::parse_list("127.0.0.1/32").unwrap();
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(login_from(&proxied, first).await);
    }
    assert_eq!(statuses, [401, 401, 429]);
    assert_eq!(
        login_from(&proxied, second).await,
        401,
        "another visitor behind the same proxy is not limited"
    );

    // Without the setting, X-Forwarded-For is not believed: everyone is the socket's peer.
    let direct = TestApp::start_with(|c| c.rate_limit = 2).await;
    let statuses = [
        login_from(&direct, first).await,
        login_from(&direct, second).await,
        login_from(&direct, first).await,
    ];
    assert_eq!(statuses, [401, 401, 429]);
}

#[actix_web::test]
async fn huge_search_queries_are_shortened_and_say_so() {
    let app = TestApp::start().await;
    let token = app.signup("searcher").await;
    app.note(&token, "Lipstick that lasts").await;
    let q = "lipstick%20".repeat(5000);
    let started = Instant::now();
    let res = app.get(&format!("/api/v1/search?q={q}")).await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.json()["shortened_to"], "lipstick");
    assert!(started.elapsed() < Duration::from_secs(5));
    let many: Vec<String> = (0..40).map(|i| format!("word{i}")).collect();
    let page = app.get(&format!("/search?q={}", many.join("+"))).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("Your search was long"), "{text}");
    assert!(text.contains("word11") && !text.contains("word12 "), "the first 12 words are kept");
    // A short query is not touched.
    assert!(app.get("/api/v1/search?q=lipstick").await.json().get("shortened_to").is_none());
}

/// A brand with one product, owned by `owner`; returns the product id.
async fn brand_with_product(app: &TestApp, owner: &str, slug: &str) -> i64 {
    let res = app.json("POST", "/api/v1/brands", Some(owner), json!({"name": slug, "slug": slug})).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let res = app
        .json(
            "POST",
            &format!("/api/v1/brands/{slug}/products"),
            Some(owner),
            json!({"name": "Glow Serum", "price_cents": 9900, "currency": "CNY", "stock": 10}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

async fn buy(app: &TestApp, token: &str, product: i64) -> Value {
    let res = app.json("POST", "/api/v1/cart/items", Some(token), json!({"product_id": product})).await;
    assert!(res.status < 300, "{}", res.text());
    let res = app
        .json(
            "POST",
            "/api/v1/checkout",
            Some(token),
            json!({"shipping": {"name": "Self Buyer", "address": "1 Own Street, Hangzhou"}, "idempotency_key": "k1"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["orders"][0].clone()
}

#[actix_web::test]
async fn brand_staff_cannot_deliver_their_own_order_to_earn_the_badge() {
    let app = TestApp::start().await;
    let owner = app.signup("selfseller").await;
    let product = brand_with_product(&app, &owner, "self-shop").await;
    let order = buy(&app, &owner, product).await;
    let id = order["id"].as_i64().unwrap();
    for status in ["paid", "shipped", "delivered"] {
        let res = app
            .json("POST", &format!("/api/v1/orders/{id}/status"), Some(&owner), json!({"status": status}))
            .await;
        assert_eq!(res.status, 403, "{status}: {}", res.text());
    }
    assert_eq!(app.get_as(&format!("/api/v1/orders/{id}"), &owner).await.json()["status"], "placed");
    // Forcing the status in the database still earns no badge: nobody else recorded a delivery.
    {
        use diesel::prelude::*;
        diesel::update(sprout::schema::orders::table.find(sprout::db::OrderId(id)))
            .set(sprout::schema::orders::status.eq("delivered"))
            .execute(&mut *app.state.pool.get().unwrap())
            .unwrap();
    }
    let item = order["items"][0]["id"].as_i64().unwrap().to_string();
    let review = app
        .multipart(
            "/api/v1/notes",
            Some(&owner),
            &[
                text("title", "Love my own serum"),
                file("images", "a.jpg", jpeg(40, 40)),
                text("order_item_id", item),
            ],
        )
        .await;
    assert_eq!(review.status, 422, "{}", review.text());
    assert_eq!(app.count("notes"), 0);
    // The buyer may still cancel their own order.
    let cancel = app
        .json("POST", &format!("/api/v1/orders/{id}/status"), Some(&owner), json!({"status": "cancelled"}))
        .await;
    assert_eq!(cancel.status, 409, "delivered orders are not cancelled: {}", cancel.text());
}

#[actix_web::test]
async fn a_pickup_leader_cannot_collect_their_own_order() {
    let app = TestApp::start().await;
    let brand = app.signup("runbrand").await;
    let product = brand_with_product(&app, &brand, "run-shop").await;
    let leader = app.signup("selfleader").await;
    let point = app
        .json(
            "POST",
            "/api/v1/pickup-points",
            Some(&leader),
            json!({"name": "My shop", "address": "9 Corner Road, Hangzhou", "hours": "9-5"}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    app.signup("runadmin").await;
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), "runadmin").unwrap();
    let admin = app
        .json(
            "POST",
            "/api/v1/auth/login",
            None,
            json!({"login": "runadmin", "password": "correct horse battery"}),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
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
    app.json("POST", "/api/v1/cart/items", Some(&leader), json!({"product_id": product})).await;
    let order = app
        .json(
            "POST",
            "/api/v1/checkout",
            Some(&leader),
            json!({"run_id": run, "shipping": {"phone": "+86 138 0013 8000"}}),
        )
        .await;
    assert_eq!(order.status, 201, "{}", order.text());
    let order = order.json()["id"].as_i64().unwrap();
    crate::community::pass_cutoff(&app, run);
    sprout::run_due_jobs(&app.state.config).unwrap();
    let res = app.json("POST", &format!("/api/v1/orders/{order}/collected"), Some(&leader), json!({})).await;
    assert_eq!(res.status, 403, "{}", res.text());
    let view = app.get_as(&format!("/api/v1/orders/{order}"), &leader).await.json();
    assert_eq!((view["status"].as_str(), view["collected"].as_bool()), (Some("placed"), Some(false)));
}

#[actix_web::test]
async fn only_a_tap_posted_on_the_note_itself_counts_for_attribution() {
    let app = TestApp::start().await;
    let brand = app.signup("tapbrand").await;
    let product = brand_with_product(&app, &brand, "tap-shop").await;
    let creator = app.signup("tapcreator").await;
    let tags = json!([{"image": 0, "x": 0.5, "y": 0.5, "product_id": product}]).to_string();
    let tagged = app
        .multipart(
            "/api/v1/notes",
            Some(&creator),
            &[text("title", "My serum"), file("images", "a.jpg", jpeg(40, 40)), text("product_tags", tags)],
        )
        .await
        .json();
    let tag = tagged["product_tags"][0]["id"].as_i64().unwrap();
    let thief = app.signup("tapthief").await;
    let other = app.note(&thief, "Unrelated noodles").await["id"].as_i64().unwrap();
    let touches = || {
        use diesel::prelude::*;
        sprout::schema::touches::table
            .select(sprout::schema::touches::note_id)
            .load::<sprout::db::NoteId>(&mut *app.state.pool.get().unwrap())
            .unwrap()
    };

    let mut shopper = app.visitor();
    shopper.sign_up("tapshopper").await;
    // A link to another note naming the tag opens nothing and counts nothing.
    let page = shopper.get(&format!("/notes/{other}?tag={tag}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("id=\"tag-card\""));
    // A link to the right note opens the card, but a GET still counts nothing.
    let note = tagged["id"].as_i64().unwrap();
    assert!(shopper.get(&format!("/notes/{note}?tag={tag}")).await.text().contains("id=\"tag-card\""));
    assert!(touches().is_empty());
    // A posted tap for a tag of another note is refused.
    let csrf = shopper.csrf(&format!("/notes/{other}")).await;
    let tag_id = tag.to_string();
    let res = shopper.post_form(&format!("/notes/{other}/tap"), &[("csrf", &csrf), ("tag", &tag_id)]).await;
    assert_eq!(res.status, 404);
    assert!(touches().is_empty());
    // Without its CSRF token a tap is refused too.
    let res =
        app.visitor().post_form(&format!("/notes/{note}/tap"), &[("csrf", "forged"), ("tag", &tag_id)]).await;
    assert_eq!(res.status, 403);
    // The tap on the note: counted, remembered, and the card opens.
    let res = shopper.post_form(&format!("/notes/{note}/tap"), &[("csrf", &csrf), ("tag", &tag_id)]).await;
    assert_eq!((res.status, res.header("location")), (303, format!("/notes/{note}?tag={tag}#tag-card")));
    assert_eq!(touches(), vec![sprout::db::NoteId(note)]);
}

#[actix_web::test]
async fn secrets_in_links_never_reach_the_access_log() {
    let app = TestApp::start().await;
    let server = ServerProcess::start(&app, &[]).await;
    let secret = "5ec2e7deadbeef5ec2e7deadbeef5ec2e7";
    for path in [
        format!("/reset?token={secret}"),
        format!("/verify?token={secret}"),
        format!("/unsubscribe?token={secret}"),
    ] {
        blocking_request(server.addr, "GET", &path, &[], b"");
    }
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    let log = server.log();
    assert!(log.contains("GET /reset?…"), "the request is logged: {log}");
    assert!(!log.contains(secret), "but not its token: {log}");
}

#[actix_web::test]
async fn a_lowercase_bearer_logs_out_for_real() {
    let app = TestApp::start().await;
    let token = app.signup("lowercase").await;
    let addr = addr_of(&app);
    let auth = format!("bearer {token}");
    let (status, _) = actix_web::web::block(move || {
        blocking_request(addr, "POST", "/api/v1/auth/logout", &[("Authorization", &auth)], b"")
    })
    .await
    .unwrap();
    assert_eq!(status, 204);
    assert_eq!(app.get_as("/api/v1/me", &token).await.status, 401, "the token no longer works");
}

#[actix_web::test]
async fn login_never_sends_anyone_off_site_or_fails_on_a_strange_next() {
    let app = TestApp::start().await;
    app.signup("nexter").await;
    for next in ["/%09/evil.example", "/%0A/x", "//evil.example", "/%5Cevil.example", "https://evil.example"]
    {
        let mut visitor = app.visitor();
        let csrf = visitor.csrf(&format!("/login?next={next}")).await;
        let decoded = next.replace("%09", "\t").replace("%0A", "\n").replace("%5C", "\\");
        let res = visitor
            .post_form(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("login", "nexter"),
                    ("password", "correct horse battery"),
                    ("next", &decoded),
                ],
            )
            .await;
        assert_eq!((res.status, res.header("location")), (303, "/".to_string()), "next={next}");
    }
}

#[actix_web::test]
async fn out_of_range_numbers_get_a_422_and_strangers_are_refused_before_parsing() {
    let app = TestApp::start().await;
    let brand = app.signup("rangebrand").await;
    let product = brand_with_product(&app, &brand, "range-shop").await;
    let stranger = app.signup("rangestranger").await;
    let res = app.json("POST", "/api/v1/runs", Some(&stranger), json!("not even an object")).await;
    assert_eq!(res.status, 403, "{}", res.text());
    for secs in [i64::MAX, i64::MIN, 0, 31 * 86400] {
        let res = app
            .json(
                "POST",
                "/api/v1/runs",
                Some(&brand),
                json!({"pickup_point_id": 1, "product_ids": [product], "cutoff_secs": secs, "min_orders": 1}),
            )
            .await;
        assert_eq!(
            (res.status, res.json()["error"]["field"].as_str()),
            (422, Some("cutoff_secs")),
            "{secs}: {}",
            res.text()
        );
    }
    assert_eq!(app.get("/healthz").await.status, 200);
}

#[actix_web::test]
async fn the_demo_grants_nothing_to_an_account_that_took_a_demo_name() {
    let app = TestApp::start().await;
    {
        // Someone signed up as lily_chen before the demo was seeded (no HTTP yet: seeding takes
        // longer than a kept-alive connection lives).
        let input = sprout::accounts::service::SignupInput {
            username: "lily_chen".into(),
            email: "lily@example.com".into(),
            password: "correct horse battery".into(),
            lang: sprout::i18n::Lang::En,
        };
        let hash = sprout::accounts::password::hash(&input.password).unwrap();
        let mut conn = app.state.pool.get().unwrap();
        sprout::accounts::service::signup(&mut conn, &input, &hash, "http://sprout.test").unwrap();
    }
    sprout::demo::seed_if_empty(&app.state.pool, &app.state.media, false).unwrap();
    let reserved = app
        .json(
            "POST",
            "/api/v1/auth/signup",
            None,
            json!({"username": "not_xiaomei", "email": "xiaomei@demo.sprout.local", "password": "long enough pw"}),
        )
        .await;
    assert_eq!((reserved.status, reserved.error_code().as_str()), (422, "invalid"), "{}", reserved.text());
    let mut conn = app.state.pool.get().unwrap();
    let lily = sprout::accounts::queries::by_username(&mut conn, "lily_chen").unwrap().unwrap();
    assert!(!lily.is_admin, "the squatter is not made an admin");
    let profile = app.get("/api/v1/users/lily_chen").await.json();
    assert_eq!(profile["note_count"], 0, "and posts no demo notes: {profile}");
    // The demo went on without the name: someone else is its admin.
    let admins: i64 = {
        use diesel::prelude::*;
        sprout::schema::users::table
            .filter(sprout::schema::users::is_admin.eq(true))
            .count()
            .get_result(&mut conn)
            .unwrap()
    };
    assert_eq!(admins, 1);
    assert!(app.get("/api/v1/users/xiaomei").await.json()["note_count"].as_i64().unwrap() > 0);
}

/// PostgreSQL cannot store U+0000 in text (SQLite can), and no person types it: wherever text
/// comes in — JSON, a page form, a multipart form, a path or a query — it is refused with a
/// clear error before anything is written, on both backends alike.
#[actix_web::test]
async fn text_holding_a_nul_character_is_refused_wherever_it_comes_in_and_changes_nothing() {
    let app = TestApp::start().await;
    let token = app.signup("nul_tester").await;
    let note = app.note(&token, "A fine note").await;
    let note_id = note["id"].as_i64().unwrap();

    // JSON, at the top of the body and inside it.
    let res = app.json("PATCH", "/api/v1/me", Some(&token), json!({"bio": "Runs\u{0} daily."})).await;
    assert_eq!((res.status, res.error_code().as_str()), (422, "invalid"), "{}", res.text());
    assert!(res.json()["error"]["message"].as_str().unwrap().contains("NUL"), "{}", res.text());
    assert_eq!(app.get_as("/api/v1/me", &token).await.json()["bio"], "");
    let res = app
        .json("POST", &format!("/api/v1/notes/{note_id}/comments"), Some(&token), json!({"body": "hi\u{0}"}))
        .await;
    assert_eq!(res.status, 422, "{}", res.text());
    let res = app.json("POST", "/api/v1/boards", Some(&token), json!({"name": "Go\u{0}od"})).await;
    assert_eq!(res.status, 422, "{}", res.text());
    assert_eq!((app.count("comments"), app.count("boards")), (0, 0));
    // In a field the call does not read, it is as harmless as the field.
    let res =
        app.json("POST", "/api/v1/boards", Some(&token), json!({"name": "Good", "x\u{0}": "\u{0}"})).await;
    assert_eq!((res.status, res.json()["name"].as_str()), (201, Some("Good")), "{}", res.text());

    // A multipart note: refused, and no photo left behind.
    let files_before = app.media_files().len();
    let res = app
        .multipart(
            "/api/v1/notes",
            Some(&token),
            &[text("title", "Bad\u{0}title"), text("body", "b"), file("images", "a.jpg", jpeg(64, 64))],
        )
        .await;
    assert_eq!((res.status, res.error_code().as_str()), (422, "invalid"), "{}", res.text());
    assert_eq!((app.count("notes"), app.media_files().len()), (1, files_before));

    // A page's form: an error page, and no comment.
    let mut visitor = app.visitor();
    assert_eq!(visitor.sign_up("nul_visitor").await.status, 303);
    let csrf = visitor.csrf(&format!("/notes/{note_id}")).await;
    let res = visitor
        .post_form(&format!("/notes/{note_id}/comments"), &[("csrf", &csrf), ("body", "a\u{0}b")])
        .await;
    assert_eq!(res.status, 422, "{}", res.text());
    assert!(res.text().contains("NUL character"), "{}", res.text());
    assert_eq!(app.count("comments"), 0);

    // Addresses: a path holding one names nothing, a query holding one is refused.
    let res = app.get("/api/v1/users/nul%00tester").await;
    assert_eq!((res.status, res.error_code().as_str()), (404, "not_found"), "{}", res.text());
    assert_eq!(app.get("/u/nul%00tester").await.status, 404);
    let res = app.get("/api/v1/search?q=sun%00screen").await;
    assert_eq!((res.status, res.error_code().as_str()), (422, "invalid"), "{}", res.text());
    let res = app.get("/search?q=%00").await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("NUL character"), "an HTML page says why: {}", res.text());
    // Everything else still works.
    assert_eq!(app.get("/api/v1/users/nul_tester").await.status, 200);
    assert_eq!(app.get("/api/v1/search?q=fine").await.status, 200);
}
