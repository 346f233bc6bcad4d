//! Scenario starts (a class pressing "Mulai" together) and steps (retried,
//! and sent from another tab), raced across the two servers.
use super::harness::{at_once, email_of, f, Ans, Browser, Findings, Form, Servers};
use crate::common::TestApp;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{scenario_attempt, scenario_step};
use app::scenarios::assign;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use std::sync::Arc;

const KEY: &str = "aplikasi-laporan";

struct World {
    class: i64,
    assignment: i64,
    people: Vec<(i64, Browser)>,
}

async fn world(app: &TestApp, s: &Arc<Servers>, tag: &str, n: usize) -> World {
    let class = app.class(&format!("Kelas {tag}")).await;
    let mut ids = Vec::new();
    let mut emails = Vec::new();
    for i in 0..n {
        let name = format!("Peserta {tag} {i}");
        let p = app.user(&name, &[Role::Participant]).await;
        app.edit_user(p, |u| {
            u.birth_date = Set(chrono::NaiveDate::from_ymd_opt(1965 + (i as i32 * 7) % 40, 5, 1))
        })
        .await;
        app.enrol(p, class, Membership::Participant).await;
        ids.push(p);
        emails.push(email_of(&name));
    }
    let window = assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", "", 1).unwrap();
    let assignment = assign::assign(&app.db, class, KEY, window).await.unwrap();
    let browsers = s.login_all(&emails).await;
    World {
        class,
        assignment,
        people: ids.into_iter().zip(browsers).collect(),
    }
}

async fn attempts_of(app: &TestApp, assignment: i64) -> BTreeMap<i64, Vec<scenario_attempt::Model>> {
    let mut by_user: BTreeMap<i64, Vec<_>> = BTreeMap::new();
    for a in scenario_attempt::Entity::find()
        .filter(scenario_attempt::Column::AssignmentId.eq(assignment))
        .all(&app.db)
        .await
        .unwrap()
    {
        by_user.entry(a.user_id).or_default().push(a);
    }
    by_user
}

/// 20 participants press "Mulai" together; each press reaches both servers
/// (a retry with the same key), and five also start from a second tab (a
/// new key). One attempt per participant (the assignment allows one), with
/// an acknowledged key; both copies of a retried start acknowledged.
pub async fn start_crowd(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Skenario Mulai", 20).await;
    let n = w.people.len();
    // (person, server, key)
    let mut plan: Vec<(usize, usize, String)> = Vec::new();
    for p in 0..n {
        plan.push((p, 0, format!("mulai-{p}-a")));
        plan.push((p, 1, format!("mulai-{p}-a")));
        if p < 5 {
            plan.push((p, 1, format!("mulai-{p}-tab-b")));
        }
    }
    let plan = Arc::new(plan);
    let answers = at_once(plan.len(), |i| {
        let (s, plan) = (s.clone(), plan.clone());
        let b = w.people[plan[i].0].1.clone();
        let fields = f(&[
            ("class_id", w.class.to_string()),
            ("assignment", w.assignment.to_string()),
            ("key", plan[i].2.clone()),
        ]);
        async move { s.call(&b, plan[i].1, "/api/start_scenario", &fields).await }
    })
    .await;
    fx.answers(&format!("start_scenario x{} at once", plan.len()), &answers);
    let attempts = attempts_of(&app, w.assignment).await;
    for (p, (id, _)) in w.people.iter().enumerate() {
        let mine: Vec<(&String, &Ans)> = plan
            .iter()
            .zip(&answers)
            .filter(|((x, ..), _)| *x == p)
            .map(|((_, _, k), a)| (k, a))
            .collect();
        let rows = attempts.get(id).cloned().unwrap_or_default();
        fx.check(rows.len() == 1, || {
            format!("participant {p}: {} attempts (one allowed)", rows.len())
        });
        let same_key: Vec<_> = mine.iter().filter(|(k, _)| k.ends_with("-a")).collect();
        let both_or_none = same_key.iter().all(|(_, a)| a.ok()) || same_key.iter().all(|(_, a)| !a.ok());
        fx.check(both_or_none, || {
            format!(
                "participant {p}: one start sent twice answered differently: {:?}",
                same_key.iter().map(|(_, a)| a.short()).collect::<Vec<_>>()
            )
        });
        if let Some(row) = rows.first() {
            let acked = mine.iter().any(|(k, a)| a.ok() && **k == row.client_key);
            fx.check(acked, || {
                format!(
                    "participant {p}: the stored attempt's key {} was never acknowledged",
                    row.client_key
                )
            });
        }
        fx.check(mine.iter().any(|(_, a)| a.ok()), || {
            format!("participant {p}: no start acknowledged")
        });
    }
    fx
}

