//! The shop's JSON API: brands, catalog, product tags, cart, checkout, orders, dashboards.

use crate::web::extractors::Json;
use actix_web::{delete, get, patch, post, web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::cart::CartView;
use super::checkout::Shipping;
use super::model::{BrandView, ProductTagView, ProductView};
use super::orders::OrderView;
use super::products::{ImportReport, ProductInput, RowError};
use super::stats::Stats;
use super::tags::TagInput;
use super::{brands, cart, orders, products, stats, tags};
use crate::db::{CartItemId, ListId, NoteId, OrderId, ProductId, ProductTagId, RunId};
use crate::notes::model::NoteView;
use crate::web::openapi::{ErrorBody, Invalid, NotFound, TooLarge, Unauthorized};
use crate::web::{ApiResult, ApiUser, ApiViewer, AppError};
use crate::AppState;

/// A new brand.
#[derive(Deserialize, ToSchema)]
struct NewBrand {
    /// 1 to 60 characters (not only spaces), trimmed.
    #[schema(min_length = 1, max_length = 60, pattern = r"\S")]
    name: String,
    /// The brand's web name, in its address: 2 to 40 letters, digits or dashes, not starting or
    /// ending with a dash; stored in lower case. It must not be taken (409).
    #[schema(pattern = r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}[A-Za-z0-9]$", example = "green-leaf")]
    slug: String,
    /// Up to 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    description: String,
}

/// Create a brand (you become its owner; unverified)
///
/// An admin verifies it later; until then its products carry no verified badge.
#[utoipa::path(
    operation_id = "create_brand",
    tag = "shop",
    security(("bearer" = [])),
    request_body = NewBrand,
    responses(
        (status = 201, description = "The new brand", body = BrandView, headers(("Location" = String, description = "The brand's page"))),
        Unauthorized,
        (status = 409, description = "That web name is taken", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/brands")]
async fn create_brand(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: Json<NewBrand>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let brand =
        state.db(move |conn| brands::create(conn, &user, &body.name, &body.slug, &body.description)).await?;
    let view = BrandView::from(&brand);
    Ok(HttpResponse::Created().insert_header(("Location", view.url.clone())).json(view))
}

/// A brand with its catalog.
#[derive(Serialize, ToSchema)]
struct BrandWithCatalog {
    #[serde(flatten)]
    brand: BrandView,
    /// Its products on sale, by name.
    products: Vec<ProductView>,
}

/// A brand and its active products
#[utoipa::path(
    operation_id = "get_brand",
    tag = "shop",
    params(("slug" = String, Path, description = "The brand's web name, like `green-leaf`")),
    responses((status = 200, description = "The brand and its products on sale", body = BrandWithCatalog), NotFound)
)]
#[get("/api/v1/brands/{slug}")]
async fn show_brand(state: web::Data<AppState>, slug: web::Path<String>) -> ApiResult<HttpResponse> {
    let (brand, catalog) = state
        .db(move |conn| {
            let brand = brands::by_slug(conn, &slug)?;
            let catalog = products::catalog(conn, brand.id, false)?;
            Ok((brand, catalog))
        })
        .await?;
    Ok(HttpResponse::Ok().json(BrandWithCatalog { brand: BrandView::from(&brand), products: catalog }))
}

/// The member to add to the staff.
#[derive(Deserialize, ToSchema)]
struct NewBrandStaff {
    /// A member's username (a leading `@` is fine). No such member: 422.
    username: String,
}

/// A brand's staff, owner first.
#[derive(Serialize, ToSchema)]
struct BrandStaffList {
    staff: Vec<BrandStaffMember>,
}

#[derive(Serialize, ToSchema)]
struct BrandStaffMember {
    username: String,
    /// `owner` or `staff`.
    #[schema(example = "staff")]
    role: String,
}

/// Add a member to the brand's staff (owner only)
#[utoipa::path(
    operation_id = "add_brand_staff",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    request_body = NewBrandStaff,
    responses(
        (status = 201, description = "The brand's staff, with the new member", body = BrandStaffList),
        Unauthorized,
        (status = 403, description = "Only the brand's owner adds staff", body = ErrorBody),
        NotFound,
        (status = 409, description = "That member is already on the staff", body = ErrorBody),
        (status = 422, description = "The body is malformed, or there is no member of that name (`field` names it)", body = ErrorBody),
    )
)]
#[post("/api/v1/brands/{slug}/staff")]
async fn add_staff(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: Json<NewBrandStaff>,
) -> ApiResult<HttpResponse> {
    let staff = state
        .db(move |conn| {
            brands::add_staff(conn, &user, &slug, &body.username)?;
            let brand = brands::by_slug(conn, &slug)?;
            Ok(brands::staff(conn, brand.id)?)
        })
        .await?;
    let staff = staff.into_iter().map(|(username, _, role)| BrandStaffMember { username, role }).collect();
    Ok(HttpResponse::Created().json(BrandStaffList { staff }))
}

