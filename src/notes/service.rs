//! The rules of posting, editing and deleting notes, each in one transaction.

use super::{hashtags, queries};
use crate::accounts::model::User;
use crate::db::{DbConnection, NoteId};
use crate::media::store::WrittenFiles;
use crate::media::{self, MediaStore, ProcessedPhoto};
use crate::web::AppError;

pub const MAX_PHOTOS: usize = 9;
const MAX_TITLE: usize = 100;
const MAX_BODY: usize = 5000;
const MAX_ALT: usize = 300;

/// The text of a note as submitted.
#[derive(Debug, Default, Clone)]
pub struct NoteText {
    pub title: String,
    pub body: String,
    pub hashtags: String,
}

/// Validated text: trimmed title and body, and the final hashtag list.
struct CheckedText {
    title: String,
    body: String,
    tags: Vec<String>,
}

fn check_text(text: &NoteText) -> Result<CheckedText, AppError> {
    let title = text.title.trim().to_string();
    let body = text.body.trim().to_string();
    if title.is_empty() {
        return Err(AppError::validation("title", msg!("note-title-missing")));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(AppError::validation("title", msg!("note-title-too-long", max = MAX_TITLE)));
    }
    if body.chars().count() > MAX_BODY {
        return Err(AppError::validation("body", msg!("note-body-too-long", max = MAX_BODY)));
    }
    let tags = hashtags::collect(&text.hashtags, &body)?;
    Ok(CheckedText { title, body, tags })
}

pub fn check_alt(alt: &str) -> Result<String, AppError> {
    let alt = alt.trim();
    if alt.chars().count() > MAX_ALT {
        return Err(AppError::validation("alt", msg!("note-alt-too-long", max = MAX_ALT)));
    }
    Ok(alt.to_string())
}

/// A processed photo and its alt text.
pub struct NewPhoto {
    pub photo: ProcessedPhoto,
    pub alt: String,
}

/// Checks everything about a new note before any photo is decoded.
pub fn check_new(text: &NoteText, photo_count: usize) -> Result<(), AppError> {
    check_text(text)?;
    if photo_count == 0 {
        return Err(AppError::validation("images", msg!("note-photos-missing")));
    }
    if photo_count > MAX_PHOTOS {
        return Err(AppError::validation("images", msg!("note-photos-too-many", max = MAX_PHOTOS)));
    }
    Ok(())
}

/// The shop side of a new note: product tags by the author, and the delivered order item it
/// reviews (which earns the verified-purchase badge).
#[derive(Debug, Default, Clone)]
pub struct Shoppable {
    pub product_tags: Vec<crate::shop::tags::TagInput>,
    pub order_item: Option<crate::db::OrderItemId>,
}

pub fn create(
    conn: &mut DbConnection,
    store: &MediaStore,
    author: &User,
    text: &NoteText,
    photos: &[NewPhoto],
) -> Result<NoteId, AppError> {
    create_with(conn, store, author, text, photos, &Shoppable::default())
}

/// Posts a note: photo files are written first, then every row in one transaction. If the
/// transaction fails, the files it would have used are removed again, so nothing is left behind.
pub fn create_with(
    conn: &mut DbConnection,
    store: &MediaStore,
    author: &User,
    text: &NoteText,
    photos: &[NewPhoto],
    shop: &Shoppable,
) -> Result<NoteId, AppError> {
    check_new(text, photos.len())?;
    let checked = check_text(text)?;
    let mut written = WrittenFiles::default();
    let result = save_files(store, photos, &mut written).and_then(|()| {
        crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
            let now = crate::db::now();
            let id = queries::insert(
                conn,
                &queries::NewNote {
                    author: author.id,
                    title: &checked.title,
                    body: &checked.body,
                    created_at: now,
                },
            )?;
            for (position, new) in photos.iter().enumerate() {
                media::queries::ensure(conn, &new.photo)?;
                queries::insert_image(conn, id, position as i32, &new.photo.hash, &new.alt)?;
            }
            queries::set_hashtags(conn, id, now, &checked.tags)?;
            let mut tags = shop.product_tags.clone();
            if let Some(item) = shop.order_item {
                let product = crate::shop::orders::reviewable_item(conn, author, item)?;
                queries::set_verified_item(conn, id, item)?;
                if !tags.iter().any(|t| t.product_id == product) {
                    tags.push(crate::shop::tags::TagInput { image: 0, x: 0.5, y: 0.5, product_id: product });
                }
            }
            crate::shop::tags::add_by_author(conn, author, id, &tags)?;
            crate::outbox::enqueue(conn, id)?;
            let held = hold_if_blocked(conn, id, &checked)?;
            if !held {
                crate::notifications::notify_mentions(
                    conn,
                    author.id,
                    &super::hashtags::mentions(&checked.body),
                    id,
                    None,
                )?;
            }
            Ok(id)
        })
    });
    if result.is_err() {
        store.discard(written, |hash| media::queries::exists(conn, hash).unwrap_or(true));
    }
    result
}

