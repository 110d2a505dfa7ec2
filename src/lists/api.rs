//! `/api/v1/lists`: top-ten lists.

use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;

use super::service::{self, EntryInput};
use crate::db::ListId;
use crate::web::{ApiResult, ApiUser, ApiViewer, AppError};
use crate::AppState;

#[derive(Deserialize)]
struct NewList {
    title: String,
    #[serde(default)]
    intro: String,
}

async fn list_json(
    state: &AppState,
    viewer: Option<crate::db::UserId>,
    id: ListId,
) -> ApiResult<service::ListView> {
    state.db(move |conn| service::view(conn, viewer, id)).await
}

#[post("/api/v1/lists")]
async fn create(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Json<NewList>,
) -> ApiResult<HttpResponse> {
    let viewer = user.id;
    let id = state.db(move |conn| service::create(conn, &user, &body.title, &body.intro)).await?;
    let list = list_json(&state, Some(viewer), id).await?;
    Ok(HttpResponse::Created().insert_header(("Location", list.url.clone())).json(list))
}

#[get("/api/v1/lists/{id}")]
async fn show(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(list_json(&state, viewer.map(|v| v.id), ListId(*id)).await?))
}

/// The entries, in rank order; the whole list is replaced.
#[put("/api/v1/lists/{id}/items")]
async fn set_items(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<Vec<EntryInput>>,
) -> ApiResult<HttpResponse> {
    let (id, viewer) = (ListId(*id), user.id);
    state.db(move |conn| service::set_items(conn, &user, id, &body)).await?;
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

#[post("/api/v1/lists/{id}/publish")]
async fn publish_list(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    publish(&state, user, ListId(*id), true).await
}

#[post("/api/v1/lists/{id}/unpublish")]
async fn unpublish_list(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    publish(&state, user, ListId(*id), false).await
}

async fn react(
    state: &AppState,
    user: crate::accounts::model::User,
    id: i64,
    kind: &'static str,
    on: bool,
) -> ApiResult<HttpResponse> {
    let (likes, saves) = state.db(move |conn| service::react(conn, &user, ListId(id), kind, on)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({"like_count": likes, "save_count": saves})))
}

#[post("/api/v1/lists/{id}/like")]
async fn like(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    react(&state, user, *id, service::LIKE, true).await
}

#[delete("/api/v1/lists/{id}/like")]
async fn unlike(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    react(&state, user, *id, service::LIKE, false).await
}

#[post("/api/v1/lists/{id}/save")]
async fn save(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    react(&state, user, *id, service::SAVE, true).await
}

#[delete("/api/v1/lists/{id}/save")]
async fn unsave(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    react(&state, user, *id, service::SAVE, false).await
}

#[delete("/api/v1/lists/{id}")]
async fn remove(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ListId(*id);
    state.db(move |conn| service::delete(conn, &user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

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
                .ok_or_else(|| AppError::not_found("That user"))?;
            Ok(service::of_author(conn, viewer, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
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
