//! Notifications: written in the same transaction as what caused them (a follow, like, save,
//! comment, reply or @mention), never for one's own actions, never from someone the recipient
//! blocked. Only the recipient can read them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::accounts::model::{PublicUser, User};
use crate::db::{CommentId, DbConnection, NoteId, NotificationId, UserId};
use crate::schema::{mod_actions, notes, notifications, users};
use crate::web::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Follow,
    Like,
    Save,
    Comment,
    Reply,
    Mention,
    /// A brand tagged its product in your note; approve or remove it.
    TagRequest,
    /// Your order was delivered; write a review.
    Delivered,
    /// Your order was shipped or cancelled.
    OrderUpdate,
    /// Someone you follow published a top-ten list.
    List,
    /// A moderator hid, restored or warned about something of yours.
    Moderation,
    /// A report you sent was handled.
    ReportHandled,
    /// Your appeal was decided.
    AppealDecided,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Follow => "follow",
            Kind::Like => "like",
            Kind::Save => "save",
            Kind::Comment => "comment",
            Kind::Reply => "reply",
            Kind::Mention => "mention",
            Kind::TagRequest => "tag_request",
            Kind::Delivered => "delivered",
            Kind::OrderUpdate => "order_update",
            Kind::List => "list",
            Kind::Moderation => "moderation",
            Kind::ReportHandled => "report_handled",
            Kind::AppealDecided => "appeal_decided",
        }
    }
}

/// Tells `recipient` that `actor` did something; nothing when they are the same person or the
/// recipient blocked the actor.
pub fn notify(
    conn: &mut DbConnection,
    recipient: UserId,
    actor: UserId,
    kind: Kind,
    note: Option<NoteId>,
    comment: Option<CommentId>,
) -> QueryResult<()> {
    if recipient == actor || super::blocks::is_blocked(conn, recipient, actor)? {
        return Ok(());
    }
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(recipient),
            notifications::actor_id.eq(actor),
            notifications::kind.eq(kind.as_str()),
            notifications::note_id.eq(note),
            notifications::comment_id.eq(comment),
            notifications::created_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(drop)
}

/// Tells a buyer about their order (the actor is the brand's staff member who moved it).
pub fn notify_order(
    conn: &mut DbConnection,
    recipient: UserId,
    actor: UserId,
    kind: Kind,
    order: crate::db::OrderId,
) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(recipient),
            notifications::actor_id.eq(actor),
            notifications::kind.eq(kind.as_str()),
            notifications::order_id.eq(Some(order)),
            notifications::created_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(drop)
}

/// Tells `recipient` about a moderation action (shown as from "Sprout moderators").
pub fn notify_moderation(
    conn: &mut DbConnection,
    recipient: UserId,
    moderator: UserId,
    kind: Kind,
    action: crate::db::ModActionId,
    note: Option<NoteId>,
) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(recipient),
            notifications::actor_id.eq(moderator),
            notifications::kind.eq(kind.as_str()),
            notifications::note_id.eq(note),
            notifications::mod_action_id.eq(Some(action)),
            notifications::created_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(drop)
}

/// Tells `author`'s followers (but those who blocked them) that a list of theirs was published,
/// the first time only: publishing it again after unpublishing tells nobody twice.
pub fn notify_followers_of_list(
    conn: &mut DbConnection,
    author: UserId,
    list: crate::db::ListId,
) -> QueryResult<()> {
    let already: i64 =
        notifications::table.filter(notifications::list_id.eq(Some(list))).count().get_result(conn)?;
    if already > 0 {
        return Ok(());
    }
    let followers: Vec<UserId> = crate::schema::follows::table
        .filter(crate::schema::follows::followee_id.eq(author))
        .select(crate::schema::follows::follower_id)
        .load(conn)?;
    let now = crate::db::now();
    for follower in followers {
        if super::blocks::is_blocked(conn, follower, author)? {
            continue;
        }
        diesel::insert_into(notifications::table)
            .values((
                notifications::user_id.eq(follower),
                notifications::actor_id.eq(author),
                notifications::kind.eq(Kind::List.as_str()),
                notifications::list_id.eq(Some(list)),
                notifications::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Notifies everyone `@mentioned` in `text` who exists (at most 10 a text).
pub fn notify_mentions(
    conn: &mut DbConnection,
    actor: UserId,
    text: &str,
    note: NoteId,
    comment: Option<CommentId>,
) -> QueryResult<()> {
    let names = crate::notes::hashtags::mentions(text);
    let mentioned: Vec<UserId> =
        users::table.filter(users::username.eq_any(names.iter().take(10))).select(users::id).load(conn)?;
    for user in mentioned {
        notify(conn, user, actor, Kind::Mention, Some(note), comment)?;
    }
    Ok(())
}

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
    pub text: String,
    /// From Sprout's moderators (the actor is not named).
    pub from_moderators: bool,
    pub url: String,
    pub read: bool,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
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
    let past = crate::moderation::Action::parse(&action).map(|a| a.past()).unwrap_or("acted on");
    let title = note_title.clone().unwrap_or_default();
    let order_number = order_id.map(|o| o.0).unwrap_or_default();
    let text = match kind.as_str() {
        "follow" => "started following you".to_string(),
        "like" => format!("liked your note “{title}”"),
        "save" => format!("saved your note “{title}”"),
        "comment" => format!("commented on your note “{title}”"),
        "reply" => format!("replied to your comment on “{title}”"),
        "mention" => format!("mentioned you on “{title}”"),
        "tag_request" => format!("tagged a product in your note “{title}”; approve or remove it"),
        "delivered" => format!("delivered your order #{order_number}. How was it? Write a review"),
        "order_update" => format!("updated your order #{order_number}"),
        "list" => "published a new top-ten list".to_string(),
        "moderation" if action == "warn" => format!("warned you about your {target_type}: {reason}"),
        "moderation" if action == "suspend" || action == "unsuspend" => {
            format!("{past} your account: {reason}")
        }
        "moderation" => format!("{past} your {target_type}: {reason}"),
        "report_handled" => format!("handled a report you sent (they {past} the {target_type}). Thank you."),
        "appeal_decided" if action == "hide" || action == "suspend" => {
            "upheld the action you appealed".to_string()
        }
        "appeal_decided" => "reversed the action you appealed".to_string(),
        _ => "did something".to_string(),
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

pub fn unread_count(conn: &mut DbConnection, user: UserId) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

/// Marks all of a user's notifications read; returns how many were unread.
pub fn mark_all_read(conn: &mut DbConnection, user: UserId) -> QueryResult<usize> {
    diesel::update(
        notifications::table.filter(notifications::user_id.eq(user)).filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(crate::db::now())))
    .execute(conn)
}
