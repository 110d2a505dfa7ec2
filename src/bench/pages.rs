//! `sprout bench pages`: the pages people open all day — explore, a note, a product, search
//! results, the following feed, the JSON explore — under the same HTTP load as a minimal
//! actix-web responder started in the same run, each reported as a ratio to it.
//!
//! The database is seeded in bulk (multi-row INSERTs, as `sprout bench feed` does): members
//! who follow each other, notes with a photo, likes, saves and comments, a brand whose products
//! are tagged on a fifth of the notes.

use std::collections::HashSet;
use std::io::BufReader;
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::feed::{insert_rows, sql_text};
use super::http::{exchange, get};
use super::{ms, percentile};
use crate::accounts::tokens::{self, TokenKind};
use crate::config::Config;
use crate::db::{DbConnection, UserId};
use crate::notes::ranking::hot_score;

#[derive(clap::Args, Debug)]
pub struct PagesBenchArgs {
    #[arg(long, default_value_t = 10_000)]
    pub users: usize,
    #[arg(long, default_value_t = 100_000)]
    pub notes: usize,
    /// Concurrent keep-alive HTTP clients.
    #[arg(long, default_value_t = 32)]
    pub clients: usize,
    /// Seconds of load on each page.
    #[arg(long, default_value_t = 5)]
    pub seconds: u64,
    /// Only these pages (explore_out, explore_in, note, product, search, following, json).
    #[arg(long, value_delimiter = ',')]
    pub pages: Vec<String>,
    /// Keep the seeded data in this directory and serve it again on the next run with the same
    /// directory (for profiling: seeding 100k notes takes minutes).
    #[arg(long)]
    pub keep: Option<std::path::PathBuf>,
    /// Write the notes' titles and bodies from the real reviews in this folder
    /// (reviews-zh.jsonl, reviews-en.jsonl) instead of a few words, and search them with
    /// `bench search`'s query mix.
    #[arg(long)]
    pub corpus: Option<std::path::PathBuf>,
    /// Likes of the most liked notes (a few take off, most get a handful: on average a fifth
    /// of this); lower it to seed a million notes in minutes.
    #[arg(long, default_value_t = 400)]
    pub max_likes: usize,
    /// Serve from a separate `sprout serve` process and report its memory after each page.
    #[arg(long)]
    pub apart: bool,
}

/// Words the seeded notes are written in, and the searches.
const WORDS: &[&str] = &[
    "sunscreen",
    "toner",
    "serum",
    "lipstick",
    "coffee",
    "hiking",
    "bottle",
    "tote",
    "candle",
    "noodles",
    "防晒",
    "面膜",
    "口红",
    "咖啡",
    "徒步",
    "水杯",
    "帆布包",
    "香薰",
    "拉面",
    "护肤",
];

/// A page under load, its label, and the request paths it cycles through.
struct Target {
    key: &'static str,
    label: &'static str,
    paths: Vec<String>,
    signed_in: bool,
}

/// Timings of one page under load.
struct Measured {
    requests: usize,
    errors: usize,
    latencies: Vec<Duration>,
}

impl Measured {
    fn per_second(&self, seconds: u64) -> f64 {
        self.requests as f64 / seconds as f64
    }
}

