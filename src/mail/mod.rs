//! Email. Every message is a durable job enqueued with what caused it; the job worker sends it
//! over SMTP (`SMTP_URL`, e.g. `smtp://127.0.0.1:2525`) or, with no SMTP configured, writes it to
//! `DATA_DIR/mail/` as an `.eml` file. If the mail server is down, mail waits and goes out when
//! it is back; a restart loses nothing.

pub mod templates;

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::db::DbConnection;

pub const JOB_KIND: &str = "email";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    /// The plain-text part (or the whole message when there is no `html`).
    pub body: String,
    /// The HTML part, sent with `body` as `multipart/alternative`. Jobs queued before it
    /// existed have none: they go out as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// For mail people subscribe to (the digest): the one-click unsubscribe address, sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC 8058), so mail clients offer it and
    /// unsubscribe by POST. Link scanners only ever GET, which asks first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

impl Email {
    /// A transactional email (no unsubscribe).
    pub fn new(to: impl Into<String>, subject: impl Into<String>, body: impl Into<String>) -> Email {
        Email { to: to.into(), subject: subject.into(), body: body.into(), html: None, unsubscribe: None }
    }
}

/// Queues an email in the caller's transaction.
pub fn enqueue(conn: &mut DbConnection, email: &Email) -> diesel::QueryResult<()> {
    crate::jobs::schedule(conn, email)
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
            Some(url) => Transport_::Smtp(smtp_transport(url, config.smtp_ca_file.as_deref())?),
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
        let message = match &email.html {
            // Text first, then HTML: clients show the last part they can.
            Some(html) => {
                message.multipart(MultiPart::alternative_plain_html(email.body.clone(), html.clone()))?
            }
            None => message.header(ContentType::TEXT_PLAIN).body(email.body.clone())?,
        };
        match &self.transport {
            Transport_::Smtp(smtp) => {
                smtp.send(&message)?;
            }
            Transport_::Files(dir) => {
                // Written beside the directory, then moved in whole: whoever reads the
                // directory never meets half a mail.
                let partial = dir.with_extension("partial");
                std::fs::create_dir_all(&partial)?;
                let name = format!("{}.eml", FileTransport::new(&partial).send(&message)?);
                std::fs::rename(partial.join(&name), dir.join(&name))?;
            }
        }
        Ok(())
    }
}

/// The SMTP transport `SMTP_URL` names, through lettre's own URL handling (pooled):
///
/// - `smtp://host:25` — plain, for a relay on the same machine;
/// - `smtp://user:pass@host:587` — STARTTLS, required on the submission port 587 (say
///   `?tls=opportunistic` to allow a plain fallback, or `?tls=required` on another port);
/// - `smtps://user:pass@host:465` — TLS from the first byte.
///
/// `ca_file` (`SPROUT_SMTP_CA_FILE`) names a PEM file of extra trusted roots, for a private
/// relay. The password is never logged: see [`redact`].
fn smtp_transport(url: &str, ca_file: Option<&std::path::Path>) -> anyhow::Result<SmtpTransport> {
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    let url = url.trim();
    let (scheme, rest) = url.split_once("://").ok_or_else(|| {
        anyhow::anyhow!("SMTP_URL must look like smtp://host:port or smtps://host ({})", redact(url))
    })?;
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h, p.parse::<u16>().ok()),
        None => (host_port, None),
    };
    let tls_param = rest
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("tls=")).map(str::to_string));
    // STARTTLS is required by default on the submission port.
    let url = match (scheme, port, &tls_param) {
        ("smtp", Some(587), None) => {
            let joiner = if url.contains('?') { '&' } else { '?' };
            format!("{url}{joiner}tls=required")
        }
        _ => url.to_string(),
    };
    let mut builder = SmtpTransport::from_url(&url)
        .map_err(|e| anyhow::anyhow!("SMTP_URL {} is not usable: {e}", redact(&url)))?
        .timeout(Some(Duration::from_secs(10)));
    if let Some(ca_file) = ca_file {
        let pem = std::fs::read(ca_file)
            .map_err(|e| anyhow::anyhow!("cannot read SPROUT_SMTP_CA_FILE {}: {e}", ca_file.display()))?;
        let root = Certificate::from_pem(&pem).map_err(|e| {
            anyhow::anyhow!("SPROUT_SMTP_CA_FILE {} is not a PEM certificate: {e}", ca_file.display())
        })?;
        let params = TlsParameters::builder(host.to_string())
            .add_root_certificate(root)
            .build()
            .map_err(|e| anyhow::anyhow!("TLS settings for {host}: {e}"))?;
        let tls =
            match (scheme, tls_param.as_deref().unwrap_or(if port == Some(587) { "required" } else { "" })) {
                ("smtps", _) => Some(Tls::Wrapper(params)),
                (_, "required") => Some(Tls::Required(params)),
                (_, "opportunistic") => Some(Tls::Opportunistic(params)),
                _ => None,
            };
        if let Some(tls) = tls {
            builder = builder.tls(tls);
        }
    }
    Ok(builder.build())
}

/// An SMTP URL fit for a log: the password replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// Sending an email is a job: queued in the transaction that caused it, retried until the relay
/// takes it.
impl crate::jobs::Job for Email {
    const KIND: &'static str = JOB_KIND;

    fn run(self, ctx: &crate::JobContext) -> anyhow::Result<()> {
        ctx.mailer.send(&self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn payloads_queued_before_html_parts_still_send_as_plain_text() {
        let old = serde_json::json!({"to": "a@example.com", "subject": "Hi", "body": "Hello"});
        let email: super::Email = serde_json::from_value(old).unwrap();
        assert_eq!((email.body.as_str(), email.html, email.unsubscribe), ("Hello", None, None));
    }

    #[test]
    fn passwords_never_reach_a_log_line() {
        assert_eq!(
            super::redact("smtp://mailer:s3cret@mail.example:587?tls=required"),
            "smtp://mailer:***@mail.example:587?tls=required"
        );
        assert_eq!(super::redact("smtps://mail.example"), "smtps://mail.example");
        assert_eq!(super::redact("smtp://u:p%40ss@h:25/client"), "smtp://u:***@h:25/client");
    }
}
