//! Community group buy (社区团购): pickup points approved by an admin, runs with a cut-off and
//! a minimum, checkout into a run, the leader's pick list and collection — on SQLite and
//! PostgreSQL.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::TestApp;

/// A brand with two products (apples ¥5.00, pears ¥7.00, 20 each) and one not in any run; an
/// approved pickup point led by `leader`. Returns (brand token, leader token, point id,
/// [apples, pears, other]).
async fn setup(app: &TestApp) -> (String, String, i64, [i64; 3]) {
    let brand = app.signup("orchard").await;
    app.json("POST", "/api/v1/brands", Some(&brand), json!({"name": "Orchard", "slug": "orchard"})).await;
    let mut products = [0; 3];
    for (i, (name, price)) in [("Apples", 500), ("Pears", 700), ("Cherries", 1500)].into_iter().enumerate() {
        let res = app
            .json(
                "POST",
                "/api/v1/brands/orchard/products",
                Some(&brand),
                json!({"name": name, "price_cents": price, "currency": "CNY", "stock": 20}),
            )
            .await;
        assert_eq!(res.status, 201, "{}", res.text());
        products[i] = res.json()["id"].as_i64().unwrap();
    }
    let leader = app.signup("leader").await;
    let res = app
        .json(
            "POST",
            "/api/v1/pickup-points",
            Some(&leader),
            json!({"name": "Maple Court shop", "address": "3 Maple Court, Hangzhou", "hours": "Daily 8:00–21:00", "time_zone": "Asia/Shanghai"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let point = res.json();
    assert_eq!(point["status"], "pending");
    let point = point["id"].as_i64().unwrap();

    // A run cannot open at a point still waiting for approval, and only an admin approves.
    let early = app
        .json(
            "POST",
            "/api/v1/runs",
            Some(&brand),
            json!({"pickup_point_id": point, "product_ids": [products[0]], "cutoff_secs": 3600, "min_orders": 1}),
        )
        .await;
    assert_eq!(early.status, 422, "{}", early.text());
    assert!(early.text().contains("waiting for an admin"), "{}", early.text());
    let approve = format!("/api/v1/pickup-points/{point}/approve");
    assert_eq!(app.json("POST", &approve, Some(&leader), json!({})).await.status, 403);
    let admin = app.signup("admin").await;
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), "admin").unwrap();
    let approved = app.json("POST", &approve, Some(&admin), json!({})).await;
    assert_eq!(approved.json()["status"], "approved", "{}", approved.text());
    (brand, leader, point, products)
}

async fn open_run(app: &TestApp, brand: &str, point: i64, products: &[i64], body: Value) -> i64 {
    let mut request = json!({"pickup_point_id": point, "product_ids": products});
    for (k, v) in body.as_object().unwrap() {
        request[k] = v.clone();
    }
    let res = app.json("POST", "/api/v1/runs", Some(brand), request).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let run = res.json();
    assert_eq!((run["status"].as_str(), run["orders"].as_i64()), (Some("open"), Some(0)));
    run["id"].as_i64().unwrap()
}

/// Puts `items` (product, quantity) in the cart and checks out into the run.
async fn order_into(app: &TestApp, token: &str, run: i64, items: &[(i64, i32)]) -> crate::common::Resp {
    for (product, quantity) in items {
        let res = app
            .json(
                "POST",
                "/api/v1/cart/items",
                Some(token),
                json!({"product_id": product, "quantity": quantity}),
            )
            .await;
        assert!(res.status < 300, "{}", res.text());
    }
    app.json(
        "POST",
        "/api/v1/checkout",
        Some(token),
        json!({"run_id": run, "shipping": {"phone": "+86 138 0013 8000"}}),
    )
    .await
}

async fn stock(app: &TestApp, product: i64) -> i64 {
    app.get(&format!("/api/v1/products/{product}")).await.json()["stock"].as_i64().unwrap()
}

async fn wait_for_status(app: &TestApp, run: i64, status: &str) -> Value {
    let started = Instant::now();
    loop {
        let view = app.get(&format!("/api/v1/runs/{run}")).await.json();
        if view["status"] == status {
            return view;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the run never became {status}: {view}");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Moves a run's cut-off into the past, as the clock would (the job stays scheduled for later).
pub fn pass_cutoff(app: &TestApp, run: i64) {
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
    use sprout::schema::runs;
    let past = sprout::db::now() - chrono::Duration::seconds(1);
    diesel::update(runs::table.find(sprout::db::RunId(run)))
        .set(runs::cutoff_at.eq(past))
        .execute(&mut *app.state.pool.get().unwrap())
        .unwrap();
}

#[actix_web::test]
async fn a_pickup_needs_a_phone_number_the_point_can_call() {
    let app = TestApp::start().await;
    let (brand, leader, point, [apples, ..]) = setup(&app).await;
    let buyer = app.signup("caller").await;
    let run = open_run(&app, &brand, point, &[apples], json!({"cutoff_secs": 3600, "min_orders": 1})).await;
    app.json("POST", "/api/v1/cart/items", Some(&buyer), json!({"product_id": apples, "quantity": 2})).await;

    // None, or one that is not a phone number: refused, and the stock and the cart stay.
    for (phone, says) in [
        ("", "Please give a phone number"),
        ("   ", "Please give a phone number"),
        ("12345", "does not look like a phone number"),
        ("+86 138 0013 8000 ext. 12", "does not look like a phone number"),
        ("1234567890123456", "does not look like a phone number"),
        ("13800138000+", "does not look like a phone number"),
    ] {
        let body = json!({"run_id": run, "shipping": {"phone": phone}});
        let res = app.json("POST", "/api/v1/checkout", Some(&buyer), body).await;
        assert_eq!(res.status, 422, "{phone:?}: {}", res.text());
        assert!(
            res.text().contains(says) && res.text().contains("shipping.phone"),
            "{phone:?}: {}",
            res.text()
        );
    }
    assert_eq!(stock(&app, apples).await, 20);
    assert_eq!(app.get_as("/api/v1/cart", &buyer).await.json()["item_count"], 2);
    assert_eq!(app.get(&format!("/api/v1/runs/{run}")).await.json()["orders"], 0);

    // With one, the order is placed; the leader sees it on the pick list; the buyer on the order.
    let body = json!({"run_id": run, "shipping": {"phone": " (0571) 8888-1234 "}});
    let res = app.json("POST", "/api/v1/checkout", Some(&buyer), body).await;
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!(res.json()["shipping"]["phone"], "(0571) 8888-1234");
    let list = app.get_as(&format!("/api/v1/runs/{run}/picklist"), &leader).await.json();
    assert_eq!(list["customers"][0]["phone"], "(0571) 8888-1234", "{list}");

    // Delivery does not need one, and an order without one says nothing of a phone.
    let other = app.signup("no_phone").await;
    app.json("POST", "/api/v1/cart/items", Some(&other), json!({"product_id": apples})).await;
    let body = json!({"shipping": {"name": "No Phone", "address": "9 Elm Street, Hangzhou"}});
    let res = app.json("POST", "/api/v1/checkout", Some(&other), body).await;
    assert_eq!(res.status, 201, "{}", res.text());
    assert!(res.json()["shipping"].get("phone").is_none(), "{}", res.text());
}

#[actix_web::test]
async fn a_run_below_its_minimum_cancels_every_order_and_returns_the_stock() {
    let app = TestApp::start().await;
    let (brand, leader, point, [apples, pears, cherries]) = setup(&app).await;
    let first = app.signup("neighbour1").await;
    let second = app.signup("neighbour2").await;
    let late = app.signup("latecomer").await;
    let run =
        open_run(&app, &brand, point, &[apples, pears], json!({"cutoff_secs": 10, "min_orders": 3})).await;

    let res = order_into(&app, &first, run, &[(apples, 2)]).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let order = res.json();
    assert_eq!(order["status"], "run_pending");
    assert_eq!(order["run_id"], run);
    assert!(order["shipping"]["address"].as_str().unwrap().contains("3 Maple Court"), "{order}");

    // A product the run does not sell: refused, and nothing changes (stock, cart, orders).
    let res = order_into(&app, &second, run, &[(pears, 1), (cherries, 1)]).await;
    assert_eq!(res.status, 422, "{}", res.text());
    assert!(res.text().contains("Cherries is not part of this group buy"), "{}", res.text());
    assert_eq!((stock(&app, pears).await, stock(&app, cherries).await), (20, 20));
    assert_eq!(app.get_as("/api/v1/cart", &second).await.json()["item_count"], 2);
    let cart = app.get_as("/api/v1/cart", &second).await.json();
    let cherry_line =
        cart["items"].as_array().unwrap().iter().find(|i| i["product"]["id"] == cherries).unwrap()["id"]
            .as_i64()
            .unwrap();
    app.delete(&format!("/api/v1/cart/items/{cherry_line}"), &second).await;
    let res = app
        .json(
            "POST",
            "/api/v1/checkout",
            Some(&second),
            json!({"run_id": run, "shipping": {"phone": "+86 138 0013 8000"}}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!((stock(&app, apples).await, stock(&app, pears).await), (18, 19), "stock is reserved");
    assert_eq!(app.get(&format!("/api/v1/runs/{run}")).await.json()["orders"], 2);

    // The cut-off comes with two of the three orders needed: the durable job cancels the run.
    let cancelled = wait_for_status(&app, run, "cancelled").await;
    assert_eq!(cancelled["orders"], 0);
    for token in [&first, &second] {
        let order = &app.get_as("/api/v1/orders", token).await.json()["items"][0];
        assert_eq!(order["status"], "cancelled", "{order}");
        let told = app.get_as("/api/v1/notifications", token).await.json();
        assert!(told["items"].as_array().unwrap().iter().any(|n| n["kind"] == "order_update"), "{told}");
    }
    assert_eq!((stock(&app, apples).await, stock(&app, pears).await), (20, 20), "stock is back");
    // Everyone is told by email: both buyers, the leader and the brand.
    let subjects: Vec<String> = {
        use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
        use sprout::schema::jobs;
        jobs::table
            .filter(jobs::kind.eq("email"))
            .select(jobs::payload)
            .load::<String>(&mut *app.state.pool.get().unwrap())
            .unwrap()
            .into_iter()
            .filter(|p| p.contains("did not reach its minimum") || p.contains("cancelled"))
            .collect()
    };
    assert_eq!(subjects.len(), 4, "{subjects:?}");
    // Too late now.
    let res = order_into(&app, &late, run, &[(apples, 1)]).await;
    assert_eq!(res.status, 409, "{}", res.text());
    assert_eq!(stock(&app, apples).await, 20);
    assert_eq!(
        app.get_as(&format!("/api/v1/runs/{run}/picklist"), &leader).await.json()["customers"],
        json!([])
    );
}

#[actix_web::test]
async fn a_run_that_meets_its_minimum_gives_the_leader_a_correct_pick_list() {
    let app = TestApp::start().await;
    let (brand, leader, point, [apples, pears, _]) = setup(&app).await;
    let amy = app.signup("amy").await;
    let bo = app.signup("bob").await;
    let cai = app.signup("cai_li").await;
    let run =
        open_run(&app, &brand, point, &[apples, pears], json!({"cutoff_secs": 3600, "min_orders": 2})).await;
    let amy_order =
        order_into(&app, &amy, run, &[(apples, 2), (pears, 1)]).await.json()["id"].as_i64().unwrap();
    let bo_order = order_into(&app, &bo, run, &[(apples, 1)]).await.json()["id"].as_i64().unwrap();
    // Cai orders, then cancels before the cut-off: the pears go back on sale.
    let cai_order = order_into(&app, &cai, run, &[(pears, 3)]).await.json()["id"].as_i64().unwrap();
    assert_eq!(stock(&app, pears).await, 16);
    let res = app
        .json(
            "POST",
            &format!("/api/v1/orders/{cai_order}/status"),
            Some(&cai),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(stock(&app, pears).await, 19);
    // Not collectable before the run is confirmed.
    let early =
        app.json("POST", &format!("/api/v1/orders/{amy_order}/collected"), Some(&leader), json!({})).await;
    assert_eq!(early.status, 409, "{}", early.text());

    // The cut-off passes; `sprout jobs run-due` settles it (two standing orders meet the minimum).
    pass_cutoff(&app, run);
    let (_, settled) = sprout::run_due_jobs(&app.state.config).unwrap();
    assert_eq!(settled, 1);
    assert_eq!(sprout::run_due_jobs(&app.state.config).unwrap().1, 0, "settles once");
    let confirmed = app.get(&format!("/api/v1/runs/{run}")).await.json();
    assert_eq!((confirmed["status"].as_str(), confirmed["orders"].as_i64()), (Some("confirmed"), Some(2)));
    for token in [&amy, &bo] {
        assert_eq!(app.get_as("/api/v1/orders", token).await.json()["items"][0]["status"], "placed");
    }

    // The pick list: per customer and per product, the cancelled order left out.
    let stranger = app.signup("stranger").await;
    assert_eq!(app.get_as(&format!("/api/v1/runs/{run}/picklist"), &stranger).await.status, 403);
    let list = app.get_as(&format!("/api/v1/runs/{run}/picklist"), &leader).await.json();
    let customers: Vec<(String, Vec<(String, i64)>)> = list["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let items = c["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| (i["product_name"].as_str().unwrap().to_string(), i["quantity"].as_i64().unwrap()))
                .collect();
            (c["username"].as_str().unwrap().to_string(), items)
        })
        .collect();
    assert_eq!(
        customers,
        vec![
            ("amy".to_string(), vec![("Apples".to_string(), 2), ("Pears".to_string(), 1)]),
            ("bob".to_string(), vec![("Apples".to_string(), 1)]),
        ]
    );
    let products: Vec<(String, i64, i64)> = list["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["product_name"].as_str().unwrap().to_string(),
                p["quantity"].as_i64().unwrap(),
                p["customers"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(products, vec![("Apples".to_string(), 3, 2), ("Pears".to_string(), 1, 1)]);
    // The brand sees it too.
    assert_eq!(app.get_as(&format!("/api/v1/runs/{run}/picklist"), &brand).await.status, 200);

    // The leader hands Amy's order over: delivered and collected, once; only the leader can.
    let collect = format!("/api/v1/orders/{amy_order}/collected");
    assert_eq!(app.json("POST", &collect, Some(&stranger), json!({})).await.status, 403);
    let res = app.json("POST", &collect, Some(&leader), json!({})).await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(
        (res.json()["status"].as_str(), res.json()["collected"].as_bool()),
        (Some("delivered"), Some(true))
    );
    assert_eq!(app.json("POST", &collect, Some(&leader), json!({})).await.status, 409);
    let told = app.get_as("/api/v1/notifications", &amy).await.json();
    assert!(told["items"].as_array().unwrap().iter().any(|n| n["kind"] == "delivered"), "{told}");
    let list = app.get_as(&format!("/api/v1/runs/{run}/picklist"), &leader).await.json();
    assert_eq!(
        (list["customers"][0]["collected"].as_bool(), list["customers"][1]["collected"].as_bool()),
        (Some(true), Some(false))
    );
    let _ = bo_order;
    assert_eq!((stock(&app, apples).await, stock(&app, pears).await), (17, 19));
}

#[actix_web::test]
async fn racing_settlers_settle_a_run_once_and_late_orders_are_refused() {
    let app = TestApp::start().await;
    let (brand, _leader, point, [apples, _, _]) = setup(&app).await;
    let buyer = app.signup("racer").await;
    let late = app.signup("racer_late").await;
    let run = open_run(&app, &brand, point, &[apples], json!({"cutoff_secs": 3600, "min_orders": 1})).await;
    assert_eq!(order_into(&app, &buyer, run, &[(apples, 1)]).await.status, 201);
    pass_cutoff(&app, run);
    let late_res = order_into(&app, &late, run, &[(apples, 1)]).await;
    assert_eq!(late_res.status, 409, "{}", late_res.text());
    assert!(late_res.text().contains("closed"), "{}", late_res.text());

    let workers: Vec<_> = (0..8)
        .map(|_| {
            let pool = app.state.pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                sprout::community::runs::settle(&mut conn, sprout::db::RunId(run), "http://sprout.test")
                    .unwrap()
            })
        })
        .collect();
    let won: Vec<String> = workers.into_iter().filter_map(|w| w.join().unwrap()).collect();
    assert_eq!(won, vec!["confirmed".to_string()], "exactly one settler wins");
    let confirmations: i64 = {
        use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl, TextExpressionMethods};
        use sprout::schema::jobs;
        jobs::table
            .filter(jobs::kind.eq("email"))
            .filter(jobs::payload.like("%is on%"))
            .count()
            .get_result(&mut *app.state.pool.get().unwrap())
            .unwrap()
    };
    assert_eq!(confirmations, 1, "the buyer hears once");
    assert_eq!(stock(&app, apples).await, 19);
}

/// Runs the `sprout` binary on the test app's database; returns its standard output.
fn sprout_cli(app: &TestApp, args: &[&str]) -> String {
    let config = &app.state.config;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sprout"))
        .arg("--data-dir")
        .arg(&config.data_dir)
        .arg("--database-url")
        .arg(&config.database_url)
        .args(args)
        .output()
        .expect("run sprout");
    assert!(out.status.success(), "sprout {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[actix_web::test]
async fn the_admin_commands_approve_a_point_and_settle_a_due_run() {
    let app = TestApp::start().await;
    let brand = app.signup("cli_brand").await;
    app.json("POST", "/api/v1/brands", Some(&brand), json!({"name": "Cli Co", "slug": "cli-co"})).await;
    let product = app
        .json(
            "POST",
            "/api/v1/brands/cli-co/products",
            Some(&brand),
            json!({"name": "Rice", "price_cents": 3000, "currency": "CNY", "stock": 5}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let leader = app.signup("cli_leader").await;
    let point = app
        .json(
            "POST",
            "/api/v1/pickup-points",
            Some(&leader),
            json!({"name": "Gate 2 kiosk", "address": "Gate 2, Lotus Estate, Xiamen", "hours": "7:00–22:00"}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let said = sprout_cli(&app, &["pickup-point", "approve", &point.to_string()]);
    assert!(said.contains("Gate 2 kiosk") && said.contains("is approved"), "{said}");
    let approved = app.get("/api/v1/pickup-points").await.json();
    assert_eq!(approved["items"][0]["status"], "approved", "{approved}");

    let buyer = app.signup("cli_buyer").await;
    let in_two_days = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let run =
        open_run(&app, &brand, point, &[product], json!({"cutoff_at": in_two_days, "min_orders": 2})).await;
    let bad = app
        .json(
            "POST",
            "/api/v1/runs",
            Some(&brand),
            json!({"pickup_point_id": point, "product_ids": [product], "cutoff_at": "tomorrow", "min_orders": 2}),
        )
        .await;
    assert_eq!(bad.status, 422, "an unreadable cut-off");
    assert_eq!(order_into(&app, &buyer, run, &[(product, 1)]).await.status, 201);
    pass_cutoff(&app, run);
    let said = sprout_cli(&app, &["jobs", "run-due"]);
    assert!(said.contains("settled 1 overdue"), "{said}");
    let view = app.get(&format!("/api/v1/runs/{run}")).await.json();
    assert_eq!((view["status"].as_str(), view["orders"].as_i64()), (Some("cancelled"), Some(0)));
    assert_eq!(stock(&app, product).await, 5);
}

#[actix_web::test]
async fn the_demo_has_an_open_group_buy_at_an_approved_point() {
    let app = TestApp::start().await;
    sprout::demo::seed_if_empty(&app.state.pool, &app.state.media, false).unwrap();
    let run = app.get("/api/v1/runs/1").await.json();
    assert_eq!(
        (run["status"].as_str(), run["brand_name"].as_str(), run["pickup_point"]["status"].as_str()),
        (Some("open"), Some("Green Leaf"), Some("approved")),
        "{run}"
    );
    assert_eq!(run["products"].as_array().unwrap().len(), 3);
    let page = app.get("/runs/1").await.text();
    assert!(page.contains("Pick up at Maple Court corner shop") && page.contains("5 more needed"), "{page}");
}

#[actix_web::test]
async fn a_server_stopped_across_the_cut_off_settles_the_run_when_it_starts_again() {
    let app = TestApp::start().await;
    let (brand, leader, point, [apples, _, _]) = setup(&app).await;
    let buyer = app.signup("before_stop").await;
    let run = open_run(&app, &brand, point, &[apples], json!({"cutoff_secs": 5, "min_orders": 1})).await;
    assert_eq!(order_into(&app, &buyer, run, &[(apples, 4)]).await.status, 201);
    let stopped = app.stop().await;

    // While Sprout is down the cut-off passes and nothing settles the run.
    actix_web::rt::time::sleep(Duration::from_millis(5500)).await;
    let pool = stopped.connect();
    let status: String = {
        use diesel::{QueryDsl, RunQueryDsl};
        sprout::schema::runs::table
            .find(sprout::db::RunId(run))
            .select(sprout::schema::runs::status)
            .get_result(&mut *pool.get().unwrap())
            .unwrap()
    };
    assert_eq!(status, "open");
    drop(pool);

    let app = TestApp::restart(stopped).await;
    let confirmed = wait_for_status(&app, run, "confirmed").await;
    assert_eq!(confirmed["orders"], 1);
    let list = app.get_as(&format!("/api/v1/runs/{run}/picklist"), &leader).await.json();
    assert_eq!(list["products"][0]["quantity"], 4, "{list}");
    assert_eq!(stock(&app, apples).await, 16);
}

#[actix_web::test]
async fn orders_racing_the_cut_off_are_either_counted_or_refused_never_stranded() {
    let app = TestApp::start().await;
    let (brand, _leader, point, [apples, _, _]) = setup(&app).await;
    let mut racers = Vec::new();
    for i in 0..24 {
        let token = app.signup(&format!("cutoff_racer{i}")).await;
        app.json("POST", "/api/v1/cart/items", Some(&token), json!({"product_id": apples, "quantity": 1}))
            .await;
        racers.push(token);
    }
    let run = open_run(&app, &brand, point, &[apples], json!({"cutoff_secs": 2, "min_orders": 1})).await;
    // Checkouts spread over 0–3.5 s, across the cut-off, while the job settles the run.
    let results = futures_util::future::join_all(racers.iter().enumerate().map(|(i, token)| {
        let app = &app;
        async move {
            actix_web::rt::time::sleep(Duration::from_millis(150 * i as u64)).await;
            app.json(
                "POST",
                "/api/v1/checkout",
                Some(token),
                json!({"run_id": run, "shipping": {"phone": "+86 138 0013 8000"}}),
            )
            .await
        }
    }))
    .await;
    let placed = results.iter().filter(|r| r.status == 201).count() as i64;
    let refused = results.iter().filter(|r| r.status == 409).count() as i64;
    assert_eq!(placed + refused, 24, "{:?}", results.iter().map(|r| r.status).collect::<Vec<_>>());
    assert!(placed > 0, "the first checkouts come well before the cut-off");
    let settled = wait_for_status(&app, run, "confirmed").await;
    assert_eq!(settled["orders"], placed, "every order that was taken is counted");
    let by_status = |status: &'static str| {
        use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
        use sprout::schema::orders;
        orders::table
            .filter(orders::run_id.eq(Some(sprout::db::RunId(run))))
            .filter(orders::status.eq(status))
            .count()
            .get_result::<i64>(&mut *app.state.pool.get().unwrap())
            .unwrap()
    };
    assert_eq!((by_status("placed"), by_status("run_pending")), (placed, 0), "no order left waiting");
    assert_eq!(stock(&app, apples).await, 20 - placed);
}

#[actix_web::test]
async fn a_pickup_points_cut_off_reads_on_its_own_clock_and_the_api_keeps_utc() {
    let app = TestApp::start().await;
    let (brand, leader, point, [apples, _, _]) = setup(&app).await;
    let cutoff =
        (chrono::Utc::now() + chrono::Duration::days(2)).date_naive().and_hms_opt(11, 59, 0).unwrap();
    let at = cutoff.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let run = open_run(&app, &brand, point, &[apples], json!({"cutoff_at": at, "min_orders": 1})).await;
    let api = app.get(&format!("/api/v1/runs/{run}")).await.json();
    let said = api["cutoff_at"].as_str().unwrap();
    assert!(said.starts_with(&at[..19]) && said.ends_with('Z'), "the API speaks UTC: {said}");
    assert_eq!(api["pickup_point"]["time_zone"], "Asia/Shanghai");
    // Hangzhou is eight hours ahead of UTC: 11:59 UTC is 19:59 there.
    let local = (cutoff + chrono::Duration::hours(8)).format("%-d %b %Y 19:59 CST").to_string();
    let page = app.get(&format!("/runs/{run}")).await.text();
    assert!(page.contains(&local), "{local} on {page}");
    let zh = app.get_with(&format!("/runs/{run}"), &[("Accept-Language", "zh-CN")]).await.text();
    let local_zh = (cutoff + chrono::Duration::hours(8)).format("%Y年%-m月%-d日 19:59 CST").to_string();
    assert!(zh.contains(&local_zh), "{local_zh} on {zh}");

    // A zone that does not exist is refused, and no point is registered.
    let before = app.count("pickup_points");
    let bad = app
        .json(
            "POST",
            "/api/v1/pickup-points",
            Some(&leader),
            json!({"name": "Moon base", "address": "1 Crater Road", "hours": "Always", "time_zone": "Moon/Tranquility"}),
        )
        .await;
    assert_eq!((bad.status, bad.error_code().as_str()), (422, "invalid"), "{}", bad.text());
    assert_eq!(app.count("pickup_points"), before);
}
