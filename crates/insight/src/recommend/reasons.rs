//! Why a target or a bite is recommended, in plain words, in Estonian,
//! Russian or English (any other language gets English, as titles fall
//! back to English), from the message catalogue (`oppepala_core::text`,
//! the `recommend-…` messages): numbers take the right form of the word
//! after them by the language's plural rules ("1 tund", "8 tundi"; "1 час",
//! "2 часа", "5 часов", "21 час", and the genitive after "около" and "из").
//! The learner is addressed as "sina" in Estonian and "вы" in Russian, as
//! on the web page.
//!
//! Pure: facts in, a sentence out.

use oppepala_core::text::Lang;
use oppepala_core::tr;

/// The languages reasons are written in: the catalogue's.
pub type ReasonLang = Lang;

/// What a target's reason says.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetFacts<'a> {
    /// Requirements met already.
    pub met: usize,
    /// All requirements.
    pub n_required: usize,
    /// Hours and cost of the best path, when there is one.
    pub path: Option<(f64, f64)>,
    /// Missing skills the best path meets, and how many are missing, said
    /// when the path does not meet them all.
    pub path_meets: Option<(u32, u32)>,
    /// The cheap estimate of hours and cost, said when there is no path.
    pub estimate: (f64, f64),
    /// The demand clause in the reason's language (`DemandFigure::clause`:
    /// dated, rounded, saying when the data are old or illustrative).
    pub demand: Option<&'a str>,
    /// Whether the learner's skills carry over well.
    pub transfers: bool,
    /// The target's EQF level, said when it suits the learner's education.
    pub suits_education: Option<u8>,
}

/// What a next bite's reason says.
#[derive(Clone, Debug, PartialEq)]
pub struct BiteFacts {
    /// Open requirements of the recommended targets it meets.
    pub covered: usize,
    /// Its workload.
    pub hours: f64,
    /// Its cost for the learner after funding.
    pub cost: f64,
    /// Whether it is the short, free entry step of a low-qualified learner.
    pub entry: bool,
}

/// A whole number of hours, as shown.
fn hours(h: f64) -> i64 {
    h.max(0.0).round() as i64
}

/// A whole number of euros, as shown.
fn euros(c: f64) -> i64 {
    c.max(0.0).round_ties_even() as i64
}

fn sentence(parts: Vec<String>) -> String {
    let joined = parts.join("; ");
    let mut chars = joined.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    out.push('.');
    out
}

/// The reason for a recommended target.
pub fn target_reason(lang: ReasonLang, facts: &TargetFacts<'_>) -> String {
    let mut parts = Vec::new();
    let (met, n) = (facts.met, facts.n_required);
    parts.push(if met > 0 {
        tr!(lang, "recommend-met", met = met, n = n)
    } else {
        tr!(lang, "recommend-to-learn", n = n)
    });
    match facts.path {
        Some((h, c)) => {
            let (h, free, c) = (hours(h), c <= 0.0, euros(c));
            parts.push(if free {
                tr!(lang, "recommend-path-free", h = h)
            } else {
                tr!(lang, "recommend-path-cost", h = h, c = c)
            });
            if let Some((met, of)) = facts.path_meets
                && met < of
            {
                parts.push(tr!(lang, "recommend-path-meets", met = met, of = of));
            }
        }
        None => {
            let (h, c) = (hours(facts.estimate.0), euros(facts.estimate.1));
            parts.push(tr!(lang, "recommend-no-path", h = h, c = c));
        }
    }
    if let Some(clause) = facts.demand {
        parts.push(clause.to_string());
    }
    if facts.transfers {
        parts.push(tr!(lang, "recommend-transfers"));
    }
    if let Some(eqf) = facts.suits_education {
        parts.push(tr!(lang, "recommend-suits-education", eqf = eqf));
    }
    sentence(parts)
}

