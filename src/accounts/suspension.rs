//! A suspended account: it cannot sign in or use a token until the suspension ends, and its
//! owner may appeal the moderation action that imposed it. Moderators suspend and lift
//! suspensions (`crate::moderation::actions`); everything else only asks.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, ModActionId, UserId};
use crate::schema::suspensions;

/// A suspension "for good" ends at this date.
pub fn forever() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(9999, 12, 31).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default()
}

/// Until when `user` is suspended, if they are now, and the action that suspended them.
pub fn current(
    conn: &mut DbConnection,
    user: UserId,
) -> QueryResult<Option<(NaiveDateTime, Option<ModActionId>)>> {
    suspensions::table
        .find(user)
        .filter(suspensions::until_at.gt(crate::db::now()))
        .select((suspensions::until_at, suspensions::action_id))
        .first(conn)
        .optional()
}

/// Suspends `user` until then (replacing any suspension), for the action `action`.
pub fn impose(
    conn: &mut DbConnection,
    user: UserId,
    until: NaiveDateTime,
    action: ModActionId,
) -> QueryResult<()> {
    lift(conn, user)?;
    diesel::insert_into(suspensions::table)
        .values((
            suspensions::user_id.eq(user),
            suspensions::until_at.eq(until),
            suspensions::action_id.eq(Some(action)),
        ))
        .execute(conn)
        .map(drop)
}

/// Ends any suspension of `user`.
pub fn lift(conn: &mut DbConnection, user: UserId) -> QueryResult<()> {
    diesel::delete(suspensions::table.find(user)).execute(conn).map(drop)
}

/// What a suspended member is told: until when.
pub fn notice(until: NaiveDateTime) -> crate::i18n::Msg {
    if until >= forever() {
        msg!("suspended-for-good")
    } else {
        // In the reader's zone and language, with the zone's abbreviation.
        msg!("suspended-until", until = until)
    }
}
