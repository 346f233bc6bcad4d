//! Hand-ins, team changes, mentoring and rubric saves, raced across the two
//! servers.
use super::harness::{at_once, email_of, f, Ans, Browser, Findings, Servers};
use crate::common::{Client, TestApp};
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{
    mentoring_pair, mentoring_session, rubric, rubric_version, task_submission, team, team_member, team_set,
};
use app::i18n::Locale;
use app::teams::domain::submissions::LatePolicy;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;
use std::sync::Arc;

/// (name, birth year, gender, unit)
const PEOPLE: [(&str, i32, &str, &str); 10] = [
    ("Hasan", 1962, "M", "Dinas Pendidikan"),
    ("Rosmiati", 1963, "F", "Dinas Kesehatan"),
    ("Rudi", 1975, "M", "BPKAD"),
    ("Sri", 1972, "F", "Dinas Pendidikan"),
    ("Dewi", 1985, "F", "Bappeda"),
    ("Andi", 1988, "M", "Dinas Kesehatan"),
    ("Putri", 1990, "F", "BPKAD"),
    ("Farhan", 2000, "M", "Bappeda"),
    ("Nabila", 2001, "F", "Dinas Kominfo"),
    ("Rizky", 1999, "M", "Dinas Kominfo"),
];

pub(super) struct World {
    pub class: i64,
    pub people: Vec<i64>,
    pub facilitator: Client,
    pub emails: Vec<String>,
    pub facilitator_emails: Vec<String>,
}

pub(super) fn ok(r: &crate::common::Reply) {
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
}

pub(super) async fn world(app: &TestApp, tag: &str, n: usize) -> World {
    use sea_orm::ActiveValue::Set;
    let class = app.class(&format!("Kelas {tag}")).await;
    let mut people = Vec::new();
    let mut emails = Vec::new();
    for (name, year, gender, unit) in PEOPLE.iter().take(n) {
        let full = format!("{name} {tag}");
        let p = app.user(&full, &[Role::Participant]).await;
        app.edit_user(p, |u| {
            u.birth_date = Set(chrono::NaiveDate::from_ymd_opt(*year, 3, 1));
            u.gender = Set(Some(gender.to_string()));
            u.unit_kerja = Set(unit.to_string());
        })
        .await;
        app.enrol(p, class, Membership::Participant).await;
        people.push(p);
        emails.push(email_of(&full));
    }
    let mut facilitator_emails = Vec::new();
    let mut first = None;
    for i in 0..2 {
        let name = format!("Fasilitator {tag} {i}");
        let id = app.user(&name, &[Role::Facilitator]).await;
        app.enrol(id, class, Membership::Facilitator).await;
        first.get_or_insert(id);
        facilitator_emails.push(email_of(&name));
    }
    World {
        class,
        people,
        facilitator: app.session(first.unwrap()).await,
        emails,
        facilitator_emails,
    }
}

pub(super) async fn form_teams(app: &TestApp, w: &World, mode: &str, n: &str) {
    let fields = [
        ("class_id", w.class.to_string()),
        ("mode", mode.into()),
        ("n", n.into()),
        ("w_mix", "3".into()),
        ("w_isolation", "3".into()),
        ("w_units", "2".into()),
        ("w_level", "1".into()),
        ("w_skill", "1".into()),
    ];
    ok(&app.call(&w.facilitator, "/api/form_class_teams", &fields).await);
}

