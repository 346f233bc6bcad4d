use crate::classes::api::{import_target, roster_preview_html, CommitRoster, UploadRoster};
use crate::error::AppError;
use crate::i18n::K;
use crate::ui::class_id_param;
use crate::ui::{form_action, ServerHtml};
use crate::ui::{html_page_data, CarriesHtml};
use crate::ui::{t, use_csrf, use_locale, Alert, FieldError, PageError};
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The class name, and the preview's server-rendered HTML once a file is staged.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct ImportPageData {
    class_name: String,
    preview: Option<String>,
}

impl CarriesHtml for ImportPageData {
    fn without_html(&self) -> Self {
        ImportPageData {
            class_name: self.class_name.clone(),
            preview: self.preview.as_ref().map(|_| String::new()),
        }
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let id = class_id_param();
    let query = use_query_map();
    let upload = Memo::new(move |_| query.with(|q| q.get("upload")));
    // After a plain form post the server sends the browser back here with the error in the URL.
    let upload_err = Signal::derive(move || {
        query.with(|q| match (q.get("__path"), q.get("__err")) {
            (Some(path), Some(err)) if path == UploadRoster::PATH => {
                Some(ServerFnUrlError::<AppError>::decode_err(&err))
            }
            _ => None,
        })
    });
    let commit = form_action::<CommitRoster>();
    let commit_err = Signal::derive(move || commit.value().get().and_then(|r| r.err()));
    let locale = use_locale();
    let preview = html_page_data(
        move || (id.get(), upload.get(), locale.get()),
        |(id, upload, _)| async move {
            let name = import_target(id).await?;
            let preview = match upload {
                Some(u) => Some(roster_preview_html(id, u).await?),
                None => None,
            };
            Ok::<_, AppError>(ImportPageData {
                class_name: name,
                preview,
            })
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(ImportPageData { class_name: name, preview: p }) => view! {
                        <p><a href=format!("/classes/{}", id.get())>"← "{name}</a></p>
                        <h1>{t(K::ImportTitle)}</h1>
                        <UploadForm class_id=id.get() error=upload_err />
                        <Alert error=commit_err />
                        {p.map(|html| view! { <ServerHtml html forms=Some(commit) /> })}
                    }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UploadForm(class_id: i64, error: Signal<Option<AppError>>) -> impl IntoView {
    let csrf = use_csrf();
    view! {
        <section class="card">
            <p>{t(K::ImportHelp)}</p>
            <Alert error />
            // A plain multipart form: the same request with or without JavaScript.
            <form method="post" action=UploadRoster::url() enctype="multipart/form-data" class="stack">
                <input type="hidden" name="csrf" value=move || csrf.get() />
                <input type="hidden" name="class_id" value=class_id />
                <div class="field">
                    <label for="roster-file">{t(K::ImportFile)}</label>
                    <input id="roster-file" name="file" type="file" accept=".csv,text/csv" required
                        aria-describedby="file-error" />
                    <FieldError error field="file" />
                </div>
                <button type="submit" class="button primary">{t(K::ImportUpload)}</button>
            </form>
        </section>
    }
}
