//! Upgrades lose nothing, on SQLite and PostgreSQL: a database made by an
//! earlier release, with rows in every one of its tables
//! (`tests/fixtures/release-*.sql`), is migrated to the current schema, and
//! every row and every value it held is still there and still readable
//! through the app's entities; new rows go in after it. The fixture must
//! cover every table of its release, so a table added without fixture rows
//! fails here. Every release adds its fixture to `RELEASES` (see
//! `tests/fixtures/README.md` and `docs/upgrades.md`).
use crate::common::{pg_admin_url, Backend};
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Database, DatabaseConnection, EntityName,
    EntityTrait, Statement,
};
use std::collections::{BTreeMap, BTreeSet};

/// A release: its fixture, and its migrations (how many, and the last one's
/// name, so a migration slipped in before it is noticed).
struct Release {
    fixture: &'static str,
    migrations: usize,
    last: &'static str,
}

const RELEASES: &[Release] = &[Release {
    fixture: "release-2026-12-04.sql",
    migrations: 9,
    last: "m20261204_000009_lti_identity",
}];

/// Columns a later migration rewrites or drops on purpose, as
/// (release fixture, table, column): their old values are not compared.
/// Empty: no migration since 2026-12-04 changes a stored value.
const CHANGED: &[(&str, &str, &str)] = &[];

const MIGRATIONS_TABLE: &str = "seaql_migrations";

/// Every row of a table as text, per column, sorted: (columns, rows).
type Dump = (Vec<String>, Vec<Vec<Option<String>>>);

struct Db {
    conn: DatabaseConnection,
    backend: Backend,
    cleanup: Option<(String, String)>,
}

async fn fresh(backend: Backend) -> Option<Db> {
    let name = format!("sinergi_up_{}", uuid::Uuid::new_v4().simple());
    let (url, cleanup) = match backend {
        Backend::Sqlite => {
            std::fs::create_dir_all("../target/test-dbs").expect("test db dir");
            (format!("sqlite://../target/test-dbs/{name}.db?mode=rwc"), None)
        }
        Backend::Postgres => {
            let admin = pg_admin_url()?;
            let conn = Database::connect(&admin).await.expect("connect to PostgreSQL");
            conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create db");
            conn.close().await.ok();
            let base = admin.rsplit_once('/').expect("url has a database").0.to_string();
            (format!("{base}/{name}"), Some((admin, name)))
        }
    };
    let conn = server::db::connect(&url).await.expect("connect");
    Some(Db {
        conn,
        backend,
        cleanup,
    })
}

impl Db {
    async fn finish(self) {
        self.conn.close().await.ok();
        if let Some((admin, name)) = self.cleanup {
            let conn = Database::connect(&admin).await.expect("connect");
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .ok();
        }
    }

    fn statement(&self, sql: &str) -> Statement {
        Statement::from_string(self.conn.get_database_backend(), sql)
    }

