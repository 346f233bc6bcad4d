//! The curriculum (units, lessons, blocks), each class's release plan, and what
//! participants did: completed lessons, quick-check answers, reflections.
//! Content rows are retired, never deleted, so participants' records stay valid.
use crate::helpers::{create_all, drop_all, fk, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_all(m, tables(), indexes()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_all(m, &TABLES).await
    }
}

const TABLES: [&str; 7] = [
    "cur_units",
    "cur_lessons",
    "cur_blocks",
    "class_unit_releases",
    "lesson_completions",
    "check_answers",
    "reflections",
];

/// What participants did, one row per (person, class, thing).
fn record(name: &'static str, thing: (&'static str, &'static str)) -> TableCreateStatement {
    table(name)
        .col(big_integer("user_id"))
        .col(big_integer("class_id"))
        .col(big_integer(thing.0))
        .primary_key(Index::create().col("user_id").col("class_id").col(thing.0))
        .foreign_key(&mut fk((name, "user_id"), ("users", "id")))
        .foreign_key(&mut fk((name, "class_id"), ("classes", "id")))
        .foreign_key(&mut fk((name, thing.0), (thing.1, "id")))
        .to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("cur_units")
            .col(big_pk_auto("id"))
            .col(string_len("key", 60).unique_key())
            .col(integer("position"))
            .col(integer("minutes"))
            .col(text("title_id"))
            .col(text("title_en"))
            .col(text("objective_id"))
            .col(text("objective_en"))
            .col(boolean("retired").default(false))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        table("cur_lessons")
            .col(big_pk_auto("id"))
            .col(big_integer("unit_id"))
            .col(string_len("key", 60).unique_key())
            .col(integer("position"))
            .col(integer("minutes"))
            .col(text("title_id"))
            .col(text("title_en"))
            .col(boolean("retired").default(false))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(("cur_lessons", "unit_id"), ("cur_units", "id")))
            .to_owned(),
        table("cur_blocks")
            .col(big_pk_auto("id"))
            .col(big_integer("lesson_id"))
            .col(string_len("key", 60).unique_key())
            .col(integer("position"))
            .col(string_len("kind", 16))
            // The block's content as JSON (`BlockBody`): its shape depends on the kind.
            .col(text("body"))
            .col(boolean("retired").default(false))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(("cur_blocks", "lesson_id"), ("cur_lessons", "id")))
            .to_owned(),
        table("class_unit_releases")
            .col(big_integer("class_id"))
            .col(big_integer("unit_id"))
            // "open", "date" (opens on `opens_on`) or "hidden"
            .col(string_len("mode", 8))
            .col(date_null("opens_on"))
            .primary_key(Index::create().col("class_id").col("unit_id"))
            .foreign_key(&mut fk(("class_unit_releases", "class_id"), ("classes", "id")))
            .foreign_key(&mut fk(("class_unit_releases", "unit_id"), ("cur_units", "id")))
            .to_owned(),
        record("lesson_completions", ("lesson_id", "cur_lessons"))
            .col(timestamp_with_time_zone("completed_at"))
            .to_owned(),
        record("check_answers", ("block_id", "cur_blocks"))
            // The chosen option keys, comma-separated, as last answered.
            .col(string("chosen"))
            .col(boolean("correct"))
            .col(integer("attempts"))
            .col(boolean("ever_correct"))
            .col(timestamp_with_time_zone("answered_at"))
            .to_owned(),
        record("reflections", ("block_id", "cur_blocks"))
            .col(text("body"))
            // Increases with every save the client makes; an older save never
            // overwrites a newer one (autosaves can arrive out of order).
            .col(big_integer("revision"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name("idx_cur_lessons_unit")
            .table(Alias::new("cur_lessons"))
            .col("unit_id")
            .to_owned(),
        Index::create()
            .name("idx_cur_blocks_lesson")
            .table(Alias::new("cur_blocks"))
            .col("lesson_id")
            .to_owned(),
        Index::create()
            .name("idx_lesson_completions_class")
            .table(Alias::new("lesson_completions"))
            .col("class_id")
            .to_owned(),
        Index::create()
            .name("idx_check_answers_class")
            .table(Alias::new("check_answers"))
            .col("class_id")
            .to_owned(),
        Index::create()
            .name("idx_reflections_class")
            .table(Alias::new("reflections"))
            .col("class_id")
            .to_owned(),
    ]
}
