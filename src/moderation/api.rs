//! The moderation API: reports, the queue, actions, the modlog, appeals and blocked words.
//! Moderator and admin calls check the caller before they read the body.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{
    KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, PartialSchema, ToSchema};

use super::actions::{self, ActionInput, ModAction, ModlogPage};
use super::appeals::{self, AppealView, Decision};
use super::reports::{self, NewReport, QueuePage, ReportReceipt};
use super::target::{self, TargetType};
use super::words::{self, BlockedWord};
use super::{Action, Reason};
use crate::accounts::model::User;
use crate::accounts::tokens::{self, TokenKind};
use crate::accounts::{ApiAdmin, ApiModerator, ApiUser};
use crate::db::{AppealId, BlockedWordId, ModActionId};
use crate::web::extractors::parse_json;
use crate::web::openapi::{ErrorBody, Invalid, NotFound, RateLimited, Unauthorized};
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// `target_id`: a number, or a string (a username for a user, or an id's digits).
fn target_id_schema() -> RefOr<Schema> {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(i64::MIN))
                .maximum(Some(i64::MAX)),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(64))
                .pattern(Some(r"\S")),
        )
        .description(Some(
            "The id of the note, comment, product or list; for a user, the username (a leading @ is ignored).",
        ))
        .into()
}

/// What is reported, and why.
#[derive(Deserialize, ToSchema)]
struct ReportBody {
    #[schema(value_type = TargetType)]
    target_type: String,
    #[schema(schema_with = target_id_schema)]
    target_id: serde_json::Value,
    #[schema(value_type = Reason)]
    reason: String,
    /// A few words for the moderators, at most 1,000 characters.
    #[serde(default)]
    #[schema(max_length = 1000)]
    details: String,
}

/// Report a note, comment, user, product or list
///
/// Once per reporter and target (the same report again answers the first one, with 200);
/// never one's own content or account. Nobody but moderators sees who reported. Reports a day
/// are limited.
#[utoipa::path(
    operation_id = "create_report",
    tag = "moderation",
    security(("bearer" = [])),
    request_body = ReportBody,
    responses(
        (status = 201, description = "Reported", body = ReportReceipt),
        (status = 200, description = "You reported this already: your first report", body = ReportReceipt),
        Unauthorized,
        (status = 404, description = "There is no such target", body = ErrorBody),
        (status = 422, description = "A field is out of bounds, or the target is your own", body = ErrorBody),
        RateLimited,
    )
)]
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

/// `status`: which reports the queue shows.
fn queue_status_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([reports::OPEN, reports::RESOLVED]))
        .description(Some(
            "open (when not given): reports waiting for a moderator; resolved: those acted on.",
        ))
        .into()
}

/// A page cursor of 1 to `digits` digits, or nothing (the first page).
fn digits_cursor(cursor: Option<&str>, digits: usize) -> Result<Option<&str>, AppError> {
    match cursor.filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) if c.len() <= digits && c.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(c)),
        Some(_) => Err(bad_cursor()),
    }
}

