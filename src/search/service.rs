//! Searching notes (tantivy, then re-read from the database), people and hashtags (database),
//! and suggestions while typing.

use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, TantivyDocument};

use super::index::SearchIndex;
use super::query::{Builder, Filters, Mode, ParsedQuery};
use crate::accounts::model::{PublicUser, User};
use crate::db::{DbConnection, NoteId};
use crate::notes::model::{ImageView, NoteView};
use crate::notes::queries as note_queries;
use crate::schema::{hashtags, note_hashtags, users};
use crate::web::AppError;

/// The order of notes found: best match first, newest first, or most liked first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Relevance,
    New,
    Likes,
}

#[derive(Debug, Clone)]
pub struct NoteSearch {
    /// Who searches: notes by people they blocked, or who blocked them, are left out.
    pub viewer: Option<crate::db::UserId>,
    pub q: String,
    pub filters: Filters,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

/// A note found by a search, with the passage that matched.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NoteHit {
    pub id: NoteId,
    pub title: String,
    /// HTML: the matching passage, escaped, with `<mark>` around the words that matched.
    pub snippet: String,
    pub author: PublicUser,
    pub cover: Option<ImageView>,
    pub hashtags: Vec<String>,
    pub like_count: i64,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: chrono::NaiveDateTime,
    pub url: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: usize,
    pub next_offset: Option<usize>,
}

const SNIPPET_CHARS: usize = 160;
/// Deep paging through search results stops here; refine the query instead.
pub const MAX_OFFSET: usize = 1000;

fn search_error(err: tantivy::TantivyError) -> AppError {
    AppError::Internal(anyhow::Error::new(err).context("searching"))
}

fn collect(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> tantivy::Result<(Vec<DocAddress>, usize)> {
    let top = TopDocs::with_limit(limit).and_offset(offset);
    Ok(match sort {
        Sort::Relevance => {
            let (docs, total) = searcher.search(query, &(top.order_by_score(), Count))?;
            (docs.into_iter().map(|(_, a)| a).collect(), total)
        }
        Sort::New => {
            let (docs, total) =
                searcher.search(query, &(top.order_by_fast_field::<i64>("created", Order::Desc), Count))?;
            (docs.into_iter().map(|(_, a)| a).collect(), total)
        }
        Sort::Likes => {
            let (docs, total) =
                searcher.search(query, &(top.order_by_fast_field::<i64>("likes", Order::Desc), Count))?;
            (docs.into_iter().map(|(_, a)| a).collect(), total)
        }
    })
}

/// Full-text search over notes.
pub fn notes(
    index: &SearchIndex,
    conn: &mut DbConnection,
    search: &NoteSearch,
) -> Result<Page<NoteHit>, AppError> {
    let parsed = ParsedQuery::parse(&search.q);
    let no_filters = search.filters.tag.is_none() && search.filters.author.is_none();
    if parsed.is_empty() && no_filters {
        return Ok(Page { items: Vec::new(), total: 0, next_offset: None });
    }
    let searcher = index.reader.searcher();
    let builder = Builder { fields: &index.fields, searcher: &searcher };
    let offset = search.offset.min(MAX_OFFSET);
    // By relevance, notes with every word come first and notes with some follow; in the other
    // orders only notes with every word count, unless no note has them all.
    let mode = if search.sort == Sort::Relevance { Mode::Ranked } else { Mode::All };
    let mut filters = search.filters.clone();
    if let Some(viewer) = search.viewer {
        filters.hidden_authors = crate::accounts::blocks::hidden_from(conn, viewer)?;
    }
    let mut query = builder.build(&parsed, &filters, mode);
    let (mut addresses, mut total) =
        collect(&searcher, &*query, search.sort, offset, search.limit).map_err(search_error)?;
    if total == 0 && mode == Mode::All && parsed.words.len() > 1 {
        // Nothing has every word: show what has some of them, best first.
        query = builder.build(&parsed, &filters, Mode::Any);
        (addresses, total) =
            collect(&searcher, &*query, search.sort, offset, search.limit).map_err(search_error)?;
    }
    let mut ids = Vec::with_capacity(addresses.len());
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).map_err(search_error)?;
        if let Some(id) = doc.get_first(index.fields.id).and_then(|v| v.as_u64()) {
            ids.push(NoteId(id as i64));
        }
    }
    let views = note_queries::load_views(conn, &ids)?;
    let mut snippets =
        SnippetGenerator::create(&searcher, &*query, index.fields.body).map_err(search_error)?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    let items = views.into_iter().map(|view| hit(view, &snippets)).collect();
    let next = offset + search.limit;
    let next_offset = (next < total && next <= MAX_OFFSET).then_some(next);
    Ok(Page { items, total, next_offset })
}

fn hit(view: NoteView, snippets: &SnippetGenerator) -> NoteHit {
    let mut snippet = snippets.snippet(&view.body);
    let snippet = if snippet.is_empty() {
        let start: String = view.body.chars().take(SNIPPET_CHARS).collect();
        crate::web::page::escape_html(&start)
    } else {
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        snippet.to_html()
    };
    NoteHit {
        cover: view.images.first().cloned(),
        id: view.id,
        title: view.title,
        snippet,
        author: view.author,
        hashtags: view.hashtags,
        like_count: view.like_count,
        created_at: view.created_at,
        url: view.url,
    }
}

