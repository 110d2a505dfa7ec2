//! Blocking: a blocked user cannot follow the blocker or comment on their notes, does not see
//! their notes in feeds, and the blocker no longer sees the blocked user's comments or hears
//! from them. Blocking also ends any follow between the two.

use diesel::prelude::*;

use super::queries;
use crate::accounts::model::User;
use crate::db::{DbConnection, UserId};
use crate::schema::blocks;
use crate::web::AppError;

pub fn is_blocked(conn: &mut DbConnection, blocker: UserId, blocked: UserId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(blocks::table.find((blocker, blocked)))).get_result(conn)
}

/// Whether either of the two blocked the other.
pub fn between(conn: &mut DbConnection, a: UserId, b: UserId) -> QueryResult<bool> {
    Ok(is_blocked(conn, a, b)? || is_blocked(conn, b, a)?)
}

pub fn block(conn: &mut DbConnection, blocker: &User, username: &str) -> Result<User, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let target = crate::accounts::queries::by_username(conn, username)?
            .ok_or_else(|| AppError::not_found("That user"))?;
        if target.id == blocker.id {
            return Err(AppError::validation("username", "You cannot block yourself."));
        }
        let row = (
            blocks::blocker_id.eq(blocker.id),
            blocks::blocked_id.eq(target.id),
            blocks::created_at.eq(crate::db::now()),
        );
        crate::per_backend!(conn, |c| diesel::insert_into(blocks::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c))?;
        for (follower, followee) in [(blocker.id, target.id), (target.id, blocker.id)] {
            if queries::delete_follow(conn, follower, followee)? == 1 {
                queries::bump_follow_counts(conn, follower, followee, -1)?;
            }
        }
        Ok(target)
    })
}

pub fn unblock(conn: &mut DbConnection, blocker: &User, username: &str) -> Result<User, AppError> {
    let target = crate::accounts::queries::by_username(conn, username)?
        .ok_or_else(|| AppError::not_found("That user"))?;
    diesel::delete(blocks::table.find((blocker.id, target.id))).execute(conn)?;
    Ok(target)
}

/// The usernames `viewer` must not see notes from: those they blocked and those who blocked them.
pub fn hidden_from(conn: &mut DbConnection, viewer: UserId) -> QueryResult<Vec<String>> {
    let i_blocked = blocks::table.filter(blocks::blocker_id.eq(viewer)).select(blocks::blocked_id);
    let blocked_me = blocks::table.filter(blocks::blocked_id.eq(viewer)).select(blocks::blocker_id);
    crate::schema::users::table
        .filter(crate::schema::users::id.eq_any(i_blocked).or(crate::schema::users::id.eq_any(blocked_me)))
        .select(crate::schema::users::username)
        .load(conn)
}

/// Everyone `blocker` blocked.
pub fn blocked_by(conn: &mut DbConnection, blocker: UserId) -> QueryResult<Vec<UserId>> {
    blocks::table.filter(blocks::blocker_id.eq(blocker)).select(blocks::blocked_id).load(conn)
}
