//! Logs an operator can use: one JSON object a line with SPROUT_LOG_FORMAT=json, and the
//! request's id on its lines, in its `X-Request-Id` and on its error page.

use std::time::Duration;

use diesel::RunQueryDsl;
use serde_json::Value;

use crate::common::{blocking_request, ServerProcess, TestApp};

#[actix_web::test]
async fn every_response_names_its_own_request_id() {
    let app = TestApp::start().await;
    let id = app.get("/healthz").await.header("x-request-id");
    assert_eq!(id.len(), 16, "{id}");
    assert_ne!(app.get("/healthz").await.header("x-request-id"), id, "one per request");
}

#[actix_web::test]
async fn json_logs_carry_the_request_id_the_error_page_quotes() {
    let app = TestApp::start().await;
    let server = ServerProcess::start(&app, &[("SPROUT_LOG_FORMAT", "json")]).await;
    assert_eq!(blocking_request(server.addr, "GET", "/healthz", &[], b"").0, 200);
    // The notes table goes missing under the running server: the explore API fails inside.
    diesel::sql_query("ALTER TABLE notes RENAME TO notes_gone")
        .execute(&mut *app.state.pool.get().unwrap())
        .unwrap();
    let (status, body) = blocking_request(server.addr, "GET", "/api/v1/explore", &[], b"");
    assert_eq!(status, 500, "{body}");
    let message: Value = serde_json::from_str(&body).unwrap();
    let message = message["error"]["message"].as_str().unwrap().to_string();
    let id = message.rsplit("error id ").next().unwrap().trim_end_matches('.').to_string();
    assert_eq!(id.len(), 16, "{message}");
    assert!(!message.contains("notes"), "no internals for the user: {message}");
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;

    let log = server.log();
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect();
    let of_request: Vec<&Value> = lines.iter().filter(|l| l.to_string().contains(&id)).collect();
    assert!(
        of_request.iter().any(|l| l["level"] == "ERROR" && l["span"]["request_id"] == id.as_str()),
        "the error's cause is logged under the request's id: {log}"
    );
    assert!(
        of_request
            .iter()
            .any(|l| l["fields"]["message"].as_str().is_some_and(|m| m.contains("/api/v1/explore"))),
        "and so is the access log line: {log}"
    );
    diesel::sql_query("ALTER TABLE notes_gone RENAME TO notes")
        .execute(&mut *app.state.pool.get().unwrap())
        .unwrap();
}
