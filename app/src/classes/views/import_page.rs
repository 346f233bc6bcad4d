use crate::ui::page_data;
use super::class_page::class_id_param;
use super::messages::{column_key, issue_key};
use crate::classes::api::{import_target, roster_preview, CommitRoster, UploadRoster};
use crate::classes::model::ImportPreview;
use crate::error::AppError;
use crate::i18n::{fill, fmt_date, K};
use crate::ui::{form_action, ServerForm};
use crate::ui::{t, use_csrf, use_locale, Alert, CsrfField, FieldError, PageError};
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

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
    let preview = page_data(
        move || (id.get(), upload.get()),
        |(id, upload)| async move {
            let name = import_target(id).await?;
            let preview = match upload {
                Some(u) => Some(roster_preview(id, u).await?),
                None => None,
            };
            Ok::<_, AppError>((name, preview))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok((name, p)) => view! {
                        <p><a href=format!("/classes/{}", id.get())>"← "{name}</a></p>
                        <h1>{t(K::ImportTitle)}</h1>
                        <UploadForm class_id=id.get() error=upload_err />
                        {p.map(|p| view! { <Preview preview=p /> })}
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

#[component]
fn Preview(preview: ImportPreview) -> impl IntoView {
    let locale = use_locale();
    let commit = form_action::<CommitRoster>();
    let commit_err = Signal::derive(move || commit.value().get().and_then(|r| r.err()));
    let total = preview.rows.len();
    let data_rows = preview.data_rows();
    let known = preview.known_count();
    let issues = preview.issues.clone();
    let ok = issues.is_empty();
    let (class_id, upload_id) = (preview.class_id, preview.upload_id.clone());
    let count = issues.len();
    view! {
        <section class="card" aria-labelledby="preview-title">
            <h2 id="preview-title">{move || fill(K::ImportPreviewTitle.t(locale.get()), &[data_rows.to_string()])}</h2>
            {if !ok {
                view! {
                <div class="alert alert-error" role="alert">
                    {move || fill(K::ImportHasErrors.t(locale.get()), &[count.to_string()])}
                </div>
                <IssueTable issues=issues.clone() />
                }.into_any()
            } else {
                view! {
                <div class="alert alert-ok" role="status">
                    {move || fill(K::ImportReady.t(locale.get()), &[(total - known).to_string(), known.to_string()])}
                </div>
                <Alert error=commit_err />
                <ServerForm action=commit>
                    <CsrfField />
                    <input type="hidden" name="class_id" value=class_id />
                    <input type="hidden" name="upload_id" value=upload_id.clone() />
                    <button type="submit" class="button primary">
                        {move || fill(K::ImportCommit.t(locale.get()), &[total.to_string()])}
                    </button>
                </ServerForm>
                }.into_any()
            }}
            <div class="table-wrap" tabindex="0">
                <table class="preview">
                    <thead><tr>
                        <th scope="col">{t(K::ImportRow)}</th>
                        <th scope="col">{t(K::RosterColNip)}</th>
                        <th scope="col">{t(K::RosterColName)}</th>
                        <th scope="col">{t(K::RosterColBirth)}</th>
                        <th scope="col">{t(K::RosterColUnit)}</th>
                        <th scope="col">{t(K::UsersStatus)}</th>
                    </tr></thead>
                    <tbody>
                        {preview.rows.into_iter().map(|r| {
                            let status = if r.known { K::ImportStatusKnown } else { K::ImportStatusNew };
                            let birth = r.row.birth_date;
                            view! { <tr>
                                <td>{r.row.row}</td>
                                <td class="mono">{r.row.nip.clone()}</td>
                                <td>{r.row.full_name.clone()}</td>
                                <td>{move || fmt_date(birth, locale.get())}</td>
                                <td>{r.row.unit_kerja.clone()}</td>
                                <td>{t(status)}</td>
                            </tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn IssueTable(issues: Vec<crate::classes::domain::roster_csv::RowIssue>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="issues">
                <caption class="sr-only">{t(K::ImportProblem)}</caption>
                <thead><tr>
                    <th scope="col">{t(K::ImportRow)}</th>
                    <th scope="col">{t(K::ImportColumn)}</th>
                    <th scope="col">{t(K::ImportProblem)}</th>
                    <th scope="col">{t(K::ImportValue)}</th>
                </tr></thead>
                <tbody>
                    {issues.into_iter().map(|i| {
                        let column = column_key(&i.column).map(|k| t(k)());
                        view! { <tr class="issue-row">
                            <td>{i.row}</td>
                            <td>{column.map(str::to_string).unwrap_or(i.column.clone())}</td>
                            <td>{t(issue_key(&i.code))}</td>
                            <td class="mono">{i.value.clone()}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
