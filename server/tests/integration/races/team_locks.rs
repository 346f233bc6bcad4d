//! Locking and unlocking draft teams while people are swapped and moved,
//! raced across the two servers.
use super::harness::{at_once, f, Ans, Findings, Servers};
use super::teams::{form_teams, membership, ok, world};
use crate::common::TestApp;
use app::entities::{team, team_set};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

#[derive(Clone, Copy, Debug)]
enum Op {
    Lock(i32),
    Unlock(i32),
    Move(i64, i32),
    Swap(i64, i64),
}

/// The draft as far as these changes go: who is in which team, which teams are locked.
#[derive(Clone, Debug, PartialEq)]
struct Draft {
    of: BTreeMap<i64, i32>,
    locked: BTreeSet<i32>,
}

impl Draft {
    fn size(&self, t: i32) -> usize {
        self.of.values().filter(|n| **n == t).count()
    }

    /// The change applied, or `None` when the server must refuse it.
    fn apply(&self, op: Op) -> Option<Draft> {
        let mut next = self.clone();
        match op {
            Op::Lock(t) => {
                next.locked.insert(t);
            }
            Op::Unlock(t) => {
                next.locked.remove(&t);
            }
            Op::Move(x, t) => {
                let from = *self.of.get(&x)?;
                if self.locked.contains(&from) || self.locked.contains(&t) || from == t || self.size(from) < 2
                {
                    return None;
                }
                next.of.insert(x, t);
            }
            Op::Swap(x, y) => {
                let (tx, ty) = (*self.of.get(&x)?, *self.of.get(&y)?);
                if self.locked.contains(&tx) || self.locked.contains(&ty) || tx == ty {
                    return None;
                }
                next.of.insert(x, ty);
                next.of.insert(y, tx);
            }
        }
        Some(next)
    }
}

