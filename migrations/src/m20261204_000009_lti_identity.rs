//! An LMS may only *propose* which Sinergi account a launch belongs to.
//! `trust_identity` (off by default) is the admin's word that a platform's
//! custom `nip` can be believed; `lti_identity_log` records every link made
//! between an LMS identity and an account, and every proposal refused, so the
//! admin sees on /admin/lti who was linked to whom, how, and why not.
use crate::helpers::{fk, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const PLATFORMS: &str = "lti_platforms";
const TRUST: &str = "trust_identity";
const LOG: &str = "lti_identity_log";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new(PLATFORMS))
                .add_column(
                    ColumnDef::new(Alias::new(TRUST))
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            table(LOG)
                .col(big_pk_auto("id"))
                .col(big_integer("platform_id"))
                .col(string_len("sub", 300))
                // The account the identity now opens (the new one when refused).
                .col(big_integer("user_id"))
                // The existing account the LMS's NIP pointed at, when any.
                .col(big_integer_null("proposed_user_id"))
                .col(string_len("nip", 40).default(""))
                // created | nip | admin | refused_untrusted | refused_staff | refused_linked
                .col(string_len("outcome", 40))
                // The admin who linked it by hand.
                .col(big_integer_null("by_admin"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk((LOG, "platform_id"), (PLATFORMS, "id")))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new(LOG)).if_exists().to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Alias::new(PLATFORMS))
                .drop_column(Alias::new(TRUST))
                .to_owned(),
        )
        .await
    }
}
