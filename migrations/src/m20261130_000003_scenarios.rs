//! Empathy scenarios: drafts, published versions (frozen, so an attempt keeps
//! the version it started with), class assignments, attempts and their steps.
//! A step is one decision or reflection, saved as it is made; the client's key
//! is unique so a retried save is stored once.
use crate::helpers::{create_all, drop_all, fk, table, unique};
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

const TABLES: [&str; 5] = [
    "scenarios",
    "scenario_versions",
    "scenario_assignments",
    "scenario_attempts",
    "scenario_steps",
];

fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("scenarios")
            .col(big_pk_auto("id"))
            .col(string_len("key", 60).unique_key())
            // The draft as JSON (`Scenario`); it may break publishing rules.
            .col(text("draft"))
            // The newest published version's number, 0 before the first.
            .col(integer("published").default(0))
            .col(boolean("retired").default(false))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        table("scenario_versions")
            .col(big_pk_auto("id"))
            .col(big_integer("scenario_id"))
            .col(integer("number"))
            .col(text("document"))
            .col(timestamp_with_time_zone("published_at"))
            .foreign_key(&mut fk(("scenario_versions", "scenario_id"), ("scenarios", "id")))
            .to_owned(),
        table("scenario_assignments")
            .col(big_pk_auto("id"))
            .col(big_integer("class_id"))
            .col(big_integer("scenario_id"))
            .col(timestamp_with_time_zone("opens_at"))
            .col(timestamp_with_time_zone_null("closes_at"))
            // How many attempts a participant may start; 0 means no limit.
            .col(integer("max_attempts"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("scenario_assignments", "class_id"), ("classes", "id")))
            .foreign_key(&mut fk(
                ("scenario_assignments", "scenario_id"),
                ("scenarios", "id"),
            ))
            .to_owned(),
        table("scenario_attempts")
            .col(big_pk_auto("id"))
            .col(big_integer("assignment_id"))
            .col(big_integer("user_id"))
            .col(big_integer("version_id"))
            .col(integer("number"))
            .col(timestamp_with_time_zone("started_at"))
            .col(timestamp_with_time_zone_null("finished_at"))
            // Set when an ending is reached: the ending's node id and the
            // four dimension scores as JSON, for analytics without replaying.
            .col(string_len_null("ending", 60))
            .col(string_len_null("scores", 64))
            .col(string_len("client_key", 64).unique_key())
            .foreign_key(&mut fk(
                ("scenario_attempts", "assignment_id"),
                ("scenario_assignments", "id"),
            ))
            .foreign_key(&mut fk(("scenario_attempts", "user_id"), ("users", "id")))
            .foreign_key(&mut fk(
                ("scenario_attempts", "version_id"),
                ("scenario_versions", "id"),
            ))
            .to_owned(),
        table("scenario_steps")
            .col(big_pk_auto("id"))
            .col(big_integer("attempt_id"))
            .col(integer("seq"))
            .col(string_len("node", 60))
            .col(string_len_null("option_key", 60))
            .col(text_null("reflection"))
            .col(string_len("client_key", 64).unique_key())
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(
                ("scenario_steps", "attempt_id"),
                ("scenario_attempts", "id"),
            ))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique(
            "idx_scenario_versions_number",
            "scenario_versions",
            &["scenario_id", "number"],
        ),
        unique(
            "idx_scenario_assignments_class",
            "scenario_assignments",
            &["class_id", "scenario_id"],
        ),
        unique(
            "idx_scenario_attempts_number",
            "scenario_attempts",
            &["assignment_id", "user_id", "number"],
        ),
        unique("idx_scenario_steps_seq", "scenario_steps", &["attempt_id", "seq"]),
    ]
}
