//! The API document, generated from the handlers' own `#[utoipa::path]` annotations as
//! [`crate::configure`] mounts them (so a call cannot be mounted and left undocumented), and
//! the interactive reference at `/api/docs/`, Swagger UI compiled into the binary.
//!
//! `docs/openapi.json` is a snapshot of the document: `tests/app/openapi.rs` fails when the
//! two differ, so every change to the contract shows in review. `sprout openapi` prints it.

use std::sync::OnceLock;

use actix_web::{get, HttpResponse};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

use crate::web::openapi::{BearerScheme, ErrorBody};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sprout API",
        version = "1",
        description = "Shoppable review notes. Authenticate with the token from signup or login: \
            `Authorization: Bearer <token>`. Every refusal is `{\"error\": {\"code\", \"message\", \"field\"?}}`; \
            `code` is stable, `message` is for people. Times are RFC 3339 in UTC; money is in cents.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    modifiers(&BearerScheme),
    components(schemas(ErrorBody)),
    tags(
        (name = "accounts", description = "Sign up, sign in, your profile"),
        (name = "notes", description = "Photo review notes and the explore feed"),
        (name = "search", description = "Full-text search of notes, people and hashtags"),
        (name = "social", description = "Follows, likes, boards, comments, blocks, notifications"),
        (name = "shop", description = "Brands, products, tags on photos, cart, checkout, orders"),
        (name = "lists", description = "Ranked top-ten lists"),
        (name = "team purchase", description = "Team deals: a lower price when enough people join"),
        (name = "community group buy", description = "Neighbourhood pickup points and their group buys"),
        (name = "moderation", description = "Reports, moderators' actions, appeals, blocked words"),
        (name = "messages", description = "Conversations with brands and members, and the live channel"),
        (name = "meta", description = "This document"),
    )
)]
struct ApiDoc;

/// The document, built by mounting every route on a throwaway app.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, doc) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::configure)
        .split_for_parts();
    doc
}

/// The document as pretty JSON, built once.
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let mut doc = serde_json::to_value(document()).expect("the API document serializes");
        no_nul_in_strings(&mut doc);
        let mut text = serde_json::to_string_pretty(&doc).expect("the API document serializes");
        text.push('\n');
        text
    })
}

/// No text of Sprout's holds U+0000 (`crate::web::extractors::no_nul`): every free-text string
/// of the document says so with a pattern (beside the one it may have), so that a client knows
/// such text is refused.
fn no_nul_in_strings(value: &mut serde_json::Value) {
    use serde_json::Value;
    const NO_NUL: &str = "^[^\\u0000]*$";
    match value {
        Value::Object(fields) => {
            let is_string = match fields.get("type") {
                Some(Value::String(t)) => t == "string",
                Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
                _ => false,
            };
            let closed = ["enum", "format", "const"].iter().any(|k| fields.contains_key(*k));
            if is_string && !closed {
                let (key, rule) = match fields.contains_key("pattern") {
                    false => ("pattern", Value::from(NO_NUL)),
                    true => ("allOf", serde_json::json!([{ "pattern": NO_NUL }])),
                };
                fields.insert(key.into(), rule);
            }
            for (key, inner) in fields.iter_mut() {
                if key != "example" && key != "examples" {
                    no_nul_in_strings(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(no_nul_in_strings),
        _ => {}
    }
}

/// This document.
#[utoipa::path(
    operation_id = "openapi",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json"))
)]
#[get("/api/v1/openapi.json")]
async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(json())
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(openapi_json);
    cfg.map(|cfg| {
        cfg.service(actix_web::web::redirect("/api/docs", "/api/docs/")).service(
            utoipa_swagger_ui::SwaggerUi::new("/api/docs/{_:.*}").config(
                utoipa_swagger_ui::Config::new(["/api/v1/openapi.json"])
                    .validator_url("none")
                    .try_it_out_enabled(true)
                    .persist_authorization(false),
            ),
        )
    });
}