async fn draft(app: &TestApp, class: i64) -> (Draft, BTreeMap<i64, usize>) {
    let (of, rows) = membership(app, class).await;
    let set = team_set::Entity::find()
        .filter(team_set::Column::ClassId.eq(class))
        .order_by_desc(team_set::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a team set");
    let locked = team::Entity::find()
        .filter(team::Column::SetId.eq(set.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.locked)
        .map(|t| t.number)
        .collect();
    (Draft { of, locked }, rows)
}

/// Whether some serial order of the changes, each acknowledged one allowed
/// and applied at its turn and each one refused as a rule (422) not allowed
/// at its turn, turns `from` into `to`. Other refusals (409 busy) are left out.
fn serialisable(from: &Draft, to: &Draft, ops: &[(Op, &Ans)]) -> bool {
    fn go(state: &Draft, to: &Draft, left: &[(Op, bool)]) -> bool {
        if left.is_empty() {
            return state == to;
        }
        (0..left.len()).any(|i| {
            let (op, acked) = left[i];
            let mut rest = left.to_vec();
            rest.remove(i);
            match (state.apply(op), acked) {
                (Some(next), true) => go(&next, to, &rest),
                (None, false) => go(state, to, &rest),
                _ => false,
            }
        })
    }
    let left: Vec<(Op, bool)> = ops
        .iter()
        .filter(|(_, a)| a.ok() || a.status == 422)
        .map(|(o, a)| (*o, a.ok()))
        .collect();
    go(from, to, &left)
}

fn request(op: Op, class: i64) -> (&'static str, Vec<(String, String)>) {
    let class = class.to_string();
    match op {
        Op::Lock(t) | Op::Unlock(t) => (
            "/api/lock_team",
            f(&[
                ("class_id", class),
                ("team", t.to_string()),
                ("locked", matches!(op, Op::Lock(_)).to_string()),
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
        Op::Swap(x, y) => (
            "/api/swap_team_members",
            f(&[
                ("class_id", class),
                ("first", x.to_string()),
                ("second", y.to_string()),
            ]),
        ),
    }
}

/// Three draft teams (4/3/3). Four rounds, all teams unlocked first: at once,
/// two facilitators on the two servers lock one team and unlock or lock
/// another while its members are moved and swapped out and others moved in.
/// The stored draft is that of some serial order of the changes (each
/// acknowledged change allowed at its turn, each refused one not); each
/// person in exactly one team. Then, with the lock acknowledged, every
/// member of a locked team is moved out (and others moved in) on both
/// servers: all refused with a 422, nobody moved.
pub async fn lock_vs_changes(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let w = world(&app, "Tim Kunci", 10).await;
    form_teams(&app, &w, "count", "3").await;
    let facilitators = s.login_all(&w.facilitator_emails).await;
    let mut all = Vec::new();
    let mut after_lock = Vec::new();
    for round in 0..4usize {
        for t in 1..=3 {
            let fields = [
                ("class_id", w.class.to_string()),
                ("team", t.to_string()),
                ("locked", "false".to_string()),
            ];
            ok(&app.call(&w.facilitator, "/api/lock_team", &fields).await);
        }
        let t1 = 1 + (round % 3) as i32;
        let (t2, t3) = (1 + t1 % 3, 1 + (t1 + 1) % 3);
        let members = |before: &Draft, t: i32| -> Vec<i64> {
            before
                .of
                .iter()
                .filter(|(_, n)| **n == t)
                .map(|(u, _)| *u)
                .collect()
        };
        let (mut before, _) = draft(&app, w.class).await;
        // The moves of earlier rounds may leave a team with one member, too
        // few for this round's operations: the teams are formed afresh then.
        let shaped =
            |b: &Draft| members(b, t1).len() >= 2 && !members(b, t2).is_empty() && members(b, t3).len() >= 2;
        if !shaped(&before) {
            form_teams(&app, &w, "count", "3").await;
            before = draft(&app, w.class).await.0;
        }
        let (m1, m2, m3) = (members(&before, t1), members(&before, t2), members(&before, t3));
        if !shaped(&before) {
            fx.check(false, || format!("round {round}: unexpected teams {before:?}"));
            break;
        }
        let ops = [
            Op::Lock(t1),
            Op::Move(m1[round % m1.len()], t2),
            Op::Swap(m1[(round + 1) % m1.len()], m3[0]),
            Op::Move(m3[1], t1),
            if round % 2 == 0 {
                Op::Lock(t2)
            } else {
                Op::Unlock(t1)
            },
            Op::Move(m2[0], t3),
        ];
        let answers = at_once(ops.len(), |i| {
            let s = s.clone();
            let b = facilitators[i % 2].clone();
            let (path, fields) = request(ops[i], w.class);
            async move { s.call(&b, (i + round) % 2, path, &fields).await }
        })
        .await;
        let (after, rows) = draft(&app, w.class).await;
        let doubled: Vec<_> = rows.iter().filter(|(_, n)| **n != 1).collect();
        fx.check(doubled.is_empty(), || {
            format!("round {round}: people in several teams: {doubled:?}")
        });
        fx.check(after.of.len() == w.people.len(), || {
            format!(
                "round {round}: {} of {} people in a team",
                after.of.len(),
                w.people.len()
            )
        });
        let pairs: Vec<(Op, &Ans)> = ops.iter().copied().zip(&answers).collect();
        fx.check(serialisable(&before, &after, &pairs), || {
            format!(
                "round {round}: stored {after:?} is no serial order of {:?} from {before:?}",
                pairs
                    .iter()
                    .map(|(o, a)| format!("{o:?} -> {}", a.status))
                    .collect::<Vec<_>>()
            )
        });
        all.extend(answers);

        // After the lock: changes touching a locked team, on both servers at once.
        let locked: Vec<i32> = after.locked.iter().copied().collect();
        let Some(&lt) = locked.first() else {
            fx.note(format!("round {round}: no lock acknowledged"));
            continue;
        };
        let open: Vec<i32> = (1..=3).filter(|t| !after.locked.contains(t)).collect();
        let inside: Vec<i64> = after
            .of
            .iter()
            .filter(|(_, n)| **n == lt)
            .map(|(u, _)| *u)
            .collect();
        let outside: Vec<i64> = after
            .of
            .iter()
            .filter(|(_, n)| !after.locked.contains(n))
            .map(|(u, _)| *u)
            .collect();
        let mut late = Vec::new();
        for (k, x) in inside.iter().enumerate() {
            let to = open.first().copied().unwrap_or(1 + lt % 3);
            late.push(Op::Move(*x, to));
            if let Some(y) = outside.get(k) {
                late.push(Op::Swap(*x, *y));
                late.push(Op::Move(*y, lt));
            }
        }
        let answers = at_once(late.len() * 2, |i| {
            let s = s.clone();
            let b = facilitators[i % 2].clone();
            let (path, fields) = request(late[i / 2], w.class);
            async move { s.call(&b, i % 2, path, &fields).await }
        })
        .await;
        let (now, _) = draft(&app, w.class).await;
        fx.check(answers.iter().all(|a| a.status == 422), || {
            format!(
                "round {round}: changes after team {lt} was locked not all refused: {:?}",
                answers
                    .iter()
                    .zip(late.iter().flat_map(|o| [o, o]))
                    .filter(|(a, _)| a.status != 422)
                    .map(|(a, o)| format!("{o:?}: {}", a.short()))
                    .collect::<Vec<_>>()
            )
        });
        fx.check(now == after, || {
            format!("round {round}: moved after the lock of team {lt}: {after:?} -> {now:?}")
        });
        after_lock.extend(answers);
    }
    fx.answers("lock/unlock vs move/swap x6 at once, 4 rounds", &all);
    fx.answers("move/swap touching a locked team, both servers", &after_lock);
    fx
}
