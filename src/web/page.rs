//! What every page template needs: who is looking and the CSRF token for its forms.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::{auth, Csrf, PageError};
use crate::accounts::model::User;

pub struct PageContext {
    pub viewer: Option<User>,
    pub csrf: String,
    /// The current path, for "log in and come back here" links.
    pub path: String,
    /// The viewer's unread notifications, for the header.
    pub unread: i64,
}

impl PageContext {
    pub fn viewer_name(&self) -> &str {
        self.viewer.as_ref().map(|u| u.username.as_str()).unwrap_or("")
    }

    pub fn is_viewer(&self, username: &str) -> bool {
        self.viewer.as_ref().is_some_and(|u| u.username == username)
    }

    pub fn is_admin(&self) -> bool {
        self.viewer.as_ref().is_some_and(|u| u.is_admin)
    }

    pub fn is_moderator(&self) -> bool {
        self.viewer.as_ref().is_some_and(|u| u.is_moderator())
    }

    pub fn login_link(&self) -> String {
        format!("/login?next={}", auth::percent_encode(&self.path))
    }
}

impl FromRequest for PageContext {
    type Error = PageError;
    type Future = LocalBoxFuture<'static, Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let viewer = auth::page_viewer(&req).await?;
            let csrf = req.extensions().get::<Csrf>().map(|c| c.0.clone()).unwrap_or_default();
            let path = req.uri().path_and_query().map(|p| p.to_string()).unwrap_or_else(|| "/".into());
            let unread = match &viewer {
                Some(user) => {
                    let state = req.app_data::<actix_web::web::Data<crate::AppState>>().cloned();
                    let id = user.id;
                    match state {
                        Some(state) => {
                            let count = state.unread_count;
                            state.db(move |conn| Ok(count(conn, id)?)).await?
                        }
                        None => 0,
                    }
                }
                None => 0,
            };
            Ok(PageContext { viewer, csrf, path, unread })
        })
    }
}

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

/// A CSV download.
pub fn csv_response(name: &str, body: String) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .body(body)
}

/// The "more" link of a paged list: `base` (a path ending in `?` or `&`) with the next cursor.
pub fn more_link(base: &str, next_cursor: Option<&str>) -> Option<String> {
    next_cursor.map(|c| format!("{base}cursor={}", super::auth::percent_encode(c)))
}
