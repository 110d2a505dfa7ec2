//! The live channel: every event (a message, someone typing, a read marker, a notification) is
//! announced after what it tells of is committed, and pushed to each recipient's open
//! connections (`GET /api/v1/events`, server-sent events). It is a transport only: a client
//! that missed events (offline, reconnecting, too slow) reads what it missed from the API.
//!
//! Within one process a [`Hub`] fans events out to the connections it holds. On PostgreSQL an
//! event goes through `NOTIFY` instead, and every Sprout process on that database (this one
//! included) hears it on its own listening connection and delivers it to its connections: so
//! several nodes behind one load balancer all deliver every event, once.

pub mod events;
mod listener;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use diesel::RunQueryDsl as _;
use serde::Serialize;
use tokio::sync::mpsc;

use crate::db::{ConversationId, DbConnection, MessageId, UserId};

/// The channel PostgreSQL carries events on.
pub const CHANNEL: &str = "sprout_events";

/// Events a connection may have waiting before it counts as too slow and is closed (its
/// client reconnects and reads what it missed).
const QUEUE: usize = 64;

/// What the live channel tells a client.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A new message in a conversation: read it with `GET …/messages?after=`.
    Message { conversation_id: ConversationId, message_id: MessageId, sender: String },
    /// Someone is typing in a conversation.
    Typing { conversation_id: ConversationId, username: String },
    /// One side read a conversation up to a message.
    Read { conversation_id: ConversationId, reader: String, up_to: MessageId },
    /// Something changed the unread counts: read them again.
    Notification {},
}

/// An event and who is to hear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub to: Vec<UserId>,
    pub event: Event,
}

struct Connection {
    id: u64,
    queue: mpsc::Sender<Arc<str>>,
}

#[derive(Default)]
struct Connections {
    by_user: Mutex<HashMap<UserId, Vec<Connection>>>,
    next_id: AtomicU64,
    delivered: AtomicU64,
    dropped_slow: AtomicU64,
}

/// The open live connections of this process, by member.
#[derive(Clone)]
pub struct Hub {
    connections: Arc<Connections>,
    /// Set on PostgreSQL: events go through `NOTIFY`, and a listener delivers them.
    through_postgres: bool,
}

/// One open connection's events; dropping it closes the connection's place in the hub.
pub struct Subscription {
    pub events: mpsc::Receiver<Arc<str>>,
    user: UserId,
    id: u64,
    connections: std::sync::Weak<Connections>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(connections) = self.connections.upgrade() {
            let mut by_user = connections.by_user.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(list) = by_user.get_mut(&self.user) {
                list.retain(|c| c.id != self.id);
                if list.is_empty() {
                    by_user.remove(&self.user);
                }
            }
        }
    }
}

impl Hub {
    /// A hub for a process on the database at `database_url`: on PostgreSQL it starts the
    /// listener that hears every node's events (it ends when the hub is dropped).
    pub fn start(database_url: &str) -> Hub {
        let through_postgres = crate::db::is_postgres_url(database_url);
        let hub = Hub { connections: Arc::default(), through_postgres };
        if through_postgres {
            listener::spawn(database_url.to_string(), Arc::downgrade(&hub.connections));
        }
        hub
    }

    /// Opens a connection's place for `user`'s events.
    pub fn subscribe(&self, user: UserId) -> Subscription {
        let (queue, events) = mpsc::channel(QUEUE);
        let id = self.connections.next_id.fetch_add(1, Ordering::Relaxed);
        let mut by_user = self.connections.by_user.lock().unwrap_or_else(|e| e.into_inner());
        by_user.entry(user).or_default().push(Connection { id, queue });
        Subscription { events, user, id, connections: Arc::downgrade(&self.connections) }
    }

    /// Announces what was just committed: through PostgreSQL's `NOTIFY` (to every node) or
    /// straight to this process's connections. Call it after the transaction, never inside.
    pub fn announce(&self, conn: &mut DbConnection, announcement: &Announcement) -> diesel::QueryResult<()> {
        if announcement.to.is_empty() {
            return Ok(());
        }
        let event = serde_json::to_string(&announcement.event).expect("events serialise");
        if !self.through_postgres {
            deliver(&self.connections, &announcement.to, event.into());
            return Ok(());
        }
        // NOTIFY carries at most 8,000 bytes: many recipients go in several.
        for to in announcement.to.chunks(400) {
            let payload = listener::encode(to, &event);
            diesel::sql_query("SELECT pg_notify($1, $2)")
                .bind::<diesel::sql_types::Text, _>(CHANNEL)
                .bind::<diesel::sql_types::Text, _>(payload)
                .execute(conn)
                .map(drop)?;
        }
        Ok(())
    }

    /// How many connections are open now.
    pub fn open_connections(&self) -> usize {
        let by_user = self.connections.by_user.lock().unwrap_or_else(|e| e.into_inner());
        by_user.values().map(Vec::len).sum()
    }

    /// Events handed to connections, and connections closed for being too slow, since start.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.connections.delivered.load(Ordering::Relaxed),
            self.connections.dropped_slow.load(Ordering::Relaxed),
        )
    }
}

/// Hands `event` to every open connection of `to`; a connection whose queue is full is closed.
fn deliver(connections: &Connections, to: &[UserId], event: Arc<str>) {
    let mut by_user = connections.by_user.lock().unwrap_or_else(|e| e.into_inner());
    for user in to {
        let Some(list) = by_user.get_mut(user) else { continue };
        list.retain(|c| match c.queue.try_send(event.clone()) {
            Ok(()) => {
                connections.delivered.fetch_add(1, Ordering::Relaxed);
                true
            }
            Err(mpsc::error::TrySendError::Full(_)) => {
                connections.dropped_slow.fetch_add(1, Ordering::Relaxed);
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        });
        if list.is_empty() {
            by_user.remove(user);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(n: i64) -> Arc<str> {
        format!("{{\"n\":{n}}}").into()
    }

    #[test]
    fn events_reach_every_connection_of_their_recipients_only() {
        let hub = Hub::start("unused.db");
        let mut a1 = hub.subscribe(UserId(1));
        let mut a2 = hub.subscribe(UserId(1));
        let mut b = hub.subscribe(UserId(2));
        deliver(&hub.connections, &[UserId(1)], message(1));
        assert_eq!(a1.events.try_recv().unwrap(), message(1));
        assert_eq!(a2.events.try_recv().unwrap(), message(1));
        assert!(b.events.try_recv().is_err());
        drop(a2);
        assert_eq!(hub.open_connections(), 2);
    }

    #[test]
    fn a_connection_that_does_not_keep_up_is_closed_not_buffered_without_end() {
        let hub = Hub::start("unused.db");
        let mut slow = hub.subscribe(UserId(7));
        for n in 0..(QUEUE as i64 + 5) {
            deliver(&hub.connections, &[UserId(7)], message(n));
        }
        assert_eq!(hub.open_connections(), 0);
        assert_eq!(hub.counts().1, 1);
        let mut kept = 0;
        while slow.events.try_recv().is_ok() {
            kept += 1;
        }
        assert_eq!(kept, QUEUE, "what was queued is still read, then the connection ends");
    }
}
