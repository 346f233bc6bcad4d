//! Server fns for reading the curriculum in a class. Thin: who → rule → DB.
//! Anyone with access to the class may read; participants' reading is recorded,
//! and they only see units their facilitator has released.
use super::view_model::{ClassUnits, LessonPage};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::{
        model::BlockBody,
        store::{learning, progress},
    },
    crate::auth::{guard, policy::ClassAccess},
    crate::i18n::{Msg, K},
};

/// The longest reflection kept (about ten pages of text).
pub const MAX_REFLECTION_CHARS: usize = 20_000;

/// The units page as server-rendered HTML. As `get_class_units`.
#[server(input = GetUrl, prefix = "/api", endpoint = "units_page")]
pub async fn units_page_html(class_id: i64) -> Result<String, AppError> {
    let data = get_class_units(class_id).await?;
    crate::ui::render_html(move || super::views::units_body(data))
}

/// Class members and admins. Units in order with progress; participants see released ones only.
#[server(input = GetUrl, prefix = "/api", endpoint = "class_units")]
pub async fn get_class_units(class_id: i64) -> Result<ClassUnits, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let (class, access, is_participant) =
        guard::require_class_as(&state.db, &caller, class_id, ClassAccess::View).await?;
    // Facilitators, evaluators and admins read ahead; participants see released units.
    let see_all = access == ClassAccess::Manage || !is_participant;
    let units = learning::class_units(&state.db, class_id, caller.user_id, see_all, state.today()).await?;
    let (overall_percent, continue_at) = learning::summary(&units);
    Ok(ClassUnits {
        class_id,
        class_name: class.name,
        can_manage: access == ClassAccess::Manage,
        is_participant,
        units,
        continue_at,
        overall_percent,
    })
}

/// The lesson page: display-only parts as server-rendered HTML, live blocks as
/// data. As `get_lesson`.
#[server(input = GetUrl, prefix = "/api", endpoint = "lesson_screen")]
pub async fn lesson_screen(
    class_id: i64,
    lesson: String,
) -> Result<super::view_model::LessonScreen, AppError> {
    let page = get_lesson(class_id, lesson).await?;
    super::views::lesson_screen(page)
}

/// Class members and admins; participants only in released units. Errors: `NotFound`,
/// `Forbidden`, `Rule(UnitNotReleased)`.
#[server(input = GetUrl, prefix = "/api", endpoint = "lesson")]
pub async fn get_lesson(class_id: i64, lesson: String) -> Result<LessonPage, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let (_, access, is_participant) =
        guard::require_class_as(&state.db, &caller, class_id, ClassAccess::View).await?;
    let place = learning::lesson_in_unit(&state.db, &lesson).await?;
    let see_all = access == ClassAccess::Manage || !is_participant;
    if !see_all
        && !learning::unit_release(&state.db, class_id, place.unit.id)
            .await?
            .is_open(state.today())
    {
        return Err(AppError::rule(K::UnitNotReleased));
    }
    learning::lesson_page(&state.db, class_id, caller.user_id, is_participant, place).await
}

#[cfg(feature = "ssr")]
async fn participant_in_released(
    class_id: i64,
    unit_id: i64,
) -> Result<(crate::state::AppState, crate::state::Caller), AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let (_, _, is_participant) =
        guard::require_class_as(&state.db, &caller, class_id, ClassAccess::View).await?;
    if !is_participant {
        return Err(AppError::Forbidden);
    }
    if !learning::unit_release(&state.db, class_id, unit_id)
        .await?
        .is_open(state.today())
    {
        return Err(AppError::rule(K::UnitNotReleased));
    }
    Ok((state, caller))
}

/// Participants of the class. Marks a lesson read (idempotent) and goes to the next.
#[server(prefix = "/api", endpoint = "complete_lesson")]
pub async fn complete_lesson(class_id: i64, lesson: String) -> Result<(), AppError> {
    let state = guard::state()?;
    let (row, unit) = learning::lesson_by_key(&state.db, &lesson).await?;
    let (state, caller) = participant_in_released(class_id, unit.id).await?;
    // The unit's grade counts the lessons read so far: one unit with the
    // completion, or two lessons finished at once would each count the other
    // as unread and the unit's last grade would never be queued.
    crate::write_txn!(&state.db, |txn| {
        progress::complete(txn, caller.user_id, class_id, row.id).await?;
        super::store::lms::queue_unit(txn, class_id, caller.user_id, &unit).await?;
        super::store::lms::lesson_read(txn, class_id, caller.user_id, &row, &unit).await
    })?;
    let target = match learning::next_lesson_key(&state.db, &row).await? {
        Some(next) => format!("/classes/{class_id}/learn/{next}"),
        None => format!("/classes/{class_id}/learn"),
    };
    crate::web::redirect(&target);
    Ok(())
}

