//! Rendering pages: a template with its status, a form again with its error, a CSV download, a
//! "more" link. What each page knows of its viewer is `crate::accounts::page::PageContext`.

use super::PageError;

/// Renders a page template with a status.
pub fn render_status<T: askama::Template>(
    status: actix_web::http::StatusCode,
    page: &T,
) -> Result<actix_web::HttpResponse, PageError> {
    let html = page
        .render()
        .map_err(|e| super::AppError::Internal(anyhow::Error::new(e).context("rendering a page")))?;
    Ok(actix_web::HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// Renders a page template with 200 OK.
pub fn render<T: askama::Template>(page: &T) -> Result<actix_web::HttpResponse, PageError> {
    render_status(actix_web::http::StatusCode::OK, page)
}

/// Renders a form again after a validation error, with the message and the status it deserves.
pub fn render_error<T: askama::Template>(
    err: &super::AppError,
    page: &T,
) -> Result<actix_web::HttpResponse, PageError> {
    use actix_web::ResponseError;
    let mut res = render_status(err.status_code(), page)?;
    if let super::AppError::RateLimited { retry_after, .. } = err {
        if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&retry_after.to_string()) {
            res.headers_mut().insert(actix_web::http::header::RETRY_AFTER, value);
        }
    }
    Ok(res)
}

/// A CSV download. It starts with a UTF-8 byte order mark, without which Excel reads the file
/// in the machine's legacy code page and shows Chinese as mojibake.
pub fn csv_response(name: &str, body: String) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .body(format!("\u{feff}{body}"))
}

/// The "more" link of a paged list: `base` (a path ending in `?` or `&`) with the next cursor.
pub fn more_link(base: &str, next_cursor: Option<&str>) -> Option<String> {
    next_cursor.map(|c| format!("{base}cursor={}", super::auth::percent_encode(c)))
}

/// Text made safe to put inside HTML (for the few messages that carry markup of their own).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