fn generate(
    conn: &mut DbConnection,
    media: &crate::media::MediaStore,
    args: &PagesBenchArgs,
) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(7);
    let now = crate::db::now();
    let stamp = |t: chrono::NaiveDateTime| sql_text(&t.format("%Y-%m-%d %H:%M:%S%.6f").to_string());
    let photo = crate::media::pipeline::render(image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(
        1080,
        1440,
        |x, y| image::Rgb([(x / 5) as u8, (y / 6) as u8, 180]),
    )))
    .map_err(|e| anyhow::anyhow!("the bench photo: {e}"))?;
    media.save(&photo, &mut crate::media::store::WrittenFiles::default())?;
    crate::media::queries::ensure(conn, &photo)?;
    let hash = sql_text(&photo.hash);

    eprintln!("creating {} members…", args.users);
    insert_rows(
        conn,
        "INSERT INTO users (username, email, password_hash, display_name, bio, created_at)",
        (1..=args.users).map(|i| {
            format!(
                "({}, {}, '!bench', {}, '', {})",
                sql_text(&format!("member{i}")),
                sql_text(&format!("member{i}@bench.invalid")),
                sql_text(&format!("Member {i}")),
                stamp(now)
            )
        }),
    )?;
    eprintln!("follows…");
    let mut follows = Vec::new();
    for follower in 1..=args.users {
        let count = if follower == 1 { 2_000.min(args.users - 1) } else { 30.min(args.users - 1) };
        let mut chosen = HashSet::new();
        while chosen.len() < count {
            let followee = rng.random_range(1..=args.users);
            if followee != follower {
                chosen.insert(followee);
            }
        }
        follows.extend(chosen.into_iter().map(|f| format!("({follower}, {f}, {})", stamp(now))));
    }
    insert_rows(conn, "INSERT INTO follows (follower_id, followee_id, created_at)", follows.into_iter())?;

    let reviews = match &args.corpus {
        Some(dir) => reviews(dir)?,
        None => Vec::new(),
    };
    eprintln!("creating {} notes with likes, saves and comments…", args.notes);
    let year = 365 * 24 * 3600;
    let mut notes = Vec::with_capacity(args.notes);
    let mut likes = Vec::new();
    let mut saves = Vec::new();
    let mut comments = Vec::new();
    for id in 1..=args.notes {
        let author = rng.random_range(1..=args.users);
        let at = now - chrono::Duration::seconds(rng.random_range(0..year));
        // A few notes take off; most get a handful.
        let like_count = (rng.random_range(0.0f64..1.0).powi(4) * args.max_likes as f64) as usize;
        let mut fans = HashSet::new();
        while fans.len() < like_count.min(args.users - 1) {
            fans.insert(rng.random_range(1..=args.users));
        }
        let save_count = fans.len() / 4;
        for (n, fan) in fans.iter().enumerate() {
            likes.push(format!("({fan}, {id}, {})", stamp(at)));
            if n < save_count {
                saves.push(format!("({fan}, {id}, {})", stamp(at)));
            }
        }
        let comment_count = rng.random_range(0..4usize);
        for _ in 0..comment_count {
            let who = rng.random_range(1..=args.users);
            comments.push(format!("({id}, {who}, 'Where did you get this? 求链接！', {})", stamp(at)));
        }
        let (title, body) = match reviews.get(id % reviews.len().max(1)) {
            Some((title, body)) => (title.clone(), body.clone()),
            None => {
                let (a, b) =
                    (WORDS[rng.random_range(0..WORDS.len())], WORDS[rng.random_range(0..WORDS.len())]);
                (
                    format!("{a} and {b}, note {id}"),
                    format!("My honest review of the {a}: light, fresh, and worth it with {b}. 真的好用。"),
                )
            }
        };
        notes.push(format!(
            "({author}, {}, {}, {}, {save_count}, {comment_count}, {}, {}, {})",
            sql_text(&title),
            sql_text(&body),
            fans.len(),
            stamp(at),
            stamp(at),
            hot_score(at, fans.len() as i64, save_count as i64, comment_count as i64)
        ));
    }
    insert_rows(
        conn,
        "INSERT INTO notes (author_id, title, body, like_count, save_count, comment_count, created_at, updated_at, hot_score)",
        notes.into_iter(),
    )?;
    insert_rows(
        conn,
        "INSERT INTO note_images (note_id, position, media_hash, alt)",
        (1..=args.notes).map(|id| format!("({id}, 0, {hash}, '')")),
    )?;
    insert_rows(conn, "INSERT INTO likes (user_id, note_id, created_at)", likes.into_iter())?;
    insert_rows(
        conn,
        "INSERT INTO boards (owner_id, name, private, created_at)",
        (1..=args.users).map(|u| format!("({u}, 'Saved', false, {})", stamp(now))),
    )?;
    // Board n belongs to member n (both numbered from 1 in a fresh database).
    insert_rows(conn, "INSERT INTO board_items (board_id, note_id, created_at)", saves.into_iter())?;
    insert_rows(conn, "INSERT INTO comments (note_id, author_id, body, created_at)", comments.into_iter())?;

    eprintln!("a brand, its products and their tags…");
    diesel::sql_query(format!(
        "INSERT INTO brands (owner_id, name, slug, description, commission_bps, verified_at, created_at) \
         VALUES (2, 'Bench Brand', 'bench-brand', 'Things for the benchmark.', 500, {0}, {0})",
        stamp(now)
    ))
    .execute(conn)?;
    let products = 1_000;
    insert_rows(
        conn,
        "INSERT INTO products (brand_id, name, description, category, price_cents, currency, stock, created_at, updated_at)",
        (1..=products).map(|p| {
            format!(
                "(1, {}, 'A product for the benchmark.', 'Bench', {}, 'CNY', 1000, {}, {})",
                sql_text(&format!("{} {p}", WORDS[p % WORDS.len()])),
                990 + p * 10,
                stamp(now),
                stamp(now)
            )
        }),
    )?;
    insert_rows(
        conn,
        "INSERT INTO product_images (product_id, position, media_hash)",
        (1..=products).map(|p| format!("({p}, 0, {hash})")),
    )?;
    // A fifth of the notes tag a product on their photo.
    insert_rows(
        conn,
        "INSERT INTO product_tags (note_id, image, product_id, x, y, status, tagged_by, brand_id, created_at)",
        (1..=args.notes).step_by(5).map(|note| {
            format!("({note}, 0, {}, 0.5, 0.6, 'approved', 2, 1, {})", 1 + note % products, stamp(now))
        }),
    )?;
    diesel::sql_query("ANALYZE").execute(conn)?;
    Ok(())
}

