//! The photo pipeline: every uploaded photo is checked, decoded with limits, turned upright by
//! its EXIF orientation, and re-encoded without any metadata (so GPS and camera data never leave
//! the uploader's phone) in two sizes.

use std::io::Cursor;

use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

/// At most 20 MB per uploaded file.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// At most 40 megapixels once decoded.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Long edge of the full-size photo.
const FULL_EDGE: u32 = 1440;
/// Width of the card (grid) photo.
const CARD_WIDTH: u32 = 480;
const JPEG_QUALITY: u8 = 85;

/// Why an upload is not a usable photo. Said after the photo's name: "Photo 2 ('x.gif') is not a
/// photo Sprout can read; …" (see [`PhotoError::msg`]).
#[derive(Debug, PartialEq, Eq)]
pub enum PhotoError {
    TooLarge,
    NotAnImage,
    TooManyPixels {
        width: u32,
        height: u32,
    },
    /// The decoder's own words (technical, in English).
    Damaged(String),
}

impl PhotoError {
    /// What the uploader is told, to follow the photo's name ("is not a photo Sprout can read…").
    pub fn msg(&self) -> crate::i18n::Msg {
        match self {
            PhotoError::TooLarge => msg!("photo-too-large"),
            PhotoError::NotAnImage => msg!("photo-not-an-image"),
            PhotoError::TooManyPixels { width, height } => {
                msg!("photo-too-many-pixels", width = width.to_string(), height = height.to_string())
            }
            PhotoError::Damaged(detail) => msg!("photo-damaged", detail = detail),
        }
    }
}

/// The words in the language of the request being served (English off a request's task: pass
/// [`PhotoError::msg`] on instead where the words are said later).
impl std::fmt::Display for PhotoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.msg().fmt(f)
    }
}

impl std::error::Error for PhotoError {}

impl From<PhotoError> for crate::i18n::Arg {
    fn from(err: PhotoError) -> crate::i18n::Arg {
        err.msg().into()
    }
}

/// A photo ready to store: two JPEG renditions and the hash that names them.
#[derive(Debug, Clone)]
pub struct ProcessedPhoto {
    /// SHA-256 of the full-size rendition, hex: the photo's content address.
    pub hash: String,
    pub full: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub card: Vec<u8>,
    pub card_width: u32,
    pub card_height: u32,
}

fn damaged(err: impl std::fmt::Display) -> PhotoError {
    PhotoError::Damaged(err.to_string())
}

/// Checks and decodes an upload, refusing oversized files, non-images and decompression bombs
/// before any pixel is decoded.
pub fn process_upload(bytes: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(damaged)?;
    let format = reader.format().ok_or(PhotoError::NotAnImage)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif) {
        return Err(PhotoError::NotAnImage);
    }
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(PhotoError::Damaged("the JPEG data ends early".into()));
    }
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    decoder.set_limits(limits).map_err(damaged)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    image.apply_orientation(orientation);
    render(image)
}

/// A JPEG must end with its end-of-image marker (trailing padding aside); the decoder would
/// otherwise fill a cut-off photo with grey and accept it.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|&b| b != 0x00 && b != 0x0a && b != 0x0d && b != 0x20);
    matches!(end, Some(i) if i >= 1 && bytes[i - 1] == 0xFF && bytes[i] == 0xD9)
}

/// Renders a decoded, upright image into the stored sizes. Also used by the demo seeder.
pub fn render(image: DynamicImage) -> Result<ProcessedPhoto, PhotoError> {
    let image = flatten(image);
    let full = fit_within(&image, FULL_EDGE);
    let card = if full.width() > CARD_WIDTH {
        let h = (u64::from(full.height()) * u64::from(CARD_WIDTH) / u64::from(full.width())).max(1) as u32;
        full.resize_exact(CARD_WIDTH, h, FilterType::Triangle)
    } else {
        full.clone()
    };
    let full_bytes = encode_jpeg(&full)?;
    let card_bytes = encode_jpeg(&card)?;
    Ok(ProcessedPhoto {
        hash: hex::encode(Sha256::digest(&full_bytes)),
        width: full.width(),
        height: full.height(),
        full: full_bytes,
        card_width: card.width(),
        card_height: card.height(),
        card: card_bytes,
    })
}

