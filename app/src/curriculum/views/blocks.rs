//! The lesson blocks participants act on: quick checks and reflections.
use crate::curriculum::api::SaveReflection;
use crate::curriculum::model::CheckMode;
use crate::curriculum::view_model::{AnswerView, CheckView, ReflectionView, ScreenBlock};
use crate::i18n::K;
use crate::ui::{
    done_slot, form_action, t, use_locale, Alert, CsrfField, FieldError, FormAction, SaveIndicator,
    ServerForm, ServerHtml, SlotInput,
};
use leptos::prelude::*;

/// A block that participants act on: a quick check or a reflection. The
/// others only display and come as server-rendered HTML (`lesson_body`).
#[component]
pub fn LiveBlock(block: ScreenBlock, class_id: i64, participant: bool, checks: FormAction) -> impl IntoView {
    match block {
        ScreenBlock::Html(html) => view! { <ServerHtml html /> }.into_any(),
        ScreenBlock::Check(c) => view! { <Check check=c class_id participant action=checks /> }.into_any(),
        ScreenBlock::Reflection(r) => view! { <Reflection reflection=r class_id participant /> }.into_any(),
    }
}

#[component]
fn Check(check: CheckView, class_id: i64, participant: bool, action: FormAction) -> impl IntoView {
    let CheckView {
        key: block_key,
        mode,
        question,
        options,
        answer,
    } = check;
    let locale = use_locale();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let chosen = answer.as_ref().map(|a| a.chosen.clone()).unwrap_or_default();
    let multiple = mode == CheckMode::Multiple;
    let inputs = options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let checked = chosen.contains(&o.key);
            let name = if multiple {
                format!("o{i}")
            } else {
                "choice".to_string()
            };
            let kind = if multiple { "checkbox" } else { "radio" };
            let text = o.text.clone();
            view! {
                <label class="choice">
                    <input type=kind name=name value=o.key checked=checked disabled=!participant />
                    <span>{move || text.get(locale.get()).to_string()}</span>
                </label>
            }
        })
        .collect_view();
    let anchor = block_key.clone();
    // Where the answer's feedback shows: a plain post comes back to it (not to
    // the top of the lesson), and once hydrated it is brought into view.
    let result = format!("{block_key}-result");
    let slot = result.clone();
    let form_slot = result.clone();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let _ = request_animation_frame_with_handle(crate::ui::show_pending_outcome);
    });
    view! {
        <section class="check card" id=anchor>
            <h2>{t(K::LearnCheck)}</h2>
            <ServerForm action attr:data-error-slot=form_slot>
                <CsrfField />
                <SlotInput id=slot />
                <input type="hidden" name="class_id" value=class_id />
                <input type="hidden" name="block" value=block_key />
                <fieldset>
                    <legend>{move || question.get(locale.get()).to_string()}</legend>
                    {multiple.then(|| view! { <p class="hint">{t(K::LearnCheckMultiple)}</p> })}
                    {inputs}
                </fieldset>
                <FieldError error field="choice" />
                <Show when=move || participant>
                    <button type="submit" class="button">{t(K::LearnCheckSubmit)}</button>
                </Show>
            </ServerForm>
            <div class="check-result" id=result>{answer.map(|a| view! { <Feedback answer=a /> })}</div>
        </section>
    }
}

#[component]
fn Feedback(answer: AnswerView) -> impl IntoView {
    let locale = use_locale();
    let verdict = if answer.correct {
        K::LearnCheckRight
    } else {
        K::LearnCheckWrong
    };
    view! {
        <div class=if answer.correct { "feedback ok" } else { "feedback wrong" } role="status">
            <p><strong>{t(verdict)}</strong></p>
            <ul>
                {answer.feedback.into_iter().map(|(_, right, text)| view! {
                    <li class=if right { "right" } else { "not-right" }>{move || text.get(locale.get()).to_string()}</li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Reflection(reflection: ReflectionView, class_id: i64, participant: bool) -> impl IntoView {
    let ReflectionView {
        key: block_key,
        prompt,
        body,
        revision,
    } = reflection;
    let locale = use_locale();
    let action = form_action::<SaveReflection>();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let field = format!("{block_key}-text");
    // Typed and not yet acknowledged: sent as the page goes away.
    #[cfg(feature = "hydrate")]
    let on_input = crate::ui::autosave::on_input(action, RwSignal::new(false));
    #[cfg(not(feature = "hydrate"))]
    let on_input = move |_: leptos::ev::Event| {};
    let anchor = block_key.clone();
    // A plain post comes back to the save state beside the button.
    let state_id = format!("{block_key}-state");
    let slot = state_id.clone();
    let landed = done_slot().as_deref() == Some(state_id.as_str());
    // The value property as well as the text: hydration keeps the property.
    let initial = body.clone();
    view! {
        <section class="reflection card" id=anchor>
            <h2>{t(K::LearnReflection)}</h2>
            <Alert error />
            // `data-retry`: sent again while the network is down, never after a refusal.
            <ServerForm action attr:data-retry="">
                <CsrfField />
                <input type="hidden" name="class_id" value=class_id />
                <input type="hidden" name="block" value=block_key />
                <input type="hidden" name="base" value=revision />
                <input type="hidden" name="save_key" value=save_key() />
                <SlotInput id=slot />
                <label for=field.clone()>{move || prompt.get(locale.get()).to_string()}</label>
                <textarea id=field name="body" rows="6" disabled=!participant on:input=on_input prop:value=initial>
                    {crate::ui::textarea_text(body)}
                </textarea>
                <FieldError error field="body" />
                <div class="reflection-state" id=state_id>
                    <SaveIndicator state=action.save() />
                    // A plain post came back here: say it was saved.
                    {landed.then(|| view! { <p class="outcome-ok" role="status">{t(K::OutcomeReflectionSaved)}</p> })}
                </div>
                <Show when=move || participant>
                    <button type="submit" class="button">{t(K::LearnReflectionSave)}</button>
                </Show>
            </ServerForm>
        </section>
    }
}

/// The idempotency key of a save made without JavaScript (one per page
/// shown); the browser's script gives each save its own (`ui::fresh_save_key`).
fn save_key() -> String {
    #[cfg(feature = "ssr")]
    return uuid::Uuid::new_v4().simple().to_string();
    #[cfg(not(feature = "ssr"))]
    String::new()
}
