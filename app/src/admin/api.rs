//! Server fns for administration: accounts, programmes and classes, generation scheme.
use super::model::{NewUser, ProgrammesData, SchemeRowInput, SchemeView, UserRow};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::model::ProgrammeView,
    crate::auth::{guard, model::Role, password, policy::Membership},
    crate::classes::model::ClassInput,
    crate::classes::{domain::generation::GenerationScheme, import::grant, store as class_db},
    crate::entities::{class, generation_scheme, programme, user, user_role},
    crate::i18n::{Msg, K},
    chrono::Utc,
    sea_orm::{prelude::*, ActiveValue::Set, QueryOrder},
    validator::Validate,
};

/// Admins. Sets a new password for an account, e.g. a participant who came in
/// through a roster import (they have none) or who forgot theirs; the account's
/// open sessions end. Errors: `Invalid` (password), `NotFound`.
#[server(prefix = "/api", endpoint = "set_user_password")]
pub async fn set_user_password(user_id: i64, password: String) -> Result<(), AppError> {
    let state = guard::state()?;
    guard::require_any(&[Role::Admin])?;
    if password.chars().count() < crate::auth::model::MIN_PASSWORD_LEN {
        return Err(AppError::field("password", Msg::new(K::ErrPasswordShort)));
    }
    let found = user::Entity::find_by_id(user_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let hash = password::hash(&state, password).await?;
    let mut row: user::ActiveModel = found.into();
    row.password_hash = Set(Some(hash));
    row.update(&state.db).await?;
    crate::auth::store::delete_sessions_of(&state, user_id).await?;
    Ok(())
}

/// Admins. The accounts table as server-rendered HTML for the page.
#[server(input = GetUrl, prefix = "/api", endpoint = "users_table")]
pub async fn users_table_html() -> Result<String, AppError> {
    let users = list_users().await?;
    crate::ui::render_html(move || super::views::users_table(users))
}

/// Admins. Every account with its roles.
#[server(input = GetUrl, prefix = "/api", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserRow>, AppError> {
    let state = guard::state()?;
    guard::require_any(&[Role::Admin])?;
    let users = user::Entity::find()
        .order_by_asc(user::Column::FullName)
        .all(&state.db)
        .await?;
    let roles = user_role::Entity::find().all(&state.db).await?;
    Ok(users
        .into_iter()
        .map(|u| UserRow {
            roles: roles
                .iter()
                .filter(|r| r.user_id == u.id)
                .filter_map(|r| Role::from_code(&r.role))
                .collect(),
            id: u.id,
            full_name: u.full_name,
            email: u.email,
            nip: u.nip,
            active: u.active,
        })
        .collect())
}

/// Admins. Errors: `Invalid` (full_name, email, nip, password, roles).
#[server(prefix = "/api", endpoint = "create_user")]
pub async fn create_user(input: NewUser) -> Result<i64, AppError> {
    let state = guard::state()?;
    guard::require_any(&[Role::Admin])?;
    input.validate()?;
    let roles = input.roles();
    if roles.is_empty() {
        return Err(AppError::field("roles", Msg::new(K::ErrRolesRequired)));
    }
    let email = input.email.trim().to_lowercase();
    let nip = parse_optional_nip(input.nip.as_deref())?;
    let birth_date = nip.as_ref().map(|n| n.birth_date);
    let gender = nip
        .as_ref()
        .and_then(|n| n.gender)
        .map(class_db::gender_to_db)
        .map(str::to_string);
    let hash = password::hash(&state, input.password.clone()).await?;
    let full_name = input.full_name.trim().to_string();
    let nip_text = nip.map(|n| n.as_str().to_string());
    // The check and the insert as one serializable unit: two admins adding
    // the same e-mail at once get one account and a message beside the field.
    crate::write_txn!(&state.db, |txn| {
        ensure_unique(txn, &email, nip_text.as_deref()).await?;
        let saved = user::ActiveModel {
            email: Set(Some(email.clone())),
            nip: Set(nip_text.clone()),
            full_name: Set(full_name.clone()),
            password_hash: Set(Some(hash.clone())),
            gender: Set(gender.clone()),
            birth_date: Set(birth_date),
            unit_kerja: Set(String::new()),
            jabatan: Set(String::new()),
            golongan: Set(None),
            active: Set(true),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for role in &roles {
            user_role::ActiveModel {
                user_id: Set(saved.id),
                role: Set(role.code().into()),
            }
            .insert(txn)
            .await?;
        }
        Ok(saved.id)
    })
}

#[cfg(feature = "ssr")]
fn parse_optional_nip(raw: Option<&str>) -> Result<Option<crate::classes::domain::nip::Nip>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) => crate::classes::domain::nip::Nip::parse(raw)
            .map(Some)
            .map_err(|e| {
                AppError::field(
                    "input[nip]",
                    Msg::new(crate::classes::messages::issue_key(e.code())),
                )
            }),
    }
}

#[cfg(feature = "ssr")]
async fn ensure_unique<C: ConnectionTrait>(db: &C, email: &str, nip: Option<&str>) -> Result<(), AppError> {
    if user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::field("input[email]", Msg::new(K::ErrEmailTaken)));
    }
    if let Some(nip) = nip {
        if user::Entity::find()
            .filter(user::Column::Nip.eq(nip))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::field("input[nip]", Msg::new(K::ErrNipTaken)));
        }
    }
    Ok(())
}

/// Admins. Deactivating also ends the account's sessions. Errors: `Rule` (own account), `NotFound`.
#[server(prefix = "/api", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    let state = guard::state()?;
    let caller = guard::require_any(&[Role::Admin])?;
    if caller.user_id == user_id && !active {
        return Err(AppError::rule(K::UsersCannotDeactivateSelf));
    }
    let found = user::Entity::find_by_id(user_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut model: user::ActiveModel = found.into();
    model.active = Set(active);
    model.update(&state.db).await?;
    if !active {
        crate::auth::store::delete_sessions_of(&state, user_id).await?;
    }
    Ok(())
}

