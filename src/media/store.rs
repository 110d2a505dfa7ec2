//! Photos on disk, named by the SHA-256 of their content: `media/ab/abcd…-full.jpg`,
//! `…-card.jpg` and the same two as `.webp`. The same photo uploaded twice is stored once; files
//! never change, so they are served with year-long cache headers.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ProcessedPhoto;

/// Distinguishes the temporary files of concurrent writers of the same photo.
fn next_temp_number() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Debug, Clone)]
pub struct MediaStore {
    dir: PathBuf,
}

/// Files a write created, so a failed transaction can take them back.
#[derive(Debug, Default)]
pub struct WrittenFiles {
    pub created: Vec<(String, PathBuf)>,
}

impl MediaStore {
    pub fn new(dir: impl Into<PathBuf>) -> MediaStore {
        MediaStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a rendition lives: `file` is `full.jpg`, `card.webp` and so on.
    pub fn path(&self, hash: &str, file: &str) -> PathBuf {
        self.dir.join(&hash[..2]).join(format!("{hash}-{file}"))
    }

    /// Writes all four renditions unless already stored; records which files are new.
    pub fn save(&self, photo: &ProcessedPhoto, written: &mut WrittenFiles) -> std::io::Result<()> {
        let renditions = [
            ("full.jpg", &photo.full),
            ("card.jpg", &photo.card),
            ("full.webp", &photo.full_webp),
            ("card.webp", &photo.card_webp),
        ];
        for (file, bytes) in renditions {
            let path = self.path(&photo.hash, file);
            if path.exists() {
                continue;
            }
            self.write(&path, bytes)?;
            written.created.push((photo.hash.clone(), path));
        }
        Ok(())
    }

    /// Writes aside and renames, so a reader never sees half a photo.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let parent = path.parent().expect("media paths have a parent");
        std::fs::create_dir_all(parent)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("photo");
        let tmp = parent.join(format!(".{name}.{}.{}.tmp", std::process::id(), next_temp_number()));
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    }

    /// Removes files this request created, for photos no committed row refers to.
    pub fn discard(&self, written: WrittenFiles, mut still_referenced: impl FnMut(&str) -> bool) {
        for (hash, path) in written.created {
            if !still_referenced(&hash) {
                if let Err(err) = std::fs::remove_file(&path) {
                    tracing::warn!("could not remove unused photo {}: {err}", path.display());
                }
            }
        }
    }

    pub fn exists(&self, hash: &str) -> bool {
        self.path(hash, "full.jpg").exists()
    }
}
