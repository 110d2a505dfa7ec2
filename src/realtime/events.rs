//! `GET /api/v1/events`: a member's live channel as server-sent events. A browser opens it with
//! its session cookie (from one of Sprout's own pages: the Origin is checked), an app with its
//! bearer token. Each event is one `data:` line of JSON ([`super::Event`]); a comment line every
//! 15 seconds keeps the connection alive through proxies and finds a dead one.

use std::time::Duration;

use actix_web::web::Bytes;
use actix_web::{get, http::header, web, FromRequest, HttpRequest, HttpResponse};

use super::Subscription;
use crate::accounts::ApiViewer;
use crate::web::auth::bearer_token;
use crate::web::{ApiResult, AppError};
use crate::AppState;

const HEARTBEAT: Duration = Duration::from_secs(15);

/// Whether a cookie-authenticated request comes from one of Sprout's own pages: no Origin (a
/// same-origin GET need not send one), or the origin it was served from or its public address.
fn same_origin(req: &HttpRequest, state: &AppState) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    let info = req.connection_info();
    let served = format!("{}://{}", info.scheme(), info.host());
    origin == served || origin == state.config.base_url.trim_end_matches('/')
}

/// The live channel (server-sent events)
///
/// A stream of `data:` lines, each one JSON event: `message` (`conversation_id`, `message_id`,
/// `sender`), `typing` (`conversation_id`, `username`), `read` (`conversation_id`, `reader`,
/// `up_to`) and `notification` (unread counts changed). Events are announced only after what
/// they tell of is saved; after reconnecting, read what was missed from the conversations API.
/// With a session cookie instead of a token, the request must come from Sprout's own pages.
#[utoipa::path(
    operation_id = "events",
    tag = "messages",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The event stream, open until either side closes it", content_type = "text/event-stream", body = String),
        crate::web::openapi::Unauthorized,
    )
)]
#[get("/api/v1/events")]
async fn events(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let viewer = if bearer_token(&req).is_some() {
        ApiViewer::extract(&req).await?.0
    } else if same_origin(&req, &state) {
        crate::accounts::auth::page_viewer(&req).await?
    } else {
        return Err(AppError::Forbidden(msg!("live-foreign-origin")));
    };
    let user = viewer.ok_or_else(|| AppError::Unauthorized(msg!("account-sign-in-first")))?;
    let live = Live { subscription: state.realtime.subscribe(user.id), heartbeat: None };
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        // Not compressed: a compressor holds small events back until it has enough.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(futures_util::stream::unfold(live, next)))
}

struct Live {
    subscription: Subscription,
    heartbeat: Option<tokio::time::Interval>,
}

/// The stream's next chunk: first a greeting (so the headers leave at once), then each event
/// or a heartbeat; the stream ends when the hub closes the connection (too slow).
async fn next(mut live: Live) -> Option<(Result<Bytes, AppError>, Live)> {
    let Some(heartbeat) = live.heartbeat.as_mut() else {
        let mut heartbeat = tokio::time::interval(HEARTBEAT);
        heartbeat.reset();
        live.heartbeat = Some(heartbeat);
        return Some((Ok(Bytes::from_static(b"retry: 2000\n: connected\n\n")), live));
    };
    let chunk = tokio::select! {
        event = live.subscription.events.recv() => Bytes::from(format!("data: {}\n\n", event?)),
        _ = heartbeat.tick() => Bytes::from_static(b": ping\n\n"),
    };
    Some((Ok(chunk), live))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(events);
}