/// Verify a brand (admins)
///
/// Verifying a verified brand again changes nothing.
#[utoipa::path(
    operation_id = "verify_brand",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    responses(
        (status = 200, description = "The brand, verified", body = BrandView),
        Unauthorized,
        (status = 403, description = "Only an admin verifies brands", body = ErrorBody),
        NotFound,
    )
)]
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
    Ok(HttpResponse::Ok().json(BrandView::from(&brand)))
}

/// Add a product to the catalog (brand staff)
#[utoipa::path(
    operation_id = "create_product",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    request_body = ProductInput,
    responses(
        (status = 201, description = "The new product", body = ProductView, headers(("Location" = String, description = "The product's page"))),
        Unauthorized,
        (status = 403, description = "Only the brand's staff add products", body = ErrorBody),
        NotFound,
        (status = 409, description = "The brand already sells a product of that name", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/brands/{slug}/products")]
async fn create_product(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: Json<ProductInput>,
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

/// The largest catalog file the import reads.
const MAX_CSV_BYTES: usize = 256 * 1024;

/// An import refused because of its rows: `{"error": {..., "rows": [...]}}`.
#[derive(Serialize, ToSchema)]
struct CsvImportRefusal {
    error: CsvImportError,
}

#[derive(Serialize, ToSchema)]
struct CsvImportError {
    #[schema(example = "invalid")]
    code: String,
    message: String,
    /// `file` when the file is at fault.
    #[schema(example = "file")]
    field: String,
    /// Every wrong row, by line number; left out when the file as a whole is wrong (empty,
    /// no header, a required column missing, a quote never closed, an unknown charset).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rows: Vec<RowError>,
}

/// The request body as text, decoded by the charset its `Content-Type` names (UTF-8 when it
/// names none).
async fn read_text(req: &HttpRequest, payload: web::Payload) -> Result<String, AppError> {
    let encoding = req.encoding().map_err(|_| {
        AppError::validation("file", "The Content-Type names a charset this server cannot read; send UTF-8.")
    })?;
    let bytes = match payload.to_bytes_limited(MAX_CSV_BYTES).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return Err(AppError::validation("file", "The file could not be read; please send it again."))
        }
        Err(_) => {
            return Err(AppError::TooLarge(format!(
                "A catalog file can have at most {} KB; split it into several imports.",
                MAX_CSV_BYTES / 1024
            )))
        }
    };
    match encoding.decode_without_bom_handling_and_without_replacement(&bytes) {
        Some(text) => Ok(text.into_owned()),
        None => Err(AppError::validation("file", format!("The file is not valid {} text.", encoding.name()))),
    }
}

/// Import a catalog CSV: all rows or none (422 lists every wrong row)
///
/// The body is the CSV file itself (`Content-Type: text/csv`, UTF-8 unless its `charset` says
/// otherwise; at most 256 KB). Its first line names the columns: `name`, `price_cents`,
/// `currency` and `stock` are required; `description`, `category`, `active` and
/// `commission_bps` are optional. Then one product a line, with the bounds of a new product.
/// A name the brand already sells updates that product. If any row is wrong nothing is
/// imported and the 422 lists every wrong row.
#[utoipa::path(
    operation_id = "import_products",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    request_body(
        content = String,
        content_type = "text/csv",
        description = "The catalog: a header line naming the columns, then one product a line (RFC 4180 quoting)",
    ),
    responses(
        (status = 200, description = "Every row was imported", body = ImportReport),
        Unauthorized,
        (status = 403, description = "Only the brand's staff import products", body = ErrorBody),
        NotFound,
        TooLarge,
        (status = 422, description = "Nothing was imported: the file is malformed, or `rows` lists every wrong row", body = CsvImportRefusal),
    )
)]
#[post("/api/v1/brands/{slug}/products/import")]
async fn import_products(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let body = read_text(&req, payload).await?;
    let report = state.db(move |conn| products::import_csv(conn, Some(&user), &slug, &body)).await?;
    Ok(match report {
        Ok(report) => HttpResponse::Ok().json(report),
        Err(rows) => HttpResponse::UnprocessableEntity().json(CsvImportRefusal {
            error: CsvImportError {
                code: "invalid".into(),
                message: "Nothing was imported: some rows are wrong.".into(),
                field: "file".into(),
                rows,
            },
        }),
    })
}

