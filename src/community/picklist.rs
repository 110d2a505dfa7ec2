//! A run's pick list (per customer and per product, as JSON, a printable page and CSV) and the
//! leader handing orders over at the pickup point.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::runs::{find, point_leader, view, Run, RunView, CONFIRMED};
use crate::accounts::model::User;
use crate::db::{DbConnection, OrderId, ProductId, RunId};
use crate::i18n::Lang;
use crate::schema::{order_items, orders, users};
use crate::shop::model::format_money;
use crate::shop::orders::{CANCELLED, PLACED};
use crate::web::AppError;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PickItem {
    pub product_id: ProductId,
    pub product_name: String,
    pub quantity: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CustomerPick {
    pub order_id: OrderId,
    pub username: String,
    /// The name the order is for.
    pub name: String,
    /// The phone number to call when the order is in (none on orders placed before it was asked).
    #[schema(nullable = false)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The order's status: `run_pending`, `placed`, `paid`, `shipped` or `delivered`.
    #[schema(example = "placed")]
    pub status: String,
    /// Handed over at the pickup point.
    pub collected: bool,
    pub items: Vec<PickItem>,
    pub total: String,
}

impl CustomerPick {
    /// The leader can hand it over once the run is confirmed and before it is collected.
    pub fn can_collect(&self) -> bool {
        !self.collected
            && [PLACED, crate::shop::orders::PAID, crate::shop::orders::SHIPPED]
                .contains(&self.status.as_str())
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProductPick {
    pub product_id: ProductId,
    pub product_name: String,
    pub quantity: i64,
    /// How many customers ordered it.
    pub customers: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PickList {
    pub run: RunView,
    pub customers: Vec<CustomerPick>,
    pub products: Vec<ProductPick>,
}

impl PickList {
    pub fn units(&self) -> i64 {
        self.products.iter().map(|p| p.quantity).sum()
    }

    /// One row per customer and product, for a spreadsheet; the header row in `lang`.
    pub fn csv(&self, lang: Lang) -> String {
        let mut out = header_row(
            &[
                "picklist-csv-order-id",
                "picklist-csv-customer",
                "picklist-csv-username",
                "picklist-csv-phone",
                "picklist-csv-product",
                "picklist-csv-quantity",
                "picklist-csv-collected",
            ],
            lang,
        );
        let (yes, no) = (lang.t("picklist-csv-yes"), lang.t("picklist-csv-no"));
        for c in &self.customers {
            for item in &c.items {
                out.push_str(&format!(
                    "{},{},{},{},{},{},{}\n",
                    c.order_id,
                    crate::shop::stats::csv_field(&c.name),
                    c.username,
                    crate::shop::stats::csv_field(c.phone.as_deref().unwrap_or_default()),
                    crate::shop::stats::csv_field(&item.product_name),
                    item.quantity,
                    crate::shop::stats::csv_field(if c.collected { &yes } else { &no })
                ));
            }
        }
        out
    }

    /// One row per product with the total to pick; the header row in `lang`.
    pub fn csv_by_product(&self, lang: Lang) -> String {
        let mut out = header_row(
            &[
                "picklist-csv-product-id",
                "picklist-csv-product",
                "picklist-csv-quantity",
                "picklist-csv-customers",
            ],
            lang,
        );
        for p in &self.products {
            out.push_str(&format!(
                "{},{},{},{}\n",
                p.product_id,
                crate::shop::stats::csv_field(&p.product_name),
                p.quantity,
                p.customers
            ));
        }
        out
    }
}

/// A CSV header row: the words of these message ids, in `lang`.
fn header_row(ids: &[&str], lang: Lang) -> String {
    let mut row =
        ids.iter().map(|id| crate::shop::stats::csv_field(&lang.t(id))).collect::<Vec<_>>().join(",");
    row.push('\n');
    row
}

/// The run, if `user` leads its pickup point or works for its brand (or is an admin).
pub fn for_leader(conn: &mut DbConnection, user: &User, id: RunId) -> Result<Run, AppError> {
    let run = find(conn, id)?;
    let leader = point_leader(conn, run.pickup_point_id)?;
    let staff = crate::shop::brands::role(conn, run.brand_id, user.id)?.is_some();
    if leader != user.id && !staff && !user.is_admin {
        return Err(AppError::Forbidden(msg!("picklist-forbidden")));
    }
    Ok(run)
}

/// The consolidated pick list of a run's standing orders, per customer and per product.
pub fn picklist(conn: &mut DbConnection, user: &User, id: RunId) -> Result<PickList, AppError> {
    for_leader(conn, user, id)?;
    let run = view(conn, id)?;
    type Row = (
        OrderId,
        String,
        String,
        Option<String>,
        String,
        Option<NaiveDateTime>,
        i64,
        String,
        ProductId,
        String,
        i32,
    );
    let rows: Vec<Row> = orders::table
        .inner_join(users::table.on(users::id.eq(orders::buyer_id)))
        .inner_join(order_items::table)
        .filter(orders::run_id.eq(Some(id)))
        .filter(orders::status.ne(CANCELLED))
        .order((users::username, orders::id, order_items::id))
        .select((
            orders::id,
            users::username,
            orders::shipping_name,
            orders::shipping_phone,
            orders::status,
            orders::collected_at,
            orders::total_cents,
            orders::currency,
            order_items::product_id,
            order_items::product_name,
            order_items::quantity,
        ))
        .load(conn)?;
    let mut customers: Vec<CustomerPick> = Vec::new();
    let mut by_product: BTreeMap<ProductId, ProductPick> = BTreeMap::new();
    for (order, username, name, phone, status, collected, total, currency, product, product_name, quantity) in
        rows
    {
        if customers.last().map(|c| c.order_id) != Some(order) {
            customers.push(CustomerPick {
                order_id: order,
                username,
                name,
                phone,
                status,
                collected: collected.is_some(),
                items: Vec::new(),
                total: format_money(total, &currency),
            });
        }
        let entry = by_product.entry(product).or_insert_with(|| ProductPick {
            product_id: product,
            product_name: product_name.clone(),
            quantity: 0,
            customers: 0,
        });
        entry.quantity += i64::from(quantity);
        entry.customers += 1;
        if let Some(c) = customers.last_mut() {
            c.items.push(PickItem { product_id: product, product_name, quantity });
        }
    }
    let mut products: Vec<ProductPick> = by_product.into_values().collect();
    products.sort_by(|a, b| a.product_name.cmp(&b.product_name));
    Ok(PickList { run, customers, products })
}

/// The leader hands an order over: it becomes delivered (so the buyer is asked for a review)
/// and collected. Once only: the status moves by compare-and-set.
pub fn mark_collected(
    conn: &mut DbConnection,
    leader: &User,
    order: OrderId,
    base_url: &str,
) -> Result<crate::shop::orders::OrderView, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let found = crate::shop::orders::find(conn, order)?
            .ok_or_else(|| AppError::not_found(msg!("thing-order")))?;
        let Some(run_id) = found.run_id else {
            return Err(AppError::not_found(msg!("thing-order")));
        };
        let run = find(conn, run_id)?;
        if point_leader(conn, run.pickup_point_id)? != leader.id {
            return Err(AppError::Forbidden(msg!("pickup-leader-only")));
        }
        if found.buyer_id == leader.id {
            return Err(AppError::Forbidden(msg!("pickup-own-order")));
        }
        if found.collected_at.is_some() {
            return Err(AppError::Conflict(msg!("pickup-collected-already", order = order.to_string())));
        }
        if run.status != CONFIRMED {
            return Err(AppError::Conflict(msg!("pickup-not-confirmed")));
        }
        use crate::shop::orders::{record_delivery, transition, OrderStatus};
        let movable = [OrderStatus::Placed, OrderStatus::Paid, OrderStatus::Shipped];
        if !transition(conn, order, &movable, OrderStatus::Delivered)? {
            return Err(AppError::Conflict(msg!(
                "pickup-cannot-collect",
                order = order.to_string(),
                status = found.status.to_string()
            )));
        }
        record_delivery(conn, order, leader.id, true)?;
        crate::shop::orders::tell_buyer(conn, leader.id, order, base_url)
    })
}
