//! Mail through a relay that requires STARTTLS and a login, as real providers do: a local
//! aiosmtpd speaking STARTTLS with a certificate from a test CA (trusted through
//! SPROUT_SMTP_CA_FILE) and refusing anyone without the right password.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestApp;

const SERVER: &str = r#"
import asyncio, ssl, sys
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult

port, maildir, cert, key, user, password = sys.argv[1:7]

def check(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == user.encode() and auth_data.password == password.encode()
    return AuthResult(success=ok)

context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=int(port), tls_context=context,
                        require_starttls=True, authenticator=check, auth_required=True)
controller.start()
print("ready", flush=True)
sys.stdin.read()
"#;

/// A certificate authority and a certificate it signed for `localhost`.
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let run = |args: &[&str]| {
        let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Sprout test CA",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "relay.key",
        "-out",
        "relay.csr",
        "-subj",
        "/CN=localhost",
    ]);
    std::fs::write(dir.join("ext.cnf"), "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n").unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "relay.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "relay.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    (dir.join("ca.pem"), dir.join("relay.pem"), dir.join("relay.key"))
}

struct Relay {
    child: Child,
    maildir: PathBuf,
}

impl Relay {
    async fn start(port: u16, dir: &Path, cert: &Path, key: &Path, password: &str) -> Relay {
        let maildir = dir.join("maildir");
        let mut child = Command::new("/usr/bin/python3")
            .args(["-c", SERVER, &port.to_string()])
            .arg(&maildir)
            .args([cert, key])
            .args(["sprout", password])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd (apt-get install python3-aiosmtpd)");
        let mut ready = String::new();
        use std::io::BufRead;
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut ready).unwrap();
        assert_eq!(ready.trim(), "ready", "the relay did not start");
        Relay { child, maildir }
    }

    fn messages(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.join("new"))
            .map(|d| d.flatten().map(|e| std::fs::read_to_string(e.path()).unwrap_or_default()).collect())
            .unwrap_or_default()
    }

    async fn wait_for(&self, n: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let found = self.messages();
            if found.len() >= n {
                return found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "only {} of {n} emails arrived",
                found.len()
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn app_sending_to(port: u16, password: &str, ca: &Path) -> TestApp {
    let (url, ca) = (format!("smtp://sprout:{password}@localhost:{port}?tls=required"), ca.to_path_buf());
    TestApp::start_with(move |c| {
        c.smtp_url = Some(url);
        c.smtp_ca_file = Some(ca);
        c.retry_base = Duration::from_millis(200);
    })
    .await
}

#[actix_web::test]
async fn mail_goes_out_over_starttls_with_a_login() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let port = free_port();
    let relay = Relay::start(port, dir.path(), &cert, &key, "relay-secret").await;
    let app = app_sending_to(port, "relay-secret", &ca).await;
    app.signup("tls_mia").await;
    let mail = relay.wait_for(1).await;
    assert!(mail[0].contains("To: tls_mia@example.com"), "{}", mail[0]);
    assert!(mail[0].contains("confirm"), "{}", mail[0]);
}

#[actix_web::test]
async fn a_refused_login_is_retried_until_the_relay_takes_the_mail() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let port = free_port();
    let relay = Relay::start(port, dir.path(), &cert, &key, "old-password").await;
    let app = app_sending_to(port, "new-password", &ca).await;
    app.signup("tls_bo").await;
    // The relay refuses the login: nothing arrives, and the email waits as a job with the error.
    let started = Instant::now();
    let error = loop {
        let row: Option<(i32, Option<String>)> = {
            use diesel::prelude::*;
            sprout::schema::jobs::table
                .filter(sprout::schema::jobs::kind.eq("email"))
                .filter(sprout::schema::jobs::done_at.is_null())
                .select((sprout::schema::jobs::attempts, sprout::schema::jobs::last_error))
                .first(&mut *app.state.pool.get().unwrap())
                .optional()
                .unwrap()
        };
        if let Some((_, Some(error))) = row.filter(|(attempts, _)| *attempts >= 1) {
            break error;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the refused send was never recorded");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(!error.contains("new-password"), "the password is never written down: {error}");
    assert!(relay.messages().is_empty());
    // The relay's password is changed to Sprout's: the next retry delivers it, once.
    drop(relay);
    let relay = Relay::start(port, dir.path(), &cert, &key, "new-password").await;
    app.state.jobs_changed();
    let mail = relay.wait_for(1).await;
    assert!(mail[0].contains("To: tls_bo@example.com"));
    actix_web::rt::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(relay.messages().len(), 1, "sent once");
}

#[actix_web::test]
async fn a_relay_whose_certificate_is_not_trusted_gets_no_mail() {
    let dir = tempfile::tempdir().unwrap();
    let (_, cert, key) = certificates(dir.path());
    let other = tempfile::tempdir().unwrap();
    let (stranger_ca, _, _) = certificates(other.path());
    let port = free_port();
    let relay = Relay::start(port, dir.path(), &cert, &key, "relay-secret").await;
    let app = app_sending_to(port, "relay-secret", &stranger_ca).await;
    app.signup("tls_cai").await;
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
    assert!(relay.messages().is_empty(), "no mail to a relay that could be anyone");
    let error: Option<String> = {
        use diesel::prelude::*;
        sprout::schema::jobs::table
            .filter(sprout::schema::jobs::kind.eq("email"))
            .select(sprout::schema::jobs::last_error)
            .first(&mut *app.state.pool.get().unwrap())
            .unwrap()
    };
    assert!(error.is_some_and(|e| !e.is_empty()));
}

#[actix_web::test]
async fn finished_jobs_are_deleted_after_the_retention_so_mail_bodies_do_not_linger() {
    use diesel::prelude::*;
    use sprout::schema::jobs;
    let app = TestApp::start().await;
    app.signup("retention_ru").await;
    let mut conn = app.state.pool.get().unwrap();
    let started = Instant::now();
    while jobs::table.filter(jobs::done_at.is_not_null()).count().get_result::<i64>(&mut *conn).unwrap() == 0
    {
        assert!(started.elapsed() < Duration::from_secs(20), "the welcome mail was never sent");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Sent just now: kept.
    assert_eq!(sprout::jobs::prune(&mut conn, sprout::jobs::RETENTION).unwrap(), 0);
    // Sent eight days ago: deleted, with its body and link.
    let eight_days_ago = sprout::db::now() - chrono::Duration::days(8);
    diesel::update(jobs::table.filter(jobs::done_at.is_not_null()))
        .set(jobs::done_at.eq(Some(eight_days_ago)))
        .execute(&mut *conn)
        .unwrap();
    assert!(sprout::jobs::prune(&mut conn, sprout::jobs::RETENTION).unwrap() >= 1);
    let left: Vec<String> = jobs::table.select(jobs::payload).load(&mut *conn).unwrap();
    assert!(left.iter().all(|p| !p.contains("retention_ru")), "{left:?}");
}