fn bad_cursor() -> AppError {
    AppError::validation("cursor", msg!("mod-bad-cursor"))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct QueueParams {
    #[param(schema_with = queue_status_schema)]
    status: Option<String>,
    /// `next_cursor` of the previous page; none (or empty) for the first page.
    #[param(pattern = r"^[0-9]{0,6}$")]
    cursor: Option<String>,
}

fn queue_params(params: &QueueParams) -> Result<(&'static str, Option<usize>), AppError> {
    let status = match params.status.as_deref().unwrap_or("open") {
        "open" => reports::OPEN,
        "resolved" => reports::RESOLVED,
        _ => return Err(AppError::validation("status", msg!("reports-status-invalid"))),
    };
    let cursor = match digits_cursor(params.cursor.as_deref(), 6)? {
        None => None,
        Some(c) => Some(c.parse::<usize>().map_err(|_| bad_cursor())?),
    };
    Ok((status, cursor))
}

/// The queue (moderators)
///
/// Reported targets, most-reported first (then the most recently reported), 20 a page, each
/// with its reports (who reported, why, their words) and how the target reads now.
#[utoipa::path(
    operation_id = "list_reports",
    tag = "moderation",
    security(("bearer" = [])),
    params(QueueParams),
    responses(
        (status = 200, description = "One page of the queue", body = QueuePage),
        Unauthorized,
        (status = 403, description = "Not a moderator", body = ErrorBody),
        Invalid,
    )
)]
#[get("/api/v1/moderation/reports")]
async fn queue(
    state: web::Data<AppState>,
    _moderator: ApiModerator,
    params: web::Query<QueueParams>,
) -> ApiResult<HttpResponse> {
    let (status, cursor) = queue_params(&params)?;
    let page = state.db(move |conn| reports::queue(conn, status, cursor, 20)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A moderator's action on a target.
#[derive(Deserialize, ToSchema)]
struct ActionBody {
    #[schema(value_type = TargetType)]
    target_type: String,
    #[schema(schema_with = target_id_schema)]
    target_id: serde_json::Value,
    /// hide and restore are for notes, comments, products and lists; suspend and unsuspend
    /// for users (send target_type `user` with the username); dismiss and warn for any.
    #[schema(value_type = Action)]
    action: String,
    /// Why, 1 to 500 characters (not only spaces): it is shown in the public modlog.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 500, pattern = r"\S")]
    reason: String,
    /// A suspension's length in days, 1 to 3,650; leave it out (or null) to suspend for good.
    /// Other actions ignore it.
    #[schema(minimum = 1, maximum = 3650)]
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

/// Act on a target (moderators)
///
/// Resolves the target's open reports, tells the reporters and the author, and is listed in
/// the public modlog. Suspending ends every session of the account. A moderator's own content
/// or account needs another moderator (or an admin), and only an admin suspends a moderator.
#[utoipa::path(
    operation_id = "create_moderation_action",
    tag = "moderation",
    security(("bearer" = [])),
    request_body = ActionBody,
    responses(
        (status = 201, description = "Done: the action as the modlog lists it", body = ModAction),
        Unauthorized,
        (
            status = 403,
            description = "Not a moderator; or your own content or account; or suspending a moderator without being an admin",
            body = ErrorBody
        ),
        (status = 404, description = "There is no such target", body = ErrorBody),
        (
            status = 422,
            description = "A field is out of bounds, or the action does not fit the target (an account is suspended, not hidden)",
            body = ErrorBody
        ),
    )
)]
#[post("/api/v1/moderation/actions")]
async fn act(
    state: web::Data<AppState>,
    ApiModerator(user): ApiModerator,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let input = action_input(&body)?;
    let base_url = state.config.base_url.clone();
    let action = state.db(move |conn| actions::apply(conn, &user, &input, &base_url)).await?;
    state.search_changed();
    state.jobs_changed();
    Ok(HttpResponse::Created().json(action))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ModlogParams {
    /// `next_cursor` of the previous page; none (or empty) for the first page.
    #[param(pattern = r"^(0*[1-9][0-9]{0,17})?$")]
    cursor: Option<String>,
}

/// A modlog cursor: the id of the last action shown (1 to 18 digits, leading zeros aside).
pub fn modlog_cursor(cursor: Option<&str>) -> Result<Option<i64>, AppError> {
    match cursor.filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => Some(c)
            .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|c| c.parse::<i64>().ok())
            .filter(|n| (1..1_000_000_000_000_000_000).contains(n))
            .map(Some)
            .ok_or_else(bad_cursor),
    }
}

