//! Team purchase API: deals, opening and joining teams.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use super::teams::{self, DealInput};
use crate::db::{DealId, ProductId, TeamId};
use crate::shop::checkout::Shipping;
use crate::web::{ApiResult, ApiUser};
use crate::AppState;

#[post("/api/v1/products/{id}/deals")]
async fn create_deal(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<DealInput>,
) -> ApiResult<HttpResponse> {
    let id = ProductId(*id);
    let deal = state.db(move |conn| teams::create_deal(conn, &user, id, &body)).await?;
    Ok(HttpResponse::Created().json(deal))
}

#[derive(Deserialize)]
struct ShippingBody {
    #[serde(default)]
    shipping: Shipping,
}

#[post("/api/v1/deals/{id}/teams")]
async fn open_team(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<ShippingBody>,
) -> ApiResult<HttpResponse> {
    let id = DealId(*id);
    let team = state
        .db(move |conn| {
            let team = teams::open(conn, &user, id, &body.shipping)?;
            teams::view(conn, team)
        })
        .await?;
    state.jobs_changed();
    Ok(HttpResponse::Created().insert_header(("Location", team.url.clone())).json(team))
}

#[post("/api/v1/teams/{id}/join")]
async fn join_team(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<ShippingBody>,
) -> ApiResult<HttpResponse> {
    let id = TeamId(*id);
    let base_url = state.config.base_url.clone();
    let team = state
        .db(move |conn| {
            teams::join(conn, &user, id, &body.shipping, &base_url)?;
            teams::view(conn, id)
        })
        .await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(team))
}

#[get("/api/v1/teams/{id}")]
async fn show_team(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = TeamId(*id);
    Ok(HttpResponse::Ok().json(state.db(move |conn| teams::view(conn, id)).await?))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create_deal).service(open_team).service(join_team).service(show_team);
}
