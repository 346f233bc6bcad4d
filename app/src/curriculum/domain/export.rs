//! Writes a curriculum in the portable format, laid out the way FORMAT.md shows it
//! so that people can edit the files by hand. `format::parse_curriculum` reads the
//! result back to an identical curriculum (property-tested).
//!
//! Written by hand rather than with `toml::to_string`: the serializer cannot be told
//! to use dotted `title.id` keys and `"""` blocks for Markdown, which is what makes
//! the files pleasant to edit.
use crate::curriculum::model::*;
use std::fmt::Write;

/// One `(file name, contents)` per unit; names keep the order (`01-key.toml`, …).
pub fn export_curriculum(curriculum: &Curriculum) -> Vec<(String, String)> {
    curriculum
        .units
        .iter()
        .enumerate()
        .map(|(i, unit)| (format!("{:02}-{}.toml", i + 1, unit.key), unit_file(unit)))
        .collect()
}

fn unit_file(unit: &Unit) -> String {
    let mut out = String::new();
    line(&mut out, "key", &quoted(&unit.key));
    line(&mut out, "minutes", &unit.minutes.to_string());
    bilingual(&mut out, "title", &unit.title);
    bilingual(&mut out, "objective", &unit.objective);
    for lesson in &unit.lessons {
        out.push_str("\n[[lesson]]\n");
        line(&mut out, "key", &quoted(&lesson.key));
        line(&mut out, "minutes", &lesson.minutes.to_string());
        bilingual(&mut out, "title", &lesson.title);
        for block in &lesson.blocks {
            write_block(&mut out, block);
        }
    }
    out
}

pub fn write_block(out: &mut String, block: &Block) {
    out.push_str("\n[[lesson.block]]\n");
    line(out, "type", &quoted(block.body.type_name()));
    line(out, "key", &quoted(&block.key));
    match &block.body {
        BlockBody::Text { text } | BlockBody::Takeaway { text } => bilingual(out, "text", text),
        BlockBody::Reflection { prompt } => bilingual(out, "prompt", prompt),
        BlockBody::Image {
            src,
            width,
            height,
            alt,
        } => {
            line(out, "src", &quoted(src));
            line(out, "width", &width.to_string());
            line(out, "height", &height.to_string());
            bilingual(out, "alt", alt);
        }
        BlockBody::Link { kind, url, label } => {
            line(
                out,
                "kind",
                &quoted(if *kind == LinkKind::Video { "video" } else { "link" }),
            );
            line(out, "url", &quoted(url));
            bilingual(out, "label", label);
        }
        BlockBody::Check {
            mode,
            question,
            options,
        } => {
            line(
                out,
                "mode",
                &quoted(if *mode == CheckMode::Multiple {
                    "multiple"
                } else {
                    "single"
                }),
            );
            bilingual(out, "question", question);
            for option in options {
                out.push_str("\n[[lesson.block.option]]\n");
                line(out, "key", &quoted(&option.key));
                line(out, "correct", if option.correct { "true" } else { "false" });
                bilingual(out, "text", &option.text);
                bilingual(out, "feedback", &option.feedback);
            }
        }
    }
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn bilingual(out: &mut String, field: &str, text: &Bilingual) {
    line(out, &format!("{field}.id"), &string(&text.id));
    line(out, &format!("{field}.en"), &string(&text.en));
}

/// Multi-line text as a `"""` block (readable Markdown), the rest as `"…"`.
fn string(value: &str) -> String {
    if value.contains('\n') {
        format!("\"\"\"\n{}\"\"\"", escape(value, true))
    } else {
        quoted(value)
    }
}

fn quoted(value: &str) -> String {
    format!("\"{}\"", escape(value, false))
}

/// TOML basic-string escaping. In a multi-line string newlines stay as they are,
/// and a quote is escaped only where it could end the string (next to another
/// quote, or last), so ordinary Markdown keeps its quotes unescaped.
fn escape(value: &str, multi_line: bool) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::with_capacity(value.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if !multi_line
                || chars.get(i + 1).is_none_or(|n| *n == '"')
                || i == 0
                || chars[i - 1] == '"' =>
            {
                out.push_str("\\\"")
            }
            '\n' if multi_line => out.push('\n'),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
