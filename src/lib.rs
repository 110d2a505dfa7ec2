//! Sprout: shoppable review notes. The library holds the whole app; `main.rs` is a thin CLI,
//! and the tests build the very same app through [`build_app`].

#[macro_use]
pub mod i18n;

pub mod accounts;
pub mod bench;
pub mod community;
pub mod config;
pub mod db;
pub mod demo;
pub mod groupbuy;
pub mod jobs;
pub mod lists;
pub mod mail;
pub mod media;
pub mod messages;
pub mod moderation;
pub mod notes;
pub mod notifications;
pub mod openapi;
pub mod outbox;
pub mod pages;
pub mod profile;
pub mod realtime;
pub mod schema;
pub mod search;
pub mod shop;
pub mod social;
pub mod storefront;
pub mod web;

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::cookie::Key;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{middleware, web as aw, App};
use utoipa_actix_web::AppExt;

use config::Config;
use db::{DbConnection, DbPool};
use media::MediaStore;
use web::ratelimit::RateLimiter;
use web::AppError;

/// Threads each server worker may run blocking work on (database calls, photos, password
/// hashing): with two workers, as many as SQLite's pool has connections. Every thread keeps an
/// allocator heap of its own, so threads past what the database can serve cost memory and buy
/// nothing: with actix's default (512 shared by the workers), 32 concurrent requests grew a
/// server of a million notes to 80 threads and 570 MB; with 4 it stays at 24 threads, and the
/// pages were no slower (docs/BENCHMARKS.md, Memory).
pub const BLOCKING_THREADS_PER_WORKER: usize = 4;

/// What background jobs run with; built once at start, like [`AppState`], from the parts every
/// domain's jobs may need.
pub struct JobContext {
    pub pool: DbPool,
    pub mailer: mail::Mailer,
    /// The public address, for links in email.
    pub base_url: String,
}

/// Everything a request handler may need; built once and shared by every worker.
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub media: MediaStore,
    pub cookie_key: Key,
    pub rate_limiter: RateLimiter,
    /// Password hashing, a bounded number at a time, off the database pool.
    pub passwords: accounts::password::Hashing,
    pub search: search::Search,
    pub jobs: jobs::WorkerHandle,
    /// Takes payment at checkout (pay on delivery until a card processor is wired in).
    pub payments: Arc<dyn shop::checkout::PaymentProvider>,
    /// Community group buys as checkout sees them (the shop does not import them).
    pub pickups: Arc<dyn shop::checkout::Pickups>,
    /// The count in the header's bell, for the page context (the shared web layer knows no
    /// domain; the notifications are social's).
    pub unread_count: fn(&mut DbConnection, db::UserId) -> diesel::QueryResult<i64>,
    /// Counts the writes through this node: what is kept in `shared_pages` and `note_views`
    /// is stale after the next one (and after a second anyway).
    pub writes: web::fresh::Writes,
    /// Pages every signed-out visitor sees alike (see `web::fresh`).
    pub shared_pages: web::fresh::Fresh<String, web::fresh::Pieces>,
    /// Views of visible notes, which every listing shows alike (see `web::fresh`).
    pub note_views: Arc<notes::queries::NoteViews>,
    /// Views of notes not yet written (see `shop::stats::PendingViews`).
    pub pending_views: Arc<shop::stats::PendingViews>,
    /// This process's live connections (see `realtime`).
    pub realtime: realtime::Hub,
}

/// Opens the database named by the config (creating the data directory) and applies any
/// pending migrations.
pub fn open_database(config: &Config) -> anyhow::Result<DbPool> {
    std::fs::create_dir_all(&config.data_dir)?;
    let pool = db::connect(&config.database_url)?;
    let applied = db::migrate(&mut *pool.get()?)?;
    if applied > 0 {
        tracing::info!("applied {applied} database migration(s)");
    }
    Ok(pool)
}

impl AppState {
    /// Opens the database (applying migrations), loads (or makes) the cookie signing key, and
    /// opens the search index with its indexer.
    pub fn open(config: Config) -> anyhow::Result<AppState> {
        let pool = open_database(&config)?;
        std::fs::create_dir_all(config.media_dir())?;
        let cookie_key = load_cookie_key(&config)?;
        let search = search::Search::start(&config.index_dir(), pool.clone())?;
        let runner = job_kinds(&config, &pool)?;
        schedule_digest(&mut *pool.get()?)?;
        let jobs = jobs::spawn(pool.clone(), runner, config.retry_base)?;
        jobs.poke();
        let writes = web::fresh::Writes::default();
        Ok(AppState {
            search,
            jobs,
            media: MediaStore::new(config.media_dir()),
            passwords: accounts::password::Hashing::for_this_machine(),
            rate_limiter: RateLimiter::new(config.rate_limit, config.trusted_proxies.clone()),
            payments: Arc::new(shop::checkout::PayOnDelivery),
            pickups: Arc::new(community::runs::RunPickups),
            unread_count: notifications::unread_count,
            shared_pages: web::fresh::Fresh::new(&writes, 256),
            note_views: Arc::new(web::fresh::Fresh::new(&writes, 5_000)),
            writes,
            pending_views: Default::default(),
            realtime: realtime::Hub::start(&config.database_url),
            config: Arc::new(config),
            pool,
            cookie_key,
        })
    }