/// The public modlog
///
/// Every moderator action, newest first, 50 a page: what kind of target, the action, the
/// reason, when. Never who reported, nor which moderator.
#[utoipa::path(
    operation_id = "list_modlog",
    tag = "moderation",
    params(ModlogParams),
    responses((status = 200, description = "One page of the modlog", body = ModlogPage), Invalid)
)]
#[get("/api/v1/modlog")]
async fn modlog(state: web::Data<AppState>, params: web::Query<ModlogParams>) -> ApiResult<HttpResponse> {
    let before = modlog_cursor(params.cursor.as_deref())?;
    let page = state.db(move |conn| Ok(actions::modlog(conn, before, 50)?)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// An appeal, in the appellant's own words.
#[derive(Deserialize, ToSchema)]
struct AppealBody {
    /// 1 to 2,000 characters (not only spaces).
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    text: String,
}

/// The member an appeal comes from: a signed-in member's API token, or the appeal token a
/// suspended member got at login.
async fn appellant(state: &AppState, req: &HttpRequest) -> Result<User, AppError> {
    let token = crate::web::auth::bearer_token(req)
        .ok_or_else(|| AppError::Unauthorized(msg!("appeal-sign-in-first")))?;
    state
        .db(move |conn| {
            let user = match tokens::user_for_token(conn, &token, TokenKind::Api)? {
                Some(user) => Some(user),
                None => tokens::user_for_token(conn, &token, TokenKind::Appeal)?,
            };
            user.ok_or_else(|| AppError::Unauthorized(msg!("appeal-token-invalid")))
        })
        .await
}

/// Appeal a hide or suspension, once
///
/// By the person it concerns. A suspended member sends the `appeal_token` their login
/// answered as the bearer token.
#[utoipa::path(
    operation_id = "appeal_moderation_action",
    tag = "moderation",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The moderation action's id (`action_id`)")),
    request_body = AppealBody,
    responses(
        (status = 201, description = "Appealed: a moderator will decide", body = AppealView),
        (status = 401, description = "No valid API token or appeal token", body = ErrorBody),
        (status = 404, description = "No such action concerns you", body = ErrorBody),
        (status = 409, description = "You appealed this already", body = ErrorBody),
        (
            status = 422,
            description = "The text is out of bounds, or the action is neither a hide nor a suspension",
            body = ErrorBody
        ),
    )
)]
#[post("/api/v1/moderation/actions/{id}/appeal")]
async fn appeal(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<ModActionId>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let user = appellant(&state, &req).await?;
    let body: AppealBody = parse_json(&body)?;
    let action = *id;
    let filed = state.db(move |conn| appeals::appeal(conn, &user, action, &body.text)).await?;
    Ok(HttpResponse::Created().json(filed))
}

/// Open appeals, oldest first (at most 100).
#[derive(Serialize, ToSchema)]
struct AppealList {
    items: Vec<AppealView>,
}

/// Open appeals (moderators)
#[utoipa::path(
    operation_id = "list_appeals",
    tag = "moderation",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Open appeals, oldest first (at most 100)", body = AppealList),
        Unauthorized,
        (status = 403, description = "Not a moderator", body = ErrorBody),
    )
)]
#[get("/api/v1/moderation/appeals")]
async fn open_appeals(state: web::Data<AppState>, _moderator: ApiModerator) -> ApiResult<HttpResponse> {
    let items = state.db(appeals::open).await?;
    Ok(HttpResponse::Ok().json(AppealList { items }))
}

/// A moderator's decision on an appeal.
#[derive(Deserialize, ToSchema)]
struct DecisionBody {
    decision: Decision,
}

/// Decide an appeal (moderators)
///
/// Reversing restores the target or lifts the suspension (a new action in the modlog);
/// upholding leaves it. The appellant is told either way.
#[utoipa::path(
    operation_id = "decide_appeal",
    tag = "moderation",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The appeal's id")),
    request_body = DecisionBody,
    responses(
        (status = 200, description = "The decided appeal", body = AppealView),
        Unauthorized,
        (status = 403, description = "Not a moderator", body = ErrorBody),
        NotFound,
        (status = 409, description = "The appeal was decided already", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/moderation/appeals/{id}")]
async fn decide(
    state: web::Data<AppState>,
    ApiModerator(user): ApiModerator,
    id: web::Path<AppealId>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let body: DecisionBody = parse_json(&body)?;
    let (id, base_url) = (*id, state.config.base_url.clone());
    let decided = state.db(move |conn| appeals::decide(conn, &user, id, body.decision, &base_url)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(decided))
}

/// The blocked words and phrases, in alphabetical order.
#[derive(Serialize, ToSchema)]
struct BlockedWordList {
    items: Vec<BlockedWord>,
}

/// The blocked words and phrases (admins)
#[utoipa::path(
    operation_id = "list_blocked_words",
    tag = "moderation",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The list, alphabetical", body = BlockedWordList),
        Unauthorized,
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
#[get("/api/v1/admin/blocked-words")]
async fn blocked_words(state: web::Data<AppState>, _admin: ApiAdmin) -> ApiResult<HttpResponse> {
    let items = state.db(|conn| Ok(words::list(conn)?)).await?;
    Ok(HttpResponse::Ok().json(BlockedWordList { items }))
}

/// A word or phrase to block.
#[derive(Deserialize, ToSchema)]
struct WordBody {
    /// 1 to 100 characters (not only spaces); stored in lower case with runs of spaces as one,
    /// and matched so.
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    phrase: String,
}

/// Add a blocked word or phrase (admins)
///
/// Notes and comments containing one are held for review. Adding one that is listed already
/// answers the one listed. The list holds at most 1,000.
#[utoipa::path(
    operation_id = "add_blocked_word",
    tag = "moderation",
    security(("bearer" = [])),
    request_body = WordBody,
    responses(
        (status = 201, description = "Listed", body = BlockedWord),
        Unauthorized,
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "The phrase is out of bounds, or the list is full", body = ErrorBody),
    )
)]
#[post("/api/v1/admin/blocked-words")]
async fn add_blocked_word(
    state: web::Data<AppState>,
    ApiAdmin(user): ApiAdmin,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let body: WordBody = parse_json(&body)?;
    let word = state.db(move |conn| words::add(conn, &user, &body.phrase)).await?;
    Ok(HttpResponse::Created().json(word))
}

