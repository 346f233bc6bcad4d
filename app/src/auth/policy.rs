//! Who may do what with a class: pure rules, no framework, tested as a table.
use super::model::Role;

/// How a person is attached to a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Facilitator,
    Evaluator,
    Participant,
}

impl Membership {
    pub fn code(self) -> &'static str {
        match self {
            Membership::Facilitator => "facilitator",
            Membership::Evaluator => "evaluator",
            Membership::Participant => "participant",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "facilitator" => Some(Membership::Facilitator),
            "evaluator" => Some(Membership::Evaluator),
            "participant" => Some(Membership::Participant),
            _ => None,
        }
    }
}

/// What the caller may do with one class, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClassAccess {
    None,
    /// Members see the class, its composition and names; no personal data.
    View,
    /// Facilitators of the class and admins manage it and see personal data.
    Manage,
}

/// Account roles and memberships are both needed: a facilitator account only
/// manages the classes it facilitates, and a membership of a deactivated role
/// grants nothing.
pub fn class_access(roles: &[Role], memberships: &[Membership]) -> ClassAccess {
    if roles.contains(&Role::Admin) {
        return ClassAccess::Manage;
    }
    let holds = |role: Role, member: Membership| roles.contains(&role) && memberships.contains(&member);
    if holds(Role::Facilitator, Membership::Facilitator) {
        ClassAccess::Manage
    } else if holds(Role::Evaluator, Membership::Evaluator)
        || holds(Role::Participant, Membership::Participant)
    {
        ClassAccess::View
    } else {
        ClassAccess::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_manages_every_class() {
        assert_eq!(class_access(&[Role::Admin], &[]), ClassAccess::Manage);
    }

    #[test]
    fn facilitator_manages_only_own_class() {
        let f = [Role::Facilitator];
        assert_eq!(class_access(&f, &[Membership::Facilitator]), ClassAccess::Manage);
        assert_eq!(class_access(&f, &[]), ClassAccess::None);
    }

    #[test]
    fn members_view_and_outsiders_see_nothing() {
        assert_eq!(
            class_access(&[Role::Participant], &[Membership::Participant]),
            ClassAccess::View
        );
        assert_eq!(
            class_access(&[Role::Evaluator], &[Membership::Evaluator]),
            ClassAccess::View
        );
        assert_eq!(class_access(&[Role::Participant], &[]), ClassAccess::None);
    }

    #[test]
    fn membership_without_matching_role_grants_nothing() {
        assert_eq!(
            class_access(&[Role::Participant], &[Membership::Facilitator]),
            ClassAccess::None
        );
        assert_eq!(class_access(&[], &[Membership::Participant]), ClassAccess::None);
    }
}
