//! Site-wide routes: health check, static assets, photos, and the
//! "nothing here" answer for every other address.

use actix_files::Files;
use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{get, middleware::DefaultHeaders, web, HttpRequest, HttpResponse};
use diesel::RunQueryDsl;

use crate::media::MediaStore;
use crate::web::extractors::shaped;
use crate::web::AppError;
use crate::AppState;

/// 200 when the database answers, 503 otherwise.
#[get("/healthz")]
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let ok = state.db(|conn| Ok(diesel::sql_query("SELECT 1").execute(conn)?)).await;
    match ok {
        Ok(_) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(err) => {
            tracing::error!("health check failed: {err}");
            HttpResponse::ServiceUnavailable().content_type("text/plain").body("database unreachable")
        }
    }
}

async fn not_found(req: HttpRequest) -> actix_web::Error {
    shaped(&req, AppError::NotFound(msg!("web-nothing-here")))
}

/// Stylesheet and scripts are compiled into the binary, so it runs from any directory.
const ASSETS: &[(&str, &str, &str)] = &[
    ("sprout.css", "text/css; charset=utf-8", include_str!("../static/sprout.css")),
    ("sprout.js", "text/javascript; charset=utf-8", include_str!("../static/sprout.js")),
];

#[get("/static/{name}")]
async fn asset(req: HttpRequest, name: web::Path<String>) -> Result<HttpResponse, actix_web::Error> {
    match ASSETS.iter().find(|(n, _, _)| *n == name.as_str()) {
        Some((_, content_type, body)) => Ok(HttpResponse::Ok()
            .content_type(*content_type)
            .insert_header(CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(3600)]))
            .body(*body)),
        None => Err(not_found(req).await),
    }
}

/// Photos are content-addressed and never change: they are cached for a year. The WebP
/// renditions of a photo stored before Sprout made them are made from its JPEG on first request.
pub fn media_files(
    dir: &std::path::Path,
) -> actix_web::Scope<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let store = MediaStore::new(dir);
    let late_webp = actix_web::dev::fn_service(move |req: actix_web::dev::ServiceRequest| {
        let store = store.clone();
        async move {
            let (req, _) = req.into_parts();
            let response = late_webp(&req, store).await?;
            Ok(actix_web::dev::ServiceResponse::new(req, response))
        }
    });
    web::scope("/media")
        .wrap(DefaultHeaders::new().add(("Cache-Control", "public, max-age=31536000, immutable")))
        .service(Files::new("", dir).default_handler(late_webp))
}

/// `/media/ab/ab…-card.webp` for a photo whose JPEG is stored but not (yet) its WebP: made once,
/// one photo at a time, and kept. Anything else missing is a 404.
async fn late_webp(req: &HttpRequest, store: MediaStore) -> Result<HttpResponse, actix_web::Error> {
    static ONE_AT_A_TIME: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
    let Some((hash, size)) = webp_request(req.path()) else {
        return Err(not_found(req.clone()).await);
    };
    let jpeg = store.path(&hash, &format!("{size}.jpg"));
    if !jpeg.exists() {
        return Err(not_found(req.clone()).await);
    }
    let _permit = ONE_AT_A_TIME.acquire().await.map_err(actix_web::error::ErrorServiceUnavailable)?;
    let webp = store.path(&hash, &format!("{size}.webp"));
    let bytes = web::block(move || -> anyhow::Result<Vec<u8>> {
        if let Ok(bytes) = std::fs::read(&webp) {
            return Ok(bytes); // made while this request waited its turn
        }
        let bytes = crate::media::pipeline::webp_from_jpeg(&std::fs::read(&jpeg)?)?;
        store.write(&webp, &bytes)?;
        Ok(bytes)
    })
    .await?
    .map_err(|err| shaped(req, AppError::Internal(err.context("making a WebP rendition"))))?;
    Ok(HttpResponse::Ok().content_type("image/webp").body(bytes))
}

/// `(hash, "full" | "card")` of a path `/media/ab/<64 hex>-<size>.webp` whose folder matches.
fn webp_request(path: &str) -> Option<(String, &'static str)> {
    let mut parts = path.trim_start_matches("/media/").split('/');
    let (folder, file, None) = (parts.next()?, parts.next()?, parts.next()) else {
        return None;
    };
    let (hash, size) = file.strip_suffix(".webp")?.rsplit_once('-')?;
    let size = ["full", "card"].into_iter().find(|s| *s == size)?;
    let valid = hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    (valid && hash.starts_with(folder) && folder.len() == 2).then(|| (hash.to_string(), size))
}

/// The tab's icon, asked for by every browser at `/favicon.ico`.
#[get("/favicon.ico")]
async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/x-icon")
        .insert_header(CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(86400)]))
        .body(&include_bytes!("../static/favicon.ico")[..])
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz).service(asset).service(favicon);
}

/// The answer for every address no route claims: 405 with `Allow` for an API path that exists
/// with other methods, 404 otherwise.
pub fn fallback() -> actix_web::Route {
    web::to(|req: HttpRequest| async move {
        if let Some(allowed) = allowed_methods(req.path()) {
            let body = serde_json::json!({ "error": {
                "code": "method_not_allowed",
                "message": msg!("page-method-not-allowed", method = req.method().as_str(), allowed = &allowed)
                    .to_string(),
            }});
            return Ok(HttpResponse::MethodNotAllowed().insert_header(("Allow", allowed)).json(body));
        }
        Err::<HttpResponse, _>(not_found(req).await)
    })
}

/// The methods an API path is answered with, read from the API document (HEAD wherever GET).
fn allowed_methods(path: &str) -> Option<String> {
    static ROUTES: std::sync::OnceLock<Vec<(Vec<String>, Vec<String>)>> = std::sync::OnceLock::new();
    if !path.starts_with("/api/") {
        return None;
    }
    let routes = ROUTES.get_or_init(|| {
        let doc: serde_json::Value = serde_json::from_str(crate::openapi::json()).unwrap_or_default();
        let paths = doc["paths"].as_object().cloned().unwrap_or_default();
        paths
            .into_iter()
            .map(|(template, ops)| {
                let segments = template.split('/').map(str::to_string).collect();
                let mut methods: Vec<String> =
                    ops.as_object().map(|o| o.keys().map(|m| m.to_uppercase()).collect()).unwrap_or_default();
                if methods.iter().any(|m| m == "GET") {
                    methods.push("HEAD".into());
                }
                methods.sort();
                (segments, methods)
            })
            .collect()
    });
    let asked: Vec<&str> = path.split('/').collect();
    let fits = |segments: &Vec<String>| {
        segments.len() == asked.len()
            && segments.iter().zip(&asked).all(|(s, a)| s == a || (s.starts_with('{') && !a.is_empty()))
    };
    let mut methods: Vec<String> =
        routes.iter().filter(|(s, _)| fits(s)).flat_map(|(_, m)| m.clone()).collect();
    methods.sort();
    methods.dedup();
    (!methods.is_empty()).then(|| methods.join(", "))
}
