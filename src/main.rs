//! The `sprout` command: serve (the default), migrate, or seed demo content.

use std::path::PathBuf;

use actix_web::{web, HttpServer};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use sprout::config::Config;
use sprout::media::MediaStore;
use sprout::search::index::SearchIndex;
use sprout::AppState;

/// mimalloc instead of glibc's malloc: under load a page's small allocations took a fifth of the
/// CPU in malloc and free (see docs/BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (the Rust binding names no constant
/// for it); the test below checks it against the option's documented default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory given back to the system sooner (docs/BENCHMARKS.md, Memory): mimalloc returns the
/// pages a thread freed at once instead of a second later, and glibc's malloc — which SQLite and
/// the image codecs allocate from — keeps two arenas instead of one for each thread that ever
/// called it. Together a tenth less resident memory at a million notes, with no change in
/// throughput the bench could tell.
fn tune_allocators() {
    // SAFETY: both only set a process-wide option; called first thing in main, before any other
    // thread exists.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[derive(Parser)]
#[command(
    name = "sprout",
    version,
    about = "Shoppable review notes: a Xiaohongshu-style social shopping app"
)]
struct Cli {
    /// Where the SQLite database, photos and the cookie key live.
    #[arg(long, global = true, env = "SPROUT_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
    /// `postgres://user@host/db` to use PostgreSQL; default: SQLite at DATA_DIR/sprout.db.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    #[command(flatten)]
    serve: ServeArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and API (what plain `sprout` does).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Seed demo users and notes into an empty database and exit.
    Demo,
    /// Rebuild the search index from the database (stop the server first).
    Reindex,
    /// Bulk-load notes (JSON Lines) or a brand's products (CSV).
    #[command(group(clap::ArgGroup::new("what").required(true).args(["notes", "products"])))]
    Import {
        /// One note a line: {"author", "title", "body", "hashtags", "created_at"?, "likes"?}.
        #[arg(long, value_name = "FILE.jsonl")]
        notes: Option<PathBuf>,
        /// A catalog: name,description,category,price_cents,currency,stock[,active,commission_bps].
        /// All rows or none: every wrong row is reported by line number.
        #[arg(long, value_name = "FILE.csv", requires = "brand")]
        products: Option<PathBuf>,
        /// The brand (web name) whose catalog the products go into.
        #[arg(long, value_name = "SLUG")]
        brand: Option<String>,
    },
    /// Brand administration.
    Brand {
        #[command(subcommand)]
        what: BrandCommand,
    },
    /// Community group buy: approve a group leader's pickup point.
    PickupPoint {
        #[command(subcommand)]
        what: PickupPointCommand,
    },
    /// Background work: `run-due` runs every due job now and settles teams and group buys past
    /// their deadline.
    Jobs {
        #[command(subcommand)]
        what: JobsCommand,
    },
    /// Make a member an admin (who verifies brands at /admin/brands).
    Admin {
        #[command(subcommand)]
        what: AdminCommand,
    },
    /// Print the API's OpenAPI document (what /api/v1/openapi.json serves).
    Openapi,
    /// Measure Sprout's speed; prints a table.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
}

#[derive(Subcommand)]
enum BrandCommand {
    /// Mark a brand verified: its badge shows on the brand, its products and its tags.
    Verify { slug: String },
}

#[derive(Subcommand)]
enum PickupPointCommand {
    /// Approve a pickup point (its id is on /admin/pickup-points): brands may then open runs there.
    Approve { id: i64 },
}

