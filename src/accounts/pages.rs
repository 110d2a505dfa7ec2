//! Sign up, log in, log out, profile pages and profile settings.

use actix_multipart::Multipart;
use actix_web::cookie::Cookie;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::auth::{session_cookie, session_token, SESSION_COOKIE};
use super::model::User;
use super::service::{self, SignupInput};
use super::signin::{self, LoginOutcome};
use super::tokens::{self, TokenKind};
use super::{PageContext, PageUser};
use crate::i18n::{self, Lang};
use crate::media;
use crate::web::auth::safe_next;
use crate::web::csrf::CsrfForm;
use crate::web::page::{render, render_error};
use crate::web::photos::{self, with_photos};
use crate::web::{multipart, see_other, AppError, Csrf, PageResult};
use crate::AppState;

#[derive(Deserialize)]
struct NextParam {
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    ctx: PageContext,
    error: Option<String>,
    username: String,
    email: String,
    next: String,
}

#[get("/signup")]
async fn signup_form(ctx: PageContext, q: web::Query<NextParam>) -> PageResult<HttpResponse> {
    let next = safe_next(q.next.as_deref());
    render(&SignupPage { ctx, error: None, username: String::new(), email: String::new(), next })
}

#[derive(Deserialize)]
struct SignupForm {
    username: String,
    email: String,
    password: String,
    next: Option<String>,
}

/// Starts a browser session for `user` and sends them on.
async fn start_session(state: &AppState, user: &User, next: &str) -> PageResult<HttpResponse> {
    let id = user.id;
    let token = state.db(move |conn| Ok(tokens::issue(conn, id, TokenKind::Session)?)).await?;
    let mut res = see_other(next);
    if let Some(cookie) = session_cookie(state, &token) {
        res.add_cookie(&cookie)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("setting the session cookie: {e}")))?;
    }
    Ok(res)
}

#[post("/signup")]
async fn signup(
    state: web::Data<AppState>,
    req: HttpRequest,
    ctx: PageContext,
    form: CsrfForm<SignupForm>,
) -> PageResult<HttpResponse> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let attempt = async {
        state.rate_limiter.check(&req)?;
        let input = SignupInput {
            username: form.username.clone(),
            email: form.email.clone(),
            password: form.password,
            lang: ctx.lang,
        };
        signin::signup(&state, input).await
    };
    match attempt.await {
        Ok(user) => {
            tracing::info!(username = %user.username, "signed up");
            start_session(&state, &user, &next).await
        }
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_) | AppError::RateLimited { .. })) => {
            let page = SignupPage {
                ctx,
                error: Some(err.to_string()),
                username: form.username,
                email: form.email,
                next,
            };
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: PageContext,
    error: Option<String>,
    login: String,
    next: String,
    /// The account is suspended: why and until when, and the way to appeal.
    suspension: Option<signin::Suspension>,
}

#[get("/login")]
async fn login_form(ctx: PageContext, q: web::Query<NextParam>) -> PageResult<HttpResponse> {
    let next = safe_next(q.next.as_deref());
    render(&LoginPage { ctx, error: None, login: String::new(), next, suspension: None })
}

#[derive(Deserialize)]
struct LoginForm {
    login: String,
    password: String,
    next: Option<String>,
}

#[post("/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    ctx: PageContext,
    form: CsrfForm<LoginForm>,
) -> PageResult<HttpResponse> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let attempt = async {
        state.rate_limiter.check(&req)?;
        signin::login(&state, &form.login, &form.password).await
    };
    match attempt.await {
        Ok(LoginOutcome::SignedIn(user)) => start_session(&state, &user, &next).await,
        Ok(LoginOutcome::Suspended(suspension)) => {
            let err = AppError::Suspended(suspension.message.clone());
            let page = LoginPage { ctx, error: None, login: form.login, next, suspension: Some(suspension) };
            render_error(&err, &page)
        }
        Err(err @ (AppError::Unauthorized(_) | AppError::RateLimited { .. })) => {
            let page =
                LoginPage { ctx, error: Some(err.to_string()), login: form.login, next, suspension: None };
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/logout")]
async fn logout(state: web::Data<AppState>, req: HttpRequest, _: CsrfForm) -> PageResult<HttpResponse> {
    if let Some(token) = session_token(&req, &state) {
        state.db(move |conn| Ok(tokens::revoke(conn, &token)?)).await?;
    }
    let mut res = see_other("/");
    let mut gone = Cookie::build(SESSION_COOKIE, "").path("/").finish();
    gone.make_removal();
    res.add_cookie(&gone)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("clearing the session cookie: {e}")))?;
    Ok(res)
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    ctx: PageContext,
    error: Option<String>,
    display_name: String,
    bio: String,
    avatar_url: Option<String>,
    daily_digest: bool,
    /// The member's language setting: `en`, `zh-CN`, or empty to follow the browser.
    lang: String,
    /// The member's time zone (an IANA name), or empty to follow the browser.
    zone: String,
}

