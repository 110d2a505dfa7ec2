//! Uploaded photos on their way into the store: decoded off the async threads, written, and
//! removed again when the database side fails, so a refused form leaves no orphan files.

use actix_web::web;

use super::multipart::Upload;
use super::AppError;
use crate::db::DbConnection;
use crate::i18n::Arg;
use crate::media::store::WrittenFiles;
use crate::media::ProcessedPhoto;
use crate::AppState;

/// Decodes uploaded photos off the async threads. An unreadable one is a validation error on
/// `field`, named by `describe(index, filename)`: a message (or, still, plain words), e.g.
/// "Photo 2 ('beach.heic')".
pub async fn decode<D: Into<Arg> + 'static>(
    files: Vec<Upload>,
    field: &'static str,
    describe: fn(usize, &str) -> D,
) -> Result<Vec<ProcessedPhoto>, AppError> {
    web::block(move || {
        files
            .iter()
            .enumerate()
            .map(|(i, upload)| {
                crate::media::process_upload(&upload.bytes).map_err(|e| {
                    let photo = describe(i, &upload.filename);
                    AppError::validation(field, msg!("photo-invalid", photo = photo, problem = e.msg()))
                })
            })
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?
}

/// Writes the photos, runs `f` (the database side) with them, and removes the files again if
/// it fails.
pub async fn with_photos<T: Send + 'static>(
    state: &AppState,
    photos: Vec<ProcessedPhoto>,
    f: impl FnOnce(&mut DbConnection, &[ProcessedPhoto]) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let store = state.media.clone();
    state
        .db(move |conn| {
            let mut written = WrittenFiles::default();
            let saved = photos.iter().try_for_each(|p| store.save(p, &mut written));
            let result = saved
                .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("writing a photo")))
                .and_then(|()| f(conn, &photos));
            if result.is_err() {
                store.discard(written, |hash| crate::media::queries::exists(conn, hash).unwrap_or(true));
            }
            result
        })
        .await
}
