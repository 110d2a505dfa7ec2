//! Trust and safety: members report what they see; moderators work a queue of reported
//! targets and act (dismiss, hide, restore, warn, suspend, unsuspend); every action is public in
//! the modlog (never who reported) and can be appealed once by the person it concerns. Spam
//! limits per account and the blocked-words list stop the rest before it lands.
//!
//! Hidden and held content is filtered where it is read (feeds, search via the outbox, product
//! pages, lists), never deleted: its author and moderators still see it, marked.

pub mod actions;
pub mod api;
pub mod appeals;
pub mod limits;
pub mod pages;
pub mod reports;
pub mod target;
pub mod words;

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::web::AppError;

/// The moderation state of a note, comment, product or list.
pub const VISIBLE: &str = "visible";
/// Hidden by a moderator: only its author and moderators see it.
pub const HIDDEN: &str = "hidden";
/// Held for review (it contains a blocked word): only its author, marked as waiting, and
/// moderators see it, until a moderator publishes (restores) or hides it.
pub const HELD: &str = "held";

/// Holds new or edited content that contains a blocked word: it waits, seen by its author and
/// moderators only, with a report in the queue naming the phrase. Call it in the write's own
/// transaction, after the row is written; returns whether it was held.
pub fn hold_if_blocked(
    conn: &mut crate::db::DbConnection,
    kind: target::TargetType,
    id: i64,
    texts: &[&str],
) -> Result<bool, AppError> {
    let Some(phrase) = words::first_match(conn, texts)? else { return Ok(false) };
    let target = target::find_by_id(conn, kind, id)?;
    if target.state != HELD {
        target::set_state(conn, &target, HELD)?;
        reports::hold(conn, &target, &phrase)?;
    }
    Ok(true)
}

/// Why something is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ReportReason)]
pub enum Reason {
    Spam,
    FakeReview,
    UndisclosedAd,
    Counterfeit,
    Harassment,
    Prohibited,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 7] = [
        Reason::Spam,
        Reason::FakeReview,
        Reason::UndisclosedAd,
        Reason::Counterfeit,
        Reason::Harassment,
        Reason::Prohibited,
        Reason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Spam => "spam",
            Reason::FakeReview => "fake_review",
            Reason::UndisclosedAd => "undisclosed_ad",
            Reason::Counterfeit => "counterfeit",
            Reason::Harassment => "harassment",
            Reason::Prohibited => "prohibited",
            Reason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Reason, AppError> {
        Reason::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| AppError::validation("reason", msg!("report-reason-invalid")))
    }

    /// The message id of the reason in words ("Fake review").
    pub fn label_id(self) -> &'static str {
        match self {
            Reason::Spam => "report-reason-spam",
            Reason::FakeReview => "report-reason-fake-review",
            Reason::UndisclosedAd => "report-reason-undisclosed-ad",
            Reason::Counterfeit => "report-reason-counterfeit",
            Reason::Harassment => "report-reason-harassment",
            Reason::Prohibited => "report-reason-prohibited",
            Reason::Other => "report-reason-other",
        }
    }

    /// The reason in words ("Fake review").
    pub fn label(self) -> Msg {
        Msg::new(self.label_id())
    }
}

/// What a moderator does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ModeratorAction)]
pub enum Action {
    Dismiss,
    Hide,
    Restore,
    Warn,
    Suspend,
    Unsuspend,
}

impl Action {
    pub const ALL: [Action; 6] =
        [Action::Dismiss, Action::Hide, Action::Restore, Action::Warn, Action::Suspend, Action::Unsuspend];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Dismiss => "dismiss",
            Action::Hide => "hide",
            Action::Restore => "restore",
            Action::Warn => "warn",
            Action::Suspend => "suspend",
            Action::Unsuspend => "unsuspend",
        }
    }

    pub fn parse(s: &str) -> Result<Action, AppError> {
        Action::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| AppError::validation("action", msg!("mod-action-invalid")))
    }

    /// The message id of the action's name, as the moderators' form lists it ("hide").
    pub fn label_id(self) -> &'static str {
        match self {
            Action::Dismiss => "mod-action-dismiss",
            Action::Hide => "mod-action-hide",
            Action::Restore => "mod-action-restore",
            Action::Warn => "mod-action-warn",
            Action::Suspend => "mod-action-suspend",
            Action::Unsuspend => "mod-action-unsuspend",
        }
    }

    /// "hid a note", "lifted the suspension of your account": the action done to `target` (a
    /// `mod-a-…`, `mod-your-…` message of [`target::TargetType`]), in the catalogue's words
    /// (`mod-did`). `action` is as stored; one Sprout does not know reads "acted on".
    pub fn did(action: &str, target: Msg) -> Msg {
        msg!("mod-did", action = action, target = target)
    }

    /// The action in the past tense, in English (for notifications until they say it through
    /// [`Action::did`]).
    pub fn past(self) -> &'static str {
        match self {
            Action::Dismiss => "dismissed the reports on",
            Action::Hide => "hid",
            Action::Restore => "restored",
            Action::Warn => "warned about",
            Action::Suspend => "suspended",
            Action::Unsuspend => "lifted the suspension of",
        }
    }

    /// Whether the person it concerns may appeal it.
    pub fn appealable(self) -> bool {
        matches!(self, Action::Hide | Action::Suspend)
    }
}

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
