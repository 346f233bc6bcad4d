//! Multigenerational teams (issue 5, in progress): so far the pure team
//! optimiser (sizes, team scores, the max–min search) and its tests.
pub mod domain;
