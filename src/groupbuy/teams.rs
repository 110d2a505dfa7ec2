//! Deals, teams and their settlement.
//!
//! Joining is one transaction that starts with a conditional increment of the team's size
//! (`status = 'open' AND size < max_size AND expires_at > now`): concurrent joiners are
//! serialised on the team's row, so a team never takes more members than it has seats. The
//! member's order is written with stock taken by the same conditional decrement as checkout.
//! Settling starts with a compare-and-set of the status from `open`, so it happens once,
//! whichever worker (or the `sprout jobs run-due` command) gets there first.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::accounts::model::{PublicUser, User};
use crate::db::{DbConnection, DealId, OrderId, ProductId, TeamId, UserId};
use crate::i18n::Lang;
use crate::schema::{deals, team_members, teams, users};
use crate::shop::checkout::{PaymentProvider, Shipping};
use crate::shop::model::{format_money, ProductView};
use crate::shop::orders::{self, OrderStatus};
use crate::web::AppError;

/// The job that settles a team when its time is up: scheduled with the team, at its deadline.
#[derive(Debug, Serialize, Deserialize)]
pub struct SettleTeam {
    pub team_id: TeamId,
}

impl crate::jobs::Job for SettleTeam {
    const KIND: &'static str = "team_settle";

    fn run(self, ctx: &crate::JobContext) -> anyhow::Result<()> {
        crate::jobs::settle_or_look_again(ctx, &self, "team", self.team_id, settle, is_open)
    }
}
crate::db::status_enum!(
    /// Where a team is: taking members until it fills or its time is up, then settled once.
    TeamStatus {
        Open => "open",
        /// It reached a tier: every member pays the tier's price.
        Succeeded => "succeeded",
        /// Time ran out first: every order is cancelled.
        Failed => "failed",
    }
);
pub const OPEN: &str = TeamStatus::Open.as_str();
pub const SUCCEEDED: &str = TeamStatus::Succeeded.as_str();
pub const FAILED: &str = TeamStatus::Failed.as_str();
/// The status of a member's order while the team is open.
pub use crate::shop::orders::TEAM_PENDING as ORDER_PENDING;

/// A price tier: a team of at least `size` members pays `price_cents` each.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Tier {
    /// Members needed, 2 to 500.
    #[schema(minimum = 2, maximum = 500)]
    pub size: i32,
    /// What each member pays at this tier, in cents: below the product's solo price.
    #[schema(minimum = 0)]
    pub price_cents: i64,
}

/// A team deal on a product.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct DealInput {
    /// 1 to 5 tiers, from the smallest team (at least 2 people) up: each tier is for a bigger
    /// team than the one before and at a lower price, and every price is below the solo price.
    #[schema(min_items = 1, max_items = 5)]
    pub tiers: Vec<Tier>,
    /// How long a team stays open, in seconds: 1 second to 7 days (a day when not given).
    #[serde(default = "default_duration")]
    #[schema(minimum = 1, maximum = 604800, default = 86400)]
    pub duration_secs: i64,
    /// The most members a team takes: at least the last tier's size, at most 500.
    #[schema(minimum = 2, maximum = 500)]
    pub max_size: i32,
}

