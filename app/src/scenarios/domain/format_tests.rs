use super::*;
use crate::scenarios::domain::fixture::sample;
use crate::scenarios::domain::rules;
use proptest::prelude::*;

fn issues(text: &str) -> Vec<(u32, String, String)> {
    parse("s.toml", text)
        .unwrap_err()
        .into_iter()
        .map(|i| (i.line, i.code, i.detail))
        .collect()
}

const HEAD: &str = "key = \"s\"\nminutes = 5\nstart = \"a\"\ntitle = { id = \"J\", en = \"T\" }\nsummary = { id = \"R\", en = \"S\" }\n";

#[test]
fn the_example_in_the_format_document_reads() {
    let doc = include_str!("../../../../content/scenarios/FORMAT.md");
    let toml = doc
        .split("```toml\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let parsed = parse("FORMAT.md", toml).unwrap();
    assert_eq!(parsed.scenario.nodes.len(), 5);
    assert_eq!(parsed.lines["tanggapan-pertama"], 26);
}

#[test]
fn export_reads_back_as_the_same_scenario() {
    let s = sample();
    let text = export(&s);
    let parsed = parse("contoh.toml", &text).unwrap();
    assert_eq!(parsed.scenario, s);
    assert_eq!(export(&parsed.scenario), text);
}

#[test]
fn every_shipped_scenario_reads_passes_the_rules_and_round_trips() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/scenarios");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        count += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let s = parse("f", &text)
            .unwrap_or_else(|e| panic!("{path:?}: {e:?}"))
            .scenario;
        assert_eq!(rules::check(&s), vec![], "{path:?}");
        assert!(s.nodes.len() >= 8, "{path:?} has {} nodes", s.nodes.len());
        let endings = s
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Ending { .. }))
            .count();
        let reflections = s
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Reflection { .. }))
            .count();
        assert!(endings >= 2 && reflections >= 1, "{path:?}");
        assert_eq!(parse("f", &export(&s)).unwrap().scenario, s, "{path:?}");
        assert_eq!(path.file_stem().unwrap().to_str().unwrap(), s.key);
    }
    assert!(count >= 6, "only {count} scenarios shipped");
}

#[test]
fn a_syntax_error_names_its_line() {
    let found = issues(&format!("{HEAD}\n[[node]]\nid = \"a\"\ntype = \"ending\n"));
    assert_eq!(found[0].0, 9);
    assert_eq!(found[0].1, "syntax");
}

#[test]
fn shape_problems_name_the_line_of_their_node_or_option() {
    let text = format!(
        "{HEAD}\n[[node]]\nid = \"a\"\ntype = \"situation\"\ntext = {{ id = \"x\", en = \"y\" }}\n\n\
         [[node]]\nid = \"b\"\ntype = \"puzzle\"\n\n\
         [[node]]\nid = \"c\"\ntype = \"choice\"\n\n[[node.option]]\nkey = \"o\"\nnext = \"a\"\neffect = {{ kindness = 1 }}\n\
         when = [{{ if = \"respect >> 2\", next = \"a\" }}]\n\n\
         [[node]]\nid = \"d\"\ntype = \"ending\"\nband = \"great\"\nnext = \"a\"\n"
    );
    let found = issues(&text);
    let expect = [
        (7, "missing_field", "next"),
        (12, "unknown_node_type", "puzzle"),
        (20, "unknown_dimension", "kindness"),
        (20, "bad_condition", "respect >> 2"),
        (26, "ending_with_next", "next"),
        (26, "unknown_band", "great"),
    ];
    for (line, code, detail) in expect {
        assert!(
            found.contains(&(line, code.into(), detail.into())),
            "{line} {code}: {found:?}"
        );
    }
}

#[test]
fn conditions_read_and_write_the_same() {
    for text in [
        "respect >= 3",
        "total < 0",
        "clarity == -2",
        "perspective > 1",
        "collaboration <= 4",
    ] {
        assert_eq!(condition_text(&parse_condition(text).unwrap()), text);
    }
    for bad in [
        "respect",
        "kindness >= 1",
        "respect => 1",
        "respect >= x",
        "respect >= 1 extra",
    ] {
        assert_eq!(parse_condition(bad), None, "{bad}");
    }
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,'\"\\\\?!-]{0,40}",
        "[a-z ]{1,10}\n[^\u{0}-\u{8}]{0,30}\n?",
        "\\PC{0,20}",
    ]
}

proptest! {
    /// Whatever the texts hold (quotes, backslashes, line breaks, any script),
    /// an exported scenario reads back unchanged.
    #[test]
    fn any_texts_survive_export_and_import(texts in proptest::collection::vec(any_text(), 6)) {
        let mut s = sample();
        s.title.id = texts[0].clone();
        s.summary.en = texts[1].clone();
        if let NodeKind::Situation { text, characters, .. } = &mut s.nodes[0].kind {
            text.id = texts[2].clone();
            characters[0].name = texts[3].clone();
        }
        if let NodeKind::Choice { options, .. } = &mut s.nodes[1].kind {
            options[0].feedback.en = texts[4].clone();
            options[1].text.id = texts[5].clone();
        }
        let parsed = parse("p.toml", &export(&s)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(parsed.scenario, s);
    }
}
