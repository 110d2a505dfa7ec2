//! `/api/v1/auth/*`, `/api/v1/me` and `/api/v1/users/{username}`.

use crate::web::extractors::Json;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::OwnUser;
use super::queries;
use super::service::{self, SignupInput};
use super::signin::{self, LoginOutcome};
use super::tokens::{self, TokenKind};
use super::ApiUser;
use crate::web::openapi::{ErrorBody, Invalid, RateLimited, Unauthorized};
use crate::web::ApiResult;
use crate::AppState;

/// A new account.
#[derive(Deserialize, ToSchema)]
struct SignupBody {
    /// 3 to 30 letters a–z, digits and underscores (capitals are stored in lower case).
    #[schema(pattern = r"^[A-Za-z0-9_]{3,30}$", example = "lily_chen")]
    username: String,
    /// An address to confirm the account with, at most 254 characters. Addresses at
    /// `demo.sprout.local` are reserved.
    #[schema(format = Email, max_length = 254, example = "lily@example.com")]
    email: String,
    /// 8 to 128 characters.
    #[schema(min_length = 8, max_length = 128)]
    password: String,
}

/// A token for `Authorization: Bearer <token>` (valid for 90 days), and whom it signs in.
#[derive(Serialize, ToSchema)]
struct SignedIn {
    token: String,
    user: OwnUser,
}

/// Create an account
///
/// Sends an email to confirm the address, and answers a token, so the new member is signed
/// in at once. Limited per network address.
#[utoipa::path(
    operation_id = "signup",
    tag = "accounts",
    request_body = SignupBody,
    responses(
        (status = 201, description = "Signed up and signed in", body = SignedIn),
        (status = 409, description = "The username or the email is taken", body = ErrorBody),
        Invalid, RateLimited,
    )
)]
#[post("/api/v1/auth/signup")]
async fn signup(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<SignupBody>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let body = body.into_inner();
    let input = SignupInput {
        username: body.username,
        email: body.email,
        password: body.password,
        lang: crate::i18n::of(&req),
    };
    let user = signin::signup(&state, input).await?;
    let id = user.id;
    let token = state.db(move |conn| Ok(tokens::issue(conn, id, TokenKind::Api)?)).await?;
    tracing::info!(username = %user.username, "signed up via API");
    Ok(HttpResponse::Created().json(SignedIn { token, user: OwnUser::from(&user) }))
}

/// A username or email, and its password.
#[derive(Deserialize, ToSchema)]
struct LoginBody {
    /// The username or the email address (at most 254 characters).
    #[schema(max_length = 254, example = "lily_chen")]
    login: String,
    /// At most 128 characters.
    #[schema(max_length = 128)]
    password: String,
}

/// The refusal of a suspended account's correct password.
#[derive(Serialize, ToSchema)]
struct SuspendedBody {
    error: SuspendedDetail,
}

#[derive(Serialize, ToSchema)]
struct SuspendedDetail {
    /// Always `suspended`.
    #[schema(example = "suspended")]
    code: String,
    /// Until when, in words.
    message: String,
    /// The suspension to appeal (`POST /api/v1/moderation/actions/{id}/appeal`).
    action_id: Option<i64>,
    /// A token good for one hour for that appeal, and for nothing else: send it as
    /// `Authorization: Bearer <appeal_token>`.
    appeal_token: String,
}

/// Log in with username or email
///
/// Answers a new API token. Every failure gets the same 401, so it does not tell which
/// accounts exist. Limited per network address.
#[utoipa::path(
    operation_id = "login",
    tag = "accounts",
    request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in", body = SignedIn),
        (status = 401, description = "That username/email and password do not match", body = ErrorBody),
        (
            status = 403,
            description = "The account is suspended (code `suspended`): the message says until when, \
                and `appeal_token` lets its owner appeal",
            body = SuspendedBody
        ),
        Invalid, RateLimited,
    )
)]
#[post("/api/v1/auth/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginBody>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let body = body.into_inner();
    let user = match signin::login(&state, &body.login, &body.password).await? {
        LoginOutcome::SignedIn(user) => user,
        LoginOutcome::Suspended(s) => {
            return Ok(HttpResponse::Forbidden().json(SuspendedBody {
                error: SuspendedDetail {
                    code: "suspended".into(),
                    message: s.message.to_string(),
                    action_id: s.action_id,
                    appeal_token: s.appeal_token,
                },
            }))
        }
    };
    let id = user.id;
    let token = state.db(move |conn| Ok(tokens::issue(conn, id, TokenKind::Api)?)).await?;
    Ok(HttpResponse::Ok().json(SignedIn { token, user: OwnUser::from(&user) }))
}

