use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scenario_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub scenario_id: i64,
    pub number: i32,
    pub document: String,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
