use super::blocks::Block;
use crate::classes::views::class_id_param;
use crate::curriculum::api::{get_lesson, AnswerCheck, CompleteLesson};
use crate::curriculum::view_model::LessonPage as Lesson;
use crate::i18n::{fill, K};
use crate::ui::page_data;
use crate::ui::{form_action, t, use_locale, Alert, CsrfField, FormAction, PageError, ServerForm};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LessonPage() -> impl IntoView {
    let id = class_id_param();
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| p.get("lesson").unwrap_or_default()));
    let checks = form_action::<AnswerCheck>();
    let lesson = page_data(
        move || (id.get(), key.get(), checks.version().get()),
        |(id, key, _)| get_lesson(id, key),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match lesson.await {
                    Ok(data) => view! { <LessonView data checks /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LessonView(data: Lesson, checks: FormAction) -> impl IntoView {
    let locale = use_locale();
    let class_id = data.class_id;
    let participant = data.is_participant;
    let complete = form_action::<CompleteLesson>();
    let error = Signal::derive(move || complete.value().get().and_then(|r| r.err()));
    let (unit_title, title) = (data.unit_title.clone(), data.title.clone());
    let (number, of, minutes) = (data.number, data.of, data.minutes);
    let link = move |key: &str| format!("/classes/{class_id}/learn/{key}");
    view! {
        <article class="lesson">
            <p class="muted"><a href=format!("/classes/{class_id}/learn")>{t(K::LearnBack)}</a></p>
            <p class="muted">
                {move || unit_title.get(locale.get()).to_string()}" · "
                {move || fill(K::LearnLessonOf.t(locale.get()), &[number.to_string(), of.to_string()])}" · "
                {move || fill(K::LearnMinutes.t(locale.get()), &[minutes.to_string()])}
            </p>
            <h1>{move || title.get(locale.get()).to_string()}</h1>
            <Show when=move || !participant>
                <p class="notice">{t(K::LearnPreviewNote)}</p>
            </Show>
            {data.blocks.into_iter().map(|block| view! { <Block block class_id participant checks /> }).collect_view()}
            <Alert error />
            <nav class="lesson-nav">
                {data.previous.as_deref().map(|p| view! { <a class="button" href=link(p)>{t(K::LearnPrevious)}</a> })}
                {if participant {
                    view! {
                        <ServerForm action=complete attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="class_id" value=class_id />
                            <input type="hidden" name="lesson" value=data.key.clone() />
                            <button type="submit" class="button primary">{t(K::LearnFinish)}</button>
                        </ServerForm>
                    }.into_any()
                } else {
                    data.next.as_deref().map(|n| view! { <a class="button primary" href=link(n)>{t(K::LearnNext)}</a> }).into_any()
                }}
            </nav>
        </article>
    }
}
