//! The API document: generated from the handlers, kept as a snapshot in docs/openapi.json so
//! that every change to the contract shows in review, true to what the calls answer, and
//! browsable at /api/docs/.

use serde_json::Value;

use crate::common::TestApp;

const SNAPSHOT: &str = "docs/openapi.json";

/// `UPDATE_SNAPSHOTS=1 cargo test openapi` rewrites the snapshot after an intended change.
#[test]
fn the_generated_document_matches_its_snapshot() {
    let generated = sprout::openapi::json();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    if kept != generated {
        let line = kept.lines().zip(generated.lines()).position(|(a, b)| a != b).unwrap_or(0);
        let near =
            |text: &str| text.lines().skip(line.saturating_sub(3)).take(7).collect::<Vec<_>>().join("\n");
        panic!(
            "the API document changed; review it and run `UPDATE_SNAPSHOTS=1 cargo test openapi` to keep it.\n\
             First difference at line {}:\n--- {SNAPSHOT}\n{}\n+++ generated\n{}",
            line + 1,
            near(&kept),
            near(generated)
        );
    }
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.to_uppercase(), path.clone(), op.clone()));
        }
    }
    out
}

/// Each call names itself once, says what it does, and lists its refusals: a call that needs a
/// token documents the 401, one with an id or a body documents the 404 or 422 it answers.
#[test]
fn every_operation_is_named_summarised_and_lists_its_refusals() {
    let doc: Value = serde_json::from_str(sprout::openapi::json()).unwrap();
    let ops = operations(&doc);
    assert!(ops.len() >= 90, "every call is documented ({} found)", ops.len());
    let mut ids = std::collections::HashSet::new();
    for (method, path, op) in &ops {
        let name = format!("{method} {path}");
        let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{name} has an operationId"));
        assert!(ids.insert(id.to_string()), "operationId {id} is used once ({name})");
        assert!(op["summary"].as_str().is_some_and(|s| !s.is_empty()), "{name} has a summary");
        assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{name} has a tag");
        let responses = op["responses"].as_object().unwrap();
        assert!(responses.keys().any(|s| s.starts_with('2')), "{name} documents its success");
        assert!(!responses.keys().any(|s| s.contains('X') || s == "default"), "{name}: exact statuses only");
        let security = op["security"].as_array().cloned().unwrap_or_default();
        let needs_token = !security.is_empty() && security.iter().all(|s| s.get("bearer").is_some());
        if needs_token {
            assert!(responses.contains_key("401"), "{name} needs a token and documents 401");
        }
        if path.contains("{id}") {
            assert!(responses.contains_key("404"), "{name} documents 404 for an unknown id");
        }
        if op.get("requestBody").is_some() {
            assert!(responses.contains_key("422"), "{name} takes a body and documents 422");
        }
    }
}

/// Every documented call is answered by its handler: none falls through to the router's
/// "nothing here" or "method not allowed".
#[actix_web::test]
async fn every_documented_call_reaches_its_handler() {
    let app = TestApp::start().await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("application/json"));
    let doc: Value = res.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for (method, path, _) in operations(&doc) {
        let concrete = path.replace("{username}", "nobody_here").replace("{slug}", "no-brand");
        let concrete = concrete
            .split('/')
            .map(|segment| if segment.starts_with('{') { "1" } else { segment })
            .collect::<Vec<_>>()
            .join("/");
        let res = app.json(&method, &concrete, Some("not-a-token"), serde_json::json!({})).await;
        assert_ne!(res.status, 405, "{method} {path} is mounted");
        if res.status == 404 {
            assert_ne!(
                res.json()["error"]["message"].as_str(),
                Some("There is nothing at this address."),
                "{method} {path} reaches its handler"
            );
        }
    }
}

/// The interactive reference is served from the binary and reads the live document.
#[actix_web::test]
async fn the_reference_ui_is_served_at_api_docs() {
    let app = TestApp::start().await;
    let res = app.get("/api/docs").await;
    assert!(res.status == 307 || res.status == 308 || res.status == 302, "{}", res.status);
    assert_eq!(res.header("location"), "/api/docs/");
    let page = app.get("/api/docs/").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("swagger-ui"), "{}", page.text());
    let script = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(script.status, 200);
    assert!(script.body.len() > 100_000, "the bundle is served, not fetched from elsewhere");
    let init = app.get("/api/docs/swagger-initializer.js").await;
    assert!(init.text().contains("/api/v1/openapi.json"), "{}", init.text());
}

/// What the document refuses, the server refuses (and says which field), rather than quietly
/// changing it; and what the document allows, it takes — `2.0` is an integer, as JSON Schema says.
#[actix_web::test]
async fn the_server_holds_to_the_documented_bounds() {
    let app = TestApp::start().await;
    for limit in ["0", "61", "-3"] {
        let res = app.get(&format!("/api/v1/explore?limit={limit}")).await;
        assert_eq!(
            (res.status, res.json()["error"]["field"].as_str()),
            (422, Some("limit")),
            "limit={limit}"
        );
    }
    assert_eq!(app.get("/api/v1/explore?limit=60").await.status, 200);
    for cursor in ["%20t1.2", "t%2B1.2", "s1e5_3", "x"] {
        let res = app.get(&format!("/api/v1/explore?sort=new&cursor={cursor}")).await;
        assert_eq!(res.status, 422, "cursor {cursor}");
    }

    let token = app.signup("boundsy").await;
    let note = app.note(&token, "Bounds").await;
    let board = app.json("POST", "/api/v1/boards", Some(&token), serde_json::json!({"name": "Keep"})).await;
    assert_eq!(board.status, 201, "{}", board.text());
    let path = format!("/api/v1/boards/{}/items", board.json()["id"]);
    let as_float = serde_json::json!({ "note_id": note["id"].as_f64().unwrap() });
    assert!(as_float.to_string().contains(".0"), "{as_float}");
    let saved = app.json("POST", &path, Some(&token), as_float).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.json()["save_count"], 1);
    let fraction = app.json("POST", &path, Some(&token), serde_json::json!({ "note_id": 1.5 })).await;
    assert_eq!((fraction.status, fraction.error_code().as_str()), (422, "invalid"));
}
