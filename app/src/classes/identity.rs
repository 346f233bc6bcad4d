//! Who an imported row names, and what the row would change about them.
//!
//! A roster import may *enrol* an existing person (matched by NIP) but only an
//! admin may change who they are: their name, unit, golongan, login e-mail …
//! belong to every class they are in. So the preview shows an admin each
//! change as old → new and the commit applies exactly those; for anyone else
//! the row's data for a known person is ignored and nothing of theirs is shown.
use super::domain::roster_csv::RosterRow;
use super::model::FieldChange;
use super::store::gender_to_db;
use crate::entities::user;
use crate::error::AppResult;
use sea_orm::{prelude::*, ActiveValue::Set};

/// The row's values beside the stored ones, field by field. Optional columns
/// (e-mail, golongan) left empty in the file change nothing.
pub fn changes(existing: &user::Model, row: &RosterRow) -> Vec<FieldChange> {
    let gender = |g: Option<&str>| match g {
        Some("M") => "L".to_string(),
        Some("F") => "P".to_string(),
        _ => String::new(),
    };
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut pairs = vec![
        ("full_name", existing.full_name.clone(), row.full_name.clone()),
        (
            "gender",
            gender(existing.gender.as_deref()),
            gender(Some(gender_to_db(row.gender))),
        ),
        (
            "birth_date",
            date(existing.birth_date),
            date(Some(row.birth_date)),
        ),
        ("unit_kerja", existing.unit_kerja.clone(), row.unit_kerja.clone()),
        ("jabatan", existing.jabatan.clone(), row.jabatan.clone()),
    ];
    if let Some(g) = &row.golongan {
        pairs.push((
            "golongan",
            existing.golongan.clone().unwrap_or_default(),
            g.clone(),
        ));
    }
    if let Some(e) = &row.email {
        pairs.push((
            "email",
            existing.email.clone().unwrap_or_default(),
            e.to_lowercase(),
        ));
    }
    pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange {
            field: field.to_string(),
            old,
            new,
        })
        .collect()
}

/// A new account from a row (no password: they sign in through the LMS or an admin sets one).
pub async fn create<C: ConnectionTrait>(db: &C, row: &RosterRow) -> AppResult<i64> {
    let saved = user::ActiveModel {
        nip: Set(Some(row.nip.clone())),
        password_hash: Set(None),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        email: Set(row.email.as_ref().map(|e| e.to_lowercase())),
        full_name: Set(row.full_name.clone()),
        gender: Set(Some(gender_to_db(row.gender).to_string())),
        birth_date: Set(Some(row.birth_date)),
        unit_kerja: Set(row.unit_kerja.clone()),
        jabatan: Set(row.jabatan.clone()),
        golongan: Set(row.golongan.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

/// Applies an admin's reviewed changes to an existing person (nothing when none).
pub async fn apply<C: ConnectionTrait>(db: &C, existing: &user::Model, row: &RosterRow) -> AppResult<()> {
    let changes = changes(existing, row);
    if changes.is_empty() {
        return Ok(());
    }
    let mut active = user::ActiveModel::from(existing.clone());
    for c in &changes {
        match c.field.as_str() {
            "full_name" => active.full_name = Set(row.full_name.clone()),
            "gender" => active.gender = Set(Some(gender_to_db(row.gender).to_string())),
            "birth_date" => active.birth_date = Set(Some(row.birth_date)),
            "unit_kerja" => active.unit_kerja = Set(row.unit_kerja.clone()),
            "jabatan" => active.jabatan = Set(row.jabatan.clone()),
            "golongan" => active.golongan = Set(row.golongan.clone()),
            "email" => active.email = Set(row.email.as_ref().map(|e| e.to_lowercase())),
            _ => {}
        }
    }
    active.update(db).await?;
    Ok(())
}
