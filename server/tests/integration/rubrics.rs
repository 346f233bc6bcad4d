//! Rubrics through the router, on SQLite and PostgreSQL: a template is
//! copied into a class, edited through the editor's nested form (weights
//! that total 95 are refused with the total), frozen once used and then
//! versioned, imported from CSV with line-precise errors and exported; all
//! of it for the class's facilitators and admins only.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{rubric, rubric_version};
use app::error::AppError;
use app::rubrics::domain::rubric::Rubric;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// The editor's form for `r`, as the browser posts it.
fn form_of(class_id: i64, rubric_id: i64, r: &Rubric) -> Vec<(String, String)> {
    let mut f = vec![
        ("class_id".to_string(), class_id.to_string()),
        ("rubric".into(), rubric_id.to_string()),
        ("title".into(), r.title.clone()),
        ("description".into(), r.description.clone()),
    ];
    for (i, c) in r.criteria.iter().enumerate() {
        f.push((format!("criteria[{i}][title]"), c.title.clone()));
        f.push((format!("criteria[{i}][description]"), c.description.clone()));
        f.push((format!("criteria[{i}][weight]"), c.weight.to_string()));
        for (j, l) in c.levels.iter().enumerate() {
            let name = |field: &str| format!("criteria[{i}][levels][{j}][{field}]");
            f.push((name("label"), l.label.clone()));
            f.push((name("descriptor"), l.descriptor.clone()));
            f.push((name("min"), l.min.to_string()));
            f.push((name("max"), l.max.to_string()));
        }
        // The empty level row the editor always offers.
        f.push((
            format!("criteria[{i}][levels][{}][label]", c.levels.len()),
            String::new(),
        ));
    }
    f
}

/// The editor's "Simpan rubrik" button.
async fn save(app: &TestApp, client: &Client, fields: &[(String, String)]) -> Reply {
    let mut saving = fields.to_vec();
    saving.push(("save".into(), "1".into()));
    preview(app, client, &saving).await
}

/// The hydrated editor posting itself as the facilitator types (no `save`).
async fn preview(app: &TestApp, client: &Client, fields: &[(String, String)]) -> Reply {
    let borrowed: Vec<(&str, String)> = fields.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    app.call(client, "/api/save_rubric", &borrowed).await
}

async fn newest(app: &TestApp, rubric_id: i64) -> (i32, Rubric, bool) {
    let v = rubric_version::Entity::find()
        .filter(rubric_version::Column::RubricId.eq(rubric_id))
        .order_by_desc(rubric_version::Column::Number)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    (v.number, serde_json::from_str(&v.body).unwrap(), v.frozen)
}

/// A class (`Kelas {name}`), its facilitator, and the collaboration template
/// copied into it by that facilitator through the router.
async fn copied_template(app: &TestApp, name: &str) -> (i64, Client, i64) {
    let class = app.class(&format!("Kelas {name}")).await;
    let f = app
        .user(&format!("Fasilitator {name}"), &[Role::Facilitator])
        .await;
    app.enrol(f, class, Membership::Facilitator).await;
    let facilitator = app.session(f).await;
    let copy = [
        ("class_id", class.to_string()),
        ("template", "kolaborasi-tim".to_string()),
    ];
    let r = app.call(&facilitator, "/api/copy_rubric_template", &copy).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
    let rubric_id = rubric::Entity::find().one(&app.db).await.unwrap().unwrap().id;
    (class, facilitator, rubric_id)
}

