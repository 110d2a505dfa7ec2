//! Account rules: what a valid username, email, password and profile are; signup and login.

use diesel::Connection;

use super::model::{NewUser, User};
use super::{password, queries};
use crate::db::DbConnection;
use crate::web::AppError;

pub struct SignupInput {
    pub username: String,
    pub email: String,
    pub password: String,
}

pub fn normalize_username(raw: &str) -> Result<String, AppError> {
    let name = raw.trim().to_lowercase();
    if !(3..=30).contains(&name.chars().count()) {
        return Err(AppError::validation("username", "A username needs 3 to 30 characters."));
    }
    if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(AppError::validation(
            "username",
            "A username may use only letters a–z, digits and underscores.",
        ));
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
        Err(AppError::validation("email", "Please enter a valid email address, like name@example.com."))
    }
}

pub fn check_password(password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < 8 {
        return Err(AppError::validation("password", "A password needs at least 8 characters."));
    }
    if n > 128 {
        return Err(AppError::validation("password", "A password can have at most 128 characters."));
    }
    Ok(())
}

pub fn check_profile(display_name: &str, bio: &str) -> Result<(), AppError> {
    if !(1..=50).contains(&display_name.trim().chars().count()) {
        return Err(AppError::validation("display_name", "A display name needs 1 to 50 characters."));
    }
    if bio.chars().count() > 500 {
        return Err(AppError::validation("bio", "A bio can have at most 500 characters."));
    }
    Ok(())
}

/// Creates an account. Validation happens before anything is written; a name or email taken
/// between the check and the insert (two signups racing) is still reported as taken.
pub fn signup(conn: &mut DbConnection, input: SignupInput) -> Result<User, AppError> {
    let username = normalize_username(&input.username)?;
    let email = normalize_email(&input.email)?;
    check_password(&input.password)?;
    if queries::username_taken(conn, &username)? {
        return Err(AppError::Conflict(format!(
            "The username '{username}' is taken; please choose another."
        )));
    }
    if queries::email_taken(conn, &email)? {
        return Err(AppError::Conflict("An account with that email already exists. Try logging in.".into()));
    }
    let hash = password::hash(&input.password)?;
    let new = NewUser {
        username: &username,
        email: &email,
        password_hash: &hash,
        display_name: &username,
        bio: "",
        created_at: crate::db::now(),
    };
    let id = conn.transaction(|conn| queries::insert(conn, &new)).map_err(|e| match e {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
            AppError::Conflict("That username or email was just taken; please choose another.".into())
        }
        other => other.into(),
    })?;
    Ok(queries::by_id(conn, id)?)
}

/// Checks a username-or-email and password; the same message for every failure, so it does not
/// tell which accounts exist.
pub fn login(conn: &mut DbConnection, login: &str, password: &str) -> Result<User, AppError> {
    let refused = || AppError::Unauthorized("That username/email and password do not match.".into());
    match queries::by_login(conn, login)? {
        Some(user) if password::verify(password, &user.password_hash) => Ok(user),
        Some(_) => Err(refused()),
        None => {
            password::dummy_verify(password);
            Err(refused())
        }
    }
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
            crate::search::queries::enqueue_author(conn, user.id)?;
        }
        Ok(())
    })
}
