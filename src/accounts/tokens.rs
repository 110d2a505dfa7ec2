//! Session and API tokens: 256 random bits handed to the client once; only their SHA-256 is stored.

use chrono::Duration;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::model::User;
use crate::db::{DbConnection, UserId};
use crate::schema::{auth_tokens, suspensions, users};

pub const SESSION_DAYS: i64 = 30;
pub const API_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Session,
    Api,
    /// In a password-reset link: one hour, single use.
    Reset,
    /// In an email-verification link.
    Verify,
    /// Handed to a suspended member at login: good for appealing the suspension, nothing else.
    Appeal,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Session => "session",
            TokenKind::Api => "api",
            TokenKind::Reset => "reset",
            TokenKind::Verify => "verify",
            TokenKind::Appeal => "appeal",
        }
    }

    fn lifetime(self) -> Duration {
        match self {
            TokenKind::Session => Duration::days(SESSION_DAYS),
            TokenKind::Api => Duration::days(API_DAYS),
            TokenKind::Reset => Duration::hours(1),
            TokenKind::Verify => Duration::days(7),
            TokenKind::Appeal => Duration::hours(1),
        }
    }
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Issues a new token for `user` and returns it; it is never shown again.
pub fn issue(conn: &mut DbConnection, user: UserId, kind: TokenKind) -> QueryResult<String> {
    let token = crate::web::random_token();
    let now = crate::db::now();
    diesel::insert_into(auth_tokens::table)
        .values((
            auth_tokens::user_id.eq(user),
            auth_tokens::kind.eq(kind.as_str()),
            auth_tokens::token_hash.eq(digest(&token)),
            auth_tokens::created_at.eq(now),
            auth_tokens::expires_at.eq(now + kind.lifetime()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The user a live token of `kind` belongs to. A suspended account's sessions and API tokens
/// stand for nobody (they were revoked at the suspension; this holds whatever the timing).
pub fn user_for_token(conn: &mut DbConnection, token: &str, kind: TokenKind) -> QueryResult<Option<User>> {
    let now = crate::db::now();
    let query = auth_tokens::table
        .inner_join(users::table)
        .filter(auth_tokens::token_hash.eq(digest(token)))
        .filter(auth_tokens::kind.eq(kind.as_str()))
        .filter(auth_tokens::expires_at.gt(now))
        .select(User::as_select());
    if matches!(kind, TokenKind::Session | TokenKind::Api) {
        let suspended = suspensions::table
            .filter(suspensions::user_id.eq(users::id))
            .filter(suspensions::until_at.gt(now));
        query.filter(diesel::dsl::not(diesel::dsl::exists(suspended))).first(conn).optional()
    } else {
        query.first(conn).optional()
    }
}

/// Ends a session or revokes a token.
pub fn revoke(conn: &mut DbConnection, token: &str) -> QueryResult<usize> {
    diesel::delete(auth_tokens::table.filter(auth_tokens::token_hash.eq(digest(token)))).execute(conn)
}

/// Revokes every token of a user: all sessions, API tokens and links.
pub fn revoke_all(conn: &mut DbConnection, user: UserId) -> QueryResult<usize> {
    diesel::delete(auth_tokens::table.filter(auth_tokens::user_id.eq(user))).execute(conn)
}
