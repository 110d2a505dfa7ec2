use serde_json::{json, Value};

use crate::common::{file, jpeg, text, TestApp};

#[actix_web::test]
async fn posting_a_note_stores_photos_alt_text_and_hashtags() {
    let app = TestApp::start().await;
    let token = app.signup("lily").await;
    let res = app
        .multipart(
            "/api/v1/notes",
            Some(&token),
            &[
                text("title", "Sunscreen that works on oily skin"),
                text("body", "No white cast at all. #SPF50 #夏天"),
                text("hashtags", "skincare, #Sunscreen"),
                file("images", "front.jpg", jpeg(2000, 1500)),
                text("alt", "The tube, front"),
                file("images", "back.jpg", jpeg(600, 800)),
                text("alt", "The tube, back"),
            ],
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let note = res.json();
    let id = note["id"].as_i64().unwrap();
    assert_eq!(res.header("location"), format!("/notes/{id}"));
    assert_eq!(note["url"], format!("/notes/{id}"));
    assert_eq!(note["title"], "Sunscreen that works on oily skin");
    assert_eq!(note["author"]["username"], "lily");
    let mut tags: Vec<&str> =
        note["hashtags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    tags.sort();
    assert_eq!(tags, vec!["skincare", "spf50", "sunscreen", "夏天"]);
    let images = note["images"].as_array().unwrap();
    assert_eq!(images.len(), 2);
    assert_eq!(
        (images[0]["width"].as_i64(), images[0]["height"].as_i64()),
        (Some(1440), Some(1080)),
        "scaled to the full size"
    );
    assert_eq!(images[0]["alt"], "The tube, front");
    assert_eq!(images[1]["alt"], "The tube, back");
    assert!(note["created_at"].as_str().unwrap().ends_with('Z'));

    let photo = app.get(images[0]["url"].as_str().unwrap()).await;
    assert_eq!(photo.status, 200);
    assert_eq!(&photo.body[..2], &[0xFF, 0xD8], "a JPEG");
    assert!(photo.header("cache-control").contains("max-age=31536000"));
    let decoded = image::load_from_memory(&photo.body).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1440, 1080), "width/height are the real pixel size");

    let again = app.get(&format!("/api/v1/notes/{id}")).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["title"], note["title"]);
}

