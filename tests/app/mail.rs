//! Email over real SMTP to a real local server (Python's aiosmtpd, started by the tests), with
//! durable retries: mail requested while the server is down arrives once it is up.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::TestApp;

/// An SMTP server that stores what it receives in a Maildir.
pub(crate) struct SmtpSink {
    child: Child,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl SmtpSink {
    pub(crate) async fn start(port: u16) -> SmtpSink {
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

    pub(crate) fn messages(&self) -> Vec<String> {
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
    pub(crate) async fn wait_for(&self, n: usize) -> Vec<String> {
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

pub(crate) async fn app_with_smtp(port: u16) -> TestApp {
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

/// HTML with askama's numeric character references spelled as named ones, to read.
fn named_entities(html: &str) -> String {
    html.replace("&#60;", "&lt;")
        .replace("&#62;", "&gt;")
        .replace("&#38;", "&amp;")
        .replace("&#34;", "&quot;")
}

/// The parts of a `multipart/alternative` message, in order: each part's headers and body.
fn alternative_parts(message: &str) -> Vec<(String, String)> {
    let header_end = message.find("\r\n\r\n").or_else(|| message.find("\n\n")).expect("headers end");
    let headers = &message[..header_end];
    assert!(headers.contains("multipart/alternative"), "not multipart/alternative:\n{message}");
    let at = headers.find("boundary=").expect("a boundary") + "boundary=".len();
    let boundary: String = headers[at..]
        .trim_start_matches('"')
        .chars()
        .take_while(|c| *c != '"' && !c.is_whitespace())
        .collect();
    let delimiter = format!("--{boundary}");
    message[header_end..]
        .split(&delimiter)
        .skip(1)
        .filter(|part| !part.starts_with("--"))
        .map(|part| {
            let part = part.trim_start_matches(['\r', '\n']);
            let end = part.find("\r\n\r\n").or_else(|| part.find("\n\n")).unwrap_or(part.len());
            (part[..end].to_string(), part[end..].trim().to_string())
        })
        .collect()
}

#[actix_web::test]
async fn a_real_email_is_multipart_alternative_with_text_then_html_that_escapes_names() {
    let port = free_port();
    let sink = SmtpSink::start(port).await;
    let app = app_with_smtp(port).await;
    let reader = app.signup("html_reader").await;
    let fan = app.signup("html_fan").await;
    sink.wait_for(2).await;
    let res = app
        .json(
            "PATCH",
            "/api/v1/me",
            Some(&reader),
            json!({"display_name": "Eve <script>alert(1)</script>", "daily_digest": true}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let res =
        app.json("PATCH", "/api/v1/me", Some(&fan), json!({"display_name": "Fan & <b>Friends</b>"})).await;
    assert_eq!(res.status, 200, "{}", res.text());
    app.json("POST", "/api/v1/users/html_reader/follow", Some(&fan), json!({})).await;
    let queued = {
        let mut conn = app.state.pool.get().unwrap();
        sprout::social::digest::queue_digests(&mut conn, "http://sprout.test").unwrap()
    };
    assert_eq!(queued, 1);
    app.state.jobs_changed();
    let digest =
        sink.wait_for(3).await.into_iter().find(|m| m.contains("Subject: Your Sprout digest")).unwrap();

    let parts = alternative_parts(&digest);
    assert_eq!(parts.len(), 2, "{digest}");
    let (text_headers, text) = &parts[0];
    let (html_headers, html) = &parts[1];
    let html = &named_entities(html);
    assert!(text_headers.contains("Content-Type: text/plain"), "text first:\n{digest}");
    assert!(html_headers.contains("Content-Type: text/html"), "then HTML:\n{digest}");
    // The text part says it as it is; the HTML part escapes what people typed.
    assert!(text.contains("Hi Eve <script>alert(1)</script>,"), "{text}");
    assert!(text.contains("- Fan & <b>Friends</b> started following you"), "{text}");
    assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
    assert!(html.contains("Hi Eve &lt;script&gt;alert(1)&lt;/script&gt;,"), "{html}");
    assert!(html.contains("Fan &amp; &lt;b&gt;Friends&lt;/b&gt; started following you"), "{html}");
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    // Links are links, the unsubscribe one too.
    let token = token_in(text, "/unsubscribe");
    assert!(html.contains(&format!("<a href=\"http://sprout.test/unsubscribe?token={token}\">")), "{html}");
    assert!(html.contains("<a href=\"http://sprout.test/notifications\">"), "{html}");
}

/// The plain-text parts say, word for word, what Sprout's emails said before they had HTML.
#[test]
fn email_text_parts_keep_their_words_and_html_parts_escape() {
    use sprout::db::OrderId;
    use sprout::mail::templates::*;
    let base_url = "http://sprout.test";
    let (username, token) = ("amy", "abc123");

    let mail = Welcome { username, verify_url: format!("{base_url}/verify?token={token}") }
        .email("a@x.test", sprout::i18n::Lang::En);
    assert_eq!(mail.subject, "Welcome to Sprout: please confirm your email");
    assert_eq!(
        mail.body,
        format!(
            "Hi {username},\n\nWelcome to Sprout! Please confirm that this is your email address:\n\n\
             {base_url}/verify?token={token}\n\nThe link works for 7 days. If you did not sign up, ignore this \
             email.\n\n— Sprout"
        )
    );
    assert!(mail.html.unwrap().contains("<a href=\"http://sprout.test/verify?token=abc123\">"));

    let mail = PasswordReset { username, reset_url: format!("{base_url}/reset?token={token}") }
        .email("a@x.test", sprout::i18n::Lang::En);
    assert_eq!(mail.subject, "Reset your Sprout password");
    assert_eq!(
        mail.body,
        format!(
            "Hi {},\n\nSomeone (hopefully you) asked to reset your Sprout password. Choose a new one here:\n\n\
             {base_url}/reset?token={token}\n\nThe link works once, for one hour. If you did not ask, ignore \
             this email: your password stays as it is.\n\n— Sprout",
            username
        )
    );

    for group_buy in [false, true] {
        let confirmation = OrderConfirmation {
            display_name: "Amy <3",
            order_id: OrderId(7),
            brand: "Mail & Co",
            lines: vec![
                OrderLine { quantity: 2, product_name: "Oat <Balm>", line_total: "¥198.00" },
                OrderLine { quantity: 1, product_name: "Soap", line_total: "¥9.00" },
            ],
            total: "¥207.00",
            group_buy,
            shipping_name: "Amy Li",
            shipping_address: "3 Post Lane",
            order_url: format!("{base_url}/orders/7"),
        };
        let mail = confirmation.email("a@x.test", sprout::i18n::Lang::En);
        assert_eq!(mail.subject, "Your Sprout order #7 from Mail & Co");
        assert_eq!(
            mail.body,
            format!(
                "Hi {},\n\nThank you for your order #{} from {}:\n\n{}\n\nTotal: {} ({})\n\n{}:\n  {}\n  {}\n\n\
                 Follow it here: {base_url}/orders/{}\n\n— Sprout",
                "Amy <3",
                7,
                "Mail & Co",
                ["  2 × Oat <Balm>  ¥198.00", "  1 × Soap  ¥9.00"].join("\n"),
                "¥207.00",
                if group_buy { "pay on collection" } else { "pay on delivery" },
                if group_buy {
                    "A group buy: if it reaches its minimum by the cut-off, collect it at"
                } else {
                    "Delivering to"
                },
                "Amy Li",
                "3 Post Lane",
                7
            )
        );
        let html = named_entities(&mail.html.unwrap());
        assert!(
            html.contains("Amy &lt;3") && html.contains("Oat &lt;Balm&gt;") && html.contains("Mail &amp; Co")
        );
        assert!(!html.contains("<Balm>"), "{html}");
    }

    let reviews = || {
        vec![
            ReviewPrompt { product_name: "Oat Balm", url: format!("{base_url}/notes/new?order_item=3") },
            ReviewPrompt { product_name: "Soap", url: format!("{base_url}/notes/new?order_item=4") },
        ]
    };
    for (update, subject, text) in [
        (
            OrderUpdate::Delivered,
            "How was it? Your order #7 was delivered",
            format!(
                "Your order #{} from {} was delivered. How was it?\n\nWrite a review note; it carries a \
                 verified-purchase badge and the product is already tagged:\n\n{}",
                7,
                "Mail Co",
                [
                    format!("  Oat Balm: {base_url}/notes/new?order_item=3"),
                    format!("  Soap: {base_url}/notes/new?order_item=4"),
                ]
                .join("\n")
            ),
        ),
        (OrderUpdate::Shipped, "Your order #7 is on its way", "Mail Co shipped your order #7.".to_string()),
        (
            OrderUpdate::Cancelled,
            "Your order #7 was cancelled",
            "Mail Co cancelled your order #7; nothing will be charged.".to_string(),
        ),
    ] {
        let mail = OrderStatusChange {
            display_name: "Amy",
            order_id: OrderId(7),
            brand: "Mail Co",
            update,
            reviews: if update == OrderUpdate::Delivered { reviews() } else { Vec::new() },
            order_url: format!("{base_url}/orders/7"),
        }
        .email("a@x.test", sprout::i18n::Lang::En);
        assert_eq!(mail.subject, subject);
        assert_eq!(
            mail.body,
            format!("Hi {},\n\n{text}\n\nYour order: {base_url}/orders/{}\n\n— Sprout", "Amy", 7)
        );
    }

    let unsubscribe_url = format!("{base_url}/unsubscribe?token={token}");
    let mail = Digest {
        display_name: "Amy",
        fresh: 2,
        items: vec![
            DigestItem { who: "Bo", text: "started following you", url: format!("{base_url}/u/bo") },
            DigestItem { who: "Sprout moderators", text: "hid a note", url: format!("{base_url}/notes/1") },
        ],
        notifications_url: format!("{base_url}/notifications"),
        unsubscribe_url: &unsubscribe_url,
    }
    .email("a@x.test", sprout::i18n::Lang::En);
    assert_eq!(mail.subject, "Your Sprout digest: 2 new");
    let lines = [
        format!("- Bo started following you\n  {base_url}/u/bo"),
        format!("- Sprout moderators hid a note\n  {base_url}/notes/1"),
    ];
    assert_eq!(
        mail.body,
        format!(
            "Hi {},\n\nHere is what happened on Sprout since your last digest:\n\n{}\n\nSee everything: {base_url}/notifications\n\n\
             You get this because you asked for a daily digest. Unsubscribe with one click:\n{unsubscribe_url}\n\n— Sprout",
            "Amy",
            lines.join("\n")
        )
    );

    let (message, reason) =
        ("This account is suspended for good for breaking Sprout's rules.", "spam <links>");
    let mail = Suspension { display_name: "Amy", message, reason, login_url: format!("{base_url}/login") }
        .email("a@x.test", sprout::i18n::Lang::En);
    assert_eq!(mail.subject, "Your Sprout account is suspended");
    assert_eq!(
        mail.body,
        format!(
            "Hi {},\n\n{message}\n\nThe moderators' reason: {reason}\n\nIf you think this is a mistake, log in at \
             {base_url}/login to appeal, once, in your own words.\n\n— Sprout",
            "Amy"
        )
    );
    assert!(named_entities(&mail.html.unwrap()).contains("spam &lt;links&gt;"));

    let order = OrderId(9);
    for price in [Some("¥50.00".to_string()), None] {
        let mail = TeamSettled {
            display_name: "Amy",
            product_name: "Oat Balm",
            order_id: order,
            size: 3,
            price: price.clone(),
            team_url: format!("{base_url}/teams/4"),
        }
        .email("a@x.test", sprout::i18n::Lang::En);
        let (subject, text) = match &price {
            Some(price) => (
                format!("Your team made it: {} for {}", "Oat Balm", price),
                format!(
                    "{} people joined your team, so everyone pays the team price of {}. Your order #{order} is confirmed.",
                    3, price
                ),
            ),
            None => (
                format!("Your team for {} did not fill", "Oat Balm"),
                format!("Time ran out before enough people joined. Your order #{order} is cancelled and nothing is charged."),
            ),
        };
        assert_eq!(mail.subject, subject);
        assert_eq!(
            mail.body,
            format!("Hi {},\n\n{text}\n\nThe team: {base_url}/teams/{}\n\n— Sprout", "Amy", 4)
        );
    }

    let (brand, point_name, point_line) = ("Mail Co", "Corner Shop", "Corner Shop, 1 Road (open 9-5)");
    for confirmed in [true, false] {
        let mail = RunSettled {
            display_name: "Amy",
            order_id: order,
            brand,
            point_name,
            point_line: point_line.to_string(),
            confirmed,
            orders: 1,
            min_orders: 2,
            order_url: format!("{base_url}/orders/{order}"),
        }
        .email("a@x.test", sprout::i18n::Lang::En);
        let text = if confirmed {
            format!(
                "The group buy reached its minimum, so your order #{order} from {brand} is confirmed. \
                 Collect it at {} once the leader tells you it has arrived.",
                point_line
            )
        } else {
            format!(
                "The group buy at {} closed with {} of the {} orders it needed, so your order #{order} \
                 from {brand} is cancelled and nothing is charged.",
                point_name, 1, 2
            )
        };
        let subject = if confirmed {
            format!("Your group buy at {} is on", point_name)
        } else {
            format!("Your group buy at {} did not reach its minimum", point_name)
        };
        assert_eq!(mail.subject, subject);
        assert_eq!(
            mail.body,
            format!("Hi {},\n\n{text}\n\nYour order: {base_url}/orders/{order}\n\n— Sprout", "Amy")
        );

        let id = 5;
        let mail = RunClosed {
            display_name: "Lee",
            brand,
            point_name,
            confirmed,
            orders: 3,
            min_orders: 2,
            url: if confirmed {
                format!("{base_url}/runs/{id}/picklist")
            } else {
                format!("{base_url}/runs/{id}")
            },
        }
        .email("l@x.test", sprout::i18n::Lang::En);
        let body = if confirmed {
            format!(
                "The {brand} group buy at {} closed with {} orders (the minimum was {}) and is confirmed.\n\n\
                 The pick list, per customer and per product, printable and as CSV:\n{base_url}/runs/{id}/picklist",
                point_name, 3, 2
            )
        } else {
            format!(
                "The {brand} group buy at {} closed with {} of the {} orders it needed and is cancelled; \
                 every order in it is cancelled and its stock is back on sale.\n\n{base_url}/runs/{id}",
                point_name, 3, 2
            )
        };
        assert_eq!(
            mail.subject,
            format!(
                "Group buy at {} {}",
                point_name,
                if confirmed { "confirmed: your pick list" } else { "cancelled" }
            )
        );
        assert_eq!(mail.body, format!("Hi {},\n\n{body}\n\n— Sprout", "Lee"));
    }

    for approved in [true, false] {
        let mail = PointReviewed {
            display_name: "Lee",
            point_name,
            point_address: "1 Road",
            approved,
            points_url: format!("{base_url}/pickup-points"),
        }
        .email("l@x.test", sprout::i18n::Lang::En);
        let (subject, body) = if approved {
            (
                format!("Your pickup point {} is approved", point_name),
                format!(
                    "Hi {},\n\n{} is approved: brands can now open group buys there, and you will get \
                     each run's pick list when it closes.\n\nYour pickup points: {base_url}/pickup-points\n\n— Sprout",
                    "Lee", point_name
                ),
            )
        } else {
            (
                format!("Your pickup point {} was not approved", point_name),
                format!(
                    "Hi {},\n\nAn admin did not approve {} ({}). You are welcome to register a point again \
                     with a full address and opening hours.\n\nYour pickup points: {base_url}/pickup-points\n\n— Sprout",
                    "Lee", point_name, "1 Road"
                ),
            )
        };
        assert_eq!((mail.subject, mail.body), (subject, body));
    }
}
