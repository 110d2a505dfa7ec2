//! `sprout import --notes FILE.jsonl`: bulk-loads notes, one JSON object a line:
//! `{"author", "title", "body", "hashtags" (list or string), "created_at"? (RFC 3339), "likes"?}`.
//! Authors are created as needed (they cannot log in until they reset a password), each note
//! gets a generated placeholder photo, and bad lines are reported with their line numbers and
//! skipped while every good line lands. Imported notes reach the search index through the outbox.

use std::collections::HashMap;
use std::io::BufRead;

use chrono::{DateTime, NaiveDateTime};
use diesel::prelude::*;
use image::{DynamicImage, Rgb, RgbImage};
use serde::Deserialize;

use super::{hashtags, queries, ranking};
use crate::accounts::model::NewUser;
use crate::accounts::{queries as user_queries, service as account_rules};
use crate::db::{DbConnection, HashtagId, NoteId, UserId};
use crate::media::{self, pipeline, store::WrittenFiles, MediaStore, ProcessedPhoto};
use crate::schema::{hashtags as hashtags_table, notes};
use crate::web::AppError;

const BATCH: usize = 500;
const MAX_TITLE: usize = 100;
const MAX_BODY: usize = 5000;

#[derive(Deserialize)]
#[serde(untagged)]
enum Tags {
    List(Vec<String>),
    Text(String),
}

#[derive(Deserialize)]
struct Line {
    author: String,
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    hashtags: Option<Tags>,
    created_at: Option<String>,
    #[serde(default)]
    likes: i64,
}

/// A line checked and ready to insert.
struct Row {
    author: String,
    title: String,
    body: String,
    tags: Vec<String>,
    created_at: NaiveDateTime,
    likes: i64,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    pub imported: usize,
    pub authors_created: usize,
    /// (line number, why it was skipped)
    pub skipped: Vec<(usize, String)>,
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

fn parse_line(raw: &str) -> Result<Row, String> {
    let line: Line = serde_json::from_str(raw).map_err(|e| format!("not a valid note: {e}"))?;
    let author = account_rules::normalize_username(&line.author).map_err(|e| format!("author: {e}"))?;
    let title = line.title.trim();
    if title.is_empty() {
        return Err("title is empty".into());
    }
    if line.body.chars().count() > MAX_BODY {
        return Err(format!("body is longer than {MAX_BODY} characters"));
    }
    let field = match line.hashtags {
        Some(Tags::List(list)) => list.join(" "),
        Some(Tags::Text(text)) => text,
        None => String::new(),
    };
    let tags = hashtags::collect(&field, &line.body).map_err(|e| e.to_string())?;
    let created_at = match line.created_at.as_deref() {
        Some(at) => DateTime::parse_from_rfc3339(at)
            .map_err(|e| format!("created_at '{at}' is not an RFC 3339 time: {e}"))?
            .naive_utc(),
        None => crate::db::now(),
    };
    if line.likes < 0 {
        return Err("likes cannot be negative".into());
    }
    Ok(Row {
        author,
        title: truncate(title, MAX_TITLE),
        body: line.body.trim().to_string(),
        tags,
        created_at,
        likes: line.likes,
    })
}

/// Placeholder photos, one colour per first hashtag, made and stored once each.
struct Placeholders {
    store: MediaStore,
    made: HashMap<u64, String>,
}

impl Placeholders {
    fn photo_for(&mut self, conn: &mut DbConnection, tags: &[String]) -> Result<String, AppError> {
        let key = tags
            .first()
            .map(|t| t.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))) % 12)
            .unwrap_or(12);
        if let Some(hash) = self.made.get(&key) {
            return Ok(hash.clone());
        }
        let photo = placeholder(key);
        self.store
            .save(&photo, &mut WrittenFiles::default())
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("writing a placeholder photo")))?;
        media::queries::ensure(conn, &photo)?;
        self.made.insert(key, photo.hash.clone());
        Ok(photo.hash)
    }
}

fn placeholder(key: u64) -> ProcessedPhoto {
    let hue = (key * 30) as f32;
    let (r, g, b) = hsl_to_rgb(hue, 0.45, 0.82);
    let (r2, g2, b2) = hsl_to_rgb(hue, 0.55, 0.68);
    let img = RgbImage::from_fn(480, 600, |_, y| {
        let t = y as f32 / 600.0;
        let mix = |a: u8, b: u8| (f32::from(a) * (1.0 - t) + f32::from(b) * t) as u8;
        Rgb([mix(r, r2), mix(g, g2), mix(b, b2)])
    });
    pipeline::render(DynamicImage::ImageRgb8(img)).expect("a generated image always renders")
}

