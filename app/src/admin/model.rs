//! Wire types and input parsing for administration.
use crate::auth::model::Role;
use crate::classes::domain::generation::GenerationScheme;
use serde::{Deserialize, Serialize};
use validator::Validate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub full_name: String,
    pub email: Option<String>,
    pub nip: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
}

/// The create-account form; checkboxes arrive as `Some("on")` when ticked.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
pub struct NewUser {
    #[validate(length(min = 1, max = 120, code = "ErrRequired"))]
    pub full_name: String,
    #[validate(email(code = "ErrEmail"))]
    pub email: String,
    pub nip: Option<String>,
    #[validate(length(min = 10, max = 200, code = "ErrPasswordShort"))]
    pub password: String,
    pub admin: Option<String>,
    pub facilitator: Option<String>,
    pub evaluator: Option<String>,
    pub participant: Option<String>,
}

impl NewUser {
    pub fn roles(&self) -> Vec<Role> {
        [
            (&self.admin, Role::Admin),
            (&self.facilitator, Role::Facilitator),
            (&self.evaluator, Role::Evaluator),
            (&self.participant, Role::Participant),
        ]
        .into_iter()
        .filter(|(flag, _)| flag.as_deref().is_some_and(|v| !v.is_empty()))
        .map(|(_, r)| r)
        .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub classes: Vec<crate::classes::model::ClassSummary>,
}

/// The programmes page: the list as server-rendered HTML, and the choices the
/// new-class form offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammesPageView {
    pub html: String,
    /// (id, name) of every programme.
    pub programmes: Vec<(i64, String)>,
    /// (id, name) of accounts holding the facilitator role.
    pub facilitators: Vec<(i64, String)>,
}

impl crate::ui::CarriesHtml for ProgrammesPageView {
    fn without_html(&self) -> Self {
        ProgrammesPageView {
            html: String::new(),
            programmes: self.programmes.clone(),
            facilitators: self.facilitators.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammesData {
    pub programmes: Vec<ProgrammeView>,
    /// (id, name) of accounts holding the facilitator role, for the class form.
    pub facilitators: Vec<(i64, String)>,
}

/// One row of the scheme form: everything is text until parsed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchemeRowInput {
    pub code: String,
    pub label: String,
    pub start: String,
    pub end: String,
}

impl SchemeRowInput {
    pub fn is_blank(&self) -> bool {
        [&self.code, &self.label, &self.start, &self.end]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchemeView {
    pub scheme: GenerationScheme,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_checkboxes_become_roles() {
        let u = NewUser {
            full_name: "A".into(),
            email: "a@b.id".into(),
            nip: None,
            password: "x".repeat(10),
            admin: None,
            facilitator: Some("on".into()),
            evaluator: Some(String::new()),
            participant: Some("on".into()),
        };
        assert_eq!(u.roles(), vec![Role::Facilitator, Role::Participant]);
    }
}
