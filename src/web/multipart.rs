//! Reading multipart forms (note posts, avatars) with limits enforced while the bytes arrive:
//! an oversized photo is refused as soon as it crosses the limit, not after it was all read.

use actix_multipart::Multipart;
use futures_util::StreamExt;

use super::AppError;
use crate::media::pipeline::MAX_BYTES;

const MAX_TEXT: usize = 64 * 1024;

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

/// Reads the whole form, accepting at most `max_files` non-empty files of at most 20 MB each.
pub async fn read(mut payload: Multipart, max_files: usize) -> Result<MultipartForm, AppError> {
    let mut form = MultipartForm::default();
    while let Some(field) = payload.next().await {
        let mut field =
            field.map_err(|e| AppError::validation("form", format!("The form could not be read: {e}")))?;
        let name = field.name().unwrap_or_default().to_string();
        let filename = field.content_disposition().and_then(|cd| cd.get_filename()).map(str::to_string);
        let limit = if filename.is_some() { MAX_BYTES } else { MAX_TEXT };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk
                .map_err(|e| AppError::validation("form", format!("The upload was interrupted: {e}")))?;
            if bytes.len() + chunk.len() > limit {
                return Err(match &filename {
                    Some(f) => AppError::TooLarge(format!(
                        "Photo '{f}' is larger than 20 MB; please upload a smaller photo."
                    )),
                    None => AppError::TooLarge(format!("The field '{name}' is too long.")),
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
                        format!("At most {max_files} photos can be uploaded at once."),
                    ));
                }
                form.files.push(Upload { field: name, filename, bytes });
            }
            None => {
                let text = String::from_utf8(bytes).map_err(|_| {
                    AppError::validation(&name, "The form sent text that is not valid UTF-8.")
                })?;
                form.fields.push((name, text));
            }
        }
    }
    Ok(form)
}
