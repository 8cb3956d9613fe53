//! How is demand told to the learner? The region's name, a plain sentence
//! on a skill's demand in their language, and the gap's demand and the
//! paths' explanations annotated with it.

use oppepala_core::domain::{DemandFigure, Region};

use super::build::Demand;

/// The region's name in `lang` (et, ru; English otherwise).
pub fn region_name_in(region: Option<&Region>, lang: &str) -> String {
    oppepala_core::domain::county::region_name(region, lang)
}

/// "Harju county" for EE-37; the code for other regions; "Estonia" for none.
pub fn region_name(region: Option<&Region>) -> String {
    region_name_in(region, "en")
}

/// A plain sentence on a skill's demand figure in `lang` (et, ru; English
/// otherwise): "Employers in Harju county are expected to post about 340
/// jobs needing this in the next 6 months."
pub fn sentence(figure: &DemandFigure, lang: &str) -> String {
    {
        let illustrative = figure.source.starts_with("illustrative");
        let region = region_name_in(figure.region.as_ref(), lang);
        let count = round_count(figure.expected);
        let months = figure.horizon_months;
        match lang {
            "et" => format!(
                "{region}: järgmise {months} kuu jooksul oodatakse umbes {count} töökuulutust, mis seda oskust nõuavad{}.",
                if illustrative {
                    " (näitlikud andmed)"
                } else {
                    ""
                }
            ),
            "ru" => format!(
                "{region}: в ближайшие {months} мес. ожидается около {count} вакансий, где нужен этот навык{}.",
                if illustrative {
                    " (иллюстративные данные)"
                } else {
                    ""
                }
            ),
            _ => format!(
                "Employers in {region} are expected to post about {count} {} needing this in the next {months} months{}.",
                if figure.unit == "postings" {
                    "jobs"
                } else {
                    figure.unit.as_str()
                },
                if illustrative {
                    " (illustrative data)"
                } else {
                    ""
                }
            ),
        }
    }
}

fn round_count(x: f64) -> String {
    if x >= 100.0 {
        format!("{}", ((x / 10.0).round() * 10.0) as i64)
    } else if x >= 10.0 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

impl Demand {
    /// Fills in the demand of each gap item in `region` (the learner's
    /// county; the whole country when none, or when no series of the
    /// county covers the skill — the answer's `region` then says so).
    pub fn annotate_gap(
        &self,
        items: &mut [oppepala_core::planner::GapItem],
        region: Option<&Region>,
    ) {
        for item in items {
            item.demand = region
                .and_then(|r| self.skill(&item.skill, Some(r)))
                .or_else(|| self.skill(&item.skill, None));
        }
    }

    /// Fills in the gap's demand and appends to each path's explanation a
    /// sentence on the missing skill most in demand (in `lang`).
    pub fn annotate_answer(
        &self,
        answer: &mut oppepala_core::planner::PlanAnswer,
        region: Option<&Region>,
        lang: &str,
    ) {
        self.annotate_gap(&mut answer.gap, region);
        let Some((item, demand)) = answer
            .gap
            .iter()
            .filter_map(|item| item.demand.as_ref().map(|d| (item, d)))
            .max_by(|a, b| a.1.expected.total_cmp(&b.1.expected))
        else {
            return;
        };
        let note = match lang {
            "et" => format!(
                " Puuduvatest oskustest on kõige nõutum „{}“. {}",
                item.label,
                sentence(demand, lang)
            ),
            "ru" => format!(
                " Из недостающих навыков больше всего востребован «{}». {}",
                item.label,
                sentence(demand, lang)
            ),
            _ => format!(
                " Of the missing skills, \"{}\" is the most in demand. {}",
                item.label,
                sentence(demand, lang)
            ),
        };
        for path in &mut answer.paths {
            path.explanation.push_str(&note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demand::canonical_region;

    fn demand(region: Option<&str>, expected: f64, source: &str) -> DemandFigure {
        DemandFigure {
            score: 0.5,
            expected,
            horizon_months: 6,
            unit: "postings".into(),
            region: region.map(|r| Region::new(r).unwrap()),
            source: source.into(),
            as_of: "2024-12".into(),
        }
    }

    #[test]
    fn sentences_name_the_county_and_round_the_count() {
        assert_eq!(
            sentence(&demand(Some("EE-37"), 338.2, "EUIF"), "en"),
            "Employers in Harju county are expected to post about 340 jobs needing this in the next 6 months."
        );
        assert_eq!(
            sentence(&demand(Some("EE-79"), 12.4, "illustrative: x"), "et"),
            "Tartumaa: järgmise 6 kuu jooksul oodatakse umbes 12 töökuulutust, mis seda oskust nõuavad (näitlikud andmed)."
        );
        assert!(
            sentence(&demand(None, 2.04, "EUIF"), "ru")
                .starts_with("Эстония: в ближайшие 6 мес. ожидается около 2.0 вакансий")
        );
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
