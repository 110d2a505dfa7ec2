//! The flows that check or set a password — signing up, logging in, resetting — shared by the
//! pages and the API. Each does its cheap checks first (field rules, the reset link), hashes
//! through [`crate::accounts::password::Hashing`] with no database connection held, and only
//! then writes.

use super::model::User;
use super::queries;
use super::service::{self, SignupInput};
use super::tokens::{self, TokenKind};
use crate::web::AppError;
use crate::AppState;

/// Creates an account (and queues its confirmation email).
pub async fn signup(state: &AppState, input: SignupInput) -> Result<User, AppError> {
    service::check_signup(&input)?;
    let hash = state.passwords.hash(&input.password).await?;
    let base_url = state.config.base_url.clone();
    let user = state.db(move |conn| service::signup(conn, &input, &hash, &base_url)).await?;
    state.jobs_changed();
    Ok(user)
}

/// The refusal of a correct password on a suspended account: 403 `suspended`, saying until
/// when, with a token good for appealing (and nothing else).
pub struct Suspension {
    /// Until when (see `super::suspension::notice`).
    pub message: crate::i18n::Msg,
    pub action_id: Option<i64>,
    pub appeal_token: String,
}

pub enum LoginOutcome {
    SignedIn(User),
    Suspended(Suspension),
}

/// Checks a username-or-email and password; the same message for every failure, so it does not
/// tell which accounts exist.
pub async fn login(state: &AppState, login: &str, password: &str) -> Result<LoginOutcome, AppError> {
    let refused = || AppError::Unauthorized(msg!("login-refused"));
    if login.len() > 254 || password.chars().count() > 128 {
        return Err(refused());
    }
    let name = login.to_string();
    let user = state.db(move |conn| Ok(queries::by_login(conn, &name)?)).await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    if !state.passwords.verify(password, stored).await? {
        return Err(refused());
    }
    let user = user.ok_or_else(refused)?;
    let id = user.id;
    let suspension = state
        .db(move |conn| match super::suspension::current(conn, id)? {
            None => Ok(None),
            Some((until, action)) => {
                let token = tokens::issue(conn, id, TokenKind::Appeal)?;
                Ok(Some((until, token, action.map(|a| a.0))))
            }
        })
        .await?;
    let Some((until, token, action_id)) = suspension else { return Ok(LoginOutcome::SignedIn(user)) };
    Ok(LoginOutcome::Suspended(Suspension {
        message: super::suspension::notice(until),
        action_id,
        appeal_token: token,
    }))
}

/// Sets a new password from a reset link. A made-up link is refused before anything is hashed.
pub async fn confirm_reset(state: &AppState, token: &str, password: &str) -> Result<User, AppError> {
    let link = token.to_string();
    state.db(move |conn| service::reset_link_owner(conn, &link)).await?;
    service::check_password(password)?;
    let hash = state.passwords.hash(password).await?;
    let token = token.to_string();
    state.db(move |conn| service::confirm_password_reset(conn, &token, &hash)).await
}
