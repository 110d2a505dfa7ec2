//! The cart: one line per product, remembering the note it was added from (and so the creator).

use diesel::prelude::*;
use serde::Serialize;

use super::model::{format_money, ProductView};
use crate::accounts::model::User;
use crate::db::{CartItemId, DbConnection, ListId, NoteId, ProductId, UserId};
use crate::schema::{cart_items, list_items, lists, notes, product_tags, users};
use crate::web::AppError;

pub const MAX_QUANTITY: i32 = 99;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CartLine {
    pub id: CartItemId,
    pub product: ProductView,
    pub quantity: i32,
    pub source_note_id: Option<NoteId>,
    pub source_note_title: Option<String>,
    /// The username of the creator whose note it came from.
    pub creator: Option<String>,
    pub line_total_cents: i64,
    pub line_total: String,
}

/// A total per currency (a cart may mix brands that price in different currencies).
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CartTotal)]
pub struct Total {
    pub currency: String,
    pub cents: i64,
    pub text: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CartView {
    pub items: Vec<CartLine>,
    pub totals: Vec<Total>,
    pub item_count: i64,
}

impl CartView {
    pub fn total_text(&self) -> String {
        self.totals.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" + ")
    }
}

fn check_quantity(q: i32) -> Result<(), AppError> {
    if !(1..=MAX_QUANTITY).contains(&q) {
        return Err(AppError::validation("quantity", msg!("cart-quantity-range", max = MAX_QUANTITY)));
    }
    Ok(())
}

/// Whether the note carries an approved tag of the product (so it can take credit for it).
pub fn note_shows(conn: &mut DbConnection, note: NoteId, product: ProductId) -> QueryResult<bool> {
    let n: i64 = product_tags::table
        .filter(product_tags::note_id.eq(note))
        .filter(product_tags::product_id.eq(product))
        .filter(product_tags::status.eq(super::model::TAG_APPROVED))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether the published list ranks the product (so it may take credit for the sale).
pub fn list_ranks(conn: &mut DbConnection, list: ListId, product: ProductId) -> QueryResult<bool> {
    let n: i64 = list_items::table
        .inner_join(lists::table)
        .filter(list_items::list_id.eq(list))
        .filter(list_items::product_id.eq(Some(product)))
        .filter(lists::published_at.is_not_null())
        .filter(lists::moderation.eq(crate::moderation::VISIBLE))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Adds a product (or more of it) to the cart. With a source note that shows the product, the
/// line and the attribution remember it.
pub fn add(
    conn: &mut DbConnection,
    user: &User,
    product_id: ProductId,
    quantity: i32,
    source_note: Option<NoteId>,
    source_list: Option<crate::db::ListId>,
) -> Result<CartItemId, AppError> {
    check_quantity(quantity)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let product = super::products::find(conn, product_id)?
            .filter(|p| p.on_sale())
            .ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
        if let Some(note) = source_note {
            if !note_shows(conn, note, product_id)? {
                return Err(AppError::validation("source_note_id", msg!("cart-note-not-showing")));
            }
        }
        if let Some(list) = source_list {
            if !list_ranks(conn, list, product_id)? {
                return Err(AppError::validation("source_list_id", msg!("cart-list-not-ranking")));
            }
        }
        let existing: Option<(CartItemId, i32)> = cart_items::table
            .filter(cart_items::user_id.eq(user.id))
            .filter(cart_items::product_id.eq(product_id))
            .select((cart_items::id, cart_items::quantity))
            .first(conn)
            .optional()?;
        let wanted = existing.map(|e| e.1).unwrap_or(0) + quantity;
        if product.stock == 0 {
            return Err(AppError::SoldOut(msg!("cart-sold-out", product = &product.name)));
        }
        if i64::from(wanted) > product.stock {
            return Err(AppError::SoldOut(msg!(
                "cart-only-left-would-hold",
                count = product.stock,
                product = &product.name,
                wanted = wanted
            )));
        }
        check_quantity(wanted)?;
        let id = match existing {
            Some((id, _)) => {
                let target = cart_items::table.find(id);
                if source_note.is_some() || source_list.is_some() {
                    diesel::update(target)
                        .set((
                            cart_items::quantity.eq(wanted),
                            cart_items::source_note_id.eq(source_note),
                            cart_items::source_list_id.eq(source_list),
                        ))
                        .execute(conn)?;
                } else {
                    diesel::update(target).set(cart_items::quantity.eq(wanted)).execute(conn)?;
                }
                id
            }
            None => {
                let row = (
                    cart_items::user_id.eq(user.id),
                    cart_items::product_id.eq(product_id),
                    cart_items::quantity.eq(quantity),
                    cart_items::source_note_id.eq(source_note),
                    cart_items::source_list_id.eq(source_list),
                    cart_items::created_at.eq(crate::db::now()),
                );
                crate::per_backend!(conn, |c| diesel::insert_into(cart_items::table)
                    .values(row)
                    .returning(cart_items::id)
                    .get_result(c))?
            }
        };
        if let Some(note) = source_note {
            super::tags::bump_stat(conn, note, product_id, true)?;
            super::tags::touch(conn, user.id, product_id, note)?;
        }
        if let Some(list) = source_list {
            touch_list(conn, user.id, product_id, list)?;
        }
        Ok(id)
    })
}

