//! The moderation API: reports, the queue, actions, the modlog, appeals and blocked words.
//! Moderator and admin calls check the caller before they read the body.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::actions::{self, ActionInput};
use super::appeals::{self, Decision};
use super::reports::{self, NewReport};
use super::target::{self, TargetType};
use super::{words, Action, Reason};
use crate::accounts::model::User;
use crate::accounts::tokens::{self, TokenKind};
use crate::db::{AppealId, BlockedWordId, ModActionId};
use crate::web::extractors::parse_json;
use crate::web::page::require_admin;
use crate::web::{ApiResult, ApiUser, AppError};
use crate::AppState;

#[derive(Deserialize)]
struct ReportBody {
    target_type: String,
    target_id: serde_json::Value,
    reason: String,
    #[serde(default)]
    details: String,
}

#[post("/api/v1/reports")]
async fn report(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let body: ReportBody = parse_json(&body)?;
    let input = NewReport {
        target_type: TargetType::parse(&body.target_type)?,
        target_id: target::raw_id(&body.target_id)?,
        reason: Reason::parse(&body.reason)?,
        details: body.details,
    };
    let limits = state.config.spam_limits();
    let (receipt, created) = state.db(move |conn| reports::create(conn, &limits, &user, &input)).await?;
    let status = if created { actix_web::http::StatusCode::CREATED } else { actix_web::http::StatusCode::OK };
    Ok(HttpResponse::build(status).json(receipt))
}

#[derive(Deserialize)]
struct QueueParams {
    status: Option<String>,
    cursor: Option<String>,
}

fn queue_params(params: &QueueParams) -> Result<(&'static str, Option<usize>), AppError> {
    let status = match params.status.as_deref().unwrap_or("open") {
        "open" => reports::OPEN,
        "resolved" => reports::RESOLVED,
        _ => return Err(AppError::validation("status", "status must be open or resolved.")),
    };
    let cursor = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(c.parse::<usize>().ok().filter(|n| *n <= 100_000).ok_or_else(|| {
            AppError::validation("cursor", "That page link is not valid; start again from the first page.")
        })?),
    };
    Ok((status, cursor))
}

#[get("/api/v1/moderation/reports")]
async fn queue(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    params: web::Query<QueueParams>,
) -> ApiResult<HttpResponse> {
    actions::require_moderator(&user)?;
    let (status, cursor) = queue_params(&params)?;
    let page = state.db(move |conn| reports::queue(conn, status, cursor, 20)).await?;
    Ok(HttpResponse::Ok().json(page))
}

#[derive(Deserialize)]
struct ActionBody {
    target_type: String,
    target_id: serde_json::Value,
    action: String,
    #[serde(default)]
    reason: String,
    days: Option<i64>,
}

/// Reads an action's JSON (after the caller was found to be a moderator).
fn action_input(body: &[u8]) -> Result<ActionInput, AppError> {
    let body: ActionBody = parse_json(body)?;
    Ok(ActionInput {
        target_type: TargetType::parse(&body.target_type)?,
        target_id: target::raw_id(&body.target_id)?,
        action: Action::parse(&body.action)?,
        reason: body.reason,
        days: body.days,
    })
}

#[post("/api/v1/moderation/actions")]
async fn act(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    actions::require_moderator(&user)?;
    let input = action_input(&body)?;
    let base_url = state.config.base_url.clone();
    let action = state.db(move |conn| actions::apply(conn, &user, &input, &base_url)).await?;
    state.search_changed();
    state.jobs_changed();
    Ok(HttpResponse::Created().json(action))
}

#[derive(Deserialize)]
struct ModlogParams {
    cursor: Option<String>,
}

/// A modlog cursor: the id of the last action shown.
pub fn modlog_cursor(cursor: Option<&str>) -> Result<Option<i64>, AppError> {
    match cursor.filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => c.parse::<i64>().ok().filter(|n| *n > 0).map(Some).ok_or_else(|| {
            AppError::validation("cursor", "That page link is not valid; start again from the first page.")
        }),
    }
}

