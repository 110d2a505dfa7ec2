//! Messages: a shopper asks a brand, its staff answer from the shared inbox, members write to
//! each other when allowed, blocks and strangers are kept out, events arrive on the live
//! channel, and an unread message is mailed once.

use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{LiveEvents, TestApp};

/// A brand `slug` owned by `owner`, with `staff` on it, and one product; returns the product id.
async fn brand_with_staff(app: &TestApp, owner: &str, staff: &str, slug: &str) -> i64 {
    let res =
        app.json("POST", "/api/v1/brands", Some(owner), json!({"name": "Green Leaf", "slug": slug})).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let name = app.get_as("/api/v1/me", staff).await.json()["username"].as_str().unwrap().to_string();
    let res = app
        .json("POST", &format!("/api/v1/brands/{slug}/staff"), Some(owner), json!({"username": name}))
        .await;
    assert!(res.status < 300, "{}", res.text());
    let res = app
        .json(
            "POST",
            &format!("/api/v1/brands/{slug}/products"),
            Some(owner),
            json!({"name": "Linen shirt", "price_cents": 12900, "currency": "CNY", "stock": 7}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

async fn send(app: &TestApp, token: &str, conversation: i64, body: Value) -> crate::common::Resp {
    app.json("POST", &format!("/api/v1/conversations/{conversation}/messages"), Some(token), body).await
}

fn bodies(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap().to_string()).collect()
}

#[actix_web::test]
async fn a_shopper_asks_about_a_product_and_the_brands_staff_answer_from_one_inbox() {
    let app = TestApp::start().await;
    let owner = app.signup("leafowner").await;
    let staff = app.signup("leafstaff").await;
    let shopper = app.signup("asker").await;
    let shirt = brand_with_staff(&app, &owner, &staff, "green-leaf").await;

    let res = app
        .json(
            "POST",
            "/api/v1/conversations",
            Some(&shopper),
            json!({"brand": "green-leaf", "product_id": shirt}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let conv = res.json();
    let id = conv["id"].as_i64().unwrap();
    assert_eq!(conv["with"]["name"], "Green Leaf");
    assert_eq!(conv["subject"]["product"]["name"], "Linen shirt");
    let again =
        app.json("POST", "/api/v1/conversations", Some(&shopper), json!({"brand": "green-leaf"})).await;
    assert_eq!((again.status, again.json()["id"].as_i64()), (200, Some(id)), "one conversation a pair");
    assert_eq!(
        app.json("POST", "/api/v1/conversations", Some(&staff), json!({"brand": "green-leaf"})).await.status,
        422,
        "staff answer from the inbox, they do not ask their own brand"
    );

    let res = send(&app, &shopper, id, json!({"body": "Does this run small?"})).await;
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!(res.json()["mine"], true);
    let unread = app.get_as("/api/v1/unread", &staff).await.json();
    assert_eq!(unread["conversations"], 1, "the brand's staff see a conversation waiting");

    let inbox = app.get_as("/api/v1/brands/green-leaf/inbox", &staff).await;
    assert_eq!(inbox.status, 200, "{}", inbox.text());
    let first = &inbox.json()["items"][0];
    assert_eq!((first["id"].as_i64(), first["unread_count"].as_i64()), (Some(id), Some(1)));
    assert_eq!((first["unanswered"].as_bool(), first["starter"].as_str()), (Some(true), Some("asker")));
    assert_eq!(app.get_as("/api/v1/brands/green-leaf/inbox", &shopper).await.status, 403, "staff only");

    // The staff member answers with the product as a card; the shopper sees its price and stock.
    let res =
        send(&app, &staff, id, json!({"body": "It runs true to size.", "card": {"product_id": shirt}})).await;
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!(res.json()["from_brand"], true);
    let page = app.get_as(&format!("/api/v1/conversations/{id}/messages"), &shopper).await.json();
    assert_eq!(bodies(&page), ["Does this run small?", "It runs true to size."]);
    let card = &page["items"][1]["card"];
    assert_eq!(
        (card["type"].as_str(), card["product"]["price"].as_str()),
        (Some("product"), Some("¥129.00"))
    );
    assert_eq!(card["product"]["stock"], 7);
    let res = app.json("POST", "/api/v1/cart/items", Some(&shopper), json!({"product_id": shirt})).await;
    assert!(res.status < 300, "the carded product goes in the cart: {}", res.text());
    let last = page["items"][1]["id"].as_i64().unwrap();
    let mine = app.get_as("/api/v1/conversations", &shopper).await.json();
    assert_eq!(mine["items"][0]["unread_count"], 1);
    let res = app
        .json("POST", &format!("/api/v1/conversations/{id}/read"), Some(&shopper), json!({"up_to": last}))
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(app.get_as("/api/v1/unread", &shopper).await.json()["conversations"], 0);

    // Assigned and put away; the shopper writing again opens it again.
    let path = format!("/api/v1/conversations/{id}");
    let res =
        app.json("PATCH", &path, Some(&owner), json!({"assignee": "leafstaff", "status": "done"})).await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(
        (res.json()["assignee"].as_str(), res.json()["status"].as_str()),
        (Some("leafstaff"), Some("done"))
    );
    let res = app.json("PATCH", &path, Some(&owner), json!({"assignee": "asker"})).await;
    assert_eq!(res.status, 422, "only the brand's staff take conversations");
    assert_eq!(app.json("PATCH", &path, Some(&shopper), json!({"status": "done"})).await.status, 422);
    assert_eq!(app.get_as("/api/v1/brands/green-leaf/inbox", &staff).await.json()["items"], json!([]));
    let done =
        app.get_as("/api/v1/brands/green-leaf/inbox?status=done&assignee=leafstaff", &staff).await.json();
    assert_eq!(done["items"][0]["id"].as_i64(), Some(id));
    send(&app, &shopper, id, json!({"body": "And the blue one?"})).await;
    let open = app.get_as("/api/v1/brands/green-leaf/inbox", &staff).await.json();
    assert_eq!(open["items"][0]["status"], "open");
}

#[actix_web::test]
async fn only_the_two_sides_can_read_or_write_a_conversation() {
    let app = TestApp::start().await;
    let owner = app.signup("sideowner").await;
    let staff = app.signup("sidestaff").await;
    let shopper = app.signup("sideshopper").await;
    let nosy = app.signup("nosy").await;
    brand_with_staff(&app, &owner, &staff, "side-co").await;
    let id =
        app.json("POST", "/api/v1/conversations", Some(&shopper), json!({"brand": "side-co"})).await.json()
            ["id"]
            .as_i64()
            .unwrap();
    send(&app, &shopper, id, json!({"body": "Private question"})).await;

    for path in [format!("/api/v1/conversations/{id}"), format!("/api/v1/conversations/{id}/messages")] {
        assert_eq!(app.get_as(&path, &nosy).await.status, 404, "{path}");
        assert_eq!(app.get(&path).await.status, 401, "{path}");
    }
    assert_eq!(send(&app, &nosy, id, json!({"body": "hi"})).await.status, 404);
    let read = format!("/api/v1/conversations/{id}/read");
    assert_eq!(app.json("POST", &read, Some(&nosy), json!({"up_to": 1})).await.status, 404);
    assert_eq!(
        app.json("PATCH", &format!("/api/v1/conversations/{id}"), Some(&nosy), json!({"status": "done"}))
            .await
            .status,
        404
    );
    assert_eq!(app.get_as("/api/v1/conversations", &nosy).await.json()["items"], json!([]));
    assert_eq!(
        app.get_as(&format!("/api/v1/conversations/{id}"), &staff).await.status,
        200,
        "staff share it"
    );

    // Bad input changes nothing.
    let too_long = "x".repeat(2001);
    assert_eq!(send(&app, &shopper, id, json!({"body": too_long})).await.status, 422);
    assert_eq!(send(&app, &shopper, id, json!({"body": "   "})).await.status, 422);
    assert_eq!(
        send(&app, &shopper, id, json!({"body": "two", "card": {"product_id": 1, "note_id": 1}}))
            .await
            .status,
        422
    );
    assert_eq!(send(&app, &shopper, id, json!({"card": {"order_id": 999}})).await.status, 404);
    assert_eq!(send(&app, &shopper, id, json!({"card": {"note_id": 999}})).await.status, 404);
    let page = app.get_as(&format!("/api/v1/conversations/{id}/messages"), &shopper).await.json();
    assert_eq!(bodies(&page), ["Private question"]);
}

#[actix_web::test]
async fn strangers_and_blocked_members_cannot_write_to_a_member() {
    let app = TestApp::start().await;
    let mei = app.signup("mei").await;
    let stranger = app.signup("stranger").await;
    let friend = app.signup("friend").await;
    let start = |token: String, to: &'static str| {
        let app = &app;
        async move { app.json("POST", "/api/v1/conversations", Some(&token), json!({"username": to})).await }
    };

    // By default a member takes messages from people they follow.
    let res = start(stranger.clone(), "mei").await;
    assert_eq!(res.status, 403);
    assert!(
        res.json()["error"]["message"].as_str().unwrap().contains("only from people they follow"),
        "{}",
        res.text()
    );
    app.json("POST", "/api/v1/users/friend/follow", Some(&mei), json!({})).await;
    let res = start(friend.clone(), "mei").await;
    assert_eq!(res.status, 201, "{}", res.text());
    let id = res.json()["id"].as_i64().unwrap();
    assert_eq!(send(&app, &friend, id, json!({"body": "Coffee tomorrow?"})).await.status, 201);
    assert_eq!(start(mei.clone(), "friend").await.status, 200, "the same conversation, from either side");

    let set = |policy: &'static str| {
        let (app, mei) = (&app, mei.clone());
        async move {
            app.json(
                "PUT",
                "/api/v1/messages/settings",
                Some(&mei),
                json!({"dm_policy": policy, "message_mail_minutes": 10}),
            )
            .await
        }
    };
    assert_eq!(set("whoever").await.status, 422);
    assert_eq!(set("nobody").await.status, 200);
    assert_eq!(start(stranger.clone(), "mei").await.status, 403);
    assert_eq!(set("everyone").await.status, 200);
    assert_eq!(start(stranger.clone(), "mei").await.status, 201);

    // A block: no new conversation, and the existing one becomes read-only, for both.
    assert_eq!(app.json("POST", "/api/v1/users/friend/block", Some(&mei), json!({})).await.status, 200);
    assert_eq!(send(&app, &friend, id, json!({"body": "Hello?"})).await.status, 403);
    assert_eq!(send(&app, &mei, id, json!({"body": "Hello?"})).await.status, 403);
    let conv = app.get_as(&format!("/api/v1/conversations/{id}"), &friend).await.json();
    assert_eq!(conv["read_only"], true);
    assert_eq!(
        bodies(&app.get_as(&format!("/api/v1/conversations/{id}/messages"), &friend).await.json()),
        ["Coffee tomorrow?"]
    );
}

#[actix_web::test]
async fn a_message_reaches_the_other_side_on_the_live_channel() {
    let app = TestApp::start().await;
    let owner = app.signup("liveowner").await;
    let staff = app.signup("livestaff").await;
    let shopper = app.signup("liveshopper").await;
    brand_with_staff(&app, &owner, &staff, "live-co").await;
    let id =
        app.json("POST", "/api/v1/conversations", Some(&shopper), json!({"brand": "live-co"})).await.json()
            ["id"]
            .as_i64()
            .unwrap();

    let mut brand_side = LiveEvents::open(&app.url, &staff).await;
    let mut shopper_side = LiveEvents::open(&app.url, &shopper).await;
    let res =
        app.json("POST", &format!("/api/v1/conversations/{id}/typing"), Some(&shopper), json!({})).await;
    assert_eq!(res.status, 204);
    let typing = brand_side.next(Duration::from_secs(10)).await.expect("the typing marker arrives");
    assert_eq!((typing["type"].as_str(), typing["username"].as_str()), (Some("typing"), Some("liveshopper")));

    let message = send(&app, &shopper, id, json!({"body": "Is it in stock?"})).await.json();
    let event = brand_side.next(Duration::from_secs(10)).await.expect("the message arrives live");
    assert_eq!(event["type"], "message");
    assert_eq!(
        (event["conversation_id"].as_i64(), event["message_id"].as_i64()),
        (Some(id), message["id"].as_i64())
    );
    let echo =
        shopper_side.next(Duration::from_secs(10)).await.expect("the sender's other pages hear it too");
    assert_eq!(echo["message_id"], message["id"]);

    let res = app
        .json(
            "POST",
            &format!("/api/v1/conversations/{id}/read"),
            Some(&staff),
            json!({"up_to": message["id"]}),
        )
        .await;
    assert_eq!(res.status, 204);
    let read = shopper_side.next(Duration::from_secs(10)).await.expect("the read marker arrives");
    assert_eq!((read["type"].as_str(), read["reader"].as_str()), (Some("read"), Some("livestaff")));

    // A page of another site cannot open a member's channel with their cookie; nobody opens one
    // without signing in.
    let foreign = app.get_with("/api/v1/events", &[("Origin", "https://evil.example")]).await;
    assert_eq!(foreign.status, 403);
    assert_eq!(app.get("/api/v1/events").await.status, 401);
}

#[actix_web::test]
async fn a_message_reaches_a_connection_on_another_sprout_process() {
    if crate::common::test_database_url().is_none() {
        return; // Processes share events through PostgreSQL; SQLite is one process's.
    }
    let app = TestApp::start().await;
    let a = app.signup("node_a").await;
    let b = app.signup("node_b").await;
    app.json(
        "PUT",
        "/api/v1/messages/settings",
        Some(&b),
        json!({"dm_policy": "everyone", "message_mail_minutes": 10}),
    )
    .await;
    let id = app.json("POST", "/api/v1/conversations", Some(&a), json!({"username": "node_b"})).await.json()
        ["id"]
        .as_i64()
        .unwrap();
    let other = crate::common::ServerProcess::start(&app, &[]).await;
    let mut on_other = LiveEvents::open(&format!("http://{}", other.addr), &b).await;
    let mut here = LiveEvents::open(&app.url, &b).await;
    let message = send(&app, &a, id, json!({"body": "Across nodes"})).await.json();
    let there = on_other.next(Duration::from_secs(10)).await.expect("the other process delivers it");
    assert_eq!(there["message_id"], message["id"]);
    let local = here.next(Duration::from_secs(10)).await.expect("this process delivers it too");
    assert_eq!(local["message_id"], message["id"]);
    assert!(here.next(Duration::from_millis(300)).await.is_none(), "once each, not twice");
}

/// A mail's plain-text part, decoded (Sprout sends it in base64 when it is not ASCII).
fn plain_text(mail: &str) -> String {
    let start = mail.find("Content-Type: text/plain").expect("a plain-text part");
    let mut lines = mail[start..].lines().skip_while(|l| !l.is_empty()).skip(1);
    let encoded: String = lines.by_ref().take_while(|l| !l.starts_with("--")).collect();
    match crate::browser::base64_decode(encoded.trim()) {
        Some(bytes) => String::from_utf8(bytes).expect("UTF-8 text"),
        None => encoded,
    }
}

/// Makes the quiet period pass for the message mails waiting: their jobs become due now.
fn quiet_period_passes(app: &TestApp) {
    use diesel::RunQueryDsl;
    let mut conn = app.state.pool.get().unwrap();
    let earlier = sprout::db::now() - chrono::Duration::seconds(1);
    diesel::sql_query("UPDATE jobs SET run_at = $1 WHERE kind = 'message_mail' AND done_at IS NULL")
        .bind::<diesel::sql_types::Timestamp, _>(earlier)
        .execute(&mut *conn)
        .unwrap();
    app.state.jobs_changed();
}

#[actix_web::test]
async fn a_member_who_does_not_read_a_message_gets_one_mail_in_their_language() {
    let port = crate::mail::free_port();
    let sink = crate::mail::SmtpSink::start(port).await;
    let app = crate::mail::app_with_smtp(port).await;
    let lan = app.signup("lan").await;
    let res = app
        .json_with(
            "POST",
            "/api/v1/auth/signup",
            None,
            json!({"username": "hui", "email": "hui@example.com", "password": "correct horse battery"}),
            &[("Accept-Language", "zh-CN")],
        )
        .await;
    let hui = res.json()["token"].as_str().unwrap().to_string();
    sink.wait_for(2).await; // the welcome mails
    app.json("POST", "/api/v1/users/lan/follow", Some(&hui), json!({})).await;
    let id = app.json("POST", "/api/v1/conversations", Some(&lan), json!({"username": "hui"})).await.json()
        ["id"]
        .as_i64()
        .unwrap();
    send(&app, &lan, id, json!({"body": "Are you going to the market on Saturday?"})).await;
    send(&app, &lan, id, json!({"body": "I can bring the tote bags."})).await;
    assert_eq!(app.count("jobs WHERE kind = 'message_mail'"), 1, "one mail waits for the whole unread run");

    quiet_period_passes(&app);
    let mails = sink.wait_for(3).await;
    assert!(mails[2].contains("To: hui@example.com"), "{}", mails[2]);
    let mail = plain_text(&mails[2]);
    assert!(mail.contains("Are you going to the market on Saturday?"), "{mail}");
    assert!(mail.contains(&format!("/messages/{id}")), "{mail}");
    assert!(mail.contains("查看并回复"), "in the reader's language: {mail}");

    // More unread messages within the hour: no second mail.
    send(&app, &lan, id, json!({"body": "Hello?"})).await;
    quiet_period_passes(&app);
    actix_web::rt::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sink.messages().len(), 3, "at most one mail a conversation an hour");

    // A message read before its quiet period ends is not mailed.
    let last = app.get_as(&format!("/api/v1/conversations/{id}/messages"), &lan).await.json()["items"][2]
        ["id"]
        .clone();
    app.json("POST", &format!("/api/v1/conversations/{id}/read"), Some(&hui), json!({"up_to": last})).await;
    send(&app, &hui, id, json!({"body": "Yes, see you there"})).await;
    app.json(
        "POST",
        &format!("/api/v1/conversations/{id}/read"),
        Some(&lan),
        json!({"up_to": last.as_i64().unwrap() + 1}),
    )
    .await;
    quiet_period_passes(&app);
    actix_web::rt::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sink.messages().len(), 3, "lan read the answer: nothing to mail");
}
