//! Who the visitor is, as every page and the server's guards see it: roles,
//! the logged-in user and the session the pages read. Part of the kit: the
//! accounts feature (`auth`) fills it in, every other module only reads it.
use crate::i18n::{Locale, K};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Facilitator,
    Evaluator,
    Participant,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Facilitator, Role::Evaluator, Role::Participant];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Facilitator => "facilitator",
            Role::Evaluator => "evaluator",
            Role::Participant => "participant",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> K {
        match self {
            Role::Admin => K::RoleAdmin,
            Role::Facilitator => K::RoleFacilitator,
            Role::Evaluator => K::RoleEvaluator,
            Role::Participant => K::RoleParticipant,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    pub id: i64,
    pub name: String,
    pub roles: Vec<Role>,
}

impl UserInfo {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// What every page needs to know about the visitor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<UserInfo>,
    pub csrf: String,
    pub locale: Locale,
}
