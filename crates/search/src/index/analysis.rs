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
    AsciiFoldingFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// The languages that have their own text fields and stemmer.
pub const TEXT_LANGS: [&str; 3] = ["et", "ru", "en"];

/// Words longer than this (in bytes) are dropped: they are noise such as
/// URLs or base64, and would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 60;

/// Words (runs of letters and digits), lowercased, those of
/// `MAX_TOKEN_BYTES` bytes or more dropped (their positions still
/// counted): the very tokens of tantivy's `SimpleTokenizer`,
/// `RemoveLongFilter` and `LowerCaser` in a row, made in one pass. The
/// letters of Estonian and Russian are told apart and lowercased without
/// the Unicode tables, which the three-step chain consults for every
/// letter outside ASCII; indexing and snippets spend much of their time
/// here.
#[derive(Clone, Default)]
pub struct LowercaseWords {
    token: Token,
}

/// The token stream of [`LowercaseWords`].
pub struct LowercaseWordsStream<'a> {
    text: &'a str,
    /// Where the next word is looked for (a byte offset).
    next: usize,
    token: &'a mut Token,
}

impl Tokenizer for LowercaseWords {
    type TokenStream<'a> = LowercaseWordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> LowercaseWordsStream<'a> {
        self.token.reset();
        LowercaseWordsStream {
            text,
            next: 0,
            token: &mut self.token,
        }
    }
}

/// `c.is_alphanumeric()`, without a table lookup for Latin-1, Latin
/// Extended-A and basic Cyrillic (all of whose letters are alphabetic).
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        '\u{C0}'..='\u{FF}' => c != '\u{D7}' && c != '\u{F7}',
        '\u{100}'..='\u{17F}' | '\u{400}'..='\u{45F}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Appends `c.to_lowercase()`, without a table lookup for ASCII, Latin-1
/// and basic Cyrillic.
fn push_lowercase(c: char, out: &mut String) {
    let shifted = |by: u32| char::from_u32(c as u32 + by).unwrap_or(c);
    match c {
        'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' | '\u{410}'..='\u{42F}' => {
            out.push(shifted(0x20))
        }
        '\u{400}'..='\u{40F}' => out.push(shifted(0x50)),
        '\0'..='\u{7F}' | '\u{DF}'..='\u{FF}' | '\u{430}'..='\u{45F}' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

impl TokenStream for LowercaseWordsStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        loop {
            self.token.position = self.token.position.wrapping_add(1);
            let rest = &self.text[self.next..];
            let Some((start, _)) = rest.char_indices().find(|(_, c)| is_word_char(*c)) else {
                self.next = self.text.len();
                return false;
            };
            let start = self.next + start;
            let end = self.text[start..]
                .char_indices()
                .find(|(_, c)| !is_word_char(*c))
                .map_or(self.text.len(), |(i, _)| start + i);
            self.next = end;
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            let word = &self.text[start..end];
            self.token.offset_from = start;
            self.token.offset_to = end;
            if word.is_ascii() {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                for c in word.chars() {
                    push_lowercase(c, &mut self.token.text);
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

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

/// Estonian with marked folded variants (see [`et_with_variants_analyzer`]).
pub const ET_VARIANTS: &str = "oppepala_et_variants";

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
    TextAnalyzer::builder(LowercaseWords::default())
        .filter(SnowballFilter::new(snowball(lang)))
        .build()
}

/// Estonian for the bite index: words, lowercase, Estonian stem, and for a
/// word with diacritics also its folded stem marked with [`FOLDED_MARK`] at
/// the same position. One pass gives both the exact and the folded terms.
pub fn et_with_variants_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(LowercaseWords::default())
        .filter(SnowballFilter::new(frostem::Algorithm::Estonian).with_folded_variants())
        .build()
}

/// Estonian folded: words, lowercase, ASCII folding, Estonian stem.
pub fn et_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(LowercaseWords::default())
        .filter(AsciiFoldingFilter)
        .filter(SnowballFilter::new(frostem::Algorithm::Estonian))
        .build()
}

/// Words, lowercase, ASCII folding, no stemming (for typo-tolerant lookup).
pub fn plain_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(LowercaseWords::default())
        .filter(AsciiFoldingFilter)
        .build()
}

/// Words, lowercase, nothing else: words as typed, for one-edit
/// corrections.
pub fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(LowercaseWords::default()).build()
}

/// Registers every analyzer of this module under its name.
/// Creates an empty index with `schema` in `directory` (or in RAM), with
/// the analyzers registered: the bite and skill indexes differ only in
/// their schema.
pub(crate) fn create_index(
    directory: Option<&std::path::Path>,
    schema: tantivy::schema::Schema,
) -> Result<tantivy::Index, super::IndexError> {
    let index = match directory {
        Some(path) => tantivy::Index::create_in_dir(path, schema)?,
        None => tantivy::Index::create_in_ram(schema),
    };
    register(index.tokenizers());
    Ok(index)
}

