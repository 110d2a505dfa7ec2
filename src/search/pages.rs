//! The search page `/search`: notes with highlighted passages, people and hashtags.

use actix_web::{get, web, HttpResponse};
use askama::Template;

use super::service::{self, HashtagHit, NoteHit, Page, Sort, UserHit};
use super::{Kind, SearchParams};
use crate::accounts::PageContext;
use crate::web::auth::percent_encode;
use crate::web::page::render;
use crate::web::PageResult;
use crate::AppState;

const PAGE_SIZE: usize = 24;

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    ctx: PageContext,
    q: String,
    kind: Kind,
    sort: Sort,
    within: String,
    notes: Option<Page<NoteHit>>,
    users: Option<Page<UserHit>>,
    hashtags: Option<Page<HashtagHit>>,
    products: Option<Page<crate::shop::model::ProductView>>,
    lists: Option<Page<crate::lists::service::ListView>>,
    more: Option<String>,
    /// The query was longer than Sprout searches: it says what it searched for instead.
    shortened: bool,
}

impl SearchPage {
    /// A link to this search with another type (tab).
    fn tab(&self, kind: &str) -> String {
        format!("/search?type={kind}&q={}", percent_encode(&self.q))
    }

    fn is(&self, kind: &str) -> bool {
        matches!(
            (self.kind, kind),
            (Kind::Notes, "notes")
                | (Kind::Users, "users")
                | (Kind::Hashtags, "hashtags")
                | (Kind::Products, "products")
                | (Kind::Lists, "lists")
        )
    }

    fn sorted_by(&self, sort: &str) -> bool {
        matches!(
            (self.sort, sort),
            (Sort::Relevance, "relevance") | (Sort::New, "new") | (Sort::Likes, "likes")
        )
    }
}

fn more_link(params: &SearchParams, kind: &str, next: Option<usize>) -> Option<String> {
    let next = next?;
    let mut link = format!("/search?type={kind}&q={}&cursor={next}", percent_encode(&params.q));
    if let Some(sort) = params.sort {
        link.push_str(match sort {
            Sort::Relevance => "&sort=relevance",
            Sort::New => "&sort=new",
            Sort::Likes => "&sort=likes",
        });
    }
    for (key, value) in [("tag", &params.tag), ("author", &params.author)] {
        if let Some(value) = value {
            link.push_str(&format!("&{key}={}", percent_encode(value)));
        }
    }
    Some(link)
}

#[get("/search")]
async fn search(
    state: web::Data<AppState>,
    ctx: PageContext,
    params: web::Query<SearchParams>,
) -> PageResult<HttpResponse> {
    let mut params = params.into_inner();
    let shortened = params.cap();
    let kind = params.kind()?;
    let offset = params.offset()?;
    let within = match params.within {
        Some(super::Within::Day) => "day",
        Some(super::Within::Week) => "week",
        Some(super::Within::Month) => "month",
        Some(super::Within::Year) => "year",
        None => "",
    };
    let mut page = SearchPage {
        ctx,
        q: params.q.clone(),
        kind,
        sort: params.sort.unwrap_or_default(),
        within: within.to_string(),
        notes: None,
        users: None,
        hashtags: None,
        products: None,
        lists: None,
        more: None,
        shortened,
    };
    let index = state.search.index.clone();
    let q = params.q.clone();
    match kind {
        Kind::Notes => {
            let search = params.note_search(PAGE_SIZE, page.ctx.viewer.as_ref().map(|v| v.id))?;
            let first_page = offset == 0;
            let (notes, users, tags, products) = state
                .db(move |conn| {
                    let notes = service::notes(&index, conn, &search)?;
                    // On the first page, the people and hashtags that match too.
                    let (users, tags, products) = if first_page && !q.trim().is_empty() {
                        (
                            Some(service::users(conn, &q, 0, 4)?),
                            Some(service::hashtags(conn, &q, 0, 8)?),
                            Some(service::products(conn, &q, 0, 4)?),
                        )
                    } else {
                        (None, None, None)
                    };
                    Ok((notes, users, tags, products))
                })
                .await?;
            page.more = more_link(&params, "notes", notes.next_offset);
            page.notes = Some(notes);
            page.users = users;
            page.hashtags = tags;
            page.products = products;
        }
        Kind::Lists => {
            let lists = state.db(move |conn| service::lists(conn, &q, offset, PAGE_SIZE)).await?;
            page.more = more_link(&params, "lists", lists.next_offset);
            page.lists = Some(lists);
        }
        Kind::Products => {
            let products = state.db(move |conn| service::products(conn, &q, offset, PAGE_SIZE)).await?;
            page.more = more_link(&params, "products", products.next_offset);
            page.products = Some(products);
        }
        Kind::Users => {
            let users = state.db(move |conn| service::users(conn, &q, offset, PAGE_SIZE)).await?;
            page.more = more_link(&params, "users", users.next_offset);
            page.users = Some(users);
        }
        Kind::Hashtags => {
            let tags = state.db(move |conn| service::hashtags(conn, &q, offset, PAGE_SIZE)).await?;
            page.more = more_link(&params, "hashtags", tags.next_offset);
            page.hashtags = Some(tags);
        }
    }
    render(&page)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search);
}
