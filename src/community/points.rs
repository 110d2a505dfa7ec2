//! Pickup points: a member registers as a group leader with a point (name, address, opening
//! hours); an admin approves it before brands can open runs there.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::accounts::model::User;
use crate::db::{DbConnection, PickupPointId, UserId};
use crate::i18n::{Lang, Msg};
use crate::schema::{pickup_points, users};
use crate::web::AppError;

crate::db::status_enum!(
    /// A pickup point waits for an admin's approval before group buys may open there.
    PointStatus {
        Pending => "pending",
        Approved => "approved",
    }
);
pub const PENDING: &str = PointStatus::Pending.as_str();
pub const APPROVED: &str = PointStatus::Approved.as_str();

/// A pickup point to register: where neighbours collect their group-buy orders.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PointInput {
    /// 1 to 80 characters (not only spaces).
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 80, pattern = r"\S")]
    pub name: String,
    /// The full address: 5 to 300 characters, leading and trailing spaces aside.
    #[serde(default)]
    #[schema(required = true, min_length = 5, max_length = 300, pattern = r"\S[\s\S]{3,}\S")]
    pub address: String,
    /// When neighbours can collect, e.g. `Mon–Sat 9:00–20:00`: 1 to 120 characters.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 120, pattern = r"\S")]
    pub hours: String,
    /// The time zone the hours are in and cut-offs are shown in, an IANA name such as
    /// `Asia/Shanghai` (any other is refused with 422); Sprout's default zone when not given.
    #[serde(default)]
    #[schema(max_length = 64, example = "Asia/Shanghai")]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pickup_points)]
pub struct PickupPoint {
    pub id: PickupPointId,
    pub leader_id: UserId,
    pub name: String,
    pub address: String,
    pub hours: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub approved_at: Option<NaiveDateTime>,
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PointView {
    pub id: PickupPointId,
    pub name: String,
    pub address: String,
    pub hours: String,
    /// `pending` (waiting for an admin's approval) or `approved` (brands may open group buys there).
    #[schema(example = "approved")]
    pub status: String,
    /// The group leader's username.
    pub leader: String,
    /// The group leader's display name.
    pub leader_name: String,
    /// The zone its hours and cut-offs are in (IANA).
    #[schema(example = "Asia/Shanghai")]
    pub time_zone: String,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
}

impl PointView {
    pub fn is_approved(&self) -> bool {
        self.status == APPROVED
    }

    /// "Name, address (open hours)": what an order's pickup line and the pick list say, in `lang`.
    pub fn line_in(&self, lang: Lang) -> String {
        msg!("point-line", name = &self.name, address = &self.address, hours = &self.hours).in_lang(lang)
    }
}

fn field(value: &str, name: &str, max: usize, message: Msg) -> Result<String, AppError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(AppError::validation(name, message));
    }
    Ok(value.to_string())
}

fn check(input: &PointInput) -> Result<(String, String, String), AppError> {
    let name = field(&input.name, "name", 80, msg!("point-name-invalid"))?;
    let address = field(&input.address, "address", 300, msg!("point-address-invalid"))?;
    if address.chars().count() < 5 {
        return Err(AppError::validation("address", msg!("point-address-invalid")));
    }
    let hours = field(&input.hours, "hours", 120, msg!("point-hours-invalid"))?;
    Ok((name, address, hours))
}

/// The zone a registration names, if any: a real IANA zone, or a 422.
fn check_zone(input: &PointInput) -> Result<Option<crate::i18n::Zone>, AppError> {
    match input.time_zone.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(name) => crate::i18n::parse_zone(name)
            .map(Some)
            .ok_or_else(|| AppError::validation("time_zone", msg!("point-zone-invalid"))),
    }
}

/// Registers `leader` with a new pickup point, waiting for an admin's approval.
pub fn register(conn: &mut DbConnection, leader: &User, input: &PointInput) -> Result<PointView, AppError> {
    let (name, address, hours) = check(input)?;
    let zone = check_zone(input)?;
    let waiting: i64 = pickup_points::table
        .filter(pickup_points::leader_id.eq(leader.id))
        .filter(pickup_points::status.eq(PENDING))
        .count()
        .get_result(conn)?;
    if waiting >= 5 {
        return Err(AppError::Conflict(msg!("points-too-many-waiting")));
    }
    let id: PickupPointId = crate::per_backend!(conn, |c| diesel::insert_into(pickup_points::table)
        .values((
            pickup_points::leader_id.eq(leader.id),
            pickup_points::name.eq(&name),
            pickup_points::address.eq(&address),
            pickup_points::hours.eq(&hours),
            pickup_points::time_zone.eq(zone.map(|z| z.name())),
            pickup_points::status.eq(PENDING),
            pickup_points::created_at.eq(crate::db::now()),
        ))
        .returning(pickup_points::id)
        .get_result(c))?;
    view(conn, id)
}

