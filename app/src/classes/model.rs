//! Wire types for classes, rosters and imports.
use super::domain::composition::Composition;
use super::domain::nip::Gender;
use super::domain::roster_csv::{RosterRow, RowIssue};
use crate::error::AppError;
use crate::i18n::{Msg, K};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A class as a page names it: its id for links and forms, its name for
/// the heading. What page models carry instead of the class's row.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassRef {
    pub id: i64,
    pub name: String,
}

#[cfg(feature = "ssr")]
impl From<&crate::entities::class::Model> for ClassRef {
    fn from(row: &crate::entities::class::Model) -> ClassRef {
        ClassRef {
            id: row.id,
            name: row.name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassSummary {
    pub id: i64,
    pub programme: String,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub participants: u32,
}

#[cfg(feature = "ssr")]
impl ClassSummary {
    /// The class as a card of a list (`ui::rendered::card_list`).
    pub fn card(&self, locale: crate::i18n::Locale) -> crate::ui::rendered::Card {
        use crate::i18n::{fill, fmt_date, K};
        let period = fill(
            K::ClassPeriod.t(locale),
            &[fmt_date(self.starts_on, locale), fmt_date(self.ends_on, locale)],
        );
        let count = fill(K::ClassParticipants.t(locale), &[self.participants.to_string()]);
        crate::ui::rendered::Card {
            href: format!("/classes/{}", self.id),
            title: self.name.clone(),
            subtitle: self.programme.clone(),
            detail: format!("{period} · {count}"),
        }
    }

    /// Cards of `classes`, or the `empty` sentence.
    pub fn card_list(classes: &[ClassSummary], empty: crate::i18n::K) -> impl leptos::IntoView {
        let locale = crate::ui::rendered::locale();
        let cards = classes.iter().map(|c| c.card(locale)).collect();
        crate::ui::rendered::card_list(cards, empty.t(locale))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub user_id: i64,
    pub full_name: String,
    /// NIP and birth date are personal data (UU 27/2022): only managers get them.
    pub nip: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub generation: String,
    pub generation_label: String,
    pub gender: Option<Gender>,
    pub unit_kerja: String,
    pub jabatan: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassDetail {
    pub summary: ClassSummary,
    pub description: String,
    pub can_manage: bool,
    pub roster: Vec<RosterEntry>,
    pub staff: Vec<RosterEntry>,
    pub composition: Composition,
}

/// The class page as the browser gets it: the read-only part as server-rendered
/// HTML, and the values its forms need when the caller manages the class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassPageView {
    pub html: String,
    pub edit: Option<ClassEdit>,
}

impl crate::ui::CarriesHtml for ClassPageView {
    fn without_html(&self) -> Self {
        ClassPageView {
            html: String::new(),
            edit: self.edit.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassEdit {
    pub id: i64,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RosterSort {
    #[default]
    Name,
    Generation,
    Unit,
    Nip,
}

impl RosterSort {
    pub const ALL: [RosterSort; 4] = [
        RosterSort::Name,
        RosterSort::Nip,
        RosterSort::Generation,
        RosterSort::Unit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RosterSort::Name => "name",
            RosterSort::Generation => "generation",
            RosterSort::Unit => "unit",
            RosterSort::Nip => "nip",
        }
    }

    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub row: RosterRow,
    /// Already an account in Sinergi (matched by NIP): enrolled, not duplicated.
    pub known: bool,
    /// For an admin: what the import changes about this known person (old → new).
    pub changes: Vec<FieldChange>,
    /// A known person the importer may not change (not an admin): enrolled as
    /// they are, the row's data ignored, and nothing of theirs shown.
    pub kept: bool,
    /// Already a participant of this class (a roster uploaded again): left
    /// as they are and not counted twice; not a problem with the file.
    pub in_class: bool,
}

/// One field of an existing person an admin's import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// A roster column name (`full_name`, `unit_kerja`, `email` …).
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub class_id: i64,
    pub upload_id: String,
    pub rows: Vec<PreviewRow>,
    pub issues: Vec<RowIssue>,
}

impl ImportPreview {
    /// Data rows in the file: the valid ones plus every row that has a problem.
    pub fn data_rows(&self) -> usize {
        let mut bad: Vec<u32> = self.issues.iter().map(|i| i.row).filter(|r| *r > 1).collect();
        bad.sort_unstable();
        bad.dedup();
        self.rows.len() + bad.len()
    }

    /// Known to Sinergi but not yet in this class.
    pub fn known_count(&self) -> usize {
        self.rows.iter().filter(|r| r.known && !r.in_class).count()
    }

    /// Already participants of this class: the import leaves them out.
    pub fn in_class_count(&self) -> usize {
        self.rows.iter().filter(|r| r.in_class).count()
    }

    /// The people the import adds to the class.
    pub fn to_enrol(&self) -> usize {
        self.rows.len() - self.in_class_count()
    }
}

/// Class fields as typed in a form, parsed with field-level errors.
pub struct ClassInput {
    pub name: String,
    pub description: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl ClassInput {
    pub fn parse(name: &str, description: &str, starts: &str, ends: &str) -> Result<Self, AppError> {
        let mut errors: BTreeMap<String, Vec<Msg>> = BTreeMap::new();
        let mut err = |f: &str, k: K| errors.entry(f.to_string()).or_default().push(Msg::new(k));
        let name = name.trim().to_string();
        if name.is_empty() {
            err("name", K::ErrRequired);
        } else if name.chars().count() > 120 {
            err("name", K::ErrTooLong);
        }
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let (starts_on, ends_on) = (date(starts), date(ends));
        if starts_on.is_none() {
            err("starts_on", K::ErrDate);
        }
        if ends_on.is_none() {
            err("ends_on", K::ErrDate);
        }
        if let (Some(s), Some(e)) = (starts_on, ends_on) {
            if e < s {
                err("ends_on", K::ErrDateOrder);
            }
        }
        match (starts_on, ends_on) {
            (Some(starts_on), Some(ends_on)) if errors.is_empty() => Ok(ClassInput {
                name,
                description: description.trim().to_string(),
                starts_on,
                ends_on,
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

#[cfg(test)]
mod class_input_tests {
    use super::*;

    #[test]
    fn class_input_reports_each_bad_field() {
        let err = ClassInput::parse(" ", "", "2026-13-01", "2026-01-01")
            .err()
            .unwrap();
        assert_eq!(err.field_messages("name")[0].key, K::ErrRequired);
        assert_eq!(err.field_messages("starts_on")[0].key, K::ErrDate);
        let err = ClassInput::parse("PKA", "", "2026-03-01", "2026-02-01")
            .err()
            .unwrap();
        assert_eq!(err.field_messages("ends_on")[0].key, K::ErrDateOrder);
        assert!(ClassInput::parse("PKA", "x", "2026-03-01", "2026-04-01").is_ok());
    }
}
