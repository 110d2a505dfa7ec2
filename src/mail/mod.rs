//! Email. Every message is a durable job enqueued with what caused it; the job worker sends it
//! over SMTP (`SMTP_URL`, e.g. `smtp://127.0.0.1:2525`) or, with no SMTP configured, writes it to
//! `DATA_DIR/mail/` as an `.eml` file. If the mail server is down, mail waits and goes out when
//! it is back; a restart loses nothing.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::db::DbConnection;

pub const JOB_KIND: &str = "email";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// For mail people subscribe to (the digest): the one-click unsubscribe address, sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC 8058), so mail clients offer it and
    /// unsubscribe by POST. Link scanners only ever GET, which asks first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

impl Email {
    /// A transactional email (no unsubscribe).
    pub fn new(to: impl Into<String>, subject: impl Into<String>, body: impl Into<String>) -> Email {
        Email { to: to.into(), subject: subject.into(), body: body.into(), unsubscribe: None }
    }
}

/// Queues an email in the caller's transaction.
pub fn enqueue(conn: &mut DbConnection, email: &Email) -> diesel::QueryResult<()> {
    crate::jobs::enqueue(conn, JOB_KIND, &serde_json::to_value(email).expect("an email serializes"))
}

enum Transport_ {
    Smtp(SmtpTransport),
    Files(PathBuf),
}

/// Sends queued email; runs the `email` jobs.
pub struct Mailer {
    from: Mailbox,
    transport: Transport_,
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Mailer> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("SPROUT_MAIL_FROM is not an address: {e}"))?;
        let transport = match config.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(url) => Transport_::Smtp(smtp_transport(url)?),
            None => {
                std::fs::create_dir_all(config.mail_dir())?;
                Transport_::Files(config.mail_dir())
            }
        };
        Ok(Mailer { from, transport })
    }

    pub fn send(&self, email: &Email) -> anyhow::Result<()> {
        let to: Mailbox = email.to.parse().map_err(|e| anyhow::anyhow!("bad recipient {}: {e}", email.to))?;
        let mut message = Message::builder().from(self.from.clone()).to(to).subject(&email.subject);
        if let Some(url) = &email.unsubscribe {
            const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
            const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");
            message = message
                .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE, format!("<{url}>")))
                .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click".into()));
        }
        let message = message.header(ContentType::TEXT_PLAIN).body(email.body.clone())?;
        match &self.transport {
            Transport_::Smtp(smtp) => {
                smtp.send(&message)?;
            }
            Transport_::Files(dir) => {
                FileTransport::new(dir).send(&message)?;
            }
        }
        Ok(())
    }
}

/// `smtp://host:port` (plain, for a local relay or test server).
fn smtp_transport(url: &str) -> anyhow::Result<SmtpTransport> {
    let rest = url
        .strip_prefix("smtp://")
        .ok_or_else(|| anyhow::anyhow!("SMTP_URL must look like smtp://host:port (got {url})"))?;
    let (host, port) = match rest.trim_end_matches('/').rsplit_once(':') {
        Some((host, port)) => {
            (host, port.parse().map_err(|_| anyhow::anyhow!("bad port in SMTP_URL {url}"))?)
        }
        None => (rest.trim_end_matches('/'), 25),
    };
    Ok(SmtpTransport::builder_dangerous(host).port(port).timeout(Some(Duration::from_secs(10))).build())
}

impl crate::jobs::Runner for Mailer {
    fn run(&self, kind: &str, payload: &serde_json::Value) -> anyhow::Result<()> {
        anyhow::ensure!(kind == JOB_KIND, "no runner for {kind} jobs");
        let email: Email = serde_json::from_value(payload.clone())?;
        self.send(&email)
    }
}
