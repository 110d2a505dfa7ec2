//! `sprout bench photos`: a 12-megapixel phone photo (a 4000×3000 JPEG) through the upload
//! pipeline to its stored sizes — full (1440 on the long edge) and card (480 wide), each as JPEG
//! and WebP — timed at p50 and p99, with its steps apart, and beside it, in the same run, the
//! pipeline before #15: a whole decode, `image`'s triangle filter, JPEG only.

use std::io::Cursor;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use image::imageops::FilterType;
use image::{DynamicImage, RgbImage};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::{ms, percentile};
use crate::media::pipeline::{self, FULL_EDGE};

#[derive(clap::Args, Debug)]
pub struct PhotosBenchArgs {
    /// Timed uploads of each pipeline.
    #[arg(long, default_value_t = 20)]
    pub runs: usize,
    /// Size of the generated photo.
    #[arg(long, default_value_t = 4000)]
    pub width: u32,
    #[arg(long, default_value_t = 3000)]
    pub height: u32,
    /// A JPEG of your own instead of the generated one.
    #[arg(long)]
    pub file: Option<PathBuf>,
}

pub fn photos(args: &PhotosBenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!((1..=1000).contains(&args.runs), "--runs takes 1 to 1,000");
    let upload = match &args.file {
        Some(path) => std::fs::read(path)?,
        None => {
            anyhow::ensure!(
                u64::from(args.width) * u64::from(args.height) <= pipeline::MAX_PIXELS,
                "the photo would be past the 40-megapixel limit"
            );
            phone_photo(args.width, args.height)
        }
    };
    let decoded = image::load_from_memory(&upload)?;
    println!(
        "Photo: {}×{} JPEG, {:.1} MB; {} runs of each.\n",
        decoded.width(),
        decoded.height(),
        upload.len() as f64 / 1e6,
        args.runs
    );
    drop(decoded);

    let stored = pipeline::process_upload(&upload)?;
    let now = time(args.runs, || pipeline::process_upload(&upload).map(drop))?;
    let decode = time(args.runs, || pipeline::decode_upright(&upload).map(drop))?;
    let before = time(args.runs, || before_15(&upload))?;

    println!("| step | p50 | p99 |");
    println!("|---|---|---|");
    let row = |name: &str, t: &[Duration]| {
        println!("| {name} | {} | {} |", ms(percentile(t, 50)), ms(percentile(t, 99)))
    };
    row("**upload → stored sizes, JPEG and WebP** (target p50 ≤ 300 ms)", &now);
    row("of which: decode, at the smallest scale covering the full size", &decode);
    row("before #15: whole decode, triangle filter, JPEG only (same run)", &before);
    println!(
        "\nRatio, before ÷ now at p50: {:.1}×.",
        percentile(&before, 50).as_secs_f64() / percentile(&now, 50).as_secs_f64()
    );
    println!("\n| stored | size | JPEG | WebP |");
    println!("|---|---|---|---|");
    let kb = |b: &[u8]| format!("{:.0} KB", b.len() as f64 / 1e3);
    println!(
        "| full | {}×{} | {} | {} |",
        stored.width,
        stored.height,
        kb(&stored.full),
        kb(&stored.full_webp)
    );
    println!(
        "| card | {}×{} | {} | {} |",
        stored.card_width,
        stored.card_height,
        kb(&stored.card),
        kb(&stored.card_webp)
    );
    Ok(())
}

fn time(
    runs: usize,
    mut f: impl FnMut() -> Result<(), crate::media::PhotoError>,
) -> anyhow::Result<Vec<Duration>> {
    f()?; // warm: allocator, resizer tables
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f()?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times)
}

/// The pipeline as it was before #15, kept here only as the reference.
fn before_15(upload: &[u8]) -> Result<(), crate::media::PhotoError> {
    let damaged = |e: image::ImageError| crate::media::PhotoError::Damaged(e.to_string());
    let image = DynamicImage::ImageRgb8(image::load_from_memory(upload).map_err(damaged)?.to_rgb8());
    let scale = f64::from(FULL_EDGE) / f64::from(image.width().max(image.height()));
    let (w, h) = ((f64::from(image.width()) * scale) as u32, (f64::from(image.height()) * scale) as u32);
    let full = image.resize_exact(w, h, FilterType::Triangle);
    let card = full.resize_exact(480, 480 * h / w, FilterType::Triangle);
    for rendition in [&full, &card] {
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        rendition.write_with_encoder(encoder).map_err(damaged)?;
    }
    Ok(())
}

/// A made-up but photo-like scene — a sky gradient, soft shapes, textured ground and sensor
/// noise — saved as a phone saves it (quality 92), so the decoder has a phone photo's work.
fn phone_photo(width: u32, height: u32) -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(12);
    let blobs: Vec<(f32, f32, f32, [f32; 3])> = (0..24)
        .map(|_| {
            let (x, y) = (rng.random_range(0.0..width as f32), rng.random_range(0.0..height as f32));
            let r = rng.random_range(height as f32 / 20.0..height as f32 / 5.0);
            (
                x,
                y,
                r,
                [rng.random_range(40.0..230.0), rng.random_range(40.0..230.0), rng.random_range(40.0..230.0)],
            )
        })
        .collect();
    let horizon = height as f32 * 0.45;
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let mut px = if fy < horizon {
            let t = fy / horizon;
            [90.0 + 100.0 * t, 150.0 + 60.0 * t, 235.0 - 20.0 * t]
        } else {
            let grass =
                ((fx * 0.21).sin() * (fy * 0.17).cos() * 18.0) + ((fx * 0.031 + fy * 0.047).sin() * 25.0);
            [70.0 + grass, 120.0 + grass * 1.3, 50.0 + grass * 0.5]
        };
        for (bx, by, r, color) in &blobs {
            let d2 = (fx - bx).powi(2) + (fy - by).powi(2);
            if d2 < r * r {
                let shade = 1.0 - 0.35 * (d2 / (r * r));
                px = [color[0] * shade, color[1] * shade, color[2] * shade];
            }
        }
        let n = rng.random_range(-6.0..6.0);
        image::Rgb(px.map(|c| (c + n).clamp(0.0, 255.0) as u8))
    });
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), 92))
        .expect("encoding to memory");
    out
}