/// The reason for a recommended next bite.
pub fn bite_reason(lang: ReasonLang, facts: &BiteFacts) -> String {
    let mut parts = Vec::new();
    if facts.covered > 0 {
        parts.push(tr!(lang, "recommend-bite-covers", n = facts.covered));
    }
    parts.push(tr!(lang, "unit-hours", n = hours(facts.hours)));
    parts.push(if facts.cost <= 0.0 {
        tr!(lang, "recommend-bite-free")
    } else {
        tr!(lang, "recommend-bite-cost", c = euros(facts.cost))
    });
    parts.push(if facts.entry {
        tr!(lang, "recommend-bite-entry")
    } else {
        tr!(lang, "recommend-bite-start")
    });
    sentence(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(met: usize, path: Option<(f64, f64)>) -> TargetFacts<'static> {
        TargetFacts {
            met,
            n_required: 5,
            path,
            path_meets: None,
            estimate: (21.0, 1.0),
            demand: Some(
                "about 20 job postings for this occupation expected in Jan 2027 – Jun 2027",
            ),
            transfers: true,
            suits_education: Some(4),
        }
    }

    #[test]
    fn target_reasons_in_each_language() {
        let check = |lang, facts: &TargetFacts<'_>, expected: &str| {
            assert_eq!(target_reason(lang, facts), expected);
        };
        let with_path = facts(2, Some((44.0, 0.0)));
        check(
            ReasonLang::En,
            &with_path,
            "You already meet 2 of its 5 requirements; the shortest path takes 44 hours and is free for you; about 20 job postings for this occupation expected in Jan 2027 – Jun 2027; your skills carry over well; EQF level 4 suits your education.",
        );
        check(
            ReasonLang::Et,
            &with_path,
            "Sul on juba täidetud 2 nõuet 5-st; lühim tee võtab aega 44 tundi ja on sulle tasuta; about 20 job postings for this occupation expected in Jan 2027 – Jun 2027; sinu oskustest on siin palju kasu; EKR 4. tase sobib sinu haridusega.",
        );
        check(
            ReasonLang::Ru,
            &with_path,
            "Вы уже выполняете 2 из 5 требований; самый короткий путь займёт 44 часа и для вас бесплатен; about 20 job postings for this occupation expected in Jan 2027 – Jun 2027; ваши навыки здесь хорошо пригодятся; уровень EQF 4 соответствует вашему образованию.",
        );
        let one = TargetFacts {
            met: 1,
            n_required: 21,
            path: Some((1.0, 1.0)),
            demand: Some(
                "fewer than 5 job postings for this occupation expected in Jan 2027 – Jun 2027",
            ),
            transfers: false,
            suits_education: None,
            ..facts(1, None)
        };
        check(
            ReasonLang::En,
            &one,
            "You already meet 1 of its 21 requirements; the shortest path takes 1 hour and costs you 1 EUR; fewer than 5 job postings for this occupation expected in Jan 2027 – Jun 2027.",
        );
        check(
            ReasonLang::Et,
            &one,
            "Sul on juba täidetud 1 nõue 21-st; lühim tee võtab aega 1 tund ja maksab sulle 1 euro; fewer than 5 job postings for this occupation expected in Jan 2027 – Jun 2027.",
        );
        check(
            ReasonLang::Ru,
            &one,
            "Вы уже выполняете 1 из 21 требования; самый короткий путь займёт 1 час и обойдётся вам в 1 евро; fewer than 5 job postings for this occupation expected in Jan 2027 – Jun 2027.",
        );
        let none = TargetFacts {
            demand: None,
            transfers: false,
            suits_education: None,
            ..facts(0, None)
        };
        check(
            ReasonLang::En,
            &none,
            "5 requirements to learn; no complete path fits your constraints (about 21 hours, 1 EUR estimated).",
        );
        check(
            ReasonLang::Et,
            &none,
            "Õppida on 5 nõuet; ükski terviklik tee ei sobi sinu tingimustega (hinnanguliselt umbes 21 tundi ja 1 euro).",
        );
        check(
            ReasonLang::Ru,
            &none,
            "Нужно освоить 5 требований; ни один полный путь не подходит под ваши условия (по оценке около 21 часа и 1 евро).",
        );
        let two = TargetFacts {
            n_required: 2,
            ..none.clone()
        };
        assert!(target_reason(ReasonLang::Ru, &two).starts_with("Нужно освоить 2 требования;"));
        assert!(target_reason(ReasonLang::Et, &two).starts_with("Õppida on 2 nõuet;"));
    }

    #[test]
    fn bite_reasons_in_each_language() {
        let entry = BiteFacts {
            covered: 2,
            hours: 8.0,
            cost: 0.0,
            entry: true,
        };
        assert_eq!(
            bite_reason(ReasonLang::En, &entry),
            "It meets 2 requirements of the goals above; 8 hours; free for you; a short, free entry step you can start now."
        );
        assert_eq!(
            bite_reason(ReasonLang::Et, &entry),
            "Täidab ülaltoodud eesmärkide 2 nõuet; 8 tundi; sulle tasuta; lühike tasuta esimene samm, mida saad kohe alustada."
        );
        assert_eq!(
            bite_reason(ReasonLang::Ru, &entry),
            "Закрывает 2 требования целей выше; 8 часов; для вас бесплатно; короткий бесплатный первый шаг, который можно начать сразу."
        );
        let paid = BiteFacts {
            covered: 1,
            hours: 21.0,
            cost: 120.0,
            entry: false,
        };
        assert_eq!(
            bite_reason(ReasonLang::En, &paid),
            "It meets 1 requirement of the goals above; 21 hours; 120 EUR; you can start it now."
        );
        assert_eq!(
            bite_reason(ReasonLang::Et, &paid),
            "Täidab ülaltoodud eesmärkide 1 nõude; 21 tundi; 120 eurot; saad sellega kohe alustada."
        );
        assert_eq!(
            bite_reason(ReasonLang::Ru, &paid),
            "Закрывает 1 требование целей выше; 21 час; 120 евро; можно начать сразу."
        );
        let plain = BiteFacts {
            covered: 0,
            hours: 3.0,
            cost: 0.0,
            entry: false,
        };
        assert_eq!(
            bite_reason(ReasonLang::Ru, &plain),
            "3 часа; для вас бесплатно; можно начать сразу."
        );
        assert_eq!(ReasonLang::of("lv"), ReasonLang::En);
    }
}
