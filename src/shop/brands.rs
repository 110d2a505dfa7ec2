//! Brands: made by a member (who becomes its owner), verified by an admin, run by its staff.

use diesel::prelude::*;

use super::model::Brand;
use crate::accounts::model::User;
use crate::db::{BrandId, DbConnection, UserId};
use crate::schema::{brand_staff, brands, users};
use crate::web::AppError;

pub const ROLE_OWNER: &str = "owner";
pub const ROLE_STAFF: &str = "staff";

fn check_slug(slug: &str) -> Result<String, AppError> {
    let slug = slug.trim().to_lowercase();
    let ok = (2..=40).contains(&slug.len())
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if !ok {
        return Err(AppError::validation("slug", msg!("brand-slug-invalid")));
    }
    Ok(slug)
}

fn check_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if !(1..=60).contains(&name.chars().count()) {
        return Err(AppError::validation("name", msg!("brand-name-length")));
    }
    Ok(name.to_string())
}

pub fn check_description(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.chars().count() > 2000 {
        return Err(AppError::validation("description", msg!("brand-description-too-long")));
    }
    Ok(text.to_string())
}

pub fn find(conn: &mut DbConnection, id: BrandId) -> QueryResult<Option<Brand>> {
    brands::table.find(id).select(Brand::as_select()).first(conn).optional()
}

pub fn by_slug(conn: &mut DbConnection, slug: &str) -> Result<Brand, AppError> {
    brands::table
        .filter(brands::slug.eq(slug.to_lowercase()))
        .select(Brand::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-brand")))
}

/// Makes a brand owned by `owner` (unverified until an admin verifies it).
pub fn create(
    conn: &mut DbConnection,
    owner: &User,
    name: &str,
    slug: &str,
    description: &str,
) -> Result<Brand, AppError> {
    let name = check_name(name)?;
    let slug = check_slug(slug)?;
    let description = check_description(description)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let taken: i64 = brands::table.filter(brands::slug.eq(&slug)).count().get_result(conn)?;
        if taken > 0 {
            return Err(AppError::Conflict(msg!("brand-slug-taken", slug = &slug)));
        }
        let now = crate::db::now();
        let row = (
            brands::owner_id.eq(owner.id),
            brands::name.eq(&name),
            brands::slug.eq(&slug),
            brands::description.eq(&description),
            brands::created_at.eq(now),
        );
        let id: BrandId = crate::per_backend!(conn, |c| diesel::insert_into(brands::table)
            .values(row)
            .returning(brands::id)
            .get_result(c))?;
        diesel::insert_into(brand_staff::table)
            .values((
                brand_staff::brand_id.eq(id),
                brand_staff::user_id.eq(owner.id),
                brand_staff::role.eq(ROLE_OWNER),
                brand_staff::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(find(conn, id)?.expect("just inserted"))
    })
}

/// The user's role at the brand, if they are staff.
pub fn role(conn: &mut DbConnection, brand: BrandId, user: UserId) -> QueryResult<Option<String>> {
    brand_staff::table.find((brand, user)).select(brand_staff::role).first(conn).optional()
}

/// The brand named by `slug`, if `user` is on its staff; 403 otherwise.
pub fn staffed(conn: &mut DbConnection, user: &User, slug: &str) -> Result<Brand, AppError> {
    let brand = by_slug(conn, slug)?;
    if role(conn, brand.id, user.id)?.is_none() {
        return Err(AppError::Forbidden(msg!("brand-staff-only", brand = &brand.name)));
    }
    Ok(brand)
}

pub fn staffed_by_id(conn: &mut DbConnection, user: &User, id: BrandId) -> Result<Brand, AppError> {
    let brand = find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-brand")))?;
    if role(conn, brand.id, user.id)?.is_none() {
        return Err(AppError::Forbidden(msg!("brand-staff-only", brand = &brand.name)));
    }
    Ok(brand)
}

/// Brands the user works for, by name.
pub fn of_user(conn: &mut DbConnection, user: UserId) -> QueryResult<Vec<Brand>> {
    brands::table
        .inner_join(brand_staff::table)
        .filter(brand_staff::user_id.eq(user))
        .order(brands::name)
        .select(Brand::as_select())
        .load(conn)
}

/// Staff of a brand: (username, display name, role), owner first.
pub fn staff(conn: &mut DbConnection, brand: BrandId) -> QueryResult<Vec<(String, String, String)>> {
    brand_staff::table
        .inner_join(users::table)
        .filter(brand_staff::brand_id.eq(brand))
        .order((brand_staff::role.desc(), users::username))
        .select((users::username, users::display_name, brand_staff::role))
        .load(conn)
}

/// Adds a member to a brand's staff; only the owner may.
pub fn add_staff(conn: &mut DbConnection, owner: &User, slug: &str, username: &str) -> Result<(), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let brand = by_slug(conn, slug)?;
        if brand.owner_id != owner.id {
            return Err(AppError::Forbidden(msg!("brand-owner-only", brand = &brand.name)));
        }
        let member = crate::accounts::queries::by_username(conn, username.trim().trim_start_matches('@'))?
            .ok_or_else(|| {
                AppError::validation("username", msg!("brand-no-such-member", username = username))
            })?;
        if role(conn, brand.id, member.id)?.is_some() {
            return Err(AppError::Conflict(msg!(
                "brand-already-staff",
                username = &member.username,
                brand = &brand.name
            )));
        }
        diesel::insert_into(brand_staff::table)
            .values((
                brand_staff::brand_id.eq(brand.id),
                brand_staff::user_id.eq(member.id),
                brand_staff::role.eq(ROLE_STAFF),
                brand_staff::created_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Marks a brand verified (admins, or `sprout brand verify SLUG`). Verifying twice is fine.
pub fn verify(conn: &mut DbConnection, slug: &str) -> Result<Brand, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let brand = by_slug(conn, slug)?;
        if brand.verified_at.is_none() {
            diesel::update(brands::table.find(brand.id))
                .set(brands::verified_at.eq(Some(crate::db::now())))
                .execute(conn)?;
        }
        Ok(find(conn, brand.id)?.expect("exists"))
    })
}

