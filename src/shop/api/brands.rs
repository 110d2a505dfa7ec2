//! Brands and their staff, as the API shows them.

use crate::web::extractors::Json;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::ApiUser;
use crate::shop::model::{BrandView, ProductView};
use crate::shop::{brands, products};
use crate::web::openapi::{ErrorBody, Invalid, NotFound, Unauthorized};
use crate::web::{ApiResult, AppError};
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
pub(super) async fn create_brand(
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
pub(super) async fn show_brand(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
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
pub(super) async fn add_staff(
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
pub(super) async fn verify_brand(
    state: web::Data<AppState>,
    ApiUser(user): ApiUser,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    if !user.is_admin {
        return Err(AppError::Forbidden(msg!("brand-verify-admin-only")));
    }
    let brand = state.db(move |conn| brands::verify(conn, &slug)).await?;
    Ok(HttpResponse::Ok().json(BrandView::from(&brand)))
}
