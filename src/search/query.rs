//! The search box's syntax — plain words, `"quoted phrases"`, `-excluded`, `#hashtag`,
//! `from:username` — parsed and turned into a tantivy query.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::analyzer::{raw_terms, terms};
use super::index::Fields;
use crate::notes::hashtags;

/// What someone typed, taken apart.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ParsedQuery {
    pub words: Vec<String>,
    /// Each word's analysed terms with their positions (jieba may cut what was typed in
    /// several), cut once here for every use of the query.
    pub analysed: Vec<Vec<(usize, String)>>,
    pub phrases: Vec<String>,
    pub excluded: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
}

impl ParsedQuery {
    pub fn parse(input: &str) -> ParsedQuery {
        let mut q = ParsedQuery::default();
        let mut rest = input.trim();
        while !rest.is_empty() {
            let (negated, body) = match rest.strip_prefix('-') {
                Some(b) if !b.is_empty() && !b.starts_with(char::is_whitespace) => (true, b),
                _ => (false, rest),
            };
            let (token, quoted, after) = if let Some(inner) = body.strip_prefix('"') {
                match inner.find('"') {
                    Some(end) => (&inner[..end], true, &inner[end + 1..]),
                    None => (inner, true, ""),
                }
            } else {
                let end = body.find(char::is_whitespace).unwrap_or(body.len());
                (&body[..end], false, &body[end..])
            };
            rest = after.trim_start();
            let token = token.trim();
            if token.is_empty() {
                continue;
            }
            if quoted {
                if negated {
                    q.excluded.push(token.to_string());
                } else {
                    q.phrases.push(token.to_string());
                }
            } else if negated {
                q.excluded.push(token.to_string());
            } else if let Some(user) = token.strip_prefix("from:").filter(|u| !u.is_empty()) {
                q.authors.push(user.trim_start_matches('@').to_lowercase());
            } else if token.starts_with(['#', '＃']) {
                if let Some(tag) = hashtags::normalize(token) {
                    q.tags.push(tag);
                }
            } else {
                q.analysed.push(terms(token));
                q.words.push(token.to_string());
            }
        }
        q
    }

    /// How many analysed terms the plain words make together.
    pub fn word_term_count(&self) -> usize {
        self.analysed.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && self.tags.is_empty() && self.authors.is_empty()
    }

    /// The words and phrases, for highlighting and display.
    pub fn text_terms(&self) -> Vec<String> {
        self.words.iter().chain(&self.phrases).cloned().collect()
    }
}

/// Filters from the search form, besides what is typed.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub tag: Option<String>,
    pub author: Option<String>,
    /// Only notes created at or after this time (microseconds since the epoch).
    pub since_micros: Option<i64>,
    /// Authors whose notes the searcher must not see (usernames): blocked either way.
    pub hidden_authors: Vec<String>,
}

/// How plain words combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every word must match.
    All,
    /// Any word may match.
    Any,
}

/// A word in at most this many notes is also matched as a possible typo.
const RARE: u64 = 3;

/// Field weights over the text: a word in the title, or in a hashtag or a tagged product's
/// name, says more about what a note is about than one in passing in the body. Chosen on the
/// judged set in tests/app/relevance.rs (hashtags at 2, 3, 4 and 6: 4 ranks best).
pub const TITLE_BOOST: f32 = 1.5;
pub const TAG_BOOST: f32 = 4.0;

pub struct Builder<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
}

fn boxed(q: impl Query) -> Box<dyn Query> {
    Box::new(q)
}

