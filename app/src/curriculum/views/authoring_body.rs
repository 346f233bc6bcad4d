//! The authoring pages (course outline, lesson editor), rendered on the server
//! only (see `ui::render_html`). Every form posts to a server fn: a plain post
//! without JavaScript, a fetch once hydrated, with its error in its own slot.
use crate::curriculum::authoring_api::{
    AddBlock, AddLesson, AddUnit, ImportCurriculum, MoveContent, RetireContent, SaveBlockSource,
    SaveBlockText, SaveLesson, SaveUnit,
};
use crate::curriculum::markdown::to_safe_html;
use crate::curriculum::model::{Bilingual, Block, BlockBody, Curriculum, Lesson, Unit};
use crate::error::AppError;
use crate::i18n::{fill, K};
use crate::ui::{form_action, t, use_csrf, use_locale, CsrfField, ErrorSlot, ServerForm};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn outline_body(curriculum: Curriculum) -> impl IntoView {
    view! {
        <header class="page-head">
            <h1>{t(K::AuthorTitle)}</h1>
            <p>{t(K::AuthorIntro)}</p>
        </header>
        <ol class="units">
            {curriculum.units.into_iter().map(unit_card).collect_view()}
        </ol>
        {add_form::<AddUnit>("new-unit", None, K::AuthorAddUnit)}
        {transfer_section()}
    }
}

/// Download as .zip; upload a .zip or .toml (a plain multipart form, also with
/// JavaScript on). After a refused upload the problems come back in the URL
/// and are listed here with file, line and reason.
fn transfer_section() -> impl IntoView {
    let error = form_action::<ImportCurriculum>()
        .value()
        .get_untracked()
        .and_then(|r| r.err());
    let csrf = use_csrf().get_untracked();
    view! {
        <section class="card" aria-labelledby="transfer-title">
            <h2 id="transfer-title">{t(K::CurTransferTitle)}</h2>
            <p class="hint">{t(K::CurTransferHelp)}</p>
            <p><a class="button" href="/curriculum/export.zip" download>{t(K::CurExport)}</a></p>
            {error.map(import_problems)}
            <form method="post" action=ImportCurriculum::url() enctype="multipart/form-data" class="stack">
                <input type="hidden" name="csrf" value=csrf />
                <div class="field">
                    <label for="curriculum-file">{t(K::CurImportFile)}</label>
                    <input id="curriculum-file" name="file" type="file" accept=".zip,.toml" required />
                </div>
                <button type="submit" class="button primary">{t(K::CurImportSubmit)}</button>
            </form>
        </section>
    }
}

