//! Proposes reverse-mentoring pairs: a younger (Gen Y/Z) mentor who rates
//! higher in digital skill with an older (Boomer/X) mentee, not from the same
//! unit unless allowed, maximising the total skill gap on the topics each
//! mentee asked for (an optimal assignment, not a greedy one). Everyone left
//! unpaired gets the reason.

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    pub generation: String,
    pub unit: String,
    /// Self-rated skill per topic (e-office, spreadsheet, video calls…), 1–5.
    pub skills: Vec<(String, u8)>,
    /// Topics a mentee asked to learn.
    pub wants: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpaired {
    /// Not Gen Y/Z (mentor) nor Boomer/X (mentee).
    NotMentoringGeneration,
    /// A mentee no younger colleague out-rates on the topics asked.
    NoMentorRatesHigher,
    /// The only colleagues who rate higher are in the same unit.
    OnlySameUnit,
    /// Eligible, but the mentors went to pairs with larger gaps.
    MentorsTaken,
    /// A mentor nobody needed (more mentors than mentees who fit).
    NoMenteeLeft,
    /// Did not answer the survey, so their skills are unknown.
    NoSurvey,
}

impl Unpaired {
    pub const ALL: [Unpaired; 6] = [
        Unpaired::NotMentoringGeneration,
        Unpaired::NoMentorRatesHigher,
        Unpaired::OnlySameUnit,
        Unpaired::MentorsTaken,
        Unpaired::NoMenteeLeft,
        Unpaired::NoSurvey,
    ];

    /// A stable short name, for storing.
    pub fn code(self) -> &'static str {
        match self {
            Unpaired::NotMentoringGeneration => "generation",
            Unpaired::NoMentorRatesHigher => "no-higher",
            Unpaired::OnlySameUnit => "same-unit",
            Unpaired::MentorsTaken => "taken",
            Unpaired::NoMenteeLeft => "no-mentee",
            Unpaired::NoSurvey => "no-survey",
        }
    }

    pub fn from_code(code: &str) -> Option<Unpaired> {
        Unpaired::ALL.into_iter().find(|u| u.code() == code)
    }
}

/// Whether the generation mentors (Gen Y/Z) or is mentored (Boomer/X).
pub fn role_of(generation: &str) -> Option<bool> {
    match generation {
        "y" | "z" => Some(true),
        "boomer" | "x" => Some(false),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// (mentor, mentee, gap on the mentee's topics)
    pub pairs: Vec<(i64, i64, u32)>,
    pub unpaired: Vec<(i64, Unpaired)>,
}

fn skill(c: &Candidate, topic: &str) -> u8 {
    c.skills.iter().find(|(t, _)| t == topic).map_or(1, |(_, s)| *s)
}

/// The mentor's lead over the mentee on the topics the mentee wants (all
/// their rated topics when they named none).
pub fn gap(mentor: &Candidate, mentee: &Candidate) -> u32 {
    let topics: Vec<&str> = if mentee.wants.is_empty() {
        mentee.skills.iter().map(|(t, _)| t.as_str()).collect()
    } else {
        mentee.wants.iter().map(String::as_str).collect()
    };
    topics
        .iter()
        .map(|t| u32::from(skill(mentor, t).saturating_sub(skill(mentee, t))))
        .sum()
}

pub fn propose(people: &[Candidate], allow_same_unit: bool) -> Proposal {
    let is = |c: &Candidate, gens: &[&str]| gens.contains(&c.generation.as_str());
    let mentors: Vec<&Candidate> = people.iter().filter(|c| is(c, &["y", "z"])).collect();
    let mentees: Vec<&Candidate> = people.iter().filter(|c| is(c, &["boomer", "x"])).collect();
    let fits = |m: &Candidate, e: &Candidate| {
        (allow_same_unit || m.unit.is_empty() || m.unit != e.unit) && gap(m, e) > 0
    };
    let weights: Vec<Vec<u32>> = mentors
        .iter()
        .map(|m| {
            mentees
                .iter()
                .map(|e| if fits(m, e) { gap(m, e) } else { 0 })
                .collect()
        })
        .collect();
    let chosen = max_weight_assignment(&weights);
    let mut pairs = Vec::new();
    let mut paired = Vec::new();
    for (i, j) in chosen.into_iter().enumerate().filter_map(|(i, j)| Some((i, j?))) {
        if weights[i][j] > 0 {
            pairs.push((mentors[i].id, mentees[j].id, weights[i][j]));
            paired.extend([mentors[i].id, mentees[j].id]);
        }
    }
    let unpaired = people
        .iter()
        .filter(|c| !paired.contains(&c.id))
        .map(|c| {
            (
                c.id,
                why_unpaired(c, &mentors, &fits, is(c, &["y", "z"]), is(c, &["boomer", "x"])),
            )
        })
        .collect();
    Proposal { pairs, unpaired }
}

fn why_unpaired(
    c: &Candidate,
    mentors: &[&Candidate],
    fits: &dyn Fn(&Candidate, &Candidate) -> bool,
    is_mentor: bool,
    is_mentee: bool,
) -> Unpaired {
    if is_mentor {
        return Unpaired::NoMenteeLeft;
    }
    if !is_mentee {
        return Unpaired::NotMentoringGeneration;
    }
    if mentors.iter().any(|m| fits(m, c)) {
        Unpaired::MentorsTaken
    } else if mentors.iter().any(|m| gap(m, c) > 0) {
        Unpaired::OnlySameUnit
    } else {
        Unpaired::NoMentorRatesHigher
    }
}

/// Rows to columns (each used at most once) maximising the total weight: the
/// Hungarian method on a square matrix padded with zeros, O(n³). Returns, per
/// row, its column (None for padding).
pub fn max_weight_assignment(weights: &[Vec<u32>]) -> Vec<Option<usize>> {
    let rows = weights.len();
    let cols = weights.first().map_or(0, Vec::len);
    let n = rows.max(cols);
    if n == 0 {
        return vec![None; rows];
    }
    let top = weights.iter().flatten().copied().max().unwrap_or(0) as i64;
    // Minimise cost = top − weight (padding costs `top`, i.e. weight 0).
    let cost = |i: usize, j: usize| {
        top - if i < rows && j < cols {
            i64::from(weights[i][j])
        } else {
            0
        }
    };
    let (mut u, mut v) = (vec![0i64; n + 1], vec![0i64; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![i64::MAX; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let (i0, mut delta, mut j1) = (p[j0], i64::MAX, 0);
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = vec![None; rows];
    for j in 1..=n {
        if p[j] >= 1 && p[j] <= rows && j <= cols {
            out[p[j] - 1] = Some(j - 1);
        }
    }
    out
}

#[cfg(test)]
#[path = "pairing_tests.rs"]
mod tests;
