//! Mail for messages nobody read: after the recipient's quiet period (their setting, 10 minutes
//! unless changed; never when 0), at most one mail a conversation an hour, in their language,
//! with the unread messages' first words and a link. One job is scheduled when the first message
//! of an unread run arrives; it finds on waking whether the run was read meanwhile.

use chrono::Duration;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::{Conversation, STARTER};
use super::service;
use crate::db::{ConversationId, DbConnection, MessageId, UserId};
use crate::schema::{conversations, messages, users};

/// Unread messages a mail quotes at most.
const QUOTED: i64 = 5;

#[derive(Debug, Serialize, Deserialize)]
pub struct MessageMail {
    pub conversation_id: ConversationId,
    /// The side to tell.
    pub side: i32,
    /// The first unread message.
    pub message_id: MessageId,
}

impl crate::jobs::Job for MessageMail {
    const KIND: &'static str = "message_mail";

    fn run(self, ctx: &crate::JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get()?;
        crate::db::write_transaction::<_, anyhow::Error, _>(&mut conn, |conn| {
            send_if_unread(conn, &self, &ctx.base_url)
        })
    }
}

/// Who on `side` hears of messages by mail: the member, or for a brand whoever of its staff
/// has the conversation, else its owner.
fn recipient(conn: &mut DbConnection, conv: &Conversation, side: i32) -> QueryResult<Option<UserId>> {
    if side == STARTER {
        return Ok(Some(conv.starter_id));
    }
    if let Some(member) = conv.member_id {
        return Ok(Some(member));
    }
    if let Some(assignee) = conv.assignee_id {
        return Ok(Some(assignee));
    }
    match conv.brand_id {
        Some(brand) => Ok(crate::shop::brands::find(conn, brand)?.map(|b| b.owner_id)),
        None => Ok(None),
    }
}

/// Schedules the mail for `side` when `message` starts a run it has not read (`conv` as it
/// was before the message).
pub fn schedule(
    conn: &mut DbConnection,
    conv: &Conversation,
    side: i32,
    message: MessageId,
) -> QueryResult<()> {
    if conv.read_id(side) < conv.last_message_id {
        return Ok(());
    }
    let Some(to) = recipient(conn, conv, side)? else { return Ok(()) };
    let (_, minutes) = service::settings(conn, to)?;
    if minutes <= 0 {
        return Ok(());
    }
    let job = MessageMail { conversation_id: conv.id, side, message_id: message };
    crate::jobs::schedule_at(conn, &job, crate::db::now() + Duration::minutes(minutes.into()))
}

fn send_if_unread(conn: &mut DbConnection, job: &MessageMail, base_url: &str) -> anyhow::Result<()> {
    let Some(conv) = service::find(conn, job.conversation_id)? else { return Ok(()) };
    let side = job.side;
    let now = crate::db::now();
    let read = conv.read_id(side).max(conv.cleared_id(side));
    if read >= job.message_id || conv.mailed_at.is_some_and(|at| now - at < Duration::hours(1)) {
        return Ok(());
    }
    let Some(to) = recipient(conn, &conv, side)? else { return Ok(()) };
    let unread = messages::table
        .filter(messages::conversation_id.eq(conv.id))
        .filter(messages::id.gt(read))
        .filter(messages::side.ne(side))
        .filter(messages::moderation.eq(crate::moderation::VISIBLE));
    let count: i64 = unread.count().get_result(conn)?;
    if count == 0 {
        return Ok(());
    }
    let lines: Vec<(String, String)> = unread
        .inner_join(users::table)
        .order(messages::id)
        .limit(QUOTED)
        .select((users::display_name, messages::body))
        .load(conn)?;
    let lines = lines.into_iter().map(|(who, body)| (who, body.chars().take(200).collect())).collect();
    let user = crate::accounts::queries::by_id(conn, to)?;
    let viewer_side = service::view(conn, to, &conv, side).map_err(|e| anyhow::anyhow!("{e}"))?;
    let lang = crate::accounts::queries::mail_lang(conn, to)?;
    let mail = crate::mail::templates::NewMessages {
        display_name: &user.display_name,
        from: &viewer_side.with.name,
        lines,
        more: count - QUOTED.min(count),
        url: format!("{}/messages/{}", base_url.trim_end_matches('/'), conv.id),
    };
    diesel::update(conversations::table.find(conv.id)).set(conversations::mailed_at.eq(now)).execute(conn)?;
    crate::mail::enqueue(conn, &mail.email(user.email.clone(), lang))?;
    Ok(())
}
