//! xAPI 1.0.3 statements without any framework: who (the Sinergi account),
//! did what (answered, completed, scored) to which activity (a Sinergi page
//! address), with what result, in which class. The LRS gets what the LMS
//! grade book cannot hold: each scenario decision as it is made.
use serde_json::{json, Map, Value};

pub const VERSION: &str = "1.0.3";

/// Where statements go and who Sinergi is there. Secrets stay in memory
/// (from the environment); the outbox rows hold only statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lrs {
    /// The LRS's xAPI base, ending in `/` (`…/statements` is below it).
    pub endpoint: String,
    pub key: String,
    pub secret: String,
    /// Sinergi's public address: the home page of its accounts and the
    /// root of its activity ids.
    pub base: String,
}

/// Checks the LRS settings; the message names the setting that is wrong.
pub fn lrs(endpoint: &str, key: &str, secret: &str, base: &str) -> Result<Lrs, String> {
    let web = |name: &str, v: &str| {
        let ok = (v.starts_with("https://") || v.starts_with("http://"))
            && v.len() > "https://".len()
            && !v.contains(['?', '#', ' ']);
        if ok {
            Ok(())
        } else {
            Err(format!(
                "{name} must be an http(s) address without ? or #, not {v:?}"
            ))
        }
    };
    web("SINERGI_LRS_URL", endpoint)?;
    web("SINERGI_PUBLIC_URL (needed with SINERGI_LRS_URL)", base)?;
    if key.is_empty() || secret.is_empty() {
        return Err("SINERGI_LRS_KEY and SINERGI_LRS_SECRET are both needed with SINERGI_LRS_URL".into());
    }
    Ok(Lrs {
        endpoint: format!("{}/", endpoint.trim_end_matches('/')),
        key: key.into(),
        secret: secret.into(),
        base: base.trim_end_matches('/').into(),
    })
}

impl Lrs {
    /// Where a statement with this id is stored (PUT: the same id twice is
    /// the same statement, so a retried call never records it twice).
    pub fn statement_url(&self, id: &str) -> String {
        format!("{}statements?statementId={id}", self.endpoint)
    }

    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// A person, as Sinergi knows them.
pub struct Actor<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub nip: Option<&'a str>,
}

/// Something done: its address (a Sinergi page), its Indonesian name and
/// its ADL activity type.
#[derive(Clone, Debug)]
pub struct Activity {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
}

pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
pub const LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";
pub const MODULE: &str = "http://adlnet.gov/expapi/activities/module";
pub const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
pub const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";

pub struct Verb {
    pub id: &'static str,
    pub id_id: &'static str,
    pub en: &'static str,
}

pub const ANSWERED: Verb = Verb {
    id: "http://adlnet.gov/expapi/verbs/answered",
    id_id: "menjawab",
    en: "answered",
};
pub const COMPLETED: Verb = Verb {
    id: "http://adlnet.gov/expapi/verbs/completed",
    id_id: "menyelesaikan",
    en: "completed",
};
pub const SCORED: Verb = Verb {
    id: "http://adlnet.gov/expapi/verbs/scored",
    id_id: "mendapat nilai",
    en: "scored",
};

/// One statement. `parent` is the activity the object is part of (the
/// scenario of a decision, the unit of a lesson); `class` groups them all.
pub struct Statement<'a> {
    pub id: &'a str,
    pub actor: &'a Actor<'a>,
    pub verb: &'a Verb,
    pub object: Value,
    pub result: Value,
    pub parent: Option<&'a Activity>,
    pub class: &'a Activity,
    pub timestamp: &'a str,
}

/// The statement as the LRS stores it.
pub fn statement(lrs: &Lrs, s: &Statement) -> Value {
    let mut context = json!({
        "platform": "Sinergi",
        "language": "id-ID",
        "contextActivities": { "grouping": [activity(s.class)] },
    });
    if let Some(parent) = s.parent {
        context["contextActivities"]["parent"] = json!([activity(parent)]);
    }
    if let Some(nip) = s.actor.nip {
        let mut ext = Map::new();
        ext.insert(lrs.page("/xapi/nip"), Value::String(nip.into()));
        context["extensions"] = Value::Object(ext);
    }
    json!({
        "id": s.id,
        "actor": {
            "objectType": "Agent",
            "name": s.actor.name,
            "account": { "homePage": lrs.base, "name": s.actor.user_id.to_string() },
        },
        "verb": { "id": s.verb.id, "display": { "id-ID": s.verb.id_id, "en-US": s.verb.en } },
        "object": s.object,
        "result": s.result,
        "context": context,
        "timestamp": s.timestamp,
    })
}

pub fn activity(a: &Activity) -> Value {
    json!({
        "objectType": "Activity",
        "id": a.id,
        "definition": { "name": { "id-ID": a.name }, "type": a.kind },
    })
}

/// A choice at a scenario's step: the question and every option offered,
/// so the LRS can tell what the participant chose among.
pub fn choice(id: String, prompt: &str, options: &[(String, String)]) -> Value {
    let choices: Vec<Value> = options
        .iter()
        .map(|(key, label)| json!({ "id": key, "description": { "id-ID": label } }))
        .collect();
    json!({
        "objectType": "Activity",
        "id": id,
        "definition": {
            "name": { "id-ID": prompt },
            "type": INTERACTION,
            "interactionType": "choice",
            "choices": choices,
        },
    })
}

