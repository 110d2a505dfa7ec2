//! Note pages: explore, a note, posting, editing, deleting, and hashtag pages.

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::NoteView;
use super::queries::{self, FeedQuery};
use super::ranking::FeedSort;
use super::service::{self, NoteEdit};
use crate::accounts::{PageContext, PageUser};
use crate::db::NoteId;
// Messages that carry markup of their own (a link, a badge) are shown with `|safe`: the user's
// words in them are escaped first, as askama would.
use crate::web::csrf::CsrfForm;
use crate::web::cursor::page_limit;
use crate::web::fresh;
use crate::web::page::escape_html;
use crate::web::page::{more_link, render, render_error};
use crate::web::{multipart, see_other, AppError, Csrf, Cursor, PageResult};
use crate::AppState;

#[derive(Deserialize)]
pub struct CursorParam {
    pub cursor: Option<String>,
}

#[derive(Deserialize)]
pub struct ExploreParams {
    pub cursor: Option<String>,
    pub sort: Option<FeedSort>,
}

#[derive(Template)]
#[template(path = "explore.html")]
struct ExplorePage {
    ctx: PageContext,
    sort: FeedSort,
    notes: Vec<NoteView>,
    more: Option<String>,
}

impl ExplorePage {
    fn is(&self, sort: &str) -> bool {
        self.sort.as_str() == sort
    }
}

#[get("/")]
async fn explore(
    state: web::Data<AppState>,
    ctx: PageContext,
    params: web::Query<ExploreParams>,
) -> PageResult<HttpResponse> {
    let sort = params.sort.unwrap_or_default();
    let cursor = Cursor::parse_opt(params.cursor.as_deref())?;
    // Signed out, the first page is the same for everyone who reads it in that language and
    // zone: it is shared for a second (crate::web::fresh).
    // Only the page's own addresses are shared, so made-up query strings cannot crowd it out.
    let canonical = ctx.path == "/" || ctx.path == format!("/?sort={}", sort.as_str());
    let shared = (ctx.viewer.is_none() && cursor.is_none() && canonical)
        .then(|| format!("explore|{}|{}|{}", ctx.path, ctx.lang.code(), ctx.reader.zone.name()));
    if let Some(pieces) = shared.as_ref().and_then(|key| state.shared_pages.get(key)) {
        return Ok(fresh::respond(&pieces, &ctx.csrf));
    }
    let writes = state.shared_pages.writes();
    let viewer = ctx.viewer.as_ref().map(|v| v.id);
    let views = Some(state.note_views.clone());
    let query = FeedQuery { sort, cursor, viewer, views, limit: page_limit(Some(30)), ..Default::default() };
    let page = state.db(move |conn| query.load(conn)).await?;
    let more = more_link(&format!("/?sort={}&", sort.as_str()), page.next_cursor.as_deref());
    let mut page = ExplorePage { ctx, sort, more, notes: page.items };
    let Some(key) = shared else { return render(&page) };
    let token = std::mem::replace(&mut page.ctx.csrf, fresh::TOKEN_PLACEHOLDER.to_string());
    let html =
        page.render().map_err(|e| AppError::Internal(anyhow::Error::new(e).context("rendering explore")))?;
    let pieces = fresh::pieces(&html);
    state.shared_pages.put(key, writes, pieces.clone());
    Ok(fresh::respond(&pieces, &token))
}

#[derive(Template)]
#[template(path = "about_ranking.html")]
struct AboutRankingPage {
    ctx: PageContext,
}

#[get("/about/ranking")]
async fn about_ranking(ctx: PageContext) -> PageResult<HttpResponse> {
    render(&AboutRankingPage { ctx })
}

