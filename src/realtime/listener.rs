//! On PostgreSQL, one connection per process listens on [`super::CHANNEL`] and hands what it
//! hears to this process's connections. It polls its socket every few milliseconds (diesel
//! reads notifications without blocking), reconnects after an error, and ends when the hub it
//! serves is gone.

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

use super::{deliver, Connections, CHANNEL};
use crate::db::UserId;

/// How often the listening connection is read: the most an event waits for it.
const POLL: Duration = Duration::from_millis(5);
/// How often the listening connection is checked to be alive.
const CHECK: Duration = Duration::from_secs(20);

/// A NOTIFY payload: the recipients' ids, a space, and the event's JSON.
pub(super) fn encode(to: &[UserId], event: &str) -> String {
    let ids: Vec<String> = to.iter().map(|u| u.0.to_string()).collect();
    format!("{} {event}", ids.join(","))
}

fn decode(payload: &str) -> Option<(Vec<UserId>, &str)> {
    let (ids, event) = payload.split_once(' ')?;
    let to = ids.split(',').map(|id| id.parse().map(UserId)).collect::<Result<Vec<_>, _>>().ok()?;
    Some((to, event))
}

pub(super) fn spawn(url: String, connections: Weak<Connections>) {
    let started =
        std::thread::Builder::new().name("sprout-listen".into()).spawn(move || listen(&url, &connections));
    if let Err(e) = started {
        tracing::error!("cannot start the real-time listener: {e}");
    }
}

fn listen(url: &str, connections: &Weak<Connections>) {
    let mut failures = 0u32;
    while connections.strong_count() > 0 {
        match listen_once(url, connections) {
            Ok(()) => return,
            Err(e) => {
                failures += 1;
                if failures == 1 || failures.is_multiple_of(60) {
                    tracing::warn!("real-time listener: {e}; reconnecting");
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    }
}

/// Listens until the hub is gone (Ok) or the connection fails (Err).
fn listen_once(url: &str, connections: &Weak<Connections>) -> anyhow::Result<()> {
    let mut conn = PgConnection::establish(url)?;
    conn.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    let mut checked = Instant::now();
    loop {
        let Some(hub) = connections.upgrade() else { return Ok(()) };
        for notification in conn.notifications_iter() {
            let notification = notification?;
            match decode(&notification.payload) {
                Some((to, event)) => deliver(&hub, &to, Arc::from(event)),
                None => tracing::warn!("real-time listener: a payload it cannot read"),
            }
        }
        drop(hub);
        if checked.elapsed() > CHECK {
            conn.batch_execute("SELECT 1")?;
            checked = Instant::now();
        }
        std::thread::sleep(POLL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_reads_back_as_written() {
        let payload = encode(&[UserId(3), UserId(41)], r#"{"type":"notification"}"#);
        assert_eq!(payload, r#"3,41 {"type":"notification"}"#);
        let (to, event) = decode(&payload).unwrap();
        assert_eq!((to, event), (vec![UserId(3), UserId(41)], r#"{"type":"notification"}"#));
        assert!(decode("x {}").is_none());
    }
}
