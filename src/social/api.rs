//! Follows, followers and following lists, the following feed, likes.

use actix_web::{delete, get, post, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::{blocks, boards, comments, notifications, queries, service};
use crate::accounts::model::PublicUser;
use crate::accounts::queries as user_queries;
use crate::db::{BoardId, CommentId, NoteId};
use crate::notes::queries::FeedQuery;
use crate::notes::ranking::FeedSort;
use crate::web::cursor::page_limit;
use crate::web::{ApiResult, ApiUser, ApiViewer, AppError, Cursor};
use crate::AppState;

fn follow_json(user: &crate::accounts::model::User, following: bool) -> serde_json::Value {
    json!({ "user": PublicUser::from(user), "following": following })
}

#[post("/api/v1/users/{username}/follow")]
async fn follow(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let limits = state.config.spam_limits();
    let user = state.db(move |conn| service::follow(conn, &limits, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(follow_json(&user, true)))
}

#[delete("/api/v1/users/{username}/follow")]
async fn unfollow(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let user = state.db(move |conn| service::unfollow(conn, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(follow_json(&user, false)))
}

#[derive(Deserialize)]
struct PageParams {
    cursor: Option<String>,
    limit: Option<i64>,
}

async fn follow_list(
    state: &AppState,
    username: String,
    params: &PageParams,
    followers: bool,
) -> ApiResult<HttpResponse> {
    let cursor = Cursor::parse_opt(params.cursor.as_deref())?;
    let limit = page_limit(params.limit);
    let page = state
        .db(move |conn| {
            let user = user_queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found("That user"))?;
            Ok(queries::follow_list(conn, user.id, followers, cursor, limit + 1)?)
        })
        .await?;
    let more = page.len() as i64 > limit;
    let page = &page[..page.len().min(limit as usize)];
    let next_cursor =
        page.last().filter(|_| more).map(|(u, at)| Cursor::Time { created_at: *at, id: u.id.0 }.encode());
    let items: Vec<PublicUser> = page.iter().map(|(u, _)| u.into()).collect();
    Ok(HttpResponse::Ok().json(json!({ "items": items, "next_cursor": next_cursor })))
}

#[get("/api/v1/users/{username}/followers")]
async fn list_followers(
    state: web::Data<AppState>,
    username: web::Path<String>,
    params: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    follow_list(&state, username.into_inner(), &params, true).await
}

#[get("/api/v1/users/{username}/following")]
async fn list_following(
    state: web::Data<AppState>,
    username: web::Path<String>,
    params: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    follow_list(&state, username.into_inner(), &params, false).await
}

#[get("/api/v1/feed")]
async fn feed(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    params: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let query = FeedQuery {
        followed_by: Some(me.id),
        viewer: Some(me.id),
        sort: FeedSort::New,
        cursor: Cursor::parse_opt(params.cursor.as_deref())?,
        limit: page_limit(params.limit),
        ..Default::default()
    };
    let page = state
        .db(move |conn| {
            let mut page = query.load(conn)?;
            service::mark_liked(conn, Some(&me), &mut page.items)?;
            Ok(page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

#[post("/api/v1/notes/{id}/like")]
async fn like(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = NoteId(*id);
    let count = state.db(move |conn| service::like(conn, &me, id)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(json!({ "like_count": count, "liked_by_me": true })))
}

#[delete("/api/v1/notes/{id}/like")]
async fn unlike(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = NoteId(*id);
    let count = state.db(move |conn| service::unlike(conn, &me, id)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(json!({ "like_count": count, "liked_by_me": false })))
}

#[derive(Deserialize)]
struct NewBoard {
    name: String,
    #[serde(default)]
    private: bool,
}

#[post("/api/v1/boards")]
async fn create_board(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    body: web::Json<NewBoard>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let board = state.db(move |conn| boards::create(conn, &me, &body.name, body.private)).await?;
    Ok(HttpResponse::Created().json(json!({
        "id": board.id, "name": board.name, "private": board.private, "url": format!("/boards/{}", board.id)
    })))
}

#[derive(Deserialize)]
struct BoardItem {
    note_id: i64,
}

#[post("/api/v1/boards/{id}/items")]
async fn save_item(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<i64>,
    body: web::Json<BoardItem>,
) -> ApiResult<HttpResponse> {
    let (board, note) = (BoardId(*id), NoteId(body.note_id));
    let count = state.db(move |conn| boards::save(conn, &me, board, note)).await?;
    Ok(HttpResponse::Ok().json(json!({ "note_id": note, "save_count": count })))
}

#[delete("/api/v1/boards/{id}/items/{note_id}")]
async fn unsave_item(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    let (board, note) = (BoardId(path.0), NoteId(path.1));
    let count = state.db(move |conn| boards::unsave(conn, &me, board, note)).await?;
    Ok(HttpResponse::Ok().json(json!({ "note_id": note, "save_count": count })))
}

#[get("/api/v1/boards/{id}")]
async fn show_board(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = BoardId(*id);
    let board = state.db(move |conn| boards::show(conn, viewer.as_ref(), id)).await?;
    Ok(HttpResponse::Ok().json(board))
}

#[derive(Deserialize)]
struct NewComment {
    body: String,
    parent_id: Option<i64>,
}

#[post("/api/v1/notes/{id}/comments")]
async fn add_comment(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<i64>,
    body: web::Json<NewComment>,
) -> ApiResult<HttpResponse> {
    let note = NoteId(*id);
    let body = body.into_inner();
    let limits = state.config.spam_limits();
    let comment = state
        .db(move |conn| comments::add(conn, &limits, &me, note, &body.body, body.parent_id.map(CommentId)))
        .await?;
    Ok(HttpResponse::Created().json(comment))
}

#[get("/api/v1/notes/{id}/comments")]
async fn list_comments(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let note = NoteId(*id);
    let threads = state.db(move |conn| comments::threads(conn, viewer.as_ref(), note)).await?;
    Ok(HttpResponse::Ok().json(json!({ "items": threads })))
}

#[delete("/api/v1/comments/{id}")]
async fn delete_comment(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = CommentId(*id);
    state.db(move |conn| comments::delete(conn, &me, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[post("/api/v1/users/{username}/block")]
async fn block(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let user = state.db(move |conn| blocks::block(conn, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(json!({ "user": PublicUser::from(&user), "blocked": true })))
}

#[delete("/api/v1/users/{username}/block")]
async fn unblock(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let user = state.db(move |conn| blocks::unblock(conn, &me, &username)).await?;
    Ok(HttpResponse::Ok().json(json!({ "user": PublicUser::from(&user), "blocked": false })))
}

#[get("/api/v1/notifications")]
async fn list_notifications(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    params: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let cursor = Cursor::parse_opt(params.cursor.as_deref())?;
    let limit = page_limit(params.limit);
    let (items, unread) = state
        .db(move |conn| {
            let items = notifications::list(conn, me.id, cursor, limit + 1)?;
            Ok((items, notifications::unread_count(conn, me.id)?))
        })
        .await?;
    let more = items.len() as i64 > limit;
    let items = &items[..items.len().min(limit as usize)];
    let next_cursor =
        items.last().filter(|_| more).map(|n| Cursor::Time { created_at: n.created_at, id: n.id.0 }.encode());
    Ok(HttpResponse::Ok().json(json!({ "items": items, "unread_count": unread, "next_cursor": next_cursor })))
}

#[post("/api/v1/notifications/read")]
async fn read_notifications(state: web::Data<AppState>, ApiUser(me): ApiUser) -> ApiResult<HttpResponse> {
    let marked = state.db(move |conn| Ok(notifications::mark_all_read(conn, me.id)?)).await?;
    Ok(HttpResponse::Ok().json(json!({ "marked_read": marked, "unread_count": 0 })))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
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
