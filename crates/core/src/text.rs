//! Every sentence a person reads, in Estonian, Russian or English: one
//! Fluent catalogue per language (`messages/{et,ru,en}.ftl`, compiled in),
//! shared by the planner's explanations, the recommendations' reasons, the
//! demand notes, the API's problem documents and the command line.
//!
//! A message is named by its id and filled with named arguments; numbers
//! choose the right form of the word after them by the language's plural
//! rules (CLDR, through Fluent: "1 kursus" / "2 kursust", "1 курс" /
//! "2 курса" / "5 курсов") and are written with a decimal comma in Estonian
//! and Russian. The tests below fail when a message lacks a language, when
//! the languages disagree on a message's arguments, and when code names an
//! id that no catalogue has.
//!
//! Machine-readable codes (ids, enum values in JSON) stay codes; this
//! module only makes the words beside them. Any language other than `et`
//! and `ru` is answered in English.
//!
//! Pure: no IO after the catalogues are parsed on first use.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The languages answers are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Estonian.
    Et,
    /// Russian.
    Ru,
    /// English (also for any other language asked).
    En,
}

impl Lang {
    /// Every language with a catalogue.
    pub const ALL: [Lang; 3] = [Lang::Et, Lang::Ru, Lang::En];

    /// The language for a request's `lang` code; English for any other.
    pub fn of(code: &str) -> Self {
        match code {
            "et" => Self::Et,
            "ru" => Self::Ru,
            _ => Self::En,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Et => "et",
            Self::Ru => "ru",
            Self::En => "en",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Self::Et => include_str!("../messages/et.ftl"),
            Self::Ru => include_str!("../messages/ru.ftl"),
            Self::En => include_str!("../messages/en.ftl"),
        }
    }

    fn index(self) -> usize {
        match self {
            Self::Et => 0,
            Self::Ru => 1,
            Self::En => 2,
        }
    }
}

/// One argument of a message: a number (which also picks plural forms)
/// or a text.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    /// A number, shown as given (round it first to what the data support).
    Num(f64),
    /// A text, shown as given.
    Str(Cow<'a, str>),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(value))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(value: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(value))
    }
}

impl From<String> for Arg<'_> {
    fn from(value: String) -> Self {
        Arg::Str(Cow::Owned(value))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(value: $t) -> Self {
                Arg::Num(value as f64)
            }
        }
    )*};
}
number_args!(f64, f32, usize, u8, u16, u32, u64, i32, i64);

/// The message `id` in `lang`, filled with `args`.
///
/// An id no catalogue has gives the id itself (the tests make sure no code
/// names one); an argument the message needs but is not given shows as its
/// name in braces.
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let bundle = &bundles()[lang.index()];
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.as_ref())),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// `text` with the arguments written as `name = value`:
/// `tr!(lang, "unit-hours", n = 12)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text::text(
            $lang,
            $id,
            &[$((stringify!($name), $crate::text::Arg::from($value))),*],
        )
    };
}

/// A number as the language writes it: a decimal comma in Estonian and
/// Russian, at most `decimals` places, no trailing zeros.
pub fn number(lang: Lang, value: f64, decimals: usize) -> String {
    let mut s = format!("{value:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    if s == "-0" {
        s = "0".to_owned();
    }
    match lang {
        Lang::En => s,
        Lang::Et | Lang::Ru => s.replace('.', ","),
    }
}

fn comma_numbers<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(n.as_string().replace('.', ",")),
        _ => None,
    }
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 3] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(bundle))
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("a valid language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    if lang != Lang::En {
        bundle.set_formatter(Some(comma_numbers));
    }
    let resource = FluentResource::try_new(lang.source().to_owned())
        .unwrap_or_else(|(_, errors)| panic!("messages/{}.ftl: {errors:?}", lang.code()));
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("messages/{}.ftl: {errors:?}", lang.code()));
    bundle
}

