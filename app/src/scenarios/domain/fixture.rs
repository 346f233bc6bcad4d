//! A small scenario used by the tests: a situation, a choice whose options
//! branch on respect, a reflection and two endings.
#![cfg(test)]
use crate::scenarios::model::*;

fn t(s: &str) -> Bilingual {
    Bilingual::new(format!("{s} (id)"), format!("{s} (en)"))
}

fn effect(values: [i32; 4]) -> Scores {
    Scores(values)
}

pub fn node(id: &str, kind: NodeKind) -> Node {
    Node { id: id.into(), kind }
}

pub fn ending(id: &str, band: Band) -> Node {
    node(
        id,
        NodeKind::Ending {
            band,
            title: t("akhir"),
            text: t("ringkasan"),
        },
    )
}

pub fn option(key: &str, values: [i32; 4], next: Next) -> ChoiceOption {
    ChoiceOption {
        key: key.into(),
        text: t("pilihan"),
        feedback: t("umpan balik"),
        effect: effect(values),
        next,
    }
}

pub fn sample() -> Scenario {
    let branch = Next {
        default: "catatan".into(),
        when: vec![Branch {
            condition: Condition {
                dimension: Some(Dimension::Respect),
                op: Op::Ge,
                value: 2,
            },
            next: "akhir-baik".into(),
        }],
    };
    Scenario {
        key: "contoh".into(),
        minutes: 10,
        start: "awal".into(),
        title: t("judul"),
        summary: t("ringkasan"),
        nodes: vec![
            node(
                "awal",
                NodeKind::Situation {
                    text: t("situasi"),
                    characters: vec![Character {
                        name: "Pak Rudi".into(),
                        generation: "boomer".into(),
                        role: t("Kepala Bidang"),
                    }],
                    next: Next::to("pilih"),
                },
            ),
            node(
                "pilih",
                NodeKind::Choice {
                    text: t("apa yang Anda katakan?"),
                    options: vec![
                        option("dengar", [1, 2, 0, 1], branch),
                        option("tegas", [0, -2, 1, 0], Next::to("catatan")),
                    ],
                },
            ),
            node(
                "catatan",
                NodeKind::Reflection {
                    prompt: t("apa yang Anda pelajari?"),
                    next: Next::to("akhir-biasa"),
                },
            ),
            ending("akhir-baik", Band::Strong),
            ending("akhir-biasa", Band::Developing),
        ],
    }
}
