//! What many requests read alike, kept for a second: the first page of explore as signed-out
//! visitors see it, and the views of notes that every page of notes shows.
//!
//! Anything kept here is used for at most [`FRESH_FOR`], so a note posted, liked or hidden
//! through another node shows within a second; any write through this node (a request that is
//! not a GET, HEAD or OPTIONS, and was not refused) makes all of it stale at once, so one's own post or a
//! moderator's hide shows on the next load.
//!
//! A kept page holds a placeholder where each visitor's CSRF token goes: it is kept in pieces
//! around it, and each response puts the visitor's own token between them.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::HttpResponse;

/// How long anything kept here is used.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// Stands in for the visitor's CSRF token in a kept page (letters only: escaping leaves it be).
pub const TOKEN_PLACEHOLDER: &str = "SproutSharedPageCsrfTokenPlaceholder";

/// Counts the writes through this node; what was read before the latest is stale.
#[derive(Clone, Default, Debug)]
pub struct Writes(Arc<AtomicU64>);

impl Writes {
    /// The count to keep with what is read from now on: read it before reading the data, so
    /// that a write while it is read leaves it stale.
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// A write happened: everything kept is stale.
    pub fn happened(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

/// Values kept for [`FRESH_FOR`] and until the next write, at most `max` of them.
pub struct Fresh<K, V> {
    kept: Mutex<HashMap<K, Kept<V>>>,
    writes: Writes,
    max: usize,
}

impl<K, V> std::fmt::Debug for Fresh<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fresh").field("max", &self.max).finish_non_exhaustive()
    }
}

struct Kept<V> {
    made: Instant,
    writes: u64,
    value: V,
}

impl<K: Eq + Hash, V: Clone> Fresh<K, V> {
    pub fn new(writes: &Writes, max: usize) -> Fresh<K, V> {
        Fresh { kept: Mutex::new(HashMap::new()), writes: writes.clone(), max }
    }

    /// The write count to pass to [`put`](Self::put), read before the data is.
    pub fn writes(&self) -> u64 {
        self.writes.count()
    }

    /// The value kept under `key`, if it is fresh.
    pub fn get(&self, key: &K) -> Option<V> {
        let writes = self.writes.count();
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        Self::fresh(kept.get(key), writes)
    }

    /// The fresh values kept under each key (one lock for them all).
    pub fn get_each(&self, keys: &[K]) -> Vec<Option<V>> {
        let writes = self.writes.count();
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter().map(|key| Self::fresh(kept.get(key), writes)).collect()
    }

    fn fresh(kept: Option<&Kept<V>>, writes: u64) -> Option<V> {
        kept.filter(|k| k.writes == writes && k.made.elapsed() < FRESH_FOR).map(|k| k.value.clone())
    }

    /// Keeps values read when the write count was `writes`.
    pub fn put_each(&self, writes: u64, values: impl IntoIterator<Item = (K, V)>) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        for (key, value) in values {
            if kept.len() >= self.max {
                let now = self.writes.count();
                kept.retain(|_, k| k.writes == now && k.made.elapsed() < FRESH_FOR);
                if kept.len() >= self.max {
                    kept.clear();
                }
            }
            kept.insert(key, Kept { made: Instant::now(), writes, value });
        }
    }

    pub fn put(&self, key: K, writes: u64, value: V) {
        self.put_each(writes, [(key, value)]);
    }
}

/// A page rendered with [`TOKEN_PLACEHOLDER`] for the token, split at each placeholder.
pub type Pieces = Arc<[Bytes]>;

pub fn pieces(html: &str) -> Pieces {
    html.split(TOKEN_PLACEHOLDER).map(|piece| Bytes::copy_from_slice(piece.as_bytes())).collect()
}

/// A kept page as an HTML response, with the visitor's token in place of the placeholder.
pub fn respond(pieces: &[Bytes], token: &str) -> HttpResponse {
    let len = pieces.iter().map(Bytes::len).sum::<usize>() + token.len() * pieces.len().saturating_sub(1);
    let mut body = Vec::with_capacity(len);
    for (n, piece) in pieces.iter().enumerate() {
        if n > 0 {
            body.extend_from_slice(token.as_bytes());
        }
        body.extend_from_slice(piece);
    }
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body)
}

/// After any request that may have written (not GET, HEAD or OPTIONS, and answered 2xx or 3xx),
/// what is kept is stale.
pub async fn writes_refresh(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::http::Method;
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let state = req.app_data::<actix_web::web::Data<crate::AppState>>().cloned();
    let res = next.call(req).await?;
    // A refused request (4xx) or a failed one changed nothing: an abuser's stream of refused
    // posts does not make every visitor's page be made anew.
    let changed = res.status().is_success() || res.status().is_redirection();
    if let (true, true, Some(state)) = (writes, changed, state) {
        state.writes.happened();
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_gets_each_visitors_token_and_goes_stale_on_a_write() {
        let writes = Writes::default();
        let pages: Fresh<&str, Pieces> = Fresh::new(&writes, 8);
        let html = format!("<form><input value=\"{TOKEN_PLACEHOLDER}\"></form><p>{TOKEN_PLACEHOLDER}</p>");
        pages.put("/|en", pages.writes(), pieces(&html));
        let kept = pages.get(&"/|en").expect("kept");
        assert_eq!(kept.len(), 3);
        let body = respond(&kept, "tok1").into_body().try_into_bytes().unwrap();
        assert_eq!(&body[..], b"<form><input value=\"tok1\"></form><p>tok1</p>");
        assert!(pages.get(&"/|zh").is_none());
        writes.happened();
        assert!(pages.get(&"/|en").is_none(), "a write leaves the page stale");
    }

    #[test]
    fn what_was_read_while_a_write_happened_is_not_used() {
        let writes = Writes::default();
        let kept: Fresh<u32, u32> = Fresh::new(&writes, 8);
        let before = kept.writes();
        writes.happened();
        kept.put(1, before, 10);
        assert_eq!(kept.get(&1), None);
        kept.put(1, kept.writes(), 10);
        assert_eq!(kept.get_each(&[1, 2]), vec![Some(10), None]);
    }

    #[test]
    fn no_more_than_the_most_are_kept() {
        let writes = Writes::default();
        let kept: Fresh<u32, u32> = Fresh::new(&writes, 4);
        kept.put_each(kept.writes(), (0..10).map(|n| (n, n)));
        assert!(kept.kept.lock().unwrap().len() <= 4);
        assert_eq!(kept.get(&9), Some(9));
    }
}
