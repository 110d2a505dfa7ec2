//! `sprout bench feed`: the following feed at scale — 100k users, 1M notes, a viewer following
//! 2,000 accounts — timed through the real query (first page and page 50) and through HTTP
//! under concurrent load, on SQLite or (with `--database-url`) PostgreSQL.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::{ms, percentile};
use crate::accounts::tokens::{self, TokenKind};
use crate::config::Config;
use crate::db::{DbConnection, UserId};
use crate::notes::queries::FeedQuery;
use crate::notes::ranking::{hot_score, FeedSort};
use crate::web::Cursor;

#[derive(clap::Args, Debug)]
pub struct FeedBenchArgs {
    #[arg(long, default_value_t = 100_000)]
    pub users: usize,
    #[arg(long, default_value_t = 1_000_000)]
    pub notes: usize,
    /// How many accounts the viewer follows.
    #[arg(long, default_value_t = 2_000)]
    pub following: usize,
    /// Timed fetches of each page.
    #[arg(long, default_value_t = 200)]
    pub repeat: usize,
    /// Concurrent HTTP clients for the load test.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// Seconds of HTTP load.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// A PostgreSQL server (a fresh database is made on it and dropped after); default SQLite.
    #[arg(long)]
    pub database_url: Option<String>,
}

pub(super) fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Inserts rows in multi-row statements of 1,000.
pub(super) fn insert_rows(
    conn: &mut DbConnection,
    head: &str,
    rows: impl Iterator<Item = String>,
) -> anyhow::Result<()> {
    let mut batch = Vec::with_capacity(1000);
    let flush = |batch: &mut Vec<String>, conn: &mut DbConnection| -> anyhow::Result<()> {
        if !batch.is_empty() {
            diesel::sql_query(format!("{head} VALUES {}", batch.join(","))).execute(conn)?;
            batch.clear();
        }
        Ok(())
    };
    for row in rows {
        batch.push(row);
        if batch.len() == 1000 {
            flush(&mut batch, conn)?;
        }
    }
    flush(&mut batch, conn)
}

fn generate(conn: &mut DbConnection, args: &FeedBenchArgs) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(42);
    let now = crate::db::now();
    let stamp = |t: chrono::NaiveDateTime| sql_text(&t.format("%Y-%m-%d %H:%M:%S%.6f").to_string());
    eprintln!("creating {} users…", args.users);
    insert_rows(
        conn,
        "INSERT INTO users (username, email, password_hash, display_name, bio, created_at)",
        (1..=args.users).map(|i| {
            format!(
                "({}, {}, '!bench', {}, '', {})",
                sql_text(&format!("user{i}")),
                sql_text(&format!("user{i}@bench.invalid")),
                sql_text(&format!("User {i}")),
                stamp(now)
            )
        }),
    )?;
    eprintln!("creating {} notes…", args.notes);
    let year = 365 * 24 * 3600;
    let notes: Vec<String> = (0..args.notes)
        .map(|i| {
            let author = rng.random_range(1..=args.users);
            let at = now - chrono::Duration::seconds(rng.random_range(0..year));
            format!(
                "({author}, {}, 'A note for the feed benchmark', 0, {}, {}, {})",
                sql_text(&format!("Note {i}")),
                stamp(at),
                stamp(at),
                hot_score(at, 0, 0, 0)
            )
        })
        .collect();
    insert_rows(
        conn,
        "INSERT INTO notes (author_id, title, body, like_count, created_at, updated_at, hot_score)",
        notes.into_iter(),
    )?;
    eprintln!("user 1 follows {} accounts…", args.following);
    let mut followed: Vec<usize> = (2..=args.users).collect();
    for i in 0..args.following.min(followed.len()) {
        let j = rng.random_range(i..followed.len());
        followed.swap(i, j);
    }
    followed.truncate(args.following);
    insert_rows(
        conn,
        "INSERT INTO follows (follower_id, followee_id, created_at)",
        followed.iter().map(|f| format!("(1, {f}, {})", stamp(now))),
    )?;
    diesel::sql_query("ANALYZE").execute(conn)?;
    Ok(())
}

fn feed_page(conn: &mut DbConnection, cursor: Option<Cursor>) -> anyhow::Result<Option<Cursor>> {
    let viewer = UserId(1);
    let query = FeedQuery {
        followed_by: Some(viewer),
        viewer: Some(viewer),
        sort: FeedSort::New,
        cursor,
        limit: 20,
        ..Default::default()
    };
    let page = query.load(conn)?;
    anyhow::ensure!(!page.items.is_empty(), "the feed is empty");
    Ok(page.next_cursor.map(|c| Cursor::decode(&c)).transpose()?)
}

