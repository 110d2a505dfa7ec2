//! Tagging products on a note's photos: the author tags anything, a brand's staff their own
//! products (for the author to approve).

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::NoteView;
use crate::accounts::model::User;
use crate::accounts::{PageContext, PageUser};
use crate::db::{NoteId, ProductId, ProductTagId};
use crate::shop::model::ProductView;
use crate::shop::{brands, products, tags};
use crate::web::csrf::CsrfForm;
use crate::web::page::{render, render_error};
use crate::web::{see_other, AppError, PageResult};
use crate::AppState;

#[derive(Template)]
#[template(path = "shop/tag_products.html")]
struct TagPage {
    ctx: PageContext,
    note: NoteView,
    q: String,
    results: Vec<ProductView>,
    image: usize,
    error: Option<String>,
    is_author: bool,
}

#[derive(Deserialize)]
struct TagQuery {
    q: Option<String>,
    image: Option<usize>,
}

async fn tag_page(
    state: &AppState,
    ctx: PageContext,
    user: User,
    note: NoteId,
    q: String,
    image: usize,
    error: Option<String>,
) -> Result<TagPage, AppError> {
    let query = q.clone();
    let (note, results, staff_brands) = state
        .db(move |conn| {
            let note = super::queries::load_view(conn, note)?
                .ok_or_else(|| AppError::not_found(msg!("thing-note")))?;
            let staff_brands = brands::of_user(conn, user.id)?;
            let results = if note.author.username == user.username {
                products::search(conn, &query, None, 12)?
            } else {
                // Brand staff tag their own products only.
                let mut all = Vec::new();
                for brand in &staff_brands {
                    all.extend(products::search(conn, &query, Some(brand.id), 12)?);
                }
                all
            };
            Ok((note, results, staff_brands))
        })
        .await?;
    let is_author = ctx.is_viewer(&note.author.username);
    if !is_author && staff_brands.is_empty() {
        return Err(AppError::Forbidden(msg!("tagging-forbidden")));
    }
    let image = image.min(note.images.len().saturating_sub(1));
    Ok(TagPage { ctx, note, q, results, image, error, is_author })
}

#[get("/notes/{id}/tags")]
async fn tag_products(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<NoteId>,
    q: web::Query<TagQuery>,
) -> PageResult<HttpResponse> {
    let q = q.into_inner();
    render(&tag_page(&state, ctx, user, *id, q.q.unwrap_or_default(), q.image.unwrap_or(0), None).await?)
}

#[derive(Deserialize)]
struct TagForm {
    product_id: Option<i64>,
    image: usize,
    /// Percent of width and height (the page without JavaScript), or fractions set by the script.
    x: f64,
    y: f64,
    #[serde(default)]
    q: String,
}

#[post("/notes/{id}/tags")]
async fn add_tag(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<NoteId>,
    form: CsrfForm<TagForm>,
) -> PageResult<HttpResponse> {
    let note = *id;
    let f = form.into_inner();
    let result = match f.product_id {
        None => Err(AppError::validation("product_id", msg!("tagging-choose-product"))),
        Some(pid) => {
            let input = tags::TagInput {
                image: f.image as i32,
                x: f.x / 100.0,
                y: f.y / 100.0,
                product_id: ProductId(pid),
            };
            let u = user.clone();
            state.db(move |conn| tags::add(conn, &u, note, &input)).await.map(drop)
        }
    };
    match result {
        Ok(()) => {
            state.search_changed();
            state.jobs_changed();
            Ok(see_other(&format!("/notes/{note}")))
        }
        Err(err @ (AppError::Validation { .. } | AppError::Forbidden(_))) => {
            let page = tag_page(&state, ctx, user, note, f.q, f.image, Some(err.to_string())).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/product-tags/{id}/approve")]
async fn approve_tag(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<ProductTagId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    let tag = state.db(move |conn| tags::approve(conn, &user, id)).await?;
    state.search_changed();
    Ok(see_other(&format!("/notes/{}", tag.note_id)))
}

#[post("/product-tags/{id}/delete")]
async fn remove_tag(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<ProductTagId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    let note = state.db(move |conn| tags::remove(conn, &user, id)).await?;
    state.search_changed();
    Ok(see_other(&format!("/notes/{note}")))
}

pub(super) fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(tag_products).service(add_tag).service(approve_tag).service(remove_tag);
}
