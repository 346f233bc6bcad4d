//! Committing a staged roster import from two facilitators at once, on the two servers.
use super::harness::{at_once, email_of, f, Ans, Findings, Servers};
use super::teams::ok;
use crate::common::TestApp;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{class_member, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;

/// `n` people with NIPs from serial `first` on.
fn roster_csv(first: usize, n: usize) -> (String, Vec<String>) {
    let mut out = String::from("NIP;Nama;Jenis Kelamin;Unit Kerja;Jabatan\n");
    let mut nips = Vec::new();
    for i in 0..n {
        let sex = if i % 2 == 0 { 1 } else { 2 };
        let year = 1965 + (i * 3) % 36;
        let nip = app::seed::demo_nip(&format!("{year}0{}12", 1 + i % 9), sex, first + i);
        out.push_str(&format!(
            "{nip};Peserta Impor {:03};{};Bappeda;Analis\n",
            first + i,
            if sex == 1 { "L" } else { "P" }
        ));
        nips.push(nip);
    }
    (out, nips)
}

/// A class with two facilitators (logged in on the two servers); stages `csv` as the first.
async fn class_with_upload(
    app: &TestApp,
    s: &Arc<Servers>,
    tag: &str,
    csv: &str,
) -> (i64, Vec<super::harness::Browser>, String) {
    let class = app.class(&format!("Kelas {tag}")).await;
    let mut emails = Vec::new();
    let mut first = None;
    for i in 0..2 {
        let name = format!("Fasilitator {tag} {i}");
        let id = app.user(&name, &[Role::Facilitator]).await;
        app.enrol(id, class, Membership::Facilitator).await;
        first.get_or_insert(id);
        emails.push(email_of(&name));
    }
    let c = app.session(first.unwrap()).await;
    let r = app.upload(&c, class, csv.as_bytes()).await;
    ok(&r);
    let upload: String = serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("upload id: {r:?}"));
    (class, s.login_all(&emails).await, upload)
}

fn count_of(a: &Ans) -> Option<u32> {
    serde_json::from_str(&a.body).ok()
}

async fn users_by_nip(app: &TestApp, nips: &[String]) -> Vec<user::Model> {
    user::Entity::find()
        .filter(user::Column::Nip.is_in(nips.iter().cloned()))
        .all(&app.db)
        .await
        .unwrap()
}

/// Each NIP one user, enrolled once in `class` when `imported`, else not at all.
async fn check_people(
    fx: &mut Findings,
    app: &TestApp,
    label: &str,
    nips: &[String],
    class: i64,
    imported: bool,
) {
    let users = users_by_nip(app, nips).await;
    for nip in nips {
        let mine: Vec<&user::Model> = users.iter().filter(|u| u.nip.as_deref() == Some(nip)).collect();
        fx.check(
            mine.len() == usize::from(imported) || (!imported && mine.len() <= 1),
            || format!("{label}: NIP {nip}: {} users", mine.len()),
        );
        for u in mine {
            let n = class_member::Entity::find()
                .filter(class_member::Column::ClassId.eq(class))
                .filter(class_member::Column::UserId.eq(u.id))
                .all(&app.db)
                .await
                .unwrap()
                .len();
            fx.check(n == usize::from(imported), || {
                format!("{label}: NIP {nip} enrolled {n} times in class {class}")
            });
        }
    }
}

/// One staged upload of 12 new people, committed four times at once (two
/// facilitators, each on both servers): one acknowledged with the count,
/// the others refused (409/422, the upload is gone) or acknowledged with the
/// same count; each person one user, enrolled once. Then two classes stage
/// uploads with the same 8 new people and both are committed at once on the
/// two servers: each acknowledged or refused clearly, each person one user,
/// enrolled once in each class whose import was acknowledged.
pub async fn commit_roster(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let (csv, nips) = roster_csv(700, 12);
    let (class, facilitators, upload) = class_with_upload(&app, &s, "Impor Balap", &csv).await;
    let answers = at_once(4, |i| {
        let s = s.clone();
        let b = facilitators[i % 2].clone();
        let fields = f(&[("class_id", class.to_string()), ("upload_id", upload.clone())]);
        async move { s.call(&b, (i + i / 2) % 2, "/api/commit_roster", &fields).await }
    })
    .await;
    fx.answers("commit_roster: one upload x4 at once", &answers);
    let acked: Vec<&Ans> = answers.iter().filter(|a| a.ok()).collect();
    fx.check(!acked.is_empty(), || "no commit acknowledged".into());
    fx.check(acked.iter().all(|a| count_of(a) == Some(12)), || {
        format!(
            "acknowledged commits do not all answer 12: {:?}",
            acked.iter().map(|a| a.short()).collect::<Vec<_>>()
        )
    });
    fx.note(format!("{} of 4 commits acknowledged", acked.len()));
    check_people(&mut fx, &app, "one upload", &nips, class, !acked.is_empty()).await;

    // Two classes, the same new people, committed at once.
    let (csv, nips) = roster_csv(760, 8);
    let mut classes = Vec::new();
    for k in 0..2 {
        classes.push(class_with_upload(&app, &s, &format!("Impor Kembar {k}"), &csv).await);
    }
    let classes = Arc::new(classes);
    let answers = at_once(4, |i| {
        let (s, classes) = (s.clone(), classes.clone());
        async move {
            let (class, facilitators, upload) = &classes[i / 2];
            let fields = f(&[("class_id", class.to_string()), ("upload_id", upload.clone())]);
            s.call(
                &facilitators[i % 2],
                (i + i / 2) % 2,
                "/api/commit_roster",
                &fields,
            )
            .await
        }
    })
    .await;
    fx.answers(
        "commit_roster: two classes, same people, each x2 at once",
        &answers,
    );
    for (k, (class, ..)) in classes.iter().enumerate() {
        let acked: Vec<&Ans> = answers[k * 2..k * 2 + 2].iter().filter(|a| a.ok()).collect();
        fx.check(acked.iter().all(|a| count_of(a) == Some(8)), || {
            format!(
                "class {k}: acknowledged commits do not answer 8: {:?}",
                acked.iter().map(|a| a.short()).collect::<Vec<_>>()
            )
        });
        fx.note(format!("class {k}: {} of 2 commits acknowledged", acked.len()));
        check_people(
            &mut fx,
            &app,
            &format!("class {k}"),
            &nips,
            *class,
            !acked.is_empty(),
        )
        .await;
    }
    fx
}
