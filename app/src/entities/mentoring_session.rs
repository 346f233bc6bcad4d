use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentoring_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub pair_id: i64,
    pub held_on: Date,
    pub minutes: i32,
    pub topic: String,
    pub practised: String,
    pub mentor_learned: String,
    pub logged_by: i64,
    #[sea_orm(unique)]
    pub client_key: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