pub fn register(manager: &TokenizerManager) {
    for lang in TEXT_LANGS {
        manager.register(stemmed_analyzer_name(lang), stemmed_analyzer(lang));
    }
    manager.register(ET_FOLDED, et_folded_analyzer());
    manager.register(ET_VARIANTS, et_with_variants_analyzer());
    manager.register(PLAIN_FOLDED, plain_folded_analyzer());
}

/// The analyzer registered under `name`.
pub fn analyzer_by_name(name: &str) -> TextAnalyzer {
    match name {
        ET_FOLDED => et_folded_analyzer(),
        ET_VARIANTS => et_with_variants_analyzer(),
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
    folded_variants: bool,
}

impl SnowballFilter {
    /// A filter for `algorithm`.
    pub fn new(algorithm: frostem::Algorithm) -> Self {
        Self {
            algorithm,
            folded_variants: false,
        }
    }

    /// Also emits, for a word with diacritics, the stem of its folded form
    /// marked with [`FOLDED_MARK`], at the same position.
    pub fn with_folded_variants(mut self) -> Self {
        self.folded_variants = true;
        self
    }
}

impl TokenFilter for SnowballFilter {
    type Tokenizer<T: Tokenizer> = SnowballTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SnowballTokenizer<T> {
        SnowballTokenizer {
            algorithm: self.algorithm,
            folded_variants: self.folded_variants,
            inner: tokenizer,
            cache: FnvHashMap::default(),
        }
    }
}

/// Words whose stems a tokenizer remembers; past this the memory is
/// cleared and refilled.
const STEM_CACHE_WORDS: usize = 50_000;

/// A word's stem and, when asked for and different, its marked folded stem.
type Stems = (String, Option<String>);

/// The tokenizer [`SnowballFilter`] wraps around another. It remembers the
/// stems of the words it has seen: a catalogue repeats a small vocabulary,
/// and a hash lookup is several times cheaper than running the stemmer.
#[derive(Clone)]
pub struct SnowballTokenizer<T> {
    algorithm: frostem::Algorithm,
    folded_variants: bool,
    inner: T,
    cache: FnvHashMap<String, Stems>,
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
            folded_variants: self.folded_variants,
            cache: &mut self.cache,
            pending: None,
        }
    }
}

/// The token stream of [`SnowballTokenizer`].
pub struct SnowballTokenStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    folded_variants: bool,
    cache: &'a mut FnvHashMap<String, Stems>,
    /// A folded variant to emit before moving on.
    pending: Option<String>,
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

/// Marks a folded variant term so that it never equals an exact one: the
/// query ranks a match on it below an exact match.
pub const FOLDED_MARK: char = '\u{1}';

/// The stems of an Estonian term ending in a consonant with each vowel a
/// genitive may add: "tõstuk" → "tõstuka", "tõstuke", "tõstuki",
/// "tõstuku". Marked folded terms keep their mark.
pub(crate) fn genitive_stems(term: &str) -> Vec<String> {
    let plain = term.trim_start_matches(FOLDED_MARK);
    match plain.chars().last() {
        Some(last)
            if plain.chars().count() >= 3
                && (last.is_ascii_alphabetic() || last == 'š' || last == 'ž')
                && !is_vowel(last) =>
        {
            ['a', 'e', 'i', 'u']
                .into_iter()
                .map(|vowel| format!("{term}{vowel}"))
                .collect()
        }
        _ => Vec::new(),
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'õ' | 'ä' | 'ö' | 'ü' | 'y')
}

/// Words that join names but do not name anything ("ja", "и", "and"), in
/// Estonian, Russian and English, lowercased (and folded where it differs).
const FUNCTION_WORDS: [&str; 38] = [
    "ja", "või", "voi", "ning", "jm", "va", "ka", "vm", "и", "или", "в", "во", "на", "по", "для",
    "с", "со", "из", "за", "к", "о", "от", "до", "and", "or", "of", "the", "for", "in", "on",
    "with", "a", "an", "to", "other", "at", "by", "as",
];

/// Whether a lowercased word (or its stem: these words stem to themselves)
/// is a function word of any of the three languages. The name and label
/// lookups count only the other words of a query and of a name.
pub fn is_function_word(term: &str) -> bool {
    FUNCTION_WORDS.contains(&term)
}

/// Whether `a` and `b` differ by exactly one edit: an insertion, a
/// deletion, a substitution or a swap of neighbours.
pub fn one_edit(a: &[char], b: &[char]) -> bool {
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    match a_rest.len().cmp(&b_rest.len()) {
        std::cmp::Ordering::Equal => {
            a_rest[1..] == b_rest[1..]
                || (a_rest.len() >= 2
                    && a_rest[0] == b_rest[1]
                    && a_rest[1] == b_rest[0]
                    && a_rest[2..] == b_rest[2..])
        }
        std::cmp::Ordering::Less => a_rest == &b_rest[1..],
        std::cmp::Ordering::Greater => &a_rest[1..] == b_rest,
    }
}

