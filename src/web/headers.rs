//! Security headers on every response.

use actix_web::middleware::DefaultHeaders;

/// `style-src-attr` allows only `style="…"` attributes (the server-computed position of a
/// product tag's dot), never `<style>` elements or scripts.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
     style-src 'self'; style-src-attr 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
        .add(("X-Frame-Options", "DENY"))
}

/// Answers HEAD wherever GET is answered (link checkers and uptime monitors ask with HEAD):
/// the request is routed as a GET, and the HTTP layer, which remembers it was a HEAD, sends
/// the headers without the body.
pub async fn head_as_get(
    mut req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if req.method() == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    next.call(req).await
}

/// The access log: peer, method, path and status. Never the query string: reset, verification
/// and unsubscribe links carry their secret there, and logs are read by more people than
/// passwords are.
pub fn access_log() -> actix_web::middleware::Logger {
    actix_web::middleware::Logger::new("%a \"%{request_line}xi\" %s %b %Dms request_id=%{request_id}xi")
        .custom_request_replace("request_line", |req| {
            let query = if req.query_string().is_empty() { "" } else { "?…" };
            format!("{} {}{query} {:?}", req.method(), req.path(), req.version())
        })
        .custom_request_replace("request_id", super::request_id::of)
}
