//! Typed configuration: every setting has a default that makes `cargo run` work with no setup,
//! and can be set by a flag or an environment variable (see `main.rs`).

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address the HTTP server listens on.
    pub bind: String,
    /// Where the SQLite database, photos and the cookie key live.
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; anything else is a SQLite file path.
    pub database_url: String,
    /// Signup and login attempts allowed per minute per IP; 0 turns the limit off.
    pub rate_limit: u32,
    /// Marks cookies `Secure` (set when Sprout is served over HTTPS).
    pub secure_cookies: bool,
    /// `smtp://host:port`, `smtp://user:pass@host:587` (STARTTLS) or `smtps://…` to send mail;
    /// without it mail is written to `DATA_DIR/mail/`.
    pub smtp_url: Option<String>,
    /// Extra trusted root certificates (PEM) for the mail relay's TLS.
    pub smtp_ca_file: Option<PathBuf>,
    /// The From address of every email.
    pub mail_from: String,
    /// The address links in emails point to, e.g. `https://sprout.example`.
    pub base_url: String,
    /// The first retry of a failed job waits this long; each next one twice as long (max 1 h).
    pub retry_base: std::time::Duration,
    /// An order item is credited to the note that last showed the buyer the product within
    /// this many days (tag tap or add to cart).
    pub attribution_days: i64,
    /// Reverse proxies whose `X-Forwarded-For` is believed (for rate limits); nobody else's is.
    pub trusted_proxies: Vec<crate::web::client_ip::Cidr>,
    /// Spam limits per account (off, with every other limit, when `rate_limit` is 0).
    pub limits: Limits,
    /// The language of a visitor whose browser asks for none Sprout speaks, and of mail to a
    /// member who chose none (`SPROUT_DEFAULT_LANG`).
    pub default_lang: crate::i18n::Lang,
    /// The time zone of a visitor whose browser has not said its own (`SPROUT_DEFAULT_TZ`).
    pub default_zone: crate::i18n::Zone,
}

impl Config {
    /// Defaults for a data directory: SQLite at `DIR/sprout.db` unless a URL is given.
    pub fn new(data_dir: PathBuf, database_url: Option<String>) -> Config {
        let database_url = database_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| data_dir.join("sprout.db").to_string_lossy().into_owned());
        Config {
            bind: "127.0.0.1:8080".into(),
            data_dir,
            database_url,
            rate_limit: 10,
            secure_cookies: false,
            smtp_url: None,
            smtp_ca_file: None,
            mail_from: "Sprout <noreply@sprout.local>".into(),
            base_url: "http://127.0.0.1:8080".into(),
            retry_base: std::time::Duration::from_secs(5),
            attribution_days: 7,
            trusted_proxies: Vec::new(),
            limits: Default::default(),
            default_lang: crate::i18n::Lang::En,
            default_zone: chrono_tz::UTC,
        }
    }

    /// The spam limits in force: none at all when `SPROUT_RATE_LIMIT=0`.
    pub fn spam_limits(&self) -> Limits {
        Limits { enabled: self.limits.enabled && self.rate_limit != 0, ..self.limits }
    }

    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }

    /// Where mail goes when no SMTP server is configured.
    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    /// The search index, derived from the database and rebuilt from it when missing.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }
}

/// The spam limits per account, which moderation enforces (`crate::moderation::limits`); 0 for
/// one of them means no limit on it.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub enabled: bool,
    pub notes_per_hour: u32,
    pub comments_per_minute: u32,
    pub follows_per_hour: u32,
    pub reports_per_day: u32,
    pub messages_per_minute: u32,
    pub conversations_per_hour: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            enabled: true,
            notes_per_hour: 10,
            comments_per_minute: 6,
            follows_per_hour: 60,
            reports_per_day: 20,
            messages_per_minute: 20,
            conversations_per_hour: 20,
        }
    }
}