fn import_problems(error: AppError) -> impl IntoView {
    let l = use_locale().get_untracked();
    let AppError::Invalid(fields) = error else {
        let text = error.alert().map(|m| m.render(l)).unwrap_or_default();
        return view! { <div class="alert alert-error" role="alert">{text}</div> }.into_any();
    };
    let rows = fields.into_iter().flat_map(|(place, msgs)| {
        let (file, line) = match place.rsplit_once(':') {
            Some((file, line)) => (file.to_string(), line.parse::<u32>().unwrap_or(0)),
            None => (String::new(), 0),
        };
        msgs.into_iter().map(move |m| {
            let detail = m.args.first().cloned().unwrap_or_default();
            let line = if line == 0 {
                String::new()
            } else {
                line.to_string()
            };
            view! {
                <tr class="issue-row">
                    <td>{file.clone()}</td>
                    <td>{line}</td>
                    <td>{m.key.t(l)}</td>
                    <td class="mono">{detail}</td>
                </tr>
            }
        })
    });
    view! {
        <div class="alert alert-error" role="alert">{t(K::CurImportProblems)}</div>
        <div class="table-wrap" tabindex="0">
            <table class="issues">
                <thead><tr>
                    <th scope="col">{t(K::CurIssueFile)}</th>
                    <th scope="col">{t(K::CurIssueLine)}</th>
                    <th scope="col">{t(K::CurIssueProblem)}</th>
                    <th scope="col">{t(K::CurIssueDetail)}</th>
                </tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn unit_card(unit: Unit) -> impl IntoView {
    let l = use_locale().get_untracked();
    let key = unit.key.clone();
    view! {
        <li class="card unit">
            <div class="author-row">
                <h2>{unit.title.get(l).to_string()}</h2>
                {move_buttons("unit", unit.key.clone(), unit.title.get(l).to_string())}
                {retire_button("unit", unit.key.clone())}
            </div>
            <p class="muted">{fill(K::LearnMinutes.t(l), &[unit.minutes.to_string()])}</p>
            <details>
                <summary>{t(K::AuthorEditUnit)}</summary>
                {unit_form(unit.clone())}
            </details>
            <ol class="lessons">
                {unit.lessons.into_iter().map(|lesson| view! {
                    <li class="author-row">
                        <a href=format!("/curriculum/lessons/{}", lesson.key)>{lesson.title.get(l).to_string()}</a>
                        <span class="muted">{fill(K::LearnMinutes.t(l), &[lesson.minutes.to_string()])}</span>
                        {move_buttons("lesson", lesson.key.clone(), lesson.title.get(l).to_string())}
                        {retire_button("lesson", lesson.key.clone())}
                    </li>
                }).collect_view()}
            </ol>
            {add_form::<AddLesson>(&format!("new-lesson-{key}"), Some(("unit", key.clone())), K::AuthorAddLesson)}
        </li>
    }
}

fn unit_form(unit: Unit) -> impl IntoView {
    let action = form_action::<SaveUnit>();
    let id = format!("unit-{}", unit.key);
    let fields = view! {
        <div class="field-row">
            {field(&id, "title_id", K::AuthorTitleId, unit.title.id.clone())}
            {field(&id, "title_en", K::AuthorTitleEn, unit.title.en.clone())}
        </div>
        <div class="field-row">
            {field(&id, "objective_id", K::AuthorObjectiveId, unit.objective.id.clone())}
            {field(&id, "objective_en", K::AuthorObjectiveEn, unit.objective.en.clone())}
        </div>
    };
    let minutes_id = format!("{id}-minutes");
    let slot = format!("{id}-error");
    let slot_ref = slot.clone();
    view! {
        <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref>
            <CsrfField />
            <input type="hidden" name="unit" value=unit.key />
            {fields}
            <div class="field">
                <label for=minutes_id.clone()>{t(K::AuthorUnitMinutes)}</label>
                <input id=minutes_id name="minutes" type="number" min="1" max="600" value=unit.minutes.to_string() required />
            </div>
            <ErrorSlot id=slot action />
            <button type="submit" class="button">{t(K::AuthorSave)}</button>
        </ServerForm>
    }
}

/// A labelled text input whose id is unique on the page (`prefix-name`).
fn field(prefix: &str, name: &'static str, label: K, value: String) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <input id=id name=name value=value required />
        </div>
    }
}

/// "Add …" with a title in both languages; `parent` is the hidden (name, key).
fn add_form<S: leptos::server_fn::ServerFn>(
    id: &str,
    parent: Option<(&'static str, String)>,
    label: K,
) -> impl IntoView {
    let action = form_action::<S>();
    let slot = format!("{id}-error");
    let slot_ref = slot.clone();
    let hidden = parent.map(|(name, key)| view! { <input type="hidden" name=name value=key /> });
    let titles = view! {
        <div class="field-row">
            {field(id, "title_id", K::AuthorTitleId, String::new())}
            {field(id, "title_en", K::AuthorTitleEn, String::new())}
        </div>
    };
    view! {
        <details class="add-item">
            <summary>{t(label)}</summary>
            <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref>
                <CsrfField />
                {hidden}
                {titles}
                <ErrorSlot id=slot action />
                <button type="submit" class="button">{t(label)}</button>
            </ServerForm>
        </details>
    }
}

/// "Up" and "down" for one item; each is its own small form.
fn move_buttons(level: &'static str, key: String, name: String) -> impl IntoView {
    let action = form_action::<MoveContent>();
    let button = move |direction: &'static str, label: K| {
        let name = name.clone();
        let key = key.clone();
        view! {
            <ServerForm action attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="level" value=level />
                <input type="hidden" name="key" value=key.clone() />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="link-button" aria-label=fill(label.t(use_locale().get_untracked()), std::slice::from_ref(&name))>
                    {if direction == "up" { "↑" } else { "↓" }}
                </button>
            </ServerForm>
        }
    };
    view! { {button("up", K::AuthorMoveUp)}{button("down", K::AuthorMoveDown)} }
}

fn retire_button(level: &'static str, key: String) -> impl IntoView {
    let action = form_action::<RetireContent>();
    let slot = format!("retire-{key}-error");
    let slot_ref = slot.clone();
    view! {
        <ServerForm action attr:class="inline-form" attr:data-error-slot=slot_ref>
            <CsrfField />
            <input type="hidden" name="level" value=level />
            <input type="hidden" name="key" value=key />
            <button type="submit" class="link-button">{t(K::AuthorRetire)}</button>
            <ErrorSlot id=slot action />
        </ServerForm>
    }
}

pub fn lesson_editor_body(lesson: Lesson, unit_title: Bilingual) -> impl IntoView {
    let l = use_locale().get_untracked();
    view! {
        <header class="page-head">
            <p class="muted"><a href="/curriculum">{t(K::AuthorTitle)}</a>" · "{unit_title.get(l).to_string()}</p>
            <h1>{fill(K::AuthorEditLesson.t(l), &[lesson.title.get(l).to_string()])}</h1>
        </header>
        {lesson_form(lesson.key.clone(), lesson.title.clone(), lesson.minutes)}
        {lesson.blocks.into_iter().map(block_editor).collect_view()}
        {add_block_form(lesson.key)}
    }
}

fn add_block_form(lesson: String) -> impl IntoView {
    let action = form_action::<AddBlock>();
    view! {
        <section class="card" aria-labelledby="add-block-title">
            <h2 id="add-block-title">{t(K::AuthorAddBlock)}</h2>
            <ServerForm action attr:class="inline-form" attr:data-error-slot="add-block-error">
                <CsrfField />
                <input type="hidden" name="lesson" value=lesson />
                <label for="add-block-kind">{t(K::AuthorBlockKind)}</label>" "
                <select id="add-block-kind" name="kind">
                    <option value="text">{t(K::AuthorKindText)}</option>
                    <option value="takeaway">{t(K::AuthorKindTakeaway)}</option>
                    <option value="reflection">{t(K::AuthorKindReflection)}</option>
                    <option value="check">{t(K::AuthorKindCheck)}</option>
                    <option value="link">{t(K::AuthorKindLink)}</option>
                    <option value="image">{t(K::AuthorKindImage)}</option>
                </select>" "
                <button type="submit" class="button">{t(K::AuthorAddBlock)}</button>
                <ErrorSlot id="add-block-error".to_string() action />
            </ServerForm>
        </section>
    }
}

fn lesson_form(key: String, title: Bilingual, minutes: u32) -> impl IntoView {
    let action = form_action::<SaveLesson>();
    view! {
        <section class="card" aria-labelledby="lesson-form-title">
            <h2 id="lesson-form-title">{t(K::AuthorLessonDetails)}</h2>
            <ServerForm action attr:class="stack" attr:data-error-slot="lesson-error" attr:data-keep="">
                <CsrfField />
                <input type="hidden" name="lesson" value=key />
                <div class="field-row">
                    {text_input("title_id", K::AuthorTitleId, title.id)}
                    {text_input("title_en", K::AuthorTitleEn, title.en)}
                </div>
                <div class="field">
                    <label for="minutes">{t(K::AuthorMinutes)}</label>
                    <input id="minutes" name="minutes" type="number" min="2" max="10" value=minutes.to_string() required />
                </div>
                <ErrorSlot id="lesson-error".to_string() action />
                <button type="submit" class="button primary">{t(K::AuthorSave)}</button>
            </ServerForm>
        </section>
    }
}

fn text_input(name: &'static str, label: K, value: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <input id=name name=name value=value required />
        </div>
    }
}