/// Admins. The programmes page: the list as server-rendered HTML, and the form's choices.
#[server(input = GetUrl, prefix = "/api", endpoint = "programmes_page")]
pub async fn programmes_page() -> Result<super::model::ProgrammesPageView, AppError> {
    let data = get_programmes().await?;
    let programmes = data.programmes.iter().map(|p| (p.id, p.name.clone())).collect();
    let facilitators = data.facilitators;
    let html = crate::ui::render_html(move || super::views::programme_list(data.programmes))?;
    Ok(super::model::ProgrammesPageView {
        html,
        programmes,
        facilitators,
    })
}

/// Admins. Programmes with their classes, and the facilitators to choose from.
#[server(input = GetUrl, prefix = "/api", endpoint = "programmes")]
pub async fn get_programmes() -> Result<ProgrammesData, AppError> {
    let state = guard::state()?;
    guard::require_any(&[Role::Admin])?;
    let classes = class_db::summaries(&state.db, class_db::all_classes(&state.db).await?).await?;
    let all = class::Entity::find().all(&state.db).await?;
    let programmes = programme::Entity::find()
        .order_by_desc(programme::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| ProgrammeView {
            classes: classes
                .iter()
                .filter(|c| all.iter().any(|m| m.id == c.id && m.programme_id == p.id))
                .cloned()
                .collect(),
            id: p.id,
            name: p.name,
            description: p.description,
        })
        .collect();
    let ids: Vec<i64> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(Role::Facilitator.code()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let facilitators = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .order_by_asc(user::Column::FullName)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    Ok(ProgrammesData {
        programmes,
        facilitators,
    })
}

/// Admins. Errors: `Invalid` (name: empty or taken).
#[server(prefix = "/api", endpoint = "create_programme")]
pub async fn create_programme(name: String, description: String) -> Result<i64, AppError> {
    let state = guard::state()?;
    guard::require_any(&[Role::Admin])?;
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(AppError::field(
            "name",
            Msg::new(if name.is_empty() {
                K::ErrRequired
            } else {
                K::ErrTooLong
            }),
        ));
    }
    if programme::Entity::find()
        .filter(programme::Column::Name.eq(name.clone()))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Err(AppError::field("name", Msg::new(K::ErrInvalidValue)));
    }
    let saved = programme::ActiveModel {
        name: Set(name),
        description: Set(description.trim().to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(saved.id)
}

/// Admins. Creates a class in a programme, optionally with its facilitator.
/// Errors: `Invalid` (name, starts_on, ends_on, programme_id, facilitator_id).
#[server(prefix = "/api", endpoint = "create_class")]
pub async fn create_class(
    programme_id: i64,
    name: String,
    description: String,
    starts_on: String,
    ends_on: String,
    facilitator_id: Option<i64>,
) -> Result<i64, AppError> {
    let state = guard::state()?;
    guard::require_any(&[Role::Admin])?;
    let input = ClassInput::parse(&name, &description, &starts_on, &ends_on)?;
    if programme::Entity::find_by_id(programme_id)
        .one(&state.db)
        .await?
        .is_none()
    {
        return Err(AppError::field("programme_id", Msg::new(K::ErrNotFound)));
    }
    crate::write_txn!(&state.db, |txn| {
        let saved = class::ActiveModel {
            programme_id: Set(programme_id),
            name: Set(input.name.clone()),
            description: Set(input.description.clone()),
            starts_on: Set(input.starts_on),
            ends_on: Set(input.ends_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if let Some(fid) = facilitator_id {
            if user::Entity::find_by_id(fid).one(txn).await?.is_none() {
                return Err(AppError::field("facilitator_id", Msg::new(K::ErrNotFound)));
            }
            grant(txn, fid, saved.id, Membership::Facilitator).await?;
        }
        Ok(saved.id)
    })
}

/// Logged-in users (every composition view names the scheme). Returns the active scheme.
#[server(input = GetUrl, prefix = "/api", endpoint = "scheme")]
pub async fn get_scheme() -> Result<SchemeView, AppError> {
    let state = guard::state()?;
    guard::caller()?;
    Ok(SchemeView {
        scheme: class_db::active_scheme_cached(&state).await?,
    })
}

/// Admins. Saves the generation scheme, or loads a preset ("article" or "bkn").
/// Errors: `Invalid` with fields `rows[i][start]` etc. naming each bad range.
#[server(prefix = "/api", endpoint = "save_scheme")]
pub async fn save_scheme(
    name: String,
    rows: Option<Vec<SchemeRowInput>>,
    preset: Option<String>,
) -> Result<(), AppError> {
    let state = guard::state()?;
    guard::require_any(&[Role::Admin])?;
    let scheme = match preset.as_deref() {
        Some("article") => GenerationScheme::article_default(),
        Some("bkn") => GenerationScheme::bkn(),
        _ => super::scheme_form::parse(&name, &rows.unwrap_or_default())?,
    };
    let json = serde_json::to_string(&scheme.ranges).map_err(AppError::internal)?;
    let row = generation_scheme::ActiveModel {
        id: Set(class_db::SCHEME_ROW_ID),
        name: Set(scheme.name),
        ranges_json: Set(json),
        updated_at: Set(Utc::now()),
    };
    generation_scheme::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(generation_scheme::Column::Id)
                .update_columns([
                    generation_scheme::Column::Name,
                    generation_scheme::Column::RangesJson,
                    generation_scheme::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&state.db)
        .await?;
    state.cache::<class_db::SchemeCache>().remember(None);
    Ok(())
}
