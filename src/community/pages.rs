//! Community group buy pages: the group leader's page (register a pickup point, see its runs),
//! the admin's approval list, a brand's runs, a run's page, and the printable pick list with
//! its CSV. All plain forms: every page works without JavaScript.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::picklist::{self, PickList};
use super::points::{self, PointInput, PointView};
use super::runs::{self, RunInput, RunView};
use crate::accounts::{PageAdmin, PageContext, PageUser};
use crate::db::{OrderId, PickupPointId, ProductId, RunId};
use crate::shop::model::{BrandView, ProductView};
use crate::web::csrf::CsrfForm;
use crate::web::page::{csv_response, render, render_error};
use crate::web::{see_other, AppError, PageResult};
use crate::AppState;

// ---------------------------------------------------------------- the group leader

#[derive(Template)]
#[template(path = "community/leader.html")]
struct LeaderPage {
    ctx: PageContext,
    points: Vec<PointView>,
    runs: Vec<RunView>,
    form: PointInput,
    error: Option<String>,
    registered: bool,
}

impl LeaderPage {
    /// The zones to choose from, the site's own first chosen.
    fn zones(&self) -> Vec<(String, String)> {
        crate::i18n::zone_choices(self.ctx.lang, self.form.time_zone.as_deref().unwrap_or(""))
    }

    fn zone_is(&self, zone: &str) -> bool {
        let chosen = self.form.time_zone.as_deref().filter(|z| !z.is_empty());
        chosen.unwrap_or(crate::i18n::fallback_zone().name()) == zone
    }
}

#[derive(Deserialize)]
struct Registered {
    registered: Option<u8>,
}

async fn leader_page(
    state: &AppState,
    ctx: PageContext,
    form: PointInput,
    error: Option<String>,
    registered: bool,
) -> Result<LeaderPage, AppError> {
    let leader =
        ctx.viewer.as_ref().map(|v| v.id).ok_or_else(|| AppError::Unauthorized(msg!("community-log-in")))?;
    let (points, runs) =
        state.db(move |conn| Ok((points::of_leader(conn, leader)?, runs::of_leader(conn, leader)?))).await?;
    Ok(LeaderPage { ctx, points, runs, form, error, registered })
}

#[get("/pickup-points")]
async fn leader_home(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(_user): PageUser,
    q: web::Query<Registered>,
) -> PageResult<HttpResponse> {
    render(&leader_page(&state, ctx, PointInput::default(), None, q.registered.is_some()).await?)
}

