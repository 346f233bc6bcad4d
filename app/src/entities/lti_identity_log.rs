use sea_orm::entity::prelude::*;

/// One link between an LMS identity and a Sinergi account, or one proposal
/// (by NIP) refused; see migration m20261204_000009.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lti_identity_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub platform_id: i64,
    pub sub: String,
    pub user_id: i64,
    pub proposed_user_id: Option<i64>,
    pub nip: String,
    pub outcome: String,
    pub by_admin: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
