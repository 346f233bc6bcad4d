//! Versions of saved work come from the server, not the browser's clock.
//! `revision` of a score or a reflection is now the row's save counter (one
//! more with every stored save; a save names the counter it started from and
//! is refused when the row has moved on), and `save_key` is the idempotency
//! key of the save that made the current revision: the same save sent again
//! (a retry after a dropped answer) finds its own key and succeeds without
//! writing twice. Rows saved before keep their old (clock) revision as the
//! counter's starting point.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 2] = ["scores", "reflections"];
const KEY: &str = "save_key";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(t))
                    .add_column(
                        ColumnDef::new(Alias::new(KEY))
                            .string_len(64)
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(t))
                    .drop_column(Alias::new(KEY))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
