//! The product as a shopper meets it in the API: with the notes that tag it, and a tap on a
//! tag of a note the shopper may see. They show notes, so they sit above the shop.

use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::accounts::ApiViewer;
use crate::db::{ProductId, ProductTagId};
use crate::notes::model::NoteView;
use crate::shop::model::ProductView;
use crate::shop::{products, tags};
use crate::web::openapi::{ErrorBody, NotFound};
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// A product with the notes that show it.
#[derive(Serialize, ToSchema)]
struct ProductWithNotes {
    #[serde(flatten)]
    product: ProductView,
    /// Up to 20 notes that tag it: verified-purchase reviews first, then the hottest.
    tagged_in: Vec<NoteView>,
}

/// A product, with the notes that tag it (verified purchases first)
///
/// A product hidden by a moderator is shown only to its brand's staff and to moderators.
#[utoipa::path(
    operation_id = "get_product",
    tag = "shop",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The product's id")),
    responses((status = 200, description = "The product and the notes that tag it", body = ProductWithNotes), NotFound)
)]
#[get("/api/v1/products/{id}")]
pub(super) async fn show_product(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<ProductId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (product, notes) = state
        .db(move |conn| {
            let product =
                products::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
            if product.hidden {
                let may = match &viewer {
                    Some(v) => {
                        v.is_moderator() || crate::shop::brands::role(conn, product.brand.id, v.id)?.is_some()
                    }
                    None => false,
                };
                if !may {
                    return Err(AppError::not_found(msg!("thing-product")));
                }
            }
            let ids = tags::notes_tagging(conn, id, 20)?;
            let mut notes = crate::notes::queries::load_views(conn, &ids)?;
            crate::notes::queries::mark_liked(conn, viewer.as_ref(), &mut notes)?;
            Ok((product, notes))
        })
        .await?;
    Ok(HttpResponse::Ok().json(ProductWithNotes { product, tagged_in: notes }))
}

/// A reader tapped a dot: counted; answers the product card
///
/// Counted for the dashboards, and remembered for attribution when the reader is signed in.
/// Only approved tags on notes the reader may see.
#[utoipa::path(
    operation_id = "tap_product_tag",
    tag = "shop",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The tag's id")),
    responses(
        (status = 200, description = "The tagged product", body = ProductView),
        (status = 404, description = "No such tag, not approved, or on a note you may not see", body = ErrorBody),
    )
)]
#[post("/api/v1/product-tags/{id}/tap")]
pub(super) async fn tap_tag(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<ProductTagId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let product = state
        .db(move |conn| {
            // Only a tag on a note the reader may see.
            let note = tags::find(conn, id)?.note_id;
            crate::notes::service::visible_to(conn, viewer.as_ref(), note)?;
            let tag = tags::tap(conn, viewer.map(|v| v.id), id)?;
            products::load_view(conn, tag.product_id)?
                .ok_or_else(|| AppError::not_found(msg!("thing-product")))
        })
        .await?;
    Ok(HttpResponse::Ok().json(product))
}