both_backends!(
    rubrics_are_copied_edited_versioned_imported_and_exported,
    async |app: &TestApp| {
        let (class, facilitator, rubric_id) = copied_template(app, "Rubrik").await;
        let (number, body, _) = newest(app, rubric_id).await;
        assert_eq!(
            (number, body.title.as_str()),
            (1, "Kolaborasi tim lintas generasi")
        );

        // While typing: the live preview, nothing stored; at 95 the error already shows.
        let live = preview(app, &facilitator, &form_of(class, rubric_id, &body)).await;
        let line: String = serde_json::from_str(&live.body).unwrap();
        assert!(
            line.starts_with("Jumlah bobot 100 %") && line.contains("100,0"),
            "{line}"
        );
        let mut bad = body.clone();
        bad.criteria[0].weight -= 5;
        let r = preview(app, &facilitator, &form_of(class, rubric_id, &bad)).await;
        assert!(
            matches!(r.error(), Some(AppError::Invalid(e)) if e.contains_key("weights")),
            "{r:?}"
        );
        assert_eq!(newest(app, rubric_id).await.1, body);

        // Saving weights that total 95: refused, with the total, and nothing stored.
        let r = save(app, &facilitator, &form_of(class, rubric_id, &bad)).await;
        let Some(AppError::Invalid(errors)) = r.error() else {
            panic!("{r:?}")
        };
        let text = format!("{:?}", errors.get("weights"));
        assert!(text.contains("95"), "{text}");
        assert_eq!(newest(app, rubric_id).await.1, body);

        // A valid edit while unused changes version 1 in place.
        let mut edited = body.clone();
        edited.criteria[0].weight -= 5;
        edited.criteria[1].weight += 5;
        edited.criteria[0].title = "Pembagian peran yang adil".into();
        let r = save(app, &facilitator, &form_of(class, rubric_id, &edited)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        assert_eq!(newest(app, rubric_id).await, (1, edited.clone(), false));

        // Once a score uses it, it is frozen: the next edit is version 2.
        let v1 = rubric_version::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        app::rubrics::store::freeze(&app.db, v1.id).await.unwrap();
        let mut again = edited.clone();
        again.criteria.remove(3);
        again.criteria[2].weight += 20;
        let r = save(app, &facilitator, &form_of(class, rubric_id, &again)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        assert_eq!(newest(app, rubric_id).await, (2, again, false));
        let kept: Rubric = serde_json::from_str(
            &rubric_version::Entity::find_by_id(v1.id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .body,
        )
        .unwrap();
        assert_eq!(kept, edited, "the frozen version is never edited");

        // Scores read their version through a per-server cache of frozen
        // versions: the frozen one is parsed once, the newest (unfrozen) one
        // is read afresh, so an edit in place shows at once.
        let cache = app::rubrics::store::FrozenVersions::default();
        let (v, first) = app::rubrics::store::version_body(&app.db, &cache, v1.id)
            .await
            .unwrap();
        assert!(v.frozen);
        assert_eq!(*first, edited);
        let (_, second) = app::rubrics::store::version_body(&app.db, &cache, v1.id)
            .await
            .unwrap();
        assert!(
            std::sync::Arc::ptr_eq(&first, &second),
            "a frozen version is parsed once"
        );
        let v2 = rubric_version::Entity::find()
            .filter(rubric_version::Column::Number.eq(2))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let (v, before) = app::rubrics::store::version_body(&app.db, &cache, v2.id)
            .await
            .unwrap();
        assert!(!v.frozen);
        let mut retitled = (*before).clone();
        retitled.criteria[0].description =
            "Setiap anggota, muda atau senior, mendapat peran yang jelas.".into();
        let r = save(app, &facilitator, &form_of(class, rubric_id, &retitled)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        let (_, after) = app::rubrics::store::version_body(&app.db, &cache, v2.id)
            .await
            .unwrap();
        assert_eq!(
            *after, retitled,
            "an unfrozen version is never served from the cache"
        );

        // CSV import: a bad row is named by its line; a good file makes a rubric.
        let csv = "criterion,weight,level,min_points,max_points\nKomunikasi,100,Baik,3,\n,,Cukup,dua,\n";
        let fields = [
            ("class_id", class.to_string()),
            ("title", "Rubrik impor".to_string()),
        ];
        let r = app
            .upload_file(
                &facilitator,
                "/api/import_rubric",
                &fields,
                "r.csv",
                csv.as_bytes(),
            )
            .await;
        let Some(AppError::Invalid(errors)) = r.error() else {
            panic!("{r:?}")
        };
        assert_eq!(errors.keys().collect::<Vec<_>>(), vec!["file:3"]);
        let good = csv.replace("dua", "2");
        let r = app
            .upload_file(
                &facilitator,
                "/api/import_rubric",
                &fields,
                "r.csv",
                good.as_bytes(),
            )
            .await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        assert_eq!(rubric::Entity::find().count(&app.db).await.unwrap(), 2);

        // Export, and the page, for the facilitator only.
        let export = format!("/classes/{class}/rubrics/{rubric_id}/export.csv");
        let r = app.get(&facilitator, &export).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.body.starts_with("criterion,criterion_description,weight"),
            "{}",
            r.body
        );
        assert!(r.body.contains("Pembagian peran yang adil"));
        let page = app
            .get_json(
                &facilitator,
                &format!("/api/rubric_page?class_id={class}&rubric={rubric_id}"),
            )
            .await;
        assert!(page.body.contains("Pembagian peran yang adil"), "{}", page.body);
        let others = [
            ("Peserta Rubrik", Role::Participant, Membership::Participant),
            ("Penilai Rubrik", Role::Evaluator, Membership::Evaluator),
        ];
        for (name, role, membership) in others {
            let u = app.user(name, &[role]).await;
            app.enrol(u, class, membership).await;
            let client = app.session(u).await;
            assert_eq!(app.get(&client, &export).await.status, StatusCode::FORBIDDEN);
            let copy = [
                ("class_id", class.to_string()),
                ("template", "kolaborasi-tim".to_string()),
            ];
            let r = app.call(&client, "/api/copy_rubric_template", &copy).await;
            assert_eq!(r.error(), Some(AppError::Forbidden));
        }
    }
);

both_backends!(
    the_csv_export_neutralises_formulas_and_imports_back,
    async |app: &TestApp| {
        let (class, facilitator, rubric_id) = copied_template(app, "Rubrik Formula").await;
        let (_, mut body, _) = newest(app, rubric_id).await;
        body.criteria[0].title = HOSTILE_CELLS[0].into();
        body.criteria[0].description = HOSTILE_CELLS[3].into();
        body.criteria[0].levels[0].label = HOSTILE_CELLS[1].into();
        body.criteria[0].levels[1].descriptor = HOSTILE_CELLS[2].into();
        let r = save(app, &facilitator, &form_of(class, rubric_id, &body)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        assert_eq!(newest(app, rubric_id).await.1, body);

        let export = format!("/classes/{class}/rubrics/{rubric_id}/export.csv");
        let r = app.get(&facilitator, &export).await;
        assert_eq!(r.status, StatusCode::OK);
        let rows = csv_cells(&r.body);
        assert_eq!(rows[1][0], neutralised(HOSTILE_CELLS[0]));
        assert_eq!(rows[1][1], neutralised(HOSTILE_CELLS[3]));
        assert_eq!(
            rows[1][2],
            body.criteria[0].weight.to_string(),
            "numbers stay numbers"
        );
        assert_eq!(rows[1][3], neutralised(HOSTILE_CELLS[1]));
        assert_eq!(rows[2][4], neutralised(HOSTILE_CELLS[2]));

        // The export imports back into the same criteria, the `'` dropped again.
        let fields = [("class_id", class.to_string()), ("title", body.title.clone())];
        let r = app
            .upload_file(
                &facilitator,
                "/api/import_rubric",
                &fields,
                "r.csv",
                r.body.as_bytes(),
            )
            .await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        let imported = rubric::Entity::find()
            .filter(rubric::Column::Id.ne(rubric_id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(newest(app, imported.id).await.1.criteria, body.criteria);
    }
);
