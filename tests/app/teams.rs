//! Team purchase (拼团): tiers, filling and failing teams, seat races and settlement that
//! survives a stopped server — on SQLite and PostgreSQL.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::TestApp;

fn shipping(name: &str) -> Value {
    json!({"shipping": {"name": name, "address": "5 Team Street, Chengdu"}})
}

/// A product at ¥10.00 with `stock`, and a deal: 2 people ¥9.00, 3 people ¥8.00.
async fn deal(app: &TestApp, stock: i64, max_size: i32, duration_secs: i64) -> (String, i64, i64) {
    let brand = app.signup("teambrand").await;
    app.json("POST", "/api/v1/brands", Some(&brand), json!({"name": "Team Co", "slug": "team-co"})).await;
    let product = app
        .json(
            "POST",
            "/api/v1/brands/team-co/products",
            Some(&brand),
            json!({"name": "Peach Box", "price_cents": 1000, "currency": "CNY", "stock": stock}),
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
            json!({"tiers": [{"size": 2, "price_cents": 900}, {"size": 3, "price_cents": 800}], "duration_secs": duration_secs, "max_size": max_size}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    (brand, product, res.json()["id"].as_i64().unwrap())
}

async fn stock(app: &TestApp, product: i64) -> i64 {
    app.get(&format!("/api/v1/products/{product}")).await.json()["stock"].as_i64().unwrap()
}

async fn wait_for_status(app: &TestApp, team: i64, status: &str) -> Value {
    let started = Instant::now();
    loop {
        let view = app.get(&format!("/api/v1/teams/{team}")).await.json();
        if view["status"] == status {
            return view;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "team never became {status}: {view}");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

#[actix_web::test]
async fn a_team_that_fills_confirms_every_order_at_the_best_tier() {
    let app = TestApp::start().await;
    let (brand, product, deal) = deal(&app, 10, 3, 3600).await;
    let bad = app
        .json(
            "POST",
            &format!("/api/v1/products/{product}/deals"),
            Some(&brand),
            json!({"tiers": [{"size": 2, "price_cents": 1200}], "max_size": 2}),
        )
        .await;
    assert_eq!(bad.status, 422, "a team price above the solo price");
    let opener = app.signup("opener").await;
    let res =
        app.json("POST", &format!("/api/v1/deals/{deal}/teams"), Some(&opener), shipping("Opener")).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let team = res.json();
    let id = team["id"].as_i64().unwrap();
    assert_eq!(
        (team["status"].as_str(), team["size"].as_i64(), team["price_cents"].as_i64()),
        (Some("open"), Some(1), Some(1000))
    );
    assert_eq!(team["seats_to_next_tier"], 1);
    assert!(team["expires_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(stock(&app, product).await, 9, "the opener's unit is reserved");
    assert_eq!(
        app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(&opener), shipping("Opener")).await.status,
        409,
        "no joining twice"
    );

    let second = app.signup("second").await;
    let joined =
        app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(&second), shipping("Second")).await.json();
    assert_eq!(
        (joined["tier"].as_i64(), joined["price_cents"].as_i64(), joined["status"].as_str()),
        (Some(2), Some(900), Some("open"))
    );
    let third = app.signup("third").await;
    let full =
        app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(&third), shipping("Third")).await.json();
    assert_eq!(
        (full["status"].as_str(), full["price_cents"].as_i64(), full["members"].as_array().unwrap().len()),
        (Some("succeeded"), Some(800), 3)
    );
    let late = app.signup("late").await;
    let res = app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(&late), shipping("Late")).await;
    assert_eq!(res.status, 409);
    for token in [&opener, &second, &third] {
        let orders = app.get_as("/api/v1/orders", token).await.json();
        let order = &orders["items"][0];
        assert_eq!(
            (order["status"].as_str(), order["total_cents"].as_i64()),
            (Some("placed"), Some(800)),
            "{order}"
        );
    }
    assert_eq!(stock(&app, product).await, 7);
}

#[actix_web::test]
async fn a_team_that_runs_out_of_time_cancels_every_order_and_returns_the_stock() {
    let app = TestApp::start().await;
    let (_, product, deal) = deal(&app, 10, 5, 1).await;
    let opener = app.signup("alone").await;
    let id = app
        .json("POST", &format!("/api/v1/deals/{deal}/teams"), Some(&opener), shipping("Alone"))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(stock(&app, product).await, 9);
    let failed = wait_for_status(&app, id, "failed").await;
    assert_eq!(failed["members"].as_array().unwrap().len(), 1);
    let order = &app.get_as("/api/v1/orders", &opener).await.json()["items"][0];
    assert_eq!(order["status"], "cancelled");
    assert_eq!(stock(&app, product).await, 10);
    let told = app.get_as("/api/v1/notifications", &opener).await.json();
    assert!(told["items"].as_array().unwrap().iter().any(|n| n["kind"] == "order_update"), "{told}");
    let late = app.signup("toolate").await;
    assert_eq!(
        app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(&late), shipping("Late")).await.status,
        409
    );
    // Settling again (a second worker, or the admin command) changes nothing.
    let mut conn = app.state.pool.get().unwrap();
    assert_eq!(sprout::groupbuy::teams::settle(&mut conn, sprout::db::TeamId(id), "http://x").unwrap(), None);
    drop(conn);
    assert_eq!(stock(&app, product).await, 10);
}

#[actix_web::test]
async fn thirty_shoppers_racing_for_the_last_three_seats_make_exactly_three_joins() {
    let app = TestApp::start().await;
    let (_, product, deal) = deal(&app, 100, 5, 3600).await;
    let opener = app.signup("racer_open").await;
    let id = app
        .json("POST", &format!("/api/v1/deals/{deal}/teams"), Some(&opener), shipping("Open"))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let early = app.signup("racer_early").await;
    assert_eq!(
        app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(&early), shipping("Early")).await.status,
        200
    );
    let mut racers = Vec::new();
    for i in 0..30 {
        racers.push(app.signup(&format!("racer{i}")).await);
    }
    let results =
        futures_util::future::join_all(racers.iter().map(|token| {
            let app = &app;
            async move {
                app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(token), shipping("Racer")).await
            }
        }))
        .await;
    let joined = results.iter().filter(|r| r.status == 200).count();
    let refused = results.iter().filter(|r| r.status == 409).count();
    assert_eq!((joined, refused), (3, 27), "{:?}", results.iter().map(|r| r.status).collect::<Vec<_>>());
    let team = app.get(&format!("/api/v1/teams/{id}")).await.json();
    assert_eq!(
        (team["size"].as_i64(), team["status"].as_str(), team["price_cents"].as_i64()),
        (Some(5), Some("succeeded"), Some(800))
    );
    assert_eq!((app.count("team_members"), stock(&app, product).await), (5, 95));
}

