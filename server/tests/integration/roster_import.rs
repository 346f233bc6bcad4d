//! Roster import end to end through the router: preview with row errors, nothing
//! stored on a bad file, all-or-nothing commit, NIP matching, composition.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::classes::model::{ClassDetail, ImportPreview};
use app::entities::{class_member, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// 30 people: 3 Boomers, 8 Gen X, 12 Gen Y, 7 Gen Z (article scheme).
pub fn roster_csv() -> String {
    let years = [
        1960, 1962, 1964, 1966, 1968, 1970, 1972, 1974, 1976, 1978, 1979, 1980, 1982, 1984, 1985, 1986, 1987,
        1988, 1989, 1990, 1991, 1993, 1994, 1995, 1996, 1997, 1998, 1999, 2000, 2001,
    ];
    let mut out = String::from("NIP;Nama;Jenis Kelamin;Unit Kerja;Jabatan\n");
    for (i, year) in years.iter().enumerate() {
        let sex = if i % 2 == 0 { 1 } else { 2 };
        let nip = app::seed::demo_nip(&format!("{year}0{}15", 1 + i % 9), sex, i + 1);
        let unit = ["Bappeda", "Dinas Kominfo", "BKPSDMD"][i % 3];
        out.push_str(&format!(
            "{nip};Peserta {i:02};{};{unit};Analis\n",
            if sex == 1 { "L" } else { "P" }
        ));
    }
    out
}

async fn preview(app: &TestApp, c: &Client, class: i64, csv: &str) -> ImportPreview {
    let r = app.upload(c, class, csv.as_bytes()).await;
    assert!(r.status.is_success(), "{r:?}");
    let upload: String = serde_json::from_str(&r.body).expect("upload id");
    let q = format!("/api/roster_preview?class_id={class}&upload_id={upload}");
    let r = app.get_json(c, &q).await;
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("preview: {r:?}"))
}

async fn participants(app: &TestApp) -> u64 {
    class_member::Entity::find().count(&app.db).await.unwrap()
}

both_backends!(
    bad_rows_are_all_listed_and_nothing_is_stored,
    async |app: &TestApp| {
        let class = app.class("Kelas Impor").await;
        let f = app.user("Fasilitator Impor", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let c = app.session(f).await;
        let good = roster_csv();
        let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
        lines[3] = lines[3].replacen(&lines[3][..18].to_string(), "19651340199003", 1); // impossible date, row 4
        let first_nip = lines[1][..18].to_string();
        lines[7] = format!("{first_nip}{}", &lines[7][18..]); // duplicate of row 2, at row 8
        let bad = lines.join("\n");
        let before = participants(app).await;
        let p = preview(app, &c, class, &bad).await;
        let rows: Vec<(u32, &str)> = p.issues.iter().map(|i| (i.row, i.column.as_str())).collect();
        assert_eq!(rows, vec![(4, "nip"), (8, "nip")], "{:?}", p.issues);
        let r = app
            .call(
                &c,
                "/api/commit_roster",
                &[
                    ("class_id", class.to_string()),
                    ("upload_id", p.upload_id.clone()),
                ],
            )
            .await;
        assert!(r.error().is_some(), "commit of a bad file must fail");
        assert_eq!(participants(app).await, before, "nothing stored");

        let p = preview(app, &c, class, &good).await;
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        assert_eq!(p.rows.len(), 30);
        let r = app
            .call(
                &c,
                "/api/commit_roster",
                &[
                    ("class_id", class.to_string()),
                    ("upload_id", p.upload_id.clone()),
                ],
            )
            .await;
        assert!(r.status.is_success(), "{r:?}");
        // A retried commit (double click, dropped answer) imports nothing twice.
        let again = app
            .call(
                &c,
                "/api/commit_roster",
                &[
                    ("class_id", class.to_string()),
                    ("upload_id", p.upload_id.clone()),
                ],
            )
            .await;
        assert!(again.error().is_some());
        assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), 31);

        let q = format!("/api/class_detail?id={class}");
        let detail: ClassDetail = serde_json::from_str(&app.get_json(&c, &q).await.body).unwrap();
        let gens: Vec<(String, u32)> = detail
            .composition
            .by_generation
            .iter()
            .map(|s| (s.key.clone(), s.count))
            .collect();
        assert_eq!(
            gens,
            vec![
                ("boomer".into(), 3),
                ("x".into(), 8),
                ("y".into(), 12),
                ("z".into(), 7),
                ("alpha".into(), 0)
            ]
        );
        assert_eq!(detail.roster.len(), 30);
        assert!(detail.roster.iter().all(|r| r.nip.is_some()), "managers see NIPs");

        // The page as the browser gets it: the roster is server-rendered HTML that
        // travels once (not again inside the hydration data), and the page names
        // the scheme its composition used.
        let page = app.get(&c, &format!("/classes/{class}")).await.body;
        let name = &detail.roster[0].full_name;
        assert_eq!(page.matches(name.as_str()).count(), 1, "{name} once in the page");
        assert!(page.contains(&detail.composition.scheme_name));
        // Navigating in the browser fetches the same HTML through the server fn.
        let nav = app
            .get_json(&c, &format!("/api/class_page?id={class}"))
            .await
            .body;
        assert!(nav.contains(name.as_str()));

        // Same people into another class: matched by NIP and enrolled as they
        // are (a facilitator changes nobody), not duplicated.
        let other = app.class("Kelas Kedua").await;
        app.enrol(f, other, Membership::Facilitator).await;
        let p = preview(app, &c, other, &good).await;
        assert_eq!(p.known_count(), 30);
        assert!(p.rows.iter().all(|r| r.kept && r.changes.is_empty()));
        let r = app
            .call(
                &c,
                "/api/commit_roster",
                &[("class_id", other.to_string()), ("upload_id", p.upload_id)],
            )
            .await;
        assert!(r.status.is_success());
        assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), 31);
    }
);

