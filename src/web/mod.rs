//! What every domain shares over HTTP: errors, the CSRF extractor, rendering, cursors, rate
//! limiting and security headers. It depends on no domain: who the viewer is comes from
//! `crate::accounts` (its extractors and the page context).

pub mod auth;
pub mod client_ip;
pub mod csrf;
pub mod cursor;
pub mod error;
pub mod extractors;
pub mod fresh;
pub mod headers;
pub mod multipart;
pub mod openapi;
pub mod page;
pub mod photos;
pub mod ratelimit;
pub mod request_id;

pub use csrf::Csrf;
pub use cursor::Cursor;
pub use error::{ApiResult, AppError, PageError, PageResult};
/// Where a domain mounts its routes: API calls through `.service(...)` are documented in the
/// OpenAPI document as they are mounted; pages go through `.map(...)`.
pub use utoipa_actix_web::service_config::ServiceConfig as Routes;

use actix_web::http::header;
use actix_web::HttpResponse;

/// 32 random bytes, hex encoded: the secret of a session, a link in a mail or a CSRF cookie.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A 303 redirect, the answer to every successful form post.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
}

/// "2 d 5 h left", "5 h 3 min left", "3 min 20 s left" or "time is up": what a deadline's
/// countdown first says (static/sprout.js keeps it ticking in the same words), in the
/// language of the request being served. See [`countdown`] for the message itself.
pub fn time_left(until: chrono::NaiveDateTime) -> String {
    countdown(until).to_string()
}

/// What a deadline's countdown first says, as a message.
pub fn countdown(until: chrono::NaiveDateTime) -> crate::i18n::Msg {
    match (until - crate::db::now()).num_seconds() {
        s if s <= 0 => msg!("web-time-up"),
        s if s >= 86400 => msg!("web-left-days", days = s / 86400, hours = (s % 86400) / 3600),
        s if s >= 3600 => msg!("web-left-hours", hours = s / 3600, minutes = (s % 3600) / 60),
        s if s >= 60 => msg!("web-left-minutes", minutes = s / 60, seconds = s % 60),
        s => msg!("web-left-seconds", seconds = s),
    }
}

/// Serializes database times (UTC, stored without a zone) as RFC 3339 with `Z`.
pub mod utc_time {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    }
}
