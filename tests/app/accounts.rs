use serde_json::json;

use crate::common::{file, text, TestApp};

#[actix_web::test]
async fn signup_gives_a_token_that_authenticates_and_logout_revokes_it() {
    let app = TestApp::start().await;
    let res = app
        .json(
            "POST",
            "/api/v1/auth/signup",
            None,
            json!({"username": "Lily_Chen", "email": "Lily@Example.com", "password": "sunscreen-2026"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let body = res.json();
    assert_eq!(body["user"]["username"], "lily_chen", "usernames are lowercase");
    assert_eq!(body["user"]["email"], "lily@example.com");
    assert!(body["user"].get("password_hash").is_none());
    let token = body["token"].as_str().unwrap();

    let me = app.get_as("/api/v1/me", token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["username"], "lily_chen");

    let out = app.json("POST", "/api/v1/auth/logout", Some(token), json!({})).await;
    assert_eq!(out.status, 204);
    let after = app.get_as("/api/v1/me", token).await;
    assert_eq!(after.status, 401);
    assert_eq!(after.error_code(), "unauthorized");
}

#[actix_web::test]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = TestApp::start().await;
    app.signup("mika").await;
    let mut conn = app.state.pool.get().unwrap();
    let user = sprout::accounts::queries::by_username(&mut conn, "mika").unwrap().unwrap();
    assert!(user.password_hash.starts_with("$argon2id$"));
    assert!(!user.password_hash.contains("correct horse"));
}

#[actix_web::test]
async fn login_works_by_username_or_email_and_refuses_wrong_passwords_alike() {
    let app = TestApp::start().await;
    app.signup("zoe").await;
    for login in ["zoe", "ZOE@example.com"] {
        let res = app
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": login, "password": "correct horse battery"}),
            )
            .await;
        assert_eq!(res.status, 200, "{login}: {}", res.text());
        assert_eq!(res.json()["user"]["username"], "zoe");
    }
    let wrong = app
        .json("POST", "/api/v1/auth/login", None, json!({"login": "zoe", "password": "wrong password"}))
        .await;
    let nobody = app
        .json("POST", "/api/v1/auth/login", None, json!({"login": "nobody", "password": "wrong password"}))
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(nobody.status, 401);
    assert_eq!(
        wrong.json()["error"]["message"],
        nobody.json()["error"]["message"],
        "no hint which accounts exist"
    );
}

#[actix_web::test]
async fn bad_signups_get_clear_errors_and_create_nothing() {
    let app = TestApp::start().await;
    app.signup("taken").await;
    let cases = [
        (json!({"username": "ab", "email": "a@example.com", "password": "long enough"}), 422, "username"),
        (
            json!({"username": "no spaces", "email": "a@example.com", "password": "long enough"}),
            422,
            "username",
        ),
        (json!({"username": "okname", "email": "not-an-email", "password": "long enough"}), 422, "email"),
        (json!({"username": "okname", "email": "a@example.com", "password": "short"}), 422, "password"),
        (json!({"username": "TAKEN", "email": "b@example.com", "password": "long enough"}), 409, ""),
        (json!({"username": "other", "email": "taken@example.com", "password": "long enough"}), 409, ""),
    ];
    for (body, status, field) in cases {
        let res = app.json("POST", "/api/v1/auth/signup", None, body.clone()).await;
        assert_eq!(res.status, status, "{body}: {}", res.text());
        let error = &res.json()["error"];
        assert!(!error["message"].as_str().unwrap().is_empty());
        if !field.is_empty() {
            assert_eq!(error["field"], field);
        }
    }
    let garbage = app.json("POST", "/api/v1/auth/signup", None, json!({"username": 5})).await;
    assert_eq!(garbage.status, 422);
    assert_eq!(app.count("users"), 1, "only the first signup exists");
}

#[actix_web::test]
async fn signup_and_login_are_rate_limited_per_ip() {
    let app = TestApp::start_with(|c| c.rate_limit = 3).await;
    for _ in 0..3 {
        let res =
            app.json("POST", "/api/v1/auth/login", None, json!({"login": "x", "password": "yyyyyyyy"})).await;
        assert_eq!(res.status, 401);
    }
    let limited =
        app.json("POST", "/api/v1/auth/login", None, json!({"login": "x", "password": "yyyyyyyy"})).await;
    assert_eq!(limited.status, 429);
    assert!(limited.json()["error"]["message"].as_str().unwrap().contains("try again in"));
    assert!(limited.header("retry-after").parse::<u64>().is_ok_and(|s| (1..=60).contains(&s)));
    let signup = app
        .json(
            "POST",
            "/api/v1/auth/signup",
            None,
            json!({"username": "late", "email": "late@example.com", "password": "long enough"}),
        )
        .await;
    assert_eq!(signup.status, 429);
    assert_eq!(app.count("users"), 0);
}

#[actix_web::test]
async fn browser_signup_login_logout_with_session_cookie() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    let res = visitor.sign_up("ana").await;
    assert_eq!(res.status, 303, "{}", res.text());
    let cookie = res
        .headers
        .get_all("set-cookie")
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("sprout_session="));
    let cookie = cookie.expect("session cookie set");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");

    let home = visitor.get("/").await.text();
    assert!(home.contains("Log out") && home.contains("href=\"/u/ana\""), "signed in: {home}");

    let csrf = visitor.csrf("/").await;
    let out = visitor.post_form("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    let home = visitor.get("/").await.text();
    assert!(home.contains("Log in") && !home.contains("Log out"));

    let csrf = visitor.csrf("/login").await;
    let bad =
        visitor.post_form("/login", &[("csrf", &csrf), ("login", "ana"), ("password", "nope nope")]).await;
    assert_eq!(bad.status, 401);
    assert!(bad.text().contains("do not match"), "the form says what went wrong");
    let good = visitor
        .post_form(
            "/login",
            &[
                ("csrf", &csrf),
                ("login", "ana@example.com"),
                ("password", "correct horse battery"),
                ("next", "/u/ana"),
            ],
        )
        .await;
    assert_eq!(good.status, 303);
    assert_eq!(good.header("location"), "/u/ana");
}

