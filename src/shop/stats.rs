//! Attribution dashboards: per note, how many saw it, tapped its product tags, added to cart,
//! ordered, and what that earned. Cancelled orders do not count. The creator's view covers
//! their own notes; the brand's the notes (by anyone) that show or sold its products.

use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::prelude::*;
use serde::Serialize;

use super::model::format_money;
use crate::db::{BrandId, DbConnection, NoteId, OrderId, ProductId, UserId};
use crate::schema::{note_product_stats, notes, order_items, orders, product_tags, products, users};

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct NoteStats {
    pub note_id: NoteId,
    pub title: String,
    pub creator: String,
    pub views: i64,
    pub tag_taps: i64,
    pub add_to_carts: i64,
    pub orders: i64,
    pub revenue_cents: i64,
    pub commission_cents: i64,
    /// Products of this note that sold (brand view) or that it tags.
    pub products: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = SalesTotals)]
pub struct Totals {
    pub views: i64,
    pub tag_taps: i64,
    pub add_to_carts: i64,
    pub orders: i64,
    pub revenue_cents: i64,
    pub commission_cents: i64,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct ListStats {
    pub list_id: i64,
    pub title: String,
    pub orders: i64,
    pub revenue_cents: i64,
    pub commission_cents: i64,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct CreatorStats {
    pub creator: String,
    pub orders: i64,
    pub revenue_cents: i64,
    pub commission_cents: i64,
}

/// A sales dashboard.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = SalesStats)]
pub struct Stats {
    pub notes: Vec<NoteStats>,
    pub totals: Totals,
    /// Sales that top-ten lists led to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<ListStats>,
    /// The brand view only: sales per creator.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub creators: Vec<CreatorStats>,
    /// The brand view only: orders and revenue no note led to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub unattributed: Option<Totals>,
    /// The currency of the amounts (the first one seen; mixed catalogs are summed as-is).
    pub currency: String,
}

/// One bar of a dashboard chart.
pub struct Bar {
    pub label: String,
    pub value: String,
    pub width: f64,
    pub y: usize,
}

impl Stats {
    pub fn money(&self, cents: &i64) -> String {
        format_money(*cents, &self.currency)
    }

    /// Revenue per note for the chart: the ten best, widths in percent of the largest.
    pub fn bars(&self) -> Vec<Bar> {
        let mut notes: Vec<&NoteStats> = self.notes.iter().filter(|n| n.revenue_cents > 0).collect();
        notes.sort_by_key(|n| std::cmp::Reverse(n.revenue_cents));
        let max = notes.first().map(|n| n.revenue_cents).unwrap_or(1).max(1) as f64;
        notes
            .into_iter()
            .take(10)
            .enumerate()
            .map(|(i, n)| Bar {
                label: n.title.chars().take(28).collect(),
                value: format_money(n.revenue_cents, &self.currency),
                width: (n.revenue_cents as f64 / max * 100.0 * 10.0).round() / 10.0,
                y: i * 28,
            })
            .collect()
    }

    pub fn chart_height(&self) -> usize {
        self.bars().len() * 28
    }

    /// The table as CSV, its header row in `lang`.
    pub fn csv(&self, lang: crate::i18n::Lang) -> String {
        let mut out = lang.t("stats-csv-header");
        out.push('\n');
        for n in &self.notes {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{}\n",
                n.note_id,
                csv_field(&n.title),
                csv_field(&n.creator),
                n.views,
                n.tag_taps,
                n.add_to_carts,
                n.orders,
                n.revenue_cents,
                n.commission_cents
            ));
        }
        out
    }
}

