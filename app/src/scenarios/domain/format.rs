//! Reads and writes the portable scenario format (content/scenarios/FORMAT.md).
//!
//! Reading checks the file's shape (TOML syntax, fields, types, node types,
//! conditions) and says on which line each problem is. What the scenario then
//! says (is every node reachable, are both languages there) is `rules::check`,
//! so a draft with a trap in it can be imported, shown and mended in the editor.
//! Writing gives back the same scenario on reading: `parse(&export(s)) == s`.
use crate::curriculum::domain::format::{line_at, parser_code, FormatIssue};
use crate::scenarios::model::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    id: Option<String>,
    en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    key: Option<String>,
    minutes: Option<u32>,
    start: Option<String>,
    title: Option<RawText>,
    summary: Option<RawText>,
    #[serde(default)]
    node: Vec<Spanned<RawNode>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: Option<String>,
    #[serde(rename = "type")]
    node_type: Option<String>,
    text: Option<RawText>,
    prompt: Option<RawText>,
    title: Option<RawText>,
    band: Option<String>,
    next: Option<String>,
    when: Option<Vec<RawBranch>>,
    character: Option<Vec<RawCharacter>>,
    option: Option<Vec<Spanned<RawOption>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBranch {
    #[serde(rename = "if")]
    condition: String,
    next: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCharacter {
    name: Option<String>,
    generation: Option<String>,
    role: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    key: Option<String>,
    text: Option<RawText>,
    feedback: Option<RawText>,
    effect: Option<BTreeMap<String, i32>>,
    next: Option<String>,
    when: Option<Vec<RawBranch>>,
}

/// A scenario read from its file, with the line each node starts on.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub scenario: Scenario,
    pub lines: HashMap<String, u32>,
}

impl Parsed {
    pub fn line_of(&self, node: Option<&str>) -> u32 {
        node.and_then(|n| self.lines.get(n)).copied().unwrap_or(1)
    }
}

pub fn parse(file: &str, text: &str) -> Result<Parsed, Vec<FormatIssue>> {
    let mut reader = Reader {
        file,
        text,
        issues: Vec::new(),
    };
    let raw: RawScenario = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map_or(1, |s| reader.line_at(s.start));
            reader.push(line, parser_code(e.message()), e.message().trim());
            return Err(reader.issues);
        }
    };
    let mut lines = HashMap::new();
    let mut nodes = Vec::new();
    for spanned in raw.node {
        let line = reader.line_at(spanned.span().start);
        if let Some(node) = reader.node(spanned.into_inner(), line) {
            lines.entry(node.id.clone()).or_insert(line);
            nodes.push(node);
        }
    }
    let scenario = Scenario {
        key: reader.required(raw.key, 1, "key"),
        minutes: raw.minutes.unwrap_or(0),
        start: reader.required(raw.start, 1, "start"),
        title: bilingual(raw.title),
        summary: bilingual(raw.summary),
        nodes,
    };
    if reader.issues.is_empty() {
        Ok(Parsed { scenario, lines })
    } else {
        Err(reader.issues)
    }
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    issues: Vec<FormatIssue>,
}

impl Reader<'_> {
    fn line_at(&self, offset: usize) -> u32 {
        line_at(self.text, offset)
    }

    fn push(&mut self, line: u32, code: &str, detail: &str) {
        self.issues.push(FormatIssue {
            file: self.file.to_string(),
            line,
            code: code.to_string(),
            detail: detail.to_string(),
        });
    }

    fn required(&mut self, value: Option<String>, line: u32, field: &str) -> String {
        value.unwrap_or_else(|| {
            self.push(line, "missing_field", field);
            String::new()
        })
    }

    fn node(&mut self, raw: RawNode, line: u32) -> Option<Node> {
        let id = self.required(raw.id.clone(), line, "id");
        let node_type = raw.node_type.clone().unwrap_or_default();
        self.unexpected(&raw, &node_type, line);
        let kind = match node_type.as_str() {
            "situation" => NodeKind::Situation {
                text: bilingual(raw.text),
                characters: raw
                    .character
                    .unwrap_or_default()
                    .into_iter()
                    .map(character)
                    .collect(),
                next: self.next(raw.next, raw.when, line)?,
            },
            "choice" => NodeKind::Choice {
                text: bilingual(raw.text),
                options: self.options(raw.option.unwrap_or_default()),
            },
            "reflection" => NodeKind::Reflection {
                prompt: bilingual(raw.prompt),
                next: self.next(raw.next, raw.when, line)?,
            },
            "ending" => NodeKind::Ending {
                band: self.band(raw.band, line)?,
                title: bilingual(raw.title),
                text: bilingual(raw.text),
            },
            other => {
                self.push(line, "unknown_node_type", other);
                return None;
            }
        };
        Some(Node { id, kind })
    }

    /// Fields that the node's type does not use are mistakes, not silently dropped text.
    fn unexpected(&mut self, raw: &RawNode, node_type: &str, line: u32) {
        let allowed: &[&str] = match node_type {
            "situation" => &["text", "character", "next", "when"],
            "choice" => &["text", "option"],
            "reflection" => &["prompt", "next", "when"],
            "ending" => &["band", "title", "text"],
            _ => return,
        };
        let present = [
            ("text", raw.text.is_some()),
            ("prompt", raw.prompt.is_some()),
            ("title", raw.title.is_some()),
            ("band", raw.band.is_some()),
            ("next", raw.next.is_some()),
            ("when", raw.when.is_some()),
            ("character", raw.character.is_some()),
            ("option", raw.option.is_some()),
        ];
        for (field, _) in present.iter().filter(|(f, p)| *p && !allowed.contains(f)) {
            let code = if node_type == "ending" && (*field == "next" || *field == "when") {
                "ending_with_next"
            } else {
                "field_not_for_type"
            };
            self.push(line, code, field);
        }
    }

    fn next(&mut self, next: Option<String>, when: Option<Vec<RawBranch>>, line: u32) -> Option<Next> {
        let Some(default) = next else {
            self.push(line, "missing_field", "next");
            return None;
        };
        let mut branches = Vec::new();
        for raw in when.unwrap_or_default() {
            match parse_condition(&raw.condition) {
                Some(condition) => branches.push(Branch {
                    condition,
                    next: raw.next,
                }),
                None => self.push(line, "bad_condition", &raw.condition),
            }
        }
        Some(Next {
            default,
            when: branches,
        })
    }

    fn options(&mut self, raw: Vec<Spanned<RawOption>>) -> Vec<ChoiceOption> {
        let mut options = Vec::new();
        for spanned in raw {
            let line = self.line_at(spanned.span().start);
            let raw = spanned.into_inner();
            let key = self.required(raw.key, line, "key");
            let effect = self.effect(raw.effect.unwrap_or_default(), line);
            if let Some(next) = self.next(raw.next, raw.when, line) {
                options.push(ChoiceOption {
                    key,
                    text: bilingual(raw.text),
                    feedback: bilingual(raw.feedback),
                    effect,
                    next,
                });
            }
        }
        options
    }

    fn effect(&mut self, raw: BTreeMap<String, i32>, line: u32) -> Scores {
        let mut scores = Scores::default();
        for (name, value) in raw {
            match Dimension::from_name(&name) {
                Some(d) => scores.set(d, value),
                None => self.push(line, "unknown_dimension", &name),
            }
        }
        scores
    }

    fn band(&mut self, raw: Option<String>, line: u32) -> Option<Band> {
        let name = raw.unwrap_or_default();
        let band = Band::from_name(&name);
        if band.is_none() {
            self.push(line, "unknown_band", &name);
        }
        band
    }
}