/// Changes a brand's description and brand-wide commission (staff only).
pub fn update_settings(
    conn: &mut DbConnection,
    user: &User,
    slug: &str,
    description: &str,
    commission_bps: i32,
) -> Result<Brand, AppError> {
    let description = check_description(description)?;
    check_commission(commission_bps)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let brand = staffed(conn, user, slug)?;
        diesel::update(brands::table.find(brand.id))
            .set((brands::description.eq(description), brands::commission_bps.eq(commission_bps)))
            .execute(conn)?;
        Ok(find(conn, brand.id)?.expect("exists"))
    })
}

/// Sets the brand's logo (a photo already written to the media store); staff only.
pub fn set_logo(
    conn: &mut DbConnection,
    user: &User,
    slug: &str,
    photo: &crate::media::ProcessedPhoto,
) -> Result<(), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let brand = staffed(conn, user, slug)?;
        crate::media::queries::ensure(conn, photo)?;
        diesel::update(brands::table.find(brand.id)).set(brands::logo.eq(Some(&photo.hash))).execute(conn)?;
        Ok(())
    })
}

pub fn check_commission(bps: i32) -> Result<(), AppError> {
    if !(0..=5000).contains(&bps) {
        return Err(AppError::validation("commission_bps", msg!("brand-commission-range")));
    }
    Ok(())
}

/// Every brand, unverified first, for the admin page.
pub fn all_for_admin(conn: &mut DbConnection) -> QueryResult<Vec<Brand>> {
    brands::table
        .order((brands::verified_at.is_not_null(), brands::created_at.desc()))
        .select(Brand::as_select())
        .limit(500)
        .load(conn)
}
