//! What must recommendations know of labour-market demand? Demand for a
//! skill or an occupation in a region, and the occupations most in demand
//! ([`DemandLookup`]), answered by the demand module's `Demand` or by
//! nothing at all ([`NoDemand`]).

use oppepala_core::domain::{DemandFigure, OccupationUri, Region, SkillUri};

/// What recommendations need to know of labour-market demand. The demand
/// module's `Demand` implements it (below); [`NoDemand`] knows nothing (tests).
pub trait DemandLookup: Send + Sync {
    /// Demand for a skill in a region.
    fn skill(&self, skill: &SkillUri, region: Option<&Region>) -> Option<DemandFigure>;
    /// Demand for an occupation in a region.
    fn occupation(
        &self,
        occupation: &OccupationUri,
        region: Option<&Region>,
    ) -> Option<DemandFigure>;
    /// Occupations by expected postings in the region, best first.
    fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
    ) -> Vec<(OccupationUri, DemandFigure)>;
}

/// No demand data: every lookup is empty (ranking then rests on the other features).
pub struct NoDemand;

impl DemandLookup for NoDemand {
    fn skill(&self, _: &SkillUri, _: Option<&Region>) -> Option<DemandFigure> {
        None
    }
    fn occupation(&self, _: &OccupationUri, _: Option<&Region>) -> Option<DemandFigure> {
        None
    }
    fn top_occupations(&self, _: Option<&Region>, _: usize) -> Vec<(OccupationUri, DemandFigure)> {
        Vec::new()
    }
}

impl DemandLookup for crate::demand::Demand {
    fn skill(&self, skill: &SkillUri, region: Option<&Region>) -> Option<DemandFigure> {
        crate::demand::Demand::skill(self, skill, region)
    }
    fn occupation(
        &self,
        occupation: &OccupationUri,
        region: Option<&Region>,
    ) -> Option<DemandFigure> {
        crate::demand::Demand::occupation(self, occupation, region)
    }
    fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
    ) -> Vec<(OccupationUri, DemandFigure)> {
        crate::demand::Demand::top_occupations(self, region, n)
    }
}
