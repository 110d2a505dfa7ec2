//! What is kept for a second (`sprout::web::fresh`): the explore page that signed-out visitors
//! share, the views of notes, and the views counted in memory. Whatever is kept, each visitor
//! gets their own working forms, and a change through this node shows on the next load.

use serde_json::json;

use crate::common::TestApp;

/// The CSRF token of the page's first form.
fn token_in(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + 19;
    page[at..at + page[at..].find('"').unwrap()].to_string()
}

#[actix_web::test]
async fn every_visitor_of_the_shared_explore_page_gets_forms_that_work_for_them() {
    let app = TestApp::start().await;
    let author = app.signup("poster").await;
    app.note(&author, "Sunscreen that does not sting").await;
    let (mut first, mut second) = (app.visitor(), app.visitor());
    let page_one = first.get("/").await.text();
    let page_two = second.get("/").await.text();
    assert!(
        page_one.contains("Sunscreen that does not sting")
            && page_two.contains("Sunscreen that does not sting")
    );
    let (one, two) = (token_in(&page_one), token_in(&page_two));
    assert_ne!(one, two, "each visitor's own token, not the first visitor's");
    // The second visitor's language switch, from the shared page, is accepted; the first
    // visitor's token is not the second's.
    let refused = second.post_form("/lang", &[("csrf", &one), ("lang", "zh-CN"), ("next", "/")]).await;
    assert_eq!(refused.status, 403);
    let switched = second.post_form("/lang", &[("csrf", &two), ("lang", "zh-CN"), ("next", "/")]).await;
    assert_eq!(switched.status, 303);
    let chinese = second.get("/").await.text();
    assert!(chinese.contains("<html lang=\"zh-CN\">"), "the page in the visitor's language");
    assert!(first.get("/").await.text().contains("<html lang=\"en\">"), "and still in English for the other");
}

#[actix_web::test]
async fn a_new_note_a_like_and_a_hidden_note_show_on_the_next_load() {
    let app = TestApp::start().await;
    let author = app.signup("fresh_author").await;
    let reader = app.signup("fresh_reader").await;
    let moderator = app.signup("fresh_mod").await;
    sprout::accounts::service::grant_moderator(&mut app.state.pool.get().unwrap(), "fresh_mod").unwrap();
    let first = app.note(&author, "Zesty toner review").await["id"].as_i64().unwrap();
    let mut visitor = app.visitor();
    assert!(visitor.get("/?sort=new").await.text().contains("Zesty toner review"));

    app.note(&author, "Second bottle of toner").await;
    let page = visitor.get("/?sort=new").await.text();
    assert!(page.contains("Second bottle of toner"), "a note posted now is on the next page load");

    let liked = app.json("POST", &format!("/api/v1/notes/{first}/like"), Some(&reader), json!({})).await;
    assert!(liked.status < 300, "{}", liked.text());
    let explore = app.get("/api/v1/explore?sort=new").await.json();
    let card = explore["items"].as_array().unwrap().iter().find(|n| n["id"] == first).unwrap().clone();
    assert_eq!(card["like_count"], 1, "the like counts at once");

    let hidden = app
        .json(
            "POST",
            "/api/v1/moderation/actions",
            Some(&moderator),
            json!({"target_type": "note", "target_id": first, "action": "hide", "reason": "Paid review"}),
        )
        .await;
    assert!(hidden.status < 300, "{}", hidden.text());
    let page = visitor.get("/?sort=new").await.text();
    assert!(!page.contains("Zesty toner review"), "a hidden note leaves the page at once");
    assert!(page.contains("Second bottle of toner"));
}

#[actix_web::test]
async fn views_counted_in_memory_are_on_the_dashboard_when_it_is_read() {
    let app = TestApp::start().await;
    let brand = app.signup("view_brand").await;
    let creator = app.signup("view_creator").await;
    let product = crate::shop::brand_and_product(&app, &brand, "view-brand", 5, 900).await;
    let note =
        crate::shop::tagged_note(&app, &creator, "Worth a look", product).await["id"].as_i64().unwrap();
    let mut reader = app.visitor();
    for _ in 0..3 {
        assert_eq!(reader.get(&format!("/notes/{note}")).await.status, 200);
    }
    let stats = app.get_as("/api/v1/creators/me/stats", &creator).await.json();
    assert_eq!(stats["totals"]["views"], 3, "{stats}");
    let brand_stats = app.get_as("/api/v1/brands/view-brand/stats", &brand).await.json();
    assert_eq!(brand_stats["totals"]["views"], 3, "{brand_stats}");
}
