//! Tests of `authoring.rs`.
use super::*;
use crate::curriculum::model::{Block, Unit};
use proptest::prelude::*;

fn text(key: &str) -> Block {
    Block {
        key: key.into(),
        body: BlockBody::Text {
            text: Bilingual::new("Teks", "Text"),
        },
    }
}

fn course(units: usize, lessons: usize, blocks: usize) -> Curriculum {
    Curriculum {
        units: (0..units)
            .map(|u| Unit {
                key: format!("u{u}"),
                minutes: 20,
                title: Bilingual::new("Unit", "Unit"),
                objective: Bilingual::new("Tujuan", "Objective"),
                lessons: (0..lessons)
                    .map(|l| Lesson {
                        key: format!("u{u}-l{l}"),
                        minutes: 5,
                        title: Bilingual::new("Pelajaran", "Lesson"),
                        blocks: (0..blocks).map(|b| text(&format!("u{u}-l{l}-b{b}"))).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn block_keys(c: &Curriculum) -> Vec<String> {
    c.units
        .iter()
        .flat_map(|u| &u.lessons)
        .flat_map(|l| &l.blocks)
        .map(|b| b.key.clone())
        .collect()
}

#[test]
fn moving_past_either_end_changes_nothing() {
    let mut c = course(2, 1, 1);
    let before = c.clone();
    move_unit(&mut c, "u0", Direction::Up).unwrap();
    move_unit(&mut c, "u1", Direction::Down).unwrap();
    assert_eq!(c, before);
    move_unit(&mut c, "u1", Direction::Up).unwrap();
    assert_eq!(c.units[0].key, "u1");
}

#[test]
fn the_last_lesson_or_block_cannot_be_retired() {
    let mut c = course(1, 1, 2);
    assert_eq!(retire_lesson(&mut c, "u0-l0").unwrap_err().code, "no_lessons");
    retire_block(&mut c, "u0-l0-b0").unwrap();
    assert_eq!(retire_block(&mut c, "u0-l0-b1").unwrap_err().code, "no_blocks");
    assert_eq!(block_keys(&c), vec!["u0-l0-b1"]);
}

#[test]
fn edits_check_the_file_rules_and_change_nothing_when_refused() {
    let mut c = course(1, 1, 1);
    let before = c.clone();
    let bad = edit_lesson(&mut c, "u0-l0", Bilingual::new("Judul", " "), 30).unwrap_err();
    assert_eq!(
        bad,
        vec![
            problem("title", "missing_translation"),
            problem("minutes", "lesson_minutes")
        ]
    );
    assert_eq!(c, before);
    edit_block_text(&mut c, "u0-l0-b0", Bilingual::new("**Baru**", "**New**")).unwrap();
    assert_ne!(c, before);
    assert_eq!(
        edit_block_text(&mut c, "nope", Bilingual::new("a", "b")).unwrap_err()[0].code,
        "not_found"
    );
}

#[test]
fn only_text_like_blocks_take_text() {
    let mut c = course(1, 1, 1);
    c.units[0].lessons[0].blocks[0].body = BlockBody::Image {
        src: "a.svg".into(),
        width: 10,
        height: 10,
        alt: Bilingual::new("a", "a"),
    };
    let err = edit_block_text(&mut c, "u0-l0-b0", Bilingual::new("a", "b")).unwrap_err();
    assert_eq!(err[0].code, "field_not_allowed");
}

#[test]
fn new_items_get_fresh_valid_keys_and_start_complete() {
    let mut c = course(1, 1, 1);
    let unit = add_unit(
        &mut c,
        Bilingual::new("Kolaborasi Lanjut!", "Advanced collaboration"),
        "k1",
    )
    .unwrap();
    assert_eq!(unit, "kolaborasi-lanjut-k1");
    assert_eq!(c.units[1].lessons.len(), 1, "a unit starts with a lesson");
    assert_eq!(
        c.units[1].lessons[0].blocks.len(),
        1,
        "a lesson starts with a block"
    );
    let lesson = add_lesson(
        &mut c,
        &unit,
        Bilingual::new("Rapat hibrida", "Hybrid meetings"),
        "k2",
    )
    .unwrap();
    let block = add_block(&mut c, &lesson, "reflection", "k3").unwrap();
    assert!(key_problem(&block).is_none(), "{block}");
    assert_eq!(
        add_block(&mut c, &lesson, "video", "k4").unwrap_err()[0].code,
        "unknown_block_type"
    );
    let long = "kata ".repeat(40);
    let key = new_key(&long, "abc");
    assert!(key_problem(&key).is_none() && key.ends_with("-abc"), "{key}");
    assert_eq!(new_key("—", "x1"), "baru-x1");
}

#[test]
fn units_are_edited_by_the_file_rules_and_the_last_one_stays() {
    let mut c = course(2, 1, 1);
    let bad = edit_unit(&mut c, "u0", Bilingual::new("A", "A"), Bilingual::new("", "B"), 0).unwrap_err();
    assert_eq!(
        bad,
        vec![
            problem("objective", "missing_translation"),
            problem("minutes", "unit_minutes")
        ]
    );
    edit_unit(
        &mut c,
        "u0",
        Bilingual::new("A", "A"),
        Bilingual::new("B", "B"),
        45,
    )
    .unwrap();
    assert_eq!(c.units[0].minutes, 45);
    retire_unit(&mut c, "u0").unwrap();
    assert_eq!(retire_unit(&mut c, "u1").unwrap_err().code, "no_units");
}

#[test]
fn a_replaced_block_keeps_its_key() {
    let mut c = course(1, 1, 1);
    let mut edited = text("u0-l0-b0");
    edited.body = BlockBody::Reflection {
        prompt: Bilingual::new("Apa?", "What?"),
    };
    replace_block(&mut c, "u0-l0-b0", edited.clone()).unwrap();
    assert_eq!(c.units[0].lessons[0].blocks[0], edited);
    edited.key = "lain".into();
    assert_eq!(
        replace_block(&mut c, "u0-l0-b0", edited).unwrap_err().code,
        "key_changed"
    );
}

proptest! {
    /// Any title gives a key the file format accepts.
    #[test]
    fn any_title_gives_a_valid_key(title in ".{0,200}", fresh in "[a-z0-9]{1,12}") {
        let key = new_key(&title, &fresh);
        prop_assert!(key_problem(&key).is_none(), "{}", key);
    }

    /// Any sequence of moves keeps every block, each exactly once, in its lesson.
    #[test]
    fn moves_only_reorder(moves in prop::collection::vec((0usize..3, 0usize..27, any::<bool>()), 0..40)) {
        let mut c = course(3, 3, 3);
        let mut sorted_before = block_keys(&c);
        sorted_before.sort();
        for (level, pick, up) in moves {
            let dir = if up { Direction::Up } else { Direction::Down };
            let (u, l, b) = (pick / 9, pick / 3 % 3, pick % 3);
            let key = match level {
                0 => format!("u{u}"),
                1 => format!("u{u}-l{l}"),
                _ => format!("u{u}-l{l}-b{b}"),
            };
            match level {
                0 => move_unit(&mut c, &key, dir),
                1 => move_lesson(&mut c, &key, dir),
                _ => move_block(&mut c, &key, dir),
            }.unwrap();
        }
        let mut after = block_keys(&c);
        after.sort();
        prop_assert_eq!(after, sorted_before);
        for lesson in c.units.iter().flat_map(|u| &u.lessons) {
            let prefix = format!("{}-", lesson.key);
            prop_assert!(lesson.blocks.iter().all(|b| b.key.starts_with(&prefix)));
        }
    }

    /// Up then down (away from the ends) is no change at all.
    #[test]
    fn up_then_down_is_identity(pick in 1usize..4) {
        let mut c = course(1, 1, 5);
        let before = c.clone();
        let key = format!("u0-l0-b{pick}");
        move_block(&mut c, &key, Direction::Up).unwrap();
        move_block(&mut c, &key, Direction::Down).unwrap();
        prop_assert_eq!(c, before);
    }
}
