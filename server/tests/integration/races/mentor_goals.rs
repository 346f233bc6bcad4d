//! A facilitator pairing by hand while the mentee answers, and goals added
//! and ticked by both members at once, raced across the two servers.
use super::harness::{at_once, f, Ans, Browser, Findings, Servers};
use super::teams::{ok, world};
use crate::common::TestApp;
use app::entities::{mentoring_goal, mentoring_pair};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A request to send: who, to which server, the path, the fields, and a tag.
type Req<T> = (Browser, usize, &'static str, Vec<(String, String)>, T);

const ACTIVE: [&str; 2] = ["proposed", "confirmed"];

async fn pairs(app: &TestApp, class: i64) -> Vec<mentoring_pair::Model> {
    mentoring_pair::Entity::find()
        .filter(mentoring_pair::Column::ClassId.eq(class))
        .all(&app.db)
        .await
        .unwrap()
}

fn active_of(pairs: &[mentoring_pair::Model], mentee: i64) -> Vec<&mentoring_pair::Model> {
    pairs
        .iter()
        .filter(|p| p.mentee_id == mentee && ACTIVE.contains(&p.status.as_str()))
        .collect()
}

/// No mentee and no mentor in two active pairs.
fn one_active_each(fx: &mut Findings, label: &str, pairs: &[mentoring_pair::Model]) {
    let mut mentees: BTreeMap<i64, usize> = BTreeMap::new();
    let mut mentors: BTreeMap<i64, usize> = BTreeMap::new();
    for p in pairs.iter().filter(|p| ACTIVE.contains(&p.status.as_str())) {
        *mentees.entry(p.mentee_id).or_default() += 1;
        *mentors.entry(p.mentor_id).or_default() += 1;
    }
    fx.check(mentees.values().chain(mentors.values()).all(|n| *n == 1), || {
        format!(
            "{label}: someone in two active pairs: {:?}",
            pairs
                .iter()
                .map(|p| (p.id, p.mentor_id, p.mentee_id, p.status.clone()))
                .collect::<Vec<_>>()
        )
    });
}

/// A refusal because the pair is gone (replaced by hand meanwhile): a 404
/// that says so. Kept apart from the other answers, which must be 2xx/409/422.
fn split_gone(answers: Vec<Ans>) -> (Vec<Ans>, Vec<Ans>) {
    answers.into_iter().partition(|a| a.status != 404)
}

/// Mentees 0–2 (Boomer/Gen X) are proposed to mentors 4–6; three rounds:
/// at once on the two servers, each mentee confirms or declines (or both)
/// while facilitators set mentors 7–9 by hand (mentee 2's twice, a double
/// click). Every hand-set pair acknowledged; each mentee ends in exactly one
/// active pair, the hand-set one; nobody in two active pairs; an answer
/// that lost is a 404 (the pair is gone). Then the new pairs are confirmed
/// and both members add goals at once (each sent to both servers) while
/// mentee 2 is paired again by hand: each acknowledged goal stored once
/// (its key), none on a pair that is gone, a pair with goals kept as
/// "replaced". Then the goals are ticked by both members at once, three
/// rounds: `met` ends as one of the acknowledged values.
pub async fn adjust_respond_goals(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, "Mentor Atur", 10).await;
    let p = &w.people;
    let (mentees, originals, alts) = ([p[0], p[1], p[2]], [p[4], p[5], p[6]], [p[7], p[8], p[9]]);
    let adjust = |mentee: i64, mentor: i64| {
        f(&[
            ("class_id", w.class.to_string()),
            ("mentee", mentee.to_string()),
            ("mentor", mentor.to_string()),
        ])
    };
    let facilitators = s.login_all(&w.facilitator_emails).await;
    let browsers = s.login_all(&w.emails).await;
    let me = |u: i64| browsers[p.iter().position(|x| *x == u).unwrap()].clone();
    let (mut plain, mut gone) = (Vec::new(), Vec::new());
    for round in 0..3usize {
        for (m, o) in mentees.iter().zip(originals) {
            let fields = adjust(*m, o);
            let fields: Vec<(&str, String)> = fields.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            ok(&app.call(&w.facilitator, "/api/adjust_mentoring", &fields).await);
        }
        let before = pairs(&app, w.class).await;
        let proposed: Vec<i64> = mentees
            .iter()
            .map(|m| active_of(&before, *m).first().map_or(-1, |p| p.id))
            .collect();
        // (who, server, path, fields); kind: 0 respond, 1 adjust
        let mut reqs: Vec<Req<usize>> = Vec::new();
        let respond = |k: usize, answer: &str| {
            f(&[
                ("class_id", w.class.to_string()),
                ("pair", proposed[k].to_string()),
                ("answer", answer.to_string()),
            ])
        };
        let sv = |x: usize| (x + round) % 2;
        reqs.push((
            me(mentees[0]),
            sv(0),
            "/api/respond_mentoring",
            respond(0, "confirm"),
            0,
        ));
        reqs.push((
            me(mentees[0]),
            sv(1),
            "/api/respond_mentoring",
            respond(0, "confirm"),
            0,
        ));
        reqs.push((
            facilitators[0].clone(),
            sv(1),
            "/api/adjust_mentoring",
            adjust(mentees[0], alts[0]),
            1,
        ));
        reqs.push((
            me(mentees[1]),
            sv(1),
            "/api/respond_mentoring",
            respond(1, "decline"),
            0,
        ));
        reqs.push((
            me(mentees[1]),
            sv(0),
            "/api/respond_mentoring",
            respond(1, "confirm"),
            0,
        ));
        reqs.push((
            facilitators[1].clone(),
            sv(0),
            "/api/adjust_mentoring",
            adjust(mentees[1], alts[1]),
            1,
        ));
        reqs.push((
            facilitators[0].clone(),
            sv(0),
            "/api/adjust_mentoring",
            adjust(mentees[2], alts[2]),
            1,
        ));
        reqs.push((
            facilitators[1].clone(),
            sv(1),
            "/api/adjust_mentoring",
            adjust(mentees[2], alts[2]),
            1,
        ));
        reqs.push((
            me(mentees[2]),
            sv(0),
            "/api/respond_mentoring",
            respond(2, "decline"),
            0,
        ));
        let reqs = Arc::new(reqs);
        let answers = at_once(reqs.len(), |i| {
            let (s, reqs) = (s.clone(), reqs.clone());
            async move {
                let (b, server, path, fields, _) = &reqs[i];
                s.call(b, *server, path, fields).await
            }
        })
        .await;
        for (i, a) in answers.iter().enumerate() {
            fx.check(reqs[i].4 == 0 || a.ok(), || {
                format!(
                    "round {round}: setting a free mentor by hand was refused: {}",
                    a.short()
                )
            });
        }
        let after = pairs(&app, w.class).await;
        one_active_each(&mut fx, &format!("round {round}"), &after);
        for (k, m) in mentees.iter().enumerate() {
            let active = active_of(&after, *m);
            fx.check(
                active.len() == 1 && active[0].mentor_id == alts[k] && active[0].status == "proposed",
                || format!("round {round}: mentee {k} ends in {active:?}, want only the hand-set proposal"),
            );
        }
        let (p_, g_) = split_gone(answers);
        for a in &g_ {
            fx.check(
                a.path == "/api/respond_mentoring" && !a.body.trim().is_empty(),
                || {
                    format!(
                        "round {round}: 404 not from an answer to a gone pair: {}",
                        a.short()
                    )
                },
            );
        }
        plain.extend(p_);
        gone.extend(g_);
    }
    fx.answers("adjust x4 vs confirm/decline x5 at once, 3 rounds", &plain);
    fx.note(format!("{} answers to a pair already replaced: 404", gone.len()));

    // Goals: the hand-set pairs confirmed, then goals from both members at once.
    let current = pairs(&app, w.class).await;
    // The hand-set pairs (a mentee may wrongly still have another active one, reported above).
    let pair_ids: Vec<i64> = mentees
        .iter()
        .zip(alts)
        .map(|(m, a)| {
            active_of(&current, *m)
                .iter()
                .find(|p| p.mentor_id == a)
                .map_or(-1, |p| p.id)
        })
        .collect();
    for (k, m) in mentees.iter().enumerate() {
        let c = app.session(*m).await;
        let fields = [
            ("class_id", w.class.to_string()),
            ("pair", pair_ids[k].to_string()),
            ("answer", "confirm".to_string()),
        ];
        ok(&app.call(&c, "/api/respond_mentoring", &fields).await);
    }
    let tag = w.class;
    // (browser, server, fields, key or "" for the adjust)
    let mut reqs: Vec<Req<String>> = Vec::new();
    for (k, (m, mentor)) in mentees.iter().zip(alts).enumerate() {
        for (who, name) in [(mentor, "mentor"), (*m, "mentee")] {
            for n in 0..2 {
                let key = format!("tujuan-{tag}-{k}-{name}-{n}");
                for server in 0..2 {
                    let fields = f(&[
                        ("class_id", w.class.to_string()),
                        ("pair", pair_ids[k].to_string()),
                        ("key", key.clone()),
                        ("title", format!("Tujuan {name} {n}")),
                    ]);
                    reqs.push((
                        me(who),
                        (server + n) % 2,
                        "/api/add_mentoring_goal",
                        fields,
                        key.clone(),
                    ));
                }
            }
        }
    }
    reqs.push((
        facilitators[0].clone(),
        1,
        "/api/adjust_mentoring",
        adjust(mentees[2], originals[2]),
        String::new(),
    ));
    let reqs = Arc::new(reqs);
    let answers = at_once(reqs.len(), |i| {
        let (s, reqs) = (s.clone(), reqs.clone());
        async move {
            let (b, server, path, fields, _) = &reqs[i];
            s.call(b, *server, path, fields).await
        }
    })
    .await;
    let goals = mentoring_goal::Entity::find().all(&app.db).await.unwrap();
    let after = pairs(&app, w.class).await;
    let mut acked_keys: BTreeMap<&str, bool> = BTreeMap::new();
    for (i, a) in answers.iter().enumerate() {
        let key = reqs[i].4.as_str();
        if key.is_empty() {
            fx.check(a.ok(), || format!("adjust during goals refused: {}", a.short()));
            continue;
        }
        *acked_keys.entry(key).or_default() |= a.ok();
    }
    for (key, acked) in &acked_keys {
        let n = goals.iter().filter(|g| g.client_key == *key).count();
        fx.check(n <= 1, || format!("goal {key} stored {n} times"));
        fx.check(!acked || n == 1, || {
            format!("goal {key} acknowledged, not stored")
        });
        fx.check(*acked || n == 0, || format!("goal {key} refused but stored"));
    }
    let orphans: Vec<_> = goals
        .iter()
        .filter(|g| g.client_key.starts_with(&format!("tujuan-{tag}-")))
        .filter(|g| !after.iter().any(|p| p.id == g.pair_id))
        .map(|g| (g.client_key.clone(), g.pair_id))
        .collect();
    fx.check(orphans.is_empty(), || {
        format!("goals on a pair that is gone: {orphans:?}")
    });
    one_active_each(&mut fx, "goals", &after);
    let old = after.iter().find(|p| p.id == pair_ids[2]);
    let with_goals = goals.iter().any(|g| g.pair_id == pair_ids[2]);
    fx.check(
        match old {
            Some(p) => p.status == "replaced" && with_goals,
            None => !with_goals,
        },
        || format!("pair 2 after adjust: {old:?}, goals on it: {with_goals}"),
    );
    let m2 = active_of(&after, mentees[2]);
    fx.check(m2.len() == 1 && m2[0].mentor_id == originals[2], || {
        format!("mentee 2 after adjust during goals: {m2:?}")
    });
    let (p_, g_) = split_gone(answers);
    for a in &g_ {
        fx.check(
            a.path == "/api/add_mentoring_goal" && !a.body.trim().is_empty(),
            || format!("goals: unexpected 404: {}", a.short()),
        );
    }
    fx.answers(
        "add_mentoring_goal: 2 members x 2 keys x 2 servers, with an adjust",
        &p_,
    );
    fx.note(format!("{} goals refused as their pair was gone: 404", g_.len()));

    // Ticks on the goals of the two pairs still confirmed.
    let ticked: Vec<(usize, i64)> = goals
        .iter()
        .filter_map(|g| {
            pair_ids[..2]
                .iter()
                .position(|p| *p == g.pair_id)
                .map(|k| (k, g.id))
        })
        .collect();
    let mut ticks = Vec::new();
    for (round, (mentor_says, mentee_says)) in [(true, true), (true, false), (false, false), (false, true)]
        .into_iter()
        .enumerate()
    {
        let before: BTreeMap<i64, bool> = mentoring_goal::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|g| (g.id, g.met))
            .collect();
        // (goal, member, server, value)
        let mut sent: Vec<(i64, i64, usize, bool)> = Vec::new();
        for (k, goal) in &ticked {
            sent.push((*goal, alts[*k], round % 2, mentor_says));
            sent.push((*goal, alts[*k], (round + 1) % 2, mentor_says));
            sent.push((*goal, mentees[*k], (round + 1) % 2, mentee_says));
        }
        let sent = Arc::new(sent);
        let answers = at_once(sent.len(), |i| {
            let s = s.clone();
            let (goal, who, server, met) = sent[i];
            let b = me(who);
            let fields = f(&[
                ("class_id", w.class.to_string()),
                ("goal", goal.to_string()),
                ("met", met.to_string()),
            ]);
            async move { s.call(&b, server, "/api/set_mentoring_goal", &fields).await }
        })
        .await;
        let now: BTreeMap<i64, bool> = mentoring_goal::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|g| (g.id, g.met))
            .collect();
        for (_, goal) in &ticked {
            let acked: Vec<bool> = sent
                .iter()
                .zip(&answers)
                .filter(|((g, ..), a)| g == goal && a.ok())
                .map(|((.., met), _)| *met)
                .collect();
            let met = now.get(goal).copied();
            fx.check(
                met.is_some_and(|m| {
                    if acked.is_empty() {
                        Some(&m) == before.get(goal)
                    } else {
                        acked.contains(&m)
                    }
                }),
                || format!("tick round {round}: goal {goal} met {met:?}, acknowledged {acked:?}"),
            );
        }
        ticks.extend(answers);
    }
    fx.answers("set_mentoring_goal: both members at once, 4 rounds", &ticks);
    fx.note(format!("{} goals ticked", ticked.len()));

    // The order the crowd above can take, one step at a time: the mentee
    // declines, the facilitator sets another mentor (the declined pair is
    // left alone), the mentee changes their mind on the old pair.
    let (m3, first, second) = (p[3], originals[0], originals[1]);
    let steps = [
        (
            facilitators[0].clone(),
            0,
            "/api/adjust_mentoring",
            adjust(m3, first),
        ),
        (me(m3), 1, "/api/respond_mentoring", Vec::new()),
        (
            facilitators[1].clone(),
            1,
            "/api/adjust_mentoring",
            adjust(m3, second),
        ),
        (me(m3), 0, "/api/respond_mentoring", Vec::new()),
    ];
    let mut old = -1;
    let mut serial = Vec::new();
    for (n, (b, server, path, fields)) in steps.into_iter().enumerate() {
        let fields = if fields.is_empty() {
            let answer = if n == 1 { "decline" } else { "confirm" };
            f(&[
                ("class_id", w.class.to_string()),
                ("pair", old.to_string()),
                ("answer", answer.to_string()),
            ])
        } else {
            fields
        };
        let a = s.call(&b, server, path, &fields).await;
        if n == 0 {
            let now = pairs(&app, w.class).await;
            old = active_of(&now, m3).first().map_or(-1, |p| p.id);
        }
        serial.push(a);
    }
    let (p_, g_) = split_gone(serial.clone());
    fx.answers("serial: adjust, decline, adjust, confirm the old pair", &p_);
    fx.check(g_.iter().all(|a| !a.body.trim().is_empty()), || {
        "a 404 without a body".into()
    });
    let now = pairs(&app, w.class).await;
    let active = active_of(&now, m3);
    fx.check(active.len() == 1, || {
        format!(
            "serial decline, adjust, confirm: mentee in {} active pairs {:?}; answers {:?}",
            active.len(),
            active
                .iter()
                .map(|p| (p.id, p.mentor_id, p.status.clone()))
                .collect::<Vec<_>>(),
            serial.iter().map(Ans::short).collect::<Vec<_>>()
        )
    });
    fx
}
