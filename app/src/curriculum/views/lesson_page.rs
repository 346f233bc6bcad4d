use super::blocks::LiveBlock;
use crate::curriculum::api::{lesson_screen, AnswerCheck, CompleteLesson};
use crate::curriculum::view_model::LessonScreen;
use crate::i18n::K;
use crate::ui::class_id_param;
use crate::ui::{form_action, html_page_data, t, use_locale, Alert, CsrfField, FormAction, PageError};
use crate::ui::{ServerForm, ServerHtml};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What only displays comes as server-rendered HTML (`lesson_body`); quick
/// checks, reflections and the finish button are live.
#[component]
pub fn LessonPage() -> impl IntoView {
    let id = class_id_param();
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| p.get("lesson").unwrap_or_default()));
    let checks = form_action::<AnswerCheck>();
    let locale = use_locale();
    let lesson = html_page_data(
        move || (id.get(), key.get(), locale.get(), checks.version().get()),
        |(id, key, _, _)| lesson_screen(id, key),
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
fn LessonView(data: LessonScreen, checks: FormAction) -> impl IntoView {
    let class_id = data.class_id;
    let participant = data.is_participant;
    let complete = form_action::<CompleteLesson>();
    let error = Signal::derive(move || complete.value().get().and_then(|r| r.err()));
    let link = move |key: &str| format!("/classes/{class_id}/learn/{key}");
    view! {
        <article class="lesson">
            <ServerHtml html=data.head_html />
            {data.blocks.into_iter().map(|block| view! { <LiveBlock block class_id participant checks /> }).collect_view()}
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
