use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub score_id: i64,
    pub actor_id: i64,
    pub action: String,
    pub old: String,
    pub new: String,
    pub reason: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
