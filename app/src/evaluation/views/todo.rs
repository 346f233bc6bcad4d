//! "Perlu dinilai": an evaluator's open scoring, target by target, each team
//! or participant one tap from their scoring page.
use crate::evaluation::todo::Status;
use crate::evaluation::todo_data::TodoTarget;
use crate::i18n::{fill, P};
use crate::ui::rendered::{locale, tr};
use leptos::prelude::*;

/// The list; `embedded` on the home page (a section under its heading),
/// else the page of its own.
pub fn todo_body(targets: Vec<TodoTarget>, embedded: bool) -> impl IntoView {
    let total: usize = targets.iter().map(|t| t.counts.open).sum();
    let heading = if embedded {
        view! { <h2 id="to-score">{tr(P::TodoTitle)}</h2> }.into_any()
    } else {
        view! { <h1 id="to-score">{tr(P::TodoTitle)}</h1> }.into_any()
    };
    let summary = if targets.is_empty() {
        tr(P::TodoNothing).to_string()
    } else {
        fill(tr(P::TodoSummary), &[total.to_string()])
    };
    view! {
        <section class="todo" aria-labelledby="to-score">
            {heading}
            <p class="lead">{summary}</p>
            <ul class="todo-list">{targets.into_iter().map(target_card).collect_view()}</ul>
        </section>
    }
}

fn target_card(t: TodoTarget) -> impl IntoView {
    let first = t.first().map(|s| (t.target.score_page(s.id), s.label(locale())));
    let c = t.counts;
    let mut parts = vec![fill(tr(P::TodoOpen), &[c.open.to_string()])];
    if c.rescore > 0 {
        parts.push(fill(tr(P::TodoRescore), &[c.rescore.to_string()]));
    }
    if c.drafts > 0 {
        parts.push(fill(tr(P::TodoDrafts), &[c.drafts.to_string()]));
    }
    let subjects = t
        .list
        .iter()
        .filter(|(_, status)| status.open())
        .map(|(s, status)| {
            view! {
                <li>
                    <a class="todo-subject" href=t.target.score_page(s.id)>
                        <span>{s.label(locale())}</span>
                        <span class=format!("tag {}", tag_class(*status))>{tr(status_label(*status))}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="card todo-target">
            <h3>{t.title.get(locale()).to_string()}</h3>
            <p class="muted">{t.class_name.clone()}" · "{parts.join(" · ")}</p>
            {first.map(|(href, label)| view! {
                <a class="button primary" href=href>{fill(tr(P::TodoStart), &[label])}</a>
            })}
            <ul class="todo-subjects">{subjects}</ul>
            <a class="todo-all" href=t.target.page()>{tr(P::TodoAllResults)}</a>
        </li>
    }
}

pub(super) fn status_label(status: Status) -> P {
    match status {
        Status::New => P::TodoStatusNew,
        Status::Draft => P::TodoStatusDraft,
        Status::Rescore => P::TodoStatusRescore,
        Status::Done => P::TodoStatusDone,
    }
}

fn tag_class(status: Status) -> &'static str {
    match status {
        Status::Rescore => "tag-warn",
        Status::Draft => "tag-draft",
        _ => "tag-new",
    }
}
