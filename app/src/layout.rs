//! The frame around every page: header, language switch, navigation, logout.
use crate::auth::api::{Logout, SetLocale};
use crate::i18n::K;
use crate::session::Role;
use crate::ui::bump_session_on_success;
use crate::ui::{form_action, t, use_locale, use_user, CsrfField, ServerForm};
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t(K::SkipToContent)}</a>
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-name">{t(K::AppName)}</a>
                <span class="brand-tagline">{t(K::AppTagline)}</span>
            </div>
            <LanguageSwitch />
        </header>
        <MainNav />
        <main id="main" class="content">{children()}</main>
        <crate::ui::Announcer />
    }
}

/// Links for what each role can do; the server still checks every page and call.
#[component]
fn MainNav() -> impl IntoView {
    let user = use_user();
    let has = move |r: Role| user.get().map(|u| u.has(r)).unwrap_or(false);
    view! {
        <nav class="main-nav" aria-label=t(K::NavMain)>
            <ul>
                <li><a href="/">{t(K::NavHome)}</a></li>
                <Show when=move || user.get().is_some()>
                    <li><a href="/classes">{t(K::NavClasses)}</a></li>
                </Show>
                <Show when=move || has(Role::Evaluator)>
                    <li><a href="/to-score">{t(K::NavToScore)}</a></li>
                </Show>
                <Show when=move || has(Role::Admin) || has(Role::Facilitator)>
                    <li><a href="/curriculum">{t(K::NavCurriculum)}</a></li>
                    <li><a href="/scenarios">{t(K::NavScenarios)}</a></li>
                </Show>
                <Show when=move || has(Role::Admin)>
                    <li><a href="/admin/users">{t(K::NavUsers)}</a></li>
                    <li><a href="/admin/programmes">{t(K::NavProgrammes)}</a></li>
                    <li><a href="/admin/generations">{t(K::NavGenerations)}</a></li>
                </Show>
                <Show
                    when=move || user.get().is_some()
                    fallback=|| view! { <li><a href="/login">{t(K::NavLogin)}</a></li> }
                >
                    <li><a href="/account/password">{t(K::NavPassword)}</a></li>
                    <li><LogoutButton /></li>
                </Show>
            </ul>
        </nav>
    }
}

#[component]
fn LogoutButton() -> impl IntoView {
    let logout = form_action::<Logout>();
    bump_session_on_success(logout);
    view! {
        <ServerForm action=logout attr:class="inline-form">
            <CsrfField />
            <button type="submit" class="link-button">{t(K::NavLogout)}</button>
        </ServerForm>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let set_locale = form_action::<SetLocale>();
    bump_session_on_success(set_locale);
    let locale = use_locale();
    view! {
        <ServerForm action=set_locale attr:class="lang-form">
            <CsrfField />
            <input type="hidden" name="locale" value=move || locale.get().other().code() />
            <button type="submit" class="lang-button" aria-label=t(K::LangSwitchLabel)
                lang=move || locale.get().other().code()>
                {t(K::LangSwitch)}
            </button>
        </ServerForm>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="page-error">
            <h1>{t(K::NotFoundTitle)}</h1>
            <p><a href="/">{t(K::NotFoundBody)}</a></p>
        </section>
    }
}
