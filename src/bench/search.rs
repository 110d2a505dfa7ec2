//! `sprout bench search`: loads a corpus of real reviews into a fresh SQLite database and
//! measures what a user feels — how fast the index builds, how long a search takes, how soon a
//! new note can be found — and runs the same query mix against SQLite FTS5 for comparison.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::{ms, percentile};
use crate::config::Config;
use crate::db::DbConnection;
use crate::media::{pipeline, MediaStore};
use crate::notes::service::{self as note_service, NewPhoto, NoteText};
use crate::search::index::SearchIndex;
use crate::search::query::{Builder, Filters, Mode, ParsedQuery};
use crate::search::service::{self as search_service, NoteSearch, Sort};

#[derive(clap::Args, Debug)]
pub struct SearchBenchArgs {
    /// How many notes to load (the corpus is repeated with other authors and times to reach it).
    #[arg(long, default_value_t = 100_000)]
    pub notes: usize,
    /// Folder with reviews-zh.jsonl and reviews-en.jsonl.
    #[arg(long, default_value = "../shared/data")]
    pub corpus: PathBuf,
    /// How many times each query of the mix is timed.
    #[arg(long, default_value_t = 20)]
    pub repeat: usize,
    /// New notes timed from POST to searchable.
    #[arg(long, default_value_t = 40)]
    pub probes: usize,
    /// Where to build the benchmark's database and index (default: a fresh temporary folder,
    /// removed afterwards).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// The fixed query mix: Chinese and English, single words, several words, a phrase, a
/// hashtag, an exclusion and typos.
pub const QUERY_MIX: &[&str] = &[
    "口红",
    "洗发水 头皮屑",
    "手机 电池",
    "酒店 早餐",
    "水果 新鲜",
    "物流 很快",
    "质量 不错",
    "衣服 尺码",
    "平板 屏幕",
    "热水器 安装",
    "dress",
    "sweater soft",
    "jeans fit",
    "\"true to size\"",
    "petite",
    "#dresses",
    "blouse -sheer",
    "comfortable pants",
    "sweatr",
    "beautifull color",
];

/// Writes `count` note lines: the Chinese and English corpora interleaved, repeated with
/// renamed authors and shifted times once they run out.
fn write_corpus(corpus: &Path, out: &Path, count: usize) -> anyhow::Result<()> {
    let (zh, en) =
        (super::review_lines(corpus, "reviews-zh.jsonl")?, super::review_lines(corpus, "reviews-en.jsonl")?);
    let mut out = std::io::BufWriter::new(std::fs::File::create(out)?);
    // Line i of the mix is the (i / 2)-th Chinese or English review; a review used again gets
    // a renamed author and an earlier date, so no two notes are the same.
    for i in 0..count {
        let (source, n) = if i % 2 == 0 { (&zh, i / 2) } else { (&en, i / 2) };
        let (line, round) = (&source[n % source.len()], n / source.len());
        if round == 0 {
            writeln!(out, "{line}")?;
            continue;
        }
        let mut v: serde_json::Value = serde_json::from_str(line)?;
        v["author"] = format!("{}_r{round}", v["author"].as_str().unwrap_or("shopper")).into();
        if let Some(at) = v["created_at"].as_str().and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok())
        {
            v["created_at"] = (at - chrono::Duration::days(400 * round as i64)).to_rfc3339().into();
        }
        writeln!(out, "{v}")?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The query in FTS5's syntax, as a small app would write it.
fn fts5_query(q: &str) -> Option<String> {
    let parsed = ParsedQuery::parse(q);
    let quote = |w: &str| format!("\"{}\"", w.replace('"', ""));
    let mut positive: Vec<String> = parsed.words.iter().map(|w| quote(w)).collect();
    positive.extend(parsed.phrases.iter().map(|p| quote(p)));
    positive.extend(parsed.tags.iter().map(|t| format!("tags:{}", quote(t))));
    if positive.is_empty() {
        return None;
    }
    let mut query = positive.join(" AND ");
    for excluded in &parsed.excluded {
        query = format!("({query}) NOT {}", quote(excluded));
    }
    Some(query)
}

struct QueryStats {
    latencies: Vec<Duration>,
    hits: Vec<(String, String, i64)>,
    /// Per query: the median and slowest of its timings.
    each: Vec<(Duration, Duration)>,
}

fn spread(timings: &mut [Duration]) -> (Duration, Duration) {
    timings.sort();
    (percentile(timings, 50), timings.last().copied().unwrap_or_default())
}

fn time_fts5(conn: &mut SqliteConnection, repeat: usize) -> anyhow::Result<QueryStats> {
    let mut latencies = Vec::new();
    let mut hits = Vec::new();
    let mut each = Vec::new();
    for q in QUERY_MIX {
        let Some(fts) = fts5_query(q) else { continue };
        let run = |conn: &mut SqliteConnection| -> anyhow::Result<i64> {
            let top: Vec<Row> =
                diesel::sql_query("SELECT rowid AS n FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20")
                    .bind::<Text, _>(&fts)
                    .load(conn)?;
            let total: Row = diesel::sql_query("SELECT COUNT(*) AS n FROM fts WHERE fts MATCH ?")
                .bind::<Text, _>(&fts)
                .get_result(conn)?;
            let _ = top;
            Ok(total.n)
        };
        let total = run(conn)?;
        let mut mine = Vec::new();
        for _ in 0..repeat {
            let started = Instant::now();
            run(conn)?;
            mine.push(started.elapsed());
        }
        latencies.extend_from_slice(&mine);
        each.push(spread(&mut mine));
        hits.push((q.to_string(), String::new(), total));
    }
    latencies.sort();
    Ok(QueryStats { latencies, hits, each })
}

fn build_fts5(
    notes_db: &mut DbConnection,
    path: &Path,
) -> anyhow::Result<(SqliteConnection, Duration, usize)> {
    #[derive(QueryableByName)]
    struct NoteText2 {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Text)]
        title: String,
        #[diesel(sql_type = Text)]
        body: String,
        #[diesel(sql_type = Text)]
        tags: String,
    }
    let rows: Vec<NoteText2> = diesel::sql_query(
        "SELECT n.id, n.title, n.body, COALESCE((SELECT GROUP_CONCAT(h.name, ' ') FROM note_hashtags nh \
         JOIN hashtags h ON h.id = nh.hashtag_id WHERE nh.note_id = n.id), '') AS tags FROM notes n ORDER BY n.id",
    )
    .load(notes_db)?;
    let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
    diesel::sql_query("PRAGMA journal_mode = WAL").execute(&mut conn)?;
    diesel::sql_query(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, tokenize = 'porter unicode61')",
    )
    .execute(&mut conn)?;
    let started = Instant::now();
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        for row in &rows {
            diesel::sql_query("INSERT INTO fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)")
                .bind::<BigInt, _>(row.id)
                .bind::<Text, _>(&row.title)
                .bind::<Text, _>(&row.body)
                .bind::<Text, _>(&row.tags)
                .execute(conn)?;
        }
        Ok(())
    })?;
    diesel::sql_query("INSERT INTO fts(fts) VALUES ('optimize')").execute(&mut conn)?;
    Ok((conn, started.elapsed(), rows.len()))
}

