//! Follows, followers and following lists, the following feed, likes.

use actix_web::{delete, get, post, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::{queries, service};
use crate::accounts::model::PublicUser;
use crate::accounts::queries as user_queries;
use crate::db::NoteId;
use crate::notes::queries::FeedQuery;
use crate::notes::ranking::FeedSort;
use crate::web::cursor::page_limit;
use crate::web::{ApiResult, ApiUser, AppError, Cursor};
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
    let user = state.db(move |conn| service::follow(conn, &me, &username)).await?;
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

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(follow)
        .service(unfollow)
        .service(list_followers)
        .service(list_following)
        .service(feed)
        .service(like)
        .service(unlike);
}
