//! `/api/v1/lists`: top-ten lists.

use crate::web::extractors::Json;
use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::service::{self, EntryInput, ListView};
use crate::accounts::{ApiUser, ApiViewer};
use crate::db::ListId;
use crate::web::openapi::{Forbidden, Invalid, NotFound, Unauthorized};
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// A new list: it starts as a draft without entries.
#[derive(Deserialize, ToSchema)]
struct NewList {
    /// 1 to 80 characters (not only spaces).
    #[schema(min_length = 1, max_length = 80, pattern = r"\S")]
    title: String,
    /// Up to 1,000 characters.
    #[serde(default)]
    #[schema(max_length = 1000)]
    intro: String,
}

/// The entries of a list, in rank order (the first is number one): at most ten.
#[derive(Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(max_items = 10)]
struct ListEntries(Vec<EntryInput>);

/// A list's counts after a like, unlike, save or unsave.
#[derive(Serialize, ToSchema)]
struct ListCounts {
    like_count: i64,
    save_count: i64,
}

/// A creator's lists, newest first (at most 50).
#[derive(Serialize, ToSchema)]
struct UserLists {
    items: Vec<ListView>,
}

async fn list_json(state: &AppState, viewer: Option<crate::db::UserId>, id: ListId) -> ApiResult<ListView> {
    state.db(move |conn| service::view(conn, viewer, id)).await
}

/// Start a top-ten list (a draft)
///
/// Only its creator sees it until it is published.
#[utoipa::path(
    operation_id = "create_list",
    tag = "lists",
    security(("bearer" = [])),
    request_body = NewList,
    responses(
        (status = 201, description = "The new draft", body = ListView, headers(("Location" = String, description = "The list's page"))),
        Unauthorized, Invalid,
    )
)]
#[post("/api/v1/lists")]
async fn create(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: Json<NewList>,
) -> ApiResult<HttpResponse> {
    let viewer = user.id;
    let id = state.db(move |conn| service::create(conn, &user, &body.title, &body.intro)).await?;
    let list = list_json(&state, Some(viewer), id).await?;
    Ok(HttpResponse::Created().insert_header(("Location", list.url.clone())).json(list))
}

/// A list with its ranked entries
///
/// A draft, or a list hidden by a moderator, is its creator's alone: 404 to anyone else.
#[utoipa::path(
    operation_id = "get_list",
    tag = "lists",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses((status = 200, description = "The list as the caller sees it", body = ListView), NotFound)
)]
#[get("/api/v1/lists/{id}")]
async fn show(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(list_json(&state, viewer.map(|v| v.id), *id).await?))
}

/// Replace the entries; order is rank
///
/// The whole list of entries is replaced, in rank order; nothing changes when one is refused.
/// More than ten entries, an entry that names neither or both a product and a note, or one whose
/// product or note does not exist: 422.
#[utoipa::path(
    operation_id = "set_list_items",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    request_body = ListEntries,
    responses(
        (status = 200, description = "The list with its new entries", body = ListView),
        Unauthorized, Forbidden, NotFound, Invalid,
    )
)]
#[put("/api/v1/lists/{id}/items")]
async fn set_items(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
    body: Json<ListEntries>,
) -> ApiResult<HttpResponse> {
    let (id, viewer) = (*id, user.id);
    let ListEntries(entries) = body.into_inner();
    state.db(move |conn| service::set_items(conn, &user, id, &entries)).await?;
    Ok(HttpResponse::Ok().json(list_json(&state, Some(viewer), id).await?))
}

async fn publish(
    state: &AppState,
    user: crate::accounts::model::User,
    id: ListId,
    on: bool,
) -> ApiResult<HttpResponse> {
    let viewer = user.id;
    state.db(move |conn| service::set_published(conn, &user, id, on)).await?;
    Ok(HttpResponse::Ok().json(list_json(state, Some(viewer), id).await?))
}

