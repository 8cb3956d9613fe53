//! Which fields does a bite index have, and how is each indexed?
//!
//! The tantivy schema: per-language text fields (titles keep positions for
//! the phrase bonus), skill URIs as raw terms, numeric fast fields, one
//! facet field; the day numbers that dates are stored as; and an empty
//! index made with it.
//!
//! It must never read a bite or a request: what goes into the fields is
//! `document`'s business, how they are queried that of `filters`, `query`
//! and `search`.

use chrono::{Datelike, NaiveDate};
use tantivy::Index;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use crate::index::IndexError;
use crate::index::analysis::{self, ET_VARIANTS, TEXT_LANGS};

/// The text fields of one language.
#[derive(Clone, Copy, Debug)]
pub(super) struct TextFields {
    pub(super) title: Field,
    pub(super) description: Field,
    pub(super) outcomes: Field,
}

impl TextFields {
    pub(super) fn all(self) -> [(&'static str, Field); 3] {
        [
            ("title", self.title),
            ("description", self.description),
            ("outcomes", self.outcomes),
        ]
    }
}

/// The fields of the bite schema.
#[derive(Clone, Debug)]
pub(crate) struct BiteFields {
    pub(super) id: Field,
    /// In the order of [`TEXT_LANGS`].
    pub(super) text: [TextFields; 3],
    pub(super) skill_outcome: Field,
    pub(super) skill_prerequisite: Field,
    pub(super) facet: Field,
    pub(super) hours: Field,
    pub(super) cost: Field,
    pub(super) eqf: Field,
    pub(super) first_start: Field,
    pub(super) starts: Field,
    pub(super) self_paced: Field,
}

/// Only titles keep word positions (for the phrase bonus): positions in
/// the longer fields would cost indexing time and space for no query.
fn text_options(analyzer: &str, stored: bool, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

fn text_fields(
    builder: &mut tantivy::schema::SchemaBuilder,
    suffix: &str,
    analyzer: &str,
    stored: bool,
) -> TextFields {
    TextFields {
        title: builder.add_text_field(
            &format!("title_{suffix}"),
            text_options(analyzer, stored, true),
        ),
        description: builder.add_text_field(
            &format!("description_{suffix}"),
            text_options(analyzer, stored, false),
        ),
        outcomes: builder.add_text_field(
            &format!("outcomes_{suffix}"),
            text_options(analyzer, stored, false),
        ),
    }
}

pub(crate) fn schema() -> (Schema, BiteFields) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    // Estonian fields also hold the marked folded stems of words with
    // diacritics (see `analysis::et_with_variants_analyzer`).
    let text = TEXT_LANGS.map(|lang| {
        let analyzer = if lang == "et" {
            ET_VARIANTS
        } else {
            analysis::stemmed_analyzer_name(lang)
        };
        text_fields(&mut builder, lang, analyzer, true)
    });
    let skill_outcome = builder.add_text_field("skill_outcome", STRING);
    let skill_prerequisite = builder.add_text_field("skill_prerequisite", STRING);
    let facet = builder.add_facet_field("facet", FacetOptions::default());
    let hours = builder.add_f64_field("hours", INDEXED | FAST | STORED);
    let cost = builder.add_f64_field("cost_eur", INDEXED | FAST | STORED);
    let eqf = builder.add_u64_field("eqf_level", INDEXED | FAST | STORED);
    let first_start = builder.add_u64_field("first_start", FAST);
    let starts = builder.add_i64_field("starts", INDEXED | FAST);
    let self_paced = builder.add_u64_field("self_paced", INDEXED);
    let fields = BiteFields {
        id,
        text,
        skill_outcome,
        skill_prerequisite,
        facet,
        hours,
        cost,
        eqf,
        first_start,
        starts,
        self_paced,
    };
    (builder.build(), fields)
}

pub(super) fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// Creates an empty bite index in `directory` (or in RAM).
pub(crate) fn create_index(directory: Option<&std::path::Path>) -> Result<Index, IndexError> {
    analysis::create_index(directory, schema().0)
}
