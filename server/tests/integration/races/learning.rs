//! Reflection autosaves and lesson completion, raced across the two servers.
use super::harness::{at_once, email_of, f, Ans, Browser, Findings, Servers};
use crate::common::TestApp;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::curriculum::model::BlockBody;
use app::entities::{lesson_completion, reflection};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;

/// (lesson key, reflection block key) of the first shipped reflection.
fn first_reflection() -> (String, String) {
    let c = app::curriculum::store::shipped().unwrap();
    for lesson in c.units.iter().flat_map(|u| &u.lessons) {
        for b in &lesson.blocks {
            if matches!(b.body, BlockBody::Reflection { .. }) {
                return (lesson.key.clone(), b.key.clone());
            }
        }
    }
    panic!("no reflection shipped")
}

async fn world(app: &TestApp, s: &Arc<Servers>, tag: &str, n: usize) -> (i64, Vec<(i64, Browser)>) {
    let class = app.class(&format!("Kelas {tag}")).await;
    let mut ids = Vec::new();
    let mut emails = Vec::new();
    for i in 0..n {
        let name = format!("Peserta {tag} {i}");
        let p = app.user(&name, &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        ids.push(p);
        emails.push(email_of(&name));
    }
    let browsers = s.login_all(&emails).await;
    (class, ids.into_iter().zip(browsers).collect())
}

fn base_of(a: &Ans) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(&a.body).ok()?;
    v["fields"]
        .as_array()?
        .iter()
        .find(|p| p[0] == "base")
        .and_then(|p| p[1].as_str())
        .and_then(|s| s.parse().ok())
}

async fn stored(app: &TestApp, user: i64, class: i64) -> Vec<reflection::Model> {
    reflection::Entity::find()
        .filter(reflection::Column::UserId.eq(user))
        .filter(reflection::Column::ClassId.eq(class))
        .all(&app.db)
        .await
        .unwrap()
}

