//! The class survey in the database: whether it is open, and each
//! participant's answers (one row per person, replaced when they answer again).
use super::domain::survey::{Answers, SurveyProblem};
use crate::entities::{class_survey, survey_answer};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use chrono::Utc;
use sea_orm::{prelude::*, sea_query::OnConflict, ActiveValue::Set};

pub fn answers_of(row: &survey_answer::Model) -> Answers {
    Answers {
        skills: serde_json::from_str(&row.skills).unwrap_or_default(),
        wants: serde_json::from_str(&row.wants).unwrap_or_default(),
        style: row.style.clone(),
        availability: row.availability.clone(),
    }
}

pub async fn is_open<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<bool> {
    Ok(class_survey::Entity::find_by_id(class_id)
        .one(db)
        .await?
        .is_some_and(|s| s.open))
}

pub async fn set_open<C: ConnectionTrait>(db: &C, class_id: i64, open: bool) -> AppResult<()> {
    class_survey::Entity::insert(class_survey::ActiveModel {
        class_id: Set(class_id),
        open: Set(open),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(class_survey::Column::ClassId)
            .update_columns([class_survey::Column::Open, class_survey::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

pub async fn answers<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<Vec<survey_answer::Model>> {
    Ok(survey_answer::Entity::find()
        .filter(survey_answer::Column::ClassId.eq(class_id))
        .all(db)
        .await?)
}

pub async fn mine<C: ConnectionTrait>(db: &C, class_id: i64, user: i64) -> AppResult<Option<Answers>> {
    Ok(survey_answer::Entity::find()
        .filter(survey_answer::Column::ClassId.eq(class_id))
        .filter(survey_answer::Column::UserId.eq(user))
        .one(db)
        .await?
        .map(|r| answers_of(&r)))
}

/// Saves a participant's answers while the survey is open (answering again
/// replaces them, so a repeated post is harmless).
pub async fn save<C: ConnectionTrait>(db: &C, class_id: i64, user: i64, a: Answers) -> AppResult<()> {
    if !is_open(db, class_id).await? {
        return Err(AppError::Rule(said(P::ErrSurveyClosed)));
    }
    a.check().map_err(|p| match p {
        SurveyProblem::Rating | SurveyProblem::Topic => AppError::field("rate_0", said(P::ErrSurveyValue)),
        SurveyProblem::Style => AppError::field("style", said(P::ErrSurveyValue)),
        SurveyProblem::Availability => AppError::field("availability", said(P::ErrSurveyValue)),
    })?;
    survey_answer::Entity::insert(survey_answer::ActiveModel {
        class_id: Set(class_id),
        user_id: Set(user),
        skills: Set(serde_json::to_string(&a.skills).unwrap_or_default()),
        wants: Set(serde_json::to_string(&a.wants).unwrap_or_default()),
        style: Set(a.style),
        availability: Set(a.availability),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([survey_answer::Column::ClassId, survey_answer::Column::UserId])
            .update_columns([
                survey_answer::Column::Skills,
                survey_answer::Column::Wants,
                survey_answer::Column::Style,
                survey_answer::Column::Availability,
                survey_answer::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}
