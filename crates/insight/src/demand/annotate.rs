//! How is demand told to people? The region's name, a figure in words
//! ([`tell`]: what it counts, where, in which months, the likely range,
//! when the data end, whether they are old or illustrative), and the gap's
//! demand and the paths' explanations annotated with it. Every word comes
//! from the message catalogue (`demand-…` messages), in et, ru or en.

use oppepala_core::domain::{Counts, DemandFigure, FigureKind, Region};
use oppepala_core::text::Lang;
use oppepala_core::tr;

use super::build::Demand;
use super::signals::YearMonth;

/// The region's name in `lang` (et, ru; English otherwise).
pub fn region_name_in(region: Option<&Region>, lang: &str) -> String {
    oppepala_core::domain::county::region_name(region, lang)
}

/// "Harju county" for EE-37; the code for other regions; "Estonia" for none.
pub fn region_name(region: Option<&Region>) -> String {
    region_name_in(region, "en")
}

/// A month (`YYYY-MM`) as people read it: "Dec 2024", "dets 2024", "дек. 2024".
pub fn month_name(month: &str, lang: Lang) -> String {
    match YearMonth::parse(month) {
        Ok(m) => tr!(
            lang,
            "demand-month",
            month = m.month(),
            year = m.year().to_string()
        ),
        Err(_) => month.to_string(),
    }
}

fn yes(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn counts_code(counts: Counts) -> &'static str {
    match counts {
        Counts::Occupation | Counts::IscoGroupShare => "occupation",
        Counts::Skill => "skill",
        Counts::SkillSeries => "skill-series",
    }
}

fn kind_code(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Forecast => "forecast",
        FigureKind::Observed => "observed",
        FigureKind::LastKnown => "last-known",
    }
}

fn amount(lang: Lang, n: u32, fewer: bool, unit: &str) -> String {
    tr!(
        lang,
        "demand-amount",
        n = n,
        fewer = yes(fewer),
        unit = unit
    )
}

/// Fills in `figure.text`, `figure.clause` and `figure.source` in `lang`
/// from the figure's own fields.
pub fn tell(figure: &mut DemandFigure, lang: Lang) {
    let region = region_name_in(figure.region.as_ref(), lang.code());
    let period = tr!(
        lang,
        "demand-period",
        from = month_name(&figure.from, lang),
        to = month_name(&figure.to, lang)
    );
    let as_of = month_name(&figure.as_of, lang);
    let unit = figure.unit.as_str();
    let amount_text = amount(lang, figure.count, figure.fewer_than, unit);
    let kind = kind_code(figure.kind);
    // A range beside "fewer than 5" would quote what the count withholds.
    let range = if figure.kind == FigureKind::Forecast && !figure.fewer_than {
        tr!(
            lang,
            "demand-range",
            lower = figure.lower,
            upper = figure.upper
        )
    } else {
        String::new()
    };
    let mut sentences: Vec<String> = Vec::new();
    if figure.stale {
        sentences.push(tr!(
            lang,
            "demand-stale",
            as_of = as_of.as_str(),
            age = figure.age_months
        ));
    }
    sentences.push(tr!(
        lang,
        "demand-text",
        region = region.as_str(),
        period = period.as_str(),
        amount = amount_text.as_str(),
        what = tr!(lang, "demand-what", counts = counts_code(figure.counts)),
        kind = kind,
        range = range
    ));
    match figure.counts {
        Counts::IscoGroupShare => sentences.push(tr!(
            lang,
            "demand-group",
            group = figure.isco_group.as_deref().unwrap_or(""),
            // The group's postings are the share times the occupations sharing them.
            group_amount = amount(
                lang,
                figure.group_count.unwrap_or(0),
                figure.expected * f64::from(figure.group_occupations.unwrap_or(1)) < 5.0,
                unit
            ),
            occupations = figure.group_occupations.unwrap_or(1)
        )),
        Counts::Skill => sentences.push(tr!(
            lang,
            "demand-skill-occupations",
            occupations = figure.occupations.unwrap_or(0),
            weight = oppepala_core::text::number(
                lang,
                figure.optional_weight.unwrap_or(super::OPTIONAL_WEIGHT),
                2
            )
        )),
        Counts::Occupation | Counts::SkillSeries => {}
    }
    if !figure.stale {
        sentences.push(tr!(lang, "demand-data-end", as_of = as_of.as_str()));
    }
    if figure.illustrative {
        sentences.push(tr!(lang, "demand-illustrative"));
    }
    figure.text = sentences.join(" ");
    let clause_what = tr!(
        lang,
        "demand-clause-what",
        counts = counts_code(figure.counts)
    );
    figure.clause = if figure.stale {
        tr!(
            lang,
            "demand-clause-stale",
            as_of = as_of.as_str(),
            amount = amount_text.as_str(),
            what = clause_what,
            period = period.as_str(),
            illustrative = yes(figure.illustrative)
        )
    } else {
        tr!(
            lang,
            "demand-clause",
            amount = amount_text.as_str(),
            what = clause_what,
            kind = kind,
            period = period.as_str(),
            illustrative = yes(figure.illustrative)
        )
    };
    figure.source = if figure.illustrative {
        tr!(lang, "demand-source-illustrative")
    } else {
        figure.source_detail.join("; ")
    };
}