#[derive(Template)]
#[template(path = "note.html")]
struct NotePage {
    ctx: PageContext,
    note: NoteView,
    is_author: bool,
    saved: bool,
    comments: Vec<super::comments::CommentView>,
    /// The product card of the dot the reader tapped.
    open_tag: Option<crate::shop::model::ProductTagView>,
    /// Verified brands the author works for: their posts carry the brand's badge.
    author_brands: Vec<crate::shop::model::BrandView>,
    /// For a hidden note's author: the moderators' action (reason, and the way to appeal).
    hidden_by: Option<crate::moderation::actions::ModAction>,
}

impl NotePage {
    /// "Hidden by Sprout's moderators: …", as HTML: the moderators' reason escaped, and the
    /// catalogue's words as written (its apostrophe is not turned into `&#39;`).
    fn hidden_notice(&self) -> String {
        let reason = self.hidden_by.as_ref().map(|a| escape_html(&a.reason));
        let msg = match (self.is_author, reason) {
            (true, Some(reason)) => msg!("note-hidden-author-reason", reason = reason),
            (true, None) => msg!("note-hidden-author"),
            (false, Some(reason)) => msg!("note-hidden-other-reason", reason = reason),
            (false, None) => msg!("note-hidden-other"),
        };
        msg.in_lang(self.ctx.lang)
    }

    /// "Log in to comment.", as HTML with its link.
    fn log_in_to_comment(&self) -> String {
        let link = format!(
            "<a href=\"{}\">{}</a>",
            escape_html(&self.ctx.login_link()),
            escape_html(&self.ctx.t("comment-log-in-link"))
        );
        msg!("comment-log-in", link = link).in_lang(self.ctx.lang)
    }
}

#[derive(Deserialize)]
struct NoteParams {
    /// A product tag whose card to open (a GET opens it; only the tap form's POST counts).
    tag: Option<i64>,
}

#[get("/notes/{id}")]
async fn show(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<NoteId>,
    params: web::Query<NoteParams>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let viewer = ctx.viewer.clone();
    let opened = params.tag.map(crate::db::ProductTagId);
    let kept = state.note_views.clone();
    let pending = state.pending_views.clone();
    let (note, saved, comments, open_tag, author_brands, hidden_by) = state
        .db(move |conn| {
            let found = service::visible_to(conn, viewer.as_ref(), id)?;
            let own = viewer.as_ref().is_some_and(|v| v.id == found.author_id);
            if opened.is_none() && !own {
                pending.count(conn, id)?;
            }
            let mut note = queries::load_views_kept(conn, &kept, &[id], queries::Seen::All)?
                .pop()
                .ok_or_else(|| AppError::not_found(msg!("thing-note")))?;
            // Only a tag on this very note opens (no tap is counted by a GET).
            let open_tag =
                opened.and_then(|t| note.product_tags.iter().find(|v| v.id == t && v.is_approved()).cloned());
            super::queries::mark_liked(conn, viewer.as_ref(), std::slice::from_mut(&mut note))?;
            let saved = match &viewer {
                Some(v) => super::queries::is_saved_by(conn, v.id, id)?,
                None => false,
            };
            let comments = super::comments::threads(conn, viewer.as_ref(), id)?;
            let author_brands = crate::shop::brands::of_user(conn, found.author_id)?
                .iter()
                .filter(|b| b.verified_at.is_some())
                .map(Into::into)
                .collect();
            let hidden_by = match note.is_hidden() {
                true => crate::moderation::actions::latest_hide(
                    conn,
                    crate::moderation::target::TargetType::Note,
                    id.0,
                )?,
                false => None,
            };
            Ok((note, saved, comments, open_tag, author_brands, hidden_by))
        })
        .await?;
    let is_author = ctx.is_viewer(&note.author.username);
    render(&NotePage { ctx, note, is_author, saved, comments, open_tag, author_brands, hidden_by })
}

#[derive(Deserialize)]
struct TapForm {
    tag: i64,
}

