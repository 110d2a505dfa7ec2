//! The community group buy through plain pages (no JavaScript): a leader's point, the admin's
//! approval and decline, a brand's run, checkout for pickup, the pick list and collection.

use serde_json::json;

use crate::common::TestApp;
use crate::community::pass_cutoff;

async fn log_in<'a>(app: &'a TestApp, username: &str) -> crate::common::Visitor<'a> {
    let mut visitor = app.visitor();
    let csrf = visitor.csrf("/login").await;
    let res = visitor
        .post_form("/login", &[("csrf", &csrf), ("login", username), ("password", "correct horse battery")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    visitor
}

#[actix_web::test]
async fn the_whole_group_buy_works_through_plain_pages() {
    let app = TestApp::start().await;
    let brand_token = app.signup("orchard").await;
    app.json("POST", "/api/v1/brands", Some(&brand_token), json!({"name": "Orchard", "slug": "orchard"}))
        .await;
    let apples = app
        .json(
            "POST",
            "/api/v1/brands/orchard/products",
            Some(&brand_token),
            json!({"name": "Apples", "price_cents": 500, "currency": "CNY", "stock": 20}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();

    // A neighbour registers as a group leader; a bad form changes nothing and says why.
    let mut leader = app.visitor();
    leader.sign_up("page_leader").await;
    let csrf = leader.csrf("/pickup-points").await;
    let bad = leader
        .post_form(
            "/pickup-points",
            &[("csrf", &csrf), ("name", "Corner shop"), ("address", ""), ("hours", "9-18")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("full address") && bad.text().contains("Corner shop"), "{}", bad.text());
    assert_eq!(app.count("pickup_points"), 0);
    let res = leader
        .post_form(
            "/pickup-points",
            &[
                ("csrf", &csrf),
                ("name", "Corner shop"),
                ("address", "1 Elm Row, Suzhou"),
                ("hours", "Daily 9:00–18:00"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = leader.get("/pickup-points?registered=1").await.text();
    assert!(page.contains("waits for an admin") && page.contains("waiting for approval"), "{page}");

    // The admin approves it from the admin page.
    let mut admin = app.visitor();
    admin.sign_up("page_admin").await;
    assert_eq!(admin.get("/admin/pickup-points").await.status, 403);
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), "page_admin").unwrap();
    let page = admin.get("/admin/pickup-points").await.text();
    let at = page.find("/admin/pickup-points/").unwrap() + "/admin/pickup-points/".len();
    let point: i64 = page[at..at + page[at..].find('/').unwrap()].parse().unwrap();
    let csrf = admin.csrf("/admin/pickup-points").await;
    let res = admin.post_form(&format!("/admin/pickup-points/{point}/approve"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    assert!(admin.get("/admin/pickup-points").await.text().contains("✓ approved"));

    // The brand opens a run from its page: no product ticked → 422 with the form kept.
    let mut brand = log_in(&app, "orchard").await;
    let page = brand.get("/brands/orchard/runs").await.text();
    assert!(page.contains("Corner shop — 1 Elm Row, Suzhou"), "{page}");
    let csrf = brand.csrf("/brands/orchard/runs").await;
    let point_text = point.to_string();
    let apples_text = apples.to_string();
    let bad = brand
        .post_form(
            "/brands/orchard/runs",
            &[("csrf", &csrf), ("pickup_point_id", &point_text), ("hours", "2"), ("min_orders", "1")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("Choose 1 to 50 products"), "{}", bad.text());
    let res = brand
        .post_form(
            "/brands/orchard/runs",
            &[
                ("csrf", &csrf),
                ("pickup_point_id", &point_text),
                ("product_ids", &apples_text),
                ("hours", "2"),
                ("min_orders", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let run_url = res.header("location");
    let run: i64 = run_url.trim_start_matches("/runs/").parse().unwrap();

    // A neighbour finds it on the product page, adds from the run page and picks up at checkout.
    let mut buyer = app.visitor();
    buyer.sign_up("page_buyer").await;
    let page = buyer.get(&format!("/products/{apples}")).await.text();
    assert!(page.contains("Pick up at Corner shop"), "{page}");
    let csrf = buyer.csrf(&run_url).await;
    let res = buyer
        .post_form(
            "/cart/items",
            &[("csrf", &csrf), ("product_id", &apples_text), ("quantity", "3"), ("back", &run_url)],
        )
        .await;
    assert_eq!(res.status, 303);
    let cart = buyer.get("/cart").await.text();
    assert!(
        cart.contains("Pick up at <strong>Corner shop</strong>") && cart.contains("0 of 1 orders"),
        "{cart}"
    );
    let marker = "name=\"idempotency_key\" value=\"";
    let key_at = cart.find(marker).unwrap() + marker.len();
    let key = cart[key_at..key_at + cart[key_at..].find('"').unwrap()].to_string();
    let run_text = run.to_string();
    let res = buyer
        .post_form(
            "/checkout",
            &[
                ("csrf", &csrf),
                ("idempotency_key", &key),
                ("name", "Page Buyer"),
                ("address", ""),
                ("run_id", &run_text),
            ],
        )
        .await;
    // No phone number: the point could not call when the order is in. Refused, the form kept.
    assert_eq!(res.status, 422, "{}", res.text());
    let refused = res.text();
    assert!(refused.contains("Please give a phone number"), "{refused}");
    assert!(refused.contains("value=\"Page Buyer\""), "the name is kept: {refused}");
    assert!(buyer.get("/cart").await.text().contains("name=\"quantity\" value=\"3\""), "the cart is kept");
    let res = buyer
        .post_form(
            "/checkout",
            &[
                ("csrf", &csrf),
                ("idempotency_key", &key),
                ("name", "Page Buyer"),
                ("address", ""),
                ("phone", "+86 138 0013 8000"),
                ("run_id", &run_text),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let order_page = buyer.get(&res.header("location")).await.text();
    assert!(
        order_page.contains("Waiting for the group buy") && order_page.contains("Pickup point: Corner shop"),
        "{order_page}"
    );
    let page = buyer.get(&run_url).await.text();
    assert!(page.contains("<strong>1 of 1</strong> orders") && page.contains("the minimum is met"), "{page}");

    // After the cut-off the leader prints the pick list, downloads it and hands the order over.
    pass_cutoff(&app, run);
    sprout::run_due_jobs(&app.state.config).unwrap();
    let list = leader.get(&format!("/runs/{run}/picklist")).await.text();
    assert!(
        list.contains("3 × Apples") && list.contains("Page Buyer") && list.contains("Mark collected"),
        "{list}"
    );
    assert_eq!(buyer.get(&format!("/runs/{run}/picklist")).await.status, 403);
    let csv = leader.get(&format!("/runs/{run}/picklist.csv")).await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    let text = csv.text();
    let csv = text.strip_prefix('\u{feff}').expect("a byte order mark, for Excel");
    let order: i64 = csv.lines().nth(1).unwrap().split(',').next().unwrap().parse().unwrap();
    assert_eq!(
        csv,
        // The phone's `+` would start a formula in Excel: a leading `'` keeps it text.
        format!("order_id,customer,username,phone,product,quantity,collected\n{order},Page Buyer,page_buyer,'+86 138 0013 8000,Apples,3,no\n")
    );
    let by_product = leader.get(&format!("/runs/{run}/picklist.csv?by=product")).await.text();
    assert_eq!(by_product, format!("\u{feff}product_id,product,quantity,customers\n{apples},Apples,3,1\n"));
    let csrf = leader.csrf(&format!("/runs/{run}/picklist")).await;
    let res = leader.post_form(&format!("/runs/{run}/orders/{order}/collected"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    assert!(leader.get(&format!("/runs/{run}/picklist")).await.text().contains("✓ collected"));
    let order_page = buyer.get(&format!("/orders/{order}")).await.text();
    assert!(order_page.contains(">Collected<") && order_page.contains("Write a review"), "{order_page}");
}

#[actix_web::test]
async fn an_admin_declines_a_waiting_point_after_confirming() {
    let app = TestApp::start().await;
    let leader = app.signup("hopeful").await;
    let point = app
        .json(
            "POST",
            "/api/v1/pickup-points",
            Some(&leader),
            json!({"name": "Back door", "address": "Somewhere behind 5 Elm St", "hours": "whenever"}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let mut admin = app.visitor();
    admin.sign_up("decider").await;
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), "decider").unwrap();
    let ask = admin.get(&format!("/admin/pickup-points/{point}/decline")).await;
    assert!(
        ask.text().contains("Decline Back door?") && ask.text().contains("Keep it waiting"),
        "{}",
        ask.text()
    );
    assert_eq!(app.count("pickup_points"), 1, "asking changes nothing");
    let csrf = admin.csrf(&format!("/admin/pickup-points/{point}/decline")).await;
    let res = admin.post_form(&format!("/admin/pickup-points/{point}/decline"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    assert_eq!(app.count("pickup_points"), 0);
    let told: i64 = {
        use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl, TextExpressionMethods};
        use sprout::schema::jobs;
        jobs::table
            .filter(jobs::kind.eq("email"))
            .filter(jobs::payload.like("%was not approved%"))
            .count()
            .get_result(&mut *app.state.pool.get().unwrap())
            .unwrap()
    };
    assert_eq!(told, 1, "the leader hears");
}