    /// Wakes the indexer after a write that changed searchable content (it also polls).
    pub fn search_changed(&self) {
        self.search.indexer.poke();
    }

    /// Wakes the job worker after enqueueing work (it also polls).
    pub fn jobs_changed(&self) {
        self.jobs.poke();
    }

    /// Runs blocking database work on the blocking thread pool.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        aw::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }
}

/// Every kind of background job, registered once: emails, settling teams and group buys, and
/// the daily digest (which re-schedules itself).
fn job_kinds(config: &Config, pool: &DbPool) -> anyhow::Result<jobs::Registry> {
    let ctx = JobContext {
        mailer: mail::Mailer::from_config(config)?,
        pool: pool.clone(),
        base_url: config.base_url.clone(),
    };
    Ok(jobs::Registry::new(ctx)
        .register::<mail::Email>()
        .register::<social::digest::DailyDigest>()
        .register::<groupbuy::teams::SettleTeam>()
        .register::<community::runs::SettleRun>()
        .register::<messages::mail::MessageMail>())
}

/// Runs every due job now, and settles every team and group buy past its deadline
/// (`sprout jobs run-due`); returns how many jobs ran and teams and runs settled.
pub fn run_due_jobs(config: &Config) -> anyhow::Result<(usize, usize)> {
    let pool = open_database(config)?;
    let runner = job_kinds(config, &pool)?;
    let mut conn = pool.get()?;
    let mut settled = 0;
    for team in groupbuy::teams::overdue(&mut conn)? {
        if groupbuy::teams::settle(&mut conn, team, &config.base_url)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .is_some()
        {
            settled += 1;
        }
    }
    for run in community::runs::overdue(&mut conn)? {
        if community::runs::settle(&mut conn, run, &config.base_url)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .is_some()
        {
            settled += 1;
        }
    }
    let mut ran = 0;
    while jobs::run_due(&mut conn, &runner, config.retry_base)? {
        ran += 1;
    }
    Ok((ran, settled))
}

/// Makes sure the daily digest job is scheduled (once, whatever the number of app servers
/// starting at the same moment, give or take a duplicate that finds nothing to send).
fn schedule_digest(conn: &mut DbConnection) -> anyhow::Result<()> {
    if !jobs::is_scheduled::<social::digest::DailyDigest>(conn)? {
        let in_an_hour = db::now() + chrono::Duration::hours(1);
        jobs::schedule_at(conn, &social::digest::DailyDigest {}, in_an_hour)?;
    }
    Ok(())
}

/// The cookie key lives in `DATA_DIR/cookie.key`, so sessions survive restarts; it is made on
/// first start. Several app servers share it by sharing that file.
pub(crate) fn load_cookie_key(config: &Config) -> anyhow::Result<Key> {
    let path = config.data_dir.join("cookie.key");
    if let Ok(bytes) = std::fs::read(&path) {
        if bytes.len() >= 64 {
            return Ok(Key::from(&bytes));
        }
    }
    let key = Key::generate();
    std::fs::write(&path, key.master())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(key)
}

/// Mounts every route. Order matters only for the catch-all at the end.
pub fn configure(cfg: &mut web::Routes) {
    accounts::configure(cfg);
    notes::configure(cfg);
    search::configure(cfg);
    social::configure(cfg);
    shop::configure(cfg);
    lists::configure(cfg);
    groupbuy::configure(cfg);
    community::configure(cfg);
    moderation::configure(cfg);
    messages::configure(cfg);
    realtime::events::configure(cfg);
    profile::configure(cfg);
    storefront::configure(cfg);
    openapi::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}

/// The whole app, with its middleware, as `main` serves it and the tests use it.
pub fn build_app(
    state: aw::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let media_dir = state.media.dir().to_path_buf();
    let default_lang = i18n::DefaultLang(state.config.default_lang);
    let default_zone = i18n::DefaultZone(state.config.default_zone);
    App::new()
        .app_data(state)
        .app_data(default_lang)
        .app_data(default_zone)
        .app_data(web::extractors::json_config())
        .app_data(web::extractors::query_config())
        .app_data(web::extractors::path_config())
        .app_data(web::extractors::form_config())
        .into_utoipa_app()
        .configure(configure)
        .into_app()
        .service(pages::media_files(&media_dir))
        .default_service(pages::fallback())
        .wrap(middleware::from_fn(web::fresh::writes_refresh))
        .wrap(middleware::from_fn(web::extractors::no_nul_in_address))
        .wrap(middleware::from_fn(web::csrf::csrf_middleware))
        .wrap(web::headers::security_headers())
        .wrap(middleware::Compress::default())
        .wrap(middleware::from_fn(web::headers::head_as_get))
        .wrap(middleware::from_fn(i18n::middleware))
        .wrap(web::headers::access_log())
        .wrap(middleware::from_fn(web::request_id::middleware))
}
