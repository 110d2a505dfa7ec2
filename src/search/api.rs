//! `GET /api/v1/search` and `GET /api/v1/search/suggest`.

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{AnyOfBuilder, Schema};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, PartialSchema, ToSchema};

use super::service::{self, HashtagHit, NoteHit, Suggestions, UserHit};
use super::{Kind, SearchParams};
use crate::accounts::ApiViewer;
use crate::lists::service::ListView;
use crate::shop::model::ProductView;
use crate::web::openapi::Invalid;
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// One page of results of one kind.
#[derive(Serialize, ToSchema)]
struct HitPage<T> {
    items: Vec<T>,
    /// How many results there are in all.
    total: usize,
    /// True when `total` is an estimate: notes found by common words are not all counted.
    total_is_estimate: bool,
    /// The `cursor` of the next page; null on the last.
    next_cursor: Option<String>,
    /// The query as it was searched for, when `q` was shortened (it had more than 200
    /// characters or 12 distinct terms, or a term repeated); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    shortened_to: Option<String>,
}

impl<T> HitPage<T> {
    fn new(page: service::Page<T>, shortened_to: Option<String>) -> HitPage<T> {
        HitPage {
            items: page.items,
            total: page.total,
            total_is_estimate: page.estimated,
            next_cursor: page.next_offset.filter(|o| *o <= super::MAX_CURSOR).map(|o| o.to_string()),
            shortened_to,
        }
    }
}

/// A page of search results: notes (`NoteHit`), users, hashtags, products or lists, as `type`
/// asked.
#[derive(Serialize)]
#[serde(untagged)]
enum SearchResults {
    Notes(HitPage<NoteHit>),
    Users(HitPage<UserHit>),
    Hashtags(HitPage<HashtagHit>),
    Products(HitPage<ProductView>),
    Lists(HitPage<ListView>),
}

// By hand, for `anyOf`: an empty page is a page of every kind, which `oneOf` would refuse.
impl PartialSchema for SearchResults {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(HitPage::<NoteHit>::schema())
            .item(HitPage::<UserHit>::schema())
            .item(HitPage::<HashtagHit>::schema())
            .item(HitPage::<ProductView>::schema())
            .item(HitPage::<ListView>::schema())
            .description(Some(
                "One page of results, of the kind `type` asked for: notes (the default), users, hashtags, \
                 products or lists.",
            ))
            .into()
    }
}

impl ToSchema for SearchResults {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        // A generic page names its items' schema without adding it: add it here.
        fn kind<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
            schemas.push((T::name().into_owned(), T::schema()));
            HitPage::<T>::schemas(schemas);
        }
        kind::<NoteHit>(schemas);
        kind::<UserHit>(schemas);
        kind::<HashtagHit>(schemas);
        kind::<ProductView>(schemas);
        kind::<ListView>(schemas);
    }
}

/// The cursor as the API takes it: the digits of a `next_cursor`, or nothing.
fn check_cursor(cursor: Option<&str>) -> Result<(), AppError> {
    match cursor {
        Some(c) if c.len() > 6 || !c.bytes().all(|b| b.is_ascii_digit()) => {
            Err(AppError::validation("cursor", msg!("search-cursor-invalid")))
        }
        _ => Ok(()),
    }
}

/// Results a page: 20 by default; out of bounds is refused.
fn check_limit(limit: Option<usize>) -> Result<usize, AppError> {
    match limit {
        None => Ok(20),
        Some(n) if (1..=60).contains(&n) => Ok(n),
        Some(_) => Err(AppError::validation("limit", msg!("search-limit-invalid", min = 1, max = 60))),
    }
}

/// Search notes, people or hashtags
///
/// Also products and lists (`type`). Query syntax: plain words (stemmed English, segmented
/// Chinese, one typo forgiven in longer words), `"quoted phrases"`, `-excluded`, `#hashtag`,
/// `from:username`. When no note has every word, notes with some of them are returned. A query
/// longer than Sprout searches for is shortened, and `shortened_to` says to what. Signed in,
/// notes by people you blocked, or who blocked you, are left out.
#[utoipa::path(
    operation_id = "search",
    tag = "search",
    security((), ("bearer" = [])),
    params(SearchParams),
    responses((status = 200, description = "One page of results", body = SearchResults), Invalid)
)]
#[get("/api/v1/search")]
async fn search(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    params: web::Query<SearchParams>,
) -> ApiResult<HttpResponse> {
    let mut params = params.into_inner();
    if params.kind.as_deref() == Some("") {
        return Err(AppError::validation("type", msg!("search-type-empty")));
    }
    check_cursor(params.cursor.as_deref())?;
    let shortened = params.cap();
    let limit = check_limit(params.limit)?;
    let kind = params.kind()?;
    let offset = params.offset()?;
    let index = state.search.index.clone();
    let shortened_to = shortened.then(|| params.q.clone());
    let body = match kind {
        Kind::Notes => {
            let search = params.note_search(limit, viewer.map(|v| v.id))?;
            let page = state.db(move |conn| service::notes(&index, conn, &search)).await?;
            SearchResults::Notes(HitPage::new(page, shortened_to))
        }
        Kind::Users => {
            let page = state.db(move |conn| service::users(conn, &params.q, offset, limit)).await?;
            SearchResults::Users(HitPage::new(page, shortened_to))
        }
        Kind::Hashtags => {
            let page = state.db(move |conn| service::hashtags(conn, &params.q, offset, limit)).await?;
            SearchResults::Hashtags(HitPage::new(page, shortened_to))
        }
        Kind::Lists => {
            let page = state.db(move |conn| service::lists(conn, &params.q, offset, limit)).await?;
            SearchResults::Lists(HitPage::new(page, shortened_to))
        }
        Kind::Products => {
            let page = state.db(move |conn| service::products(conn, &params.q, offset, limit)).await?;
            SearchResults::Products(HitPage::new(page, shortened_to))
        }
    };
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SuggestParams {
    /// What was typed so far (a leading `#` or `@` is ignored; only the first 200 characters
    /// count).
    #[serde(default)]
    q: String,
}

/// Hashtags and people starting with what was typed
///
/// At most six of each: hashtags most used first, people by username.
#[utoipa::path(
    operation_id = "search_suggest",
    tag = "search",
    params(SuggestParams),
    responses((status = 200, description = "Suggestions (empty for an empty `q`)", body = Suggestions), Invalid)
)]
#[get("/api/v1/search/suggest")]
async fn suggest(state: web::Data<AppState>, params: web::Query<SuggestParams>) -> ApiResult<HttpResponse> {
    let q: String = params.into_inner().q.chars().take(super::MAX_QUERY_CHARS).collect();
    let suggestions = state.db(move |conn| service::suggest(conn, &q)).await?;
    Ok(HttpResponse::Ok().json(suggestions))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    // The suggest route first: it would otherwise never be reached past `/search`.
    cfg.service(suggest).service(search);
}
