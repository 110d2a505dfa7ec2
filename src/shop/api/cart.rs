//! The cart and checkout.

use crate::web::extractors::Json;
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::ApiUser;
use crate::db::{CartItemId, ListId, NoteId, ProductId, RunId};
use crate::shop::cart;
use crate::shop::cart::CartView;
use crate::shop::checkout::Shipping;
use crate::shop::orders::OrderView;
use crate::web::openapi::{ErrorBody, Invalid, Unauthorized};
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// A product to add to the cart.
#[derive(Deserialize, ToSchema)]
struct AddToCart {
    /// A product on sale (404 otherwise).
    product_id: ProductId,
    /// How many more, 1 to 99 (1 when not given); the cart holds at most 99 of a product
    /// (422) and no more than its stock (409 `sold_out`).
    #[serde(default = "one")]
    #[schema(minimum = 1, maximum = 99)]
    quantity: i32,
    /// The note it was added from: it must show the product in an approved tag (422 otherwise).
    /// Its creator is credited with the sale.
    source_note_id: Option<NoteId>,
    /// The published top-ten list it was added from: it must rank the product (422 otherwise).
    source_list_id: Option<ListId>,
}

fn one() -> i32 {
    1
}

/// Add to cart (with the note it came from, for attribution)
#[utoipa::path(
    operation_id = "add_to_cart",
    tag = "shop",
    security(("bearer" = [])),
    request_body = AddToCart,
    responses(
        (status = 201, description = "Your cart", body = CartView),
        Unauthorized,
        (status = 404, description = "No such product on sale", body = ErrorBody),
        (status = 409, description = "Not that many left (`code` is `sold_out`)", body = ErrorBody),
        (status = 422, description = "Malformed, more than 99 in the cart, or the note or list does not show the product (`field` names it)", body = ErrorBody),
    )
)]
#[post("/api/v1/cart/items")]
pub(super) async fn add_to_cart(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: Json<AddToCart>,
) -> ApiResult<HttpResponse> {
    let cart = state
        .db(move |conn| {
            cart::add(conn, &user, body.product_id, body.quantity, body.source_note_id, body.source_list_id)?;
            Ok(cart::view(conn, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(cart))
}

/// Your cart
#[utoipa::path(
    operation_id = "get_cart",
    tag = "shop",
    security(("bearer" = [])),
    responses((status = 200, description = "Your cart, with a total per currency", body = CartView), Unauthorized)
)]
#[get("/api/v1/cart")]
pub(super) async fn show_cart(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let cart = state.db(move |conn| Ok(cart::view(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// A cart line's new quantity.
#[derive(Deserialize, ToSchema)]
struct CartQuantity {
    /// 1 to 99, no more than the stock (409 `sold_out`); 0 removes the line.
    #[schema(minimum = 0, maximum = 99)]
    quantity: i32,
}

/// Change a line's quantity (0 removes it)
#[utoipa::path(
    operation_id = "set_cart_quantity",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The cart line's id")),
    request_body = CartQuantity,
    responses(
        (status = 200, description = "Your cart", body = CartView),
        Unauthorized,
        (status = 404, description = "No such line in your cart", body = ErrorBody),
        (status = 409, description = "Not that many left (`code` is `sold_out`)", body = ErrorBody),
        Invalid,
    )
)]
#[patch("/api/v1/cart/items/{id}")]
pub(super) async fn set_quantity(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<CartItemId>,
    body: Json<CartQuantity>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let cart = state
        .db(move |conn| {
            cart::set_quantity(conn, &user, id, body.quantity)?;
            Ok(cart::view(conn, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// Remove a line
#[utoipa::path(
    operation_id = "remove_cart_item",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The cart line's id")),
    responses(
        (status = 204, description = "Removed"),
        Unauthorized,
        (status = 404, description = "No such line in your cart", body = ErrorBody),
    )
)]
#[delete("/api/v1/cart/items/{id}")]
pub(super) async fn remove_from_cart(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<CartItemId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| cart::remove(conn, &user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Where to deliver.
#[derive(ToSchema)]
#[allow(dead_code)] // only its schema is read: the body deserializes into `Shipping`
struct CheckoutShipping {
    /// Whom to deliver to: 1 to 100 characters (not only spaces), trimmed. For a group buy,
    /// whose order it is (your display name when empty or longer).
    #[schema(required = false, min_length = 1, max_length = 100, pattern = r"\S")]
    name: String,
    /// The full delivery address: 5 to 500 characters, trimmed. Not read for a group buy
    /// (its pickup point is the address).
    #[schema(required = false, min_length = 5, max_length = 500, pattern = r"\S[\s\S]{3,}\S")]
    address: String,
    /// A phone number to reach you: 6 to 15 digits, with spaces, dashes, dots or brackets
    /// between them and an optional leading `+`. Required for a group buy
    /// (the pickup point calls when the order is in), optional for delivery.
    #[schema(
        required = false,
        max_length = 30,
        pattern = r"^ *(\+?[ ().-]*([0-9][ ().-]*){6,15})? *$",
        example = "+86 138 0013 8000"
    )]
    phone: String,
}

/// How to order the cart.
#[derive(Deserialize, ToSchema)]
struct CheckoutBody {
    /// Required for delivery (422 without it); for a group buy only its `name` is read.
    #[serde(default)]
    #[schema(value_type = CheckoutShipping)]
    shipping: Shipping,
    /// 1 to 100 characters (not only spaces), trimmed: a retried request with the same key
    /// answers the orders of the first instead of ordering again. Wins over the
    /// `Idempotency-Key` header; with neither, every request orders anew.
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    idempotency_key: Option<String>,
    /// Order into this community group buy (pickup at its point) instead of delivery. It must
    /// be open (409 once its cut-off has passed), and every product in the cart part of it
    /// (422 otherwise).
    run_id: Option<RunId>,
}

/// The orders a checkout made.
#[derive(Serialize, ToSchema)]
struct CheckoutOrders {
    /// The first order.
    #[serde(flatten)]
    first: OrderView,
    /// Every order made: one per brand and currency.
    orders: Vec<OrderView>,
}

/// Order the cart: one transaction; 409 sold_out when stock ran out. Idempotency-Key header or field.
///
/// The cart becomes one order per brand and currency, paid on delivery (a group-buy order waits
/// for its cut-off as `run_pending`); the cart is emptied. The answer is the first order, with
/// `orders` listing every order made; a retried request with the same idempotency key gets
/// the same answer again and orders nothing. An empty cart is refused (422).
#[utoipa::path(
    operation_id = "checkout",
    tag = "shop",
    security(("bearer" = [])),
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "1 to 100 characters: a retried request with the same key answers the first one's orders; the body's `idempotency_key` wins over it", min_length = 1, max_length = 100, pattern = r"\S"),
    ),
    request_body = CheckoutBody,
    responses(
        (status = 201, description = "The first order, with `orders` listing all of them", body = CheckoutOrders, headers(("Location" = String, description = "The first order's page"))),
        Unauthorized,
        (status = 404, description = "No such group buy", body = ErrorBody),
        (status = 409, description = "A product sold out or is no longer sold (`code` is `sold_out`), or the group buy has closed", body = ErrorBody),
        (status = 422, description = "Malformed, the cart is empty, no delivery address, or a product is not part of the group buy (`field` names it)", body = ErrorBody),
    )
)]
#[post("/api/v1/checkout")]
pub(super) async fn checkout(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    req: HttpRequest,
    body: Json<CheckoutBody>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let header = req.headers().get("Idempotency-Key").and_then(|v| v.to_str().ok()).map(str::to_string);
    let key = body.idempotency_key.or(header).unwrap_or_else(crate::shop::new_idempotency_key);
    let views = crate::shop::place_orders(&state, user, body.shipping, body.run_id, key).await?;
    let Some(first) = views.first().cloned() else {
        return Err(AppError::Internal(anyhow::anyhow!("a checkout made no orders")));
    };
    let location = first.url.clone();
    Ok(HttpResponse::Created()
        .insert_header(("Location", location))
        .json(CheckoutOrders { first, orders: views }))
}
