//! Playing a scenario through the router, for tests that need a
//! participant's finished attempt to work on.
use super::{Client, TestApp};
use app::scenarios::domain::engine::{self, Answer, Step};
use app::scenarios::model::{NodeKind, Scenario};

/// The steps to an ending that take option `pick` (modulo the options
/// offered) at every choice and write `reflection` at every reflection.
pub fn plan(s: &Scenario, pick: usize, reflection: &str) -> Vec<Step> {
    let mut state = engine::start(s).unwrap();
    let mut steps = Vec::new();
    while !state.finished {
        let answer = match &s.node(&state.at).unwrap().kind {
            NodeKind::Choice { options, .. } => Answer::Choose(options[pick % options.len()].key.clone()),
            NodeKind::Reflection { .. } => Answer::Reflect(reflection.to_string()),
            _ => Answer::Continue,
        };
        let step = Step {
            node: state.at.clone(),
            answer,
        };
        state = engine::apply(s, &state, &step).unwrap();
        steps.push(step);
    }
    steps
}

/// Starts an attempt with the client key `key`; returns its row.
pub async fn start(
    app: &TestApp,
    c: &Client,
    class: i64,
    assignment: i64,
    key: &str,
) -> app::entities::scenario_attempt::Model {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let fields = [
        ("class_id", class.to_string()),
        ("assignment", assignment.to_string()),
        ("key", key.to_string()),
    ];
    let r = app.call(c, "/api/start_scenario", &fields).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
    app::entities::scenario_attempt::Entity::find()
        .filter(app::entities::scenario_attempt::Column::ClientKey.eq(key))
        .one(&app.db)
        .await
        .unwrap()
        .expect("attempt started")
}

/// Posts `steps` to the attempt, one request each, as the play page does.
pub async fn take_steps(app: &TestApp, c: &Client, class: i64, attempt: i64, steps: &[Step]) {
    for (seq, step) in steps.iter().enumerate() {
        let mut fields = vec![
            ("class_id", class.to_string()),
            ("attempt", attempt.to_string()),
            ("seq", seq.to_string()),
            ("node", step.node.clone()),
            ("key", format!("langkah-{attempt}-{seq}")),
        ];
        match &step.answer {
            Answer::Choose(key) => fields.push(("choice", key.clone())),
            Answer::Reflect(text) => fields.push(("reflection", text.clone())),
            Answer::Continue => {}
        }
        let r = app.call(c, "/api/scenario_step", &fields).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
    }
}

/// Plays the assignment to an ending, taking the first option at every
/// choice and writing `reflection` at every reflection.
pub async fn play_with_reflection(app: &TestApp, c: &Client, class: i64, assignment: i64, reflection: &str) {
    let attempt = start(app, c, class, assignment, &format!("mulai-refleksi-{assignment}")).await;
    let s = app::scenarios::store::version(&app.db, attempt.version_id)
        .await
        .unwrap();
    take_steps(app, c, class, attempt.id, &plan(&s, 0, reflection)).await;
}