/// Publish (followers are told the first time)
///
/// The list shows on your profile and in search. Publishing it again is fine.
#[utoipa::path(
    operation_id = "publish_list",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses(
        (status = 200, description = "The published list", body = ListView),
        Unauthorized, Forbidden, NotFound,
        (status = 422, description = "The list has no entries yet: add at least one first", body = crate::web::openapi::ErrorBody),
    )
)]
#[post("/api/v1/lists/{id}/publish")]
async fn publish_list(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    publish(&state, user, *id, true).await
}

/// Back to a draft
///
/// Only you see it again. Unpublishing a draft is fine.
#[utoipa::path(
    operation_id = "unpublish_list",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses(
        (status = 200, description = "The list, a draft again", body = ListView),
        Unauthorized, Forbidden, NotFound,
    )
)]
#[post("/api/v1/lists/{id}/unpublish")]
async fn unpublish_list(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    publish(&state, user, *id, false).await
}

async fn react(
    state: &AppState,
    user: crate::accounts::model::User,
    id: ListId,
    kind: &'static str,
    on: bool,
) -> ApiResult<HttpResponse> {
    let (likes, saves) = state.db(move |conn| service::react(conn, &user, id, kind, on)).await?;
    Ok(HttpResponse::Ok().json(ListCounts { like_count: likes, save_count: saves }))
}

/// Like (idempotent)
///
/// Liking it again changes nothing.
#[utoipa::path(
    operation_id = "like_list",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses((status = 200, description = "The counts, liked", body = ListCounts), Unauthorized, NotFound)
)]
#[post("/api/v1/lists/{id}/like")]
async fn like(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    react(&state, user, id.into_inner(), service::LIKE, true).await
}

/// Unlike
///
/// Unliking a list you have not liked changes nothing.
#[utoipa::path(
    operation_id = "unlike_list",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses((status = 200, description = "The counts, not liked", body = ListCounts), Unauthorized, NotFound)
)]
#[delete("/api/v1/lists/{id}/like")]
async fn unlike(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    react(&state, user, id.into_inner(), service::LIKE, false).await
}

/// Save (idempotent)
///
/// Saving it again changes nothing.
#[utoipa::path(
    operation_id = "save_list",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses((status = 200, description = "The counts, saved", body = ListCounts), Unauthorized, NotFound)
)]
#[post("/api/v1/lists/{id}/save")]
async fn save(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    react(&state, user, id.into_inner(), service::SAVE, true).await
}

/// Unsave
///
/// Unsaving a list you have not saved changes nothing.
#[utoipa::path(
    operation_id = "unsave_list",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses((status = 200, description = "The counts, not saved", body = ListCounts), Unauthorized, NotFound)
)]
#[delete("/api/v1/lists/{id}/save")]
async fn unsave(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    react(&state, user, id.into_inner(), service::SAVE, false).await
}

/// Delete your list
#[utoipa::path(
    operation_id = "delete_list",
    tag = "lists",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The list's id")),
    responses((status = 204, description = "Deleted"), Unauthorized, Forbidden, NotFound)
)]
#[delete("/api/v1/lists/{id}")]
async fn remove(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ListId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| service::delete(conn, &user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A creator's published lists
///
/// Newest first, at most 50; the creator also sees their drafts.
#[utoipa::path(
    operation_id = "user_lists",
    tag = "lists",
    security((), ("bearer" = [])),
    params(("username" = String, Path, description = "The creator's username")),
    responses((status = 200, description = "The creator's lists", body = UserLists), NotFound)
)]
#[get("/api/v1/users/{username}/lists")]
async fn by_user(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let viewer = viewer.map(|v| v.id);
    let items = state
        .db(move |conn| {
            let user = crate::accounts::queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            Ok(service::of_author(conn, viewer, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(UserLists { items }))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(create)
        .service(show)
        .service(set_items)
        .service(publish_list)
        .service(unpublish_list)
        .service(like)
        .service(unlike)
        .service(save)
        .service(unsave)
        .service(remove)
        .service(by_user);
}
