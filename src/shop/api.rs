//! The shop's JSON API: brands, catalog, product tags, cart, checkout, orders, dashboards.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::checkout::Shipping;
use super::products::ProductInput;
use super::tags::TagInput;
use super::{brands, cart, orders, products, stats, tags};
use crate::db::{CartItemId, NoteId, OrderId, ProductId, ProductTagId};
use crate::web::{ApiResult, ApiUser, ApiViewer, AppError};
use crate::AppState;

#[derive(Deserialize)]
struct NewBrand {
    name: String,
    slug: String,
    #[serde(default)]
    description: String,
}

#[post("/api/v1/brands")]
async fn create_brand(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Json<NewBrand>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let brand =
        state.db(move |conn| brands::create(conn, &user, &body.name, &body.slug, &body.description)).await?;
    let view = super::model::BrandView::from(&brand);
    Ok(HttpResponse::Created().insert_header(("Location", view.url.clone())).json(view))
}

#[get("/api/v1/brands/{slug}")]
async fn show_brand(state: web::Data<AppState>, slug: web::Path<String>) -> ApiResult<HttpResponse> {
    let (brand, catalog) = state
        .db(move |conn| {
            let brand = brands::by_slug(conn, &slug)?;
            let catalog = products::catalog(conn, brand.id, false)?;
            Ok((brand, catalog))
        })
        .await?;
    let mut json =
        serde_json::to_value(super::model::BrandView::from(&brand)).map_err(anyhow::Error::from)?;
    json["products"] = serde_json::to_value(catalog).map_err(anyhow::Error::from)?;
    Ok(HttpResponse::Ok().json(json))
}

#[derive(Deserialize)]
struct StaffBody {
    username: String,
}

#[post("/api/v1/brands/{slug}/staff")]
async fn add_staff(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<StaffBody>,
) -> ApiResult<HttpResponse> {
    let staff = state
        .db(move |conn| {
            brands::add_staff(conn, &user, &slug, &body.username)?;
            let brand = brands::by_slug(conn, &slug)?;
            Ok(brands::staff(conn, brand.id)?)
        })
        .await?;
    let staff: Vec<_> = staff
        .into_iter()
        .map(|(username, _, role)| serde_json::json!({"username": username, "role": role}))
        .collect();
    Ok(HttpResponse::Created().json(serde_json::json!({ "staff": staff })))
}

#[post("/api/v1/brands/{slug}/verify")]
async fn verify_brand(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    if !user.is_admin {
        return Err(AppError::Forbidden("Only an admin can verify brands.".into()));
    }
    let brand = state.db(move |conn| brands::verify(conn, &slug)).await?;
    Ok(HttpResponse::Ok().json(super::model::BrandView::from(&brand)))
}

#[post("/api/v1/brands/{slug}/products")]
async fn create_product(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: web::Json<ProductInput>,
) -> ApiResult<HttpResponse> {
    let view = state
        .db(move |conn| {
            let id = products::create(conn, &user, &slug, &body, &[])?;
            products::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That product"))
        })
        .await?;
    state.search_changed();
    Ok(HttpResponse::Created().insert_header(("Location", view.url.clone())).json(view))
}

/// The catalog CSV as the request body; 422 with every bad row when any row is wrong.
#[post("/api/v1/brands/{slug}/products/import")]
async fn import_products(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: String,
) -> ApiResult<HttpResponse> {
    let report = state.db(move |conn| products::import_csv(conn, Some(&user), &slug, &body)).await?;
    Ok(match report {
        Ok(report) => HttpResponse::Ok().json(report),
        Err(errors) => HttpResponse::UnprocessableEntity().json(serde_json::json!({
            "error": {"code": "invalid", "field": "file", "message": "Nothing was imported: some rows are wrong.", "rows": errors}
        })),
    })
}

#[derive(Deserialize)]
struct ProductQuery {
    q: Option<String>,
    brand: Option<String>,
    limit: Option<i64>,
}