    async fn strings(&self, sql: &str) -> Vec<String> {
        self.conn
            .query_all_raw(self.statement(sql))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).expect("a text column"))
            .collect()
    }

    /// The app's tables (the migrations' own bookkeeping left out).
    async fn tables(&self) -> BTreeSet<String> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            }
        };
        let mut all: BTreeSet<String> = self.strings(sql).await.into_iter().collect();
        assert!(all.remove(MIGRATIONS_TABLE), "{all:?}");
        all
    }

    async fn columns(&self, table: &str) -> Vec<String> {
        let sql = match self.backend {
            Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            Backend::Postgres => format!(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = '{table}' \
                 ORDER BY ordinal_position"
            ),
        };
        self.strings(&sql).await
    }

    async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM \"{table}\"");
        let row = self
            .conn
            .query_one_raw(self.statement(&sql))
            .await
            .expect(&sql)
            .expect("a count");
        row.try_get_by_index::<i64>(0).expect("count")
    }

    /// `columns` of every row of `table`, each value as the database writes it as text.
    async fn dump(&self, table: &str, columns: &[String]) -> Vec<Vec<Option<String>>> {
        let cells: Vec<String> = columns.iter().map(|c| format!("CAST(\"{c}\" AS TEXT)")).collect();
        let sql = format!("SELECT {} FROM \"{table}\"", cells.join(", "));
        let mut rows: Vec<Vec<Option<String>>> = self
            .conn
            .query_all_raw(self.statement(&sql))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .iter()
            .map(|r| {
                (0..columns.len())
                    .map(|i| r.try_get_by_index::<Option<String>>(i).expect("text"))
                    .collect()
            })
            .collect();
        rows.sort();
        rows
    }

    async fn dump_all(&self) -> BTreeMap<String, Dump> {
        let mut all = BTreeMap::new();
        for table in self.tables().await {
            let columns = self.columns(&table).await;
            let rows = self.dump(&table, &columns).await;
            all.insert(table, (columns, rows));
        }
        all
    }

    /// After explicit ids, each PostgreSQL sequence continues after the
    /// largest id, as it would in a database the release itself filled.
    async fn reset_sequences(&self) {
        if self.backend != Backend::Postgres {
            return;
        }
        let sql = "SELECT CAST(table_name AS TEXT) || '.' || CAST(column_name AS TEXT) \
                   FROM information_schema.columns WHERE table_schema = current_schema() \
                   AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL";
        for pair in self.strings(sql).await {
            let (table, column) = pair.split_once('.').expect("table.column");
            let setval = format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), \
                 COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)"
            );
            self.conn.execute_unprepared(&setval).await.expect(&setval);
        }
    }
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every row of every table read through the current entities (so every
/// upgraded value still decodes), and the tables so read.
async fn read_through_entities(db: &DatabaseConnection) -> BTreeMap<String, usize> {
    let mut read = BTreeMap::new();
    macro_rules! read {
        ($($entity:ident),* $(,)?) => {$(
            let rows = app::entities::$entity::Entity::find()
                .all(db)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", stringify!($entity)));
            read.insert(app::entities::$entity::Entity.table_name().to_string(), rows.len());
        )*};
    }
    read!(
        check_answer,
        class,
        class_member,
        class_survey,
        class_unit_release,
        cur_block,
        cur_lesson,
        cur_unit,
        evaluation_setting,
        evaluator_assignment,
        generation_scheme,
        lesson_completion,
        login_attempt,
        lti_account,
        lti_context,
        lti_deep_link,
        lti_deployment,
        lti_identity_log,
        lti_invite,
        lti_key,
        lti_launch_code,
        lti_login,
        lti_outbox,
        lti_platform,
        mentoring_goal,
        mentoring_pair,
        mentoring_run,
        mentoring_session,
        moderation,
        programme,
        programme_band,
        reflection,
        roster_upload,
        rubric,
        rubric_version,
        scenario,
        scenario_assignment,
        scenario_attempt,
        scenario_step,
        scenario_version,
        score,
        score_audit,
        session,
        submission_file,
        survey_answer,
        task_submission,
        team,
        team_member,
        team_pair_rule,
        team_set,
        team_task,
        user,
        user_role,
    );
    read
}

async fn upgrade_keeps_every_row(backend: Backend, release: &Release) {
    let Some(db) = fresh(backend).await else {
        eprintln!("SINERGI_SKIP_PG=1: skipped");
        return;
    };
    let all = Migrator::migrations();
    assert!(all.len() >= release.migrations, "{}", release.fixture);
    assert_eq!(
        all[release.migrations - 1].name(),
        release.last,
        "{}: the release's last migration is no longer at its place",
        release.fixture
    );
    Migrator::up(&db.conn, Some(release.migrations as u32))
        .await
        .expect("migrate to the release");
    let release_tables = db.tables().await;
    db.conn
        .execute_unprepared(&fixture(release.fixture))
        .await
        .unwrap_or_else(|e| panic!("{} on {backend:?}: {e}", release.fixture));
    db.reset_sequences().await;

    // The fixture fills every table the release had.
    let mut before = BTreeMap::new();
    for table in &release_tables {
        let n = db.count(table).await;
        assert!(n > 0, "{}: no rows for table {table}", release.fixture);
        before.insert(table.clone(), n);
    }
    let old = db.dump_all().await;

    server::db::migrate(&db.conn)
        .await
        .expect("migrate to the current schema");

    // Same tables, same rows, same values in every column the release had.
    let now = db.tables().await;
    let new = db.dump_all().await;
    for (table, (columns, rows)) in &old {
        assert!(now.contains(table), "table {table} is gone");
        assert_eq!(db.count(table).await, before[table], "rows of {table}");
        let kept: Vec<String> = columns
            .iter()
            .filter(|c| !CHANGED.contains(&(release.fixture, table.as_str(), c.as_str())))
            .cloned()
            .collect();
        let (now_columns, _) = &new[table];
        for c in &kept {
            assert!(now_columns.contains(c), "column {table}.{c} is gone");
        }
        let keep = |cols: &[String], rows: &[Vec<Option<String>>]| {
            let at: Vec<usize> = kept
                .iter()
                .map(|c| cols.iter().position(|x| x == c).expect("column"))
                .collect();
            let mut out: Vec<Vec<Option<String>>> = rows
                .iter()
                .map(|r| at.iter().map(|i| r[*i].clone()).collect())
                .collect();
            out.sort();
            out
        };
        assert_eq!(
            keep(now_columns, &new[table].1),
            keep(columns, rows),
            "values of {table} after the upgrade ({backend:?})"
        );
    }

    // Every table of the current schema reads back through its entity.
    let read = read_through_entities(&db.conn).await;
    let read_tables: BTreeSet<String> = read.keys().cloned().collect();
    assert_eq!(read_tables, now, "every table has an entity read here");
    for (table, n) in &before {
        assert_eq!(read[table] as i64, *n, "{table} through its entity");
    }
    spot_check(&db.conn).await;
    insert_after(&db.conn).await;
    db.finish().await;
}

/// A few values of the 2026-12-04 fixture as the app sees them, quoting and
/// all (later fixtures start from it, so its rows stay in every one).
async fn spot_check(db: &DatabaseConnection) {
    use app::entities::{lti_platform, programme_band, reflection, score, submission_file, user};
    let u = user::Entity::find_by_id(4)
        .one(db)
        .await
        .unwrap()
        .expect("user 4");
    assert_eq!(u.full_name, "Ma'ruf Ämin Ñoto — \"Pak RT\"");
    assert_eq!(u.nip.as_deref(), Some("196412311990031004"));
    let inactive = user::Entity::find_by_id(5)
        .one(db)
        .await
        .unwrap()
        .expect("user 5");
    assert!(!inactive.active && inactive.email.is_some() && inactive.golongan.is_none());
    let s = score::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .expect("score 1");
    assert_eq!(
        (s.total, s.revision, s.status.as_str()),
        (Some(80.0), 1765360800000, "submitted")
    );
    assert_eq!(s.comments, "[\"Runtut, \"\"jelas\"\"\",\"=1+1 bukan rumus\"]");
    let draft = score::Entity::find_by_id(2)
        .one(db)
        .await
        .unwrap()
        .expect("score 2");
    assert_eq!((draft.total, draft.submitted_at), (None, None));
    let r = reflection::Entity::find()
        .one(db)
        .await
        .unwrap()
        .expect("a reflection");
    assert!(
        r.body.contains("menilai.\nBaris kedua") && r.revision == 1764644700123,
        "{r:?}"
    );
    let p = lti_platform::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .expect("platform");
    assert!(p.trust_identity);
    let b = programme_band::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .expect("bands");
    assert!(b.show_names && b.bands.contains("Memuaskan"));
    let f = submission_file::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .expect("file");
    assert_eq!(f.content, b"Rencana komunikasi tim A.\n".to_vec());
}

/// New rows after the upgrade get fresh ids (PostgreSQL's sequences were not
/// left behind by the release's explicit ids).
async fn insert_after(db: &DatabaseConnection) {
    use app::entities::{programme, user};
    let now = chrono::Utc::now();
    let programmes = programme::Entity::find().all(db).await.unwrap();
    let p = programme::ActiveModel {
        name: Set("Program setelah pembaruan".into()),
        description: Set(String::new()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert a programme after the upgrade");
    assert!(programmes.iter().all(|old| old.id < p.id), "{}", p.id);
    let users = user::Entity::find().all(db).await.unwrap();
    let u = user::ActiveModel {
        full_name: Set("Peserta Baru".into()),
        unit_kerja: Set(String::new()),
        jabatan: Set(String::new()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert a user after the upgrade");
    assert!(users.iter().all(|old| old.id < u.id), "{}", u.id);
}

#[tokio::test]
async fn every_release_upgrades_on_sqlite() {
    for release in RELEASES {
        upgrade_keeps_every_row(Backend::Sqlite, release).await;
    }
}

#[tokio::test]
async fn every_release_upgrades_on_postgres() {
    for release in RELEASES {
        upgrade_keeps_every_row(Backend::Postgres, release).await;
    }
}

/// The fixtures directory holds exactly the releases listed here.
#[test]
fn every_fixture_is_a_listed_release() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("release-") && n.ends_with(".sql"))
        .collect();
    let listed: BTreeSet<String> = RELEASES.iter().map(|r| r.fixture.to_string()).collect();
    assert_eq!(on_disk, listed);
}
