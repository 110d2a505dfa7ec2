//! Reports, the moderators' queue, actions, the public modlog and appeals, through the API; spam
//! limits, held words and the sponsored label.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::{file, jpeg, text, TestApp};

fn grant(app: &TestApp, username: &str, moderator: bool) {
    let mut conn = app.state.pool.get().unwrap();
    if moderator {
        sprout::accounts::service::grant_moderator(&mut conn, username).unwrap();
    } else {
        sprout::accounts::service::grant_admin(&mut conn, username).unwrap();
    }
}

async fn report(app: &TestApp, token: &str, kind: &str, id: Value, reason: &str) -> crate::common::Resp {
    app.json(
        "POST",
        "/api/v1/reports",
        Some(token),
        json!({"target_type": kind, "target_id": id, "reason": reason, "details": "Looks like a paid fake"}),
    )
    .await
}

async fn act(app: &TestApp, token: &str, body: Value) -> crate::common::Resp {
    app.json("POST", "/api/v1/moderation/actions", Some(token), body).await
}

async fn login(app: &TestApp, username: &str) -> crate::common::Resp {
    app.json(
        "POST",
        "/api/v1/auth/login",
        None,
        json!({"login": username, "password": "correct horse battery"}),
    )
    .await
}

/// Whether a search for `q` finds note `id`, waiting up to two seconds for the indexer.
async fn search_finds(app: &TestApp, q: &str, id: i64, expected: bool) {
    let started = Instant::now();
    loop {
        let found = app.get(&format!("/api/v1/search?q={q}")).await.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["id"] == id);
        if found == expected {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(2), "search for {q} still finds={found}");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

fn explore_has(page: &Value, id: i64) -> bool {
    page["items"].as_array().unwrap().iter().any(|n| n["id"] == id)
}

#[actix_web::test]
async fn reports_are_one_per_reporter_and_target_and_never_of_ones_own() {
    let app = TestApp::start().await;
    let author = app.signup("fakeposter").await;
    let reader = app.signup("carefulreader").await;
    let note = app.note(&author, "Miracle serum").await["id"].as_i64().unwrap();

    let first = report(&app, &reader, "note", json!(note), "fake_review").await;
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["status"], "open");
    let again = report(&app, &reader, "note", json!(note.to_string()), "spam").await;
    assert_eq!(
        (again.status, again.json()["id"].clone()),
        (200, first.json()["id"].clone()),
        "the same report"
    );
    assert_eq!(report(&app, &author, "note", json!(note), "spam").await.status, 422, "not one's own");
    assert_eq!(report(&app, &reader, "user", json!("fakeposter"), "spam").await.status, 201);
    assert_eq!(report(&app, &reader, "user", json!("carefulreader"), "spam").await.status, 422);
    assert_eq!(report(&app, &reader, "note", json!(999_999), "spam").await.status, 404);
    let bad = report(&app, &reader, "note", json!(note), "i_dont_like_it").await;
    assert_eq!((bad.status, bad.json()["error"]["field"].as_str()), (422, Some("reason")));
    let bad = report(&app, &reader, "planet", json!(1), "spam").await;
    assert_eq!(bad.status, 422);
    let long = app
        .json(
            "POST",
            "/api/v1/reports",
            Some(&reader),
            json!({"target_type": "note", "target_id": note, "reason": "other", "details": "x".repeat(1001)}),
        )
        .await;
    assert_eq!(long.status, 422);
    assert_eq!(app.json("POST", "/api/v1/reports", None, json!({})).await.status, 401);
}