impl Builder<'_> {
    fn text(&self, text: &str) -> Term {
        Term::from_field_text(self.fields.text, text)
    }

    /// One term, scored by BM25: a plain (boosted) term query, so that a union of them alone is
    /// one tantivy can prune (block-max WAND).
    fn scored(&self, term: Term) -> Box<dyn Query> {
        boxed(TermQuery::new(term, IndexRecordOption::WithFreqs))
    }

    /// An analysed term in each field it may be in, weighted.
    fn fielded(&self, term: &str) -> Vec<Box<dyn Query>> {
        let f = self.fields;
        let weighted =
            |field, boost| boxed(BoostQuery::new(self.scored(Term::from_field_text(field, term)), boost));
        vec![self.scored(self.text(term)), weighted(f.title, TITLE_BOOST), weighted(f.tag_text, TAG_BOOST)]
    }

    /// A filter on an exact field that adds nothing to the score.
    fn exact(&self, field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
        let q = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
        boxed(BoostQuery::new(boxed(q), 0.0))
    }

    fn doc_freq(&self, term: &Term) -> u64 {
        self.searcher.doc_freq(term).unwrap_or(0)
    }

    /// A word as typed: for each analysed term (jieba may split what was typed), the term's
    /// queries in each field. A longer Latin word that almost no note contains is also matched
    /// against the words as written with one typo allowed ("lipstik", "sunscren").
    pub fn word(&self, word: &str, analysed: &[(usize, String)], fuzzy: bool) -> Vec<Vec<Box<dyn Query>>> {
        let raw = if fuzzy && analysed.len() == 1 { raw_terms(word) } else { Vec::new() };
        let typo_candidate = fuzzy
            && analysed.len() == 1
            && raw.len() == 1
            && raw[0].1.chars().count() >= 5
            && raw[0].1.chars().all(|c| c.is_ascii_alphabetic());
        analysed
            .iter()
            .map(|(_, term)| {
                let mut parts = self.fielded(term);
                if typo_candidate && self.doc_freq(&self.text(term)) <= RARE {
                    let typo =
                        FuzzyTermQuery::new(Term::from_field_text(self.fields.raw, &raw[0].1), 1, true);
                    parts.push(boxed(typo));
                }
                parts
            })
            .collect()
    }

    /// For a query made of plain words only, none of them a likely typo, and no filter: how
    /// many notes each word is in (the most of its terms', as jieba cuts 洗发水 into 洗发,
    /// 发水 and 洗发水, found together). A total can be estimated from these.
    pub fn word_frequencies(&self, parsed: &ParsedQuery, filters: &Filters) -> Option<Vec<u64>> {
        let plain = parsed.phrases.is_empty()
            && parsed.excluded.is_empty()
            && parsed.tags.is_empty()
            && parsed.authors.is_empty()
            && filters.tag.is_none()
            && filters.author.is_none()
            && filters.since_micros.is_none()
            && filters.hidden_authors.is_empty();
        if !plain {
            return None;
        }
        let mut out = Vec::new();
        for analysed in &parsed.analysed {
            let f = self.fields;
            let df = analysed
                .iter()
                .flat_map(|(_, t)| {
                    [f.text, f.tag_text].map(|field| self.doc_freq(&Term::from_field_text(field, t)))
                })
                .max()?;
            if df <= RARE {
                return None;
            }
            out.push(df);
        }
        Some(out)
    }

    /// The plain words' terms in the text field, each once.
    pub fn word_terms(&self, parsed: &ParsedQuery) -> Vec<Term> {
        let mut out: Vec<Term> = Vec::new();
        for (_, term) in parsed.analysed.iter().flatten() {
            let term = self.text(term);
            if !out.contains(&term) {
                out.push(term);
            }
        }
        out
    }

    /// Words in this order, next to each other.
    pub fn phrase(&self, phrase: &str) -> Option<Box<dyn Query>> {
        let analysed = terms(phrase);
        match analysed.len() {
            0 => None,
            1 => Some(boxed(BooleanQuery::new(
                self.fielded(&analysed[0].1).into_iter().map(|q| (Occur::Should, q)).collect(),
            ))),
            _ => {
                let base = analysed[0].0;
                let terms = analysed.iter().map(|(pos, t)| (pos - base, self.text(t))).collect();
                Some(boxed(PhraseQuery::new_with_offset(terms)))
            }
        }
    }

    pub fn build(&self, parsed: &ParsedQuery, filters: &Filters, mode: Mode) -> Box<dyn Query> {
        let f = self.fields;
        let parts = parsed.words.iter().zip(&parsed.analysed).flat_map(|(w, a)| self.word(w, a, true));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = match mode {
            // Each term in one of its fields.
            Mode::All => parts
                .map(|p| {
                    (
                        Occur::Must,
                        boxed(BooleanQuery::new(p.into_iter().map(|q| (Occur::Should, q)).collect())),
                    )
                })
                .collect(),
            // Any term in any field: a flat union, which tantivy prunes.
            Mode::Any => parts.flatten().map(|q| (Occur::Should, q)).collect(),
        };
        for phrase in &parsed.phrases {
            if let Some(q) = self.phrase(phrase) {
                clauses.push((Occur::Must, q));
            }
        }
        for tag in parsed.tags.iter().chain(filters.tag.as_ref()) {
            clauses.push((Occur::Must, self.exact(f.tags, tag)));
        }
        for author in parsed.authors.iter().chain(filters.author.as_ref()) {
            clauses.push((Occur::Must, self.exact(f.author, &author.to_lowercase())));
        }
        if let Some(since) = filters.since_micros {
            let range =
                RangeQuery::new(Bound::Included(Term::from_field_i64(f.created, since)), Bound::Unbounded);
            clauses.push((Occur::Must, boxed(range)));
        }
        if clauses.is_empty() {
            return boxed(EmptyQuery);
        }
        let has_must = clauses.iter().any(|(o, _)| *o == Occur::Must);
        let has_should = clauses.iter().any(|(o, _)| *o == Occur::Should);
        if has_must && has_should {
            // Filters and phrases must hold, and at least one of the words.
            let (words, mut rest): (Vec<_>, Vec<_>) =
                clauses.into_iter().partition(|(o, _)| *o == Occur::Should);
            rest.push((Occur::Must, boxed(BooleanQuery::new(words))));
            clauses = rest;
        }
        for author in &filters.hidden_authors {
            clauses.push((Occur::MustNot, self.exact(f.author, author)));
        }
        for excluded in &parsed.excluded {
            let q = if excluded.contains(char::is_whitespace) {
                self.phrase(excluded)
            } else {
                let terms: Vec<(Occur, Box<dyn Query>)> = self
                    .word(excluded, &terms(excluded), false)
                    .into_iter()
                    .map(|p| {
                        (
                            Occur::Must,
                            boxed(BooleanQuery::new(p.into_iter().map(|q| (Occur::Should, q)).collect())),
                        )
                    })
                    .collect();
                (!terms.is_empty()).then(|| boxed(BooleanQuery::new(terms)))
            };
            if let Some(q) = q {
                clauses.push((Occur::MustNot, q));
            }
        }
        if !clauses.iter().any(|(o, _)| *o != Occur::MustNot) {
            clauses.push((Occur::Must, boxed(AllQuery)));
        }
        boxed(BooleanQuery::new(clauses))
    }
}

#[cfg(test)]
mod tests {
    use super::ParsedQuery;

    #[test]
    fn syntax_is_taken_apart() {
        let q = ParsedQuery::parse(r#"lipstick "oily skin" -matte #Makeup from:@Lily 口红"#);
        assert_eq!(q.words, vec!["lipstick", "口红"]);
        assert_eq!(q.analysed, vec![vec![(0, "lipstick".to_string())], vec![(0, "口红".to_string())]]);
        assert_eq!(q.phrases, vec!["oily skin"]);
        assert_eq!(q.excluded, vec!["matte"]);
        assert_eq!(q.tags, vec!["makeup"]);
        assert_eq!(q.authors, vec!["lily"]);
    }

    #[test]
    fn stray_symbols_do_not_break_parsing() {
        let q = ParsedQuery::parse(r#"- " from: # "#);
        assert!(q.authors.is_empty() && q.tags.is_empty());
        let q = ParsedQuery::parse(r#"serum "unclosed phrase"#);
        assert_eq!(q.words, vec!["serum"]);
        assert_eq!(q.phrases, vec!["unclosed phrase"]);
    }
}