/// A reader tapped a dot (a form post, so no link elsewhere can count a tap or claim the
/// credit for a sale): counted, remembered for attribution if it is a tag on this note, and
/// its card opened.
#[post("/notes/{id}/tap")]
async fn tap(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<NoteId>,
    form: CsrfForm<TapForm>,
) -> PageResult<HttpResponse> {
    let (id, tag) = (*id, crate::db::ProductTagId(form.tag));
    let viewer = ctx.viewer.clone();
    state
        .db(move |conn| {
            service::visible_to(conn, viewer.as_ref(), id)?;
            crate::shop::tags::tap_on(conn, viewer.as_ref().map(|v| v.id), id, tag)
        })
        .await?;
    Ok(see_other(&format!("/notes/{id}?tag={tag}#tag-card")))
}

#[derive(Template)]
#[template(path = "note_form.html")]
struct NoteFormPage {
    ctx: PageContext,
    error: Option<String>,
    title: String,
    body: String,
    hashtags: String,
    /// Set when editing: the note's id and photos.
    editing: Option<NoteView>,
    /// Set when reviewing a delivered order item: (item id, product name).
    review: Option<(i64, String)>,
}

impl NoteFormPage {
    /// "Reviewing <strong>…</strong>. …", as HTML (the product's name escaped).
    fn reviewing(&self, product: &str) -> String {
        let badge = format!(
            "<span class=\"verified-badge\">✓ {}</span>",
            escape_html(&self.ctx.t("card-verified-purchase"))
        );
        let product = format!("<strong>{}</strong>", escape_html(product));
        msg!("note-form-reviewing", product = product, badge = badge).in_lang(self.ctx.lang)
    }
}

#[derive(Deserialize)]
struct NewParams {
    order_item: Option<i64>,
}

/// The product name of an order item the user may review (their own, delivered, not reviewed).
async fn review_item(
    state: &AppState,
    user: &crate::accounts::model::User,
    item: Option<i64>,
) -> Result<Option<(i64, String)>, AppError> {
    let Some(item) = item else { return Ok(None) };
    let user = user.clone();
    let name = state
        .db(move |conn| {
            let product = crate::shop::orders::reviewable_item(conn, &user, crate::db::OrderItemId(item))?;
            let view = crate::shop::products::load_view(conn, product)?
                .ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
            Ok(view.name)
        })
        .await?;
    Ok(Some((item, name)))
}

#[get("/notes/new")]
async fn new_form(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    params: web::Query<NewParams>,
) -> PageResult<HttpResponse> {
    let review = review_item(&state, &user, params.order_item).await?;
    let title = review
        .as_ref()
        .map(|(_, name)| msg!("note-review-title", product = name).in_lang(ctx.lang))
        .unwrap_or_default();
    let page = NoteFormPage {
        ctx,
        error: None,
        title,
        body: String::new(),
        hashtags: String::new(),
        editing: None,
        review,
    };
    render(&page)
}

