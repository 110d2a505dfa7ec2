//! Account rules: what a valid username, email, password and profile are; signup and login.

use super::model::{NewUser, User};
use super::queries;
use super::tokens::{self, TokenKind};
use crate::db::DbConnection;
use crate::mail::templates::{PasswordReset, Welcome};
use crate::web::AppError;

pub struct SignupInput {
    pub username: String,
    pub email: String,
    pub password: String,
    /// The language the member signed up in: their mail is written in it.
    pub lang: crate::i18n::Lang,
}

pub fn normalize_username(raw: &str) -> Result<String, AppError> {
    let name = raw.trim().to_lowercase();
    if !(3..=30).contains(&name.chars().count()) {
        return Err(AppError::validation("username", msg!("signup-username-length")));
    }
    if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(AppError::validation("username", msg!("signup-username-chars")));
    }
    Ok(name)
}

pub fn normalize_email(raw: &str) -> Result<String, AppError> {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(email)
    } else {
        Err(AppError::validation("email", msg!("signup-email-invalid")))
    }
}

pub fn check_password(password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < 8 {
        return Err(AppError::validation("password", msg!("password-too-short")));
    }
    if n > 128 {
        return Err(AppError::validation("password", msg!("password-too-long")));
    }
    Ok(())
}

pub fn check_profile(display_name: &str, bio: &str) -> Result<(), AppError> {
    if !(1..=50).contains(&display_name.trim().chars().count()) {
        return Err(AppError::validation("display_name", msg!("settings-display-name-length")));
    }
    if bio.chars().count() > 500 {
        return Err(AppError::validation("bio", msg!("settings-bio-too-long")));
    }
    Ok(())
}

/// Demo accounts (`sprout demo`) use this mail domain; signing up with it is refused, so an
/// account with a demo address is always one the demo made.
pub const DEMO_MAIL_DOMAIN: &str = "demo.sprout.local";

/// Checks a signup's fields (before its password is hashed); returns the normalized username
/// and email.
pub fn check_signup(input: &SignupInput) -> Result<(String, String), AppError> {
    let username = normalize_username(&input.username)?;
    let email = normalize_email(&input.email)?;
    if email.ends_with(&format!("@{}", DEMO_MAIL_DOMAIN)) {
        return Err(AppError::validation("email", msg!("signup-email-reserved")));
    }
    check_password(&input.password)?;
    Ok((username, email))
}

/// Creates an account whose password was hashed already (off the database pool: see
/// [`super::signin`]). Validation happens before anything is written; a name or email taken
/// between the check and the insert (two signups racing) is still reported as taken.
pub fn signup(
    conn: &mut DbConnection,
    input: &SignupInput,
    hash: &str,
    base_url: &str,
) -> Result<User, AppError> {
    let (username, email) = check_signup(input)?;
    if queries::username_taken(conn, &username)? {
        return Err(AppError::Conflict(msg!("signup-username-taken", username = &username)));
    }
    if queries::email_taken(conn, &email)? {
        return Err(AppError::Conflict(msg!("signup-email-taken")));
    }
    let new = NewUser {
        username: &username,
        email: &email,
        password_hash: hash,
        display_name: &username,
        bio: "",
        created_at: crate::db::now(),
    };
    // The account and its verification email are written together: the mail cannot be lost.
    let id = crate::db::write_transaction(conn, |conn| {
        let id = queries::insert(conn, &new)?;
        queries::set_lang(conn, id, Some(input.lang))?;
        let token = tokens::issue(conn, id, TokenKind::Verify)?;
        crate::mail::enqueue(
            conn,
            &Welcome { username: &username, verify_url: format!("{base_url}/verify?token={token}") }
                .email(email.clone(), input.lang),
        )?;
        Ok(id)
    })
    .map_err(|e| match e {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
            AppError::Conflict(msg!("signup-just-taken"))
        }
        other => other.into(),
    })?;
    Ok(queries::by_id(conn, id)?)
}

