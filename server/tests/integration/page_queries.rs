//! Every page a participant opens reads the database a fixed number of times,
//! whatever the size of the class: each statement is a round trip to the
//! database (on SQLite, to its worker thread), and a query per participant or
//! per item is what turns a page from thousands of requests a second into
//! hundreds. Counted on the demo class, then again with ten more participants.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{class_member, scenario_assignment};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::atomic::Ordering;

/// The most statements any participant page may send (the session, once per
/// few seconds, not included: it is read before and kept).
const MOST: usize = 10;

async fn statements(app: &TestApp, client: &Client, path: &str) -> usize {
    // Once to warm the per-server caches (session, parsed versions), then counted.
    let first = app.get(client, path).await;
    assert_eq!(first.status.as_u16(), 200, "{path}: {}", first.body);
    let before = app.queries.load(Ordering::SeqCst);
    let reply = app.get(client, path).await;
    assert_eq!(reply.status.as_u16(), 200, "{path}");
    app.queries.load(Ordering::SeqCst) - before
}

async fn count_all(app: &TestApp, client: &Client, pages: &[String]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for path in pages {
        out.push((path.clone(), statements(app, client, path).await));
    }
    out
}

both_backends!(
    participant_pages_read_a_fixed_number_of_times,
    async |app: &TestApp| {
        // As `make run` starts: demo people and classes, the shipped curriculum
        // and scenarios (assigned to the demo classes once published).
        app::seed::seed_demo(&app.db, PASSWORD).await.expect("demo data");
        server::curriculum::load_shipped_if_empty(&app.db)
            .await
            .expect("curriculum");
        server::scenarios::load_shipped_if_empty(&app.db)
            .await
            .expect("scenarios");
        let member = class_member::Entity::find()
            .filter(class_member::Column::Role.eq("participant"))
            .order_by_asc(class_member::Column::ClassId)
            .order_by_asc(class_member::Column::UserId)
            .one(&app.db)
            .await
            .expect("query")
            .expect("a demo participant");
        let class = member.class_id;
        let assignment = scenario_assignment::Entity::find()
            .filter(scenario_assignment::Column::ClassId.eq(class))
            .order_by_asc(scenario_assignment::Column::Id)
            .one(&app.db)
            .await
            .expect("query")
            .expect("a demo assignment")
            .id;
        let pages: Vec<String> = [
            "/".to_string(),
            "/classes".into(),
            format!("/classes/{class}"),
            format!("/classes/{class}/learn"),
            format!("/classes/{class}/learn/potret-empat-generasi"),
            format!("/classes/{class}/scenarios"),
            format!("/classes/{class}/scenarios/{assignment}"),
            format!("/classes/{class}/teams"),
            format!("/classes/{class}/tasks"),
            format!("/classes/{class}/mentoring"),
            "/account/password".into(),
        ]
        .into();
        let client = app.session(member.user_id).await;
        let demo = count_all(app, &client, &pages).await;
        for i in 0..10 {
            let id = app
                .user(&format!("Peserta Tambahan {i}"), &[Role::Participant])
                .await;
            app.enrol(id, class, Membership::Participant).await;
        }
        let bigger = count_all(app, &client, &pages).await;
        for ((path, small), (_, big)) in demo.iter().zip(&bigger) {
            assert_eq!(
                small, big,
                "{path}: {small} statements, {big} with ten more participants"
            );
            assert!(*small <= MOST, "{path}: {small} statements, more than {MOST}");
        }
        eprintln!("statements per page: {demo:?}");
    }
);

/// Every pooled SQLite connection plans a statement once: with the planner's
/// stability guarantee off, a statement with `LIMIT ?` (every `.one()`) was
/// parsed and planned again at each run. Three connections held at once, so
/// the pool opens more than its first.
#[tokio::test]
async fn sqlite_connections_keep_their_plans() {
    let file = std::env::temp_dir().join(format!("sinergi-plans-{}.db", std::process::id()));
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let db = server::db::connect(&url).await.expect("connect");
    let pool = db.get_sqlite_connection_pool();
    let held = [
        pool.acquire().await.expect("first"),
        pool.acquire().await.expect("second"),
        pool.acquire().await.expect("third"),
    ];
    drop(held);
    for _ in 0..3 {
        assert!(
            server::db::plans_are_stable(&db).await.expect("read the setting"),
            "a pooled SQLite connection re-plans its statements"
        );
    }
    db.close().await.expect("close");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
}
