//! The product page: the product, the notes that show it, and the team deals and community
//! group buys that sell it.

use actix_web::{get, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::accounts::PageContext;
use crate::db::{NoteId, ProductId};
use crate::notes::model::NoteView;
use crate::shop::model::ProductView;
use crate::shop::{brands, cart, products, tags};
use crate::web::page::render;
use crate::web::{AppError, PageResult};
use crate::AppState;

#[derive(Template)]
#[template(path = "shop/product.html")]
struct ProductPage {
    ctx: PageContext,
    product: ProductView,
    notes: Vec<NoteView>,
    from_note: Option<NoteId>,
    is_staff: bool,
    deals: Vec<crate::groupbuy::teams::DealView>,
    /// Open community group buys selling it.
    runs: Vec<crate::community::runs::RunView>,
}

#[derive(Deserialize)]
struct FromNote {
    from_note: Option<i64>,
}

#[get("/products/{id}")]
pub(super) async fn show_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<ProductId>,
    q: web::Query<FromNote>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let viewer = ctx.viewer.as_ref().map(|v| v.id);
    let moderator = ctx.is_moderator();
    let from = q.from_note.map(NoteId);
    let (product, notes, from_note, is_staff, deals, runs) = state
        .db(move |conn| {
            let product =
                products::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
            let ids = tags::notes_tagging(conn, id, 30)?;
            let notes = crate::notes::queries::load_views(conn, &ids)?;
            // Only a note that really shows the product can take credit for the sale.
            let from_note = match from {
                Some(n) if cart::note_shows(conn, n, id)? => Some(n),
                _ => None,
            };
            let is_staff = match viewer {
                Some(v) => brands::role(conn, product.brand.id, v)?.is_some(),
                None => false,
            };
            if product.hidden && !is_staff && !moderator {
                return Err(AppError::not_found(msg!("thing-product")));
            }
            let deals = crate::groupbuy::teams::deals_for(conn, id)?;
            let runs = crate::community::runs::open_for_product(conn, id)?;
            Ok((product, notes, from_note, is_staff, deals, runs))
        })
        .await?;
    render(&ProductPage { ctx, product, notes, from_note, is_staff, deals, runs })
}
