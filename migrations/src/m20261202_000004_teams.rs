//! Multigenerational teams, the class survey that feeds them, team tasks with
//! versioned submissions (files kept in the database so every app server
//! sees them), and reverse-mentoring pairs with their goals and sessions.
//! Every write a participant makes carries the client's key, unique, so a
//! retried post is stored once.
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

const TABLES: [&str; 13] = [
    "class_surveys",
    "survey_answers",
    "team_pair_rules",
    "team_sets",
    "teams",
    "team_members",
    "team_tasks",
    "task_submissions",
    "submission_files",
    "mentoring_runs",
    "mentoring_pairs",
    "mentoring_goals",
    "mentoring_sessions",
];

fn tables() -> Vec<TableCreateStatement> {
    let mut all = vec![
        table("class_surveys")
            .col(big_integer("class_id").primary_key())
            .col(boolean("open"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(("class_surveys", "class_id"), ("classes", "id")))
            .to_owned(),
        table("survey_answers")
            .col(big_pk_auto("id"))
            .col(big_integer("class_id"))
            .col(big_integer("user_id"))
            // JSON: [[topic, rating 1–5], …] and [topic, …].
            .col(text("skills"))
            .col(text("wants"))
            .col(string_len("style", 20))
            .col(string_len("availability", 20))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(("survey_answers", "class_id"), ("classes", "id")))
            .foreign_key(&mut fk(("survey_answers", "user_id"), ("users", "id")))
            .to_owned(),
        table("team_pair_rules")
            .col(big_pk_auto("id"))
            .col(big_integer("class_id"))
            .col(big_integer("first_id"))
            .col(big_integer("second_id"))
            // "together" or "apart".
            .col(string_len("kind", 10))
            .foreign_key(&mut fk(("team_pair_rules", "class_id"), ("classes", "id")))
            .to_owned(),
        table("team_sets")
            .col(big_pk_auto("id"))
            .col(big_integer("class_id"))
            .col(big_integer("seed"))
            // JSON: the size rule and the weights the set was formed with.
            .col(text("settings"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("published_at"))
            .foreign_key(&mut fk(("team_sets", "class_id"), ("classes", "id")))
            .to_owned(),
        table("teams")
            .col(big_pk_auto("id"))
            .col(big_integer("set_id"))
            .col(integer("number"))
            .col(boolean("locked").default(false))
            .foreign_key(&mut fk(("teams", "set_id"), ("team_sets", "id")))
            .to_owned(),
        table("team_members")
            .col(big_pk_auto("id"))
            .col(big_integer("set_id"))
            .col(big_integer("team_id"))
            .col(big_integer("user_id"))
            .foreign_key(&mut fk(("team_members", "team_id"), ("teams", "id")))
            .foreign_key(&mut fk(("team_members", "user_id"), ("users", "id")))
            .to_owned(),
    ];
    all.extend(task_tables());
    all.extend(mentoring_tables());
    all
}

fn task_tables() -> Vec<TableCreateStatement> {
    vec![
        table("team_tasks")
            .col(big_pk_auto("id"))
            .col(big_integer("class_id"))
            .col(string_len("title", 200))
            .col(text("brief"))
            .col(timestamp_with_time_zone("due_at"))
            // "refused", "accepted" or "until" (with `late_until`).
            .col(string_len("late_policy", 10))
            .col(timestamp_with_time_zone_null("late_until"))
            // The rubric that will score it (rubrics come with issue 6).
            .col(big_integer_null("rubric_id"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("team_tasks", "class_id"), ("classes", "id")))
            .to_owned(),
        table("task_submissions")
            .col(big_pk_auto("id"))
            .col(big_integer("task_id"))
            .col(big_integer("team_id"))
            .col(integer("number"))
            .col(big_integer("user_id"))
            .col(text("body"))
            // One link per line.
            .col(text("links"))
            .col(timestamp_with_time_zone("submitted_at"))
            .col(string_len("client_key", 64).unique_key())
            .foreign_key(&mut fk(("task_submissions", "task_id"), ("team_tasks", "id")))
            .foreign_key(&mut fk(("task_submissions", "team_id"), ("teams", "id")))
            .to_owned(),
        table("submission_files")
            .col(big_pk_auto("id"))
            .col(big_integer("submission_id"))
            .col(string_len("name", 200))
            .col(string_len("mime", 100))
            .col(big_integer("size"))
            .col(blob("content"))
            .foreign_key(&mut fk(
                ("submission_files", "submission_id"),
                ("task_submissions", "id"),
            ))
            .to_owned(),
    ]
}

fn mentoring_tables() -> Vec<TableCreateStatement> {
    vec![
        // The last proposal's unpaired people with the reason, as JSON.
        table("mentoring_runs")
            .col(big_integer("class_id").primary_key())
            .col(text("unpaired"))
            .col(boolean("allow_same_unit"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("mentoring_runs", "class_id"), ("classes", "id")))
            .to_owned(),
        table("mentoring_pairs")
            .col(big_pk_auto("id"))
            .col(big_integer("class_id"))
            .col(big_integer("mentor_id"))
            .col(big_integer("mentee_id"))
            // "proposed", "confirmed" or "declined".
            .col(string_len("status", 10))
            // JSON: the topics the mentee asked for.
            .col(text("topics"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("mentoring_pairs", "class_id"), ("classes", "id")))
            .foreign_key(&mut fk(("mentoring_pairs", "mentor_id"), ("users", "id")))
            .foreign_key(&mut fk(("mentoring_pairs", "mentee_id"), ("users", "id")))
            .to_owned(),
        table("mentoring_goals")
            .col(big_pk_auto("id"))
            .col(big_integer("pair_id"))
            .col(string_len("title", 200))
            .col(boolean("met").default(false))
            .col(string_len("client_key", 64).unique_key())
            .foreign_key(&mut fk(("mentoring_goals", "pair_id"), ("mentoring_pairs", "id")))
            .to_owned(),
        table("mentoring_sessions")
            .col(big_pk_auto("id"))
            .col(big_integer("pair_id"))
            .col(date("held_on"))
            .col(integer("minutes"))
            .col(string_len("topic", 200))
            .col(text("practised"))
            .col(text("mentor_learned"))
            .col(big_integer("logged_by"))
            .col(string_len("client_key", 64).unique_key())
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(
                ("mentoring_sessions", "pair_id"),
                ("mentoring_pairs", "id"),
            ))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique(
            "idx_survey_answers_user",
            "survey_answers",
            &["class_id", "user_id"],
        ),
        unique("idx_teams_number", "teams", &["set_id", "number"]),
        // One team per person in a set.
        unique("idx_team_members_user", "team_members", &["set_id", "user_id"]),
        unique(
            "idx_task_submissions_number",
            "task_submissions",
            &["task_id", "team_id", "number"],
        ),
    ]
}