/// One CSV field: quoted when it must be, and never read as a formula.
pub fn csv_field(s: &str) -> String {
    // A leading = + - @ would be read as a formula by spreadsheets.
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

type SaleRow = (Option<NoteId>, Option<UserId>, OrderId, i32, i64, i64, String, Option<i64>);

/// Sums of the note rows; orders counted once even when several notes share one.
fn totals(notes: &[NoteStats], sales: &[SaleRow]) -> Totals {
    let mut t = Totals::default();
    for n in notes {
        t.views += n.views;
        t.tag_taps += n.tag_taps;
        t.add_to_carts += n.add_to_carts;
        t.revenue_cents += n.revenue_cents;
        t.commission_cents += n.commission_cents;
    }
    let listed: HashSet<NoteId> = notes.iter().map(|n| n.note_id).collect();
    let mut orders = HashSet::new();
    for (note, _, order, quantity, unit, commission, _, list) in sales {
        if note.is_some_and(|n| listed.contains(&n)) {
            orders.insert(*order);
        } else if list.is_some() {
            orders.insert(*order);
            t.revenue_cents += unit * i64::from(*quantity);
            t.commission_cents += commission;
        }
    }
    t.orders = orders.len() as i64;
    t
}

/// Per list: orders, revenue and commission of the sales it led to.
fn list_rows(conn: &mut DbConnection, sales: &[SaleRow]) -> QueryResult<Vec<ListStats>> {
    let mut by_list: BTreeMap<i64, (HashSet<OrderId>, i64, i64)> = BTreeMap::new();
    for (_, _, order, quantity, unit, commission, _, list) in sales {
        if let Some(list) = list {
            let entry = by_list.entry(*list).or_default();
            entry.0.insert(*order);
            entry.1 += unit * i64::from(*quantity);
            entry.2 += commission;
        }
    }
    let ids: Vec<crate::db::ListId> = by_list.keys().map(|id| crate::db::ListId(*id)).collect();
    let titles: HashMap<crate::db::ListId, String> = crate::schema::lists::table
        .filter(crate::schema::lists::id.eq_any(&ids))
        .select((crate::schema::lists::id, crate::schema::lists::title))
        .load::<(crate::db::ListId, String)>(conn)?
        .into_iter()
        .collect();
    Ok(by_list
        .into_iter()
        .map(|(id, (orders, revenue_cents, commission_cents))| ListStats {
            list_id: id,
            title: titles.get(&crate::db::ListId(id)).cloned().unwrap_or_default(),
            orders: orders.len() as i64,
            revenue_cents,
            commission_cents,
        })
        .collect())
}

/// Sales that count (not cancelled): those credited to a creator, or those of a brand.
fn sales(
    conn: &mut DbConnection,
    creator: Option<UserId>,
    brand: Option<BrandId>,
) -> QueryResult<Vec<SaleRow>> {
    let mut query = order_items::table
        .inner_join(orders::table)
        .filter(orders::status.ne(super::orders::CANCELLED))
        .select((
            order_items::source_note_id,
            order_items::creator_id,
            order_items::order_id,
            order_items::quantity,
            order_items::unit_price_cents,
            order_items::commission_cents,
            orders::currency,
            order_items::source_list_id,
        ))
        .into_boxed();
    if let Some(creator) = creator {
        query = query.filter(order_items::creator_id.eq(creator));
    }
    if let Some(brand) = brand {
        query = query.filter(orders::brand_id.eq(brand));
    }
    query.load(conn)
}

type FunnelRow = (NoteId, ProductId, i64, i64);

/// Tag taps and add-to-carts, for these notes or these products.
fn funnel(
    conn: &mut DbConnection,
    notes: Option<&[NoteId]>,
    products: Option<&[ProductId]>,
) -> QueryResult<Vec<FunnelRow>> {
    let mut query = note_product_stats::table
        .select((
            note_product_stats::note_id,
            note_product_stats::product_id,
            note_product_stats::tag_taps,
            note_product_stats::add_to_carts,
        ))
        .into_boxed();
    if let Some(notes) = notes {
        query = query.filter(note_product_stats::note_id.eq_any(notes));
    }
    if let Some(products) = products {
        query = query.filter(note_product_stats::product_id.eq_any(products));
    }
    query.load(conn)
}

/// Builds per-note rows from funnel counters and sales rows.
fn assemble(
    conn: &mut DbConnection,
    note_ids: &HashSet<NoteId>,
    funnel: &[FunnelRow],
    sales: &[SaleRow],
    product_names: &HashMap<ProductId, String>,
    tagged: &[(NoteId, ProductId)],
) -> QueryResult<Vec<NoteStats>> {
    let ids: Vec<NoteId> = note_ids.iter().copied().collect();
    let rows: Vec<(NoteId, String, i64, String)> = notes::table
        .inner_join(users::table)
        .filter(notes::id.eq_any(&ids))
        .select((notes::id, notes::title, notes::view_count, users::username))
        .load(conn)?;
    let mut by_note: BTreeMap<NoteId, NoteStats> = rows
        .into_iter()
        .map(|(id, title, views, creator)| {
            (id, NoteStats { note_id: id, title, creator, views, ..Default::default() })
        })
        .collect();
    for (note, _, taps, carts) in funnel {
        if let Some(s) = by_note.get_mut(note) {
            s.tag_taps += taps;
            s.add_to_carts += carts;
        }
    }
    let mut orders_seen: HashMap<NoteId, HashSet<OrderId>> = HashMap::new();
    for (note, _, order, quantity, unit, commission, _, _) in sales {
        let Some(note) = note else { continue };
        if let Some(s) = by_note.get_mut(note) {
            s.revenue_cents += unit * i64::from(*quantity);
            s.commission_cents += commission;
            orders_seen.entry(*note).or_default().insert(*order);
        }
    }
    for (note, orders) in orders_seen {
        if let Some(s) = by_note.get_mut(&note) {
            s.orders = orders.len() as i64;
        }
    }
    for (note, product) in tagged {
        if let (Some(s), Some(name)) = (by_note.get_mut(note), product_names.get(product)) {
            if !s.products.contains(name) {
                s.products.push(name.clone());
            }
        }
    }
    let mut list: Vec<NoteStats> = by_note.into_values().collect();
    list.sort_by(|a, b| b.revenue_cents.cmp(&a.revenue_cents).then(b.note_id.cmp(&a.note_id)));
    Ok(list)
}

fn product_names(conn: &mut DbConnection, ids: &[ProductId]) -> QueryResult<HashMap<ProductId, String>> {
    let rows: Vec<(ProductId, String)> =
        products::table.filter(products::id.eq_any(ids)).select((products::id, products::name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The creator's dashboard: their notes that tag products or led to sales.
pub fn for_creator(conn: &mut DbConnection, pending: &PendingViews, creator: UserId) -> QueryResult<Stats> {
    pending.write(conn)?;
    let tagged: Vec<(NoteId, ProductId)> = product_tags::table
        .inner_join(notes::table)
        .filter(notes::author_id.eq(creator))
        .filter(product_tags::status.eq(super::model::TAG_APPROVED))
        .select((product_tags::note_id, product_tags::product_id))
        .load(conn)?;
    let sales = sales(conn, Some(creator), None)?;
    let mut note_ids: HashSet<NoteId> = tagged.iter().map(|t| t.0).collect();
    note_ids.extend(sales.iter().filter_map(|s| s.0));
    let ids: Vec<NoteId> = note_ids.iter().copied().collect();
    let funnel = funnel(conn, Some(&ids), None)?;
    let names = product_names(conn, &tagged.iter().map(|t| t.1).collect::<Vec<_>>())?;
    let notes = assemble(conn, &note_ids, &funnel, &sales, &names, &tagged)?;
    Ok(Stats {
        totals: totals(&notes, &sales),
        lists: list_rows(conn, &sales)?,
        notes,
        currency: sales.first().map(|s| s.6.clone()).unwrap_or_else(|| "CNY".into()),
        ..Default::default()
    })
}

/// The brand's dashboard: every note that shows or sold its products, and sales per creator.
pub fn for_brand(conn: &mut DbConnection, pending: &PendingViews, brand: BrandId) -> QueryResult<Stats> {
    pending.write(conn)?;
    let product_ids: Vec<ProductId> =
        products::table.filter(products::brand_id.eq(brand)).select(products::id).load(conn)?;
    let tagged: Vec<(NoteId, ProductId)> = product_tags::table
        .filter(product_tags::product_id.eq_any(&product_ids))
        .filter(product_tags::status.eq(super::model::TAG_APPROVED))
        .select((product_tags::note_id, product_tags::product_id))
        .load(conn)?;
    let sales = sales(conn, None, Some(brand))?;
    let funnel = funnel(conn, None, Some(&product_ids))?;
    let mut note_ids: HashSet<NoteId> = tagged.iter().map(|t| t.0).collect();
    note_ids.extend(sales.iter().filter_map(|s| s.0));
    note_ids.extend(funnel.iter().map(|f| f.0));
    let names = product_names(conn, &product_ids)?;
    let notes = assemble(conn, &note_ids, &funnel, &sales, &names, &tagged)?;

    let creator_ids: Vec<UserId> = sales.iter().filter_map(|s| s.1).collect();
    let usernames: HashMap<UserId, String> = users::table
        .filter(users::id.eq_any(&creator_ids))
        .select((users::id, users::username))
        .load::<(UserId, String)>(conn)?
        .into_iter()
        .collect();
    let mut creators: BTreeMap<String, (HashSet<OrderId>, i64, i64)> = BTreeMap::new();
    let mut direct = Totals::default();
    let mut direct_orders = HashSet::new();
    for (_, creator, order, quantity, unit, commission, _, _) in &sales {
        let amount = unit * i64::from(*quantity);
        match creator.and_then(|c| usernames.get(&c)) {
            Some(name) => {
                let entry = creators.entry(name.clone()).or_default();
                entry.0.insert(*order);
                entry.1 += amount;
                entry.2 += commission;
            }
            None => {
                direct_orders.insert(*order);
                direct.revenue_cents += amount;
            }
        }
    }
    direct.orders = direct_orders.len() as i64;
    let mut creators: Vec<CreatorStats> = creators
        .into_iter()
        .map(|(creator, (orders, revenue_cents, commission_cents))| CreatorStats {
            creator,
            orders: orders.len() as i64,
            revenue_cents,
            commission_cents,
        })
        .collect();
    creators.sort_by_key(|c| std::cmp::Reverse(c.revenue_cents));
    Ok(Stats {
        totals: totals(&notes, &sales),
        notes,
        creators,
        lists: list_rows(conn, &sales)?,
        unattributed: Some(direct),
        currency: sales.first().map(|s| s.6.clone()).unwrap_or_else(|| "CNY".into()),
    })
}

/// Counts views of a note (one UPDATE; the dashboards' first column).
pub fn count_view(conn: &mut DbConnection, note: NoteId) -> QueryResult<()> {
    add_views(conn, note, 1)
}

fn add_views(conn: &mut DbConnection, note: NoteId, views: i64) -> QueryResult<()> {
    diesel::update(notes::table.find(note))
        .set(notes::view_count.eq(notes::view_count + views))
        .execute(conn)
        .map(drop)
}

/// Views of notes counted in memory and written together. A write for every page view would
/// make every reader of a note a writer, and SQLite lets one write at a time. The views are
/// written by the first view a second or more after the oldest one not yet written, and before
/// any dashboard is read; at most a second's views (or those since a node fell quiet) are lost
/// if the process dies. Several nodes each add their own.
#[derive(Default, Debug)]
pub struct PendingViews {
    pending: std::sync::Mutex<Pending>,
}

#[derive(Default, Debug)]
struct Pending {
    since: Option<std::time::Instant>,
    counts: HashMap<NoteId, i64>,
}

impl PendingViews {
    const WRITE_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

    /// Counts a view; writes the pending views when they are due.
    pub fn count(&self, conn: &mut DbConnection, note: NoteId) -> QueryResult<()> {
        let due = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            *pending.counts.entry(note).or_default() += 1;
            pending.since.get_or_insert_with(std::time::Instant::now).elapsed() >= Self::WRITE_EVERY
        };
        match due {
            true => self.write(conn),
            false => Ok(()),
        }
    }

    /// Writes the pending views in one transaction (kept to try again if it fails).
    pub fn write(&self, conn: &mut DbConnection) -> QueryResult<()> {
        let taken = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            pending.since = None;
            std::mem::take(&mut pending.counts)
        };
        if taken.is_empty() {
            return Ok(());
        }
        let written = crate::db::write_transaction(conn, |conn| {
            taken.iter().try_for_each(|(&note, &views)| add_views(conn, note, views))
        });
        if written.is_err() {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            pending.since.get_or_insert_with(std::time::Instant::now);
            for (note, views) in taken {
                *pending.counts.entry(note).or_default() += views;
            }
        }
        written
    }
}