/// Latin letters with diacritics as plain ASCII; other characters unchanged.
pub fn fold_diacritics(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() {
        return std::borrow::Cow::Borrowed(word);
    }
    let folded: String = word
        .chars()
        .map(|c| match c {
            'õ' | 'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
            'ä' | 'á' | 'à' | 'â' | 'å' | 'ã' => 'a',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'š' => 's',
            'ž' => 'z',
            'ç' | 'č' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect();
    if folded == word {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(folded)
    }
}

fn stems(stemmer: &frostem::Stemmer, word: &str, folded_variants: bool) -> Stems {
    let stem = stem_word(stemmer, word);
    let variant = match fold_diacritics(word) {
        std::borrow::Cow::Owned(folded) if folded_variants => {
            Some(format!("{FOLDED_MARK}{}", stem_word(stemmer, &folded)))
        }
        _ => None,
    };
    (stem, variant)
}

impl<T: TokenStream> TokenStream for SnowballTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(variant) = self.pending.take() {
            self.tail.token_mut().text = variant;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.cache.get(&token.text) {
            Some((stem, variant)) => {
                token.text.clear();
                token.text.push_str(stem);
                self.pending.clone_from(variant);
            }
            None => {
                let (stem, variant) = stems(&self.stemmer, &token.text, self.folded_variants);
                let word = std::mem::replace(&mut token.text, stem.clone());
                self.pending.clone_from(&variant);
                self.cache.insert(word, (stem, variant));
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
    #[test]
    fn genitive_stems_only_after_a_consonant() {
        assert_eq!(
            genitive_stems("tõstuk"),
            ["tõstuka", "tõstuke", "tõstuki", "tõstuku"]
        );
        assert_eq!(genitive_stems("\u{1}tostuk")[2], "\u{1}tostuki");
        assert!(genitive_stems("kassa").is_empty());
        assert!(genitive_stems("ab").is_empty());
        assert!(genitive_stems("2027").is_empty());
        assert!(genitive_stems("кассир").is_empty());
    }

    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

    /// The three-step chain [`LowercaseWords`] stands for.
    fn tantivy_chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .build()
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize, usize, String)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.position, t.offset_from, t.offset_to, t.text.clone()));
        }
        out
    }

    #[test]
    fn fast_letter_checks_agree_with_unicode() {
        for code in 0..0x800u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            let mut fast = String::new();
            push_lowercase(c, &mut fast);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn lowercase_words_are_the_tantivy_chain() {
        let long = "x".repeat(MAX_TOKEN_BYTES);
        let text = format!(
            "Kassatöö, KLIENDITEENINDUS; Ülevaatus! ÕPPIMINE {long} Уход за ПОЖИЛЫМИ ЁЛКА \
             C++ AND( \"x:y\" [z] İstanbul ǅ ß ΣΟΦΙΑ 2027-01-11 e-mail"
        );
        let mut fast = TextAnalyzer::builder(LowercaseWords::default()).build();
        assert_eq!(
            tokens(&mut fast, &text),
            tokens(&mut tantivy_chain(), &text)
        );
    }

    proptest! {
        #[test]
        fn lowercase_words_match_the_chain_on_any_text(
            text in "[a-zA-Z0-9õäöüÕÄÖÜšžŠŽа-яА-ЯёЁ×÷ıİß·–—,.;:!?()\\[\\] \t\n\u{300}\u{483}\u{4C0}\u{1E9E}\u{2160}]{0,80}"
        ) {
            let mut fast = TextAnalyzer::builder(LowercaseWords::default()).build();
            prop_assert_eq!(tokens(&mut fast, &text), tokens(&mut tantivy_chain(), &text));
        }
    }

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
    fn variants_mark_folded_stems() {
        let mut et = et_with_variants_analyzer();
        let words = words(&mut et, "Õppimine ja mäng");
        let terms: Vec<(usize, &str)> = words
            .iter()
            .map(|w| (w.position, w.term.as_str()))
            .collect();
        assert_eq!(
            terms,
            [
                (0, "õppimise"),
                (0, "\u{1}oppimise"),
                (1, "ja"),
                (2, "mäng"),
                (2, "\u{1}mang")
            ]
        );
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

    #[test]
    fn one_edit_is_one_edit() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_edit(&chars("cashir"), &chars("cashier")));
        assert!(one_edit(&chars("kasiir"), &chars("kassiir")));
        assert!(one_edit(&chars("ksasiir"), &chars("kassiir")));
        assert!(one_edit(&chars("kassiar"), &chars("kassiir")));
        assert!(!one_edit(&chars("kassiir"), &chars("kassiir")));
        assert!(!one_edit(&chars("kasir"), &chars("kassiir")));
        assert!(is_function_word("и") && is_function_word("ja") && !is_function_word("kassa"));
    }
}