fn kind_label(body: &BlockBody) -> K {
    match body {
        BlockBody::Text { .. } => K::AuthorKindText,
        BlockBody::Takeaway { .. } => K::AuthorKindTakeaway,
        BlockBody::Image { .. } => K::AuthorKindImage,
        BlockBody::Link { .. } => K::AuthorKindLink,
        BlockBody::Check { .. } => K::AuthorKindCheck,
        BlockBody::Reflection { .. } => K::AuthorKindReflection,
    }
}

/// The block's text when it is written as text (Markdown or a prompt).
fn editable_text(body: &BlockBody) -> Option<&Bilingual> {
    match body {
        BlockBody::Text { text } | BlockBody::Takeaway { text } => Some(text),
        BlockBody::Reflection { prompt } => Some(prompt),
        _ => None,
    }
}

fn block_editor(block: Block) -> impl IntoView {
    let kind = kind_label(&block.body);
    let name = kind.t(use_locale().get_untracked()).to_string();
    let editor = match editable_text(&block.body) {
        Some(text) => text_editor(block.key.clone(), text.clone()).into_any(),
        None => source_editor(&block).into_any(),
    };
    view! {
        <section class="card block-editor" aria-label=t(kind)>
            <div class="author-row">
                <h2 class="block-kind">{t(kind)}</h2>
                {move_buttons("block", block.key.clone(), name)}
                {retire_button("block", block.key.clone())}
            </div>
            {editor}
        </section>
    }
}

