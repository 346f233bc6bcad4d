//! Quick-check answers sent at once from many participants across the two servers.
use super::harness::{at_once, email_of, f, Ans, Findings, Servers};
use crate::common::TestApp;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::curriculum::model::{BlockBody, CheckMode};
use app::entities::{check_answer, cur_block};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;

/// A shipped check of `mode`: its block key, the correct and the wrong option keys.
fn shipped_check(mode: CheckMode) -> (String, Vec<String>, Vec<String>) {
    let c = app::curriculum::store::shipped().unwrap();
    for lesson in c.units.iter().flat_map(|u| &u.lessons) {
        for b in &lesson.blocks {
            if let BlockBody::Check { mode: m, options, .. } = &b.body {
                let keys = |correct: bool| -> Vec<String> {
                    options
                        .iter()
                        .filter(|o| o.correct == correct)
                        .map(|o| o.key.clone())
                        .collect()
                };
                if *m == mode && !keys(true).is_empty() && !keys(false).is_empty() {
                    return (b.key.clone(), keys(true), keys(false));
                }
            }
        }
    }
    panic!("no {mode:?} check shipped")
}

/// 10 participants each send 4 answers at once (2 to each server) to a
/// single-choice check, then 4 to a multiple-choice one, then 4 more to the
/// single-choice one (the row exists now): one row per person and block,
/// `attempts` the number of acknowledged answers, `ever_correct` true iff an
/// acknowledged answer was correct.
pub async fn answer_check(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let class = app.class("Kelas Kuis").await;
    let mut ids = Vec::new();
    let mut emails = Vec::new();
    for i in 0..10 {
        let name = format!("Peserta Kuis {i}");
        let p = app.user(&name, &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        ids.push(p);
        emails.push(email_of(&name));
    }
    let people = s.login_all(&emails).await;
    let single = shipped_check(CheckMode::Single);
    let multiple = shipped_check(CheckMode::Multiple);
    // (block, [(person, correct)] acknowledged) over all waves
    let mut acked: Vec<(String, usize, bool)> = Vec::new();
    let mut all = Vec::new();
    let waves = [(&single, 0usize), (&multiple, 1), (&single, 2)];
    for (check, wave) in waves {
        let (block, right, wrong) = check.clone();
        let multi = wave == 1;
        // Person p's answer n is correct when (p + n + wave) % 3 == 0, except
        // that people 0 and 5 never answer the single-choice check right,
        // nor person 3 the multiple-choice one.
        let never = move |p: usize| if multi { p == 3 } else { p.is_multiple_of(5) };
        let correct_of = move |p: usize, n: usize| (p + n + wave).is_multiple_of(3) && !never(p);
        let sent: Vec<bool> = (0..people.len() * 4).map(|i| correct_of(i / 4, i % 4)).collect();
        let answers = at_once(people.len() * 4, |i| {
            let s = s.clone();
            let b = people[i / 4].clone();
            let mut fields = f(&[("class_id", class.to_string()), ("block", block.clone())]);
            let chosen = if sent[i] {
                right.clone()
            } else if multi {
                // One wrong option ticked with the right ones is still wrong.
                right.iter().chain(wrong.iter().take(1)).cloned().collect()
            } else {
                wrong[..1].to_vec()
            };
            if multi {
                for (k, c) in chosen.iter().enumerate() {
                    fields.push((format!("o{k}"), c.clone()));
                }
            } else {
                fields.push(("choice".into(), chosen[0].clone()));
            }
            async move { s.call(&b, i % 2, "/api/answer_check", &fields).await }
        })
        .await;
        for (i, a) in answers.iter().enumerate() {
            if a.ok() {
                acked.push((block.clone(), i / 4, sent[i]));
            }
        }
        fx.check(answers.iter().all(Ans::ok), || {
            format!("wave {wave}: an answer was refused")
        });
        all.extend(answers);
    }
    fx.answers("answer_check: 10 people x 4 at once, 3 waves", &all);
    for (block, ..) in [&single, &multiple] {
        let block_id = cur_block::Entity::find()
            .filter(cur_block::Column::Key.eq(block.as_str()))
            .filter(cur_block::Column::Retired.eq(false))
            .one(&app.db)
            .await
            .unwrap()
            .expect("block row")
            .id;
        for (p, id) in ids.iter().enumerate() {
            let rows = check_answer::Entity::find()
                .filter(check_answer::Column::UserId.eq(*id))
                .filter(check_answer::Column::ClassId.eq(class))
                .filter(check_answer::Column::BlockId.eq(block_id))
                .all(&app.db)
                .await
                .unwrap();
            let mine: Vec<bool> = acked
                .iter()
                .filter(|(b, q, _)| b == block && *q == p)
                .map(|(.., c)| *c)
                .collect();
            let want = (mine.len() as i32, mine.iter().any(|c| *c));
            fx.check(rows.len() == 1, || {
                format!("{block}, person {p}: {} rows", rows.len())
            });
            if let Some(r) = rows.first() {
                fx.check((r.attempts, r.ever_correct) == want, || {
                    format!(
                        "{block}, person {p}: stored (attempts, ever_correct) = ({}, {}), acknowledged {want:?}",
                        r.attempts, r.ever_correct
                    )
                });
            }
        }
    }
    fx
}
