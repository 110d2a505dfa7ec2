//! Shop pages: brand pages and catalog management, product pages, tagging products on a note,
//! cart and checkout, orders, dashboards and the admin's brand list. All plain forms: every
//! page works without JavaScript.

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{BrandView, ProductView};
use super::orders::{OrderView, Shipping};
use super::products::{ImportReport, ProductInput, RowError};
use super::stats::Stats;
use super::{brands, cart, orders, products, stats, tags};
use crate::accounts::model::User;
use crate::db::{CartItemId, NoteId, OrderId, ProductId, ProductTagId, RunId};
use crate::media::store::WrittenFiles;
use crate::media::ProcessedPhoto;
use crate::notes::model::NoteView;
use crate::web::csrf::CsrfForm;
use crate::web::multipart::{self, MultipartForm, Upload};
use crate::web::page::{csv_response, render, render_error, require_admin};
use crate::web::{see_other, AppError, Csrf, PageContext, PageResult, PageUser};
use crate::AppState;

/// Decodes uploaded photos off the async threads.
async fn decode_photos(files: Vec<Upload>) -> Result<Vec<ProcessedPhoto>, AppError> {
    web::block(move || {
        files
            .iter()
            .enumerate()
            .map(|(i, upload)| {
                crate::media::process_upload(&upload.bytes).map_err(|e| {
                    AppError::validation("images", format!("Photo {} ('{}') {e}.", i + 1, upload.filename))
                })
            })
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?
}

/// Writes the photos, runs `f` (the database side), and removes the files again if it fails.
async fn with_photos<T: Send + 'static>(
    state: &AppState,
    photos: Vec<ProcessedPhoto>,
    f: impl FnOnce(&mut crate::db::DbConnection, &[ProcessedPhoto]) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let store = state.media.clone();
    state
        .db(move |conn| {
            let mut written = WrittenFiles::default();
            let saved = photos.iter().try_for_each(|p| store.save(p, &mut written));
            let result = saved
                .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("writing a photo")))
                .and_then(|()| f(conn, &photos));
            if result.is_err() {
                store.discard(written, |hash| crate::media::queries::exists(conn, hash).unwrap_or(true));
            }
            result
        })
        .await
}

// ---------------------------------------------------------------- brands

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
async fn new_brand(ctx: PageContext, _user: PageUser) -> PageResult<HttpResponse> {
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
    csrf: String,
    name: String,
    slug: String,
    #[serde(default)]
    description: String,
}

