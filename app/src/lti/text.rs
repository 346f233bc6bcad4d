//! The LTI pages' text, by what it says. The wording is in the locale files
//! (`[page]`, keys `Lti…`): these pages are rendered by the server alone (the
//! LMS posts to them), so their text stays out of the browser's WASM.
use super::domain::claims::Failure;
use crate::i18n::{fill, Locale, P};

/// The launch did not open the existing account its NIP named.
pub fn separate_account(locale: Locale) -> &'static str {
    P::LtiSeparateAccount.t(locale)
}

pub fn failure_title(locale: Locale) -> &'static str {
    P::LtiFailureTitle.t(locale)
}

pub fn failure_hint(locale: Locale) -> &'static str {
    P::LtiFailureHint.t(locale)
}

/// What failed, in words a trainer can pass on.
pub fn failure(f: &Failure, locale: Locale) -> String {
    let text = match f {
        Failure::State => P::LtiFailState.t(locale),
        Failure::StateUsed => P::LtiFailStateUsed.t(locale),
        Failure::UnknownPlatform => P::LtiFailUnknownPlatform.t(locale),
        Failure::Malformed => P::LtiFailMalformed.t(locale),
        Failure::Algorithm(_) => P::LtiFailAlgorithm.t(locale),
        Failure::UnknownKey => P::LtiFailUnknownKey.t(locale),
        Failure::KeySet => P::LtiFailKeySet.t(locale),
        Failure::Signature => P::LtiFailSignature.t(locale),
        Failure::Issuer => P::LtiFailIssuer.t(locale),
        Failure::Audience => P::LtiFailAudience.t(locale),
        Failure::AuthorizedParty => P::LtiFailAuthorizedParty.t(locale),
        Failure::Expired => P::LtiFailExpired.t(locale),
        Failure::IssuedInFuture => P::LtiFailIssuedInFuture.t(locale),
        Failure::Nonce => P::LtiFailNonce.t(locale),
        Failure::Deployment => P::LtiFailDeployment.t(locale),
        Failure::MessageType => P::LtiFailMessageType.t(locale),
        Failure::Version => P::LtiFailVersion.t(locale),
        Failure::Missing(_) => P::LtiFailMissing.t(locale),
        Failure::Role => P::LtiFailRole.t(locale),
    };
    match f {
        Failure::Missing(claim) => format!("{text} ({claim})"),
        Failure::Algorithm(alg) => format!("{text} ({alg})"),
        _ => text.to_string(),
    }
}

pub fn code_label(locale: Locale) -> &'static str {
    P::LtiCodeLabel.t(locale)
}

pub fn cookie_blocked(locale: Locale) -> &'static str {
    P::LtiCookieBlocked.t(locale)
}

pub fn open_new_tab(locale: Locale) -> &'static str {
    P::LtiOpenNewTab.t(locale)
}

pub fn continue_here(locale: Locale) -> &'static str {
    P::LtiContinueHere.t(locale)
}

pub fn opening(locale: Locale) -> &'static str {
    P::LtiOpening.t(locale)
}

pub fn code_invalid(locale: Locale) -> &'static str {
    P::LtiCodeInvalid.t(locale)
}

pub fn registration_failed_title(locale: Locale) -> &'static str {
    P::LtiRegistrationFailedTitle.t(locale)
}

/// What stopped a dynamic registration.
pub fn registration_failure(f: &super::registration::RegFailure, locale: Locale) -> String {
    use super::registration::RegFailure as R;
    let text = match f {
        R::Invite => P::LtiRegInvite.t(locale),
        R::Configuration => P::LtiRegConfiguration.t(locale),
        R::Issuer => P::LtiRegIssuer.t(locale),
        R::Refused(_) => P::LtiRegRefused.t(locale),
        R::Answer => P::LtiRegAnswer.t(locale),
    };
    match f {
        R::Refused(status) if *status > 0 => format!("{text} (HTTP {status})"),
        _ => text.to_string(),
    }
}

pub fn registered_title(locale: Locale) -> &'static str {
    P::LtiRegisteredTitle.t(locale)
}

pub fn registered_body(locale: Locale) -> &'static str {
    P::LtiRegisteredBody.t(locale)
}

pub fn close(locale: Locale) -> &'static str {
    P::LtiClose.t(locale)
}

pub fn pick_title(locale: Locale) -> &'static str {
    P::LtiPickTitle.t(locale)
}

pub fn pick_hint(locale: Locale) -> &'static str {
    P::LtiPickHint.t(locale)
}

pub fn pick_kind(code: &str, locale: Locale) -> &'static str {
    match code.split(':').next() {
        Some("unit") => P::LtiKindUnit.t(locale),
        Some("scenario") => P::LtiKindScenario.t(locale),
        _ => P::LtiKindTask.t(locale),
    }
}

pub fn pick_none(locale: Locale) -> &'static str {
    P::LtiPickNone.t(locale)
}

pub fn pick_submit(locale: Locale) -> &'static str {
    P::LtiPickSubmit.t(locale)
}

pub fn returning(locale: Locale) -> &'static str {
    P::LtiReturning.t(locale)
}

pub fn return_button(locale: Locale) -> &'static str {
    P::LtiReturnButton.t(locale)
}

pub fn to_platform(locale: Locale) -> &'static str {
    P::LtiToPlatform.t(locale)
}

pub fn checking_launch(locale: Locale) -> &'static str {
    P::LtiCheckingLaunch.t(locale)
}

pub fn storage_needs_js(locale: Locale) -> &'static str {
    P::LtiStorageNeedsJs.t(locale)
}

pub fn lrs_title(locale: Locale) -> &'static str {
    P::LtiLrsTitle.t(locale)
}

pub fn lrs_off(locale: Locale) -> &'static str {
    P::LtiLrsOff.t(locale)
}

pub fn lrs_on(locale: Locale, endpoint: &str) -> String {
    fill(P::LtiLrsOn.t(locale), &[endpoint.to_string()])
}

/// "Terkirim 120 · menunggu 3 · gagal 0".
pub fn lrs_counts(locale: Locale, sent: u64, waiting: u64, failed: u64) -> String {
    fill(
        P::LtiLrsCounts.t(locale),
        &[sent.to_string(), waiting.to_string(), failed.to_string()],
    )
}