fn default_duration() -> i64 {
    24 * 3600
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = deals)]
pub struct Deal {
    pub id: DealId,
    pub product_id: ProductId,
    pub tiers: String,
    pub duration_secs: i64,
    pub max_size: i32,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

impl Deal {
    pub fn tiers(&self) -> Vec<Tier> {
        serde_json::from_str(&self.tiers).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = teams)]
pub struct Team {
    pub id: TeamId,
    pub deal_id: DealId,
    pub opener_id: UserId,
    pub status: String,
    pub size: i32,
    pub max_size: i32,
    pub expires_at: NaiveDateTime,
    pub settled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DealView {
    pub id: DealId,
    pub product_id: ProductId,
    pub tiers: Vec<Tier>,
    pub duration_secs: i64,
    pub max_size: i32,
}

/// "2 people: ¥9.00 each", per tier, in `lang`.
fn tier_lines_in(tiers: &[Tier], currency: &str, lang: Lang) -> Vec<String> {
    tiers
        .iter()
        .map(|t| {
            msg!("team-tier-line", size = t.size, price = format_money(t.price_cents, currency)).in_lang(lang)
        })
        .collect()
}

impl DealView {
    /// "2 people: ¥9.00 each", per tier, in the language of the request being served.
    pub fn tier_lines(&self, currency: &str) -> Vec<String> {
        self.tier_lines_in(currency, &crate::i18n::current())
    }

    /// "2 people: ¥9.00 each", per tier, in `lang`.
    pub fn tier_lines_in(&self, currency: &str, lang: &Lang) -> Vec<String> {
        tier_lines_in(&self.tiers, currency, *lang)
    }

    /// How long a team stays open ("24 h"), in the language of the request being served.
    pub fn hours(&self) -> String {
        self.hours_in(&crate::i18n::current())
    }

