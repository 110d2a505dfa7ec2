//! CSRF protection for HTML forms by signed double-submit cookie: every visitor gets a random
//! token in a signed, HttpOnly, SameSite=Strict cookie, every form carries it in a hidden `csrf`
//! field, and a state-changing post is accepted only when the two match. (The JSON API is not
//! affected: it authenticates by bearer token, which a browser never sends on its own.)

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, CookieJar, SameSite};
use actix_web::dev::UrlEncoded;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::ErrorInternalServerError;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::future::{ready, Ready};

use super::extractors::{form_error, no_nul, shaped, FORM_LIMIT};
use super::{AppError, PageError};
use crate::AppState;

pub const CSRF_COOKIE: &str = "sprout_csrf";

/// A urlencoded form body as `T`, accepted only when its `csrf` field matches the visitor's
/// token. The token is checked before `T` is read, so a forged post is refused (403) before
/// anything else about it is looked at; `T` needs no `csrf` field (others are ignored). Read with
/// the limit and the error shapes of [`form_config`](super::extractors::form_config): 413 when
/// over the limit, 422 when unreadable.
///
/// `CsrfForm` alone (`T` = [`NoFields`]) is the body of a button that only posts.
#[derive(Debug)]
pub struct CsrfForm<T = NoFields>(pub T);

/// A form with nothing to read but its CSRF token: any fields are accepted and ignored.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoFields {}

impl<T> CsrfForm<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for CsrfForm<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let csrf = req.extensions().get::<Csrf>().cloned();
        // The body as (name, value) pairs: `web::Form`'s reader (content type, charset,
        // compression, length), so only the check on the token comes before `T`.
        let body = UrlEncoded::<Vec<(String, String)>>::new(req, payload).limit(FORM_LIMIT);
        let req = req.clone();
        Box::pin(async move {
            let csrf = csrf.ok_or_else(|| ErrorInternalServerError("CSRF middleware is not installed"))?;
            let fields = body.await.map_err(|err| shaped(&req, form_error(err)))?;
            csrf.verify(submitted_token(&fields)).map_err(PageError)?;
            for (name, value) in &fields {
                no_nul(name, name).and_then(|_| no_nul(name, value)).map_err(|err| shaped(&req, err))?;
            }
            parse_fields(&fields).map(CsrfForm).map_err(|err| shaped(&req, err))
        })
    }
}

/// The form's first `csrf` field ("" when it has none, which [`Csrf::verify`] refuses).
fn submitted_token(fields: &[(String, String)]) -> &str {
    fields.iter().find(|(name, _)| name == "csrf").map_or("", |(_, value)| value.as_str())
}

/// Reads `T` from the form's fields as `web::Form` would from the body: the pairs are encoded
/// again, which gives back exactly the strings that were read.
fn parse_fields<T: DeserializeOwned>(fields: &[(String, String)]) -> Result<T, AppError> {
    let unreadable = |err: &dyn std::fmt::Display| {
        AppError::validation("form", msg!("form-parse-error", detail = err.to_string()))
    };
    let encoded = serde_urlencoded::to_string(fields).map_err(|err| unreadable(&err))?;
    serde_urlencoded::from_str(&encoded).map_err(|err| unreadable(&err))
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
        AppError::Forbidden(msg!("csrf-refused"))
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
        None => (super::random_token(), true),
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
        ready(token.ok_or_else(|| ErrorInternalServerError("CSRF middleware is not installed")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::StatusCode;
    use actix_web::test::TestRequest;

    #[derive(Debug, serde::Deserialize)]
    struct Quantity {
        quantity: i64,
        #[serde(default)]
        note: String,
    }

    async fn extract<T: DeserializeOwned + 'static>(body: &str) -> Result<CsrfForm<T>, StatusCode> {
        let (req, mut payload) = TestRequest::post()
            .uri("/cart")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(body.to_string())
            .to_http_parts();
        req.extensions_mut().insert(Csrf("right-token".into()));
        CsrfForm::<T>::from_request(&req, &mut payload)
            .await
            .map_err(|err| err.as_response_error().status_code())
    }

    #[actix_web::test]
    async fn a_form_with_the_right_token_is_read_without_it() {
        let form: CsrfForm<Quantity> =
            extract("quantity=3&csrf=right-token&note=a%2Bb%3Dc%26d+%C3%A9").await.unwrap();
        assert_eq!((form.quantity, form.note.as_str()), (3, "a+b=c&d é"));
        assert!(extract::<NoFields>("csrf=right-token&anything=else&x").await.is_ok());
        assert!(extract::<NoFields>("csrf=right-token").await.is_ok());
    }

    #[actix_web::test]
    async fn a_missing_or_wrong_token_is_refused_before_the_rest_is_read() {
        for body in
            ["quantity=3", "csrf=&quantity=3", "csrf=wrong-token&quantity=3", "csrf=wrong&quantity=many", ""]
        {
            assert_eq!(extract::<Quantity>(body).await.unwrap_err(), StatusCode::FORBIDDEN, "{body}");
        }
        // Only the first token counts.
        assert_eq!(
            extract::<NoFields>("csrf=wrong&csrf=right-token").await.unwrap_err(),
            StatusCode::FORBIDDEN
        );
    }

    #[actix_web::test]
    async fn an_unreadable_form_is_a_422_and_an_oversized_one_a_413() {
        let status = extract::<Quantity>("csrf=right-token&quantity=many").await.unwrap_err();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let status = extract::<Quantity>("csrf=right-token").await.unwrap_err();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let big = format!("csrf=right-token&note={}", "x".repeat(FORM_LIMIT));
        assert_eq!(extract::<Quantity>(&big).await.unwrap_err(), StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn the_parse_error_reads_like_web_forms() {
        let fields = vec![("quantity".to_string(), "many".to_string())];
        let err = parse_fields::<Quantity>(&fields).unwrap_err();
        assert!(
            err.to_string().starts_with("The form could not be read: Parse error: invalid digit"),
            "{err}"
        );
    }
}
