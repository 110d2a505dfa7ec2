//! Product tags: dots on a note's photos that link to catalog products. The note's author tags
//! any product (approved at once); a brand's staff tag their own products in anyone's note, and
//! such a tag stays pending until the note's author approves it.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Deserialize;

use super::model::{ProductTag, ProductTagView, TaggedProduct, TAG_APPROVED, TAG_PENDING};
use crate::accounts::model::User;
use crate::db::{DbConnection, NoteId, ProductId, ProductTagId, UserId};
use crate::schema::{
    brand_staff, brands, note_images, note_product_stats, notes, product_images, product_tags, products,
    touches,
};
use crate::web::AppError;

/// At most this many dots on one photo.
pub const MAX_PER_PHOTO: usize = 10;

/// A tag as submitted: which photo (0-based), where (fractions of width and height), what.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[schema(as = NewProductTag)]
pub struct TagInput {
    /// Which photo, from 0 (the default); it must be one of the note's photos (422 otherwise).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 8)]
    pub image: i32,
    /// From the left edge: a fraction of the photo's width, 0 to 1.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub x: f64,
    /// From the top edge: a fraction of the photo's height, 0 to 1.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub y: f64,
    /// A product in a catalog (422 otherwise); on someone else's note, of a brand you work for.
    pub product_id: ProductId,
}

/// Reads the `product_tags` field of a note form: a JSON list (empty or absent: none).
pub fn parse_list(text: &str) -> Result<Vec<TagInput>, AppError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(text)
        .map_err(|_| AppError::validation("product_tags", msg!("product-tags-not-a-list")))
}

fn check_position(tag: &TagInput, photos: i64) -> Result<(), AppError> {
    if !(0.0..=1.0).contains(&tag.x) || !(0.0..=1.0).contains(&tag.y) {
        return Err(AppError::validation("product_tags", msg!("product-tag-position")));
    }
    if tag.image < 0 || i64::from(tag.image) >= photos {
        return Err(AppError::validation(
            "product_tags",
            msg!("product-tag-no-photo", number = i64::from(tag.image) + 1, count = photos),
        ));
    }
    Ok(())
}

fn photo_count(conn: &mut DbConnection, note: NoteId) -> QueryResult<i64> {
    note_images::table.filter(note_images::note_id.eq(note)).count().get_result(conn)
}

fn active_product(conn: &mut DbConnection, id: ProductId) -> Result<super::model::Product, AppError> {
    super::products::find(conn, id)?.filter(|p| p.active).ok_or_else(|| {
        AppError::validation("product_id", msg!("product-tag-not-in-catalog", id = id.to_string()))
    })
}

fn insert(
    conn: &mut DbConnection,
    note: NoteId,
    tag: &TagInput,
    status: &str,
    by: UserId,
    brand: Option<crate::db::BrandId>,
) -> Result<ProductTagId, AppError> {
    let on_photo: i64 = product_tags::table
        .filter(product_tags::note_id.eq(note))
        .filter(product_tags::image.eq(tag.image))
        .count()
        .get_result(conn)?;
    if on_photo as usize >= MAX_PER_PHOTO {
        return Err(AppError::validation(
            "product_tags",
            msg!("product-tags-per-photo", count = MAX_PER_PHOTO),
        ));
    }
    let row = (
        product_tags::note_id.eq(note),
        product_tags::image.eq(tag.image),
        product_tags::product_id.eq(tag.product_id),
        product_tags::x.eq(tag.x),
        product_tags::y.eq(tag.y),
        product_tags::status.eq(status),
        product_tags::tagged_by.eq(by),
        product_tags::brand_id.eq(brand),
        product_tags::created_at.eq(crate::db::now()),
    );
    let id = crate::per_backend!(conn, |c| diesel::insert_into(product_tags::table)
        .values(row)
        .returning(product_tags::id)
        .get_result(c))?;
    crate::outbox::enqueue(conn, note)?;
    Ok(id)
}

/// The author's own tags, inside the transaction that posts or edits the note.
pub fn add_by_author(
    conn: &mut DbConnection,
    author: &User,
    note: NoteId,
    tags: &[TagInput],
) -> Result<(), AppError> {
    let owner: UserId = notes::table.find(note).select(notes::author_id).first(conn)?;
    if owner != author.id {
        return Err(AppError::Forbidden(msg!("product-tag-author-only")));
    }
    let photos = photo_count(conn, note)?;
    for tag in tags {
        check_position(tag, photos)?;
        active_product(conn, tag.product_id)?;
        insert(conn, note, tag, TAG_APPROVED, author.id, None)?;
    }
    Ok(())
}

