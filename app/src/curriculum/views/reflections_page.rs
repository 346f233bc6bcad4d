use crate::ui::page_data;
use crate::classes::views::class_id_param;
use crate::curriculum::api::get_lesson_reflections;
use crate::curriculum::view_model::LessonReflections;
use crate::i18n::K;
use crate::ui::{t, use_locale, PageError};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReflectionsPage() -> impl IntoView {
    let id = class_id_param();
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| p.get("lesson").unwrap_or_default()));
    let data = page_data(
        move || (id.get(), key.get()),
        |(id, key)| get_lesson_reflections(id, key),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Reflections data /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Reflections(data: LessonReflections) -> impl IntoView {
    let locale = use_locale();
    let class_id = data.class_id;
    let title = data.lesson_title.clone();
    let entries = data.entries;
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}/progress")>{t(K::ProgressTitle)}</a></p>
            <h1>{t(K::ReflectionsTitle)}": "{move || title.get(locale.get()).to_string()}</h1>
        </header>
        {data.prompts.into_iter().map(|(key, prompt)| {
            let mine: Vec<_> = entries.iter().filter(|e| e.0 == key).cloned().collect();
            view! {
                <section class="card">
                    <h2>{move || prompt.get(locale.get()).to_string()}</h2>
                    {if mine.is_empty() {
                        view! { <p class="muted">{t(K::ReflectionsNone)}</p> }.into_any()
                    } else {
                        mine.into_iter().map(|(_, name, generation, text)| view! {
                            <blockquote class="reflection-entry">
                                <p class="reflection-text">{text}</p>
                                <footer>{name}" · "{generation}</footer>
                            </blockquote>
                        }).collect_view().into_any()
                    }}
                </section>
            }
        }).collect_view()}
    }
}
