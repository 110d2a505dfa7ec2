//! CSRF protection for HTML forms by signed double-submit cookie: every visitor gets a random
//! token in a signed, HttpOnly, SameSite=Strict cookie, every form carries it in a hidden `csrf`
//! field, and a state-changing post is accepted only when the two match. (The JSON API is not
//! affected: it authenticates by bearer token, which a browser never sends on its own.)

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, CookieJar, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use std::future::{ready, Ready};

use super::AppError;
use crate::AppState;

pub const CSRF_COOKIE: &str = "sprout_csrf";

/// The body of a form whose only field is its CSRF token (a button that posts).
#[derive(Debug, serde::Deserialize)]
pub struct CsrfForm {
    pub csrf: String,
}

/// The visitor's CSRF token, for templates and for checking a submitted form.
#[derive(Clone, Debug)]
pub struct Csrf(pub String);

impl Csrf {
    /// Accepts the form only when its `csrf` field matches the visitor's cookie.
    pub fn verify(&self, submitted: &str) -> Result<(), AppError> {
        if !submitted.is_empty() && constant_time_eq(self.0.as_bytes(), submitted.as_bytes()) {
            Ok(())
        } else {
            Err(Csrf::refused())
        }
    }

    /// The refusal of a form without the right token.
    pub fn refused() -> AppError {
        AppError::Forbidden(
            "This form has expired or came from another site. Go back, reload the page and try again.".into(),
        )
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads the token from the signed cookie, or makes one and sets the cookie on the response.
pub async fn csrf_middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let Some(state) = state else {
        return next.call(req).await;
    };
    let existing = req.cookie(CSRF_COOKIE).and_then(|c| {
        let mut jar = CookieJar::new();
        jar.add_original(c.into_owned());
        jar.signed(&state.cookie_key).get(CSRF_COOKIE).map(|c| c.value().to_string())
    });
    let (token, fresh) = match existing {
        Some(token) => (token, false),
        None => (crate::accounts::tokens::random_token(), true),
    };
    req.extensions_mut().insert(Csrf(token.clone()));
    let mut res = next.call(req).await?;
    if fresh {
        let mut jar = CookieJar::new();
        jar.signed_mut(&state.cookie_key).add(
            Cookie::build(CSRF_COOKIE, token)
                .path("/")
                .http_only(true)
                .secure(state.config.secure_cookies)
                .same_site(SameSite::Strict)
                .finish(),
        );
        if let Some(cookie) = jar.get(CSRF_COOKIE) {
            res.response_mut().add_cookie(cookie)?;
        }
    }
    Ok(res)
}

impl FromRequest for Csrf {
    type Error = actix_web::Error;
    type Future = Ready<Result<Csrf, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req.extensions().get::<Csrf>().cloned();
        ready(
            token.ok_or_else(|| {
                actix_web::error::ErrorInternalServerError("CSRF middleware is not installed")
            }),
        )
    }
}
