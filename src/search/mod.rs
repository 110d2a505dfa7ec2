//! Discovery: full-text search over notes (tantivy, fed by a durable outbox), people and
//! hashtags, and suggestions while typing.

pub mod analyzer;
pub mod api;
pub mod index;
pub mod indexer;
pub mod pages;
pub mod queries;
pub mod query;
pub mod rank;
pub mod service;

use std::path::Path;
use std::sync::Arc;

use crate::db::DbPool;
use index::SearchIndex;
use indexer::IndexerHandle;
use query::Filters;
use serde::Deserialize;

/// The index and the indexer that keeps it current.
#[derive(Clone)]
pub struct Search {
    pub index: Arc<SearchIndex>,
    pub indexer: IndexerHandle,
}

impl Search {
    /// Opens (or rebuilds) the index in `dir` and starts its indexer.
    pub fn start(dir: &Path, pool: DbPool) -> anyhow::Result<Search> {
        let index = Arc::new(SearchIndex::open(dir)?);
        let indexer = indexer::spawn(index.clone(), pool)?;
        indexer.poke();
        Ok(Search { index, indexer })
    }
}

/// The time-range filter of the search form: only notes posted in the last day, week, month
/// or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Within {
    Day,
    Week,
    Month,
    Year,
}

impl Within {
    pub fn since_micros(self) -> i64 {
        let days = match self {
            Within::Day => 1,
            Within::Week => 7,
            Within::Month => 30,
            Within::Year => 365,
        };
        (chrono::Utc::now() - chrono::Duration::days(days)).timestamp_micros()
    }
}

/// The query string of both the search page and the search API.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to search for: words (stemmed English, segmented Chinese, one typo forgiven in
    /// longer words), `"quoted phrases"`, `-excluded` words, `#hashtag`, `from:username`. Any
    /// length: a query of more than 200 characters or 12 distinct terms, or with a term
    /// repeated, is shortened, and the answer's `shortened_to` says to what.
    #[serde(default)]
    pub q: String,
    /// What to search: notes (when not given), users, hashtags, products or lists.
    #[serde(rename = "type")]
    #[param(value_type = Option<Kind>, inline)]
    pub kind: Option<String>,
    /// The order of notes: relevance (when not given), new or likes.
    #[param(inline)]
    pub sort: Option<service::Sort>,
    /// Only notes with this hashtag (notes only).
    pub tag: Option<String>,
    /// Only notes by this username (notes only).
    pub author: Option<String>,
    /// Only notes posted in the last day, week, month or year (notes only).
    #[param(inline)]
    pub within: Option<Within>,
    /// `next_cursor` of the previous page; none (or empty) for the first page.
    #[param(pattern = r"^[0-9]{0,6}$")]
    pub cursor: Option<String>,
    /// Results a page, 1 to 60 (20 when not given).
    #[param(minimum = 1, maximum = 60)]
    pub limit: Option<usize>,
}

/// What is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum Kind {
    Notes,
    Users,
    Hashtags,
    Products,
    Lists,
}

/// The longest search Sprout runs: this many characters…
pub const MAX_QUERY_CHARS: usize = 200;
/// …and this many distinct terms (a word, `"a phrase"`, `#tag`, `from:name` or `-word`).
pub const MAX_QUERY_TERMS: usize = 12;
/// The deepest page a cursor reaches (the offset of its first result).
pub const MAX_CURSOR: usize = 999_999;

