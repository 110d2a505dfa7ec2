//! What moderators do, each action in one transaction: the change itself (hide, restore, warn,
//! suspend, unsuspend, or just dismiss), its row in the public modlog, the open reports on its
//! target resolved, and the people concerned told.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::target::{self, Target, TargetType};
use super::{Action, HIDDEN, VISIBLE};
use crate::accounts::model::User;
use crate::accounts::suspension;
use crate::db::{DbConnection, ModActionId, UserId};
use crate::i18n::{Lang, Msg};
use crate::notifications::{self, Kind};
use crate::schema::mod_actions;
use crate::web::AppError;

pub const MAX_REASON: usize = 500;
pub const MAX_DAYS: i64 = 3650;

pub struct ActionInput {
    pub target_type: TargetType,
    pub target_id: String,
    pub action: Action,
    pub reason: String,
    /// A suspension's length; none: for good.
    pub days: Option<i64>,
}

/// A row of the modlog: what kind of target, the action, the reason, when. Never who reported,
/// and not which moderator.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModAction {
    pub id: ModActionId,
    /// dismiss, hide, restore, warn, suspend or unsuspend.
    #[schema(example = "hide")]
    pub action: String,
    /// note, comment, user, product or list.
    #[schema(example = "note")]
    pub target_type: String,
    /// The target's row id (a user's too).
    pub target_id: i64,
    #[serde(skip)]
    pub subject: Option<UserId>,
    /// The moderator's reason, as the public sees it.
    pub reason: String,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
    #[serde(skip)]
    pub until: Option<NaiveDateTime>,
}

type Row = (ModActionId, String, String, i64, Option<UserId>, String, NaiveDateTime, Option<NaiveDateTime>);

fn from_row((id, action, target_type, target_id, subject, reason, created_at, until): Row) -> ModAction {
    ModAction { id, action, target_type, target_id, subject, reason, created_at, until }
}

macro_rules! columns {
    () => {
        (
            mod_actions::id,
            mod_actions::action,
            mod_actions::target_type,
            mod_actions::target_id,
            mod_actions::subject_id,
            mod_actions::reason,
            mod_actions::created_at,
            mod_actions::until_at,
        )
    };
}

impl ModAction {
    /// What was done, to a target named by `name` (one of [`TargetType`]'s `…_id`s).
    fn did(&self, name: fn(TargetType) -> &'static str) -> Msg {
        let target = TargetType::from_stored(&self.target_type).map(name).unwrap_or("mod-a-thing");
        Action::did(&self.action, Msg::new(target))
    }

    /// "hid a note", in `lang`: a row of the modlog.
    pub fn summary(&self, lang: &Lang) -> String {
        self.did(TargetType::a_id).in_lang(*lang)
    }

    /// "hid your note", in `lang`: what the person it concerns is told.
    pub fn summary_for_subject(&self, lang: &Lang) -> String {
        self.did(TargetType::yours_id).in_lang(*lang)
    }
}

pub fn find(conn: &mut DbConnection, id: ModActionId) -> Result<ModAction, AppError> {
    mod_actions::table
        .find(id)
        .select(columns!())
        .first::<Row>(conn)
        .optional()?
        .map(from_row)
        .ok_or_else(|| AppError::not_found(msg!("thing-moderation-action")))
}

/// 403 unless `user` is a moderator.
pub fn require_moderator(user: &User) -> Result<(), AppError> {
    if user.is_moderator() {
        Ok(())
    } else {
        Err(AppError::Forbidden(msg!("mod-moderators-only")))
    }
}

/// Checks an action's input against its target before anything changes.
fn check(input: &ActionInput, target: &Target) -> Result<Option<NaiveDateTime>, AppError> {
    let reason = input.reason.trim();
    if !(1..=MAX_REASON).contains(&reason.chars().count()) {
        return Err(AppError::validation("reason", msg!("mod-reason-length", max = MAX_REASON)));
    }
    if input.days.is_some_and(|days| !(1..=MAX_DAYS).contains(&days)) {
        return Err(AppError::validation("days", msg!("suspend-days-range", max = MAX_DAYS)));
    }
    match input.action {
        Action::Hide | Action::Restore if !target.kind.hideable() => {
            Err(AppError::validation("action", msg!("suspend-not-hide")))
        }
        Action::Suspend | Action::Unsuspend if target.kind != TargetType::User => {
            Err(AppError::validation("action", msg!("suspend-the-account")))
        }
        Action::Suspend => match input.days {
            None => Ok(Some(suspension::forever())),
            Some(days) if (1..=MAX_DAYS).contains(&days) => Ok(Some(crate::db::now() + Duration::days(days))),
            Some(_) => Err(AppError::validation("days", msg!("suspend-days-range", max = MAX_DAYS))),
        },
        _ => Ok(None),
    }
}

