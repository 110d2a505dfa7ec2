//! Follow and like buttons (plain form posts), the following feed and follow lists.

use actix_web::{get, post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{blocks, boards, notifications, queries, service};
use crate::accounts::model::{PublicUser, User};
use crate::accounts::queries as user_queries;
use crate::accounts::{PageContext, PageUser};
use crate::db::{BoardId, CommentId, NoteId};
use crate::notes::comments;
use crate::notes::model::NoteView;
use crate::notes::pages::CursorParam;
use crate::notes::queries::FeedQuery;
use crate::notes::ranking::FeedSort;
use crate::web::csrf::CsrfForm;
use crate::web::cursor::page_limit;
use crate::web::page::{more_link, render};
use crate::web::{see_other, AppError, Cursor, PageResult};
use crate::AppState;

#[post("/u/{username}/follow")]
async fn follow(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    username: web::Path<String>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let limits = state.config.spam_limits();
    let user = state.db(move |conn| service::follow(conn, &limits, &me, &username)).await?;
    Ok(see_other(&format!("/u/{}", user.username)))
}

#[post("/u/{username}/unfollow")]
async fn unfollow(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    username: web::Path<String>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let user = state.db(move |conn| service::unfollow(conn, &me, &username)).await?;
    Ok(see_other(&format!("/u/{}", user.username)))
}

#[post("/notes/{id}/like")]
async fn like(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    id: web::Path<NoteId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    state.db(move |conn| service::like(conn, &me, id)).await?;
    state.search_changed();
    Ok(see_other(&format!("/notes/{id}")))
}

#[post("/notes/{id}/unlike")]
async fn unlike(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    id: web::Path<NoteId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    state.db(move |conn| service::unlike(conn, &me, id)).await?;
    state.search_changed();
    Ok(see_other(&format!("/notes/{id}")))
}

#[derive(Template)]
#[template(path = "following.html")]
struct FollowingPage {
    ctx: PageContext,
    notes: Vec<NoteView>,
    more: Option<String>,
    suggestions: Vec<PublicUser>,
}

#[get("/following")]
async fn following_feed(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(me): PageUser,
    params: web::Query<CursorParam>,
) -> PageResult<HttpResponse> {
    let cursor = Cursor::parse_opt(params.cursor.as_deref())?;
    let views = Some(state.note_views.clone());
    let (page, suggestions) = state
        .db(move |conn| {
            let query = FeedQuery {
                views,
                followed_by: Some(me.id),
                viewer: Some(me.id),
                sort: FeedSort::New,
                cursor,
                limit: page_limit(Some(30)),
                ..Default::default()
            };
            let mut page = query.load(conn)?;
            crate::notes::queries::mark_liked(conn, Some(&me), &mut page.items)?;
            let suggestions: Vec<User> = if page.items.is_empty() && cursor.is_none() {
                queries::suggestions(conn, me.id, 8)?
            } else {
                Vec::new()
            };
            Ok((page, suggestions))
        })
        .await?;
    let more = more_link("/following?", page.next_cursor.as_deref());
    render(&FollowingPage {
        ctx,
        more,
        notes: page.items,
        suggestions: suggestions.iter().map(PublicUser::from).collect(),
    })
}

#[derive(Template)]
#[template(path = "follow_list.html")]
struct FollowListPage {
    ctx: PageContext,
    user: PublicUser,
    followers: bool,
    people: Vec<PublicUser>,
    more: Option<String>,
}

async fn follow_list_page(
    state: &AppState,
    ctx: PageContext,
    username: String,
    cursor: Option<String>,
    followers: bool,
) -> PageResult<HttpResponse> {
    let cursor = Cursor::parse_opt(cursor.as_deref())?;
    let limit = page_limit(Some(40));
    let (user, people) = state
        .db(move |conn| {
            let user = user_queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            let people = queries::follow_list(conn, user.id, followers, cursor, limit + 1)?;
            Ok((user, people))
        })
        .await?;
    let has_more = people.len() as i64 > limit;
    let people = &people[..people.len().min(limit as usize)];
    let next = people
        .last()
        .filter(|_| has_more)
        .map(|(u, at)| Cursor::Time { created_at: *at, id: u.id.0 }.encode());
    let which = if followers { "followers" } else { "following" };
    let more = more_link(&format!("/u/{}/{which}?", user.username), next.as_deref());
    let people = people.iter().map(|(u, _)| u.into()).collect();
    render(&FollowListPage { ctx, user: (&user).into(), followers, people, more })
}

#[get("/u/{username}/followers")]
async fn followers_page(
    state: web::Data<AppState>,
    ctx: PageContext,
    username: web::Path<String>,
    params: web::Query<CursorParam>,
) -> PageResult<HttpResponse> {
    follow_list_page(&state, ctx, username.into_inner(), params.into_inner().cursor, true).await
}

#[get("/u/{username}/following")]
async fn following_page(
    state: web::Data<AppState>,
    ctx: PageContext,
    username: web::Path<String>,
    params: web::Query<CursorParam>,
) -> PageResult<HttpResponse> {
    follow_list_page(&state, ctx, username.into_inner(), params.into_inner().cursor, false).await
}

#[post("/notes/{id}/save")]
async fn save(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    id: web::Path<NoteId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    state
        .db(move |conn| {
            let board = boards::default_board(conn, &me)?;
            boards::save(conn, &me, board.id, id)
        })
        .await?;
    Ok(see_other(&format!("/notes/{id}")))
}

#[post("/notes/{id}/unsave")]
async fn unsave(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    id: web::Path<NoteId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    state
        .db(move |conn| {
            let board = boards::default_board(conn, &me)?;
            boards::unsave(conn, &me, board.id, id)
        })
        .await?;
    Ok(see_other(&format!("/notes/{id}")))
}

#[derive(Deserialize)]
struct CommentForm {
    body: String,
    parent_id: Option<i64>,
}

#[post("/notes/{id}/comments")]
async fn post_comment(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    id: web::Path<NoteId>,
    form: CsrfForm<CommentForm>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let form = form.into_inner();
    let parent = form.parent_id.map(CommentId);
    let limits = state.config.spam_limits();
    let added = state.db(move |conn| comments::add(conn, &limits, &me, id, &form.body, parent)).await?;
    Ok(see_other(&format!("/notes/{id}#comment-{}", added.id)))
}

#[derive(Template)]
#[template(path = "comment_delete.html")]
struct DeleteCommentPage {
    ctx: PageContext,
    comment: comments::Comment,
}

#[get("/comments/{id}/delete")]
async fn confirm_delete_comment(
    state: web::Data<AppState>,
    ctx: PageContext,
    _me: PageUser,
    id: web::Path<CommentId>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let comment = state
        .db(move |conn| {
            comments::find_comment(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-comment")))
        })
        .await?;
    render(&DeleteCommentPage { ctx, comment })
}

#[post("/comments/{id}/delete")]
async fn delete_comment(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    id: web::Path<CommentId>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let id = *id;
    let note = state.db(move |conn| comments::delete(conn, &me, id)).await?;
    Ok(see_other(&format!("/notes/{note}#comments")))
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    ctx: PageContext,
    board: boards::BoardView,
    notes: Vec<NoteView>,
    more: Option<String>,
}

impl BoardPage {
    /// "A board by @owner · 3 notes", as HTML with the link to the owner.
    fn board_by(&self) -> String {
        let owner = crate::web::page::escape_html(&self.board.owner);
        let link = format!("<a href=\"/u/{owner}\">@{owner}</a>");
        msg!("board-by", owner = link, count = self.notes.len()).in_lang(self.ctx.lang)
    }
}

#[get("/boards/{id}")]
async fn board_page(
    state: web::Data<AppState>,
    ctx: PageContext,
    id: web::Path<BoardId>,
) -> PageResult<HttpResponse> {
    let id = *id;
    let viewer = ctx.viewer.clone();
    let mut board = state.db(move |conn| boards::show(conn, viewer.as_ref(), id)).await?;
    let notes = std::mem::take(&mut board.notes);
    render(&BoardPage { ctx, board, notes, more: None })
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    ctx: PageContext,
    groups: Vec<notifications::Grouped>,
}

/// The latest notifications; opening the page marks them read.
#[get("/notifications")]
async fn notifications_page(
    state: web::Data<AppState>,
    mut ctx: PageContext,
    PageUser(me): PageUser,
) -> PageResult<HttpResponse> {
    let items = state
        .db(move |conn| {
            let items = notifications::list(conn, me.id, None, 100)?;
            crate::notifications::mark_all_read(conn, me.id)?;
            Ok(items)
        })
        .await?;
    ctx.unread = 0;
    render(&NotificationsPage { ctx, groups: notifications::grouped(items) })
}

#[derive(Template)]
#[template(path = "block.html")]
struct BlockPage {
    ctx: PageContext,
    user: PublicUser,
    blocked: bool,
}

#[get("/u/{username}/block")]
async fn confirm_block(
    state: web::Data<AppState>,
    ctx: PageContext,
    PageUser(me): PageUser,
    username: web::Path<String>,
) -> PageResult<HttpResponse> {
    let (user, blocked) = state
        .db(move |conn| {
            let user = user_queries::by_username(conn, &username)?
                .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            let blocked = crate::accounts::blocks::is_blocked(conn, me.id, user.id)?;
            Ok((user, blocked))
        })
        .await?;
    render(&BlockPage { ctx, user: (&user).into(), blocked })
}

#[post("/u/{username}/block")]
async fn block(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    username: web::Path<String>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let user = state.db(move |conn| blocks::block(conn, &me, &username)).await?;
    Ok(see_other(&format!("/u/{}", user.username)))
}

#[post("/u/{username}/unblock")]
async fn unblock(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    username: web::Path<String>,
    _: CsrfForm,
) -> PageResult<HttpResponse> {
    let user = state.db(move |conn| blocks::unblock(conn, &me, &username)).await?;
    Ok(see_other(&format!("/u/{}", user.username)))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(notifications_page).service(confirm_block).service(block).service(unblock);
    cfg.service(save)
        .service(unsave)
        .service(post_comment)
        .service(confirm_delete_comment)
        .service(delete_comment)
        .service(board_page)
        .service(follow)
        .service(unfollow)
        .service(like)
        .service(unlike)
        .service(following_feed)
        .service(followers_page)
        .service(following_page);
}
