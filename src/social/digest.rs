//! The opt-in daily digest: once a day, everyone who asked for it and has unread notifications
//! from the last day gets one email listing them, with a one-click unsubscribe link. Who asked
//! is the member's own setting (`crate::accounts::subscriptions`).

use diesel::prelude::*;

use super::notifications;
use crate::accounts::model::User;
use crate::db::DbConnection;
use crate::mail::templates::{Digest, DigestItem};
use crate::schema::{notifications as notifications_table, users};
use crate::web::AppError;

/// The daily digest: queues each subscriber's email, then schedules itself for tomorrow.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct DailyDigest {}

impl crate::jobs::Job for DailyDigest {
    const KIND: &'static str = "digest";

    fn run(self, ctx: &crate::JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get()?;
        let queued = queue_digests(&mut conn, &ctx.base_url).map_err(|e| anyhow::anyhow!("{e}"))?;
        tracing::info!("queued {queued} daily digest email(s)");
        let tomorrow = crate::db::now() + chrono::Duration::days(1);
        crate::jobs::schedule_at(&mut conn, &self, tomorrow)?;
        Ok(())
    }
}

/// Queues today's digests; returns how many. Each user gets at most one a day, listing unread
/// notifications newer than their previous digest.
pub fn queue_digests(conn: &mut DbConnection, base_url: &str) -> Result<usize, AppError> {
    let now = crate::db::now();
    let day_ago = now - chrono::Duration::hours(23);
    let subscribers: Vec<User> = users::table
        .filter(users::daily_digest.eq(true))
        .filter(users::digest_sent_at.is_null().or(users::digest_sent_at.lt(day_ago)))
        .select(User::as_select())
        .load(conn)?;
    let mut queued = 0;
    for user in subscribers {
        let since = user.digest_sent_at.unwrap_or(now - chrono::Duration::days(1));
        let fresh: i64 = notifications_table::table
            .filter(notifications_table::user_id.eq(user.id))
            .filter(notifications_table::read_at.is_null())
            .filter(notifications_table::created_at.gt(since))
            .count()
            .get_result(conn)?;
        if fresh == 0 {
            continue;
        }
        let items = notifications::list(conn, user.id, None, fresh.min(50))?;
        let token = user.digest_token.clone().unwrap_or_default();
        let unsubscribe_url = format!("{base_url}/unsubscribe?token={token}");
        // The digest is written in its recipient's language.
        let lang = crate::accounts::queries::mail_lang(conn, user.id)?;
        let moderators = msg!("notif-from-moderators").in_lang(lang);
        let fresh_items: Vec<(&notifications::NotificationView, String)> = items
            .iter()
            .filter(|n| !n.read && n.created_at > since)
            .map(|n| (n, n.text.in_lang(lang)))
            .collect();
        let digest = Digest {
            display_name: &user.display_name,
            fresh,
            items: fresh_items
                .iter()
                .map(|(n, text)| DigestItem {
                    who: if n.from_moderators { moderators.as_str() } else { n.actor.display_name.as_str() },
                    text: text.as_str(),
                    url: format!("{base_url}{}", n.url),
                })
                .collect(),
            notifications_url: format!("{base_url}/notifications"),
            unsubscribe_url: &unsubscribe_url,
        };
        let email = crate::mail::Email {
            unsubscribe: Some(unsubscribe_url.clone()),
            ..digest.email(user.email.clone(), lang)
        };
        crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
            crate::mail::enqueue(conn, &email)?;
            diesel::update(users::table.find(user.id))
                .set(users::digest_sent_at.eq(Some(now)))
                .execute(conn)?;
            Ok(())
        })?;
        queued += 1;
    }
    Ok(queued)
}