    /// How long a team stays open ("24 h"), in `lang`.
    pub fn hours_in(&self, lang: &Lang) -> String {
        match self.duration_secs {
            s if s >= 3600 => msg!("team-duration-hours", count = s / 3600),
            s if s >= 60 => msg!("team-duration-minutes", count = s / 60),
            s => msg!("team-duration-seconds", count = s),
        }
        .in_lang(*lang)
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamView {
    pub id: TeamId,
    pub deal_id: DealId,
    /// `open` (taking members), `succeeded` (a tier was reached: everyone pays its price) or
    /// `failed` (time ran out first: every order is cancelled).
    #[schema(example = "open")]
    pub status: String,
    pub product: ProductView,
    pub tiers: Vec<Tier>,
    pub members: Vec<PublicUser>,
    /// Members so far.
    pub size: i32,
    pub max_size: i32,
    /// The highest tier reached (size), if any.
    pub tier: Option<i32>,
    /// The price each member pays at the tier reached (the solo price below the first tier).
    pub price_cents: i64,
    pub price: String,
    /// Members still needed to reach the next tier.
    pub seats_to_next_tier: Option<i32>,
    /// When the team closes (settles) if it has not filled before.
    #[serde(with = "crate::web::utc_time")]
    pub expires_at: NaiveDateTime,
    /// The team's page.
    pub url: String,
}

impl TeamView {
    pub fn is_open(&self) -> bool {
        self.status == OPEN
    }

    pub fn has_member(&self, username: &str) -> bool {
        self.members.iter().any(|m| m.username == username)
    }

    /// The message id of the team's status in words (the page capitalises it).
    pub fn status_id(&self) -> &'static str {
        match TeamStatus::parse(&self.status) {
            Some(TeamStatus::Open) => "team-status-open",
            Some(TeamStatus::Succeeded) => "team-status-succeeded",
            Some(TeamStatus::Failed) | None => "team-status-failed",
        }
    }

    /// "2 people: ¥9.00 each", per tier, in `lang`.
    pub fn tier_lines(&self, lang: &Lang) -> Vec<String> {
        tier_lines_in(&self.tiers, &self.product.currency, *lang)
    }

    /// "5 h 3 min left", as the page first shows it (a script keeps it ticking).
    pub fn time_left(&self) -> String {
        crate::web::time_left(self.expires_at)
    }

    pub fn expires_rfc3339(&self) -> String {
        self.expires_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// The highest tier a team of `size` reaches.
pub fn tier_for(tiers: &[Tier], size: i32) -> Option<Tier> {
    tiers.iter().filter(|t| t.size <= size).max_by_key(|t| t.size).copied()
}

fn check_deal(input: &DealInput, solo_price: i64) -> Result<Vec<Tier>, AppError> {
    let tiers = &input.tiers;
    if tiers.is_empty() || tiers.len() > 5 {
        return Err(AppError::validation("tiers", msg!("team-deal-tiers-count")));
    }
    let ascending = tiers.windows(2).all(|w| w[0].size < w[1].size && w[0].price_cents > w[1].price_cents);
    if tiers[0].size < 2 || !ascending {
        return Err(AppError::validation("tiers", msg!("team-deal-tiers-order")));
    }
    if tiers.iter().any(|t| t.price_cents < 0 || t.price_cents >= solo_price) {
        return Err(AppError::validation("tiers", msg!("team-deal-tiers-price")));
    }
    let largest = tiers.last().map(|t| t.size).unwrap_or(2);
    if input.max_size < largest || input.max_size > 500 {
        return Err(AppError::validation("max_size", msg!("team-deal-max-size", largest = largest)));
    }
    if !(1..=7 * 24 * 3600).contains(&input.duration_secs) {
        return Err(AppError::validation("duration_secs", msg!("team-deal-duration")));
    }
    Ok(tiers.clone())
}

/// A brand offers a deal on one of its products (staff only).
pub fn create_deal(
    conn: &mut DbConnection,
    user: &User,
    product: ProductId,
    input: &DealInput,
) -> Result<DealView, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let (product, _) = crate::shop::products::staffed(conn, user, product)?;
        let tiers = check_deal(input, product.price_cents)?;
        let row = (
            deals::product_id.eq(product.id),
            deals::tiers.eq(serde_json::to_string(&tiers).map_err(anyhow::Error::from)?),
            deals::duration_secs.eq(input.duration_secs),
            deals::max_size.eq(input.max_size),
            deals::created_at.eq(crate::db::now()),
        );
        let id: DealId = crate::per_backend!(conn, |c| diesel::insert_into(deals::table)
            .values(row)
            .returning(deals::id)
            .get_result(c))?;
        Ok(DealView {
            id,
            product_id: product.id,
            tiers,
            duration_secs: input.duration_secs,
            max_size: input.max_size,
        })
    })
}

/// The active deals on a product.
pub fn deals_for(conn: &mut DbConnection, product: ProductId) -> QueryResult<Vec<DealView>> {
    let found: Vec<Deal> = deals::table
        .filter(deals::product_id.eq(product))
        .filter(deals::active.eq(true))
        .order(deals::id)
        .select(Deal::as_select())
        .load(conn)?;
    Ok(found
        .into_iter()
        .map(|d| DealView {
            id: d.id,
            product_id: d.product_id,
            tiers: d.tiers(),
            duration_secs: d.duration_secs,
            max_size: d.max_size,
        })
        .collect())
}

fn find_team(conn: &mut DbConnection, id: TeamId) -> Result<Team, AppError> {
    teams::table
        .find(id)
        .select(Team::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-team")))
}

/// Writes the member's order through the shop (stock taken; the solo price, arranged with the
/// payment provider, until the team settles at its tier's price).
fn commit_order(
    conn: &mut DbConnection,
    buyer: &User,
    team: TeamId,
    product: ProductId,
    shipping: &Shipping,
    payment: &dyn PaymentProvider,
) -> Result<OrderId, AppError> {
    let name = shipping.name.trim();
    let address = shipping.address.trim();
    if name.is_empty() || address.chars().count() < 5 {
        return Err(AppError::validation("shipping", msg!("team-shipping-needed")));
    }
    let phone = crate::shop::checkout::check_phone(&shipping.phone, false)?;
    let p = orders::take_stock(conn, product, 1)?;
    payment.charge(p.price_cents, &p.currency)?;
    let checkout = orders::open_checkout(conn, buyer.id, &format!("team-{team}"))?;
    let item = orders::NewItem {
        product_id: p.id,
        product_name: p.name.clone(),
        quantity: 1,
        unit_price_cents: p.price_cents,
        source_note_id: None,
        source_list_id: None,
        creator_id: None,
        commission_bps: 0,
        commission_cents: 0,
    };
    let order = orders::insert(
        conn,
        &orders::NewOrder {
            checkout,
            buyer: buyer.id,
            brand: p.brand_id,
            status: orders::OrderStatus::TeamPending,
            currency: &p.currency,
            shipping_name: name,
            shipping_address: address,
            shipping_phone: phone.as_deref(),
            payment_method: payment.method(),
            run: None,
            items: std::slice::from_ref(&item),
        },
    )?;
    diesel::insert_into(team_members::table)
        .values((
            team_members::team_id.eq(team),
            team_members::user_id.eq(buyer.id),
            team_members::order_id.eq(order),
            team_members::joined_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(order)
}

/// Opens a team on a deal with the opener's order; its settlement is scheduled at once.
pub fn open(
    conn: &mut DbConnection,
    opener: &User,
    deal: DealId,
    shipping: &Shipping,
    payment: &dyn PaymentProvider,
) -> Result<TeamId, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let deal: Deal = deals::table
            .find(deal)
            .filter(deals::active.eq(true))
            .select(Deal::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| AppError::not_found(msg!("thing-deal")))?;
        let now = crate::db::now();
        let expires_at = now + chrono::Duration::seconds(deal.duration_secs);
        let id: TeamId = crate::per_backend!(conn, |c| diesel::insert_into(teams::table)
            .values((
                teams::deal_id.eq(deal.id),
                teams::opener_id.eq(opener.id),
                teams::status.eq(OPEN),
                teams::size.eq(1),
                teams::max_size.eq(deal.max_size),
                teams::expires_at.eq(expires_at),
                teams::created_at.eq(now),
            ))
            .returning(teams::id)
            .get_result(c))?;
        commit_order(conn, opener, id, deal.product_id, shipping, payment)?;
        crate::jobs::schedule_at(conn, &SettleTeam { team_id: id }, expires_at)?;
        Ok(id)
    })
}

/// Joins an open team with one's own order: 409 when it is full, closed, or already joined.
pub fn join(
    conn: &mut DbConnection,
    user: &User,
    id: TeamId,
    shipping: &Shipping,
    payment: &dyn PaymentProvider,
    base_url: &str,
) -> Result<(), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let now = crate::db::now();
        let seated = diesel::update(
            teams::table
                .find(id)
                .filter(teams::status.eq(OPEN))
                .filter(teams::size.lt(teams::max_size))
                .filter(teams::expires_at.gt(now)),
        )
        .set(teams::size.eq(teams::size + 1))
        .execute(conn)?;
        let team = find_team(conn, id)?;
        if seated == 0 {
            return Err(AppError::Conflict(if team.status != OPEN || team.expires_at <= now {
                msg!("team-closed")
            } else {
                msg!("team-full")
            }));
        }
        let member: i64 = team_members::table
            .filter(team_members::team_id.eq(id))
            .filter(team_members::user_id.eq(user.id))
            .count()
            .get_result(conn)?;
        if member > 0 {
            return Err(AppError::Conflict(msg!("team-already-member")));
        }
        let product: ProductId = deals::table.find(team.deal_id).select(deals::product_id).first(conn)?;
        commit_order(conn, user, id, product, shipping, payment)?;
        if team.size >= team.max_size {
            settle_in(conn, id, base_url)?;
        }
        Ok(())
    })
}

