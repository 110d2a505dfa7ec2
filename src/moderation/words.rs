//! The admins' list of blocked words and phrases. A note or comment containing one is held for
//! review: only its author sees it (marked as waiting) until a moderator publishes or hides it.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::accounts::model::User;
use crate::db::{BlockedWordId, DbConnection};
use crate::schema::blocked_words;
use crate::web::AppError;

pub const MAX_WORDS: i64 = 1000;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = blocked_words)]
pub struct BlockedWord {
    pub id: BlockedWordId,
    pub phrase: String,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
}

/// Words are matched case-insensitively, with runs of spaces as one.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<BlockedWord>> {
    blocked_words::table
        .order(blocked_words::phrase)
        .select(BlockedWord::as_select())
        .limit(MAX_WORDS)
        .load(conn)
}

/// Adds a phrase (admins); adding one that is listed already answers the one listed.
pub fn add(conn: &mut DbConnection, admin: &User, phrase: &str) -> Result<BlockedWord, AppError> {
    let phrase = normalize(phrase);
    if !(1..=100).contains(&phrase.chars().count()) {
        return Err(AppError::validation("phrase", msg!("words-phrase-length")));
    }
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        if let Some(found) = find(conn, &phrase)? {
            return Ok(found);
        }
        let count: i64 = blocked_words::table.count().get_result(conn)?;
        if count >= MAX_WORDS {
            return Err(AppError::validation("phrase", msg!("words-list-full", max = MAX_WORDS)));
        }
        diesel::insert_into(blocked_words::table)
            .values((
                blocked_words::phrase.eq(&phrase),
                blocked_words::created_by.eq(Some(admin.id)),
                blocked_words::created_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        find(conn, &phrase)?.ok_or_else(|| AppError::not_found(msg!("thing-phrase")))
    })
}

fn find(conn: &mut DbConnection, phrase: &str) -> QueryResult<Option<BlockedWord>> {
    blocked_words::table
        .filter(blocked_words::phrase.eq(phrase))
        .select(BlockedWord::as_select())
        .first(conn)
        .optional()
}

pub fn remove(conn: &mut DbConnection, id: BlockedWordId) -> Result<(), AppError> {
    match diesel::delete(blocked_words::table.find(id)).execute(conn)? {
        0 => Err(AppError::not_found(msg!("thing-blocked-word"))),
        _ => Ok(()),
    }
}

/// Removes a phrase by its words (matched as they are stored: case and spacing aside).
pub fn remove_phrase(conn: &mut DbConnection, phrase: &str) -> Result<(), AppError> {
    match diesel::delete(blocked_words::table.filter(blocked_words::phrase.eq(normalize(phrase))))
        .execute(conn)?
    {
        0 => Err(AppError::not_found(msg!("thing-blocked-word"))),
        _ => Ok(()),
    }
}

/// The first blocked phrase that `texts` contain, if any.
pub fn first_match(conn: &mut DbConnection, texts: &[&str]) -> QueryResult<Option<String>> {
    let phrases: Vec<String> =
        blocked_words::table.select(blocked_words::phrase).limit(MAX_WORDS).load(conn)?;
    if phrases.is_empty() {
        return Ok(None);
    }
    let text = normalize(&texts.join(" "));
    Ok(phrases.into_iter().find(|p| text.contains(p.as_str())))
}
