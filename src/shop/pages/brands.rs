//! Brand pages: making a brand, its public page, catalog management (settings, staff,
//! products, CSV import, editing a product), and the admin's list of brands to verify.

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::accounts::model::User;
use crate::accounts::{PageAdmin, PageContext, PageUser};
use crate::db::ProductId;
use crate::i18n::Msg;
use crate::shop::model::{BrandView, ProductView};
use crate::shop::products::{ImportReport, ProductInput, RowError};
use crate::shop::{brands, products};
use crate::web::csrf::CsrfForm;
use crate::web::multipart::{self, MultipartForm};
use crate::web::page::{render, render_error};
use crate::web::photos::{self, with_photos};
use crate::web::{see_other, AppError, Csrf, PageResult};
use crate::AppState;

/// "Photo 2 ('tea.jpg')", for an upload that could not be read.
fn describe_photo(i: usize, name: &str) -> crate::i18n::Msg {
    msg!("product-photo-described", number = i + 1, name = name)
}

#[derive(Template)]
#[template(path = "shop/brand_new.html")]
struct NewBrandPage {
    ctx: PageContext,
    error: Option<String>,
    name: String,
    slug: String,
    description: String,
}

#[get("/brands/new")]
pub(super) async fn new_brand(ctx: PageContext, _user: PageUser) -> PageResult<HttpResponse> {
    render(&NewBrandPage {
        ctx,
        error: None,
        name: String::new(),
        slug: String::new(),
        description: String::new(),
    })
}

#[derive(Deserialize)]
struct BrandForm {
    name: String,
    slug: String,
    #[serde(default)]
    description: String,
}

#[post("/brands")]
pub(super) async fn create_brand(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    form: CsrfForm<BrandForm>,
) -> PageResult<HttpResponse> {
    let f = form.into_inner();
    let (name, slug, description) = (f.name.clone(), f.slug.clone(), f.description.clone());
    match state.db(move |conn| brands::create(conn, &user, &name, &slug, &description)).await {
        Ok(brand) => Ok(see_other(&format!("/brands/{}/manage", brand.slug))),
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_))) => render_error(
            &err,
            &NewBrandPage {
                ctx,
                error: Some(err.to_string()),
                name: f.name,
                slug: f.slug,
                description: f.description,
            },
        ),
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "shop/brand.html")]
struct BrandPage {
    ctx: PageContext,
    brand: BrandView,
    products: Vec<ProductView>,
    is_staff: bool,
}

#[get("/brands/{slug}")]
pub(super) async fn show_brand(
    state: web::Data<AppState>,
    ctx: PageContext,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    let viewer = ctx.viewer.as_ref().map(|v| v.id);
    let (brand, products, is_staff) = state
        .db(move |conn| {
            let brand = brands::by_slug(conn, &slug)?;
            let is_staff = match viewer {
                Some(v) => brands::role(conn, brand.id, v)?.is_some(),
                None => false,
            };
            let products = products::catalog(conn, brand.id, is_staff)?;
            Ok((BrandView::from(&brand), products, is_staff))
        })
        .await?;
    render(&BrandPage { ctx, brand, products, is_staff })
}

#[derive(Template)]
#[template(path = "shop/brand_manage.html")]
struct ManagePage {
    ctx: PageContext,
    brand: BrandView,
    products: Vec<ProductView>,
    staff: Vec<(String, String, String)>,
    is_owner: bool,
    notice: Option<Msg>,
    error: Option<String>,
    row_errors: Vec<RowError>,
}

impl ManagePage {
    fn commission_percent(&self) -> String {
        format!("{}", f64::from(self.brand.commission_bps) / 100.0)
    }
}

async fn manage_page(
    state: &AppState,
    ctx: PageContext,
    user: User,
    slug: String,
    notice: Option<Msg>,
    error: Option<String>,
    row_errors: Vec<RowError>,
) -> Result<ManagePage, AppError> {
    let (brand, products, staff, is_owner) = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            let products = products::catalog(conn, brand.id, true)?;
            let staff = brands::staff(conn, brand.id)?;
            Ok((BrandView::from(&brand), products, staff, brand.owner_id == user.id))
        })
        .await?;
    Ok(ManagePage { ctx, brand, products, staff, is_owner, notice, error, row_errors })
}