#[actix_web::test]
async fn report_queue_hide_modlog_appeal_restore() {
    let app = TestApp::start().await;
    let author = app.signup("shill").await;
    let readers = [app.signup("reader_a").await, app.signup("reader_b").await, app.signup("reader_c").await];
    let moderator = app.signup("mod_mia").await;
    grant(&app, "mod_mia", true);
    let fake = app.note(&author, "Zorbex serum changed my life").await["id"].as_i64().unwrap();
    let other = app.note(&author, "Ordinary noodles").await["id"].as_i64().unwrap();
    for (i, r) in readers.iter().enumerate() {
        report(&app, r, "note", json!(fake), if i == 0 { "fake_review" } else { "undisclosed_ad" }).await;
    }
    report(&app, &readers[0], "note", json!(other), "spam").await;
    search_finds(&app, "zorbex", fake, true).await;

    // Only moderators read the queue: most-reported first, with the reporters' words.
    assert_eq!(app.get_as("/api/v1/moderation/reports", &readers[0]).await.status, 403);
    let queue = app.get_as("/api/v1/moderation/reports?status=open", &moderator).await.json();
    let items = queue["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0]["target_id"].as_str(), items[0]["report_count"].as_i64()),
        (Some(fake.to_string().as_str()), Some(3))
    );
    assert_eq!(items[0]["reasons"], json!(["fake_review", "undisclosed_ad"]));
    assert_eq!(items[0]["reports"][0]["details"], "Looks like a paid fake");
    assert_eq!(items[0]["target"]["summary"], "Zorbex serum changed my life");

    // Hiding: authorised first (even a body that is not JSON is refused with 403 to others).
    assert_eq!(
        app.json("POST", "/api/v1/moderation/actions", Some(&readers[0]), json!("junk")).await.status,
        403
    );
    let missing =
        act(&app, &moderator, json!({"target_type": "note", "target_id": fake, "action": "hide"})).await;
    assert_eq!((missing.status, missing.json()["error"]["field"].as_str()), (422, Some("reason")));
    let hidden = act(
        &app,
        &moderator,
        json!({"target_type": "note", "target_id": fake, "action": "hide", "reason": "Undisclosed paid review"}),
    )
    .await;
    assert_eq!(hidden.status, 201, "{}", hidden.text());
    let action = hidden.json()["id"].as_i64().unwrap();

    // Gone for everyone but its author and moderators: feeds, search (within a second), the page.
    assert!(!explore_has(&app.get("/api/v1/explore").await.json(), fake));
    assert!(explore_has(&app.get("/api/v1/explore").await.json(), other));
    search_finds(&app, "zorbex", fake, false).await;
    assert_eq!(app.get(&format!("/api/v1/notes/{fake}")).await.status, 404);
    assert_eq!(app.get(&format!("/notes/{fake}")).await.status, 404);
    assert_eq!(app.get_as(&format!("/api/v1/notes/{fake}"), &readers[1]).await.status, 404);
    let own = app.get_as(&format!("/api/v1/notes/{fake}"), &author).await.json();
    assert_eq!(own["moderation"], "hidden");
    assert_eq!(app.get_as(&format!("/api/v1/notes/{fake}"), &moderator).await.status, 200);
    // Nor can anyone like, save or comment on what they cannot see.
    let like = app.json("POST", &format!("/api/v1/notes/{fake}/like"), Some(&readers[1]), json!({})).await;
    assert_eq!(like.status, 404, "{}", like.text());
    let comment = app
        .json("POST", &format!("/api/v1/notes/{fake}/comments"), Some(&readers[1]), json!({"body": "hi"}))
        .await;
    assert_eq!(comment.status, 404);
    let mut author_page = app.visitor();
    let csrf = author_page.csrf("/login").await;
    author_page
        .post_form("/login", &[("csrf", &csrf), ("login", "shill"), ("password", "correct horse battery")])
        .await;
    let page = author_page.get(&format!("/notes/{fake}")).await.text();
    assert!(page.contains("Hidden by Sprout's moderators: Undisclosed paid review"), "{page}");
    assert!(page.contains(&format!("/appeals/new?action_id={action}")));

    // The reports are resolved; reporters and author are told; the modlog says what and why.
    let queue = app.get_as("/api/v1/moderation/reports", &moderator).await.json();
    assert_eq!(queue["items"].as_array().unwrap().len(), 1, "only the other note is left: {queue}");
    let resolved = app.get_as("/api/v1/moderation/reports?status=resolved", &moderator).await.json();
    assert_eq!(resolved["items"][0]["report_count"], 3);
    for r in &readers {
        let told = app.get_as("/api/v1/notifications", r).await.json();
        assert!(told["items"].as_array().unwrap().iter().any(|n| n["kind"] == "report_handled"), "{told}");
    }
    let told = app.get_as("/api/v1/notifications", &author).await.json();
    let n = told["items"].as_array().unwrap().iter().find(|n| n["kind"] == "moderation").unwrap().clone();
    assert!(n["text"].as_str().unwrap().contains("Undisclosed paid review"), "{n}");
    assert_eq!(n["from_moderators"], true);
    let modlog = app.get("/api/v1/modlog").await;
    assert_eq!(modlog.status, 200);
    let entry = &modlog.json()["items"][0];
    assert_eq!(
        (entry["action"].as_str(), entry["target_type"].as_str(), entry["reason"].as_str()),
        (Some("hide"), Some("note"), Some("Undisclosed paid review"))
    );
    for secret in ["reader_a", "reader_b", "mod_mia", "Looks like a paid fake"] {
        assert!(!modlog.text().contains(secret), "the modlog never names {secret}");
        assert!(!app.get("/modlog").await.text().contains(secret));
    }

    // The author appeals once; a moderator reverses; the note is back everywhere.
    let appeal_path = format!("/api/v1/moderation/actions/{action}/appeal");
    assert_eq!(
        app.json("POST", &appeal_path, Some(&readers[0]), json!({"text": "me too"})).await.status,
        404
    );
    let appeal = app
        .json("POST", &appeal_path, Some(&author), json!({"text": "I bought it myself, see receipt"}))
        .await;
    assert_eq!(appeal.status, 201, "{}", appeal.text());
    assert_eq!(app.json("POST", &appeal_path, Some(&author), json!({"text": "again"})).await.status, 409);
    let appeal_id = appeal.json()["id"].as_i64().unwrap();
    let decide = format!("/api/v1/moderation/appeals/{appeal_id}");
    assert_eq!(app.json("POST", &decide, Some(&author), json!({"decision": "reversed"})).await.status, 403);
    let decided = app.json("POST", &decide, Some(&moderator), json!({"decision": "reversed"})).await;
    assert_eq!(
        (decided.status, decided.json()["status"].as_str()),
        (200, Some("reversed")),
        "{}",
        decided.text()
    );
    assert_eq!(app.json("POST", &decide, Some(&moderator), json!({"decision": "upheld"})).await.status, 409);
    assert_eq!(app.get(&format!("/api/v1/notes/{fake}")).await.status, 200);
    assert!(explore_has(&app.get("/api/v1/explore").await.json(), fake));
    search_finds(&app, "zorbex", fake, true).await;
    assert_eq!(app.get("/api/v1/modlog").await.json()["items"][0]["action"], "restore");
}

