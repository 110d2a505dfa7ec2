//! `GET /api/v1/search` and `GET /api/v1/search/suggest`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::{service, Kind, SearchParams};
use crate::web::{ApiResult, ApiViewer};
use crate::AppState;

/// `{items, total, next_cursor}`: the cursor is the offset of the next page.
fn api_page<T: serde::Serialize>(page: service::Page<T>) -> serde_json::Value {
    json!({ "items": page.items, "total": page.total, "next_cursor": page.next_offset.map(|o| o.to_string()) })
}

#[get("/api/v1/search")]
async fn search(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    params: web::Query<SearchParams>,
) -> ApiResult<HttpResponse> {
    let mut params = params.into_inner();
    let shortened = params.cap();
    let limit = params.limit.unwrap_or(20).clamp(1, 60);
    let kind = params.kind()?;
    let offset = params.offset()?;
    let index = state.search.index.clone();
    let params_q = params.q.clone();
    let body = match kind {
        Kind::Notes => {
            let search = params.note_search(limit, viewer.map(|v| v.id))?;
            api_page(state.db(move |conn| service::notes(&index, conn, &search)).await?)
        }
        Kind::Users => api_page(state.db(move |conn| service::users(conn, &params.q, offset, limit)).await?),
        Kind::Hashtags => {
            api_page(state.db(move |conn| service::hashtags(conn, &params.q, offset, limit)).await?)
        }
        Kind::Lists => api_page(state.db(move |conn| service::lists(conn, &params.q, offset, limit)).await?),
        Kind::Products => {
            api_page(state.db(move |conn| service::products(conn, &params.q, offset, limit)).await?)
        }
    };
    let mut body = body;
    if shortened {
        body["shortened_to"] = json!(params_q);
    }
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Deserialize)]
struct SuggestParams {
    #[serde(default)]
    q: String,
}

#[get("/api/v1/search/suggest")]
async fn suggest(state: web::Data<AppState>, params: web::Query<SuggestParams>) -> ApiResult<HttpResponse> {
    let q: String = params.into_inner().q.chars().take(super::MAX_QUERY_CHARS).collect();
    let suggestions = state.db(move |conn| service::suggest(conn, &q)).await?;
    Ok(HttpResponse::Ok().json(suggestions))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The suggest route first: it would otherwise never be reached past `/search`.
    cfg.service(suggest).service(search);
}