#[derive(Deserialize)]
struct Notice {
    done: Option<String>,
}

fn notice_text(done: Option<&str>) -> Option<Msg> {
    Some(match done? {
        "created" => msg!("brand-notice-created"),
        "product" => msg!("brand-notice-product"),
        "settings" => msg!("brand-notice-settings"),
        "staff" => msg!("brand-notice-staff"),
        _ => return None,
    })
}

#[get("/brands/{slug}/manage")]
pub(super) async fn manage(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    q: web::Query<Notice>,
) -> PageResult<HttpResponse> {
    let page =
        manage_page(&state, ctx, user, slug.into_inner(), notice_text(q.done.as_deref()), None, Vec::new())
            .await?;
    render(&page)
}

/// Description, brand-wide commission and logo (multipart, for the logo).
#[post("/brands/{slug}/settings")]
pub(super) async fn brand_settings(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = multipart::read(payload, 1, multipart::Guard::Csrf(&csrf)).await?;
    let result = async {
        let bps = parse_percent(form.text("commission_percent"))?;
        let description = form.text("description").to_string();
        let logo = photos::decode(form.files, "images", describe_photo).await?;
        let (u, s) = (user.clone(), slug.clone());
        with_photos(&state, logo, move |conn, logo| {
            brands::update_settings(conn, &u, &s, &description, bps)?;
            if let Some(photo) = logo.first() {
                brands::set_logo(conn, &u, &s, photo)?;
            }
            Ok(())
        })
        .await
    }
    .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/brands/{slug}/manage?done=settings"))),
        Err(err @ (AppError::Validation { .. } | AppError::TooLarge(_))) => {
            let page = manage_page(&state, ctx, user, slug, None, Some(err.to_string()), Vec::new()).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

/// "5" or "2.5" (percent) to basis points.
fn parse_percent(text: &str) -> Result<i32, AppError> {
    let text = text.trim().trim_end_matches('%');
    if text.is_empty() {
        return Ok(0);
    }
    let value: f64 = text
        .parse()
        .map_err(|_| AppError::validation("commission_bps", msg!("brand-commission-not-percent")))?;
    Ok((value * 100.0).round() as i32)
}

#[derive(Deserialize)]
struct StaffForm {
    username: String,
}

#[post("/brands/{slug}/staff")]
pub(super) async fn add_staff(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    form: CsrfForm<StaffForm>,
) -> PageResult<HttpResponse> {
    let slug = slug.into_inner();
    let (u, s, name) = (user.clone(), slug.clone(), form.username.clone());
    match state.db(move |conn| brands::add_staff(conn, &u, &s, &name)).await {
        Ok(()) => Ok(see_other(&format!("/brands/{slug}/manage?done=staff"))),
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let page = manage_page(&state, ctx, user, slug, None, Some(err.to_string()), Vec::new()).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

/// "129", "129.5" or "1,299.00" to minor units.
fn parse_price(text: &str) -> Option<i64> {
    let text = text.trim().replace(',', "");
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if frac.len() > 2 || (whole.is_empty() && frac.is_empty()) {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    whole.checked_mul(100)?.checked_add(frac).filter(|p| *p >= 0)
}

/// The catalog form's fields (prices typed as "129.00").
fn product_input(form: &MultipartForm) -> Result<ProductInput, AppError> {
    let price_cents = parse_price(form.text("price"))
        .ok_or_else(|| AppError::validation("price", msg!("product-price-format")))?;
    let stock = form
        .text("stock")
        .trim()
        .parse()
        .map_err(|_| AppError::validation("stock", msg!("product-stock-invalid")))?;
    let commission = form.text("commission_percent").trim();
    Ok(ProductInput {
        name: form.text("name").to_string(),
        description: form.text("description").to_string(),
        category: form.text("category").to_string(),
        price_cents,
        currency: form.text("currency").to_string(),
        stock,
        active: form.text("active") != "false",
        commission_bps: if commission.is_empty() { None } else { Some(parse_percent(commission)?) },
    })
}

#[post("/brands/{slug}/products")]
pub(super) async fn create_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = multipart::read(payload, products::MAX_PHOTOS, multipart::Guard::Csrf(&csrf)).await?;
    let result = async {
        let input = product_input(&form)?;
        let photos = photos::decode(form.files, "images", describe_photo).await?;
        let (u, s) = (user.clone(), slug.clone());
        with_photos(&state, photos, move |conn, photos| products::create(conn, &u, &s, &input, photos)).await
    }
    .await;
    match result {
        Ok(id) => {
            state.search_changed();
            Ok(see_other(&format!("/products/{id}")))
        }
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_) | AppError::TooLarge(_))) => {
            let message = msg!("product-not-saved", error = err.to_string()).in_lang(ctx.lang);
            let page = manage_page(&state, ctx, user, slug, None, Some(message), Vec::new()).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/brands/{slug}/import")]
pub(super) async fn import_products(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = multipart::read(payload, 1, multipart::Guard::Csrf(&csrf)).await?;
    let text = match form.files.first() {
        Some(file) => products::decode_catalog(&file.bytes, None)?,
        None => return Err(AppError::validation("file", msg!("catalog-file-missing")).into()),
    };
    let (u, s) = (user.clone(), slug.clone());
    let outcome = state.db(move |conn| products::import_csv(conn, Some(&u), &s, &text)).await;
    let (notice, error, rows, status_err) = match outcome {
        Ok(Ok(ImportReport { created, updated })) => {
            state.search_changed();
            (Some(msg!("catalog-imported", created = created, updated = updated)), None, Vec::new(), None)
        }
        Ok(Err(rows)) => (
            None,
            Some(msg!("catalog-import-rows-to-fix", count = rows.len()).in_lang(ctx.lang)),
            rows,
            Some(AppError::validation("file", msg!("catalog-import-rows-wrong"))),
        ),
        Err(err @ AppError::Validation { .. }) => (None, Some(err.to_string()), Vec::new(), Some(err)),
        Err(err) => return Err(err.into()),
    };
    let page = manage_page(&state, ctx, user, slug, notice, error, rows).await?;
    match status_err {
        Some(err) => render_error(&err, &page),
        None => render(&page),
    }
}

#[derive(Template)]
#[template(path = "shop/product_edit.html")]
struct ProductEditPage {
    ctx: PageContext,
    product: ProductView,
    error: Option<String>,
}

impl ProductEditPage {
    fn price_text(&self) -> String {
        format!("{}.{:02}", self.product.price_cents / 100, self.product.price_cents % 100)
    }
}

#[get("/products/{id}/edit")]
pub(super) async fn edit_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<ProductId>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let product = state
        .db(move |conn| {
            products::staffed(conn, &user, id)?;
            products::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))
        })
        .await?;
    render(&ProductEditPage { ctx, product, error: None })
}

#[post("/products/{id}/edit")]
pub(super) async fn update_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<ProductId>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let id = *id;
    let form = multipart::read(payload, products::MAX_PHOTOS, multipart::Guard::Csrf(&csrf)).await?;
    let result = async {
        let input = product_input(&form)?;
        let photos = photos::decode(form.files, "images", describe_photo).await?;
        let u = user.clone();
        with_photos(&state, photos, move |conn, photos| products::update(conn, &u, id, &input, photos)).await
    }
    .await;
    match result {
        Ok(()) => {
            state.search_changed();
            Ok(see_other(&format!("/products/{id}")))
        }
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_) | AppError::TooLarge(_))) => {
            let product = state
                .db(move |conn| {
                    products::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))
                })
                .await?;
            render_error(&err, &ProductEditPage { ctx, product, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

// ---------------------------------------------------------------- admin

#[derive(Template)]
#[template(path = "shop/admin_brands.html")]
struct AdminBrandsPage {
    ctx: PageContext,
    brands: Vec<BrandView>,
}

#[get("/admin/brands")]
pub(super) async fn admin_brands(
    state: web::Data<AppState>,
    ctx: PageContext,
    _admin: PageAdmin,
) -> PageResult<HttpResponse> {
    let brands =
        state.db(move |conn| Ok(brands::all_for_admin(conn)?.iter().map(BrandView::from).collect())).await?;
    render(&AdminBrandsPage { ctx, brands })
}

#[post("/admin/brands/{slug}/verify")]
pub(super) async fn admin_verify(
    state: web::Data<AppState>,
    _admin: PageAdmin,
    slug: web::Path<String>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    state.db(move |conn| brands::verify(conn, &slug)).await?;
    Ok(see_other("/admin/brands"))
}