/// Titles and bodies of the real reviews in `dir`, Chinese and English interleaved.
fn reviews(dir: &std::path::Path) -> anyhow::Result<Vec<(String, String)>> {
    let read = |name: &str| -> anyhow::Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for line in super::review_lines(dir, name)? {
            let v: serde_json::Value = serde_json::from_str(&line)?;
            let text = |k: &str| v[k].as_str().unwrap_or_default().chars().take(2_000).collect::<String>();
            out.push((text("title"), text("body")));
        }
        Ok(out)
    };
    let (zh, en) = (read("reviews-zh.jsonl")?, read("reviews-en.jsonl")?);
    let mut mixed = Vec::with_capacity(zh.len() + en.len());
    let (mut zh, mut en) = (zh.into_iter(), en.into_iter());
    loop {
        match (zh.next(), en.next()) {
            (None, None) => return Ok(mixed),
            (a, b) => mixed.extend(a.into_iter().chain(b)),
        }
    }
}

/// Keep-alive HTTP/1.1 GETs from `clients` threads for `seconds`, each thread cycling through
/// `paths`; every response's latency is kept.
fn load(addr: SocketAddr, target: &Target, cookies: &Cookies, clients: usize, seconds: u64) -> Measured {
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = (0..clients)
        .map(|client| {
            let stop = stop.clone();
            let cookie = cookies.header(target.signed_in);
            let requests: Vec<String> = target
                .paths
                .iter()
                .map(|p| {
                    format!("GET {p} HTTP/1.1\r\nHost: bench\r\nAccept-Encoding: identity\r\n{cookie}\r\n")
                })
                .collect();
            std::thread::spawn(move || {
                let (mut latencies, mut errors) = (Vec::new(), 0usize);
                let Ok(stream) = TcpStream::connect(addr) else { return (latencies, 1) };
                let mut writer = stream.try_clone().expect("clone a socket");
                let mut reader = BufReader::new(stream);
                let mut next = client;
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    let request = &requests[next % requests.len()];
                    next += 1;
                    match exchange(&mut writer, &mut reader, request).map(|r| r.status) {
                        Some(200) => latencies.push(started.elapsed()),
                        Some(_) => errors += 1,
                        None => return (latencies, errors + 1),
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    let mut measured = Measured { requests: 0, errors: 0, latencies: Vec::new() };
    for t in threads {
        if let Ok((latencies, errors)) = t.join() {
            measured.requests += latencies.len();
            measured.errors += errors;
            measured.latencies.extend(latencies);
        }
    }
    measured.latencies.sort();
    measured
}

/// The cookies a browser would hold: its CSRF cookie (set on its first visit, so the load does
/// not mint a token a request) and, signed in, its session.
struct Cookies {
    visitor: String,
    session: String,
}

impl Cookies {
    /// The request's Cookie header line.
    fn header(&self, signed_in: bool) -> String {
        match signed_in {
            true => format!("Cookie: {}; {}\r\n", self.visitor, self.session),
            false => format!("Cookie: {}\r\n", self.visitor),
        }
    }
}

/// The reference: a minimal actix-web handler answering a small fixed page.
async fn reference_page() -> actix_web::HttpResponse {
    const PAGE: &str = concat!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reference</title></head>",
        "<body><h1>Reference</h1><p>A small page from a plain actix-web handler.</p></body></html>"
    );
    actix_web::HttpResponse::Ok().content_type("text/html; charset=utf-8").body(PAGE)
}

/// Starts the reference server with two workers on a free port, in its own thread.
fn serve_reference() -> anyhow::Result<SocketAddr> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = actix_web::HttpServer::new(|| {
                actix_web::App::new().route("/", actix_web::web::get().to(reference_page))
            })
            .workers(2)
            .disable_signals()
            .bind("127.0.0.1:0")
            .expect("bind");
            let _ = tx.send(server.addrs()[0]);
            let _ = server.run().await;
        })
    });
    Ok(rx.recv()?)
}