/// Transparent pixels become white, as on a page.
fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return DynamicImage::ImageRgb8(image.to_rgb8());
    }
    let rgba = image.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (dst, src) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    DynamicImage::ImageRgb8(rgb)
}

fn fit_within(image: &DynamicImage, edge: u32) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    if w.max(h) <= edge {
        return image.clone();
    }
    let scale = f64::from(edge) / f64::from(w.max(h));
    let nw = ((f64::from(w) * scale).round() as u32).max(1);
    let nh = ((f64::from(h) * scale).round() as u32).max(1);
    image.resize_exact(nw, nh, FilterType::Triangle)
}

fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    image.write_with_encoder(encoder).map_err(damaged)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::fixtures::{jpeg, png_claiming, rotated_jpeg_with_gps};
    use image::{Rgba, RgbaImage};

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_rotation_is_applied_and_all_metadata_is_stripped() {
        let upload = rotated_jpeg_with_gps(80, 40);
        assert!(contains(&upload, b"Exif") && contains(&upload, b"N\0"));
        let photo = process_upload(&upload).unwrap();
        assert_eq!((photo.width, photo.height), (40, 80), "turned upright");
        for out in [&photo.full, &photo.card] {
            assert!(!contains(out, b"Exif"), "no EXIF (so no GPS) in the stored photo");
        }
        // The red left half is at the top once turned 90° clockwise.
        let full = image::load_from_memory(&photo.full).unwrap().to_rgb8();
        let top = full.get_pixel(20, 5);
        let bottom = full.get_pixel(20, 75);
        assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "bottom is blue: {bottom:?}");
    }

    #[test]
    fn large_photos_get_a_full_and_a_card_size() {
        let photo = process_upload(&jpeg(3000, 2000)).unwrap();
        assert_eq!((photo.width, photo.height), (1440, 960));
        assert_eq!((photo.card_width, photo.card_height), (480, 320));
        assert_eq!(photo.hash.len(), 64);
    }

    #[test]
    fn truncated_jpeg_is_refused() {
        let whole = jpeg(200, 200);
        let cut = &whole[..whole.len() / 2];
        assert!(matches!(process_upload(cut), Err(PhotoError::Damaged(_))));
    }

    #[test]
    fn decompression_bomb_is_refused_before_decoding() {
        let bomb = png_claiming(100_000, 100_000);
        assert!(bomb.len() < 100);
        let started = std::time::Instant::now();
        let err = process_upload(&bomb).unwrap_err();
        assert_eq!(err, PhotoError::TooManyPixels { width: 100_000, height: 100_000 });
        assert!(err.to_string().contains("40 megapixels"));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn non_images_and_oversized_files_are_refused() {
        assert_eq!(process_upload(b"%PDF-1.7 not a photo").unwrap_err(), PhotoError::NotAnImage);
        assert_eq!(process_upload(b"").unwrap_err(), PhotoError::NotAnImage);
        assert_eq!(process_upload(&vec![0u8; MAX_BYTES + 1]).unwrap_err(), PhotoError::TooLarge);
    }

    #[test]
    fn transparent_png_becomes_white_not_black() {
        let img = RgbaImage::from_pixel(10, 10, Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(img).write_to(&mut Cursor::new(&mut png), ImageFormat::Png).unwrap();
        let photo = process_upload(&png).unwrap();
        let px = *image::load_from_memory(&photo.full).unwrap().to_rgb8().get_pixel(5, 5);
        assert!(px[0] > 240 && px[1] > 240 && px[2] > 240, "{px:?}");
    }
}