/// A person found by name.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserHit {
    #[serde(flatten)]
    pub user: PublicUser,
}

/// A hashtag and how many notes carry it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HashtagHit {
    pub name: String,
    pub note_count: i64,
    pub url: String,
}

fn hashtag_hit((name, note_count): (String, i64)) -> HashtagHit {
    HashtagHit { url: format!("/tags/{}", crate::web::auth::percent_encode(&name)), name, note_count }
}

/// `LIKE` pattern for "contains", with the wildcards in the input taken literally.
fn contains_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn clean(q: &str) -> String {
    q.trim().trim_start_matches(['@', '#', '＃']).to_lowercase()
}

pub fn users(
    conn: &mut DbConnection,
    q: &str,
    offset: usize,
    limit: usize,
) -> Result<Page<UserHit>, AppError> {
    let q = clean(q);
    if q.is_empty() {
        return Ok(Page { items: Vec::new(), total: 0, next_offset: None });
    }
    let pattern = contains_pattern(&q);
    let matches = || {
        users::table.filter(
            users::username
                .like(pattern.clone())
                .escape('\\')
                .or(users::display_name.like(pattern.clone()).escape('\\')),
        )
    };
    let total = matches().count().get_result::<i64>(conn)? as usize;
    let found: Vec<User> = matches()
        .order((users::username.ne(&q), users::username))
        .offset(offset as i64)
        .limit(limit as i64)
        .select(User::as_select())
        .load(conn)?;
    let next = offset + limit;
    Ok(Page {
        items: found.iter().map(|u| UserHit { user: u.into() }).collect(),
        total,
        next_offset: (next < total && next <= super::MAX_CURSOR).then_some(next),
    })
}

pub fn products(
    conn: &mut DbConnection,
    q: &str,
    offset: usize,
    limit: usize,
) -> Result<Page<crate::shop::model::ProductView>, AppError> {
    let (items, total) = crate::shop::products::search_page(conn, q, None, offset as i64, limit as i64)?;
    let total = total as usize;
    let next = offset + limit;
    Ok(Page { items, total, next_offset: (next < total && next <= super::MAX_CURSOR).then_some(next) })
}

pub fn lists(
    conn: &mut DbConnection,
    q: &str,
    offset: usize,
    limit: usize,
) -> Result<Page<crate::lists::service::ListView>, AppError> {
    let (items, total) = crate::lists::service::search(conn, None, q, offset as i64, limit as i64)?;
    let total = total as usize;
    let next = offset + limit;
    Ok(Page { items, total, next_offset: (next < total && next <= super::MAX_CURSOR).then_some(next) })
}

pub fn hashtags(
    conn: &mut DbConnection,
    q: &str,
    offset: usize,
    limit: usize,
) -> Result<Page<HashtagHit>, AppError> {
    let q = clean(q);
    if q.is_empty() {
        return Ok(Page { items: Vec::new(), total: 0, next_offset: None });
    }
    let pattern = contains_pattern(&q);
    let total = hashtags::table
        .filter(hashtags::name.like(pattern.clone()).escape('\\'))
        .count()
        .get_result::<i64>(conn)? as usize;
    let rows: Vec<(String, i64)> = note_hashtags::table
        .inner_join(hashtags::table)
        .filter(hashtags::name.like(pattern).escape('\\'))
        .group_by(hashtags::name)
        .select((hashtags::name, count_star()))
        .order((count_star().desc(), hashtags::name))
        .offset(offset as i64)
        .limit(limit as i64)
        .load(conn)?;
    let next = offset + limit;
    Ok(Page {
        items: rows.into_iter().map(hashtag_hit).collect(),
        total,
        next_offset: (next < total && next <= super::MAX_CURSOR).then_some(next),
    })
}

/// What to offer while someone types: hashtags and people starting with what they typed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Suggestions {
    pub hashtags: Vec<HashtagHit>,
    pub users: Vec<PublicUser>,
}

pub fn suggest(conn: &mut DbConnection, q: &str) -> Result<Suggestions, AppError> {
    let prefix = clean(q);
    if prefix.is_empty() {
        return Ok(Suggestions { hashtags: Vec::new(), users: Vec::new() });
    }
    // A range on the unique indexes: `name >= prefix AND name < prefix + U+10FFFF`.
    let upper = format!("{prefix}\u{10FFFF}");
    let tags: Vec<(String, i64)> = note_hashtags::table
        .inner_join(hashtags::table)
        .filter(hashtags::name.ge(&prefix).and(hashtags::name.lt(&upper)))
        .group_by(hashtags::name)
        .select((hashtags::name, count_star()))
        .order((count_star().desc(), hashtags::name))
        .limit(6)
        .load(conn)?;
    let people: Vec<User> = users::table
        .filter(users::username.ge(&prefix).and(users::username.lt(&upper)))
        .order(users::username)
        .limit(6)
        .select(User::as_select())
        .load(conn)?;
    Ok(Suggestions {
        hashtags: tags.into_iter().map(hashtag_hit).collect(),
        users: people.iter().map(PublicUser::from).collect(),
    })
}
