//! /admin/lti: each platform's identity trust, and the identity log.
use super::identity_admin::{IdentityRow, LinkLtiIdentity, SetLtiTrust};
use crate::entities::lti_platform;
use crate::i18n::P;
use crate::ui::rendered::tr;
use crate::ui::{slot_action, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The platform's trust, and the button that flips it.
pub fn trust_form(p: &lti_platform::Model) -> impl IntoView {
    let slot = format!("lti-trust-{}", p.id);
    let (state, button) = if p.trust_identity {
        (P::LtiTrustOn, P::LtiTrustUnset)
    } else {
        (P::LtiTrustOff, P::LtiTrustSet)
    };
    view! {
        <span class="tag">{tr(state)}</span>
        <form method="post" action=SetLtiTrust::PATH class="inline" data-error-slot=slot.clone()>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="platform_id" value=p.id />
            <input type="hidden" name="trusted" value=(!p.trust_identity).to_string() />
            <button type="submit" class="button">{tr(button)}</button>
        </form>
        <ErrorSlot id=slot.clone() action={slot_action::<SetLtiTrust>(&slot)} />
    }
}

fn outcome(row: &IdentityRow) -> String {
    let who = row.proposed.as_ref().map(|p| p.1.clone()).unwrap_or_default();
    let key = match row.outcome.as_str() {
        "nip" => P::LtiOutNip,
        "admin" => P::LtiOutAdmin,
        "refused_untrusted" => P::LtiOutUntrusted,
        "refused_staff" => P::LtiOutStaff,
        "refused_linked" => P::LtiOutLinked,
        _ => P::LtiOutCreated,
    };
    crate::i18n::fill(tr(key), &[row.nip.clone(), who])
}

fn row_view(row: &IdentityRow) -> impl IntoView {
    let when = crate::ui::rendered::moment(row.at);
    let link = row.proposed.clone().filter(|_| row.linkable).map(|(_, name)| {
        let slot = format!("lti-link-{}", row.id);
        view! {
            <form method="post" action=LinkLtiIdentity::PATH class="inline" data-error-slot=slot.clone()>
                <CsrfField />
                <SlotField id=slot.clone() />
                <input type="hidden" name="entry_id" value=row.id />
                <button type="submit" class="button">{crate::i18n::fill(tr(P::LtiLink), &[name])}</button>
            </form>
            <ErrorSlot id=slot.clone() action={slot_action::<LinkLtiIdentity>(&slot)} />
        }
    });
    // A list, not a table: four columns do not fit a phone.
    view! {
        <li id=format!("lti-identity-{}", row.id)>
            <strong>{row.account.1.clone()}" (#"{row.account.0}")"</strong>": "{outcome(row)}
            <br />
            <span class="hint">{when}" WIB · "{row.platform.clone()}" · "<code>{row.sub.clone()}</code></span>
            {link}
        </li>
    }
}

pub fn log(rows: &[IdentityRow]) -> impl IntoView {
    let body = if rows.is_empty() {
        view! { <p>{tr(P::LtiIdentitiesNone)}</p> }.into_any()
    } else {
        let rows = rows.iter().map(row_view).collect_view();
        view! { <ul class="plain-list identity-log">{rows}</ul> }.into_any()
    };
    view! {
        <section class="panel" id="lti-identities">
            <h2>{tr(P::LtiIdentities)}</h2>
            <p class="hint">{tr(P::LtiIdentitiesHint)}</p>
            {body}
        </section>
    }
}
