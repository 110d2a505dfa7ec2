//! Sprout in Chinese and English: both catalogues complete, the language chosen as a shopper
//! expects (their setting, else the browser, else `?lang=` and its cookie), and the API's error
//! messages in it while their codes stay the same.

use std::collections::BTreeSet;

use serde_json::json;
use sprout::i18n::{catalogue_ids, Lang};

use crate::common::TestApp;

#[test]
fn both_catalogues_hold_the_same_messages_in_the_same_files() {
    let en = catalogue_ids(Lang::En);
    let zh = catalogue_ids(Lang::Zh);
    assert!(en.len() > 100, "the English catalogue is read: {} messages", en.len());
    for (lang, ids) in [("en", &en), ("zh-CN", &zh)] {
        let mut seen = BTreeSet::new();
        let twice: Vec<_> = ids.iter().filter(|(_, id)| !seen.insert(id.clone())).collect();
        assert!(twice.is_empty(), "{lang}: messages defined twice: {twice:?}");
    }
    let en: BTreeSet<_> = en.into_iter().collect();
    let zh: BTreeSet<_> = zh.into_iter().collect();
    let only_en: Vec<_> = en.difference(&zh).collect();
    let only_zh: Vec<_> = zh.difference(&en).collect();
    assert!(only_en.is_empty(), "not in Chinese (file, id): {only_en:?}");
    assert!(only_zh.is_empty(), "not in English (file, id): {only_zh:?}");
}

#[test]
fn every_chinese_message_is_chinese() {
    // A message copied over untranslated is English in the Chinese catalogue.
    let english_only: Vec<_> = catalogue_ids(Lang::Zh)
        .into_iter()
        .map(|(_, id)| id)
        .filter(|id| match (Lang::Zh.own(id), Lang::En.own(id)) {
            (Some(zh), Some(en)) => zh == en && zh.chars().any(|c| c.is_ascii_alphabetic()),
            _ => false,
        })
        .collect();
    assert!(english_only.is_empty(), "the same words in both catalogues: {english_only:?}");
}

/// Every string literal of `line` that could be a message id: lowercase words joined by `-`.
fn id_literals(line: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('"') {
        let before = &rest[..open];
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else { break };
        let text = &after[..close];
        let id_like = text.contains('-')
            && text.starts_with(|c: char| c.is_ascii_lowercase())
            && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if id_like {
            found.push((before, text));
        }
        rest = &after[close + 1..];
    }
    found
}

fn files_under(dir: &std::path::Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn every_message_the_code_asks_for_is_in_both_catalogues() {
    // A missing message is only a logged warning at run time (the reader gets English, or the
    // id); here it fails. Read: every literal handed to `t(`, `msg(`, `msg!(` or `Msg::new(`,
    // and any other id-shaped literal in the code whose first word begins catalogue ids
    // (labels picked by a `match`, CSV header lists).
    let ids: BTreeSet<String> = catalogue_ids(Lang::En).into_iter().map(|(_, id)| id).collect();
    let zh: BTreeSet<String> = catalogue_ids(Lang::Zh).into_iter().map(|(_, id)| id).collect();
    let first_words: BTreeSet<&str> = ids.iter().filter_map(|id| id.split('-').next()).collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("src"), "rs", &mut files);
    files_under(&root.join("templates"), "html", &mut files);
    files_under(&root.join("templates"), "txt", &mut files);
    let (mut asked, mut missing) = (0, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for (before, id) in id_literals(line) {
                let called = ["t(", "msg(", "msg!(", "Msg::new("].iter().any(|call| {
                    before
                        .strip_suffix(call)
                        .is_some_and(|head| !head.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
                });
                let named = id.split('-').next().is_some_and(|w| first_words.contains(w));
                if !(called || named && file.extension().is_some_and(|e| e == "rs")) {
                    continue;
                }
                asked += 1;
                if !ids.contains(id) || !zh.contains(id) {
                    missing.push(format!("{}:{}: {id}", file.strip_prefix(root).unwrap().display(), n + 1));
                }
            }
        }
    }
    for zone in sprout::i18n::OFFERED_ZONES {
        asked += 1;
        let id = sprout::i18n::zone_message_id(zone);
        if !ids.contains(&id) || !zh.contains(&id) {
            missing.push(format!("the offered zone {zone}: {id}"));
        }
    }
    assert!(asked > 1000, "the code's messages are found: {asked}");
    assert!(missing.is_empty(), "asked for but not in both catalogues: {missing:#?}");
}

fn lang_of(page: &str) -> &str {
    let at = page.find("<html lang=\"").expect("an <html lang>") + 12;
    &page[at..at + page[at..].find('"').unwrap()]
}