#[derive(Subcommand)]
enum JobsCommand {
    /// Run every due job (emails, settlements) and settle overdue teams and group buys, then exit.
    RunDue,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Give a member a role: moderator (works the report queue) or admin (also verifies
    /// brands, approves pickup points, keeps the blocked-words list).
    Grant {
        username: String,
        #[arg(long, value_enum, default_value_t = Role::Admin)]
        role: Role,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Role {
    Moderator,
    Admin,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Search: index build rate, query latency, POST-to-searchable, and SQLite FTS5 on the same mix.
    Search(sprout::bench::SearchBenchArgs),
    /// The following feed at 100k users and 1M notes: page latency and HTTP requests/s.
    Feed(sprout::bench::FeedBenchArgs),
    /// The pages people open all day under HTTP load, each as a ratio to a minimal actix-web
    /// responder measured in the same run.
    Pages(sprout::bench::PagesBenchArgs),
    /// A 12-megapixel JPEG upload to its stored sizes (JPEG and WebP), p50/p99, beside the
    /// pipeline before #15.
    Photos(sprout::bench::PhotosBenchArgs),
    /// Concurrent checkouts through the API: orders a second, with oversell and double orders
    /// counted.
    Checkout(sprout::bench::CheckoutBenchArgs),
}

/// Options of `serve`; accepted before or after the subcommand.
#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, global = true, env = "SPROUT_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Seed demo content first when the database has no notes.
    #[arg(long, global = true)]
    demo: bool,
    /// Signup, login and password-reset attempts per minute per IP; 0 turns off every limit
    /// (these and the spam limits per account), for load tests.
    #[arg(long, global = true, env = "SPROUT_RATE_LIMIT", default_value_t = 10)]
    rate_limit: u32,
    /// Mark cookies Secure (when served over HTTPS).
    #[arg(long, global = true, env = "SPROUT_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Where mail goes: smtp://host:25, smtp://user:pass@host:587 (STARTTLS), smtps://user:pass@host.
    /// Without it, mail is written to DATA_DIR/mail/.
    #[arg(long, global = true, env = "SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// A PEM file of extra trusted root certificates for the mail relay (a private relay).
    #[arg(long, global = true, env = "SPROUT_SMTP_CA_FILE")]
    smtp_ca_file: Option<PathBuf>,
    /// The From address of Sprout's email.
    #[arg(long, global = true, env = "SPROUT_MAIL_FROM", default_value = "Sprout <noreply@sprout.local>")]
    mail_from: String,
    /// Credit a sale to the note that last showed the buyer the product within this many days.
    #[arg(long, global = true, env = "SPROUT_ATTRIBUTION_DAYS", default_value_t = 7)]
    attribution_days: i64,
    /// The public address of this Sprout, for links in email (default: http://BIND).
    #[arg(long, global = true, env = "SPROUT_BASE_URL")]
    base_url: Option<String>,
    /// Reverse proxies (comma-separated IPs or CIDR blocks) whose X-Forwarded-For is believed.
    #[arg(long, global = true, env = "SPROUT_TRUSTED_PROXIES", default_value = "")]
    trusted_proxies: String,
    /// Notes one account may post an hour (a third for new accounts); 0: no limit.
    #[arg(long, global = true, env = "SPROUT_NOTES_PER_HOUR", default_value_t = 10)]
    notes_per_hour: u32,
    /// Comments and replies one account may write a minute; 0: no limit.
    #[arg(long, global = true, env = "SPROUT_COMMENTS_PER_MINUTE", default_value_t = 6)]
    comments_per_minute: u32,
    /// People one account may follow an hour; 0: no limit.
    #[arg(long, global = true, env = "SPROUT_FOLLOWS_PER_HOUR", default_value_t = 60)]
    follows_per_hour: u32,
    /// Reports one account may send a day; 0: no limit.
    #[arg(long, global = true, env = "SPROUT_REPORTS_PER_DAY", default_value_t = 20)]
    reports_per_day: u32,
    /// Messages one account may send a minute; 0: no limit.
    #[arg(long, global = true, env = "SPROUT_MESSAGES_PER_MINUTE", default_value_t = 20)]
    messages_per_minute: u32,
    /// Conversations one account may start an hour; 0: no limit.
    #[arg(long, global = true, env = "SPROUT_CONVERSATIONS_PER_HOUR", default_value_t = 20)]
    conversations_per_hour: u32,
    /// The language for browsers that ask for none Sprout speaks, and for mail to members who
    /// chose none: en or zh-CN.
    #[arg(long, global = true, env = "SPROUT_DEFAULT_LANG", default_value = "en")]
    default_lang: String,
    /// The time zone for browsers that have not said theirs (an IANA name: Asia/Shanghai).
    #[arg(long, global = true, env = "SPROUT_DEFAULT_TZ", default_value = "UTC")]
    default_tz: String,
}

/// The language and time zone of readers who said neither.
fn reader_defaults(config: &mut Config, serve: &ServeArgs) -> anyhow::Result<()> {
    config.default_lang = sprout::i18n::Lang::parse(&serve.default_lang).ok_or_else(|| {
        anyhow::anyhow!("SPROUT_DEFAULT_LANG: Sprout speaks en and zh-CN, not {:?}", serve.default_lang)
    })?;
    config.default_zone = sprout::i18n::parse_zone(&serve.default_tz).ok_or_else(|| {
        anyhow::anyhow!(
            "SPROUT_DEFAULT_TZ: {:?} is not an IANA time zone such as Asia/Shanghai",
            serve.default_tz
        )
    })?;
    sprout::i18n::set_fallback(config.default_lang);
    sprout::i18n::set_fallback_zone(config.default_zone);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    tune_allocators();
    let filter = tracing_subscriber::EnvFilter::try_from_env("SPROUT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // SPROUT_LOG_FORMAT=json: one JSON object a line, with the request's id on each.
    if std::env::var("SPROUT_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let cli = Cli::parse();
    let mut config = Config::new(cli.data_dir, cli.database_url);
    match cli.command {
        Some(Command::Migrate) => {
            sprout::open_database(&config)?;
            println!("The database is up to date.");
            Ok(())
        }
        Some(Command::Demo) => {
            let pool = sprout::open_database(&config)?;
            sprout::demo::seed_if_empty(&pool, &MediaStore::new(config.media_dir()), true)?;
            println!("Demo content is in place; Sprout indexes it for search when it starts.");
            Ok(())
        }
        Some(Command::Reindex) => reindex(&config),
        Some(Command::Import { notes: Some(notes), .. }) => import(&config, &notes),
        Some(Command::Import { products: Some(file), brand: Some(brand), .. }) => {
            import_products(&config, &file, &brand)
        }
        Some(Command::Import { .. }) => {
            anyhow::bail!("say what to import: --notes FILE, or --products FILE --brand SLUG")
        }
        Some(Command::Brand { what: BrandCommand::Verify { slug } }) => {
            let pool = sprout::open_database(&config)?;
            let brand =
                sprout::shop::brands::verify(&mut *pool.get()?, &slug).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{} (/brands/{}) is verified.", brand.name, brand.slug);
            Ok(())
        }
        Some(Command::Jobs { what: JobsCommand::RunDue }) => {
            reader_defaults(&mut config, &cli.serve)?;
            config.smtp_url = cli.serve.smtp_url;
            config.smtp_ca_file = cli.serve.smtp_ca_file;
            config.mail_from = cli.serve.mail_from;
            config.base_url = cli.serve.base_url.unwrap_or_else(|| format!("http://{}", cli.serve.bind));
            let (ran, settled) = sprout::run_due_jobs(&config)?;
            println!("Ran {ran} due job(s); settled {settled} overdue team(s) and group buy(s).");
            Ok(())
        }
        Some(Command::PickupPoint { what: PickupPointCommand::Approve { id } }) => {
            let base_url = cli.serve.base_url.unwrap_or_else(|| format!("http://{}", cli.serve.bind));
            let pool = sprout::open_database(&config)?;
            let point = sprout::community::points::approve(
                &mut *pool.get()?,
                sprout::db::PickupPointId(id),
                &base_url,
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{} ({}, led by {}) is approved.", point.name, point.address, point.leader);
            Ok(())
        }
        Some(Command::Admin { what: AdminCommand::Grant { username, role } }) => {
            let pool = sprout::open_database(&config)?;
            let conn = &mut *pool.get()?;
            let (granted, name) = match role {
                Role::Admin => (sprout::accounts::service::grant_admin(conn, &username), "an admin"),
                Role::Moderator => {
                    (sprout::accounts::service::grant_moderator(conn, &username), "a moderator")
                }
            };
            granted.map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{username} is now {name}.");
            Ok(())
        }
        Some(Command::Openapi) => {
            print!("{}", sprout::openapi::json());
            Ok(())
        }
        Some(Command::Bench { what: BenchCommand::Search(args) }) => sprout::bench::search(&args),
        Some(Command::Bench { what: BenchCommand::Feed(args) }) => sprout::bench::feed(&args),
        Some(Command::Bench { what: BenchCommand::Pages(args) }) => sprout::bench::pages(&args),
        Some(Command::Bench { what: BenchCommand::Photos(args) }) => sprout::bench::photos(&args),
        Some(Command::Bench { what: BenchCommand::Checkout(args) }) => sprout::bench::checkout(&args),
        Some(Command::Serve) | None => {
            reader_defaults(&mut config, &cli.serve)?;
            config.bind = cli.serve.bind;
            config.rate_limit = cli.serve.rate_limit;
            config.secure_cookies = cli.serve.secure_cookies;
            config.smtp_url = cli.serve.smtp_url;
            config.smtp_ca_file = cli.serve.smtp_ca_file;
            config.mail_from = cli.serve.mail_from;
            config.attribution_days = cli.serve.attribution_days.max(0);
            config.trusted_proxies = sprout::web::client_ip::parse_list(&cli.serve.trusted_proxies)
                .map_err(|e| anyhow::anyhow!("SPROUT_TRUSTED_PROXIES: {e}"))?;
            config.limits = sprout::moderation::limits::Limits {
                enabled: true,
                notes_per_hour: cli.serve.notes_per_hour,
                comments_per_minute: cli.serve.comments_per_minute,
                follows_per_hour: cli.serve.follows_per_hour,
                reports_per_day: cli.serve.reports_per_day,
                messages_per_minute: cli.serve.messages_per_minute,
                conversations_per_hour: cli.serve.conversations_per_hour,
            };
            config.base_url = cli.serve.base_url.unwrap_or_else(|| format!("http://{}", config.bind));
            serve(config, cli.serve.demo)
        }
    }
}

fn progress_bar(len: u64, unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    let template = format!("{{msg:>12}} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{per_sec}}, {{eta}} left)");
    bar.set_style(
        ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}

fn open_index_for_cli(config: &Config) -> anyhow::Result<SearchIndex> {
    SearchIndex::open(&config.index_dir()).map_err(|e| {
        anyhow::anyhow!("{e:#}\nIf Sprout is running, stop it first: it owns the index while it runs.")
    })
}

fn reindex(config: &Config) -> anyhow::Result<()> {
    let pool = sprout::open_database(config)?;
    let index = open_index_for_cli(config)?;
    let mut conn = pool.get()?;
    let last = sprout::outbox::last_seq(&mut conn)?;
    let bar = progress_bar(0, "notes");
    bar.set_message("indexing");
    let started = std::time::Instant::now();
    index.take_rebuild_flag();
    let n = index.rebuild(&mut conn, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    if let Some(last) = last {
        sprout::outbox::done(&mut conn, last)?;
    }
    bar.finish_with_message("done");
    println!("Indexed {n} notes in {:.1}s.", started.elapsed().as_secs_f64());
    Ok(())
}

fn import(config: &Config, path: &std::path::Path) -> anyhow::Result<()> {
    let file =
        std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
    let size = file.metadata()?.len();
    let pool = sprout::open_database(config)?;
    let store = MediaStore::new(config.media_dir());
    let bar = progress_bar(size, "bytes");
    bar.set_message("importing");
    let started = std::time::Instant::now();
    let report = sprout::notes::import::import_notes(
        &mut *pool.get()?,
        &store,
        std::io::BufReader::new(file),
        |bytes| bar.set_position(bytes),
    )
    .map_err(|e| anyhow::anyhow!("import stopped: {e}"))?;
    bar.finish_with_message("imported");
    for (line, why) in report.skipped.iter().take(50) {
        eprintln!("line {line}: skipped: {why}");
    }
    if report.skipped.len() > 50 {
        eprintln!("… and {} more skipped lines", report.skipped.len() - 50);
    }
    println!(
        "Imported {} notes ({} new authors) in {:.1}s; skipped {} lines.",
        report.imported,
        report.authors_created,
        started.elapsed().as_secs_f64(),
        report.skipped.len()
    );
    match open_index_for_cli(config) {
        Ok(index) => {
            let bar = progress_bar(0, "notes");
            bar.set_message("indexing");
            index.catch_up(&mut *pool.get()?, |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            })?;
            bar.finish_with_message("searchable");
        }
        Err(_) => println!("Sprout is running: it is making the new notes searchable now."),
    }
    Ok(())
}

fn import_products(config: &Config, path: &std::path::Path, brand: &str) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let text = sprout::shop::products::decode_catalog(&bytes, None).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = sprout::open_database(config)?;
    let rows = text.lines().count().saturating_sub(1) as u64;
    let bar = progress_bar(rows, "rows");
    bar.set_message("checking");
    let outcome = sprout::shop::products::import_csv(&mut *pool.get()?, None, brand, &text)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_with_message("done");
    match outcome {
        Ok(report) => {
            println!("Imported into {brand}: {} new products, {} updated.", report.created, report.updated);
            Ok(())
        }
        Err(errors) => {
            for row in &errors {
                eprintln!("line {}: {}", row.line, row.message);
            }
            anyhow::bail!("nothing was imported: {} rows need fixing", errors.len())
        }
    }
}

#[actix_web::main]
async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    let bind = config.bind.clone();
    let state = web::Data::new(AppState::open(config)?);
    if demo {
        let seeding = state.clone();
        web::block(move || sprout::demo::seed_if_empty(&seeding.pool, &seeding.media, true)).await??;
        state.search_changed();
    }
    tracing::info!("Sprout is listening on http://{bind}");
    HttpServer::new(move || sprout::build_app(state.clone()))
        .worker_max_blocking_threads(sprout::BLOCKING_THREADS_PER_WORKER)
        .bind(&bind)?
        .run()
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // mimalloc documents a default of 1000 ms for the purge delay, and no other option
        // defaults to 1000.
        let value = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(value, 1000, "mimalloc's option numbering changed: fix MI_OPTION_PURGE_DELAY");
    }
}
