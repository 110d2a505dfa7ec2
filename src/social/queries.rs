use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::model::User;
use crate::db::{BoardId, DbConnection, NoteId, UserId};
use crate::schema::{board_items, boards, follows, likes, notes, users};
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
                query = query
                    .filter(follows::created_at.le(created_at))
                    .filter(follows::created_at.lt(created_at).or($theirs.lt(UserId(id))));
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
    crate::notes::queries::rescore(conn, note)
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
        users::table.filter(crate::db::in_ids(users::id, &ids)).select(User::as_select()).load(conn)?;
    found.sort_by_key(|u| ids.iter().position(|id| *id == u.id));
    Ok(found)
}

// Boards.

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = boards)]
pub struct Board {
    pub id: BoardId,
    pub owner_id: UserId,
    pub name: String,
    pub private: bool,
    pub created_at: NaiveDateTime,
}

pub fn find_board(conn: &mut DbConnection, id: BoardId) -> QueryResult<Option<Board>> {
    boards::table.find(id).select(Board::as_select()).first(conn).optional()
}

pub fn board_by_name(conn: &mut DbConnection, owner: UserId, name: &str) -> QueryResult<Option<Board>> {
    boards::table
        .filter(boards::owner_id.eq(owner))
        .filter(boards::name.eq(name))
        .select(Board::as_select())
        .first(conn)
        .optional()
}

pub fn insert_board(
    conn: &mut DbConnection,
    owner: UserId,
    name: &str,
    private: bool,
) -> QueryResult<BoardId> {
    let row = (
        boards::owner_id.eq(owner),
        boards::name.eq(name),
        boards::private.eq(private),
        boards::created_at.eq(crate::db::now()),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(boards::table)
        .values(row)
        .returning(boards::id)
        .get_result(c))
}

/// A user's boards (private ones only when `include_private`), oldest first.
pub fn user_boards(conn: &mut DbConnection, owner: UserId, include_private: bool) -> QueryResult<Vec<Board>> {
    let mut query = boards::table.filter(boards::owner_id.eq(owner)).select(Board::as_select()).into_boxed();
    if !include_private {
        query = query.filter(boards::private.eq(false));
    }
    query.order(boards::id).load(conn)
}

pub fn insert_board_item(conn: &mut DbConnection, board: BoardId, note: NoteId) -> QueryResult<usize> {
    let row = (
        board_items::board_id.eq(board),
        board_items::note_id.eq(note),
        board_items::created_at.eq(crate::db::now()),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(board_items::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))
}

pub fn delete_board_item(conn: &mut DbConnection, board: BoardId, note: NoteId) -> QueryResult<usize> {
    diesel::delete(board_items::table.find((board, note))).execute(conn)
}

pub fn bump_save_count(conn: &mut DbConnection, note: NoteId, delta: i64) -> QueryResult<()> {
    diesel::update(notes::table.find(note))
        .set(notes::save_count.eq(notes::save_count + delta))
        .execute(conn)?;
    crate::notes::queries::rescore(conn, note).map(drop)
}

/// The notes on a board, most recently saved first.
pub fn board_note_ids(conn: &mut DbConnection, board: BoardId, limit: i64) -> QueryResult<Vec<NoteId>> {
    board_items::table
        .filter(board_items::board_id.eq(board))
        .order((board_items::created_at.desc(), board_items::note_id.desc()))
        .select(board_items::note_id)
        .limit(limit)
        .load(conn)
}
