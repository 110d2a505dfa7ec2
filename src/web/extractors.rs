//! Extractor settings, so a malformed body, query or path gets the same clear error shape as
//! everything else: JSON under `/api/`, an HTML page elsewhere.

use actix_web::{web, HttpRequest};

use super::{AppError, PageError};

/// Wraps an error in the shape the caller expects.
pub fn shaped(req: &HttpRequest, err: AppError) -> actix_web::Error {
    if req.path().starts_with("/api/") {
        err.into()
    } else {
        PageError(err).into()
    }
}

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(256 * 1024).error_handler(|err, req| {
        shaped(
            req,
            AppError::validation("body", format!("The request body is not valid JSON for this call: {err}")),
        )
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, req| {
        shaped(req, AppError::validation("query", format!("Invalid query parameters: {err}")))
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|_, req| shaped(req, AppError::NotFound("There is nothing at this address.".into())))
}

pub fn form_config() -> web::FormConfig {
    web::FormConfig::default().limit(64 * 1024).error_handler(|err, req| {
        shaped(req, AppError::validation("form", format!("The form could not be read: {err}")))
    })
}

/// Parses a JSON body read as bytes, for handlers that authorise the caller before they spend
/// anything on the body (the extractor `web::Json` would parse it first).
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(body).map_err(|err| {
        AppError::validation("body", format!("The request body is not valid JSON for this call: {err}"))
    })
}
