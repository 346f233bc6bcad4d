use super::{t, tm, use_csrf, use_locale};
use crate::error::AppError;
use crate::i18n::{Msg, K};
use leptos::prelude::*;

/// The anti-forgery token every mutating form carries (checked by the server middleware).
#[component]
pub fn CsrfField() -> impl IntoView {
    let csrf = use_csrf();
    view! { <input type="hidden" name="csrf" value=move || csrf.get() /> }
}

/// Messages for one field, shown under the input and linked by `aria-describedby`.
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into)] field: String,
) -> impl IntoView {
    let locale = use_locale();
    let id = format!("{field}-error");
    let messages = Memo::new(move |_| error.get().map(|e| e.field_messages(&field)).unwrap_or_default());
    view! {
        <Show when=move || !messages.with(|m| m.is_empty())>
            <p class="field-error" id=id.clone()>
                {move || {
                    messages.with(|ms| ms.iter().map(|m| m.render(locale.get())).collect::<Vec<_>>().join(" "))
                }}
            </p>
        </Show>
    }
}

/// The one page-level alert for a form's error.
#[component]
pub fn Alert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let locale = use_locale();
    let text = move || {
        error
            .get()
            .and_then(|e| e.alert())
            .map(|m| m.render(locale.get()))
    };
    view! {
        <Show when=move || text().is_some()>
            <div class="alert alert-error" role="alert">{text}</div>
        </Show>
    }
}

/// A success message announced politely to screen readers.
#[component]
pub fn Notice(#[prop(into)] show: Signal<bool>, key: K) -> impl IntoView {
    let text = t(key);
    view! {
        <Show when=move || show.get()>
            <div class="alert alert-ok" role="status">{text}</div>
        </Show>
    }
}

/// A failed page load: sets the HTTP status on the server and explains.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(&error);
    let msg = error.alert().unwrap_or(Msg::new(K::ErrInternal));
    let login = matches!(error, AppError::Unauthenticated);
    let title = match error {
        AppError::Forbidden => K::ForbiddenTitle,
        AppError::NotFound => K::NotFoundTitle,
        _ => K::AppName,
    };
    view! {
        <section class="page-error">
            <h1>{t(title)}</h1>
            <div class="alert alert-error" role="alert">{tm(msg)}</div>
            <Show when=move || login>
                <a class="button" href="/login">{t(K::NavLogin)}</a>
            </Show>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn set_status(error: &AppError) {
    use http::StatusCode;
    let status = match error {
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Invalid(_) | AppError::Rule(_) => StatusCode::BAD_REQUEST,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(status);
    }
}