/// What to look for.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ProductQuery {
    /// Part of a product's name, category or brand name, in any case (a leading `#` or `@` is
    /// ignored); none or empty: every active product.
    q: Option<String>,
    /// Only this brand's products (its web name); an unknown brand is a 404.
    brand: Option<String>,
    /// Products to answer, 1 to 50 (20 when not given).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<i64>,
}

/// Products found.
#[derive(Serialize, ToSchema)]
struct ProductSearchResults {
    /// Verified brands first, then by name.
    items: Vec<ProductView>,
}

/// Find active products by name, category or brand
///
/// The tag picker's search-as-you-type.
#[utoipa::path(
    operation_id = "search_products",
    tag = "shop",
    params(ProductQuery),
    responses(
        (status = 200, description = "The products found", body = ProductSearchResults),
        (status = 404, description = "No brand has that web name", body = ErrorBody),
        Invalid,
    )
)]
#[get("/api/v1/products")]
async fn search_products(
    state: web::Data<AppState>,
    query: web::Query<ProductQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let limit = match query.limit {
        None => 20,
        Some(n) if (1..=50).contains(&n) => n,
        Some(_) => return Err(AppError::validation("limit", "limit should be a number from 1 to 50.")),
    };
    let items = state
        .db(move |conn| {
            let brand = match &query.brand {
                Some(slug) => Some(brands::by_slug(conn, slug)?.id),
                None => None,
            };
            Ok(products::search(conn, query.q.as_deref().unwrap_or(""), brand, limit)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ProductSearchResults { items }))
}

/// A product with the notes that show it.
#[derive(Serialize, ToSchema)]
struct ProductWithNotes {
    #[serde(flatten)]
    product: ProductView,
    /// Up to 20 notes that tag it: verified-purchase reviews first, then the hottest.
    tagged_in: Vec<NoteView>,
}

/// A product, with the notes that tag it (verified purchases first)
///
/// A product hidden by a moderator is shown only to its brand's staff and to moderators.
#[utoipa::path(
    operation_id = "get_product",
    tag = "shop",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The product's id")),
    responses((status = 200, description = "The product and the notes that tag it", body = ProductWithNotes), NotFound)
)]
#[get("/api/v1/products/{id}")]
async fn show_product(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<ProductId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
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
    Ok(HttpResponse::Ok().json(ProductWithNotes { product, tagged_in: notes }))
}

