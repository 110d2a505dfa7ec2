//! The rules of lists, each change in one transaction.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::accounts::model::{PublicUser, User};
use crate::db::{DbConnection, ListId, NoteId, ProductId, UserId};
use crate::notes::model::NoteView;
use crate::schema::{list_items, list_reactions, lists, users};
use crate::shop::model::ProductView;
use crate::web::AppError;

pub const MAX_ITEMS: usize = 10;
const MAX_REASON: usize = 140;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = lists)]
pub struct List {
    pub id: ListId,
    pub author_id: UserId,
    pub title: String,
    pub intro: String,
    pub cover: Option<String>,
    pub published_at: Option<NaiveDateTime>,
    pub like_count: i64,
    pub save_count: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// visible, or hidden by a moderator (then only its author sees it).
    pub moderation: String,
}

/// One entry as submitted: a product or a note, and why. Give exactly one of `product_id` and
/// `note_id`, naming a product or note that exists (422 otherwise).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct EntryInput {
    /// The product ranked here (or give `note_id`).
    pub product_id: Option<ProductId>,
    /// The note ranked here (or give `product_id`).
    pub note_id: Option<NoteId>,
    /// Why it is here: up to 140 characters.
    #[serde(default)]
    #[schema(max_length = 140)]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub rank: usize,
    pub reason: String,
    pub product: Option<ProductView>,
    pub note: Option<NoteView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ListView {
    pub id: ListId,
    pub title: String,
    pub intro: String,
    pub cover_url: Option<String>,
    pub author: PublicUser,
    pub published: bool,
    pub like_count: i64,
    pub save_count: i64,
    pub liked_by_me: bool,
    pub saved_by_me: bool,
    pub items: Vec<EntryView>,
    #[serde(with = "crate::web::utc_time")]
    pub updated_at: NaiveDateTime,
    pub url: String,
}

impl ListView {
    /// Entries that can go in the cart now.
    pub fn buyable_count(&self) -> usize {
        self.items.iter().filter(|e| e.product.as_ref().is_some_and(|p| p.buyable())).count()
    }

    /// The cover, or else the first entry's photo.
    pub fn cover(&self) -> Option<String> {
        self.cover_url.clone().or_else(|| {
            self.items.iter().find_map(|e| match (&e.product, &e.note) {
                (Some(p), _) => p.cover().map(|i| i.card_url.clone()),
                (_, Some(n)) => n.cover().map(|i| i.card_url.clone()),
                _ => None,
            })
        })
    }
}

fn check_text(title: &str, intro: &str) -> Result<(String, String), AppError> {
    let title = title.trim();
    if !(1..=80).contains(&title.chars().count()) {
        return Err(AppError::validation("title", msg!("list-title-length")));
    }
    let intro = intro.trim();
    if intro.chars().count() > 1000 {
        return Err(AppError::validation("intro", msg!("list-intro-too-long")));
    }
    Ok((title.to_string(), intro.to_string()))
}

pub fn find(conn: &mut DbConnection, id: ListId) -> QueryResult<Option<List>> {
    lists::table.find(id).select(List::as_select()).first(conn).optional()
}

/// The list as `viewer` may see it: a draft, or a list hidden by a moderator, is its author's
/// alone (404 to anyone else).
pub fn visible(conn: &mut DbConnection, viewer: Option<UserId>, id: ListId) -> Result<List, AppError> {
    find(conn, id)?
        .filter(|l| {
            (l.published_at.is_some() && l.moderation == crate::moderation::VISIBLE)
                || viewer == Some(l.author_id)
        })
        .ok_or_else(|| AppError::not_found(msg!("thing-list")))
}

fn owned(conn: &mut DbConnection, user: &User, id: ListId) -> Result<List, AppError> {
    let list = visible(conn, Some(user.id), id)?;
    if list.author_id != user.id {
        return Err(AppError::Forbidden(msg!("list-creator-only")));
    }
    Ok(list)
}

pub fn create(conn: &mut DbConnection, author: &User, title: &str, intro: &str) -> Result<ListId, AppError> {
    let (title, intro) = check_text(title, intro)?;
    let now = crate::db::now();
    let row = (
        lists::author_id.eq(author.id),
        lists::title.eq(title),
        lists::intro.eq(intro),
        lists::created_at.eq(now),
        lists::updated_at.eq(now),
    );
    Ok(crate::per_backend!(conn, |c| diesel::insert_into(lists::table)
        .values(row)
        .returning(lists::id)
        .get_result(c))?)
}

pub fn update(
    conn: &mut DbConnection,
    user: &User,
    id: ListId,
    title: &str,
    intro: &str,
    cover: Option<&crate::media::ProcessedPhoto>,
) -> Result<(), AppError> {
    let (title, intro) = check_text(title, intro)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        owned(conn, user, id)?;
        diesel::update(lists::table.find(id))
            .set((lists::title.eq(title), lists::intro.eq(intro), lists::updated_at.eq(crate::db::now())))
            .execute(conn)?;
        if let Some(photo) = cover {
            crate::media::queries::ensure(conn, photo)?;
            diesel::update(lists::table.find(id)).set(lists::cover.eq(Some(&photo.hash))).execute(conn)?;
        }
        Ok(())
    })
}