/// Active products by name, category or brand: the tag picker's search-as-you-type.
#[get("/api/v1/products")]
async fn search_products(
    state: web::Data<AppState>,
    query: web::Query<ProductQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let items = state
        .db(move |conn| {
            let brand = match &query.brand {
                Some(slug) => Some(brands::by_slug(conn, slug)?.id),
                None => None,
            };
            Ok(products::search(
                conn,
                query.q.as_deref().unwrap_or(""),
                brand,
                query.limit.unwrap_or(20).clamp(1, 50),
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

#[get("/api/v1/products/{id}")]
async fn show_product(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ProductId(*id);
    let (product, notes) = state
        .db(move |conn| {
            let product =
                products::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That product"))?;
            if product.hidden {
                let may = match &viewer {
                    Some(v) => {
                        v.is_moderator() || super::brands::role(conn, product.brand.id, v.id)?.is_some()
                    }
                    None => false,
                };
                if !may {
                    return Err(AppError::not_found("That product"));
                }
            }
            let ids = tags::notes_tagging(conn, id, 20)?;
            let mut notes = crate::notes::queries::load_views(conn, &ids)?;
            crate::social::service::mark_liked(conn, viewer.as_ref(), &mut notes)?;
            Ok((product, notes))
        })
        .await?;
    let mut json = serde_json::to_value(product).map_err(anyhow::Error::from)?;
    json["tagged_in"] = serde_json::to_value(notes).map_err(anyhow::Error::from)?;
    Ok(HttpResponse::Ok().json(json))
}

#[derive(Deserialize)]
struct ProductPatch {
    name: Option<String>,
    description: Option<String>,
    category: Option<String>,
    price_cents: Option<i64>,
    currency: Option<String>,
    stock: Option<i64>,
    active: Option<bool>,
    commission_bps: Option<Option<i32>>,
}

#[patch("/api/v1/products/{id}")]
async fn edit_product(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<ProductPatch>,
) -> ApiResult<HttpResponse> {
    let id = ProductId(*id);
    let p = body.into_inner();
    let view = state
        .db(move |conn| {
            let (current, _) = products::staffed(conn, &user, id)?;
            let input = ProductInput {
                name: p.name.unwrap_or(current.name),
                description: p.description.unwrap_or(current.description),
                category: p.category.unwrap_or(current.category),
                price_cents: p.price_cents.unwrap_or(current.price_cents),
                currency: p.currency.unwrap_or(current.currency),
                stock: p.stock.unwrap_or(current.stock),
                active: p.active.unwrap_or(current.active),
                commission_bps: p.commission_bps.unwrap_or(current.commission_bps),
            };
            products::update(conn, &user, id, &input, &[])?;
            products::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That product"))
        })
        .await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(view))
}

#[post("/api/v1/notes/{id}/product-tags")]
async fn add_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<TagInput>,
) -> ApiResult<HttpResponse> {
    let note = NoteId(*id);
    let tag = state.db(move |conn| tags::add(conn, &user, note, &body)).await?;
    state.search_changed();
    Ok(HttpResponse::Created().json(tag))
}

#[post("/api/v1/product-tags/{id}/approve")]
async fn approve_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ProductTagId(*id);
    let tag = state.db(move |conn| tags::approve(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(tag))
}

#[delete("/api/v1/product-tags/{id}")]
async fn remove_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ProductTagId(*id);
    state.db(move |conn| tags::remove(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::NoContent().finish())
}

/// A reader tapped a dot: counted for the dashboards; answers the product card.
#[post("/api/v1/product-tags/{id}/tap")]
async fn tap_tag(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ProductTagId(*id);
    let product = state
        .db(move |conn| {
            // Only a tag on a note the reader may see.
            let note = tags::find(conn, id)?.note_id;
            crate::notes::service::visible_to(conn, viewer.as_ref(), note)?;
            let tag = tags::tap(conn, viewer.map(|v| v.id), id)?;
            products::load_view(conn, tag.product_id)?.ok_or_else(|| AppError::not_found("That product"))
        })
        .await?;
    Ok(HttpResponse::Ok().json(product))
}

#[derive(Deserialize)]
struct AddToCart {
    product_id: ProductId,
    #[serde(default = "one")]
    quantity: i32,
    source_note_id: Option<NoteId>,
    source_list_id: Option<crate::db::ListId>,
}

fn one() -> i32 {
    1
}

#[post("/api/v1/cart/items")]
async fn add_to_cart(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: web::Json<AddToCart>,
) -> ApiResult<HttpResponse> {
    let cart = state
        .db(move |conn| {
            cart::add(conn, &user, body.product_id, body.quantity, body.source_note_id, body.source_list_id)?;
            Ok(cart::view(conn, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(cart))
}

#[get("/api/v1/cart")]
async fn show_cart(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let cart = state.db(move |conn| Ok(cart::view(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(cart))
}

#[derive(Deserialize)]
struct Quantity {
    quantity: i32,
}

#[patch("/api/v1/cart/items/{id}")]
async fn set_quantity(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<Quantity>,
) -> ApiResult<HttpResponse> {
    let id = CartItemId(*id);
    let cart = state
        .db(move |conn| {
            cart::set_quantity(conn, &user, id, body.quantity)?;
            Ok(cart::view(conn, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

#[delete("/api/v1/cart/items/{id}")]
async fn remove_from_cart(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = CartItemId(*id);
    state.db(move |conn| cart::remove(conn, &user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize)]
struct CheckoutBody {
    #[serde(default)]
    shipping: Shipping,
    idempotency_key: Option<String>,
    /// Order into this community group buy (pickup at its point) instead of delivery.
    run_id: Option<crate::db::RunId>,
}

/// Orders the cart. The first order's JSON, with `orders` listing every order made (one per
/// brand); the same answer again for a retried request with the same idempotency key.
#[post("/api/v1/checkout")]
async fn checkout(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    req: HttpRequest,
    body: web::Json<CheckoutBody>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let header = req.headers().get("Idempotency-Key").and_then(|v| v.to_str().ok()).map(str::to_string);
    let key = body.idempotency_key.or(header).unwrap_or_else(super::new_idempotency_key);
    let views = super::place_orders(&state, user, body.shipping, body.run_id, key).await?;
    let Some(first) = views.first() else {
        return Err(AppError::Internal(anyhow::anyhow!("a checkout made no orders")));
    };
    let mut json = serde_json::to_value(first).map_err(anyhow::Error::from)?;
    json["orders"] = serde_json::to_value(&views).map_err(anyhow::Error::from)?;
    Ok(HttpResponse::Created().insert_header(("Location", first.url.clone())).json(json))
}

#[get("/api/v1/orders")]
async fn my_orders(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let items = state.db(move |conn| Ok(orders::of_buyer(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

#[get("/api/v1/orders/{id}")]
async fn show_order(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = OrderId(*id);
    let view = state
        .db(move |conn| {
            orders::visible(conn, &user, id)?;
            orders::view(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Deserialize)]
struct StatusBody {
    status: String,
}

#[post("/api/v1/orders/{id}/status")]
async fn order_status(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<i64>,
    body: web::Json<StatusBody>,
) -> ApiResult<HttpResponse> {
    let id = OrderId(*id);
    let base_url = state.config.base_url.clone();
    let view =
        state.db(move |conn| orders::set_status(conn, &user, id, body.status.trim(), &base_url)).await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(view))
}

#[get("/api/v1/brands/{slug}/orders")]
async fn brand_orders(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let items = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok(orders::of_brand(conn, brand.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

#[get("/api/v1/creators/me/stats")]
async fn creator_stats(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let stats = state.db(move |conn| Ok(stats::for_creator(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(stats))
}

#[get("/api/v1/brands/{slug}/stats")]
async fn brand_stats(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let stats = state
        .db(move |conn| {
            let brand = brands::staffed(conn, &user, &slug)?;
            Ok(stats::for_brand(conn, brand.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(stats))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create_brand)
        .service(import_products)
        .service(create_product)
        .service(add_staff)
        .service(verify_brand)
        .service(brand_orders)
        .service(brand_stats)
        .service(show_brand)
        .service(search_products)
        .service(show_product)
        .service(edit_product)
        .service(add_tag)
        .service(approve_tag)
        .service(remove_tag)
        .service(tap_tag)
        .service(add_to_cart)
        .service(show_cart)
        .service(set_quantity)
        .service(remove_from_cart)
        .service(checkout)
        .service(my_orders)
        .service(show_order)
        .service(order_status)
        .service(creator_stats);
}
