use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "scores")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub target_id: i64,
    pub subject_id: i64,
    pub evaluator_id: i64,
    /// "live", "reference" or "practice".
    pub purpose: String,
    pub version_id: i64,
    /// JSON: a pick or null per criterion.
    pub picks: String,
    /// JSON: a comment per criterion.
    pub comments: String,
    pub overall: String,
    pub total: Option<f64>,
    /// "draft", "submitted" or "rescore".
    pub status: String,
    /// The server's save counter (see `save_version`): one more per stored save.
    pub revision: i64,
    /// The idempotency key of the save that made this revision.
    pub save_key: String,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
