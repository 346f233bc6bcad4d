//! What a deep link points at: a curriculum unit, a scenario assignment or
//! a team task of the class. It travels as a custom parameter
//! (`sinergi_target`, e.g. `scenario:12`) on the resource link, so a later
//! launch opens that page directly; graded items carry a line item.
use serde_json::{json, Value};

pub const TARGET_PARAM: &str = "sinergi_target";
/// Every Sinergi result is reported out of 100.
pub const SCORE_MAXIMUM: u32 = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Unit(String),
    /// A scenario assignment: its line item holds the played attempt's grade.
    Scenario(i64),
    /// The rubric result of a scenario assignment's reflections (a line item
    /// of its own, so it never overwrites the played grade).
    Reflection(i64),
    Task(i64),
}

impl Item {
    pub fn code(&self) -> String {
        match self {
            Item::Unit(key) => format!("unit:{key}"),
            Item::Scenario(id) => format!("scenario:{id}"),
            Item::Reflection(id) => format!("reflection:{id}"),
            Item::Task(id) => format!("task:{id}"),
        }
    }

    pub fn parse(code: &str) -> Option<Item> {
        let (kind, rest) = code.trim().split_once(':')?;
        match kind {
            "unit"
                if !rest.is_empty()
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                Some(Item::Unit(rest.to_string()))
            }
            "scenario" => rest.parse().ok().filter(|n| *n > 0).map(Item::Scenario),
            "reflection" => rest.parse().ok().filter(|n| *n > 0).map(Item::Reflection),
            "task" => rest.parse().ok().filter(|n| *n > 0).map(Item::Task),
            _ => None,
        }
    }

    /// The page that opens it in `class`.
    pub fn path(&self, class: i64) -> String {
        match self {
            Item::Unit(_) => format!("/classes/{class}/learn"),
            Item::Scenario(id) | Item::Reflection(id) => format!("/classes/{class}/scenarios/{id}"),
            Item::Task(id) => format!("/classes/{class}/tasks/{id}"),
        }
    }
}

/// An `ltiResourceLink` content item (Deep Linking 2.0 §3.1) with its line item.
pub fn content_item(item: &Item, title: &str, launch_url: &str) -> Value {
    json!({
        "type": "ltiResourceLink",
        "title": title,
        "url": launch_url,
        "custom": { TARGET_PARAM: item.code() },
        "lineItem": {
            "scoreMaximum": SCORE_MAXIMUM,
            "label": title,
            "resourceId": item.code(),
            "tag": "sinergi",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for item in [
            Item::Unit("komunikasi-lintas-generasi".into()),
            Item::Scenario(12),
            Item::Reflection(12),
            Item::Task(3),
        ] {
            assert_eq!(Item::parse(&item.code()), Some(item));
        }
        for bad in [
            "",
            "unit:",
            "scenario:x",
            "task:-1",
            "task:0",
            "lesson:1",
            "unit:a b",
            "unit:../x",
        ] {
            assert_eq!(Item::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_open_the_page_in_the_class() {
        assert_eq!(Item::Scenario(12).path(4), "/classes/4/scenarios/12");
        assert_eq!(Item::Task(3).path(4), "/classes/4/tasks/3");
        assert_eq!(Item::Reflection(12).path(4), "/classes/4/scenarios/12");
        assert_eq!(Item::Unit("u".into()).path(4), "/classes/4/learn");
    }

    #[test]
    fn content_items_carry_the_target_and_a_line_item() {
        let v = content_item(
            &Item::Task(3),
            "Rencana komunikasi",
            "https://sinergi.id/lti/launch",
        );
        assert_eq!(v["type"], "ltiResourceLink");
        assert_eq!(v["custom"][TARGET_PARAM], "task:3");
        assert_eq!(v["lineItem"]["scoreMaximum"], 100);
        assert_eq!(v["lineItem"]["resourceId"], "task:3");
    }
}