/// `q` cut down to what Sprout searches for: at most [`MAX_QUERY_CHARS`] characters and
/// [`MAX_QUERY_TERMS`] distinct terms (a term repeated counts once and is kept once); and
/// whether anything was cut.
pub fn cap_query(q: &str) -> (String, bool) {
    let mut cut = false;
    let mut kept: Vec<String> = Vec::new();
    let mut chars = 0;
    let mut rest = q.trim();
    while !rest.is_empty() {
        // A quoted phrase (with its sign) is one term; anything else ends at a space.
        let quoted = rest.strip_prefix('-').unwrap_or(rest).starts_with('"');
        let end = if quoted {
            let open = rest.find('"').unwrap_or(0);
            rest[open + 1..].find('"').map(|i| open + i + 2).unwrap_or(rest.len())
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        let term = &rest[..end];
        rest = rest[end..].trim_start();
        if kept.iter().any(|k| k.to_lowercase() == term.to_lowercase()) {
            cut = true;
            continue;
        }
        let len = term.chars().count();
        if kept.is_empty() && len > MAX_QUERY_CHARS {
            // One enormous word: its start is the search.
            kept.push(term.chars().take(MAX_QUERY_CHARS).collect());
            cut = true;
            break;
        }
        if kept.len() == MAX_QUERY_TERMS || chars + len > MAX_QUERY_CHARS {
            cut = true;
            break;
        }
        chars += len + 1;
        kept.push(term.to_string());
    }
    (kept.join(" "), cut)
}

impl SearchParams {
    /// Cuts the query down to what is searched for (see [`cap_query`]); true if it was cut.
    pub fn cap(&mut self) -> bool {
        let (q, cut) = cap_query(&self.q);
        self.q = q;
        for value in [&mut self.tag, &mut self.author] {
            if let Some(v) = value.as_mut().filter(|v| v.chars().count() > 100) {
                *v = v.chars().take(100).collect();
            }
        }
        cut
    }

    pub fn kind(&self) -> Result<Kind, crate::web::AppError> {
        match self.kind.as_deref().unwrap_or("notes") {
            "notes" | "" => Ok(Kind::Notes),
            "users" => Ok(Kind::Users),
            "hashtags" => Ok(Kind::Hashtags),
            "products" => Ok(Kind::Products),
            "lists" => Ok(Kind::Lists),
            other => Err(crate::web::AppError::validation("type", msg!("search-type-unknown", kind = other))),
        }
    }

    /// The offset a cursor names: at most [`MAX_CURSOR`].
    pub fn offset(&self) -> Result<usize, crate::web::AppError> {
        match self.cursor.as_deref().map(str::trim) {
            None | Some("") => Ok(0),
            Some(c) => c
                .parse()
                .ok()
                .filter(|n| *n <= MAX_CURSOR)
                .ok_or_else(|| crate::web::AppError::validation("cursor", msg!("search-cursor-invalid"))),
        }
    }

    pub fn filters(&self) -> Filters {
        Filters {
            tag: self.tag.as_deref().and_then(crate::notes::hashtags::normalize),
            author: self
                .author
                .as_deref()
                .map(|a| a.trim().trim_start_matches('@').to_lowercase())
                .filter(|a| !a.is_empty()),
            since_micros: self.within.map(Within::since_micros),
            hidden_authors: Vec::new(),
        }
    }

    /// The note search these parameters ask for, as `viewer` sees it (blocks apply).
    pub fn note_search(
        &self,
        limit: usize,
        viewer: Option<crate::db::UserId>,
    ) -> Result<service::NoteSearch, crate::web::AppError> {
        Ok(service::NoteSearch {
            viewer,
            q: self.q.clone(),
            filters: self.filters(),
            sort: self.sort.unwrap_or_default(),
            offset: self.offset()?,
            limit,
        })
    }
}

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_queries_are_cut_to_distinct_terms() {
        let (q, cut) = cap_query(&"lipstick ".repeat(5000));
        assert_eq!((q.as_str(), cut), ("lipstick", true), "a word repeated counts once");
        let many: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
        let (q, cut) = cap_query(&many.join(" "));
        assert_eq!(q.split(' ').count(), MAX_QUERY_TERMS);
        assert!(cut);
        let (q, cut) = cap_query(r#"#防晒 "no white cast" -oily from:lily"#);
        assert_eq!((q.as_str(), cut), (r#"#防晒 "no white cast" -oily from:lily"#, false));
        let (q, cut) = cap_query(&"口红".repeat(500));
        assert!(q.chars().count() == MAX_QUERY_CHARS && cut, "one enormous word is cut to its start");
        let (q, _) = cap_query(&format!("{} tail", "a".repeat(150)));
        assert!(q.chars().count() <= MAX_QUERY_CHARS);
    }
}
