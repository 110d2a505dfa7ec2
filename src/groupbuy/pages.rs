//! Team pages: open a team from a product page, the share link `/teams/{id}`, and joining.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::teams::{self, TeamView};
use crate::accounts::{PageContext, PageUser};
use crate::db::{DealId, TeamId};
use crate::shop::checkout::Shipping;
use crate::web::csrf::CsrfForm;
use crate::web::page::render;
use crate::web::{see_other, PageResult};
use crate::AppState;

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    ctx: PageContext,
    team: TeamView,
    share_url: String,
}

#[get("/teams/{id}")]
async fn show(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<TeamId>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let team = state.db(move |conn| teams::view(conn, id)).await?;
    let share_url = format!("{}{}", state.config.base_url, team.url);
    render(&TeamPage { ctx, team, share_url })
}

#[derive(Deserialize)]
struct ShippingForm {
    name: String,
    address: String,
    #[serde(default)]
    phone: String,
}

#[post("/deals/{id}/teams")]
async fn open(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<DealId>,
    form: CsrfForm<ShippingForm>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let payments = state.payments.clone();
    let f = form.into_inner();
    let shipping = Shipping { name: f.name, address: f.address, phone: f.phone };
    let team = state.db(move |conn| teams::open(conn, &user, id, &shipping, payments.as_ref())).await?;
    state.jobs_changed();
    Ok(see_other(&format!("/teams/{team}")))
}

#[post("/teams/{id}/join")]
async fn join(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<TeamId>,
    form: CsrfForm<ShippingForm>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let payments = state.payments.clone();
    let f = form.into_inner();
    let shipping = Shipping { name: f.name, address: f.address, phone: f.phone };
    let base_url = state.config.base_url.clone();
    state.db(move |conn| teams::join(conn, &user, id, &shipping, payments.as_ref(), &base_url)).await?;
    state.jobs_changed();
    Ok(see_other(&format!("/teams/{id}")))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show).service(open).service(join);
}
