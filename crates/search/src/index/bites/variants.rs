//! Which other spellings of a query word are looked up?
//!
//! The words as typed (for corrections), every word one edit away in the
//! alphabet of its script, and the folded and unfolded forms of a term in
//! the Estonian fields, with what a match on each is worth.
//!
//! Words in, words out: it must never look a term up in the index nor
//! build a query.

use crate::index::analysis::{self, FOLDED_MARK};

/// The words of `q` as typed, lowercased, with their positions (the same
/// positions the analyzers give), of [`FUZZY_MIN_CHARS`] letters or more.
pub(super) fn typed_words(q: &str) -> Vec<(usize, String)> {
    let mut analyzer = analysis::plain_analyzer();
    analysis::words(&mut analyzer, q)
        .into_iter()
        .filter(|w| {
            w.term.chars().count() >= FUZZY_MIN_CHARS && !w.term.chars().any(|c| c.is_ascii_digit())
        })
        .map(|w| (w.position, w.term))
        .collect()
}

/// Latin letters of Estonian and English, for one-edit variants.
const LATIN_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzõäöüšž";
/// Russian letters, for one-edit variants.
const CYRILLIC_LETTERS: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

/// Whether `word` has Cyrillic letters.
pub(super) fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Every word one edit from `word` (a letter deleted, two neighbours
/// swapped, a letter changed or inserted), over the alphabet of its script.
pub(super) fn one_edit_variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let alphabet: Vec<char> = if is_cyrillic(word) {
        CYRILLIC_LETTERS.chars().collect()
    } else {
        LATIN_LETTERS.chars().collect()
    };
    let n = chars.len();
    let make = |parts: &[&[char]]| -> String { parts.iter().flat_map(|p| p.iter()).collect() };
    let mut variants = Vec::with_capacity(n * (2 * alphabet.len() + 2) + alphabet.len());
    for i in 0..n {
        variants.push(make(&[&chars[..i], &chars[i + 1..]]));
        if i + 1 < n && chars[i] != chars[i + 1] {
            variants.push(make(&[
                &chars[..i],
                &[chars[i + 1], chars[i]],
                &chars[i + 2..],
            ]));
        }
        for &letter in &alphabet {
            if letter != chars[i] {
                variants.push(make(&[&chars[..i], &[letter], &chars[i + 1..]]));
            }
        }
    }
    for i in 0..=n {
        for &letter in &alphabet {
            variants.push(make(&[&chars[..i], &[letter], &chars[i..]]));
        }
    }
    variants
}

/// How much a match on a folded form is worth against an exact match.
pub(super) const FOLDED_WEIGHT: f32 = 0.35;

/// Terms this long or longer (in characters) match one edit away when
/// nothing matches exactly: shorter ones would match too many words.
pub(super) const FUZZY_MIN_CHARS: usize = 5;

/// The terms to look up for one analyzed query word, with weight factors.
/// In Estonian fields a word is matched exactly, and through its folded
/// form at a lower weight both ways: "oppimine" finds the marked folded
/// stem of "õppimine", and "õppimine" (whose analyzer output includes the
/// marked folded stem) also finds the plain stem of "oppimine".
pub(super) fn term_variants(term: &str, estonian: bool) -> Vec<(String, f32)> {
    match term.strip_prefix(FOLDED_MARK) {
        Some(plain) => vec![
            (term.to_string(), FOLDED_WEIGHT),
            (plain.to_string(), FOLDED_WEIGHT),
        ],
        None if estonian => vec![
            (term.to_string(), 1.0),
            (format!("{FOLDED_MARK}{term}"), FOLDED_WEIGHT),
        ],
        None => vec![(term.to_string(), 1.0)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_variants_hold_every_kind_of_typo() {
        let variants = one_edit_variants("klienditeenindsu");
        // A swap, a deletion, a substitution and an insertion.
        for fixed in ["klienditeenindus", "klienditeenindu", "klienditeenindsa"] {
            assert!(variants.iter().any(|v| v == fixed), "{fixed}");
        }
        assert!(one_edit_variants("forklit").iter().any(|v| v == "forklift"));
        // Cyrillic words are edited with Cyrillic letters.
        assert!(
            one_edit_variants("погрузчк")
                .iter()
                .any(|v| v == "погрузчик")
        );
        assert!(
            one_edit_variants("погрузчк")
                .iter()
                .all(|v| !v.chars().any(|c| c.is_ascii_alphabetic()))
        );
    }
}