impl SettingsPage {
    /// Each zone offered, with its name in the page's language.
    fn zones(&self) -> Vec<(String, String)> {
        i18n::zone_choices(self.ctx.lang, &self.zone)
    }
}

#[get("/settings/profile")]
async fn settings_form(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
) -> PageResult<HttpResponse> {
    let avatar_url = user.avatar.as_deref().map(media::card_url);
    let daily_digest = user.daily_digest;
    let id = user.id;
    let settings = state.db(move |conn| Ok(super::queries::settings_of(conn, id)?)).await?;
    render(&SettingsPage {
        ctx,
        error: None,
        display_name: user.display_name,
        bio: user.bio,
        avatar_url,
        daily_digest,
        lang: settings.lang.map(|l| l.code().to_string()).unwrap_or_default(),
        zone: settings.zone.map(|z| z.name().to_string()).unwrap_or_default(),
    })
}

#[post("/settings/profile")]
async fn save_settings(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let form = multipart::read(payload, 1, multipart::Guard::Csrf(&csrf)).await?;
    let display_name = form.text("display_name").trim().to_string();
    let bio = form.text("bio").trim().to_string();
    let daily_digest = form.has("daily_digest");
    let chosen = Lang::parse(form.text("lang"));
    let zone_name = form.text("time_zone").trim().to_string();
    // Every field is checked before anything is saved.
    let zone = match zone_name.as_str() {
        "" => Ok(None),
        name => i18n::parse_zone(name)
            .map(Some)
            .ok_or_else(|| AppError::validation("time_zone", msg!("settings-zone-unknown"))),
    };
    let result = match zone {
        Ok(zone) => match update_profile(&state, &user, &display_name, &bio, form).await {
            Ok(()) => {
                let id = user.id;
                state
                    .db(move |conn| {
                        super::subscriptions::set_opt_in(conn, id, daily_digest)?;
                        super::queries::set_lang(conn, id, chosen)?;
                        super::queries::set_zone(conn, id, zone)?;
                        Ok(())
                    })
                    .await
            }
            err => err,
        },
        Err(err) => Err(err),
    };
    match result {
        Ok(()) => {
            let mut res = see_other(&format!("/u/{}", user.username));
            if let Some(lang) = chosen {
                let _ = res.add_cookie(&i18n::remember(lang));
            }
            Ok(res)
        }
        Err(err @ AppError::Validation { .. }) => {
            let avatar_url = user.avatar.as_deref().map(media::card_url);
            let page = SettingsPage {
                ctx,
                error: Some(err.to_string()),
                display_name,
                bio,
                avatar_url,
                daily_digest,
                lang: chosen.map(|l| l.code().to_string()).unwrap_or_default(),
                zone: zone_name,
            };
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

/// Saves display name, bio and (when one was chosen) a new avatar photo.
async fn update_profile(
    state: &AppState,
    user: &User,
    display_name: &str,
    bio: &str,
    form: multipart::MultipartForm,
) -> Result<(), AppError> {
    service::check_profile(display_name, bio)?;
    let files = form.files.into_iter().take(1).collect();
    let photo = photos::decode(files, "avatar", |_, _| msg!("settings-avatar-photo")).await?;
    let user = user.clone();
    let (display_name, bio) = (display_name.to_string(), bio.to_string());
    with_photos(state, photo, move |conn, photo| {
        let avatar = match photo.first() {
            Some(photo) => {
                media::queries::ensure(conn, photo)?;
                Some(photo.hash.clone())
            }
            None => user.avatar.clone(),
        };
        service::save_profile(conn, &user, &display_name, &bio, avatar.as_deref())
    })
    .await?;
    state.search_changed();
    Ok(())
}

#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage {
    ctx: PageContext,
    sent: bool,
    error: Option<String>,
}

#[get("/forgot")]
async fn forgot_form(ctx: PageContext) -> PageResult<HttpResponse> {
    render(&ForgotPage { ctx, sent: false, error: None })
}

#[derive(Deserialize)]
struct ForgotForm {
    email: String,
}

#[post("/forgot")]
async fn forgot(
    state: web::Data<AppState>,
    req: HttpRequest,
    ctx: PageContext,
    form: CsrfForm<ForgotForm>,
) -> PageResult<HttpResponse> {
    let email = form.into_inner().email;
    let base_url = state.config.base_url.clone();
    let attempt = async {
        state.rate_limiter.check(&req)?;
        state.db(move |conn| service::request_password_reset(conn, &email, &base_url)).await
    };
    match attempt.await {
        Ok(()) => {
            state.jobs_changed();
            render(&ForgotPage { ctx, sent: true, error: None })
        }
        Err(err @ (AppError::Validation { .. } | AppError::RateLimited { .. })) => {
            render_error(&err, &ForgotPage { ctx, sent: false, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
struct TokenParam {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    ctx: PageContext,
    token: String,
    error: Option<String>,
}

#[get("/reset")]
async fn reset_form(ctx: PageContext, q: web::Query<TokenParam>) -> PageResult<HttpResponse> {
    render(&ResetPage { ctx, token: q.into_inner().token, error: None })
}

#[derive(Deserialize)]
struct ResetForm {
    token: String,
    password: String,
}

#[post("/reset")]
async fn reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    ctx: PageContext,
    form: CsrfForm<ResetForm>,
) -> PageResult<HttpResponse> {
    let ResetForm { token, password, .. } = form.into_inner();
    let attempt = async {
        state.rate_limiter.check(&req)?;
        signin::confirm_reset(&state, &token, &password).await
    };
    match attempt.await {
        Ok(_) => Ok(see_other("/login?reset=1")),
        Err(err @ (AppError::Validation { .. } | AppError::RateLimited { .. })) => {
            render_error(&err, &ResetPage { ctx, token, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "verified.html")]
struct VerifiedPage {
    ctx: PageContext,
    error: Option<String>,
}

#[get("/verify")]
async fn verify(
    state: web::Data<AppState>,
    ctx: PageContext,
    q: web::Query<TokenParam>,
) -> PageResult<HttpResponse> {
    let token = q.into_inner().token;
    match state.db(move |conn| service::verify_email(conn, &token)).await {
        Ok(_) => render(&VerifiedPage { ctx, error: None }),
        Err(err @ AppError::Validation { .. }) => {
            render_error(&err, &VerifiedPage { ctx, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "unsubscribed.html")]
struct UnsubscribePage {
    ctx: PageContext,
    /// Still to confirm (the link was opened), with the link's token for the button.
    confirm: Option<String>,
    error: Option<String>,
}

/// The link at the bottom of every digest asks first: mail scanners open links, and must not
/// unsubscribe anyone.
#[get("/unsubscribe")]
async fn unsubscribe_form(
    state: web::Data<AppState>,
    ctx: PageContext,
    q: web::Query<TokenParam>,
) -> PageResult<HttpResponse> {
    let token = q.into_inner().token;
    let shown = token.clone();
    match state.db(move |conn| super::subscriptions::subscriber(conn, &token)).await {
        Ok(_) => render(&UnsubscribePage { ctx, confirm: Some(shown), error: None }),
        Err(err @ AppError::Validation { .. }) => {
            render_error(&err, &UnsubscribePage { ctx, confirm: None, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
struct UnsubscribeForm {
    token: Option<String>,
}

/// Unsubscribes: the confirmation's button, or a mail client's RFC 8058 one-click POST to the
/// link itself (`List-Unsubscribe=One-Click`, no cookies). The token is the authority, so no
/// CSRF token is asked for: a forged post could only unsubscribe the forger's own link.
#[post("/unsubscribe")]
async fn unsubscribe(
    state: web::Data<AppState>,
    ctx: PageContext,
    q: web::Query<TokenParam>,
    form: web::Form<UnsubscribeForm>,
) -> PageResult<HttpResponse> {
    let token = form.into_inner().token.filter(|t| !t.is_empty()).unwrap_or(q.into_inner().token);
    match state.db(move |conn| super::subscriptions::unsubscribe(conn, &token)).await {
        Ok(_) => render(&UnsubscribePage { ctx, confirm: None, error: None }),
        Err(err @ AppError::Validation { .. }) => {
            render_error(&err, &UnsubscribePage { ctx, confirm: None, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
struct LangForm {
    lang: String,
    next: Option<String>,
}

/// The language switcher at the foot of every page: remembers the choice in a cookie and, for
/// a member, in their settings (so their mail follows too), and goes back to the page.
#[post("/lang")]
async fn switch_lang(
    state: web::Data<AppState>,
    ctx: PageContext,
    form: CsrfForm<LangForm>,
) -> PageResult<HttpResponse> {
    let form = form.into_inner();
    let lang = Lang::parse(&form.lang).ok_or_else(|| AppError::validation("lang", msg!("lang-unknown")))?;
    if let Some(viewer) = &ctx.viewer {
        let id = viewer.id;
        state.db(move |conn| Ok(super::queries::set_lang(conn, id, Some(lang))?)).await?;
    }
    let next = safe_next(form.next.as_deref());
    let mut res = see_other(&without_lang(&next));
    res.add_cookie(&i18n::remember(lang))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("setting the language cookie: {e}")))?;
    Ok(res)
}

/// `next` without a `lang=` in its query, which would undo the switch.
fn without_lang(next: &str) -> String {
    let Some((path, query)) = next.split_once('?') else { return next.to_string() };
    let kept: Vec<&str> = query.split('&').filter(|p| !p.starts_with("lang=")).collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(switch_lang);
    cfg.service(unsubscribe_form).service(unsubscribe);
    cfg.service(forgot_form).service(forgot).service(reset_form).service(reset).service(verify);
    cfg.service(signup_form)
        .service(signup)
        .service(login_form)
        .service(login)
        .service(logout)
        .service(settings_form)
        .service(save_settings);
}