#[actix_web::test]
async fn a_suspended_account_cannot_sign_in_or_act_and_may_appeal_once() {
    let app = TestApp::start().await;
    let spammer = app.signup("spam_king").await;
    let reader = app.signup("victim").await;
    let admin = app.signup("admin_ann").await;
    grant(&app, "admin_ann", false);
    let moderator = app.signup("mod_max").await;
    grant(&app, "mod_max", true);
    let note = app.note(&reader, "Honest review").await["id"].as_i64().unwrap();

    let bad_days = act(&app, &moderator, json!({"target_type": "user", "target_id": "spam_king", "action": "suspend", "reason": "Spam", "days": 0})).await;
    assert_eq!((bad_days.status, bad_days.json()["error"]["field"].as_str()), (422, Some("days")));
    let huge = act(&app, &moderator, json!({"target_type": "user", "target_id": "spam_king", "action": "suspend", "reason": "Spam", "days": 9_223_372_036_854_775_807i64})).await;
    assert_eq!(huge.status, 422);
    let hide_user = act(
        &app,
        &moderator,
        json!({"target_type": "user", "target_id": "spam_king", "action": "hide", "reason": "x"}),
    )
    .await;
    assert_eq!(hide_user.status, 422, "accounts are suspended, not hidden");
    let done = act(&app, &moderator, json!({"target_type": "user", "target_id": "spam_king", "action": "suspend", "reason": "Comment spam", "days": 7})).await;
    assert_eq!(done.status, 201, "{}", done.text());
    let action = done.json()["id"].as_i64().unwrap();

    // Their token ended with the suspension: no posting, commenting, liking or buying.
    assert_eq!(app.get_as("/api/v1/me", &spammer).await.status, 401);
    let comment = app
        .json("POST", &format!("/api/v1/notes/{note}/comments"), Some(&spammer), json!({"body": "buy now"}))
        .await;
    assert_eq!(comment.status, 401);
    // Logging in says until when, with code `suspended`.
    let refused = login(&app, "spam_king").await;
    assert_eq!((refused.status, refused.error_code().as_str()), (403, "suspended"), "{}", refused.text());
    let message = refused.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(message.contains("suspended until") && message.contains("UTC"), "{message}");
    assert_eq!(refused.json()["error"]["action_id"], action);
    // A wrong password learns nothing about the suspension.
    let wrong = app
        .json("POST", "/api/v1/auth/login", None, json!({"login": "spam_king", "password": "wrong password"}))
        .await;
    assert_eq!(wrong.status, 401);

    // The appeal token from the refusal is good for the appeal only.
    let appeal_token = refused.json()["error"]["appeal_token"].as_str().unwrap().to_string();
    assert_eq!(app.get_as("/api/v1/me", &appeal_token).await.status, 401);
    let appeal = app
        .json(
            "POST",
            &format!("/api/v1/moderation/actions/{action}/appeal"),
            Some(&appeal_token),
            json!({"text": "My account was hacked"}),
        )
        .await;
    assert_eq!(appeal.status, 201, "{}", appeal.text());
    let listed = app.get_as("/api/v1/moderation/appeals", &admin).await.json();
    assert_eq!(listed["items"][0]["text"], "My account was hacked");
    let id = appeal.json()["id"].as_i64().unwrap();
    let upheld = app
        .json(
            "POST",
            &format!("/api/v1/moderation/appeals/{id}"),
            Some(&admin),
            json!({"decision": "upheld"}),
        )
        .await;
    assert_eq!(upheld.json()["status"], "upheld");
    assert_eq!(login(&app, "spam_king").await.status, 403, "still suspended");

    // Unsuspending lets them back in.
    let lifted = act(&app, &moderator, json!({"target_type": "user", "target_id": "spam_king", "action": "unsuspend", "reason": "Time served"})).await;
    assert_eq!(lifted.status, 201);
    assert_eq!(login(&app, "spam_king").await.status, 200);
    // A moderator cannot suspend themselves or another moderator (an admin can).
    let own = act(
        &app,
        &moderator,
        json!({"target_type": "user", "target_id": "mod_max", "action": "warn", "reason": "x"}),
    )
    .await;
    assert_eq!(own.status, 403);
    let by_admin = act(&app, &admin, json!({"target_type": "user", "target_id": "mod_max", "action": "suspend", "reason": "Abuse of power", "days": 1})).await;
    assert_eq!(by_admin.status, 201);
}

