//! Site-wide behaviour: health, headers, escaping and errors (the API document: openapi.rs).

use crate::common::{jpeg, TestApp};

#[actix_web::test]
async fn healthz_answers_when_the_database_does() {
    let app = TestApp::start().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.text(), "ok");
}

#[actix_web::test]
async fn every_page_carries_security_headers() {
    let app = TestApp::start().await;
    for path in ["/", "/login", "/api/v1/explore", "/no-such-page"] {
        let res = app.get(path).await;
        let csp = res.header("content-security-policy");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(res.header("x-content-type-options"), "nosniff");
        assert_eq!(res.header("referrer-policy"), "strict-origin-when-cross-origin");
    }
}

#[actix_web::test]
async fn script_in_titles_and_text_shows_as_text() {
    let app = TestApp::start().await;
    let token = app.signup("mallory").await;
    let res = app.post_note(&token, "<script>alert('x')</script>", "", vec![jpeg(20, 20)]).await;
    assert_eq!(res.status, 201);
    let url = res.json()["url"].as_str().unwrap().to_string();
    for page in [app.get(&url).await.text(), app.get("/").await.text(), app.get("/u/mallory").await.text()] {
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(
            page.contains("&#60;script&#62;alert(") || page.contains("&lt;script&gt;alert("),
            "shown escaped"
        );
    }
}

#[actix_web::test]
async fn unknown_addresses_get_a_clear_not_found() {
    let app = TestApp::start().await;
    let page = app.get("/nowhere").await;
    assert_eq!(page.status, 404);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(page.text().contains("Not found"));
    let api = app.get("/api/v1/nowhere").await;
    assert_eq!(api.status, 404);
    assert_eq!(api.error_code(), "not_found");
    assert_eq!(app.get("/notes/not-a-number").await.status, 404);
    assert_eq!(app.get("/api/v1/notes/999").await.error_code(), "not_found");
}

#[actix_web::test]
async fn head_requests_get_the_headers_of_the_page_without_its_body() {
    let app = TestApp::start().await;
    let res = app.head("/").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("text/html"), "{:?}", res.headers);
    assert!(res.body.is_empty(), "a HEAD answer has no body");
    assert_eq!(app.head("/healthz").await.status, 200);
    assert_eq!(app.head("/no/such/page").await.status, 404);
}

#[actix_web::test]
async fn a_known_api_path_with_another_method_answers_405_with_allow() {
    let app = TestApp::start().await;
    let res = app.delete("/api/v1/explore", "no-token").await;
    assert_eq!((res.status, res.header("allow").as_str()), (405, "GET, HEAD"));
    assert_eq!(res.error_code(), "method_not_allowed");
    let res = app.json("PUT", "/api/v1/notes/12", None, serde_json::json!({})).await;
    assert_eq!((res.status, res.header("allow").as_str()), (405, "DELETE, GET, HEAD, PATCH"));
    // Unknown paths stay 404, pages included.
    assert_eq!(app.delete("/api/v1/nowhere", "no-token").await.status, 404);
    assert_eq!(app.get("/nowhere").await.status, 404);
}

#[actix_web::test]
async fn every_page_names_a_favicon_that_is_there() {
    let app = TestApp::start().await;
    assert!(app.get("/").await.text().contains("<link rel=\"icon\" href=\"/favicon.ico\">"));
    let icon = app.get("/favicon.ico").await;
    assert_eq!((icon.status, icon.header("content-type").as_str()), (200, "image/x-icon"));
    assert_eq!(&icon.body[..4], &[0, 0, 1, 0], "an ICO file");
}
