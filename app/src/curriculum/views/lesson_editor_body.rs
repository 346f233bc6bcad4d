//! The lesson editor, rendered on the server only (see `ui::render_html`): the
//! lesson's title and length, then each block with the editor that suits it
//! (Markdown with a live preview, or the block's file-format source).
use super::authoring_forms::{field, move_buttons, retire_button};
use crate::curriculum::authoring_api::{AddBlock, SaveBlockSource, SaveBlockText, SaveLesson};
use crate::curriculum::model::{Bilingual, Block, BlockBody, Lesson};
use crate::i18n::{fill, P};
use crate::markdown::to_safe_html;
use crate::ui::{form_action, slot_action, use_locale, CsrfField, ErrorSlot, ServerForm, SlotField};
use leptos::prelude::*;

pub fn lesson_editor_body(
    lesson: Lesson,
    unit_title: Bilingual,
    retired: Vec<crate::curriculum::store::retired::Retired>,
    classes: u64,
) -> impl IntoView {
    let mine: Vec<_> = retired
        .into_iter()
        .filter(|r| r.lesson.as_deref() == Some(lesson.key.as_str()))
        .collect();
    let l = use_locale().get_untracked();
    view! {
        <header class="page-head">
            <p class="muted"><a href="/curriculum">{crate::ui::tp(P::AuthorTitle)}</a>" · "{unit_title.get(l).to_string()}</p>
            <h1>{fill(P::AuthorEditLesson.t(l), &[lesson.title.get(l).to_string()])}</h1>
        </header>
        {lesson_form(lesson.key.clone(), lesson.title.clone(), lesson.minutes)}
        {lesson.blocks.into_iter().map(|b| block_editor(b, classes)).collect_view()}
        {add_block_form(lesson.key)}
        {super::authoring_forms::retired_section(mine)}
    }
}

fn add_block_form(lesson: String) -> impl IntoView {
    let action = form_action::<AddBlock>();
    view! {
        <section class="card" aria-labelledby="add-block-title">
            <h2 id="add-block-title">{crate::ui::tp(P::AuthorAddBlock)}</h2>
            <ServerForm action attr:class="inline-form" attr:data-error-slot="add-block-error">
                <CsrfField />
                <crate::ui::SlotInput id="add-block-error" />
                <input type="hidden" name="lesson" value=lesson />
                <label for="add-block-kind">{crate::ui::tp(P::AuthorBlockKind)}</label>" "
                <select id="add-block-kind" name="kind">
                    <option value="text">{crate::ui::tp(P::AuthorKindText)}</option>
                    <option value="takeaway">{crate::ui::tp(P::AuthorKindTakeaway)}</option>
                    <option value="reflection">{crate::ui::tp(P::AuthorKindReflection)}</option>
                    <option value="check">{crate::ui::tp(P::AuthorKindCheck)}</option>
                    <option value="link">{crate::ui::tp(P::AuthorKindLink)}</option>
                    <option value="image">{crate::ui::tp(P::AuthorKindImage)}</option>
                </select>" "
                <button type="submit" class="button">{crate::ui::tp(P::AuthorAddBlock)}</button>
                <ErrorSlot id="add-block-error".to_string() action />
            </ServerForm>
        </section>
    }
}

fn lesson_form(key: String, title: Bilingual, minutes: u32) -> impl IntoView {
    let action = form_action::<SaveLesson>();
    view! {
        <section class="card" aria-labelledby="lesson-form-title">
            <h2 id="lesson-form-title">{crate::ui::tp(P::AuthorLessonDetails)}</h2>
            <ServerForm action attr:class="stack" attr:data-error-slot="lesson-error" attr:data-keep="">
                <CsrfField />
                <crate::ui::SlotInput id="lesson-error" />
                <input type="hidden" name="lesson" value=key />
                <div class="field-row">
                    {field("lesson", "title_id", P::AuthorTitleId, title.id)}
                    {field("lesson", "title_en", P::AuthorTitleEn, title.en)}
                </div>
                <div class="field">
                    <label for="minutes">{crate::ui::tp(P::AuthorMinutes)}</label>
                    <input id="minutes" name="minutes" type="number" min="2" max="10" value=minutes.to_string() required />
                </div>
                <ErrorSlot id="lesson-error".to_string() action />
                <button type="submit" class="button primary">{crate::ui::tp(P::AuthorSave)}</button>
            </ServerForm>
        </section>
    }
}

