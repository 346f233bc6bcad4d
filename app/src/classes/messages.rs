//! Maps stable codes from the pure domain to translation keys.
use crate::classes::domain::nip::Gender;
use crate::i18n::{Locale, K};

pub fn issue_key(code: &str) -> K {
    match code {
        "nip_empty" => K::ErrNipEmpty,
        "nip_not_digits" => K::ErrNipNotDigits,
        "nip_length" => K::ErrNipLength,
        "nip_birth_date" => K::ErrNipBirthDate,
        "nip_future_or_too_old" => K::ErrNipAge,
        "nip_appointment_date" => K::ErrNipAppointment,
        "nip_appointment_before_adulthood" => K::ErrNipAppointmentEarly,
        "nip_sex" => K::ErrNipSex,
        "duplicate_nip_in_file" => K::ErrDuplicateNipInFile,
        "missing_name" => K::ErrMissingName,
        "name_too_long" => K::ErrNameTooLong,
        "bad_email" => K::ErrEmail,
        "bad_gender" => K::ErrBadGender,
        "gender_required" => K::ErrGenderRequired,
        "gender_conflicts_nip" => K::ErrGenderConflictsNip,
        "missing_column" => K::ErrMissingColumn,
        "empty_file" => K::ErrEmptyFile,
        "too_many_rows" => K::ErrTooManyRows,
        "bad_encoding" => K::ErrBadEncoding,
        "csv_syntax" => K::ErrCsvSyntax,
        "email_conflict" => K::ErrEmailConflict,
        _ => K::ErrInvalidValue,
    }
}

#[cfg(feature = "ssr")]
pub fn column_key(column: &str) -> Option<K> {
    Some(match column {
        "nip" => K::RosterColNip,
        "full_name" => K::RosterColName,
        "email" => K::UsersEmail,
        "gender" => K::RosterColGender,
        "unit_kerja" => K::RosterColUnit,
        "jabatan" => K::RosterColJabatan,
        "birth_date" => K::RosterColBirth,
        "golongan" => K::RosterColGolongan,
        _ => return None,
    })
}

pub fn gender_label(g: Option<Gender>, locale: Locale) -> &'static str {
    match g {
        Some(Gender::Male) => K::GenderMale.t(locale),
        Some(Gender::Female) => K::GenderFemale.t(locale),
        None => K::GenderUnknown.t(locale),
    }
}

/// Scheme labels are proper names ("Gen X"); only the two catch-alls need translating.
pub fn generation_label(code: &str, label: &str, locale: Locale) -> String {
    match code {
        "pre" => K::GenPre.t(locale).to_string(),
        "unknown" => K::GenUnknown.t(locale).to_string(),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_issue_code_has_its_own_message() {
        let codes = [
            "nip_empty",
            "nip_not_digits",
            "nip_length",
            "nip_birth_date",
            "nip_future_or_too_old",
            "nip_appointment_date",
            "nip_appointment_before_adulthood",
            "nip_sex",
            "duplicate_nip_in_file",
            "missing_name",
            "name_too_long",
            "bad_email",
            "bad_gender",
            "gender_required",
            "gender_conflicts_nip",
            "missing_column",
            "empty_file",
            "too_many_rows",
            "bad_encoding",
            "csv_syntax",
        ];
        for code in codes {
            assert_ne!(issue_key(code), K::ErrInvalidValue, "{code}");
        }
    }
}