#[post("/notes")]
async fn create(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let form = multipart::read(payload, service::MAX_PHOTOS, multipart::Guard::Csrf(&csrf)).await?;
    let text = super::form::text_of(&form);
    let order_item = form.text("order_item_id").trim().parse::<i64>().ok();
    let viewer = user.clone();
    match super::form::post(&state, user, form).await {
        Ok(id) => Ok(see_other(&format!("/notes/{id}"))),
        Err(err @ (AppError::Validation { .. } | AppError::TooLarge(_))) => {
            let message = msg!("note-form-error-kept", error = err.said()).in_lang(ctx.lang);
            let review = review_item(&state, &viewer, order_item).await.unwrap_or(None);
            let page = NoteFormPage {
                ctx,
                error: Some(message),
                title: text.title,
                body: text.body,
                hashtags: text.hashtags,
                editing: None,
                review,
            };
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

async fn authored_note(
    state: &AppState,
    user: &crate::accounts::model::User,
    id: NoteId,
) -> Result<NoteView, AppError> {
    let note = state
        .db(move |conn| queries::load_view(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-note"))))
        .await?;
    if note.author.username != user.username {
        return Err(AppError::Forbidden(msg!("note-only-author")));
    }
    Ok(note)
}

#[get("/notes/{id}/edit")]
async fn edit_form(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<NoteId>,
) -> PageResult<HttpResponse> {
    let note = authored_note(&state, &user, *id).await?;
    let page = NoteFormPage {
        ctx,
        error: None,
        title: note.title.clone(),
        body: note.body.clone(),
        hashtags: note.hashtags.join(" "),
        editing: Some(note),
        review: None,
    };
    render(&page)
}

#[post("/notes/{id}/edit")]
async fn update(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<NoteId>,
    form: CsrfForm<Vec<(String, String)>>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let alt: Vec<String> = form.iter().filter(|(k, _)| k == "alt").map(|(_, v)| v.clone()).collect();
    let edit = NoteEdit {
        title: Some(field("title")),
        body: Some(field("body")),
        hashtags: Some(field("hashtags")),
        alt: (!alt.is_empty()).then_some(alt),
    };
    let editor = user.clone();
    match state.db(move |conn| service::update(conn, &editor, id, edit)).await {
        Ok(()) => {
            state.search_changed();
            Ok(see_other(&format!("/notes/{id}")))
        }
        Err(err @ AppError::Validation { .. }) => {
            let note = authored_note(&state, &user, id).await?;
            let page = NoteFormPage {
                ctx,
                error: Some(err.to_string()),
                title: field("title"),
                body: field("body"),
                hashtags: field("hashtags"),
                editing: Some(note),
                review: None,
            };
            render_error(&err, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "note_delete.html")]
struct DeletePage {
    ctx: PageContext,
    note: NoteView,
}

#[get("/notes/{id}/delete")]
async fn confirm_delete(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<NoteId>,
) -> PageResult<HttpResponse> {
    let note = authored_note(&state, &user, *id).await?;
    render(&DeletePage { ctx, note })
}

#[post("/notes/{id}/delete")]
async fn delete(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<NoteId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    let username = user.username.clone();
    state.db(move |conn| service::delete(conn, &user, id)).await?;
    state.search_changed();
    Ok(see_other(&format!("/u/{username}")))
}

#[derive(Template)]
#[template(path = "tag.html")]
struct TagPage {
    ctx: PageContext,
    tag: String,
    count: i64,
    related: Vec<(String, i64)>,
    notes: Vec<NoteView>,
    more: Option<String>,
}

#[get("/tags/{tag}")]
async fn tag_page(
    state: web::Data<AppState>,
    ctx: PageContext,
    tag: web::Path<String>,
    params: web::Query<CursorParam>,
) -> PageResult<HttpResponse> {
    let tag = super::hashtags::normalize(&tag).ok_or_else(|| AppError::not_found(msg!("thing-hashtag")))?;
    let cursor = Cursor::parse_opt(params.cursor.as_deref())?;
    let name = tag.clone();
    let viewer = ctx.viewer.as_ref().map(|v| v.id);
    let views = Some(state.note_views.clone());
    let (count, related, page) = state
        .db(move |conn| {
            let (count, related) = match queries::hashtag_id(conn, &name)? {
                Some(id) => (queries::count_by_hashtag(conn, id)?, queries::related_hashtags(conn, id, 8)?),
                None => (0, Vec::new()),
            };
            let sort = FeedSort::Hot;
            let limit = page_limit(Some(30));
            let page =
                FeedQuery { hashtag: Some(name), sort, cursor, viewer, views, limit, ..Default::default() }
                    .load(conn)?;
            Ok((count, related, page))
        })
        .await?;
    let base = format!("/tags/{}?", crate::web::auth::percent_encode(&tag));
    let more = more_link(&base, page.next_cursor.as_deref());
    render(&TagPage { ctx, more, tag, count, related, notes: page.items })
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    // `/notes/new` before `/notes/{id}`.
    cfg.service(explore)
        .service(about_ranking)
        .service(new_form)
        .service(create)
        .service(show)
        .service(edit_form)
        .service(update)
        .service(confirm_delete)
        .service(delete)
        .service(tag_page)
        .service(tap);
}
