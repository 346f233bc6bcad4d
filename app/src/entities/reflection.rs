use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reflections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub class_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub block_id: i64,
    pub body: String,
    /// The server's save counter (see `save_version`): one more per stored save.
    pub revision: i64,
    /// The idempotency key of the save that made this revision.
    pub save_key: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
