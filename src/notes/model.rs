use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::accounts::model::{PublicUser, User};
use crate::db::{NoteId, UserId};
use crate::media;
use crate::schema::{media as media_table, note_images, notes};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notes)]
pub struct Note {
    pub id: NoteId,
    pub author_id: UserId,
    pub title: String,
    pub body: String,
    pub like_count: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub save_count: i64,
    pub comment_count: i64,
    pub view_count: i64,
    pub verified_order_item_id: Option<i64>,
    pub moderation: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = note_images)]
pub struct NoteImage {
    pub note_id: NoteId,
    pub position: i32,
    pub media_hash: String,
    pub alt: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = media_table)]
pub struct MediaSize {
    pub width: i32,
    pub height: i32,
    pub card_width: i32,
    pub card_height: i32,
}

/// A photo of a note as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImageView {
    pub url: String,
    pub card_url: String,
    pub width: i32,
    pub height: i32,
    pub card_width: i32,
    pub card_height: i32,
    pub alt: String,
}

impl ImageView {
    pub fn new(image: &NoteImage, size: &MediaSize) -> ImageView {
        ImageView {
            url: media::full_url(&image.media_hash),
            card_url: media::card_url(&image.media_hash),
            width: size.width,
            height: size.height,
            card_width: size.card_width,
            card_height: size.card_height,
            alt: image.alt.clone(),
        }
    }

    /// The full size as WebP, for browsers that take it (`<picture>`).
    pub fn webp_url(&self) -> String {
        media::webp_url(&self.url)
    }

    pub fn card_webp_url(&self) -> String {
        media::webp_url(&self.card_url)
    }
}

/// Everything a page or API client shows of a note, loaded for a whole page of notes in a
/// fixed number of queries (see `queries::load_views`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoteView {
    pub id: NoteId,
    pub title: String,
    pub body: String,
    pub hashtags: Vec<String>,
    pub author: PublicUser,
    pub images: Vec<ImageView>,
    pub like_count: i64,
    pub save_count: i64,
    pub comment_count: i64,
    /// Dots on the photos (pending ones too; pages show those to the author only).
    pub product_tags: Vec<crate::shop::model::ProductTagView>,
    /// Written from the author's own delivered order item.
    pub verified_purchase: bool,
    pub view_count: i64,
    /// Whether the viewer likes this note (false for anonymous viewers).
    pub liked_by_me: bool,
    /// Set by the server, never by the author: the author works for the brand of a product
    /// the note tags, or earns a commission on one.
    pub sponsored: bool,
    /// visible; or, as only its author and moderators see it, hidden (by a moderator) or held
    /// (waiting for review).
    pub moderation: String,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::web::utc_time")]
    pub updated_at: NaiveDateTime,
    pub url: String,
}

impl NoteView {
    pub fn new(note: Note, author: &User, images: Vec<ImageView>, hashtags: Vec<String>) -> NoteView {
        NoteView {
            url: format!("/notes/{}", note.id),
            id: note.id,
            title: note.title,
            body: note.body,
            hashtags,
            author: author.into(),
            images,
            like_count: note.like_count,
            save_count: note.save_count,
            comment_count: note.comment_count,
            product_tags: Vec::new(),
            verified_purchase: note.verified_order_item_id.is_some(),
            view_count: note.view_count,
            liked_by_me: false,
            sponsored: false,
            moderation: note.moderation,
            created_at: note.created_at,
            updated_at: note.updated_at,
        }
    }

    pub fn cover(&self) -> Option<&ImageView> {
        self.images.first()
    }

    pub fn body_segments(&self) -> Vec<super::hashtags::Segment> {
        super::hashtags::segments(&self.body)
    }

    /// The note's hashtags that its text does not already show as links (each shows once).
    pub fn hashtags_not_in_text(&self) -> Vec<&String> {
        let in_text: Vec<String> = self
            .body_segments()
            .into_iter()
            .filter_map(|s| match s {
                super::hashtags::Segment::Tag { tag, .. } => Some(tag),
                _ => None,
            })
            .collect();
        self.hashtags.iter().filter(|t| !in_text.contains(t)).collect()
    }

    /// Approved tags on photo `index` (0-based), for the dots.
    pub fn tags_on(&self, index: &usize) -> Vec<&crate::shop::model::ProductTagView> {
        self.product_tags.iter().filter(|t| t.image as usize == *index && t.is_approved()).collect()
    }

    pub fn has_approved_tags(&self) -> bool {
        self.product_tags.iter().any(|t| t.is_approved())
    }

    pub fn pending_tags(&self) -> Vec<&crate::shop::model::ProductTagView> {
        self.product_tags.iter().filter(|t| !t.is_approved()).collect()
    }

    pub fn is_visible(&self) -> bool {
        self.moderation == crate::moderation::VISIBLE
    }

    pub fn is_held(&self) -> bool {
        self.moderation == crate::moderation::HELD
    }

    pub fn is_hidden(&self) -> bool {
        self.moderation == crate::moderation::HIDDEN
    }

    pub fn is_edited(&self) -> bool {
        self.updated_at > self.created_at
    }
}

/// One page of notes and the cursor of the next, if there is one.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotePage {
    pub items: Vec<NoteView>,
    pub next_cursor: Option<String>,
}
