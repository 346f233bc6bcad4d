//! Reverse-mentoring pairs across a programme: a pair belongs to the mentee's
//! class and also names the mentor's class, so both see it from their own
//! class page. Empty for pairs made before this (the mentor was in the same
//! class). No foreign key: SQLite cannot add one to an existing table; the
//! store only writes class ids it has just read.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const PAIRS: &str = "mentoring_pairs";
const COLUMN: &str = "mentor_class_id";
const INDEX: &str = "idx_mentoring_pairs_mentor_class";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new(PAIRS))
                .add_column(ColumnDef::new(Alias::new(COLUMN)).big_integer().null())
                .to_owned(),
        )
        .await?;
        for (name, col) in [(INDEX, COLUMN), ("idx_mentoring_pairs_class", "class_id")] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Alias::new(PAIRS))
                    .col(Alias::new(col))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in [INDEX, "idx_mentoring_pairs_class"] {
            m.drop_index(Index::drop().name(name).table(Alias::new(PAIRS)).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Alias::new(PAIRS))
                .drop_column(Alias::new(COLUMN))
                .to_owned(),
        )
        .await
    }
}