#[post("/brands")]
async fn create_brand(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    form: web::Form<BrandForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
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
async fn show_brand(
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
    notice: Option<String>,
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
    notice: Option<String>,
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

fn notice_text(done: Option<&str>) -> Option<String> {
    Some(
        match done? {
            "created" => "Your brand is ready. Add products below; an admin will verify it soon.",
            "product" => "Product saved.",
            "settings" => "Settings saved.",
            "staff" => "Staff member added.",
            _ => return None,
        }
        .to_string(),
    )
}

#[get("/brands/{slug}/manage")]
async fn manage(
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
async fn brand_settings(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = multipart::read(payload, 1).await?;
    csrf.verify(form.text("csrf"))?;
    let result = async {
        let bps = parse_percent(form.text("commission_percent"))?;
        let description = form.text("description").to_string();
        let logo = decode_photos(form.files).await?;
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
    let value: f64 = text.parse().map_err(|_| {
        AppError::validation("commission_bps", "The commission is a percentage, like 5 or 2.5.")
    })?;
    Ok((value * 100.0).round() as i32)
}

#[derive(Deserialize)]
struct StaffForm {
    csrf: String,
    username: String,
}

#[post("/brands/{slug}/staff")]
async fn add_staff(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    form: web::Form<StaffForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
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
        .ok_or_else(|| AppError::validation("price", "Write the price like 129 or 129.50."))?;
    let stock = form
        .text("stock")
        .trim()
        .parse()
        .map_err(|_| AppError::validation("stock", "Stock is a whole number, 0 or more."))?;
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
async fn create_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = multipart::read(payload, products::MAX_PHOTOS).await?;
    csrf.verify(form.text("csrf"))?;
    let result = async {
        let input = product_input(&form)?;
        let photos = decode_photos(form.files).await?;
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
            let message = format!("{err} Nothing was saved; please fill in the product again.");
            let page = manage_page(&state, ctx, user, slug, None, Some(message), Vec::new()).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/brands/{slug}/import")]
async fn import_products(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = multipart::read(payload, 1).await?;
    csrf.verify(form.text("csrf"))?;
    let text = match form.files.first() {
        Some(file) => String::from_utf8(file.bytes.clone()).map_err(|_| {
            AppError::validation("file", "The file is not UTF-8 text; save it as CSV (UTF-8).")
        })?,
        None => return Err(AppError::validation("file", "Choose a CSV file to import.").into()),
    };
    let (u, s) = (user.clone(), slug.clone());
    let outcome = state.db(move |conn| products::import_csv(conn, Some(&u), &s, &text)).await;
    let (notice, error, rows, status_err) = match outcome {
        Ok(Ok(ImportReport { created, updated })) => {
            state.search_changed();
            (Some(format!("Imported: {created} new products, {updated} updated.")), None, Vec::new(), None)
        }
        Ok(Err(rows)) => (
            None,
            Some(format!("Nothing was imported: {} rows need fixing (listed below).", rows.len())),
            rows,
            Some(AppError::validation("file", "rows")),
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
async fn edit_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<i64>,
) -> PageResult<HttpResponse> {
    let id = ProductId(*id);
    let product = state
        .db(move |conn| {
            products::staffed(conn, &user, id)?;
            products::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That product"))
        })
        .await?;
    render(&ProductEditPage { ctx, product, error: None })
}

#[post("/products/{id}/edit")]
async fn update_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let id = ProductId(*id);
    let form = multipart::read(payload, products::MAX_PHOTOS).await?;
    csrf.verify(form.text("csrf"))?;
    let result = async {
        let input = product_input(&form)?;
        let photos = decode_photos(form.files).await?;
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
                    products::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That product"))
                })
                .await?;
            render_error(&err, &ProductEditPage { ctx, product, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

// ---------------------------------------------------------------- products

#[derive(Template)]
#[template(path = "shop/product.html")]
struct ProductPage {
    ctx: PageContext,
    product: ProductView,
    notes: Vec<NoteView>,
    from_note: Option<NoteId>,
    is_staff: bool,
    deals: Vec<crate::groupbuy::teams::DealView>,
    /// Open community group buys selling it.
    runs: Vec<crate::community::runs::RunView>,
}

#[derive(Deserialize)]
struct FromNote {
    from_note: Option<i64>,
}

#[get("/products/{id}")]
async fn show_product(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<i64>,
    q: web::Query<FromNote>,
) -> PageResult<HttpResponse> {
    let id = ProductId(*id);
    let viewer = ctx.viewer.as_ref().map(|v| v.id);
    let from = q.from_note.map(NoteId);
    let (product, notes, from_note, is_staff, deals, runs) = state
        .db(move |conn| {
            let product =
                products::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That product"))?;
            let ids = tags::notes_tagging(conn, id, 30)?;
            let notes = crate::notes::queries::load_views(conn, &ids)?;
            // Only a note that really shows the product can take credit for the sale.
            let from_note = match from {
                Some(n) if cart::note_shows(conn, n, id)? => Some(n),
                _ => None,
            };
            let is_staff = match viewer {
                Some(v) => brands::role(conn, product.brand.id, v)?.is_some(),
                None => false,
            };
            let deals = crate::groupbuy::teams::deals_for(conn, id)?;
            let runs = crate::community::runs::open_for_product(conn, id)?;
            Ok((product, notes, from_note, is_staff, deals, runs))
        })
        .await?;
    render(&ProductPage { ctx, product, notes, from_note, is_staff, deals, runs })
}

// ---------------------------------------------------------------- tagging products on a note

#[derive(Template)]
#[template(path = "shop/tag_products.html")]
struct TagPage {
    ctx: PageContext,
    note: NoteView,
    q: String,
    results: Vec<ProductView>,
    image: usize,
    error: Option<String>,
    is_author: bool,
}

#[derive(Deserialize)]
struct TagQuery {
    q: Option<String>,
    image: Option<usize>,
}

async fn tag_page(
    state: &AppState,
    ctx: PageContext,
    user: User,
    note: NoteId,
    q: String,
    image: usize,
    error: Option<String>,
) -> Result<TagPage, AppError> {
    let query = q.clone();
    let (note, results, staff_brands) = state
        .db(move |conn| {
            let note = crate::notes::queries::load_view(conn, note)?
                .ok_or_else(|| AppError::not_found("That note"))?;
            let staff_brands = brands::of_user(conn, user.id)?;
            let results = if note.author.username == user.username {
                products::search(conn, &query, None, 12)?
            } else {
                // Brand staff tag their own products only.
                let mut all = Vec::new();
                for brand in &staff_brands {
                    all.extend(products::search(conn, &query, Some(brand.id), 12)?);
                }
                all
            };
            Ok((note, results, staff_brands))
        })
        .await?;
    let is_author = ctx.is_viewer(&note.author.username);
    if !is_author && staff_brands.is_empty() {
        return Err(AppError::Forbidden(
            "Only the note's author (or a brand's staff) can tag products in it.".into(),
        ));
    }
    let image = image.min(note.images.len().saturating_sub(1));
    Ok(TagPage { ctx, note, q, results, image, error, is_author })
}

#[get("/notes/{id}/tags")]
async fn tag_products(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    q: web::Query<TagQuery>,
) -> PageResult<HttpResponse> {
    let q = q.into_inner();
    render(
        &tag_page(&state, ctx, user, NoteId(*id), q.q.unwrap_or_default(), q.image.unwrap_or(0), None)
            .await?,
    )
}

#[derive(Deserialize)]
struct TagForm {
    csrf: String,
    product_id: Option<i64>,
    image: usize,
    /// Percent of width and height (the page without JavaScript), or fractions set by the script.
    x: f64,
    y: f64,
    #[serde(default)]
    q: String,
}

#[post("/notes/{id}/tags")]
async fn add_tag(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    form: web::Form<TagForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let note = NoteId(*id);
    let f = form.into_inner();
    let result = match f.product_id {
        None => Err(AppError::validation("product_id", "Choose a product to tag.")),
        Some(pid) => {
            let input = tags::TagInput {
                image: f.image as i32,
                x: f.x / 100.0,
                y: f.y / 100.0,
                product_id: ProductId(pid),
            };
            let u = user.clone();
            state.db(move |conn| tags::add(conn, &u, note, &input)).await.map(drop)
        }
    };
    match result {
        Ok(()) => {
            state.search_changed();
            state.jobs_changed();
            Ok(see_other(&format!("/notes/{note}")))
        }
        Err(err @ (AppError::Validation { .. } | AppError::Forbidden(_))) => {
            let page = tag_page(&state, ctx, user, note, f.q, f.image, Some(err.to_string())).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/product-tags/{id}/approve")]
async fn approve_tag(
    state: web::Data<AppState>,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let id = ProductTagId(*id);
    let tag = state.db(move |conn| tags::approve(conn, &user, id)).await?;
    state.search_changed();
    Ok(see_other(&format!("/notes/{}", tag.note_id)))
}

#[post("/product-tags/{id}/delete")]
async fn remove_tag(
    state: web::Data<AppState>,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let id = ProductTagId(*id);
    let note = state.db(move |conn| tags::remove(conn, &user, id)).await?;
    state.search_changed();
    Ok(see_other(&format!("/notes/{note}")))
}

// ---------------------------------------------------------------- cart and checkout

#[derive(Template)]
#[template(path = "shop/cart.html")]
struct CartPage {
    ctx: PageContext,
    cart: cart::CartView,
    error: Option<String>,
    name: String,
    address: String,
    idempotency_key: String,
    /// Open community group buys that sell everything in the cart: pickup instead of delivery.
    pickups: Vec<crate::community::runs::RunView>,
    /// The pickup chosen (none: delivery).
    run_id: Option<RunId>,
}

impl CartPage {
    fn is_chosen(&self, run: &RunId) -> bool {
        self.run_id.as_ref() == Some(run)
    }
}

async fn cart_page(
    state: &AppState,
    ctx: PageContext,
    user: &User,
    error: Option<String>,
    shipping: Shipping,
    run_id: Option<RunId>,
) -> Result<CartPage, AppError> {
    let id = user.id;
    let (cart, pickups) = state
        .db(move |conn| {
            let cart = cart::view(conn, id)?;
            let products: Vec<ProductId> = cart.items.iter().map(|l| l.product.id).collect();
            let pickups = crate::community::runs::open_for_cart(conn, &products)?;
            Ok((cart, pickups))
        })
        .await?;
    let name = if shipping.name.is_empty() { user.display_name.clone() } else { shipping.name };
    Ok(CartPage {
        ctx,
        cart,
        error,
        name,
        address: shipping.address,
        idempotency_key: super::new_idempotency_key(),
        pickups,
        run_id,
    })
}

#[get("/cart")]
async fn show_cart(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
) -> PageResult<HttpResponse> {
    render(&cart_page(&state, ctx, &user, None, Shipping::default(), None).await?)
}

#[derive(Deserialize)]
struct AddForm {
    csrf: String,
    product_id: i64,
    quantity: Option<i32>,
    source_note_id: Option<i64>,
    source_list_id: Option<i64>,
    /// Where to go next: back to the note, or (default) the cart.
    back: Option<String>,
}

#[post("/cart/items")]
async fn add_to_cart(
    state: web::Data<AppState>,
    csrf: Csrf,
    PageUser(user): PageUser,
    form: web::Form<AddForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let f = form.into_inner();
    let (product, quantity, source) =
        (ProductId(f.product_id), f.quantity.unwrap_or(1), f.source_note_id.map(NoteId));
    let list = f.source_list_id.map(crate::db::ListId);
    state.db(move |conn| cart::add(conn, &user, product, quantity, source, list)).await?;
    let next =
        f.back.filter(|b| b.starts_with('/') && !b.starts_with("//")).unwrap_or_else(|| "/cart".into());
    Ok(see_other(&next))
}

#[derive(Deserialize)]
struct QuantityForm {
    csrf: String,
    quantity: i32,
}

#[post("/cart/items/{id}")]
async fn set_quantity(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    form: web::Form<QuantityForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let (id, quantity, u) = (CartItemId(*id), form.quantity, user.clone());
    match state.db(move |conn| cart::set_quantity(conn, &u, id, quantity)).await {
        Ok(()) => Ok(see_other("/cart")),
        Err(err @ (AppError::Validation { .. } | AppError::SoldOut(_))) => {
            let page =
                cart_page(&state, ctx, &user, Some(err.to_string()), Shipping::default(), None).await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/cart/items/{id}/delete")]
async fn remove_from_cart(
    state: web::Data<AppState>,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let id = CartItemId(*id);
    state.db(move |conn| cart::remove(conn, &user, id)).await?;
    Ok(see_other("/cart"))
}

#[derive(Deserialize)]
struct CheckoutForm {
    csrf: String,
    name: String,
    #[serde(default)]
    address: String,
    idempotency_key: String,
    /// "" for delivery, or the group buy to pick up from.
    #[serde(default)]
    run_id: String,
}

#[post("/checkout")]
async fn checkout(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    form: web::Form<CheckoutForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let f = form.into_inner();
    let shipping = Shipping { name: f.name.clone(), address: f.address.clone() };
    let run = f.run_id.trim().parse::<i64>().ok().map(RunId);
    match super::place_orders(&state, user.clone(), shipping, run, f.idempotency_key).await {
        Ok(views) if views.len() == 1 => Ok(see_other(&format!("{}?placed=1", views[0].url))),
        Ok(_) => Ok(see_other("/orders?placed=1")),
        Err(err @ (AppError::Validation { .. } | AppError::SoldOut(_) | AppError::Conflict(_))) => {
            let page = cart_page(
                &state,
                ctx,
                &user,
                Some(err.to_string()),
                Shipping { name: f.name, address: f.address },
                run,
            )
            .await?;
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

// ---------------------------------------------------------------- orders

#[derive(Template)]
#[template(path = "shop/orders.html")]
struct OrdersPage {
    ctx: PageContext,
    title: String,
    orders: Vec<OrderView>,
    placed: bool,
    /// Set on a brand's order list: its staff move orders along from here.
    brand: Option<BrandView>,
}

#[derive(Deserialize)]
struct Placed {
    placed: Option<String>,
}

#[get("/orders")]
async fn my_orders(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    q: web::Query<Placed>,
) -> PageResult<HttpResponse> {
    let orders = state.db(move |conn| Ok(orders::of_buyer(conn, user.id)?)).await?;
    render(&OrdersPage { ctx, title: "Your orders".into(), orders, placed: q.placed.is_some(), brand: None })
}

#[get("/brands/{slug}/orders")]
async fn brand_orders(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    let (brand, orders) = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok((BrandView::from(&brand), orders::of_brand(conn, brand.id)?))
        })
        .await?;
    render(&OrdersPage {
        ctx,
        title: format!("{}: orders", brand.name),
        orders,
        placed: false,
        brand: Some(brand),
    })
}

#[derive(Template)]
#[template(path = "shop/order.html")]
struct OrderPage {
    ctx: PageContext,
    order: OrderView,
    is_staff: bool,
    is_buyer: bool,
    placed: bool,
}

#[get("/orders/{id}")]
async fn show_order(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    q: web::Query<Placed>,
) -> PageResult<HttpResponse> {
    let id = OrderId(*id);
    let (order, is_staff, is_buyer) = state
        .db(move |conn| {
            let (order, staff) = orders::visible(conn, &user, id)?;
            Ok((orders::view(conn, id)?, staff, order.buyer_id == user.id))
        })
        .await?;
    render(&OrderPage { ctx, order, is_staff, is_buyer, placed: q.placed.is_some() })
}

#[derive(Template)]
#[template(path = "shop/order_cancel.html")]
struct CancelPage {
    ctx: PageContext,
    order: OrderView,
}

#[get("/orders/{id}/cancel")]
async fn confirm_cancel(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<i64>,
) -> PageResult<HttpResponse> {
    let id = OrderId(*id);
    let order = state
        .db(move |conn| {
            orders::visible(conn, &user, id)?;
            orders::view(conn, id)
        })
        .await?;
    render(&CancelPage { ctx, order })
}

#[derive(Deserialize)]
struct StatusForm {
    csrf: String,
    status: String,
    back: Option<String>,
}

#[post("/orders/{id}/status")]
async fn order_status(
    state: web::Data<AppState>,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    let id = OrderId(*id);
    let f = form.into_inner();
    let base_url = state.config.base_url.clone();
    let status = f.status.clone();
    state.db(move |conn| orders::set_status(conn, &user, id, &status, &base_url)).await?;
    state.jobs_changed();
    let next = f
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        .unwrap_or_else(|| format!("/orders/{id}"));
    Ok(see_other(&next))
}

// ---------------------------------------------------------------- dashboards

#[derive(Template)]
#[template(path = "shop/dashboard.html")]
struct DashboardPage {
    ctx: PageContext,
    title: String,
    stats: Stats,
    csv_url: String,
    brand: Option<BrandView>,
}

#[get("/dashboard")]
async fn creator_dashboard(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
) -> PageResult<HttpResponse> {
    let stats = state.db(move |conn| Ok(stats::for_creator(conn, user.id)?)).await?;
    render(&DashboardPage {
        ctx,
        title: "Your notes' sales".into(),
        stats,
        csv_url: "/dashboard.csv".into(),
        brand: None,
    })
}

#[get("/dashboard.csv")]
async fn creator_csv(state: web::Data<AppState>, PageUser(user): PageUser) -> PageResult<HttpResponse> {
    let stats = state.db(move |conn| Ok(stats::for_creator(conn, user.id)?)).await?;
    Ok(csv_response("sprout-creator-stats.csv", stats.csv()))
}

#[get("/brands/{slug}/dashboard")]
async fn brand_dashboard(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    let (brand, stats) = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok((BrandView::from(&brand), stats::for_brand(conn, brand.id)?))
        })
        .await?;
    let page = DashboardPage {
        ctx,
        title: format!("{}: notes and creators that sell", brand.name),
        csv_url: format!("/brands/{}/dashboard.csv", brand.slug),
        stats,
        brand: Some(brand),
    };
    render(&page)
}

#[get("/brands/{slug}/dashboard.csv")]
async fn brand_csv(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    slug: web::Path<String>,
) -> PageResult<HttpResponse> {
    let stats = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok(stats::for_brand(conn, brand.id)?)
        })
        .await?;
    Ok(csv_response("sprout-brand-stats.csv", stats.csv()))
}

// ---------------------------------------------------------------- admin

#[derive(Template)]
#[template(path = "shop/admin_brands.html")]
struct AdminBrandsPage {
    ctx: PageContext,
    brands: Vec<BrandView>,
}

#[get("/admin/brands")]
async fn admin_brands(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
) -> PageResult<HttpResponse> {
    require_admin(&user)?;
    let brands =
        state.db(move |conn| Ok(brands::all_for_admin(conn)?.iter().map(BrandView::from).collect())).await?;
    render(&AdminBrandsPage { ctx, brands })
}

#[post("/admin/brands/{slug}/verify")]
async fn admin_verify(
    state: web::Data<AppState>,
    csrf: Csrf,
    PageUser(user): PageUser,
    slug: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    csrf.verify(&form.csrf)?;
    require_admin(&user)?;
    state.db(move |conn| brands::verify(conn, &slug)).await?;
    Ok(see_other("/admin/brands"))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_brand)
        .service(create_brand)
        .service(manage)
        .service(brand_settings)
        .service(add_staff)
        .service(create_product)
        .service(import_products)
        .service(brand_orders)
        .service(brand_dashboard)
        .service(brand_csv)
        .service(show_brand)
        .service(edit_product)
        .service(update_product)
        .service(show_product)
        .service(tag_products)
        .service(add_tag)
        .service(approve_tag)
        .service(remove_tag)
        .service(show_cart)
        .service(add_to_cart)
        .service(set_quantity)
        .service(remove_from_cart)
        .service(checkout)
        .service(my_orders)
        .service(show_order)
        .service(confirm_cancel)
        .service(order_status)
        .service(creator_csv)
        .service(creator_dashboard)
        .service(admin_brands)
        .service(admin_verify);
}