/// Applies a moderator's action; returns its modlog row.
pub fn apply(
    conn: &mut DbConnection,
    moderator: &User,
    input: &ActionInput,
    base_url: &str,
) -> Result<ModAction, AppError> {
    require_moderator(moderator)?;
    let target = target::find(conn, input.target_type, &input.target_id)?;
    let until = check(input, &target)?;
    if target.owner == moderator.id && input.action != Action::Dismiss && !moderator.is_admin {
        return Err(AppError::Forbidden(msg!("mod-own-content")));
    }
    if input.action == Action::Suspend {
        let subject = crate::accounts::queries::by_id(conn, target.owner)?;
        if subject.is_moderator() && !moderator.is_admin {
            return Err(AppError::Forbidden(msg!("suspend-moderator-admin-only")));
        }
    }
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        record(conn, moderator, &target, input.action, input.reason.trim(), until, base_url)
    })
}

/// Does one action inside the caller's transaction (an action, or an appeal's reversal).
pub fn record(
    conn: &mut DbConnection,
    moderator: &User,
    target: &Target,
    action: Action,
    reason: &str,
    until: Option<NaiveDateTime>,
    base_url: &str,
) -> Result<ModAction, AppError> {
    match action {
        Action::Hide => target::set_state(conn, target, HIDDEN)?,
        Action::Restore => target::set_state(conn, target, VISIBLE)?,
        Action::Unsuspend => suspension::lift(conn, target.owner)?,
        // A suspension names its action, written below.
        Action::Suspend | Action::Dismiss | Action::Warn => {}
    }
    let row = (
        mod_actions::moderator_id.eq(Some(moderator.id)),
        mod_actions::target_type.eq(target.kind.as_str()),
        mod_actions::target_id.eq(target.id),
        mod_actions::subject_id.eq(Some(target.owner)),
        mod_actions::action.eq(action.as_str()),
        mod_actions::reason.eq(reason),
        mod_actions::until_at.eq(until),
        mod_actions::created_at.eq(crate::db::now()),
    );
    // The new row's own id (not "the latest", which another moderator may have written).
    let id: ModActionId = crate::per_backend!(conn, |c| diesel::insert_into(mod_actions::table)
        .values(row)
        .returning(mod_actions::id)
        .get_result(c))?;
    if action == Action::Suspend {
        suspension::impose(conn, target.owner, until.unwrap_or_else(suspension::forever), id)?;
        // Every session and API token ends now.
        crate::accounts::tokens::revoke_all(conn, target.owner)?;
    }
    let reporters = super::reports::resolve(conn, target, id)?;
    for reporter in reporters {
        notifications::notify_moderation(conn, reporter, moderator.id, Kind::ReportHandled, id, target.note)?;
    }
    if action != Action::Dismiss {
        notifications::notify_moderation(
            conn,
            target.owner,
            moderator.id,
            Kind::Moderation,
            id,
            target.note,
        )?;
    }
    if action == Action::Suspend {
        let subject = crate::accounts::queries::by_id(conn, target.owner)?;
        let lang = crate::accounts::queries::mail_lang(conn, subject.id)?;
        let message = suspension::notice(until.unwrap_or_else(suspension::forever)).in_lang(lang);
        crate::mail::enqueue(
            conn,
            &crate::mail::templates::Suspension {
                display_name: &subject.display_name,
                message: &message,
                reason,
                login_url: format!("{base_url}/login"),
            }
            .email(subject.email.clone(), lang),
        )?;
    }
    find(conn, id)
}

/// The latest hide of a target, while it is hidden: what its author is told and may appeal.
pub fn latest_hide(conn: &mut DbConnection, kind: TargetType, id: i64) -> QueryResult<Option<ModAction>> {
    mod_actions::table
        .filter(mod_actions::target_type.eq(kind.as_str()))
        .filter(mod_actions::target_id.eq(id))
        .filter(mod_actions::action.eq(Action::Hide.as_str()))
        .order(mod_actions::id.desc())
        .select(columns!())
        .first::<Row>(conn)
        .optional()
        .map(|r| r.map(from_row))
}

/// One page of the modlog, newest first, and the cursor of the next page, if any.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ModlogPage {
    pub items: Vec<ModAction>,
    pub next_cursor: Option<String>,
}

/// The public modlog, newest first, paged by id.
pub fn modlog(conn: &mut DbConnection, before: Option<i64>, limit: i64) -> QueryResult<ModlogPage> {
    let mut query =
        mod_actions::table.select(columns!()).order(mod_actions::id.desc()).limit(limit + 1).into_boxed();
    if let Some(before) = before {
        query = query.filter(mod_actions::id.lt(ModActionId(before)));
    }
    let mut items: Vec<ModAction> = query.load::<Row>(conn)?.into_iter().map(from_row).collect();
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    let next_cursor = items.last().filter(|_| more).map(|a| a.id.0.to_string());
    Ok(ModlogPage { items, next_cursor })
}