type StoredEntry = (Option<ProductId>, Option<NoteId>, String);

fn stored_entries(conn: &mut DbConnection, id: ListId) -> QueryResult<Vec<StoredEntry>> {
    list_items::table
        .filter(list_items::list_id.eq(id))
        .order(list_items::position)
        .select((list_items::product_id, list_items::note_id, list_items::reason))
        .load(conn)
}

/// Replaces the entries (their order is the ranking). More than ten, an entry that is neither
/// or both a product and a note, or one that does not exist: 422, and nothing changes.
pub fn set_items(
    conn: &mut DbConnection,
    user: &User,
    id: ListId,
    entries: &[EntryInput],
) -> Result<(), AppError> {
    if entries.len() > MAX_ITEMS {
        return Err(AppError::validation("items", msg!("list-too-many-entries", count = MAX_ITEMS)));
    }
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        owned(conn, user, id)?;
        diesel::delete(list_items::table.filter(list_items::list_id.eq(id))).execute(conn)?;
        for (position, entry) in entries.iter().enumerate() {
            let rank = position + 1;
            let reason = entry.reason.trim();
            if reason.chars().count() > MAX_REASON {
                return Err(AppError::validation(
                    "reason",
                    msg!("list-entry-reason-too-long", rank = rank, count = MAX_REASON),
                ));
            }
            match (entry.product_id, entry.note_id) {
                (Some(product), None) => {
                    if crate::shop::products::find(conn, product)?.is_none() {
                        return Err(AppError::validation(
                            "product_id",
                            msg!("list-entry-no-product", rank = rank, product = product.to_string()),
                        ));
                    }
                }
                (None, Some(note)) => {
                    if crate::notes::queries::find(conn, note)?.is_none() {
                        return Err(AppError::validation(
                            "note_id",
                            msg!("list-entry-no-note", rank = rank, note = note.to_string()),
                        ));
                    }
                }
                _ => {
                    return Err(AppError::validation(
                        "items",
                        msg!("list-entry-product-or-note", rank = rank),
                    ))
                }
            }
            diesel::insert_into(list_items::table)
                .values((
                    list_items::list_id.eq(id),
                    list_items::position.eq(position as i32),
                    list_items::product_id.eq(entry.product_id),
                    list_items::note_id.eq(entry.note_id),
                    list_items::reason.eq(reason),
                ))
                .execute(conn)?;
        }
        diesel::update(lists::table.find(id)).set(lists::updated_at.eq(crate::db::now())).execute(conn)?;
        Ok(())
    })
}

/// The stored entries as inputs, for editing one of them.
pub fn entries(conn: &mut DbConnection, id: ListId) -> QueryResult<Vec<EntryInput>> {
    Ok(stored_entries(conn, id)?
        .into_iter()
        .map(|(product_id, note_id, reason)| EntryInput { product_id, note_id, reason })
        .collect())
}

/// Publishes or unpublishes. The first time a list goes public, the author's followers are told.
pub fn set_published(
    conn: &mut DbConnection,
    user: &User,
    id: ListId,
    publish: bool,
) -> Result<(), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let list = owned(conn, user, id)?;
        if publish && list.published_at.is_none() {
            let count: i64 = list_items::table.filter(list_items::list_id.eq(id)).count().get_result(conn)?;
            if count == 0 {
                return Err(AppError::validation("items", msg!("list-publish-empty")));
            }
            let now = crate::db::now();
            diesel::update(lists::table.find(id)).set(lists::published_at.eq(Some(now))).execute(conn)?;
            crate::notifications::notify_followers_of_list(conn, user.id, id)?;
        } else if !publish && list.published_at.is_some() {
            diesel::update(lists::table.find(id))
                .set(lists::published_at.eq(None::<NaiveDateTime>))
                .execute(conn)?;
        }
        Ok(())
    })
}

pub fn delete(conn: &mut DbConnection, user: &User, id: ListId) -> Result<(), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        owned(conn, user, id)?;
        diesel::delete(lists::table.find(id)).execute(conn)?;
        Ok(())
    })
}

pub const LIKE: &str = "like";
pub const SAVE: &str = "save";

/// Likes or saves (or undoes it); idempotent. Returns (like_count, save_count).
pub fn react(
    conn: &mut DbConnection,
    user: &User,
    id: ListId,
    kind: &str,
    on: bool,
) -> Result<(i64, i64), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        visible(conn, Some(user.id), id)?;
        let changed = if on {
            let row = (
                list_reactions::user_id.eq(user.id),
                list_reactions::list_id.eq(id),
                list_reactions::kind.eq(kind),
                list_reactions::created_at.eq(crate::db::now()),
            );
            crate::per_backend!(conn, |c| diesel::insert_into(list_reactions::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(c))? as i64
        } else {
            -(diesel::delete(list_reactions::table.find((user.id, id, kind))).execute(conn)? as i64)
        };
        if changed != 0 {
            let target = lists::table.find(id);
            if kind == LIKE {
                diesel::update(target)
                    .set(lists::like_count.eq(lists::like_count + changed))
                    .execute(conn)?;
            } else {
                diesel::update(target)
                    .set(lists::save_count.eq(lists::save_count + changed))
                    .execute(conn)?;
            }
        }
        Ok(lists::table.find(id).select((lists::like_count, lists::save_count)).first(conn)?)
    })
}