/// A quick check, link or image as its text in the curriculum file format,
/// checked like an imported file (problems come with their line).
fn source_editor(block: &Block) -> impl IntoView {
    let action = form_action::<SaveBlockSource>();
    let source = crate::curriculum::domain::block_source::block_source(block);
    let rows = (source.lines().count() + 1).clamp(4, 30).to_string();
    let id = format!("block-{}-source", block.key);
    let slot = format!("{id}-error");
    let slot_ref = slot.clone();
    let key = block.key.clone();
    view! {
        <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref attr:data-keep="">
            <CsrfField />
            <input type="hidden" name="block" value=key />
            <label for=id.clone()>{t(K::AuthorSource)}</label>
            <p class="hint">{t(K::AuthorEditInFile)}</p>
            <textarea id=id name="source" rows=rows class="source" spellcheck="false">{source}</textarea>
            <ErrorSlot id=slot action />
            <button type="submit" class="button primary">{t(K::AuthorSave)}</button>
        </ServerForm>
    }
}

/// Markdown in both languages, each beside its preview. The preview shows the
/// saved text as participants see it; once hydrated it follows the typing.
fn text_editor(key: String, text: Bilingual) -> impl IntoView {
    let action = form_action::<SaveBlockText>();
    let slot = format!("block-{key}-error");
    let slot_ref = slot.clone();
    let prefix = format!("block-{key}");
    let pane = move |lang: &'static str, label: K, value: String| {
        let id = format!("{prefix}-{lang}");
        let preview = format!("{id}-preview");
        view! {
            <div class="editor-pane">
                <label for=id.clone()>{t(label)}</label>
                <textarea id=id name=format!("text_{lang}") rows="8" data-preview=preview.clone()>{value.clone()}</textarea>
                <p class="hint">{t(K::AuthorPreview)}</p>
                <div id=preview class="preview prose" aria-live="polite" inner_html=to_safe_html(&value)></div>
            </div>
        }
    };
    view! {
        <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref attr:data-keep="">
            <CsrfField />
            <input type="hidden" name="block" value=key.clone() />
            <div class="editor-grid">
                {pane.clone()("id", K::AuthorTextId, text.id)}
                {pane("en", K::AuthorTextEn, text.en)}
            </div>
            <ErrorSlot id=slot action />
            <button type="submit" class="button primary">{t(K::AuthorSave)}</button>
        </ServerForm>
    }
}
