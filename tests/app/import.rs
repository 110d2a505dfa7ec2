//! `sprout import --notes`: good lines land, bad lines are reported by number and skipped.

use std::time::{Duration, Instant};

use crate::common::TestApp;

const LINES: &str = r#"{"author": "shopper1", "title": "好用的洗发水", "body": "去屑效果很好 #洗发水", "hashtags": ["洗发水"], "created_at": "2026-03-01T10:00:00Z", "likes": 12}
this is not json
{"author": "shopper2", "title": "Cozy sweater", "body": "Soft and warm", "hashtags": "sweaters knits"}
{"author": "no spaces allowed", "title": "Bad author", "body": "x"}
{"author": "shopper1", "title": "", "body": "no title"}

{"author": "shopper3", "title": "Late", "body": "bad time", "created_at": "yesterday"}
{"author": "shopper2", "title": "Second from shopper2", "body": "Denim jacket", "hashtags": ["jackets"], "likes": 3}
"#;

#[actix_web::test]
async fn import_lands_the_good_lines_and_reports_the_bad_ones() {
    let app = TestApp::start().await;
    let mut conn = app.state.pool.get().unwrap();
    let report =
        sprout::notes::import::import_notes(&mut conn, &app.state.media, LINES.as_bytes(), |_| {}).unwrap();
    drop(conn);
    assert_eq!(report.imported, 3);
    assert_eq!(report.authors_created, 2);
    let skipped: Vec<usize> = report.skipped.iter().map(|(line, _)| *line).collect();
    assert_eq!(skipped, vec![2, 4, 5, 7]);
    assert!(report.skipped[0].1.contains("not a valid note"));
    assert!(report.skipped[1].1.contains("author"));
    assert!(report.skipped[3].1.contains("RFC 3339"));

    let notes = app.get("/api/v1/users/shopper1/notes").await.json();
    let note = &notes["items"][0];
    assert_eq!(note["title"], "好用的洗发水");
    assert_eq!(note["like_count"], 12);
    let created = chrono::DateTime::parse_from_rfc3339(note["created_at"].as_str().unwrap()).unwrap();
    assert_eq!(created, chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z").unwrap());
    assert_eq!(note["images"].as_array().unwrap().len(), 1, "a placeholder photo");
    assert_eq!(app.get(note["images"][0]["url"].as_str().unwrap()).await.status, 200);
    let tags = app.get("/api/v1/users/shopper2/notes").await.json()["items"][1]["hashtags"].clone();
    assert_eq!(tags, serde_json::json!(["knits", "sweaters"]));
    // Imported authors exist but cannot log in.
    let login = app
        .json(
            "POST",
            "/api/v1/auth/login",
            None,
            serde_json::json!({"login": "shopper1", "password": "!imported"}),
        )
        .await;
    assert_eq!(login.status, 401);

    // They reach search through the outbox like any other write.
    let started = Instant::now();
    loop {
        let found = app.get("/api/v1/search?q=%E5%8E%BB%E5%B1%91").await.json()["total"].as_u64().unwrap();
        if found == 1 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "imported note never became searchable");
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
}