/// Settles a team whose time is up (or which is full): exactly once. Returns the new status,
/// or None when it was settled already or is still open and not full.
pub fn settle(conn: &mut DbConnection, id: TeamId, base_url: &str) -> Result<Option<String>, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| settle_in(conn, id, base_url))
}

fn settle_in(conn: &mut DbConnection, id: TeamId, base_url: &str) -> Result<Option<String>, AppError> {
    let team = find_team(conn, id)?;
    let now = crate::db::now();
    if team.status != OPEN || (team.size < team.max_size && team.expires_at > now) {
        return Ok(None);
    }
    let deal: Deal = deals::table.find(team.deal_id).select(Deal::as_select()).first(conn)?;
    let tier = tier_for(&deal.tiers(), team.size);
    let status = if tier.is_some() { SUCCEEDED } else { FAILED };
    // The compare-and-set that makes settling happen once.
    let won = diesel::update(teams::table.find(id).filter(teams::status.eq(OPEN)))
        .set((teams::status.eq(status), teams::settled_at.eq(Some(now))))
        .execute(conn)?;
    if won == 0 {
        return Ok(None);
    }
    let members: Vec<(User, OrderId)> = team_members::table
        .inner_join(users::table)
        .filter(team_members::team_id.eq(id))
        .select((User::as_select(), team_members::order_id))
        .load(conn)?;
    let product = crate::shop::products::find(conn, deal.product_id)?
        .ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
    for (member, order) in &members {
        let price = match tier {
            Some(tier) => {
                orders::confirm_at_price(conn, *order, OrderStatus::TeamPending, tier.price_cents)?;
                Some(format_money(tier.price_cents, &product.currency))
            }
            None => {
                if orders::transition(conn, *order, &[OrderStatus::TeamPending], OrderStatus::Cancelled)? {
                    orders::restore_stock(conn, *order)?;
                }
                None
            }
        };
        crate::notifications::notify_order(
            conn,
            member.id,
            team.opener_id,
            crate::notifications::Kind::OrderUpdate,
            *order,
        )?;
        let lang = crate::accounts::queries::mail_lang(conn, member.id)?;
        crate::mail::enqueue(
            conn,
            &crate::mail::templates::TeamSettled {
                display_name: &member.display_name,
                product_name: &product.name,
                order_id: *order,
                size: team.size,
                price,
                team_url: format!("{base_url}/teams/{id}"),
            }
            .email(member.email.clone(), lang),
        )?;
    }
    Ok(Some(status.to_string()))
}

