//! Why a team is as it is: the rules it breaks (someone alone of their
//! generation or gender, colleagues from one unit) and whether the class left
//! any way to avoid it, so a facilitator can trust or adjust the teams.
use super::score::Person;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// The only member of their generation in the team.
    AloneInGeneration { person: i64, unavoidable: Unavoidable },
    /// The only member of their gender in the team.
    AloneInGender { person: i64, unavoidable: Unavoidable },
    /// Several members from one unit kerja.
    SameUnit {
        unit: String,
        members: usize,
        unavoidable: Unavoidable,
    },
}

impl Breach {
    /// Someone left alone of their generation or gender when the class
    /// allowed otherwise: what "never isolate" forbids.
    pub fn isolates_avoidably(&self) -> bool {
        match self {
            Breach::AloneInGeneration { unavoidable, .. } | Breach::AloneInGender { unavoidable, .. } => {
                *unavoidable == Unavoidable::No
            }
            Breach::SameUnit { .. } => false,
        }
    }
}

/// Whether the class made the breach unavoidable, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavoidable {
    /// Avoidable: the optimiser traded it for a better worst team.
    No,
    /// The class has only one person of that generation or gender.
    OnlyOneInClass,
    /// The unit has more people than there are teams.
    MorePeopleThanTeams,
}

/// The breaches of every team, in team order.
pub fn explain(people: &[Person], teams: &[Vec<usize>]) -> Vec<Vec<Breach>> {
    let in_class = |f: &dyn Fn(&Person) -> bool| people.iter().filter(|p| f(p)).count();
    teams
        .iter()
        .map(|team| {
            let members: Vec<&Person> = team.iter().map(|i| &people[*i]).collect();
            let mut found = Vec::new();
            for p in &members {
                if members.iter().filter(|q| q.generation == p.generation).count() == 1 && members.len() > 1 {
                    let only = in_class(&|q| q.generation == p.generation) == 1;
                    found.push(Breach::AloneInGeneration {
                        person: p.id,
                        unavoidable: if only {
                            Unavoidable::OnlyOneInClass
                        } else {
                            Unavoidable::No
                        },
                    });
                }
                if !p.gender.is_empty()
                    && members.iter().filter(|q| q.gender == p.gender).count() == 1
                    && members.len() > 1
                {
                    let only = in_class(&|q| q.gender == p.gender) == 1;
                    found.push(Breach::AloneInGender {
                        person: p.id,
                        unavoidable: if only {
                            Unavoidable::OnlyOneInClass
                        } else {
                            Unavoidable::No
                        },
                    });
                }
            }
            let mut units: Vec<(&str, usize)> = Vec::new();
            for p in members.iter().filter(|p| !p.unit.is_empty()) {
                match units.iter_mut().find(|(u, _)| *u == p.unit) {
                    Some(entry) => entry.1 += 1,
                    None => units.push((&p.unit, 1)),
                }
            }
            for (unit, count) in units.into_iter().filter(|(_, c)| *c > 1) {
                let crowded = in_class(&|q| q.unit == unit) > teams.len();
                found.push(Breach::SameUnit {
                    unit: unit.to_string(),
                    members: count,
                    unavoidable: if crowded {
                        Unavoidable::MorePeopleThanTeams
                    } else {
                        Unavoidable::No
                    },
                });
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: i64, generation: &str, gender: &str, unit: &str) -> Person {
        Person {
            id,
            generation: generation.into(),
            gender: gender.into(),
            unit: unit.into(),
            level: 1,
            skill: None,
        }
    }

    #[test]
    fn breaches_say_whether_the_class_allowed_avoiding_them() {
        let people = vec![
            p(1, "boomer", "l", "a"),
            p(2, "y", "l", "a"),
            p(3, "y", "l", "a"),
            p(4, "z", "p", "b"),
            p(5, "z", "p", "c"),
            p(6, "y", "l", "d"),
        ];
        // Team 0: the only Boomer of the class, and three from unit "a" in two teams.
        let teams = vec![vec![0, 1, 2], vec![3, 4, 5]];
        let found = explain(&people, &teams);
        assert!(found[0].contains(&Breach::AloneInGeneration {
            person: 1,
            unavoidable: Unavoidable::OnlyOneInClass
        }));
        assert!(found[0].contains(&Breach::SameUnit {
            unit: "a".into(),
            members: 3,
            unavoidable: Unavoidable::MorePeopleThanTeams
        }));
        // Team 1: the one man there is alone in his gender, though the class has others.
        assert!(found[1].contains(&Breach::AloneInGender {
            person: 6,
            unavoidable: Unavoidable::No
        }));
        assert!(found[1].contains(&Breach::AloneInGeneration {
            person: 6,
            unavoidable: Unavoidable::No
        }));
        assert_eq!(found[1].len(), 2);
    }
}
