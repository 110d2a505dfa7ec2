//! Blocking: a blocked user cannot follow the blocker or comment on their notes, does not see
//! their notes in feeds, and the blocker no longer sees the blocked user's comments or hears
//! from them. Blocking also ends any follow between the two. Who blocked whom is asked through
//! [`crate::accounts::blocks`].

use diesel::prelude::*;

use super::queries;
use crate::accounts::model::User;
use crate::db::DbConnection;
use crate::schema::blocks;
use crate::web::AppError;

pub fn block(conn: &mut DbConnection, blocker: &User, username: &str) -> Result<User, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let target = crate::accounts::queries::by_username(conn, username)?
            .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
        if target.id == blocker.id {
            return Err(AppError::validation("username", msg!("block-self")));
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
        .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
    diesel::delete(blocks::table.find((blocker.id, target.id))).execute(conn)?;
    Ok(target)
}
