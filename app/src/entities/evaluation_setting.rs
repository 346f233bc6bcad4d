use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_settings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// "task" or "reflection".
    pub kind: String,
    pub target_id: i64,
    pub class_id: i64,
    pub rubric_id: Option<i64>,
    /// "mean", "median" or "weighted".
    pub method: String,
    pub level_gap: Option<i32>,
    /// Percent of the criterion's points.
    pub share_gap: Option<i32>,
    pub released_at: Option<DateTimeUtc>,
    pub scores_open: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
