//! Server fns for writing scenarios (facilitators and admins): the list, the
//! editor, import, node edits and publishing. Drafts may break the rules (that
//! is how they get mended in the editor); only publishing requires them.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::domain::format,
    super::model::{Authored, Next, Node, NodeKind, Scenario},
    super::store,
    crate::auth::{guard, model::Role},
    crate::curriculum::domain::format::FormatIssue,
    crate::i18n::said,
    crate::i18n::{Msg, K, P},
};

#[cfg(feature = "ssr")]
fn authors() -> Result<crate::state::Caller, AppError> {
    guard::require_any(&[Role::Facilitator, Role::Admin])
}

/// Facilitators and admins. Every scenario with its status, and the import form.
#[server(input = GetUrl, prefix = "/api", endpoint = "scenarios_page")]
pub async fn scenarios_page() -> Result<String, AppError> {
    authors()?;
    let state = guard::state()?;
    let all = store::all(&state.db)
        .await?
        .into_iter()
        .map(|(row, draft)| Authored {
            key: row.key,
            published: row.published,
            draft,
        })
        .collect();
    crate::ui::render_html(move || super::views::scenarios_body(all))
}

/// Facilitators and admins. One scenario's editor: map, problems, nodes.
#[server(input = GetUrl, prefix = "/api", endpoint = "scenario_editor_page")]
pub async fn scenario_editor_page(key: String) -> Result<String, AppError> {
    authors()?;
    let state = guard::state()?;
    let (row, draft) = store::by_key(&state.db, &key).await?;
    let scenario = Authored {
        key: row.key,
        published: row.published,
        draft,
    };
    crate::ui::render_html(move || super::views::editor_body(scenario))
}

/// Facilitators and admins. Reads an uploaded scenario file (multipart fields
/// `csrf`, `file`) into a draft: a new key creates one, a known key replaces
/// its draft. Problems in the file's shape come back with their lines and
/// nothing is stored; rule problems (a trap…) are shown in the editor.
#[server(input = MultipartFormData, prefix = "/api", endpoint = "import_scenario")]
pub async fn import_scenario(data: MultipartData) -> Result<(), AppError> {
    authors()?;
    let state = guard::state()?;
    let (name, bytes) = crate::server_util::read_file_field(data, MAX_UPLOAD_BYTES).await?;
    let name = if name.is_empty() {
        "scenario.toml".to_string()
    } else {
        name
    };
    // A NUL (raw or as a TOML escape) is no scenario text: PostgreSQL cannot store it.
    let text = String::from_utf8(bytes)
        .ok()
        .filter(|t| !crate::text_limits::source_holds_nul(t))
        .ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    let parsed = format::parse(&name, &text.replace("\r\n", "\n")).map_err(issues_error)?;
    if let Some(code) = crate::curriculum::domain::rules::key_problem(&parsed.scenario.key) {
        return Err(issues_error(vec![issue(&name, 1, code, &parsed.scenario.key)]));
    }
    store::save_draft(&state.db, &parsed.scenario).await?;
    crate::web::redirect(&format!("/scenarios/{}", parsed.scenario.key));
    Ok(())
}

/// Facilitators and admins. Replaces one node of the draft with its edited
/// source (`node` is its current id; empty for the scenario's own fields).
/// Errors: `Invalid("source:LINE")` per problem, `NotFound`.
#[server(prefix = "/api", endpoint = "save_scenario_node")]
pub async fn save_scenario_node(key: String, node: String, source: String) -> Result<(), AppError> {
    let source = source.replace("\r\n", "\n");
    edit(key, move |draft| {
        if node.is_empty() {
            *draft = format::parse_header(&source, draft).map_err(issues_error)?;
            return Ok(());
        }
        let edited = format::parse_node(&source).map_err(issues_error)?;
        if edited.id != node && draft.node(&edited.id).is_some() {
            return Err(AppError::field("source:00001", said(P::ErrNodeExists)));
        }
        let slot = draft
            .nodes
            .iter_mut()
            .find(|n| n.id == node)
            .ok_or(AppError::NotFound)?;
        *slot = edited;
        Ok(())
    })
    .await
}

/// Facilitators and admins. Adds a node of `kind` (situation, choice,
/// reflection, ending) with starter text that leads back to the start, to be
/// written in the editor. Errors: `Invalid(id)` for a bad or taken id.
#[server(prefix = "/api", endpoint = "add_scenario_node")]
pub async fn add_scenario_node(key: String, id: String, kind: String) -> Result<(), AppError> {
    let id = id.trim().to_string();
    edit(key, move |draft| {
        if crate::curriculum::domain::rules::key_problem(&id).is_some() {
            return Err(AppError::field("id", Msg::new(K::CurBadKey)));
        }
        if draft.node(&id).is_some() {
            return Err(AppError::field("id", said(P::ErrNodeExists)));
        }
        let kind = starter(&kind, &draft.start).ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
        draft.nodes.push(Node { id, kind });
        Ok(())
    })
    .await
}

