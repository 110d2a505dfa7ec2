//! Orders after checkout: their views, the brand moving them along (compare-and-set on the
//! status), cancelling with the stock put back, telling the buyer, and the delivered items a
//! buyer may review.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::model::{format_money, Order, OrderItem};
use crate::accounts::model::User;
use crate::db::{
    BrandId, CheckoutId, DbConnection, ListId, NoteId, OrderId, OrderItemId, ProductId, RunId, UserId,
};
use crate::notifications::{self, Kind};
use crate::schema::{brands, checkouts, notes, order_items, orders, products, users};
use crate::web::AppError;

crate::db::status_enum!(
    /// Where an order is. The shop owns it: every change goes through [`transition`].
    OrderStatus {
        Placed => "placed",
        Paid => "paid",
        Shipped => "shipped",
        Delivered => "delivered",
        Cancelled => "cancelled",
        /// Committed to a team purchase that has not filled yet.
        TeamPending => "team_pending",
        /// Ordered into a community group buy before its cut-off.
        RunPending => "run_pending",
    }
);

pub const PLACED: &str = OrderStatus::Placed.as_str();
pub const PAID: &str = OrderStatus::Paid.as_str();
pub const SHIPPED: &str = OrderStatus::Shipped.as_str();
pub const DELIVERED: &str = OrderStatus::Delivered.as_str();
pub const CANCELLED: &str = OrderStatus::Cancelled.as_str();
pub const TEAM_PENDING: &str = OrderStatus::TeamPending.as_str();
pub const RUN_PENDING: &str = OrderStatus::RunPending.as_str();

/// Moves an order from one of `from` to `to`, as a compare-and-set on its status: of two
/// racing changes only one applies. Returns whether this one did. Every status change of an
/// order goes through here.
pub fn transition(
    conn: &mut DbConnection,
    id: OrderId,
    from: &[OrderStatus],
    to: OrderStatus,
) -> QueryResult<bool> {
    let changed = diesel::update(orders::table.find(id).filter(orders::status.eq_any(from.to_vec())))
        .set((orders::status.eq(to), orders::updated_at.eq(crate::db::now())))
        .execute(conn)?;
    Ok(changed == 1)
}

/// A line of a new order: the price, and the note or list that led to it with its commission,
/// as they were when it was ordered.
pub struct NewItem {
    pub product_id: ProductId,
    pub product_name: String,
    pub quantity: i32,
    pub unit_price_cents: i64,
    pub source_note_id: Option<NoteId>,
    pub source_list_id: Option<ListId>,
    pub creator_id: Option<UserId>,
    pub commission_bps: i32,
    pub commission_cents: i64,
}

/// An order to write, with its lines.
pub struct NewOrder<'a> {
    pub checkout: CheckoutId,
    pub buyer: UserId,
    pub brand: BrandId,
    pub status: OrderStatus,
    pub currency: &'a str,
    pub shipping_name: &'a str,
    pub shipping_address: &'a str,
    pub shipping_phone: Option<&'a str>,
    pub payment_method: &'a str,
    /// The community group buy it is ordered into, if any.
    pub run: Option<RunId>,
    pub items: &'a [NewItem],
}

/// Claims a checkout's idempotency key for `buyer`: the one row every order hangs from. A second
/// claim of the same key waits on the unique index until the first commits, then fails.
pub fn open_checkout(conn: &mut DbConnection, buyer: UserId, key: &str) -> QueryResult<CheckoutId> {
    crate::per_backend!(conn, |c| diesel::insert_into(checkouts::table)
        .values((
            checkouts::buyer_id.eq(buyer),
            checkouts::idempotency_key.eq(key),
            checkouts::created_at.eq(crate::db::now()),
        ))
        .returning(checkouts::id)
        .get_result(c))
}

/// Takes `quantity` of a product off its stock with a conditional decrement, so that concurrent
/// buyers never oversell; refused (409 `sold_out`, saying why) when it is not on sale or not
/// enough is left. Returns the product as it is now. The one way stock is taken.
pub fn take_stock(
    conn: &mut DbConnection,
    product: ProductId,
    quantity: i32,
) -> Result<super::model::Product, AppError> {
    let taken = diesel::update(
        products::table
            .find(product)
            .filter(products::active.eq(true))
            .filter(products::moderation.eq(crate::moderation::VISIBLE))
            .filter(products::stock.ge(i64::from(quantity))),
    )
    .set(products::stock.eq(products::stock - i64::from(quantity)))
    .execute(conn)?;
    let found =
        super::products::find(conn, product)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
    if taken == 0 {
        let message = if !found.on_sale() {
            msg!("stock-no-longer-sold-remove", product = &found.name)
        } else if found.stock == 0 {
            msg!("stock-just-sold-out", product = &found.name)
        } else {
            msg!("stock-lower-quantity", count = found.stock, product = &found.name)
        };
        return Err(AppError::SoldOut(message));
    }
    Ok(found)
}

