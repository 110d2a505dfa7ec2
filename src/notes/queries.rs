use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{ImageView, MediaSize, Note, NoteImage, NotePage, NoteView};
use super::ranking::{hot_score, FeedSort};
use crate::accounts::model::User;
use crate::db::{DbConnection, HashtagId, NoteId, UserId};
use crate::schema::{
    blocks, board_items, boards, follows, hashtags, likes, media, note_hashtags, note_images, notes, users,
};
use crate::web::{AppError, Cursor};

/// Loads full views of the given notes that everyone may see (hidden and held ones are left
/// out), in the given order, in a fixed number of queries whatever their number.
pub fn load_views(conn: &mut DbConnection, ids: &[NoteId]) -> QueryResult<Vec<NoteView>> {
    load_views_as(conn, ids, Seen::Public)
}

/// Views of visible notes, kept for a second and until the next write through this node
/// (`crate::web::fresh`): every listing shows them alike, but for `liked_by_me`, which is
/// filled in per viewer after.
pub type NoteViews = crate::web::fresh::Fresh<NoteId, NoteView>;

/// [`load_views_as`], taking the views of visible notes from `kept` where it has them fresh
/// and keeping those it reads. Hidden and held notes are always read (only some may see them).
pub fn load_views_kept(
    conn: &mut DbConnection,
    kept: &NoteViews,
    ids: &[NoteId],
    seen: Seen,
) -> QueryResult<Vec<NoteView>> {
    let writes = kept.writes();
    let mut found = kept.get_each(ids);
    let missing: Vec<NoteId> =
        ids.iter().zip(&found).filter(|(_, view)| view.is_none()).map(|(&id, _)| id).collect();
    if missing.is_empty() {
        return Ok(found.into_iter().flatten().collect());
    }
    let read = load_views_as(conn, &missing, seen)?;
    kept.put_each(
        writes,
        read.iter().filter(|v| v.moderation == crate::moderation::VISIBLE).map(|v| (v.id, v.clone())),
    );
    let mut read: HashMap<NoteId, NoteView> = read.into_iter().map(|v| (v.id, v)).collect();
    for (id, view) in ids.iter().zip(found.iter_mut()) {
        if view.is_none() {
            *view = read.remove(id);
        }
    }
    Ok(found.into_iter().flatten().collect())
}

/// Which notes a listing shows.
#[derive(Debug, Clone, Copy)]
pub enum Seen {
    /// Only visible notes.
    Public,
    /// Visible notes, and this member's own hidden or held ones (marked on the card).
    By(UserId),
    /// Every note, whatever its state (one note's page, which checks who may see it).
    All,
}

/// Loads full views of the given notes as `seen` allows, in the given order.
pub fn load_views_as(conn: &mut DbConnection, ids: &[NoteId], seen: Seen) -> QueryResult<Vec<NoteView>> {
    let order = ids;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = notes::table
        .inner_join(users::table)
        .filter(crate::db::in_ids(notes::id, ids))
        .select((Note::as_select(), User::as_select()))
        .into_boxed();
    query = match seen {
        Seen::Public => query.filter(notes::moderation.eq(crate::moderation::VISIBLE)),
        Seen::By(user) => {
            query.filter(notes::moderation.eq(crate::moderation::VISIBLE).or(notes::author_id.eq(user)))
        }
        Seen::All => query,
    };
    let rows: Vec<(Note, User)> = query.load(conn)?;
    let ids: Vec<NoteId> = rows.iter().map(|(n, _)| n.id).collect();
    let ids = &ids[..];
    let images: Vec<(NoteImage, MediaSize)> = note_images::table
        .inner_join(media::table)
        .filter(crate::db::in_ids(note_images::note_id, ids))
        .order((note_images::note_id, note_images::position))
        .select((NoteImage::as_select(), MediaSize::as_select()))
        .load(conn)?;
    let tags: Vec<(NoteId, String)> = note_hashtags::table
        .inner_join(hashtags::table)
        .filter(crate::db::in_ids(note_hashtags::note_id, ids))
        .order((note_hashtags::note_id, hashtags::name))
        .select((note_hashtags::note_id, hashtags::name))
        .load(conn)?;

    let mut images_by_note: HashMap<NoteId, Vec<ImageView>> = HashMap::new();
    for (image, size) in &images {
        images_by_note.entry(image.note_id).or_default().push(ImageView::new(image, size));
    }
    let mut product_tags = crate::shop::tags::for_notes(conn, ids)?;
    let sponsored = crate::shop::tags::sponsored(conn, ids)?;
    let mut tags_by_note: HashMap<NoteId, Vec<String>> = HashMap::new();
    for (id, name) in tags {
        tags_by_note.entry(id).or_default().push(name);
    }
    let mut by_id: HashMap<NoteId, NoteView> = rows
        .into_iter()
        .map(|(note, author)| {
            let id = note.id;
            let mut view = NoteView::new(
                note,
                &author,
                images_by_note.remove(&id).unwrap_or_default(),
                tags_by_note.remove(&id).unwrap_or_default(),
            );
            view.product_tags = product_tags.remove(&id).unwrap_or_default();
            view.sponsored = sponsored.contains(&id);
            (id, view)
        })
        .collect();
    Ok(order.iter().filter_map(|id| by_id.remove(id)).collect())
}

