//! Team purchase API: deals, opening and joining teams.

use crate::web::extractors::Json;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::teams::{self, DealInput, DealView, TeamView};
use crate::accounts::ApiUser;
use crate::db::{DealId, ProductId, TeamId};
use crate::shop::checkout::Shipping;
use crate::web::openapi::{ErrorBody, Invalid, NotFound, Unauthorized};
use crate::web::ApiResult;
use crate::AppState;

/// Offer a team deal on a product (brand staff)
///
/// The price each member pays falls with the team's size, by tier; a team that does not reach
/// the first tier before its time runs out fails, and its orders are cancelled.
#[utoipa::path(
    operation_id = "create_team_deal",
    tag = "team purchase",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The product's id")),
    request_body = DealInput,
    responses(
        (status = 201, description = "The deal, open for teams", body = DealView),
        Unauthorized,
        (status = 403, description = "Only the product's brand's staff offer deals on it", body = ErrorBody),
        NotFound, Invalid,
    )
)]
#[post("/api/v1/products/{id}/deals")]
async fn create_deal(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ProductId>,
    body: Json<DealInput>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let deal = state.db(move |conn| teams::create_deal(conn, &user, id, &body)).await?;
    Ok(HttpResponse::Created().json(deal))
}

/// Your order in a team: one unit of the deal's product, delivered here.
#[derive(Deserialize, ToSchema)]
struct TeamOrder {
    #[serde(default)]
    #[schema(value_type = TeamShipping, required = true)]
    shipping: Shipping,
}

/// Where a team member's order goes.
#[derive(ToSchema)]
#[allow(dead_code)] // only its schema is read, for the document
struct TeamShipping {
    /// Who it is for (not only spaces).
    #[schema(min_length = 1, pattern = r"\S")]
    name: String,
    /// The full address: at least 5 characters, leading and trailing spaces aside.
    #[schema(min_length = 5, pattern = r"\S[\s\S]{3,}\S")]
    address: String,
    /// A phone number to reach you: 6 to 15 digits, with spaces, dashes, dots or brackets
    /// between them and an optional leading `+`.
    /// Optional.
    #[schema(
        required = false,
        max_length = 30,
        pattern = r"^ *(\+?[ ().-]*([0-9][ ().-]*){6,15})? *$",
        example = "+86 138 0013 8000"
    )]
    phone: String,
}

/// Open a team with your order (stock reserved)
///
/// One unit of the product is reserved for you at once, at the solo price until the team settles:
/// when its time runs out, or as soon as it is full.
#[utoipa::path(
    operation_id = "open_team",
    tag = "team purchase",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The deal's id")),
    request_body = TeamOrder,
    responses(
        (status = 201, description = "The new team, with you in it", body = TeamView, headers(("Location" = String, description = "The team's page"))),
        Unauthorized,
        (status = 404, description = "No such deal, or it was withdrawn", body = ErrorBody),
        (status = 409, description = "The product is sold out (`code` is `sold_out`)", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/deals/{id}/teams")]
async fn open_team(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<DealId>,
    body: Json<TeamOrder>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let payments = state.payments.clone();
    let team = state
        .db(move |conn| {
            let team = teams::open(conn, &user, id, &body.shipping, payments.as_ref())?;
            teams::view(conn, team)
        })
        .await?;
    state.jobs_changed();
    Ok(HttpResponse::Created().insert_header(("Location", team.url.clone())).json(team))
}

/// Join a team with your order
///
/// One unit of the product is reserved for you; the team settles at once when you take its last seat.
#[utoipa::path(
    operation_id = "join_team",
    tag = "team purchase",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id")),
    request_body = TeamOrder,
    responses(
        (status = 200, description = "The team, with you in it", body = TeamView),
        Unauthorized, NotFound,
        (status = 409, description = "The team is full or closed, you are in it already, or the product is sold out (`sold_out`)", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/teams/{id}/join")]
async fn join_team(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<TeamId>,
    body: Json<TeamOrder>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let payments = state.payments.clone();
    let base_url = state.config.base_url.clone();
    let team = state
        .db(move |conn| {
            teams::join(conn, &user, id, &body.shipping, payments.as_ref(), &base_url)?;
            teams::view(conn, id)
        })
        .await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(team))
}

/// A team
///
/// Its status (open, succeeded or failed), members, the tier reached and its price, the seats
/// to the next tier, and when it closes.
#[utoipa::path(
    operation_id = "get_team",
    tag = "team purchase",
    params(("id" = i64, Path, description = "The team's id")),
    responses((status = 200, description = "The team", body = TeamView), NotFound)
)]
#[get("/api/v1/teams/{id}")]
async fn show_team(state: web::Data<AppState>, id: web::Path<TeamId>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |conn| teams::view(conn, id)).await?))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(create_deal).service(open_team).service(join_team).service(show_team);
}
