//! Rubrics and multi-evaluator scoring. A rubric belongs to a class and has
//! numbered versions (the criteria as JSON); a version is frozen once a
//! score uses it, and editing then makes a new one. What is scored is a
//! "target": a team task handed in by a team (`kind` "task", `target_id` the
//! task, `subject_id` the team) or a scenario reflection (`kind`
//! "reflection", the assignment and the participant). Every change to a
//! score is kept in `score_audit`; every write carries the client's
//! revision so a retried or late save never overwrites a newer one.
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

const TABLES: [&str; 8] = [
    "rubrics",
    "rubric_versions",
    "evaluation_settings",
    "evaluator_assignments",
    "scores",
    "score_audit",
    "moderations",
    "programme_bands",
];

fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("rubrics")
            .col(big_pk_auto("id"))
            .col(big_integer("class_id"))
            .col(string_len("title", 200))
            // The template it was copied from, if any.
            .col(string_len_null("template", 60))
            .col(big_integer("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("rubrics", "class_id"), ("classes", "id")))
            .to_owned(),
        table("rubric_versions")
            .col(big_pk_auto("id"))
            .col(big_integer("rubric_id"))
            .col(integer("number"))
            // JSON: the rubric (title, criteria, levels).
            .col(text("body"))
            .col(boolean("frozen").default(false))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("rubric_versions", "rubric_id"), ("rubrics", "id")))
            .to_owned(),
        // How one target is evaluated.
        table("evaluation_settings")
            .col(big_pk_auto("id"))
            .col(string_len("kind", 12))
            .col(big_integer("target_id"))
            .col(big_integer("class_id"))
            .col(big_integer_null("rubric_id"))
            // "mean", "median" or "weighted".
            .col(string_len("method", 10))
            // Discrepancy rules: more than this many levels apart / this percent of the criterion's points.
            .col(integer_null("level_gap"))
            .col(integer_null("share_gap"))
            .col(boolean("show_names").default(false))
            .col(timestamp_with_time_zone_null("released_at"))
            // Evaluators see each other's scores before submitting their own.
            .col(boolean("scores_open").default(false))
            .foreign_key(&mut fk(("evaluation_settings", "class_id"), ("classes", "id")))
            .to_owned(),
        // `subject_id` 0: the evaluator scores every subject of the target.
        table("evaluator_assignments")
            .col(big_pk_auto("id"))
            .col(string_len("kind", 12))
            .col(big_integer("target_id"))
            .col(big_integer("subject_id"))
            .col(big_integer("evaluator_id"))
            // "coach", "mentor", "penguji" or "peer".
            .col(string_len("role", 10))
            .col(double("role_weight"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(
                ("evaluator_assignments", "evaluator_id"),
                ("users", "id"),
            ))
            .to_owned(),
        table("scores")
            .col(big_pk_auto("id"))
            .col(string_len("kind", 12))
            .col(big_integer("target_id"))
            .col(big_integer("subject_id"))
            .col(big_integer("evaluator_id"))
            // "live", "reference" (the lead facilitator's calibration score) or "practice".
            .col(string_len("purpose", 10))
            .col(big_integer("version_id"))
            // JSON: [{"level", "points"} or null per criterion], [comment per criterion].
            .col(text("picks"))
            .col(text("comments"))
            .col(text("overall"))
            .col(double_null("total"))
            // "draft", "submitted" or "rescore" (asked to score again).
            .col(string_len("status", 10))
            .col(big_integer("revision"))
            .col(timestamp_with_time_zone("updated_at"))
            .col(timestamp_with_time_zone_null("submitted_at"))
            .foreign_key(&mut fk(("scores", "evaluator_id"), ("users", "id")))
            .foreign_key(&mut fk(("scores", "version_id"), ("rubric_versions", "id")))
            .to_owned(),
        table("score_audit")
            .col(big_pk_auto("id"))
            .col(big_integer("score_id"))
            .col(big_integer("actor_id"))
            .col(string_len("action", 12))
            .col(text("old"))
            .col(text("new"))
            .col(text("reason"))
            .col(timestamp_with_time_zone("at"))
            .foreign_key(&mut fk(("score_audit", "score_id"), ("scores", "id")))
            .to_owned(),
        // The facilitator's decisions on flagged subjects; the newest counts.
        table("moderations")
            .col(big_pk_auto("id"))
            .col(string_len("kind", 12))
            .col(big_integer("target_id"))
            .col(big_integer("subject_id"))
            // "accepted", "rescore" or "set".
            .col(string_len("decision", 10))
            .col(double_null("total"))
            .col(text("reason"))
            .col(big_integer("moderator_id"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        table("programme_bands")
            .col(big_integer("programme_id").primary_key())
            // JSON: [{"name", "min", "inclusive"}, …] from the top band down.
            .col(text("bands"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(("programme_bands", "programme_id"), ("programmes", "id")))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique(
            "idx_rubric_versions_number",
            "rubric_versions",
            &["rubric_id", "number"],
        ),
        unique(
            "idx_evaluation_settings_target",
            "evaluation_settings",
            &["kind", "target_id"],
        ),
        unique(
            "idx_evaluator_assignments_one",
            "evaluator_assignments",
            &["kind", "target_id", "subject_id", "evaluator_id"],
        ),
        unique(
            "idx_scores_one",
            "scores",
            &["kind", "target_id", "subject_id", "evaluator_id", "purpose"],
        ),
    ]
}
