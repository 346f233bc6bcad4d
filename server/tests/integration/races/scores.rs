//! Score saves and submits, moderation and evaluation settings, raced
//! across the two servers.
use super::harness::{at_once, email_of, f, Ans, Browser, Findings, Form, Servers};
use crate::common::{scored_with, TestApp};
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{evaluation_setting, moderation, score, team};
use app::i18n::Locale;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::Arc;

pub struct World {
    pub class: i64,
    pub task: i64,
    pub team: i64,
    #[allow(dead_code)] // setup goes through it; kept for cases that need it
    pub facilitator: crate::common::Client,
    /// (user id, logged in over HTTP)
    pub evaluators: Vec<(i64, Browser)>,
    /// A second facilitator, logged in over HTTP.
    pub facilitators: Vec<Browser>,
}

fn ok(r: &crate::common::Reply) {
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
}

/// A class with one published team, a task scored with the collaboration
/// template by `n` evaluators (coach), and two facilitators logged in.
pub async fn world(app: &TestApp, s: &Arc<Servers>, tag: &str, n: usize) -> World {
    let class = app.class(&format!("Kelas {tag}")).await;
    let mut facilitator_emails = Vec::new();
    let mut first = None;
    for i in 0..2 {
        let name = format!("Fasilitator {tag} {i}");
        let id = app.user(&name, &[Role::Facilitator]).await;
        app.enrol(id, class, Membership::Facilitator).await;
        first.get_or_insert(id);
        facilitator_emails.push(email_of(&name));
    }
    let facilitator = app.session(first.unwrap()).await;
    for i in 0..4 {
        let p = app
            .user(&format!("Peserta {tag} {i}"), &[Role::Participant])
            .await;
        app.enrol(p, class, Membership::Participant).await;
    }
    let form = [
        ("class_id", class.to_string()),
        ("mode", "count".into()),
        ("n", "1".into()),
        ("w_mix", "1".into()),
        ("w_isolation", "1".into()),
        ("w_units", "1".into()),
        ("w_level", "1".into()),
        ("w_skill", "1".into()),
    ];
    ok(&app.call(&facilitator, "/api/form_class_teams", &form).await);
    ok(&app
        .call(
            &facilitator,
            "/api/publish_teams",
            &[("class_id", class.to_string())],
        )
        .await);
    let sets: Vec<i64> = app::entities::team_set::Entity::find()
        .filter(app::entities::team_set::Column::ClassId.eq(class))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let team = team::Entity::find()
        .filter(team::Column::SetId.is_in(sets))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a team")
        .id;
    let task = app::tasks::store::create(
        &app.db,
        class,
        app::tasks::store::NewTask {
            title: "Rencana komunikasi".into(),
            brief: "Susun rencana.".into(),
            due_at: chrono::Utc::now() + chrono::Duration::days(3),
            policy: app::teams::domain::submissions::LatePolicy::Accepted,
            rubric_id: None,
        },
    )
    .await
    .unwrap();
    let template = app::rubrics::templates::find("kolaborasi-tim").unwrap();
    let rubric = app::rubrics::store::create(&app.db, class, 1, template.rubric(Locale::Id), None)
        .await
        .unwrap()
        .unwrap();
    let settings = [
        ("class_id", class.to_string()),
        ("task", task.to_string()),
        ("rubric", rubric.to_string()),
        ("combine", "mean".to_string()),
        ("level_gap", "1".to_string()),
        ("share_gap", "".to_string()),
    ];
    ok(&app.call(&facilitator, "/api/set_evaluation", &settings).await);
    let mut ids = Vec::new();
    let mut emails = Vec::new();
    for i in 0..n {
        let name = format!("Penilai {tag} {i}");
        let e = app.user(&name, &[Role::Evaluator]).await;
        app.enrol(e, class, Membership::Evaluator).await;
        let fields = [
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("subject", "0".to_string()),
            ("evaluator", e.to_string()),
            ("role", "coach".to_string()),
            ("weight", "1".to_string()),
        ];
        ok(&app.call(&facilitator, "/api/assign_evaluator", &fields).await);
        ids.push(e);
        emails.push(email_of(&name));
    }
    emails.extend(facilitator_emails);
    let mut logged = s.login_all(&emails).await;
    let facilitators = logged.split_off(n);
    World {
        class,
        task,
        team,
        facilitator,
        evaluators: ids.into_iter().zip(logged).collect(),
        facilitators,
    }
}

