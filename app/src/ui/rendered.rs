//! Helpers for pages rendered on the server only (`render_html`): the
//! caller's language, text as paragraphs, generation names and one-button
//! forms. Every feature's server-rendered views share them.
use super::{slot_action, use_locale, CsrfField, ErrorSlot, SlotField};
use crate::i18n::{Locale, P};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn locale() -> Locale {
    use_locale().get_untracked()
}

pub fn tr(key: P) -> &'static str {
    key.t(locale())
}

/// Plain text as paragraphs: a blank line starts a new one, a single line
/// break stays a line break (chat messages in a scenario rely on it).
pub fn paragraphs(text: &str) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(str::to_string).collect();
            let count = lines.len();
            view! {
                <p>{lines.into_iter().enumerate().map(|(i, line)| view! {
                    {line}{(i + 1 < count).then(|| view! { <br /> })}
                }).collect_view()}</p>
            }
        })
        .collect_view()
}

/// A generation's name as the article uses it (the same in both languages).
pub fn generation_label(code: &str) -> &'static str {
    match code {
        "boomer" => "Baby Boomer",
        "x" => "Gen X",
        "y" => "Gen Y",
        "z" => "Gen Z",
        _ => "—",
    }
}

/// A form of one button (lock a team, publish, release) with the class id
/// and a few hidden fields, and a slot of its own beside it for its error or,
/// after a success, its outcome `done`.
pub fn button_form<S: ServerFn>(
    class_id: i64,
    slot: String,
    hidden: Vec<(&'static str, String)>,
    label: P,
    primary: bool,
    done: P,
) -> impl IntoView {
    view! {
        {row_button_form::<S>(class_id, slot.clone(), hidden, label, primary)}
        <ErrorSlot id=slot.clone() action={slot_action::<S>(&slot)} done />
    }
}

/// As `button_form`, behind a confirmation that says what will change for
/// whom (`what`): a disclosure opened in place, so it works without
/// JavaScript. The slot stays outside it (a reloaded page shows it closed).
#[allow(clippy::too_many_arguments)]
pub fn confirm_button_form<S: ServerFn>(
    class_id: i64,
    slot: String,
    hidden: Vec<(&'static str, String)>,
    ask: P,
    what: String,
    confirm: P,
    done: P,
) -> impl IntoView {
    view! {
        <details class="confirm">
            <summary class="button primary">{tr(ask)}</summary>
            <div class="confirm-body">
                <p>{what}</p>
                {row_button_form::<S>(class_id, slot.clone(), hidden, confirm, true)}
            </div>
        </details>
        <ErrorSlot id=slot.clone() action={slot_action::<S>(&slot)} done />
    }
}

/// As `button_form`, for a row the action takes away (unassign, remove): its
/// slot is the section's, which stays, and the section renders it.
pub fn row_button_form<S: ServerFn>(
    class_id: i64,
    slot: String,
    hidden: Vec<(&'static str, String)>,
    label: P,
    primary: bool,
) -> impl IntoView {
    let class = if primary { "button primary" } else { "button" };
    view! {
        <form method="post" action=S::PATH class="inline-form" data-error-slot=slot.clone()>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="class_id" value=class_id />
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
            <button type="submit" class=class>{tr(label)}</button>
        </form>
    }
}

/// One card of a list (a class, say): a linked title, a muted line, a detail line.
pub struct Card {
    pub href: String,
    pub title: String,
    pub subtitle: String,
    pub detail: String,
}

/// The cards, or `empty` when there are none.
pub fn card_list(cards: Vec<Card>, empty: &'static str) -> impl IntoView {
    if cards.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="card-list">
            {cards.into_iter().map(|c| view! {
                <li class="card">
                    <h3><a href=c.href>{c.title}</a></h3>
                    <p class="muted">{c.subtitle}</p>
                    <p>{c.detail}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// "Di halaman ini": links to a long page's sections (`(id, label)`), so a
/// facilitator on a phone reaches the one they came for without scrolling
/// past the others (a page of 5,000 px and more).
pub fn page_nav(items: Vec<(String, String)>) -> impl IntoView {
    view! {
        <nav class="page-nav" aria-label=tr(P::PageNav)>
            <p class="page-nav-title" aria-hidden="true">{tr(P::PageNav)}</p>
            <ul>
                {items.into_iter().map(|(id, label)| view! { <li><a href=format!("#{id}")>{label}</a></li> }).collect_view()}
            </ul>
        </nav>
    }
}

/// The organisation's zone and clock (see `calendar`), from the server state.
/// Borrowed, not cloned: a list shows a moment per row, and the state holds
/// the site's options and caches.
fn calendar() -> (crate::calendar::Zone, crate::calendar::Clock) {
    with_context::<crate::state::AppState, _>(|s| (s.zone, s.clock.clone())).unwrap_or_default()
}

/// A moment as the organisation reads it, in its zone and the reader's
/// language: "5 Desember 2026, 23.04 WIB".
pub fn moment(t: chrono::DateTime<chrono::Utc>) -> String {
    let zone = calendar().0;
    crate::i18n::fmt_moment(zone.local(t), zone.label(), locale())
}

/// The organisation's date of a moment, as text: "5 Desember 2026".
pub fn local_date(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::i18n::fmt_date(calendar().0.date_of(t), locale())
}

/// The organisation's date of a moment as a date field's value (YYYY-MM-DD).
pub fn date_value(t: chrono::DateTime<chrono::Utc>) -> String {
    calendar().0.date_of(t).to_string()
}

/// The organisation's zone as people write it after a time: "WIB".
pub fn zone_label() -> &'static str {
    calendar().0.label()
}

/// Today, in the organisation's zone, as a date field's value (YYYY-MM-DD).
pub fn today_value() -> String {
    let (zone, clock) = calendar();
    clock.today(zone).to_string()
}

/// What someone handed in: their text, their links and their files
/// (`(href, name, size in bytes)`).
pub fn submission_content(body: &str, links: &str, files: Vec<(String, String, i64)>) -> impl IntoView {
    view! {
        {(!body.is_empty()).then(|| paragraphs(body))}
        <ul class="links">
            {links.lines().map(|l| view! { <li><a href=l.to_string() rel="noopener noreferrer" target="_blank">{l.to_string()}</a></li> }).collect_view()}
            {files.into_iter().map(|(href, name, size)| {
                view! { <li><a href=href download="">{name}</a>" "<span class="muted">{format!("({} KB)", (size + 1023) / 1024)}</span></li> }
            }).collect_view()}
        </ul>
    }
}

/// A released result: the final score's sentence, how a moderation set it,
/// per criterion each evaluator's level (with what it means), name (or
/// number) and comment, and the evaluators' overall comments.
#[derive(Default)]
pub struct ResultCard {
    pub final_line: String,
    pub moderation: Option<String>,
    pub criteria: Vec<CriterionResult>,
    /// (evaluator, overall comment)
    pub overall: Vec<(String, String)>,
}

pub struct CriterionResult {
    /// The criterion's title and weight.
    pub title: String,
    pub lines: Vec<ResultLine>,
}

/// One evaluator's reading of one criterion.
pub struct ResultLine {
    pub level: String,
    /// The level's descriptor: what that level means in the rubric.
    pub meaning: String,
    pub who: String,
    pub comment: String,
}

pub fn result_card(card: ResultCard) -> impl IntoView {
    let criteria = card
        .criteria
        .into_iter()
        .map(|c| {
            let lines = c
                .lines
                .into_iter()
                .map(|l| {
                    let meaning = (!l.meaning.is_empty())
                        .then(|| view! { <br/><span class="level-meaning">{l.meaning}</span> });
                    let comment = (!l.comment.is_empty())
                        .then(|| view! { <br/><span class="comment">"“"{l.comment}"”"</span> });
                    view! { <li><strong>{l.level}</strong>" — "{l.who}{meaning}{comment}</li> }
                })
                .collect_view();
            view! {
                <li>
                    <h3>{c.title}</h3>
                    <ul>{lines}</ul>
                </li>
            }
        })
        .collect_view();
    let overall = (!card.overall.is_empty()).then(|| {
        let items = card
            .overall
            .into_iter()
            .map(|(who, text)| view! { <li><strong>{who}</strong>": "{text}</li> })
            .collect_view();
        view! { <h3>{tr(P::ResultOverall)}</h3><ul class="result-overall">{items}</ul> }
    });
    let moderation = card
        .moderation
        .map(|m| view! { <p class="notice result-moderation">{m}</p> });
    view! {
        <section class="panel result" aria-labelledby="result-title">
            <h2 id="result-title">{tr(P::ResultTitle)}</h2>
            <p class="final"><strong>{card.final_line}</strong></p>
            {moderation}
            <ol class="result-criteria">{criteria}</ol>
            {overall}
        </section>
    }
}
