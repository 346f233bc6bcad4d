//! Reads the locale files (`locales/id.toml`, `locales/en.toml`) and writes the
//! key tables `i18n::K` and `i18n::P` from them. The build stops, naming the
//! key, when a language lacks a key the other has, when a message is not valid,
//! or when the two languages disagree on a message's arguments.
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

#[path = "src/i18n/message.rs"]
#[allow(dead_code)]
mod message;

use message::Category;

const LANGUAGES: [&str; 2] = ["id", "en"];
/// The sections of a locale file and the table each becomes.
const SECTIONS: [(&str, &str, &str); 2] = [
    ("ui", "keys", "ui_keys.rs"),
    ("page", "page_keys", "page_keys.rs"),
];

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=src/i18n/message.rs");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let files: Vec<(&str, toml::Table)> = LANGUAGES
        .iter()
        .map(|lang| {
            let path = dir.join(format!("{lang}.toml"));
            println!("cargo:rerun-if-changed={}", path.display());
            let text =
                std::fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
            let table = text
                .parse::<toml::Table>()
                .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
            (*lang, table)
        })
        .collect();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|e| fail(&e.to_string())));
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for (section, table_macro, file) in SECTIONS {
        let tables: Vec<(&str, &toml::Table)> = files
            .iter()
            .map(|(lang, t)| match t.get(section) {
                Some(toml::Value::Table(s)) => (*lang, s),
                _ => fail(&format!("locales/{lang}.toml has no [{section}] section")),
            })
            .collect();
        let (first_lang, first) = tables[0];
        for (lang, table) in &tables[1..] {
            for key in first.keys().filter(|k| !table.contains_key(*k)) {
                errors.push(format!(
                    "[{section}] {key}: in {first_lang}.toml, missing from {lang}.toml"
                ));
            }
            for key in table.keys().filter(|k| !first.contains_key(*k)) {
                errors.push(format!(
                    "[{section}] {key}: in {lang}.toml, missing from {first_lang}.toml"
                ));
            }
        }
        let mut code = format!("{table_macro}! {{\n");
        for key in first.keys() {
            if !seen.insert(key.clone()) {
                errors.push(format!("{key}: in two sections"));
            }
            if !key.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                || !key.chars().all(|c| c.is_ascii_alphanumeric())
            {
                errors.push(format!("[{section}] {key}: a key is a CamelCase name"));
            }
            let mut texts = Vec::new();
            let mut shapes = Vec::new();
            for (lang, table) in &tables {
                let Some(value) = table.get(key) else { continue };
                let Some(text) = value.as_str() else {
                    errors.push(format!(
                        "[{section}] {key} in {lang}.toml: the text must be a string"
                    ));
                    continue;
                };
                if text.trim().is_empty() {
                    errors.push(format!("[{section}] {key} in {lang}.toml: the text is empty"));
                }
                match message::parse(text) {
                    Ok(pieces) => {
                        let (args, plurals) = message::shape(&pieces);
                        if *lang == "id" && plurals.iter().any(|(_, cats)| cats.contains(&Category::One)) {
                            errors.push(format!(
                                "[{section}] {key} in id.toml: Indonesian has only the plural form 'other'"
                            ));
                        }
                        shapes.push((*lang, args));
                    }
                    Err(why) => errors.push(format!("[{section}] {key} in {lang}.toml: {why}")),
                }
                texts.push(format!("{text:?}"));
            }
            if shapes.windows(2).any(|w| w[0].1 != w[1].1) {
                let said: Vec<String> = shapes.iter().map(|(l, a)| format!("{l} uses {a:?}")).collect();
                errors.push(format!(
                    "[{section}] {key}: the languages use different arguments ({})",
                    said.join(", ")
                ));
            }
            if texts.len() == LANGUAGES.len() {
                let _ = writeln!(code, "    {key} => {};", texts.join(", "));
            }
        }
        code.push_str("}\n");
        if let Err(e) = std::fs::write(out.join(file), code) {
            fail(&e.to_string());
        }
    }
    if !errors.is_empty() {
        fail(&format!(
            "the locale files have problems:\n  {}",
            errors.join("\n  ")
        ));
    }
}

fn fail(why: &str) -> ! {
    eprintln!("error: {why}");
    std::process::exit(1);
}
