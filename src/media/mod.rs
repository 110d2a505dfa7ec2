//! Photos: the pipeline that makes uploads safe, the content-addressed store on disk, and the
//! `media` rows that record each stored photo.

#[doc(hidden)]
pub mod fixtures;
pub mod pipeline;
pub mod queries;
pub mod store;

pub use pipeline::{process_upload, PhotoError, ProcessedPhoto};
pub use store::MediaStore;

/// URL of a photo's full-size rendition.
pub fn full_url(hash: &str) -> String {
    format!("/media/{}/{}-full.jpg", &hash[..2.min(hash.len())], hash)
}

/// URL of a photo's card (grid) rendition.
pub fn card_url(hash: &str) -> String {
    format!("/media/{}/{}-card.jpg", &hash[..2.min(hash.len())], hash)
}

/// The WebP twin of a rendition's URL (`…-card.jpg` → `…-card.webp`), for `<picture>`.
pub fn webp_url(jpeg_url: &str) -> String {
    match jpeg_url.strip_suffix(".jpg") {
        Some(stem) => format!("{stem}.webp"),
        None => jpeg_url.to_string(),
    }
}