/// A scoring form: every criterion at `level`, from `base`, with a fresh key.
pub fn form(w: &World, base: i64, level: usize, lock: bool) -> (Vec<(String, String)>, String) {
    let fields = vec![
        ("class_id".to_string(), w.class.to_string()),
        ("task".into(), w.task.to_string()),
        ("subject".into(), w.team.to_string()),
    ];
    let form = scored_with("kolaborasi-tim", fields, base, level, lock);
    let key = form
        .iter()
        .find(|(k, _)| k == "save_key")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    (form, key)
}

async fn stored(app: &TestApp, w: &World, evaluator: i64) -> Vec<score::Model> {
    score::Entity::find()
        .filter(score::Column::TargetId.eq(w.task))
        .filter(score::Column::SubjectId.eq(w.team))
        .filter(score::Column::EvaluatorId.eq(evaluator))
        .all(&app.db)
        .await
        .unwrap()
}

/// The revision a save's answer hands back (`fields: [["base", "N"]]`).
fn answered_base(a: &Ans) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(&a.body).ok()?;
    v["fields"]
        .as_array()?
        .iter()
        .find(|p| p[0] == "base")
        .and_then(|p| p[1].as_str())
        .and_then(|s| s.parse().ok())
}

/// Each evaluator's first save, one after another (not raced).
async fn first_saves(s: &Servers, w: &World, fx: &mut Findings) {
    for (_, b) in &w.evaluators {
        let (form, _) = form(w, 0, 1, false);
        let a = s.call(b, 0, "/api/save_score", &form).await;
        fx.check(a.ok() && answered_base(&a) == Some(1), || {
            format!("setup: a first save was not answered with base 1: {}", a.short())
        });
    }
}

/// Per evaluator, two saves from the same base (one per server) at once:
/// exactly one is acknowledged, the other is a 409, and the stored score is
/// the acknowledged one's (its key, base + 1).
async fn pair_race(
    app: &TestApp,
    s: &Arc<Servers>,
    w: &World,
    base: i64,
    forms: impl Fn(&World) -> [(Vec<(String, String)>, String); 2],
    fx: &mut Findings,
    label: &str,
    lenient: bool,
) {
    let mut all: Vec<(usize, usize, String, Form)> = Vec::new();
    for (e, (_, _)) in w.evaluators.iter().enumerate() {
        for (side, (form, key)) in forms(w).into_iter().enumerate() {
            all.push((e, side, key, form));
        }
    }
    let all = Arc::new(all);
    let answers = at_once(all.len(), |i| {
        let (s, all) = (s.clone(), all.clone());
        let b = w.evaluators[all[i].0].1.clone();
        async move { s.call(&b, all[i].1, "/api/save_score", &all[i].3).await }
    })
    .await;
    fx.answers(label, &answers);
    for (e, (id, _)) in w.evaluators.iter().enumerate() {
        let mine: Vec<(&String, &Ans)> = all
            .iter()
            .zip(&answers)
            .filter(|((x, ..), _)| *x == e)
            .map(|((_, _, key, _), a)| (key, a))
            .collect();
        let acked: Vec<_> = mine.iter().filter(|(_, a)| a.ok()).collect();
        // A draft that lost to a submit may be told the score is locked (422).
        let conflicts = mine
            .iter()
            .filter(|(_, a)| a.status == 409 || (lenient && a.status == 422))
            .count();
        fx.check(acked.len() == 1 && conflicts == 1, || {
            format!(
                "{label}: evaluator {e}: {} acknowledged, {conflicts} refused (want 1 and 1): {:?}",
                acked.len(),
                mine.iter().map(|(_, a)| a.short()).collect::<Vec<_>>()
            )
        });
        let rows = stored(app, w, *id).await;
        fx.check(rows.len() == 1, || {
            format!("{label}: evaluator {e}: {} score rows (duplicates)", rows.len())
        });
        if let (Some(row), [(key, _)]) = (rows.first(), acked.as_slice()) {
            fx.check(row.save_key == **key && row.revision == base + 1, || {
                format!(
                    "{label}: evaluator {e}: stored key {} revision {}, not the acknowledged save's ({key}, {})",
                    row.save_key,
                    row.revision,
                    base + 1
                )
            });
        }
    }
}

