//! Whether participants see their evaluators' names is the programme's
//! choice (PRODUCT.md: "per the programme's setting"), not each task's: it
//! moves from `evaluation_settings` to the programme's row beside its
//! predicate bands. Nothing is lost: no programme has released names yet
//! (the per-task box shipped the same day and defaulted to hidden).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const BANDS: &str = "programme_bands";
const SETTINGS: &str = "evaluation_settings";
const COLUMN: &str = "show_names";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new(BANDS))
                .add_column(
                    ColumnDef::new(Alias::new(COLUMN))
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Alias::new(SETTINGS))
                .drop_column(Alias::new(COLUMN))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new(SETTINGS))
                .add_column(
                    ColumnDef::new(Alias::new(COLUMN))
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Alias::new(BANDS))
                .drop_column(Alias::new(COLUMN))
                .to_owned(),
        )
        .await
    }
}
