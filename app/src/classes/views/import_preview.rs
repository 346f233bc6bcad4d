//! The staged roster's preview (every row, every problem) with the commit form;
//! rendered on the server only (see `ui::render_html`).
use crate::classes::api::CommitRoster;
use crate::classes::messages::{column_key, issue_key};
use crate::classes::model::{ImportPreview, PreviewRow};
use crate::i18n::{fill, fmt_date, K, P};
use crate::ui::{form_action, t, use_locale, CsrfField, ServerForm};
use leptos::prelude::*;

pub fn preview_body(preview: ImportPreview) -> impl IntoView {
    let locale = use_locale();
    let commit = form_action::<CommitRoster>();
    let data_rows = preview.data_rows();
    let known = preview.known_count();
    let in_class = preview.in_class_count();
    let to_enrol = preview.to_enrol();
    let issues = preview.issues.clone();
    let ok = issues.is_empty();
    let (class_id, upload_id) = (preview.class_id, preview.upload_id.clone());
    let count = issues.len();
    view! {
        <section class="card" aria-labelledby="preview-title">
            <h2 id="preview-title">{move || fill(P::ImportPreviewTitle.t(locale.get()), &[data_rows.to_string()])}</h2>
            {if !ok {
                view! {
                <div class="alert alert-error" role="alert">
                    {move || fill(K::ImportHasErrors.t(locale.get()), &[count.to_string()])}
                </div>
                <IssueTable issues=issues.clone() />
                }.into_any()
            } else if to_enrol == 0 {
                // A roster uploaded again, with nobody new: nothing to do, and
                // the way back offered instead of an empty import.
                view! {
                <div class="alert alert-ok" role="status">{crate::ui::tp(P::ImportNothingNew)}</div>
                <p><a class="button" href=format!("/classes/{class_id}")>{crate::ui::tp(P::ImportBackToClass)}</a></p>
                }.into_any()
            } else {
                view! {
                <div class="alert alert-ok" role="status">
                    {move || fill(P::ImportReady.t(locale.get()), &[(to_enrol - known).to_string(), known.to_string()])}
                    {(in_class > 0).then(|| view! {
                        " "{move || fill(P::ImportAlreadyInClass.t(locale.get()), &[in_class.to_string()])}
                    })}
                </div>
                <ServerForm action=commit>
                    <CsrfField />
                    <input type="hidden" name="class_id" value=class_id />
                    <input type="hidden" name="upload_id" value=upload_id.clone() />
                    <button type="submit" class="button primary">
                        {move || fill(P::ImportCommit.t(locale.get()), &[to_enrol.to_string()])}
                    </button>
                </ServerForm>
                }.into_any()
            }}
            <div class="table-wrap" tabindex="0">
                <table class="preview">
                    <thead><tr>
                        <th scope="col">{crate::ui::tp(P::ImportRow)}</th>
                        <th scope="col">{t(K::RosterColNip)}</th>
                        <th scope="col">{t(K::RosterColName)}</th>
                        <th scope="col">{t(K::RosterColBirth)}</th>
                        <th scope="col">{t(K::RosterColUnit)}</th>
                        <th scope="col">{t(K::UsersStatus)}</th>
                    </tr></thead>
                    <tbody>
                        {preview.rows.into_iter().map(|r| {
                            let status = status_cell(&r);
                            let birth = r.row.birth_date;
                            view! { <tr>
                                <td>{r.row.row}</td>
                                <td class="mono">{r.row.nip.clone()}</td>
                                <td>{r.row.full_name.clone()}</td>
                                <td>{move || fmt_date(birth, locale.get())}</td>
                                <td>{r.row.unit_kerja.clone()}</td>
                                <td>{status}</td>
                            </tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// New, or known: then enrolled as they are (not an admin), or with the
/// changes an admin's import makes to them, old → new.
fn status_cell(r: &PreviewRow) -> AnyView {
    if !r.known {
        return crate::ui::tp(P::ImportStatusNew).into_any();
    }
    if r.in_class && r.changes.is_empty() {
        return crate::ui::tp(P::ImportInClass).into_any();
    }
    if r.kept {
        return t(K::ImportKnownLocked).into_any();
    }
    if r.changes.is_empty() {
        return t(K::ImportKnownSame).into_any();
    }
    let changes = r.changes.clone();
    view! {
        {t(K::ImportKnownChanges)}
        <ul class="changes">
            {changes.into_iter().map(|c| {
                let field = column_key(&c.field).map_or(c.field.clone(), |k| t(k)().to_string());
                view! { <li>{field}": "<del>{c.old}</del>" → "<ins>{c.new}</ins></li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn IssueTable(issues: Vec<crate::classes::domain::roster_csv::RowIssue>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="issues">
                <caption class="sr-only">{crate::ui::tp(P::ImportProblem)}</caption>
                <thead><tr>
                    <th scope="col">{crate::ui::tp(P::ImportRow)}</th>
                    <th scope="col">{crate::ui::tp(P::ImportColumn)}</th>
                    <th scope="col">{crate::ui::tp(P::ImportProblem)}</th>
                    <th scope="col">{crate::ui::tp(P::ImportValue)}</th>
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