fn time_tantivy(index: &SearchIndex, repeat: usize) -> anyhow::Result<QueryStats> {
    use tantivy::collector::Count;
    let mut latencies = Vec::new();
    let mut hits = Vec::new();
    let mut each = Vec::new();
    for q in QUERY_MIX {
        let parsed = ParsedQuery::parse(q);
        let run = || -> anyhow::Result<String> {
            let searcher = index.reader.searcher();
            let found = search_service::find(
                &searcher,
                &index.fields,
                &parsed,
                &Filters::default(),
                Sort::Relevance,
                0,
                20,
            )?;
            Ok(if found.estimated { format!("≈{}", found.total) } else { found.total.to_string() })
        };
        let total = run()?;
        let mut mine = Vec::new();
        for _ in 0..repeat {
            let started = Instant::now();
            run()?;
            mine.push(started.elapsed());
        }
        latencies.extend_from_slice(&mine);
        each.push(spread(&mut mine));
        let searcher = index.reader.searcher();
        let strict = Builder { fields: &index.fields, searcher: &searcher }.build(
            &parsed,
            &Filters::default(),
            Mode::All,
        );
        let all_words = searcher.search(&*strict, &Count)?;
        hits.push((q.to_string(), total, all_words as i64));
    }
    latencies.sort();
    Ok(QueryStats { latencies, hits, each })
}

fn time_full_search(
    index: &SearchIndex,
    conn: &mut DbConnection,
    repeat: usize,
) -> anyhow::Result<Vec<Duration>> {
    let mut latencies = Vec::new();
    for q in QUERY_MIX {
        let search = NoteSearch::relevance(q, 20);
        search_service::notes(index, conn, &search)?;
        for _ in 0..repeat {
            let started = Instant::now();
            search_service::notes(index, conn, &search)?;
            latencies.push(started.elapsed());
        }
    }
    latencies.sort();
    Ok(latencies)
}

