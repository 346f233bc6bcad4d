//! The lesson editor, rendered on the server only (see `ui::render_html`): the
//! lesson's title and length, then each block with the editor that suits it
//! (Markdown with a live preview, or the block's file-format source).
use super::authoring_forms::{field, move_buttons, retire_button};
use crate::curriculum::authoring_api::{AddBlock, SaveBlockSource, SaveBlockText, SaveLesson};
use crate::curriculum::markdown::to_safe_html;
use crate::curriculum::model::{Bilingual, Block, BlockBody, Lesson};
use crate::i18n::{fill, K};
use crate::ui::{form_action, slot_action, t, use_locale, CsrfField, ErrorSlot, ServerForm, SlotField};
use leptos::prelude::*;

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
                    {field("lesson", "title_id", K::AuthorTitleId, title.id)}
                    {field("lesson", "title_en", K::AuthorTitleEn, title.en)}
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
    let slot = format!("block-{key}-error");
    let action = slot_action::<SaveBlockText>(&slot);
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
            <SlotField id=slot.clone() />
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
