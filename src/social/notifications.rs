//! Reading notifications: only the recipient can, each as a sentence and a link. They are
//! written through [`crate::notifications`].

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::accounts::model::{PublicUser, User};
use crate::db::{CommentId, DbConnection, NoteId, NotificationId, UserId};
use crate::schema::{mod_actions, notes, notifications, users};
use crate::web::Cursor;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    pub id: NotificationId,
    /// What it is about: `follow`, `like`, `save`, `comment`, `reply`, `mention`, `tag_request`,
    /// `delivered`, `order_update`, `list`, `moderation`, `report_handled` or `appeal_decided`.
    #[schema(example = "like")]
    pub kind: String,
    pub actor: PublicUser,
    pub note_id: Option<NoteId>,
    pub note_title: Option<String>,
    pub comment_id: Option<CommentId>,
    pub order_id: Option<crate::db::OrderId>,
    pub list_id: Option<crate::db::ListId>,
    /// What happened, in a sentence.
    // Said in the reader's language when the view is written out.
    #[serde(serialize_with = "said")]
    #[schema(value_type = String)]
    pub text: crate::i18n::Msg,
    /// From Sprout's moderators (the actor is not named).
    pub from_moderators: bool,
    pub url: String,
    pub read: bool,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
}

/// A message in the language of the request being served (the API's JSON).
fn said<S: serde::Serializer>(text: &crate::i18n::Msg, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&text.to_string())
}

/// Notifications as the page lists them: the likes, saves and follows of one thing by several
/// people run together ("小美 and 3 others liked your note"), shown at the latest of them.
pub struct Grouped {
    pub latest: NotificationView,
    /// The other people in the group (the latest one's actor aside).
    pub others: usize,
    /// Every notification of the group was read before.
    pub read: bool,
    actors: Vec<String>,
}

pub fn grouped(items: Vec<NotificationView>) -> Vec<Grouped> {
    let mut out: Vec<Grouped> = Vec::new();
    for n in items {
        if matches!(n.kind.as_str(), "like" | "save" | "follow") {
            let same = out.iter_mut().find(|g| {
                g.latest.kind == n.kind && g.latest.note_id == n.note_id && !g.latest.from_moderators
            });
            if let Some(group) = same {
                if !group.actors.contains(&n.actor.username) {
                    group.actors.push(n.actor.username.clone());
                    group.others += 1;
                }
                group.read &= n.read;
                continue;
            }
        }
        out.push(Grouped { actors: vec![n.actor.username.clone()], others: 0, read: n.read, latest: n });
    }
    out
}

type Row = (
    NotificationId,
    String,
    Option<NoteId>,
    Option<CommentId>,
    Option<crate::db::OrderId>,
    Option<crate::db::ListId>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    User,
    Option<String>,
    Option<(crate::db::ModActionId, String, String, String)>,
);

fn view(row: Row) -> NotificationView {
    let (id, kind, note_id, comment_id, order_id, list_id, created_at, read_at, actor, note_title, action) =
        row;
    let (action_id, action, target_type, reason) = action.unwrap_or_default();
    // Only the actions Sprout knows select their words; any other reads as "acted on".
    let known = crate::moderation::Action::parse(&action).map(|a| a.as_str()).unwrap_or("other");
    let title = note_title.clone().unwrap_or_default();
    let order_number = order_id.map(|o| o.0).unwrap_or_default().to_string();
    let target = || msg!("notif-target", target = target_type.as_str());
    let text = match kind.as_str() {
        "follow" => msg!("notif-follow"),
        "like" => msg!("notif-like", title = title.as_str()),
        "save" => msg!("notif-save", title = title.as_str()),
        "comment" => msg!("notif-comment", title = title.as_str()),
        "reply" => msg!("notif-reply", title = title.as_str()),
        "mention" => msg!("notif-mention", title = title.as_str()),
        "tag_request" => msg!("notif-tag-request", title = title.as_str()),
        "delivered" => msg!("notif-delivered", order = order_number.as_str()),
        "order_update" => msg!("notif-order-update", order = order_number.as_str()),
        "list" => msg!("notif-list"),
        "moderation" if action == "warn" => msg!("notif-warned", target = target(), reason = reason.as_str()),
        "moderation" if action == "suspend" || action == "unsuspend" => {
            msg!("notif-account", action = known, reason = reason.as_str())
        }
        "moderation" => msg!("notif-moderation", action = known, target = target(), reason = reason.as_str()),
        "report_handled" => msg!("notif-report-handled", action = known, target = target()),
        "appeal_decided" if action == "hide" || action == "suspend" => msg!("notif-appeal-upheld"),
        "appeal_decided" => msg!("notif-appeal-reversed"),
        _ => msg!("notif-other"),
    };
    let from_moderators = kind == "moderation" || kind == "report_handled" || kind == "appeal_decided";
    let url = match (order_id, note_id, comment_id) {
        _ if kind == "report_handled" => format!("/modlog#action-{action_id}"),
        // What was hidden or suspended can be appealed from here.
        _ if kind == "moderation" && (action == "hide" || action == "suspend") => {
            format!("/appeals/new?action_id={action_id}")
        }
        _ if from_moderators && note_id.is_none() => format!("/modlog#action-{action_id}"),
        (Some(order), _, _) => format!("/orders/{order}"),
        _ if list_id.is_some() => format!("/lists/{}", list_id.map(|l| l.0).unwrap_or_default()),
        (None, Some(note), Some(comment)) => format!("/notes/{note}#comment-{comment}"),
        (None, Some(note), None) => format!("/notes/{note}"),
        _ => format!("/u/{}", actor.username),
    };
    NotificationView {
        id,
        kind,
        actor: (&actor).into(),
        note_id,
        note_title,
        comment_id,
        order_id,
        list_id,
        text,
        from_moderators,
        url,
        read: read_at.is_some(),
        created_at,
    }
}

/// A user's notifications, newest first, paged by (created_at, id).
pub fn list(
    conn: &mut DbConnection,
    user: UserId,
    cursor: Option<Cursor>,
    limit: i64,
) -> QueryResult<Vec<NotificationView>> {
    let mut query = notifications::table
        .inner_join(users::table.on(users::id.eq(notifications::actor_id)))
        .left_join(notes::table.on(notes::id.nullable().eq(notifications::note_id)))
        .left_join(mod_actions::table.on(mod_actions::id.nullable().eq(notifications::mod_action_id)))
        .filter(notifications::user_id.eq(user))
        .select((
            notifications::id,
            notifications::kind,
            notifications::note_id,
            notifications::comment_id,
            notifications::order_id,
            notifications::list_id,
            notifications::created_at,
            notifications::read_at,
            User::as_select(),
            notes::title.nullable(),
            (mod_actions::id, mod_actions::action, mod_actions::target_type, mod_actions::reason).nullable(),
        ))
        .into_boxed();
    if let Some(Cursor::Time { created_at, id }) = cursor {
        query = query
            .filter(notifications::created_at.le(created_at))
            .filter(notifications::created_at.lt(created_at).or(notifications::id.lt(NotificationId(id))));
    }
    let rows: Vec<Row> =
        query.order((notifications::created_at.desc(), notifications::id.desc())).limit(limit).load(conn)?;
    Ok(rows.into_iter().map(view).collect())
}
