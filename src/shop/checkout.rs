//! Checkout. It is one transaction: each cart line's stock is taken with a conditional
//! decrement (`stock >= quantity`), so concurrent buyers can never oversell; the prices, the
//! note or list that led to each item and its commission are captured on the order items; the
//! cart is emptied and the confirmation email queued in the same transaction. A retried request
//! with the same idempotency key finds the orders of the first. An order into a community group
//! buy locks the run first and waits for its cut-off as `run_pending`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use super::model::commission;
use super::orders::{open_checkout, take_stock, view, NewItem, NewOrder, OrderStatus, OrderView, PLACED};
use crate::accounts::model::User;
use crate::db::{BrandId, CheckoutId, DbConnection, ListId, NoteId, OrderId, ProductId, RunId, UserId};
use crate::schema::{brands, cart_items, checkouts, list_touches, lists, notes, orders, touches};
use crate::web::AppError;

/// Where an order goes.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Shipping {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    /// A phone number to reach the buyer: required for a pickup, optional for delivery.
    #[serde(default)]
    pub phone: String,
}

/// The longest phone number written with spaces and signs, and the digits it may hold (E.164
/// allows 15; six is the shortest local number).
const PHONE_CHARS: usize = 30;
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 6..=15;

/// A buyer's phone number, its spaces trimmed: digits with spaces, dashes, dots or brackets
/// between them and an optional leading `+`, 30 characters at most as sent. None if it was
/// left empty and is not `required`. (The API document states the same rule as a pattern.)
pub fn check_phone(raw: &str, required: bool) -> Result<Option<String>, AppError> {
    if raw.chars().count() > PHONE_CHARS {
        return Err(AppError::validation("shipping.phone", msg!("checkout-phone-invalid")));
    }
    let phone = raw.trim_matches(' ');
    if phone.is_empty() {
        return match required {
            true => Err(AppError::validation("shipping.phone", msg!("checkout-phone-missing"))),
            false => Ok(None),
        };
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let well_formed = PHONE_DIGITS.contains(&digits)
        && body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'));
    if !well_formed {
        return Err(AppError::validation("shipping.phone", msg!("checkout-phone-invalid")));
    }
    Ok(Some(phone.to_string()))
}

/// A checked phone number as a `tel:` link's target: the `+` and the digits.
pub fn tel_uri(phone: &str) -> String {
    phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
}

/// Where checkout meets the community group buys without knowing them: the community domain
/// implements this and `AppState` carries it (as it carries the [`PaymentProvider`]), so the
/// shop never imports the group buy.
pub trait Pickups: Send + Sync {
    /// Locks an open group buy's row for an order before its cut-off (refused as closed after
    /// it), and says where to pick up and what it sells. Called before any product row is
    /// touched, in checkout's transaction, as settling the run locks it first too.
    fn lock_for_order(&self, conn: &mut DbConnection, run: RunId) -> Result<Pickup, AppError>;
    /// Locks the open group buy's row for a buyer's cancel before the cut-off.
    fn lock_for_cancel(&self, conn: &mut DbConnection, run: RunId) -> Result<(), AppError>;
}

/// An order's pickup: at a group buy's point, for the products it sells.
pub struct Pickup {
    pub run: RunId,
    pub products: std::collections::HashSet<ProductId>,
    pub address: String,
}

/// Takes payment for an order. Sprout ships with pay-on-delivery; a card processor plugs in
/// here (it would authorise in `charge` and capture when the brand ships).
pub trait PaymentProvider: Send + Sync {
    /// Stored on the order, e.g. `on_delivery`.
    fn method(&self) -> &'static str;
    /// Charges (or arranges to charge) `amount` minor units; returns the order's first status.
    fn charge(&self, amount: i64, currency: &str) -> Result<&'static str, AppError>;
}

/// Cash (or card) to the courier on delivery: nothing to charge now.
pub struct PayOnDelivery;

impl PaymentProvider for PayOnDelivery {
    fn method(&self) -> &'static str {
        "on_delivery"
    }

    fn charge(&self, _amount: i64, _currency: &str) -> Result<&'static str, AppError> {
        Ok(PLACED)
    }
}

fn check_shipping(s: &Shipping) -> Result<(String, String), AppError> {
    let name = s.name.trim();
    let address = s.address.trim();
    if !(1..=100).contains(&name.chars().count()) {
        return Err(AppError::validation("shipping.name", msg!("checkout-name-missing")));
    }
    if !(5..=500).contains(&address.chars().count()) {
        return Err(AppError::validation("shipping.address", msg!("checkout-address-missing")));
    }
    Ok((name.to_string(), address.to_string()))
}

