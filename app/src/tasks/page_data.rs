//! What the task pages show: the class's tasks, and one task with the versions
//! of each team the caller may see, the names, and the released result.
use crate::classes::model::ClassRef;
use crate::entities::{class, team, team_task};
use crate::error::AppResult;
use crate::state::{AppState, Caller};
use crate::tasks::store::{self, Versions};
use crate::teams::store::{newest, published_team_of};
use std::collections::HashMap;

pub struct ListData {
    pub class: ClassRef,
    pub can_manage: bool,
    pub tasks: Vec<team_task::Model>,
}

pub async fn list_data(state: &AppState, class: class::Model, can_manage: bool) -> AppResult<ListData> {
    let tasks = store::tasks(&state.db, class.id).await?;
    Ok(ListData {
        class: ClassRef::from(&class),
        can_manage,
        tasks,
    })
}

pub struct TaskData {
    pub class: ClassRef,
    pub task: team_task::Model,
    /// The participant's team (number), when the caller is in one.
    pub my_team: Option<i32>,
    pub is_participant: bool,
    /// (team number, its versions), one entry per team shown.
    pub teams: Vec<(i32, Versions)>,
    pub names: HashMap<i64, String>,
    /// The participant's team's released result.
    pub result: Option<crate::results::released::Released>,
    /// Facilitators and evaluators: a link to the task's evaluation.
    pub evaluates: bool,
}

pub async fn task_data(
    state: &AppState,
    caller: &Caller,
    class: class::Model,
    task_id: i64,
    is_participant: bool,
) -> AppResult<TaskData> {
    let db = &state.db;
    let task = store::task(db, class.id, task_id).await?;
    let all = store::versions(db, task.id, None).await?;
    let team_rows: Vec<team::Model> = if is_participant {
        published_team_of(db, class.id, caller.user_id)
            .await?
            .map(|(t, _)| t)
            .into_iter()
            .collect()
    } else {
        newest(db, class.id, true)
            .await?
            .map(|s| s.teams.into_iter().map(|(t, _)| t).collect())
            .unwrap_or_default()
    };
    let mut by_team: HashMap<i64, Versions> = HashMap::new();
    for v in all {
        by_team.entry(v.0.team_id).or_default().push(v);
    }
    let names = crate::classes::store::member_list(db, class.id, None)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.full_name))
        .collect();
    let result = match (is_participant, team_rows.first()) {
        (true, Some(team)) => {
            let target = crate::results::target::Target::task(class.id, task.id);
            crate::results::released::released(state, &class, &target, team.id).await?
        }
        _ => None,
    };
    Ok(TaskData {
        result,
        evaluates: !is_participant,
        my_team: is_participant
            .then(|| team_rows.first().map(|t| t.number))
            .flatten(),
        teams: team_rows
            .iter()
            .map(|t| (t.number, by_team.remove(&t.id).unwrap_or_default()))
            .collect(),
        class: ClassRef::from(&class),
        task,
        is_participant,
        names,
    })
}