impl Demand {
    /// Fills in the demand of each gap item in `region` (the learner's
    /// county; the whole country when none, or when no series of the
    /// county covers the skill — the figure's `region` then says so) for
    /// planning month `month`, told in `lang`; an item without a figure
    /// gets the reason in `demand_missing`.
    pub fn annotate_gap(
        &self,
        items: &mut [oppepala_core::planner::GapItem],
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) {
        for item in items {
            item.demand = region
                .and_then(|r| self.skill(&item.skill, Some(r), month, lang))
                .or_else(|| self.skill(&item.skill, None, month, lang));
            item.demand_missing = match item.demand {
                Some(_) => None,
                None => Some(self.skill_missing(&item.skill, region, month, lang)),
            };
        }
    }

    /// Fills in the gap's demand and appends to each path's explanation a
    /// sentence on the missing skill most in demand (in `lang`).
    pub fn annotate_answer(
        &self,
        answer: &mut oppepala_core::planner::PlanAnswer,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) {
        self.annotate_gap(&mut answer.gap, region, month, lang);
        let Some((item, demand)) = answer
            .gap
            .iter()
            .filter_map(|item| item.demand.as_ref().map(|d| (item, d)))
            .max_by(|a, b| a.1.expected.total_cmp(&b.1.expected))
        else {
            return;
        };
        let note = format!(
            " {} {}",
            tr!(lang, "demand-most-wanted", skill = item.label.as_str()),
            demand.text
        );
        for path in &mut answer.paths {
            path.explanation.push_str(&note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demand::canonical_region;

    fn figure(region: Option<&str>, count: u32, kind: FigureKind, counts: Counts) -> DemandFigure {
        DemandFigure {
            score: 0.5,
            expected: count as f64,
            count,
            fewer_than: false,
            lower: count - 10,
            upper: count + 15,
            from: "2025-01".into(),
            to: "2025-06".into(),
            horizon_months: 6,
            kind,
            as_of: "2024-12".into(),
            age_months: 0,
            stale: kind == FigureKind::LastKnown,
            counts,
            isco_group: (counts == Counts::IscoGroupShare).then(|| "8344".into()),
            group_occupations: (counts == Counts::IscoGroupShare).then_some(17),
            group_count: (counts == Counts::IscoGroupShare).then_some(340),
            occupations: (counts == Counts::Skill).then_some(12),
            optional_weight: (counts == Counts::Skill).then_some(0.3),
            unit: "postings".into(),
            region: region.map(|r| Region::new(r).unwrap()),
            illustrative: true,
            source: String::new(),
            source_url: String::new(),
            source_detail: vec!["illustrative: x".into()],
            series: Vec::new(),
            text: String::new(),
            clause: String::new(),
        }
    }

    fn told(mut f: DemandFigure, lang: &str) -> DemandFigure {
        tell(&mut f, Lang::of(lang));
        f
    }

    #[test]
    fn figures_say_what_they_count_where_and_when() {
        let f = told(
            figure(Some("EE-44"), 30, FigureKind::Forecast, Counts::Skill),
            "en",
        );
        assert_eq!(
            f.text,
            "Ida-Viru county, Jan 2025 – Jun 2025: about 30 job postings for occupations that need this skill are expected (likely 20–45). 12 occupations add to it (where the skill is optional, at 0.3 of their postings). Data up to Dec 2024. Illustrative figures, not real job postings."
        );
        assert_eq!(
            f.clause,
            "about 30 job postings for occupations needing its most wanted skill expected in Jan 2025 – Jun 2025 (illustrative)"
        );
        let f = told(
            figure(
                Some("EE-44"),
                30,
                FigureKind::Forecast,
                Counts::IscoGroupShare,
            ),
            "et",
        );
        assert_eq!(
            f.text,
            "Ida-Virumaa, jaan 2025 – juuni 2025: oodatakse umbes 30 töökuulutust sellele ametialale (tõenäoliselt 20–45). See on võrdne osa ISCO rühma 8344 töökuulutustest (umbes 340 töökuulutust), mis jagunevad rühma 17 ametiala vahel. Andmed kuni dets 2024. Näitlikud arvud, mitte päris töökuulutused."
        );
        let mut old = figure(
            Some("EE-37"),
            120,
            FigureKind::LastKnown,
            Counts::Occupation,
        );
        old.from = "2024-07".into();
        old.to = "2024-12".into();
        old.age_months = 24;
        let f = told(old, "ru");
        assert_eq!(
            f.text,
            "Нет свежих данных: данные заканчиваются дек. 2024, за 24 месяца до дня планирования, слишком давно для прогноза. Последние известные: Харьюмаа, июль 2024 – дек. 2024: опубликовано около 120 вакансий по этой профессии. Иллюстративные цифры, не реальные вакансии."
        );
        assert!(
            f.clause
                .starts_with("нет свежих данных (данные заканчиваются дек. 2024)"),
            "{}",
            f.clause
        );
        assert!(!f.source.contains("gen_demand"), "{}", f.source);
    }

    #[test]
    fn county_codes_of_both_sets_are_one_county() {
        let new = Region::new("EE-45").unwrap();
        assert_eq!(canonical_region(&new).as_str(), "EE-44");
        assert_eq!(region_name(Some(&new)), "Ida-Viru county");
        let other = Region::new("LV-011").unwrap();
        assert_eq!(canonical_region(&other), other);
    }
}
