//! Server fns for a class's teams and survey. Thin: who → rule → DB. The page
//! is server-rendered HTML; its forms post here (by fetch once hydrated, as
//! plain posts without JavaScript, which return to the page).
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::{domain::survey::Answers, settings::Settings, store},
    crate::auth::class_guard::{class_access, manager, participant},
    crate::auth::policy::ClassAccess,
    crate::i18n::said,
    crate::i18n::P,
};

/// Members of the class and admins. Facilitators get the survey switch, the
/// formation settings, pair rules and the draft to adjust; participants their
/// survey and, once published, their team; evaluators the published teams.
#[server(input = GetUrl, prefix = "/api", endpoint = "teams_page")]
pub async fn teams_page(class_id: i64) -> Result<String, AppError> {
    let (state, caller, class, access, is_participant) = class_access(class_id).await?;
    let data = super::page_data::load(
        &state,
        &caller,
        class,
        access == ClassAccess::Manage,
        is_participant,
    )
    .await?;
    crate::ui::render_html(move || super::views::teams_body(data))
}

/// Facilitators of the class and admins. Forms teams into the draft with a
/// new seed (`mode` "size" or "count", `n`, the five weights 0–5); locked
/// teams keep their members. Errors: `Invalid(n)`, `Rule` when the pair rules
/// cannot all hold.
#[server(prefix = "/api", endpoint = "form_class_teams")]
#[allow(clippy::too_many_arguments)]
pub async fn form_class_teams(
    class_id: i64,
    mode: String,
    n: u32,
    w_mix: u8,
    w_isolation: u8,
    w_units: u8,
    w_level: u8,
    w_skill: u8,
) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    let settings = Settings {
        by_count: mode == "count",
        n,
        weights: [w_mix, w_isolation, w_units, w_level, w_skill],
    };
    if !settings.valid() {
        return Err(AppError::field("n", said(P::ErrTeamSettings)));
    }
    store::form(&state, class_id, settings, fresh_seed()).await
}

/// A new seed each time "form again" is pressed; the set keeps it, so the
/// same teams can be formed again from it.
#[cfg(feature = "ssr")]
fn fresh_seed() -> u64 {
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
    (nanos as u64) % 1_000_000_007
}

/// Facilitators and admins. Swaps two people of the draft between their teams.
#[server(prefix = "/api", endpoint = "swap_team_members")]
pub async fn swap_team_members(class_id: i64, first: i64, second: i64) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    store::swap(&state, class_id, first, second).await
}

/// Facilitators and admins. Moves one person of the draft to team `team`.
#[server(prefix = "/api", endpoint = "move_team_member")]
pub async fn move_team_member(class_id: i64, person: i64, team: i32) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    store::move_to(&state, class_id, person, team).await
}

/// Facilitators and admins. Locks (`locked` "true") or unlocks a draft team.
#[server(prefix = "/api", endpoint = "lock_team")]
pub async fn lock_team(class_id: i64, team: i32, locked: String) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    store::lock(&state, class_id, team, locked == "true").await
}

/// Facilitators and admins. Publishes the draft to participants and evaluators.
#[server(prefix = "/api", endpoint = "publish_teams")]
pub async fn publish_teams(class_id: i64) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    store::publish(&state, class_id).await
}

/// Facilitators and admins. Two participants who must be in one team
/// (`kind` "together") or never in one ("apart").
#[server(prefix = "/api", endpoint = "add_pair_rule")]
pub async fn add_pair_rule(class_id: i64, first: i64, second: i64, kind: String) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    store::add_rule(&state, class_id, first, second, &kind).await
}

#[server(prefix = "/api", endpoint = "remove_pair_rule")]
pub async fn remove_pair_rule(class_id: i64, rule: i64) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    store::remove_rule(&state, class_id, rule).await
}

/// Facilitators and admins. Opens (`open` "true") or closes the class survey.
#[server(prefix = "/api", endpoint = "set_survey_open")]
pub async fn set_survey_open(class_id: i64, open: String) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    super::survey::set_open(&state.db, class_id, open == "true").await
}

/// Participants of the class, while the survey is open. Ratings 1–5 per
/// topic (`rate_0`…, in `TOPICS` order), the topics wanted (`want_0`… set),
/// a working style and an availability. Errors: `Invalid(field)`, `Rule` when closed.
#[server(prefix = "/api", endpoint = "save_survey")]
#[allow(clippy::too_many_arguments)]
pub async fn save_survey(
    class_id: i64,
    rate_0: u8,
    rate_1: u8,
    rate_2: u8,
    rate_3: u8,
    rate_4: u8,
    want_0: Option<String>,
    want_1: Option<String>,
    want_2: Option<String>,
    want_3: Option<String>,
    want_4: Option<String>,
    style: String,
    availability: String,
) -> Result<(), AppError> {
    use super::domain::survey::TOPICS;
    let (state, caller) = participant(class_id).await?;
    let rates = [rate_0, rate_1, rate_2, rate_3, rate_4];
    let wants = [want_0, want_1, want_2, want_3, want_4];
    let answers = Answers {
        skills: TOPICS
            .iter()
            .zip(rates)
            .map(|(t, r)| (t.to_string(), r))
            .collect(),
        wants: TOPICS
            .iter()
            .zip(wants)
            .filter(|(_, w)| w.is_some())
            .map(|(t, _)| t.to_string())
            .collect(),
        style,
        availability,
    };
    super::survey::save(&state.db, class_id, caller.user_id, answers).await
}
