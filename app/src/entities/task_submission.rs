use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task_submissions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub task_id: i64,
    pub team_id: i64,
    pub number: i32,
    pub user_id: i64,
    pub body: String,
    pub links: String,
    pub submitted_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub client_key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
