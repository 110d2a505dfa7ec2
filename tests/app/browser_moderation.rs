//! Trust and safety in a phone-sized headless Chromium, through plain pages: a reader reports a
//! note, a moderator hides it from the queue, the modlog says why, the author appeals from the
//! note, and the moderator's reversal brings the note back.

use serde_json::json;

use crate::browser::Driver;
use crate::common::TestApp;

#[actix_web::test]
async fn report_queue_hide_modlog_appeal_restore_in_the_browser() {
    let Some(driver) = Driver::start().await else { return };
    let app = TestApp::start().await;
    let author = app.signup("shill").await;
    app.signup("reader").await;
    app.signup("mod_mia").await;
    sprout::accounts::service::grant_moderator(&mut app.state.pool.get().unwrap(), "mod_mia").unwrap();
    let note = app.note(&author, "Zorbex serum changed my life").await["id"].as_i64().unwrap();
    let note_url = format!("{}/notes/{note}", app.url);
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.session(profile.path()).await;

    // The reader reports the note from its page.
    browser.log_in(&app, "reader").await;
    browser.goto(&note_url).await;
    browser.click("a[href^='/report?target_type=note']").await;
    browser.wait_for_url("the report form", |url| url.contains("/report?")).await;
    browser.click("input[name=reason][value=undisclosed_ad]").await;
    browser.type_into("textarea[name=details]", "They sell this serum themselves").await;
    browser.click("form[action='/report'] button[type=submit]").await;
    browser.wait_for_text("h1", "Thank you").await;

    // The moderator sees it in the queue, with the reporter's words, and hides it.
    browser.log_in(&app, "mod_mia").await;
    browser.goto(&format!("{}/moderation", app.url)).await;
    assert!(browser.text(".queue-item").await.contains("They sell this serum themselves"));
    browser.script("document.querySelector('.queue-item select[name=action]').value = 'hide'").await;
    browser.type_into(".queue-item input[name=reason]", "Undisclosed paid review").await;
    browser.click(".queue-item form button.primary").await;
    browser.wait_for_text(".empty", "No open reports. 🎉").await;

    // Gone for the reader; the public modlog says what and why, never who reported.
    browser.log_in(&app, "reader").await;
    browser.goto(&note_url).await;
    assert_eq!(browser.text("h1").await, "Not found");
    browser.goto(&format!("{}/modlog", app.url)).await;
    let entry = browser.text(".modlog li").await;
    assert!(entry.contains("hid a note — Undisclosed paid review"), "{entry}");
    let named =
        browser.script("return document.querySelector('main').textContent.includes('They sell this')").await;
    assert_eq!(named, json!(false), "the reporter's words stay with the moderators");

    // The author sees why on the note and appeals.
    browser.log_in(&app, "shill").await;
    browser.goto(&note_url).await;
    assert!(browser.text(".note-body .error").await.contains("Undisclosed paid review"));
    browser.click("a[href^='/appeals/new']").await;
    browser.wait_for_url("the appeal form", |url| url.contains("/appeals/new")).await;
    browser.type_into("textarea[name=text]", "I bought it with my own money").await;
    browser.click("form[action='/appeals'] button[type=submit]").await;
    browser.wait_for_text("h1", "Your appeal is in").await;

    // The moderator reverses it; the note is back for everyone.
    browser.log_in(&app, "mod_mia").await;
    browser.goto(&format!("{}/moderation", app.url)).await;
    assert!(browser.text("blockquote").await.contains("I bought it with my own money"));
    browser.click("button[name=decision][value=reversed]").await;
    browser.wait_for_text("#appeals + .empty", "No open appeals.").await;
    browser.log_in(&app, "reader").await;
    browser.goto(&note_url).await;
    assert_eq!(browser.text(".note h1").await, "Zorbex serum changed my life");
    browser.goto(&format!("{}/modlog", app.url)).await;
    assert!(browser.text(".modlog li").await.starts_with("restored a note"));
    let overflow = browser.script("return document.documentElement.scrollWidth <= window.innerWidth").await;
    assert_eq!(overflow, json!(true), "the modlog fits a phone screen");
    browser.screenshot("journey-moderation").await;
    browser.quit().await;
}