/// Remove a blocked word (admins)
#[utoipa::path(
    operation_id = "remove_blocked_word",
    tag = "moderation",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The blocked word's id")),
    responses(
        (status = 204, description = "Removed"),
        Unauthorized,
        (status = 403, description = "Not an admin", body = ErrorBody),
        NotFound,
    )
)]
#[delete("/api/v1/admin/blocked-words/{id}")]
async fn remove_blocked_word(
    state: web::Data<AppState>,
    _admin: ApiAdmin,
    id: web::Path<BlockedWordId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| words::remove(conn, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Which blocked word to remove: `{"id": …}`, or `{"phrase": …}` (case and spacing aside).
/// An id wins over a phrase.
#[derive(Deserialize)]
struct WordRef {
    phrase: Option<String>,
    id: Option<i64>,
}

// By hand: one of the two is needed, which the derived schema cannot say.
impl PartialSchema for WordRef {
    fn schema() -> RefOr<Schema> {
        let id = || {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .description(Some("The blocked word's id"))
        };
        let phrase = || ObjectBuilder::new().schema_type(Type::String).description(Some("The phrase"));
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .title(Some("By id"))
                    .property("id", id())
                    .required("id")
                    .property("phrase", phrase().schema_type(SchemaType::from_iter([Type::String, Type::Null]))),
            )
            .item(
                ObjectBuilder::new()
                    .title(Some("By phrase"))
                    .property("phrase", phrase())
                    .required("phrase")
                    .property("id", ObjectBuilder::new().schema_type(Type::Null)),
            )
            .description(Some(
                "Which blocked word to remove: `{\"id\": …}`, or `{\"phrase\": …}` (case and spacing aside). \
                 An id wins over a phrase.",
            ))
            .into()
    }
}

impl ToSchema for WordRef {}

/// Remove a blocked word named in the body (admins)
///
/// For clients that name it by its words: `{"phrase": …}`, or `{"id": …}`.
#[utoipa::path(
    operation_id = "remove_blocked_phrase",
    tag = "moderation",
    security(("bearer" = [])),
    request_body = WordRef,
    responses(
        (status = 204, description = "Removed"),
        Unauthorized,
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such blocked word", body = ErrorBody),
        Invalid,
    )
)]
#[delete("/api/v1/admin/blocked-words")]
async fn remove_blocked_phrase(
    state: web::Data<AppState>,
    _admin: ApiAdmin,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let body: WordRef = parse_json(&body)?;
    state
        .db(move |conn| match (body.id, body.phrase) {
            (Some(id), _) => words::remove(conn, BlockedWordId(id)),
            (None, Some(phrase)) => words::remove_phrase(conn, &phrase),
            (None, None) => Err(AppError::validation("phrase", msg!("words-say-which"))),
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn configure(cfg: &mut crate::web::Routes) {
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