#[get("/api/v1/modlog")]
async fn modlog(state: web::Data<AppState>, params: web::Query<ModlogParams>) -> ApiResult<HttpResponse> {
    let before = modlog_cursor(params.cursor.as_deref())?;
    let page = state.db(move |conn| Ok(actions::modlog(conn, before, 50)?)).await?;
    Ok(HttpResponse::Ok().json(page))
}

#[derive(Deserialize)]
struct AppealBody {
    text: String,
}

/// The member an appeal comes from: a signed-in member's API token, or the appeal token a
/// suspended member got at login.
async fn appellant(state: &AppState, req: &HttpRequest) -> Result<User, AppError> {
    let token = crate::web::auth::bearer_token(req).ok_or_else(|| {
        AppError::Unauthorized(
            "Sign in first: send 'Authorization: Bearer <token>' from /api/v1/auth/login.".into(),
        )
    })?;
    state
        .db(move |conn| {
            let user = match tokens::user_for_token(conn, &token, TokenKind::Api)? {
                Some(user) => Some(user),
                None => tokens::user_for_token(conn, &token, TokenKind::Appeal)?,
            };
            user.ok_or_else(|| {
                AppError::Unauthorized("That token is not valid (any more); log in again.".into())
            })
        })
        .await
}

#[post("/api/v1/moderation/actions/{id}/appeal")]
async fn appeal(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let user = appellant(&state, &req).await?;
    let body: AppealBody = parse_json(&body)?;
    let action = ModActionId(*id);
    let filed = state.db(move |conn| appeals::appeal(conn, &user, action, &body.text)).await?;
    Ok(HttpResponse::Created().json(filed))
}

#[get("/api/v1/moderation/appeals")]
async fn open_appeals(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    actions::require_moderator(&user)?;
    let items = state.db(appeals::open).await?;
    Ok(HttpResponse::Ok().json(json!({ "items": items })))
}

#[derive(Deserialize)]
struct DecisionBody {
    decision: Decision,
}

#[post("/api/v1/moderation/appeals/{id}")]
async fn decide(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    actions::require_moderator(&user)?;
    let body: DecisionBody = parse_json(&body)?;
    let (id, base_url) = (AppealId(*id), state.config.base_url.clone());
    let decided = state.db(move |conn| appeals::decide(conn, &user, id, body.decision, &base_url)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(decided))
}

#[get("/api/v1/admin/blocked-words")]
async fn blocked_words(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    require_admin(&user)?;
    let items = state.db(|conn| Ok(words::list(conn)?)).await?;
    Ok(HttpResponse::Ok().json(json!({ "items": items })))
}

#[derive(Deserialize)]
struct WordBody {
    phrase: String,
}

#[post("/api/v1/admin/blocked-words")]
async fn add_blocked_word(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    require_admin(&user)?;
    let body: WordBody = parse_json(&body)?;
    let word = state.db(move |conn| words::add(conn, &user, &body.phrase)).await?;
    Ok(HttpResponse::Created().json(word))
}

#[delete("/api/v1/admin/blocked-words/{id}")]
async fn remove_blocked_word(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    require_admin(&user)?;
    let id = BlockedWordId(*id);
    state.db(move |conn| words::remove(conn, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize)]
struct WordRef {
    phrase: Option<String>,
    id: Option<i64>,
}

/// Removes a blocked word named in the body (`{phrase}` or `{id}`), as the list's own address
/// takes GET, POST and DELETE.
#[delete("/api/v1/admin/blocked-words")]
async fn remove_blocked_phrase(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    require_admin(&user)?;
    let body: WordRef = parse_json(&body)?;
    state
        .db(move |conn| match (body.id, body.phrase) {
            (Some(id), _) => words::remove(conn, BlockedWordId(id)),
            (None, Some(phrase)) => words::remove_phrase(conn, &phrase),
            (None, None) => {
                Err(AppError::validation("phrase", "Say which phrase to remove: {\"phrase\": \"…\"}."))
            }
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(report)
        .service(queue)
        .service(act)
        .service(modlog)
        .service(appeal)
        .service(open_appeals)
        .service(decide)
        .service(blocked_words)
        .service(add_blocked_word)
        .service(remove_blocked_word)
        .service(remove_blocked_phrase);
}
