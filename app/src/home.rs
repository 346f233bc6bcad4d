//! The landing page: what the visitor can do, and their classes.
use crate::classes::views::MyClassList;
use crate::i18n::{fill, K};
use crate::session::Role;
use crate::ui::{t, use_locale, use_user};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let user = use_user();
    let locale = use_locale();
    view! {
        <Show
            when=move || user.get().is_some()
            fallback=|| view! {
                <section class="card narrow">
                    <h1>{t(K::AppName)}</h1>
                    <p class="lead">{t(K::HomeIntro)}</p>
                    <a class="button primary" href="/login">{t(K::NavLogin)}</a>
                </section>
            }
        >
            {move || user.get().map(|u| {
                let roles = u.roles.iter().map(|r| r.label().t(locale.get())).collect::<Vec<_>>().join(", ");
                let is_admin = u.has(Role::Admin);
                let scores = u.has(Role::Evaluator) || u.has(Role::Facilitator);
                view! {
                    <h1>{fill(K::HomeWelcome.t(locale.get()), std::slice::from_ref(&u.name))}</h1>
                    <p class="lead">{fill(K::HomeRoles.t(locale.get()), &[roles])}</p>
                    <p>{t(K::HomeIntro)}</p>
                    <Show when=move || is_admin>
                        <h2>{t(K::HomeAdminTools)}</h2>
                        <ul class="tile-list">
                            <li><a class="tile" href="/admin/users">{t(K::NavUsers)}</a></li>
                            <li><a class="tile" href="/admin/programmes">{t(K::NavProgrammes)}</a></li>
                            <li><a class="tile" href="/admin/generations">{t(K::NavGenerations)}</a></li>
                            <li><a class="tile" href="/admin/lti">{t(K::NavLms)}</a></li>
                        </ul>
                    </Show>
                    // First on an evaluator's home: what waits for their score.
                    <Show when=move || scores>
                        <ToScore />
                    </Show>
                    <h2>{t(K::HomeMyClasses)}</h2>
                    <MyClassList home=true />
                }
            })}
        </Show>
    }
}

/// The caller's "Perlu dinilai" list, rendered on the server (`/to-score`).
#[component]
fn ToScore() -> impl IntoView {
    let locale = use_locale();
    let page = crate::ui::html_page_data(
        move || locale.get(),
        |_| crate::pages::page_html("/to-score".into(), "?embed=1".into()),
    );
    view! { <crate::ui::HtmlPage page /> }
}