#[actix_web::test]
async fn explore_pages_by_cursor_newest_first_without_repeats() {
    let app = TestApp::start().await;
    let token = app.signup("ben").await;
    let mut posted = Vec::new();
    for i in 0..5 {
        posted.push(app.note(&token, &format!("Loaf {i}")).await["id"].as_i64().unwrap());
    }
    posted.reverse();
    let mut seen = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    loop {
        let res = app.get(&format!("/api/v1/explore?limit=2&cursor={cursor}")).await;
        assert_eq!(res.status, 200, "{}", res.text());
        let page = res.json();
        pages += 1;
        seen.extend(page["items"].as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, posted, "every note once, newest first");
    assert_eq!(app.get("/api/v1/explore?cursor=garbage").await.status, 422);

    // The HTML explore page links to the next page the same way.
    let mut visitor = app.visitor();
    let first = visitor.get("/").await.text();
    assert!(first.contains("Loaf 4") && first.contains("Loaf 0"));
}

#[actix_web::test]
async fn html_explore_pages_with_a_more_link() {
    let app = TestApp::start().await;
    let token = app.signup("ollie").await;
    for i in 0..32 {
        app.note(&token, &format!("Plant {i:02}")).await;
    }
    let first = app.get("/").await.text();
    assert!(first.contains("Plant 31") && !first.contains("Plant 01"));
    let more = crate::common::more_link(&first).expect("a More link");
    let second = app.get(&more).await.text();
    assert!(second.contains("Plant 01") && second.contains("Plant 00") && !second.contains("Plant 31"));
    assert!(!second.contains("data-more"), "no More link on the last page");
}

#[actix_web::test]
async fn profiles_list_their_own_notes() {
    let app = TestApp::start().await;
    let a = app.signup("alice").await;
    let b = app.signup("bob").await;
    app.note(&a, "Alice's lamp").await;
    app.note(&b, "Bob's kettle").await;
    app.note(&a, "Alice's rug").await;
    let profile = app.get("/api/v1/users/alice").await.json();
    assert_eq!(profile["note_count"], 2);
    let notes = app.get("/api/v1/users/alice/notes").await.json();
    let titles: Vec<&str> =
        notes["items"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert_eq!(titles, vec!["Alice's rug", "Alice's lamp"]);
    let page = app.get("/u/alice").await.text();
    assert!(page.contains("Alice&#39;s rug") && !page.contains("Bob"));
    assert_eq!(app.get("/api/v1/users/nobody").await.status, 404);
    assert_eq!(app.get("/u/nobody").await.status, 404);
}

#[actix_web::test]
async fn only_the_author_can_edit_or_delete() {
    let app = TestApp::start().await;
    let author = app.signup("author").await;
    let other = app.signup("other").await;
    let id = app.note(&author, "Original title").await["id"].as_i64().unwrap();
    let path = format!("/api/v1/notes/{id}");

    let res = app.json("PATCH", &path, Some(&other), json!({"title": "Hijacked"})).await;
    assert_eq!(res.status, 403);
    assert_eq!(res.error_code(), "forbidden");
    assert_eq!(app.delete(&path, &other).await.status, 403);
    assert_eq!(app.get(&path).await.json()["title"], "Original title");
    assert_eq!(app.json("PATCH", &path, None, json!({"title": "Anon"})).await.status, 401);

    let res = app
        .json("PATCH", &path, Some(&author), json!({"title": "Better title", "hashtags": ["Lamps", "home"]}))
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let note = res.json();
    assert_eq!(note["title"], "Better title");
    assert_eq!(note["hashtags"], json!(["home", "lamps"]));
    let bad = app.json("PATCH", &path, Some(&author), json!({"title": "  "})).await;
    assert_eq!(bad.status, 422);
    assert_eq!(app.get(&path).await.json()["title"], "Better title");

    assert_eq!(app.delete(&path, &author).await.status, 204);
    assert_eq!(app.get(&path).await.status, 404);
    assert_eq!(app.get(&format!("/notes/{id}")).await.status, 404);
    assert_eq!(app.count("note_hashtags"), 0);
    assert_eq!(app.count("note_images"), 0);
}

#[actix_web::test]
async fn html_posting_editing_and_deleting_with_confirmation() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    visitor.sign_up("chef").await;
    let csrf = visitor.csrf("/notes/new").await;
    let res = visitor
        .post_multipart(
            "/notes",
            &[
                text("csrf", csrf.clone()),
                file("images", "a.jpg", jpeg(300, 200)),
                file("images", "b.jpg", jpeg(200, 300)),
                text("alt_lines", "Chilli sauce jar\nOn rice"),
                text("title", "Best chilli sauce"),
                text("body", "Goes with everything #美食"),
                text("hashtags", ""),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let location = res.header("location");
    let page = visitor.get(&location).await.text();
    assert!(page.contains("Best chilli sauce"));
    assert!(page.contains("alt=\"Chilli sauce jar\"") && page.contains("alt=\"On rice\""));
    assert!(page.contains("href=\"/tags/美食\""), "hashtags in the text link to their page");
    assert!(page.contains("/edit") && page.contains("/delete"), "the author sees edit and delete");
    assert!(!app.get(&location).await.text().contains("/delete"), "others do not");

    let id = location.rsplit('/').next().unwrap();
    let res = visitor
        .post_form(
            &format!("/notes/{id}/edit"),
            &[
                ("csrf", &csrf),
                ("title", "Best chilli sauce, ever"),
                ("body", "Still #美食"),
                ("hashtags", "spicy"),
                ("alt", "Jar"),
                ("alt", "Bowl"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let note = app.get(&format!("/api/v1/notes/{id}")).await.json();
    assert_eq!(note["title"], "Best chilli sauce, ever");
    assert_eq!(note["images"][1]["alt"], "Bowl");

    let confirm = visitor.get(&format!("/notes/{id}/delete")).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.text().contains("cannot be undone"));
    assert_eq!(app.count("notes"), 1, "asking is not deleting");
    let res = visitor.post_form(&format!("/notes/{id}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    assert_eq!(app.count("notes"), 0);
}

#[actix_web::test]
async fn html_form_errors_keep_the_text_and_say_what_to_fix() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    visitor.sign_up("fixer").await;
    let csrf = visitor.csrf("/notes/new").await;
    let res = visitor
        .post_multipart(
            "/notes",
            &[
                text("csrf", csrf),
                text("title", "My draft title"),
                text("body", "Draft body"),
                text("hashtags", ""),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    let page = res.text();
    assert!(page.contains("Add at least one photo"));
    assert!(page.contains("value=\"My draft title\"") && page.contains("Draft body"));
}

#[actix_web::test]
async fn tag_pages_list_the_notes_with_that_tag() {
    let app = TestApp::start().await;
    let token = app.signup("tagger").await;
    let with_tag = app.post_note(&token, "Trail shoes", "hiking", vec![jpeg(40, 40)]).await.json();
    app.post_note(&token, "Teapot", "tea", vec![jpeg(40, 40)]).await;
    let page = app.get("/tags/hiking").await;
    assert_eq!(page.status, 200);
    let page = page.text();
    assert!(page.contains("#hiking") && page.contains("Trail shoes") && !page.contains("Teapot"));
    assert!(page.contains("1 note"));
    assert!(page.contains(with_tag["url"].as_str().unwrap()));
    assert!(app.get("/tags/HIKING").await.text().contains("Trail shoes"), "tags are case-insensitive");
    assert!(app.get("/tags/unused").await.text().contains("No notes here yet"));
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()).collect()
}

#[actix_web::test]
async fn deleted_notes_leave_every_feed() {
    let app = TestApp::start().await;
    let token = app.signup("gone").await;
    let id =
        app.post_note(&token, "Temporary", "temp", vec![jpeg(40, 40)]).await.json()["id"].as_i64().unwrap();
    assert_eq!(ids(&app.get("/api/v1/explore").await.json()), vec![id]);
    app.delete(&format!("/api/v1/notes/{id}"), &token).await;
    assert!(ids(&app.get("/api/v1/explore").await.json()).is_empty());
    assert!(ids(&app.get("/api/v1/users/gone/notes").await.json()).is_empty());
    assert!(!app.get("/tags/temp").await.text().contains("Temporary"));
}