fn hsl_to_rgb(h: f32, s: f32, l: f32) -> (u8, u8, u8) {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match h as u32 {
        0..=59 => (c, x, 0.0),
        60..=119 => (x, c, 0.0),
        120..=179 => (0.0, c, x),
        180..=239 => (0.0, x, c),
        240..=299 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    (to(r), to(g), to(b))
}

/// Caches of ids already looked up or created during one import.
#[derive(Default)]
struct Ids {
    users: HashMap<String, UserId>,
    tags: HashMap<String, HashtagId>,
    authors_created: usize,
}

impl Ids {
    fn user(&mut self, conn: &mut DbConnection, username: &str) -> Result<UserId, AppError> {
        if let Some(id) = self.users.get(username) {
            return Ok(*id);
        }
        let id = match user_queries::by_username(conn, username)? {
            Some(user) => user.id,
            None => {
                let email = format!("{username}@imported.invalid");
                self.authors_created += 1;
                user_queries::insert(
                    conn,
                    &NewUser {
                        username,
                        email: &email,
                        // Not a hash of anything: nobody can log in as an imported author.
                        password_hash: "!imported",
                        display_name: username,
                        bio: "",
                        created_at: crate::db::now(),
                    },
                )?
            }
        };
        self.users.insert(username.to_string(), id);
        Ok(id)
    }

    fn tag(&mut self, conn: &mut DbConnection, name: &str) -> Result<HashtagId, AppError> {
        if let Some(id) = self.tags.get(name) {
            return Ok(*id);
        }
        crate::per_backend!(conn, |c| diesel::insert_into(hashtags_table::table)
            .values(hashtags_table::name.eq(name))
            .on_conflict_do_nothing()
            .execute(c))?;
        let id = queries::hashtag_id(conn, name)?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("hashtag vanished")))?;
        self.tags.insert(name.to_string(), id);
        Ok(id)
    }
}

fn insert_row(
    conn: &mut DbConnection,
    ids: &mut Ids,
    photos: &mut Placeholders,
    row: &Row,
) -> Result<NoteId, AppError> {
    let author = ids.user(conn, &row.author)?;
    let id = queries::insert(
        conn,
        &queries::NewNote { author, title: &row.title, body: &row.body, created_at: row.created_at },
    )?;
    if row.likes > 0 {
        diesel::update(notes::table.find(id))
            .set((
                notes::like_count.eq(row.likes),
                notes::hot_score.eq(ranking::hot_score(row.created_at, row.likes, 0, 0)),
            ))
            .execute(conn)?;
    }
    let photo = photos.photo_for(conn, &row.tags)?;
    queries::insert_image(conn, id, 0, &photo, &format!("Placeholder for {}", row.title))?;
    for tag in &row.tags {
        let tag_id = ids.tag(conn, tag)?;
        queries::tag_note(conn, id, tag_id, row.created_at)?;
    }
    crate::outbox::enqueue(conn, id)?;
    Ok(id)
}

/// Imports every good line of `input`; `progress` gets the bytes read so far.
pub fn import_notes(
    conn: &mut DbConnection,
    store: &MediaStore,
    input: impl BufRead,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, AppError> {
    let mut report = ImportReport::default();
    let mut ids = Ids::default();
    let mut photos = Placeholders { store: store.clone(), made: HashMap::new() };
    let mut batch: Vec<(usize, Row)> = Vec::with_capacity(BATCH);
    let mut bytes = 0u64;
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let line = line.map_err(|e| {
            AppError::Internal(anyhow::Error::new(e).context(format!("reading line {number}")))
        })?;
        bytes += line.len() as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(&line) {
            Ok(row) => batch.push((number, row)),
            Err(why) => report.skipped.push((number, why)),
        }
        if batch.len() == BATCH {
            write_batch(conn, &mut ids, &mut photos, &mut batch, &mut report)?;
            progress(bytes);
        }
    }
    write_batch(conn, &mut ids, &mut photos, &mut batch, &mut report)?;
    progress(bytes);
    report.authors_created = ids.authors_created;
    Ok(report)
}

fn write_batch(
    conn: &mut DbConnection,
    ids: &mut Ids,
    photos: &mut Placeholders,
    batch: &mut Vec<(usize, Row)>,
    report: &mut ImportReport,
) -> Result<(), AppError> {
    if batch.is_empty() {
        return Ok(());
    }
    let rows = std::mem::take(batch);
    let written = crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        for (_, row) in &rows {
            insert_row(conn, ids, photos, row)?;
        }
        Ok(rows.len())
    });
    match written {
        Ok(n) => report.imported += n,
        Err(_) => {
            // Something in the batch was refused by the database: caches may name rows that
            // were rolled back, so forget them and place the lines one by one.
            ids.users.clear();
            ids.tags.clear();
            photos.made.clear();
            for (number, row) in &rows {
                match crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
                    insert_row(conn, ids, photos, row)
                }) {
                    Ok(_) => report.imported += 1,
                    Err(err) => report.skipped.push((*number, err.to_string())),
                }
            }
        }
    }
    Ok(())
}
