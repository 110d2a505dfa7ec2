//! The photo pipeline: every uploaded photo is checked, decoded with limits, turned upright by
//! its EXIF orientation, and re-encoded without any metadata (so GPS and camera data never leave
//! the uploader's phone) in two sizes, each as JPEG and as WebP.
//!
//! Speed: a JPEG is decoded at the smallest of 1/8, 1/4, 1/2 or full scale that still covers the
//! full size (the decoder skips most of the inverse DCT), resized with SIMD convolution
//! (`fast_image_resize`), and the WebP renditions are encoded on a second thread while the JPEG
//! ones are. `sprout bench photos` measures it.

use std::io::Cursor;

use fast_image_resize::images::{Image as ResizeImage, ImageRef};
use fast_image_resize::{FilterType as ResizeFilter, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{ColorType, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use sha2::{Digest, Sha256};

/// At most 20 MB per uploaded file.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// At most 40 megapixels once decoded.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Long edge of the full-size photo.
pub const FULL_EDGE: u32 = 1440;
/// Width of the card (grid) photo.
const CARD_WIDTH: u32 = 480;
const JPEG_QUALITY: u8 = 85;
/// WebP at this quality is about the JPEG's look at two thirds of its bytes.
const WEBP_QUALITY: f32 = 80.0;
/// libwebp's effort, 0 (fastest) to 6; 4 is its default, 3 is nearly as small and faster.
const WEBP_METHOD: i32 = 3;

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

/// A photo ready to store: each size as JPEG (for every browser) and WebP (for those that take
/// it), and the hash that names them.
#[derive(Debug, Clone)]
pub struct ProcessedPhoto {
    /// SHA-256 of the full-size JPEG, hex: the photo's content address.
    pub hash: String,
    pub full: Vec<u8>,
    pub full_webp: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub card: Vec<u8>,
    pub card_webp: Vec<u8>,
    pub card_width: u32,
    pub card_height: u32,
}

fn damaged(err: impl std::fmt::Display) -> PhotoError {
    PhotoError::Damaged(err.to_string())
}

/// Checks and decodes an upload, refusing oversized files, non-images and decompression bombs
/// before any pixel is decoded.
pub fn process_upload(bytes: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    render(decode_upright(bytes)?)
}

/// Decodes an upload, turned upright, at no more than the resolution the full size needs where
/// the format allows (JPEG), whole otherwise.
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
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
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let reduced =
        if format == ImageFormat::Jpeg && matches!(decoder.color_type(), ColorType::Rgb8 | ColorType::L8) {
            decode_jpeg_reduced(bytes)
        } else {
            None
        };
    let mut image = match reduced {
        Some(image) => image,
        None => {
            let mut limits = Limits::default();
            limits.max_image_width = Some(width);
            limits.max_image_height = Some(height);
            limits.max_alloc = Some(MAX_PIXELS * 8);
            decoder.set_limits(limits).map_err(damaged)?;
            DynamicImage::from_decoder(decoder).map_err(damaged)?
        }
    };
    image.apply_orientation(orientation);
    Ok(image)
}

/// A JPEG decoded at the smallest scale (1/8, 1/4, 1/2 or 1) whose long edge still covers
/// [`FULL_EDGE`]. `None` when this decoder cannot or will not: the general decoder (which read
/// the headers first and is the one whose errors the uploader sees) then decodes it whole.
fn decode_jpeg_reduced(bytes: &[u8]) -> Option<DynamicImage> {
    let decode = || {
        let mut decoder = jpeg_decoder::Decoder::new(bytes);
        decoder.set_max_decoding_buffer_size(MAX_PIXELS as usize * 3);
        decoder.scale(FULL_EDGE as u16, FULL_EDGE as u16).ok()?;
        let pixels = decoder.decode().ok()?;
        let info = decoder.info()?;
        let (w, h) = (u32::from(info.width), u32::from(info.height));
        match info.pixel_format {
            jpeg_decoder::PixelFormat::RGB24 => RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8),
            jpeg_decoder::PixelFormat::L8 => {
                image::GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8)
            }
            _ => None,
        }
    };
    // A second decoder is a second chance for a crafted file to find a panic: treat one as "no".
    std::panic::catch_unwind(decode).ok().flatten()
}

/// A JPEG must end with its end-of-image marker (trailing padding aside); the decoder would
/// otherwise fill a cut-off photo with grey and accept it.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|&b| b != 0x00 && b != 0x0a && b != 0x0d && b != 0x20);
    matches!(end, Some(i) if i >= 1 && bytes[i - 1] == 0xFF && bytes[i] == 0xD9)
}

