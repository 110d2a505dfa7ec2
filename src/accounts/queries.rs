use diesel::prelude::*;

use super::model::{NewUser, User};
use crate::db::{DbConnection, UserId};
use crate::i18n::{Lang, Zone};
use crate::schema::{user_settings, users};

pub fn by_username(conn: &mut DbConnection, username: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::username.eq(username.to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Finds a user by username or email, as typed into the login form.
pub fn by_login(conn: &mut DbConnection, login: &str) -> QueryResult<Option<User>> {
    let login = login.trim().to_lowercase();
    users::table
        .filter(users::username.eq(&login).or(users::email.eq(&login)))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn username_taken(conn: &mut DbConnection, username: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(users::table.filter(users::username.eq(username)))).get_result(conn)
}

pub fn email_taken(conn: &mut DbConnection, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(users::table.filter(users::email.eq(email)))).get_result(conn)
}

pub fn insert(conn: &mut DbConnection, user: &NewUser) -> QueryResult<UserId> {
    crate::per_backend!(conn, |c| diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(c))
}

pub fn by_id(conn: &mut DbConnection, id: UserId) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

pub fn update_profile(
    conn: &mut DbConnection,
    id: UserId,
    display_name: &str,
    bio: &str,
    avatar: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::display_name.eq(display_name), users::bio.eq(bio), users::avatar.eq(avatar)))
        .execute(conn)
}

/// Sets (or, with `None`, clears) the language a member reads Sprout in.
pub fn set_lang(conn: &mut DbConnection, id: UserId, lang: Option<Lang>) -> QueryResult<usize> {
    let code = lang.map(Lang::code);
    let updated =
        diesel::update(user_settings::table.find(id)).set(user_settings::lang.eq(code)).execute(conn)?;
    if updated > 0 {
        return Ok(updated);
    }
    diesel::insert_into(user_settings::table)
        .values((user_settings::user_id.eq(id), user_settings::lang.eq(code)))
        .execute(conn)
}

/// The language to write to a member in: theirs, else Sprout's default.
pub fn mail_lang(conn: &mut DbConnection, id: UserId) -> QueryResult<Lang> {
    Ok(lang_of(conn, id)?.unwrap_or_else(crate::i18n::fallback))
}

/// The language a member chose, if any.
pub fn lang_of(conn: &mut DbConnection, id: UserId) -> QueryResult<Option<Lang>> {
    Ok(settings_of(conn, id)?.lang)
}

/// What a member set for reading Sprout; `None` follows the browser.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReaderSettings {
    pub lang: Option<Lang>,
    pub zone: Option<Zone>,
}

pub fn settings_of(conn: &mut DbConnection, id: UserId) -> QueryResult<ReaderSettings> {
    let row: Option<(Option<String>, Option<String>)> = user_settings::table
        .find(id)
        .select((user_settings::lang, user_settings::time_zone))
        .first(conn)
        .optional()?;
    let (lang, zone) = row.unwrap_or_default();
    Ok(ReaderSettings {
        lang: lang.as_deref().and_then(Lang::parse),
        zone: zone.as_deref().and_then(crate::i18n::parse_zone),
    })
}

/// Sets (or, with `None`, clears) a member's time zone.
pub fn set_zone(conn: &mut DbConnection, id: UserId, zone: Option<Zone>) -> QueryResult<usize> {
    let name = zone.map(|z| z.name());
    let updated =
        diesel::update(user_settings::table.find(id)).set(user_settings::time_zone.eq(name)).execute(conn)?;
    if updated > 0 {
        return Ok(updated);
    }
    diesel::insert_into(user_settings::table)
        .values((user_settings::user_id.eq(id), user_settings::time_zone.eq(name)))
        .execute(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn set_password(conn: &mut DbConnection, id: UserId, hash: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id)).set(users::password_hash.eq(hash)).execute(conn)
}

pub fn mark_email_verified(conn: &mut DbConnection, id: UserId) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::email_verified_at.eq(Some(crate::db::now())))
        .execute(conn)
}

/// Who may start a conversation with a member (`everyone`, `following`, `nobody`; none set:
/// `following`) and after how many quiet minutes an unread message is mailed (none set: 10;
/// 0: never), as stored.
pub fn message_settings(conn: &mut DbConnection, id: UserId) -> QueryResult<(Option<String>, Option<i32>)> {
    Ok(user_settings::table
        .find(id)
        .select((user_settings::dm_policy, user_settings::message_mail_minutes))
        .first(conn)
        .optional()?
        .unwrap_or_default())
}

pub fn set_message_settings(
    conn: &mut DbConnection,
    id: UserId,
    policy: &str,
    minutes: i32,
) -> QueryResult<usize> {
    let values = (user_settings::dm_policy.eq(policy), user_settings::message_mail_minutes.eq(minutes));
    let updated = diesel::update(user_settings::table.find(id)).set(values).execute(conn)?;
    if updated > 0 {
        return Ok(updated);
    }
    diesel::insert_into(user_settings::table).values((user_settings::user_id.eq(id), values)).execute(conn)
}