/// A tag placed by `user`: approved at once on their own note; on anyone else's note only
/// for a product of a brand they work for, pending until the author approves.
pub fn add(
    conn: &mut DbConnection,
    user: &User,
    note: NoteId,
    tag: &TagInput,
) -> Result<ProductTagView, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let author: UserId = notes::table
            .find(note)
            .select(notes::author_id)
            .first(conn)
            .optional()?
            .ok_or_else(|| AppError::not_found(msg!("thing-note")))?;
        if author == user.id {
            add_by_author(conn, user, note, std::slice::from_ref(tag))?;
        } else {
            check_position(tag, photo_count(conn, note)?)?;
            let product = active_product(conn, tag.product_id)?;
            if super::brands::role(conn, product.brand_id, user.id)?.is_none() {
                return Err(AppError::Forbidden(msg!("product-tag-own-brand-only")));
            }
            insert(conn, note, tag, TAG_PENDING, user.id, Some(product.brand_id))?;
            crate::notifications::notify(
                conn,
                author,
                user.id,
                crate::notifications::Kind::TagRequest,
                Some(note),
                None,
            )?;
        }
        let id: ProductTagId = product_tags::table
            .filter(product_tags::note_id.eq(note))
            .order(product_tags::id.desc())
            .select(product_tags::id)
            .first(conn)?;
        view(conn, id)
    })
}

pub fn find(conn: &mut DbConnection, id: ProductTagId) -> Result<ProductTag, AppError> {
    product_tags::table
        .find(id)
        .select(ProductTag::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-product-tag")))
}

fn view(conn: &mut DbConnection, id: ProductTagId) -> Result<ProductTagView, AppError> {
    let tag = find(conn, id)?;
    for_notes(conn, &[tag.note_id])?
        .remove(&tag.note_id)
        .and_then(|tags| tags.into_iter().find(|t| t.id == id))
        .ok_or_else(|| AppError::not_found(msg!("thing-product-tag")))
}

/// The note's author approves a brand's pending tag.
pub fn approve(conn: &mut DbConnection, user: &User, id: ProductTagId) -> Result<ProductTagView, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let tag = find(conn, id)?;
        let author: UserId = notes::table.find(tag.note_id).select(notes::author_id).first(conn)?;
        if author != user.id {
            return Err(AppError::Forbidden(msg!("product-tag-approve-author-only")));
        }
        diesel::update(product_tags::table.find(id))
            .set(product_tags::status.eq(TAG_APPROVED))
            .execute(conn)?;
        crate::outbox::enqueue(conn, tag.note_id)?;
        view(conn, id)
    })
}

/// Removes a tag: the note's author may remove any; brand staff their brand's own.
pub fn remove(conn: &mut DbConnection, user: &User, id: ProductTagId) -> Result<NoteId, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let tag = find(conn, id)?;
        let author: UserId = notes::table.find(tag.note_id).select(notes::author_id).first(conn)?;
        let brand_staff = match tag.brand_id {
            Some(brand) => super::brands::role(conn, brand, user.id)?.is_some(),
            None => false,
        };
        if author != user.id && !brand_staff {
            return Err(AppError::Forbidden(msg!("product-tag-remove-author-only")));
        }
        diesel::delete(product_tags::table.find(id)).execute(conn)?;
        crate::outbox::enqueue(conn, tag.note_id)?;
        Ok(tag.note_id)
    })
}

type TagRow = (ProductTag, (ProductId, String, i64, String, i64, bool), (String, String, bool));

/// Every tag of these notes with its product, by note, in two queries.
pub fn for_notes(
    conn: &mut DbConnection,
    ids: &[NoteId],
) -> QueryResult<HashMap<NoteId, Vec<ProductTagView>>> {
    let mut by_note: HashMap<NoteId, Vec<ProductTagView>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_note);
    }
    let rows: Vec<TagRow> = product_tags::table
        .inner_join(products::table.inner_join(brands::table))
        .filter(crate::db::in_ids(product_tags::note_id, ids))
        .filter(products::moderation.eq(crate::moderation::VISIBLE))
        .order((product_tags::note_id, product_tags::image, product_tags::id))
        .select((
            ProductTag::as_select(),
            (
                products::id,
                products::name,
                products::price_cents,
                products::currency,
                products::stock,
                products::active,
            ),
            (brands::name, brands::slug, brands::verified_at.is_not_null()),
        ))
        .load(conn)?;
    let product_ids: Vec<ProductId> = rows.iter().map(|r| r.0.product_id).collect();
    let covers: Vec<(ProductId, String)> = product_images::table
        .filter(crate::db::in_ids(product_images::product_id, &product_ids))
        .filter(product_images::position.eq(0))
        .select((product_images::product_id, product_images::media_hash))
        .load(conn)?;
    let covers: HashMap<ProductId, String> = covers.into_iter().collect();
    for (tag, (pid, name, price_cents, currency, stock, active), (brand_name, brand_slug, verified)) in rows {
        by_note.entry(tag.note_id).or_default().push(ProductTagView {
            id: tag.id,
            note_id: tag.note_id,
            image: tag.image,
            x: tag.x,
            y: tag.y,
            status: tag.status,
            brand_slug: tag.brand_id.map(|_| brand_slug),
            product: TaggedProduct {
                id: pid,
                price: super::model::format_money(price_cents, &currency),
                name,
                price_cents,
                currency,
                stock,
                active,
                brand_name,
                brand_verified: verified,
                image_url: covers.get(&pid).map(|h| crate::media::card_url(h)),
                url: format!("/products/{pid}"),
            },
        });
    }
    Ok(by_note)
}

