//! How note text becomes search terms, the same way at index and at query time: jieba word
//! segmentation (so 口红 is one word, not two characters), punctuation and spaces dropped,
//! lowercased, and English words stemmed ("lipsticks" → "lipstick").

use std::borrow::Cow;

use tantivy::tokenizer::{
    AlphaNumOnlyFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenStream,
    Tokenizer,
};

/// The tokenizer name registered on the index.
pub const ANALYZER: &str = "sprout";
/// The same without stemming, for the words of a query that may be typos.
pub const RAW_ANALYZER: &str = "sprout_raw";
/// The Latin words of a note as written, which typos are matched against.
pub const TYPO_ANALYZER: &str = "sprout_typo";

/// Words longer than this (in bytes) are dropped: no one searches for them.
const MAX_WORD_BYTES: usize = 40;

/// Jieba segmentation that keeps only words (letters or digits of any script), lowercased,
/// and with `stem`, English words stemmed. Stemming here rather than in a filter leaves
/// Chinese words alone: the English stemmer was a fifth of the indexing time, most of it spent
/// on words it cannot change.
#[derive(Clone, Default)]
pub struct JiebaWords {
    inner: tantivy_jieba::JiebaTokenizer,
    stem: bool,
}

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl JiebaWords {
    fn segment(&mut self, text: &str) -> Vec<Token> {
        let mut stream = self.inner.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
        tokens
    }
}

impl JiebaWords {
    /// What jieba makes of ASCII text, without its dictionary walk where it needs none: English
    /// is most of the text to index. Jieba cuts text into runs of letters, digits and `+#&._%-`
    /// and each run on its own; a run of letters and digits only is one word, which is taken
    /// as is, and any other run (`form-fitting`, `5.5`) goes to jieba. A test holds this to
    /// jieba's output on the English reviews.
    fn ascii_words(&mut self, text: &str) -> Vec<Token> {
        let bytes = text.as_bytes();
        let in_run = |b: u8| b.is_ascii_alphanumeric() || b"+#&._%-".contains(&b);
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if !in_run(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && in_run(bytes[i]) {
                i += 1;
            }
            let run = &text[start..i];
            if run.bytes().all(|b| b.is_ascii_alphanumeric()) {
                tokens.push(Token {
                    offset_from: start,
                    offset_to: i,
                    position: start,
                    text: run.to_string(),
                    position_length: i - start,
                });
            } else {
                // In ASCII a character is a byte: offsets and positions shift alike.
                tokens.extend(self.segment(run).into_iter().map(|mut t| {
                    t.offset_from += start;
                    t.offset_to += start;
                    t.position += start;
                    t
                }));
            }
        }
        tokens
    }
}

impl Tokenizer for JiebaWords {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let stemmer = self.stem.then(|| frostem::Stemmer::new(frostem::Algorithm::English));
        let segmented = if text.is_ascii() { self.ascii_words(text) } else { self.segment(text) };
        let mut tokens = Vec::with_capacity(segmented.len());
        for mut token in segmented {
            if token.text.len() >= MAX_WORD_BYTES || !token.text.chars().any(char::is_alphanumeric) {
                continue;
            }
            if token.text.is_ascii() {
                token.text.make_ascii_lowercase();
                if let Some(stemmer) = &stemmer {
                    stem(stemmer, &mut token.text);
                }
            } else if token.text.chars().any(char::is_uppercase) {
                token.text = token.text.to_lowercase();
            }
            tokens.push(token);
        }
        VecTokenStream { tokens, next: 0 }
    }
}

/// Stems already seen on this thread: reviews reuse a small vocabulary, and a lookup costs a
/// tenth of stemming. Bounded; emptied when full.
const STEM_CACHE: usize = 50_000;

thread_local! {
    static STEMS: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
}

fn stem(stemmer: &frostem::Stemmer, word: &mut String) {
    STEMS.with_borrow_mut(|cache| {
        if let Some(stem) = cache.get(word.as_str()) {
            word.clone_from(stem);
            return;
        }
        let stem = match stemmer.stem(word) {
            Cow::Owned(stem) => stem,
            Cow::Borrowed(_) => word.clone(),
        };
        if cache.len() >= STEM_CACHE {
            cache.clear();
        }
        cache.insert(std::mem::replace(word, stem.clone()), stem);
    });
}

/// The analyzer for every full-text field and for queries.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaWords { stem: true, ..JiebaWords::default() }).build()
}

/// The analyzer for the unstemmed field typos are matched against.
pub fn raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaWords::default()).build()
}

/// The analyzer of the field typos are matched against: only words in Latin letters and
/// digits, lowercased, unstemmed. Typos are only matched for Latin words, and leaving Chinese
/// out keeps this field's dictionary — which a fuzzy search walks — small. It needs no
/// segmenting, so it costs little at indexing.
pub fn typo_analyzer() -> TextAnalyzer {
    // Words of other scripts are dropped before lowercasing, which only ASCII is left to need.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(AlphaNumOnlyFilter)
        .filter(LowerCaser)
        .build()
}

/// The terms `text` turns into, with their positions.
pub fn terms(text: &str) -> Vec<(usize, String)> {
    analyse(analyzer(), text)
}

/// The words of `text`, lowercased but not stemmed.
pub fn raw_terms(text: &str) -> Vec<(usize, String)> {
    analyse(raw_analyzer(), text)
}

fn analyse(mut analyzer: TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.position, token.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::terms;

    fn words(text: &str) -> Vec<String> {
        terms(text).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn chinese_is_segmented_into_words() {
        let w = words("这支口红很适合黄皮");
        assert!(w.contains(&"口红".to_string()), "{w:?}");
        assert!(!w.contains(&"口".to_string()), "{w:?}");
    }

    #[test]
    fn english_is_lowercased_and_stemmed_and_punctuation_dropped() {
        assert_eq!(words("Lipsticks, for OILY skin!"), vec!["lipstick", "for", "oili", "skin"]);
        assert_eq!(words("lipstick"), words("lipsticks"));
    }

    #[test]
    fn english_is_cut_as_jieba_cuts_it() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/reviews-en.jsonl");
        let reviews = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut jieba = super::JiebaWords::default();
        let mut compared = 0;
        for line in reviews.lines().take(3000) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = format!("{} {}", v["title"].as_str().unwrap(), v["body"].as_str().unwrap());
            if !text.is_ascii() {
                continue;
            }
            let key = |t: &tantivy::tokenizer::Token| (t.position, t.text.clone());
            let theirs: Vec<_> = jieba
                .segment(&text)
                .iter()
                .filter(|t| t.text.chars().any(char::is_alphanumeric))
                .map(key)
                .collect();
            let ours: Vec<_> = jieba
                .ascii_words(&text)
                .iter()
                .filter(|t| t.text.chars().any(char::is_alphanumeric))
                .map(key)
                .collect();
            assert_eq!(ours, theirs, "{text}");
            compared += 1;
        }
        assert!(compared > 2900);
    }

    #[test]
    fn mixed_text_keeps_both() {
        let w = words("SPF50防晒霜 sunscreen");
        assert!(w.contains(&"sunscreen".to_string()) && w.iter().any(|t| t.contains("防晒")), "{w:?}");
    }
}
