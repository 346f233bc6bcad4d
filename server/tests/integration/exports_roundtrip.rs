//! Every CSV and XLSX download the app offers, read back as a spreadsheet
//! would, on SQLite and PostgreSQL, after filling it with hostile text
//! (delimiters, quotes, line breaks, formulas, non-ASCII): a task's and a
//! scenario's evaluation (`scores.csv`, `results.csv`, `agreement.csv`,
//! `scores.xlsx`), a rubric (`export.csv`) and a scenario's decisions
//! (`decisions.csv`). Each CSV parses with `flexible(false)` as one table,
//! every record as wide as its header, every value as put in (formula-like
//! text behind the `'` of `csv_out::neutralise`); each worksheet has its
//! header's columns and every value as put in (text as typed, plain numbers
//! as numbers, never a formula).
use crate::common::exports::{csv_table, xlsx_rows, XlsxCell};
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::csv_out::{is_plain_number, neutralise};
use app::evaluation::export::{target_tables, Table};
use app::i18n::Locale;
use app::results::target::Target;
use app::rubrics::domain::rubric::Rubric;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

/// Evaluators' and participants' names as LMS rosters send them.
const NAMES: [&str; 3] = [
    "=HYPERLINK(\"http://x\",\"klik\")",
    "Wijaya, Agus \"Gus\"",
    "Ni Made Ñoño\nÜmit — 日本語 ✓",
];
/// Comments per criterion (trimmed when saved, so none starts with a space).
const COMMENTS: [&str; 4] = [
    "=1+1",
    "koma, \"kutip\"\nbaris baru",
    "@SUM(A1); -2+3",
    "Ñ — 日本語 ✓ 'kutip'",
];
const REASON: &str = "+62 selisih, \"dua\" tingkat\n=SUM(B2:B9)";
const REFLECTION: &str = "Saya akan bertanya, \"mengapa?\"\n=1+1 lalu mendengar — 日本語 ✓";

fn ok(r: &Reply) {
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
}

async fn post(app: &TestApp, c: &Client, path: &str, fields: &[(String, String)]) -> Reply {
    let borrowed: Vec<(&str, String)> = fields.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    app.call(c, path, &borrowed).await
}

/// A copy of `template` with hostile titles, descriptions and level labels.
fn hostile_rubric(template: &str) -> Rubric {
    let mut body = app::rubrics::templates::find(template)
        .unwrap()
        .rubric(Locale::Id)
        .clone();
    body.criteria[0].title = format!("=1+1 {}, \"jelas\"", body.criteria[0].title);
    body.criteria[0].description = "baris satu\nbaris dua, \"kutip\"; =A1".into();
    body.criteria[0].levels[0].label = "+Sangat baik, \"sekali\"".into();
    body.criteria[1].title = format!("{} — 日本語 ✓", body.criteria[1].title);
    body.criteria[1].levels[1].descriptor = "-2+3\nbaris, \"kutip\"".into();
    body
}

async fn rubric(app: &TestApp, class: i64, author: i64, body: &Rubric) -> i64 {
    app::rubrics::store::create(&app.db, class, author, body, None)
        .await
        .unwrap()
        .unwrap()
}

/// A scoring form with the hostile comments in turn.
fn with_comments(mut fields: Vec<(String, String)>) -> Vec<(String, String)> {
    for (k, v) in fields.iter_mut() {
        if let Some(i) = k.strip_prefix("c[").and_then(|k| k.strip_suffix("][comment]")) {
            *v = COMMENTS[i.parse::<usize>().unwrap() % COMMENTS.len()].to_string();
        }
    }
    fields
}

async fn csv_of(app: &TestApp, c: &Client, url: &str) -> Vec<Vec<String>> {
    let bytes = download(app, c, url).await;
    let text = String::from_utf8(bytes).expect("UTF-8");
    csv_table(&text)
}

fn neutralised_row(row: &[String]) -> Vec<String> {
    row.iter().map(|c| neutralise(c).into_owned()).collect()
}

/// A CSV that is exactly `table`: its header, then its rows, every record
/// as wide as the header, every cell as the neutraliser writes it, and no
/// cell a spreadsheet would run as a formula.
fn assert_csv_is(rows: &[Vec<String>], table: &Table, what: &str) {
    let width = table.header.len();
    assert_eq!(
        rows.len(),
        table.rows.len() + 1,
        "{what}: a header and one record per row"
    );
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), width, "{what}: record {i} as wide as the header");
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || is_plain_number(cell),
                "{what}: formula-like cell {cell:?}"
            );
        }
    }
    assert_eq!(rows[0], neutralised_row(&table.header), "{what}: header");
    for (got, put) in rows[1..].iter().zip(&table.rows) {
        assert_eq!(got, &neutralised_row(put), "{what}");
    }
}

