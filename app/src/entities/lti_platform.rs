use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lti_platforms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub auth_login_url: String,
    pub token_url: String,
    pub jwks_url: String,
    pub jwks_cache: String,
    pub jwks_fetched_at: Option<DateTimeUtc>,
    /// The admin trusts this platform's custom `nip` to name the person.
    pub trust_identity: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
