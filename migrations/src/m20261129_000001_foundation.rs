//! Accounts, sessions, programmes, classes, rosters and the generation scheme.
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

const TABLES: [&str; 9] = [
    "users",
    "user_roles",
    "sessions",
    "login_attempts",
    "programmes",
    "classes",
    "class_members",
    "generation_schemes",
    "roster_uploads",
];

fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("users")
            .col(big_pk_auto("id"))
            .col(string_null("email").unique_key())
            .col(string_len_null("nip", 18).unique_key())
            .col(string("full_name"))
            .col(string_null("password_hash"))
            .col(string_len_null("gender", 1))
            .col(date_null("birth_date"))
            .col(string("unit_kerja").default(""))
            .col(string("jabatan").default(""))
            .col(string_null("golongan"))
            .col(boolean("active").default(true))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        table("user_roles")
            .col(big_integer("user_id"))
            .col(string_len("role", 16))
            .primary_key(Index::create().col("user_id").col("role"))
            .foreign_key(&mut fk(("user_roles", "user_id"), ("users", "id")))
            .to_owned(),
        table("sessions")
            .col(string_len("id_hash", 64).primary_key())
            .col(big_integer("user_id"))
            .col(string_len("csrf_token", 64))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("last_seen_at"))
            .foreign_key(&mut fk(("sessions", "user_id"), ("users", "id")))
            .to_owned(),
        table("login_attempts")
            .col(string("key").primary_key())
            .col(timestamp_with_time_zone("window_start"))
            .col(integer("failures"))
            .to_owned(),
        table("programmes")
            .col(big_pk_auto("id"))
            .col(string("name").unique_key())
            .col(text("description").default(""))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        table("classes")
            .col(big_pk_auto("id"))
            .col(big_integer("programme_id"))
            .col(string("name"))
            .col(text("description").default(""))
            .col(date("starts_on"))
            .col(date("ends_on"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("classes", "programme_id"), ("programmes", "id")))
            .to_owned(),
        table("class_members")
            .col(big_integer("class_id"))
            .col(big_integer("user_id"))
            .col(string_len("role", 16))
            .primary_key(Index::create().col("class_id").col("user_id").col("role"))
            .foreign_key(&mut fk(("class_members", "class_id"), ("classes", "id")))
            .foreign_key(&mut fk(("class_members", "user_id"), ("users", "id")))
            .to_owned(),
        table("generation_schemes")
            .col(big_integer("id").primary_key())
            .col(string("name"))
            .col(text("ranges_json"))
            .col(timestamp_with_time_zone("updated_at"))
            .to_owned(),
        table("roster_uploads")
            .col(string_len("id", 36).primary_key())
            .col(big_integer("class_id"))
            .col(big_integer("user_id"))
            .col(blob("content"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("roster_uploads", "class_id"), ("classes", "id")))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name("idx_sessions_user")
            .table(Alias::new("sessions"))
            .col("user_id")
            .to_owned(),
        Index::create()
            .name("idx_class_members_user")
            .table(Alias::new("class_members"))
            .col("user_id")
            .to_owned(),
        Index::create()
            .name("idx_classes_programme")
            .table(Alias::new("classes"))
            .col("programme_id")
            .to_owned(),
    ]
}
