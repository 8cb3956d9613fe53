//! What must recommendations know of labour-market demand? Demand for a
//! skill or an occupation in a region, and the occupations most in demand
//! ([`DemandLookup`]), answered by the demand module's `Demand` or by
//! nothing at all ([`NoDemand`]).

use oppepala_core::domain::{DemandFigure, OccupationUri, Region, SkillUri};
use oppepala_core::text::Lang;

use crate::demand::YearMonth;

/// What recommendations need to know of labour-market demand: figures for
/// a planning month, told in a language. The demand module's `Demand`
/// implements it (below); [`NoDemand`] knows nothing (tests).
pub trait DemandLookup: Send + Sync {
    /// Demand for a skill in a region.
    fn skill(
        &self,
        skill: &SkillUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure>;
    /// Demand for an occupation in a region.
    fn occupation(
        &self,
        occupation: &OccupationUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure>;
    /// Occupations by expected postings in the region, best first.
    fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
        month: YearMonth,
        lang: Lang,
    ) -> Vec<(OccupationUri, DemandFigure)>;
}

/// No demand data: every lookup is empty (ranking then rests on the other features).
pub struct NoDemand;

impl DemandLookup for NoDemand {
    fn skill(
        &self,
        _: &SkillUri,
        _: Option<&Region>,
        _: YearMonth,
        _: Lang,
    ) -> Option<DemandFigure> {
        None
    }
    fn occupation(
        &self,
        _: &OccupationUri,
        _: Option<&Region>,
        _: YearMonth,
        _: Lang,
    ) -> Option<DemandFigure> {
        None
    }
    fn top_occupations(
        &self,
        _: Option<&Region>,
        _: usize,
        _: YearMonth,
        _: Lang,
    ) -> Vec<(OccupationUri, DemandFigure)> {
        Vec::new()
    }
}

impl DemandLookup for crate::demand::Demand {
    fn skill(
        &self,
        skill: &SkillUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure> {
        crate::demand::Demand::skill(self, skill, region, month, lang)
    }
    fn occupation(
        &self,
        occupation: &OccupationUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure> {
        crate::demand::Demand::occupation(self, occupation, region, month, lang)
    }
    fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
        month: YearMonth,
        lang: Lang,
    ) -> Vec<(OccupationUri, DemandFigure)> {
        crate::demand::Demand::top_occupations(self, region, n, month, lang)
    }
}
