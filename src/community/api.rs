//! Community group buy API: pickup points, runs, pick lists, collection.

use crate::web::extractors::Json;
use actix_web::{get, post, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::picklist::{self, PickList};
use super::points::{self, PointInput, PointView};
use super::runs::{self, RunInput, RunView};
use crate::accounts::{ApiAdmin, ApiUser};
use crate::db::{OrderId, PickupPointId, RunId};
use crate::shop::orders::OrderView;
use crate::web::openapi::{ErrorBody, Invalid, NotFound, Unauthorized};
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// The approved pickup points, by name (at most 500).
#[derive(Serialize, ToSchema)]
struct PickupPointList {
    items: Vec<PointView>,
}

/// Register as a group leader with a pickup point (waits for an admin's approval)
///
/// Brands can open group buys there once an admin approves it; at most five of your points can
/// wait at a time.
#[utoipa::path(
    operation_id = "register_pickup_point",
    tag = "community group buy",
    security(("bearer" = [])),
    request_body = PointInput,
    responses(
        (status = 201, description = "The point, waiting for approval", body = PointView),
        Unauthorized,
        (status = 409, description = "Five of your points are waiting for approval already", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/pickup-points")]
async fn register(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: Json<PointInput>,
) -> ApiResult<HttpResponse> {
    let point = state.db(move |conn| points::register(conn, &user, &body)).await?;
    Ok(HttpResponse::Created().json(point))
}

/// Approved pickup points
///
/// Where brands may open group buys, by name.
#[utoipa::path(
    operation_id = "list_pickup_points",
    tag = "community group buy",
    responses((status = 200, description = "The approved points", body = PickupPointList))
)]
#[get("/api/v1/pickup-points")]
async fn approved(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let items = state.db(|conn| Ok(points::approved(conn)?)).await?;
    Ok(HttpResponse::Ok().json(PickupPointList { items }))
}

/// Approve a pickup point (admins)
///
/// The leader hears by email. Approving an approved point again is fine.
#[utoipa::path(
    operation_id = "approve_pickup_point",
    tag = "community group buy",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The pickup point's id")),
    responses(
        (status = 200, description = "The approved point", body = PointView),
        Unauthorized,
        (status = 403, description = "Only an admin approves pickup points", body = ErrorBody),
        NotFound,
    )
)]
#[post("/api/v1/pickup-points/{id}/approve")]
async fn approve(
    state: web::Data<AppState>,
    _admin: ApiAdmin,
    id: web::Path<PickupPointId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let base_url = state.config.base_url.clone();
    let point = state.db(move |conn| points::approve(conn, id, &base_url)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(point))
}

/// Open a community group buy at an approved pickup point (brand staff)
///
/// Neighbours order into it until the cut-off; then it settles once: confirmed when it has
/// `min_orders` orders (the leader gets the pick list), cancelled with all its orders otherwise.
/// A caller who works for no brand is refused before the body is read.
#[utoipa::path(
    operation_id = "create_run",
    tag = "community group buy",
    security(("bearer" = [])),
    request_body = RunInput,
    responses(
        (status = 201, description = "The open run", body = RunView, headers(("Location" = String, description = "The run's page"))),
        Unauthorized,
        (status = 403, description = "Only a brand's staff open group buys, with their own brand's products", body = ErrorBody),
        (status = 404, description = "No such pickup point", body = ErrorBody),
        Invalid,
    )
)]
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
        return Err(AppError::Forbidden(msg!("runs-staff-only")));
    }
    let body: RunInput = crate::web::extractors::parse_json(&body)?;
    let run = state.db(move |conn| runs::create(conn, &user, &body)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Created().insert_header(("Location", run.url.clone())).json(run))
}

/// A community group buy
///
/// Its status (open, confirmed or cancelled), standing orders and the minimum, the cut-off,
/// the pickup point and the products.
#[utoipa::path(
    operation_id = "get_run",
    tag = "community group buy",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, description = "The run", body = RunView), NotFound)
)]
#[get("/api/v1/runs/{id}")]
async fn show_run(state: web::Data<AppState>, id: web::Path<RunId>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |conn| runs::view(conn, id)).await?))
}

/// The pick list, per customer and per product
///
/// The run's standing orders, for the pickup point's leader and the brand's staff (and admins).
#[utoipa::path(
    operation_id = "get_run_picklist",
    tag = "community group buy",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The run's id")),
    responses(
        (status = 200, description = "The pick list", body = PickList),
        Unauthorized,
        (status = 403, description = "Only the group leader and the brand see a run's pick list", body = ErrorBody),
        NotFound,
    )
)]
#[get("/api/v1/runs/{id}/picklist")]
async fn show_picklist(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<RunId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |conn| picklist::picklist(conn, &user, id)).await?))
}

/// The leader marks a group-buy order collected (it becomes delivered)
///
/// The pickup point's leader hands the order over once the run is confirmed: it becomes
/// delivered (and the buyer is asked for a review). Once only.
#[utoipa::path(
    operation_id = "mark_order_collected",
    tag = "community group buy",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order, delivered and collected", body = OrderView),
        Unauthorized,
        (status = 403, description = "Only the pickup point's leader marks orders collected, and not their own", body = ErrorBody),
        (status = 404, description = "No such order in a group buy", body = ErrorBody),
        (status = 409, description = "Collected already, the run is not confirmed yet, or the order cannot be handed over (e.g. cancelled)", body = ErrorBody),
    )
)]
#[post("/api/v1/orders/{id}/collected")]
async fn collected(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<OrderId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let base_url = state.config.base_url.clone();
    let order = state.db(move |conn| picklist::mark_collected(conn, &user, id, &base_url)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(order))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(register)
        .service(approved)
        .service(approve)
        .service(create_run)
        .service(show_run)
        .service(show_picklist)
        .service(collected);
}
