//! Writes a scenario in the portable format, laid out as an author would write
//! it by hand (see content/scenarios/FORMAT.md), so an exported file is pleasant
//! to edit and reads back as the same scenario.
use super::format::condition_text;
use crate::scenarios::model::*;
use std::fmt::Write;

pub fn export(s: &Scenario) -> String {
    let mut out = String::new();
    line(&mut out, "key", &quoted(&s.key));
    let _ = writeln!(out, "minutes = {}", s.minutes);
    line(&mut out, "start", &quoted(&s.start));
    bilingual(&mut out, "title", &s.title);
    bilingual(&mut out, "summary", &s.summary);
    for node in &s.nodes {
        out.push_str("\n[[node]]\n");
        line(&mut out, "id", &quoted(&node.id));
        line(&mut out, "type", &quoted(node.kind.type_name()));
        node_body(&mut out, &node.kind);
    }
    out
}

/// A node's own fields, as in its `[[node]]` table: what the node editor shows.
pub fn node_body(out: &mut String, kind: &NodeKind) {
    match kind {
        NodeKind::Situation {
            text,
            characters,
            next,
        } => {
            bilingual(out, "text", text);
            next_fields(out, next);
            for c in characters {
                out.push_str("\n[[node.character]]\n");
                line(out, "name", &quoted(&c.name));
                line(out, "generation", &quoted(&c.generation));
                bilingual(out, "role", &c.role);
            }
        }
        NodeKind::Choice { text, options } => {
            bilingual(out, "text", text);
            for o in options {
                out.push_str("\n[[node.option]]\n");
                line(out, "key", &quoted(&o.key));
                bilingual(out, "text", &o.text);
                bilingual(out, "feedback", &o.feedback);
                line(out, "effect", &effect(&o.effect));
                next_fields(out, &o.next);
            }
        }
        NodeKind::Reflection { prompt, next } => {
            bilingual(out, "prompt", prompt);
            next_fields(out, next);
        }
        NodeKind::Ending { band, title, text } => {
            line(out, "band", &quoted(band.name()));
            bilingual(out, "title", title);
            bilingual(out, "text", text);
        }
    }
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn bilingual(out: &mut String, key: &str, text: &Bilingual) {
    line(out, &format!("{key}.id"), &quoted(&text.id));
    line(out, &format!("{key}.en"), &quoted(&text.en));
}

fn next_fields(out: &mut String, next: &Next) {
    line(out, "next", &quoted(&next.default));
    if next.when.is_empty() {
        return;
    }
    out.push_str("when = [\n");
    for b in &next.when {
        let _ = writeln!(
            out,
            "  {{ if = {}, next = {} }},",
            quoted(&condition_text(&b.condition)),
            quoted(&b.next)
        );
    }
    out.push_str("]\n");
}

fn effect(scores: &Scores) -> String {
    let parts: Vec<String> = Dimension::ALL
        .iter()
        .filter(|d| scores.get(**d) != 0)
        .map(|d| format!("{} = {}", d.name(), scores.get(*d)))
        .collect();
    if parts.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// A TOML string: one line when it fits on one, else a multi-line basic string
/// whose lines read as written. Escapes make both read back exactly.
pub fn quoted(text: &str) -> String {
    if text.contains('\n') {
        format!("\"\"\"\n{}\"\"\"", escape(text, true))
    } else {
        format!("\"{}\"", escape(text, false))
    }
}

fn escape(text: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multiline => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