/// 15 participants autosave at once, each 3 saves in a row (alternating
/// servers, each from the revision the last answer gave): all acknowledged,
/// the last one stored. 5 more write from two tabs at once: two first saves
/// (base 0), then two saves from base 1 — one acknowledged, one 409, the
/// acknowledged stored — then one save retried on both servers: both
/// acknowledged with the same revision, stored once.
pub async fn reflection_autosave(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let (class, people) = world(&app, &s, "Refleksi", 20).await;
    let (_, block) = first_reflection();
    let save = move |body: String, base: i64, key: String| {
        f(&[
            ("class_id", class.to_string()),
            ("block", block.clone()),
            ("body", body),
            ("base", base.to_string()),
            ("save_key", key),
        ])
    };
    // The crowd: chains of three saves, all people at once.
    let writers = &people[..15];
    let barrier = Arc::new(tokio::sync::Barrier::new(writers.len()));
    let mut handles = Vec::new();
    for (p, (_, b)) in writers.iter().enumerate() {
        let (s, b, save, barrier) = (s.clone(), b.clone(), save.clone(), barrier.clone());
        handles.push(tokio::spawn(async move {
            barrier.wait().await;
            let mut base = 0;
            let mut out = Vec::new();
            for n in 0..3 {
                let body = format!("Refleksi peserta {p} versi {n}");
                let a = s
                    .call(
                        &b,
                        (p + n) % 2,
                        "/api/save_reflection",
                        &save(body.clone(), base, format!("simpan-{p}-{n}-0000")),
                    )
                    .await;
                if let Some(next) = base_of(&a).filter(|_| a.ok()) {
                    base = next;
                }
                out.push((body, a));
            }
            out
        }));
    }
    let mut chains = Vec::new();
    for h in handles {
        chains.push(h.await.expect("writer"));
    }
    let flat: Vec<Ans> = chains.iter().flatten().map(|(_, a)| a.clone()).collect();
    fx.answers("save_reflection: 15 writers x 3 chained saves", &flat);
    for (p, chain) in chains.iter().enumerate() {
        fx.check(chain.iter().all(|(_, a)| a.ok()), || {
            format!(
                "writer {p}: an autosave from the current revision was refused: {:?}",
                chain
                    .iter()
                    .filter(|(_, a)| !a.ok())
                    .map(|(_, a)| a.short())
                    .collect::<Vec<_>>()
            )
        });
        let rows = stored(&app, people[p].0, class).await;
        let last = chain.iter().rev().find(|(_, a)| a.ok());
        fx.check(rows.len() == 1, || {
            format!("writer {p}: {} reflection rows", rows.len())
        });
        if let (Some(row), Some((body, a))) = (rows.first(), last) {
            fx.check(row.body == *body && Some(row.revision) == base_of(a), || {
                format!(
                    "writer {p}: stored ({:?}, {}), newest acknowledged ({body:?}, {:?})",
                    row.body,
                    row.revision,
                    base_of(a)
                )
            });
        }
    }

    // Two tabs.
    let tabs = &people[15..];
    for (round, base) in [(0usize, 0i64), (1, 1)] {
        let answers = at_once(tabs.len() * 2, |i| {
            let s = s.clone();
            let b = tabs[i / 2].1.clone();
            let fields = save(
                format!("Tab {} putaran {round} peserta {}", i % 2, i / 2),
                base,
                format!("tab-{}-{round}-{}", i / 2, i % 2),
            );
            async move { s.call(&b, i % 2, "/api/save_reflection", &fields).await }
        })
        .await;
        fx.answers(&format!("save_reflection: two tabs from base {base}"), &answers);
        for (t, (id, _)) in tabs.iter().enumerate() {
            let pair = &answers[t * 2..t * 2 + 2];
            let acked: Vec<usize> = (0..2).filter(|&k| pair[k].ok()).collect();
            let conflicts = pair.iter().filter(|a| a.status == 409).count();
            fx.check(acked.len() == 1 && conflicts == 1, || {
                format!(
                    "two tabs from base {base}, person {t}: {} acknowledged, {conflicts} 409s: {:?}",
                    acked.len(),
                    pair.iter().map(Ans::short).collect::<Vec<_>>()
                )
            });
            let rows = stored(&app, *id, class).await;
            fx.check(rows.len() == 1, || format!("tab person {t}: {} rows", rows.len()));
            if let (Some(row), [k]) = (rows.first(), acked.as_slice()) {
                let body = format!("Tab {k} putaran {round} peserta {t}");
                fx.check(row.body == body && row.revision == base + 1, || {
                    format!(
                        "two tabs from base {base}, person {t}: stored ({:?}, {}), acknowledged ({body:?}, {})",
                        row.body,
                        row.revision,
                        base + 1
                    )
                });
            }
        }
    }
    // A retried save: same key to both servers at once.
    let answers = at_once(tabs.len() * 2, |i| {
        let s = s.clone();
        let b = tabs[i / 2].1.clone();
        let fields = save(
            format!("Diulang peserta {}", i / 2),
            2,
            format!("ulang-0000-{}", i / 2),
        );
        async move { s.call(&b, i % 2, "/api/save_reflection", &fields).await }
    })
    .await;
    fx.answers("save_reflection: one save retried on both servers", &answers);
    for (t, (id, _)) in tabs.iter().enumerate() {
        let pair = &answers[t * 2..t * 2 + 2];
        fx.check(pair.iter().all(|a| a.ok() && base_of(a) == Some(3)), || {
            format!(
                "retried save, person {t}: want both 2xx with base 3: {:?}",
                pair.iter().map(Ans::short).collect::<Vec<_>>()
            )
        });
        let rows = stored(&app, *id, class).await;
        fx.check(
            rows.len() == 1 && rows[0].revision == 3 && rows[0].save_key == format!("ulang-0000-{t}"),
            || {
                format!(
                    "retried save, person {t}: stored {:?}",
                    rows.iter()
                        .map(|r| (r.revision, r.save_key.clone()))
                        .collect::<Vec<_>>()
                )
            },
        );
    }
    fx
}

/// 20 participants finish the same lesson at once, each on both servers
/// twice (80 requests): all acknowledged, one completion each.
pub async fn lesson_completion(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let (class, people) = world(&app, &s, "Selesai", 20).await;
    let (lesson, _) = first_reflection();
    let answers = at_once(people.len() * 4, |i| {
        let s = s.clone();
        let b = people[i / 4].1.clone();
        let fields = f(&[("class_id", class.to_string()), ("lesson", lesson.clone())]);
        async move { s.call(&b, i % 2, "/api/complete_lesson", &fields).await }
    })
    .await;
    fx.answers("complete_lesson x80 at once", &answers);
    fx.check(answers.iter().all(Ans::ok), || {
        "a repeated completion was refused (it is idempotent)".into()
    });
    for (p, (id, _)) in people.iter().enumerate() {
        let n = lesson_completion::Entity::find()
            .filter(lesson_completion::Column::UserId.eq(*id))
            .filter(lesson_completion::Column::ClassId.eq(class))
            .all(&app.db)
            .await
            .unwrap()
            .len();
        fx.check(n == 1, || format!("participant {p}: {n} completions"));
    }
    fx
}