pub fn is_open(conn: &mut DbConnection, id: TeamId) -> QueryResult<bool> {
    let n: i64 = teams::table.find(id).filter(teams::status.eq(OPEN)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Teams whose deadline passed but that are still open (for `sprout jobs run-due`).
pub fn overdue(conn: &mut DbConnection) -> QueryResult<Vec<TeamId>> {
    teams::table
        .filter(teams::status.eq(OPEN))
        .filter(teams::expires_at.le(crate::db::now()))
        .select(teams::id)
        .load(conn)
}

pub fn view(conn: &mut DbConnection, id: TeamId) -> Result<TeamView, AppError> {
    let team = find_team(conn, id)?;
    let deal: Deal = deals::table.find(team.deal_id).select(Deal::as_select()).first(conn)?;
    let product = crate::shop::products::load_view(conn, deal.product_id)?
        .ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
    let members: Vec<User> = team_members::table
        .inner_join(users::table)
        .filter(team_members::team_id.eq(id))
        .order(team_members::joined_at)
        .select(User::as_select())
        .load(conn)?;
    let tiers = deal.tiers();
    let reached = tier_for(&tiers, team.size);
    let next = tiers.iter().find(|t| t.size > team.size).map(|t| t.size - team.size);
    let price_cents = reached.map(|t| t.price_cents).unwrap_or(product.price_cents);
    Ok(TeamView {
        id,
        deal_id: deal.id,
        status: team.status,
        price: format_money(price_cents, &product.currency),
        product,
        members: members.iter().map(Into::into).collect(),
        size: team.size,
        max_size: team.max_size,
        tier: reached.map(|t| t.size),
        price_cents,
        seats_to_next_tier: next,
        tiers,
        expires_at: team.expires_at,
        url: format!("/teams/{id}"),
    })
}