fn check_key(key: &str) -> Result<String, AppError> {
    let key = key.trim();
    if !(1..=100).contains(&key.chars().count()) {
        return Err(AppError::validation("idempotency_key", msg!("checkout-key-length")));
    }
    Ok(key.to_string())
}

fn checkout_by_key(conn: &mut DbConnection, buyer: UserId, key: &str) -> QueryResult<Option<CheckoutId>> {
    checkouts::table
        .filter(checkouts::buyer_id.eq(buyer))
        .filter(checkouts::idempotency_key.eq(key))
        .select(checkouts::id)
        .first(conn)
        .optional()
}

fn orders_of_checkout(conn: &mut DbConnection, id: CheckoutId) -> QueryResult<Vec<OrderId>> {
    orders::table.filter(orders::checkout_id.eq(id)).order(orders::id).select(orders::id).load(conn)
}

/// Everything checkout needs besides the buyer.
pub struct CheckoutRequest<'a> {
    pub shipping: Shipping,
    /// Order into this community group buy and pick up at its point, instead of delivery
    /// (`shipping.name` may still say whose order it is; the address is the point's).
    pub run: Option<RunId>,
    pub idempotency_key: String,
    pub payment: &'a dyn PaymentProvider,
    pub pickups: &'a dyn Pickups,
    pub attribution_days: i64,
    pub base_url: &'a str,
}

/// Turns the buyer's cart into orders, one per brand and currency. Returns the orders' ids
/// (the same ids again for a retried request with the same key).
pub fn checkout(
    conn: &mut DbConnection,
    buyer: &User,
    req: &CheckoutRequest,
) -> Result<Vec<OrderId>, AppError> {
    let key = check_key(&req.idempotency_key)?;
    let phone = check_phone(&req.shipping.phone, req.run.is_some())?;
    let delivery = match req.run {
        None => Some(check_shipping(&req.shipping)?),
        Some(_) => None,
    };
    let result = crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        if let Some(done) = checkout_by_key(conn, buyer.id, &key)? {
            return Ok(orders_of_checkout(conn, done)?);
        }
        place(conn, buyer, &key, delivery.as_ref(), phone.as_deref(), req)
    });
    match result {
        // The same key raced in from a second request and committed first: answer with its orders.
        Err(AppError::Internal(e)) if is_unique_violation(&e) => match checkout_by_key(conn, buyer.id, &key)?
        {
            Some(done) => Ok(orders_of_checkout(conn, done)?),
            None => Err(AppError::Internal(e)),
        },
        other => other,
    }
}

fn is_unique_violation(e: &anyhow::Error) -> bool {
    matches!(
        e.downcast_ref::<diesel::result::Error>(),
        Some(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
    )
}

struct Line {
    product_id: ProductId,
    quantity: i32,
}

fn place(
    conn: &mut DbConnection,
    buyer: &User,
    key: &str,
    delivery: Option<&(String, String)>,
    phone: Option<&str>,
    req: &CheckoutRequest,
) -> Result<Vec<OrderId>, AppError> {
    // The key is claimed first: a second request with the same key waits here (on the unique
    // index) until the first commits, then fails and answers with the first one's orders.
    let now = crate::db::now();
    let checkout_id = open_checkout(conn, buyer.id, key)?;
    let lines: Vec<Line> = cart_items::table
        .filter(cart_items::user_id.eq(buyer.id))
        .order(cart_items::id)
        .select((cart_items::product_id, cart_items::quantity))
        .load::<(ProductId, i32)>(conn)?
        .into_iter()
        .map(|(product_id, quantity)| Line { product_id, quantity })
        .collect();
    if lines.is_empty() {
        return Err(AppError::validation("cart", msg!("checkout-cart-empty")));
    }
    // A group-buy order locks its run first (before any product row, as settling does), so it
    // lands before the cut-off settles the run or is refused as too late.
    let pickup = req.run.map(|run| req.pickups.lock_for_order(conn, run)).transpose()?;
    let (name, address) = match (&pickup, delivery) {
        (Some(pickup), _) => {
            let name = req.shipping.name.trim();
            let name = if name.is_empty() || name.chars().count() > 100 { &buyer.display_name } else { name };
            (name.to_string(), pickup.address.clone())
        }
        (None, Some((name, address))) => (name.clone(), address.clone()),
        (None, None) => return Err(AppError::validation("shipping", msg!("checkout-no-address"))),
    };
    let window_start = now - chrono::Duration::days(req.attribution_days);
    // Items grouped by (brand, currency): each group is one order.
    let mut groups: BTreeMap<(BrandId, String), Vec<NewItem>> = BTreeMap::new();
    for line in &lines {
        let product = take_stock(conn, line.product_id, line.quantity)?;
        let brand_bps: i32 =
            brands::table.find(product.brand_id).select(brands::commission_bps).first(conn)?;
        if pickup.as_ref().is_some_and(|p| !p.products.contains(&product.id)) {
            return Err(AppError::validation(
                "run_id",
                msg!("checkout-not-in-group-buy", product = &product.name),
            ));
        }
        let source = last_touch(conn, buyer.id, line.product_id, window_start)?;
        let amount = product.price_cents * i64::from(line.quantity);
        let bps = if source.is_some() { product.commission_bps.unwrap_or(brand_bps) } else { 0 };
        groups.entry((product.brand_id, product.currency.clone())).or_default().push(NewItem {
            product_id: product.id,
            product_name: product.name.clone(),
            quantity: line.quantity,
            unit_price_cents: product.price_cents,
            source_note_id: source.and_then(|s| s.note),
            source_list_id: source.and_then(|s| s.list),
            creator_id: source.map(|s| s.creator),
            commission_bps: bps,
            commission_cents: commission(amount, bps),
        });
    }
    let mut ids = Vec::new();
    for ((brand, currency), items) in groups {
        let total: i64 = items.iter().map(|i| i.unit_price_cents * i64::from(i.quantity)).sum();
        // A group-buy order waits for the cut-off; it is paid on collection.
        let status = match pickup {
            Some(_) => OrderStatus::RunPending,
            None => OrderStatus::parse(req.payment.charge(total, &currency)?).ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("the payment provider named no order status"))
            })?,
        };
        let order_id = super::orders::insert(
            conn,
            &NewOrder {
                checkout: checkout_id,
                buyer: buyer.id,
                brand,
                status,
                currency: &currency,
                shipping_name: &name,
                shipping_address: &address,
                shipping_phone: phone,
                payment_method: req.payment.method(),
                run: pickup.as_ref().map(|p| p.run),
                items: &items,
            },
        )?;
        ids.push(order_id);
    }
    diesel::delete(cart_items::table.filter(cart_items::user_id.eq(buyer.id))).execute(conn)?;
    for id in &ids {
        let view = view(conn, *id)?;
        let lang = crate::accounts::queries::mail_lang(conn, buyer.id)?;
        crate::mail::enqueue(conn, &confirmation_email(buyer, &view, req.base_url, lang))?;
    }
    Ok(ids)
}

