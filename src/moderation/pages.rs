//! Moderation pages: reporting, the moderators' queue and appeals, the public modlog, an
//! appeal form, and the admins' blocked-words list. Plain forms; no JavaScript needed.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::actions::{self, ActionInput, ModAction};
use super::appeals::{self, AppealView, Decision};
use super::reports::{self, NewReport, QueueItem};
use super::target::{self, Target, TargetType};
use super::words::{self, BlockedWord};
use super::{Action, Reason};
use crate::accounts::tokens::{self, TokenKind};
use crate::accounts::{PageAdmin, PageContext, PageModerator, PageUser};
use crate::db::{AppealId, BlockedWordId, ModActionId};
use crate::web::csrf::CsrfForm;
use crate::web::page::{more_link, render, render_error};
use crate::web::{see_other, AppError, PageResult};
use crate::AppState;

#[derive(Deserialize)]
struct TargetParams {
    target_type: String,
    target_id: String,
}

#[derive(Template)]
#[template(path = "moderation/report.html")]
struct ReportPage {
    ctx: PageContext,
    target: Target,
    reasons: [Reason; 7],
    error: Option<String>,
    /// The report was sent (or had been before).
    sent: bool,
}

#[get("/report")]
async fn report_form(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(_user): PageUser,
    q: web::Query<TargetParams>,
) -> PageResult<HttpResponse> {
    let kind = TargetType::parse(&q.target_type)?;
    let raw = q.target_id.clone();
    let target = state.db(move |conn| target::find(conn, kind, &raw)).await?;
    render(&ReportPage { ctx, target, reasons: Reason::ALL, error: None, sent: false })
}

#[derive(Deserialize)]
struct ReportForm {
    target_type: String,
    target_id: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: String,
}

#[post("/report")]
async fn report(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    form: CsrfForm<ReportForm>,
) -> PageResult<HttpResponse> {
    let form = form.into_inner();
    let kind = TargetType::parse(&form.target_type)?;
    let raw = form.target_id.clone();
    let target = state.db(move |conn| target::find(conn, kind, &raw)).await?;
    let limits = state.config.spam_limits();
    let filed = async {
        let input = NewReport {
            target_type: kind,
            target_id: form.target_id,
            reason: Reason::parse(&form.reason)?,
            details: form.details,
        };
        state.db(move |conn| reports::create(conn, &limits, &user, &input)).await
    };
    match filed.await {
        Ok(_) => render(&ReportPage { ctx, target, reasons: Reason::ALL, error: None, sent: true }),
        Err(err @ (AppError::Validation { .. } | AppError::RateLimited { .. })) => {
            let page =
                ReportPage { ctx, target, reasons: Reason::ALL, error: Some(err.to_string()), sent: false };
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "moderation/modlog.html")]
struct ModlogPage {
    ctx: PageContext,
    items: Vec<ModAction>,
    more: Option<String>,
}

#[derive(Deserialize)]
struct CursorParams {
    cursor: Option<String>,
}

#[get("/modlog")]
async fn modlog(
    state: web::Data<AppState>,
    ctx: PageContext,
    q: web::Query<CursorParams>,
) -> PageResult<HttpResponse> {
    let before = super::api::modlog_cursor(q.cursor.as_deref())?;
    let page = state.db(move |conn| Ok(actions::modlog(conn, before, 50)?)).await?;
    let more = more_link("/modlog?", page.next_cursor.as_deref());
    render(&ModlogPage { ctx, items: page.items, more })
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    ctx: PageContext,
    items: Vec<QueueItem>,
    appeals: Vec<AppealView>,
    more: Option<String>,
    actions: [Action; 6],
}

#[get("/moderation")]
async fn queue(
    state: web::Data<AppState>,
    ctx: PageContext,
    _moderator: PageModerator,
    q: web::Query<CursorParams>,
) -> PageResult<HttpResponse> {
    let cursor = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => {
            Some(c.parse::<usize>().map_err(|_| AppError::validation("cursor", msg!("mod-bad-cursor")))?)
        }
    };
    let (page, appeals) = state
        .db(move |conn| Ok((reports::queue(conn, reports::OPEN, cursor, 20)?, appeals::open(conn)?)))
        .await?;
    let more = more_link("/moderation?", page.next_cursor.as_deref());
    render(&QueuePage { ctx, items: page.items, appeals, more, actions: Action::ALL })
}

#[derive(Deserialize)]
struct ActionForm {
    target_type: String,
    target_id: String,
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    days: String,
}

#[post("/moderation/actions")]
async fn act(
    state: web::Data<AppState>,
    PageModerator(user): PageModerator,
    form: CsrfForm<ActionForm>,
) -> PageResult<HttpResponse> {
    let form = form.into_inner();
    let days = match form.days.trim() {
        "" => None,
        d => Some(d.parse::<i64>().map_err(|_| AppError::validation("days", msg!("suspend-days-whole")))?),
    };
    let input = ActionInput {
        target_type: TargetType::parse(&form.target_type)?,
        target_id: form.target_id,
        action: Action::parse(&form.action)?,
        reason: form.reason,
        days,
    };
    let base_url = state.config.base_url.clone();
    state.db(move |conn| actions::apply(conn, &user, &input, &base_url)).await?;
    state.search_changed();
    state.jobs_changed();
    Ok(see_other("/moderation"))
}