// Issue 22: a roster uploaded again, with two people added, is not an error:
// those already in the class are skipped and not counted twice, the two new
// ones are enrolled; the same file a third time has nothing to import.
both_backends!(
    a_roster_uploaded_again_adds_only_who_is_new,
    async |app: &TestApp| {
        let class = app.class("Kelas Ulang").await;
        let f = app.user("Fasilitator Ulang", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let c = app.session(f).await;
        let commit = |upload: String| {
            let c = &c;
            async move {
                let fields = [("class_id", class.to_string()), ("upload_id", upload)];
                app.call(c, "/api/commit_roster", &fields).await
            }
        };
        let first = preview(app, &c, class, &roster_csv()).await;
        assert!(commit(first.upload_id).await.status.is_success());
        let mut grown = roster_csv();
        for (i, birth) in ["19910704", "19930212"].iter().enumerate() {
            let nip = app::seed::demo_nip(birth, 2, 90 + i);
            grown.push_str(&format!("{nip};Peserta Baru {i};P;Bappeda;Analis\n"));
        }
        let again = preview(app, &c, class, &grown).await;
        assert!(
            again.issues.is_empty(),
            "already enrolled is not an error: {:?}",
            again.issues
        );
        assert_eq!((again.in_class_count(), again.to_enrol()), (30, 2));
        let r = app
            .get_json(
                &c,
                &format!(
                    "/api/roster_preview_html?class_id={class}&upload_id={}",
                    again.upload_id
                ),
            )
            .await;
        assert!(
            r.body.contains("30 orang sudah menjadi peserta kelas ini"),
            "{}",
            r.body
        );
        assert!(r.body.contains("Impor 2 peserta"), "{}", r.body);
        let r = commit(again.upload_id).await;
        assert_eq!(r.body, "2", "only the new people are counted: {r:?}");
        let members = class_member::Entity::find()
            .filter(class_member::Column::ClassId.eq(class))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(
            members, 33,
            "30 + 2 participants and the facilitator, nobody twice"
        );
        let third = preview(app, &c, class, &grown).await;
        assert_eq!(third.to_enrol(), 0);
        let r = app
            .get_json(
                &c,
                &format!(
                    "/api/roster_preview_html?class_id={class}&upload_id={}",
                    third.upload_id
                ),
            )
            .await;
        assert!(r.body.contains("Tidak ada yang perlu diimpor"), "{}", r.body);
        assert!(
            !r.body.contains("commit_roster"),
            "no import form when nothing is new"
        );
    }
);

both_backends!(participants_do_not_see_personal_data, async |app: &TestApp| {
    let class = app.class("Kelas Privasi").await;
    let p = app.user("Peserta Privasi", &[Role::Participant]).await;
    app.enrol(p, class, Membership::Participant).await;
    let c = app.session(p).await;
    let q = format!("/api/class_detail?id={class}");
    let detail: ClassDetail = serde_json::from_str(&app.get_json(&c, &q).await.body).unwrap();
    assert!(!detail.can_manage);
    assert!(detail
        .roster
        .iter()
        .all(|r| r.nip.is_none() && r.birth_date.is_none()));
});

/// A file naming someone already in Sinergi, with other personal data.
fn rewriting_csv(nip: &str) -> String {
    format!("NIP;Nama;Email;Unit Kerja;Jabatan;Golongan\n{nip};Nama Palsu;penyusup@luar.test;Unit Lain;Jabatan Lain;IV/e\n")
}

async fn commit(app: &TestApp, c: &Client, class: i64, upload: &str) {
    let fields = [("class_id", class.to_string()), ("upload_id", upload.to_string())];
    let r = app.call(c, "/api/commit_roster", &fields).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
}

both_backends!(
    an_import_enrols_known_people_but_only_an_admin_changes_them,
    async |app: &TestApp| {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        // Someone of another class, with their own data.
        let nip = app::seed::demo_nip("19800101", 2, 7);
        let person = app.user("Siti Asli", &[Role::Participant]).await;
        let mut row: user::ActiveModel = user::Entity::find_by_id(person)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        row.nip = Set(Some(nip.clone()));
        row.unit_kerja = Set("Bappeda".into());
        row.golongan = Set(Some("III/a".into()));
        let before = row.update(&app.db).await.unwrap();
        let elsewhere = app.class("Kelas Siti").await;
        app.enrol(person, elsewhere, Membership::Participant).await;

        // A facilitator of another class enrols her, and changes nothing about her.
        let class = app.class("Kelas Penyusup").await;
        let f = app.user("Fasilitator Lain", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let c = app.session(f).await;
        let csv = rewriting_csv(&nip);
        let p = preview(app, &c, class, &csv).await;
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        assert!(p.rows[0].known && p.rows[0].kept && p.rows[0].changes.is_empty());
        let q = format!(
            "/api/roster_preview_html?class_id={class}&upload_id={}",
            p.upload_id
        );
        let html = app.get_json(&c, &q).await.body;
        assert!(html.contains("data pribadinya hanya diubah admin"), "{html}");
        assert!(
            !html.contains("Siti Asli") && !html.contains("Bappeda"),
            "nothing of hers shown: {html}"
        );
        commit(app, &c, class, &p.upload_id).await;
        let after = user::Entity::find_by_id(person)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after, before, "name, unit, golongan and login e-mail untouched");
        let enrolled = class_member::Entity::find().all(&app.db).await.unwrap();
        assert!(enrolled
            .iter()
            .any(|m| m.class_id == class && m.user_id == person));
        // Enrolling her by NIP is the same: enrolled, not changed.
        let fourth = app.class("Kelas Keempat").await;
        app.enrol(f, fourth, Membership::Facilitator).await;
        let fields = [
            ("class_id", fourth.to_string()),
            ("identifier", nip.clone()),
            ("role", "participant".to_string()),
        ];
        let r = app.call(&c, "/api/enrol_member", &fields).await;
        assert!(r.error().is_none(), "{r:?}");
        let after = user::Entity::find_by_id(person)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after, before);

        // An admin's import shows each change as old → new and applies it.
        let admin = app.session(app.user("Admin Impor", &[Role::Admin]).await).await;
        let third = app.class("Kelas Admin").await;
        let p = preview(app, &admin, third, &csv).await;
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        assert!(!p.rows[0].kept);
        let diff: Vec<(&str, &str, &str)> = p.rows[0]
            .changes
            .iter()
            .map(|c| (c.field.as_str(), c.old.as_str(), c.new.as_str()))
            .collect();
        assert_eq!(
            diff,
            vec![
                ("full_name", "Siti Asli", "Nama Palsu"),
                ("gender", "", "P"),
                ("birth_date", "", "1980-01-01"),
                ("unit_kerja", "Bappeda", "Unit Lain"),
                ("jabatan", "", "Jabatan Lain"),
                ("golongan", "III/a", "IV/e"),
                ("email", "siti.asli@uji.test", "penyusup@luar.test"),
            ]
        );
        let q = format!(
            "/api/roster_preview_html?class_id={third}&upload_id={}",
            p.upload_id
        );
        let html = app.get_json(&admin, &q).await.body;
        assert!(
            html.contains("Siti Asli") && html.contains("Nama Palsu"),
            "{html}"
        );
        commit(app, &admin, third, &p.upload_id).await;
        let after = user::Entity::find_by_id(person)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                after.full_name.as_str(),
                after.unit_kerja.as_str(),
                after.email.as_deref()
            ),
            ("Nama Palsu", "Unit Lain", Some("penyusup@luar.test"))
        );
    }
);

