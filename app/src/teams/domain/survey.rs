//! The class survey's vocabulary and what team formation and mentoring take
//! from it and from the roster: digital topics rated 1–5, a working style,
//! an availability, and a jabatan level read from the golongan.

/// Digital skills the survey asks about (and mentoring pairs work on).
pub const TOPICS: [&str; 5] = [
    "e-office",
    "spreadsheet",
    "video-call",
    "social-media",
    "data-security",
];
pub const STYLES: [&str; 3] = ["structured", "flexible", "mixed"];
pub const AVAILABILITY: [&str; 3] = ["morning", "afternoon", "any"];

/// One participant's answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    /// (topic, rating 1–5), topics from `TOPICS`.
    pub skills: Vec<(String, u8)>,
    /// Topics they want to learn.
    pub wants: Vec<String>,
    pub style: String,
    pub availability: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyProblem {
    Rating,
    Topic,
    Style,
    Availability,
}

impl Answers {
    /// Checks every value against the vocabulary; the first field at fault.
    pub fn check(&self) -> Result<(), SurveyProblem> {
        if self.skills.iter().any(|(_, r)| !(1..=5).contains(r)) {
            return Err(SurveyProblem::Rating);
        }
        let known = |t: &String| TOPICS.contains(&t.as_str());
        if !self.skills.iter().all(|(t, _)| known(t)) || !self.wants.iter().all(known) {
            return Err(SurveyProblem::Topic);
        }
        if !STYLES.contains(&self.style.as_str()) {
            return Err(SurveyProblem::Style);
        }
        if !AVAILABILITY.contains(&self.availability.as_str()) {
            return Err(SurveyProblem::Availability);
        }
        Ok(())
    }

    /// The overall digital skill: the rounded mean of the ratings.
    pub fn skill(&self) -> Option<u8> {
        if self.skills.is_empty() {
            return None;
        }
        let sum: u32 = self.skills.iter().map(|(_, r)| u32::from(*r)).sum();
        let n = self.skills.len() as u32;
        Some(((sum + n / 2) / n) as u8)
    }
}

/// The jabatan level from a golongan such as "III/c": the roman group (1–4),
/// with the letter as a finer step. Unknown golongan sit in the middle.
pub fn level_of(golongan: Option<&str>) -> u8 {
    let Some(g) = golongan else { return 5 };
    let (group, letter) = g.trim().split_once('/').unwrap_or((g.trim(), "a"));
    let group = match group.to_ascii_uppercase().as_str() {
        "I" => 0,
        "II" => 1,
        "III" => 2,
        "IV" => 3,
        _ => return 5,
    };
    let step = match letter.trim().to_ascii_lowercase().as_str() {
        "a" | "b" => 0,
        "c" | "d" => 1,
        _ => 2,
    };
    group * 3 + step + 1
}

/// The roster's "M"/"F" as team formation's "l"/"p" (empty when unknown).
pub fn gender_code(db_code: Option<&str>) -> &'static str {
    match db_code {
        Some("M") => "l",
        Some("F") => "p",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(skills: &[(&str, u8)]) -> Answers {
        Answers {
            skills: skills.iter().map(|(t, r)| (t.to_string(), *r)).collect(),
            wants: vec!["spreadsheet".into()],
            style: "mixed".into(),
            availability: "any".into(),
        }
    }

    #[test]
    fn skill_is_the_rounded_mean_and_none_without_ratings() {
        assert_eq!(answers(&[("e-office", 4), ("spreadsheet", 5)]).skill(), Some(5));
        assert_eq!(
            answers(&[("e-office", 2), ("spreadsheet", 3), ("video-call", 3)]).skill(),
            Some(3)
        );
        assert_eq!(answers(&[]).skill(), None);
    }

    #[test]
    fn answers_outside_the_vocabulary_are_refused() {
        assert_eq!(answers(&[("e-office", 3)]).check(), Ok(()));
        assert_eq!(answers(&[("e-office", 6)]).check(), Err(SurveyProblem::Rating));
        assert_eq!(answers(&[("fax", 3)]).check(), Err(SurveyProblem::Topic));
        let mut a = answers(&[]);
        a.style = "chaotic".into();
        assert_eq!(a.check(), Err(SurveyProblem::Style));
        a.style = "flexible".into();
        a.availability = "never".into();
        assert_eq!(a.check(), Err(SurveyProblem::Availability));
    }

    #[test]
    fn levels_rise_with_golongan_and_unknown_sits_in_the_middle() {
        assert!(level_of(Some("IV/d")) > level_of(Some("IV/a")));
        assert!(level_of(Some("IV/a")) > level_of(Some("III/d")));
        assert!(level_of(Some("III/a")) > level_of(Some("II/c")));
        assert_eq!(level_of(None), level_of(Some("bogus")));
        assert_eq!(gender_code(Some("F")), "p");
    }
}