/// A worksheet that is exactly `table`: the header, then every row with no
/// cell beyond the header's columns; text as typed (no `'`), plain numbers
/// as numbers, empty text as a blank cell, and no formula anywhere.
fn assert_sheet_is(sheet: &[Vec<Option<XlsxCell>>], table: &Table, what: &str) {
    let width = table.header.len();
    assert_eq!(sheet.len(), table.rows.len() + 1, "{what}: rows");
    let header: Vec<Option<XlsxCell>> = table
        .header
        .iter()
        .map(|h| Some(XlsxCell::Text(h.clone())))
        .collect();
    assert_eq!(sheet[0], header, "{what}: header");
    for (got, put) in sheet[1..].iter().zip(&table.rows) {
        assert!(got.len() <= width, "{what}: a cell beyond the header: {got:?}");
        assert_eq!(put.len(), width, "{what}: the table's own row {put:?}");
        for (c, value) in put.iter().enumerate() {
            let expected = match value.parse::<f64>() {
                _ if value.is_empty() => None,
                Ok(n) if is_plain_number(value) => Some(XlsxCell::Number(n)),
                _ => Some(XlsxCell::Text(value.clone())),
            };
            assert_eq!(
                got.get(c).cloned().flatten(),
                expected,
                "{what}: column {c} of {put:?}"
            );
        }
    }
}

/// The three CSVs and the workbook of an evaluation, each checked against
/// the tables the app gathers; returns the CSVs by table name.
async fn evaluation_exports(
    app: &TestApp,
    c: &Client,
    base: &str,
    target: Target,
) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let class = app::entities::class::Entity::find_by_id(target.class_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let tables = target_tables(&app.state, &class, target, Locale::Id)
        .await
        .unwrap();
    assert_eq!(
        tables.iter().map(|t| t.name).collect::<Vec<_>>(),
        ["scores", "results", "agreement"]
    );
    let mut csvs = Vec::new();
    for table in &tables {
        let url = format!("{base}/{}.csv", table.name);
        let rows = csv_of(app, c, &url).await;
        assert_csv_is(&rows, table, &url);
        csvs.push((table.name, rows));
    }
    let xlsx = download(app, c, &format!("{base}/scores.xlsx")).await;
    for (n, table) in tables.iter().enumerate() {
        let sheet = xlsx_rows(&xlsx, n + 1);
        assert_sheet_is(&sheet, table, &format!("{base}/scores.xlsx sheet {}", n + 1));
    }
    let workbook = xlsx_part(&xlsx, "xl/workbook.xml");
    assert_eq!(workbook.matches("<sheet ").count(), 3, "{workbook}");
    csvs
}