/// Each of 10 participants sends the first step twice (a retry, one per
/// server) while another tab sends a different step 0 with its own key, all
/// at once: one step 0 per attempt, the stored one acknowledged, the
/// retried pair answered alike, and an acknowledged other tab is stored.
pub async fn steps(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, &s, "Skenario Langkah", 10).await;
    let mut attempts = Vec::new();
    for (p, (_, b)) in w.people.iter().enumerate() {
        let fields = f(&[
            ("class_id", w.class.to_string()),
            ("assignment", w.assignment.to_string()),
            ("key", format!("langkah-mulai-{p}")),
        ]);
        let a = s.call(b, p % 2, "/api/start_scenario", &fields).await;
        assert!(a.ok(), "setup start: {}", a.short());
    }
    let by_user = attempts_of(&app, w.assignment).await;
    for (id, _) in &w.people {
        attempts.push(by_user[id][0].clone());
    }
    let scenario = app::scenarios::store::version(&app.db, attempts[0].version_id)
        .await
        .unwrap();
    let one = crate::common::play::plan(&scenario, 0, "Refleksi tab satu")[0].clone();
    let other = crate::common::play::plan(&scenario, 1, "Refleksi tab dua")[0].clone();
    let step_fields = |attempt: i64, step: &app::scenarios::domain::engine::Step, key: String| {
        use app::scenarios::domain::engine::Answer;
        let mut v = f(&[
            ("class_id", w.class.to_string()),
            ("attempt", attempt.to_string()),
            ("seq", "0".into()),
            ("node", step.node.clone()),
            ("key", key),
        ]);
        match &step.answer {
            Answer::Choose(k) => v.push(("choice".into(), k.clone())),
            Answer::Reflect(t) => v.push(("reflection".into(), t.clone())),
            Answer::Continue => {}
        }
        v
    };
    // (person, server, key, fields)
    let mut plan: Vec<(usize, usize, String, Form)> = Vec::new();
    for (p, a) in attempts.iter().enumerate() {
        let k1 = format!("langkah-{p}-satu");
        let k2 = format!("langkah-{p}-dua");
        plan.push((p, 0, k1.clone(), step_fields(a.id, &one, k1.clone())));
        plan.push((p, 1, k1.clone(), step_fields(a.id, &one, k1)));
        plan.push((p, 1, k2.clone(), step_fields(a.id, &other, k2)));
    }
    let plan = Arc::new(plan);
    let answers = at_once(plan.len(), |i| {
        let (s, plan) = (s.clone(), plan.clone());
        let b = w.people[plan[i].0].1.clone();
        async move { s.call(&b, plan[i].1, "/api/scenario_step", &plan[i].3).await }
    })
    .await;
    fx.answers(&format!("scenario_step x{} at once", plan.len()), &answers);
    for (p, a) in attempts.iter().enumerate() {
        let rows = scenario_step::Entity::find()
            .filter(scenario_step::Column::AttemptId.eq(a.id))
            .filter(scenario_step::Column::Seq.eq(0))
            .all(&app.db)
            .await
            .unwrap();
        fx.check(rows.len() == 1, || {
            format!("participant {p}: {} rows for step 0", rows.len())
        });
        let mine: Vec<(&String, &Ans)> = plan
            .iter()
            .zip(&answers)
            .filter(|((x, ..), _)| *x == p)
            .map(|((_, _, k, _), a)| (k, a))
            .collect();
        fx.check(mine[0].1.ok() == mine[1].1.ok(), || {
            format!(
                "participant {p}: one step sent twice answered differently: {} / {}",
                mine[0].1.short(),
                mine[1].1.short()
            )
        });
        if let Some(row) = rows.first() {
            for (k, ans) in &mine {
                // Two different steps 0 may only both be acknowledged if they say the same.
                if ans.ok() && **k != row.client_key && one != other {
                    fx.check(false, || {
                        format!(
                            "participant {p}: step with key {k} acknowledged but {} is stored",
                            row.client_key
                        )
                    });
                }
            }
            fx.check(mine.iter().any(|(k, a)| a.ok() && **k == row.client_key), || {
                format!(
                    "participant {p}: stored step key {} never acknowledged",
                    row.client_key
                )
            });
        }
    }
    fx
}