/// The ids of every message of a language's catalogue, in file order.
pub fn ids(lang: Lang) -> Vec<String> {
    let resource = FluentResource::try_new(lang.source().to_owned())
        .unwrap_or_else(|(_, errors)| panic!("messages/{}.ftl: {errors:?}", lang.code()));
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

    /// The variables a message names, in any variant.
    fn variables(lang: Lang, id: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap();
        let mut found = BTreeSet::new();
        for entry in resource.entries() {
            if let Entry::Message(m) = entry
                && m.id.name == id
            {
                if let Some(pattern) = &m.value {
                    in_pattern(pattern, &mut found);
                }
                for attribute in &m.attributes {
                    in_pattern(&attribute.value, &mut found);
                }
            }
        }
        found
    }

    fn in_pattern(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                in_expression(expression, found);
            }
        }
    }

    fn in_expression(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
        match expression {
            Expression::Select { selector, variants } => {
                in_inline(selector, found);
                for variant in variants {
                    in_pattern(&variant.value, found);
                }
            }
            Expression::Inline(inline) => in_inline(inline, found),
        }
    }

    fn in_inline(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
        match inline {
            InlineExpression::VariableReference { id } => {
                found.insert(id.name.to_owned());
            }
            InlineExpression::Placeable { expression } => in_expression(expression, found),
            InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    in_inline(argument, found);
                }
                for argument in &arguments.named {
                    in_inline(&argument.value, found);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_message_is_in_every_language_with_the_same_arguments() {
        let en: BTreeSet<String> = ids(Lang::En).into_iter().collect();
        assert!(!en.is_empty());
        for lang in Lang::ALL {
            let ids: Vec<String> = ids(lang);
            let set: BTreeSet<String> = ids.iter().cloned().collect();
            assert_eq!(set.len(), ids.len(), "{}: an id given twice", lang.code());
            let missing: Vec<_> = en.difference(&set).collect();
            let extra: Vec<_> = set.difference(&en).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(
                extra.is_empty(),
                "{} has {extra:?} that en lacks",
                lang.code()
            );
            for id in &en {
                assert_eq!(
                    variables(lang, id),
                    variables(Lang::En, id),
                    "{}: {id} has other arguments than en",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn numbers_choose_the_plural_form() {
        assert_eq!(tr!(Lang::Et, "unit-courses", n = 1), "1 kursus");
        assert_eq!(tr!(Lang::Et, "unit-courses", n = 2), "2 kursust");
        assert_eq!(tr!(Lang::Ru, "unit-courses", n = 1), "1 курс");
        assert_eq!(tr!(Lang::Ru, "unit-courses", n = 3), "3 курса");
        assert_eq!(tr!(Lang::Ru, "unit-courses", n = 5), "5 курсов");
        assert_eq!(tr!(Lang::Ru, "unit-courses", n = 21), "21 курс");
        assert_eq!(tr!(Lang::Ru, "unit-courses", n = 11), "11 курсов");
        assert_eq!(tr!(Lang::En, "unit-courses", n = 1), "1 course");
        assert_eq!(tr!(Lang::En, "unit-courses", n = 7), "7 courses");
        assert_eq!(tr!(Lang::Et, "unit-hours", n = 12.5), "12,5 tundi");
        assert_eq!(tr!(Lang::Ru, "unit-hours", n = 1.5), "1,5 часа");
        assert_eq!(tr!(Lang::En, "unit-hours", n = 12.5), "12.5 hours");
    }

    #[test]
    fn numbers_are_written_as_the_language_writes_them() {
        assert_eq!(number(Lang::Et, 12.345, 1), "12,3");
        assert_eq!(number(Lang::Ru, 12.0, 1), "12");
        assert_eq!(number(Lang::En, 0.04, 1), "0");
        assert_eq!(number(Lang::En, 7.25, 2), "7.25");
    }

    #[test]
    fn an_unknown_language_gets_english_and_an_unknown_id_itself() {
        assert_eq!(Lang::of("de"), Lang::En);
        assert_eq!(text(Lang::Et, "no-such-message", &[]), "no-such-message");
    }
}
