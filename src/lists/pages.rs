//! List pages: the ranking, and the editor (up/down buttons reorder without JavaScript).

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::service::{self, EntryInput, ListView};
use crate::accounts::model::User;
use crate::accounts::{PageContext, PageUser};
use crate::db::{ListId, NoteId, ProductId};
use crate::shop::model::ProductView;
use crate::web::csrf::CsrfForm;
use crate::web::page::{render, render_error};
use crate::web::photos::{self, with_photos};
use crate::web::{multipart, see_other, AppError, Csrf, PageResult};
use crate::AppState;

#[derive(Template)]
#[template(path = "lists/new.html")]
struct NewPage {
    ctx: PageContext,
    error: Option<String>,
    title: String,
    intro: String,
}

#[get("/lists/new")]
async fn new_list(ctx: PageContext, _user: PageUser) -> PageResult<HttpResponse> {
    render(&NewPage { ctx, error: None, title: String::new(), intro: String::new() })
}

#[derive(Deserialize)]
struct NewForm {
    title: String,
    #[serde(default)]
    intro: String,
}

#[post("/lists")]
async fn create(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    form: CsrfForm<NewForm>,
) -> PageResult<HttpResponse> {
    let f = form.into_inner();
    let (title, intro) = (f.title.clone(), f.intro.clone());
    match state.db(move |conn| service::create(conn, &user, &title, &intro)).await {
        Ok(id) => Ok(see_other(&format!("/lists/{id}/edit"))),
        Err(err @ AppError::Validation { .. }) => {
            render_error(&err, &NewPage { ctx, error: Some(err.to_string()), title: f.title, intro: f.intro })
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "lists/list.html")]
struct ListPage {
    ctx: PageContext,
    list: ListView,
    is_author: bool,
}

#[get("/lists/{id}")]
async fn show(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<ListId>,
) -> PageResult<HttpResponse> {
    let (id, viewer) = (*id, ctx.viewer.as_ref().map(|v| v.id));
    let list = state.db(move |conn| service::view(conn, viewer, id)).await?;
    let is_author = ctx.is_viewer(&list.author.username);
    render(&ListPage { ctx, list, is_author })
}

#[derive(Template)]
#[template(path = "lists/edit.html")]
struct EditPage {
    ctx: PageContext,
    list: ListView,
    q: String,
    results: Vec<ProductView>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct EditQuery {
    q: Option<String>,
}

async fn edit_page(
    state: &AppState,
    ctx: PageContext,
    user: &User,
    id: ListId,
    q: String,
    error: Option<String>,
) -> Result<EditPage, AppError> {
    let (viewer, query) = (user.id, q.clone());
    let (list, results) = state
        .db(move |conn| {
            let list = service::view(conn, Some(viewer), id)?;
            let results = if query.trim().is_empty() {
                Vec::new()
            } else {
                crate::shop::products::search(conn, &query, None, 8)?
            };
            Ok((list, results))
        })
        .await?;
    if list.author.username != user.username {
        return Err(AppError::Forbidden(msg!("list-creator-only")));
    }
    Ok(EditPage { ctx, list, q, results, error })
}

#[get("/lists/{id}/edit")]
async fn edit(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    q: web::Query<EditQuery>,
) -> PageResult<HttpResponse> {
    render(&edit_page(&state, ctx, &user, *id, q.into_inner().q.unwrap_or_default(), None).await?)
}

/// Title, intro and cover (multipart, for the cover photo).
#[post("/lists/{id}/edit")]
async fn update(
    state: web::Data<AppState>,
    ctx: PageContext,
    csrf: Csrf,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    let id = *id;
    let form = multipart::read(payload, 1, multipart::Guard::Csrf(&csrf)).await?;
    let (title, intro) = (form.text("title").to_string(), form.text("intro").to_string());
    let files = form.files;
    let result = async {
        let cover = photos::decode(files, "cover", |_, _| msg!("list-cover-photo")).await?;
        let u = user.clone();
        with_photos(&state, cover, move |conn, cover| {
            service::update(conn, &u, id, &title, &intro, cover.first())
        })
        .await
    }
    .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/lists/{id}/edit"))),
        Err(err @ AppError::Validation { .. }) => render_error(
            &err,
            &edit_page(&state, ctx, &user, id, String::new(), Some(err.to_string())).await?,
        ),
        Err(err) => Err(err.into()),
    }
}

/// Loads the entries, lets `change` edit them, and stores them back.
async fn change_entries(
    state: &AppState,
    user: User,
    id: ListId,
    change: impl FnOnce(&mut Vec<EntryInput>) -> Result<(), AppError> + Send + 'static,
) -> Result<(), AppError> {
    state
        .db(move |conn| {
            let mut entries = service::entries(conn, id)?;
            change(&mut entries)?;
            service::set_items(conn, &user, id, &entries)
        })
        .await
}

#[derive(Deserialize)]
struct AddForm {
    product_id: Option<i64>,
    note_id: Option<String>,
    #[serde(default)]
    reason: String,
}

#[post("/lists/{id}/items")]
async fn add_item(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    form: CsrfForm<AddForm>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let f = form.into_inner();
    // A note by its number or its address (".../notes/12").
    let note = f.note_id.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| {
        s.rsplit('/')
            .next()
            .unwrap_or(s)
            .parse::<i64>()
            .map(NoteId)
            .map_err(|_| AppError::validation("note_id", msg!("list-note-address")))
    });
    let result = match note.transpose() {
        Ok(note) => {
            let entry =
                EntryInput { product_id: f.product_id.map(ProductId), note_id: note, reason: f.reason };
            change_entries(&state, user.clone(), id, move |entries| {
                entries.push(entry);
                Ok(())
            })
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/lists/{id}/edit"))),
        Err(err @ AppError::Validation { .. }) => render_error(
            &err,
            &edit_page(&state, ctx, &user, id, String::new(), Some(err.to_string())).await?,
        ),
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
struct EntryForm {
    /// `up`, `down`, `remove` or `reason`.
    action: String,
    #[serde(default)]
    reason: String,
}

/// Moves an entry up or down, removes it, or changes its reason.
#[post("/lists/{id}/items/{rank}")]
async fn change_item(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    path: web::Path<(ListId, usize)>,
    form: CsrfForm<EntryForm>,
) -> PageResult<HttpResponse> {
    let (id, rank) = path.into_inner();
    let f = form.into_inner();
    change_entries(&state, user, id, move |entries| {
        let at = rank
            .checked_sub(1)
            .filter(|i| *i < entries.len())
            .ok_or_else(|| AppError::not_found(msg!("thing-entry")))?;
        match f.action.as_str() {
            "up" if at > 0 => entries.swap(at, at - 1),
            "down" if at + 1 < entries.len() => entries.swap(at, at + 1),
            "remove" => {
                entries.remove(at);
            }
            "reason" => entries[at].reason = f.reason,
            _ => {}
        }
        Ok(())
    })
    .await?;
    Ok(see_other(&format!("/lists/{id}/edit#entry-{rank}")))
}

#[derive(Deserialize)]
struct OrderForm {
    /// The new ranking, as the old ranks in their new order ("3,1,2"), sent by drag and drop.
    order: String,
}

#[post("/lists/{id}/order")]
async fn reorder(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    form: CsrfForm<OrderForm>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let order: Vec<usize> = form.order.split(',').filter_map(|r| r.trim().parse().ok()).collect();
    change_entries(&state, user, id, move |entries| {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        if sorted != (1..=entries.len()).collect::<Vec<_>>() {
            return Err(AppError::validation("order", msg!("list-order-every-entry")));
        }
        let old = std::mem::take(entries);
        *entries = order.iter().map(|r| old[r - 1].clone()).collect();
        Ok(())
    })
    .await?;
    Ok(see_other(&format!("/lists/{id}/edit")))
}

async fn publish(state: &AppState, user: User, id: ListId, on: bool) -> PageResult<HttpResponse> {
    state.db(move |conn| service::set_published(conn, &user, id, on)).await?;
    Ok(see_other(&format!("/lists/{id}")))
}

#[post("/lists/{id}/publish")]
async fn publish_list(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    publish(&state, user, *id, true).await
}

#[post("/lists/{id}/unpublish")]
async fn unpublish_list(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    publish(&state, user, *id, false).await
}

#[derive(Deserialize)]
struct ReactPath {
    id: ListId,
    action: String,
}

/// like, unlike, save, unsave.
#[post("/lists/{id}/react/{action}")]
async fn react(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    path: web::Path<ReactPath>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = path.id;
    let (kind, on) = match path.action.as_str() {
        "like" => (service::LIKE, true),
        "unlike" => (service::LIKE, false),
        "save" => (service::SAVE, true),
        "unsave" => (service::SAVE, false),
        _ => return Err(AppError::not_found(msg!("thing-action")).into()),
    };
    state.db(move |conn| service::react(conn, &user, id, kind, on)).await?;
    Ok(see_other(&format!("/lists/{id}")))
}

/// Every product of the list that can be bought, one of each, credited to the list.
#[post("/lists/{id}/cart")]
async fn add_all(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    state
        .db(move |conn| {
            let list = service::view(conn, Some(user.id), id)?;
            for entry in &list.items {
                if let Some(product) = entry.product.as_ref().filter(|p| p.buyable()) {
                    match crate::shop::cart::add(conn, &user, product.id, 1, None, Some(id)) {
                        Ok(_) | Err(AppError::SoldOut(_)) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Ok(())
        })
        .await?;
    Ok(see_other("/cart"))
}

#[derive(Template)]
#[template(path = "lists/delete.html")]
struct DeletePage {
    ctx: PageContext,
    list: ListView,
}

#[get("/lists/{id}/delete")]
async fn confirm_delete(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
) -> PageResult<HttpResponse> {
    let page = edit_page(&state, ctx, &user, *id, String::new(), None).await?;
    render(&DeletePage { ctx: page.ctx, list: page.list })
}

#[post("/lists/{id}/delete")]
async fn delete(
    state: web::Data<AppState>,
    PageUser(user): PageUser,
    id: web::Path<ListId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    let username = user.username.clone();
    state.db(move |conn| service::delete(conn, &user, id)).await?;
    Ok(see_other(&format!("/u/{username}")))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(new_list)
        .service(create)
        .service(show)
        .service(edit)
        .service(update)
        .service(add_item)
        .service(change_item)
        .service(reorder)
        .service(publish_list)
        .service(unpublish_list)
        .service(react)
        .service(add_all)
        .service(confirm_delete)
        .service(delete);
}
