//! `/api/v1/auth/*`, `/api/v1/me` and `/api/v1/users/{username}`.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{OwnUser, PublicUser};
use super::queries;
use super::service::{self, SignupInput};
use super::signin::{self, LoginOutcome};
use super::tokens::{self, TokenKind};
use crate::web::{ApiResult, ApiUser, AppError};
use crate::AppState;

#[derive(Deserialize)]
struct SignupBody {
    username: String,
    email: String,
    password: String,
}

#[post("/api/v1/auth/signup")]
async fn signup(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<SignupBody>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let body = body.into_inner();
    let input = SignupInput { username: body.username, email: body.email, password: body.password };
    let user = signin::signup(&state, input).await?;
    let id = user.id;
    let token = state.db(move |conn| Ok(tokens::issue(conn, id, TokenKind::Api)?)).await?;
    tracing::info!(username = %user.username, "signed up via API");
    Ok(HttpResponse::Created().json(json!({ "token": token, "user": OwnUser::from(&user) })))
}

#[derive(Deserialize)]
struct LoginBody {
    login: String,
    password: String,
}

#[post("/api/v1/auth/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginBody>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let body = body.into_inner();
    let user = match signin::login(&state, &body.login, &body.password).await? {
        LoginOutcome::SignedIn(user) => user,
        LoginOutcome::Suspended(s) => {
            return Ok(HttpResponse::Forbidden().json(json!({ "error": {
                "code": "suspended",
                "message": s.message,
                "action_id": s.action_id,
                "appeal_token": s.appeal_token,
            }})))
        }
    };
    let id = user.id;
    let token = state.db(move |conn| Ok(tokens::issue(conn, id, TokenKind::Api)?)).await?;
    Ok(HttpResponse::Ok().json(json!({ "token": token, "user": OwnUser::from(&user) })))
}

#[post("/api/v1/auth/logout")]
async fn logout(state: web::Data<AppState>, req: HttpRequest, _user: ApiUser) -> ApiResult<HttpResponse> {
    let token = crate::web::auth::bearer_token(&req).unwrap_or_default();
    state.db(move |conn| Ok(tokens::revoke(conn, &token)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[get("/api/v1/me")]
async fn me(ApiUser(user): ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(OwnUser::from(&user))
}

#[derive(Deserialize)]
struct ProfileBody {
    display_name: Option<String>,
    bio: Option<String>,
    /// Opt in to (or out of) the daily digest email.
    daily_digest: Option<bool>,
}

#[patch("/api/v1/me")]
async fn update_me(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Json<ProfileBody>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let display_name = body.display_name.unwrap_or(user.display_name.clone());
    let bio = body.bio.unwrap_or(user.bio.clone());
    let updated = state
        .db(move |conn| {
            service::save_profile(conn, &user, &display_name, &bio, user.avatar.as_deref())?;
            if let Some(on) = body.daily_digest {
                crate::social::digest::set_opt_in(conn, user.id, on)?;
            }
            Ok(queries::by_id(conn, user.id)?)
        })
        .await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(OwnUser::from(&updated)))
}

#[derive(Serialize)]
struct Profile {
    #[serde(flatten)]
    user: PublicUser,
    note_count: i64,
}

#[get("/api/v1/users/{username}")]
async fn profile(state: web::Data<AppState>, username: web::Path<String>) -> ApiResult<HttpResponse> {
    let profile = state
        .db(move |conn| {
            let user =
                queries::by_username(conn, &username)?.ok_or_else(|| AppError::not_found("That user"))?;
            let note_count = crate::notes::queries::count_by_author(conn, user.id)?;
            Ok(Profile { user: (&user).into(), note_count })
        })
        .await?;
    Ok(HttpResponse::Ok().json(profile))
}

#[derive(Deserialize)]
struct ResetRequest {
    email: String,
}

#[post("/api/v1/auth/password-reset")]
async fn request_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ResetRequest>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let base_url = state.config.base_url.clone();
    let email = body.into_inner().email;
    state.db(move |conn| service::request_password_reset(conn, &email, &base_url)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Accepted().json(json!({
        "message": "If an account uses that email, a link to reset its password is on its way."
    })))
}

#[derive(Deserialize)]
struct ResetConfirm {
    token: String,
    password: String,
}

#[post("/api/v1/auth/password-reset/confirm")]
async fn confirm_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ResetConfirm>,
) -> ApiResult<HttpResponse> {
    state.rate_limiter.check(&req)?;
    let body = body.into_inner();
    let user = signin::confirm_reset(&state, &body.token, &body.password).await?;
    Ok(HttpResponse::Ok().json(
        json!({ "user": OwnUser::from(&user), "message": "Your password is changed. Log in with it." }),
    ))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(request_reset).service(confirm_reset);
    cfg.service(signup).service(login).service(logout).service(me).service(update_me).service(profile);
}
