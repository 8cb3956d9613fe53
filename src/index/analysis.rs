//! How is text turned into search terms?
//!
//! The analyzers for Estonian, Russian and English, shared by indexing and
//! querying so that a query word always becomes the very term a document
//! word became. tantivy's own `Stemmer` has no Estonian, so the Snowball
//! stemmers are applied here straight from `frostem`, for all three
//! languages alike.
//!
//! This module must never parse query syntax: user text is only ever split
//! into words by the analyzers below.

use fnv::FnvHashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// The languages that have their own text fields and stemmer.
pub const TEXT_LANGS: [&str; 3] = ["et", "ru", "en"];

/// Words longer than this (in bytes) are dropped: they are noise such as
/// URLs or base64, and would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 60;

/// The name of the stemming analyzer for a text language.
pub fn stemmed_analyzer_name(lang: &str) -> &'static str {
    match lang {
        "et" => "oppepala_et",
        "ru" => "oppepala_ru",
        _ => "oppepala_en",
    }
}

/// Estonian with õ, ä, ö, ü (and any other diacritic) folded to ASCII
/// before stemming, so that "oppimine" and "õppimine" meet.
pub const ET_FOLDED: &str = "oppepala_et_folded";

/// Lowercased, folded, unstemmed words in any language.
pub const PLAIN_FOLDED: &str = "oppepala_plain_folded";

fn snowball(lang: &str) -> frostem::Algorithm {
    match lang {
        "et" => frostem::Algorithm::Estonian,
        "ru" => frostem::Algorithm::Russian,
        _ => frostem::Algorithm::English,
    }
}

/// The analyzer for one text language: words, lowercase, Snowball stem.
pub fn stemmed_analyzer(lang: &str) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(SnowballFilter::new(snowball(lang)))
        .build()
}

/// Estonian folded: words, lowercase, ASCII folding, Estonian stem.
pub fn et_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(SnowballFilter::new(frostem::Algorithm::Estonian))
        .build()
}

/// Words, lowercase, ASCII folding, no stemming (for typo-tolerant lookup).
pub fn plain_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every analyzer of this module under its name.
pub fn register(manager: &TokenizerManager) {
    for lang in TEXT_LANGS {
        manager.register(stemmed_analyzer_name(lang), stemmed_analyzer(lang));
    }
    manager.register(ET_FOLDED, et_folded_analyzer());
    manager.register(PLAIN_FOLDED, plain_folded_analyzer());
}

/// The analyzer registered under `name`.
pub fn analyzer_by_name(name: &str) -> TextAnalyzer {
    match name {
        ET_FOLDED => et_folded_analyzer(),
        PLAIN_FOLDED => plain_folded_analyzer(),
        "oppepala_et" => stemmed_analyzer("et"),
        "oppepala_ru" => stemmed_analyzer("ru"),
        _ => stemmed_analyzer("en"),
    }
}

/// One analyzed word: its position among the words of the text and its term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Position of the word in the text (0-based), the same for every analyzer.
    pub position: usize,
    /// The term the analyzer made of it.
    pub term: String,
    /// The number of characters of the original word.
    pub chars: usize,
}

/// Runs `analyzer` over `text` and returns its words.
pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        out.push(Word {
            position: token.position,
            term: token.text.clone(),
            chars: text[token.offset_from..token.offset_to].chars().count(),
        });
    }
    out
}