#[post("/pickup-points")]
async fn register(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    CsrfForm(input): CsrfForm<PointInput>,
) -> PageResult<HttpResponse> {
    let attempt = input.clone();
    match state.db(move |conn| points::register(conn, &user, &attempt)).await {
        Ok(_) => Ok(see_other("/pickup-points?registered=1")),
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let page = leader_page(&state, ctx, input, Some(err.to_string()), false).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

// ---------------------------------------------------------------- admin

#[derive(Template)]
#[template(path = "community/admin_points.html")]
struct AdminPointsPage {
    ctx: PageContext,
    points: Vec<PointView>,
}

#[get("/admin/pickup-points")]
async fn admin_points(
    state: web::Data<AppState>,
    ctx: PageContext,
    _admin: PageAdmin,
) -> PageResult<HttpResponse> {
    let points = state.db(|conn| Ok(points::all_for_admin(conn)?)).await?;
    render(&AdminPointsPage { ctx, points })
}

#[post("/admin/pickup-points/{id}/approve")]
async fn admin_approve(
    state: web::Data<AppState>,
    _admin: PageAdmin,
    id: web::Path<PickupPointId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let (id, base_url) = (*id, state.config.base_url.clone());
    state.db(move |conn| points::approve(conn, id, &base_url)).await?;
    state.jobs_changed();
    Ok(see_other("/admin/pickup-points"))
}

#[derive(Template)]
#[template(path = "community/decline_point.html")]
struct DeclinePage {
    ctx: PageContext,
    point: PointView,
}

/// Asks before declining (removing) a pickup point.
#[get("/admin/pickup-points/{id}/decline")]
async fn confirm_decline(
    state: web::Data<AppState>,
    ctx: PageContext,
    _admin: PageAdmin,
    id: web::Path<PickupPointId>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let point = state.db(move |conn| points::view(conn, id)).await?;
    render(&DeclinePage { ctx, point })
}

#[post("/admin/pickup-points/{id}/decline")]
async fn admin_decline(
    state: web::Data<AppState>,
    _admin: PageAdmin,
    id: web::Path<PickupPointId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let (id, base_url) = (*id, state.config.base_url.clone());
    state.db(move |conn| points::decline(conn, id, &base_url)).await?;
    state.jobs_changed();
    Ok(see_other("/admin/pickup-points"))
}

// ---------------------------------------------------------------- a brand's runs

#[derive(Template)]
#[template(path = "community/brand_runs.html")]
struct BrandRunsPage {
    ctx: PageContext,
    brand: BrandView,
    runs: Vec<RunView>,
    points: Vec<PointView>,
    products: Vec<ProductView>,
    form: RunForm,
    error: Option<String>,
}

impl BrandRunsPage {
    fn is_checked(&self, product: &ProductId) -> bool {
        self.form.product_ids.contains(&product.0)
    }

    fn is_selected(&self, point: &PickupPointId) -> bool {
        self.form.pickup_point_id == Some(point.0)
    }
}

/// The new-run form; `product_ids` repeats once per ticked box.
#[derive(Debug, Clone, Default)]
struct RunForm {
    pickup_point_id: Option<i64>,
    product_ids: Vec<i64>,
    hours: String,
    min_orders: String,
}

impl RunForm {
    /// Reads the form's fields as pairs: a struct cannot gather repeated keys into a Vec.
    fn parse(fields: Vec<(String, String)>) -> RunForm {
        let mut form = RunForm { hours: "24".into(), min_orders: "10".into(), ..RunForm::default() };
        for (key, value) in fields {
            match key.as_str() {
                "pickup_point_id" => form.pickup_point_id = value.trim().parse().ok(),
                "product_ids" => form.product_ids.extend(value.trim().parse::<i64>().ok()),
                "hours" => form.hours = value,
                "min_orders" => form.min_orders = value,
                _ => {}
            }
        }
        form
    }

    fn input(&self) -> Result<RunInput, AppError> {
        let hours: f64 =
            self.hours.trim().parse().map_err(|_| AppError::validation("hours", msg!("run-form-hours")))?;
        let min_orders: i32 = self
            .min_orders
            .trim()
            .parse()
            .map_err(|_| AppError::validation("min_orders", msg!("run-form-min-orders")))?;
        let point = self
            .pickup_point_id
            .ok_or_else(|| AppError::validation("pickup_point_id", msg!("run-form-point")))?;
        Ok(RunInput {
            pickup_point_id: PickupPointId(point),
            product_ids: self.product_ids.iter().copied().map(ProductId).collect(),
            cutoff_at: None,
            cutoff_secs: Some((hours * 3600.0).round() as i64),
            min_orders,
        })
    }
}

async fn brand_runs_page(
    state: &AppState,
    ctx: PageContext,
    slug: String,
    form: RunForm,
    error: Option<String>,
) -> Result<BrandRunsPage, AppError> {
    let user = ctx.viewer.clone().ok_or_else(|| AppError::Unauthorized(msg!("community-log-in")))?;
    let (brand, runs, points, products) = state
        .db(move |conn| {
            let brand = crate::shop::brands::staffed(conn, &user, &slug)?;
            let runs = runs::of_brand(conn, brand.id)?;
            let points = points::approved(conn)?;
            let products = crate::shop::products::catalog(conn, brand.id, false)?;
            Ok((BrandView::from(&brand), runs, points, products))
        })
        .await?;
    Ok(BrandRunsPage { ctx, brand, runs, points, products, form, error })
}

#[get("/brands/{slug}/runs")]
async fn brand_runs(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(_user): PageUser,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    render(&brand_runs_page(&state, ctx, slug.into_inner(), RunForm::parse(Vec::new()), None).await?)
}

#[post("/brands/{slug}/runs")]
async fn create_run(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    fields: CsrfForm<Vec<(String, String)>>,
) -> PageResult<HttpResponse> {
    let form = RunForm::parse(fields.into_inner());
    let attempt = form.input();
    let result = match attempt {
        Ok(input) => state.db(move |conn| runs::create(conn, &user, &input)).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(run) => {
            state.jobs_changed();
            Ok(see_other(&run.url))
        }
        Err(err @ AppError::Validation { .. }) => {
            let page = brand_runs_page(&state, ctx, slug.into_inner(), form, Some(err.to_string())).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

// ---------------------------------------------------------------- a run

#[derive(Template)]
#[template(path = "community/run.html")]
struct RunPage {
    ctx: PageContext,
    run: RunView,
    /// The viewer leads its pickup point or works for its brand.
    can_pick: bool,
    /// The name of the product just added to the cart from this page.
    added: Option<String>,
}

#[derive(Deserialize)]
struct Added {
    added: Option<i64>,
}

#[get("/runs/{id}")]
async fn show_run(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<RunId>,
    q: web::Query<Added>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let viewer = ctx.viewer.clone();
    let (run, can_pick) = state
        .db(move |conn| {
            let run = runs::view(conn, id)?;
            let can_pick = match &viewer {
                Some(v) => picklist::for_leader(conn, v, id).is_ok(),
                None => false,
            };
            Ok((run, can_pick))
        })
        .await?;
    let added = q.added.and_then(|p| run.products.iter().find(|x| x.id.0 == p)).map(|p| p.name.clone());
    render(&RunPage { ctx, run, can_pick, added })
}

#[derive(Template)]
#[template(path = "community/picklist.html")]
struct PickListPage {
    ctx: PageContext,
    list: PickList,
    is_leader: bool,
}

#[get("/runs/{id}/picklist")]
async fn show_picklist(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<RunId>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let list = state.db(move |conn| picklist::picklist(conn, &user, id)).await?;
    let is_leader = list.run.pickup_point.leader == ctx.viewer_name();
    render(&PickListPage { ctx, list, is_leader })
}

#[derive(Deserialize)]
struct By {
    by: Option<String>,
}

#[get("/runs/{id}/picklist.csv")]
async fn picklist_csv(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    PageUser(user): PageUser,
    id: web::Path<RunId>,
    q: web::Query<By>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let list = state.db(move |conn| picklist::picklist(conn, &user, id)).await?;
    let lang = crate::i18n::of(&req);
    Ok(if q.by.as_deref() == Some("product") {
        csv_response(&format!("sprout-run-{id}-products.csv"), list.csv_by_product(lang))
    } else {
        csv_response(&format!("sprout-run-{id}-picklist.csv"), list.csv(lang))
    })
}

#[post("/runs/{id}/orders/{order}/collected")]
async fn collected(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    path: web::Path<(RunId, OrderId)>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let (run, order) = path.into_inner();
    let base_url = state.config.base_url.clone();
    state.db(move |conn| picklist::mark_collected(conn, &user, order, &base_url)).await?;
    state.jobs_changed();
    Ok(see_other(&format!("/runs/{run}/picklist#order-{order}")))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(leader_home)
        .service(register)
        .service(admin_points)
        .service(admin_approve)
        .service(confirm_decline)
        .service(admin_decline)
        .service(brand_runs)
        .service(create_run)
        .service(show_run)
        .service(picklist_csv)
        .service(show_picklist)
        .service(collected);
}