/// user → team number in the class's newest team set, and how many rows each has.
pub(super) async fn membership(app: &TestApp, class: i64) -> (BTreeMap<i64, i32>, BTreeMap<i64, usize>) {
    let set = team_set::Entity::find()
        .filter(team_set::Column::ClassId.eq(class))
        .order_by_desc(team_set::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a team set");
    let teams: BTreeMap<i64, i32> = team::Entity::find()
        .filter(team::Column::SetId.eq(set.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.number))
        .collect();
    let mut of = BTreeMap::new();
    let mut rows = BTreeMap::new();
    for m in team_member::Entity::find()
        .filter(team_member::Column::SetId.eq(set.id))
        .all(&app.db)
        .await
        .unwrap()
    {
        of.insert(m.user_id, teams.get(&m.team_id).copied().unwrap_or(-1));
        *rows.entry(m.user_id).or_insert(0) += 1;
    }
    (of, rows)
}

async fn submissions(app: &TestApp, task: i64) -> Vec<task_submission::Model> {
    task_submission::Entity::find()
        .filter(task_submission::Column::TaskId.eq(task))
        .all(&app.db)
        .await
        .unwrap()
}

/// Every acknowledged key stored once, nothing refused stored, and version
/// numbers unique within the team.
fn check_submissions(
    fx: &mut Findings,
    label: &str,
    sent: &[(String, Ans)],
    rows: &[task_submission::Model],
) {
    let mut by_key: BTreeMap<&str, Vec<&Ans>> = BTreeMap::new();
    for (k, a) in sent {
        by_key.entry(k).or_default().push(a);
    }
    for (k, answers) in &by_key {
        let n = rows.iter().filter(|r| r.client_key == *k).count();
        let acked = answers.iter().any(|a| a.ok());
        fx.check(n <= 1, || format!("{label}: key {k} stored {n} times"));
        fx.check(!acked || n == 1, || {
            format!("{label}: key {k} acknowledged, not stored")
        });
        fx.check(acked || n == 0, || format!("{label}: key {k} refused but stored"));
        fx.check(answers.iter().all(|a| a.ok() == answers[0].ok()), || {
            format!(
                "{label}: key {k} sent twice answered differently: {:?}",
                answers.iter().map(|a| a.short()).collect::<Vec<_>>()
            )
        });
    }
    let mut numbers: Vec<(i64, i32)> = rows.iter().map(|r| (r.team_id, r.number)).collect();
    numbers.sort();
    let before = numbers.len();
    numbers.dedup();
    fx.check(numbers.len() == before, || {
        format!(
            "{label}: duplicate version numbers: {:?}",
            rows.iter()
                .map(|r| (r.team_id, r.number, r.client_key.clone()))
                .collect::<Vec<_>>()
        )
    });
}

/// One team of five, published, with a task due at `due` under `policy`;
/// the five members logged in.
async fn handin_world(
    app: &TestApp,
    s: &Arc<Servers>,
    tag: &str,
    due: chrono::DateTime<chrono::Utc>,
    policy: LatePolicy,
) -> (World, i64, Vec<Browser>) {
    let w = world(app, tag, 5).await;
    form_teams(app, &w, "count", "1").await;
    ok(&app
        .call(
            &w.facilitator,
            "/api/publish_teams",
            &[("class_id", w.class.to_string())],
        )
        .await);
    let task = app::tasks::store::create(
        &app.db,
        w.class,
        app::tasks::store::NewTask {
            title: "Laporan tim".into(),
            brief: "Susun laporan.".into(),
            due_at: due,
            policy,
            rubric_id: None,
        },
    )
    .await
    .unwrap();
    let members = s.login_all(&w.emails).await;
    (w, task, members)
}

/// `members[m]` hands in `key` on `server`.
async fn hand_in(s: &Servers, b: &Browser, server: usize, class: i64, task: i64, key: &str) -> Ans {
    let fields = f(&[
        ("class_id", class.to_string()),
        ("task", task.to_string()),
        ("key", key.to_string()),
        ("body", format!("Laporan {key}")),
    ]);
    let pdf = format!("%PDF-1.4 laporan {key}").into_bytes();
    s.upload(b, server, "/api/submit_task", &fields, "laporan.pdf", &pdf)
        .await
}

/// Two members of one team hand in at once (each hand-in also retried on
/// the other server), three rounds: each acknowledged hand-in stored once,
/// version numbers unique.
pub async fn handin_two_members(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let due = chrono::Utc::now() + chrono::Duration::days(2);
    let (w, task, members) = handin_world(&app, &s, "Kiriman Dua", due, LatePolicy::Accepted).await;
    let mut sent = Vec::new();
    for round in 0..3 {
        let keys: Arc<Vec<String>> = Arc::new((0..2).map(|m| format!("kiriman-{round}-{m}-000")).collect());
        let answers = at_once(4, |i| {
            let (s, keys) = (s.clone(), keys.clone());
            let b = members[i / 2].clone();
            let (class, key) = (w.class, keys[i / 2].clone());
            async move { hand_in(&s, &b, (i + i / 2) % 2, class, task, &key).await }
        })
        .await;
        for (i, a) in answers.into_iter().enumerate() {
            sent.push((keys[i / 2].clone(), a));
        }
    }
    let all: Vec<Ans> = sent.iter().map(|(_, a)| a.clone()).collect();
    fx.answers("submit_task: 2 members x 2 servers, 3 rounds", &all);
    fx.check(all.iter().all(Ans::ok), || {
        "a hand-in before the deadline was refused".into()
    });
    let rows = submissions(&app, task).await;
    check_submissions(&mut fx, "two members", &sent, &rows);
    fx
}

/// Five members hand in around the cut-off (a task accepted late until a
/// moment two seconds away; the hand-ins go at that moment, each sent to
/// both servers): each one either acknowledged and stored once, or refused
/// with a 409/422 and not stored; version numbers unique.
pub async fn handin_at_deadline(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let now = chrono::Utc::now();
    let due = now + chrono::Duration::seconds(20);
    let (w, task, members) = handin_world(&app, &s, "Kiriman Batas", due, LatePolicy::Refused).await;
    // The cut-off is the deadline itself; move it to just ahead of now.
    let cutoff = chrono::Utc::now() + chrono::Duration::milliseconds(1500);
    {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let mut t: app::entities::team_task::ActiveModel = app::entities::team_task::Entity::find_by_id(task)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        t.due_at = Set(cutoff);
        t.update(&app.db).await.unwrap();
    }
    let wait = (cutoff - chrono::Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait.saturating_sub(std::time::Duration::from_millis(30))).await;
    let mut sent = Vec::new();
    let keys: Arc<Vec<String>> = Arc::new((0..5).map(|m| format!("batas-{m}-00000")).collect());
    let answers = at_once(10, |i| {
        let (s, keys) = (s.clone(), keys.clone());
        let b = members[i / 2].clone();
        let (class, key) = (w.class, keys[i / 2].clone());
        async move { hand_in(&s, &b, i % 2, class, task, &key).await }
    })
    .await;
    for (i, a) in answers.into_iter().enumerate() {
        sent.push((keys[i / 2].clone(), a));
    }
    let all: Vec<Ans> = sent.iter().map(|(_, a)| a.clone()).collect();
    fx.answers("submit_task at the deadline: 5 members x 2 servers", &all);
    let rows = submissions(&app, task).await;
    check_submissions(&mut fx, "at the deadline", &sent, &rows);
    fx
}

/// From two teams of five (not yet published): at once, two facilitators on
/// the two servers swap A and B, move A to the other team, move C across,
/// and publish (twice); three rounds. Every participant is in exactly one
/// team, and the result is that of the acknowledged changes in some order.
pub async fn swap_move_publish(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, "Tim Ubah", 10).await;
    form_teams(&app, &w, "size", "5").await;
    let facilitators = s.login_all(&w.facilitator_emails).await;
    let mut all = Vec::new();
    for round in 0..3 {
        let (before, _) = membership(&app, w.class).await;
        let in_team =
            |n: i32| -> Vec<i64> { before.iter().filter(|(_, t)| **t == n).map(|(u, _)| *u).collect() };
        let (one, two) = (in_team(1), in_team(2));
        if one.len() < 2 || two.is_empty() {
            fx.check(false, || format!("round {round}: unexpected teams {before:?}"));
            break;
        }
        let (a, b, c) = (
            one[round % one.len()],
            two[round % two.len()],
            one[(round + 1) % one.len()],
        );
        #[derive(Clone, Copy, Debug)]
        enum Op {
            Swap(i64, i64),
            Move(i64, i32),
            Publish,
        }
        let d = two[(round + 1) % two.len()];
        // Changes race each other first; the last round races them with publishing.
        let ops: Vec<Op> = if round < 2 {
            vec![
                Op::Swap(a, b),
                Op::Move(a, 2),
                Op::Move(c, 2),
                Op::Swap(c, d),
                Op::Move(b, 1),
            ]
        } else {
            vec![Op::Move(a, 2), Op::Swap(c, d), Op::Publish, Op::Publish]
        };
        let answers = at_once(ops.len(), |i| {
            let s = s.clone();
            let fb = facilitators[i % 2].clone();
            let class = w.class.to_string();
            let (path, fields) = match ops[i] {
                Op::Swap(x, y) => (
                    "/api/swap_team_members",
                    f(&[
                        ("class_id", class),
                        ("first", x.to_string()),
                        ("second", y.to_string()),
                    ]),
                ),
                Op::Move(x, t) => (
                    "/api/move_team_member",
                    f(&[
                        ("class_id", class),
                        ("person", x.to_string()),
                        ("team", t.to_string()),
                    ]),
                ),
                Op::Publish => ("/api/publish_teams", f(&[("class_id", class)])),
            };
            async move { s.call(&fb, i % 2, path, &fields).await }
        })
        .await;
        let (after, rows) = membership(&app, w.class).await;
        let doubled: Vec<_> = rows.iter().filter(|(_, n)| **n != 1).collect();
        fx.check(doubled.is_empty(), || {
            format!("round {round}: people in several teams: {doubled:?}")
        });
        fx.check(after.len() == w.people.len(), || {
            format!(
                "round {round}: {} of {} people in a team",
                after.len(),
                w.people.len()
            )
        });
        // Some serial order of the acknowledged changes gives what is stored.
        let acked: Vec<Op> = ops
            .iter()
            .zip(&answers)
            .filter(|(o, a)| a.ok() && !matches!(o, Op::Publish))
            .map(|(o, _)| *o)
            .collect();
        let apply = |order: &[Op]| {
            let mut m = before.clone();
            for op in order {
                match *op {
                    Op::Swap(x, y) => {
                        let (tx, ty) = (m[&x], m[&y]);
                        m.insert(x, ty);
                        m.insert(y, tx);
                    }
                    Op::Move(x, t) => {
                        m.insert(x, t);
                    }
                    Op::Publish => {}
                }
            }
            m
        };
        let mut orders: Vec<Vec<Op>> = vec![vec![]];
        for op in &acked {
            let mut next = Vec::new();
            for o in &orders {
                for pos in 0..=o.len() {
                    let mut v = o.clone();
                    v.insert(pos, *op);
                    next.push(v);
                }
            }
            orders = next;
        }
        fx.check(orders.iter().any(|o| apply(o) == after), || {
            format!(
                "round {round}: stored teams {after:?} are no serial order of the acknowledged {acked:?} from {before:?}"
            )
        });
        all.extend(answers);
    }
    fx.answers("swap/move x5 at once (2 rounds), then move/swap/publish x2", &all);
    let published = team_set::Entity::find()
        .filter(team_set::Column::ClassId.eq(w.class))
        .all(&app.db)
        .await
        .unwrap();
    fx.note(format!(
        "team sets: {}, published: {}",
        published.len(),
        published.iter().filter(|s| s.published_at.is_some()).count()
    ));
    fx
}