fn time_page(
    conn: &mut DbConnection,
    cursor: Option<Cursor>,
    repeat: usize,
) -> anyhow::Result<Vec<Duration>> {
    let mut out = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let started = Instant::now();
        feed_page(conn, cursor)?;
        out.push(started.elapsed());
    }
    out.sort();
    Ok(out)
}

/// Keep-alive HTTP/1.1 GETs from `clients` threads for `seconds`; returns (requests, errors).
fn load(addr: std::net::SocketAddr, cookie: &str, clients: usize, seconds: u64) -> (usize, usize) {
    let done = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (done, errors, stop, cookie) =
                (done.clone(), errors.clone(), stop.clone(), cookie.to_string());
            std::thread::spawn(move || {
                let Ok(stream) = TcpStream::connect(addr) else {
                    errors.fetch_add(1, Ordering::Relaxed);
                    return;
                };
                let mut writer = stream.try_clone().expect("clone a socket");
                let mut reader = BufReader::new(stream);
                let request = format!("GET /following HTTP/1.1\r\nHost: bench\r\nCookie: {cookie}\r\n\r\n");
                while !stop.load(Ordering::Relaxed) {
                    if writer.write_all(request.as_bytes()).is_err() {
                        errors.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    let (mut status, mut length) = (String::new(), 0usize);
                    if reader.read_line(&mut status).is_err() {
                        errors.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).is_err() || line == "\r\n" || line.is_empty() {
                            break;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0; length];
                    if reader.read_exact(&mut body).is_err() {
                        errors.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    if status.contains(" 200 ") {
                        done.fetch_add(1, Ordering::Relaxed);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        let _ = t.join();
    }
    (done.load(Ordering::Relaxed), errors.load(Ordering::Relaxed))
}

pub fn feed(args: &FeedBenchArgs) -> anyhow::Result<()> {
    super::with_scratch_database("feed", args.database_url.as_deref(), |dir, url| run(args, dir, url))
}

fn run(args: &FeedBenchArgs, dir: &std::path::Path, url: Option<String>) -> anyhow::Result<()> {
    let mut config = Config::new(dir.to_path_buf(), url);
    config.rate_limit = 0;
    let backend = if crate::db::is_postgres_url(&config.database_url) { "PostgreSQL" } else { "SQLite" };
    let pool = crate::open_database(&config)?;
    let mut conn = pool.get()?;
    let started = Instant::now();
    generate(&mut conn, args)?;
    eprintln!("generated in {:.0}s; timing pages…", started.elapsed().as_secs_f64());

    feed_page(&mut conn, None)?;
    let first = time_page(&mut conn, None, args.repeat)?;
    let mut cursor = None;
    for _ in 1..50 {
        cursor = feed_page(&mut conn, cursor)?;
    }
    let fiftieth = time_page(&mut conn, cursor, args.repeat)?;
    drop(conn);

    eprintln!("HTTP load on /following with {} clients for {}s…", args.clients, args.seconds);
    let state = actix_web::web::Data::new(crate::AppState::open(config)?);
    // Steady state: let the fresh search index finish building before loading the server.
    let started = Instant::now();
    while state.search.index.num_docs() < args.notes as u64 {
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(900),
            "the search index never finished building"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let token = tokens::issue(&mut *pool.get()?, UserId(1), TokenKind::Session)?;
    let cookie =
        crate::accounts::auth::session_cookie(&state, &token).ok_or_else(|| anyhow::anyhow!("no cookie"))?;
    let cookie = format!("{}={}", cookie.name(), cookie.value());
    let addr = super::serve_sprout(state)?;
    let (requests, errors) = load(addr, &cookie, args.clients, args.seconds);

    println!("\n## sprout bench feed — {backend}\n");
    println!(
        "{} users, {} notes spread over a year, the viewer follows {}; pages of 20, {} timings each.\n",
        args.users, args.notes, args.following, args.repeat
    );
    println!("| measure | p50 | p99 |");
    println!("|---|---|---|");
    println!(
        "| following feed, first page (query + notes) | {} | {} |",
        ms(percentile(&first, 50)),
        ms(percentile(&first, 99))
    );
    println!(
        "| following feed, page 50 | {} | {} |",
        ms(percentile(&fiftieth, 50)),
        ms(percentile(&fiftieth, 99))
    );
    println!(
        "\n`GET /following` (the HTML page, 30 notes, logged in) with {} keep-alive clients for {} s: \
         **{:.0} requests/s**, {errors} errors.",
        args.clients,
        args.seconds,
        requests as f64 / args.seconds as f64
    );
    Ok(())
}
