//! The final order of the best matches. Tantivy ranks by BM25F over the text, title and tag
//! fields (see `query::fielded`); the first [`WINDOW`] of them are then reordered with three
//! more signals: words of the query that stand close together; notes of the kind most of the
//! best matches are (by hashtag), so that a review mentioning the word in passing falls below
//! those about it; and — only as a mild prior — how much a note was liked. Past the window the
//! BM25 order stays, so pages further down agree with the first.

use std::collections::HashMap;

use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term};

use super::index::Fields;

/// How many of the best matches are reordered.
pub const WINDOW: usize = 100;
/// A note with every word side by side scores up to this much more (×1.2). Mild: on the judged
/// set, proximity at 0, 0.2 and 0.5 ranks within 0.004 nDCG of each other.
const PROXIMITY: f32 = 0.2;
/// Per e-fold of likes: a note with 100 likes scores ×1.23 of one with none.
const ENGAGEMENT: f32 = 0.05;
/// A note whose hashtag is shared by every one of the best matches scores this much more
/// (×1.3); by half as much when its kind holds half their score; nothing for a kind of its
/// own. The cluster hypothesis: the matches about the query agree on what they are about.
const COHERENCE: f32 = 0.3;
/// Hashtags of a note that count towards its kind (a note tagged with everything is no kind).
const KINDS_PER_NOTE: usize = 5;
/// Positions read per term and note: enough for any review, bounded for any note.
const MAX_POSITIONS: usize = 256;

/// Reorders the first [`WINDOW`] of `scored` (best first). `terms` are the query's words in
/// the text field.
pub fn rerank(
    searcher: &Searcher,
    fields: &Fields,
    terms: &[Term],
    scored: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    let window = scored.len().min(WINDOW);
    let scored = &mut scored[..window];
    // By segment and document, so that each term's postings are read forward once per segment.
    let mut order: Vec<usize> = (0..window).collect();
    order.sort_by_key(|&i| scored[i].1);
    let (mut factors, mut kinds) = (vec![1.0; window], vec![Vec::new(); window]);
    let mut start = 0;
    while start < order.len() {
        let segment = scored[order[start]].1.segment_ord;
        let end = start + order[start..].iter().take_while(|&&i| scored[i].1.segment_ord == segment).count();
        let reader = searcher.segment_reader(segment);
        let mut signals = Signals::open(reader, fields, terms)?;
        for &i in &order[start..end] {
            let doc = scored[i].1.doc_id;
            factors[i] = signals.factor(doc);
            kinds[i] = signals.kinds(doc);
        }
        start = end;
    }
    let coherence = coherence(scored, &kinds);
    for ((scored, factor), coherence) in scored.iter_mut().zip(factors).zip(coherence) {
        scored.0 *= factor * (1.0 + COHERENCE * coherence);
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}

/// For each match, the share of all the matches' score held by its most shared kind (0 to 1).
fn coherence(scored: &[(Score, DocAddress)], kinds: &[Vec<String>]) -> Vec<f32> {
    let total: f32 = scored.iter().map(|s| s.0.max(0.0)).sum();
    if total <= 0.0 {
        return vec![0.0; scored.len()];
    }
    let mut weight: HashMap<&str, f32> = HashMap::new();
    for ((score, _), kinds) in scored.iter().zip(kinds) {
        for kind in kinds {
            *weight.entry(kind).or_default() += score.max(0.0);
        }
    }
    kinds.iter().map(|k| k.iter().map(|k| weight[k.as_str()] / total).fold(0.0, f32::max)).collect()
}

struct Signals {
    likes: tantivy::columnar::Column<i64>,
    tags: Option<tantivy::columnar::StrColumn>,
    postings: Vec<Option<tantivy::postings::SegmentPostings>>,
    positions: Vec<Vec<u32>>,
}

impl Signals {
    fn open(reader: &SegmentReader, fields: &Fields, terms: &[Term]) -> tantivy::Result<Signals> {
        let likes = reader.fast_fields().i64("likes")?;
        let tags = reader.fast_fields().str("tags")?;
        let postings = if terms.len() > 1 {
            let inverted = reader.inverted_index(fields.text)?;
            terms
                .iter()
                .map(|t| inverted.read_postings(t, IndexRecordOption::WithFreqsAndPositions))
                .collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
        Ok(Signals { likes, tags, positions: vec![Vec::new(); postings.len()], postings })
    }

    fn factor(&mut self, doc: DocId) -> f32 {
        let likes = self.likes.first(doc).unwrap_or(0).max(0) as f32;
        (1.0 + ENGAGEMENT * likes.ln_1p()) * (1.0 + PROXIMITY * self.proximity(doc))
    }

    /// Up to [`KINDS_PER_NOTE`] of the note's hashtags (in the order of the tag dictionary).
    fn kinds(&self, doc: DocId) -> Vec<String> {
        let Some(tags) = &self.tags else { return Vec::new() };
        tags.term_ords(doc)
            .take(KINDS_PER_NOTE)
            .filter_map(|ord| {
                let mut tag = String::new();
                tags.ord_to_str(ord, &mut tag).ok().filter(|found| *found).map(|_| tag)
            })
            .collect()
    }

    /// 1 when the words stand next to each other somewhere in the note, falling as the
    /// shortest stretch holding them all grows; 0 when a word is missing.
    fn proximity(&mut self, doc: DocId) -> f32 {
        if self.postings.is_empty() {
            return 0.0;
        }
        for (postings, positions) in self.postings.iter_mut().zip(&mut self.positions) {
            positions.clear();
            let Some(postings) = postings else { return 0.0 };
            if postings.doc() > doc || postings.seek(doc) != doc {
                return 0.0;
            }
            postings.positions(positions);
            positions.truncate(MAX_POSITIONS);
        }
        // Positions count characters (jieba's offsets): words next to each other start a word's
        // length apart, and the bonus halves every ten more characters.
        1.0 / (1.0 + shortest_span(&self.positions) as f32 / 10.0)
    }
}

/// The shortest stretch of positions holding one position of every list (each sorted).
fn shortest_span(lists: &[Vec<u32>]) -> u32 {
    let mut next = vec![0usize; lists.len()];
    let mut best = u32::MAX;
    loop {
        let mut low = (u32::MAX, 0);
        let mut high = 0;
        for (i, list) in lists.iter().enumerate() {
            let p = list[next[i]];
            if p < low.0 {
                low = (p, i);
            }
            high = high.max(p);
        }
        best = best.min(high - low.0);
        next[low.1] += 1;
        if next[low.1] == lists[low.1].len() {
            return best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shortest_span;

    #[test]
    fn the_shortest_stretch_holding_every_word() {
        assert_eq!(shortest_span(&[vec![0, 10], vec![11]]), 1);
        assert_eq!(shortest_span(&[vec![0, 20], vec![5, 30], vec![9]]), 9);
        assert_eq!(shortest_span(&[vec![3], vec![3]]), 0);
    }
}
