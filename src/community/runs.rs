//! Runs: a brand's community group buy at a pickup point.
//!
//! Ordering into a run and settling it meet on the run's row. Checkout (and a buyer's cancel
//! before the cut-off) starts with a conditional no-op update of the row
//! (`status = 'open' AND cutoff_at > now`), which takes its lock; settling starts with a
//! compare-and-set that claims the row (`status = 'open' AND settled_at IS NULL`). So an order
//! either lands before the run settles, and is counted, or is refused as too late; and the run
//! settles once, whichever worker (or `sprout jobs run-due`) gets there first.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::points::{self, PointView};
use crate::accounts::model::User;
use crate::db::{BrandId, DbConnection, OrderId, PickupPointId, ProductId, RunId, UserId};
use crate::i18n::Lang;
use crate::schema::{brands, orders, products, run_products, runs, users};
use crate::shop::checkout::Pickup;
use crate::shop::model::ProductView;
use crate::shop::orders::CANCELLED;
use crate::web::AppError;

/// The job that settles a group buy at its cut-off: scheduled with the run.
#[derive(Debug, Serialize, Deserialize)]
pub struct SettleRun {
    pub run_id: RunId,
}

impl crate::jobs::Job for SettleRun {
    const KIND: &'static str = "run_settle";

    fn run(self, ctx: &crate::JobContext) -> anyhow::Result<()> {
        crate::jobs::settle_or_look_again(ctx, &self, "group buy", self.run_id, settle, is_open)
    }
}
crate::db::status_enum!(
    /// Where a group buy is: taking orders until the cut-off, then settled once.
    RunStatus {
        Open => "open",
        /// The minimum was reached: the orders go ahead.
        Confirmed => "confirmed",
        /// It was not: every order is cancelled.
        Cancelled => "cancelled",
    }
);
pub const OPEN: &str = RunStatus::Open.as_str();
pub const CONFIRMED: &str = RunStatus::Confirmed.as_str();
pub const RUN_CANCELLED: &str = RunStatus::Cancelled.as_str();
/// The status of an order in a run until the cut-off.
pub use crate::shop::orders::RUN_PENDING as ORDER_PENDING;

/// A community group buy to open. Say when orders close with `cutoff_at` or `cutoff_secs`
/// (one of them is needed; `cutoff_at` wins when both are given).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct RunInput {
    /// An approved pickup point (one still waiting for approval: 422).
    pub pickup_point_id: PickupPointId,
    /// 1 to 50 products of one brand you work for, all on sale and in one currency
    /// (a repeated id counts once).
    #[schema(min_items = 1, max_items = 50)]
    pub product_ids: Vec<ProductId>,
    /// When orders close, RFC 3339, e.g. `2026-12-01T18:00:00Z`: within the next 30 days.
    #[serde(default)]
    #[schema(format = DateTime, example = "2026-12-01T18:00:00Z")]
    pub cutoff_at: Option<String>,
    /// Or: the cut-off this many seconds from now (for demos and tests), up to 30 days.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 2592000)]
    pub cutoff_secs: Option<i64>,
    /// Orders needed for the run to go ahead at the cut-off: 1 to 10,000.
    #[schema(minimum = 1, maximum = 10000)]
    pub min_orders: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = runs)]
pub struct Run {
    pub id: RunId,
    pub brand_id: BrandId,
    pub pickup_point_id: PickupPointId,
    pub status: String,
    pub currency: String,
    pub cutoff_at: NaiveDateTime,
    pub min_orders: i32,
    pub created_by: UserId,
    pub settled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RunView {
    pub id: RunId,
    /// `open` (taking orders until the cut-off), `confirmed` (the minimum was reached: the
    /// orders go ahead) or `cancelled` (it was not: every order is cancelled).
    #[schema(example = "open")]
    pub status: String,
    pub brand_name: String,
    pub brand_slug: String,
    pub pickup_point: PointView,
    pub products: Vec<ProductView>,
    /// When orders close and the run settles.
    #[serde(with = "crate::web::utc_time")]
    pub cutoff_at: NaiveDateTime,
    /// Orders needed for the run to go ahead.
    pub min_orders: i32,
    /// Orders in the run that stand (not cancelled).
    pub orders: i64,
    /// The run's page.
    pub url: String,
}

impl RunView {
    pub fn is_open(&self) -> bool {
        self.status == OPEN
    }

