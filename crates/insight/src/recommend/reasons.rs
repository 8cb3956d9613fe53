//! Why a target or a bite is recommended, in plain words, in Estonian,
//! Russian or English (any other language gets English, as titles fall
//! back to English). Numbers take the right form of the word after them:
//! Estonian uses the singular nominative after 1 and the partitive after
//! any other number ("1 tund", "8 tundi"); Russian has three forms chosen by
//! the last digits ("1 час", "2 часа", "5 часов", "21 час") and a separate
//! genitive after "около" and "из". The learner is addressed as "sina" in
//! Estonian and "вы" in Russian, as on the web page.
//!
//! Pure: facts in, a sentence out.

/// The languages reasons are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonLang {
    /// Estonian.
    Et,
    /// Russian.
    Ru,
    /// English (also for any other language asked).
    En,
}

impl ReasonLang {
    /// The language for a request's `lang`.
    pub fn of(lang: &str) -> Self {
        match lang {
            "et" => Self::Et,
            "ru" => Self::Ru,
            _ => Self::En,
        }
    }
}

/// What a target's reason says.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetFacts<'a> {
    /// Requirements met already.
    pub met: usize,
    /// All requirements.
    pub n_required: usize,
    /// Hours and cost of the best path, when there is one.
    pub path: Option<(f64, f64)>,
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

/// Russian: the form of a noun after the number `n` (nominative or
/// accusative of inanimate nouns): `one` after 1, 21, 31…; `few` after
/// 2–4, 22–24…; `many` after 0, 5–20, 25–30, 11–14….
fn ru_form<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.unsigned_abs();
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

/// Russian genitive after "около" / "из": singular after 1, 21, 31…
/// (except 11), plural otherwise.
fn ru_genitive<'a>(n: i64, singular: &'a str, plural: &'a str) -> &'a str {
    let n = n.unsigned_abs();
    if n % 10 == 1 && n % 100 != 11 {
        singular
    } else {
        plural
    }
}

/// Estonian: nominative singular after 1, partitive singular otherwise.
fn et_form<'a>(n: i64, one: &'a str, other: &'a str) -> &'a str {
    if n == 1 { one } else { other }
}

/// English: singular after 1.
fn en_form<'a>(n: i64, one: &'a str, other: &'a str) -> &'a str {
    if n == 1 { one } else { other }
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
    let (met, n) = (facts.met as i64, facts.n_required as i64);
    parts.push(match (lang, met > 0) {
        (ReasonLang::En, true) => format!(
            "you already meet {met} of its {n} {}",
            en_form(n, "requirement", "requirements")
        ),
        (ReasonLang::En, false) => {
            format!("{n} {} to learn", en_form(n, "requirement", "requirements"))
        }
        (ReasonLang::Et, true) => format!(
            "sul on juba täidetud {met} {} {n}-st",
            et_form(met, "nõue", "nõuet")
        ),
        (ReasonLang::Et, false) => format!("õppida on {n} {}", et_form(n, "nõue", "nõuet")),
        (ReasonLang::Ru, true) => format!(
            "вы уже выполняете {met} из {n} {}",
            ru_genitive(n, "требования", "требований")
        ),
        (ReasonLang::Ru, false) => format!(
            "нужно освоить {n} {}",
            ru_form(n, "требование", "требования", "требований")
        ),
    });
    match facts.path {
        Some((h, c)) => {
            let (h, free, c) = (hours(h), c <= 0.0, euros(c));
            parts.push(match lang {
                ReasonLang::En => format!(
                    "the shortest path takes {h} {}{}",
                    en_form(h, "hour", "hours"),
                    if free {
                        " and is free for you".to_string()
                    } else {
                        format!(" and costs you {c} EUR")
                    }
                ),
                ReasonLang::Et => format!(
                    "lühim tee võtab aega {h} {}{}",
                    et_form(h, "tund", "tundi"),
                    if free {
                        " ja on sulle tasuta".to_string()
                    } else {
                        format!(" ja maksab sulle {c} {}", et_form(c, "euro", "eurot"))
                    }
                ),
                ReasonLang::Ru => format!(
                    "самый короткий путь займёт {h} {}{}",
                    ru_form(h, "час", "часа", "часов"),
                    if free {
                        " и для вас бесплатен".to_string()
                    } else {
                        format!(" и обойдётся вам в {c} евро")
                    }
                ),
            });
        }
        None => {
            let (h, c) = (hours(facts.estimate.0), euros(facts.estimate.1));
            parts.push(match lang {
                ReasonLang::En => format!(
                    "no complete path fits your constraints (about {h} {}, {c} EUR estimated)",
                    en_form(h, "hour", "hours")
                ),
                ReasonLang::Et => format!(
                    "ükski terviklik tee ei sobi sinu tingimustega (hinnanguliselt umbes {h} {} ja {c} {})",
                    et_form(h, "tund", "tundi"),
                    et_form(c, "euro", "eurot")
                ),
                ReasonLang::Ru => format!(
                    "ни один полный путь не подходит под ваши условия (по оценке около {h} {} и {c} евро)",
                    ru_genitive(h, "часа", "часов")
                ),
            });
        }
    }
    if let Some(clause) = facts.demand {
        parts.push(clause.to_string());
    }
    if facts.transfers {
        parts.push(
            match lang {
                ReasonLang::En => "your skills carry over well",
                ReasonLang::Et => "sinu oskustest on siin palju kasu",
                ReasonLang::Ru => "ваши навыки здесь хорошо пригодятся",
            }
            .to_string(),
        );
    }
    if let Some(eqf) = facts.suits_education {
        parts.push(match lang {
            ReasonLang::En => format!("EQF level {eqf} suits your education"),
            ReasonLang::Et => format!("EKR {eqf}. tase sobib sinu haridusega"),
            ReasonLang::Ru => format!("уровень EQF {eqf} соответствует вашему образованию"),
        });
    }
    sentence(parts)
}

