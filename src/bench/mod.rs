//! `sprout bench …`: measurements of what users feel, printed as Markdown tables
//! (see docs/BENCHMARKS.md for the results and how to reproduce them).

mod apart;
mod checkout;
mod feed;
mod http;
mod pages;
mod photos;
mod search;

pub use checkout::{checkout, CheckoutBenchArgs};
pub use feed::{feed, FeedBenchArgs};
pub use pages::{pages, PagesBenchArgs};
pub use photos::{photos, PhotosBenchArgs};
pub use search::{search, SearchBenchArgs, QUERY_MIX};

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use diesel::{Connection, RunQueryDsl};

pub(crate) fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

/// The lines of a review corpus in `dir` (`../shared/data`'s reviews-zh.jsonl, reviews-en.jsonl).
pub(crate) fn review_lines(dir: &Path, name: &str) -> anyhow::Result<Vec<String>> {
    use std::io::BufRead;
    let path = dir.join(name);
    let file =
        std::fs::File::open(&path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    Ok(std::io::BufReader::new(file).lines().collect::<Result<_, _>>()?)
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `run` with a fresh data directory and, given a PostgreSQL server's URL, a fresh database
/// on it (its URL passed on); both are removed afterwards, whatever `run` returned.
pub(crate) fn with_scratch_database<T>(
    name: &str,
    postgres: Option<&str>,
    run: impl FnOnce(&Path, Option<String>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let dir = std::env::temp_dir().join(format!("sprout-bench-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (url, pg_db) = match postgres {
        Some(admin) if crate::db::is_postgres_url(admin) => {
            let db = format!("sprout_bench_{}", std::process::id());
            let mut conn = diesel::PgConnection::establish(admin)?;
            diesel::sql_query(format!("CREATE DATABASE \"{db}\"")).execute(&mut conn)?;
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
            (Some(format!("{base}/{db}")), Some((admin.to_string(), db)))
        }
        _ => (None, None),
    };
    let result = run(&dir, url);
    if let Some((admin, db)) = pg_db {
        // The served app's pools are still open (its threads live until the process ends).
        crate::db::POOL_ERRORS_EXPECTED.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut conn) = diesel::PgConnection::establish(&admin) {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Serves Sprout with two workers on a free loopback port, in its own thread.
pub(crate) fn serve_sprout(state: actix_web::web::Data<crate::AppState>) -> anyhow::Result<SocketAddr> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = actix_web::HttpServer::new(move || crate::build_app(state.clone()))
                .workers(2)
                .worker_max_blocking_threads(crate::BLOCKING_THREADS_PER_WORKER)
                .disable_signals()
                .bind("127.0.0.1:0")
                .expect("bind");
            let _ = tx.send(server.addrs()[0]);
            let _ = server.run().await;
        })
    });
    Ok(rx.recv()?)
}
