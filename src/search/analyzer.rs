//! How note text becomes search terms, the same way at index and at query time: jieba word
//! segmentation (so 口红 is one word, not two characters), punctuation and spaces dropped,
//! lowercased, and English words stemmed ("lipsticks" → "lipstick").

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The tokenizer name registered on the index.
pub const ANALYZER: &str = "sprout";
/// The same without stemming, for matching typos against words as written.
pub const RAW_ANALYZER: &str = "sprout_raw";

/// Jieba segmentation that keeps only words (letters or digits of any script).
#[derive(Clone, Default)]
pub struct JiebaWords {
    inner: tantivy_jieba::JiebaTokenizer,
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

impl Tokenizer for JiebaWords {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut stream = self.inner.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            if token.text.chars().any(char::is_alphanumeric) {
                tokens.push(token.clone());
            }
        }
        VecTokenStream { tokens, next: 0 }
    }
}

/// The analyzer for every full-text field and for queries.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaWords::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analyzer for the unstemmed field typos are matched against.
pub fn raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaWords::default())
        .filter(RemoveLongFilter::limit(40))
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
    fn mixed_text_keeps_both() {
        let w = words("SPF50防晒霜 sunscreen");
        assert!(w.contains(&"sunscreen".to_string()) && w.iter().any(|t| t.contains("防晒")), "{w:?}");
    }
}
