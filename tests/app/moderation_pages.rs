//! Moderation through plain pages, without JavaScript: a suspended member's login page and
//! appeal, the admins' blocked-words page, and a report sent twice.

use serde_json::json;

use crate::common::{TestApp, Visitor};

async fn logged_in<'a>(app: &'a TestApp, username: &str) -> (Visitor<'a>, crate::common::Resp) {
    let mut visitor = app.visitor();
    let csrf = visitor.csrf("/login").await;
    let res = visitor
        .post_form("/login", &[("csrf", &csrf), ("login", username), ("password", "correct horse battery")])
        .await;
    (visitor, res)
}

#[actix_web::test]
async fn a_suspended_member_is_told_until_when_and_appeals_from_the_login_page() {
    let app = TestApp::start().await;
    app.signup("banned_bo").await;
    let admin = app.signup("page_admin").await;
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), "page_admin").unwrap();
    let suspended = app
        .json(
            "POST",
            "/api/v1/moderation/actions",
            Some(&admin),
            json!({"target_type": "user", "target_id": "banned_bo", "action": "suspend", "reason": "Selling fakes"}),
        )
        .await;
    assert_eq!(suspended.status, 201, "{}", suspended.text());

    let (mut visitor, res) = logged_in(&app, "banned_bo").await;
    assert_eq!(res.status, 403);
    let page = res.text();
    assert!(page.contains("Your account is suspended") && page.contains("suspended for good"), "{page}");
    assert!(!visitor.cookies.contains_key("sprout_session"), "no session is started");
    let token = {
        let marker = "name=\"appeal_token\" value=\"";
        let at = page.find(marker).unwrap() + marker.len();
        page[at..at + page[at..].find('"').unwrap()].to_string()
    };
    let action = suspended.json()["id"].as_i64().unwrap().to_string();
    let csrf = visitor.csrf("/login").await;
    let empty = visitor
        .post_form(
            "/appeals",
            &[("csrf", &csrf), ("action_id", &action), ("appeal_token", &token), ("text", " ")],
        )
        .await;
    assert_eq!(empty.status, 422, "an appeal needs words");
    let sent = visitor
        .post_form(
            "/appeals",
            &[("csrf", &csrf), ("action_id", &action), ("appeal_token", &token), ("text", "Those were real")],
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.text());
    assert!(sent.text().contains("Your appeal is in"));
    let again = visitor
        .post_form(
            "/appeals",
            &[("csrf", &csrf), ("action_id", &action), ("appeal_token", &token), ("text", "Again")],
        )
        .await;
    assert_eq!(again.status, 409, "once only");
    let forged = app
        .visitor()
        .post_form(
            "/appeals",
            &[("csrf", &csrf), ("action_id", &action), ("appeal_token", "made-up"), ("text", "x")],
        )
        .await;
    assert_eq!(forged.status, 403, "a form without the visitor's own CSRF cookie");
}

#[actix_web::test]
async fn admins_keep_the_blocked_words_list_on_a_page() {
    let app = TestApp::start().await;
    app.signup("words_admin").await;
    sprout::accounts::service::grant_admin(&mut app.state.pool.get().unwrap(), "words_admin").unwrap();
    app.signup("words_member").await;
    let (mut member, _) = logged_in(&app, "words_member").await;
    assert_eq!(member.get("/admin/blocked-words").await.status, 403);
    assert_eq!(member.get("/moderation").await.status, 403);

    let (mut admin, _) = logged_in(&app, "words_admin").await;
    let csrf = admin.csrf("/admin/blocked-words").await;
    let res = admin.post_form("/admin/blocked-words", &[("csrf", &csrf), ("phrase", "Replica Watch")]).await;
    assert_eq!((res.status, res.header("location").as_str()), (303, "/admin/blocked-words"));
    let page = admin.get("/admin/blocked-words").await.text();
    assert!(page.contains("replica watch"), "{page}");
    let too_long =
        admin.post_form("/admin/blocked-words", &[("csrf", &csrf), ("phrase", &"x".repeat(101))]).await;
    assert_eq!(too_long.status, 422);
    assert!(too_long.text().contains("1 to 100 characters"));
    let id = page.split("/admin/blocked-words/").nth(1).unwrap().split('/').next().unwrap().to_string();
    let res = admin.post_form(&format!("/admin/blocked-words/{id}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    assert!(admin.get("/admin/blocked-words").await.text().contains("The list is empty."));
    // The queue page works without JavaScript too.
    assert!(admin.get("/moderation").await.text().contains("No open reports."));
}

#[actix_web::test]
async fn reporting_from_a_page_twice_files_one_report() {
    let app = TestApp::start().await;
    let author = app.signup("page_author").await;
    let note = app.note(&author, "A note to report").await["id"].as_i64().unwrap();
    app.signup("page_reporter").await;
    let (mut reporter, _) = logged_in(&app, "page_reporter").await;
    let form = format!("/report?target_type=note&target_id={note}");
    let page = reporter.get(&form).await.text();
    assert!(page.contains("Report this note") && page.contains("Undisclosed ad"), "{page}");
    let csrf = reporter.csrf(&form).await;
    let note_id = note.to_string();
    let fields =
        [("csrf", csrf.as_str()), ("target_type", "note"), ("target_id", &note_id), ("reason", "spam")];
    for _ in 0..2 {
        let res = reporter.post_form("/report", &fields).await;
        assert_eq!(res.status, 200);
        assert!(res.text().contains("Thank you"));
    }
    assert_eq!(app.count("reports"), 1);
    let res = reporter
        .post_form(
            "/report",
            &[("csrf", &csrf), ("target_type", "note"), ("target_id", &note_id), ("reason", "")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("Choose a reason"));
    // Signed-out visitors are sent to log in first.
    assert_eq!(app.get(&form).await.status, 303);
}