pub fn pages(args: &PagesBenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.users >= 100 && args.notes >= 1_000, "at least 100 members and 1,000 notes");
    if let Some(dir) = &args.keep {
        std::fs::create_dir_all(dir)?;
        return run(args, dir);
    }
    let dir = std::env::temp_dir().join(format!("sprout-bench-pages-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(args, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run(args: &PagesBenchArgs, dir: &std::path::Path) -> anyhow::Result<()> {
    let mut config = Config::new(dir.to_path_buf(), None);
    config.rate_limit = 0;
    let pool = crate::open_database(&config)?;
    let started = Instant::now();
    let seeded = dir.join("seeded");
    if !seeded.exists() {
        generate(&mut *pool.get()?, &crate::media::MediaStore::new(config.media_dir()), args)?;
        std::fs::write(&seeded, format!("{} members, {} notes\n", args.users, args.notes))?;
        eprintln!("seeded in {:.0}s; building the search index…", started.elapsed().as_secs_f64());
    }
    let token = tokens::issue(&mut *pool.get()?, UserId(1), TokenKind::Session)?;
    // In this process, or in a `sprout serve` of its own whose memory is read after each page.
    let (sprout, apart) = if args.apart {
        drop(pool);
        let served = super::apart::Served::start(dir)?;
        (served.addr, Some(served))
    } else {
        let state = actix_web::web::Data::new(crate::AppState::open(config.clone())?);
        let started = Instant::now();
        while state.search.index.num_docs() < args.notes as u64 {
            anyhow::ensure!(started.elapsed() < Duration::from_secs(900), "the search index never finished");
            std::thread::sleep(Duration::from_millis(200));
        }
        (super::serve_sprout(state)?, None)
    };
    let key = crate::load_cookie_key(&config)?;
    let cookie = crate::accounts::auth::signed_session_cookie(&key, false, &token)
        .ok_or_else(|| anyhow::anyhow!("no cookie"))?;
    let session = format!("{}={}", cookie.name(), cookie.value());
    let reference = serve_reference()?;
    let first = get(sprout, "/", "").ok_or_else(|| anyhow::anyhow!("Sprout did not answer"))?;
    let visitor = first
        .cookies
        .into_iter()
        .find(|c| c.starts_with(crate::web::csrf::CSRF_COOKIE))
        .ok_or_else(|| anyhow::anyhow!("no CSRF cookie on a first visit"))?;
    let cookies = Cookies { visitor, session };

    let targets = targets(args);
    let reference_target =
        Target { key: "reference", label: "reference", paths: vec!["/".into()], signed_in: false };
    eprintln!("{} clients, {} s a page…", args.clients, args.seconds);
    let base = load(reference, &reference_target, &cookies, args.clients, args.seconds);
    let base_rate = base.per_second(args.seconds).max(1.0);
    let mut rows = Vec::new();
    let mut memory = Vec::new();
    if let Some(served) = &apart {
        memory.push(("started, before any load", served.memory()));
    }
    for target in targets.iter().filter(|t| args.pages.is_empty() || args.pages.iter().any(|p| p == t.key)) {
        eprintln!("  {}", target.label);
        // One warm-up request a path (the caches a real server would have warm).
        for path in target.paths.iter().take(20) {
            let _ = get(sprout, path, &cookies.header(target.signed_in));
        }
        rows.push((target.label, load(sprout, target, &cookies, args.clients, args.seconds)));
        if let Some(served) = &apart {
            memory.push((target.label, served.memory()));
        }
    }

    println!("\n## sprout bench pages — SQLite\n");
    println!(
        "{} members, {} notes ({}; a photo each, likes, saves, comments; a product tagged on every fifth), \
         {} keep-alive clients, {} s a page, {} build, two server workers each{}.\n",
        args.users,
        args.notes,
        if args.corpus.is_some() { "text from the real reviews" } else { "a few words each" },
        args.clients,
        args.seconds,
        if cfg!(debug_assertions) { "debug" } else { "release" },
        if args.apart { ", Sprout in a `sprout serve` process of its own" } else { "" }
    );
    println!("| page | req/s | p50 | p99 | errors | ratio to the reference |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| reference: a minimal actix-web handler, small page | {:.0} | {} | {} | {} | 1 |",
        base.per_second(args.seconds),
        ms(percentile(&base.latencies, 50)),
        ms(percentile(&base.latencies, 99)),
        base.errors
    );
    for (label, m) in &rows {
        println!(
            "| {label} | {:.0} | {} | {} | {} | {:.3} |",
            m.per_second(args.seconds),
            ms(percentile(&m.latencies, 50)),
            ms(percentile(&m.latencies, 99)),
            m.errors,
            m.per_second(args.seconds) / base_rate
        );
    }
    if !memory.is_empty() {
        println!("\nMemory of the `sprout serve` process (`/proc/PID/status`), after each page in turn:\n");
        println!("| after | RSS | peak RSS | of it heap | of it mapped files | threads |");
        println!("|---|---|---|---|---|---|");
        for (label, m) in &memory {
            println!("| {label} | {} |", m.cells());
        }
    }
    Ok(())
}

/// The pages under load, in the order they are measured.
fn targets(args: &PagesBenchArgs) -> Vec<Target> {
    let tagged: Vec<String> = (1..=args.notes).step_by(5).take(200).map(|n| format!("/notes/{n}")).collect();
    let searches: Vec<String> = match args.corpus {
        Some(_) => super::QUERY_MIX.iter().map(|q| format!("/search?q={}", percent(q))).collect(),
        None => WORDS.iter().map(|w| format!("/search?q={}", percent(w))).collect(),
    };
    vec![
        Target {
            key: "explore_out",
            label: "explore, signed out (`/`)",
            paths: vec!["/".into()],
            signed_in: false,
        },
        Target { key: "explore_in", label: "explore, signed in", paths: vec!["/".into()], signed_in: true },
        Target { key: "note", label: "a note with a tag and comments", paths: tagged, signed_in: true },
        Target {
            key: "product",
            label: "a product page",
            paths: (1..=200).map(|p| format!("/products/{p}")).collect(),
            signed_in: false,
        },
        Target { key: "search", label: "search results", paths: searches, signed_in: false },
        Target {
            key: "following",
            label: "the following feed",
            paths: vec!["/following".into()],
            signed_in: true,
        },
        Target {
            key: "json",
            label: "explore as JSON (`/api/v1/explore`)",
            paths: vec!["/api/v1/explore".into()],
            signed_in: false,
        },
    ]
}

/// A search word as it goes in a URL.
fn percent(word: &str) -> String {
    word.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