both_backends!(
    text_with_a_nul_or_over_its_limit_is_a_field_error,
    async |app: &TestApp| {
        use app::error::AppError;
        use app::i18n::K;
        let class = app.class("Kelas Teks").await;
        let f = app.user("Fasilitator Teks", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let c = app.session(f).await;
        let update = |name: &str, description: &str| {
            vec![
                ("id", class.to_string()),
                ("name", name.to_string()),
                ("description", description.to_string()),
                ("starts_on", "2026-01-05".to_string()),
                ("ends_on", "2026-03-05".to_string()),
            ]
        };
        let field_key = |r: &Reply, field: &str| -> Option<(K, Vec<String>)> {
            assert!(r.status.is_client_error(), "{r:?}");
            let messages = r.error()?.field_messages(field);
            messages.first().map(|m| (m.key, m.args.clone()))
        };
        let r = app
            .call(&c, "/api/update_class", &update("Kelas", "baris\0dua"))
            .await;
        assert_eq!(
            field_key(&r, "description"),
            Some((K::ErrTextNul, vec![])),
            "{r:?}"
        );
        let r = app
            .call(&c, "/api/update_class", &update("Kelas", &"x".repeat(5_001)))
            .await;
        assert_eq!(
            field_key(&r, "description"),
            Some((K::ErrTextTooLong, vec!["5000".into()])),
            "{r:?}"
        );
        let r = app
            .call(&c, "/api/update_class", &update(&"N".repeat(201), ""))
            .await;
        assert_eq!(
            field_key(&r, "name"),
            Some((K::ErrTextTooLong, vec!["200".into()]))
        );
        // A GET server fn's query, and a multipart form's text field.
        let r = app
            .get_json(&c, &format!("/api/class_page?id={class}&sort=a%00"))
            .await;
        assert_eq!(field_key(&r, "sort"), Some((K::ErrTextNul, vec![])), "{r:?}");
        let fields = [("class_id", format!("{class}\0"))];
        let r = app
            .upload_file(&c, "/api/upload_roster", &fields, "r.csv", b"nip\n")
            .await;
        assert_eq!(field_key(&r, "class_id"), Some((K::ErrTextNul, vec![])), "{r:?}");
        // Nothing was stored; text at the limit is fine.
        let stored = app::entities::class::Entity::find_by_id(class)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.name, "Kelas Teks");
        let r = app
            .call(&c, "/api/update_class", &update("Kelas", &"x".repeat(5_000)))
            .await;
        assert_eq!(r.error(), None::<AppError>, "{r:?}");
    }
);

