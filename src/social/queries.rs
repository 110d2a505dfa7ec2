use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::model::User;
use crate::db::{DbConnection, NoteId, UserId};
use crate::notes::ranking::hot_score;
use crate::schema::{follows, likes, notes, users};
use crate::web::Cursor;

/// Records a follow; 1 if it is new, 0 if it already existed.
pub fn insert_follow(conn: &mut DbConnection, follower: UserId, followee: UserId) -> QueryResult<usize> {
    let row = (
        follows::follower_id.eq(follower),
        follows::followee_id.eq(followee),
        follows::created_at.eq(crate::db::now()),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(follows::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))
}

pub fn delete_follow(conn: &mut DbConnection, follower: UserId, followee: UserId) -> QueryResult<usize> {
    diesel::delete(follows::table.find((follower, followee))).execute(conn)
}

/// Moves both users' follow counts by `delta`, in the transaction that changed the follow.
pub fn bump_follow_counts(
    conn: &mut DbConnection,
    follower: UserId,
    followee: UserId,
    delta: i64,
) -> QueryResult<()> {
    diesel::update(users::table.find(follower))
        .set(users::following_count.eq(users::following_count + delta))
        .execute(conn)?;
    diesel::update(users::table.find(followee))
        .set(users::follower_count.eq(users::follower_count + delta))
        .execute(conn)?;
    Ok(())
}

pub fn is_following(conn: &mut DbConnection, follower: UserId, followee: UserId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(follows::table.find((follower, followee)))).get_result(conn)
}

/// One side of someone's follow graph, newest first, paged by (followed at, user id).
pub fn follow_list(
    conn: &mut DbConnection,
    user: UserId,
    followers: bool,
    cursor: Option<Cursor>,
    limit: i64,
) -> QueryResult<Vec<(User, NaiveDateTime)>> {
    macro_rules! list {
        ($mine:expr, $theirs:expr) => {{
            let mut query = follows::table
                .inner_join(users::table.on(users::id.eq($theirs)))
                .filter($mine.eq(user))
                .select((User::as_select(), follows::created_at))
                .into_boxed();
            if let Some(Cursor::Time { created_at, id }) = cursor {
                query = query.filter(
                    follows::created_at
                        .lt(created_at)
                        .or(follows::created_at.eq(created_at).and($theirs.lt(UserId(id)))),
                );
            }
            query.order((follows::created_at.desc(), $theirs.desc())).limit(limit).load(conn)
        }};
    }
    if followers {
        list!(follows::followee_id, follows::follower_id)
    } else {
        list!(follows::follower_id, follows::followee_id)
    }
}

/// Records a like; 1 if it is new, 0 if the user already liked the note.
pub fn insert_like(conn: &mut DbConnection, user: UserId, note: NoteId) -> QueryResult<usize> {
    let row = (likes::user_id.eq(user), likes::note_id.eq(note), likes::created_at.eq(crate::db::now()));
    crate::per_backend!(conn, |c| diesel::insert_into(likes::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))
}

pub fn delete_like(conn: &mut DbConnection, user: UserId, note: NoteId) -> QueryResult<usize> {
    diesel::delete(likes::table.find((user, note))).execute(conn)
}

/// Moves a note's like count by `delta` and re-scores it; returns the new count. The increment
/// is done by the database, so concurrent likes never overwrite each other.
pub fn bump_like_count(conn: &mut DbConnection, note: NoteId, delta: i64) -> QueryResult<i64> {
    diesel::update(notes::table.find(note))
        .set(notes::like_count.eq(notes::like_count + delta))
        .execute(conn)?;
    let (likes, created_at): (i64, NaiveDateTime) =
        notes::table.find(note).select((notes::like_count, notes::created_at)).first(conn)?;
    diesel::update(notes::table.find(note))
        .set(notes::hot_score.eq(hot_score(created_at, likes, 0, 0)))
        .execute(conn)?;
    Ok(likes)
}

/// Which of these notes `user` likes.
pub fn liked_among(conn: &mut DbConnection, user: UserId, ids: &[NoteId]) -> QueryResult<HashSet<NoteId>> {
    let liked: Vec<NoteId> = likes::table
        .filter(likes::user_id.eq(user))
        .filter(likes::note_id.eq_any(ids))
        .select(likes::note_id)
        .load(conn)?;
    Ok(liked.into_iter().collect())
}

/// People worth following for someone whose feed is empty: authors of notes they liked, then
/// the most liked authors overall — never themselves or people they already follow.
pub fn suggestions(conn: &mut DbConnection, viewer: UserId, limit: i64) -> QueryResult<Vec<User>> {
    let followed = follows::table.filter(follows::follower_id.eq(viewer)).select(follows::followee_id);
    let liked_authors: Vec<UserId> = likes::table
        .inner_join(notes::table)
        .filter(likes::user_id.eq(viewer))
        .filter(notes::author_id.ne(viewer))
        .filter(notes::author_id.ne_all(followed))
        .group_by(notes::author_id)
        .select(notes::author_id)
        .order(diesel::dsl::count_star().desc())
        .limit(limit)
        .load(conn)?;
    let popular: Vec<UserId> = notes::table
        .filter(notes::author_id.ne(viewer))
        .filter(notes::author_id.ne_all(followed))
        .group_by(notes::author_id)
        .select(notes::author_id)
        .order(diesel::dsl::sum(notes::like_count).desc())
        .limit(limit)
        .load(conn)?;
    let mut ids = liked_authors;
    for id in popular {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.truncate(limit as usize);
    let mut found: Vec<User> =
        users::table.filter(users::id.eq_any(&ids)).select(User::as_select()).load(conn)?;
    found.sort_by_key(|u| ids.iter().position(|id| *id == u.id));
    Ok(found)
}
