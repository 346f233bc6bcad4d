use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_bands")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub programme_id: i64,
    /// JSON: `rubrics::domain::bands::Band`s from the top down.
    pub bands: String,
    /// Participants see their evaluators' names on released results.
    pub show_names: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
