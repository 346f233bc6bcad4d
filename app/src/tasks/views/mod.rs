//! The task pages, rendered on the server: the class's tasks (and the form to
//! set one), and a task with its brief, the versions handed in, which one
//! counts and which came late, and the form to hand in another.
use super::api::{CreateTask, SubmitTask};
use super::store::{self, policy_of, version_of, Versions};
use crate::i18n::{fill, P};
use crate::tasks::page_data::{ListData, TaskData};
use crate::teams::domain::submissions::{counting, standing, LatePolicy, Standing};
use crate::ui::rendered::{moment, submission_content, tr};
use crate::ui::{form_action, use_csrf, CsrfField, ErrorSlot};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn policy_text(p: LatePolicy) -> String {
    match p {
        LatePolicy::Refused => tr(P::LateRefused).to_string(),
        LatePolicy::Accepted => tr(P::LateAccepted).to_string(),
        LatePolicy::AcceptedUntil(end) => fill(tr(P::LateUntil), &[moment(end)]),
    }
}

pub fn list_body(data: ListData) -> impl IntoView {
    let class_id = data.class.id;
    let empty = data.tasks.is_empty();
    let items = data
        .tasks
        .into_iter()
        .map(|t| {
            let href = format!("/classes/{class_id}/tasks/{}", t.id);
            let due = fill(tr(P::TaskDue), &[moment(t.due_at)]);
            view! {
                <li class="card">
                    <h2><a href=href>{t.title.clone()}</a></h2>
                    <p class="muted">{due}" · "{policy_text(policy_of(&t))}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{data.class.name.clone()}</a></p>
            <h1>{tr(P::TasksTitle)}</h1>
        </header>
        {empty.then(|| view! { <p class="notice">{tr(P::TasksNone)}</p> })}
        <ul class="card-list">{items}</ul>
        {data.can_manage.then(|| create_form(class_id))}
    }
}

fn create_form(class_id: i64) -> impl IntoView {
    let action = form_action::<CreateTask>();
    let today = crate::ui::rendered::today_value();
    view! {
        <section class="panel">
            <h2>{tr(P::TaskCreate)}</h2>
            <form method="post" action=CreateTask::PATH class="stack" data-error-slot="task-error">
                <CsrfField />
                <crate::ui::SlotInput id="task-error" />
                <input type="hidden" name="class_id" value=class_id />
                <label for="task-title">{tr(P::TaskTitleField)}</label>
                <input id="task-title" name="title" required maxlength="200" />
                <label for="task-brief">{tr(P::TaskBrief)}</label>
                <textarea id="task-brief" name="brief" rows="6"></textarea>
                <p class="hint">{tr(P::TaskBriefHint)}</p>
                <label for="task-due">{fill(tr(P::TaskDueOn), &[crate::ui::rendered::zone_label().to_string()])}</label>
                <input id="task-due" name="due_on" type="date" required value=today />
                <label for="task-time">{fill(tr(P::TaskDueTime), &[crate::ui::rendered::zone_label().to_string()])}</label>
                <input id="task-time" name="due_time" type="time" value="23:59" />
                <label for="task-policy">{tr(P::TaskPolicy)}</label>
                <select id="task-policy" name="late_policy">
                    <option value="accepted">{tr(P::LateAccepted)}</option>
                    <option value="refused">{tr(P::LateRefused)}</option>
                    <option value="until">{tr(P::LateUntilOption)}</option>
                </select>
                <label for="task-until">{tr(P::TaskLateUntil)}</label>
                <input id="task-until" name="late_until_on" type="date" />
                <button type="submit" class="button primary">{tr(P::TaskCreateSubmit)}</button>
            </form>
            <ErrorSlot id="task-error".into() action />
        </section>
    }
}

pub fn task_body(data: TaskData) -> impl IntoView {
    let class_id = data.class.id;
    let policy = policy_of(&data.task);
    let brief = crate::markdown::to_safe_html(&data.task.brief);
    let teams = data
        .teams
        .iter()
        .map(|(number, versions)| team_versions(&data, *number, versions, policy))
        .collect_view();
    let submit = match (data.is_participant, data.my_team) {
        (true, Some(_)) => Some(submit_form(class_id, data.task.id).into_any()),
        (true, None) => Some(view! { <p class="notice">{tr(P::ErrNoTeam)}</p> }.into_any()),
        _ => None,
    };
    view! {
        <p class="muted"><a href=format!("/classes/{class_id}/tasks")>{tr(P::TasksTitle)}</a></p>
        <header class="page-head">
            <h1>{data.task.title.clone()}</h1>
            <p class="muted">{fill(tr(P::TaskDue), &[moment(data.task.due_at)])}" · "{policy_text(policy)}</p>
        </header>
        <div class="lesson-body" inner_html=brief></div>
        {data.evaluates.then(|| view! {
            <p class="actions"><a class="button" href=format!("/classes/{class_id}/tasks/{}/evaluation", data.task.id)>{tr(P::EvalLink)}</a></p>
        })}
        {data.result.map(|r| crate::ui::rendered::result_card(r.card()))}
        {teams}
        {submit}
    }
}

fn team_versions(data: &TaskData, number: i32, versions: &Versions, policy: LatePolicy) -> impl IntoView {
    let due = data.task.due_at;
    let all: Vec<_> = versions.iter().map(|(s, _)| version_of(s)).collect();
    let counts = counting(&all, due, policy).map(|v| v.number);
    let rows = versions
        .iter()
        .rev()
        .map(|(s, files)| {
            let st = standing(&version_of(s), due, policy);
            let late = match st {
                Standing::OnTime => None,
                Standing::Late => Some(tr(P::VersionLate)),
                Standing::TooLate => Some(tr(P::VersionTooLate)),
            };
            let counted = counts == Some(s.number as u32);
            let by = data.names.get(&s.user_id).cloned().unwrap_or_default();
            view! {
                <li class="version" data-version=s.number>
                    <p>
                        <strong>{fill(tr(P::VersionNumber), &[s.number.to_string()])}</strong>" · "{moment(s.submitted_at)}" · "{by}
                        {late.map(|t| view! { " " <span class="tag tag-late">{t}</span> })}
                        {counted.then(|| view! { " " <span class="tag tag-ok">{tr(P::VersionCounts)}</span> })}
                    </p>
                    {version_content(data.class.id, &s.body, &s.links, files)}
                </li>
            }
        })
        .collect_view();
    let title = if data.is_participant {
        fill(tr(P::YourTeam), &[number.to_string()])
    } else {
        fill(tr(P::TeamNumber), &[number.to_string()])
    };
    view! {
        <section class="panel team-versions" data-team=number>
            <h2>{title}</h2>
            {versions.is_empty().then(|| view! { <p class="muted">{tr(P::VersionsNone)}</p> })}
            <ol class="versions">{rows}</ol>
        </section>
    }
}

/// What a version holds: its text, links and files.
fn version_content(class_id: i64, body: &str, links: &str, files: &[(i64, String, i64)]) -> impl IntoView {
    submission_content(body, links, store::file_links(class_id, files))
}

/// A plain multipart post (files), with JavaScript on or off; its key makes
/// a double click or a resent post one version.
fn submit_form(class_id: i64, task: i64) -> impl IntoView {
    let action = form_action::<SubmitTask>();
    let error = action.value().get_untracked().and_then(|r| r.err());
    let located = error.map(|e| e.located_messages(crate::ui::rendered::locale()).join(" "));
    let csrf = use_csrf().get_untracked();
    let key = uuid::Uuid::new_v4().to_string();
    view! {
        <section class="panel">
            <h2>{tr(P::SubmitTitle)}</h2>
            {located.map(|t| view! { <p class="alert alert-error" role="alert">{t}</p> })}
            <form method="post" action=SubmitTask::PATH enctype="multipart/form-data" class="stack">
                <input type="hidden" name="csrf" value=csrf />
                <input type="hidden" name="class_id" value=class_id />
                <input type="hidden" name="task" value=task />
                <input type="hidden" name="key" value=key />
                <label for="submit-body">{tr(P::SubmitBody)}</label>
                <textarea id="submit-body" name="body" rows="5"></textarea>
                <label for="submit-links">{tr(P::SubmitLinks)}</label>
                <textarea id="submit-links" name="links" rows="2" placeholder="https://"></textarea>
                <label for="submit-file">{tr(P::SubmitFiles)}</label>
                <input id="submit-file" name="file" type="file" multiple accept=".pdf,.docx,.pptx,.png,.jpg,.jpeg,.webp" />
                <p class="hint">{tr(P::SubmitHint)}</p>
                <button type="submit" class="button primary">{tr(P::SubmitSubmit)}</button>
            </form>
        </section>
    }
}