#[actix_web::test]
async fn spam_limits_answer_429_with_retry_after_and_new_accounts_get_less() {
    let app = TestApp::start_with(|c| {
        c.rate_limit = 1000;
        c.limits.notes_per_hour = 3;
        c.limits.comments_per_minute = 3;
        c.limits.follows_per_hour = 3;
        c.limits.reports_per_day = 3;
    })
    .await;
    let fresh = app.signup("fresh_account").await;
    let settled = app.signup("settled_account").await;
    {
        use diesel::prelude::*;
        let long_ago = sprout::db::now() - chrono::Duration::days(30);
        diesel::update(
            sprout::schema::users::table.filter(sprout::schema::users::username.eq("settled_account")),
        )
        .set((
            sprout::schema::users::created_at.eq(long_ago),
            sprout::schema::users::email_verified_at.eq(Some(long_ago)),
        ))
        .execute(&mut *app.state.pool.get().unwrap())
        .unwrap();
    }
    // Notes: three an hour for a settled account, one for a new one.
    for i in 0..3 {
        assert_eq!(app.post_note(&settled, &format!("Note {i}"), "", vec![jpeg(32, 32)]).await.status, 201);
    }
    let limited = app.post_note(&settled, "Note 4", "", vec![jpeg(32, 32)]).await;
    assert_eq!((limited.status, limited.error_code().as_str()), (429, "rate_limited"));
    let wait: u64 = limited.header("retry-after").parse().unwrap();
    assert!((3500..=3600).contains(&wait), "{wait}");
    assert!(limited.json()["error"]["message"].as_str().unwrap().contains("3 note(s) an hour"));
    assert_eq!(app.post_note(&fresh, "First", "", vec![jpeg(32, 32)]).await.status, 201);
    let young = app.post_note(&fresh, "Second", "", vec![jpeg(32, 32)]).await;
    assert_eq!(young.status, 429);
    assert!(young.text().contains("New accounts"), "{}", young.text());

    // Comments a minute, and the same words again and again.
    let note = app.get("/api/v1/explore").await.json()["items"][0]["id"].as_i64().unwrap();
    let comment = |token: &str, body: &str| {
        let (token, body) = (token.to_string(), body.to_string());
        let app = &app;
        async move {
            app.json("POST", &format!("/api/v1/notes/{note}/comments"), Some(&token), json!({"body": body}))
                .await
        }
    };
    assert_eq!(comment(&settled, "Great!").await.status, 201);
    assert_eq!(comment(&settled, "great!!").await.status, 201);
    let repeated = comment(&settled, "GREAT").await;
    assert_eq!(repeated.status, 422, "the same text a third time: {}", repeated.text());
    assert_eq!(comment(&settled, "Where did you buy it?").await.status, 201);
    let limited = comment(&settled, "One more thing").await;
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").parse::<u64>().unwrap() <= 60);

    // Follows an hour, and reports a day.
    let others: Vec<String> =
        ["follow_a", "follow_b", "follow_c", "follow_d"].iter().map(|n| n.to_string()).collect();
    for name in &others {
        app.signup(name).await;
    }
    for name in &others[..3] {
        assert_eq!(
            app.json("POST", &format!("/api/v1/users/{name}/follow"), Some(&settled), json!({})).await.status,
            200
        );
    }
    assert_eq!(
        app.json("POST", &format!("/api/v1/users/{}/follow", others[3]), Some(&settled), json!({}))
            .await
            .status,
        429
    );
    for name in &others[..3] {
        assert_eq!(report(&app, &settled, "user", json!(name), "spam").await.status, 201);
    }
    assert_eq!(report(&app, &settled, "user", json!(others[3]), "spam").await.status, 429);
}