pub fn set_verified_item(
    conn: &mut DbConnection,
    id: NoteId,
    item: crate::db::OrderItemId,
) -> QueryResult<usize> {
    diesel::update(notes::table.find(id)).set(notes::verified_order_item_id.eq(Some(item.0))).execute(conn)
}

/// One note whatever its state: its page decides who may see it.
pub fn load_view(conn: &mut DbConnection, id: NoteId) -> QueryResult<Option<NoteView>> {
    Ok(load_views_as(conn, &[id], Seen::All)?.pop())
}

pub fn find(conn: &mut DbConnection, id: NoteId) -> QueryResult<Option<Note>> {
    notes::table.find(id).select(Note::as_select()).first(conn).optional()
}

/// A page of notes: all notes, one author's, or one hashtag's, in the order `sort` names.
#[derive(Debug, Default)]
pub struct FeedQuery {
    /// Views kept from other requests to use where fresh (`AppState::note_views`).
    pub views: Option<std::sync::Arc<NoteViews>>,
    pub author: Option<UserId>,
    /// Only notes by people this user follows (the following feed).
    pub followed_by: Option<UserId>,
    /// The viewer: notes by people who blocked them, or whom they blocked, are left out.
    pub viewer: Option<UserId>,
    pub hashtag: Option<String>,
    pub sort: FeedSort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
}

type FeedKey = (NoteId, NaiveDateTime, f64, i64);

impl FeedQuery {
    pub fn load(&self, conn: &mut DbConnection) -> Result<NotePage, AppError> {
        let keys = self.keys(conn)?;
        let has_more = keys.len() as i64 > self.limit;
        let keys = &keys[..keys.len().min(self.limit as usize)];
        let next_cursor = keys.last().filter(|_| has_more).map(|&(id, created_at, score, likes)| {
            let id = id.0;
            match self.sort {
                FeedSort::New => Cursor::Time { created_at, id },
                FeedSort::Hot => Cursor::Score { score, id },
                FeedSort::TopWeek => Cursor::Count { count: likes, id },
            }
            .encode()
        });
        let ids: Vec<NoteId> = keys.iter().map(|k| k.0).collect();
        let seen = self.viewer.map(Seen::By).unwrap_or(Seen::Public);
        let items = match &self.views {
            Some(kept) => load_views_kept(conn, kept, &ids, seen)?,
            None => load_views_as(conn, &ids, seen)?,
        };
        Ok(NotePage { items, next_cursor })
    }

