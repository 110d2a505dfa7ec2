//! The one indexer per process: a thread that drains the search outbox in batches, commits and
//! reloads, woken at once by writes in this process and every half second for writes made
//! elsewhere. On start it first rebuilds a fresh index from the database, while the app serves.

use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::index::SearchIndex;
use crate::db::DbPool;

const BATCH: i64 = 1000;
const IDLE_POLL: Duration = Duration::from_millis(500);

/// Wakes the indexer; dropping every handle stops it.
#[derive(Clone)]
pub struct IndexerHandle(SyncSender<()>);

impl IndexerHandle {
    /// Tells the indexer there is something new in the outbox.
    pub fn poke(&self) {
        let _ = self.0.try_send(());
    }
}

pub fn spawn(index: Arc<SearchIndex>, pool: DbPool) -> std::io::Result<IndexerHandle> {
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::Builder::new().name("sprout-indexer".into()).spawn(move || run(&index, &pool, &rx))?;
    Ok(IndexerHandle(tx))
}

fn run(index: &SearchIndex, pool: &DbPool, wake: &mpsc::Receiver<()>) {
    loop {
        if index.take_rebuild_flag() {
            rebuild_logged(index, pool);
        }
        let drained = pool.get().map_err(anyhow::Error::from).and_then(|mut conn| {
            if crate::outbox::pending_count(&mut conn)? > 5_000 {
                // A bulk import happened elsewhere: rebuilding beats replaying it.
                index.catch_up(&mut conn, |_, _| {})?;
            }
            index.drain_outbox(&mut conn, BATCH)
        });
        match drained {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(err) => {
                tracing::error!("search indexer: {err:#}; retrying");
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        match wake.recv_timeout(IDLE_POLL) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
}

/// A full rebuild with progress in the log; on failure it is tried again later.
pub fn rebuild_logged(index: &SearchIndex, pool: &DbPool) {
    let started = Instant::now();
    let mut next_report = 0u64;
    let result = pool.get().map_err(anyhow::Error::from).and_then(|mut conn| {
        index.rebuild(&mut conn, |done, total| {
            if done >= next_report {
                tracing::info!("rebuilding the search index: {done}/{total} notes");
                next_report = done + (total / 10).max(2000);
            }
        })
    });
    match result {
        Ok(n) => tracing::info!("search index rebuilt: {n} notes in {:.1}s", started.elapsed().as_secs_f64()),
        Err(err) => {
            tracing::error!("rebuilding the search index failed: {err:#}; will retry");
            index.request_rebuild();
            std::thread::sleep(Duration::from_secs(2));
        }
    }
}
