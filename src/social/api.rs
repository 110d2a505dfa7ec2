//! Follows, followers and following lists, the following feed, likes, boards, comments, blocks
//! and notifications.

use crate::web::extractors::Json;
use actix_web::{delete, get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::boards::BoardView;
use super::notifications::NotificationView;
use super::{blocks, boards, notifications, queries, service};
use crate::accounts::model::{PublicUser, User};
use crate::accounts::queries as user_queries;
use crate::accounts::{ApiUser, ApiViewer};
use crate::db::{BoardId, CommentId, NoteId};
use crate::notes::comments::{self, CommentView};
use crate::notes::model::NotePage;
use crate::notes::queries::FeedQuery;
use crate::notes::ranking::FeedSort;
use crate::web::cursor::PageParams;
use crate::web::openapi::{ErrorBody, Invalid, NotFound, RateLimited, Unauthorized};
use crate::web::{ApiResult, AppError, Cursor};
use crate::AppState;

/// Paging of a newest-first list: `?cursor=` from the previous page's `next_cursor`, and
/// `?limit=` items a page.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct TimePageParams {
    /// `next_cursor` of the previous page of this list; none for the first page.
    #[param(pattern = r"^(t-?[0-9]{1,16}\.[0-9]{1,18})?$")]
    cursor: Option<String>,
    /// Items a page, 1 to 60 (20 when not given).
    #[param(minimum = 1, maximum = 60)]
    limit: Option<i64>,
}

impl TimePageParams {
    /// The cursor (a newest-first one: another ordering's is refused) and the page size.
    fn page(&self) -> Result<(Option<Cursor>, i64), AppError> {
        let page = PageParams { cursor: self.cursor.clone(), limit: self.limit };
        let cursor = page.cursor()?;
        if cursor.is_some_and(|c| !matches!(c, Cursor::Time { .. })) {
            return Err(AppError::validation("cursor", msg!("feed-wrong-cursor-link")));
        }
        Ok((cursor, page.limit()?))
    }
}

/// A user, and whether you follow them now.
#[derive(Serialize, ToSchema)]
struct FollowState {
    user: PublicUser,
    /// True after a follow, false after an unfollow.
    following: bool,
}

impl FollowState {
    fn new(user: &User, following: bool) -> FollowState {
        FollowState { user: user.into(), following }
    }
}

/// Follow (idempotent)
///
/// Following someone you already follow changes nothing. New follows count against your
/// follows an hour.
#[utoipa::path(
    operation_id = "follow_user",
    tag = "social",
    security(("bearer" = [])),
    params(("username" = String, Path, description = "Whom to follow")),
    responses(
        (status = 200, description = "You follow them", body = FollowState),
        Unauthorized,
        (status = 403, description = "One of you blocked the other", body = ErrorBody),
        NotFound,
        (status = 422, description = "You cannot follow yourself", body = ErrorBody),
        RateLimited,
    )
)]
#[post("/api/v1/users/{username}/follow")]
async fn follow(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let limits = state.config.spam_limits();
    let user = state.db(move |conn| service::follow(conn, &limits, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(FollowState::new(&user, true)))
}

/// Unfollow (idempotent)
///
/// Unfollowing someone you do not follow changes nothing.
#[utoipa::path(
    operation_id = "unfollow_user",
    tag = "social",
    security(("bearer" = [])),
    params(("username" = String, Path, description = "Whom to stop following")),
    responses(
        (status = 200, description = "You no longer follow them", body = FollowState),
        Unauthorized, NotFound,
    )
)]
#[delete("/api/v1/users/{username}/follow")]
async fn unfollow(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let user = state.db(move |conn| service::unfollow(conn, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(FollowState::new(&user, false)))
}

/// One page of users, the latest follow first, and the cursor of the next page, if any.
#[derive(Serialize, ToSchema)]
struct FollowPage {
    items: Vec<PublicUser>,
    next_cursor: Option<String>,
}

async fn follow_list(
    state: &AppState,
    username: String,
    params: &TimePageParams,
    followers: bool,
) -> ApiResult<HttpResponse> {
    let (cursor, limit) = params.page()?;
    let page = state
        .db(move |conn| {
            let user = user_queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            Ok(queries::follow_list(conn, user.id, followers, cursor, limit + 1)?)
        })
        .await?;
    let more = page.len() as i64 > limit;
    let page = &page[..page.len().min(limit as usize)];
    let next_cursor =
        page.last().filter(|_| more).map(|(u, at)| Cursor::Time { created_at: *at, id: u.id.0 }.encode());
    let items: Vec<PublicUser> = page.iter().map(|(u, _)| u.into()).collect();
    Ok(HttpResponse::Ok().json(FollowPage { items, next_cursor }))
}

/// Who follows this user, newest first
#[utoipa::path(
    operation_id = "list_followers",
    tag = "social",
    params(("username" = String, Path, description = "Whose followers"), TimePageParams),
    responses((status = 200, description = "One page of followers", body = FollowPage), NotFound, Invalid)
)]
#[get("/api/v1/users/{username}/followers")]
async fn list_followers(
    state: web::Data<AppState>,
    username: web::Path<String>,
    params: web::Query<TimePageParams>,
) -> ApiResult<HttpResponse> {
    follow_list(&state, username.into_inner(), &params, true).await
}