    /// Sort keys of the page (one extra, to know whether another page follows), read off
    /// the index of the sort.
    fn keys(&self, conn: &mut DbConnection) -> Result<Vec<FeedKey>, AppError> {
        let mut query = notes::table
            .select((notes::id, notes::created_at, notes::hot_score, notes::like_count))
            .into_boxed();
        if let Some(author) = self.author {
            query = query.filter(notes::author_id.eq(author));
        }
        // Hidden and held notes are left out, but for their own author.
        query = match self.viewer {
            Some(viewer) => {
                query.filter(notes::moderation.eq(crate::moderation::VISIBLE).or(notes::author_id.eq(viewer)))
            }
            None => query.filter(notes::moderation.eq(crate::moderation::VISIBLE)),
        };
        if let Some(viewer) = self.viewer {
            let blocked_me = blocks::table.filter(blocks::blocked_id.eq(viewer)).select(blocks::blocker_id);
            let i_blocked = blocks::table.filter(blocks::blocker_id.eq(viewer)).select(blocks::blocked_id);
            query =
                query.filter(notes::author_id.ne_all(blocked_me)).filter(notes::author_id.ne_all(i_blocked));
        }
        if let Some(viewer) = self.followed_by {
            let followed =
                follows::table.filter(follows::follower_id.eq(viewer)).select(follows::followee_id);
            query = query.filter(notes::author_id.eq_any(followed));
        }
        if let Some(tag) = &self.hashtag {
            let Some(tag_id) = hashtag_id(conn, tag)? else { return Ok(Vec::new()) };
            let tagged = note_hashtags::table
                .filter(note_hashtags::hashtag_id.eq(tag_id))
                .select(note_hashtags::note_id);
            query = query.filter(notes::id.eq_any(tagged));
        }
        // A page of one ordering does not exist in another.
        let wrong_cursor = || AppError::NotFound(msg!("feed-wrong-cursor"));
        query = match self.sort {
            FeedSort::New => {
                if let Some(c) = self.cursor {
                    let Cursor::Time { created_at, id } = c else { return Err(wrong_cursor()) };
                    // `a <= x AND (a < x OR id < y)`: the first half is an index range.
                    query = query
                        .filter(notes::created_at.le(created_at))
                        .filter(notes::created_at.lt(created_at).or(notes::id.lt(NoteId(id))));
                }
                query.order((notes::created_at.desc(), notes::id.desc()))
            }
            FeedSort::Hot => {
                if let Some(c) = self.cursor {
                    let Cursor::Score { score, id } = c else { return Err(wrong_cursor()) };
                    query = query
                        .filter(notes::hot_score.le(score))
                        .filter(notes::hot_score.lt(score).or(notes::id.lt(NoteId(id))));
                }
                query.order((notes::hot_score.desc(), notes::id.desc()))
            }
            FeedSort::TopWeek => {
                query = query.filter(notes::created_at.ge(crate::db::now() - chrono::Duration::days(7)));
                if let Some(c) = self.cursor {
                    let Cursor::Count { count, id } = c else { return Err(wrong_cursor()) };
                    query = query
                        .filter(notes::like_count.le(count))
                        .filter(notes::like_count.lt(count).or(notes::id.lt(NoteId(id))));
                }
                query.order((notes::like_count.desc(), notes::id.desc()))
            }
        };
        Ok(query.limit(self.limit + 1).load(conn)?)
    }
}

/// Hashtags that appear most often together with `tag`, among its latest notes.
pub fn related_hashtags(
    conn: &mut DbConnection,
    tag: HashtagId,
    limit: i64,
) -> QueryResult<Vec<(String, i64)>> {
    let recent: Vec<NoteId> = note_hashtags::table
        .filter(note_hashtags::hashtag_id.eq(tag))
        .order(note_hashtags::note_id.desc())
        .select(note_hashtags::note_id)
        .limit(500)
        .load(conn)?;
    note_hashtags::table
        .inner_join(hashtags::table)
        .filter(note_hashtags::note_id.eq_any(recent))
        .filter(note_hashtags::hashtag_id.ne(tag))
        .group_by(hashtags::name)
        .select((hashtags::name, diesel::dsl::count_star()))
        .order((diesel::dsl::count_star().desc(), hashtags::name))
        .limit(limit)
        .load(conn)
}

pub fn hashtag_id(conn: &mut DbConnection, name: &str) -> QueryResult<Option<HashtagId>> {
    hashtags::table.filter(hashtags::name.eq(name)).select(hashtags::id).first(conn).optional()
}

pub fn count_by_author(conn: &mut DbConnection, author: UserId) -> QueryResult<i64> {
    notes::table.filter(notes::author_id.eq(author)).count().get_result(conn)
}

pub fn count_by_hashtag(conn: &mut DbConnection, tag: HashtagId) -> QueryResult<i64> {
    note_hashtags::table.filter(note_hashtags::hashtag_id.eq(tag)).count().get_result(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    notes::table.count().get_result(conn)
}

pub struct NewNote<'a> {
    pub author: UserId,
    pub title: &'a str,
    pub body: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, note: &NewNote) -> QueryResult<NoteId> {
    let row = (
        notes::author_id.eq(note.author),
        notes::title.eq(note.title),
        notes::body.eq(note.body),
        notes::like_count.eq(0i64),
        notes::created_at.eq(note.created_at),
        notes::updated_at.eq(note.created_at),
        notes::hot_score.eq(hot_score(note.created_at, 0, 0, 0)),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(notes::table)
        .values(row)
        .returning(notes::id)
        .get_result(c))
}