fn kind_label(body: &BlockBody) -> P {
    match body {
        BlockBody::Text { .. } => P::AuthorKindText,
        BlockBody::Takeaway { .. } => P::AuthorKindTakeaway,
        BlockBody::Image { .. } => P::AuthorKindImage,
        BlockBody::Link { .. } => P::AuthorKindLink,
        BlockBody::Check { .. } => P::AuthorKindCheck,
        BlockBody::Reflection { .. } => P::AuthorKindReflection,
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

fn block_editor(block: Block, classes: u64) -> impl IntoView {
    let kind = kind_label(&block.body);
    let name = kind.t(use_locale().get_untracked()).to_string();
    let editor = match editable_text(&block.body) {
        Some(text) => text_editor(block.key.clone(), text.clone()).into_any(),
        None => source_editor(&block).into_any(),
    };
    view! {
        <section class="card block-editor" aria-label=crate::ui::tp(kind)>
            <div class="author-row">
                <h2 class="block-kind">{crate::ui::tp(kind)}</h2>
                {move_buttons("block", block.key.clone(), name)}
                {retire_button("block", block.key.clone(), classes)}
            </div>
            {editor}
        </section>
    }
}

/// A quick check, link or image as its text in the curriculum file format,
/// checked like an imported file (problems come with their line).
fn source_editor(block: &Block) -> impl IntoView {
    let source = crate::curriculum::domain::block_source::block_source(block);
    let rows = (source.lines().count() + 1).clamp(4, 30).to_string();
    let id = format!("block-{}-source", block.key);
    let slot = format!("{id}-error");
    let action = slot_action::<SaveBlockSource>(&slot);
    let slot_ref = slot.clone();
    let key = block.key.clone();
    view! {
        <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref attr:data-keep="">
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="block" value=key />
            <label for=id.clone()>{crate::ui::tp(P::AuthorSource)}</label>
            <p class="hint">{crate::ui::tp(P::AuthorEditInFile)}</p>
            <textarea id=id name="source" rows=rows class="source" spellcheck="false">{crate::ui::textarea_text(source)}</textarea>
            <ErrorSlot id=slot action />
            <button type="submit" class="button primary">{crate::ui::tp(P::AuthorSave)}</button>
        </ServerForm>
    }
}

/// Markdown in both languages, each beside its preview. The preview shows the
/// saved text as participants see it; once hydrated it follows the typing.
fn text_editor(key: String, text: Bilingual) -> impl IntoView {
    let slot = format!("block-{key}-error");
    let action = slot_action::<SaveBlockText>(&slot);
    let slot_ref = slot.clone();
    let prefix = format!("block-{key}");
    let pane = move |lang: &'static str, label: P, value: String| {
        let id = format!("{prefix}-{lang}");
        let preview = format!("{id}-preview");
        view! {
            <div class="editor-pane">
                <label for=id.clone()>{crate::ui::tp(label)}</label>
                <textarea id=id name=format!("text_{lang}") rows="8" data-preview=preview.clone()>{crate::ui::textarea_text(&value)}</textarea>
                <p class="hint">{crate::ui::tp(P::AuthorPreview)}</p>
                <div id=preview class="preview prose" aria-live="polite" inner_html=to_safe_html(&value)></div>
            </div>
        }
    };
    view! {
        <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref attr:data-keep="">
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="block" value=key.clone() />
            // How to write, in plain words (no "Markdown" without saying what it is).
            <p class="hint">{crate::ui::tp(P::AuthorFormatHint)}</p>
            <div class="editor-grid">
                {pane.clone()("id", P::AuthorTextId, text.id)}
                {pane("en", P::AuthorTextEn, text.en)}
            </div>
            <ErrorSlot id=slot action />
            <button type="submit" class="button primary">{crate::ui::tp(P::AuthorSave)}</button>
        </ServerForm>
    }
}
