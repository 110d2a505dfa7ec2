//! The profile page, `/u/{username}`.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use crate::accounts::model::PublicUser;
use crate::accounts::queries;
use crate::accounts::PageContext;
use crate::notes::model::NoteView;
use crate::notes::pages::CursorParam;
use crate::notes::queries::FeedQuery;
use crate::notes::ranking::FeedSort;
use crate::web::cursor::page_limit;
use crate::web::page::{more_link, render};
use crate::web::{AppError, Cursor, PageResult};
use crate::AppState;

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    ctx: PageContext,
    user: PublicUser,
    note_count: i64,
    notes: Vec<NoteView>,
    more: Option<String>,
    is_me: bool,
    /// Whether the viewer follows this user.
    following: bool,
    /// Brands this user works for.
    brands: Vec<crate::shop::model::BrandView>,
    /// Their top-ten lists (drafts too, on one's own profile).
    lists: Vec<crate::lists::service::ListView>,
}

#[get("/u/{username}")]
pub(super) async fn profile(
    state: web::Data<AppState>,
    ctx: PageContext,
    username: web::Path<String>,
    params: web::Query<CursorParam>,
) -> PageResult<HttpResponse> {
    let cursor = Cursor::parse_opt(params.cursor.as_deref())?;
    let name = username.into_inner();
    let viewer = ctx.viewer.clone();
    let views = Some(state.note_views.clone());
    let (user, note_count, page, following, brands, lists) = state
        .db(move |conn| {
            let user =
                queries::by_username(conn, &name)?.ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            let count = crate::notes::queries::count_by_author(conn, user.id)?;
            let following = match &viewer {
                Some(v) => crate::social::queries::is_following(conn, v.id, user.id)?,
                None => false,
            };
            let page = FeedQuery {
                views,
                author: Some(user.id),
                viewer: viewer.as_ref().map(|v| v.id),
                sort: FeedSort::New,
                cursor,
                limit: page_limit(Some(30)),
                ..Default::default()
            }
            .load(conn)?;
            let brands = crate::shop::brands::of_user(conn, user.id)?.iter().map(Into::into).collect();
            let lists = crate::lists::service::of_author(conn, viewer.as_ref().map(|v| v.id), user.id)?;
            Ok((user, count, page, following, brands, lists))
        })
        .await?;
    let is_me = ctx.is_viewer(&user.username);
    let more = more_link(&format!("/u/{}?", user.username), page.next_cursor.as_deref());
    render(&ProfilePage {
        ctx,
        user: (&user).into(),
        note_count,
        notes: page.items,
        more,
        is_me,
        following,
        brands,
        lists,
    })
}
