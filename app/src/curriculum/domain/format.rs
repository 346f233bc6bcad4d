//! Reads the portable curriculum format (a folder of TOML files, one per unit; see
//! content/curriculum/FORMAT.md). Everything is validated before anything is
//! returned, and every problem names its file, line and a code the UI translates.
use super::rules;
use crate::curriculum::model::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use toml::Spanned;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatIssue {
    pub file: String,
    /// 1-based; 0 when the problem is the folder as a whole.
    pub line: u32,
    pub code: String,
    /// The field, key or parser detail the code is about.
    pub detail: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    id: Option<String>,
    en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    key: Option<Spanned<String>>,
    minutes: Option<u32>,
    title: Option<RawText>,
    objective: Option<RawText>,
    #[serde(default)]
    lesson: Vec<Spanned<RawLesson>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLesson {
    key: Option<Spanned<String>>,
    minutes: Option<u32>,
    title: Option<RawText>,
    #[serde(default)]
    block: Vec<Spanned<RawBlock>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    #[serde(rename = "type")]
    block_type: Option<String>,
    key: Option<Spanned<String>>,
    text: Option<RawText>,
    question: Option<RawText>,
    prompt: Option<RawText>,
    alt: Option<RawText>,
    label: Option<RawText>,
    src: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    kind: Option<String>,
    url: Option<String>,
    mode: Option<String>,
    option: Option<Vec<Spanned<RawOption>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    key: Option<String>,
    correct: Option<bool>,
    text: Option<RawText>,
    feedback: Option<RawText>,
}

/// Parses and validates a whole curriculum: `(file name, contents)` in any order;
/// units come out in file-name order.
pub fn parse_curriculum(files: &[(String, String)]) -> Result<Curriculum, Vec<FormatIssue>> {
    let mut sorted: Vec<&(String, String)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut keys = Keys::default();
    let mut issues = Vec::new();
    let mut units = Vec::new();
    for (name, text) in sorted {
        let mut file = FileCtx {
            name,
            text,
            keys: &mut keys,
            issues: &mut issues,
        };
        if let Some(unit) = file.unit() {
            units.push(unit);
        }
    }
    if units.is_empty() && issues.is_empty() {
        issues.push(FormatIssue {
            file: String::new(),
            line: 0,
            code: "no_units".into(),
            detail: String::new(),
        });
    }
    if issues.is_empty() {
        Ok(Curriculum { units })
    } else {
        Err(issues)
    }
}

/// Where each key was first seen, per kind (unit, lesson, block).
#[derive(Default)]
struct Keys(HashMap<(&'static str, String), (String, u32)>);

struct FileCtx<'a> {
    name: &'a str,
    text: &'a str,
    keys: &'a mut Keys,
    issues: &'a mut Vec<FormatIssue>,
}

impl FileCtx<'_> {
    fn line_at(&self, offset: usize) -> u32 {
        line_at(self.text, offset)
    }

    fn push(&mut self, line: u32, code: &str, detail: &str) {
        self.issues.push(FormatIssue {
            file: self.name.to_string(),
            line,
            code: code.to_string(),
            detail: detail.to_string(),
        });
    }

    fn unit(&mut self) -> Option<Unit> {
        let raw: RawUnit = match toml::from_str(self.text) {
            Ok(raw) => raw,
            Err(e) => {
                let line = e.span().map_or(1, |s| self.line_at(s.start));
                self.push(line, parser_code(e.message()), e.message().trim());
                return None;
            }
        };
        let key = self.key("unit", raw.key, 1);
        if raw
            .minutes
            .is_none_or(|m| rules::unit_minutes_problem(m).is_some())
        {
            self.push(1, "unit_minutes", "minutes");
        }
        let title = self.text_field(raw.title, 1, "title");
        let objective = self.text_field(raw.objective, 1, "objective");
        if raw.lesson.is_empty() {
            self.push(1, "no_lessons", &key);
        }
        let lessons = raw.lesson.into_iter().map(|l| self.lesson(l)).collect();
        Some(Unit {
            key,
            minutes: raw.minutes.unwrap_or(0),
            title,
            objective,
            lessons,
        })
    }

    fn lesson(&mut self, raw: Spanned<RawLesson>) -> Lesson {
        let line = self.line_at(raw.span().start);
        let raw = raw.into_inner();
        let key = self.key("lesson", raw.key, line);
        let minutes = raw.minutes.unwrap_or(0);
        if let Some(code) = rules::lesson_minutes_problem(minutes) {
            self.push(line, code, "minutes");
        }
        let title = self.text_field(raw.title, line, "title");
        if raw.block.is_empty() {
            self.push(line, "no_blocks", &key);
        }
        let blocks = raw.block.into_iter().filter_map(|b| self.block(b)).collect();
        Lesson {
            key,
            minutes,
            title,
            blocks,
        }
    }

    fn block(&mut self, raw: Spanned<RawBlock>) -> Option<Block> {
        let line = self.line_at(raw.span().start);
        let raw = raw.into_inner();
        let key = self.key("block", raw.key.clone(), line);
        let block_type = raw.block_type.clone().unwrap_or_default();
        let Some(allowed) = allowed_fields(&block_type) else {
            self.push(line, "unknown_block_type", &block_type);
            return None;
        };
        for field in present_fields(&raw) {
            if !allowed.contains(&field) {
                self.push(line, "field_not_allowed", field);
            }
        }
        let body = match block_type.as_str() {
            "text" => BlockBody::Text {
                text: self.text_field(raw.text, line, "text"),
            },
            "takeaway" => BlockBody::Takeaway {
                text: self.text_field(raw.text, line, "text"),
            },
            "reflection" => BlockBody::Reflection {
                prompt: self.text_field(raw.prompt, line, "prompt"),
            },
            "image" => self.image(raw, line),
            "link" => self.link(raw, line),
            _ => self.check(raw, line),
        };
        Some(Block { key, body })
    }

    fn image(&mut self, raw: RawBlock, line: u32) -> BlockBody {
        let (src, width, height) = (
            raw.src.unwrap_or_default(),
            raw.width.unwrap_or(0),
            raw.height.unwrap_or(0),
        );
        if let Some(code) = rules::image_problem(&src, width, height) {
            self.push(line, code, &src);
        }
        let alt = self.text_field(raw.alt, line, "alt");
        BlockBody::Image {
            src,
            width,
            height,
            alt,
        }
    }

    fn link(&mut self, raw: RawBlock, line: u32) -> BlockBody {
        let kind = match raw.kind.as_deref() {
            Some("video") => LinkKind::Video,
            Some("link") => LinkKind::Link,
            other => {
                self.push(line, "bad_link_kind", other.unwrap_or(""));
                LinkKind::Link
            }
        };
        let url = raw.url.unwrap_or_default();
        if let Some(code) = rules::url_problem(&url) {
            self.push(line, code, &url);
        }
        let label = self.text_field(raw.label, line, "label");
        BlockBody::Link { kind, url, label }
    }

    fn check(&mut self, raw: RawBlock, line: u32) -> BlockBody {
        let mode = match raw.mode.as_deref() {
            Some("multiple") => CheckMode::Multiple,
            Some("single") => CheckMode::Single,
            other => {
                self.push(line, "bad_check_mode", other.unwrap_or(""));
                CheckMode::Single
            }
        };
        let question = self.text_field(raw.question, line, "question");
        let mut seen = Vec::new();
        let mut options = Vec::new();
        for option in raw.option.unwrap_or_default() {
            let option_line = self.line_at(option.span().start);
            let o = option.into_inner();
            let key = o.key.unwrap_or_default();
            if let Some(code) = rules::key_problem(&key) {
                self.push(option_line, code, &key);
            } else if seen.contains(&key) {
                self.push(option_line, "duplicate_key", &key);
            }
            seen.push(key.clone());
            let text = self.text_field(o.text, option_line, "text");
            let feedback = self.text_field(o.feedback, option_line, "feedback");
            options.push(CheckOption {
                key,
                correct: o.correct.unwrap_or(false),
                text,
                feedback,
            });
        }
        if let Some(code) = rules::options_problem(mode, &options) {
            self.push(line, code, "option");
        }
        BlockBody::Check {
            mode,
            question,
            options,
        }
    }

    fn key(&mut self, kind: &'static str, raw: Option<Spanned<String>>, fallback_line: u32) -> String {
        let Some(raw) = raw else {
            self.push(fallback_line, "missing_field", "key");
            return String::new();
        };
        let line = self.line_at(raw.span().start);
        let key = raw.into_inner();
        if let Some(code) = rules::key_problem(&key) {
            self.push(line, code, &key);
        } else if let Some((file, first)) = self.keys.0.get(&(kind, key.clone())) {
            let detail = format!("{key} ({file}:{first})");
            self.push(line, "duplicate_key", &detail);
        } else {
            self.keys
                .0
                .insert((kind, key.clone()), (self.name.to_string(), line));
        }
        key
    }

    fn text_field(&mut self, raw: Option<RawText>, line: u32, field: &str) -> Bilingual {
        let Some(raw) = raw else {
            self.push(line, "missing_field", field);
            return Bilingual::default();
        };
        let text = Bilingual {
            id: raw.id.unwrap_or_default(),
            en: raw.en.unwrap_or_default(),
        };
        if let Some(code) = rules::bilingual_problem(&text) {
            self.push(line, code, field);
        }
        text
    }
}

/// The 1-based line of a byte offset in `text` (TOML spans are byte offsets).
/// Shared with the scenario format.
pub fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() as u32 + 1
}

/// The parser's own words are kept as detail; the code says what kind of problem
/// it is. Shared with the scenario format.
pub fn parser_code(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "unknown_field"
    } else if message.starts_with("missing field") {
        "missing_field"
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        "invalid_value"
    } else {
        "syntax"
    }
}

fn allowed_fields(block_type: &str) -> Option<&'static [&'static str]> {
    Some(match block_type {
        "text" | "takeaway" => &["text"],
        "reflection" => &["prompt"],
        "image" => &["src", "width", "height", "alt"],
        "link" => &["kind", "url", "label"],
        "check" => &["mode", "question", "option"],
        _ => return None,
    })
}

fn present_fields(raw: &RawBlock) -> Vec<&'static str> {
    [
        ("text", raw.text.is_some()),
        ("question", raw.question.is_some()),
        ("prompt", raw.prompt.is_some()),
        ("alt", raw.alt.is_some()),
        ("label", raw.label.is_some()),
        ("src", raw.src.is_some()),
        ("width", raw.width.is_some()),
        ("height", raw.height.is_some()),
        ("kind", raw.kind.is_some()),
        ("url", raw.url.is_some()),
        ("mode", raw.mode.is_some()),
        ("option", raw.option.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, present)| present.then_some(name))
    .collect()
}