pub async fn draft_vs_draft(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Skor Draf", 4).await;
    first_saves(&s, &w, &mut fx).await;
    let forms = |w: &World| [form(w, 1, 2, false), form(w, 1, 3, false)];
    pair_race(&app, &s, &w, 1, forms, &mut fx, "draft vs draft (base 1)", false).await;
    fx
}

pub async fn draft_vs_submit(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Skor Kirim", 4).await;
    first_saves(&s, &w, &mut fx).await;
    let forms = |w: &World| [form(w, 1, 2, false), form(w, 1, 0, true)];
    pair_race(&app, &s, &w, 1, forms, &mut fx, "draft vs submit (base 1)", true).await;
    // Whichever won, the status matches it.
    for (e, (id, _)) in w.evaluators.iter().enumerate() {
        let rows = stored(&app, &w, *id).await;
        if let Some(row) = rows.first() {
            fx.note(format!("evaluator {e}: stored status {}", row.status));
        }
    }
    fx
}

pub async fn first_saves_race(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Skor Pertama", 4).await;
    let forms = |w: &World| [form(w, 0, 1, false), form(w, 0, 2, false)];
    pair_race(&app, &s, &w, 0, forms, &mut fx, "two first saves (base 0)", false).await;
    fx
}

pub async fn retried_save(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Skor Ulang", 4).await;
    first_saves(&s, &w, &mut fx).await;
    // The same save (same key) sent to both servers at once, per evaluator.
    let forms: Arc<Vec<(Form, String)>> =
        Arc::new(w.evaluators.iter().map(|_| form(&w, 1, 2, false)).collect());
    let n = w.evaluators.len();
    let answers = at_once(n * 2, |i| {
        let (s, forms) = (s.clone(), forms.clone());
        let b = w.evaluators[i / 2].1.clone();
        async move { s.call(&b, i % 2, "/api/save_score", &forms[i / 2].0).await }
    })
    .await;
    fx.answers("same save twice (same key)", &answers);
    for (e, (id, _)) in w.evaluators.iter().enumerate() {
        let pair = &answers[e * 2..e * 2 + 2];
        fx.check(pair.iter().all(|a| a.ok() && answered_base(a) == Some(2)), || {
            format!(
                "retry: evaluator {e}: both answers must be 2xx with base 2: {:?}",
                pair.iter().map(Ans::short).collect::<Vec<_>>()
            )
        });
        let rows = stored(&app, &w, *id).await;
        fx.check(
            rows.len() == 1 && rows[0].revision == 2 && rows[0].save_key == forms[e].1,
            || {
                format!(
                    "retry: evaluator {e}: stored {:?}, want one row at revision 2 with the key",
                    rows.iter()
                        .map(|r| (r.revision, r.save_key.clone()))
                        .collect::<Vec<_>>()
                )
            },
        );
    }
    fx
}

