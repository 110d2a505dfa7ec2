//! Turning a multipart note form (from the API or the HTML page) into a posted note.

use super::service::{self, NewPhoto, NoteText};
use crate::accounts::model::User;
use crate::db::NoteId;
use crate::media;
use crate::web::multipart::MultipartForm;
use crate::web::AppError;
use crate::AppState;

pub fn text_of(form: &MultipartForm) -> NoteText {
    NoteText {
        title: form.text("title").to_string(),
        body: form.text("body").to_string(),
        hashtags: form.text("hashtags").to_string(),
    }
}

/// Alt text per photo: repeated `alt` fields (API, and the page with JavaScript), or one line
/// per photo in `alt_lines` (the page without JavaScript).
pub fn alts_of(form: &MultipartForm) -> Vec<String> {
    let alts: Vec<String> = form.all("alt").into_iter().map(str::to_string).collect();
    if alts.iter().any(|a| !a.trim().is_empty()) {
        return alts;
    }
    form.text("alt_lines").lines().map(str::to_string).collect()
}

/// Product tags (a JSON list) and the order item a review is written for.
pub fn shoppable_of(form: &MultipartForm) -> Result<service::Shoppable, AppError> {
    let order_item = match form.text("order_item_id").trim() {
        "" => None,
        raw => Some(crate::db::OrderItemId(
            raw.parse()
                .map_err(|_| AppError::validation("order_item_id", msg!("note-order-item-invalid")))?,
        )),
    };
    Ok(service::Shoppable {
        product_tags: crate::shop::tags::parse_list(form.text("product_tags"))?,
        order_item,
    })
}

/// Validates the form, decodes its photos off the async threads, and posts the note.
pub async fn post(state: &AppState, author: User, form: MultipartForm) -> Result<NoteId, AppError> {
    let text = text_of(&form);
    service::check_new(&text, form.files.len())?;
    let shop = shoppable_of(&form)?;
    // Spam limits before a single photo is decoded.
    let (limits, poster, title, body) =
        (state.config.spam_limits(), author.clone(), text.title.clone(), text.body.clone());
    state
        .db(move |conn| {
            crate::moderation::limits::check(conn, &limits, &poster, crate::moderation::limits::Act::Note)?;
            crate::moderation::limits::check_repeat_note(conn, &limits, &poster, title.trim(), body.trim())
        })
        .await?;
    let alts = alts_of(&form);
    let alts = alts.iter().map(|a| service::check_alt(a)).collect::<Result<Vec<_>, _>>()?;
    let files = form.files;
    let photos = actix_web::web::block(move || {
        files
            .iter()
            .enumerate()
            .map(|(i, upload)| {
                let photo = media::process_upload(&upload.bytes).map_err(|e| {
                    AppError::validation(
                        "images",
                        msg!("note-photo-invalid", number = i + 1, file = &upload.filename, problem = e),
                    )
                })?;
                Ok(NewPhoto { photo, alt: alts.get(i).cloned().unwrap_or_default() })
            })
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await??;
    let store = state.media.clone();
    let id = state.db(move |conn| service::create_with(conn, &store, &author, &text, &photos, &shop)).await?;
    state.search_changed();
    Ok(id)
}
