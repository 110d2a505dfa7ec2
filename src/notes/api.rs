//! `/api/v1/notes`, `/api/v1/explore` and `/api/v1/users/{username}/notes`.

use crate::web::extractors::Json;
use actix_multipart::Multipart;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::model::{NotePage, NoteView};
use super::queries::{self, FeedQuery};
use super::ranking::FeedSort;
use super::service::{self, NoteEdit};
use crate::accounts::{self, model::User};
use crate::accounts::{ApiUser, ApiViewer};
use crate::db::NoteId;
use crate::web::cursor::PageParams;
use crate::web::openapi::{Forbidden, Invalid, NotFound, RateLimited, TooLarge, Unauthorized};
use crate::web::{multipart, ApiResult, AppError};
use crate::AppState;

/// Paging and order of a feed of notes.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// `next_cursor` of the previous page; none for the first page.
    #[param(
        pattern = r"^(t-?[0-9]{1,16}\.[0-9]{1,18}|c[0-9]{1,18}\.[0-9]{1,18}|s-?[0-9]{1,20}(\.[0-9]{1,20})?_[0-9]{1,18})?$"
    )]
    pub cursor: Option<String>,
    /// Notes a page, 1 to 60 (20 when not given).
    #[param(minimum = 1, maximum = 60)]
    pub limit: Option<i64>,
    /// hot (explore's default), new (a profile's default) or top_week.
    #[param(inline)]
    pub sort: Option<FeedSort>,
}

impl FeedParams {
    fn feed(&self, default_sort: FeedSort) -> Result<FeedQuery, AppError> {
        let page = PageParams { cursor: self.cursor.clone(), limit: self.limit };
        Ok(FeedQuery {
            cursor: page.cursor()?,
            limit: page.limit()?,
            sort: self.sort.unwrap_or(default_sort),
            ..Default::default()
        })
    }
}

/// A new note, sent as `multipart/form-data`: its text fields first, then 1 to 9 photos.
#[derive(ToSchema)]
#[allow(dead_code)]
struct NoteUpload {
    /// 1 to 100 characters (not only spaces).
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    title: String,
    /// Up to 5,000 characters; `#tags` in it become hashtags.
    #[schema(max_length = 5000)]
    body: Option<String>,
    /// More hashtags, separated by spaces or commas, `#` optional: letters of any script,
    /// digits, `_` and `-`, at most 40 characters each and 20 in all with the text's own `#tags`.
    /// (The pattern is the plainest form of that.)
    #[schema(pattern = r"^([#＃]?\w{1,20}( [#＃]?\w{1,20}){0,9})?$")]
    hashtags: Option<String>,
    /// Alt text, one field per photo in the same order (at most 300 characters each).
    alt: Option<Vec<String>>,
    /// JSON list of `{product_id, image, x, y}` dots to put on the photos.
    product_tags: Option<String>,
    /// The id of your own delivered order item this note reviews (it earns the verified-purchase badge).
    order_item_id: Option<i64>,
    /// JPEG, PNG, WebP or GIF, at most 20 MB each, at most 9.
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1, max_items = 9)]
    images: Vec<Vec<u8>>,
}

/// A note as the viewer sees it (with `liked_by_me`).
async fn note_json(state: &AppState, id: NoteId, viewer: Option<User>) -> ApiResult<NoteView> {
    state
        .db(move |conn| {
            let mut note =
                queries::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-note")))?;
            let may = note.is_visible()
                || viewer.as_ref().is_some_and(|v| v.username == note.author.username || v.is_moderator());
            if !may {
                return Err(AppError::not_found(msg!("thing-note")));
            }
            super::queries::mark_liked(conn, viewer.as_ref(), std::slice::from_mut(&mut note))?;
            Ok(note)
        })
        .await
}

/// Post a note with 1–9 photos
///
/// Photos are checked, stripped of their metadata and resized before anything is stored; the
/// note is held for review when it contains a blocked word.
#[utoipa::path(
    operation_id = "post_note",
    tag = "notes",
    security(("bearer" = [])),
    request_body(content = inline(NoteUpload), content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Posted", body = NoteView, headers(("Location" = String, description = "The note's page"))),
        Unauthorized, Forbidden, TooLarge, Invalid, RateLimited,
    )
)]
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

/// A note
#[utoipa::path(
    operation_id = "get_note",
    tag = "notes",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    responses((status = 200, description = "The note as the caller sees it", body = NoteView), NotFound)
)]
#[get("/api/v1/notes/{id}")]
async fn show(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<NoteId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(note_json(&state, *id, viewer).await?))
}

