//! Orders: the buyer's, a brand's, and moving one along.

use crate::web::extractors::Json;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::ApiUser;
use crate::db::OrderId;
use crate::shop::orders::OrderView;
use crate::shop::{brands, orders};
use crate::web::openapi::{ErrorBody, Invalid, NotFound, Unauthorized};
use crate::web::ApiResult;
use crate::AppState;

/// Orders, newest first.
#[derive(Serialize, ToSchema)]
struct OrderList {
    items: Vec<OrderView>,
}

/// Your orders
///
/// Your latest 200 orders, newest first.
#[utoipa::path(
    operation_id = "list_my_orders",
    tag = "shop",
    security(("bearer" = [])),
    responses((status = 200, description = "Your orders, newest first", body = OrderList), Unauthorized)
)]
#[get("/api/v1/orders")]
pub(super) async fn my_orders(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let items = state.db(move |conn| Ok(orders::of_buyer(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(OrderList { items }))
}

/// An order (its buyer or the brand)
#[utoipa::path(
    operation_id = "get_order",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order", body = OrderView),
        Unauthorized,
        (status = 404, description = "No such order that you bought or that your brand sold", body = ErrorBody),
    )
)]
#[get("/api/v1/orders/{id}")]
pub(super) async fn show_order(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<OrderId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = state
        .db(move |conn| {
            orders::visible(conn, &user, id)?;
            orders::view(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// An order's next status.
#[derive(Deserialize, ToSchema)]
struct OrderStatusChange {
    /// `paid`, `shipped`, `delivered` or `cancelled`. The brand moves an order placed → paid →
    /// shipped → delivered, or cancels it before it ships; the buyer may only cancel, before
    /// it ships. Any other move (or any other word) is refused with 409.
    #[schema(example = "shipped")]
    status: String,
}

/// Move an order: paid, shipped, delivered, cancelled (brand; the buyer may cancel before shipping)
///
/// Cancelling puts the stock back. The buyer is told (and emailed when it shipped, was
/// delivered or cancelled).
#[utoipa::path(
    operation_id = "set_order_status",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The order's id")),
    request_body = OrderStatusChange,
    responses(
        (status = 200, description = "The order as moved", body = OrderView),
        Unauthorized,
        (status = 403, description = "A buyer may only cancel; moving it on is the brand's (and never its buyer's)", body = ErrorBody),
        (status = 404, description = "No such order that you bought or that your brand sold", body = ErrorBody),
        (status = 409, description = "The order cannot move to that status from where it is, it changed meanwhile, or its group buy has closed", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/orders/{id}/status")]
pub(super) async fn order_status(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<OrderId>,
    body: Json<OrderStatusChange>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let pickups = state.pickups.clone();
    let base_url = state.config.base_url.clone();
    let view = state
        .db(move |conn| orders::set_status(conn, &user, id, body.status.trim(), pickups.as_ref(), &base_url))
        .await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(view))
}

/// The brand's orders (staff)
///
/// Its latest 500 orders, newest first.
#[utoipa::path(
    operation_id = "list_brand_orders",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    responses(
        (status = 200, description = "The brand's orders, newest first", body = OrderList),
        Unauthorized,
        (status = 403, description = "Only the brand's staff see its orders", body = ErrorBody),
        NotFound,
    )
)]
#[get("/api/v1/brands/{slug}/orders")]
pub(super) async fn brand_orders(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let items = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok(orders::of_brand(conn, brand.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(OrderList { items }))
}
