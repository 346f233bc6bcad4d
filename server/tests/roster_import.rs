//! Roster import end to end through the router: preview with row errors, nothing
//! stored on a bad file, all-or-nothing commit, NIP matching, composition.
mod common;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::classes::model::{ClassDetail, ImportPreview};
use app::entities::{class_member, user};
use common::*;
use sea_orm::{EntityTrait, PaginatorTrait};

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

        // Same people into another class: matched by NIP, not duplicated.
        let other = app.class("Kelas Kedua").await;
        app.enrol(f, other, Membership::Facilitator).await;
        let p = preview(app, &c, other, &good).await;
        assert_eq!(p.known_count(), 30);
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
