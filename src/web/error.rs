//! One error type for every handler. API handlers return it as a JSON body
//! (`{"error": {"code", "message"}}`); page handlers wrap it in [`PageError`], which renders
//! the HTML error page with the same status.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use super::openapi::{ErrorBody, ErrorDetail};
use crate::i18n::{self, Lang, Msg};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(Msg),
    #[error("{0}")]
    Unauthorized(Msg),
    #[error("{0}")]
    Forbidden(Msg),
    #[error("{message}")]
    Validation { field: String, message: Msg },
    #[error("{0}")]
    Conflict(Msg),
    /// Not enough stock left: 409 with code `sold_out`.
    #[error("{0}")]
    SoldOut(Msg),
    #[error("{0}")]
    TooLarge(Msg),
    /// Too many requests: 429 with `Retry-After: retry_after` seconds.
    #[error("{message}")]
    RateLimited { message: Msg, retry_after: u64 },
    /// The account is suspended: 403 with code `suspended`; the message says until when.
    #[error("{0}")]
    Suspended(Msg),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type ApiResult<T> = Result<T, AppError>;

impl AppError {
    pub fn validation(field: &str, message: impl Into<Msg>) -> AppError {
        AppError::Validation { field: field.into(), message: message.into() }
    }

    /// A 429 that says, in words and in `Retry-After`, when to try again.
    pub fn rate_limited(what: impl Into<Msg>, retry_after: u64) -> AppError {
        let retry_after = retry_after.max(1);
        let wait = match retry_after {
            s if s < 120 => msg!("wait-seconds", count = s),
            s if s < 7200 => msg!("wait-minutes", count = s.div_ceil(60)),
            s => msg!("wait-hours", count = s.div_ceil(3600)),
        };
        AppError::RateLimited {
            message: msg!("error-rate-limited", what = what.into(), wait = wait),
            retry_after,
        }
    }

    /// "That note was not found.": `thing` is a `thing-…` message.
    pub fn not_found(thing: Msg) -> AppError {
        AppError::NotFound(msg!("error-not-found", thing = thing))
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "not_found",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::Validation { .. } => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::SoldOut(_) => "sold_out",
            AppError::TooLarge(_) => "too_large",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Suspended(_) => "suspended",
            AppError::Internal(_) => "internal",
        }
    }

    /// What the user is told. Internal errors are logged with their cause and an id,
    /// and the user sees only the id.
    fn public_message(&self, lang: Lang) -> String {
        match self {
            AppError::Internal(err) => {
                let id = request_id();
                tracing::error!(error_id = %id, "internal error: {err:#}");
                msg!("error-internal", id = id).in_lang(lang)
            }
            other => other.message().map(|m| m.in_lang(lang)).unwrap_or_default(),
        }
    }

    /// What the user is told, as a message (none for an internal error: see `public_message`).
    pub fn message(&self) -> Option<&Msg> {
        match self {
            AppError::NotFound(m)
            | AppError::Unauthorized(m)
            | AppError::Forbidden(m)
            | AppError::Conflict(m)
            | AppError::SoldOut(m)
            | AppError::TooLarge(m)
            | AppError::Suspended(m) => Some(m),
            AppError::Validation { message, .. } | AppError::RateLimited { message, .. } => Some(message),
            AppError::Internal(_) => None,
        }
    }

    /// What the user is told, in the language of the request being served.
    pub fn said(&self) -> String {
        self.public_message(i18n::current())
    }
}

/// The id the user quotes: the request's own (on every log line of it), or a new one.
fn request_id() -> String {
    super::request_id::current().unwrap_or_else(|| {
        use rand::Rng;
        format!("{:016x}", rand::rng().random::<u64>())
    })
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> AppError {
        match err {
            diesel::result::Error::NotFound => AppError::NotFound(msg!("error-not-found-anything")),
            other => AppError::Internal(anyhow::Error::new(other).context("database query")),
        }
    }
}

impl From<r2d2_error::PoolError> for AppError {
    fn from(err: r2d2_error::PoolError) -> AppError {
        AppError::Internal(anyhow::Error::new(err).context("database pool"))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> AppError {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {err}"))
    }
}

mod r2d2_error {
    pub use diesel::r2d2::PoolError;
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Suspended(_) => StatusCode::FORBIDDEN,
            AppError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) | AppError::SoldOut(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let field = match self {
            AppError::Validation { field, .. } => Some(field.clone()),
            _ => None,
        };
        let error = ErrorDetail { code: self.code().into(), message: self.said(), field };
        let mut res = HttpResponse::build(self.status_code());
        if let AppError::RateLimited { retry_after, .. } = self {
            res.insert_header(("Retry-After", retry_after.to_string()));
        }
        res.json(ErrorBody { error })
    }
}

/// An [`AppError`] met while rendering a page: shown as an HTML page.
#[derive(Debug)]
pub struct PageError(pub AppError);

pub type PageResult<T> = Result<T, PageError>;

impl<E: Into<AppError>> From<E> for PageError {
    fn from(err: E) -> PageError {
        PageError(err.into())
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    title: String,
    message: String,
    login_link: bool,
    lang: Lang,
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        self.0.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let title = match &self.0 {
            AppError::NotFound(_) => "error-title-not-found",
            AppError::Unauthorized(_) => "error-title-unauthorized",
            AppError::Forbidden(_) => "error-title-forbidden",
            AppError::Validation { .. } => "error-title-invalid",
            AppError::Conflict(_) => "error-title-conflict",
            AppError::SoldOut(_) => "error-title-sold-out",
            AppError::TooLarge(_) => "error-title-too-large",
            AppError::RateLimited { .. } => "error-title-rate-limited",
            AppError::Suspended(_) => "error-title-suspended",
            AppError::Internal(_) => "error-title-internal",
        };
        let lang = i18n::current();
        let page = ErrorPage {
            status: status.as_u16(),
            title: lang.t(title),
            message: self.0.public_message(lang),
            login_link: matches!(self.0, AppError::Unauthorized(_)),
            lang,
        };
        let mut res = HttpResponse::build(status);
        if let AppError::RateLimited { retry_after, .. } = &self.0 {
            res.insert_header(("Retry-After", retry_after.to_string()));
        }
        match page.render() {
            Ok(html) => res.content_type("text/html; charset=utf-8").body(html),
            Err(_) => res.body(page.message),
        }
    }
}