/// Whom this user follows, newest first
#[utoipa::path(
    operation_id = "list_following",
    tag = "social",
    params(("username" = String, Path, description = "Whose follows"), TimePageParams),
    responses((status = 200, description = "One page of followed users", body = FollowPage), NotFound, Invalid)
)]
#[get("/api/v1/users/{username}/following")]
async fn list_following(
    state: web::Data<AppState>,
    username: web::Path<String>,
    params: web::Query<TimePageParams>,
) -> ApiResult<HttpResponse> {
    follow_list(&state, username.into_inner(), &params, false).await
}

/// Notes by people you follow, newest first
#[utoipa::path(
    operation_id = "list_feed",
    tag = "social",
    security(("bearer" = [])),
    params(TimePageParams),
    responses((status = 200, description = "One page of notes", body = NotePage), Unauthorized, Invalid)
)]
#[get("/api/v1/feed")]
async fn feed(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    params: web::Query<TimePageParams>,
) -> ApiResult<HttpResponse> {
    let (cursor, limit) = params.page()?;
    let query = FeedQuery {
        views: Some(state.note_views.clone()),
        followed_by: Some(me.id),
        viewer: Some(me.id),
        sort: FeedSort::New,
        cursor,
        limit,
        ..Default::default()
    };
    let page = state
        .db(move |conn| {
            let mut page = query.load(conn)?;
            crate::notes::queries::mark_liked(conn, Some(&me), &mut page.items)?;
            Ok(page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A note's like count, and whether you like it now.
#[derive(Serialize, ToSchema)]
struct LikeState {
    like_count: i64,
    /// True after a like, false after an unlike.
    liked_by_me: bool,
}

/// Like (idempotent)
///
/// Liking a note you already like changes nothing.
#[utoipa::path(
    operation_id = "like_note",
    tag = "social",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    responses((status = 200, description = "You like it", body = LikeState), Unauthorized, NotFound)
)]
#[post("/api/v1/notes/{id}/like")]
async fn like(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<NoteId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let like_count = state.db(move |conn| service::like(conn, &me, id)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(LikeState { like_count, liked_by_me: true }))
}

/// Unlike (idempotent)
///
/// Unliking a note you do not like changes nothing.
#[utoipa::path(
    operation_id = "unlike_note",
    tag = "social",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    responses((status = 200, description = "You no longer like it", body = LikeState), Unauthorized, NotFound)
)]
#[delete("/api/v1/notes/{id}/like")]
async fn unlike(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<NoteId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let like_count = state.db(move |conn| service::unlike(conn, &me, id)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(LikeState { like_count, liked_by_me: false }))
}

/// A new board.
#[derive(Deserialize, ToSchema)]
struct NewBoard {
    /// 1 to 40 characters (not only spaces), trimmed; unlike any other board of yours.
    #[schema(min_length = 1, max_length = 40, pattern = r"\S")]
    name: String,
    /// Visible to you only (to anyone else it answers 404).
    #[serde(default)]
    #[schema(default = false)]
    private: bool,
}

/// A board as made.
#[derive(Serialize, ToSchema)]
struct BoardSummary {
    id: BoardId,
    name: String,
    private: bool,
    /// The board's page.
    url: String,
}