/// Full views of these lists (entries with their products and notes).
pub fn views(
    conn: &mut DbConnection,
    viewer: Option<UserId>,
    found: Vec<List>,
) -> QueryResult<Vec<ListView>> {
    let ids: Vec<ListId> = found.iter().map(|l| l.id).collect();
    let rows: Vec<(ListId, Option<ProductId>, Option<NoteId>, String)> = list_items::table
        .filter(list_items::list_id.eq_any(&ids))
        .order((list_items::list_id, list_items::position))
        .select((list_items::list_id, list_items::product_id, list_items::note_id, list_items::reason))
        .load(conn)?;
    let product_ids: Vec<ProductId> = rows.iter().filter_map(|r| r.1).collect();
    let note_ids: Vec<NoteId> = rows.iter().filter_map(|r| r.2).collect();
    let products: HashMap<ProductId, ProductView> =
        crate::shop::products::load_views(conn, &product_ids)?.into_iter().map(|p| (p.id, p)).collect();
    let notes: HashMap<NoteId, NoteView> =
        crate::notes::queries::load_views(conn, &note_ids)?.into_iter().map(|n| (n.id, n)).collect();
    let author_ids: Vec<UserId> = found.iter().map(|l| l.author_id).collect();
    let authors: HashMap<UserId, User> = users::table
        .filter(users::id.eq_any(&author_ids))
        .select(User::as_select())
        .load(conn)?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mine: Vec<(ListId, String)> = match viewer {
        Some(v) => list_reactions::table
            .filter(list_reactions::user_id.eq(v))
            .filter(list_reactions::list_id.eq_any(&ids))
            .select((list_reactions::list_id, list_reactions::kind))
            .load(conn)?,
        None => Vec::new(),
    };
    let mut entries: HashMap<ListId, Vec<EntryView>> = HashMap::new();
    for (list, product, note, reason) in rows {
        let items = entries.entry(list).or_default();
        items.push(EntryView {
            rank: items.len() + 1,
            reason,
            product: product.and_then(|p| products.get(&p).cloned()),
            note: note.and_then(|n| notes.get(&n).cloned()),
        });
    }
    Ok(found
        .into_iter()
        .filter_map(|l| {
            let author = authors.get(&l.author_id)?;
            Some(ListView {
                url: format!("/lists/{}", l.id),
                cover_url: l.cover.as_deref().map(crate::media::card_url),
                author: author.into(),
                published: l.published_at.is_some(),
                liked_by_me: mine.iter().any(|m| m.0 == l.id && m.1 == LIKE),
                saved_by_me: mine.iter().any(|m| m.0 == l.id && m.1 == SAVE),
                items: entries.remove(&l.id).unwrap_or_default(),
                id: l.id,
                title: l.title,
                intro: l.intro,
                like_count: l.like_count,
                save_count: l.save_count,
                updated_at: l.updated_at,
            })
        })
        .collect())
}

pub fn view(conn: &mut DbConnection, viewer: Option<UserId>, id: ListId) -> Result<ListView, AppError> {
    let list = visible(conn, viewer, id)?;
    views(conn, viewer, vec![list])?.pop().ok_or_else(|| AppError::not_found(msg!("thing-list")))
}

/// A creator's lists, newest first (drafts too when the viewer is the creator).
pub fn of_author(
    conn: &mut DbConnection,
    viewer: Option<UserId>,
    author: UserId,
) -> QueryResult<Vec<ListView>> {
    let mut query = lists::table.filter(lists::author_id.eq(author)).select(List::as_select()).into_boxed();
    if viewer != Some(author) {
        query = query
            .filter(lists::published_at.is_not_null())
            .filter(lists::moderation.eq(crate::moderation::VISIBLE));
    }
    let found = query.order(lists::id.desc()).limit(50).load(conn)?;
    views(conn, viewer, found)
}

/// Published lists whose title or intro contains `q` (any case), most liked first.
pub fn search(
    conn: &mut DbConnection,
    viewer: Option<UserId>,
    q: &str,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<ListView>, i64)> {
    let q = q.trim().to_lowercase();
    if q.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let pattern = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let matches = || {
        lists::table
            .filter(lists::published_at.is_not_null())
            .filter(lists::moderation.eq(crate::moderation::VISIBLE))
            .filter(
                crate::shop::products::lower(lists::title)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(crate::shop::products::lower(lists::intro).like(pattern.clone()).escape('\\')),
            )
    };
    let total: i64 = matches().count().get_result(conn)?;
    let found: Vec<List> = matches()
        .order((lists::like_count.desc(), lists::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(List::as_select())
        .load(conn)?;
    Ok((views(conn, viewer, found)?, total))
}