/// The text lowercased and folded, its words joined by single spaces: two
/// labels that differ only in case, punctuation, spacing or diacritics
/// normalize alike.
pub fn normalize_phrase(text: &str) -> String {
    let mut analyzer = plain_folded_analyzer();
    words(&mut analyzer, text)
        .into_iter()
        .map(|w| w.term)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Snowball's Estonian stemmer strips the nominative of "-us" nouns
/// ("klienditeenindus" → "klienditeenin") but leaves their other cases on
/// the "-use" stem ("klienditeenindusele" → "klienditeeninduse"), so the
/// two never meet. A stem ending in "-use" is therefore stemmed again as
/// its nominative ("…us"). Short stems are left alone.
fn estonian_us_stem(stemmer: &frostem::Stemmer, stem: &str) -> Option<String> {
    let base = stem.strip_suffix("use")?;
    if base.chars().count() < 3 {
        return None;
    }
    let nominative = format!("{base}us");
    Some(stemmer.stem(&nominative).into_owned())
}

/// A token filter applying a Snowball stemmer from `frostem`; expects
/// lowercased tokens.
#[derive(Clone, Copy)]
pub struct SnowballFilter {
    algorithm: frostem::Algorithm,
}

impl SnowballFilter {
    /// A filter for `algorithm`.
    pub fn new(algorithm: frostem::Algorithm) -> Self {
        Self { algorithm }
    }
}

impl TokenFilter for SnowballFilter {
    type Tokenizer<T: Tokenizer> = SnowballTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SnowballTokenizer<T> {
        SnowballTokenizer {
            algorithm: self.algorithm,
            inner: tokenizer,
            cache: FnvHashMap::default(),
        }
    }
}

/// Words whose stems a tokenizer remembers; past this the memory is
/// cleared and refilled.
const STEM_CACHE_WORDS: usize = 50_000;

/// The tokenizer [`SnowballFilter`] wraps around another. It remembers the
/// stems of the words it has seen: a catalogue repeats a small vocabulary,
/// and a hash lookup is several times cheaper than running the stemmer.
#[derive(Clone)]
pub struct SnowballTokenizer<T> {
    algorithm: frostem::Algorithm,
    inner: T,
    cache: FnvHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for SnowballTokenizer<T> {
    type TokenStream<'a> = SnowballTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > STEM_CACHE_WORDS {
            self.cache.clear();
        }
        SnowballTokenStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(self.algorithm),
            cache: &mut self.cache,
        }
    }
}

/// The token stream of [`SnowballTokenizer`].
pub struct SnowballTokenStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    cache: &'a mut FnvHashMap<String, String>,
}

fn stem_word(stemmer: &frostem::Stemmer, word: &str) -> String {
    let mut stem = stemmer.stem(word).into_owned();
    if stemmer.algorithm() == frostem::Algorithm::Estonian
        && let Some(fixed) = estonian_us_stem(stemmer, &stem)
    {
        stem = fixed;
    }
    stem
}

impl<T: TokenStream> TokenStream for SnowballTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.cache.get(&token.text) {
            Some(stem) => {
                token.text.clear();
                token.text.push_str(stem);
            }
            None => {
                let stem = stem_word(&self.stemmer, &token.text);
                let word = std::mem::replace(&mut token.text, stem.clone());
                self.cache.insert(word, stem);
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        words(analyzer, text).into_iter().map(|w| w.term).collect()
    }

    #[test]
    fn estonian_inflections_share_a_stem() {
        let mut et = stemmed_analyzer("et");
        let base = terms(&mut et, "klienditeenindus kassatöö hooldus");
        assert_eq!(
            terms(&mut et, "Klienditeenindusele kassatööd hoolduses"),
            base
        );
        assert_eq!(
            terms(&mut et, "klienditeenindust kassatööle hooldust"),
            base
        );
    }

    #[test]
    fn folding_meets_diacritics() {
        let mut folded = et_folded_analyzer();
        assert_eq!(
            terms(&mut folded, "õppimine"),
            terms(&mut folded, "oppimine")
        );
        let mut exact = stemmed_analyzer("et");
        assert_ne!(terms(&mut exact, "õppimine"), terms(&mut exact, "oppimine"));
    }

    #[test]
    fn russian_and_english_stem() {
        let mut ru = stemmed_analyzer("ru");
        assert_eq!(terms(&mut ru, "пожилыми"), terms(&mut ru, "пожилых"));
        // Russian writers often put е for ё.
        assert_eq!(terms(&mut ru, "учёт"), terms(&mut ru, "учет"));
        let mut en = stemmed_analyzer("en");
        assert_eq!(terms(&mut en, "Caring"), terms(&mut en, "care"));
    }

    #[test]
    fn hostile_text_is_just_words() {
        let mut en = stemmed_analyzer("en");
        assert_eq!(
            terms(&mut en, "C++ AND( \"x:y\" [z]"),
            ["c", "and", "x", "y", "z"]
        );
        assert_eq!(
            normalize_phrase("  Kassatöö,  KLIENDID "),
            "kassatoo kliendid"
        );
    }
}
