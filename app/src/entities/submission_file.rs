use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "submission_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub submission_id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub content: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