#[actix_web::test]
async fn rate_limit_zero_turns_every_limit_off() {
    let app = TestApp::start_with(|c| {
        c.rate_limit = 0;
        c.limits.notes_per_hour = 1;
    })
    .await;
    let token = app.signup("loadtester").await;
    for i in 0..3 {
        assert_eq!(app.post_note(&token, &format!("Load {i}"), "", vec![jpeg(32, 32)]).await.status, 201);
    }
}

#[actix_web::test]
async fn blocked_words_hold_a_note_for_review_until_a_moderator_publishes_it() {
    let app = TestApp::start().await;
    let admin = app.signup("word_admin").await;
    grant(&app, "word_admin", false);
    let author = app.signup("word_author").await;
    let reader = app.signup("word_reader").await;
    assert_eq!(
        app.json("POST", "/api/v1/admin/blocked-words", Some(&reader), json!({"phrase": "x"})).await.status,
        403
    );
    let added = app
        .json("POST", "/api/v1/admin/blocked-words", Some(&admin), json!({"phrase": "  Miracle   CURE "}))
        .await;
    assert_eq!((added.status, added.json()["phrase"].as_str()), (201, Some("miracle cure")));
    let listed = app.get_as("/api/v1/admin/blocked-words", &admin).await.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.json("POST", "/api/v1/admin/blocked-words", Some(&admin), json!({"phrase": ""})).await.status,
        422
    );

    let held = app.post_note(&author, "This miracle cure for acne", "", vec![jpeg(32, 32)]).await;
    assert_eq!(held.status, 201, "{}", held.text());
    assert_eq!(held.json()["moderation"], "held");
    let id = held.json()["id"].as_i64().unwrap();
    let plain = app.note(&author, "A plain note").await["id"].as_i64().unwrap();
    assert!(!explore_has(&app.get("/api/v1/explore").await.json(), id), "held notes wait");
    assert!(explore_has(&app.get_as("/api/v1/explore", &author).await.json(), id), "its author sees it");
    assert_eq!(app.get_as(&format!("/api/v1/notes/{id}"), &reader).await.status, 404);
    search_finds(&app, "plain", plain, true).await;
    search_finds(&app, "acne", id, false).await;
    // A held comment is seen by its author only.
    let comment = app
        .json(
            "POST",
            &format!("/api/v1/notes/{plain}/comments"),
            Some(&reader),
            json!({"body": "Try this MIRACLE cure!"}),
        )
        .await;
    assert_eq!(comment.json()["moderation"], "held");
    let shown = app.get(&format!("/api/v1/notes/{plain}/comments")).await.text();
    assert!(!shown.contains("MIRACLE"), "{shown}");

    // In the queue as held automatically; a moderator publishes it.
    let queue = app.get_as("/api/v1/moderation/reports", &admin).await.json();
    let item =
        queue["items"].as_array().unwrap().iter().find(|i| i["target_type"] == "note").unwrap().clone();
    assert!(item["reports"][0]["details"].as_str().unwrap().contains("miracle cure"), "{item}");
    assert_eq!(item["reports"][0]["reporter"], Value::Null);
    let published = act(&app, &admin, json!({"target_type": "note", "target_id": id, "action": "restore", "reason": "Reviewed: a real review"})).await;
    assert_eq!(published.status, 201);
    assert!(explore_has(&app.get("/api/v1/explore").await.json(), id));
    search_finds(&app, "acne", id, true).await;
    let word = listed["items"][0]["id"].as_i64().unwrap();
    assert_eq!(app.delete(&format!("/api/v1/admin/blocked-words/{word}"), &admin).await.status, 204);
    // The list's own address takes DELETE too, naming the phrase.
    app.json("POST", "/api/v1/admin/blocked-words", Some(&admin), json!({"phrase": "fake cure"})).await;
    let gone = app
        .json("DELETE", "/api/v1/admin/blocked-words", Some(&admin), json!({"phrase": "Fake  Cure"}))
        .await;
    assert_eq!(gone.status, 204, "{}", gone.text());
    let again =
        app.json("DELETE", "/api/v1/admin/blocked-words", Some(&admin), json!({"phrase": "fake cure"})).await;
    assert_eq!(again.status, 404);
    assert_eq!(app.json("DELETE", "/api/v1/admin/blocked-words", Some(&reader), json!({})).await.status, 403);
    assert_eq!(
        app.post_note(&author, "Another miracle cure", "", vec![jpeg(32, 32)]).await.json()["moderation"],
        "visible"
    );
}