/// What led a buyer to a product: a note or a list, and its creator.
#[derive(Debug, Clone, Copy)]
struct Touch {
    note: Option<NoteId>,
    list: Option<ListId>,
    creator: UserId,
    at: NaiveDateTime,
}

/// The latest note or list that showed the buyer the product since `since`; never the
/// buyer's own (buying through one's own note earns nothing).
fn last_touch(
    conn: &mut DbConnection,
    buyer: UserId,
    product: ProductId,
    since: NaiveDateTime,
) -> QueryResult<Option<Touch>> {
    let by_note: Option<(NoteId, UserId, NaiveDateTime)> = touches::table
        .inner_join(notes::table)
        .filter(touches::user_id.eq(buyer))
        .filter(touches::product_id.eq(product))
        .filter(touches::touched_at.ge(since))
        .select((touches::note_id, notes::author_id, touches::touched_at))
        .first(conn)
        .optional()?;
    let by_list: Option<(ListId, UserId, NaiveDateTime)> = list_touches::table
        .inner_join(lists::table)
        .filter(list_touches::user_id.eq(buyer))
        .filter(list_touches::product_id.eq(product))
        .filter(list_touches::touched_at.ge(since))
        .select((list_touches::list_id, lists::author_id, list_touches::touched_at))
        .first(conn)
        .optional()?;
    let candidates = [
        by_note.map(|(note, creator, at)| Touch { note: Some(note), list: None, creator, at }),
        by_list.map(|(list, creator, at)| Touch { note: None, list: Some(list), creator, at }),
    ];
    Ok(candidates.into_iter().flatten().filter(|t| t.creator != buyer).max_by_key(|t| t.at))
}

fn confirmation_email(
    buyer: &User,
    order: &OrderView,
    base_url: &str,
    lang: crate::i18n::Lang,
) -> crate::mail::Email {
    use crate::mail::templates::{OrderConfirmation, OrderLine};
    OrderConfirmation {
        display_name: &buyer.display_name,
        order_id: order.id,
        brand: &order.brand_name,
        lines: order
            .items
            .iter()
            .map(|i| OrderLine {
                quantity: i.quantity,
                product_name: &i.product_name,
                line_total: &i.line_total,
            })
            .collect(),
        total: &order.total,
        group_buy: order.run_id.is_some(),
        shipping_name: &order.shipping.name,
        shipping_address: &order.shipping.address,
        order_url: format!("{base_url}/orders/{}", order.id),
    }
    .email(buyer.email.clone(), lang)
}
