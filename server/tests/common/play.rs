//! Playing a scenario through the router, for tests that need a
//! participant's finished attempt (with a reflection) to work on.
use super::{Client, TestApp};

/// Plays the assignment to an ending, taking the first option at every
/// choice and writing `reflection` at every reflection.
pub async fn play_with_reflection(app: &TestApp, c: &Client, class: i64, assignment: i64, reflection: &str) {
    use app::scenarios::domain::engine::{self, Answer, Step};
    use app::scenarios::model::NodeKind;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let key = format!("mulai-refleksi-{assignment}");
    let start = [
        ("class_id", class.to_string()),
        ("assignment", assignment.to_string()),
        ("key", key.clone()),
    ];
    let r = app.call(c, "/api/start_scenario", &start).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
    let attempt = app::entities::scenario_attempt::Entity::find()
        .filter(app::entities::scenario_attempt::Column::ClientKey.eq(key))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let s = app::scenarios::store::version(&app.db, attempt.version_id)
        .await
        .unwrap();
    let mut state = engine::start(&s).unwrap();
    for seq in 0.. {
        if state.finished {
            break;
        }
        let mut fields = vec![
            ("class_id", class.to_string()),
            ("attempt", attempt.id.to_string()),
            ("seq", seq.to_string()),
            ("node", state.at.clone()),
            ("key", format!("langkah-{seq}")),
        ];
        let answer = match &s.node(&state.at).unwrap().kind {
            NodeKind::Choice { options, .. } => Answer::Choose(options[0].key.clone()),
            NodeKind::Reflection { .. } => Answer::Reflect(reflection.to_string()),
            _ => Answer::Continue,
        };
        match &answer {
            Answer::Choose(key) => fields.push(("choice", key.clone())),
            Answer::Reflect(text) => fields.push(("reflection", text.clone())),
            Answer::Continue => {}
        }
        let r = app.call(c, "/api/scenario_step", &fields).await;
        assert!(r.status.is_success(), "{r:?}");
        let step = Step {
            node: state.at.clone(),
            answer,
        };
        state = engine::apply(&s, &state, &step).unwrap();
    }
}
