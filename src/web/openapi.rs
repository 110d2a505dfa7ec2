//! What every API operation's documentation shares: the error body every refusal carries, the
//! refusals many calls have in common, and the bearer-token scheme. Each domain documents its
//! own calls with `#[utoipa::path]` next to the handler; `crate::openapi` gathers them from the
//! very `.service(...)` calls that mount them.

use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoResponses, ToSchema};

/// Every refusal: `{"error": {"code", "message", "field"?}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, for programs: `not_found`, `unauthorized`, `forbidden`, `invalid`, `conflict`,
    /// `sold_out`, `too_large`, `rate_limited`, `suspended`, `method_not_allowed`, `internal`.
    #[schema(example = "not_found")]
    pub code: String,
    /// For people: what went wrong and what to do.
    pub message: String,
    /// The request field at fault, for `invalid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub field: Option<String>,
}

/// No bearer token, or one that is not (or no longer) valid.
#[derive(IntoResponses)]
#[allow(dead_code)] // only its type is read, for the document
#[response(
    status = 401,
    description = "No valid bearer token: sign in and send `Authorization: Bearer <token>`"
)]
pub struct Unauthorized(ErrorBody);

/// The request was read but refused: a field out of bounds, malformed JSON, a bad cursor.
#[derive(IntoResponses)]
#[allow(dead_code)] // only its type is read, for the document
#[response(status = 422, description = "A field is missing, malformed or out of bounds (`field` names it)")]
pub struct Invalid(ErrorBody);

/// Too many calls of this kind: try again after `Retry-After` seconds.
#[derive(IntoResponses)]
#[allow(dead_code)] // only its type is read, for the document
#[response(
    status = 429,
    description = "Too many calls of this kind; the message and `Retry-After` say when to try again",
    headers(("Retry-After" = u64, description = "Seconds to wait"))
)]
pub struct RateLimited(ErrorBody);

/// The caller's account is suspended from this (a write), or the caller may not do it.
#[derive(IntoResponses)]
#[allow(dead_code)] // only its type is read, for the document
#[response(status = 403, description = "Not allowed: not yours to change, or your account is suspended")]
pub struct Forbidden(ErrorBody);

/// The address names nothing the caller may see.
#[derive(IntoResponses)]
#[allow(dead_code)] // only its type is read, for the document
#[response(status = 404, description = "Nothing here that you may see")]
pub struct NotFound(ErrorBody);

/// The request conflicts with the current state (already done, closed, sold out).
#[derive(IntoResponses)]
#[allow(dead_code)] // only its type is read, for the document
#[response(status = 409, description = "Conflicts with the current state (closed, already done, sold out)")]
pub struct Conflict(ErrorBody);

/// The body is larger than the call takes.
#[derive(IntoResponses)]
#[allow(dead_code)] // only its type is read, for the document
#[response(status = 413, description = "The body is larger than this call takes")]
pub struct TooLarge(ErrorBody);

/// Adds the `bearer` security scheme the operations name.
pub struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}
