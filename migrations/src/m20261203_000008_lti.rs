//! LTI 1.3: the LMS platforms Sinergi is registered in, the tool's own
//! signing keys, one-time login states, and the links from a platform's
//! contexts and users to Sinergi's classes and accounts.
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

const TABLES: [&str; 10] = [
    "lti_invites",
    "lti_platforms",
    "lti_deployments",
    "lti_keys",
    "lti_logins",
    "lti_contexts",
    "lti_accounts",
    "lti_launch_codes",
    "lti_deep_links",
    "lti_outbox",
];

fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("lti_platforms")
            .col(big_pk_auto("id"))
            .col(string_len("name", 200))
            .col(string_len("issuer", 500))
            .col(string_len("client_id", 300))
            .col(string_len("auth_login_url", 1000))
            .col(string_len("token_url", 1000))
            .col(string_len("jwks_url", 1000))
            // The platform's key set as last fetched (JSON), and when.
            .col(text("jwks_cache").default(""))
            .col(timestamp_with_time_zone_null("jwks_fetched_at"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        // A registration URL an admin hands to an LMS for Dynamic Registration:
        // used once, before it expires; it names the platform it made.
        table("lti_invites")
            .col(big_pk_auto("id"))
            .col(string_len("token_hash", 64))
            .col(big_integer("created_by"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .col(big_integer_null("platform_id"))
            .to_owned(),
        table("lti_deployments")
            .col(big_pk_auto("id"))
            .col(big_integer("platform_id"))
            .col(string_len("deployment_id", 300))
            .foreign_key(&mut fk(
                ("lti_deployments", "platform_id"),
                ("lti_platforms", "id"),
            ))
            .to_owned(),
        // The tool's RSA keys. The newest unretired one signs; every key not
        // retired long ago stays in the published key set, so a platform
        // holding an older kid still verifies what was signed before a rotation.
        table("lti_keys")
            .col(big_pk_auto("id"))
            .col(string_len("kid", 64))
            .col(text("private_pem"))
            // JSON: the public JWK as published.
            .col(text("public_jwk"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("retired_at"))
            .to_owned(),
        // A login started by a platform: the state (hashed; the browser holds
        // it in a cookie) and the nonce the id_token must carry. Used once.
        table("lti_logins")
            .col(big_pk_auto("id"))
            .col(string_len("state_hash", 64))
            .col(string_len("nonce", 64))
            .col(big_integer("platform_id"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .foreign_key(&mut fk(("lti_logins", "platform_id"), ("lti_platforms", "id")))
            .to_owned(),
        table("lti_contexts")
            .col(big_pk_auto("id"))
            .col(big_integer("platform_id"))
            .col(string_len("context_id", 300))
            .col(big_integer("class_id"))
            // The course's AGS line-items URL and NRPS memberships URL, from
            // the newest launch that named them ("" until then).
            .col(text("lineitems_url").default(""))
            .col(text("memberships_url").default(""))
            .foreign_key(&mut fk(("lti_contexts", "platform_id"), ("lti_platforms", "id")))
            .foreign_key(&mut fk(("lti_contexts", "class_id"), ("classes", "id")))
            .to_owned(),
        table("lti_accounts")
            .col(big_pk_auto("id"))
            .col(big_integer("platform_id"))
            .col(string_len("sub", 300))
            .col(big_integer("user_id"))
            .foreign_key(&mut fk(("lti_accounts", "platform_id"), ("lti_platforms", "id")))
            .foreign_key(&mut fk(("lti_accounts", "user_id"), ("users", "id")))
            .to_owned(),
        // When the browser refuses the session cookie inside the LMS frame,
        // a one-time code (hashed) opens Sinergi in its own tab instead.
        table("lti_launch_codes")
            .col(big_pk_auto("id"))
            .col(string_len("code_hash", 64))
            .col(big_integer("user_id"))
            .col(string_len("target", 500))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .foreign_key(&mut fk(("lti_launch_codes", "user_id"), ("users", "id")))
            .to_owned(),
        // A deep-linking request waiting for the facilitator's pick: where
        // to post the answer, and the platform's opaque `data` to echo.
        table("lti_deep_links")
            .col(big_pk_auto("id"))
            .col(big_integer("platform_id"))
            .col(string_len("deployment_id", 300))
            .col(big_integer("class_id"))
            .col(big_integer("user_id"))
            .col(string_len("return_url", 1000))
            .col(text("data"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .foreign_key(&mut fk(
                ("lti_deep_links", "platform_id"),
                ("lti_platforms", "id"),
            ))
            .to_owned(),
        // Calls to the LMS waiting to be made (grades now; xAPI later): a
        // failed call is retried with backoff and never blocks anyone.
        table("lti_outbox")
            .col(big_pk_auto("id"))
            .col(string_len("kind", 20))
            .col(big_integer("platform_id"))
            .col(big_integer("user_id"))
            .col(big_integer("class_id"))
            // The same grade queued twice is one row.
            .col(string_len("dedupe_key", 300))
            .col(text("payload"))
            // "pending", "sent" or "failed" (gave up after the last attempt).
            .col(string_len("status", 10))
            .col(integer("attempts").default(0))
            .col(timestamp_with_time_zone("next_at"))
            .col(text("last_error").default(""))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("sent_at"))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique(
            "idx_lti_platforms_client",
            "lti_platforms",
            &["issuer", "client_id"],
        ),
        unique(
            "idx_lti_deployments_one",
            "lti_deployments",
            &["platform_id", "deployment_id"],
        ),
        unique("idx_lti_keys_kid", "lti_keys", &["kid"]),
        unique("idx_lti_invites_token", "lti_invites", &["token_hash"]),
        unique("idx_lti_outbox_dedupe", "lti_outbox", &["dedupe_key"]),
        unique("idx_lti_logins_state", "lti_logins", &["state_hash"]),
        unique(
            "idx_lti_contexts_one",
            "lti_contexts",
            &["platform_id", "context_id"],
        ),
        unique("idx_lti_accounts_one", "lti_accounts", &["platform_id", "sub"]),
        unique("idx_lti_launch_codes_code", "lti_launch_codes", &["code_hash"]),
    ]
}
