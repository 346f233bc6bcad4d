pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261129_000001_foundation;
mod m20261129_000002_curriculum;
mod m20261130_000003_scenarios;
mod m20261202_000004_teams;
mod m20261202_000005_mentoring_scope;
mod m20261202_000006_rubrics;
mod m20261202_000007_programme_show_names;
mod m20261203_000008_lti;
mod m20261204_000009_lti_identity;
mod m20261204_000010_save_versions;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_foundation::Migration),
            Box::new(m20261129_000002_curriculum::Migration),
            Box::new(m20261130_000003_scenarios::Migration),
            Box::new(m20261202_000004_teams::Migration),
            Box::new(m20261202_000005_mentoring_scope::Migration),
            Box::new(m20261202_000006_rubrics::Migration),
            Box::new(m20261202_000007_programme_show_names::Migration),
            Box::new(m20261203_000008_lti::Migration),
            Box::new(m20261204_000009_lti_identity::Migration),
            Box::new(m20261204_000010_save_versions::Migration),
        ]
    }
}
