//! The cart and checkout (delivery, or pickup at a community group buy).

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::accounts::model::User;
use crate::accounts::{PageContext, PageUser};
use crate::db::{CartItemId, NoteId, ProductId, RunId};
use crate::shop::cart;
use crate::shop::checkout::Shipping;
use crate::web::csrf::CsrfForm;
use crate::web::page::{render, render_error};
use crate::web::{see_other, AppError, PageResult};
use crate::AppState;

#[derive(Template)]
#[template(path = "shop/cart.html")]
struct CartPage {
    ctx: PageContext,
    cart: cart::CartView,
    error: Option<String>,
    name: String,
    address: String,
    phone: String,
    idempotency_key: String,
    /// Open community group buys that sell everything in the cart: pickup instead of delivery.
    pickups: Vec<crate::community::runs::RunView>,
    /// The pickup chosen (none: delivery).
    run_id: Option<RunId>,
}

impl CartPage {
    fn is_chosen(&self, run: &RunId) -> bool {
        self.run_id.as_ref() == Some(run)
    }
}

async fn cart_page(
    state: &AppState,
    ctx: PageContext,
    user: &User,
    error: Option<String>,
    shipping: Shipping,
    run_id: Option<RunId>,
) -> Result<CartPage, AppError> {
    let id = user.id;
    let (cart, pickups, last_phone) = state
        .db(move |conn| {
            let cart = cart::view(conn, id)?;
            let products: Vec<ProductId> = cart.items.iter().map(|l| l.product.id).collect();
            let pickups = crate::community::runs::open_for_cart(conn, &products)?;
            Ok((cart, pickups, crate::shop::orders::last_phone(conn, id)?))
        })
        .await?;
    let name = if shipping.name.is_empty() { user.display_name.clone() } else { shipping.name };
    let phone = if shipping.phone.is_empty() { last_phone.unwrap_or_default() } else { shipping.phone };
    Ok(CartPage {
        ctx,
        cart,
        error,
        name,
        address: shipping.address,
        phone,
        idempotency_key: crate::shop::new_idempotency_key(),
        pickups,
        run_id,
    })
}

#[get("/cart")]
pub(super) async fn show_cart(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
) -> PageResult<HttpResponse> {
    render(&cart_page(&state, ctx, &user, None, Shipping::default(), None).await?)
}

#[derive(Deserialize)]
struct AddForm {
    product_id: i64,
    quantity: Option<i32>,
    source_note_id: Option<i64>,
    source_list_id: Option<i64>,
    /// Where to go next: back to the note, or (default) the cart.
    back: Option<String>,
}

#[post("/cart/items")]
pub(super) async fn add_to_cart(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    form: CsrfForm<AddForm>,
) -> PageResult<HttpResponse> {
    let f = form.into_inner();
    let (product, quantity, source) =
        (ProductId(f.product_id), f.quantity.unwrap_or(1), f.source_note_id.map(NoteId));
    let list = f.source_list_id.map(crate::db::ListId);
    state.db(move |conn| cart::add(conn, &user, product, quantity, source, list)).await?;
    let next =
        f.back.filter(|b| b.starts_with('/') && !b.starts_with("//")).unwrap_or_else(|| "/cart".into());
    Ok(see_other(&next))
}

#[derive(Deserialize)]
struct QuantityForm {
    quantity: i32,
}

#[post("/cart/items/{id}")]
pub(super) async fn set_quantity(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<CartItemId>,
    form: CsrfForm<QuantityForm>,
) -> PageResult<HttpResponse> {
    let (id, quantity, u) = (*id, form.quantity, user.clone());
    match state.db(move |conn| cart::set_quantity(conn, &u, id, quantity)).await {
        Ok(()) => Ok(see_other("/cart")),
        Err(err @ (AppError::Validation { .. } | AppError::SoldOut(_))) => {
            let page =
                cart_page(&state, ctx, &user, Some(err.to_string()), Shipping::default(), None).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/cart/items/{id}/delete")]
pub(super) async fn remove_from_cart(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<CartItemId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    state.db(move |conn| cart::remove(conn, &user, id)).await?;
    Ok(see_other("/cart"))
}

#[derive(Deserialize)]
struct CheckoutForm {
    name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    idempotency_key: String,
    /// "" for delivery, or the group buy to pick up from.
    #[serde(default)]
    run_id: String,
}

#[post("/checkout")]
pub(super) async fn checkout(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    form: CsrfForm<CheckoutForm>,
) -> PageResult<HttpResponse> {
    let f = form.into_inner();
    let shipping = Shipping { name: f.name.clone(), address: f.address.clone(), phone: f.phone.clone() };
    let run = f.run_id.trim().parse::<i64>().ok().map(RunId);
    match crate::shop::place_orders(&state, user.clone(), shipping, run, f.idempotency_key).await {
        Ok(views) if views.len() == 1 => Ok(see_other(&format!("{}?placed=1", views[0].url))),
        Ok(_) => Ok(see_other("/orders?placed=1")),
        Err(err @ (AppError::Validation { .. } | AppError::SoldOut(_) | AppError::Conflict(_))) => {
            let page = cart_page(
                &state,
                ctx,
                &user,
                Some(err.to_string()),
                Shipping { name: f.name, address: f.address, phone: f.phone },
                run,
            )
            .await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}
