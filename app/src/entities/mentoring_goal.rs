use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentoring_goals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub pair_id: i64,
    pub title: String,
    pub met: bool,
    #[sea_orm(unique)]
    pub client_key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
