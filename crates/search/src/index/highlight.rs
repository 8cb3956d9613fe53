//! Where in a hit's text are the query's words? Highlighted fragments for
//! search hits, with analyzers that are kept between requests.
//!
//! The fragment choice and the HTML are those of tantivy's
//! `SnippetGenerator` (tantivy 0.27, MIT licence: the best-scoring window
//! of at most `max_chars` bytes, matches in `<b>…</b>`, the rest
//! HTML-escaped). What differs is the analyzer: `SnippetGenerator` clones
//! its analyzer for every snippet, so the stemmers' memory of words
//! (`analysis::SnowballTokenizer`) starts empty each time and every word of
//! every hit is stemmed again; here a small pool of analyzers per language
//! lives as long as the index, so a word is stemmed once.
//!
//! It must never know of HTTP or the planner.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Mutex;

use tantivy::tokenizer::TextAnalyzer;

/// Analyzers kept per pool; more at once are made and dropped.
const POOL_SIZE: usize = 4;

/// A pool of analyzers of one kind, each with its own stem memory.
pub(crate) struct AnalyzerPool {
    make: fn() -> TextAnalyzer,
    idle: Mutex<Vec<TextAnalyzer>>,
}

impl AnalyzerPool {
    pub(crate) fn new(make: fn() -> TextAnalyzer) -> Self {
        Self {
            make,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Runs `work` with an analyzer of the pool (a new one when all are busy).
    pub(crate) fn with<R>(&self, work: impl FnOnce(&mut TextAnalyzer) -> R) -> R {
        let taken = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        let mut analyzer = taken.unwrap_or_else(self.make);
        let result = work(&mut analyzer);
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < POOL_SIZE {
            idle.push(analyzer);
        }
        result
    }
}

struct Fragment {
    score: f32,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl Fragment {
    fn new(start: usize) -> Self {
        Self {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }
}

/// The best fragment of `text` as HTML, or `None` when no word of `terms`
/// (analyzed terms and their weights) is in it.
pub(crate) fn snippet_html(
    analyzer: &mut TextAnalyzer,
    text: &str,
    terms: &BTreeMap<String, f32>,
    max_chars: usize,
) -> Option<String> {
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut fragment = Fragment::new(0);
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        if token.offset_to - fragment.start > max_chars {
            let next = Fragment::new(token.offset_from);
            let done = std::mem::replace(&mut fragment, next);
            if done.score > 0.0 {
                fragments.push(done);
            }
        }
        fragment.stop = token.offset_to;
        if let Some(&score) = terms.get(&token.text.to_lowercase()) {
            fragment.score += score;
            fragment
                .highlighted
                .push(token.offset_from..token.offset_to);
        }
    }
    if fragment.score > 0.0 {
        fragments.push(fragment);
    }
    let best =
        fragments
            .iter()
            .max_by(|left, right| match left.score.partial_cmp(&right.score) {
                Some(std::cmp::Ordering::Equal) | None => {
                    (right.start, right.stop).cmp(&(left.start, left.stop))
                }
                Some(order) => order,
            })?;
    let piece = &text[best.start..best.stop];
    let mut ranges: Vec<Range<usize>> = best
        .highlighted
        .iter()
        .map(|r| r.start - best.start..r.end - best.start)
        .collect();
    if ranges.is_empty() {
        return None;
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges.dedup();
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if last.end > range.start => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let mut html = String::with_capacity(piece.len() + 16);
    let mut from = 0;
    for range in merged {
        escape_into(&mut html, &piece[from..range.start]);
        html.push_str("<b>");
        escape_into(&mut html, &piece[range.clone()]);
        html.push_str("</b>");
        from = range.end;
    }
    escape_into(&mut html, &piece[from..]);
    Some(html)
}

/// HTML-escapes `text` as `htmlescape::encode_minimal` does.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#x27;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    fn simple() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build()
    }

    /// The same HTML as tantivy's generator, on texts with several
    /// windows, ties, repeated and overlapping matches and characters to
    /// escape.
    #[test]
    fn same_as_tantivy() {
        let texts = [
            "Kassatöö algkursus: kassa <ja> maksed & \"tagastused\" ning kassa",
            "one two three four five six seven eight nine ten eleven twelve one two",
            "nothing to see here",
            "two",
            "Two, two; TWO — 'two'",
        ];
        let mut terms = BTreeMap::new();
        terms.insert("kassa".to_string(), 0.5);
        terms.insert("two".to_string(), 0.25);
        terms.insert("maksed".to_string(), 0.25);
        terms.insert("eleven".to_string(), 0.3);
        for max_chars in [10, 25, 200] {
            let generator = SnippetGenerator::new(
                terms.clone(),
                simple(),
                tantivy::schema::Field::from_field_id(0),
                max_chars,
            );
            for text in texts {
                let theirs = generator.snippet(text);
                let theirs = (!theirs.highlighted().is_empty()).then(|| theirs.to_html());
                let ours = snippet_html(&mut simple(), text, &terms, max_chars);
                assert_eq!(ours, theirs, "{text:?} at {max_chars}");
            }
        }
    }

    #[test]
    fn pool_reuses_analyzers() {
        let pool = AnalyzerPool::new(simple);
        let mut terms = BTreeMap::new();
        terms.insert("b".to_string(), 1.0);
        for _ in 0..3 {
            let html = pool.with(|a| snippet_html(a, "a b c", &terms, 100));
            assert_eq!(html.as_deref(), Some("a <b>b</b> c"));
        }
        assert_eq!(pool.idle.lock().unwrap().len(), 1);
    }
}
