use app::auth::{model::Role, password};
use app::state::AppState;
use clap::Parser;
use leptos::config::get_configuration;
use server::cli::{Cli, Command};
use server::config::Config;
use std::net::SocketAddr;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    init_tracing();
    let cli = Cli::parse();
    match run(cli.command.unwrap_or(Command::Serve)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("SINERGI_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let json = std::env::var("SINERGI_LOG_FORMAT")
        .map(|v| v == "json")
        .unwrap_or(false);
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn run(command: Command) -> Result<(), String> {
    let config = Config::from_env()?;
    let db = server::db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    server::db::migrate(&db)
        .await
        .map_err(|e| format!("migration: {e}"))?;
    match command {
        Command::Migrate => {
            println!("migrations applied");
            Ok(())
        }
        Command::CreateAdmin { email, name } => create_admin(&db, &email, &name).await,
        Command::ImportRoster { class, file } => import_roster(&db, class, &file).await,
        Command::ImportCurriculum { dir } => server::curriculum::import_dir(&db, &dir).await,
        Command::ExportCurriculum { dir } => server::curriculum::export_dir(&db, &dir).await,
        Command::ImportScenario { file } => server::scenarios::import_file(&db, &file).await,
        Command::ExportScenarios { dir } => server::scenarios::export_dir(&db, &dir).await,
        Command::Serve => serve(config, db).await,
    }
}

async fn serve(config: Config, db: sea_orm::DatabaseConnection) -> Result<(), String> {
    if config.seed_demo {
        let logins = server::db::seed_if_empty(&db, &config.demo_password)
            .await
            .map_err(|e| format!("seed: {e:?}"))?;
        print_logins(&logins, &config);
    }
    if server::curriculum::load_shipped_if_empty(&db).await? {
        println!("The shipped curriculum (6 units) was loaded.");
    }
    if server::scenarios::load_shipped_if_empty(&db).await? {
        println!("The shipped empathy scenarios (6) were loaded and published.");
    }
    let mut leptos = get_configuration(None).map_err(|e| e.to_string())?.leptos_options;
    leptos.site_addr = config.addr;
    app::assets::use_hashed_names_if_built(&mut leptos);
    let mut state = AppState::new(db, leptos, config.secure_cookies);
    state.max_upload_bytes = config.max_upload_bytes;
    state.zone = config.zone;
    // Statements for an LRS, when one is configured, are queued with grades.
    if let Some(lrs) = &config.lrs {
        println!("xAPI statements go to the LRS at {}", lrs.endpoint);
    }
    app::lms::xapi::configure(config.lrs.clone());
    // Grades for the LMS (and xAPI statements) wait in the outbox; this
    // delivers them in the background.
    app::lms::outbox::spawn_worker(state.clone(), config.lms_sync_every);
    let app = server::router(state, config.trust_proxy);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("bind {}: {e}", config.addr))?;
    println!("Sinergi is listening on http://{}", config.addr);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

fn print_logins(logins: &[app::seed::DemoLogin], config: &Config) {
    if logins.is_empty() {
        return;
    }
    println!(
        "\nDemo data created. Log in at http://{} with password \"{}\":",
        config.addr, config.demo_password
    );
    for l in logins {
        println!("  {:<12} {:<28} {}", l.role, l.login, l.name);
    }
    println!();
}

/// Stops accepting on Ctrl-C or SIGTERM; requests in flight are allowed to finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn create_admin(db: &sea_orm::DatabaseConnection, email: &str, name: &str) -> Result<(), String> {
    let password = match std::env::var("SINERGI_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if password.chars().count() < app::auth::model::MIN_PASSWORD_LEN {
        return Err("the password needs at least 10 characters".into());
    }
    let hash = password::hash_blocking(&password).map_err(|e| format!("{e:?}"))?;
    let id = server::db::create_user(db, email, name, &hash)
        .await
        .map_err(|e| format!("{e:?}"))?;
    app::seed::add_role(db, id, Role::Admin)
        .await
        .map_err(|e| format!("{e:?}"))?;
    println!("admin {email} created (id {id})");
    Ok(())
}

async fn import_roster(
    db: &sea_orm::DatabaseConnection,
    class: i64,
    file: &std::path::Path,
) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    match server::db::import_roster(db, class, bytes).await? {
        Ok(count) => {
            println!("{count} participants imported into class {class}");
            Ok(())
        }
        Err(issues) => {
            for i in &issues {
                eprintln!("row {}: column {}: {} ({})", i.row, i.column, i.code, i.value);
            }
            Err(format!("{} problems found; nothing was imported", issues.len()))
        }
    }
}
