//! Tests of `claims.rs`.
use super::*;
use serde_json::json;

const NOW: i64 = 1_800_000_000;

fn claims() -> Value {
    json!({
        "iss": "https://lms.example", "aud": "tool-1", "sub": "u-1",
        "exp": NOW + 300, "iat": NOW, "nonce": "n-1",
        lti_claim("deployment_id"): "d-1",
        lti_claim("message_type"): RESOURCE_LINK_REQUEST,
        lti_claim("version"): VERSION,
        lti_claim("resource_link"): {"id": "rl-1"},
        lti_claim("roles"): ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    })
}

fn run(v: Value) -> Result<(), Failure> {
    let t: IdToken = serde_json::from_value(v).expect("claims");
    let deployments = ["d-1".to_string()];
    check(
        &t,
        &Expected {
            issuer: "https://lms.example",
            client_id: "tool-1",
            nonce: "n-1",
            deployments: &deployments,
            now: NOW,
        },
    )
}

fn with(key: &str, value: Value) -> Value {
    let mut v = claims();
    v[key] = value;
    v
}

#[test]
fn a_good_launch_passes() {
    assert_eq!(run(claims()), Ok(()));
}

#[test]
fn each_wrong_claim_is_named() {
    assert_eq!(run(with("iss", json!("https://other"))), Err(Failure::Issuer));
    assert_eq!(run(with("aud", json!("tool-2"))), Err(Failure::Audience));
    assert_eq!(
        run(with("exp", json!(NOW - LEEWAY_SECS - 1))),
        Err(Failure::Expired)
    );
    assert_eq!(
        run(with("iat", json!(NOW + LEEWAY_SECS + 1))),
        Err(Failure::IssuedInFuture)
    );
    assert_eq!(
        run(with("iat", json!(NOW - MAX_AGE_SECS - 1))),
        Err(Failure::Expired)
    );
    assert_eq!(run(with("nonce", json!("n-2"))), Err(Failure::Nonce));
    assert_eq!(
        run(with(&lti_claim("deployment_id"), json!("d-9"))),
        Err(Failure::Deployment)
    );
    assert_eq!(
        run(with(&lti_claim("version"), json!("1.1"))),
        Err(Failure::Version)
    );
    assert_eq!(
        run(with(&lti_claim("message_type"), json!("Other"))),
        Err(Failure::MessageType)
    );
    assert_eq!(
        run(with(&lti_claim("resource_link"), json!({"id": ""}))),
        Err(Failure::Missing("resource_link"))
    );
    assert_eq!(run(with("sub", json!(""))), Err(Failure::Missing("sub")));
}

#[test]
fn leeway_is_allowed_on_both_sides() {
    assert_eq!(run(with("exp", json!(NOW - LEEWAY_SECS + 1))), Ok(()));
    assert_eq!(run(with("iat", json!(NOW + LEEWAY_SECS - 1))), Ok(()));
}

#[test]
fn several_audiences_need_the_authorized_party() {
    let many = with("aud", json!(["tool-1", "other"]));
    assert_eq!(run(many.clone()), Err(Failure::AuthorizedParty));
    let mut named = many;
    named["azp"] = json!("tool-1");
    assert_eq!(run(named.clone()), Ok(()));
    named["azp"] = json!("other");
    assert_eq!(run(named), Err(Failure::AuthorizedParty));
}

#[test]
fn deep_linking_needs_its_settings() {
    let mut v = with(&lti_claim("message_type"), json!(DEEP_LINKING_REQUEST));
    assert_eq!(run(v.clone()), Err(Failure::Missing("deep_linking_settings")));
    v["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] =
        json!({"deep_link_return_url": "https://lms.example/dl"});
    assert_eq!(run(v), Ok(()));
}

#[test]
fn only_rs256_is_accepted() {
    assert_eq!(check_algorithm("RS256"), Ok(()));
    for alg in ["none", "HS256", "RS512", "ES256", ""] {
        assert_eq!(check_algorithm(alg), Err(Failure::Algorithm(alg.into())));
    }
}

#[test]
fn custom_parameters_read_as_text() {
    let mut v = claims();
    v[lti_claim("custom")] = json!({"nip": " 198209122005032013 ", "n": 7, "o": {}});
    let t: IdToken = serde_json::from_value(v).unwrap();
    assert_eq!(t.custom("nip").as_deref(), Some("198209122005032013"));
    assert_eq!(t.custom("n").as_deref(), Some("7"));
    assert_eq!(t.custom("o"), None);
    assert_eq!(t.custom("missing"), None);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the clock says, a token is accepted only inside its
        /// window (with the leeway) and never older than the maximum age.
        #[test]
        fn time_window(exp_off in -2000i64..2000, iat_off in -2000i64..2000) {
            let v = {
                let mut v = claims();
                v["exp"] = json!(NOW + exp_off);
                v["iat"] = json!(NOW + iat_off);
                v
            };
            let ok = exp_off >= -LEEWAY_SECS && (-MAX_AGE_SECS..=LEEWAY_SECS).contains(&iat_off);
            prop_assert_eq!(run(v).is_ok(), ok);
        }

        /// Any claim JSON at all is read or refused without a panic.
        #[test]
        fn any_json_is_read_without_panic(s in "\\PC{0,200}") {
            let _ = serde_json::from_str::<IdToken>(&s);
        }
    }
}