// The text check sits in front of every server fn, so a fn added tomorrow is
// covered too: each registered fn refuses a NUL and an over-long text, in a
// field of any name, before it runs.
both_backends!(
    every_server_fn_refuses_a_nul_and_overlong_text,
    async |app: &TestApp| {
        use app::i18n::K;
        let admin = app.session(app.user("Admin Teks", &[Role::Admin]).await).await;
        let multipart = app::app::multipart_paths();
        let long = "x".repeat(5_001);
        let mut wrong = Vec::new();
        for (path, method) in leptos::server_fn::axum::server_fn_paths() {
            let (nul, over) = if method == axum::http::Method::GET {
                (
                    app.get_json(&admin, &format!("{path}?catatan=a%00")).await,
                    app.get_json(&admin, &format!("{path}?description={long}")).await,
                )
            } else if multipart.contains(&path) {
                (
                    app.upload_file(&admin, path, &[("catatan", "a\0".into())], "f.csv", b"x")
                        .await,
                    app.upload_file(&admin, path, &[("description", long.clone())], "f.csv", b"x")
                        .await,
                )
            } else {
                (
                    app.call(&admin, path, &[("catatan", "a\0".into())]).await,
                    app.call(&admin, path, &[("description", long.clone())]).await,
                )
            };
            let key = |r: &Reply, field: &str| {
                r.error()
                    .and_then(|e| e.field_messages(field).first().map(|m| m.key))
            };
            if nul.status.as_u16() != 422 || key(&nul, "catatan") != Some(K::ErrTextNul) {
                wrong.push(format!("{path} NUL: {} {}", nul.status, nul.body));
            }
            if over.status.as_u16() != 422 || key(&over, "description") != Some(K::ErrTextTooLong) {
                wrong.push(format!("{path} long: {} {}", over.status, over.body));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
);