/// The fields to change; those left out (or null) stay as they are. Past orders keep the
/// price they paid.
#[derive(Deserialize, ToSchema)]
struct ProductPatch {
    /// 1 to 120 characters (not only spaces), trimmed; not the name of another of the
    /// brand's products (409).
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    name: Option<String>,
    /// Up to 5,000 characters.
    #[schema(max_length = 5000)]
    description: Option<String>,
    /// Up to 60 characters.
    #[schema(max_length = 60)]
    category: Option<String>,
    /// In the currency's minor unit (cents).
    #[schema(minimum = 0, maximum = 10_000_000_000_i64)]
    price_cents: Option<i64>,
    /// A three-letter code such as CNY or EUR, in any case.
    #[schema(pattern = r"^[A-Za-z]{3}$", example = "CNY")]
    currency: Option<String>,
    #[schema(minimum = 0, maximum = 10_000_000)]
    stock: Option<i64>,
    /// Sold and listed; false takes it off sale.
    active: Option<bool>,
    /// This product's own commission in basis points, 0 to 5,000 (0% to 50%).
    #[schema(minimum = 0, maximum = 5000)]
    commission_bps: Option<i32>,
}

/// Change a product (brand staff)
#[utoipa::path(
    operation_id = "edit_product",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The product's id")),
    request_body = ProductPatch,
    responses(
        (status = 200, description = "The product as changed", body = ProductView),
        Unauthorized,
        (status = 403, description = "Only the brand's staff change its products", body = ErrorBody),
        NotFound,
        (status = 409, description = "The brand already sells another product of that name", body = ErrorBody),
        Invalid,
    )
)]
#[patch("/api/v1/products/{id}")]
async fn edit_product(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ProductId>,
    body: Json<ProductPatch>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
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
                commission_bps: p.commission_bps.or(current.commission_bps),
            };
            products::update(conn, &user, id, &input, &[])?;
            products::load_view(conn, id)?.ok_or_else(|| AppError::not_found("That product"))
        })
        .await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(view))
}

/// Tag a product on a note's photo (a brand's tag on someone else's note is pending)
///
/// On your own note you may tag any product in a catalog, approved at once. On someone else's
/// note you may tag only products of a brand you work for; the tag stays `pending` until the
/// note's author approves it. A photo carries at most 10 tags.
#[utoipa::path(
    operation_id = "add_product_tag",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The note's id")),
    request_body = TagInput,
    responses(
        (status = 201, description = "The tag", body = ProductTagView),
        Unauthorized,
        (status = 403, description = "Not your note, and not a product of a brand you work for", body = ErrorBody),
        NotFound,
        (status = 422, description = "Malformed, no such photo, the product is in no catalog, or the photo has 10 tags already (`field` names it)", body = ErrorBody),
    )
)]
#[post("/api/v1/notes/{id}/product-tags")]
async fn add_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<NoteId>,
    body: Json<TagInput>,
) -> ApiResult<HttpResponse> {
    let note = *id;
    let tag = state.db(move |conn| tags::add(conn, &user, note, &body)).await?;
    state.search_changed();
    Ok(HttpResponse::Created().json(tag))
}

/// Approve a pending tag (the note's author)
///
/// Approving an approved tag changes nothing.
#[utoipa::path(
    operation_id = "approve_product_tag",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The tag's id")),
    responses(
        (status = 200, description = "The tag, approved", body = ProductTagView),
        Unauthorized,
        (status = 403, description = "Only the note's author approves tags on it", body = ErrorBody),
        NotFound,
    )
)]
#[post("/api/v1/product-tags/{id}/approve")]
async fn approve_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ProductTagId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let tag = state.db(move |conn| tags::approve(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(tag))
}

/// Remove a tag (the note's author, or the brand for its own)
#[utoipa::path(
    operation_id = "remove_product_tag",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The tag's id")),
    responses(
        (status = 204, description = "Removed"),
        Unauthorized,
        (status = 403, description = "Neither the note's author nor staff of the brand that placed the tag", body = ErrorBody),
        NotFound,
    )
)]
#[delete("/api/v1/product-tags/{id}")]
async fn remove_tag(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<ProductTagId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| tags::remove(conn, &user, id)).await?;
    state.search_changed();
    Ok(HttpResponse::NoContent().finish())
}