/// `user` rates every topic `rate` and (if `want`) asks to learn spreadsheets.
async fn survey(app: &TestApp, class_id: i64, user: i64, rate: u8, want: bool) {
    let client = app.session(user).await;
    let mut fields = vec![("class_id", class_id.to_string())];
    for k in ["rate_0", "rate_1", "rate_2", "rate_3", "rate_4"] {
        fields.push((k, rate.to_string()));
    }
    if want {
        fields.push(("want_1", "1".into()));
    }
    fields.push(("style", "mixed".to_string()));
    fields.push(("availability", "any".to_string()));
    ok(&app.call(&client, "/api/save_survey", &fields).await);
}

/// Two facilitators propose mentoring pairs at once on both servers (four
/// proposals); then every mentee confirms on both servers at once; then
/// each mentor logs one session on both servers (a retry, same key) while
/// the mentee logs another: no pair twice, no mentee with two pairs, each
/// pair confirmed, each acknowledged log stored once.
pub async fn mentoring(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, "Mentor", 10).await;
    ok(&app
        .call(
            &w.facilitator,
            "/api/set_survey_open",
            &[("class_id", w.class.to_string()), ("open", "true".into())],
        )
        .await);
    for (i, p) in w.people.iter().enumerate() {
        let (rate, want) = if i < 4 { (1, true) } else { (5, false) };
        survey(&app, w.class, *p, rate, want).await;
    }
    let facilitators = s.login_all(&w.facilitator_emails).await;
    let answers = at_once(4, |i| {
        let s = s.clone();
        let b = facilitators[i % 2].clone();
        let fields = f(&[("class_id", w.class.to_string())]);
        async move {
            s.call(&b, (i / 2 + i) % 2, "/api/propose_mentoring", &fields)
                .await
        }
    })
    .await;
    fx.answers("propose_mentoring x4 at once", &answers);
    let pairs = mentoring_pair::Entity::find()
        .filter(mentoring_pair::Column::ClassId.eq(w.class))
        .all(&app.db)
        .await
        .unwrap();
    fx.note(format!("{} pairs proposed", pairs.len()));
    let mut per_mentee: BTreeMap<i64, usize> = BTreeMap::new();
    for p in &pairs {
        *per_mentee.entry(p.mentee_id).or_default() += 1;
    }
    fx.check(per_mentee.values().all(|n| *n == 1), || {
        format!(
            "mentees with several pairs: {:?}",
            pairs
                .iter()
                .map(|p| (p.mentor_id, p.mentee_id, p.status.clone()))
                .collect::<Vec<_>>()
        )
    });
    fx.check(!pairs.is_empty(), || "no pairs were proposed".into());
    // Log in the people in pairs.
    let index = |u: i64| w.people.iter().position(|p| *p == u).unwrap();
    let browsers = s.login_all(&w.emails).await;
    let pairs = Arc::new(pairs);
    let confirm = at_once(pairs.len() * 2, |i| {
        let s = s.clone();
        let p = &pairs[i / 2];
        let b = browsers[index(p.mentee_id)].clone();
        let fields = f(&[
            ("class_id", w.class.to_string()),
            ("pair", p.id.to_string()),
            ("answer", "confirm".into()),
        ]);
        async move { s.call(&b, i % 2, "/api/respond_mentoring", &fields).await }
    })
    .await;
    fx.answers("respond_mentoring (confirm) on both servers at once", &confirm);
    for (k, p) in pairs.iter().enumerate() {
        let acked = confirm[k * 2..k * 2 + 2].iter().any(Ans::ok);
        let row = mentoring_pair::Entity::find_by_id(p.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        fx.check(!acked || row.status == "confirmed", || {
            format!("pair {}: confirmation acknowledged, status {}", p.id, row.status)
        });
    }
    // (pair, server, who, key)
    let logs: Arc<Vec<(usize, usize, i64, String)>> = Arc::new(
        pairs
            .iter()
            .enumerate()
            .flat_map(|(k, p)| {
                [
                    (k, 0, p.mentor_id, format!("sesi-{k}-mentor")),
                    (k, 1, p.mentor_id, format!("sesi-{k}-mentor")),
                    (k, 1, p.mentee_id, format!("sesi-{k}-mentee")),
                ]
            })
            .collect(),
    );
    let answers = at_once(logs.len(), |i| {
        let (s, logs) = (s.clone(), logs.clone());
        let (k, server, who, key) = logs[i].clone();
        let b = browsers[index(who)].clone();
        let fields = f(&[
            ("class_id", w.class.to_string()),
            ("pair", pairs[k].id.to_string()),
            ("key", key),
            ("held_on", "2026-11-20".into()),
            ("minutes", "45".into()),
            ("topic", "Tabel pivot".into()),
            ("practised", "Membuat tabel pivot rekap cuti.".into()),
            ("mentor_learned", "Cara menyusun nota dinas.".into()),
        ]);
        async move { s.call(&b, server, "/api/log_mentoring_session", &fields).await }
    })
    .await;
    fx.answers(
        "log_mentoring_session at once (retried key + other key)",
        &answers,
    );
    let sessions = mentoring_session::Entity::find().all(&app.db).await.unwrap();
    for (i, (_, _, _, key)) in logs.iter().enumerate() {
        let n = sessions.iter().filter(|s| &s.client_key == key).count();
        fx.check(n <= 1, || format!("log {key} stored {n} times"));
        fx.check(!answers[i].ok() || n == 1, || {
            format!("log {key} acknowledged, not stored")
        });
    }
    fx
}