/// Posts notes in the background (about 50 a second) while timing, for each probe note, the
/// time from its post returning to its first appearance in search results.
fn time_post_to_searchable(
    index: &Arc<SearchIndex>,
    pool: &crate::db::DbPool,
    store: &MediaStore,
    probes: usize,
) -> anyhow::Result<(Vec<Duration>, usize)> {
    let mut conn = pool.get()?;
    let author = match crate::accounts::queries::by_username(&mut conn, "bench_writer")? {
        Some(user) => user,
        None => crate::accounts::service::signup(
            &mut conn,
            &crate::accounts::service::SignupInput {
                username: "bench_writer".into(),
                email: "bench@bench.invalid".into(),
                password: "bench-password".into(),
                lang: crate::i18n::Lang::En,
            },
            &crate::accounts::password::hash("bench-password")?,
            "http://bench.invalid",
        )?,
    };
    let photo =
        pipeline::render(image::DynamicImage::new_rgb8(64, 64)).map_err(|e| anyhow::anyhow!("{e}"))?;
    let indexer = crate::search::indexer::spawn(index.clone(), pool.clone())?;
    let stop = Arc::new(AtomicBool::new(false));
    let background_posts = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (stop, count, pool, store, author, photo, indexer) = (
            stop.clone(),
            background_posts.clone(),
            pool.clone(),
            store.clone(),
            author.clone(),
            photo.clone(),
            indexer.clone(),
        );
        std::thread::spawn(move || -> anyhow::Result<()> {
            let mut conn = pool.get()?;
            let photos = [NewPhoto { photo, alt: String::new() }];
            while !stop.load(Ordering::Relaxed) {
                let n = count.fetch_add(1, Ordering::Relaxed);
                let text = NoteText {
                    title: format!("Background note {n}"),
                    body: "质量不错 comfortable dress".into(),
                    hashtags: "load".into(),
                };
                note_service::create(&mut conn, &store, &author, &text, &photos)?;
                indexer.poke();
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(())
        })
    };
    let photos = [NewPhoto { photo, alt: String::new() }];
    let mut latencies = Vec::new();
    for i in 0..probes {
        let token = format!("probe{i}zq{}", std::process::id());
        let text = NoteText {
            title: format!("Probe {token}"),
            body: format!("Searchable {token}"),
            hashtags: String::new(),
        };
        note_service::create(&mut conn, store, &author, &text, &photos)?;
        indexer.poke();
        let posted = Instant::now();
        let parsed = ParsedQuery::parse(&token);
        loop {
            let searcher = index.reader.searcher();
            let query = Builder { fields: &index.fields, searcher: &searcher }.build(
                &parsed,
                &Filters::default(),
                Mode::Any,
            );
            if searcher.search(&*query, &tantivy::collector::Count)? > 0 {
                latencies.push(posted.elapsed());
                break;
            }
            anyhow::ensure!(posted.elapsed() < Duration::from_secs(30), "probe {i} never became searchable");
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().map_err(|_| anyhow::anyhow!("background writer panicked"))??;
    drop(indexer);
    latencies.sort();
    Ok((latencies, background_posts.load(Ordering::Relaxed)))
}

pub fn search(args: &SearchBenchArgs) -> anyhow::Result<()> {
    let temporary = args.dir.is_none();
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("sprout-bench-{}", std::process::id())));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    let result = run(args, &dir);
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn run(args: &SearchBenchArgs, dir: &Path) -> anyhow::Result<()> {
    let config = Config::new(dir.to_path_buf(), None);
    let pool = crate::open_database(&config)?;
    let store = MediaStore::new(config.media_dir());
    let corpus = dir.join("corpus.jsonl");
    eprintln!("writing a corpus of {} notes…", args.notes);
    write_corpus(&args.corpus, &corpus, args.notes)?;

    eprintln!("importing…");
    let started = Instant::now();
    let file = BufReader::new(std::fs::File::open(&corpus)?);
    let report = crate::notes::import::import_notes(&mut *pool.get()?, &store, file, |_| {})?;
    let import_time = started.elapsed();
    anyhow::ensure!(
        report.skipped.is_empty(),
        "corpus lines were skipped: {:?}",
        &report.skipped[..report.skipped.len().min(5)]
    );

    eprintln!("building the index…");
    let index = Arc::new(SearchIndex::open(&config.index_dir())?);
    let mut conn = pool.get()?;
    let started = Instant::now();
    index.take_rebuild_flag();
    let indexed = index.rebuild(&mut conn, |_, _| {})?;
    let build_time = started.elapsed();
    if let Some(last) = crate::outbox::last_seq(&mut conn)? {
        crate::outbox::done(&mut conn, last)?;
    }

    eprintln!("timing the query mix…");
    let ours = time_tantivy(&index, args.repeat)?;
    let full = time_full_search(&index, &mut conn, args.repeat)?;

    eprintln!("timing suggestions…");
    let mut suggest = Vec::new();
    for prefix in ["s", "sw", "dre", "口", "洗", "shopper1", "reviewer0", "#k"] {
        for _ in 0..args.repeat {
            let started = Instant::now();
            search_service::suggest(&mut conn, prefix)?;
            suggest.push(started.elapsed());
        }
    }
    suggest.sort();

    eprintln!("building SQLite FTS5 on the same notes…");
    let (mut fts, fts_build, fts_rows) = build_fts5(&mut conn, &dir.join("fts5.db"))?;
    let theirs = time_fts5(&mut fts, args.repeat)?;
    drop(conn);

    eprintln!("timing POST to searchable under a background write load…");
    let (fresh, background) = time_post_to_searchable(&index, &pool, &store, args.probes)?;

    let rate = |n: usize, d: Duration| format!("{:.0} notes/s", n as f64 / d.as_secs_f64());
    let (o50, o99) = (percentile(&ours.latencies, 50), percentile(&ours.latencies, 99));
    let (f50, f99) = (percentile(&theirs.latencies, 50), percentile(&theirs.latencies, 99));
    println!("\n## sprout bench search — {} notes\n", indexed);
    println!(
        "Corpus: reviews-zh.jsonl and reviews-en.jsonl interleaved; reviews used again get a renamed author \
         and an earlier date. SQLite, {} cores, release build.\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    println!("| measure | Sprout (tantivy) | SQLite FTS5 |");
    println!("|---|---|---|");
    println!("| import (SQLite rows + outbox) | {} | |", rate(report.imported, import_time));
    println!(
        "| index build | {} ({:.1} s) | {} ({:.1} s) |",
        rate(indexed as usize, build_time),
        build_time.as_secs_f64(),
        rate(fts_rows, fts_build),
        fts_build.as_secs_f64()
    );
    println!("| query p50 (top 20 + total) | {} | {} |", ms(o50), ms(f50));
    println!("| query p99 (top 20 + total) | {} | {} |", ms(o99), ms(f99));
    println!("| p99 ratio FTS5 / Sprout | {:.1}× | |", f99.as_secs_f64() / o99.as_secs_f64().max(1e-9));
    println!(
        "| full search p50 / p99 (with notes re-read from the database and snippets) | {} / {} | |",
        ms(percentile(&full, 50)),
        ms(percentile(&full, 99))
    );
    println!(
        "| suggest p50 / p99 (hashtags + people by prefix) | {} / {} | |",
        ms(percentile(&suggest, 50)),
        ms(percentile(&suggest, 99))
    );
    println!(
        "| POST → searchable p50 / p99 / max ({} probes, {} background posts) | {} / {} / {} | |",
        fresh.len(),
        background,
        ms(percentile(&fresh, 50)),
        ms(percentile(&fresh, 99)),
        ms(fresh.last().copied().unwrap_or_default())
    );
    println!("\nQuery mix ({} timings each), with total hits:\n", args.repeat);
    println!("Sprout lists notes with any of the words, those with every word first; the middle");
    println!("column counts those with every word, as FTS5 does. ≈ marks a total Sprout estimates");
    println!("from the words' document frequencies instead of counting (the page says \"about\").\n");
    println!("| query | Sprout hits | Sprout, every word | FTS5 hits | Sprout p50 / max | FTS5 p50 / max |");
    println!("|---|---|---|---|---|---|");
    let rows = ours.hits.iter().zip(&theirs.hits).zip(ours.each.iter().zip(&theirs.each));
    for (((q, ours_hits, all_words), (_, _, fts_hits)), ((o50, omax), (t50, tmax))) in rows {
        println!(
            "| `{}` | {ours_hits} | {all_words} | {fts_hits} | {} / {} | {} / {} |",
            q.replace('|', "\\|"),
            ms(*o50),
            ms(*omax),
            ms(*t50),
            ms(*tmax)
        );
    }
    Ok(())
}