/// Two facilitators moderate the same team at once, on both servers, a
/// few times over: every acknowledged decision is stored once; the newest
/// stored decision is an acknowledged one.
pub async fn moderation(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Moderasi", 2).await;
    for (i, (_, b)) in w.evaluators.iter().enumerate() {
        let (form, _) = form(&w, 0, i * 3, true);
        let a = s.call(b, i % 2, "/api/save_score", &form).await;
        fx.check(a.ok(), || format!("setup: submit failed: {}", a.short()));
    }
    let rounds = 3;
    let mut all_answers = Vec::new();
    let mut acked_reasons = Vec::new();
    for round in 0..rounds {
        let reasons: Arc<Vec<String>> =
            Arc::new((0..4).map(|i| format!("Putaran {round} alasan {i}")).collect());
        let answers = at_once(4, |i| {
            let (s, reasons) = (s.clone(), reasons.clone());
            let b = w.facilitators[i % 2].clone();
            let fields = f(&[
                ("class_id", w.class.to_string()),
                ("task", w.task.to_string()),
                ("subject", w.team.to_string()),
                ("decision", "set".into()),
                ("total", format!("{}", 70 + i * 5)),
                ("reason", reasons[i].clone()),
            ]);
            async move { s.call(&b, i % 2, "/api/moderate_score", &fields).await }
        })
        .await;
        for (a, r) in answers.iter().zip(reasons.iter()) {
            if a.ok() {
                acked_reasons.push(r.clone());
            }
        }
        all_answers.extend(answers);
    }
    fx.answers("moderate_score x4 at once, 3 rounds", &all_answers);
    let rows = moderation::Entity::find()
        .filter(moderation::Column::TargetId.eq(w.task))
        .filter(moderation::Column::SubjectId.eq(w.team))
        .order_by_asc(moderation::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    for r in &acked_reasons {
        let n = rows.iter().filter(|m| &m.reason == r).count();
        fx.check(n == 1, || {
            format!("moderation '{r}' acknowledged, stored {n} times")
        });
    }
    let stored_not_acked: Vec<_> = rows
        .iter()
        .filter(|m| !acked_reasons.contains(&m.reason))
        .map(|m| m.reason.clone())
        .collect();
    fx.check(stored_not_acked.is_empty(), || {
        format!("moderations stored but refused: {stored_not_acked:?}")
    });
    fx
}

/// Two facilitators change a task's evaluation settings at once, 10 times
/// over: one settings row per task, holding an acknowledged choice.
pub async fn evaluation_settings(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Pengaturan", 1).await;
    let rubric = app::rubrics::store::create(
        &app.db,
        w.class,
        1,
        app::rubrics::templates::find("kolaborasi-tim")
            .unwrap()
            .rubric(Locale::Id),
        None,
    )
    .await
    .unwrap()
    .unwrap();
    let choices = |i: usize| -> (&'static str, String) {
        if i.is_multiple_of(2) {
            ("mean", (1 + i % 3).to_string())
        } else {
            ("median", (1 + i % 3).to_string())
        }
    };
    let mut answers = Vec::new();
    for _ in 0..5 {
        answers.extend(
            at_once(4, |i| {
                let s = s.clone();
                let b = w.facilitators[i % 2].clone();
                let (method, gap) = choices(i);
                let fields = f(&[
                    ("class_id", w.class.to_string()),
                    ("task", w.task.to_string()),
                    ("rubric", rubric.to_string()),
                    ("combine", method.to_string()),
                    ("level_gap", gap),
                    ("share_gap", "".to_string()),
                ]);
                async move { s.call(&b, i % 2, "/api/set_evaluation", &fields).await }
            })
            .await,
        );
    }
    fx.answers("set_evaluation x4 at once, 5 rounds", &answers);
    let rows = evaluation_setting::Entity::find()
        .filter(evaluation_setting::Column::TargetId.eq(w.task))
        .all(&app.db)
        .await
        .unwrap();
    let task_rows: Vec<_> = rows.iter().filter(|r| r.kind == rows[0].kind).collect();
    fx.check(task_rows.len() == 1, || {
        format!("{} evaluation settings rows for one task", task_rows.len())
    });
    if let Some(r) = task_rows.first() {
        let acked: Vec<(String, Option<i32>)> = answers
            .iter()
            .enumerate()
            .filter(|(_, a)| a.ok())
            .map(|(i, _)| {
                let (m, g) = choices(i % 4);
                (m.to_string(), g.parse().ok())
            })
            .collect();
        fx.check(
            r.rubric_id == Some(rubric) && acked.contains(&(r.method.clone(), r.level_gap)),
            || {
                format!(
                    "stored settings ({:?}, {}, {:?}) are not an acknowledged choice",
                    r.rubric_id, r.method, r.level_gap
                )
            },
        );
    }
    fx
}