/// The reason for a recommended next bite.
pub fn bite_reason(lang: ReasonLang, facts: &BiteFacts) -> String {
    let mut parts = Vec::new();
    let covered = facts.covered as i64;
    if covered > 0 {
        parts.push(match lang {
            ReasonLang::En => format!(
                "it meets {covered} {} of the goals above",
                en_form(covered, "requirement", "requirements")
            ),
            ReasonLang::Et => format!(
                "täidab ülaltoodud eesmärkide {covered} {}",
                et_form(covered, "nõude", "nõuet")
            ),
            ReasonLang::Ru => format!(
                "закрывает {covered} {} целей выше",
                ru_form(covered, "требование", "требования", "требований")
            ),
        });
    }
    let h = hours(facts.hours);
    parts.push(match lang {
        ReasonLang::En => format!("{h} {}", en_form(h, "hour", "hours")),
        ReasonLang::Et => format!("{h} {}", et_form(h, "tund", "tundi")),
        ReasonLang::Ru => format!("{h} {}", ru_form(h, "час", "часа", "часов")),
    });
    let c = euros(facts.cost);
    parts.push(match (lang, facts.cost <= 0.0) {
        (ReasonLang::En, true) => "free for you".to_string(),
        (ReasonLang::En, false) => format!("{c} EUR"),
        (ReasonLang::Et, true) => "sulle tasuta".to_string(),
        (ReasonLang::Et, false) => format!("{c} {}", et_form(c, "euro", "eurot")),
        (ReasonLang::Ru, true) => "для вас бесплатно".to_string(),
        (ReasonLang::Ru, false) => format!("{c} евро"),
    });
    parts.push(
        match (lang, facts.entry) {
            (ReasonLang::En, true) => "a short, free entry step you can start now",
            (ReasonLang::En, false) => "you can start it now",
            (ReasonLang::Et, true) => "lühike tasuta esimene samm, mida saad kohe alustada",
            (ReasonLang::Et, false) => "saad sellega kohe alustada",
            (ReasonLang::Ru, true) => "короткий бесплатный первый шаг, который можно начать сразу",
            (ReasonLang::Ru, false) => "можно начать сразу",
        }
        .to_string(),
    );
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
            estimate: (21.0, 1.0),
            demand: Some(
                "about 20 job postings for this occupation expected in Jan 2027 – Jun 2027",
            ),
            transfers: true,
            suits_education: Some(4),
        }
    }

    #[test]
    fn russian_numerals_take_the_right_form() {
        let check = |n: i64, expected: &str| {
            assert_eq!(ru_form(n, "час", "часа", "часов"), expected, "{n}");
        };
        for (n, form) in [
            (0, "часов"),
            (1, "час"),
            (2, "часа"),
            (4, "часа"),
            (5, "часов"),
            (11, "часов"),
            (12, "часов"),
            (14, "часов"),
            (21, "час"),
            (22, "часа"),
            (25, "часов"),
            (101, "час"),
            (111, "часов"),
            (112, "часов"),
            (122, "часа"),
        ] {
            check(n, form);
        }
        assert_eq!(ru_genitive(1, "часа", "часов"), "часа");
        assert_eq!(ru_genitive(21, "часа", "часов"), "часа");
        assert_eq!(ru_genitive(11, "часа", "часов"), "часов");
        assert_eq!(ru_genitive(3, "часа", "часов"), "часов");
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
