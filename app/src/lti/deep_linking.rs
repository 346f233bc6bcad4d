//! Deep Linking 2.0: a facilitator adding Sinergi from the LMS's activity
//! picker chooses units, scenarios or team tasks of the class; the tool
//! answers with a signed `LtiDeepLinkingResponse` holding one
//! `ltiResourceLink` (with a line item) per choice, posted back to the LMS.
use super::domain::claims::IdToken;
use crate::entities::{cur_unit, lti_deep_link, lti_platform};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::lms::domain::items::{content_item, Item};
use crate::lms::keys;
use chrono::{Duration, Utc};
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};
use serde_json::{json, Value};

/// A picker left open longer than this must be opened again from the LMS.
pub const VALID_FOR: Duration = Duration::hours(1);

/// Keeps the request until the facilitator has chosen; returns its id.
pub async fn remember(
    db: &DatabaseConnection,
    platform: i64,
    class_id: i64,
    user_id: i64,
    t: &IdToken,
) -> AppResult<i64> {
    let settings = t.deep_linking.clone().unwrap_or_default();
    Ok(lti_deep_link::ActiveModel {
        platform_id: Set(platform),
        deployment_id: Set(t.deployment_id.clone().unwrap_or_default()),
        class_id: Set(class_id),
        user_id: Set(user_id),
        return_url: Set(settings.deep_link_return_url),
        data: Set(settings.data.unwrap_or_default()),
        created_at: Set(Utc::now()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// The open request `id` of `user`, if still usable.
pub async fn request(db: &DatabaseConnection, id: i64, user: i64) -> AppResult<lti_deep_link::Model> {
    lti_deep_link::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| r.user_id == user && r.used_at.is_none() && r.created_at + VALID_FOR > Utc::now())
        .ok_or(AppError::NotFound)
}

/// What the class offers, with titles in `locale`.
pub async fn choices(
    db: &DatabaseConnection,
    class_id: i64,
    locale: Locale,
) -> AppResult<Vec<(Item, String)>> {
    let mut out = Vec::new();
    let units = cur_unit::Entity::find()
        .order_by_asc(cur_unit::Column::Position)
        .all(db)
        .await?;
    for u in units {
        let title = if locale == Locale::En {
            u.title_en
        } else {
            u.title_id
        };
        out.push((Item::Unit(u.key), title));
    }
    for (a, s) in crate::scenarios::store::play::assignments_of_class(db, class_id).await? {
        let title = match crate::scenarios::store::by_key(db, &s.key).await {
            Ok((_, doc)) => doc.title.get(locale).to_string(),
            Err(_) => s.key.clone(),
        };
        out.push((Item::Scenario(a.id), title));
    }
    for t in crate::tasks::store::tasks(db, class_id).await? {
        out.push((Item::Task(t.id), t.title));
    }
    Ok(out)
}

/// The signed answer for the chosen codes (unknown ones are ignored) and
/// where to post it. The request is used once.
pub async fn respond(
    db: &DatabaseConnection,
    req: &lti_deep_link::Model,
    chosen: &[String],
    locale: Locale,
    tool_base: &str,
) -> AppResult<(String, String)> {
    let offered = choices(db, req.class_id, locale).await?;
    let launch_url = format!("{tool_base}/lti/launch");
    let items: Vec<Value> = chosen
        .iter()
        .filter_map(|c| Item::parse(c))
        .filter_map(|item| offered.iter().find(|(o, _)| *o == item))
        .map(|(item, title)| content_item(item, title, &launch_url))
        .collect();
    let platform = lti_platform::Entity::find_by_id(req.platform_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = Utc::now().timestamp();
    let mut claims = json!({
        "iss": platform.client_id,
        "aud": platform.issuer,
        "iat": now,
        "exp": now + 600,
        "nonce": crate::auth::store::new_token(),
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": req.deployment_id,
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": items,
    });
    if !req.data.is_empty() {
        claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] = json!(req.data);
    }
    let jwt = keys::sign(db, &claims).await?;
    let done = lti_deep_link::Entity::update_many()
        .col_expr(lti_deep_link::Column::UsedAt, Expr::value(Utc::now()))
        .filter(lti_deep_link::Column::Id.eq(req.id))
        .filter(lti_deep_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    Ok((req.return_url.clone(), jwt))
}
