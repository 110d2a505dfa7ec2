//! The shop: brands and catalogs, product tags on note photos, cart, checkout and orders,
//! attribution of sales to the notes (and creators) that led to them.

pub mod api;
pub mod brands;
pub mod cart;
pub mod checkout;
pub mod model;
pub mod orders;
pub mod pages;
pub mod products;
pub mod stats;
pub mod tags;

use crate::accounts::model::User;
use crate::web::AppError;
use crate::AppState;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}

/// A fresh idempotency key, for a checkout request that brought none (and for the checkout
/// form, which carries one so that a double submit places one order).
pub fn new_idempotency_key() -> String {
    use rand::Rng;
    format!("{:032x}", rand::rng().random::<u128>())
}

/// Checks out the user's cart (shared by the API and the page); returns the orders' views.
pub async fn place_orders(
    state: &AppState,
    user: User,
    shipping: checkout::Shipping,
    run: Option<crate::db::RunId>,
    key: String,
) -> Result<Vec<orders::OrderView>, AppError> {
    let (payment, pickups) = (state.payments.clone(), state.pickups.clone());
    let days = state.config.attribution_days;
    let base_url = state.config.base_url.clone();
    let views = state
        .db(move |conn| {
            let request = checkout::CheckoutRequest {
                shipping,
                run,
                idempotency_key: key,
                payment: payment.as_ref(),
                pickups: pickups.as_ref(),
                attribution_days: days,
                base_url: &base_url,
            };
            let ids = checkout::checkout(conn, &user, &request)?;
            Ok(orders::views(conn, &ids)?)
        })
        .await?;
    state.jobs_changed();
    Ok(views)
}
