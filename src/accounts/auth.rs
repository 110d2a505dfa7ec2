//! Who is asking: pages know the viewer by a signed session cookie, the JSON API by a bearer
//! token. Both are random tokens whose SHA-256 is looked up in `auth_tokens`, so logging out
//! really ends a session. The extractors here check it before a handler reads anything else.

use actix_web::cookie::{Cookie, CookieJar, Key, SameSite};
use actix_web::dev::Payload;
use actix_web::{http::header, web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;

use super::model::User;
use super::tokens::{self, TokenKind};
use crate::web::auth::{bearer_token, percent_encode};
use crate::web::{AppError, PageError};
use crate::AppState;

pub const SESSION_COOKIE: &str = "sprout_session";

/// The session cookie for a freshly issued token: signed, HttpOnly, SameSite=Lax.
pub fn session_cookie(state: &AppState, token: &str) -> Option<Cookie<'static>> {
    signed_session_cookie(&state.cookie_key, state.config.secure_cookies, token)
}

/// The session cookie signed with `key` (what a server with that key accepts).
pub(crate) fn signed_session_cookie(key: &Key, secure: bool, token: &str) -> Option<Cookie<'static>> {
    let mut jar = CookieJar::new();
    jar.signed_mut(key).add(
        Cookie::build(SESSION_COOKIE, token.to_string())
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::days(tokens::SESSION_DAYS))
            .finish(),
    );
    jar.get(SESSION_COOKIE).cloned()
}

/// The session token from the request's signed cookie, if it carries a valid one.
pub fn session_token(req: &HttpRequest, state: &AppState) -> Option<String> {
    let cookie = req.cookie(SESSION_COOKIE)?;
    let mut jar = CookieJar::new();
    jar.add_original(cookie.into_owned());
    jar.signed(&state.cookie_key).get(SESSION_COOKIE).map(|c| c.value().to_string())
}

fn state_of(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("AppState is not registered")))
}

#[derive(Clone)]
struct ResolvedViewer(Option<User>);

/// The user behind the request's cookie (pages) or bearer token (API), looked up once per request.
async fn resolve(req: &HttpRequest, kind: TokenKind) -> Result<Option<User>, AppError> {
    if let Some(ResolvedViewer(user)) = req.extensions().get::<ResolvedViewer>() {
        return Ok(user.clone());
    }
    let state = state_of(req)?;
    let token = match kind {
        TokenKind::Session => session_token(req, &state),
        TokenKind::Api => bearer_token(req),
        TokenKind::Reset | TokenKind::Verify | TokenKind::Appeal => None,
    };
    let unread_count = state.unread_count;
    let (user, settings, unread) = match token {
        Some(token) => {
            state
                .db(move |conn| {
                    let user = tokens::user_for_token(conn, &token, kind)?;
                    let Some(found) = &user else { return Ok((None, Default::default(), 0)) };
                    let settings = super::queries::settings_of(conn, found.id)?;
                    // A page's header shows the bell's count: read it in the same trip.
                    let unread = match kind {
                        TokenKind::Session => unread_count(conn, found.id)?,
                        _ => 0,
                    };
                    Ok((user, settings, unread))
                })
                .await?
        }
        None => (None, Default::default(), 0),
    };
    if user.is_some() {
        crate::i18n::prefer(req, settings.lang, settings.zone);
    }
    req.extensions_mut().insert(ResolvedViewer(user.clone()));
    req.extensions_mut().insert(Unread(unread));
    Ok(user)
}

/// The signed-in viewer's unread notifications, read with the viewer.
#[derive(Clone, Copy)]
pub struct Unread(pub i64);

/// The API caller, if any.
pub struct ApiViewer(pub Option<User>);

/// The API caller, who must be authenticated (401 otherwise).
pub struct ApiUser(pub User);

/// The signed-in visitor of a page; anyone else is sent to the login page and back.
pub struct PageUser(pub User);

impl FromRequest for ApiViewer {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(ApiViewer(resolve(&req, TokenKind::Api).await?)) })
    }
}

impl FromRequest for ApiUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match resolve(&req, TokenKind::Api).await? {
                Some(user) => Ok(ApiUser(user)),
                None => Err(AppError::Unauthorized(msg!("account-sign-in-first"))),
            }
        })
    }
}

/// The viewer of a page (cookie session), for the page context.
pub async fn page_viewer(req: &HttpRequest) -> Result<Option<User>, AppError> {
    resolve(req, TokenKind::Session).await
}

impl FromRequest for PageUser {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match page_viewer(&req).await {
                Ok(Some(user)) => Ok(PageUser(user)),
                Ok(None) => {
                    let next = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
                    let target = if req.method() == actix_web::http::Method::GET { next } else { "/" };
                    let location = format!("/login?next={}", percent_encode(target));
                    let res = HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish();
                    Err(actix_web::error::InternalError::from_response("login required", res).into())
                }
                Err(err) => Err(PageError(err).into()),
            }
        })
    }
}

/// The API caller, who must be signed in (401) and one of Sprout's moderators or admins (403),
/// checked before anything of the request is parsed.
pub struct ApiModerator(pub User);

/// The API caller, who must be signed in (401) and an admin (403).
pub struct ApiAdmin(pub User);

/// The signed-in visitor of a page (others go to the login page), who must be a moderator or
/// an admin (a 403 page otherwise).
pub struct PageModerator(pub User);

/// The signed-in visitor of a page, who must be an admin.
pub struct PageAdmin(pub User);

fn moderator_only(user: User) -> Result<User, AppError> {
    if user.is_moderator() {
        Ok(user)
    } else {
        Err(AppError::Forbidden(msg!("account-moderators-only")))
    }
}

fn admin_only(user: User) -> Result<User, AppError> {
    if user.is_admin {
        Ok(user)
    } else {
        Err(AppError::Forbidden(msg!("account-admins-only")))
    }
}

macro_rules! role_extractor {
    ($name:ident, $base:ident, $error:ty, $check:expr, $wrap:expr) => {
        impl FromRequest for $name {
            type Error = $error;
            type Future = LocalBoxFuture<'static, Result<Self, $error>>;

            fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let base = $base::from_request(req, payload);
                Box::pin(async move {
                    let $base(user) = base.await?;
                    $check(user).map($name).map_err($wrap)
                })
            }
        }
    };
}

role_extractor!(ApiModerator, ApiUser, AppError, moderator_only, |e| e);
role_extractor!(ApiAdmin, ApiUser, AppError, admin_only, |e| e);
role_extractor!(PageModerator, PageUser, actix_web::Error, moderator_only, |e| PageError(e).into());
role_extractor!(PageAdmin, PageUser, actix_web::Error, admin_only, |e| PageError(e).into());
