//! The rubric pages, rendered on the server: the class's rubrics with the
//! template and import forms, and the editor with its score preview.
use super::api::{CopyRubricTemplate, ImportRubric, SaveRubric};
use super::domain::rubric::{Criterion, Level, Rubric};
use super::store::Loaded;
use crate::i18n::{fill, fmt_decimal, P};
use crate::ui::rendered::{locale, tr};
use crate::ui::{form_action, use_csrf, CsrfField, ErrorSlot};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn head(class_id: i64, class_name: String, title: P) -> impl IntoView {
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{class_name}</a></p>
            <h1>{tr(title)}</h1>
            <p>{tr(P::RubricsIntro)}</p>
        </header>
    }
}

pub fn list_body(id: i64, class_name: String, list: Vec<Loaded>) -> impl IntoView {
    let items = list
        .iter()
        .map(|l| {
            let base = format!("/classes/{id}/rubrics/{}", l.rubric.id);
            view! {
                <li class="card rubric-item">
                    <h2><a href=base.clone()>{l.rubric.title.clone()}</a></h2>
                    <p class="muted">
                        {fill(tr(P::RubricVersion), &[l.version.number.to_string()])}" · "
                        {fill(tr(P::RubricCriteriaCount), &[l.body.criteria.len().to_string()])}
                        {l.version.frozen.then(|| view! { " · "<span class="tag">{tr(P::RubricFrozen)}</span> })}
                    </p>
                    <p class="actions">
                        <a class="button" href=base.clone()>{tr(P::RubricEdit)}</a>" "
                        <a class="button" href=format!("{base}/export.csv") download>{tr(P::RubricExportCsv)}</a>" "
                        <a class="button" href=format!("{base}/export.json") download>{tr(P::RubricExportJson)}</a>
                    </p>
                </li>
            }
        })
        .collect_view();
    let empty = list.is_empty();
    view! {
        {head(id, class_name, P::RubricsTitle)}
        {empty.then(|| view! { <p class="notice">{tr(P::RubricsNone)}</p> })}
        <ul class="rubric-list">{items}</ul>
        {template_form(id)}
        {import_form(id)}
    }
}