/// A reader tapped a dot: counted; answers the product card
///
/// Counted for the dashboards, and remembered for attribution when the reader is signed in.
/// Only approved tags on notes the reader may see.
#[utoipa::path(
    operation_id = "tap_product_tag",
    tag = "shop",
    security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The tag's id")),
    responses(
        (status = 200, description = "The tagged product", body = ProductView),
        (status = 404, description = "No such tag, not approved, or on a note you may not see", body = ErrorBody),
    )
)]
#[post("/api/v1/product-tags/{id}/tap")]
async fn tap_tag(
    state: web::Data<AppState>,
    ApiViewer(viewer): ApiViewer,
    id: web::Path<ProductTagId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
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

/// A product to add to the cart.
#[derive(Deserialize, ToSchema)]
struct AddToCart {
    /// A product on sale (404 otherwise).
    product_id: ProductId,
    /// How many more, 1 to 99 (1 when not given); the cart holds at most 99 of a product
    /// (422) and no more than its stock (409 `sold_out`).
    #[serde(default = "one")]
    #[schema(minimum = 1, maximum = 99)]
    quantity: i32,
    /// The note it was added from: it must show the product in an approved tag (422 otherwise).
    /// Its creator is credited with the sale.
    source_note_id: Option<NoteId>,
    /// The published top-ten list it was added from: it must rank the product (422 otherwise).
    source_list_id: Option<ListId>,
}

fn one() -> i32 {
    1
}

/// Add to cart (with the note it came from, for attribution)
#[utoipa::path(
    operation_id = "add_to_cart",
    tag = "shop",
    security(("bearer" = [])),
    request_body = AddToCart,
    responses(
        (status = 201, description = "Your cart", body = CartView),
        Unauthorized,
        (status = 404, description = "No such product on sale", body = ErrorBody),
        (status = 409, description = "Not that many left (`code` is `sold_out`)", body = ErrorBody),
        (status = 422, description = "Malformed, more than 99 in the cart, or the note or list does not show the product (`field` names it)", body = ErrorBody),
    )
)]
#[post("/api/v1/cart/items")]
async fn add_to_cart(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    body: Json<AddToCart>,
) -> ApiResult<HttpResponse> {
    let cart = state
        .db(move |conn| {
            cart::add(conn, &user, body.product_id, body.quantity, body.source_note_id, body.source_list_id)?;
            Ok(cart::view(conn, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(cart))
}

/// Your cart
#[utoipa::path(
    operation_id = "get_cart",
    tag = "shop",
    security(("bearer" = [])),
    responses((status = 200, description = "Your cart, with a total per currency", body = CartView), Unauthorized)
)]
#[get("/api/v1/cart")]
async fn show_cart(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let cart = state.db(move |conn| Ok(cart::view(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// A cart line's new quantity.
#[derive(Deserialize, ToSchema)]
struct CartQuantity {
    /// 1 to 99, no more than the stock (409 `sold_out`); 0 removes the line.
    #[schema(minimum = 0, maximum = 99)]
    quantity: i32,
}

/// Change a line's quantity (0 removes it)
#[utoipa::path(
    operation_id = "set_cart_quantity",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The cart line's id")),
    request_body = CartQuantity,
    responses(
        (status = 200, description = "Your cart", body = CartView),
        Unauthorized,
        (status = 404, description = "No such line in your cart", body = ErrorBody),
        (status = 409, description = "Not that many left (`code` is `sold_out`)", body = ErrorBody),
        Invalid,
    )
)]
#[patch("/api/v1/cart/items/{id}")]
async fn set_quantity(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<CartItemId>,
    body: Json<CartQuantity>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let cart = state
        .db(move |conn| {
            cart::set_quantity(conn, &user, id, body.quantity)?;
            Ok(cart::view(conn, user.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// Remove a line
#[utoipa::path(
    operation_id = "remove_cart_item",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The cart line's id")),
    responses(
        (status = 204, description = "Removed"),
        Unauthorized,
        (status = 404, description = "No such line in your cart", body = ErrorBody),
    )
)]
#[delete("/api/v1/cart/items/{id}")]
async fn remove_from_cart(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<CartItemId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| cart::remove(conn, &user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Where to deliver.
#[derive(ToSchema)]
#[allow(dead_code)] // only its schema is read: the body deserializes into `Shipping`
struct CheckoutShipping {
    /// Whom to deliver to: 1 to 100 characters (not only spaces), trimmed. For a group buy,
    /// whose order it is (your display name when empty or longer).
    #[schema(required = false, min_length = 1, max_length = 100, pattern = r"\S")]
    name: String,
    /// The full delivery address: 5 to 500 characters, trimmed. Not read for a group buy
    /// (its pickup point is the address).
    #[schema(required = false, min_length = 5, max_length = 500, pattern = r"\S[\s\S]{3,}\S")]
    address: String,
}

/// How to order the cart.
#[derive(Deserialize, ToSchema)]
struct CheckoutBody {
    /// Required for delivery (422 without it); for a group buy only its `name` is read.
    #[serde(default)]
    #[schema(value_type = CheckoutShipping)]
    shipping: Shipping,
    /// 1 to 100 characters (not only spaces), trimmed: a retried request with the same key
    /// answers the orders of the first instead of ordering again. Wins over the
    /// `Idempotency-Key` header; with neither, every request orders anew.
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    idempotency_key: Option<String>,
    /// Order into this community group buy (pickup at its point) instead of delivery. It must
    /// be open (409 once its cut-off has passed), and every product in the cart part of it
    /// (422 otherwise).
    run_id: Option<RunId>,
}

/// The orders a checkout made.
#[derive(Serialize, ToSchema)]
struct CheckoutOrders {
    /// The first order.
    #[serde(flatten)]
    first: OrderView,
    /// Every order made: one per brand and currency.
    orders: Vec<OrderView>,
}

/// Order the cart: one transaction; 409 sold_out when stock ran out. Idempotency-Key header or field.
///
/// The cart becomes one order per brand and currency, paid on delivery (a group-buy order waits
/// for its cut-off as `run_pending`); the cart is emptied. The answer is the first order, with
/// `orders` listing every order made; a retried request with the same idempotency key gets
/// the same answer again and orders nothing. An empty cart is refused (422).
#[utoipa::path(
    operation_id = "checkout",
    tag = "shop",
    security(("bearer" = [])),
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "1 to 100 characters: a retried request with the same key answers the first one's orders; the body's `idempotency_key` wins over it", min_length = 1, max_length = 100, pattern = r"\S"),
    ),
    request_body = CheckoutBody,
    responses(
        (status = 201, description = "The first order, with `orders` listing all of them", body = CheckoutOrders, headers(("Location" = String, description = "The first order's page"))),
        Unauthorized,
        (status = 404, description = "No such group buy", body = ErrorBody),
        (status = 409, description = "A product sold out or is no longer sold (`code` is `sold_out`), or the group buy has closed", body = ErrorBody),
        (status = 422, description = "Malformed, the cart is empty, no delivery address, or a product is not part of the group buy (`field` names it)", body = ErrorBody),
    )
)]
#[post("/api/v1/checkout")]
async fn checkout(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    req: HttpRequest,
    body: Json<CheckoutBody>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let header = req.headers().get("Idempotency-Key").and_then(|v| v.to_str().ok()).map(str::to_string);
    let key = body.idempotency_key.or(header).unwrap_or_else(super::new_idempotency_key);
    let views = super::place_orders(&state, user, body.shipping, body.run_id, key).await?;
    let Some(first) = views.first().cloned() else {
        return Err(AppError::Internal(anyhow::anyhow!("a checkout made no orders")));
    };
    let location = first.url.clone();
    Ok(HttpResponse::Created()
        .insert_header(("Location", location))
        .json(CheckoutOrders { first, orders: views }))
}

/// Orders, newest first.
#[derive(Serialize, ToSchema)]
struct OrderList {
    items: Vec<OrderView>,
}

/// Your orders
///
/// Your latest 200 orders, newest first.
#[utoipa::path(
    operation_id = "list_my_orders",
    tag = "shop",
    security(("bearer" = [])),
    responses((status = 200, description = "Your orders, newest first", body = OrderList), Unauthorized)
)]
#[get("/api/v1/orders")]
async fn my_orders(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let items = state.db(move |conn| Ok(orders::of_buyer(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(OrderList { items }))
}

/// An order (its buyer or the brand)
#[utoipa::path(
    operation_id = "get_order",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order", body = OrderView),
        Unauthorized,
        (status = 404, description = "No such order that you bought or that your brand sold", body = ErrorBody),
    )
)]
#[get("/api/v1/orders/{id}")]
async fn show_order(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<OrderId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = state
        .db(move |conn| {
            orders::visible(conn, &user, id)?;
            orders::view(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// An order's next status.
#[derive(Deserialize, ToSchema)]
struct OrderStatusChange {
    /// `paid`, `shipped`, `delivered` or `cancelled`. The brand moves an order placed → paid →
    /// shipped → delivered, or cancels it before it ships; the buyer may only cancel, before
    /// it ships. Any other move (or any other word) is refused with 409.
    #[schema(example = "shipped")]
    status: String,
}

/// Move an order: paid, shipped, delivered, cancelled (brand; the buyer may cancel before shipping)
///
/// Cancelling puts the stock back. The buyer is told (and emailed when it shipped, was
/// delivered or cancelled).
#[utoipa::path(
    operation_id = "set_order_status",
    tag = "shop",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The order's id")),
    request_body = OrderStatusChange,
    responses(
        (status = 200, description = "The order as moved", body = OrderView),
        Unauthorized,
        (status = 403, description = "A buyer may only cancel; moving it on is the brand's (and never its buyer's)", body = ErrorBody),
        (status = 404, description = "No such order that you bought or that your brand sold", body = ErrorBody),
        (status = 409, description = "The order cannot move to that status from where it is, it changed meanwhile, or its group buy has closed", body = ErrorBody),
        Invalid,
    )
)]
#[post("/api/v1/orders/{id}/status")]
async fn order_status(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    id: web::Path<OrderId>,
    body: Json<OrderStatusChange>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let pickups = state.pickups.clone();
    let base_url = state.config.base_url.clone();
    let view = state
        .db(move |conn| orders::set_status(conn, &user, id, body.status.trim(), pickups.as_ref(), &base_url))
        .await?;
    state.jobs_changed();
    Ok(HttpResponse::Ok().json(view))
}

/// The brand's orders (staff)
///
/// Its latest 500 orders, newest first.
#[utoipa::path(
    operation_id = "list_brand_orders",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    responses(
        (status = 200, description = "The brand's orders, newest first", body = OrderList),
        Unauthorized,
        (status = 403, description = "Only the brand's staff see its orders", body = ErrorBody),
        NotFound,
    )
)]
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
    Ok(HttpResponse::Ok().json(OrderList { items }))
}