#[actix_web::test]
async fn a_server_stopped_across_the_deadline_settles_the_team_when_it_starts_again() {
    let app = TestApp::start().await;
    let (_, product, deal) = deal(&app, 10, 5, 2).await;
    let opener = app.signup("before_crash").await;
    let joiner = app.signup("joined_too").await;
    let id =
        app.json("POST", &format!("/api/v1/deals/{deal}/teams"), Some(&opener), shipping("A")).await.json()
            ["id"]
            .as_i64()
            .unwrap();
    assert_eq!(
        app.json("POST", &format!("/api/v1/teams/{id}/join"), Some(&joiner), shipping("B")).await.status,
        200
    );
    let stopped = app.stop().await;

    // While Sprout is down the deadline passes and nothing settles the team.
    actix_web::rt::time::sleep(Duration::from_millis(2500)).await;
    let pool = stopped.connect();
    let status: String = diesel::RunQueryDsl::get_result(
        diesel::QueryDsl::select(
            diesel::QueryDsl::find(sprout::schema::teams::table, sprout::db::TeamId(id)),
            sprout::schema::teams::status,
        ),
        &mut *pool.get().unwrap(),
    )
    .unwrap();
    assert_eq!(status, "open");
    drop(pool);

    let app = TestApp::restart(stopped).await;
    let team = wait_for_status(&app, id, "succeeded").await;
    assert_eq!(team["price_cents"], 900, "two members reached the first tier");
    for token in [&opener, &joiner] {
        let order = &app.get_as("/api/v1/orders", token).await.json()["items"][0];
        assert_eq!((order["status"].as_str(), order["total_cents"].as_i64()), (Some("placed"), Some(900)));
    }
    assert_eq!(stock(&app, product).await, 8);
}

#[actix_web::test]
async fn a_team_is_opened_from_the_product_page_and_joined_through_its_share_link() {
    let app = TestApp::start().await;
    let (_, product, deal) = deal(&app, 10, 3, 3600).await;
    let mut opener = app.visitor();
    opener.sign_up("page_opener").await;
    let page = opener.get(&format!("/products/{product}")).await.text();
    assert!(page.contains("2 people: ¥9.00 each · 3 people: ¥8.00 each"), "{page}");
    let csrf = opener.csrf(&format!("/products/{product}")).await;
    let res = opener
        .post_form(
            &format!("/deals/{deal}/teams"),
            &[("csrf", &csrf), ("name", "Page Opener"), ("address", "9 Share Road, Hefei")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let link = res.header("location");
    let page = opener.get(&link).await.text();
    assert!(
        page.contains("1 of 3 joined · 1 more for the next price") && page.contains("You&#39;re in."),
        "{page}"
    );
    assert!(page.contains(&format!("{link}\" id=\"share-link\"")), "the share link is on the page");

    let mut friend = app.visitor();
    friend.sign_up("page_friend").await;
    let csrf = friend.csrf(&link).await;
    let res = friend
        .post_form(
            &format!("{link}/join"),
            &[("csrf", &csrf), ("name", "Friend"), ("address", "10 Share Road, Hefei")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = friend.get(&link).await.text();
    assert!(page.contains("2 of 3 joined") && page.contains("¥9.00</strong> each now"), "{page}");
    let again = friend
        .post_form(
            &format!("{link}/join"),
            &[("csrf", &csrf), ("name", "Friend"), ("address", "10 Share Road, Hefei")],
        )
        .await;
    assert_eq!(again.status, 409);
    assert!(again.text().contains("already in this team"));
}
