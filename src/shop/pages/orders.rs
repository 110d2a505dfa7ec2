//! Orders: the buyer's and the brand's lists, an order's page, cancelling and moving it on.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::accounts::{PageContext, PageUser};
use crate::db::OrderId;
use crate::shop::model::BrandView;
use crate::shop::orders::OrderView;
use crate::shop::{brands, orders};
use crate::web::csrf::CsrfForm;
use crate::web::page::render;
use crate::web::{see_other, PageResult};
use crate::AppState;

#[derive(Template)]
#[template(path = "shop/orders.html")]
struct OrdersPage {
    ctx: PageContext,
    title: String,
    orders: Vec<OrderView>,
    placed: bool,
    /// Set on a brand's order list: its staff move orders along from here.
    brand: Option<BrandView>,
}

#[derive(Deserialize)]
struct Placed {
    placed: Option<String>,
}

#[get("/orders")]
pub(super) async fn my_orders(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    q: web::Query<Placed>,
) -> PageResult<HttpResponse> {
    let orders = state.db(move |conn| Ok(orders::of_buyer(conn, user.id)?)).await?;
    let title = msg!("orders-title-mine").in_lang(ctx.lang);
    render(&OrdersPage { ctx, title, orders, placed: q.placed.is_some(), brand: None })
}

#[get("/brands/{slug}/orders")]
pub(super) async fn brand_orders(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    let (brand, orders) = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok((BrandView::from(&brand), orders::of_brand(conn, brand.id)?))
        })
        .await?;
    let title = msg!("orders-title-brand", brand = &brand.name).in_lang(ctx.lang);
    render(&OrdersPage { ctx, title, orders, placed: false, brand: Some(brand) })
}

#[derive(Template)]
#[template(path = "shop/order.html")]
struct OrderPage {
    ctx: PageContext,
    order: OrderView,
    is_staff: bool,
    is_buyer: bool,
    placed: bool,
}

#[get("/orders/{id}")]
pub(super) async fn show_order(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<OrderId>,
    q: web::Query<Placed>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let (order, is_staff, is_buyer) = state
        .db(move |conn| {
            let (order, staff) = orders::visible(conn, &user, id)?;
            Ok((orders::view(conn, id)?, staff, order.buyer_id == user.id))
        })
        .await?;
    render(&OrderPage { ctx, order, is_staff, is_buyer, placed: q.placed.is_some() })
}

#[derive(Template)]
#[template(path = "shop/order_cancel.html")]
struct CancelPage {
    ctx: PageContext,
    order: OrderView,
}

#[get("/orders/{id}/cancel")]
pub(super) async fn confirm_cancel(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<OrderId>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let order = state
        .db(move |conn| {
            orders::visible(conn, &user, id)?;
            orders::view(conn, id)
        })
        .await?;
    render(&CancelPage { ctx, order })
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
    back: Option<String>,
}

#[post("/orders/{id}/status")]
pub(super) async fn order_status(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<OrderId>,
    form: CsrfForm<StatusForm>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let f = form.into_inner();
    let base_url = state.config.base_url.clone();
    let pickups = state.pickups.clone();
    let status = f.status.clone();
    state.db(move |conn| orders::set_status(conn, &user, id, &status, pickups.as_ref(), &base_url)).await?;
    state.jobs_changed();
    let next = f
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        .unwrap_or_else(|| format!("/orders/{id}"));
    Ok(see_other(&next))
}