/// The fields to change; those left out stay as they are.
#[derive(Deserialize, ToSchema)]
struct EditBody {
    /// 1 to 100 characters (not only spaces).
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    title: Option<String>,
    /// Up to 5,000 characters.
    #[schema(max_length = 5000)]
    body: Option<String>,
    /// The note's hashtags, replacing the old ones: letters of any script, digits, `_` and `-`,
    /// without `#`.
    #[schema(max_items = 20, value_type = Option<Vec<HashtagText>>)]
    hashtags: Option<Vec<String>>,
    /// Alt text per photo, in order (at most 300 characters each).
    #[schema(value_type = Option<Vec<AltText>>)]
    alt: Option<Vec<String>>,
}

/// A photo's alt text.
#[derive(ToSchema)]
#[schema(max_length = 300)]
#[allow(dead_code)]
struct AltText(String);

/// A hashtag as the API takes it: 1 to 40 letters, digits, `_` or `-`, not only `-`.
#[derive(ToSchema)]
#[schema(pattern = r"^-*\w[\w-]*$", min_length = 1, max_length = 40)]
#[allow(dead_code)]
struct HashtagText(String);

fn check_hashtags(tags: &[String]) -> Result<String, AppError> {
    if tags.len() > crate::notes::hashtags::MAX_TAGS {
        return Err(AppError::validation(
            "hashtags",
            msg!("hashtag-too-many", max = crate::notes::hashtags::MAX_TAGS),
        ));
    }
    for tag in tags {
        let chars = tag.chars().count();
        let fits = tag.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if chars == 0 || chars > 40 || !fits || tag.chars().all(|c| c == '-') {
            return Err(AppError::validation("hashtags", msg!("hashtag-invalid", tag = tag, max = 40)));
        }
    }
    Ok(tags.join(" "))
}

/// Edit your note
///
/// Only the fields sent change.
#[utoipa::path(
    operation_id = "edit_note",
    tag = "notes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    request_body = EditBody,
    responses(
        (status = 200, description = "The note as edited", body = NoteView),
        Unauthorized, Forbidden, NotFound, Invalid,
    )
)]
#[patch("/api/v1/notes/{id}")]
async fn edit(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<NoteId>,
    body: Json<EditBody>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let body = body.into_inner();
    let hashtags = body.hashtags.as_deref().map(check_hashtags).transpose()?;
    let edit = NoteEdit { title: body.title, body: body.body, hashtags, alt: body.alt };
    let editor = user.clone();
    state.db(move |conn| service::update(conn, &user, id, edit)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(note_json(&state, id, Some(editor)).await?))
}

/// Delete your note
#[utoipa::path(
    operation_id = "delete_note",
    tag = "notes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    responses((status = 204, description = "Deleted"), Unauthorized, Forbidden, NotFound)
)]
#[delete("/api/v1/notes/{id}")]
async fn remove(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<NoteId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| service::delete(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::NoContent().finish())
}

/// Notes ranked hot (default), new, or top this week; paged by cursor
#[utoipa::path(
    operation_id = "explore",
    tag = "notes",
    security((), ("bearer" = [])),
    params(FeedParams),
    responses((status = 200, description = "One page of notes", body = NotePage), NotFound, Invalid)
)]
#[get("/api/v1/explore")]
async fn explore(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    params: web::Query<FeedParams>,
) -> ApiResult<HttpResponse> {
    let mut query = params.feed(FeedSort::Hot)?;
    query.viewer = viewer.as_ref().map(|v| v.id);
    query.views = Some(state.note_views.clone());
    let page = state
        .db(move |conn| {
            let mut page = query.load(conn)?;
            super::queries::mark_liked(conn, viewer.as_ref(), &mut page.items)?;
            Ok(page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A user's notes, newest first
#[utoipa::path(
    operation_id = "user_notes",
    tag = "notes",
    security((), ("bearer" = [])),
    params(("username" = String, Path, description = "The author's username"), FeedParams),
    responses((status = 200, description = "One page of notes", body = NotePage), NotFound, Invalid)
)]
#[get("/api/v1/users/{username}/notes")]
async fn by_user(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    username: web::Path<String>,
    params: web::Query<FeedParams>,
) -> ApiResult<HttpResponse> {
    let mut query = params.feed(FeedSort::New)?;
    query.views = Some(state.note_views.clone());
    let page = state
        .db(move |conn| {
            let user = accounts::queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            query.author = Some(user.id);
            let mut page = query.load(conn)?;
            super::queries::mark_liked(conn, viewer.as_ref(), &mut page.items)?;
            Ok(page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(create).service(show).service(edit).service(remove).service(explore).service(by_user);
}