/// A score out of 100 (`scaled` 0–1, as xAPI wants it).
pub fn score(percent: f64) -> Value {
    let p = percent.clamp(0.0, 100.0);
    json!({
        "scaled": (p / 100.0 * 10_000.0).round() / 10_000.0,
        "raw": (p * 100.0).round() / 100.0,
        "min": 0,
        "max": 100,
    })
}

/// `completion` with a score (if any) and a response (if any).
pub fn result(completed: bool, percent: Option<f64>, response: Option<&str>) -> Value {
    let mut r = Map::new();
    if completed {
        r.insert("completion".into(), Value::Bool(true));
    }
    if let Some(p) = percent {
        r.insert("score".into(), score(p));
    }
    if let Some(text) = response {
        r.insert("response".into(), Value::String(text.into()));
    }
    Value::Object(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lrs_ok() -> Lrs {
        lrs(
            "https://lrs.example.go.id/xapi",
            "k",
            "s",
            "https://sinergi.example.go.id/",
        )
        .unwrap()
    }

    #[test]
    fn settings_are_checked_and_normalised() {
        let l = lrs_ok();
        assert_eq!(l.endpoint, "https://lrs.example.go.id/xapi/");
        assert_eq!(l.base, "https://sinergi.example.go.id");
        assert_eq!(
            l.statement_url("abc"),
            "https://lrs.example.go.id/xapi/statements?statementId=abc"
        );
        for (url, key, secret, base, named) in [
            ("lrs.example", "k", "s", "https://s", "SINERGI_LRS_URL"),
            ("https://l/x?y=1", "k", "s", "https://s", "SINERGI_LRS_URL"),
            ("https://l", "k", "s", "", "SINERGI_PUBLIC_URL"),
            ("https://l", "", "s", "https://s", "SINERGI_LRS_KEY"),
            ("https://l", "k", "", "https://s", "SINERGI_LRS_SECRET"),
        ] {
            let e = lrs(url, key, secret, base).unwrap_err();
            assert!(e.contains(named), "{e}");
        }
    }

    #[test]
    fn a_statement_names_the_account_the_verb_the_object_and_the_class() {
        let l = lrs_ok();
        let actor = Actor {
            user_id: 7,
            name: "Hasan Basri",
            nip: Some("199001012015031001"),
        };
        let class = Activity {
            id: l.page("/classes/3"),
            name: "PKA Angkatan I".into(),
            kind: COURSE,
        };
        let scenario = Activity {
            id: l.page("/classes/3/scenarios/5"),
            name: "Rapat hibrida".into(),
            kind: SIMULATION,
        };
        let options = [
            ("a".to_string(), "Dengar dulu".to_string()),
            ("b".into(), "Putuskan".into()),
        ];
        let s = statement(
            &l,
            &Statement {
                id: "0b7c",
                actor: &actor,
                verb: &ANSWERED,
                object: choice(format!("{}#n1", scenario.id), "Apa yang Anda lakukan?", &options),
                result: result(false, None, Some("b")),
                parent: Some(&scenario),
                class: &class,
                timestamp: "2026-12-03T07:00:00Z",
            },
        );
        assert_eq!(s["actor"]["account"]["homePage"], "https://sinergi.example.go.id");
        assert_eq!(s["actor"]["account"]["name"], "7");
        assert_eq!(s["verb"]["id"], ANSWERED.id);
        assert_eq!(s["object"]["definition"]["interactionType"], "choice");
        assert_eq!(s["object"]["definition"]["choices"][1]["id"], "b");
        assert_eq!(s["result"], json!({ "response": "b" }));
        assert_eq!(s["context"]["contextActivities"]["parent"][0]["id"], scenario.id);
        assert_eq!(s["context"]["contextActivities"]["grouping"][0]["id"], class.id);
        assert_eq!(
            s["context"]["extensions"]["https://sinergi.example.go.id/xapi/nip"],
            "199001012015031001"
        );
        let no_nip = Actor { nip: None, ..actor };
        let s = statement(
            &l,
            &Statement {
                id: "1",
                actor: &no_nip,
                verb: &COMPLETED,
                object: activity(&scenario),
                result: result(true, Some(61.237), None),
                parent: None,
                class: &class,
                timestamp: "t",
            },
        );
        assert!(s["context"].get("extensions").is_none());
        assert!(s["context"]["contextActivities"].get("parent").is_none());
        assert_eq!(
            s["result"],
            json!({ "completion": true, "score": { "scaled": 0.6124, "raw": 61.24, "min": 0, "max": 100 } })
        );
    }

    proptest! {
        #[test]
        fn a_scaled_score_stays_between_0_and_1(p in -50.0f64..150.0) {
            let s = score(p);
            let scaled = s["scaled"].as_f64().unwrap();
            prop_assert!((0.0..=1.0).contains(&scaled));
            prop_assert!((s["raw"].as_f64().unwrap() / 100.0 - scaled).abs() < 0.0001);
        }
    }
}