pub fn insert_image(
    conn: &mut DbConnection,
    note: NoteId,
    position: i32,
    hash: &str,
    alt: &str,
) -> QueryResult<()> {
    diesel::insert_into(note_images::table)
        .values((
            note_images::note_id.eq(note),
            note_images::position.eq(position),
            note_images::media_hash.eq(hash),
            note_images::alt.eq(alt),
        ))
        .execute(conn)
        .map(drop)
}

pub fn update_alt(conn: &mut DbConnection, note: NoteId, position: i32, alt: &str) -> QueryResult<usize> {
    diesel::update(
        note_images::table.filter(note_images::note_id.eq(note)).filter(note_images::position.eq(position)),
    )
    .set(note_images::alt.eq(alt))
    .execute(conn)
}

pub fn update_text(
    conn: &mut DbConnection,
    id: NoteId,
    title: &str,
    body: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(notes::table.find(id))
        .set((notes::title.eq(title), notes::body.eq(body), notes::updated_at.eq(at)))
        .execute(conn)
}

/// Tags a note with an existing hashtag.
pub fn tag_note(
    conn: &mut DbConnection,
    note: NoteId,
    tag: HashtagId,
    created_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(note_hashtags::table)
        .values((
            note_hashtags::note_id.eq(note),
            note_hashtags::hashtag_id.eq(tag),
            note_hashtags::created_at.eq(created_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Replaces a note's hashtags, creating tags seen for the first time.
pub fn set_hashtags(
    conn: &mut DbConnection,
    note: NoteId,
    created_at: NaiveDateTime,
    tags: &[String],
) -> QueryResult<()> {
    diesel::delete(note_hashtags::table.filter(note_hashtags::note_id.eq(note))).execute(conn)?;
    if tags.is_empty() {
        return Ok(());
    }
    for tag in tags {
        crate::per_backend!(conn, |c| diesel::insert_into(hashtags::table)
            .values(hashtags::name.eq(tag))
            .on_conflict_do_nothing()
            .execute(c))?;
    }
    let ids: Vec<HashtagId> =
        hashtags::table.filter(hashtags::name.eq_any(tags)).select(hashtags::id).load(conn)?;
    for id in ids {
        tag_note(conn, note, id, created_at)?;
    }
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: NoteId) -> QueryResult<usize> {
    diesel::delete(notes::table.find(id)).execute(conn)
}

/// Re-computes a note's hot score from its counts; returns its like count.
pub fn rescore(conn: &mut DbConnection, note: NoteId) -> QueryResult<i64> {
    let (created_at, likes, saves, comments): (NaiveDateTime, i64, i64, i64) = notes::table
        .find(note)
        .select((notes::created_at, notes::like_count, notes::save_count, notes::comment_count))
        .first(conn)?;
    diesel::update(notes::table.find(note))
        .set(notes::hot_score.eq(hot_score(created_at, likes, saves, comments)))
        .execute(conn)?;
    Ok(likes)
}

/// Fills in `liked_by_me` for the viewer.
pub fn mark_liked(
    conn: &mut DbConnection,
    viewer: Option<&User>,
    views: &mut [NoteView],
) -> Result<(), AppError> {
    let Some(viewer) = viewer else { return Ok(()) };
    let ids: Vec<NoteId> = views.iter().map(|v| v.id).collect();
    let liked = liked_among(conn, viewer.id, &ids)?;
    for view in views {
        view.liked_by_me = liked.contains(&view.id);
    }
    Ok(())
}

/// Which of these notes `user` likes.
pub fn liked_among(conn: &mut DbConnection, user: UserId, ids: &[NoteId]) -> QueryResult<HashSet<NoteId>> {
    let liked: Vec<NoteId> = likes::table
        .filter(likes::user_id.eq(user))
        .filter(crate::db::in_ids(likes::note_id, ids))
        .select(likes::note_id)
        .load(conn)?;
    Ok(liked.into_iter().collect())
}

/// Whether `user` saved the note into any of their boards.
pub fn is_saved_by(conn: &mut DbConnection, user: UserId, note: NoteId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        board_items::table
            .inner_join(boards::table)
            .filter(boards::owner_id.eq(user))
            .filter(board_items::note_id.eq(note)),
    ))
    .get_result(conn)
}