    /// "5 h 3 min left", as the page first shows it (a script keeps it ticking).
    pub fn time_left(&self) -> String {
        crate::web::time_left(self.cutoff_at)
    }

    pub fn cutoff_rfc3339(&self) -> String {
        self.cutoff_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// The cut-off ("1 Dec 2026 18:00 UTC"), in the language of the request being served.
    pub fn cutoff(&self) -> String {
        self.cutoff_in(&crate::i18n::current())
    }

    /// The cut-off in `lang`, as the pickup point's clock reads it: "1 Dec 2026 20:00 CST".
    pub fn cutoff_in(&self, lang: &Lang) -> String {
        let zone = crate::i18n::parse_zone(&self.pickup_point.time_zone).unwrap_or(chrono_tz::UTC);
        crate::i18n::Reader { lang: *lang, zone }.date_time_zoned(self.cutoff_at)
    }

    /// The message id of the run's status in words (the page capitalises it).
    pub fn status_id(&self) -> &'static str {
        match RunStatus::parse(&self.status) {
            Some(RunStatus::Open) => "run-status-open",
            Some(RunStatus::Confirmed) => "run-status-confirmed",
            Some(RunStatus::Cancelled) | None => "run-status-cancelled",
        }
    }

    /// Orders still needed to reach the minimum.
    pub fn orders_to_go(&self) -> i64 {
        (i64::from(self.min_orders) - self.orders).max(0)
    }
}

/// A run's cut-off is at most this many days away.
pub const MAX_CUTOFF_DAYS: i64 = 30;

/// The cut-off asked for. A `cutoff_secs` out of range is refused even when `cutoff_at` (which
/// wins) is given, and a `cutoff_at` that is given must be a time (null is "not given").
fn parse_cutoff(input: &RunInput, now: NaiveDateTime) -> Result<NaiveDateTime, AppError> {
    if input.cutoff_secs.is_some_and(|secs| !(1..=MAX_CUTOFF_DAYS * 86400).contains(&secs)) {
        return Err(AppError::validation(
            "cutoff_secs",
            msg!(
                "run-cutoff-secs-range",
                max = (MAX_CUTOFF_DAYS * 86400).to_string(),
                days = MAX_CUTOFF_DAYS
            ),
        ));
    }
    let at = match (&input.cutoff_at, input.cutoff_secs) {
        (Some(text), _) => chrono::DateTime::parse_from_rfc3339(text.trim())
            .map_err(|_| AppError::validation("cutoff_at", msg!("run-cutoff-format")))?
            .naive_utc(),
        (None, Some(secs)) => now + chrono::Duration::seconds(secs),
        (None, None) => return Err(AppError::validation("cutoff_at", msg!("run-cutoff-missing"))),
    };
    if at <= now || at > now + chrono::Duration::days(MAX_CUTOFF_DAYS) {
        return Err(AppError::validation("cutoff_at", msg!("run-cutoff-window", days = MAX_CUTOFF_DAYS)));
    }
    Ok(at)
}

/// A brand opens a run at an approved pickup point: its staff only, its own active products.
pub fn create(conn: &mut DbConnection, user: &User, input: &RunInput) -> Result<RunView, AppError> {
    let now = crate::db::now();
    let cutoff = parse_cutoff(input, now)?;
    if !(1..=10_000).contains(&input.min_orders) {
        return Err(AppError::validation("min_orders", msg!("run-min-orders-range")));
    }
    if input.product_ids.len() > 50 {
        return Err(AppError::validation("product_ids", msg!("run-products-count")));
    }
    let wanted: Vec<ProductId> = {
        let mut seen = HashSet::new();
        input.product_ids.iter().copied().filter(|p| seen.insert(*p)).collect()
    };
    if wanted.is_empty() || wanted.len() > 50 {
        return Err(AppError::validation("product_ids", msg!("run-products-count")));
    }
    let id = crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let point = points::find(conn, input.pickup_point_id)?;
        if point.status != points::APPROVED {
            return Err(AppError::validation("pickup_point_id", msg!("run-point-pending")));
        }
        let found: Vec<crate::shop::model::Product> = products::table
            .filter(products::id.eq_any(&wanted))
            .select(crate::shop::model::Product::as_select())
            .load(conn)?;
        if found.len() != wanted.len() {
            return Err(AppError::validation("product_ids", msg!("run-product-missing")));
        }
        let brand = found[0].brand_id;
        if found.iter().any(|p| p.brand_id != brand) {
            return Err(AppError::validation("product_ids", msg!("run-one-brand")));
        }
        crate::shop::brands::staffed_by_id(conn, user, brand)?;
        if let Some(p) = found.iter().find(|p| !p.active) {
            return Err(AppError::validation("product_ids", msg!("run-product-not-on-sale", name = &p.name)));
        }
        let currency = found[0].currency.clone();
        if found.iter().any(|p| p.currency != currency) {
            return Err(AppError::validation("product_ids", msg!("run-one-currency")));
        }
        let id: RunId = crate::per_backend!(conn, |c| diesel::insert_into(runs::table)
            .values((
                runs::brand_id.eq(brand),
                runs::pickup_point_id.eq(point.id),
                runs::status.eq(OPEN),
                runs::currency.eq(&currency),
                runs::cutoff_at.eq(cutoff),
                runs::min_orders.eq(input.min_orders),
                runs::created_by.eq(user.id),
                runs::created_at.eq(now),
            ))
            .returning(runs::id)
            .get_result(c))?;
        for product in &wanted {
            diesel::insert_into(run_products::table)
                .values((run_products::run_id.eq(id), run_products::product_id.eq(product)))
                .execute(conn)?;
        }
        crate::jobs::schedule_at(conn, &SettleRun { run_id: id }, cutoff)?;
        Ok(id)
    })?;
    view(conn, id)
}

