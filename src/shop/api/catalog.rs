//! The catalog: products one at a time or by CSV import, searched and edited.

use crate::web::extractors::Json;
use actix_web::{get, patch, post, web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::accounts::ApiUser;
use crate::db::ProductId;
use crate::shop::model::ProductView;
use crate::shop::products::{ImportReport, ProductInput, RowError};
use crate::shop::{brands, products};
use crate::web::openapi::{ErrorBody, Invalid, NotFound, TooLarge, Unauthorized};
use crate::web::{ApiResult, AppError};
use crate::AppState;

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
pub(super) async fn create_product(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
    body: Json<ProductInput>,
) -> ApiResult<HttpResponse> {
    let view = state
        .db(move |conn| {
            let id = products::create(conn, &user, &slug, &body, &[])?;
            products::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))
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

/// The request body as text: in the charset its `Content-Type` names, else UTF-8 or GB18030
/// as the bytes say (see [`products::decode_catalog`]).
pub(super) async fn read_text(req: &HttpRequest, payload: web::Payload) -> Result<String, AppError> {
    let encoding =
        req.encoding().map_err(|_| AppError::validation("file", msg!("catalog-file-charset-unknown")))?;
    let bytes = match payload.to_bytes_limited(MAX_CSV_BYTES).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => return Err(AppError::validation("file", msg!("catalog-file-unreadable"))),
        Err(_) => return Err(AppError::TooLarge(msg!("catalog-file-too-large", kb = MAX_CSV_BYTES / 1024))),
    };
    crate::shop::products::decode_catalog(&bytes, Some(encoding))
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
pub(super) async fn import_products(
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
                message: msg!("catalog-import-rows-wrong").to_string(),
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
pub(super) async fn search_products(
    state: web::Data<AppState>,
    query: web::Query<ProductQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let limit = match query.limit {
        None => 20,
        Some(n) if (1..=50).contains(&n) => n,
        Some(_) => return Err(AppError::validation("limit", msg!("catalog-search-limit"))),
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
    /// An ISO 4217 code of a currency in use, such as CNY or EUR, in any case (else 422).
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
pub(super) async fn edit_product(
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
            products::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))
        })
        .await?;
    state.search_changed();
    Ok(HttpResponse::Ok().json(view))
}
