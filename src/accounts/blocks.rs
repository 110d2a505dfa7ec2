//! Who blocked whom. Every domain asks before it shows or delivers something from one member to
//! another; blocking and unblocking (which also end follows) are the social domain's.

use diesel::prelude::*;

use crate::db::{DbConnection, UserId};
use crate::schema::blocks;

pub fn is_blocked(conn: &mut DbConnection, blocker: UserId, blocked: UserId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(blocks::table.find((blocker, blocked)))).get_result(conn)
}

/// Whether either of the two blocked the other.
pub fn between(conn: &mut DbConnection, a: UserId, b: UserId) -> QueryResult<bool> {
    Ok(is_blocked(conn, a, b)? || is_blocked(conn, b, a)?)
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
