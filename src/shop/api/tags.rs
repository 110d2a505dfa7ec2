//! Product tags on notes: a brand or an author tags, the author approves or removes.

use crate::web::extractors::Json;
use actix_web::{delete, post, web, HttpResponse};

use crate::accounts::ApiUser;
use crate::db::{NoteId, ProductTagId};
use crate::shop::model::ProductTagView;
use crate::shop::tags;
use crate::shop::tags::TagInput;
use crate::web::openapi::{ErrorBody, NotFound, Unauthorized};
use crate::web::ApiResult;
use crate::AppState;

/// Tag a product on a note's photo (a brand's tag on someone else's note is pending)
///
/// On your own note you may tag any product in a catalog, approved at once. On someone else's
/// note you may tag only products of a brand you work for; the tag stays `pending` until the
/// note's author approves it. A photo carries at most 10 tags.
#[utoipa::path(
    operation_id = "add_product_tag",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    request_body = TagInput,
    responses(
        (status = 201, description = "The tag", body = ProductTagView),
        Unauthorized,
        (status = 403, description = "Not your note, and not a product of a brand you work for", body = ErrorBody),
        NotFound,
        (status = 422, description = "Malformed, no such photo, the product is in no catalog, or the photo has 10 tags already (`field` names it)", body = ErrorBody),
    )
)]
#[post("/api/v1/notes/{id}/product-tags")]
pub(super) async fn add_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<NoteId>,
    body: Json<TagInput>,
) -> ApiResult<HttpResponse> {
    let note = *id;
    let tag = state.db(move |conn| tags::add(conn, &user, note, &body)).await?;
    state.search_changed();
    Ok(HttpResponse::Created().json(tag))
}

/// Approve a pending tag (the note's author)
///
/// Approving an approved tag changes nothing.
#[utoipa::path(
    operation_id = "approve_product_tag",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The tag's id")),
    responses(
        (status = 200, description = "The tag, approved", body = ProductTagView),
        Unauthorized,
        (status = 403, description = "Only the note's author approves tags on it", body = ErrorBody),
        NotFound,
    )
)]
#[post("/api/v1/product-tags/{id}/approve")]
pub(super) async fn approve_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ProductTagId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let tag = state.db(move |conn| tags::approve(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(tag))
}

/// Remove a tag (the note's author, or the brand for its own)
#[utoipa::path(
    operation_id = "remove_product_tag",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The tag's id")),
    responses(
        (status = 204, description = "Removed"),
        Unauthorized,
        (status = 403, description = "Neither the note's author nor staff of the brand that placed the tag", body = ErrorBody),
        NotFound,
    )
)]
#[delete("/api/v1/product-tags/{id}")]
pub(super) async fn remove_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ProductTagId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| tags::remove(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::NoContent().finish())
}
