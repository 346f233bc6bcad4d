//! LTI roles (LIS vocabulary, LTI Core 1.3 §5.3.7 and Appendix A) as
//! Sinergi class memberships. Only context roles count: a platform's system
//! or institution administrator gets no class rights from that alone.
use crate::auth::policy::Membership;

const CONTEXT: &str = "http://purl.imsglobal.org/vocab/lis/v2/membership";

/// The memberships the roles give in the launched class, strongest first,
/// without repeats. Instructor → facilitator; Learner → participant;
/// TeachingAssistant (a sub-role of Instructor) and Mentor → evaluator;
/// Administrator (of the context) → facilitator, the class's manager, of
/// that class only. Unknown roles give nothing.
pub fn memberships(roles: &[String]) -> Vec<Membership> {
    let mut out = Vec::new();
    for role in roles {
        if let Some(m) = membership(role) {
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out.sort_by_key(|m| match m {
        Membership::Facilitator => 0,
        Membership::Evaluator => 1,
        Membership::Participant => 2,
    });
    out
}

fn membership(role: &str) -> Option<Membership> {
    // Full context role URIs, and the short names LTI 1.3 still allows.
    let name = if let Some(rest) = role.strip_prefix(CONTEXT) {
        rest
    } else if role.contains("://") {
        return None;
    } else {
        role
    };
    match name.trim_start_matches(['#', '/']) {
        "Instructor" | "ContentDeveloper" | "Administrator" => Some(Membership::Facilitator),
        "Learner" => Some(Membership::Participant),
        "Mentor" | "Instructor#TeachingAssistant" | "TeachingAssistant" => Some(Membership::Evaluator),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(roles: &[&str]) -> Vec<Membership> {
        memberships(&roles.iter().map(|r| r.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn context_roles_map_to_memberships() {
        let m = "http://purl.imsglobal.org/vocab/lis/v2/membership";
        assert_eq!(of(&[&format!("{m}#Instructor")]), vec![Membership::Facilitator]);
        assert_eq!(of(&[&format!("{m}#Learner")]), vec![Membership::Participant]);
        assert_eq!(
            of(&[&format!("{m}/Instructor#TeachingAssistant")]),
            vec![Membership::Evaluator]
        );
        assert_eq!(of(&[&format!("{m}#Mentor")]), vec![Membership::Evaluator]);
        assert_eq!(
            of(&[&format!("{m}#Administrator")]),
            vec![Membership::Facilitator]
        );
        assert_eq!(
            of(&["Learner", "Instructor"]),
            vec![Membership::Facilitator, Membership::Participant]
        );
    }

    #[test]
    fn system_and_institution_roles_give_nothing() {
        assert!(of(&[
            "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor",
            "Guest",
        ])
        .is_empty());
    }

    #[test]
    fn repeats_count_once() {
        assert_eq!(of(&["Learner", "Learner"]), vec![Membership::Participant]);
    }
}
