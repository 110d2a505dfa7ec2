//! The profile as the API shows it.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::accounts::model::PublicUser;
use crate::accounts::queries;
use crate::web::openapi::NotFound;
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// A member's public profile, with how many notes they posted.
#[derive(Serialize, ToSchema)]
struct UserProfile {
    #[serde(flatten)]
    user: PublicUser,
    note_count: i64,
}

/// A profile
#[utoipa::path(
    operation_id = "get_profile",
    tag = "accounts",
    params(("username" = String, Path, description = "The member's username")),
    responses((status = 200, description = "The profile", body = UserProfile), NotFound)
)]
#[get("/api/v1/users/{username}")]
pub(super) async fn profile(
    state: web::Data<AppState>,
    username: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let profile = state
        .db(move |conn| {
            let user = queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            let note_count = crate::notes::queries::count_by_author(conn, user.id)?;
            Ok(UserProfile { user: (&user).into(), note_count })
        })
        .await?;
    Ok(HttpResponse::Ok().json(profile))
}