/// Create a board
#[utoipa::path(
    operation_id = "create_board",
    tag = "social",
    security(("bearer" = [])),
    request_body = NewBoard,
    responses(
        (status = 201, description = "Made", body = BoardSummary),
        Unauthorized,
        (status = 409, description = "You already have a board by that name", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/boards")]
async fn create_board(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    body: Json<NewBoard>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let board = state.db(move |conn| boards::create(conn, &me, &body.name, body.private)).await?;
    Ok(HttpResponse::Created().json(BoardSummary {
        url: format!("/boards/{}", board.id),
        id: board.id,
        name: board.name,
        private: board.private,
    }))
}

/// The note to save.
#[derive(Deserialize, ToSchema)]
struct BoardItem {
    /// A note you may see.
    note_id: i64,
}

/// A note's save count after the change.
#[derive(Serialize, ToSchema)]
struct BoardItemState {
    note_id: NoteId,
    /// On all boards, everyone's.
    save_count: i64,
}

/// Save a note into your board (idempotent)
#[utoipa::path(
    operation_id = "save_board_item",
    tag = "social",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The board's id")),
    request_body = BoardItem,
    responses(
        (status = 200, description = "Saved", body = BoardItemState),
        Unauthorized,
        (status = 403, description = "Someone else's board", body = ErrorBody),
        (status = 404, description = "No such board or note that you may see", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/boards/{id}/items")]
async fn save_item(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<BoardId>,
    body: Json<BoardItem>,
) -> ApiResult<HttpResponse> {
    let (board, note_id) = (*id, NoteId(body.note_id));
    let save_count = state.db(move |conn| boards::save(conn, &me, board, note_id)).await?;
    Ok(HttpResponse::Ok().json(BoardItemState { note_id, save_count }))
}

/// Remove a note from your board
///
/// Removing a note that is not on the board changes nothing.
#[utoipa::path(
    operation_id = "remove_board_item",
    tag = "social",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The board's id"),
        ("note_id" = i64, Path, description = "The note's id"),
    ),
    responses(
        (status = 200, description = "Not on the board (any more)", body = BoardItemState),
        Unauthorized,
        (status = 403, description = "Someone else's board", body = ErrorBody),
        NotFound,
    )
)]
#[delete("/api/v1/boards/{id}/items/{note_id}")]
async fn unsave_item(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<(BoardId, NoteId)>,
) -> ApiResult<HttpResponse> {
    let (board, note_id) = path.into_inner();
    let save_count = state.db(move |conn| boards::unsave(conn, &me, board, note_id)).await?;
    Ok(HttpResponse::Ok().json(BoardItemState { note_id, save_count }))
}

/// A board and its notes (404 for someone else's private board)
#[utoipa::path(
    operation_id = "get_board",
    tag = "social",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The board's id")),
    responses((status = 200, description = "The board and its notes", body = BoardView), NotFound)
)]
#[get("/api/v1/boards/{id}")]
async fn show_board(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<BoardId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let board = state.db(move |conn| boards::show(conn, viewer.as_ref(), id)).await?;
    Ok(HttpResponse::Ok().json(board))
}

/// A new comment, or a reply.
#[derive(Deserialize, ToSchema)]
struct NewComment {
    /// 1 to 1,000 characters (not only spaces), trimmed. The same text a third time within
    /// the hour is refused (422); `@name` mentions notify those named.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    body: String,
    /// The comment replied to; it must be on this note (422 otherwise). A reply to a reply
    /// joins the same thread.
    parent_id: Option<i64>,
}

/// Comment, or reply with parent_id (one level of nesting)
///
/// Spam limits apply; a comment with a blocked word is held for a moderator (`moderation` is
/// `held`, and only you see it).
#[utoipa::path(
    operation_id = "add_comment",
    tag = "social",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    request_body = NewComment,
    responses(
        (status = 201, description = "Posted", body = CommentView),
        Unauthorized,
        (status = 403, description = "The note's author blocked you", body = ErrorBody),
        NotFound,
        (status = 422, description = "A field is missing, malformed or out of bounds, `parent_id` is not on this note, or the same text was sent too often (`field` names it)", body = ErrorBody),
        RateLimited,
    )
)]
#[post("/api/v1/notes/{id}/comments")]
async fn add_comment(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<NoteId>,
    body: Json<NewComment>,
) -> ApiResult<HttpResponse> {
    let note = *id;
    let body = body.into_inner();
    let limits = state.config.spam_limits();
    let comment = state
        .db(move |conn| comments::add(conn, &limits, &me, note, &body.body, body.parent_id.map(CommentId)))
        .await?;
    Ok(HttpResponse::Created().json(comment))
}

/// A note's comment threads.
#[derive(Serialize, ToSchema)]
struct CommentThreads {
    /// Top-level comments, oldest first, each with its replies.
    items: Vec<CommentView>,
}

/// Comment threads, oldest first, each with its replies
///
/// Comments by people you blocked are left out.
#[utoipa::path(
    operation_id = "list_comments",
    tag = "social",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    responses((status = 200, description = "The threads", body = CommentThreads), NotFound)
)]
#[get("/api/v1/notes/{id}/comments")]
async fn list_comments(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<NoteId>,
) -> ApiResult<HttpResponse> {
    let note = *id;
    let items = state.db(move |conn| comments::threads(conn, viewer.as_ref(), note)).await?;
    Ok(HttpResponse::Ok().json(CommentThreads { items }))
}

