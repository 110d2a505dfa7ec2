//! Community group buy API: pickup points, runs, pick lists, collection.

use actix_web::{get, post, web, HttpResponse};

use super::picklist;
use super::points::{self, PointInput};
use super::runs::{self, RunInput};
use crate::db::{OrderId, PickupPointId, RunId};
use crate::web::{ApiResult, ApiUser, AppError};
use crate::AppState;

/// A member registers as a group leader with a pickup point; it waits for an admin.
#[post("/api/v1/pickup-points")]
async fn register(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Json<PointInput>,
) -> ApiResult<HttpResponse> {
    let point = state.db(move |conn| points::register(conn, &user, &body)).await?;
    Ok(HttpResponse::Created().json(point))
}

/// Approved pickup points (where brands may open runs).
#[get("/api/v1/pickup-points")]
async fn approved(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let items = state.db(|conn| Ok(points::approved(conn)?)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

#[post("/api/v1/pickup-points/{id}/approve")]
async fn approve(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    if !user.is_admin {
        return Err(AppError::Forbidden("Only an admin approves pickup points.".into()));
    }
    let id = PickupPointId(*id);
    let base_url = state.config.base_url.clone();
    let point = state.db(move |conn| points::approve(conn, id, &base_url)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(point))
}

/// A brand opens a run at an approved point; it settles at `cutoff_at`.
#[post("/api/v1/runs")]
async fn create_run(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    // Only brand staff open runs: anyone else is refused before the body is read.
    let staff = user.clone();
    let works_for_a_brand =
        state.db(move |conn| Ok(!crate::shop::brands::of_user(conn, staff.id)?.is_empty())).await?;
    if !works_for_a_brand {
        return Err(AppError::Forbidden("Only a brand's staff open group buys.".into()));
    }
    let body: RunInput = crate::web::extractors::parse_json(&body)?;
    let run = state.db(move |conn| runs::create(conn, &user, &body)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Created().insert_header(("Location", run.url.clone())).json(run))
}

#[get("/api/v1/runs/{id}")]
async fn show_run(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = RunId(*id);
    Ok(HttpResponse::Ok().json(state.db(move |conn| runs::view(conn, id)).await?))
}

/// The consolidated pick list (the leader's, and the brand's).
#[get("/api/v1/runs/{id}/picklist")]
async fn show_picklist(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = RunId(*id);
    Ok(HttpResponse::Ok().json(state.db(move |conn| picklist::picklist(conn, &user, id)).await?))
}

/// The leader hands an order over at the pickup point.
#[post("/api/v1/orders/{id}/collected")]
async fn collected(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = OrderId(*id);
    let base_url = state.config.base_url.clone();
    let order = state.db(move |conn| picklist::mark_collected(conn, &user, id, &base_url)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(order))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(register)
        .service(approved)
        .service(approve)
        .service(create_run)
        .service(show_run)
        .service(show_picklist)
        .service(collected);
}
