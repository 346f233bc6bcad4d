//! The curriculum in the database, on SQLite and PostgreSQL: the shipped content
//! loads into an empty database, export → import into another empty database →
//! export is lossless, and a re-import keeps row ids (so progress stays attached)
//! while retiring what disappeared.
use crate::common::*;
use app::curriculum::domain::export::export_curriculum;
use app::curriculum::domain::format::parse_curriculum;
use app::curriculum::store;
use app::entities::{cur_block, cur_lesson, cur_unit};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};

both_backends!(shipped_content_round_trips_losslessly, async |app: &TestApp| {
    assert!(store::load_shipped_if_empty(&app.db).await.unwrap());
    assert!(
        !store::load_shipped_if_empty(&app.db).await.unwrap(),
        "only into an empty database"
    );
    let from_db = store::export(&app.db).await.unwrap();
    assert_eq!(
        from_db,
        store::shipped().unwrap(),
        "what the database holds is what was shipped"
    );

    // Through files and into a second, empty database.
    let files = export_curriculum(&from_db);
    let parsed = parse_curriculum(&files).unwrap();
    let other = TestApp::new(Backend::Sqlite).await.unwrap();
    let txn = other.db.begin().await.unwrap();
    store::import(&txn, &parsed).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(store::export(&other.db).await.unwrap(), from_db);
    other.finish().await;
});

both_backends!(
    reimport_keeps_ids_and_retires_what_is_gone,
    async |app: &TestApp| {
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let mut edited = store::shipped().unwrap();
        let first_lesson_key = edited.units[0].lessons[0].key.clone();
        let id_before = cur_lesson::Entity::find()
            .filter(cur_lesson::Column::Key.eq(&first_lesson_key))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        edited.units[0].lessons[0].title.en = "A new title".into();
        let gone = edited.units.pop().unwrap();
        let txn = app.db.begin().await.unwrap();
        let counts = store::import(&txn, &edited).await.unwrap();
        txn.commit().await.unwrap();

        let lesson = cur_lesson::Entity::find()
            .filter(cur_lesson::Column::Key.eq(&first_lesson_key))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((lesson.id, lesson.title_en.as_str()), (id_before, "A new title"));
        let retired_units = cur_unit::Entity::find()
            .filter(cur_unit::Column::Retired.eq(true))
            .all(&app.db)
            .await
            .unwrap();
        let retired: Vec<&str> = retired_units.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(retired, [gone.key.as_str()]);
        let gone_blocks: usize = gone.lessons.iter().map(|l| l.blocks.len()).sum();
        assert_eq!(counts.retired as usize, 1 + gone.lessons.len() + gone_blocks);
        assert!(
            cur_block::Entity::find().count(&app.db).await.unwrap() as usize >= gone_blocks,
            "nothing deleted"
        );
        assert_eq!(
            store::export(&app.db).await.unwrap(),
            edited,
            "export shows only live content"
        );
    }
);
