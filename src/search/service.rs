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
use super::rank;
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

impl NoteSearch {
    /// The first `limit` notes for `q` by relevance, as a signed-out visitor with no filters
    /// sees them.
    pub fn relevance(q: &str, limit: usize) -> NoteSearch {
        NoteSearch {
            viewer: None,
            q: q.to_string(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            offset: 0,
            limit,
        }
    }
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
    /// `total` is an estimate: a common word matches more notes than are worth counting.
    pub estimated: bool,
    pub next_offset: Option<usize>,
}

impl<T> Page<T> {
    /// The total as the page shows it: "20,001".
    pub fn total_shown(&self) -> String {
        crate::i18n::grouped(self.total as u64)
    }

    pub fn empty() -> Page<T> {
        Page { items: Vec::new(), total: 0, estimated: false, next_offset: None }
    }

    /// A page of an exactly counted total.
    pub fn counted(items: Vec<T>, total: usize, offset: usize, limit: usize) -> Page<T> {
        let next = offset + limit;
        Page {
            items,
            total,
            estimated: false,
            next_offset: (next < total && next <= super::MAX_CURSOR).then_some(next),
        }
    }
}

const SNIPPET_CHARS: usize = 160;
/// Deep paging through search results stops here; refine the query instead.
pub const MAX_OFFSET: usize = 1000;

fn search_error(err: tantivy::TantivyError) -> AppError {
    AppError::Internal(anyhow::Error::new(err).context("searching"))
}

/// What a search found: the notes of the page asked for, and how many there are in all.
pub struct Found {
    pub addresses: Vec<DocAddress>,
    pub total: usize,
    /// The total is an estimate (a common word matches too many notes to count them all for
    /// every search; big sites say "about").
    pub estimated: bool,
    /// The query whose terms the snippets mark.
    pub query: Box<dyn Query>,
}

/// Totals of plain-word searches are counted exactly while their words occur in at most this
/// many notes together, and estimated past it.
const EXACT_TOTAL_UP_TO: u64 = 20_000;

fn ordered(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> tantivy::Result<(Vec<DocAddress>, usize)> {
    let top = TopDocs::with_limit(limit).and_offset(offset);
    let field = if sort == Sort::New { "created" } else { "likes" };
    let (docs, total) =
        searcher.search(query, &(top.order_by_fast_field::<i64>(field, Order::Desc), Count))?;
    Ok((docs.into_iter().map(|(_, a)| a).collect(), total))
}

/// The best `limit` matches, by score: alone, so that tantivy prunes with block-max WAND
/// instead of scoring every match.
fn best(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    limit: usize,
) -> tantivy::Result<Vec<(tantivy::Score, DocAddress)>> {
    searcher.search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())
}

/// The notes that match. By relevance, in two tiers: notes with every word first (best first),
/// then notes with some of them — the second tier is only looked at when the first runs out
/// before the page does. In the other orders only notes with every word count, unless no note
/// has them all.
pub fn find(
    searcher: &tantivy::Searcher,
    fields: &super::index::Fields,
    parsed: &ParsedQuery,
    filters: &Filters,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Found> {
    let builder = Builder { fields, searcher };
    let words = builder.word_terms(parsed);
    let several = parsed.word_term_count() > 1;
    let all = builder.build(parsed, filters, Mode::All);
    if sort != Sort::Relevance {
        let (addresses, total) = ordered(searcher, &*all, sort, offset, limit)?;
        if total > 0 || !several {
            return Ok(Found { addresses, total, estimated: false, query: all });
        }
        let any = builder.build(parsed, filters, Mode::Any);
        let (addresses, total) = ordered(searcher, &*any, sort, offset, limit)?;
        return Ok(Found { addresses, total, estimated: false, query: any });
    }
    let need = offset + limit;
    // One term: "every word" is "any word", and the flat union of its fields prunes best.
    let any = builder.build(parsed, filters, Mode::Any);
    let mut first = best(searcher, if several { &*all } else { &*any }, need.max(rank::WINDOW))?;
    rank::rerank(searcher, fields, &words, &mut first)?;
    let mut ranked: Vec<DocAddress> = first.iter().map(|(_, a)| *a).take(need).collect();
    if several && ranked.len() < need {
        let seen: std::collections::HashSet<DocAddress> = ranked.iter().copied().collect();
        let mut more: Vec<_> = best(searcher, &*any, (need + seen.len()).max(rank::WINDOW))?
            .into_iter()
            .filter(|(_, a)| !seen.contains(a))
            .collect();
        rank::rerank(searcher, fields, &words, &mut more)?;
        ranked.extend(more.into_iter().map(|(_, a)| a).take(need - seen.len()));
    }
    let (total, estimated) = match builder.word_frequencies(parsed, filters) {
        Some(dfs) if dfs.iter().sum::<u64>() > EXACT_TOTAL_UP_TO => {
            // Notes with any of the words, were the words independent: N · (1 − Π(1 − dfᵢ/N)).
            let n = searcher.num_docs().max(1) as f64;
            let none: f64 = dfs.iter().map(|df| 1.0 - (*df as f64 / n).min(1.0)).product();
            let largest = dfs.iter().copied().max().unwrap_or(0) as usize;
            let estimate = (n * (1.0 - none)).round() as usize;
            (estimate.max(largest).max(ranked.len()), true)
        }
        _ => (searcher.search(&*any, &Count)?, false),
    };
    let addresses = ranked.into_iter().skip(offset).collect();
    Ok(Found { addresses, total, estimated, query: any })
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
        return Ok(Page::empty());
    }
    let searcher = index.reader.searcher();
    let offset = search.offset.min(MAX_OFFSET);
    let mut filters = search.filters.clone();
    if let Some(viewer) = search.viewer {
        filters.hidden_authors = crate::accounts::blocks::hidden_from(conn, viewer)?;
    }
    let found = find(&searcher, &index.fields, &parsed, &filters, search.sort, offset, search.limit)
        .map_err(search_error)?;
    let mut ids = Vec::with_capacity(found.addresses.len());
    for address in &found.addresses {
        let doc: TantivyDocument = searcher.doc(*address).map_err(search_error)?;
        if let Some(id) = doc.get_first(index.fields.id).and_then(|v| v.as_u64()) {
            ids.push(NoteId(id as i64));
        }
    }
    let views = note_queries::load_views(conn, &ids)?;
    let mut snippets =
        SnippetGenerator::create(&searcher, &*found.query, index.fields.text).map_err(search_error)?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    let items = views.into_iter().map(|view| hit(view, &snippets)).collect();
    let next = offset + search.limit;
    let total = found.total;
    let next_offset = (next < total && next <= MAX_OFFSET).then_some(next);
    Ok(Page { items, total, estimated: found.estimated, next_offset })
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
        return Ok(Page::empty());
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
    Ok(Page::counted(found.iter().map(|u| UserHit { user: u.into() }).collect(), total, offset, limit))
}

pub fn products(
    conn: &mut DbConnection,
    q: &str,
    offset: usize,
    limit: usize,
) -> Result<Page<crate::shop::model::ProductView>, AppError> {
    let (items, total) = crate::shop::products::search_page(conn, q, None, offset as i64, limit as i64)?;
    Ok(Page::counted(items, total as usize, offset, limit))
}

pub fn lists(
    conn: &mut DbConnection,
    q: &str,
    offset: usize,
    limit: usize,
) -> Result<Page<crate::lists::service::ListView>, AppError> {
    let (items, total) = crate::lists::service::search(conn, None, q, offset as i64, limit as i64)?;
    Ok(Page::counted(items, total as usize, offset, limit))
}

pub fn hashtags(
    conn: &mut DbConnection,
    q: &str,
    offset: usize,
    limit: usize,
) -> Result<Page<HashtagHit>, AppError> {
    let q = clean(q);
    if q.is_empty() {
        return Ok(Page::empty());
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
    Ok(Page::counted(rows.into_iter().map(hashtag_hit).collect(), total, offset, limit))
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
