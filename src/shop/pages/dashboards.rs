//! Sales dashboards for creators and brands, with CSV export.

use actix_web::{get, web, HttpRequest, HttpResponse};
use askama::Template;

use crate::accounts::{PageContext, PageUser};
use crate::shop::model::BrandView;
use crate::shop::stats::Stats;
use crate::shop::{brands, stats};
use crate::web::page::{csv_response, render};
use crate::web::PageResult;
use crate::AppState;

#[derive(Template)]
#[template(path = "shop/dashboard.html")]
struct DashboardPage {
    ctx: PageContext,
    title: String,
    stats: Stats,
    csv_url: String,
    brand: Option<BrandView>,
    /// How long after seeing a note an order still counts for it (the orders' explanation).
    attribution_days: i64,
}

#[get("/dashboard")]
pub(super) async fn creator_dashboard(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
) -> PageResult<HttpResponse> {
    let pending = state.pending_views.clone();
    let stats = state.db(move |conn| Ok(stats::for_creator(conn, &pending, user.id)?)).await?;
    let title = msg!("dashboard-title-creator").in_lang(ctx.lang);
    let attribution_days = state.config.attribution_days;
    render(&DashboardPage {
        ctx,
        title,
        stats,
        csv_url: "/dashboard.csv".into(),
        brand: None,
        attribution_days,
    })
}

#[get("/dashboard.csv")]
pub(super) async fn creator_csv(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageUser(user): PageUser,
) -> PageResult<HttpResponse> {
    let pending = state.pending_views.clone();
    let stats = state.db(move |conn| Ok(stats::for_creator(conn, &pending, user.id)?)).await?;
    Ok(csv_response("sprout-creator-stats.csv", stats.csv(crate::i18n::of(&req))))
}

#[get("/brands/{slug}/dashboard")]
pub(super) async fn brand_dashboard(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    let pending = state.pending_views.clone();
    let (brand, stats) = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok((BrandView::from(&brand), stats::for_brand(conn, &pending, brand.id)?))
        })
        .await?;
    let title = msg!("dashboard-title-brand", brand = &brand.name).in_lang(ctx.lang);
    let page = DashboardPage {
        ctx,
        title,
        csv_url: format!("/brands/{}/dashboard.csv", brand.slug),
        stats,
        brand: Some(brand),
        attribution_days: state.config.attribution_days,
    };
    render(&page)
}

#[get("/brands/{slug}/dashboard.csv")]
pub(super) async fn brand_csv(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageUser(user): PageUser,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    let pending = state.pending_views.clone();
    let stats = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok(stats::for_brand(conn, &pending, brand.id)?)
        })
        .await?;
    Ok(csv_response("sprout-brand-stats.csv", stats.csv(crate::i18n::of(&req))))
}