/// Sends a password-reset link if an account uses `email`. It answers the same either way, so
/// it does not tell which emails have accounts.
pub fn request_password_reset(conn: &mut DbConnection, email: &str, base_url: &str) -> Result<(), AppError> {
    let email = normalize_email(email)?;
    let Some(user) = queries::by_login(conn, &email)?.filter(|u| u.email == email) else {
        return Ok(());
    };
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let token = tokens::issue(conn, user.id, TokenKind::Reset)?;
        let lang = crate::accounts::queries::mail_lang(conn, user.id)?;
        crate::mail::enqueue(
            conn,
            &PasswordReset { username: &user.username, reset_url: format!("{base_url}/reset?token={token}") }
                .email(user.email.clone(), lang),
        )?;
        Ok(())
    })
}

fn bad_reset_link() -> AppError {
    AppError::validation("token", msg!("reset-link-invalid"))
}

/// The account a live reset link belongs to: looked up before any password is hashed, so a
/// made-up link costs one indexed read.
pub fn reset_link_owner(conn: &mut DbConnection, token: &str) -> Result<User, AppError> {
    let token = token.trim();
    if token.is_empty() || token.len() > 128 {
        return Err(bad_reset_link());
    }
    tokens::user_for_token(conn, token, TokenKind::Reset)?.ok_or_else(bad_reset_link)
}

/// Sets a new password (hashed already) from a reset link. The link works once, and every
/// session and API token of the account ends, so whoever had the old password is logged out.
pub fn confirm_password_reset(conn: &mut DbConnection, token: &str, hash: &str) -> Result<User, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        // Looked up again in the transaction: the link may have been used meanwhile.
        let user =
            tokens::user_for_token(conn, token.trim(), TokenKind::Reset)?.ok_or_else(bad_reset_link)?;
        queries::set_password(conn, user.id, hash)?;
        tokens::revoke_all(conn, user.id)?;
        Ok(user)
    })
}

/// Confirms an email address from its link.
pub fn verify_email(conn: &mut DbConnection, token: &str) -> Result<User, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let user = tokens::user_for_token(conn, token.trim(), TokenKind::Verify)?
            .ok_or_else(|| AppError::validation("token", msg!("verify-link-invalid")))?;
        queries::mark_email_verified(conn, user.id)?;
        tokens::revoke(conn, token.trim())?;
        Ok(queries::by_id(conn, user.id)?)
    })
}

/// Saves a profile; a new display name re-indexes the user's notes (they are found by it).
pub fn save_profile(
    conn: &mut DbConnection,
    user: &User,
    display_name: &str,
    bio: &str,
    avatar: Option<&str>,
) -> Result<(), AppError> {
    check_profile(display_name, bio)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        queries::update_profile(conn, user.id, display_name.trim(), bio.trim(), avatar)?;
        if display_name.trim() != user.display_name {
            crate::outbox::enqueue_author(conn, user.id)?;
        }
        Ok(())
    })
}

/// Gives a member admin rights (`sprout admin grant USERNAME`).
pub fn grant_admin(conn: &mut DbConnection, username: &str) -> Result<User, AppError> {
    use diesel::prelude::*;
    let user = queries::by_username(conn, username)?
        .ok_or_else(|| AppError::NotFound(msg!("account-no-such-member", username = username)))?;
    diesel::update(crate::schema::users::table.find(user.id))
        .set(crate::schema::users::is_admin.eq(true))
        .execute(conn)?;
    Ok(queries::by_id(conn, user.id)?)
}

/// Makes a member a moderator (`sprout admin grant USERNAME --role moderator`).
pub fn grant_moderator(conn: &mut DbConnection, username: &str) -> Result<User, AppError> {
    use diesel::prelude::*;
    let user = queries::by_username(conn, username)?
        .ok_or_else(|| AppError::NotFound(msg!("account-no-such-member", username = username)))?;
    diesel::update(crate::schema::users::table.find(user.id))
        .set(crate::schema::users::is_moderator.eq(true))
        .execute(conn)?;
    Ok(queries::by_id(conn, user.id)?)
}