/// Writes an order and its lines (their stock already taken with [`take_stock`], in the same
/// transaction). The one way an order is made: checkout, team purchases and group buys all
/// come through here.
pub fn insert(conn: &mut DbConnection, order: &NewOrder) -> QueryResult<OrderId> {
    let now = crate::db::now();
    let total: i64 = order.items.iter().map(|i| i.unit_price_cents * i64::from(i.quantity)).sum();
    let id: OrderId = crate::per_backend!(conn, |c| diesel::insert_into(orders::table)
        .values((
            orders::checkout_id.eq(order.checkout),
            orders::buyer_id.eq(order.buyer),
            orders::brand_id.eq(order.brand),
            orders::status.eq(order.status),
            orders::currency.eq(order.currency),
            orders::total_cents.eq(total),
            orders::shipping_name.eq(order.shipping_name),
            orders::shipping_address.eq(order.shipping_address),
            orders::shipping_phone.eq(order.shipping_phone),
            orders::payment_method.eq(order.payment_method),
            orders::created_at.eq(now),
            orders::updated_at.eq(now),
            orders::run_id.eq(order.run),
        ))
        .returning(orders::id)
        .get_result(c))?;
    for item in order.items {
        diesel::insert_into(order_items::table)
            .values((
                order_items::order_id.eq(id),
                order_items::product_id.eq(item.product_id),
                order_items::product_name.eq(&item.product_name),
                order_items::quantity.eq(item.quantity),
                order_items::unit_price_cents.eq(item.unit_price_cents),
                order_items::source_note_id.eq(item.source_note_id),
                order_items::creator_id.eq(item.creator_id),
                order_items::commission_bps.eq(item.commission_bps),
                order_items::commission_cents.eq(item.commission_cents),
                order_items::source_list_id.eq(item.source_list_id),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// Confirms a waiting one-item order at the price it finally costs (a team's tier price): its
/// line and total are repriced and it moves from `from` to placed, once.
pub fn confirm_at_price(
    conn: &mut DbConnection,
    id: OrderId,
    from: OrderStatus,
    unit_price_cents: i64,
) -> QueryResult<bool> {
    if !transition(conn, id, &[from], OrderStatus::Placed)? {
        return Ok(false);
    }
    diesel::update(order_items::table.filter(order_items::order_id.eq(id)))
        .set(order_items::unit_price_cents.eq(unit_price_cents))
        .execute(conn)?;
    diesel::update(orders::table.find(id)).set(orders::total_cents.eq(unit_price_cents)).execute(conn)?;
    Ok(true)
}

/// Records who handed a delivered order over (never its buyer) and, at a pickup point, that it
/// was collected. Call it in the transaction whose [`transition`] delivered it.
pub fn record_delivery(conn: &mut DbConnection, id: OrderId, by: UserId, collected: bool) -> QueryResult<()> {
    let collected_at = collected.then(crate::db::now);
    diesel::update(orders::table.find(id))
        .set((orders::delivered_by.eq(Some(by)), orders::collected_at.eq(collected_at)))
        .execute(conn)
        .map(drop)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ShippingView {
    pub name: String,
    pub address: String,
    /// Shown to the buyer, the brand and the pickup point only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrderItemView {
    pub id: OrderItemId,
    pub product_id: ProductId,
    pub product_name: String,
    pub quantity: i32,
    pub unit_price_cents: i64,
    pub unit_price: String,
    pub line_total: String,
    pub source_note_id: Option<NoteId>,
    pub source_list_id: Option<i64>,
    /// The username of the creator credited with the sale.
    pub creator: Option<String>,
    pub commission_cents: i64,
    /// The buyer's verified review of this item, once written.
    pub review_note_id: Option<NoteId>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrderView {
    pub id: OrderId,
    /// `placed`, `paid`, `shipped`, `delivered`, `cancelled`, `team_pending` (committed to a
    /// team purchase that has not filled yet) or `run_pending` (ordered into a community group
    /// buy before its cut-off).
    #[schema(example = "placed")]
    pub status: String,
    pub brand_name: String,
    pub brand_slug: String,
    pub buyer: String,
    pub items: Vec<OrderItemView>,
    pub currency: String,
    pub total_cents: i64,
    pub total: String,
    pub shipping: ShippingView,
    pub payment_method: String,
    /// The community group buy it was ordered into (picked up at its point), if any.
    pub run_id: Option<RunId>,
    /// Handed over at the pickup point.
    pub collected: bool,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::web::utc_time")]
    pub updated_at: NaiveDateTime,
    pub url: String,
}

impl OrderView {
    pub fn is_delivered(&self) -> bool {
        self.status == DELIVERED
    }

    /// Statuses the brand may move this order to next.
    pub fn next_statuses(&self) -> &'static [&'static str] {
        next_statuses(&self.status)
    }

    pub fn buyer_can_cancel(&self) -> bool {
        self.status == PLACED || self.status == PAID || self.status == RUN_PENDING
    }

    /// The status in words (sentence case: a label of its own).
    pub fn status_label(&self) -> crate::i18n::Msg {
        match self.status.as_str() {
            DELIVERED if self.collected => msg!("order-status-collected"),
            other => status_label(other),
        }
    }

    /// The words of the button that moves this order to `next`.
    pub fn mark_label(&self, next: &str) -> crate::i18n::Msg {
        match next {
            PAID => msg!("order-mark-paid"),
            SHIPPED => msg!("order-mark-shipped"),
            DELIVERED => msg!("order-mark-delivered"),
            CANCELLED => msg!("order-mark-cancelled"),
            other => msg!("order-mark-other", status = other),
        }
    }
}

/// A status's label, in sentence case.
pub fn status_label(status: &str) -> crate::i18n::Msg {
    match status {
        PLACED => msg!("order-status-placed"),
        PAID => msg!("order-status-paid"),
        SHIPPED => msg!("order-status-shipped"),
        DELIVERED => msg!("order-status-delivered"),
        CANCELLED => msg!("order-status-cancelled"),
        TEAM_PENDING => msg!("order-status-team-pending"),
        RUN_PENDING => msg!("order-status-run-pending"),
        other => msg!("order-status-other", status = other),
    }
}

/// A status inside a sentence ("An order that is shipped …").
fn status_word(status: &str) -> crate::i18n::Msg {
    match status {
        PLACED => msg!("order-state-placed"),
        PAID => msg!("order-state-paid"),
        SHIPPED => msg!("order-state-shipped"),
        DELIVERED => msg!("order-state-delivered"),
        CANCELLED => msg!("order-state-cancelled"),
        TEAM_PENDING => msg!("order-state-team-pending"),
        RUN_PENDING => msg!("order-state-run-pending"),
        other => msg!("order-state-other", status = other),
    }
}

fn next_statuses(status: &str) -> &'static [&'static str] {
    match status {
        PLACED => &[PAID, SHIPPED, CANCELLED],
        PAID => &[SHIPPED, CANCELLED],
        SHIPPED => &[DELIVERED],
        RUN_PENDING => &[CANCELLED],
        _ => &[],
    }
}

pub fn find(conn: &mut DbConnection, id: OrderId) -> QueryResult<Option<Order>> {
    orders::table.find(id).select(Order::as_select()).first(conn).optional()
}

/// The phone number the buyer gave on their latest order that has one (checkout fills it in).
pub fn last_phone(conn: &mut DbConnection, buyer: UserId) -> QueryResult<Option<String>> {
    orders::table
        .filter(orders::buyer_id.eq(buyer))
        .filter(orders::shipping_phone.is_not_null())
        .order(orders::id.desc())
        .select(orders::shipping_phone)
        .first::<Option<String>>(conn)
        .optional()
        .map(Option::flatten)
}

pub fn view(conn: &mut DbConnection, id: OrderId) -> Result<OrderView, AppError> {
    views(conn, &[id])?.pop().ok_or_else(|| AppError::not_found(msg!("thing-order")))
}

/// Views of these orders, in order, in three queries.
pub fn views(conn: &mut DbConnection, ids: &[OrderId]) -> QueryResult<Vec<OrderView>> {
    let rows: Vec<(Order, String, String, String)> = orders::table
        .inner_join(brands::table)
        .inner_join(users::table.on(users::id.eq(orders::buyer_id)))
        .filter(crate::db::in_ids(orders::id, ids))
        .select((Order::as_select(), brands::name, brands::slug, users::username))
        .load(conn)?;
    let items: Vec<(OrderItem, Option<String>)> = order_items::table
        .left_join(users::table.on(users::id.nullable().eq(order_items::creator_id)))
        .filter(crate::db::in_ids(order_items::order_id, ids))
        .order(order_items::id)
        .select((OrderItem::as_select(), users::username.nullable()))
        .load(conn)?;
    let item_ids: Vec<OrderItemId> = items.iter().map(|i| i.0.id).collect();
    let reviews: Vec<(Option<i64>, NoteId)> = notes::table
        .filter(notes::verified_order_item_id.eq_any(item_ids.iter().map(|i| i.0)))
        .select((notes::verified_order_item_id, notes::id))
        .load(conn)?;
    let mut by_id: std::collections::HashMap<OrderId, OrderView> = rows
        .into_iter()
        .map(|(o, brand_name, brand_slug, buyer)| {
            (
                o.id,
                OrderView {
                    id: o.id,
                    total: format_money(o.total_cents, &o.currency),
                    status: o.status,
                    brand_name,
                    brand_slug,
                    buyer,
                    items: Vec::new(),
                    currency: o.currency,
                    total_cents: o.total_cents,
                    shipping: ShippingView {
                        name: o.shipping_name,
                        address: o.shipping_address,
                        phone: o.shipping_phone,
                    },
                    payment_method: o.payment_method,
                    run_id: o.run_id,
                    collected: o.collected_at.is_some(),
                    created_at: o.created_at,
                    updated_at: o.updated_at,
                    url: format!("/orders/{}", o.id),
                },
            )
        })
        .collect();
    for (item, creator) in items {
        let Some(order) = by_id.get_mut(&item.order_id) else { continue };
        let line = item.unit_price_cents * i64::from(item.quantity);
        order.items.push(OrderItemView {
            id: item.id,
            product_id: item.product_id,
            unit_price: format_money(item.unit_price_cents, &order.currency),
            line_total: format_money(line, &order.currency),
            product_name: item.product_name,
            quantity: item.quantity,
            unit_price_cents: item.unit_price_cents,
            source_note_id: item.source_note_id,
            source_list_id: item.source_list_id,
            creator,
            commission_cents: item.commission_cents,
            review_note_id: reviews.iter().find(|r| r.0 == Some(item.id.0)).map(|r| r.1),
        });
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The order, if `user` bought it or works for its brand; 404 for anyone else.
pub fn visible(conn: &mut DbConnection, user: &User, id: OrderId) -> Result<(Order, bool), AppError> {
    let order = find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-order")))?;
    let staff = super::brands::role(conn, order.brand_id, user.id)?.is_some();
    if order.buyer_id != user.id && !staff {
        return Err(AppError::not_found(msg!("thing-order")));
    }
    Ok((order, staff))
}

/// Moves an order on: brand staff through paid → shipped → delivered (or cancelled before it
/// ships); the buyer may cancel before it ships. Cancelling puts the stock back. The change is
/// a compare-and-set on the old status, so two racing requests cannot both apply it.
pub fn set_status(
    conn: &mut DbConnection,
    user: &User,
    id: OrderId,
    status: &str,
    pickups: &dyn super::checkout::Pickups,
    base_url: &str,
) -> Result<OrderView, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let (order, staff) = visible(conn, user, id)?;
        let own = order.buyer_id == user.id;
        if own && status != CANCELLED {
            // Staff buying from their own brand still cannot deliver to themselves: the
            // verified-purchase badge rests on someone else recording the delivery.
            return Err(AppError::Forbidden(msg!("order-not-your-own")));
        }
        if !staff && !own {
            return Err(AppError::Forbidden(msg!("order-brand-only")));
        }
        if !next_statuses(&order.status).contains(&status) {
            return Err(AppError::Conflict(msg!(
                "order-cannot-become",
                from = status_word(&order.status),
                to = status_word(status)
            )));
        }
        if let (RUN_PENDING, Some(run)) = (order.status.as_str(), order.run_id) {
            // Cancelling before the cut-off holds the run, as ordering into it does.
            pickups.lock_for_cancel(conn, run)?;
        }
        let (Some(from), Some(to)) = (OrderStatus::parse(&order.status), OrderStatus::parse(status)) else {
            return Err(AppError::validation("status", msg!("order-no-such-status", status = status)));
        };
        if !transition(conn, id, &[from], to)? {
            return Err(AppError::Conflict(msg!("order-changed-meanwhile")));
        }
        if to == OrderStatus::Delivered {
            record_delivery(conn, id, user.id, false)?;
        }
        if status == CANCELLED {
            restore_stock(conn, id)?;
        }
        tell_buyer(conn, user.id, id, base_url)
    })
}

/// Puts a cancelled order's items back on sale. Call it once, in the transaction whose
/// compare-and-set moved the order to cancelled.
pub fn restore_stock(conn: &mut DbConnection, order: OrderId) -> QueryResult<()> {
    let items: Vec<(ProductId, i32)> = order_items::table
        .filter(order_items::order_id.eq(order))
        .select((order_items::product_id, order_items::quantity))
        .load(conn)?;
    for (product, quantity) in items {
        diesel::update(products::table.find(product))
            .set(products::stock.eq(products::stock + i64::from(quantity)))
            .execute(conn)?;
    }
    Ok(())
}

/// After an order moved on: unless `actor` is the buyer, notifies them (and emails them when it
/// shipped, was delivered or cancelled). Returns the order's view.
pub fn tell_buyer(
    conn: &mut DbConnection,
    actor: UserId,
    id: OrderId,
    base_url: &str,
) -> Result<OrderView, AppError> {
    let view = view(conn, id)?;
    let order = find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-order")))?;
    if order.buyer_id != actor {
        let buyer = crate::accounts::queries::by_id(conn, order.buyer_id)?;
        let status = view.status.as_str();
        let kind = if status == DELIVERED { Kind::Delivered } else { Kind::OrderUpdate };
        notifications::notify_order(conn, buyer.id, actor, kind, id)?;
        if status == DELIVERED || status == SHIPPED || status == CANCELLED {
            let lang = crate::accounts::queries::mail_lang(conn, buyer.id)?;
            crate::mail::enqueue(conn, &status_email(&buyer, &view, base_url, lang))?;
        }
    }
    Ok(view)
}

fn status_email(
    buyer: &User,
    order: &OrderView,
    base_url: &str,
    lang: crate::i18n::Lang,
) -> crate::mail::Email {
    use crate::mail::templates::{OrderStatusChange, OrderUpdate, ReviewPrompt};
    let update = match order.status.as_str() {
        DELIVERED => OrderUpdate::Delivered,
        SHIPPED => OrderUpdate::Shipped,
        _ => OrderUpdate::Cancelled,
    };
    let reviews = match update {
        OrderUpdate::Delivered => order
            .items
            .iter()
            .map(|i| ReviewPrompt {
                product_name: &i.product_name,
                url: format!("{base_url}/notes/new?order_item={}", i.id),
            })
            .collect(),
        _ => Vec::new(),
    };
    OrderStatusChange {
        display_name: &buyer.display_name,
        order_id: order.id,
        brand: &order.brand_name,
        update,
        reviews,
        order_url: format!("{base_url}/orders/{}", order.id),
    }
    .email(buyer.email.clone(), lang)
}

/// A buyer's orders, newest first.
pub fn of_buyer(conn: &mut DbConnection, buyer: UserId) -> QueryResult<Vec<OrderView>> {
    let ids: Vec<OrderId> = orders::table
        .filter(orders::buyer_id.eq(buyer))
        .order(orders::id.desc())
        .select(orders::id)
        .limit(200)
        .load(conn)?;
    views(conn, &ids)
}

/// A brand's orders, newest first.
pub fn of_brand(conn: &mut DbConnection, brand: BrandId) -> QueryResult<Vec<OrderView>> {
    let ids: Vec<OrderId> = orders::table
        .filter(orders::brand_id.eq(brand))
        .order(orders::id.desc())
        .select(orders::id)
        .limit(500)
        .load(conn)?;
    views(conn, &ids)
}

/// The buyer's delivered order item, not yet reviewed: what a verified-purchase note needs.
pub fn reviewable_item(
    conn: &mut DbConnection,
    buyer: &User,
    item: OrderItemId,
) -> Result<ProductId, AppError> {
    let row: Option<(ProductId, UserId, String, Option<UserId>)> = order_items::table
        .inner_join(orders::table)
        .filter(order_items::id.eq(item))
        .select((order_items::product_id, orders::buyer_id, orders::status, orders::delivered_by))
        .first(conn)
        .optional()?;
    let Some((product, _, status, delivered_by)) = row.filter(|r| r.1 == buyer.id) else {
        return Err(AppError::validation("order_item_id", msg!("order-item-not-yours")));
    };
    // Delivered, as recorded by someone other than the buyer (brand staff or the pickup
    // point's leader): nobody can issue themselves the badge.
    if status != DELIVERED || delivered_by.is_none_or(|by| by == buyer.id) {
        return Err(AppError::validation("order_item_id", msg!("order-item-not-delivered")));
    }
    let reviewed: i64 =
        notes::table.filter(notes::verified_order_item_id.eq(Some(item.0))).count().get_result(conn)?;
    if reviewed > 0 {
        return Err(AppError::Conflict(msg!("order-item-reviewed")));
    }
    Ok(product)
}
