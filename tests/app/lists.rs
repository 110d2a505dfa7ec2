//! Top-ten lists: ranking, drafts, publishing to followers, likes and saves, search, and sales
//! credited to the list's creator.

use serde_json::{json, Value};

use crate::common::TestApp;

async fn product(app: &TestApp, token: &str, slug: &str, name: &str, price_cents: i64) -> i64 {
    if app.get(&format!("/api/v1/brands/{slug}")).await.status == 404 {
        let res = app.json("POST", "/api/v1/brands", Some(token), json!({"name": slug, "slug": slug})).await;
        assert_eq!(res.status, 201);
    }
    let res = app
        .json(
            "POST",
            &format!("/api/v1/brands/{slug}/products"),
            Some(token),
            json!({"name": name, "price_cents": price_cents, "currency": "CNY", "stock": 20, "commission_bps": 800}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

fn ranks(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let name = e["product"]["name"].as_str().or(e["note"]["title"].as_str()).unwrap_or("?");
            format!("{} {name}", e["rank"])
        })
        .collect()
}

#[actix_web::test]
async fn a_ranked_list_is_a_draft_until_published_then_followers_hear_of_it() {
    let app = TestApp::start().await;
    let brand = app.signup("listbrand").await;
    let creator = app.signup("curator").await;
    let fan = app.signup("fan").await;
    app.json("POST", "/api/v1/users/curator/follow", Some(&fan), json!({})).await;
    let balm = product(&app, &brand, "list-co", "Lip Balm", 3900).await;
    let toner = product(&app, &brand, "list-co", "Toner", 8900).await;
    let note = app.note(&creator, "My routine").await["id"].as_i64().unwrap();

    let res = app
        .json(
            "POST",
            "/api/v1/lists",
            Some(&creator),
            json!({"title": "Top 10 skincare", "intro": "What I use"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let id = res.json()["id"].as_i64().unwrap();
    let items = format!("/api/v1/lists/{id}/items");
    let eleven: Vec<Value> = (0..11).map(|_| json!({"product_id": balm, "reason": "again"})).collect();
    let res = app.json("PUT", &items, Some(&creator), Value::from(eleven)).await;
    assert_eq!(res.status, 422);
    assert!(res.json()["error"]["message"].as_str().unwrap().contains("at most 10"));
    let res = app.json("PUT", &items, Some(&creator), json!([{"product_id": balm, "note_id": note}])).await;
    assert_eq!(res.status, 422, "an entry is a product or a note, not both");
    let res = app
        .json(
            "PUT",
            &items,
            Some(&creator),
            json!([{"product_id": toner, "reason": "Gentle"}, {"note_id": note, "reason": "How I use them"}, {"product_id": balm, "reason": "Always in my bag"}]),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(ranks(&res.json()), vec!["1 Toner", "2 My routine", "3 Lip Balm"]);
    assert_eq!(res.json()["items"][2]["reason"], "Always in my bag");
    assert_eq!(
        app.json("PUT", &items, Some(&fan), json!([])).await.status,
        404,
        "a draft is invisible to others"
    );

    // A draft is the creator's alone; publishing shows it and tells followers, once.
    assert_eq!(app.get(&format!("/api/v1/lists/{id}")).await.status, 404);
    let published = app.json("POST", &format!("/api/v1/lists/{id}/publish"), Some(&creator), json!({})).await;
    assert_eq!(published.json()["published"], true);
    assert_eq!(app.get(&format!("/api/v1/lists/{id}")).await.status, 200);
    app.json("POST", &format!("/api/v1/lists/{id}/unpublish"), Some(&creator), json!({})).await;
    assert_eq!(app.get(&format!("/api/v1/lists/{id}")).await.status, 404);
    app.json("POST", &format!("/api/v1/lists/{id}/publish"), Some(&creator), json!({})).await;
    let told = app.get_as("/api/v1/notifications", &fan).await.json();
    let about: Vec<&Value> =
        told["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "list").collect();
    assert_eq!(about.len(), 1, "{told}");
    assert_eq!(about[0]["url"], format!("/lists/{id}"));

    // Liked and saved like notes: once each.
    for _ in 0..2 {
        app.json("POST", &format!("/api/v1/lists/{id}/like"), Some(&fan), json!({})).await;
    }
    let saved = app.json("POST", &format!("/api/v1/lists/{id}/save"), Some(&fan), json!({})).await.json();
    assert_eq!((saved["like_count"].as_i64(), saved["save_count"].as_i64()), (Some(1), Some(1)));
    let seen = app.get_as(&format!("/api/v1/lists/{id}"), &fan).await.json();
    assert_eq!((seen["liked_by_me"].clone(), seen["saved_by_me"].clone()), (json!(true), json!(true)));

    // On the creator's profile and in search.
    let on_profile = app.get("/api/v1/users/curator/lists").await.json();
    assert_eq!(on_profile["items"][0]["id"].as_i64(), Some(id));
    assert!(app.get("/u/curator").await.text().contains("Top 10 skincare"));
    let found = app.get("/api/v1/search?type=lists&q=SKINCARE").await.json();
    assert_eq!(found["items"][0]["id"].as_i64(), Some(id));
}

#[actix_web::test]
async fn sales_from_a_list_are_credited_to_its_creator() {
    let app = TestApp::start().await;
    let brand = app.signup("salebrand").await;
    let creator = app.signup("listmaker").await;
    let buyer = app.signup("listbuyer").await;
    let balm = product(&app, &brand, "sale-co", "Balm", 3900).await;
    let other = product(&app, &brand, "sale-co", "Not listed", 100).await;
    let id = app.json("POST", "/api/v1/lists", Some(&creator), json!({"title": "Picks"})).await.json()["id"]
        .as_i64()
        .unwrap();
    app.json("PUT", &format!("/api/v1/lists/{id}/items"), Some(&creator), json!([{"product_id": balm}]))
        .await;
    app.json("POST", &format!("/api/v1/lists/{id}/publish"), Some(&creator), json!({})).await;
    let res = app
        .json("POST", "/api/v1/cart/items", Some(&buyer), json!({"product_id": other, "source_list_id": id}))
        .await;
    assert_eq!(res.status, 422, "a list takes credit only for what it ranks");
    let res = app
        .json(
            "POST",
            "/api/v1/cart/items",
            Some(&buyer),
            json!({"product_id": balm, "quantity": 2, "source_list_id": id}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let order = app
        .json(
            "POST",
            "/api/v1/checkout",
            Some(&buyer),
            json!({"shipping": {"name": "B", "address": "1 List Road, Xi'an"}, "idempotency_key": "l"}),
        )
        .await
        .json();
    let item = &order["items"][0];
    assert_eq!(
        (item["creator"].as_str(), item["source_list_id"].as_i64(), item["source_note_id"].clone()),
        (Some("listmaker"), Some(id), Value::Null)
    );
    assert_eq!(item["commission_cents"], 624);
    let stats = app.get_as("/api/v1/creators/me/stats", &creator).await.json();
    assert_eq!(
        (stats["lists"][0]["list_id"].as_i64(), stats["lists"][0]["revenue_cents"].as_i64()),
        (Some(id), Some(7800))
    );
    assert_eq!(
        (
            stats["totals"]["orders"].as_i64(),
            stats["totals"]["revenue_cents"].as_i64(),
            stats["totals"]["commission_cents"].as_i64()
        ),
        (Some(1), Some(7800), Some(624))
    );
    let brand_stats = app.get_as("/api/v1/brands/sale-co/stats", &brand).await.json();
    assert_eq!(brand_stats["totals"], stats["totals"]);
}

#[actix_web::test]
async fn the_list_editor_reorders_without_javascript_and_adds_everything_to_the_cart() {
    let app = TestApp::start().await;
    let brand = app.signup("pagelistbrand").await;
    let a = product(&app, &brand, "page-list", "Alpha", 100).await;
    let b = product(&app, &brand, "page-list", "Bravo", 200).await;
    let mut creator = app.visitor();
    creator.sign_up("pagecurator").await;
    let csrf = creator.csrf("/lists/new").await;
    let res = creator.post_form("/lists", &[("csrf", &csrf), ("title", "Two picks")]).await;
    assert_eq!(res.status, 303);
    let edit = res.header("location");
    let id: i64 = edit.trim_start_matches("/lists/").trim_end_matches("/edit").parse().unwrap();
    for (product, reason) in [(a, "first"), (b, "second")] {
        let res = creator
            .post_form(
                &format!("/lists/{id}/items"),
                &[("csrf", &csrf), ("product_id", &product.to_string()), ("reason", reason)],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.text());
    }
    let res = creator.post_form(&format!("/lists/{id}/items/2"), &[("csrf", &csrf), ("action", "up")]).await;
    assert_eq!(res.status, 303);
    let page = creator.get(&edit).await.text();
    assert!(page.find("Bravo").unwrap() < page.find("Alpha").unwrap(), "Bravo moved up");
    creator.post_form(&format!("/lists/{id}/publish"), &[("csrf", &csrf)]).await;
    let shown = app.get(&format!("/api/v1/lists/{id}")).await.json();
    assert_eq!(ranks(&shown), vec!["1 Bravo", "2 Alpha"]);

    let mut shopper = app.visitor();
    shopper.sign_up("pageshopper").await;
    let page = shopper.get(&format!("/lists/{id}")).await.text();
    assert!(page.contains("Add all 2 to cart"));
    let csrf = shopper.csrf(&format!("/lists/{id}")).await;
    let res = shopper.post_form(&format!("/lists/{id}/cart"), &[("csrf", &csrf)]).await;
    assert_eq!((res.status, res.header("location").as_str()), (303, "/cart"));
    let cart = shopper.get("/cart").await.text();
    assert!(cart.contains("Alpha") && cart.contains("Bravo") && cart.contains("¥3.00"), "{cart}");
    // Deleting asks first.
    assert!(creator.get(&format!("/lists/{id}/delete")).await.text().contains("Yes, delete the list"));
}