/// Your notes' views, tag taps, add-to-carts, orders, revenue and commission
///
/// Your notes that tag products or led to sales, and the top-ten lists that did. Cancelled
/// orders do not count.
#[utoipa::path(
    operation_id = "get_creator_stats",
    tag = "shop",
    security(("bearer" = [])),
    responses((status = 200, description = "Your dashboard", body = Stats), Unauthorized)
)]
#[get("/api/v1/creators/me/stats")]
async fn creator_stats(state: web::Data<AppState>, ApiUser(user): ApiUser) -> ApiResult<HttpResponse> {
    let stats = state.db(move |conn| Ok(stats::for_creator(conn, user.id)?)).await?;
    Ok(HttpResponse::Ok().json(stats))
}

/// Which notes and creators sell the brand's products
///
/// Every note (by anyone) that shows or sold its products, sales per creator and per list, and
/// the sales no note led to. Cancelled orders do not count.
#[utoipa::path(
    operation_id = "get_brand_stats",
    tag = "shop",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's web name")),
    responses(
        (status = 200, description = "The brand's dashboard", body = Stats),
        Unauthorized,
        (status = 403, description = "Only the brand's staff see its dashboard", body = ErrorBody),
        NotFound,
    )
)]
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

pub fn configure(cfg: &mut crate::web::Routes) {
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