/// Participants of the class. Saves the answer to a quick check. Single-choice checks
/// send `choice`; multiple-choice checks send each ticked option as `o0`…`o5`
/// (plain HTML forms cannot send a list). Errors: `Invalid(choice)` when nothing is chosen.
#[server(prefix = "/api", endpoint = "answer_check")]
pub async fn answer_check(
    class_id: i64,
    block: String,
    choice: Option<String>,
    o0: Option<String>,
    o1: Option<String>,
    o2: Option<String>,
    o3: Option<String>,
    o4: Option<String>,
    o5: Option<String>,
) -> Result<(), AppError> {
    let state = guard::state()?;
    let (row, body, lesson, unit) = learning::block_in_lesson(&state.db, &block).await?;
    let (state, caller) = participant_in_released(class_id, unit.id).await?;
    let BlockBody::Check { options, .. } = body else {
        return Err(AppError::NotFound);
    };
    let chosen: Vec<String> = [choice, o0, o1, o2, o3, o4, o5]
        .into_iter()
        .flatten()
        .filter(|c| options.iter().any(|o| &o.key == c))
        .collect();
    if chosen.is_empty() {
        return Err(AppError::field("choice", Msg::new(K::CheckChooseOne)));
    }
    let correct: Vec<&str> = options
        .iter()
        .filter(|o| o.correct)
        .map(|o| o.key.as_str())
        .collect();
    progress::answer(&state.db, caller.user_id, class_id, row.id, &correct, &chosen).await?;
    let _ = lesson; // a plain form post returns to the lesson (the Referer) by itself
    Ok(())
}

/// Participants of the class. Autosaves a reflection: `base` is the revision
/// the page started from (0: none yet), `save_key` this save's idempotency key (see
/// `save_version`). Answers the new `base`. Errors: `Invalid(body)` when too
/// long, `Conflict` when the reflection changed elsewhere meanwhile.
#[server(prefix = "/api", endpoint = "save_reflection")]
pub async fn save_reflection(
    class_id: i64,
    block: String,
    body: String,
    #[server(default)] base: i64,
    #[server(default)] save_key: String,
) -> Result<crate::ui::FormAnswer, AppError> {
    let state = guard::state()?;
    let (row, kind, lesson, unit) = learning::block_in_lesson(&state.db, &block).await?;
    let (state, caller) = participant_in_released(class_id, unit.id).await?;
    if !matches!(kind, BlockBody::Reflection { .. }) {
        return Err(AppError::NotFound);
    }
    if body.chars().count() > MAX_REFLECTION_CHARS {
        return Err(AppError::field(
            "body",
            Msg::with(K::ReflectionTooLong, [MAX_REFLECTION_CHARS.to_string()]),
        ));
    }
    // No redirect: an autosave must not move the page; a plain form post returns to
    // the lesson (the Referer) by itself.
    let _ = lesson;
    let revision = progress::save_reflection(
        &state.db,
        caller.user_id,
        class_id,
        row.id,
        &body,
        base,
        &save_key,
    )
    .await?;
    Ok(crate::ui::FormAnswer {
        text: String::new(),
        fields: vec![("base".into(), revision.to_string())],
    })
}

/// Facilitators of the class and admins. Sets when a unit opens for participants:
/// `mode` is "open", "date" (with `opens_on`, YYYY-MM-DD) or "hidden".
/// Errors: `Invalid(opens_on)` for a missing or bad date, `NotFound`, `Forbidden`.
#[server(prefix = "/api", endpoint = "set_release")]
pub async fn set_release(
    class_id: i64,
    unit: String,
    mode: String,
    opens_on: Option<String>,
) -> Result<(), AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    guard::require_class(&state.db, &caller, class_id, ClassAccess::Manage).await?;
    let release = super::domain::progress::Release::parse(&mode, opens_on.as_deref())
        .map_err(|key| AppError::field("opens_on", Msg::new(key)))?;
    progress::set_release(&state.db, class_id, &unit, release).await
}

/// Facilitators of the class and admins. Participants × units: lessons done and quick
/// checks answered right, optionally for one generation (its code, e.g. "y").
#[server(input = GetUrl, prefix = "/api", endpoint = "class_progress")]
pub async fn get_class_progress(
    class_id: i64,
    generation: Option<String>,
) -> Result<super::view_model::ProgressBoard, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let (class, _) = guard::require_class(&state.db, &caller, class_id, ClassAccess::Manage).await?;
    let scheme = crate::classes::store::active_scheme_cached(&state).await?;
    let generation = generation.filter(|g| !g.is_empty());
    progress::progress_board(&state.db, class, &scheme, generation.as_deref()).await
}

/// The progress board as server-rendered HTML for the page. As `get_class_progress`.
#[server(input = GetUrl, prefix = "/api", endpoint = "progress_page")]
pub async fn progress_page_html(class_id: i64, generation: Option<String>) -> Result<String, AppError> {
    let selected = generation.clone().filter(|g| !g.is_empty());
    let board = get_class_progress(class_id, generation).await?;
    crate::ui::render_html(move || super::views::progress_body(board, selected))
}

/// A lesson's reflections as server-rendered HTML for the page. As `get_lesson_reflections`.
#[server(input = GetUrl, prefix = "/api", endpoint = "reflections_page")]
pub async fn reflections_page_html(class_id: i64, lesson: String) -> Result<String, AppError> {
    let data = get_lesson_reflections(class_id, lesson).await?;
    crate::ui::render_html(move || super::views::reflections_body(data))
}

/// Facilitators of the class and admins. Participants' reflections for one lesson.
#[server(input = GetUrl, prefix = "/api", endpoint = "lesson_reflections")]
pub async fn get_lesson_reflections(
    class_id: i64,
    lesson: String,
) -> Result<super::view_model::LessonReflections, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    guard::require_class(&state.db, &caller, class_id, ClassAccess::Manage).await?;
    let scheme = crate::classes::store::active_scheme_cached(&state).await?;
    progress::lesson_reflections(&state.db, class_id, &lesson, &scheme).await
}
