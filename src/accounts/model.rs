use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::UserId;
use crate::media;
use crate::schema::users;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub bio: String,
    pub avatar: Option<String>,
    pub created_at: NaiveDateTime,
    pub follower_count: i64,
    pub following_count: i64,
    pub email_verified_at: Option<NaiveDateTime>,
    pub daily_digest: bool,
    pub digest_token: Option<String>,
    pub digest_sent_at: Option<NaiveDateTime>,
    pub is_admin: bool,
    pub is_moderator: bool,
}

impl User {
    pub fn email_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }

    /// Moderators work the report queue; every admin is a moderator too.
    pub fn is_moderator(&self) -> bool {
        self.is_admin || self.is_moderator
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub bio: &'a str,
    pub created_at: NaiveDateTime,
}

/// A user as the public sees them (no email, no hash).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicUser {
    pub username: String,
    pub display_name: String,
    pub bio: String,
    /// The profile photo; null when there is none.
    pub avatar_url: Option<String>,
    /// The profile page.
    pub url: String,
    /// When they joined.
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
    pub follower_count: i64,
    pub following_count: i64,
}

impl From<&User> for PublicUser {
    fn from(u: &User) -> PublicUser {
        PublicUser {
            follower_count: u.follower_count,
            following_count: u.following_count,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            bio: u.bio.clone(),
            avatar_url: u.avatar.as_deref().map(media::card_url),
            url: format!("/u/{}", u.username),
            created_at: u.created_at,
        }
    }
}

/// The signed-in user's own view of themselves: the public fields plus email.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OwnUser {
    #[serde(flatten)]
    pub public: PublicUser,
    pub email: String,
    /// Whether the email address is confirmed (from the link emailed at signup).
    pub email_verified: bool,
    /// Whether the daily digest email is on.
    pub daily_digest: bool,
}

impl From<&User> for OwnUser {
    fn from(u: &User) -> OwnUser {
        OwnUser {
            public: u.into(),
            email: u.email.clone(),
            email_verified: u.email_verified(),
            daily_digest: u.daily_digest,
        }
    }
}
