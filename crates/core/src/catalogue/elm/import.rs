//! What does an ELM import take, and what does it give back? The choices
//! for values a document may not carry, and the bites, micro-qualifications,
//! notes and problems one document mapped to.

use crate::catalogue::{Problem, Sourced};
use crate::domain::{Bite, EqfLevel, Qualification, Region};

/// Choices for values a document may not carry.
#[derive(Clone, Debug, Default)]
pub struct ElmOptions {
    /// Prefix for the ids made from document ids.
    pub id_prefix: String,
    /// EQF level for specifications that give none.
    pub default_eqf: Option<EqfLevel>,
    /// County for onsite and blended bites whose location is not an ISO 3166-2 code.
    pub default_region: Option<Region>,
}

/// What one document mapped to.
#[derive(Debug, Default)]
pub struct ElmImport {
    /// Bites, one per learning specification or opportunity.
    pub bites: Vec<Sourced<Bite>>,
    /// Micro-qualifications, one per micro-credential.
    pub qualifications: Vec<Sourced<Qualification>>,
    /// What was assumed or left out, for people.
    pub notes: Vec<String>,
    /// What stopped a specification from being mapped.
    pub problems: Vec<Problem>,
}