/// Revoke the token used for this call
///
/// The token stops working at once; other tokens and sessions of the account stay.
#[utoipa::path(
    operation_id = "logout",
    tag = "accounts",
    security(("bearer" = [])),
    responses((status = 204, description = "Logged out: the token is revoked"), Unauthorized)
)]
#[post("/api/v1/auth/logout")]
async fn logout(state: web::Data<AppState>, req: HttpRequest, _user: ApiUser) -> ApiResult<HttpResponse> {
    let token = crate::web::auth::bearer_token(&req).unwrap_or_default();
    state.db(move |conn| Ok(tokens::revoke(conn, &token)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user
#[utoipa::path(
    operation_id = "get_me",
    tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, description = "You, with your email", body = OwnUser), Unauthorized)
)]
#[get("/api/v1/me")]
async fn me(ApiUser(user): ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(OwnUser::from(&user))
}

/// The fields to change; those left out (or null) stay as they are.
#[derive(Deserialize, ToSchema)]
struct ProfileBody {
    /// 1 to 50 characters (not only spaces); surrounding spaces are dropped.
    #[schema(min_length = 1, max_length = 50, pattern = r"\S")]
    display_name: Option<String>,
    /// Up to 500 characters.
    #[schema(max_length = 500)]
    bio: Option<String>,
    /// Opt in to (or out of) the daily digest email.
    daily_digest: Option<bool>,
}

/// Edit display name and bio
///
/// Only the fields sent change. A new display name re-indexes your notes for search.
#[utoipa::path(
    operation_id = "update_me",
    tag = "accounts",
    security(("bearer" = [])),
    request_body = ProfileBody,
    responses((status = 200, description = "You, as updated", body = OwnUser), Unauthorized, Invalid)
)]
#[patch("/api/v1/me")]
async fn update_me(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: Json<ProfileBody>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let display_name = body.display_name.unwrap_or(user.display_name.clone());
    let bio = body.bio.unwrap_or(user.bio.clone());
    let updated = state
        .db(move |conn| {
            service::save_profile(conn, &user, &display_name, &bio, user.avatar.as_deref())?;
            if let Some(on) = body.daily_digest {
                super::subscriptions::set_opt_in(conn, user.id, on)?;
            }
            Ok(queries::by_id(conn, user.id)?)
        })
        .await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(OwnUser::from(&updated)))
}

/// Where to send a password-reset link.
#[derive(Deserialize, ToSchema)]
struct ResetRequest {
    /// The account's email address (at most 254 characters).
    #[schema(format = Email, max_length = 254, example = "lily@example.com")]
    email: String,
}

/// A sentence for people.
#[derive(Serialize, ToSchema)]
struct ResetRequested {
    /// "If an account uses that email, a link to reset its password is on its way."
    message: String,
}

/// Email a password-reset link
///
/// The same answer whether or not the email has an account. The link works once, for one
/// hour. Limited per network address.
#[utoipa::path(
    operation_id = "request_password_reset",
    tag = "accounts",
    request_body = ResetRequest,
    responses(
        (status = 202, description = "A link is on its way if an account uses that email", body = ResetRequested),
        Invalid, RateLimited,
    )
)]
#[post("/api/v1/auth/password-reset")]
async fn request_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<ResetRequest>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let base_url = state.config.base_url.clone();
    let email = body.into_inner().email;
    state.db(move |conn| service::request_password_reset(conn, &email, &base_url)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Accepted().json(ResetRequested { message: msg!("forgot-sent-api").to_string() }))
}

/// The emailed token and the new password.
#[derive(Deserialize, ToSchema)]
struct ResetConfirm {
    /// The token of the emailed link (`/reset?token=…`); it works once, for one hour. Any
    /// other token is refused with 422.
    #[schema(pattern = r"^[0-9a-f]{64}$")]
    token: String,
    /// 8 to 128 characters.
    #[schema(min_length = 8, max_length = 128)]
    password: String,
}

/// The account whose password changed.
#[derive(Serialize, ToSchema)]
struct PasswordChanged {
    user: OwnUser,
    /// "Your password is changed. Log in with it."
    message: String,
}

/// Set a new password with the emailed token
///
/// The token works once, and every session and API token of the account ends: log in again
/// with the new password.
#[utoipa::path(
    operation_id = "confirm_password_reset",
    tag = "accounts",
    request_body = ResetConfirm,
    responses(
        (status = 200, description = "The password is changed", body = PasswordChanged),
        (
            status = 422,
            description = "The link is invalid, used or expired, or the password is out of bounds (`field` says which)",
            body = ErrorBody
        ),
        RateLimited,
    )
)]
#[post("/api/v1/auth/password-reset/confirm")]
async fn confirm_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<ResetConfirm>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let body = body.into_inner();
    let user = signin::confirm_reset(&state, &body.token, &body.password).await?;
    Ok(HttpResponse::Ok()
        .json(PasswordChanged { user: OwnUser::from(&user), message: msg!("reset-done").to_string() }))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(request_reset).service(confirm_reset);
    cfg.service(signup).service(login).service(logout).service(me).service(update_me);
}
