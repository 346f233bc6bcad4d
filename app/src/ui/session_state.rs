//! The session as the pages hold it: read once, read again after login,
//! logout or a change of language.
use super::{FormAction, PageData};
use leptos::prelude::*;

/// Bumped after login, logout or a language change so the session is read again.
#[derive(Clone, Copy)]
pub struct SessionVersion(pub RwSignal<u32>);

pub type SessionResource = PageData<Result<crate::session::SessionInfo, crate::error::AppError>>;

/// Re-reads the session (user, token, language) once an action succeeds.
pub fn bump_session_on_success(action: FormAction) {
    let version = expect_context::<SessionVersion>();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            version.0.update(|v| *v += 1);
        }
    });
}
