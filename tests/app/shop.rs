//! The shop through the API: brands and catalogs, product tags, cart, checkout, orders,
//! attribution dashboards and verified-purchase reviews; and the races that must not oversell.

use serde_json::{json, Value};

use crate::common::{file, jpeg, text, TestApp};

fn grant_admin(app: &TestApp, username: &str) {
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), username).unwrap();
}

/// Makes brand `slug` owned by `token`'s user and one product in it; returns the product id.
pub(crate) async fn brand_and_product(
    app: &TestApp,
    token: &str,
    slug: &str,
    stock: i64,
    price_cents: i64,
) -> i64 {
    let res = app
        .json("POST", "/api/v1/brands", Some(token), json!({"name": format!("Brand {slug}"), "slug": slug}))
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    product(app, token, slug, "Dewy Sunscreen", stock, price_cents).await
}

async fn product(app: &TestApp, token: &str, slug: &str, name: &str, stock: i64, price_cents: i64) -> i64 {
    let res = app
        .json(
            "POST",
            &format!("/api/v1/brands/{slug}/products"),
            Some(token),
            json!({"name": name, "description": "SPF 50, no white cast", "price_cents": price_cents,
                   "currency": "CNY", "stock": stock, "category": "Skincare", "commission_bps": 1000}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

/// Posts a note tagging `product` on its first photo; returns the note JSON.
pub(crate) async fn tagged_note(app: &TestApp, token: &str, title: &str, product: i64) -> Value {
    let tags = json!([{"image": 0, "x": 0.4, "y": 0.6, "product_id": product}]).to_string();
    let parts = [
        text("title", title),
        text("body", "Wore it all week"),
        file("images", "a.jpg", jpeg(80, 60)),
        text("product_tags", tags),
    ];
    let res = app.multipart("/api/v1/notes", Some(token), &parts).await;
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()
}

async fn checkout(app: &TestApp, token: &str, key: &str) -> crate::common::Resp {
    app.json(
        "POST",
        "/api/v1/checkout",
        Some(token),
        json!({"shipping": {"name": "Mei Lin", "address": "12 Garden Road, Hangzhou"}, "idempotency_key": key}),
    )
    .await
}

async fn stock(app: &TestApp, product: i64) -> i64 {
    app.get(&format!("/api/v1/products/{product}")).await.json()["stock"].as_i64().unwrap()
}

async fn set_status(app: &TestApp, token: &str, order: i64, status: &str) -> crate::common::Resp {
    app.json("POST", &format!("/api/v1/orders/{order}/status"), Some(token), json!({"status": status})).await
}

#[actix_web::test]
async fn a_tag_on_a_photo_leads_to_an_order_credited_to_its_creator_and_a_verified_review() {
    let app = TestApp::start().await;
    let brand = app.signup("leafco").await;
    let creator = app.signup("lily").await;
    let reader = app.signup("reader").await;
    let product = brand_and_product(&app, &brand, "green-leaf", 5, 12900).await;

    // Only an admin verifies a brand; the badge then shows on the product.
    assert_eq!(
        app.json("POST", "/api/v1/brands/green-leaf/verify", Some(&brand), json!({})).await.status,
        403
    );
    grant_admin(&app, "lily");
    let verified = app.json("POST", "/api/v1/brands/green-leaf/verify", Some(&creator), json!({})).await;
    assert_eq!(verified.json()["verified"], true);
    let shown = app.get(&format!("/api/v1/products/{product}")).await.json();
    assert_eq!(
        (shown["brand"]["verified"].clone(), shown["price_cents"].clone(), shown["currency"].clone()),
        (json!(true), json!(12900), json!("CNY"))
    );
    // Someone outside the brand cannot add to its catalog.
    let res = app
        .json(
            "POST",
            "/api/v1/brands/green-leaf/products",
            Some(&reader),
            json!({"name": "Fake", "price_cents": 1, "currency": "CNY", "stock": 1}),
        )
        .await;
    assert_eq!(res.status, 403);

    let note = tagged_note(&app, &creator, "My summer sunscreen", product).await;
    let note_id = note["id"].as_i64().unwrap();
    let tag = &note["product_tags"][0];
    assert_eq!(
        (tag["status"].as_str(), tag["x"].as_f64(), tag["product"]["id"].as_i64()),
        (Some("approved"), Some(0.4), Some(product))
    );
    assert_eq!(tag["product"]["price_cents"], 12900);
    // The product page lists the note.
    let tagged_in = app.get(&format!("/api/v1/products/{product}")).await.json()["tagged_in"].clone();
    assert_eq!(tagged_in[0]["id"].as_i64(), Some(note_id));

    // The reader taps the dot, adds two to the cart from the note, and checks out.
    let tap =
        app.json("POST", &format!("/api/v1/product-tags/{}/tap", tag["id"]), Some(&reader), json!({})).await;
    assert_eq!(tap.json()["name"], "Dewy Sunscreen");
    let cart = app
        .json(
            "POST",
            "/api/v1/cart/items",
            Some(&reader),
            json!({"product_id": product, "quantity": 2, "source_note_id": note_id}),
        )
        .await;
    assert_eq!(cart.status, 201, "{}", cart.text());
    assert_eq!(cart.json()["items"][0]["creator"], "lily");
    assert_eq!(cart.json()["totals"][0]["cents"], 25800);
    let placed = checkout(&app, &reader, "order-1").await;
    assert_eq!(placed.status, 201, "{}", placed.text());
    let order = placed.json();
    let order_id = order["id"].as_i64().unwrap();
    let item = &order["items"][0];
    assert_eq!((item["quantity"].as_i64(), item["unit_price_cents"].as_i64()), (Some(2), Some(12900)));
    assert_eq!((item["source_note_id"].as_i64(), item["creator"].as_str()), (Some(note_id), Some("lily")));
    assert_eq!(order["status"], "placed");
    assert_eq!(stock(&app, product).await, 3);
    assert_eq!(app.get_as("/api/v1/cart", &reader).await.json()["items"].as_array().unwrap().len(), 0);

    // A retried request with the same key answers the same order and takes no more stock.
    let again = checkout(&app, &reader, "order-1").await;
    assert_eq!(again.json()["id"].as_i64(), Some(order_id));
    assert_eq!((app.count("orders"), stock(&app, product).await), (1, 3));

    // A later price change does not touch the order.
    let res = app
        .json("PATCH", &format!("/api/v1/products/{product}"), Some(&brand), json!({"price_cents": 15900}))
        .await;
    assert_eq!(res.json()["price_cents"], 15900);
    let order = app.get_as(&format!("/api/v1/orders/{order_id}"), &reader).await.json();
    assert_eq!(
        (order["items"][0]["unit_price_cents"].as_i64(), order["total_cents"].as_i64()),
        (Some(12900), Some(25800))
    );

    // Only the buyer and the brand see the order; only the brand moves it along.
    assert_eq!(app.get_as(&format!("/api/v1/orders/{order_id}"), &creator).await.status, 404);
    assert_eq!(app.get_as(&format!("/api/v1/orders/{order_id}"), &brand).await.status, 200);
    assert_eq!(set_status(&app, &reader, order_id, "shipped").await.status, 403);
    assert_eq!(set_status(&app, &brand, order_id, "delivered").await.status, 409);
    assert_eq!(set_status(&app, &brand, order_id, "paid").await.json()["status"], "paid");
    assert_eq!(set_status(&app, &brand, order_id, "shipped").await.json()["status"], "shipped");
    // Once shipped, the buyer can no longer cancel.
    assert_eq!(set_status(&app, &reader, order_id, "cancelled").await.status, 409);
    assert_eq!(set_status(&app, &brand, order_id, "delivered").await.json()["status"], "delivered");
    let told = app.get_as("/api/v1/notifications", &reader).await.json();
    assert!(
        told["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "delivered" && n["url"] == format!("/orders/{order_id}")),
        "{told}"
    );

    // The buyer reviews the delivered item: verified, with the product tagged. Nobody else can.
    let item_id = order["items"][0]["id"].as_i64().unwrap().to_string();
    let review = |token: String| {
        let app = &app;
        let item_id = item_id.clone();
        async move {
            let parts = [
                text("title", "Worth it"),
                text("body", "No white cast at all"),
                file("images", "r.jpg", jpeg(80, 60)),
                text("order_item_id", item_id),
            ];
            app.multipart("/api/v1/notes", Some(&token), &parts).await
        }
    };
    let forged = review(creator.clone()).await;
    assert_eq!(forged.status, 422, "{}", forged.text());
    let res = review(reader.clone()).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let review_note = res.json();
    assert_eq!(review_note["verified_purchase"], true);
    assert_eq!(review_note["product_tags"][0]["product"]["id"].as_i64(), Some(product));
    assert_eq!(review(reader.clone()).await.status, 409, "one review per item");
    assert_eq!(app.count("notes"), 2, "refused reviews leave no note");
    // Verified reviews come first on the product.
    let tagged_in = app.get(&format!("/api/v1/products/{product}")).await.json()["tagged_in"].clone();
    assert_eq!(tagged_in[0]["id"], review_note["id"]);
    assert_eq!(tagged_in[1]["id"].as_i64(), Some(note_id));
    // An ordinary note cannot claim the badge by sending the field's JSON name.
    let parts =
        [text("title", "Fake"), file("images", "f.jpg", jpeg(40, 40)), text("verified_purchase", "true")];
    let fake = app.multipart("/api/v1/notes", Some(&creator), &parts).await;
    assert_eq!(fake.json()["verified_purchase"], false);

    // Both dashboards show the sale exactly: 2 × 129.00, 10% commission.
    let stats = app.get_as("/api/v1/creators/me/stats", &creator).await.json();
    let row = stats["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["note_id"].as_i64() == Some(note_id))
        .unwrap()
        .clone();
    assert_eq!(
        (
            row["tag_taps"].as_i64(),
            row["add_to_carts"].as_i64(),
            row["orders"].as_i64(),
            row["revenue_cents"].as_i64(),
            row["commission_cents"].as_i64()
        ),
        (Some(1), Some(1), Some(1), Some(25800), Some(2580))
    );
    assert_eq!(
        (stats["totals"]["orders"].as_i64(), stats["totals"]["revenue_cents"].as_i64()),
        (Some(1), Some(25800))
    );
    let brand_stats = app.get_as("/api/v1/brands/green-leaf/stats", &brand).await.json();
    assert_eq!(brand_stats["totals"], stats["totals"]);
    assert_eq!(brand_stats["creators"][0]["creator"], "lily");
    assert_eq!(app.get_as("/api/v1/brands/green-leaf/stats", &creator).await.status, 403);
}

#[actix_web::test]
async fn fifty_buyers_racing_for_five_units_get_exactly_five_orders() {
    let app = TestApp::start().await;
    let brand = app.signup("rush").await;
    let product = brand_and_product(&app, &brand, "rush-brand", 5, 9900).await;
    let mut buyers = Vec::new();
    for i in 0..50 {
        let token = app.signup(&format!("buyer{i}")).await;
        let res = app.json("POST", "/api/v1/cart/items", Some(&token), json!({"product_id": product})).await;
        assert_eq!(res.status, 201, "{}", res.text());
        buyers.push(token);
    }
    let results = futures_util::future::join_all(buyers.iter().enumerate().map(|(i, token)| {
        let app = &app;
        async move { checkout(app, token, &format!("key-{i}")).await }
    }))
    .await;
    let won = results.iter().filter(|r| r.status == 201).count();
    let sold_out = results.iter().filter(|r| r.status == 409 && r.error_code() == "sold_out").count();
    assert_eq!((won, sold_out), (5, 45), "{:?}", results.iter().map(|r| r.status).collect::<Vec<_>>());
    assert!(results.iter().find(|r| r.status == 409).unwrap().json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("sold out"));
    assert_eq!((stock(&app, product).await, app.count("orders"), app.count("order_items")), (0, 5, 5));
    // The losers keep their cart line (to buy when it is back); nothing half-written.
    assert_eq!(app.count("cart_items"), 45);
}

#[actix_web::test]
async fn the_same_checkout_sent_twice_at_once_makes_one_order() {
    let app = TestApp::start().await;
    let brand = app.signup("twice").await;
    let buyer = app.signup("impatient").await;
    let product = brand_and_product(&app, &brand, "twice-brand", 10, 500).await;
    app.json("POST", "/api/v1/cart/items", Some(&buyer), json!({"product_id": product, "quantity": 3})).await;
    let (a, b) = futures_util::join!(checkout(&app, &buyer, "same"), checkout(&app, &buyer, "same"));
    assert_eq!((a.status, b.status), (201, 201), "{} {}", a.text(), b.text());
    assert_eq!(a.json()["id"], b.json()["id"]);
    assert_eq!((app.count("orders"), stock(&app, product).await), (1, 7));
}

#[actix_web::test]
async fn cancelling_restores_stock_and_takes_the_sale_off_both_dashboards() {
    let app = TestApp::start().await;
    let brand = app.signup("cancelco").await;
    let creator = app.signup("maker").await;
    let buyer = app.signup("changed_mind").await;
    let product = brand_and_product(&app, &brand, "cancel-brand", 4, 2000).await;
    let note = tagged_note(&app, &creator, "Nice", product).await;
    app.json(
        "POST",
        "/api/v1/cart/items",
        Some(&buyer),
        json!({"product_id": product, "quantity": 3, "source_note_id": note["id"]}),
    )
    .await;
    let order = checkout(&app, &buyer, "k").await.json();
    assert_eq!(stock(&app, product).await, 1);
    // Asking for more than is left is a clear "sold out".
    let res = app
        .json("POST", "/api/v1/cart/items", Some(&buyer), json!({"product_id": product, "quantity": 2}))
        .await;
    assert_eq!((res.status, res.error_code().as_str()), (409, "sold_out"));
    let cancelled = set_status(&app, &buyer, order["id"].as_i64().unwrap(), "cancelled").await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(stock(&app, product).await, 4);
    // Cancelling twice changes nothing more.
    assert_eq!(set_status(&app, &brand, order["id"].as_i64().unwrap(), "cancelled").await.status, 409);
    assert_eq!(stock(&app, product).await, 4);
    let stats = app.get_as("/api/v1/creators/me/stats", &creator).await.json();
    assert_eq!(
        (stats["totals"]["orders"].as_i64(), stats["totals"]["revenue_cents"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(stats["totals"]["add_to_carts"].as_i64(), Some(1));
}

#[actix_web::test]
async fn a_brand_tag_on_someone_elses_note_waits_for_the_author() {
    let app = TestApp::start().await;
    let owner = app.signup("brandowner").await;
    let staff = app.signup("brandstaff").await;
    let author = app.signup("author").await;
    let other = app.signup("other").await;
    let product = brand_and_product(&app, &owner, "tagger", 10, 100).await;
    // Only the owner adds staff.
    let res =
        app.json("POST", "/api/v1/brands/tagger/staff", Some(&staff), json!({"username": "other"})).await;
    assert_eq!(res.status, 403);
    let res = app
        .json("POST", "/api/v1/brands/tagger/staff", Some(&owner), json!({"username": "brandstaff"}))
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let note = app.note(&author, "My shelf").await;
    let path = format!("/api/v1/notes/{}/product-tags", note["id"]);
    let body = json!({"image": 0, "x": 0.2, "y": 0.3, "product_id": product});
    assert_eq!(
        app.json("POST", &path, Some(&other), body.clone()).await.status,
        403,
        "not the brand's staff"
    );
    let res = app
        .json("POST", &path, Some(&staff), json!({"image": 3, "x": 0.2, "y": 0.3, "product_id": product}))
        .await;
    assert_eq!(res.status, 422, "there is no fourth photo");
    let res = app
        .json("POST", &path, Some(&staff), json!({"image": 0, "x": 1.5, "y": 0.3, "product_id": product}))
        .await;
    assert_eq!(res.status, 422, "x is a fraction");
    let tag = app.json("POST", &path, Some(&staff), body).await;
    assert_eq!(tag.status, 201, "{}", tag.text());
    let tag = tag.json();
    assert_eq!(tag["status"], "pending");
    let told = app.get_as("/api/v1/notifications", &author).await.json();
    assert_eq!(told["items"][0]["kind"], "tag_request");
    // A pending tag draws no dot and cannot be tapped.
    let tap = app.json("POST", &format!("/api/v1/product-tags/{}/tap", tag["id"]), None, json!({})).await;
    assert_eq!(tap.status, 404);
    let approve = format!("/api/v1/product-tags/{}/approve", tag["id"]);
    assert_eq!(app.json("POST", &approve, Some(&staff), json!({})).await.status, 403);
    let approved = app.json("POST", &approve, Some(&author), json!({})).await;
    assert_eq!(approved.json()["status"], "approved");
    let shown = app.get(&format!("/api/v1/notes/{}", note["id"])).await.json();
    assert_eq!(shown["product_tags"][0]["status"], "approved");
    assert_eq!(shown["product_tags"][0]["brand_slug"], "tagger");
}

#[actix_web::test]
async fn a_catalog_csv_is_imported_whole_or_not_at_all() {
    let app = TestApp::start().await;
    let owner = app.signup("csvowner").await;
    let res =
        app.json("POST", "/api/v1/brands", Some(&owner), json!({"name": "CSV Co", "slug": "csv-co"})).await;
    assert_eq!(res.status, 201);
    let import = |body: &'static str| {
        let app = &app;
        let owner = owner.clone();
        async move {
            let req = awc::Client::new()
                .post(format!("{}/api/v1/brands/csv-co/products/import", app.url))
                .insert_header(("Authorization", format!("Bearer {owner}")))
                .insert_header(("Content-Type", "text/csv"));
            let mut res = req.send_body(body).await.unwrap();
            let json: Value = res.json().await.unwrap();
            (res.status().as_u16(), json)
        }
    };
    let (status, body) = import(
        "name,description,category,price_cents,currency,stock\n\
         Tea,\"Green, loose\",Food,1200,CNY,10\n\
         Cup,,Kitchen,abc,CNY,3\n\
         Pot,,Kitchen,3000,CNY,-1\n",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let rows = body["error"]["rows"].as_array().unwrap();
    assert_eq!(rows.iter().map(|r| r["line"].as_i64().unwrap()).collect::<Vec<_>>(), vec![3, 4]);
    assert!(rows[0]["message"].as_str().unwrap().contains("price_cents"));
    assert_eq!(app.count("products"), 0, "nothing half-imported");
    let (status, body) = import("name,price_cents,currency,stock\nTea,1200,CNY,10\nCup,800,cny,3\n").await;
    assert_eq!((status, body["created"].as_i64()), (200, Some(2)), "{body}");
    let (_, body) = import("name,price_cents,currency,stock\nTea,1500,CNY,4\n").await;
    assert_eq!((body["created"].as_i64(), body["updated"].as_i64()), (Some(0), Some(1)));
    let brand = app.get("/api/v1/brands/csv-co").await.json();
    let tea = brand["products"].as_array().unwrap().iter().find(|p| p["name"] == "Tea").unwrap().clone();
    assert_eq!((tea["price_cents"].as_i64(), tea["stock"].as_i64()), (Some(1500), Some(4)));
    assert_eq!(brand["products"][0]["currency"], "CNY");
}

#[actix_web::test]
async fn search_finds_products_and_the_notes_that_tag_them() {
    let app = TestApp::start().await;
    let owner = app.signup("searchbrand").await;
    let creator = app.signup("searchcreator").await;
    let product = brand_and_product(&app, &owner, "aurora", 10, 100).await;
    let note = tagged_note(&app, &creator, "Beach day", product).await;
    let found = app.get("/api/v1/search?type=products&q=sunscreen").await.json();
    assert_eq!(found["items"][0]["id"].as_i64(), Some(product));
    assert_eq!(
        app.get("/api/v1/search?type=products&q=AURORA").await.json()["total"],
        1,
        "brand names match, any case"
    );
    // The note says nothing about sunscreen; its tag does.
    let started = std::time::Instant::now();
    loop {
        let hits = app.get("/api/v1/search?q=sunscreen").await.json();
        if hits["items"].as_array().unwrap().iter().any(|h| h["id"] == note["id"]) {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the note never became findable by its product"
        );
        actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[actix_web::test]
async fn a_brand_runs_its_catalog_from_plain_pages() {
    let app = TestApp::start().await;
    let mut staff = app.visitor();
    assert_eq!(staff.sign_up("pagebrand").await.status, 303);
    let csrf = staff.csrf("/brands/new").await;
    let res =
        staff.post_form("/brands", &[("csrf", &csrf), ("name", "Page Co"), ("slug", "Bad Slug!")]).await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("2 to 40 letters"), "{}", res.text());
    let res = staff.post_form("/brands", &[("csrf", &csrf), ("name", "Page Co"), ("slug", "page-co")]).await;
    assert_eq!((res.status, res.header("location").as_str()), (303, "/brands/page-co/manage"));

    // A product with a typed price and a photo.
    let product = |price: &'static str, name: &'static str| {
        vec![
            text("csrf", csrf.clone()),
            text("name", name),
            text("price", price),
            text("currency", "cny"),
            text("stock", "7"),
            file("images", "p.jpg", jpeg(300, 300)),
        ]
    };
    let res = staff.post_multipart("/brands/page-co/products", &product("12.5.0", "Broken")).await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("Write the price like 129 or 129.50"));
    assert_eq!((app.count("products"), app.count("product_images")), (0, 0));
    let res = staff.post_multipart("/brands/page-co/products", &product("129.5", "Tea Tin")).await;
    assert_eq!(res.status, 303, "{}", res.text());
    let page = staff.get(&res.header("location")).await.text();
    assert!(
        page.contains("¥129.50") && page.contains("7 in stock") && page.contains("Edit product"),
        "{page}"
    );
    assert_eq!(app.count("product_images"), 1);

    // A CSV upload with a bad row lists it and imports nothing.
    let csv = "name,price_cents,currency,stock\nCup,800,CNY,3\nPot,lots,CNY,1\n";
    let parts = [text("csrf", csrf.clone()), file("file", "catalog.csv", csv.as_bytes().to_vec())];
    let res = staff.post_multipart("/brands/page-co/import", &parts).await;
    assert_eq!(res.status, 422);
    assert!(
        res.text().contains("<td>3</td><td>price_cents &#39;lots&#39; is not a whole number</td>"),
        "{}",
        res.text()
    );
    assert_eq!(app.count("products"), 1);

    // Settings: the brand-wide commission and a logo.
    let parts = [
        text("csrf", csrf.clone()),
        text("description", "Tins and cups"),
        text("commission_percent", "7.5"),
        file("logo", "logo.png", jpeg(200, 200)),
    ];
    let res = staff.post_multipart("/brands/page-co/settings", &parts).await;
    assert_eq!(res.status, 303, "{}", res.text());
    let brand = app.get("/api/v1/brands/page-co").await.json();
    assert_eq!(
        (brand["commission_bps"].as_i64(), brand["description"].as_str()),
        (Some(750), Some("Tins and cups"))
    );
    assert!(brand["logo_url"].as_str().unwrap().starts_with("/media/"), "{brand}");

    // Someone else cannot manage it; an admin verifies it from the admin page.
    let mut other = app.visitor();
    other.sign_up("notstaff").await;
    assert_eq!(other.get("/brands/page-co/manage").await.status, 403);
    assert_eq!(other.get("/admin/brands").await.status, 403);
    grant_admin(&app, "notstaff");
    let admin_csrf = other.csrf("/admin/brands").await;
    let res = other.post_form("/admin/brands/page-co/verify", &[("csrf", &admin_csrf)]).await;
    assert_eq!(res.status, 303);
    assert!(other.get("/brands/page-co").await.text().contains("verified brand"));
}

#[actix_web::test]
async fn the_checkout_form_sent_twice_places_one_order_and_cancelling_asks_first() {
    let app = TestApp::start().await;
    let brand = app.signup("formbrand").await;
    let product = brand_and_product(&app, &brand, "form-brand", 5, 4500).await;
    let mut buyer = app.visitor();
    buyer.sign_up("formbuyer").await;
    let csrf = buyer.csrf(&format!("/products/{product}")).await;
    let pid = product.to_string();
    let res =
        buyer.post_form("/cart/items", &[("csrf", &csrf), ("product_id", &pid), ("quantity", "2")]).await;
    assert_eq!((res.status, res.header("location").as_str()), (303, "/cart"));
    let cart = buyer.get("/cart").await.text();
    assert!(cart.contains("¥90.00"), "{cart}");
    let at = cart.find("name=\"idempotency_key\" value=\"").unwrap() + 30;
    let key = cart[at..at + 32].to_string();
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Form Buyer"),
        ("address", "8 Lake Street, Wuxi"),
        ("idempotency_key", key.as_str()),
    ];
    let first = buyer.post_form("/checkout", &form).await;
    let second = buyer.post_form("/checkout", &form).await;
    assert_eq!((first.status, second.status), (303, 303));
    assert_eq!(first.header("location"), second.header("location"));
    assert_eq!((app.count("orders"), stock(&app, product).await), (1, 3));
    let order = first.header("location").split('?').next().unwrap().to_string();
    assert!(buyer.get(&order).await.text().contains("Cancel order"));
    let confirm = buyer.get(&format!("{order}/cancel")).await.text();
    assert!(confirm.contains("Yes, cancel the order"));
    // An empty cart cannot be checked out.
    let res = buyer
        .post_form(
            "/checkout",
            &[
                ("csrf", &csrf),
                ("name", "Form Buyer"),
                ("address", "8 Lake Street, Wuxi"),
                ("idempotency_key", "another"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("Your cart is empty."));
}

#[actix_web::test]
async fn a_sale_is_credited_to_the_last_note_seen_within_the_window_only() {
    let app = TestApp::start_with(|c| c.attribution_days = 7).await;
    let brand = app.signup("windowbrand").await;
    let first = app.signup("first_creator").await;
    let last = app.signup("last_creator").await;
    let buyer = app.signup("window_buyer").await;
    let product = brand_and_product(&app, &brand, "window-brand", 10, 1000).await;
    let early = tagged_note(&app, &first, "Early note", product).await;
    let later = tagged_note(&app, &last, "Later note", product).await;
    let tap = |note: &Value| format!("/api/v1/product-tags/{}/tap", note["product_tags"][0]["id"]);
    app.json(
        "POST",
        "/api/v1/cart/items",
        Some(&buyer),
        json!({"product_id": product, "source_note_id": early["id"]}),
    )
    .await;
    app.json("POST", &tap(&later), Some(&buyer), json!({})).await;
    let order = checkout(&app, &buyer, "a").await.json();
    assert_eq!(order["items"][0]["creator"], "last_creator", "last touch wins");

    // A touch older than the window earns nothing.
    app.json("POST", &tap(&early), Some(&buyer), json!({})).await;
    app.json("POST", "/api/v1/cart/items", Some(&buyer), json!({"product_id": product})).await;
    let mut conn = app.state.pool.get().unwrap();
    let old = sprout::db::now() - chrono::Duration::days(8);
    diesel::RunQueryDsl::execute(
        diesel::update(sprout::schema::touches::table)
            .set(diesel::ExpressionMethods::eq(sprout::schema::touches::touched_at, old)),
        &mut *conn,
    )
    .unwrap();
    drop(conn);
    let order = checkout(&app, &buyer, "b").await.json();
    assert_eq!(
        (order["items"][0]["creator"].clone(), order["items"][0]["commission_cents"].as_i64()),
        (Value::Null, Some(0))
    );
}

/// What Excel in Chinese saves (GB18030/GBK) and UTF-8 with a byte order mark both import; bytes
/// that are neither are refused and import nothing; a currency ISO 4217 does not know is refused.
#[actix_web::test]
async fn a_catalog_saved_by_excel_in_chinese_imports_and_money_is_iso_4217() {
    let app = TestApp::start().await;
    let owner = app.signup("gbkowner").await;
    app.json("POST", "/api/v1/brands", Some(&owner), json!({"name": "GBK Co", "slug": "gbk-co"})).await;
    let import = |body: Vec<u8>| {
        let app = &app;
        let owner = owner.clone();
        async move {
            let req = awc::Client::new()
                .post(format!("{}/api/v1/brands/gbk-co/products/import", app.url))
                .insert_header(("Authorization", format!("Bearer {owner}")))
                .insert_header(("Content-Type", "text/csv"));
            let mut res = req.send_body(body).await.unwrap();
            let json: Value = res.json().await.unwrap();
            (res.status().as_u16(), json)
        }
    };
    let (gbk, _, lossy) =
        encoding_rs::GB18030.encode("name,price_cents,currency,stock\n水润防晒霜,12900,CNY,5\n");
    assert!(!lossy && std::str::from_utf8(&gbk).is_err(), "the test file really is GB18030");
    let (status, body) = import(gbk.into_owned()).await;
    assert_eq!((status, body["created"].as_i64()), (200, Some(1)), "{body}");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice("name,price_cents,currency,stock\n绿茶爽肤水,8900,KWD,2\n".as_bytes());
    let (status, body) = import(bom).await;
    assert_eq!((status, body["created"].as_i64()), (200, Some(1)), "{body}");
    let brand = app.get("/api/v1/brands/gbk-co").await.json();
    let names: Vec<_> = brand["products"].as_array().unwrap().iter().map(|p| p["name"].clone()).collect();
    assert!(names.contains(&json!("水润防晒霜")) && names.contains(&json!("绿茶爽肤水")), "{names:?}");
    let kwd =
        brand["products"].as_array().unwrap().iter().find(|p| p["name"] == "绿茶爽肤水").unwrap().clone();
    assert_eq!(kwd["price"], "8.900 KWD", "three decimals, as ISO 4217 gives the dinar");

    let (status, body) = import(vec![0xFF, 0xFE, 0x80, 0x0A]).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("invalid")), "{body}");
    let (status, body) = import(b"name,price_cents,currency,stock\nGold,100,XAU,1\n".to_vec()).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("XAU is not a currency of ISO 4217"), "{body}");
    assert_eq!(app.count("products"), 2, "nothing else was written");
}
