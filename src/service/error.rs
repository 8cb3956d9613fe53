//! What can go wrong in a use case, whoever asked: the HTTP layer turns
//! these into problem documents (`api::error`), the command line into an
//! error message naming the flag.

use crate::goal::GoalError;
use crate::index::IndexError;
use crate::planner::PlanError;

/// Why a use case could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// One field of the request is wrong (`lang`, `k`, …).
    #[error("{field}: {message}")]
    Field {
        /// The request field at fault.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The learner or the target is invalid or names unknown things.
    #[error(transparent)]
    Goal(#[from] GoalError),
    /// The planner could not plan.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The search refused the request.
    #[error(transparent)]
    Index(#[from] IndexError),
}

impl ServiceError {
    pub(super) fn field(field: &'static str, message: impl Into<String>) -> Self {
        Self::Field {
            field,
            message: message.into(),
        }
    }
}