fn save_files(store: &MediaStore, photos: &[NewPhoto], written: &mut WrittenFiles) -> Result<(), AppError> {
    for new in photos {
        store
            .save(&new.photo, written)
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("writing a photo")))?;
    }
    Ok(())
}

/// What an edit may change; fields left out stay as they are.
#[derive(Debug, Default)]
pub struct NoteEdit {
    pub title: Option<String>,
    pub body: Option<String>,
    pub hashtags: Option<String>,
    /// Alt text per photo, in photo order.
    pub alt: Option<Vec<String>>,
}

/// The note, if `viewer` may see it: everyone a visible note, only its author and moderators a
/// hidden or held one. Anyone else gets the same 404 as for a note that never was, so nobody
/// can like, save, comment on or tap a note they cannot see.
pub fn visible_to(
    conn: &mut DbConnection,
    viewer: Option<&User>,
    id: NoteId,
) -> Result<super::model::Note, AppError> {
    let found = queries::find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-note")))?;
    let may = found.moderation == crate::moderation::VISIBLE
        || viewer.is_some_and(|v| v.id == found.author_id || v.is_moderator());
    if !may {
        return Err(AppError::not_found(msg!("thing-note")));
    }
    Ok(found)
}

/// Only a note's author may change or delete it.
fn authorize(conn: &mut DbConnection, editor: &User, id: NoteId) -> Result<super::model::Note, AppError> {
    let note = queries::find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-note")))?;
    if note.author_id != editor.id {
        return Err(AppError::Forbidden(msg!("note-only-author")));
    }
    Ok(note)
}

pub fn update(conn: &mut DbConnection, editor: &User, id: NoteId, edit: NoteEdit) -> Result<(), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let note = authorize(conn, editor, id)?;
        let current_tags = queries::load_view(conn, id)?.map(|v| v.hashtags.join(" ")).unwrap_or_default();
        let text = NoteText {
            title: edit.title.unwrap_or(note.title),
            body: edit.body.unwrap_or(note.body),
            // Tags written in the old text are re-read from the new text, so only the
            // field's tags carry over when the field is not sent.
            hashtags: edit.hashtags.unwrap_or(current_tags),
        };
        let checked = check_text(&text)?;
        queries::update_text(conn, id, &checked.title, &checked.body, crate::db::now())?;
        queries::set_hashtags(conn, id, note.created_at, &checked.tags)?;
        if let Some(alts) = edit.alt {
            for (position, alt) in alts.iter().enumerate() {
                queries::update_alt(conn, id, position as i32, &check_alt(alt)?)?;
            }
        }
        crate::outbox::enqueue(conn, id)?;
        hold_if_blocked(conn, id, &checked)?;
        Ok(())
    })
}

/// A note whose title, text or hashtags contain a blocked word waits for a moderator.
fn hold_if_blocked(conn: &mut DbConnection, id: NoteId, text: &CheckedText) -> Result<bool, AppError> {
    let tags = text.tags.join(" ");
    crate::moderation::hold_if_blocked(
        conn,
        crate::moderation::target::TargetType::Note,
        id.0,
        &[&text.title, &text.body, &tags],
    )
}

pub fn delete(conn: &mut DbConnection, editor: &User, id: NoteId) -> Result<(), AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        authorize(conn, editor, id)?;
        queries::delete(conn, id)?;
        crate::outbox::enqueue(conn, id)?;
        Ok(())
    })
}
