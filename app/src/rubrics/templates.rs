//! The bilingual rubric templates shipped with the module
//! (`content/rubrics/*.json`: a key and the rubric in Indonesian and in
//! English). Copying one into a class takes the reader's language.
use super::domain::rubric::Rubric;
use crate::i18n::Locale;
use serde::Deserialize;

const FILES: [&str; 3] = [
    include_str!("../../../content/rubrics/kolaborasi-tim.json"),
    include_str!("../../../content/rubrics/refleksi-empati.json"),
    include_str!("../../../content/rubrics/rencana-komunikasi.json"),
];

#[derive(Debug, Clone, Deserialize)]
pub struct Template {
    pub key: String,
    id: Rubric,
    en: Rubric,
}

impl Template {
    pub fn rubric(&self, locale: Locale) -> &Rubric {
        match locale {
            Locale::Id => &self.id,
            Locale::En => &self.en,
        }
    }
}

/// Every template; a file that does not read is left out (a test reads them all).
pub fn all() -> Vec<Template> {
    FILES
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect()
}

pub fn find(key: &str) -> Option<Template> {
    all().into_iter().find(|t| t.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubrics::domain::rubric::check;

    #[test]
    fn every_template_reads_and_is_sound_in_both_languages() {
        let all = all();
        assert_eq!(all.len(), FILES.len(), "a template file does not read");
        for t in &all {
            let (id, en) = (t.rubric(Locale::Id), t.rubric(Locale::En));
            assert_eq!(check(id), vec![], "{} (id)", t.key);
            assert_eq!(check(en), vec![], "{} (en)", t.key);
            // The translations score the same way.
            let shape = |r: &Rubric| {
                r.criteria
                    .iter()
                    .map(|c| {
                        (
                            c.weight,
                            c.levels.iter().map(|l| (l.min, l.max)).collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(shape(id), shape(en), "{}", t.key);
            assert_ne!(id.title, en.title, "{} is translated", t.key);
        }
    }
}