/// Which of these notes are sponsored: an approved tag of theirs is of a product their author
/// earns a commission on (the product's rate, or else its brand's, above zero) or of a brand
/// their author works for. The server decides; no author can take the label off.
pub fn sponsored(conn: &mut DbConnection, ids: &[NoteId]) -> QueryResult<std::collections::HashSet<NoteId>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let staff = brand_staff::table
        .on(brand_staff::brand_id.eq(products::brand_id).and(brand_staff::user_id.eq(notes::author_id)));
    let earns = products::commission_bps
        .gt(0)
        .or(products::commission_bps.is_null().and(brands::commission_bps.gt(0)));
    let rows: Vec<NoteId> = product_tags::table
        .inner_join(products::table.inner_join(brands::table))
        .inner_join(notes::table)
        .left_join(staff)
        .filter(crate::db::in_ids(product_tags::note_id, ids))
        .filter(product_tags::status.eq(TAG_APPROVED))
        .filter(earns.or(brand_staff::user_id.nullable().is_not_null()))
        .select(product_tags::note_id)
        .distinct()
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Adds one to a note-and-product funnel counter.
pub fn bump_stat(
    conn: &mut DbConnection,
    note: NoteId,
    product: ProductId,
    add_to_cart: bool,
) -> QueryResult<()> {
    let row = (note_product_stats::note_id.eq(note), note_product_stats::product_id.eq(product));
    crate::per_backend!(conn, |c| diesel::insert_into(note_product_stats::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    let target = note_product_stats::table.find((note, product));
    if add_to_cart {
        diesel::update(target)
            .set(note_product_stats::add_to_carts.eq(note_product_stats::add_to_carts + 1))
            .execute(conn)?;
    } else {
        diesel::update(target)
            .set(note_product_stats::tag_taps.eq(note_product_stats::tag_taps + 1))
            .execute(conn)?;
    }
    Ok(())
}

/// Remembers that `note` last showed `product` to `user` (for last-touch attribution).
pub fn touch(conn: &mut DbConnection, user: UserId, product: ProductId, note: NoteId) -> QueryResult<()> {
    let now = crate::db::now();
    let row = (
        touches::user_id.eq(user),
        touches::product_id.eq(product),
        touches::note_id.eq(note),
        touches::touched_at.eq(now),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(touches::table)
        .values(row)
        .on_conflict((touches::user_id, touches::product_id))
        .do_update()
        .set((touches::note_id.eq(note), touches::touched_at.eq(now)))
        .execute(c))
    .map(drop)
}

/// A reader tapped a dot on the note they were shown: only a tag of that note counts.
pub fn tap_on(
    conn: &mut DbConnection,
    viewer: Option<UserId>,
    note: NoteId,
    id: ProductTagId,
) -> Result<ProductTag, AppError> {
    let tag = find(conn, id)?;
    if tag.note_id != note {
        return Err(AppError::not_found(msg!("thing-product-tag")));
    }
    tap(conn, viewer, id)
}

/// A reader tapped a dot: counts the tap and remembers the note for attribution. Only
/// approved tags count; returns the tag's note and product.
pub fn tap(
    conn: &mut DbConnection,
    viewer: Option<UserId>,
    id: ProductTagId,
) -> Result<ProductTag, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let tag = find(conn, id)?;
        if tag.status != TAG_APPROVED {
            return Err(AppError::not_found(msg!("thing-product-tag")));
        }
        bump_stat(conn, tag.note_id, tag.product_id, false)?;
        if let Some(user) = viewer {
            touch(conn, user, tag.product_id, tag.note_id)?;
        }
        Ok(tag)
    })
}

/// Notes that tag a product (approved tags), verified-purchase reviews first, then by hot score.
pub fn notes_tagging(conn: &mut DbConnection, product: ProductId, limit: i64) -> QueryResult<Vec<NoteId>> {
    let tagged = product_tags::table
        .filter(product_tags::product_id.eq(product))
        .filter(product_tags::status.eq(TAG_APPROVED))
        .select(product_tags::note_id);
    notes::table
        .filter(notes::id.eq_any(tagged))
        .order((notes::verified_order_item_id.is_null(), notes::hot_score.desc(), notes::id.desc()))
        .select(notes::id)
        .limit(limit)
        .load(conn)
}
