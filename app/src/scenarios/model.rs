//! An empathy scenario as the app stores and plays it (see
//! content/scenarios/FORMAT.md). Stored as JSON per published version, so an
//! attempt in progress keeps the version it started with.
pub use crate::curriculum::model::Bilingual;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub key: String,
    pub minutes: u32,
    pub start: String,
    pub title: Bilingual,
    pub summary: Bilingual,
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NodeKind {
    Situation {
        text: Bilingual,
        characters: Vec<Character>,
        next: Next,
    },
    Choice {
        text: Bilingual,
        options: Vec<ChoiceOption>,
    },
    Reflection {
        prompt: Bilingual,
        next: Next,
    },
    Ending {
        band: Band,
        title: Bilingual,
        text: Bilingual,
    },
}

impl NodeKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            NodeKind::Situation { .. } => "situation",
            NodeKind::Choice { .. } => "choice",
            NodeKind::Reflection { .. } => "reflection",
            NodeKind::Ending { .. } => "ending",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Character {
    pub name: String,
    /// A generation code of the default scheme: boomer, x, y, z.
    pub generation: String,
    pub role: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub key: String,
    pub text: Bilingual,
    pub feedback: Bilingual,
    pub effect: Scores,
    pub next: Next,
}

/// Where a node (or an option) leads: the first branch whose condition holds,
/// else the default. A default always exists, so a branch can never dead-end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Next {
    pub default: String,
    pub when: Vec<Branch>,
}

impl Next {
    pub fn to(node: &str) -> Self {
        Next {
            default: node.to_string(),
            when: Vec::new(),
        }
    }

    /// Every node this can lead to, default last.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.when
            .iter()
            .map(|b| b.next.as_str())
            .chain([self.default.as_str()])
    }

    pub fn resolve(&self, scores: &Scores) -> &str {
        self.when
            .iter()
            .find(|b| b.condition.holds(scores))
            .map_or(self.default.as_str(), |b| b.next.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branch {
    pub condition: Condition,
    pub next: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// `None` is the total of all dimensions.
    pub dimension: Option<Dimension>,
    pub op: Op,
    pub value: i32,
}

impl Condition {
    pub fn holds(&self, scores: &Scores) -> bool {
        let score = self.dimension.map_or(scores.total(), |d| scores.get(d));
        match self.op {
            Op::Ge => score >= self.value,
            Op::Gt => score > self.value,
            Op::Le => score <= self.value,
            Op::Lt => score < self.value,
            Op::Eq => score == self.value,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Op {
    pub const ALL: [(Op, &'static str); 5] = [
        (Op::Ge, ">="),
        (Op::Gt, ">"),
        (Op::Le, "<="),
        (Op::Lt, "<"),
        (Op::Eq, "=="),
    ];

    pub fn symbol(self) -> &'static str {
        Op::ALL
            .iter()
            .find(|(op, _)| *op == self)
            .map_or("==", |(_, s)| s)
    }
}

/// The four empathy dimensions every choice is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dimension {
    Perspective,
    Respect,
    Clarity,
    Collaboration,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Perspective,
        Dimension::Respect,
        Dimension::Clarity,
        Dimension::Collaboration,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Perspective => "perspective",
            Dimension::Respect => "respect",
            Dimension::Clarity => "clarity",
            Dimension::Collaboration => "collaboration",
        }
    }

    pub fn from_name(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// A score per dimension (an option's effect, or a running total).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores(pub [i32; 4]);

impl Scores {
    pub fn get(&self, d: Dimension) -> i32 {
        self.0[d as usize]
    }

    pub fn set(&mut self, d: Dimension, value: i32) {
        self.0[d as usize] = value;
    }

    pub fn add(&mut self, other: &Scores) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }

    pub fn total(&self) -> i32 {
        self.0.iter().sum()
    }
}

/// How well an ending went, in the scenario author's judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Band {
    Strong,
    Developing,
    NeedsPractice,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::Strong, Band::Developing, Band::NeedsPractice];

    pub fn name(self) -> &'static str {
        match self {
            Band::Strong => "strong",
            Band::Developing => "developing",
            Band::NeedsPractice => "needs-practice",
        }
    }

    pub fn from_name(name: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.name() == name)
    }
}

impl Scenario {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// A scenario as the authoring pages show it: its key, its newest published
/// version (0 before the first) and its draft.
pub struct Authored {
    pub key: String,
    pub published: i32,
    pub draft: Scenario,
}
