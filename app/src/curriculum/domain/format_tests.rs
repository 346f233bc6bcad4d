//! The portable format: what it accepts, every problem it reports (with file and
//! line), and a lossless round trip through the exporter.
use super::export::export_curriculum;
use super::format::{parse_curriculum, FormatIssue};
use crate::curriculum::model::*;
use proptest::prelude::*;

const UNIT: &str = r#"key = "u1"
minutes = 9
title.id = "Judul"
title.en = "Title"
objective.id = "Tujuan"
objective.en = "Objective"

[[lesson]]
key = "l1"
minutes = 5
title.id = "Pelajaran"
title.en = "Lesson"

[[lesson.block]]
type = "text"
key = "b1"
text.id = """
Paragraf *pertama*.
"""
text.en = """
First *paragraph*.
"""

[[lesson.block]]
type = "check"
key = "b2"
mode = "single"
question.id = "Pilih"
question.en = "Pick"

[[lesson.block.option]]
key = "a"
correct = true
text.id = "Ya"
text.en = "Yes"
feedback.id = "Benar"
feedback.en = "Right"

[[lesson.block.option]]
key = "b"
correct = false
text.id = "Tidak"
text.en = "No"
feedback.id = "Salah"
feedback.en = "Wrong"
"#;

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
}

fn issues_of(list: &[(&str, &str)]) -> Vec<FormatIssue> {
    parse_curriculum(&files(list)).expect_err("should be refused")
}

fn brief(issues: &[FormatIssue]) -> Vec<(String, u32, String)> {
    issues
        .iter()
        .map(|i| (i.file.clone(), i.line, i.code.clone()))
        .collect()
}

#[test]
fn a_valid_unit_is_read_completely() {
    let c = parse_curriculum(&files(&[("01-u1.toml", UNIT)])).unwrap();
    let unit = &c.units[0];
    assert_eq!(
        (unit.key.as_str(), unit.minutes, unit.title.en.as_str()),
        ("u1", 9, "Title")
    );
    let lesson = &unit.lessons[0];
    assert_eq!(lesson.blocks.len(), 2);
    assert_eq!(
        lesson.blocks[0].body,
        BlockBody::Text {
            text: Bilingual::new("Paragraf *pertama*.\n", "First *paragraph*.\n")
        }
    );
    let BlockBody::Check { mode, options, .. } = &lesson.blocks[1].body else {
        panic!("check expected")
    };
    assert_eq!(*mode, CheckMode::Single);
    assert_eq!(options.iter().filter(|o| o.correct).count(), 1);
}

#[test]
fn units_follow_file_name_order() {
    let second = UNIT
        .replace("\"u1\"", "\"u0\"")
        .replace("\"l1\"", "\"l0\"")
        .replace("\"b1\"", "\"b8\"")
        .replace("\"b2\"", "\"b9\"");
    let c = parse_curriculum(&files(&[("02-x.toml", &second), ("01-y.toml", UNIT)])).unwrap();
    assert_eq!(
        c.units.iter().map(|u| u.key.as_str()).collect::<Vec<_>>(),
        ["u1", "u0"]
    );
}

#[test]
fn unknown_block_type_is_reported_at_its_line() {
    let text = UNIT.replace("type = \"text\"", "type = \"poem\"");
    assert_eq!(
        brief(&issues_of(&[("01.toml", &text)])),
        [("01.toml".into(), 14, "unknown_block_type".into())]
    );
}

#[test]
fn a_missing_translation_names_the_field() {
    let text = UNIT.replace("question.en = \"Pick\"\n", "");
    let issues = issues_of(&[("01.toml", &text)]);
    assert_eq!(
        brief(&issues),
        [("01.toml".into(), 24, "missing_translation".into())]
    );
    assert_eq!(issues[0].detail, "question");
}

#[test]
fn a_quick_check_needs_a_correct_option() {
    let text = UNIT.replace("correct = true", "correct = false");
    assert_eq!(
        brief(&issues_of(&[("01.toml", &text)])),
        [("01.toml".into(), 24, "check_no_correct".into())]
    );
}

#[test]
fn duplicate_keys_across_files_point_at_the_first() {
    let issues = issues_of(&[("01.toml", UNIT), ("02.toml", UNIT)]);
    assert_eq!(
        brief(&issues),
        [
            ("02.toml".into(), 1, "duplicate_key".into()),
            ("02.toml".into(), 9, "duplicate_key".into()),
            ("02.toml".into(), 16, "duplicate_key".into()),
            ("02.toml".into(), 26, "duplicate_key".into()),
        ]
    );
    assert_eq!(issues[0].detail, "u1 (01.toml:1)");
}

#[test]
fn typos_and_syntax_errors_are_caught_with_lines() {
    let typo = UNIT.replace("minutes = 5", "minutse = 5");
    let issues = issues_of(&[("01.toml", &typo)]);
    assert_eq!(brief(&issues), [("01.toml".into(), 10, "unknown_field".into())]);
    let broken = UNIT.replace("title.en = \"Lesson\"", "title.en = \"Lesson");
    assert_eq!(
        brief(&issues_of(&[("01.toml", &broken)])),
        [("01.toml".into(), 12, "syntax".into())]
    );
}