/// The rubric editor's form for `r`.
fn rubric_form(
    class_id: i64,
    rubric_id: i64,
    r: &app::rubrics::domain::rubric::Rubric,
) -> Vec<(String, String)> {
    let mut f = vec![
        ("class_id".to_string(), class_id.to_string()),
        ("rubric".into(), rubric_id.to_string()),
        ("title".into(), r.title.clone()),
        ("description".into(), r.description.clone()),
        ("save".into(), "1".into()),
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
    }
    f
}

/// Two facilitators save the same rubric at once on both servers (four
/// titles), three rounds: version numbers unique, the newest version's
/// title one acknowledged in the last round.
pub async fn rubric_save(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, "Rubrik Balap", 0).await;
    let copy = [
        ("class_id", w.class.to_string()),
        ("template", "kolaborasi-tim".to_string()),
    ];
    ok(&app.call(&w.facilitator, "/api/copy_rubric_template", &copy).await);
    let rubric_id = rubric::Entity::find()
        .filter(rubric::Column::ClassId.eq(w.class))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let facilitators = s.login_all(&w.facilitator_emails).await;
    let template = app::rubrics::templates::find("kolaborasi-tim").unwrap();
    let template = template.rubric(Locale::Id).clone();
    let mut all = Vec::new();
    let mut last_acked = Vec::new();
    for round in 0..3 {
        let titles: Arc<Vec<String>> = Arc::new(
            (0..4)
                .map(|i| format!("Rubrik putaran {round} versi {i}"))
                .collect(),
        );
        let answers = at_once(4, |i| {
            let s = s.clone();
            let b = facilitators[i % 2].clone();
            let mut r = template.clone();
            r.title = titles[i].clone();
            let fields = rubric_form(w.class, rubric_id, &r);
            async move { s.call(&b, (i / 2 + i) % 2, "/api/save_rubric", &fields).await }
        })
        .await;
        last_acked = titles
            .iter()
            .zip(&answers)
            .filter(|(_, a)| a.ok())
            .map(|(t, _)| t.clone())
            .collect();
        all.extend(answers);
    }
    fx.answers("save_rubric x4 at once, 3 rounds", &all);
    let versions = rubric_version::Entity::find()
        .filter(rubric_version::Column::RubricId.eq(rubric_id))
        .order_by_asc(rubric_version::Column::Number)
        .all(&app.db)
        .await
        .unwrap();
    let mut numbers: Vec<i32> = versions.iter().map(|v| v.number).collect();
    numbers.dedup();
    fx.check(numbers.len() == versions.len(), || {
        format!(
            "duplicate rubric version numbers: {:?}",
            versions.iter().map(|v| v.number).collect::<Vec<_>>()
        )
    });
    if let Some(newest) = versions.last() {
        let body: app::rubrics::domain::rubric::Rubric = serde_json::from_str(&newest.body).unwrap();
        fx.check(last_acked.contains(&body.title), || {
            format!(
                "newest rubric title {:?} is not one acknowledged last: {last_acked:?}",
                body.title
            )
        });
    }
    fx
}