fn table<'a>(csvs: &'a [(&'static str, Vec<Vec<String>>)], name: &str) -> &'a [Vec<String>] {
    &csvs.iter().find(|(n, _)| *n == name).expect(name).1
}

/// A rubric's CSV: one table of the documented columns, the hostile cells
/// neutralised, and it imports back into the same rubric.
async fn rubric_export(app: &TestApp, c: &Client, class: i64, id: i64, body: &Rubric) {
    let url = format!("/classes/{class}/rubrics/{id}/export.csv");
    let text = String::from_utf8(download(app, c, &url).await).unwrap();
    let rows = csv_table(&text);
    let levels: usize = body.criteria.iter().map(|c| c.levels.len()).sum();
    assert_eq!(rows.len(), levels + 1, "{url}");
    assert!(rows.iter().all(|r| r.len() == 7), "{url}: {rows:?}");
    assert_eq!(rows[0][0], "criterion");
    assert_eq!(rows[1][0], neutralise(&body.criteria[0].title));
    assert_eq!(rows[1][1], neutralise(&body.criteria[0].description));
    assert_eq!(rows[1][3], neutralise(&body.criteria[0].levels[0].label));
    // The documented columns have no place for the rubric's own description
    // (the JSON export carries it): everything else imports back as it was.
    let expected = Rubric {
        description: String::new(),
        ..body.clone()
    };
    assert_eq!(
        app::rubrics::domain::io::from_csv(&body.title, &text),
        Ok(expected),
        "{url} imports back"
    );
}

both_backends!(
    a_task_evaluation_and_its_rubric_export_as_tables,
    async |app: &TestApp| {
        let class = app.class("Kelas Ekspor, \"Uji\"").await;
        let f = app.user("Fasilitator Ekspor", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let facilitator = app.session(f).await;
        for name in ["Peserta Satu", "Peserta Dua", "Peserta Tiga", "Peserta Empat"] {
            let p = app.user(name, &[Role::Participant]).await;
            app.enrol(p, class, Membership::Participant).await;
        }
        let mut form = vec![
            ("class_id", class.to_string()),
            ("mode", "count".into()),
            ("n", "1".into()),
        ];
        for w in ["w_mix", "w_isolation", "w_units", "w_level", "w_skill"] {
            form.push((w, "1".into()));
        }
        ok(&app.call(&facilitator, "/api/form_class_teams", &form).await);
        ok(&app
            .call(
                &facilitator,
                "/api/publish_teams",
                &[("class_id", class.to_string())],
            )
            .await);
        let team = app::entities::team::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let body = hostile_rubric("kolaborasi-tim");
        let rubric_id = rubric(app, class, f, &body).await;
        let task = app::tasks::store::create(
            &app.db,
            class,
            app::tasks::store::NewTask {
                title: "Rencana, \"komunikasi\"".into(),
                brief: "Susun rencana.".into(),
                due_at: chrono::Utc::now() + chrono::Duration::days(3),
                policy: app::teams::domain::submissions::LatePolicy::Accepted,
                rubric_id: None,
            },
        )
        .await
        .unwrap();
        let settings = [
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("rubric", rubric_id.to_string()),
            ("combine", "mean".to_string()),
            ("level_gap", "1".to_string()),
            ("share_gap", String::new()),
        ];
        ok(&app.call(&facilitator, "/api/set_evaluation", &settings).await);
        let worst = body.criteria[0].levels.len() - 1;
        let mut evaluators = Vec::new();
        for (i, (name, role)) in NAMES[..2].iter().zip(["coach", "penguji"]).enumerate() {
            let e = app.user(&format!("Penilai {i}"), &[Role::Evaluator]).await;
            app.edit_user(e, |u| u.full_name = Set(name.to_string())).await;
            app.enrol(e, class, Membership::Evaluator).await;
            let assign = [
                ("class_id", class.to_string()),
                ("task", task.to_string()),
                ("subject", "0".to_string()),
                ("evaluator", e.to_string()),
                ("role", role.to_string()),
                ("weight", (i + 1).to_string()),
            ];
            ok(&app.call(&facilitator, "/api/assign_evaluator", &assign).await);
            let client = app.session(e).await;
            let fields = vec![
                ("class_id".to_string(), class.to_string()),
                ("task".into(), task.to_string()),
                ("subject".into(), team.to_string()),
            ];
            // Levels far apart: the team is flagged on every criterion.
            let level = if i == 0 { 0 } else { worst };
            let form = with_comments(scored_with("kolaborasi-tim", fields, 0, level, true));
            ok(&post(app, &client, "/api/save_score", &form).await);
            evaluators.push(client);
        }
        let moderation = [
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("subject", team.to_string()),
            ("decision", "set".to_string()),
            ("total", "82.5".to_string()),
            ("reason", REASON.to_string()),
        ];
        ok(&app.call(&facilitator, "/api/moderate_score", &moderation).await);

        let base = format!("/classes/{class}/tasks/{task}/export");
        let csvs = evaluation_exports(app, &facilitator, &base, Target::task(class, task)).await;

        // What was put in comes back where it was put, whatever the tables say.
        let scores = table(&csvs, "scores");
        let criteria = body.criteria.len();
        assert_eq!(scores.len(), 1 + 2 * criteria, "{scores:?}");
        for (e, name) in NAMES[..2].iter().enumerate() {
            let mine: Vec<&Vec<String>> = scores[1..].iter().filter(|r| r[1] == neutralise(name)).collect();
            assert_eq!(mine.len(), criteria, "{name}: {scores:?}");
            for (i, row) in mine.iter().enumerate() {
                assert_eq!(row[4], neutralise(&body.criteria[i].title), "{row:?}");
                assert_eq!(row[8], neutralise(COMMENTS[i % COMMENTS.len()]), "{row:?}");
                let level = if e == 0 { 0 } else { worst };
                assert_eq!(row[7], body.criteria[i].levels[level].max.to_string(), "{row:?}");
            }
        }
        let results = table(&csvs, "results");
        assert_eq!(results.len(), 2, "{results:?}");
        assert_eq!(results[1][1], "2");
        assert_eq!(results[1][4], neutralise(REASON));
        assert_eq!(results[1][5], "82.50");
        let flagged: Vec<String> = body.criteria.iter().map(|c| c.title.clone()).collect();
        assert_eq!(results[1][7], neutralise(&flagged.join("; ")));
        let agreement = table(&csvs, "agreement");
        assert_eq!(agreement.len(), 2 + criteria, "{agreement:?}");
        for (i, c) in body.criteria.iter().enumerate() {
            assert_eq!(agreement[2 + i][0], neutralise(&c.title));
        }

        rubric_export(app, &facilitator, class, rubric_id, &body).await;
        // Someone who may not download gets no file.
        let r = app.get(&evaluators[0], &format!("{base}/scores.csv")).await;
        assert_eq!(r.status, axum::http::StatusCode::FORBIDDEN);
        assert_eq!(
            app.get(&facilitator, &format!("{base}/other.csv")).await.status,
            404
        );
    }
);

both_backends!(
    a_scenarios_reflections_and_decisions_export_as_tables,
    async |app: &TestApp| {
        app::scenarios::store::load_shipped_if_empty(&app.db)
            .await
            .unwrap();
        let class = app.class("Kelas Refleksi Ekspor").await;
        let f = app.user("Fasilitator Refleksi", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let facilitator = app.session(f).await;
        let writer = app.user("Peserta Penulis", &[Role::Participant]).await;
        app.edit_user(writer, |u| u.full_name = Set(NAMES[2].to_string()))
            .await;
        app.enrol(writer, class, Membership::Participant).await;
        let e = app.user("Penilai Refleksi", &[Role::Evaluator]).await;
        app.edit_user(e, |u| u.full_name = Set(NAMES[0].to_string()))
            .await;
        app.enrol(e, class, Membership::Evaluator).await;
        let evaluator = app.session(e).await;
        let window =
            app::scenarios::assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", "", 0).unwrap();
        let assignment = app::scenarios::assign::assign(&app.db, class, "aplikasi-laporan", window)
            .await
            .unwrap();
        let member = app.session(writer).await;
        play_with_reflection(app, &member, class, assignment, REFLECTION).await;

        let body = hostile_rubric("refleksi-empati");
        let rubric_id = rubric(app, class, f, &body).await;
        reflections_scored_by(app, class, assignment, rubric_id, e).await;
        let fields = vec![
            ("class_id".to_string(), class.to_string()),
            ("task".into(), assignment.to_string()),
            ("kind".into(), "reflection".into()),
            ("subject".into(), writer.to_string()),
        ];
        let form = with_comments(scored_with("refleksi-empati", fields, 0, 0, true));
        ok(&post(app, &evaluator, "/api/save_score", &form).await);

        let base = format!("/classes/{class}/scenarios/{assignment}/export");
        let target = Target::reflection(class, assignment);
        let csvs = evaluation_exports(app, &facilitator, &base, target).await;
        let scores = table(&csvs, "scores");
        assert_eq!(scores.len(), 1 + body.criteria.len(), "{scores:?}");
        for (i, row) in scores[1..].iter().enumerate() {
            assert_eq!(row[0], neutralise(NAMES[2]), "the writer: {row:?}");
            assert_eq!(row[1], neutralise(NAMES[0]), "the evaluator: {row:?}");
            assert_eq!(row[4], neutralise(&body.criteria[i].title), "{row:?}");
            assert_eq!(row[8], neutralise(COMMENTS[i % COMMENTS.len()]), "{row:?}");
        }
        assert_eq!(table(&csvs, "results")[1][0], neutralise(NAMES[2]));
        rubric_export(app, &facilitator, class, rubric_id, &body).await;

        // Every saved step, one record each, the name and the reflection as written.
        let url = format!("/classes/{class}/scenarios/{assignment}/decisions.csv");
        let rows = csv_of(app, &facilitator, &url).await;
        let steps = app::entities::scenario_step::Entity::find()
            .count(&app.db)
            .await
            .unwrap() as usize;
        assert_eq!(rows.len(), steps + 1, "a header and one record per step");
        assert!(rows.iter().all(|r| r.len() == 12), "{rows:?}");
        assert_eq!(rows[0][0], "attempt_id");
        assert!(rows[1..].iter().all(|r| r[1] == neutralise(NAMES[2])), "{rows:?}");
        let written: Vec<&str> = rows[1..]
            .iter()
            .map(|r| r[9].as_str())
            .filter(|r| !r.is_empty())
            .collect();
        assert!(!written.is_empty(), "{rows:?}");
        assert!(written.iter().all(|r| *r == REFLECTION), "{written:?}");
    }
);
