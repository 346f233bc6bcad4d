use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rubric_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub rubric_id: i64,
    pub number: i32,
    /// JSON: the rubric (`rubrics::domain::rubric::Rubric`).
    pub body: String,
    /// Used by a score: never edited again.
    pub frozen: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