#[actix_web::test]
async fn forms_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    visitor.get("/signup").await;
    let res = visitor
        .post_form(
            "/signup",
            &[
                ("csrf", "forged"),
                ("username", "eve"),
                ("email", "eve@example.com"),
                ("password", "long enough"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.text().contains("expired"));
    assert_eq!(app.count("users"), 0);
    // Another site cannot read the token, and a token from one visitor does not work for another.
    let mut other = app.visitor();
    let their_token = other.csrf("/signup").await;
    let res = visitor
        .post_form(
            "/signup",
            &[
                ("csrf", &their_token),
                ("username", "eve"),
                ("email", "eve@example.com"),
                ("password", "long enough"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(app.count("users"), 0);
}

#[actix_web::test]
async fn login_next_never_leaves_the_site() {
    let app = TestApp::start().await;
    app.signup("sam").await;
    let mut visitor = app.visitor();
    let csrf = visitor.csrf("/login").await;
    let res = visitor
        .post_form(
            "/login",
            &[
                ("csrf", &csrf),
                ("login", "sam"),
                ("password", "correct horse battery"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), "/");
}

#[actix_web::test]
async fn profile_edit_changes_name_bio_and_avatar() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    visitor.sign_up("yuki").await;
    let csrf = visitor.csrf("/settings/profile").await;
    let res = visitor
        .post_multipart(
            "/settings/profile",
            &[
                text("csrf", csrf.clone()),
                text("display_name", "Yuki 🏡"),
                text("bio", "Small flat, big ideas."),
                file("avatar", "me.jpg", crate::common::jpeg(300, 300)),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let profile = app.get("/api/v1/users/yuki").await.json();
    assert_eq!(profile["display_name"], "Yuki 🏡");
    assert_eq!(profile["bio"], "Small flat, big ideas.");
    let avatar = profile["avatar_url"].as_str().expect("avatar set");
    assert_eq!(app.get(avatar).await.status, 200);
    let page = visitor.get("/u/yuki").await.text();
    assert!(page.contains("Yuki 🏡") && page.contains("Small flat, big ideas."));

    // A bad avatar is refused with a message and leaves the profile as it was.
    let res = visitor
        .post_multipart(
            "/settings/profile",
            &[
                text("csrf", csrf),
                text("display_name", "Changed"),
                text("bio", ""),
                file("avatar", "x.jpg", b"not a photo".to_vec()),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("JPEG, PNG, WebP or GIF"));
    assert_eq!(app.get("/api/v1/users/yuki").await.json()["display_name"], "Yuki 🏡");

    let api =
        app.json("PATCH", "/api/v1/me", Some(&app.signup("kai").await), json!({"bio": "Runs daily."})).await;
    assert_eq!(api.status, 200);
    assert_eq!(api.json()["bio"], "Runs daily.");
}

#[actix_web::test]
async fn pages_that_need_a_login_send_visitors_to_log_in_and_back() {
    let app = TestApp::start().await;
    let res = app.get("/notes/new").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), "/login?next=/notes/new");
}
