//! Discovery: full-text search in Chinese and English, the query syntax, filters, suggestions,
//! the outbox that keeps the index current, and the ranked explore feed.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{file, jpeg, text, TestApp};

/// Posts a note with `body` and `hashtags`; returns its id.
async fn post(app: &TestApp, token: &str, title: &str, body: &str, hashtags: &str) -> i64 {
    let parts = [
        text("title", title),
        text("body", body),
        text("hashtags", hashtags),
        file("images", "p.jpg", jpeg(32, 32)),
    ];
    let res = app.multipart("/api/v1/notes", Some(token), &parts).await;
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["id"].as_i64().unwrap()
}

fn ids(res: &Value) -> Vec<i64> {
    res["items"].as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()).collect()
}

async fn search(app: &TestApp, query: &str) -> Value {
    let res = app.get(&format!("/api/v1/search?q={}", sprout::web::auth::percent_encode(query))).await;
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

/// Waits until `query` finds exactly `expected` (in any order); returns how long it took.
async fn until_found(app: &TestApp, query: &str, expected: &[i64]) -> Duration {
    let started = Instant::now();
    loop {
        let mut found = ids(&search(app, query).await);
        found.sort();
        let mut want = expected.to_vec();
        want.sort();
        if found == want {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(5), "{query:?} found {found:?}, expected {want:?}");
        actix_web::rt::time::sleep(Duration::from_millis(10)).await;
    }
}

#[actix_web::test]
async fn new_notes_are_searchable_within_a_second_and_deleted_ones_vanish() {
    let app = TestApp::start().await;
    let token = app.signup("fast").await;
    let id = post(&app, &token, "Matcha whisk", "Bamboo whisk for ceremonial matcha", "").await;
    let took = until_found(&app, "matcha", &[id]).await;
    assert!(took < Duration::from_secs(1), "searchable after {took:?}");

    let res = app
        .json(
            "PATCH",
            &format!("/api/v1/notes/{id}"),
            Some(&token),
            serde_json::json!({"body": "A chasen for hojicha"}),
        )
        .await;
    assert_eq!(res.status, 200);
    until_found(&app, "hojicha", &[id]).await;
    until_found(&app, "ceremonial", &[]).await;

    assert_eq!(app.delete(&format!("/api/v1/notes/{id}"), &token).await.status, 204);
    let gone = until_found(&app, "matcha", &[]).await;
    assert!(gone < Duration::from_secs(1), "gone after {gone:?}");
}

#[actix_web::test]
async fn english_words_match_by_stem_and_despite_a_typo() {
    let app = TestApp::start().await;
    let token = app.signup("beauty").await;
    let lipstick =
        post(&app, &token, "My everyday lipstick", "A creamy lipstick that lasts all day", "makeup").await;
    let sunscreen = post(&app, &token, "Light sunscreen", "No white cast on oily skin", "skincare").await;
    let unrelated = post(&app, &token, "Rain boots", "Dry feet all autumn", "shoes").await;
    // The outbox is applied in order: once the last note is found, all are indexed.
    until_found(&app, "boots", &[unrelated]).await;
    assert_eq!(ids(&search(&app, "lipsticks").await), vec![lipstick], "plural finds singular");
    assert_eq!(ids(&search(&app, "lipstik").await), vec![lipstick], "a typo still finds it");
    assert_eq!(ids(&search(&app, "sunscren").await), vec![sunscreen]);
    assert_eq!(ids(&search(&app, "SUNSCREEN oily").await), vec![sunscreen]);
    assert!(!ids(&search(&app, "sunscreen").await).contains(&unrelated));
    let res = search(&app, "sunscreen").await;
    assert_eq!(res["total"], 1);
    let item = &res["items"][0];
    assert_eq!(item["title"], "Light sunscreen");
    assert_eq!(item["author"]["username"], "beauty");
    assert!(item["cover"]["url"].as_str().unwrap().starts_with("/media/"));
}

#[actix_web::test]
async fn chinese_is_searched_by_words_not_characters() {
    let app = TestApp::start().await;
    let token = app.signup("hongse").await;
    let lipstick = post(&app, &token, "这支口红很适合黄皮", "颜色很显白，质地滋润", "口红").await;
    let bag = post(&app, &token, "口袋很大的红色包", "装得下很多东西", "包包").await;
    until_found(&app, "装得下", &[bag]).await;
    assert_eq!(ids(&search(&app, "口红").await), vec![lipstick], "口 and 红 in another note do not match");
    assert_eq!(ids(&search(&app, "黄皮 口红").await), vec![lipstick]);
    assert_eq!(ids(&search(&app, "红色").await), vec![bag]);
    let snippet = search(&app, "滋润").await["items"][0]["snippet"].as_str().unwrap().to_string();
    assert!(snippet.contains("<mark>滋润</mark>"), "{snippet}");
}

#[actix_web::test]
async fn snippets_mark_hits_and_escape_everything_else() {
    let app = TestApp::start().await;
    let token = app.signup("marker").await;
    post(&app, &token, "Serum", "The <b>best</b> serum & toner duo for dry skin", "").await;
    until_found(&app, "serum", &[1]).await;
    let snippet = search(&app, "serum").await["items"][0]["snippet"].as_str().unwrap().to_string();
    assert!(snippet.contains("<mark>serum</mark>"), "{snippet}");
    assert!(snippet.contains("&lt;b&gt;best&lt;/b&gt;") && snippet.contains("&amp;"), "{snippet}");
    assert!(!snippet.contains("<b>"));
}

#[actix_web::test]
async fn query_syntax_hashtags_authors_phrases_and_exclusions() {
    let app = TestApp::start().await;
    let ann = app.signup("ann").await;
    let bo = app.signup("bob").await;
    let a1 = post(&app, &ann, "Matte lipstick", "Dry matte finish", "makeup").await;
    let a2 = post(&app, &ann, "Glossy lipstick", "Shiny and wet look, not matte at all", "makeup").await;
    let b1 = post(&app, &bo, "Lipstick for work", "Subtle nude lipstick", "office").await;
    until_found(&app, "lipstick", &[a1, a2, b1]).await;
    let mut found = ids(&search(&app, "#makeup").await);
    found.sort();
    assert_eq!(found, vec![a1, a2]);
    assert_eq!(ids(&search(&app, "lipstick from:bob").await), vec![b1]);
    assert_eq!(ids(&search(&app, "\"matte finish\"").await), vec![a1]);
    let mut without_matte = ids(&search(&app, "lipstick -matte").await);
    without_matte.sort();
    assert_eq!(without_matte, vec![b1]);
    let filtered = app.get("/api/v1/search?q=lipstick&tag=office").await.json();
    assert_eq!(ids(&filtered), vec![b1]);
    let by_author = app.get("/api/v1/search?q=lipstick&author=ann&sort=new").await.json();
    assert_eq!(ids(&by_author), vec![a2, a1], "newest first");
    let recent = app.get("/api/v1/search?q=lipstick&within=day").await.json();
    assert_eq!(recent["total"], 3);
    assert_eq!(app.get("/api/v1/search?q=x&type=planets").await.status, 422);
}

#[actix_web::test]
async fn any_word_is_enough_when_no_note_has_all_of_them() {
    let app = TestApp::start().await;
    let token = app.signup("fallback").await;
    let id = post(&app, &token, "Wool scarf", "Warm and soft", "").await;
    until_found(&app, "scarf", &[id]).await;
    assert_eq!(ids(&search(&app, "scarf unicorns").await), vec![id]);
}

#[actix_web::test]
async fn search_pages_through_results_with_a_cursor() {
    let app = TestApp::start().await;
    let token = app.signup("pager").await;
    let mut all = Vec::new();
    for i in 0..5 {
        all.push(post(&app, &token, &format!("Candle {i}"), "Soy candle", "").await);
    }
    until_found(&app, "candle", &all).await;
    let first = app.get("/api/v1/search?q=candle&limit=3").await.json();
    assert_eq!(first["total"], 5);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app.get(&format!("/api/v1/search?q=candle&limit=3&cursor={cursor}")).await.json();
    assert!(second["next_cursor"].is_null());
    let mut seen = [ids(&first), ids(&second)].concat();
    seen.sort();
    assert_eq!(seen, all);
}

#[actix_web::test]
async fn people_and_hashtags_are_found_and_suggested() {
    let app = TestApp::start().await;
    let token = app.signup("sunny_days").await;
    app.signup("sunflower").await;
    app.signup("moon").await;
    post(&app, &token, "Hat", "Straw hat #sunhat", "summer").await;
    post(&app, &token, "Cap", "Cap #sunhat", "").await;
    let users = app.get("/api/v1/search?type=users&q=sun").await.json();
    let names: Vec<&str> =
        users["items"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["sunflower", "sunny_days"]);
    let tags = app.get("/api/v1/search?type=hashtags&q=sun").await.json();
    assert_eq!(tags["items"][0]["name"], "sunhat");
    assert_eq!(tags["items"][0]["note_count"], 2);

    let started = Instant::now();
    let suggest = app.get("/api/v1/search/suggest?q=su").await;
    assert!(started.elapsed() < Duration::from_millis(500));
    let suggest = suggest.json();
    let tag_names: Vec<&str> =
        suggest["hashtags"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tag_names, vec!["sunhat", "summer"], "most used first");
    assert_eq!(suggest["users"].as_array().unwrap().len(), 2);
    let empty = app.get("/api/v1/search/suggest?q=").await.json();
    assert!(empty["hashtags"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn the_search_page_shows_highlighted_results_people_and_tags() {
    let app = TestApp::start().await;
    let token = app.signup("kettle_fan").await;
    let id = post(&app, &token, "Gooseneck kettle", "Pour-over needs a gooseneck kettle", "coffee").await;
    until_found(&app, "kettle", &[id]).await;
    let page = app.get("/search?q=kettle").await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("1 note") && html.contains("<mark>kettle</mark>"), "{html}");
    assert!(html.contains("@kettle_fan"), "matching people are listed");
    let none = app.get("/search?q=zzzzqqq").await.text();
    assert!(none.contains("No notes match"));
    let users_tab = app.get("/search?type=users&q=kettle").await.text();
    assert!(users_tab.contains("href=\"/u/kettle_fan\""));
    let home = app.get("/").await.text();
    assert!(home.contains("action=\"/search\""), "a search box on every page");
}

#[actix_web::test]
async fn a_write_in_the_database_reaches_the_index_through_the_outbox() {
    let app = TestApp::start().await;
    app.signup("direct").await;
    // As if another process (an import, a second app server) wrote the note: no poke, only
    // the outbox row written in the same transaction.
    let mut conn = app.state.pool.get().unwrap();
    let user = sprout::accounts::queries::by_username(&mut conn, "direct").unwrap().unwrap();
    let photo = sprout::media::process_upload(&jpeg(20, 20)).unwrap();
    let text = sprout::notes::service::NoteText {
        title: "Outbox teapot".into(),
        body: "Cast iron".into(),
        hashtags: String::new(),
    };
    let new = [sprout::notes::service::NewPhoto { photo, alt: String::new() }];
    let id = sprout::notes::service::create(&mut conn, &app.state.media, &user, &text, &new).unwrap();
    drop(conn);
    let took = until_found(&app, "teapot", &[id.0]).await;
    assert!(took < Duration::from_secs(2), "polled within {took:?}");
    assert_eq!(app.count("search_outbox"), 0, "applied entries are cleared");
}

#[actix_web::test]
async fn a_missing_or_damaged_index_is_rebuilt_from_the_database() {
    let app = TestApp::start().await;
    let token = app.signup("rebuild").await;
    for i in 0..3 {
        post(&app, &token, &format!("Vase {i}"), "Ceramic", "").await;
    }
    let elsewhere = app.dir.path().join("index-copy");
    let index = sprout::search::index::SearchIndex::open(&elsewhere).unwrap();
    assert!(index.take_rebuild_flag(), "a new index asks to be rebuilt");
    let mut conn = app.state.pool.get().unwrap();
    assert_eq!(index.rebuild(&mut conn, |_, _| {}).unwrap(), 3);
    assert_eq!(index.num_docs(), 3);
    drop(index);

    std::fs::write(elsewhere.join("meta.json"), b"{ not json").unwrap();
    let damaged = sprout::search::index::SearchIndex::open(&elsewhere).unwrap();
    assert!(damaged.take_rebuild_flag(), "a damaged index is rebuilt");
    drop(damaged);
    std::fs::write(elsewhere.join("sprout-schema-version"), b"0").unwrap();
    let old = sprout::search::index::SearchIndex::open(&elsewhere).unwrap();
    assert!(old.take_rebuild_flag(), "an index of an older schema is rebuilt");
    assert_eq!(old.num_docs(), 0);
}

/// Sets a note's likes and age as issue-5 likes will, keeping the hot score in step.
fn set_engagement(app: &TestApp, id: i64, likes: i64, days_ago: i64) {
    use diesel::prelude::*;
    use sprout::schema::notes;
    let mut conn = app.state.pool.get().unwrap();
    let created = sprout::db::now() - chrono::Duration::days(days_ago);
    let hot = sprout::notes::ranking::hot_score(created, likes, 0, 0);
    diesel::update(notes::table.find(sprout::db::NoteId(id)))
        .set((notes::like_count.eq(likes), notes::created_at.eq(created), notes::hot_score.eq(hot)))
        .execute(&mut *conn)
        .unwrap();
}

#[actix_web::test]
async fn explore_ranks_hot_new_and_top_this_week() {
    let app = TestApp::start().await;
    let token = app.signup("ranker").await;
    let popular_old = post(&app, &token, "Popular but two days old", "", "").await;
    let quiet_new = post(&app, &token, "Quiet and new", "", "").await;
    let liked_last_month = post(&app, &token, "Liked last month", "", "").await;
    set_engagement(&app, popular_old, 10_000, 2);
    set_engagement(&app, quiet_new, 0, 0);
    set_engagement(&app, liked_last_month, 50_000, 30);
    let order = |v: Value| ids(&v);
    // 10,000 likes ≈ 4 × 12.5 h ≈ 2.1 days of freshness: enough to beat a brand-new quiet note.
    assert_eq!(
        order(app.get("/api/v1/explore").await.json()),
        vec![popular_old, quiet_new, liked_last_month]
    );
    assert_eq!(
        order(app.get("/api/v1/explore?sort=new").await.json()),
        vec![quiet_new, popular_old, liked_last_month]
    );
    assert_eq!(order(app.get("/api/v1/explore?sort=top_week").await.json()), vec![popular_old, quiet_new]);
    // Cursors follow the chosen order.
    let first = app.get("/api/v1/explore?sort=hot&limit=1").await.json();
    let next = first["next_cursor"].as_str().unwrap();
    let second = app.get(&format!("/api/v1/explore?sort=hot&limit=1&cursor={next}")).await.json();
    assert_eq!(ids(&second), vec![quiet_new]);
    // A page of the hot ordering does not exist in the newest-first one.
    assert_eq!(app.get(&format!("/api/v1/explore?sort=new&cursor={next}")).await.status, 404);

    let about = app.get("/about/ranking").await.text();
    assert!(about.contains("log10(1 + engagement)") && about.contains("45000"));
    assert!(app.get("/").await.text().contains("href=\"/about/ranking\""));
}

#[actix_web::test]
async fn tag_pages_show_related_tags() {
    let app = TestApp::start().await;
    let token = app.signup("tagpage").await;
    post(&app, &token, "Tent", "", "camping hiking").await;
    post(&app, &token, "Stove", "", "camping cooking").await;
    post(&app, &token, "Boots", "", "camping hiking").await;
    let page = app.get("/tags/camping").await.text();
    assert!(page.contains("3 notes"));
    let hiking = page.find("#hiking").expect("related tag hiking");
    let cooking = page.find("#cooking").expect("related tag cooking");
    assert!(hiking < cooking, "the tag seen together more often comes first");
}

#[actix_web::test]
async fn renaming_an_author_updates_what_their_notes_are_found_by() {
    let app = TestApp::start().await;
    let token = app.signup("renamer").await;
    let id = post(&app, &token, "Desk lamp", "Warm light", "").await;
    until_found(&app, "lamp", &[id]).await;
    let res = app
        .json("PATCH", "/api/v1/me", Some(&token), serde_json::json!({"display_name": "Lumière Studio"}))
        .await;
    assert_eq!(res.status, 200);
    until_found(&app, "studio", &[id]).await;
}

#[actix_web::test]
async fn search_leaves_out_notes_of_people_blocked_either_way() {
    let app = TestApp::start().await;
    let blocker = app.signup("quiet_one").await;
    let pest = app.signup("loud_one").await;
    let mine = post(&app, &blocker, "Matcha latte at home", "Whisk the matcha first.", "matcha").await;
    let theirs = post(&app, &pest, "Matcha soft serve", "The matcha ice cream in Uji.", "matcha").await;
    until_found(&app, "matcha", &[mine, theirs]).await;
    assert_eq!(ids(&app.get_as("/api/v1/search?q=matcha", &blocker).await.json()).len(), 2);

    assert_eq!(
        app.json("POST", "/api/v1/users/loud_one/block", Some(&blocker), serde_json::json!({})).await.status,
        200
    );
    let seen = app.get_as("/api/v1/search?q=matcha", &blocker).await.json();
    assert_eq!(
        (ids(&seen), seen["total"].as_i64()),
        (vec![mine], Some(1)),
        "the blocker no longer sees them"
    );
    assert_eq!(
        ids(&app.get_as("/api/v1/search?q=matcha", &pest).await.json()),
        vec![theirs],
        "nor they the blocker"
    );
    assert_eq!(ids(&search(&app, "matcha").await).len(), 2, "everyone else sees both");

    // The search page too.
    let mut page_visitor = app.visitor();
    let csrf = page_visitor.csrf("/login").await;
    page_visitor
        .post_form(
            "/login",
            &[("csrf", &csrf), ("login", "quiet_one"), ("password", "correct horse battery")],
        )
        .await;
    let page = page_visitor.get("/search?q=matcha").await.text();
    assert!(page.contains("Matcha latte at home") && !page.contains("Matcha soft serve"), "{page}");
}

#[actix_web::test]
async fn a_word_in_too_many_notes_to_count_shows_an_estimate_and_says_about() {
    let app = TestApp::start().await;
    // 20,001 notes with "teapot" (past what is counted exactly), ten of them with "spout" too.
    let lines: String = (0..20_001)
        .map(|i| {
            let body = if i % 2_000 == 0 { "A teapot with a long spout" } else { "A teapot" };
            format!("{{\"author\": \"potter\", \"title\": \"Teapot {i}\", \"body\": \"{body}\"}}\n")
        })
        .collect();
    let mut conn = app.state.pool.get().unwrap();
    let report =
        sprout::notes::import::import_notes(&mut conn, &app.state.media, lines.as_bytes(), |_| {}).unwrap();
    assert_eq!(report.imported, 20_001, "{:?}", report.skipped);
    drop(conn);
    app.state.search_changed();
    let started = Instant::now();
    while app.state.search.index.num_docs() < 20_001 {
        assert!(started.elapsed() < Duration::from_secs(120), "the import is never indexed");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }

    let common = search(&app, "teapot").await;
    assert_eq!(common["total"], 20_001);
    assert_eq!(common["total_is_estimate"], true, "{common}");
    let rare = search(&app, "spout").await;
    assert_eq!((rare["total"].as_i64(), rare["total_is_estimate"].as_bool()), (Some(11), Some(false)));

    let page = app.get("/search?q=teapot").await.text();
    assert!(page.contains("about 20,001 notes"), "{page}");
    let exact = app.get("/search?q=spout").await.text();
    assert!(exact.contains("11 notes") && !exact.contains("about 11"), "{exact}");
    let zh = app.get_with("/search?q=teapot", &[("Accept-Language", "zh-CN")]).await.text();
    assert!(zh.contains("约 20,001 篇笔记"), "{zh}");
}