#[test]
fn fields_of_another_block_type_and_bad_values_are_refused() {
    let text = UNIT.replace(
        "type = \"text\"\nkey = \"b1\"",
        "type = \"text\"\nkey = \"b1\"\nurl = \"https://x.id\"",
    );
    assert_eq!(
        brief(&issues_of(&[("01.toml", &text)])),
        [("01.toml".into(), 14, "field_not_allowed".into())]
    );
    let minutes = UNIT.replace("minutes = 5", "minutes = 12");
    assert_eq!(
        brief(&issues_of(&[("01.toml", &minutes)])),
        [("01.toml".into(), 8, "lesson_minutes".into())]
    );
    let key = UNIT.replace("key = \"l1\"", "key = \"Pelajaran 1\"");
    assert_eq!(
        brief(&issues_of(&[("01.toml", &key)])),
        [("01.toml".into(), 9, "bad_key".into())]
    );
}

#[test]
fn an_empty_folder_is_an_error() {
    assert_eq!(
        brief(&parse_curriculum(&[]).unwrap_err()),
        [(String::new(), 0, "no_units".into())]
    );
}

#[test]
fn the_shipped_curriculum_is_valid_and_complete() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/curriculum");
    let files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    let curriculum = parse_curriculum(&files).unwrap_or_else(|issues| panic!("{issues:#?}"));
    assert!(curriculum.units.len() >= 6, "at least six units");
    for unit in &curriculum.units {
        assert!(unit.lessons.len() >= 3, "{}: three or more lessons", unit.key);
        let blocks = || unit.lessons.iter().flat_map(|l| &l.blocks);
        assert!(
            blocks().any(|b| matches!(b.body, BlockBody::Check { .. })),
            "{}: a quick check",
            unit.key
        );
        assert!(
            blocks().any(|b| matches!(b.body, BlockBody::Reflection { .. })),
            "{}: a reflection",
            unit.key
        );
        for block in blocks() {
            if let BlockBody::Image { src, .. } = &block.body {
                let asset = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../public/curriculum")
                    .join(src);
                assert!(asset.exists(), "{} is shipped", asset.display());
            }
        }
    }
    let back = parse_curriculum(&export_curriculum(&curriculum)).unwrap();
    assert_eq!(back, curriculum, "the shipped content survives export and import");
}

fn text() -> impl Strategy<Value = String> {
    // Markdown-ish text with the characters that are hard to quote in TOML.
    proptest::string::string_regex("[a-zA-Zé ö日\"'\\\\\n\t*#>-]{0,40}[a-z]").unwrap()
}

fn bilingual() -> impl Strategy<Value = Bilingual> {
    (text(), text()).prop_map(|(id, en)| Bilingual { id, en })
}

fn body() -> impl Strategy<Value = BlockBody> {
    let option = (any::<bool>(), bilingual(), bilingual());
    prop_oneof![
        bilingual().prop_map(|text| BlockBody::Text { text }),
        bilingual().prop_map(|text| BlockBody::Takeaway { text }),
        bilingual().prop_map(|prompt| BlockBody::Reflection { prompt }),
        (1u32..2000, 1u32..2000, bilingual()).prop_map(|(width, height, alt)| BlockBody::Image {
            src: "gambar-1.svg".into(),
            width,
            height,
            alt
        }),
        (any::<bool>(), "[a-z0-9/._?=&-]{1,30}", bilingual()).prop_map(|(video, path, label)| {
            BlockBody::Link {
                kind: if video { LinkKind::Video } else { LinkKind::Link },
                url: format!("https://contoh.go.id/{path}"),
                label,
            }
        }),
        (
            any::<bool>(),
            bilingual(),
            proptest::collection::vec(option, 2..6)
        )
            .prop_map(|(multi, question, raw)| {
                let options = raw
                    .into_iter()
                    .enumerate()
                    .map(|(i, (correct, text, feedback))| CheckOption {
                        key: format!("o{i}"),
                        correct: correct || i == 0,
                        text,
                        feedback,
                    })
                    .map(|mut o| {
                        if !multi && o.key != "o0" {
                            o.correct = false;
                        }
                        o
                    })
                    .collect();
                BlockBody::Check {
                    mode: if multi {
                        CheckMode::Multiple
                    } else {
                        CheckMode::Single
                    },
                    question,
                    options,
                }
            }),
    ]
}

fn curriculum() -> impl Strategy<Value = Curriculum> {
    let lesson = (2u32..=10, bilingual(), proptest::collection::vec(body(), 1..5));
    let unit = (
        1u32..600,
        bilingual(),
        bilingual(),
        proptest::collection::vec(lesson, 1..4),
    );
    proptest::collection::vec(unit, 1..4).prop_map(|units| {
        let mut n = 0;
        let mut next = |prefix: &str| {
            n += 1;
            format!("{prefix}-{n}")
        };
        Curriculum {
            units: units
                .into_iter()
                .map(|(minutes, title, objective, lessons)| Unit {
                    key: next("unit"),
                    minutes,
                    title,
                    objective,
                    lessons: lessons
                        .into_iter()
                        .map(|(minutes, title, bodies)| Lesson {
                            key: next("lesson"),
                            minutes,
                            title,
                            blocks: bodies
                                .into_iter()
                                .map(|body| Block {
                                    key: next("block"),
                                    body,
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn export_then_import_is_lossless(c in curriculum()) {
        let files = export_curriculum(&c);
        let back = parse_curriculum(&files).map_err(|e| TestCaseError::fail(format!("{e:#?}\n{}", files[0].1)))?;
        prop_assert_eq!(back, c);
    }
}