/// Renders a decoded, upright image into the stored sizes. Also used by the demo seeder.
pub fn render(image: DynamicImage) -> Result<ProcessedPhoto, PhotoError> {
    let source = flatten(image);
    let mut resizer = Resizer::new();
    let full = fit_within(&mut resizer, source, FULL_EDGE)?;
    let card = if full.width() > CARD_WIDTH {
        let h = (u64::from(full.height()) * u64::from(CARD_WIDTH) / u64::from(full.width())).max(1) as u32;
        resize(&mut resizer, &full, CARD_WIDTH, h)?
    } else {
        full.clone()
    };
    let (webp, jpeg) = std::thread::scope(|s| {
        let webp = s.spawn(|| Ok((encode_webp(&full)?, encode_webp(&card)?)));
        let jpeg = encode_jpeg(&full).and_then(|f| Ok((f, encode_jpeg(&card)?)));
        (webp.join().unwrap_or_else(|_| Err(damaged("the WebP encoder stopped"))), jpeg)
    });
    let ((full_webp, card_webp), (full_jpeg, card_jpeg)) = (webp?, jpeg?);
    Ok(ProcessedPhoto {
        hash: hex::encode(Sha256::digest(&full_jpeg)),
        width: full.width(),
        height: full.height(),
        full: full_jpeg,
        full_webp,
        card_width: card.width(),
        card_height: card.height(),
        card: card_jpeg,
        card_webp,
    })
}

/// Transparent pixels become white, as on a page.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (dst, src) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    rgb
}

fn fit_within(resizer: &mut Resizer, image: RgbImage, edge: u32) -> Result<RgbImage, PhotoError> {
    let (w, h) = image.dimensions();
    if w.max(h) <= edge {
        return Ok(image);
    }
    let scale = f64::from(edge) / f64::from(w.max(h));
    let nw = ((f64::from(w) * scale).round() as u32).max(1);
    let nh = ((f64::from(h) * scale).round() as u32).max(1);
    resize(resizer, &image, nw, nh)
}

/// Lanczos-3 convolution with SIMD (AVX2 or SSE4.1, chosen at run time).
fn resize(resizer: &mut Resizer, image: &RgbImage, width: u32, height: u32) -> Result<RgbImage, PhotoError> {
    let src =
        ImageRef::new(image.width(), image.height(), image.as_raw(), PixelType::U8x3).map_err(damaged)?;
    let mut dst = ResizeImage::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(ResizeFilter::Lanczos3));
    resizer.resize(&src, &mut dst, &options).map_err(damaged)?;
    RgbImage::from_raw(width, height, dst.into_vec())
        .ok_or_else(|| damaged("resized buffer has the wrong size"))
}

fn encode_jpeg(image: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    image.write_with_encoder(encoder).map_err(damaged)?;
    Ok(out)
}

fn encode_webp(image: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let mut config = webp::WebPConfig::new().map_err(|()| damaged("WebP encoder set-up failed"))?;
    config.quality = WEBP_QUALITY;
    config.method = WEBP_METHOD;
    let encoder = webp::Encoder::from_rgb(image.as_raw(), image.width(), image.height());
    let encoded = encoder.encode_advanced(&config).map_err(|e| damaged(format!("WebP encoder: {e:?}")))?;
    Ok(encoded.to_vec())
}

/// A WebP rendition made later from a stored JPEG (photos stored before WebP was added).
pub fn webp_from_jpeg(jpeg: &[u8]) -> Result<Vec<u8>, PhotoError> {
    let image = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).map_err(damaged)?;
    encode_webp(&image.into_rgb8())
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
    fn a_large_jpeg_is_decoded_at_the_smallest_scale_that_covers_the_full_size() {
        assert_eq!(decode_upright(&jpeg(4000, 3000)).unwrap().width(), 2000, "half scale");
        assert_eq!(decode_upright(&jpeg(6000, 2000)).unwrap().width(), 1500, "a quarter");
        assert_eq!(decode_upright(&jpeg(2800, 2000)).unwrap().width(), 2800, "half would be 1400: whole");
        let photo = process_upload(&jpeg(4000, 3000)).unwrap();
        let full = image::load_from_memory(&photo.full).unwrap().to_rgb8();
        let (left, right) = (full.get_pixel(100, 500), full.get_pixel(1300, 500));
        assert!(left[0] > 180 && left[2] < 60 && right[2] > 180 && right[0] < 60, "{left:?} {right:?}");
    }

    #[test]
    fn every_size_is_stored_as_webp_too() {
        let photo = process_upload(&jpeg(3000, 2000)).unwrap();
        for (webp, size) in [(&photo.full_webp, (1440, 960)), (&photo.card_webp, (480, 320))] {
            assert_eq!(image::guess_format(webp).unwrap(), ImageFormat::WebP);
            let decoded = image::load_from_memory(webp).unwrap();
            assert_eq!((decoded.width(), decoded.height()), size);
            assert!(!contains(webp, b"Exif"));
        }
        let late = webp_from_jpeg(&photo.card).unwrap();
        assert_eq!(image::load_from_memory(&late).unwrap().width(), 480);
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