pub fn find(conn: &mut DbConnection, id: RunId) -> Result<Run, AppError> {
    runs::table
        .find(id)
        .select(Run::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-group-buy")))
}

fn product_ids(conn: &mut DbConnection, id: RunId) -> QueryResult<Vec<ProductId>> {
    run_products::table
        .filter(run_products::run_id.eq(id))
        .order(run_products::product_id)
        .select(run_products::product_id)
        .load(conn)
}

fn standing_orders(conn: &mut DbConnection, id: RunId) -> QueryResult<i64> {
    orders::table
        .filter(orders::run_id.eq(Some(id)))
        .filter(orders::status.ne(CANCELLED))
        .count()
        .get_result(conn)
}

pub fn view(conn: &mut DbConnection, id: RunId) -> Result<RunView, AppError> {
    let run = find(conn, id)?;
    let (brand_name, brand_slug): (String, String) =
        brands::table.find(run.brand_id).select((brands::name, brands::slug)).first(conn)?;
    let ids = product_ids(conn, id)?;
    Ok(RunView {
        id,
        status: run.status,
        brand_name,
        brand_slug,
        pickup_point: points::view(conn, run.pickup_point_id)?,
        products: crate::shop::products::load_views(conn, &ids)?,
        cutoff_at: run.cutoff_at,
        min_orders: run.min_orders,
        orders: standing_orders(conn, id)?,
        url: format!("/runs/{id}"),
    })
}

/// Views of these runs, newest first.
fn views(conn: &mut DbConnection, ids: Vec<RunId>) -> Result<Vec<RunView>, AppError> {
    ids.into_iter().map(|id| view(conn, id)).collect()
}

/// A brand's runs, newest first.
pub fn of_brand(conn: &mut DbConnection, brand: BrandId) -> Result<Vec<RunView>, AppError> {
    let ids = runs::table
        .filter(runs::brand_id.eq(brand))
        .order(runs::id.desc())
        .limit(50)
        .select(runs::id)
        .load(conn)?;
    views(conn, ids)
}

/// The runs at a leader's pickup points, newest first.
pub fn of_leader(conn: &mut DbConnection, leader: UserId) -> Result<Vec<RunView>, AppError> {
    let ids = runs::table
        .inner_join(crate::schema::pickup_points::table)
        .filter(crate::schema::pickup_points::leader_id.eq(leader))
        .order(runs::id.desc())
        .limit(50)
        .select(runs::id)
        .load(conn)?;
    views(conn, ids)
}

/// Open runs offering a product, soonest cut-off first (for the product page).
pub fn open_for_product(conn: &mut DbConnection, product: ProductId) -> Result<Vec<RunView>, AppError> {
    let ids = runs::table
        .inner_join(run_products::table)
        .filter(run_products::product_id.eq(product))
        .filter(runs::status.eq(OPEN))
        .filter(runs::cutoff_at.gt(crate::db::now()))
        .order(runs::cutoff_at)
        .limit(10)
        .select(runs::id)
        .load(conn)?;
    views(conn, ids)
}

/// Open runs that sell every one of these products: the cart's pickup options.
pub fn open_for_cart(conn: &mut DbConnection, cart: &[ProductId]) -> Result<Vec<RunView>, AppError> {
    if cart.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: HashSet<ProductId> = cart.iter().copied().collect();
    let rows: Vec<(RunId, ProductId)> = runs::table
        .inner_join(run_products::table)
        .filter(run_products::product_id.eq_any(&wanted.iter().copied().collect::<Vec<_>>()))
        .filter(runs::status.eq(OPEN))
        .filter(runs::cutoff_at.gt(crate::db::now()))
        .order(runs::cutoff_at)
        .limit(1000)
        .select((runs::id, run_products::product_id))
        .load(conn)?;
    let mut covered: BTreeMap<RunId, usize> = BTreeMap::new();
    for (run, _) in &rows {
        *covered.entry(*run).or_default() += 1;
    }
    let ids = covered.into_iter().filter(|(_, n)| *n == wanted.len()).map(|(run, _)| run).take(10).collect();
    views(conn, ids)
}

/// Locks an open run's row for an order (or a cancel) before its cut-off: "closed" otherwise.
pub fn lock_open(conn: &mut DbConnection, id: RunId) -> Result<Run, AppError> {
    let locked = diesel::update(
        runs::table.find(id).filter(runs::status.eq(OPEN)).filter(runs::cutoff_at.gt(crate::db::now())),
    )
    .set(runs::status.eq(OPEN))
    .execute(conn)?;
    let run = find(conn, id)?;
    if locked == 0 {
        return Err(AppError::Conflict(msg!("run-closed")));
    }
    Ok(run)
}

/// Group buys as checkout sees them: registered in `AppState`.
pub struct RunPickups;

impl crate::shop::checkout::Pickups for RunPickups {
    fn lock_for_order(&self, conn: &mut DbConnection, id: RunId) -> Result<Pickup, AppError> {
        let run = lock_open(conn, id)?;
        let point = points::view(conn, run.pickup_point_id)?;
        Ok(Pickup {
            run: id,
            products: product_ids(conn, id)?.into_iter().collect(),
            // Stored with the order, so in the site's own language.
            address: msg!("pickup-address", line = point.line_in(crate::i18n::fallback()))
                .in_lang(crate::i18n::fallback()),
        })
    }

    fn lock_for_cancel(&self, conn: &mut DbConnection, id: RunId) -> Result<(), AppError> {
        lock_open(conn, id).map(drop)
    }
}

/// Settles a run at its cut-off: exactly once. Returns the new status, or None when it was
/// settled already or its cut-off has not come.
pub fn settle(conn: &mut DbConnection, id: RunId, base_url: &str) -> Result<Option<String>, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| settle_in(conn, id, base_url))
}

