//! Operators' commands: serve (default), migrate, create an admin, import a roster,
//! import and export the curriculum and scenarios.
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "server",
    about = "Sinergi: cross-generation module for ASN leadership training"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Migrate, seed an empty database with the demo, and serve (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an admin account; the password is read from SINERGI_ADMIN_PASSWORD or stdin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Import a roster CSV into a class, all or nothing; prints every bad row.
    ImportRoster {
        #[arg(long)]
        class: i64,
        file: PathBuf,
    },
    /// Check a curriculum folder (see content/curriculum/FORMAT.md) and import it, all
    /// or nothing; prints every problem with file and line.
    ImportCurriculum { dir: PathBuf },
    /// Write the live curriculum to a folder, one TOML file per unit.
    ExportCurriculum { dir: PathBuf },
    /// Read a scenario file (see content/scenarios/FORMAT.md) into a draft and publish
    /// it when it passes every rule; prints each problem with its line.
    ImportScenario { file: PathBuf },
    /// Write every scenario's draft to a folder, one TOML file per scenario.
    ExportScenarios { dir: PathBuf },
}
