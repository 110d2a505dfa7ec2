//! What every domain shares over HTTP: errors, the viewer and CSRF extractors, the page
//! context, cursors, rate limiting and security headers.

pub mod auth;
pub mod csrf;
pub mod cursor;
pub mod error;
pub mod extractors;
pub mod headers;
pub mod multipart;
pub mod page;
pub mod photos;
pub mod ratelimit;

pub use auth::{ApiUser, ApiViewer, PageUser};
pub use csrf::Csrf;
pub use cursor::Cursor;
pub use error::{ApiResult, AppError, PageError, PageResult};
pub use page::PageContext;

use actix_web::http::header;
use actix_web::HttpResponse;

/// A 303 redirect, the answer to every successful form post.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
}

/// Serializes database times (UTC, stored without a zone) as RFC 3339 with `Z`.
pub mod utc_time {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    }
}
