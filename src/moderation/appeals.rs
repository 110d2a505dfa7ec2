//! Appeals: the person a hide or suspension concerns may appeal it once, in their own words; a
//! moderator upholds it or reverses it, and reversing restores (a new action in the modlog).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::actions::{self, ModAction};
use super::target::{self, TargetType};
use super::Action;
use crate::accounts::model::User;
use crate::db::{AppealId, DbConnection, ModActionId, UserId};
use crate::notifications::{self, Kind};
use crate::schema::{appeals, users};
use crate::web::AppError;

pub const MAX_TEXT: usize = 2000;
pub const OPEN: &str = "open";

/// upheld: the action stands; reversed: it is undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = AppealDecision)]
pub enum Decision {
    Upheld,
    Reversed,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Upheld => "upheld",
            Decision::Reversed => "reversed",
        }
    }
}

/// An appeal, with the action it is about.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AppealView {
    pub id: AppealId,
    pub action_id: ModActionId,
    /// Who appealed.
    pub username: String,
    pub text: String,
    /// open, upheld or reversed.
    #[schema(example = "open")]
    pub status: String,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
    pub action: ModAction,
}

/// Files the one appeal of an action, by the person it concerns.
pub fn appeal(
    conn: &mut DbConnection,
    user: &User,
    action: ModActionId,
    text: &str,
) -> Result<AppealView, AppError> {
    let text = text.trim();
    if !(1..=MAX_TEXT).contains(&text.chars().count()) {
        return Err(AppError::validation("text", msg!("appeal-text-length", max = MAX_TEXT)));
    }
    let found = actions::find(conn, action)?;
    if found.subject != Some(user.id) {
        return Err(AppError::not_found(msg!("thing-moderation-action")));
    }
    if !Action::parse(&found.action).is_ok_and(Action::appealable) {
        return Err(AppError::validation("action_id", msg!("appeal-not-appealable")));
    }
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let taken: i64 = appeals::table.filter(appeals::action_id.eq(action)).count().get_result(conn)?;
        if taken > 0 {
            return Err(AppError::Conflict(msg!("appeal-already")));
        }
        diesel::insert_into(appeals::table)
            .values((
                appeals::action_id.eq(action),
                appeals::user_id.eq(user.id),
                appeals::body.eq(text),
                appeals::status.eq(OPEN),
                appeals::created_at.eq(crate::db::now()),
            ))
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => AppError::Conflict(msg!("appeal-already")),
                other => other.into(),
            })?;
        let id: AppealId =
            appeals::table.filter(appeals::action_id.eq(action)).select(appeals::id).first(conn)?;
        view(conn, id)
    })
}

pub fn view(conn: &mut DbConnection, id: AppealId) -> Result<AppealView, AppError> {
    let (id, action_id, username, text, status, created_at): (
        AppealId,
        ModActionId,
        String,
        String,
        String,
        NaiveDateTime,
    ) = appeals::table
        .inner_join(users::table.on(users::id.eq(appeals::user_id)))
        .filter(appeals::id.eq(id))
        .select((
            appeals::id,
            appeals::action_id,
            users::username,
            appeals::body,
            appeals::status,
            appeals::created_at,
        ))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found(msg!("thing-appeal")))?;
    let action = actions::find(conn, action_id)?;
    Ok(AppealView { id, action_id, username, text, status, created_at, action })
}

/// Open appeals, oldest first (at most 100), for moderators.
pub fn open(conn: &mut DbConnection) -> Result<Vec<AppealView>, AppError> {
    let ids: Vec<AppealId> = appeals::table
        .filter(appeals::status.eq(OPEN))
        .order(appeals::id)
        .select(appeals::id)
        .limit(100)
        .load(conn)?;
    ids.into_iter().map(|id| view(conn, id)).collect()
}

/// A moderator decides an open appeal. Reversing undoes the action: the target is restored,
/// the suspension lifted.
pub fn decide(
    conn: &mut DbConnection,
    moderator: &User,
    id: AppealId,
    decision: Decision,
    base_url: &str,
) -> Result<AppealView, AppError> {
    actions::require_moderator(moderator)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let appeal = view(conn, id)?;
        let changed = diesel::update(appeals::table.find(id).filter(appeals::status.eq(OPEN)))
            .set((
                appeals::status.eq(decision.as_str()),
                appeals::decided_by.eq(Some(moderator.id)),
                appeals::decided_at.eq(Some(crate::db::now())),
            ))
            .execute(conn)?;
        if changed == 0 {
            return Err(AppError::Conflict(msg!("appeal-decided-already")));
        }
        let kind = TargetType::parse(&appeal.action.target_type)?;
        let subject = appeal.action.subject.unwrap_or(UserId(0));
        let action = match decision {
            Decision::Reversed => {
                let target = target::find_by_id(conn, kind, appeal.action.target_id)?;
                let undo = if kind == TargetType::User { Action::Unsuspend } else { Action::Restore };
                // The public modlog's reason: stored, so in the site's own language.
                let reason = msg!("appeal-reversed-reason", action = appeal.action_id.to_string())
                    .in_lang(crate::i18n::fallback());
                actions::record(conn, moderator, &target, undo, &reason, None, base_url)?.id
            }
            Decision::Upheld => appeal.action_id,
        };
        // The notification links the note, unless its author has deleted it since.
        let note = match kind {
            TargetType::Note => {
                let note = crate::db::NoteId(appeal.action.target_id);
                let exists: bool =
                    diesel::select(diesel::dsl::exists(crate::schema::notes::table.find(note)))
                        .get_result(conn)?;
                exists.then_some(note)
            }
            _ => None,
        };
        notifications::notify_moderation(conn, subject, moderator.id, Kind::AppealDecided, action, note)?;
        view(conn, id)
    })
}