#[actix_web::test]
async fn a_browser_that_asks_for_chinese_gets_chinese_and_anyone_can_switch() {
    let app = TestApp::start().await;

    let english = app.get("/login").await;
    assert_eq!(lang_of(&english.text()), "en", "no Accept-Language: the default");
    assert!(english.text().contains(">Explore<"));

    let chinese = app.get_with("/login", &[("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")]).await;
    assert_eq!(chinese.status, 200);
    assert_eq!(lang_of(&chinese.text()), "zh-CN");
    assert_eq!(chinese.header("content-language"), "zh-CN");
    assert!(chinese.text().contains(">发现<"), "the tab bar in Chinese");

    // ?lang= wins over the browser, and is remembered by a cookie for the next pages.
    let mut visitor = app.visitor();
    visitor.headers.push(("Accept-Language".into(), "en-GB,en;q=0.9".into()));
    let asked = visitor.get("/signup?lang=zh-CN").await;
    assert_eq!(lang_of(&asked.text()), "zh-CN");
    assert_eq!(visitor.cookies.get("lang").map(String::as_str), Some("zh-CN"));
    let next = visitor.get("/forgot").await;
    assert_eq!(lang_of(&next.text()), "zh-CN", "the cookie keeps the choice");

    // The switcher at the foot of every page, without JavaScript: a form.
    let csrf = visitor.csrf("/forgot").await;
    let switched =
        visitor.post_form("/lang", &[("csrf", &csrf), ("lang", "en"), ("next", "/forgot?lang=zh-CN")]).await;
    assert_eq!(switched.status, 303);
    assert_eq!(switched.header("location"), "/forgot", "back to the page, without the old ?lang=");
    assert_eq!(lang_of(&visitor.get("/forgot").await.text()), "en");

    // A language Sprout does not speak changes nothing.
    let csrf = visitor.csrf("/forgot").await;
    let refused = visitor.post_form("/lang", &[("csrf", &csrf), ("lang", "tlh"), ("next", "/")]).await;
    assert_eq!(refused.status, 422);
    assert_eq!(lang_of(&visitor.get("/forgot").await.text()), "en");
}

#[actix_web::test]
async fn a_members_own_setting_wins_over_the_browser_and_is_kept_by_the_account() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    visitor.sign_up("mei").await;
    let csrf = visitor.csrf("/").await;
    visitor.post_form("/lang", &[("csrf", &csrf), ("lang", "zh-CN"), ("next", "/")]).await;

    // Another browser, asking for English, with no cookie of ours but the session.
    visitor.cookies.remove("lang");
    visitor.headers.push(("Accept-Language".into(), "en".into()));
    let home = visitor.get("/").await.text();
    assert_eq!(lang_of(&home), "zh-CN", "the member's setting");
    let settings = visitor.get("/settings/profile").await.text();
    assert!(settings.contains("<option value=\"zh-CN\" lang=\"zh-CN\" selected>"), "{settings}");

    // Clearing it follows the browser again.
    let csrf = visitor.csrf("/settings/profile").await;
    let parts = [
        crate::common::text("csrf", csrf),
        crate::common::text("display_name", "Mei"),
        crate::common::text("bio", ""),
        crate::common::text("lang", ""),
    ];
    let saved = visitor.post_multipart("/settings/profile", &parts).await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(lang_of(&visitor.get("/").await.text()), "en");
}

#[actix_web::test]
async fn api_errors_keep_their_code_and_speak_the_callers_language() {
    let app = TestApp::start().await;
    let english = app.get("/api/v1/notes/987654").await;
    assert_eq!(english.status, 404);
    assert_eq!(english.error_code(), "not_found");
    assert_eq!(english.json()["error"]["message"], "That note was not found.");

    let chinese = app.get_with("/api/v1/notes/987654", &[("Accept-Language", "zh-CN")]).await;
    assert_eq!(chinese.status, 404);
    assert_eq!(chinese.error_code(), "not_found", "the code is the same in every language");
    assert_eq!(chinese.json()["error"]["message"], "找不到这篇笔记。");

    let bad = app
        .json_with(
            "POST",
            "/api/v1/auth/signup",
            None,
            json!({"username": "x", "email": "x@example.com", "password": "correct horse battery"}),
            &[("Accept-Language", "zh")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_code(), "invalid");
    let message = bad.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "in Chinese: {message}");
}

/// The words a reader sees on `page`: its text and the attributes read out or shown
/// (placeholder, alt, aria-label, title), without scripts, styles and tags.
fn visible_words(page: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag_end = rest[open..].find('>').map(|e| open + e + 1).unwrap_or(rest.len());
        let tag = &rest[open..tag_end];
        for attr in ["placeholder=\"", "alt=\"", "aria-label=\"", "title=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                text.push_str(&value[..value.find('"').unwrap_or(0)]);
                text.push(' ');
            }
        }
        rest = &rest[tag_end..];
        // Code (the ranking formula) is not words of the interface.
        for skipped in ["script", "style", "code", "pre"] {
            if tag.starts_with(&format!("<{skipped}")) {
                let close = format!("</{skipped}>");
                rest = rest.find(&close).map(|c| &rest[c + close.len()..]).unwrap_or("");
            }
        }
    }
    text.push_str(rest);
    let text = text.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\"");
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2).map(str::to_string).collect()
}

#[actix_web::test]
async fn the_pages_without_user_content_have_no_english_left_in_chinese() {
    let app = TestApp::start().await;
    let mut visitor = app.visitor();
    visitor.headers.push(("Accept-Language".into(), "zh-CN".into()));
    let mut pages = Vec::new();
    for path in ["/login", "/signup", "/forgot", "/about/ranking", "/no-such-page"] {
        pages.push((path, visitor.get(path).await.text()));
    }
    visitor.sign_up("mei").await;
    for path in ["/cart", "/settings/profile", "/notifications", "/orders", "/lists/new", "/notes/new"] {
        pages.push((path, visitor.get(path).await.text()));
    }
    // Words that are names, not English: the app's, the languages' own, the member's and her
    // address's, photo formats, and the ranking's BM25.
    let allowed = ["Sprout", "English", "mei", "example", "com", "JPEG", "PNG", "WebP", "GIF", "MB", "BM"];
    let mut left = Vec::new();
    for (path, page) in &pages {
        assert_eq!(lang_of(page), "zh-CN", "{path}");
        let english: BTreeSet<_> =
            visible_words(page).into_iter().filter(|w| !allowed.contains(&w.as_str())).collect();
        if !english.is_empty() {
            left.push(format!("{path}: {english:?}"));
        }
    }
    assert!(left.is_empty(), "English words left on Chinese pages:\n{}", left.join("\n"));
}