#[derive(Deserialize)]
struct DecisionForm {
    decision: Decision,
}

#[post("/moderation/appeals/{id}")]
async fn decide(
    state: web::Data<AppState>,
    PageModerator(user): PageModerator,
    id: web::Path<AppealId>,
    form: CsrfForm<DecisionForm>,
) -> PageResult<HttpResponse> {
    let (id, decision, base_url) = (*id, form.decision, state.config.base_url.clone());
    state.db(move |conn| appeals::decide(conn, &user, id, decision, &base_url)).await?;
    state.search_changed();
    Ok(see_other("/moderation#appeals"))
}

#[derive(Template)]
#[template(path = "moderation/appeal.html")]
struct AppealPage {
    ctx: PageContext,
    action: ModAction,
    /// The appeal token of a suspended member (who cannot sign in).
    appeal_token: String,
    error: Option<String>,
    sent: bool,
}

#[derive(Deserialize)]
struct AppealParams {
    action_id: i64,
}

/// The appeal form for a signed-in member (a hidden note's author).
#[get("/appeals/new")]
async fn appeal_form(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    q: web::Query<AppealParams>,
) -> PageResult<HttpResponse> {
    let id = ModActionId(q.action_id);
    let action = state.db(move |conn| actions::find(conn, id)).await?;
    if action.subject != Some(user.id) {
        return Err(AppError::not_found(msg!("thing-moderation-action")).into());
    }
    render(&AppealPage { ctx, action, appeal_token: String::new(), error: None, sent: false })
}

#[derive(Deserialize)]
struct AppealForm {
    action_id: i64,
    #[serde(default)]
    appeal_token: String,
    #[serde(default)]
    text: String,
}

/// Files an appeal: from a signed-in member, or from a suspended one with the appeal token
/// their login handed them.
#[post("/appeals")]
async fn appeal(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    ctx: PageContext,
    form: CsrfForm<AppealForm>,
) -> PageResult<HttpResponse> {
    let form = form.into_inner();
    let signed_in = crate::accounts::auth::page_viewer(&req).await?;
    let (id, token, text) = (ModActionId(form.action_id), form.appeal_token.clone(), form.text);
    let outcome = state
        .db(move |conn| {
            let user = match signed_in {
                Some(user) => user,
                None => tokens::user_for_token(conn, token.trim(), TokenKind::Appeal)?
                    .ok_or_else(|| AppError::Unauthorized(msg!("appeal-form-expired")))?,
            };
            let action = actions::find(conn, id)?;
            Ok((appeals::appeal(conn, &user, id, &text), action))
        })
        .await?;
    let (result, action) = outcome;
    let appeal_token = form.appeal_token;
    match result {
        Ok(_) => render(&AppealPage { ctx, action, appeal_token, error: None, sent: true }),
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let page = AppealPage { ctx, action, appeal_token, error: Some(err.to_string()), sent: false };
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "moderation/words.html")]
struct WordsPage {
    ctx: PageContext,
    words: Vec<BlockedWord>,
    error: Option<String>,
}

#[get("/admin/blocked-words")]
async fn words_page(
    state: web::Data<AppState>,
    ctx: PageContext,
    _admin: PageAdmin,
) -> PageResult<HttpResponse> {
    let words = state.db(|conn| Ok(words::list(conn)?)).await?;
    render(&WordsPage { ctx, words, error: None })
}

#[derive(Deserialize)]
struct WordForm {
    #[serde(default)]
    phrase: String,
}

#[post("/admin/blocked-words")]
async fn add_word(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageAdmin(user): PageAdmin,
    form: CsrfForm<WordForm>,
) -> PageResult<HttpResponse> {
    let phrase = form.into_inner().phrase;
    match state.db(move |conn| words::add(conn, &user, &phrase)).await {
        Ok(_) => Ok(see_other("/admin/blocked-words")),
        Err(err @ AppError::Validation { .. }) => {
            let words = state.db(|conn| Ok(words::list(conn)?)).await?;
            render_error(&err, &WordsPage { ctx, words, error: Some(err.to_string()) })
        }
        Err(err) => Err(err.into()),
    }
}

#[post("/admin/blocked-words/{id}/delete")]
async fn remove_word(
    state: web::Data<AppState>,
    _admin: PageAdmin,
    id: web::Path<BlockedWordId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    state.db(move |conn| words::remove(conn, id)).await?;
    Ok(see_other("/admin/blocked-words"))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(report_form)
        .service(report)
        .service(modlog)
        .service(queue)
        .service(act)
        .service(decide)
        .service(appeal_form)
        .service(appeal)
        .service(words_page)
        .service(add_word)
        .service(remove_word);
}