fn bilingual(raw: Option<RawText>) -> Bilingual {
    let raw = raw.unwrap_or(RawText { id: None, en: None });
    Bilingual::new(raw.id.unwrap_or_default(), raw.en.unwrap_or_default())
}

fn character(raw: RawCharacter) -> Character {
    Character {
        name: raw.name.unwrap_or_default(),
        generation: raw.generation.unwrap_or_default(),
        role: bilingual(raw.role),
    }
}

/// `respect >= 3`, `total < 0`: a dimension (or `total`), an operator, a whole number.
pub fn parse_condition(text: &str) -> Option<Condition> {
    let mut parts = text.split_whitespace();
    let (name, op, value) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let dimension = match name {
        "total" => None,
        other => Some(Dimension::from_name(other)?),
    };
    let op = Op::ALL.iter().find(|(_, s)| *s == op)?.0;
    Some(Condition {
        dimension,
        op,
        value: value.parse().ok()?,
    })
}

pub fn condition_text(c: &Condition) -> String {
    let name = c.dimension.map_or("total", Dimension::name);
    format!("{name} {} {}", c.op.symbol(), c.value)
}

pub use super::export::export;

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;

/// Lines the editor adds before a node's or header's source to read it as a
/// whole file; problems are reported at the line the author sees.
const WRAPPER_LINES: u32 = 3;

fn shift(mut issues: Vec<FormatIssue>, file: &str) -> Vec<FormatIssue> {
    for i in &mut issues {
        i.line = i.line.saturating_sub(WRAPPER_LINES).max(1);
        i.file = file.to_string();
    }
    issues
}

/// One node as the editor shows it (`id`, `type` and its fields, with its
/// `[[node.option]]` / `[[node.character]]` tables).
pub fn parse_node(source: &str) -> Result<Node, Vec<FormatIssue>> {
    let wrapped = format!("key = \"k\"\nstart = \"s\"\n[[node]]\n{source}");
    let mut parsed = parse("source", &wrapped).map_err(|e| shift(e, "source"))?;
    match parsed.scenario.nodes.len() {
        1 => Ok(parsed.scenario.nodes.remove(0)),
        _ => Err(vec![FormatIssue {
            file: "source".into(),
            line: 1,
            code: "one_node".into(),
            detail: String::new(),
        }]),
    }
}

pub fn node_source(node: &Node) -> String {
    let mut out = format!(
        "id = {}\ntype = {}\n",
        super::export::quoted(&node.id),
        super::export::quoted(node.kind.type_name())
    );
    super::export::node_body(&mut out, &node.kind);
    out
}

/// The scenario's own fields (key, minutes, start, title, summary) as edited
/// apart from its nodes; the nodes come from `into`.
pub fn parse_header(source: &str, into: &Scenario) -> Result<Scenario, Vec<FormatIssue>> {
    let wrapped = format!("\n\n\n{source}");
    let parsed = parse("source", &wrapped).map_err(|e| shift(e, "source"))?;
    let mut s = parsed.scenario;
    if !s.nodes.is_empty() || s.key != into.key {
        return Err(vec![FormatIssue {
            file: "source".into(),
            line: 1,
            code: "header_only".into(),
            detail: into.key.clone(),
        }]);
    }
    s.nodes = into.nodes.clone();
    Ok(s)
}

pub fn header_source(s: &Scenario) -> String {
    super::export::export(&Scenario {
        nodes: Vec::new(),
        ..s.clone()
    })
}
