//! The mail a member asked for: the daily digest (sent by `crate::social::digest`), turned on in
//! the settings and off by the link in every digest, with no sign-in needed.

use diesel::prelude::*;

use super::model::User;
use crate::db::{DbConnection, UserId};
use crate::schema::users;
use crate::web::AppError;

/// Turns the digest on or off; turning it on makes the user's unsubscribe token.
pub fn set_opt_in(conn: &mut DbConnection, user: UserId, on: bool) -> QueryResult<()> {
    let token: Option<String> = users::table.find(user).select(users::digest_token).first(conn)?;
    let token = token.unwrap_or_else(crate::web::random_token);
    diesel::update(users::table.find(user))
        .set((users::daily_digest.eq(on), users::digest_token.eq(Some(token))))
        .execute(conn)
        .map(drop)
}

/// Whose unsubscribe link this is (nothing changes: a GET of the link only asks).
pub fn subscriber(conn: &mut DbConnection, token: &str) -> Result<User, AppError> {
    users::table
        .filter(users::digest_token.eq(token.trim()))
        .select(User::as_select())
        .first(conn)
        .optional()?
        .filter(|_| !token.trim().is_empty())
        .ok_or_else(|| AppError::validation("token", msg!("unsub-link-invalid")))
}

/// Unsubscribes the owner of a link (by POST: the confirmation's button, or a mail client's
/// one-click request); returns whose it was.
pub fn unsubscribe(conn: &mut DbConnection, token: &str) -> Result<User, AppError> {
    let user = subscriber(conn, token)?;
    diesel::update(users::table.find(user.id)).set(users::daily_digest.eq(false)).execute(conn)?;
    Ok(user)
}