fn settle_in(conn: &mut DbConnection, id: RunId, base_url: &str) -> Result<Option<String>, AppError> {
    let now = crate::db::now();
    // The compare-and-set that makes settling happen once (and waits for any checkout that
    // holds the row, so its order is counted).
    let won = diesel::update(
        runs::table
            .find(id)
            .filter(runs::status.eq(OPEN))
            .filter(runs::settled_at.is_null())
            .filter(runs::cutoff_at.le(now)),
    )
    .set(runs::settled_at.eq(Some(now)))
    .execute(conn)?;
    if won == 0 {
        return Ok(None);
    }
    let run = find(conn, id)?;
    let pending: Vec<(OrderId, User)> = orders::table
        .inner_join(users::table.on(users::id.eq(orders::buyer_id)))
        .filter(orders::run_id.eq(Some(id)))
        .filter(orders::status.eq(ORDER_PENDING))
        .order(orders::id)
        .select((orders::id, User::as_select()))
        .load(conn)?;
    let confirmed = pending.len() as i64 >= i64::from(run.min_orders);
    let status = if confirmed { CONFIRMED } else { RUN_CANCELLED };
    diesel::update(runs::table.find(id)).set(runs::status.eq(status)).execute(conn)?;
    let point = points::view(conn, run.pickup_point_id)?;
    let brand: String = brands::table.find(run.brand_id).select(brands::name).first(conn)?;
    for (order, buyer) in &pending {
        if confirmed {
            use crate::shop::orders::{transition, OrderStatus};
            transition(conn, *order, &[OrderStatus::RunPending], OrderStatus::Placed)?;
        } else {
            cancel_pending(conn, *order)?;
        }
        crate::notifications::notify_order(
            conn,
            buyer.id,
            run.created_by,
            crate::notifications::Kind::OrderUpdate,
            *order,
        )?;
        let lang = crate::accounts::queries::mail_lang(conn, buyer.id)?;
        crate::mail::enqueue(
            conn,
            &crate::mail::templates::RunSettled {
                display_name: &buyer.display_name,
                order_id: *order,
                brand: &brand,
                point_name: &point.name,
                point_line: point.line_in(lang),
                confirmed,
                orders: pending.len(),
                min_orders: run.min_orders,
                order_url: format!("{base_url}/orders/{order}"),
            }
            .email(buyer.email.clone(), lang),
        )?;
    }
    // The leader and the brand's person who opened the run hear too.
    let leader_id = point_leader(conn, run.pickup_point_id)?;
    let leader = crate::accounts::queries::by_id(conn, leader_id)?;
    let opener = crate::accounts::queries::by_id(conn, run.created_by)?;
    for person in [&leader, &opener] {
        let lang = crate::accounts::queries::mail_lang(conn, person.id)?;
        crate::mail::enqueue(
            conn,
            &crate::mail::templates::RunClosed {
                display_name: &person.display_name,
                brand: &brand,
                point_name: &point.name,
                confirmed,
                orders: pending.len(),
                min_orders: run.min_orders,
                url: if confirmed {
                    format!("{base_url}/runs/{id}/picklist")
                } else {
                    format!("{base_url}/runs/{id}")
                },
            }
            .email(person.email.clone(), lang),
        )?;
        if leader.id == opener.id {
            break;
        }
    }
    Ok(Some(status.to_string()))
}

pub(super) fn point_leader(conn: &mut DbConnection, point: PickupPointId) -> Result<UserId, AppError> {
    Ok(points::find(conn, point)?.leader_id)
}

/// Cancels a run order that is still pending and puts its stock back (once: the status moves
/// first, compare-and-set).
fn cancel_pending(conn: &mut DbConnection, order: OrderId) -> QueryResult<bool> {
    use crate::shop::orders::{transition, OrderStatus};
    if !transition(conn, order, &[OrderStatus::RunPending], OrderStatus::Cancelled)? {
        return Ok(false);
    }
    crate::shop::orders::restore_stock(conn, order)?;
    Ok(true)
}

pub fn is_open(conn: &mut DbConnection, id: RunId) -> QueryResult<bool> {
    let n: i64 = runs::table.find(id).filter(runs::status.eq(OPEN)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Runs past their cut-off but still open (for `sprout jobs run-due`).
pub fn overdue(conn: &mut DbConnection) -> QueryResult<Vec<RunId>> {
    runs::table
        .filter(runs::status.eq(OPEN))
        .filter(runs::cutoff_at.le(crate::db::now()))
        .select(runs::id)
        .load(conn)
}
