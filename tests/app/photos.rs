//! Bad uploads are refused with a clear message and leave nothing behind.

use crate::common::{file, jpeg, png_claiming, rotated_jpeg_with_gps, text, Part, TestApp};

async fn assert_refused(app: &TestApp, token: &str, photos: Vec<Vec<u8>>, status: u16, message: &str) {
    let res = app.post_note(token, "Should not exist", "nope", photos).await;
    assert_eq!(res.status, status, "{}", res.text());
    let error = res.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(error.contains(message), "{error:?} should mention {message:?}");
    assert_eq!(app.count("notes"), 0);
    assert_eq!(app.count("note_images"), 0);
    assert_eq!(app.count("hashtags"), 0);
    assert_eq!(app.count("media"), 0);
    assert!(app.media_files().is_empty(), "no photo files left: {:?}", app.media_files());
}

#[actix_web::test]
async fn uploads_that_are_not_usable_photos_are_refused_cleanly() {
    let app = TestApp::start().await;
    let token = app.signup("uploader").await;
    assert_refused(&app, &token, vec![b"just some text".to_vec()], 422, "JPEG, PNG, WebP or GIF").await;
    let whole = jpeg(400, 300);
    assert_refused(&app, &token, vec![whole[..whole.len() / 2].to_vec()], 422, "damaged or incomplete").await;
    // One good photo and one bad: the good one must not be stored either.
    assert_refused(&app, &token, vec![jpeg(50, 50), b"GIF89a broken".to_vec()], 422, "Photo 2").await;

    let started = std::time::Instant::now();
    assert_refused(&app, &token, vec![png_claiming(50_000, 50_000)], 422, "40 megapixels").await;
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "a bomb is refused quickly");

    assert_refused(&app, &token, vec![], 422, "at least one photo").await;
    assert_refused(&app, &token, (0..10).map(|_| jpeg(8, 8)).collect(), 422, "9 photos").await;
}

#[actix_web::test]
async fn files_over_20_mb_are_refused_while_uploading() {
    let app = TestApp::start().await;
    let token = app.signup("bigfile").await;
    let mut big = jpeg(16, 16);
    big.resize(21 * 1024 * 1024, 0);
    assert_refused(&app, &token, vec![big], 413, "20 MB").await;
}

#[actix_web::test]
async fn bad_text_refuses_the_note_before_any_photo_is_stored() {
    let app = TestApp::start().await;
    let token = app.signup("texter").await;
    let long_title = "x".repeat(101);
    for (title, hashtags, message) in [
        ("", "", "title"),
        (long_title.as_str(), "", "100 characters"),
        ("Fine", "<bad>", "not a valid hashtag"),
    ] {
        let parts = [text("title", title), text("hashtags", hashtags), file("images", "p.jpg", jpeg(30, 30))];
        let res = app.multipart("/api/v1/notes", Some(&token), &parts).await;
        assert_eq!(res.status, 422, "{}", res.text());
        assert!(res.text().contains(message), "{}", res.text());
    }
    assert_eq!(app.count("notes"), 0);
    assert!(app.media_files().is_empty());
}

#[actix_web::test]
async fn phone_photos_are_turned_upright_and_lose_their_gps() {
    let app = TestApp::start().await;
    let token = app.signup("phone").await;
    let parts: Vec<Part> =
        vec![text("title", "Sideways"), file("images", "IMG_0001.JPG", rotated_jpeg_with_gps(80, 40))];
    let res = app.multipart("/api/v1/notes", Some(&token), &parts).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let image = &res.json()["images"][0];
    assert_eq!((image["width"].as_i64(), image["height"].as_i64()), (Some(40), Some(80)));
    for url in [image["url"].as_str().unwrap(), image["card_url"].as_str().unwrap()] {
        let served = app.get(url).await.body;
        assert!(!served.windows(4).any(|w| w == b"Exif"), "served photo carries no EXIF");
    }
}

#[actix_web::test]
async fn the_same_photo_twice_is_stored_once() {
    let app = TestApp::start().await;
    let token = app.signup("twice").await;
    let photo = jpeg(120, 90);
    app.post_note(&token, "One", "", vec![photo.clone()]).await;
    app.post_note(&token, "Two", "", vec![photo]).await;
    assert_eq!(app.count("note_images"), 2);
    assert_eq!(app.count("media"), 1);
    assert_eq!(app.media_files().len(), 4, "one full and one card file, each as JPEG and WebP");
}

#[actix_web::test]
async fn pages_offer_webp_to_browsers_that_take_it_and_older_photos_get_theirs_on_first_request() {
    let app = TestApp::start().await;
    let token = app.signup("webp").await;
    let res = app.post_note(&token, "Two photos", "", vec![jpeg(2000, 1500), jpeg(300, 200)]).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let note = res.json();
    let full = note["images"][0]["url"].as_str().unwrap().to_string();
    let full_webp = full.replace(".jpg", ".webp");

    // The note page: WebP first in a <picture>, the JPEG for the rest; the first photo is asked
    // for at once and the second only when it is scrolled to.
    let page = app.get(&format!("/notes/{}", note["id"])).await.text();
    assert!(
        page.contains(&format!(r#"<source type="image/webp" srcset="{}"#, full_webp.replace("full", "card"))),
        "{page}"
    );
    let first = page.find(&format!(r#"<img src="{full}""#)).expect("the first photo");
    assert!(page[first..].split('>').next().unwrap().contains(r#"fetchpriority="high""#));
    let second = &page[page.rfind("<img src=\"/media/").unwrap()..];
    assert!(second.split('>').next().unwrap().contains(r#"loading="lazy""#), "{second}");

    let served = app.get(&full_webp).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.headers.get("content-type").unwrap(), "image/webp");
    let decoded = image::load_from_memory(&served.body).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1440, 1080));

    // A photo stored before WebP renditions existed: its WebP is made from the JPEG when a
    // browser first asks, then kept.
    let webp_files: Vec<_> =
        app.media_files().into_iter().filter(|p| p.extension().unwrap() == "webp").collect();
    assert_eq!(webp_files.len(), 4);
    for file in &webp_files {
        std::fs::remove_file(file).unwrap();
    }
    let card_webp = note["images"][1]["card_url"].as_str().unwrap().replace(".jpg", ".webp");
    let late = app.get(&card_webp).await;
    assert_eq!(late.status, 200, "{}", late.text());
    assert_eq!(late.headers.get("content-type").unwrap(), "image/webp");
    assert_eq!(image::load_from_memory(&late.body).unwrap().width(), 300);
    assert!(webp_files.iter().any(|f| f.exists()), "the made WebP is kept");

    // Only a stored photo's renditions: anything else is a plain 404, and nothing is written.
    let hash = &full["/media/ab/".len()..full.len() - "-full.jpg".len()];
    for missing in [
        format!("/media/{}/{}-full.webp", &hash[..2], "0".repeat(64)),
        format!("/media/{}/{hash}-huge.webp", &hash[..2]),
        format!("/media/zz/{hash}-full.webp"),
        "/media/ab/../../etc/passwd.webp".to_string(),
    ] {
        assert_eq!(app.get(&missing).await.status, 404, "{missing}");
    }
    assert_eq!(app.media_files().len(), 5, "four JPEGs and the one WebP asked for");
}