/// Remembers that `list` last showed `product` to `user` (attribution, as notes' touches).
fn touch_list(
    conn: &mut DbConnection,
    user: UserId,
    product: ProductId,
    list: crate::db::ListId,
) -> QueryResult<()> {
    use crate::schema::list_touches;
    let now = crate::db::now();
    let row = (
        list_touches::user_id.eq(user),
        list_touches::product_id.eq(product),
        list_touches::list_id.eq(list),
        list_touches::touched_at.eq(now),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(list_touches::table)
        .values(row)
        .on_conflict((list_touches::user_id, list_touches::product_id))
        .do_update()
        .set((list_touches::list_id.eq(list), list_touches::touched_at.eq(now)))
        .execute(c))
    .map(drop)
}

fn owned_line(conn: &mut DbConnection, user: &User, id: CartItemId) -> Result<(ProductId, i32), AppError> {
    cart_items::table
        .find(id)
        .filter(cart_items::user_id.eq(user.id))
        .select((cart_items::product_id, cart_items::quantity))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-cart-line")))
}

/// Changes a line's quantity; 0 removes it.
pub fn set_quantity(
    conn: &mut DbConnection,
    user: &User,
    id: CartItemId,
    quantity: i32,
) -> Result<(), AppError> {
    if quantity == 0 {
        return remove(conn, user, id);
    }
    check_quantity(quantity)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let (product_id, _) = owned_line(conn, user, id)?;
        let product = super::products::find(conn, product_id)?
            .ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
        if i64::from(quantity) > product.stock {
            return Err(AppError::SoldOut(msg!(
                "cart-only-left",
                count = product.stock,
                product = &product.name
            )));
        }
        diesel::update(cart_items::table.find(id)).set(cart_items::quantity.eq(quantity)).execute(conn)?;
        Ok(())
    })
}

pub fn remove(conn: &mut DbConnection, user: &User, id: CartItemId) -> Result<(), AppError> {
    owned_line(conn, user, id)?;
    diesel::delete(cart_items::table.find(id)).execute(conn)?;
    Ok(())
}

pub fn item_count(conn: &mut DbConnection, user: UserId) -> QueryResult<i64> {
    let total: Option<i64> = cart_items::table
        .filter(cart_items::user_id.eq(user))
        .select(diesel::dsl::sum(cart_items::quantity))
        .first(conn)?;
    Ok(total.unwrap_or(0))
}

type LineRow = (CartItemId, ProductId, i32, Option<NoteId>, Option<String>, Option<String>);

/// The cart with products, sources and totals.
pub fn view(conn: &mut DbConnection, user: UserId) -> QueryResult<CartView> {
    let rows: Vec<LineRow> = cart_items::table
        .left_join(notes::table.on(notes::id.nullable().eq(cart_items::source_note_id)))
        .left_join(users::table.on(users::id.nullable().eq(notes::author_id.nullable())))
        .filter(cart_items::user_id.eq(user))
        .order(cart_items::id)
        .select((
            cart_items::id,
            cart_items::product_id,
            cart_items::quantity,
            cart_items::source_note_id,
            notes::title.nullable(),
            users::username.nullable(),
        ))
        .load(conn)?;
    let ids: Vec<ProductId> = rows.iter().map(|r| r.1).collect();
    let products = super::products::load_views(conn, &ids)?;
    let mut items = Vec::new();
    let mut totals: Vec<Total> = Vec::new();
    for ((id, _, quantity, source_note_id, title, creator), product) in rows.into_iter().zip(products) {
        let line = product.price_cents * i64::from(quantity);
        match totals.iter_mut().find(|t| t.currency == product.currency) {
            Some(t) => t.cents += line,
            None => {
                totals.push(Total { currency: product.currency.clone(), cents: line, text: String::new() })
            }
        }
        items.push(CartLine {
            id,
            line_total: format_money(line, &product.currency),
            product,
            quantity,
            source_note_id,
            source_note_title: title,
            creator,
            line_total_cents: line,
        });
    }
    for t in &mut totals {
        t.text = format_money(t.cents, &t.currency);
    }
    let item_count = items.iter().map(|i| i64::from(i.quantity)).sum();
    Ok(CartView { items, totals, item_count })
}
