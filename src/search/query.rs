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
                q.words.push(token.to_string());
            }
        }
        q
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
    /// Every word must match (for orders that ignore relevance: newest, most liked).
    All,
    /// Any word may match (the fallback of `All` when nothing has every word).
    Any,
    /// Any word may match, and notes with every word rank first: the relevance order.
    Ranked,
}

/// A word in at most this many notes is also matched as a possible typo.
const RARE: u64 = 3;

/// How much a note containing every word of the query counts over one containing some.
const ALL_WORDS_BONUS: f32 = 3.0;

pub struct Builder<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
}

fn boxed(q: impl Query) -> Box<dyn Query> {
    Box::new(q)
}

impl Builder<'_> {
    fn text_term(&self, field: tantivy::schema::Field, text: &str) -> Term {
        Term::from_field_text(field, text)
    }

    fn term_query(&self, term: Term, boost: f32) -> Box<dyn Query> {
        let q = TermQuery::new(term, IndexRecordOption::WithFreqsAndPositions);
        if boost == 1.0 {
            boxed(q)
        } else {
            boxed(BoostQuery::new(boxed(q), boost))
        }
    }

    fn doc_freq(&self, term: &Term) -> u64 {
        self.searcher.doc_freq(term).unwrap_or(0)
    }

    /// One analysed term across the text fields, hashtags included.
    fn analysed_term(&self, term: &str) -> (Box<dyn Query>, bool) {
        let f = self.fields;
        let title = self.text_term(f.title, term);
        let body = self.text_term(f.body, term);
        // A word only a handful of notes contain is usually a typo others made too.
        let seen = self.doc_freq(&title) + self.doc_freq(&body) > RARE;
        let should: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, self.term_query(title, 2.0)),
            (Occur::Should, self.term_query(body, 1.0)),
            (Occur::Should, self.term_query(self.text_term(f.tag_text, term), 1.5)),
            (Occur::Should, self.term_query(self.text_term(f.author_name, term), 0.5)),
        ];
        (boxed(BooleanQuery::new(should)), seen)
    }

    /// A word as typed: all its analysed terms. A longer Latin word that no note contains is
    /// matched against the words as written with one typo allowed ("lipstik", "sunscren").
    pub fn word(&self, word: &str, fuzzy: bool) -> Option<Box<dyn Query>> {
        let analysed = terms(word);
        if analysed.is_empty() {
            return None;
        }
        let mut all = Vec::with_capacity(analysed.len());
        let mut unseen = false;
        for (_, term) in &analysed {
            let (query, seen) = self.analysed_term(term);
            unseen |= !seen;
            all.push((Occur::Must, query));
        }
        let exact = boxed(BooleanQuery::new(all));
        let raw = raw_terms(word);
        let typo_candidate = raw.len() == 1
            && raw[0].1.chars().count() >= 5
            && raw[0].1.chars().all(|c| c.is_ascii_alphabetic());
        if !(fuzzy && unseen && typo_candidate) {
            return Some(exact);
        }
        let typo = FuzzyTermQuery::new(self.text_term(self.fields.raw, &raw[0].1), 1, true);
        Some(boxed(BooleanQuery::new(vec![(Occur::Should, exact), (Occur::Should, boxed(typo))])))
    }

    /// Words in this order, next to each other, in the title or the text.
    pub fn phrase(&self, phrase: &str) -> Option<Box<dyn Query>> {
        let analysed = terms(phrase);
        match analysed.len() {
            0 => None,
            1 => self.word(&analysed[0].1, false),
            _ => {
                let base = analysed[0].0;
                let per_field = [self.fields.title, self.fields.body].map(|field| {
                    let terms =
                        analysed.iter().map(|(pos, t)| (pos - base, self.text_term(field, t))).collect();
                    (Occur::Should, boxed(PhraseQuery::new_with_offset(terms)))
                });
                Some(boxed(BooleanQuery::new(per_field.into())))
            }
        }
    }

    pub fn build(&self, parsed: &ParsedQuery, filters: &Filters, mode: Mode) -> Box<dyn Query> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let words: Vec<Box<dyn Query>> = parsed.words.iter().filter_map(|w| self.word(w, true)).collect();
        match mode {
            Mode::All => clauses.extend(words.into_iter().map(|q| (Occur::Must, q))),
            Mode::Any => clauses.extend(words.into_iter().map(|q| (Occur::Should, q))),
            Mode::Ranked if words.len() > 1 => {
                let all = words.iter().map(|q| (Occur::Must, q.box_clone())).collect();
                let mut any: Vec<(Occur, Box<dyn Query>)> =
                    words.into_iter().map(|q| (Occur::Should, q)).collect();
                any.push((
                    Occur::Should,
                    boxed(BoostQuery::new(boxed(BooleanQuery::new(all)), ALL_WORDS_BONUS)),
                ));
                clauses.push((Occur::Must, boxed(BooleanQuery::new(any))));
            }
            Mode::Ranked => clauses.extend(words.into_iter().map(|q| (Occur::Must, q))),
        }
        for phrase in &parsed.phrases {
            if let Some(q) = self.phrase(phrase) {
                clauses.push((Occur::Must, q));
            }
        }
        let tags = parsed.tags.iter().chain(filters.tag.as_ref());
        for tag in tags {
            clauses.push((Occur::Must, self.term_query(self.text_term(f.tags, tag), 1.0)));
        }
        for author in parsed.authors.iter().chain(filters.author.as_ref()) {
            clauses
                .push((Occur::Must, self.term_query(self.text_term(f.author, &author.to_lowercase()), 0.0)));
        }
        if let Some(since) = filters.since_micros {
            let range =
                RangeQuery::new(Bound::Included(Term::from_field_i64(f.created, since)), Bound::Unbounded);
            clauses.push((Occur::Must, boxed(range)));
        }
        if clauses.is_empty() {
            return boxed(EmptyQuery);
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) && mode != Mode::Any {
            clauses.push((Occur::Must, boxed(AllQuery)));
        }
        for author in &filters.hidden_authors {
            clauses.push((Occur::MustNot, self.term_query(self.text_term(f.author, author), 0.0)));
        }
        for excluded in &parsed.excluded {
            let q = if excluded.contains(char::is_whitespace) {
                self.phrase(excluded)
            } else {
                self.word(excluded, false)
            };
            if let Some(q) = q {
                clauses.push((Occur::MustNot, q));
            }
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
