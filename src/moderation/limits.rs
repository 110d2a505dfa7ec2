//! Spam limits per account, counted in the database (so every app server shares them): notes
//! an hour, comments and replies a minute, follows an hour, reports a day, messages a minute and
//! new conversations an hour. Accounts younger than
//! a day whose email is unconfirmed get a third of each. The same text again and again is
//! refused too. `SPROUT_RATE_LIMIT=0` turns every limit off (for load tests).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::accounts::model::User;
use crate::db::DbConnection;
use crate::i18n::Msg;
use crate::schema::{comments, conversations, follows, messages, notes, reports};
use crate::web::AppError;

pub use crate::config::Limits;

#[derive(Debug, Clone, Copy)]
pub enum Act {
    Note,
    Comment,
    Follow,
    Report,
    /// A message in a conversation.
    Message,
    /// A new conversation.
    Conversation,
}

impl Act {
    fn window(self) -> Duration {
        match self {
            Act::Note | Act::Follow | Act::Conversation => Duration::hours(1),
            Act::Comment | Act::Message => Duration::minutes(1),
            Act::Report => Duration::days(1),
        }
    }

    fn allowance(self, limits: &Limits) -> u32 {
        match self {
            Act::Note => limits.notes_per_hour,
            Act::Comment => limits.comments_per_minute,
            Act::Follow => limits.follows_per_hour,
            Act::Report => limits.reports_per_day,
            Act::Message => limits.messages_per_minute,
            Act::Conversation => limits.conversations_per_hour,
        }
    }

    fn what(self, n: u32) -> Msg {
        match self {
            Act::Note => msg!("limit-notes", count = n),
            Act::Comment => msg!("limit-comments", count = n),
            Act::Follow => msg!("limit-follows", count = n),
            Act::Report => msg!("limit-reports", count = n),
            Act::Message => msg!("limit-messages", count = n),
            Act::Conversation => msg!("limit-conversations", count = n),
        }
    }
}

/// A new account: younger than a day, with its email unconfirmed.
pub fn is_new(user: &User) -> bool {
    !user.email_verified() && crate::db::now() - user.created_at < Duration::days(1)
}

/// The times of `user`'s acts of this kind inside the window, oldest first.
fn recent(
    conn: &mut DbConnection,
    user: &User,
    act: Act,
    since: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    match act {
        Act::Note => notes::table
            .filter(notes::author_id.eq(user.id))
            .filter(notes::created_at.gt(since))
            .select(notes::created_at)
            .order(notes::created_at)
            .limit(1000)
            .load(conn),
        Act::Comment => comments::table
            .filter(comments::author_id.eq(user.id))
            .filter(comments::created_at.gt(since))
            .select(comments::created_at)
            .order(comments::created_at)
            .limit(1000)
            .load(conn),
        Act::Follow => follows::table
            .filter(follows::follower_id.eq(user.id))
            .filter(follows::created_at.gt(since))
            .select(follows::created_at)
            .order(follows::created_at)
            .limit(1000)
            .load(conn),
        Act::Report => reports::table
            .filter(reports::reporter_id.eq(user.id))
            .filter(reports::created_at.gt(since))
            .select(reports::created_at)
            .order(reports::created_at)
            .limit(1000)
            .load(conn),
        Act::Message => messages::table
            .filter(messages::sender_id.eq(user.id))
            .filter(messages::created_at.gt(since))
            .select(messages::created_at)
            .order(messages::created_at)
            .limit(1000)
            .load(conn),
        Act::Conversation => conversations::table
            .filter(conversations::starter_id.eq(user.id))
            .filter(conversations::created_at.gt(since))
            .select(conversations::created_at)
            .order(conversations::created_at)
            .limit(1000)
            .load(conn),
    }
}

/// Refuses one more act once the allowance of the window is spent: 429 with `Retry-After`
/// (when the oldest act in the window leaves it) and a message saying so.
pub fn check(conn: &mut DbConnection, limits: &Limits, user: &User, act: Act) -> Result<(), AppError> {
    let full = act.allowance(limits);
    if !limits.enabled || full == 0 {
        return Ok(());
    }
    let allowed = if is_new(user) { full.div_ceil(3) } else { full };
    let now = crate::db::now();
    let window = act.window();
    let times = recent(conn, user, act, now - window)?;
    if (times.len() as u32) < allowed {
        return Ok(());
    }
    let oldest = times[times.len() - allowed as usize];
    let wait = (oldest + window - now).num_seconds().max(1) as u64;
    let what =
        if is_new(user) { msg!("limit-new-account", what = act.what(allowed)) } else { act.what(allowed) };
    Err(AppError::rate_limited(what, wait))
}

/// Text as compared for "the same again": case, spacing and punctuation aside.
pub fn fingerprint(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Refuses a note whose title and text this author already posted in the last day.
pub fn check_repeat_note(
    conn: &mut DbConnection,
    limits: &Limits,
    user: &User,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    if !limits.enabled {
        return Ok(());
    }
    let mine = fingerprint(&format!("{title} {body}"));
    if mine.is_empty() {
        return Ok(());
    }
    let recent: Vec<(String, String)> = notes::table
        .filter(notes::author_id.eq(user.id))
        .filter(notes::created_at.gt(crate::db::now() - Duration::days(1)))
        .select((notes::title, notes::body))
        .limit(200)
        .load(conn)?;
    if recent.iter().any(|(t, b)| fingerprint(&format!("{t} {b}")) == mine) {
        return Err(AppError::validation("body", msg!("limit-repeat-note")));
    }
    Ok(())
}

/// Refuses a comment whose text this author already wrote twice in the last hour.
pub fn check_repeat_comment(
    conn: &mut DbConnection,
    limits: &Limits,
    user: &User,
    body: &str,
) -> Result<(), AppError> {
    if !limits.enabled {
        return Ok(());
    }
    let mine = fingerprint(body);
    if mine.is_empty() {
        return Ok(());
    }
    let recent: Vec<String> = comments::table
        .filter(comments::author_id.eq(user.id))
        .filter(comments::created_at.gt(crate::db::now() - Duration::hours(1)))
        .select(comments::body)
        .limit(200)
        .load(conn)?;
    if recent.iter().filter(|b| fingerprint(b) == mine).count() >= 2 {
        return Err(AppError::validation("body", msg!("limit-repeat-comment")));
    }
    Ok(())
}