/// Delete a comment (its author or the note's author); replies go with it
#[utoipa::path(
    operation_id = "delete_comment",
    tag = "social",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted, with its replies"),
        Unauthorized,
        (status = 403, description = "Neither the comment's author nor the note's", body = ErrorBody),
        NotFound,
    )
)]
#[delete("/api/v1/comments/{id}")]
async fn delete_comment(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<CommentId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| comments::delete(conn, &me, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A user, and whether you block them now.
#[derive(Serialize, ToSchema)]
struct BlockState {
    user: PublicUser,
    /// True after a block, false after an unblock.
    blocked: bool,
}

/// Block (ends follows both ways)
///
/// A blocked user cannot follow you or comment on your notes; you no longer see their notes
/// and comments or hear from them. Blocking someone already blocked changes nothing.
#[utoipa::path(
    operation_id = "block_user",
    tag = "social",
    security(("bearer" = [])),
    params(("username" = String, Path, description = "Whom to block")),
    responses(
        (status = 200, description = "Blocked", body = BlockState),
        Unauthorized,
        NotFound,
        (status = 422, description = "You cannot block yourself", body = ErrorBody),
    )
)]
#[post("/api/v1/users/{username}/block")]
async fn block(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let user = state.db(move |conn| blocks::block(conn, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(BlockState { user: PublicUser::from(&user), blocked: true }))
}

/// Unblock
///
/// Unblocking someone not blocked changes nothing.
#[utoipa::path(
    operation_id = "unblock_user",
    tag = "social",
    security(("bearer" = [])),
    params(("username" = String, Path, description = "Whom to unblock")),
    responses((status = 200, description = "Not blocked", body = BlockState), Unauthorized, NotFound)
)]
#[delete("/api/v1/users/{username}/block")]
async fn unblock(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let user = state.db(move |conn| blocks::unblock(conn, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(BlockState { user: PublicUser::from(&user), blocked: false }))
}

/// One page of your notifications, newest first.
#[derive(Serialize, ToSchema)]
struct NotificationPage {
    items: Vec<NotificationView>,
    /// All your unread notifications, on any page.
    unread_count: i64,
    next_cursor: Option<String>,
}

/// Your notifications, newest first, with the unread count
#[utoipa::path(
    operation_id = "list_notifications",
    tag = "social",
    security(("bearer" = [])),
    params(TimePageParams),
    responses(
        (status = 200, description = "One page of notifications", body = NotificationPage),
        Unauthorized, Invalid,
    )
)]
#[get("/api/v1/notifications")]
async fn list_notifications(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    params: web::Query<TimePageParams>,
) -> ApiResult<HttpResponse> {
    let (cursor, limit) = params.page()?;
    let (items, unread_count) = state
        .db(move |conn| {
            let items = notifications::list(conn, me.id, cursor, limit + 1)?;
            Ok((items, crate::notifications::unread_count(conn, me.id)?))
        })
        .await?;
    let more = items.len() as i64 > limit;
    let mut items = items;
    items.truncate(limit as usize);
    let next_cursor =
        items.last().filter(|_| more).map(|n| Cursor::Time { created_at: n.created_at, id: n.id.0 }.encode());
    Ok(HttpResponse::Ok().json(NotificationPage { items, unread_count, next_cursor }))
}

/// What marking all read did.
#[derive(Serialize, ToSchema)]
struct NotificationsRead {
    /// How many were unread.
    marked_read: usize,
    /// Always 0 now.
    #[schema(minimum = 0, maximum = 0)]
    unread_count: i64,
}

/// Mark all your notifications read
#[utoipa::path(
    operation_id = "mark_notifications_read",
    tag = "social",
    security(("bearer" = [])),
    responses((status = 200, description = "All read", body = NotificationsRead), Unauthorized)
)]
#[post("/api/v1/notifications/read")]
async fn read_notifications(state: web::Data<AppState>, ApiUser(me): ApiUser) -> ApiResult<HttpResponse> {
    let marked_read = state.db(move |conn| Ok(crate::notifications::mark_all_read(conn, me.id)?)).await?;
    Ok(HttpResponse::Ok().json(NotificationsRead { marked_read, unread_count: 0 }))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(block).service(unblock).service(list_notifications).service(read_notifications);
    cfg.service(create_board)
        .service(save_item)
        .service(unsave_item)
        .service(show_board)
        .service(add_comment)
        .service(list_comments)
        .service(delete_comment);
    cfg.service(follow)
        .service(unfollow)
        .service(list_followers)
        .service(list_following)
        .service(feed)
        .service(like)
        .service(unlike);
}