fn template_form(class_id: i64) -> impl IntoView {
    let options = super::templates::all()
        .into_iter()
        .map(|t| {
            let r = t.rubric(locale());
            view! { <option value=t.key.clone()>{r.title.clone()}" — "{r.description.clone()}</option> }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{tr(P::TemplatesTitle)}</h2>
            <p class="hint">{tr(P::TemplatesHint)}</p>
            <form method="post" action=CopyRubricTemplate::PATH class="stack" data-error-slot="template-error">
                <CsrfField />
                <crate::ui::SlotInput id="template-error" />
                <input type="hidden" name="class_id" value=class_id />
                <label for="template">{tr(P::TemplateField)}</label>
                <select id="template" name="template">{options}</select>
                <button type="submit" class="button primary">{tr(P::TemplateSubmit)}</button>
            </form>
            <ErrorSlot id="template-error".into() action={form_action::<CopyRubricTemplate>()} />
        </section>
    }
}

/// A plain multipart post (a file), with JavaScript on or off.
fn import_form(class_id: i64) -> impl IntoView {
    let error = form_action::<ImportRubric>()
        .value()
        .get_untracked()
        .and_then(|r| r.err())
        .map(|e| e.located_messages(locale()));
    let csrf = use_csrf().get_untracked();
    view! {
        <section class="panel">
            <h2>{tr(P::RubricImportTitle)}</h2>
            <p class="hint">{tr(P::RubricImportHint)}</p>
            {error.map(|lines| view! {
                <ul class="alert alert-error import-errors" role="alert">
                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
            })}
            <form method="post" action=ImportRubric::PATH enctype="multipart/form-data" class="stack">
                <input type="hidden" name="csrf" value=csrf />
                <input type="hidden" name="class_id" value=class_id />
                <label for="import-title">{tr(P::RubricImportTitleField)}</label>
                <input id="import-title" name="title" maxlength="200" />
                <label for="import-file">{tr(P::RubricImportFile)}</label>
                <input id="import-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" required />
                <button type="submit" class="button">{tr(P::RubricImportSubmit)}</button>
            </form>
        </section>
    }
}

pub fn editor_body(class_id: i64, class_name: String, loaded: Loaded) -> impl IntoView {
    let body = &loaded.body;
    // One empty criterion (with four empty levels) and one empty level per
    // criterion: filling them in adds, without JavaScript.
    let mut criteria: Vec<Criterion> = body.criteria.clone();
    for c in &mut criteria {
        c.levels.push(blank_level());
    }
    let blank = Criterion {
        title: String::new(),
        description: String::new(),
        weight: 0,
        levels: vec![blank_level(); 4],
    };
    let count = criteria.len();
    let fieldsets = criteria
        .iter()
        .chain(std::iter::once(&blank))
        .enumerate()
        .map(|(i, c)| criterion_fields(i, c, i == count))
        .collect_view();
    view! {
        {head(class_id, class_name, P::RubricEditorTitle)}
        {preview(&loaded)}
        // Once hydrated the form posts itself (without `save`) as the
        // facilitator types: the answer is the live preview, or the error.
        <form method="post" action=SaveRubric::PATH class="stack rubric-editor" data-error-slot="rubric-error" data-result="rubric-live" data-keep data-autosave>
            <CsrfField />
            <crate::ui::SlotInput id="rubric-error" />
            <input type="hidden" name="class_id" value=class_id />
            <input type="hidden" name="rubric" value=loaded.rubric.id />
            <label for="rubric-title">{tr(P::RubricFieldTitle)}</label>
            <input id="rubric-title" name="title" value=body.title.clone() maxlength="200" required />
            <label for="rubric-description">{tr(P::RubricFieldDescription)}</label>
            <textarea id="rubric-description" name="description" rows="2">{crate::ui::textarea_text(&body.description)}</textarea>
            {fieldsets}
            <ErrorSlot id="rubric-error".into() action={form_action::<SaveRubric>()} />
            <p id="rubric-live" class="score-total" aria-live="polite">{live_preview(body, locale())}</p>
            <button type="submit" name="save" value="1" class="button primary">{tr(P::RubricSave)}</button>
        </form>
    }
}

fn blank_level() -> Level {
    Level {
        label: String::new(),
        descriptor: String::new(),
        min: 0,
        max: 0,
    }
}

fn criterion_fields(i: usize, c: &Criterion, is_new: bool) -> impl IntoView {
    let name = |field: &str| format!("criteria[{i}][{field}]");
    let id = |field: &str| format!("c{i}-{field}");
    let legend = if is_new {
        tr(P::CriterionNewLegend).to_string()
    } else {
        fill(tr(P::CriterionLegend), &[(i + 1).to_string()])
    };
    let weight = if is_new {
        String::new()
    } else {
        c.weight.to_string()
    };
    let levels = c
        .levels
        .iter()
        .enumerate()
        .map(|(j, l)| level_row(i, j, l))
        .collect_view();
    view! {
        <fieldset class="criterion">
            <legend>{legend}</legend>
            <label for=id("title")>{tr(P::CriterionTitle)}</label>
            <input id=id("title") name=name("title") value=c.title.clone() maxlength="200" />
            <label for=id("description")>{tr(P::CriterionDescription)}</label>
            <textarea id=id("description") name=name("description") rows="2">{crate::ui::textarea_text(&c.description)}</textarea>
            <label for=id("weight")>{tr(P::CriterionWeight)}</label>
            <input id=id("weight") name=name("weight") value=weight inputmode="numeric" class="short" />
            <p class="hint">{tr(P::LevelsCaption)}</p>
            <div class="levels">{levels}</div>
            {(!is_new).then(|| view! {
                <label class="check"><input type="checkbox" name=name("remove") value="1" />" "{tr(P::CriterionRemove)}</label>
            })}
        </fieldset>
    }
}

/// One level: a row of fields (stacked on a phone).
fn level_row(i: usize, j: usize, l: &Level) -> impl IntoView {
    let name = |field: &str| format!("criteria[{i}][levels][{j}][{field}]");
    let id = |field: &str| format!("c{i}-l{j}-{field}");
    let filled = !l.label.is_empty();
    let points = |v: u32| if filled { v.to_string() } else { String::new() };
    let max = if l.min == l.max {
        String::new()
    } else {
        points(l.max)
    };
    view! {
        <div class="level-row">
            <span class="level-field">
                <label for=id("label")>{tr(P::LevelLabel)}" "{j + 1}</label>
                <input id=id("label") name=name("label") value=l.label.clone() maxlength="100" />
            </span>
            <span class="level-field wide">
                <label for=id("descriptor")>{tr(P::LevelDescriptor)}</label>
                <textarea id=id("descriptor") name=name("descriptor") rows="2">{crate::ui::textarea_text(&l.descriptor)}</textarea>
            </span>
            <span class="level-field">
                <label for=id("min")>{tr(P::LevelMin)}</label>
                <input id=id("min") name=name("min") value=points(l.min) inputmode="numeric" class="short" />
            </span>
            <span class="level-field">
                <label for=id("max")>{tr(P::LevelMax)}</label>
                <input id=id("max") name=name("max") value=max inputmode="numeric" class="short" />
            </span>
            {filled.then(|| view! {
                <label class="check"><input type="checkbox" name=name("remove") value="1" />" "{tr(P::LevelRemove)}</label>
            })}
        </div>
    }
}

/// The weights' total and what the final score would be with every
/// criterion at each level, so the facilitator sees how the rubric scores.
fn preview(loaded: &Loaded) -> impl IntoView {
    let r = &loaded.body;
    let total: u32 = r.criteria.iter().map(|c| c.weight).sum();
    let levels = r.criteria.iter().map(|c| c.levels.len()).max().unwrap_or(0);
    let rows = (0..levels)
        .map(|j| {
            let score = at_level(r, j);
            view! { <li>{fill(tr(P::PreviewByLevel), &[(j + 1).to_string(), fmt_decimal(score, 1, locale())])}</li> }
        })
        .collect_view();
    let frozen = loaded.version.frozen.then(|| {
        let n = loaded.version.number;
        view! { <p class="notice">{fill(tr(P::PreviewFrozen), &[n.to_string(), (n + 1).to_string()])}</p> }
    });
    view! {
        <section class="panel rubric-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{tr(P::PreviewTitle)}" · "{fill(tr(P::RubricVersion), &[loaded.version.number.to_string()])}</h2>
            {frozen}
            <p class=if total == 100 { "weights ok" } else { "weights bad" }>{fill(tr(P::PreviewWeights), &[total.to_string()])}</p>
            <p class="hint">{tr(P::PreviewFormula)}</p>
            <ul>{rows}</ul>
        </section>
    }
}

/// One line for the editor while typing: the weights' total and the final
/// score with every criterion at its top and at its bottom level.
pub fn live_preview(r: &Rubric, locale: crate::i18n::Locale) -> String {
    let total: u32 = r.criteria.iter().map(|c| c.weight).sum();
    let levels = r.criteria.iter().map(|c| c.levels.len()).max().unwrap_or(1);
    let (top, bottom) = (at_level(r, 0), at_level(r, levels.saturating_sub(1)));
    fill(
        P::PreviewLive.t(locale),
        &[
            total.to_string(),
            fmt_decimal(top, 1, locale),
            fmt_decimal(bottom, 1, locale),
        ],
    )
}

/// The final score if every criterion sits at level `j` (its last level
/// when it has fewer), at that level's top points.
fn at_level(r: &Rubric, j: usize) -> f64 {
    use super::domain::rubric::{weighted_total, Pick};
    let picks: Vec<Option<Pick>> = r
        .criteria
        .iter()
        .map(|c| {
            let level = j.min(c.levels.len().saturating_sub(1));
            c.levels.get(level).map(|l| Pick { level, points: l.max })
        })
        .collect();
    weighted_total(r, &picks)
}
