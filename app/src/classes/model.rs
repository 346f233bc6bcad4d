//! Wire types for classes, rosters and imports.
use super::domain::composition::Composition;
use super::domain::nip::Gender;
use super::domain::roster_csv::{RosterRow, RowIssue};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassSummary {
    pub id: i64,
    pub programme: String,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub participants: u32,
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

    pub fn known_count(&self) -> usize {
        self.rows.iter().filter(|r| r.known).count()
    }
}
