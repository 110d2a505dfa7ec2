//! Reading multipart forms (note posts, avatars, product photos) with limits enforced while the
//! bytes arrive: the whole body, the number of parts, each text field and each photo are capped,
//! and reading stops with a 413 the moment one is crossed — nothing past the cap is buffered.
//! A page's form must send its CSRF field before its files: no file byte is read for a form
//! whose token is missing or wrong.

use actix_multipart::Multipart;
use futures_util::StreamExt;

use super::{AppError, Csrf};
use crate::media::pipeline::MAX_BYTES;

/// One text field.
const MAX_TEXT: usize = 64 * 1024;
/// All text fields together.
const MAX_TEXT_TOTAL: usize = 256 * 1024;
/// Parts of any kind: 9 photos with their alt texts, the note's fields, and room to spare.
const MAX_PARTS: usize = 64;

#[derive(Debug)]
pub struct Upload {
    pub field: String,
    pub filename: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct MultipartForm {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl MultipartForm {
    /// The first value of a text field, or "" when absent.
    pub fn text(&self, name: &str) -> &str {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(k, _)| k == name)
    }

    /// Every value of a repeated text field, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
}

/// What guards a form: the API's bearer token was checked by the extractor before the body
/// was touched; a page's form carries its CSRF token as a field, checked before any file.
pub enum Guard<'a> {
    Bearer,
    Csrf(&'a Csrf),
}

/// The most a whole body of `max_files` photos may be.
pub fn max_body(max_files: usize) -> usize {
    max_files.max(1) * MAX_BYTES + MAX_TEXT_TOTAL
}

fn too_large(what: crate::i18n::Msg) -> AppError {
    AppError::TooLarge(msg!("upload-too-large", what = what))
}

/// Reads the whole form, accepting at most `max_files` non-empty files of at most 20 MB each.
pub async fn read(
    mut payload: Multipart,
    max_files: usize,
    guard: Guard<'_>,
) -> Result<MultipartForm, AppError> {
    let limit_total = max_body(max_files);
    let mut form = MultipartForm::default();
    let (mut total, mut text_total, mut parts) = (0usize, 0usize, 0usize);
    let mut csrf_ok = matches!(guard, Guard::Bearer);
    while let Some(field) = payload.next().await {
        let mut field = field
            .map_err(|e| AppError::validation("form", msg!("form-unreadable", detail = e.to_string())))?;
        parts += 1;
        if parts > MAX_PARTS {
            return Err(too_large(msg!("upload-too-many-parts", count = MAX_PARTS)));
        }
        let name = field.name().unwrap_or_default().to_string();
        let filename = field.content_disposition().and_then(|cd| cd.get_filename()).map(str::to_string);
        if filename.is_some() && !csrf_ok {
            // The token must come first: refuse before reading a byte of any file.
            return Err(Csrf::refused());
        }
        let limit = if filename.is_some() { MAX_BYTES } else { MAX_TEXT };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| {
                AppError::validation("form", msg!("upload-interrupted", detail = e.to_string()))
            })?;
            total += chunk.len();
            if total > limit_total {
                return Err(too_large(msg!("upload-body-too-large", mb = limit_total / (1024 * 1024))));
            }
            if filename.is_none() {
                text_total += chunk.len();
                if text_total > MAX_TEXT_TOTAL {
                    return Err(too_large(msg!("upload-text-too-large")));
                }
            }
            if bytes.len() + chunk.len() > limit {
                return Err(match &filename {
                    Some(f) => AppError::TooLarge(msg!("upload-photo-too-large", file = f)),
                    None => AppError::TooLarge(msg!("upload-field-too-long", field = &name)),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        match filename {
            // A file input left empty still sends a part with no name and no bytes.
            Some(f) if f.is_empty() && bytes.is_empty() => {}
            Some(filename) => {
                if form.files.len() == max_files {
                    return Err(AppError::validation(
                        &name,
                        msg!("upload-too-many-photos", count = max_files),
                    ));
                }
                form.files.push(Upload { field: name, filename, bytes });
            }
            None => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| AppError::validation(&name, msg!("upload-not-utf8")))?;
                super::extractors::no_nul(&name, &text)?;
                if let (Guard::Csrf(csrf), "csrf") = (&guard, name.as_str()) {
                    csrf.verify(&text)?;
                    csrf_ok = true;
                }
                form.fields.push((name, text));
            }
        }
    }
    if !csrf_ok {
        return Err(Csrf::refused());
    }
    Ok(form)
}
