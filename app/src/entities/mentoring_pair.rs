use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentoring_pairs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub class_id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    /// The mentor's class when a programme-wide proposal paired across
    /// classes (the pair itself belongs to the mentee's class, `class_id`).
    pub mentor_class_id: Option<i64>,
    /// "proposed", "confirmed", "declined" or "replaced".
    pub status: String,
    /// JSON: [topic, …].
    pub topics: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