#[actix_web::test]
async fn notes_that_earn_from_or_work_for_a_tagged_brand_are_labelled_sponsored() {
    let app = TestApp::start().await;
    let owner = app.signup("brand_owner").await;
    let creator = app.signup("paid_creator").await;
    let fan = app.signup("plain_fan").await;
    app.json("POST", "/api/v1/brands", Some(&owner), json!({"name": "Glow", "slug": "glow"})).await;
    let product = |commission: i64| {
        let app = &app;
        let owner = owner.clone();
        async move {
            app.json(
                "POST",
                "/api/v1/brands/glow/products",
                Some(&owner),
                json!({"name": format!("Serum {commission}"), "price_cents": 5000, "currency": "CNY", "stock": 5, "commission_bps": commission}),
            )
            .await
            .json()["id"]
                .as_i64()
                .unwrap()
        }
    };
    let (paid, unpaid) = (product(800).await, product(0).await);
    let tagged = |token: &str, product: i64, title: &str| {
        let app = &app;
        let (token, title) = (token.to_string(), title.to_string());
        async move {
            let tags = json!([{"image": 0, "x": 0.5, "y": 0.5, "product_id": product}]).to_string();
            let res = app
                .multipart(
                    "/api/v1/notes",
                    Some(&token),
                    &[
                        text("title", title),
                        file("images", "a.jpg", jpeg(32, 32)),
                        text("product_tags", tags),
                    ],
                )
                .await;
            assert_eq!(res.status, 201, "{}", res.text());
            res.json()
        }
    };
    assert_eq!(tagged(&owner, unpaid, "Our new serum").await["sponsored"], true, "staff of the brand");
    assert_eq!(tagged(&creator, paid, "Serum I earn from").await["sponsored"], true, "earns a commission");
    let plain = tagged(&fan, unpaid, "Serum I just like").await;
    assert_eq!(plain["sponsored"], false);
    let id = plain["id"].as_i64().unwrap();
    // The author cannot set it themselves, and pages show the label.
    let edit =
        app.json("PATCH", &format!("/api/v1/notes/{id}"), Some(&fan), json!({"sponsored": true})).await;
    assert_eq!(edit.json()["sponsored"], false);
    let page = app.get("/").await.text();
    assert_eq!(page.matches("sponsored-label").count(), 2, "two sponsored cards on explore");
}

