//! Follows and likes: each change and its counts in one transaction, idempotent, exact under
//! concurrent clicks.

use super::queries;
use crate::accounts::model::User;
use crate::accounts::queries as user_queries;
use crate::db::{DbConnection, NoteId};
use crate::notifications::{notify, Kind};
use crate::web::AppError;

fn target(conn: &mut DbConnection, username: &str) -> Result<User, AppError> {
    user_queries::by_username(conn, username)?.ok_or_else(|| AppError::not_found(msg!("thing-user")))
}

/// Follows `username`; following someone already followed changes nothing. New follows count
/// against the account's follows an hour.
pub fn follow(
    conn: &mut DbConnection,
    limits: &crate::moderation::limits::Limits,
    follower: &User,
    username: &str,
) -> Result<User, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let followee = target(conn, username)?;
        if followee.id == follower.id {
            return Err(AppError::validation("username", msg!("follow-self")));
        }
        if crate::accounts::blocks::between(conn, follower.id, followee.id)? {
            return Err(AppError::Forbidden(msg!("follow-blocked")));
        }
        if !queries::is_following(conn, follower.id, followee.id)? {
            crate::moderation::limits::check(conn, limits, follower, crate::moderation::limits::Act::Follow)?;
        }
        if queries::insert_follow(conn, follower.id, followee.id)? == 1 {
            queries::bump_follow_counts(conn, follower.id, followee.id, 1)?;
            notify(conn, followee.id, follower.id, Kind::Follow, None, None)?;
        }
        Ok(user_queries::by_id(conn, followee.id)?)
    })
}

/// Stops following `username`; unfollowing someone not followed changes nothing.
pub fn unfollow(conn: &mut DbConnection, follower: &User, username: &str) -> Result<User, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let followee = target(conn, username)?;
        if queries::delete_follow(conn, follower.id, followee.id)? == 1 {
            queries::bump_follow_counts(conn, follower.id, followee.id, -1)?;
        }
        Ok(user_queries::by_id(conn, followee.id)?)
    })
}

/// Likes a note (once, however often asked); returns its like count. The new count reaches
/// the explore ranking and the search index (sort by likes) at once.
pub fn like(conn: &mut DbConnection, user: &User, note: NoteId) -> Result<i64, AppError> {
    set_like(conn, user, note, true)
}

pub fn unlike(conn: &mut DbConnection, user: &User, note: NoteId) -> Result<i64, AppError> {
    set_like(conn, user, note, false)
}

fn set_like(conn: &mut DbConnection, user: &User, note: NoteId, liked: bool) -> Result<i64, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let current = crate::notes::service::visible_to(conn, Some(user), note)?;
        let changed = if liked {
            queries::insert_like(conn, user.id, note)?
        } else {
            queries::delete_like(conn, user.id, note)?
        };
        if changed == 0 {
            return Ok(current.like_count);
        }
        let count = queries::bump_like_count(conn, note, if liked { 1 } else { -1 })?;
        crate::outbox::enqueue(conn, note)?;
        if liked {
            notify(conn, current.author_id, user.id, Kind::Like, Some(note), None)?;
        }
        Ok(count)
    })
}
