//! The `/admin/lti` page, rendered on the server.
use super::admin::{AdminData, MakeLtiInvite, RegisterLtiPlatform, RotateLtiKey, SyncLtiRoster};
use super::text;
use crate::entities::lti_platform;
use crate::i18n::Locale;
use crate::i18n::P;
use crate::ui::rendered::tr;
use crate::ui::{slot_action, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn body(data: AdminData) -> impl IntoView {
    let base = data.base.clone();
    let addresses = [
        (P::LtiLoginUrl, format!("{base}/lti/login")),
        (P::LtiLaunchUrl, format!("{base}/lti/launch")),
        (P::LtiJwksUrl, format!("{base}/lti/jwks")),
    ]
    .into_iter()
    .map(|(label, url)| view! { <dt>{tr(label)}</dt><dd><code class="url">{url}</code></dd> })
    .collect_view();
    view! {
        <header class="page-head">
            <h1>{tr(P::LtiTitle)}</h1>
            <p>{tr(P::LtiIntro)}</p>
        </header>
        <section class="panel" id="lti-tool">
            <h2>{tr(P::LtiToolTitle)}</h2>
            <p class="hint">{tr(P::LtiToolHint)}</p>
            <dl class="facts">{addresses}</dl>
            {plain_form::<RotateLtiKey>("lti-rotate", P::LtiRotate, Some(P::LtiRotateHint))}
        </section>
        <section class="panel" id="lti-dynamic">
            <h2>{tr(P::LtiDynamicTitle)}</h2>
            <p class="hint">{tr(P::LtiDynamicHint)}</p>
            {data.invite.map(|link| view! {
                <p>{tr(P::LtiInviteMade)}</p>
                <p><code class="url" id="lti-invite">{link}</code></p>
            })}
            {plain_form::<MakeLtiInvite>("lti-invite-form", P::LtiInviteMake, None)}
        </section>
        {platform_list(&data.platforms)}
        {super::identity_view::log(&data.identities)}
        {course_list(&data.courses)}
        {manual_form()}
        {lrs_panel(data.lrs, data.locale)}
    }
}

/// Whether xAPI statements go to an LRS, and how many were sent.
fn lrs_panel(lrs: Option<(String, [u64; 3])>, locale: Locale) -> impl IntoView {
    let body = match lrs {
        Some((endpoint, [sent, waiting, failed])) => view! {
            <p>{text::lrs_on(locale, &endpoint)}</p>
            <p id="lrs-counts">{text::lrs_counts(locale, sent, waiting, failed)}</p>
        }
        .into_any(),
        None => view! { <p class="hint">{text::lrs_off(locale)}</p> }.into_any(),
    };
    view! {
        <section class="panel" id="lti-lrs">
            <h2>{text::lrs_title(locale)}</h2>
            {body}
        </section>
    }
}

/// A form with only a button (and the CSRF token).
fn plain_form<S: ServerFn>(slot: &str, button: P, hint: Option<P>) -> impl IntoView {
    let slot = slot.to_string();
    view! {
        <form method="post" action=S::PATH class="stack" data-error-slot=slot.clone()>
            <CsrfField />
            <SlotField id=slot.clone() />
            {hint.map(|h| view! { <p class="hint">{tr(h)}</p> })}
            <button type="submit" class="button">{tr(button)}</button>
        </form>
        <ErrorSlot id=slot.clone() action={slot_action::<S>(&slot)} />
    }
}

fn platform_list(platforms: &[(lti_platform::Model, Vec<String>)]) -> impl IntoView {
    // A list, not a table: five columns do not fit a phone.
    let rows = platforms
        .iter()
        .map(|(p, deployments)| {
            view! {
                <li>
                    <strong>{p.name.clone()}</strong>
                    <dl class="facts">
                        <dt>{tr(P::LtiIssuer)}</dt><dd><code class="url">{p.issuer.clone()}</code></dd>
                        <dt>{tr(P::LtiClientId)}</dt><dd><code>{p.client_id.clone()}</code></dd>
                        <dt>{tr(P::LtiDeployments)}</dt><dd>{deployments.join(", ")}</dd>
                        <dt>{tr(P::LtiTrust)}</dt><dd>{super::identity_view::trust_form(p)}</dd>
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" id="lti-platforms">
            <h2>{tr(P::LtiRegistered)}</h2>
            {if platforms.is_empty() {
                view! { <p>{tr(P::LtiNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">{rows}</ul>
                    <p class="hint">{tr(P::LtiTrustHint)}</p>
                }
                .into_any()
            }}
        </section>
    }
}

fn manual_form() -> impl IntoView {
    let slot = "lti-manual".to_string();
    let field = |name: &'static str, label: P, kind: &'static str| {
        let id = format!("lti-{name}");
        view! {
            <label for=id.clone()>{tr(label)}</label>
            <input id=id name=name type=kind required=true maxlength="1000" />
        }
    };
    view! {
        <section class="panel" id="lti-manual-section">
            <h2>{tr(P::LtiManualTitle)}</h2>
            <form method="post" action=RegisterLtiPlatform::PATH class="stack" data-error-slot=slot.clone()>
                <CsrfField />
                <SlotField id=slot.clone() />
                {field("name", P::LtiName, "text")}
                {field("issuer", P::LtiIssuer, "url")}
                {field("client_id", P::LtiClientId, "text")}
                {field("auth_login_url", P::LtiAuthUrl, "url")}
                {field("token_url", P::LtiTokenUrl, "url")}
                {field("jwks_url", P::LtiPlatformJwks, "url")}
                <label for="lti-deployments">{tr(P::LtiDeployments)}</label>
                <textarea id="lti-deployments" name="deployments" rows="2"></textarea>
                <button type="submit" class="button primary">{tr(P::LtiRegister)}</button>
            </form>
            <ErrorSlot id=slot.clone() action={slot_action::<RegisterLtiPlatform>(&slot)} />
        </section>
    }
}

fn course_list(courses: &[(i64, String, String)]) -> impl IntoView {
    (!courses.is_empty()).then(|| {
        let rows = courses
            .iter()
            .map(|(class, name, platform)| {
                let slot = format!("lti-sync-{class}");
                view! {
                    <li>
                        <a href=format!("/classes/{class}")>{name.clone()}</a>" · "{platform.clone()}
                        <form method="post" action=SyncLtiRoster::PATH class="inline" data-error-slot=slot.clone()>
                            <CsrfField />
                            <SlotField id=slot.clone() />
                            <input type="hidden" name="class_id" value=*class />
                            <button type="submit" class="button">{tr(P::LtiSync)}</button>
                        </form>
                        <ErrorSlot id=slot.clone() action={slot_action::<SyncLtiRoster>(&slot)} />
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="panel" id="lti-courses">
                <h2>{tr(P::LtiCourses)}</h2>
                <ul class="plain-list">{rows}</ul>
            </section>
        }
    })
}