#[actix_web::test]
async fn the_admin_command_grants_the_moderator_role() {
    let app = TestApp::start().await;
    let token = app.signup("future_mod").await;
    assert_eq!(app.get_as("/api/v1/moderation/reports", &token).await.status, 403);
    let config = &app.state.config;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sprout"))
        .arg("--data-dir")
        .arg(&config.data_dir)
        .arg("--database-url")
        .arg(&config.database_url)
        .args(["admin", "grant", "future_mod", "--role", "moderator"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("future_mod is now a moderator"));
    assert_eq!(app.get_as("/api/v1/moderation/reports", &token).await.status, 200);
}

/// An appeal about a note its author has deleted since is still decided (found by the API
/// fuzzer: the decision's notification linked the deleted note and the database refused it).
#[actix_web::test]
async fn an_appeal_is_decided_after_its_note_was_deleted() {
    let app = TestApp::start().await;
    let author = app.signup("gone_author").await;
    let moderator = app.signup("mod_max").await;
    grant(&app, "mod_max", true);
    let note = app.note(&author, "Soon deleted").await["id"].as_i64().unwrap();
    let hidden = act(
        &app,
        &moderator,
        json!({"target_type": "note", "target_id": note, "action": "hide", "reason": "Misleading claims"}),
    )
    .await;
    assert_eq!(hidden.status, 201, "{}", hidden.text());
    let action = hidden.json()["id"].as_i64().unwrap();
    let appeal = app
        .json(
            "POST",
            &format!("/api/v1/moderation/actions/{action}/appeal"),
            Some(&author),
            json!({"text": "Fair?"}),
        )
        .await;
    assert_eq!(appeal.status, 201, "{}", appeal.text());
    assert_eq!(app.delete(&format!("/api/v1/notes/{note}"), &author).await.status, 204);
    let decide = format!("/api/v1/moderation/appeals/{}", appeal.json()["id"]);
    let decided = app.json("POST", &decide, Some(&moderator), json!({"decision": "upheld"})).await;
    assert_eq!(
        (decided.status, decided.json()["status"].as_str()),
        (200, Some("upheld")),
        "{}",
        decided.text()
    );
    let told = app.get_as("/api/v1/notifications", &author).await.json();
    assert!(told["items"].as_array().unwrap().iter().any(|n| n["kind"] == "appeal_decided"), "{told}");
}