pub fn find(conn: &mut DbConnection, id: PickupPointId) -> Result<PickupPoint, AppError> {
    pickup_points::table
        .find(id)
        .select(PickupPoint::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-pickup-point")))
}

fn to_view((p, leader, leader_name): (PickupPoint, String, String)) -> PointView {
    PointView {
        id: p.id,
        name: p.name,
        address: p.address,
        hours: p.hours,
        status: p.status,
        leader,
        leader_name,
        created_at: p.created_at,
        time_zone: p
            .time_zone
            .as_deref()
            .and_then(crate::i18n::parse_zone)
            .unwrap_or_else(crate::i18n::fallback_zone)
            .name()
            .to_string(),
    }
}

pub fn view(conn: &mut DbConnection, id: PickupPointId) -> Result<PointView, AppError> {
    let row = pickup_points::table
        .inner_join(users::table)
        .filter(pickup_points::id.eq(id))
        .select((PickupPoint::as_select(), users::username, users::display_name))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-pickup-point")))?;
    Ok(to_view(row))
}

/// A leader's points, newest first.
pub fn of_leader(conn: &mut DbConnection, leader: UserId) -> QueryResult<Vec<PointView>> {
    let rows = pickup_points::table
        .inner_join(users::table)
        .filter(pickup_points::leader_id.eq(leader))
        .order(pickup_points::id.desc())
        .select((PickupPoint::as_select(), users::username, users::display_name))
        .load(conn)?;
    Ok(rows.into_iter().map(to_view).collect())
}

/// Approved points (where brands may open runs), by name.
pub fn approved(conn: &mut DbConnection) -> QueryResult<Vec<PointView>> {
    let rows = pickup_points::table
        .inner_join(users::table)
        .filter(pickup_points::status.eq(APPROVED))
        .order((pickup_points::name, pickup_points::id))
        .limit(500)
        .select((PickupPoint::as_select(), users::username, users::display_name))
        .load(conn)?;
    Ok(rows.into_iter().map(to_view).collect())
}

/// Every point for the admin page: waiting ones first, then newest first.
pub fn all_for_admin(conn: &mut DbConnection) -> QueryResult<Vec<PointView>> {
    let mut rows: Vec<PointView> = pickup_points::table
        .inner_join(users::table)
        .order(pickup_points::id.desc())
        .limit(500)
        .select((PickupPoint::as_select(), users::username, users::display_name))
        .load(conn)?
        .into_iter()
        .map(to_view)
        .collect();
    rows.sort_by_key(|p| p.is_approved());
    Ok(rows)
}

/// An admin declines a point still waiting for approval: it is removed (no run can use a point
/// before approval, so nothing else changes) and the leader hears by email.
pub fn decline(conn: &mut DbConnection, id: PickupPointId, base_url: &str) -> Result<PointView, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let point = view(conn, id)?;
        let leader_id = find(conn, id)?.leader_id;
        let removed = diesel::delete(pickup_points::table.find(id).filter(pickup_points::status.eq(PENDING)))
            .execute(conn)?;
        if removed == 0 {
            return Err(AppError::Conflict(msg!("point-approved-already", name = &point.name)));
        }
        let leader = crate::accounts::queries::by_id(conn, leader_id)?;
        let lang = crate::accounts::queries::mail_lang(conn, leader.id)?;
        crate::mail::enqueue(
            conn,
            &crate::mail::templates::PointReviewed {
                display_name: &leader.display_name,
                point_name: &point.name,
                point_address: &point.address,
                approved: false,
                points_url: format!("{base_url}/pickup-points"),
            }
            .email(leader.email.clone(), lang),
        )?;
        Ok(point)
    })
}

/// An admin approves a point (again is fine); the leader hears by email.
pub fn approve(conn: &mut DbConnection, id: PickupPointId, base_url: &str) -> Result<PointView, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let point = find(conn, id)?;
        let changed = diesel::update(pickup_points::table.find(id).filter(pickup_points::status.eq(PENDING)))
            .set((pickup_points::status.eq(APPROVED), pickup_points::approved_at.eq(Some(crate::db::now()))))
            .execute(conn)?;
        if changed > 0 {
            let leader = crate::accounts::queries::by_id(conn, point.leader_id)?;
            let lang = crate::accounts::queries::mail_lang(conn, leader.id)?;
            crate::mail::enqueue(
                conn,
                &crate::mail::templates::PointReviewed {
                    display_name: &leader.display_name,
                    point_name: &point.name,
                    point_address: &point.address,
                    approved: true,
                    points_url: format!("{base_url}/pickup-points"),
                }
                .email(leader.email.clone(), lang),
            )?;
        }
        view(conn, id)
    })
}
