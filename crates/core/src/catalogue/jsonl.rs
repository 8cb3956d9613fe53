//! How is JSON Lines text read?
//!
//! One value per non-blank line, each with its file and line; a line that
//! does not parse becomes a [`Problem`] naming its line and field.
//!
//! It must never touch a file (the caller reads it) nor check more than
//! the format: that is `validate`'s.

use super::problems::{Problem, Sourced};
use crate::domain::from_json_str;

/// Parses JSON Lines text into values, one per non-blank line; every line
/// that does not parse becomes a problem naming its line and field.
pub fn parse_jsonl<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> (Vec<Sourced<T>>, Vec<Problem>) {
    let mut values = Vec::new();
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match from_json_str::<T>(line) {
            Ok(value) => values.push(Sourced {
                file: file.to_string(),
                line: index + 1,
                value,
            }),
            Err(error) => problems.push(Problem {
                file: file.to_string(),
                line: index + 1,
                field: error.path,
                message: error.message,
            }),
        }
    }
    (values, problems)
}