/// Facilitators and admins. Removes a node from the draft (references to it
/// then show as problems until mended).
#[server(prefix = "/api", endpoint = "delete_scenario_node")]
pub async fn delete_scenario_node(key: String, node: String) -> Result<(), AppError> {
    edit(key, move |draft| {
        let before = draft.nodes.len();
        draft.nodes.retain(|n| n.id != node);
        if draft.nodes.len() == before {
            return Err(AppError::NotFound);
        }
        Ok(())
    })
    .await
}

/// Facilitators and admins. Publishes the draft as the next version.
/// Errors: `Rule` while any problem is left (they are listed in the editor).
#[server(prefix = "/api", endpoint = "publish_scenario")]
pub async fn publish_scenario(key: String) -> Result<(), AppError> {
    authors()?;
    let state = guard::state()?;
    let txn = crate::server_util::begin_write(&state.db).await?;
    lock(&txn, &key).await?;
    let (row, _) = store::by_key(&*txn, &key).await?;
    let number = store::publish(&*txn, &row)
        .await?
        .map_err(|_| AppError::Rule(said(P::ErrNotPublishable)))?;
    txn.commit().await?;
    crate::web::redirect(&format!("/scenarios/{key}?published={number}"));
    Ok(())
}

/// Makes two edits of one scenario, also from two app servers, wait for each
/// other instead of one overwriting the other's draft: a no-op write to its
/// row, as the transaction's first statement, holds the row (PostgreSQL) or
/// the database's write lock (SQLite) until commit.
#[cfg(feature = "ssr")]
async fn lock(txn: &sea_orm::DatabaseTransaction, key: &str) -> Result<(), AppError> {
    use crate::entities::scenario;
    use sea_orm::{prelude::Expr, ColumnTrait, EntityTrait, QueryFilter};
    scenario::Entity::update_many()
        .col_expr(scenario::Column::Key, Expr::col(scenario::Column::Key))
        .filter(scenario::Column::Key.eq(key))
        .exec(txn)
        .await?;
    Ok(())
}

/// Applies one edit to a draft in a transaction (see `lock`).
#[cfg(feature = "ssr")]
async fn edit<F>(key: String, apply: F) -> Result<(), AppError>
where
    F: FnOnce(&mut Scenario) -> Result<(), AppError>,
{
    authors()?;
    let state = guard::state()?;
    let txn = crate::server_util::begin_write(&state.db).await?;
    lock(&txn, &key).await?;
    let (_, mut draft) = store::by_key(&*txn, &key).await?;
    apply(&mut draft)?;
    store::save_draft(&*txn, &draft).await?;
    txn.commit().await?;
    Ok(())
}

/// A new node's starting content: placeholder text in both languages that
/// passes the text rules, leading back to the start until the author links it.
#[cfg(feature = "ssr")]
fn starter(kind: &str, start: &str) -> Option<NodeKind> {
    use super::model::{Band, Bilingual, ChoiceOption, Scores};
    let text = || Bilingual::new("Tulis teks di sini.", "Write the text here.");
    let option = |key: &str| ChoiceOption {
        key: key.into(),
        text: text(),
        feedback: text(),
        effect: Scores::default(),
        next: Next::to(start),
    };
    Some(match kind {
        "situation" => NodeKind::Situation {
            text: text(),
            characters: Vec::new(),
            next: Next::to(start),
        },
        "choice" => NodeKind::Choice {
            text: text(),
            options: vec![option("a"), option("b")],
        },
        "reflection" => NodeKind::Reflection {
            prompt: text(),
            next: Next::to(start),
        },
        "ending" => NodeKind::Ending {
            band: Band::Developing,
            title: text(),
            text: text(),
        },
        _ => return None,
    })
}

#[cfg(feature = "ssr")]
fn issue(file: &str, line: u32, code: &str, detail: &str) -> FormatIssue {
    FormatIssue {
        file: file.into(),
        line,
        code: code.into(),
        detail: detail.into(),
    }
}

/// Each problem under `place:line`, its text translated here (it is only ever
/// shown to this request's caller), so the browser needs no message table.
#[cfg(feature = "ssr")]
fn issues_error(issues: Vec<FormatIssue>) -> AppError {
    let locale = guard::request_auth().map(|a| a.locale).unwrap_or_default();
    let mut map = std::collections::BTreeMap::new();
    for i in issues.into_iter().take(40) {
        let text = super::views::text::problem_text(&i.code, &i.detail, locale);
        map.entry(format!("{}:{:05}", i.file, i.line))
            .or_insert_with(Vec::new)
            .push(Msg::with(K::Verbatim, [text]));
    }
    AppError::Invalid(map)
}

/// The largest scenario file accepted (the shipped ones are about 30 KB).
#[cfg(feature = "ssr")]
const MAX_UPLOAD_BYTES: usize = 512 * 1024;
