//! `/api/v1/notes`, `/api/v1/explore` and `/api/v1/users/{username}/notes`.

use actix_multipart::Multipart;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use serde::Deserialize;

use super::queries::{self, FeedQuery};
use super::ranking::FeedSort;
use super::service::{self, NoteEdit};
use crate::accounts::{self, model::User};
use crate::db::NoteId;
use crate::social;
use crate::web::cursor::page_limit;
use crate::web::{multipart, ApiResult, ApiUser, ApiViewer, AppError, Cursor};
use crate::AppState;

#[derive(Deserialize)]
pub struct PageParams {
    pub cursor: Option<String>,
    pub limit: Option<i64>,
    pub sort: Option<FeedSort>,
}

impl PageParams {
    fn feed(&self, default_sort: FeedSort) -> Result<FeedQuery, AppError> {
        Ok(FeedQuery {
            cursor: Cursor::parse_opt(self.cursor.as_deref())?,
            limit: page_limit(self.limit),
            sort: self.sort.unwrap_or(default_sort),
            ..Default::default()
        })
    }
}

/// A note as the viewer sees it (with `liked_by_me`).
async fn note_json(state: &AppState, id: NoteId, viewer: Option<User>) -> ApiResult<super::model::NoteView> {
    state
        .db(move |conn| {
            let mut note = queries::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That note"))?;
            let may = note.is_visible()
                || viewer.as_ref().is_some_and(|v| v.username == note.author.username || v.is_moderator());
            if !may {
                return Err(AppError::not_found("That note"));
            }
            social::service::mark_liked(conn, viewer.as_ref(), std::slice::from_mut(&mut note))?;
            Ok(note)
        })
        .await
}

#[post("/api/v1/notes")]
async fn create(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let form = multipart::read(payload, service::MAX_PHOTOS, multipart::Guard::Bearer).await?;
    let id = super::form::post(&state, user.clone(), form).await?;
    let note = note_json(&state, id, Some(user)).await?;
    Ok(HttpResponse::Created().insert_header(("Location", note.url.clone())).json(note))
}

#[get("/api/v1/notes/{id}")]
async fn show(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(note_json(&state, NoteId(*id), viewer).await?))
}

#[derive(Deserialize)]
struct EditBody {
    title: Option<String>,
    body: Option<String>,
    /// A list, or one string of space/comma separated tags.
    hashtags: Option<serde_json::Value>,
    alt: Option<Vec<String>>,
}

#[patch("/api/v1/notes/{id}")]
async fn edit(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<EditBody>,
) -> ApiResult<HttpResponse> {
    let id = NoteId(*id);
    let body = body.into_inner();
    let hashtags = match body.hashtags {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Array(items)) => Some(
            items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| AppError::validation("hashtags", "Hashtags must be strings."))?
                .join(" "),
        ),
        Some(_) => {
            return Err(AppError::validation("hashtags", "Send hashtags as a list of strings or one string."))
        }
    };
    let edit = NoteEdit { title: body.title, body: body.body, hashtags, alt: body.alt };
    let editor = user.clone();
    state.db(move |conn| service::update(conn, &user, id, edit)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(note_json(&state, id, Some(editor)).await?))
}

#[delete("/api/v1/notes/{id}")]
async fn remove(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = NoteId(*id);
    state.db(move |conn| service::delete(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::NoContent().finish())
}

#[get("/api/v1/explore")]
async fn explore(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    params: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let mut query = params.feed(FeedSort::Hot)?;
    query.viewer = viewer.as_ref().map(|v| v.id);
    let page = state
        .db(move |conn| {
            let mut page = query.load(conn)?;
            social::service::mark_liked(conn, viewer.as_ref(), &mut page.items)?;
            Ok(page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

#[get("/api/v1/users/{username}/notes")]
async fn by_user(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    username: web::Path<String>,
    params: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let mut query = params.feed(FeedSort::New)?;
    let page = state
        .db(move |conn| {
            let user = accounts::queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found("That user"))?;
            query.author = Some(user.id);
            let mut page = query.load(conn)?;
            social::service::mark_liked(conn, viewer.as_ref(), &mut page.items)?;
            Ok(page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create).service(show).service(edit).service(remove).service(explore).service(by_user);
}
