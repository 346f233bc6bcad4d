//! What the teams page shows, loaded in one place.
use crate::entities::{class, team_pair_rule};
use crate::error::AppResult;
use crate::state::{AppState, Caller};
use crate::teams::domain::explain::{explain, Breach};
use crate::teams::domain::optimise::Plan;
use crate::teams::domain::survey::Answers;
use crate::teams::store::{self, LoadedSet, Roster};
use crate::teams::survey;

pub struct TeamsData {
    pub class_id: i64,
    pub class_name: String,
    pub can_manage: bool,
    pub is_participant: bool,
    pub me: i64,
    /// Everyone for those who see every card; a participant's own team for them.
    pub roster: Roster,
    pub survey_open: bool,
    /// How many answered the survey (shown to facilitators; 0 for a participant).
    pub answered: usize,
    pub my_answers: Option<Answers>,
    /// Facilitators: the newest set (draft or published); others: the newest published.
    pub set: Option<LoadedSet>,
    /// The set's teams as roster indices, with their scores (not for a
    /// participant, who sees only their own team).
    pub plan: Option<Plan>,
    pub breaches: Vec<Vec<Breach>>,
    pub rules: Vec<team_pair_rule::Model>,
}

impl TeamsData {
    pub fn name(&self, id: i64) -> String {
        self.roster.names.get(&id).cloned().unwrap_or_default()
    }

    pub fn is_draft(&self) -> bool {
        self.set.as_ref().is_some_and(|s| s.set.published_at.is_none())
    }
}

pub async fn load(
    state: &AppState,
    caller: &Caller,
    class: class::Model,
    can_manage: bool,
    is_participant: bool,
) -> AppResult<TeamsData> {
    let db = &state.db;
    let set = store::newest(db, class.id, !can_manage).await?;
    let survey_open = survey::is_open(db, class.id).await?;
    // A participant sees their own answers and their own team's members; the
    // whole roster, everyone's answers, the scores and the breaches of every
    // team are for those who see all the cards.
    let sees_cards = can_manage || !is_participant;
    let (roster, answered, my_answers) = if sees_cards {
        let roster = store::roster(state, class.id).await?;
        let mine = roster
            .answers
            .iter()
            .find(|a| a.user_id == caller.user_id)
            .map(survey::answers_of);
        let answered = roster.answers.len();
        (roster, answered, mine)
    } else {
        let team: Vec<i64> = set
            .as_ref()
            .and_then(|s| s.team_of(caller.user_id))
            .map(|(_, members)| members.clone())
            .unwrap_or_default();
        let mine = if survey_open {
            survey::mine(db, class.id, caller.user_id).await?
        } else {
            None
        };
        (store::roster_among(state, class.id, &team).await?, 0, mine)
    };
    let plan = set.as_ref().filter(|_| sees_cards).map(|s| s.plan(&roster));
    let breaches = plan
        .as_ref()
        .map(|p| explain(&roster.people, &p.teams))
        .unwrap_or_default();
    Ok(TeamsData {
        class_id: class.id,
        class_name: class.name,
        can_manage,
        is_participant,
        me: caller.user_id,
        survey_open,
        answered,
        my_answers,
        rules: if can_manage {
            store::pair_rules(db, class.id).await?
        } else {
            Vec::new()
        },
        roster,
        set,
        plan,
        breaches,
    })
}
