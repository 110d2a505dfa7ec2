//! Follows, the following feed and likes: idempotent, exact under concurrency, and visible
//! on pages and in the API.

use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::common::TestApp;

fn ids(page: &Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()).collect()
}

#[actix_web::test]
async fn following_is_idempotent_and_counted_on_both_sides() {
    let app = TestApp::start().await;
    let ana = app.signup("ana").await;
    app.signup("ben").await;
    for _ in 0..2 {
        let res = app.json("POST", "/api/v1/users/ben/follow", Some(&ana), json!({})).await;
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.json()["user"]["follower_count"], 1, "following twice is one follow");
    }
    assert_eq!(app.get("/api/v1/users/ana").await.json()["following_count"], 1);
    let followers = app.get("/api/v1/users/ben/followers").await.json();
    assert_eq!(followers["items"][0]["username"], "ana");
    let following = app.get("/api/v1/users/ana/following").await.json();
    assert_eq!(following["items"][0]["username"], "ben");
    assert_eq!(app.json("POST", "/api/v1/users/ana/follow", Some(&ana), json!({})).await.status, 422);
    assert_eq!(app.json("POST", "/api/v1/users/nobody/follow", Some(&ana), json!({})).await.status, 404);
    assert_eq!(app.json("POST", "/api/v1/users/ben/follow", None, json!({})).await.status, 401);

    for _ in 0..2 {
        let res = app.delete("/api/v1/users/ben/follow", &ana).await;
        assert_eq!(res.status, 200);
        assert_eq!(res.json()["user"]["follower_count"], 0);
    }
    assert_eq!(app.get("/api/v1/users/ana").await.json()["following_count"], 0);
    assert!(app.get("/api/v1/users/ben/followers").await.json()["items"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn the_following_feed_shows_only_followed_authors_newest_first() {
    let app = TestApp::start().await;
    let reader = app.signup("reader").await;
    let liked = app.signup("liked_author").await;
    let other = app.signup("other_author").await;
    let a1 = app.note(&liked, "First from liked").await["id"].as_i64().unwrap();
    app.note(&other, "From someone not followed").await;
    let a2 = app.note(&liked, "Second from liked").await["id"].as_i64().unwrap();
    assert!(ids(&app.get_as("/api/v1/feed", &reader).await.json()).is_empty());
    assert_eq!(app.get("/api/v1/feed").await.status, 401);

    app.json("POST", "/api/v1/users/liked_author/follow", Some(&reader), json!({})).await;
    let feed = app.get_as("/api/v1/feed?limit=1", &reader).await.json();
    assert_eq!(ids(&feed), vec![a2]);
    let next = feed["next_cursor"].as_str().unwrap();
    let rest = app.get_as(&format!("/api/v1/feed?limit=1&cursor={next}"), &reader).await.json();
    assert_eq!(ids(&rest), vec![a1]);
    assert!(rest["next_cursor"].is_null());
}

#[actix_web::test]
async fn liking_is_idempotent_and_shows_on_the_note() {
    let app = TestApp::start().await;
    let author = app.signup("writer").await;
    let fan = app.signup("fan").await;
    let id = app.note(&author, "Likeable").await["id"].as_i64().unwrap();
    let path = format!("/api/v1/notes/{id}/like");
    for _ in 0..2 {
        let res = app.json("POST", &path, Some(&fan), json!({})).await;
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.json(), json!({"like_count": 1, "liked_by_me": true}));
    }
    let as_fan = app.get_as(&format!("/api/v1/notes/{id}"), &fan).await.json();
    assert_eq!((as_fan["like_count"].as_i64(), as_fan["liked_by_me"].as_bool()), (Some(1), Some(true)));
    let as_author = app.get_as(&format!("/api/v1/notes/{id}"), &author).await.json();
    assert_eq!(as_author["liked_by_me"], false);
    assert_eq!(app.get("/api/v1/explore").await.json()["items"][0]["liked_by_me"], false);
    assert_eq!(app.get_as("/api/v1/explore", &fan).await.json()["items"][0]["liked_by_me"], true);
    for _ in 0..2 {
        assert_eq!(app.delete(&path, &fan).await.json(), json!({"like_count": 0, "liked_by_me": false}));
    }
    assert_eq!(app.json("POST", "/api/v1/notes/9999/like", Some(&fan), json!({})).await.status, 404);
}

#[actix_web::test]
async fn a_hundred_people_liking_at_once_make_exactly_a_hundred_likes() {
    let app = TestApp::start().await;
    let author = app.signup("popular").await;
    let id = app.note(&author, "Everyone likes this").await["id"].as_i64().unwrap();
    let mut tokens = Vec::new();
    for i in 0..100 {
        tokens.push(app.signup(&format!("liker{i:03}")).await);
    }
    let path = format!("/api/v1/notes/{id}/like");
    // Every liker clicks twice, all at once.
    let clicks = tokens.iter().chain(tokens.iter()).map(|t| app.json("POST", &path, Some(t), json!({})));
    for res in join_all(clicks).await {
        assert_eq!(res.status, 200, "{}", res.text());
    }
    assert_eq!(app.get(&format!("/api/v1/notes/{id}")).await.json()["like_count"], 100);
    assert_eq!(app.count("likes"), 100);
    // And all at once again, unliking.
    join_all(tokens.iter().map(|t| app.delete(&path, t))).await;
    assert_eq!(app.get(&format!("/api/v1/notes/{id}")).await.json()["like_count"], 0);
}

#[actix_web::test]
async fn likes_lift_a_note_in_the_hot_ranking() {
    let app = TestApp::start().await;
    let author = app.signup("ranked").await;
    let older = app.note(&author, "Older note").await["id"].as_i64().unwrap();
    let newer = app.note(&author, "Newer note").await["id"].as_i64().unwrap();
    assert_eq!(ids(&app.get("/api/v1/explore").await.json()), vec![newer, older]);
    let fan = app.signup("lifter").await;
    app.json("POST", &format!("/api/v1/notes/{older}/like"), Some(&fan), json!({})).await;
    assert_eq!(ids(&app.get("/api/v1/explore").await.json()), vec![older, newer]);
}

#[actix_web::test]
async fn pages_follow_like_and_suggest_people_on_an_empty_feed() {
    let app = TestApp::start().await;
    let author = app.signup("maker").await;
    let id = app.note(&author, "Handmade mug").await["id"].as_i64().unwrap();
    let mut visitor = app.visitor();
    visitor.sign_up("browser").await;

    let feed = visitor.get("/following").await.text();
    assert!(feed.contains("People you may like") && feed.contains("@maker"), "{feed}");

    let csrf = visitor.csrf(&format!("/notes/{id}")).await;
    let res = visitor.post_form(&format!("/notes/{id}/like"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    let note = visitor.get(&format!("/notes/{id}")).await.text();
    assert!(note.contains("aria-pressed=\"true\"") && note.contains("♥ 1"), "{note}");

    let res = visitor.post_form("/u/maker/follow", &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    let profile = visitor.get("/u/maker").await.text();
    assert!(profile.contains("Following ✓") && profile.contains("<strong>1</strong> follower"));
    let feed = visitor.get("/following").await.text();
    assert!(feed.contains("Handmade mug") && !feed.contains("People you may like"));
    let list = visitor.get("/u/maker/followers").await.text();
    assert!(list.contains("@browser"));

    let forged = visitor.post_form("/u/maker/unfollow", &[("csrf", "nope")]).await;
    assert_eq!(forged.status, 403);
    assert_eq!(app.get("/api/v1/users/maker").await.json()["follower_count"], 1);
    assert_eq!(app.get("/following").await.status, 303, "the feed asks visitors to log in");
}

#[actix_web::test]
async fn comments_replies_and_who_may_delete_them() {
    let app = TestApp::start().await;
    let author = app.signup("note_author").await;
    let commenter = app.signup("commenter").await;
    let stranger = app.signup("stranger").await;
    let id = app.note(&author, "Discuss").await["id"].as_i64().unwrap();
    let path = format!("/api/v1/notes/{id}/comments");

    let first = app.json("POST", &path, Some(&commenter), json!({"body": "Where did you buy it?"})).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let first = first.json()["id"].as_i64().unwrap();
    let reply = app
        .json("POST", &path, Some(&author), json!({"body": "At the market", "parent_id": first}))
        .await
        .json();
    assert_eq!(reply["parent_id"], first);
    // A reply to a reply joins the same thread: one level of nesting.
    let nested = app
        .json("POST", &path, Some(&commenter), json!({"body": "Thanks!", "parent_id": reply["id"]}))
        .await
        .json();
    assert_eq!(nested["parent_id"], first);
    assert_eq!(app.json("POST", &path, Some(&commenter), json!({"body": "   "})).await.status, 422);
    assert_eq!(app.json("POST", &path, None, json!({"body": "anon"})).await.status, 401);

    let threads = app.get(&path).await.json();
    let items = threads["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["body"], "Where did you buy it?");
    let replies: Vec<&str> =
        items[0]["replies"].as_array().unwrap().iter().map(|r| r["body"].as_str().unwrap()).collect();
    assert_eq!(replies, vec!["At the market", "Thanks!"]);
    assert_eq!(app.get(&format!("/api/v1/notes/{id}")).await.json()["comment_count"], 3);

    let nested_id = nested["id"].as_i64().unwrap();
    assert_eq!(app.delete(&format!("/api/v1/comments/{nested_id}"), &stranger).await.status, 403);
    assert_eq!(
        app.delete(&format!("/api/v1/comments/{nested_id}"), &commenter).await.status,
        204,
        "its author may"
    );
    // The note's author may delete anyone's comment; the thread's replies go with it.
    assert_eq!(app.delete(&format!("/api/v1/comments/{first}"), &author).await.status, 204);
    assert!(app.get(&path).await.json()["items"].as_array().unwrap().is_empty());
    assert_eq!(app.get(&format!("/api/v1/notes/{id}")).await.json()["comment_count"], 0);
    assert_eq!(app.count("comments"), 0);
}

#[actix_web::test]
async fn boards_save_notes_and_private_boards_do_not_leak() {
    let app = TestApp::start().await;
    let owner = app.signup("collector").await;
    let other = app.signup("peeker").await;
    let note = app.note(&other, "Worth saving").await["id"].as_i64().unwrap();
    let public = app.json("POST", "/api/v1/boards", Some(&owner), json!({"name": "Desk ideas"})).await;
    assert_eq!(public.status, 201, "{}", public.text());
    let public = public.json()["id"].as_i64().unwrap();
    let private = app
        .json("POST", "/api/v1/boards", Some(&owner), json!({"name": "Gifts", "private": true}))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(app.json("POST", "/api/v1/boards", Some(&owner), json!({"name": "Gifts"})).await.status, 409);

    for board in [public, private] {
        for _ in 0..2 {
            let res = app
                .json(
                    "POST",
                    &format!("/api/v1/boards/{board}/items"),
                    Some(&owner),
                    json!({"note_id": note}),
                )
                .await;
            assert_eq!(res.status, 200, "{}", res.text());
        }
    }
    assert_eq!(app.get(&format!("/api/v1/notes/{note}")).await.json()["save_count"], 2, "once per board");

    let shown = app.get(&format!("/api/v1/boards/{public}")).await.json();
    assert_eq!(shown["notes"][0]["id"], note);
    assert_eq!(app.get_as(&format!("/api/v1/boards/{private}"), &owner).await.status, 200);
    for res in [
        app.get(&format!("/api/v1/boards/{private}")).await,
        app.get_as(&format!("/api/v1/boards/{private}"), &other).await,
    ] {
        assert_eq!(res.status, 404, "a private board is not there for others");
    }
    assert_eq!(app.get(&format!("/boards/{private}")).await.status, 404);
    let stolen = app
        .json("POST", &format!("/api/v1/boards/{private}/items"), Some(&other), json!({"note_id": note}))
        .await;
    assert_eq!(stolen.status, 404);
    let forbidden = app
        .json("POST", &format!("/api/v1/boards/{public}/items"), Some(&other), json!({"note_id": note}))
        .await;
    assert_eq!(forbidden.status, 403);

    let res = app.delete(&format!("/api/v1/boards/{private}/items/{note}"), &owner).await;
    assert_eq!(res.json()["save_count"], 1);
}

#[actix_web::test]
async fn the_note_page_saves_comments_and_confirms_before_deleting() {
    let app = TestApp::start().await;
    let author = app.signup("pager_author").await;
    let id = app.note(&author, "Comment here").await["id"].as_i64().unwrap();
    let mut visitor = app.visitor();
    visitor.sign_up("pager_reader").await;
    let csrf = visitor.csrf(&format!("/notes/{id}")).await;

    assert_eq!(visitor.post_form(&format!("/notes/{id}/save"), &[("csrf", &csrf)]).await.status, 303);
    let page = visitor.get(&format!("/notes/{id}")).await.text();
    assert!(page.contains("★ Saved 1"), "{page}");

    let res = visitor
        .post_form(&format!("/notes/{id}/comments"), &[("csrf", &csrf), ("body", "<b>Lovely</b>")])
        .await;
    assert_eq!(res.status, 303);
    let page = visitor.get(&format!("/notes/{id}")).await.text();
    assert!(
        page.contains("1 comment") && page.contains("&#60;b&#62;Lovely") || page.contains("&lt;b&gt;Lovely"),
        "{page}"
    );
    let comment_id =
        app.get(&format!("/api/v1/notes/{id}/comments")).await.json()["items"][0]["id"].as_i64().unwrap();
    let confirm = visitor.get(&format!("/comments/{comment_id}/delete")).await;
    assert!(confirm.text().contains("cannot be undone"));
    assert_eq!(app.count("comments"), 1, "asking is not deleting");
    visitor.post_form(&format!("/comments/{comment_id}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(app.count("comments"), 0);
}

#[actix_web::test]
async fn notifications_tell_people_what_happened_to_them_and_only_them() {
    let app = TestApp::start().await;
    let author = app.signup("author_n").await;
    let fan = app.signup("fan_n").await;
    let id = app.note(&author, "Notable").await["id"].as_i64().unwrap();
    app.json("POST", "/api/v1/users/author_n/follow", Some(&fan), json!({})).await;
    app.json("POST", &format!("/api/v1/notes/{id}/like"), Some(&fan), json!({})).await;
    app.json("POST", &format!("/api/v1/notes/{id}/like"), Some(&fan), json!({})).await;
    let comment = app
        .json(
            "POST",
            &format!("/api/v1/notes/{id}/comments"),
            Some(&fan),
            json!({"body": "Nice one @author_n"}),
        )
        .await
        .json();
    app.json(
        "POST",
        &format!("/api/v1/notes/{id}/comments"),
        Some(&author),
        json!({"body": "Thanks!", "parent_id": comment["id"]}),
    )
    .await;
    // One's own actions notify nobody.
    app.json("POST", &format!("/api/v1/notes/{id}/like"), Some(&author), json!({})).await;

    let mine = app.get_as("/api/v1/notifications", &author).await.json();
    let kinds: Vec<&str> =
        mine["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["mention", "comment", "like", "follow"], "newest first, a repeated like once");
    assert_eq!(mine["unread_count"], 4);
    assert_eq!(mine["items"][2]["text"], "liked your note “Notable”");
    assert_eq!(mine["items"][0]["actor"]["username"], "fan_n");
    let theirs = app.get_as("/api/v1/notifications", &fan).await.json();
    let kinds: Vec<&str> =
        theirs["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["reply"]);
    assert_eq!(app.get("/api/v1/notifications").await.status, 401);

    let read = app.json("POST", "/api/v1/notifications/read", Some(&author), json!({})).await.json();
    assert_eq!(read["marked_read"], 4);
    assert_eq!(app.get_as("/api/v1/notifications", &author).await.json()["unread_count"], 0);
}

#[actix_web::test]
async fn mentions_in_notes_link_and_notify() {
    let app = TestApp::start().await;
    let writer = app.signup("mention_writer").await;
    let friend = app.signup("mentioned_friend").await;
    let parts = [
        crate::common::text("title", "Shopping with a friend"),
        crate::common::text("body", "Went with @mentioned_friend and @nobody_here"),
        crate::common::file("images", "a.jpg", crate::common::jpeg(20, 20)),
    ];
    let id = app.multipart("/api/v1/notes", Some(&writer), &parts).await.json()["id"].as_i64().unwrap();
    let page = app.get(&format!("/notes/{id}")).await.text();
    assert!(page.contains("href=\"/u/mentioned_friend\">@mentioned_friend</a>"), "{page}");
    let got = app.get_as("/api/v1/notifications", &friend).await.json();
    assert_eq!(got["items"][0]["kind"], "mention");
    assert_eq!(got["items"][0]["url"], format!("/notes/{id}"));
}

#[actix_web::test]
async fn blocking_cuts_follows_comments_feeds_and_notifications() {
    let app = TestApp::start().await;
    let blocker = app.signup("blocker").await;
    let pest = app.signup("pest").await;
    let note = app.note(&blocker, "Blocker's note").await["id"].as_i64().unwrap();
    let pest_note = app.note(&pest, "Pest's note").await["id"].as_i64().unwrap();
    app.json("POST", "/api/v1/users/blocker/follow", Some(&pest), json!({})).await;
    let comment = app
        .json("POST", &format!("/api/v1/notes/{note}/comments"), Some(&pest), json!({"body": "spam"}))
        .await
        .json();
    assert_eq!(comment["body"], "spam");

    let res = app.json("POST", "/api/v1/users/pest/block", Some(&blocker), json!({})).await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(app.get("/api/v1/users/blocker").await.json()["follower_count"], 0, "the follow ended");
    assert_eq!(app.json("POST", "/api/v1/users/blocker/follow", Some(&pest), json!({})).await.status, 403);
    let refused = app
        .json("POST", &format!("/api/v1/notes/{note}/comments"), Some(&pest), json!({"body": "more spam"}))
        .await;
    assert_eq!(refused.status, 403);
    // The pest's comment is gone for the blocker, still there for others.
    let for_blocker = app.get_as(&format!("/api/v1/notes/{note}/comments"), &blocker).await.json();
    assert!(for_blocker["items"].as_array().unwrap().is_empty());
    assert_eq!(
        app.get(&format!("/api/v1/notes/{note}/comments")).await.json()["items"].as_array().unwrap().len(),
        1
    );
    // Neither sees the other's notes in explore.
    let explore = |token: String| {
        let app = &app;
        async move { ids(&app.get_as("/api/v1/explore", &token).await.json()) }
    };
    assert_eq!(explore(pest.clone()).await, vec![pest_note]);
    assert_eq!(explore(blocker.clone()).await, vec![note]);
    assert_eq!(ids(&app.get("/api/v1/explore").await.json()).len(), 2);
    // And the blocker hears nothing from them.
    app.json("POST", &format!("/api/v1/notes/{note}/like"), Some(&pest), json!({})).await;
    let kinds: Vec<String> = app.get_as("/api/v1/notifications", &blocker).await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(!kinds.contains(&"like".to_string()), "{kinds:?}");

    assert_eq!(app.delete("/api/v1/users/pest/block", &blocker).await.status, 200);
    assert_eq!(app.json("POST", "/api/v1/users/blocker/follow", Some(&pest), json!({})).await.status, 200);
}

#[actix_web::test]
async fn the_header_counts_unread_notifications_and_the_page_reads_them() {
    let app = TestApp::start().await;
    let fan = app.signup("header_fan").await;
    let mut visitor = app.visitor();
    visitor.sign_up("header_owner").await;
    app.json("POST", "/api/v1/users/header_owner/follow", Some(&fan), json!({})).await;
    let home = visitor.get("/").await.text();
    assert!(home.contains("aria-label=\"1 unread\""), "{home}");
    let page = visitor.get("/notifications").await.text();
    assert!(page.contains("started following you"));
    assert!(!visitor.get("/").await.text().contains("unread\""), "read once seen");
    let confirm = visitor.get("/u/header_fan/block").await.text();
    assert!(confirm.contains("They are not told"));
}

#[actix_web::test]
async fn likes_of_one_note_by_several_people_are_one_line_on_the_notifications_page() {
    let app = TestApp::start().await;
    let mut author = app.visitor();
    author.sign_up("grouped_author").await;
    let token = app
        .json(
            "POST",
            "/api/v1/auth/login",
            None,
            json!({"login": "grouped_author", "password": "correct horse battery"}),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let id = app.note(&token, "Loved by many").await["id"].as_i64().unwrap();
    for fan in ["fan_a", "fan_b", "fan_c", "fan_d"] {
        let fan = app.signup(fan).await;
        app.json("POST", &format!("/api/v1/notes/{id}/like"), Some(&fan), json!({})).await;
    }
    let page = author.get("/notifications").await.text();
    assert_eq!(page.matches("liked your note").count(), 1, "one line for the four likes: {page}");
    assert!(page.contains("<strong>fan_d</strong></a> and 3 others\n"), "{page}");
    let zh = author.get("/notifications?lang=zh-CN").await.text();
    assert!(zh.contains("<strong>fan_d</strong></a> 等 4 人"), "{zh}");
    // The API still lists each notification.
    let api = app.get_as("/api/v1/notifications", &token).await.json();
    assert_eq!(api["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "like").count(), 4);
}
