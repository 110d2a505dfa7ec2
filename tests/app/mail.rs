//! Email over real SMTP to a real local server (Python's aiosmtpd, started by the tests), with
//! durable retries: mail requested while the server is down arrives once it is up.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::TestApp;

/// An SMTP server that stores what it receives in a Maildir.
struct SmtpSink {
    child: Child,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl SmtpSink {
    async fn start(port: u16) -> SmtpSink {
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("maildir");
        let child = Command::new("/usr/bin/python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd (apt-get install python3-aiosmtpd)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(15), "aiosmtpd did not start");
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
        SmtpSink { child, maildir, _dir: dir }
    }

    fn messages(&self) -> Vec<String> {
        let mut found: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(self.maildir.join("new"))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| {
                        (
                            e.metadata().and_then(|m| m.modified()).unwrap(),
                            std::fs::read_to_string(e.path()).unwrap(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        found.into_iter().map(|(_, m)| decode_quoted_printable(&m)).collect()
    }

    /// Waits until at least `n` messages arrived.
    async fn wait_for(&self, n: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "only {} of {n} emails arrived",
                messages.len()
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn decode_quoted_printable(text: &str) -> String {
    text.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
}

/// The token of the first `path?token=` link in a message.
fn token_in(message: &str, path: &str) -> String {
    let marker = format!("{path}?token=");
    let at =
        message.find(&marker).unwrap_or_else(|| panic!("no {marker} link in:\n{message}")) + marker.len();
    message[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

async fn app_with_smtp(port: u16) -> TestApp {
    TestApp::start_with(|c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        c.retry_base = Duration::from_millis(100);
    })
    .await
}

#[actix_web::test]
async fn signup_sends_a_verification_link_that_confirms_the_email() {
    let port = free_port();
    let sink = SmtpSink::start(port).await;
    let app = app_with_smtp(port).await;
    let token = app.signup("verify_me").await;
    assert_eq!(app.get_as("/api/v1/me", &token).await.json()["email_verified"], false);
    let mail = sink.wait_for(1).await.remove(0);
    assert!(
        mail.contains("To: verify_me@example.com") && mail.contains("Subject: Welcome to Sprout"),
        "{mail}"
    );
    let link = token_in(&mail, "/verify");
    let page = app.get(&format!("/verify?token={link}")).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Your email is confirmed"));
    assert_eq!(app.get_as("/api/v1/me", &token).await.json()["email_verified"], true);
    assert_eq!(app.get(&format!("/verify?token={link}")).await.status, 422, "a link works once");
}

#[actix_web::test]
async fn a_password_reset_link_works_once_and_logs_out_everywhere() {
    let port = free_port();
    let sink = SmtpSink::start(port).await;
    let app = app_with_smtp(port).await;
    let old_token = app.signup("forgetful").await;
    sink.wait_for(1).await;

    let res = app
        .json("POST", "/api/v1/auth/password-reset", None, json!({"email": "Forgetful@example.com"}))
        .await;
    assert_eq!(res.status, 202);
    let nobody =
        app.json("POST", "/api/v1/auth/password-reset", None, json!({"email": "nobody@example.com"})).await;
    assert_eq!(nobody.status, 202, "the same answer for unknown emails");
    assert_eq!(nobody.json(), res.json());
    let messages = sink.wait_for(2).await;
    let mail =
        messages.iter().find(|m| m.contains("Subject: Reset your Sprout password")).expect("the reset mail");
    let reset = token_in(mail, "/reset");

    // The link opens a form; the form sets the password.
    let mut visitor = app.visitor();
    let csrf = visitor.csrf(&format!("/reset?token={reset}")).await;
    let res = visitor
        .post_form("/reset", &[("csrf", &csrf), ("token", &reset), ("password", "a brand new secret")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let again = visitor
        .post_form("/reset", &[("csrf", &csrf), ("token", &reset), ("password", "another new secret")])
        .await;
    assert_eq!(again.status, 422, "single use");
    assert!(again.text().contains("Ask for a new link"));

    assert_eq!(app.get_as("/api/v1/me", &old_token).await.status, 401, "old sessions end");
    let login = |password: &'static str| {
        app.json("POST", "/api/v1/auth/login", None, json!({"login": "forgetful", "password": password}))
    };
    assert_eq!(login("correct horse battery").await.status, 401);
    assert_eq!(login("a brand new secret").await.status, 200);
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 2, "nothing was sent for the unknown email");
}

#[actix_web::test]
async fn mail_requested_while_the_server_is_down_arrives_when_it_is_back_without_a_resend() {
    let port = free_port();
    let app = app_with_smtp(port).await;
    app.signup("patient").await;
    let res =
        app.json("POST", "/api/v1/auth/password-reset", None, json!({"email": "patient@example.com"})).await;
    assert_eq!(res.status, 202);
    // Let the worker fail a few times against the closed port.
    let started = Instant::now();
    loop {
        #[derive(diesel::QueryableByName)]
        struct Tries {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            n: i32,
        }
        let mut conn = app.state.pool.get().unwrap();
        let tries: Tries = diesel::RunQueryDsl::get_result(
            diesel::sql_query(
                "SELECT CAST(COALESCE(MIN(attempts), 0) AS INTEGER) AS n FROM jobs WHERE kind = 'email'",
            ),
            &mut *conn,
        )
        .unwrap();
        if tries.n >= 2 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the worker never tried");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    let sink = SmtpSink::start(port).await;
    let messages = sink.wait_for(2).await;
    assert!(messages.iter().any(|m| m.contains("Subject: Reset your Sprout password")));
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.messages().len(), 2, "each email exactly once");
}

#[actix_web::test]
async fn without_smtp_mail_is_written_to_the_data_directory() {
    let app = TestApp::start().await;
    app.signup("offline").await;
    let dir = app.dir.path().join("mail");
    let started = Instant::now();
    loop {
        let files: Vec<_> = std::fs::read_dir(&dir).map(|d| d.flatten().collect()).unwrap_or_default();
        if let Some(file) = files.first() {
            let mail = decode_quoted_printable(&std::fs::read_to_string(file.path()).unwrap());
            assert!(mail.contains("offline@example.com") && mail.contains("/verify?token="));
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no mail file in {}", dir.display());
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
async fn the_opt_in_daily_digest_lists_new_notifications_and_unsubscribes_in_one_click() {
    let port = free_port();
    let sink = SmtpSink::start(port).await;
    let app = app_with_smtp(port).await;
    let reader = app.signup("digest_reader").await;
    let quiet = app.signup("digest_quiet").await;
    let fan = app.signup("digest_fan").await;
    sink.wait_for(3).await;
    let res = app.json("PATCH", "/api/v1/me", Some(&reader), json!({"daily_digest": true})).await;
    assert_eq!(res.json()["daily_digest"], true);
    app.json("POST", "/api/v1/users/digest_reader/follow", Some(&fan), json!({})).await;
    app.json("POST", "/api/v1/users/digest_quiet/follow", Some(&fan), json!({})).await;
    let _ = quiet;

    let queue = || {
        let mut conn = app.state.pool.get().unwrap();
        sprout::social::digest::queue_digests(&mut conn, "http://sprout.test").unwrap()
    };
    assert_eq!(queue(), 1, "only the one who opted in");
    app.state.jobs_changed();
    let digest =
        sink.wait_for(4).await.into_iter().find(|m| m.contains("Subject: Your Sprout digest")).unwrap();
    assert!(digest.contains("To: digest_reader@example.com"));
    assert!(digest.contains("started following you"), "{digest}");
    assert_eq!(queue(), 0, "at most one a day");

    let token = token_in(&digest, "/unsubscribe");
    // Mail clients offer the one-click unsubscribe of RFC 8058.
    assert!(
        digest.contains(&format!("List-Unsubscribe: <http://sprout.test/unsubscribe?token={token}>")),
        "{digest}"
    );
    assert!(digest.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{digest}");
    // A link scanner that opens the link only gets the question.
    let page = app.get(&format!("/unsubscribe?token={token}")).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Stop the daily digest?"), "{}", page.text());
    assert_eq!(app.get_as("/api/v1/me", &reader).await.json()["daily_digest"], true);
    // The mail client's one-click POST, with no cookies, unsubscribes.
    let done = app
        .visitor()
        .post_form(&format!("/unsubscribe?token={token}"), &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(done.status, 200);
    assert!(done.text().contains("You are unsubscribed"));
    assert_eq!(app.get_as("/api/v1/me", &reader).await.json()["daily_digest"], false);
    assert_eq!(app.get("/unsubscribe?token=nonsense").await.status, 422);
    assert_eq!(app.visitor().post_form("/unsubscribe", &[("token", "nonsense")]).await.status, 422);
}

#[actix_web::test]
async fn an_order_is_confirmed_and_its_delivery_asks_for_a_review_by_email() {
    let port = free_port();
    let smtp = SmtpSink::start(port).await;
    let app = app_with_smtp(port).await;
    let brand = app.signup("mailbrand").await;
    let buyer = app.signup("mailbuyer").await;
    app.json("POST", "/api/v1/brands", Some(&brand), json!({"name": "Mail Co", "slug": "mail-co"})).await;
    let product = app
        .json(
            "POST",
            "/api/v1/brands/mail-co/products",
            Some(&brand),
            json!({"name": "Oat Balm", "price_cents": 9900, "currency": "CNY", "stock": 4}),
        )
        .await
        .json()["id"]
        .clone();
    app.json("POST", "/api/v1/cart/items", Some(&buyer), json!({"product_id": product, "quantity": 2})).await;
    let order = app
        .json(
            "POST",
            "/api/v1/checkout",
            Some(&buyer),
            json!({"shipping": {"name": "Mail Buyer", "address": "3 Post Lane, Suzhou"}, "idempotency_key": "m1"}),
        )
        .await
        .json();
    let id = order["id"].as_i64().unwrap();
    // Two signup verifications, then the confirmation.
    let messages = smtp.wait_for(3).await;
    let confirmation =
        messages.iter().find(|m| m.contains(&format!("Your Sprout order #{id}"))).expect("confirmation");
    assert!(confirmation.contains("To: mailbuyer@example.com"), "{confirmation}");
    assert!(confirmation.contains("Oat Balm") && confirmation.contains("198.00"), "{confirmation}");

    for status in ["shipped", "delivered"] {
        let res = app
            .json("POST", &format!("/api/v1/orders/{id}/status"), Some(&brand), json!({"status": status}))
            .await;
        assert_eq!(res.status, 200, "{}", res.text());
    }
    let messages = smtp.wait_for(5).await;
    let prompt = messages.iter().find(|m| m.contains("How was it?")).expect("the review prompt");
    let item = order["items"][0]["id"].as_i64().unwrap();
    let link = format!("/notes/new?order_item={item}");
    assert!(prompt.contains(&link), "{prompt}");
    // The link opens the composer with the product named, for the buyer.
    let mut visitor = app.visitor();
    let csrf = visitor.csrf("/login").await;
    let res = visitor
        .post_form(
            "/login",
            &[("csrf", &csrf), ("login", "mailbuyer"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = visitor.get(&link).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Reviewing <strong>Oat Balm</strong>"), "{}", page.text());
}
