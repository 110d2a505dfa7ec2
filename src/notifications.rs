//! Notifications: written in the same transaction as what caused them (a follow, like, save,
//! comment, reply, @mention, an order's progress, a moderator's action), never for one's own
//! actions, never from someone the recipient blocked. Every domain writes them through here; the
//! social domain reads them out to their recipient (`crate::social::notifications`).

use diesel::prelude::*;

use crate::db::{CommentId, DbConnection, NoteId, UserId};
use crate::schema::{notifications, users};

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
    if recipient == actor || crate::accounts::blocks::is_blocked(conn, recipient, actor)? {
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
        if crate::accounts::blocks::is_blocked(conn, follower, author)? {
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

/// Notifies everyone `@mentioned` (by `names`, parsed from the text) who exists, at most 10 a text.
pub fn notify_mentions(
    conn: &mut DbConnection,
    actor: UserId,
    names: &[String],
    note: NoteId,
    comment: Option<CommentId>,
) -> QueryResult<()> {
    let mentioned: Vec<UserId> =
        users::table.filter(users::username.eq_any(names.iter().take(10))).select(users::id).load(conn)?;
    for user in mentioned {
        notify(conn, user, actor, Kind::Mention, Some(note), comment)?;
    }
    Ok(())
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
