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
        shaped(req, AppError::validation("body", msg!("web-bad-json", detail = err.to_string())))
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, req| {
        shaped(req, AppError::validation("query", msg!("web-bad-query", detail = err.to_string())))
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|_, req| shaped(req, AppError::NotFound(msg!("web-nothing-here"))))
}

/// The largest urlencoded form body a page accepts.
pub const FORM_LIMIT: usize = 64 * 1024;

pub fn form_config() -> web::FormConfig {
    web::FormConfig::default().limit(FORM_LIMIT).error_handler(|err, req| shaped(req, form_error(err)))
}

/// A form body that could not be read: 413 when it is over [`FORM_LIMIT`], 422 otherwise.
pub fn form_error(err: actix_web::error::UrlencodedError) -> AppError {
    match err {
        actix_web::error::UrlencodedError::Overflow { .. } => {
            AppError::TooLarge(msg!("form-unreadable", detail = err.to_string()))
        }
        err => AppError::validation("form", msg!("form-unreadable", detail = err.to_string())),
    }
}

/// Parses a JSON body read as bytes, for handlers that authorise the caller before they spend
/// anything on the body (the extractor [`Json`] would parse it first).
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(not_for_this_call)?;
    from_value(value)
}

fn not_for_this_call(err: serde_json::Error) -> AppError {
    AppError::validation("body", msg!("web-bad-json", detail = err.to_string()))
}

/// A JSON value as `T`. A number with no fraction counts as an integer however it is written
/// (`3.0` is `3`), as JSON Schema's `integer` says and some JSON encoders write them.
fn from_value<T: serde::de::DeserializeOwned>(mut value: serde_json::Value) -> Result<T, AppError> {
    integral_numbers_as_integers(&mut value);
    if !holds_nul(&value) {
        return serde_json::from_value(value).map_err(not_for_this_call);
    }
    let mut marked = value.clone();
    mark_nul_strings(&mut marked);
    // Some string holds a NUL. Read with each such string swapped for a marker no field reads
    // as text: where `T` reads one, the read fails, and the body is refused for the NUL; a field
    // `T` ignores (an unknown one) costs nothing.
    match serde_json::from_value::<T>(marked) {
        Ok(_) => serde_json::from_value(value).map_err(not_for_this_call),
        Err(_) => match serde_json::from_value::<T>(value) {
            Ok(_) => Err(AppError::validation("body", nul_refused())),
            Err(err) => Err(not_for_this_call(err)),
        },
    }
}

/// Whether any string value holds a NUL (keys aside: no field's name has one).
fn holds_nul(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(text) => text.contains(NUL),
        Value::Array(items) => items.iter().any(holds_nul),
        Value::Object(fields) => fields.values().any(holds_nul),
        _ => false,
    }
}

/// Swaps every string value holding a NUL for a marker object no field reads as text.
fn mark_nul_strings(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) if text.contains(NUL) => *value = serde_json::json!({"\u{0}": "NUL"}),
        Value::Array(items) => items.iter_mut().for_each(mark_nul_strings),
        Value::Object(fields) => fields.values_mut().for_each(mark_nul_strings),
        _ => {}
    }
}

fn nul_refused() -> crate::i18n::Msg {
    msg!("web-nul-refused")
}

/// The character no text of Sprout's may hold: PostgreSQL cannot store it, and no person types it.
pub const NUL: char = '\0';

/// Refuses text holding [`NUL`], before anything is spent on it.
pub fn no_nul(field: &str, text: &str) -> Result<(), AppError> {
    match text.contains(NUL) {
        true => Err(AppError::validation(field, nul_refused())),
        false => Ok(()),
    }
}

/// Refuses an address whose path or query holds an encoded [`NUL`] (`%00`), before routing:
/// a path with one names nothing (404), a query with one is refused (422).
pub async fn no_nul_in_address(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<
    actix_web::dev::ServiceResponse<actix_web::body::EitherBody<impl actix_web::body::MessageBody>>,
    actix_web::Error,
> {
    let refusal = if req.path().contains("%00") {
        Some(AppError::NotFound(msg!("web-nothing-here")))
    } else if req.query_string().contains("%00") {
        Some(AppError::validation("query", nul_refused()))
    } else {
        None
    };
    match refusal {
        Some(err) => {
            let res = shaped(req.request(), err).error_response();
            Ok(req.into_response(res).map_into_right_body())
        }
        None => Ok(next.call(req).await?.map_into_left_body()),
    }
}

fn integral_numbers_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            // Within ±2^53 every integer is exact as a float.
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0) {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// A JSON request body as `T`: read and refused like `web::Json` (the size limit and error
/// shape of [`json_config`]), with integral numbers read as integers.
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let value = web::Json::<serde_json::Value>::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let value = value.await?.into_inner();
            from_value(value).map(Json).map_err(|err| shaped(&req, err))
        })
    }
}
