//! Site-wide behaviour: health, headers, escaping, errors, and the API description.

use serde_json::Value;

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

/// Every route under /api/v1 that the app answers is described in the OpenAPI document, and
/// every described call answers (no 404 from the router).
#[actix_web::test]
async fn openapi_describes_every_api_call() {
    let app = TestApp::start().await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status, 200);
    let doc: Value = res.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let expected = [
        ("/api/v1/auth/signup", "post"),
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/me", "patch"),
        ("/api/v1/notes", "post"),
        ("/api/v1/notes/{id}", "get"),
        ("/api/v1/notes/{id}", "patch"),
        ("/api/v1/notes/{id}", "delete"),
        ("/api/v1/explore", "get"),
        ("/api/v1/users/{username}", "get"),
        ("/api/v1/users/{username}/notes", "get"),
        ("/api/v1/openapi.json", "get"),
        ("/api/v1/search", "get"),
        ("/api/v1/search/suggest", "get"),
        ("/api/v1/users/{username}/follow", "post"),
        ("/api/v1/users/{username}/follow", "delete"),
        ("/api/v1/users/{username}/followers", "get"),
        ("/api/v1/users/{username}/following", "get"),
        ("/api/v1/feed", "get"),
        ("/api/v1/notes/{id}/like", "post"),
        ("/api/v1/notes/{id}/like", "delete"),
        ("/api/v1/boards", "post"),
        ("/api/v1/boards/{id}", "get"),
        ("/api/v1/boards/{id}/items", "post"),
        ("/api/v1/boards/{id}/items/{note_id}", "delete"),
        ("/api/v1/notes/{id}/comments", "post"),
        ("/api/v1/notes/{id}/comments", "get"),
        ("/api/v1/comments/{id}", "delete"),
        ("/api/v1/users/{username}/block", "post"),
        ("/api/v1/users/{username}/block", "delete"),
        ("/api/v1/notifications", "get"),
        ("/api/v1/notifications/read", "post"),
        ("/api/v1/auth/password-reset", "post"),
        ("/api/v1/auth/password-reset/confirm", "post"),
        ("/api/v1/brands", "post"),
        ("/api/v1/brands/{slug}", "get"),
        ("/api/v1/brands/{slug}/staff", "post"),
        ("/api/v1/brands/{slug}/verify", "post"),
        ("/api/v1/brands/{slug}/products", "post"),
        ("/api/v1/brands/{slug}/products/import", "post"),
        ("/api/v1/brands/{slug}/orders", "get"),
        ("/api/v1/brands/{slug}/stats", "get"),
        ("/api/v1/products", "get"),
        ("/api/v1/products/{id}", "get"),
        ("/api/v1/products/{id}", "patch"),
        ("/api/v1/notes/{id}/product-tags", "post"),
        ("/api/v1/product-tags/{id}/approve", "post"),
        ("/api/v1/product-tags/{id}", "delete"),
        ("/api/v1/product-tags/{id}/tap", "post"),
        ("/api/v1/cart", "get"),
        ("/api/v1/cart/items", "post"),
        ("/api/v1/cart/items/{id}", "patch"),
        ("/api/v1/cart/items/{id}", "delete"),
        ("/api/v1/checkout", "post"),
        ("/api/v1/orders", "get"),
        ("/api/v1/orders/{id}", "get"),
        ("/api/v1/orders/{id}/status", "post"),
        ("/api/v1/creators/me/stats", "get"),
        ("/api/v1/lists", "post"),
        ("/api/v1/lists/{id}", "get"),
        ("/api/v1/lists/{id}", "delete"),
        ("/api/v1/lists/{id}/items", "put"),
        ("/api/v1/lists/{id}/publish", "post"),
        ("/api/v1/lists/{id}/unpublish", "post"),
        ("/api/v1/lists/{id}/like", "post"),
        ("/api/v1/lists/{id}/like", "delete"),
        ("/api/v1/lists/{id}/save", "post"),
        ("/api/v1/lists/{id}/save", "delete"),
        ("/api/v1/users/{username}/lists", "get"),
        ("/api/v1/reports", "post"),
        ("/api/v1/moderation/reports", "get"),
        ("/api/v1/moderation/actions", "post"),
        ("/api/v1/modlog", "get"),
        ("/api/v1/moderation/actions/{id}/appeal", "post"),
        ("/api/v1/moderation/appeals", "get"),
        ("/api/v1/moderation/appeals/{id}", "post"),
        ("/api/v1/admin/blocked-words", "get"),
        ("/api/v1/admin/blocked-words", "post"),
        ("/api/v1/admin/blocked-words", "delete"),
        ("/api/v1/admin/blocked-words/{id}", "delete"),
        ("/api/v1/products/{id}/deals", "post"),
        ("/api/v1/deals/{id}/teams", "post"),
        ("/api/v1/teams/{id}/join", "post"),
        ("/api/v1/teams/{id}", "get"),
        ("/api/v1/pickup-points", "post"),
        ("/api/v1/pickup-points", "get"),
        ("/api/v1/pickup-points/{id}/approve", "post"),
        ("/api/v1/runs", "post"),
        ("/api/v1/runs/{id}", "get"),
        ("/api/v1/runs/{id}/picklist", "get"),
        ("/api/v1/orders/{id}/collected", "post"),
    ];
    for (path, method) in expected {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} is documented");
    }
    let documented: usize =
        paths.values().map(|p| p.as_object().unwrap().keys().filter(|k| *k != "parameters").count()).sum();
    assert_eq!(documented, expected.len(), "nothing documented that does not exist");
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
