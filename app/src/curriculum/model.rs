//! The curriculum as the app sees it: units of micro-lessons made of blocks, every
//! participant-facing text in Indonesian and English side by side.
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub id: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Id => &self.id,
            Locale::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Curriculum {
    pub units: Vec<Unit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub key: String,
    pub minutes: u32,
    pub title: Bilingual,
    pub objective: Bilingual,
    pub lessons: Vec<Lesson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub key: String,
    pub minutes: u32,
    pub title: Bilingual,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub key: String,
    pub body: BlockBody,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckMode {
    Single,
    Multiple,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    Link,
    Video,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockBody {
    /// Markdown, sanitised when shown.
    Text {
        text: Bilingual,
    },
    Takeaway {
        text: Bilingual,
    },
    /// A file in `public/curriculum/`, with its intrinsic size.
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
    Check {
        mode: CheckMode,
        question: Bilingual,
        options: Vec<CheckOption>,
    },
    Reflection {
        prompt: Bilingual,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckOption {
    pub key: String,
    pub correct: bool,
    pub text: Bilingual,
    pub feedback: Bilingual,
}

impl BlockBody {
    /// The name used in the file format and in messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            BlockBody::Text { .. } => "text",
            BlockBody::Takeaway { .. } => "takeaway",
            BlockBody::Image { .. } => "image",
            BlockBody::Link { .. } => "link",
            BlockBody::Check { .. } => "check",
            BlockBody::Reflection { .. } => "reflection",
        }
    }
}
