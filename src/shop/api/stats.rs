//! The creator and brand dashboards' figures.

use actix_web::{get, web, HttpResponse};

use crate::accounts::ApiUser;
use crate::shop::stats::Stats;
use crate::shop::{brands, stats};
use crate::web::openapi::{ErrorBody, NotFound, Unauthorized};
use crate::web::ApiResult;
use crate::AppState;

/// Your notes' views, tag taps, add-to-carts, orders, revenue and commission
///
/// Your notes that tag products or led to sales, and the top-ten lists that did. Cancelled
/// orders do not count.
#[utoipa::path(
    operation_id = "get_creator_stats",
    tag = "shop",
    security(("bearer" = [])),
    responses((status = 200, description = "Your dashboard", body = Stats), Unauthorized)
)]
#[get("/api/v1/creators/me/stats")]
pub(super) async fn creator_stats(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
) -> ApiResult<HttpResponse> {
    let pending = state.pending_views.clone();
    let stats = state.db(move |conn| Ok(stats::for_creator(conn, &pending, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(stats))
}

/// Which notes and creators sell the brand's products
///
/// Every note (by anyone) that shows or sold its products, sales per creator and per list, and
/// the sales no note led to. Cancelled orders do not count.
#[utoipa::path(
    operation_id = "get_brand_stats",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    responses(
        (status = 200, description = "The brand's dashboard", body = Stats),
        Unauthorized,
        (status = 403, description = "Only the brand's staff see its dashboard", body = ErrorBody),
        NotFound,
    )
)]
#[get("/api/v1/brands/{slug}/stats")]
pub(super) async fn brand_stats(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let pending = state.pending_views.clone();
    let stats = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok(stats::for_brand(conn, &pending, brand.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(stats))
}
