//! What crosses the wire for the participant's and facilitator's curriculum pages.
use super::domain::progress::Release;
use super::model::{Bilingual, CheckMode, LinkKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassUnits {
    pub class_id: i64,
    pub class_name: String,
    /// Facilitators of the class and admins: they see every unit and set releases.
    pub can_manage: bool,
    /// Only participants' reading is recorded.
    pub is_participant: bool,
    pub units: Vec<UnitCard>,
    pub continue_at: Option<String>,
    pub overall_percent: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCard {
    pub key: String,
    pub title: Bilingual,
    pub objective: Bilingual,
    pub minutes: u32,
    pub release: Release,
    pub open: bool,
    pub percent: u8,
    pub lessons: Vec<LessonLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonLink {
    pub key: String,
    pub title: Bilingual,
    pub minutes: u32,
    pub completed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonPage {
    pub class_id: i64,
    pub unit_title: Bilingual,
    pub key: String,
    pub title: Bilingual,
    pub minutes: u32,
    /// 1-based place of the lesson in its unit, and the unit's lesson count.
    pub number: usize,
    pub of: usize,
    pub blocks: Vec<BlockView>,
    pub completed: bool,
    pub is_participant: bool,
    pub next: Option<String>,
    pub previous: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockView {
    /// Sanitised HTML from Markdown, per language.
    Text {
        html: Bilingual,
    },
    Takeaway {
        html: Bilingual,
    },
    Image {
        src: String,
        width: u32,
        height: u32,
        alt: Bilingual,
    },
    Link {
        kind: LinkKind,
        url: String,
        label: Bilingual,
    },
    Check(CheckView),
    Reflection(ReflectionView),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckView {
    pub key: String,
    pub mode: CheckMode,
    pub question: Bilingual,
    pub options: Vec<OptionView>,
    pub answer: Option<AnswerView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflectionView {
    pub key: String,
    pub prompt: Bilingual,
    pub body: String,
    pub revision: i64,
}

/// The lesson page as the browser gets it: what only displays is server-rendered
/// HTML in the reader's language; the quick checks and reflections hydrate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonScreen {
    pub class_id: i64,
    pub key: String,
    pub head_html: String,
    pub blocks: Vec<ScreenBlock>,
    pub is_participant: bool,
    pub next: Option<String>,
    pub previous: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScreenBlock {
    Html(String),
    Check(CheckView),
    Reflection(ReflectionView),
}

impl crate::ui::CarriesHtml for LessonScreen {
    fn without_html(&self) -> Self {
        let blocks = self
            .blocks
            .iter()
            .map(|b| match b {
                ScreenBlock::Html(_) => ScreenBlock::Html(String::new()),
                other => other.clone(),
            })
            .collect();
        LessonScreen {
            head_html: String::new(),
            blocks,
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub key: String,
    pub text: Bilingual,
}

/// The participant's last answer, with what they need to learn from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub chosen: Vec<String>,
    pub correct: bool,
    pub attempts: u32,
    /// Feedback for each chosen option: (option key, was it a right choice, text).
    pub feedback: Vec<(String, bool, Bilingual)>,
}

/// The facilitator's board: participants × units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressBoard {
    pub class_id: i64,
    pub class_name: String,
    /// Generations present in the class: (code, label), in scheme order.
    pub generations: Vec<(String, String)>,
    pub units: Vec<(String, Bilingual)>,
    pub rows: Vec<ProgressRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    pub name: String,
    pub generation: String,
    pub generation_label: String,
    pub cells: Vec<ProgressCell>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressCell {
    pub lessons_done: u32,
    pub lessons: u32,
    /// Quick checks answered right at least once, and answered at all.
    pub checks_right: u32,
    pub checks_answered: u32,
}

/// Every participant's reflection for one lesson, for the facilitator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonReflections {
    pub class_id: i64,
    pub lesson_title: Bilingual,
    pub prompts: Vec<(String, Bilingual)>,
    /// (prompt key, participant name, generation label, text), by prompt then name.
    pub entries: Vec<(String, String, String, String)>,
}
