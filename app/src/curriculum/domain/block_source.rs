//! One block as editable text: exactly what follows its `[[lesson.block]]`
//! header in a unit file (see FORMAT.md), so quick checks, links and images can
//! be edited in the browser with the file format's checks and line numbers.
use super::export::write_block;
use super::format::{parse_curriculum, FormatIssue};
use crate::curriculum::model::Block;

const HEADER: &str = "\n[[lesson.block]]\n";

/// A unit file around the block, so the file format's parser checks it whole.
const WRAPPER: &str = "key = \"blok-unit\"\nminutes = 10\ntitle.id = \"x\"\ntitle.en = \"x\"\n\
objective.id = \"x\"\nobjective.en = \"x\"\n\n[[lesson]]\nkey = \"blok-lesson\"\nminutes = 5\n\
title.id = \"x\"\ntitle.en = \"x\"\n\n[[lesson.block]]\n";

pub fn block_source(block: &Block) -> String {
    let mut out = String::new();
    write_block(&mut out, block);
    out.strip_prefix(HEADER).unwrap_or(&out).to_string()
}

fn issue(line: u32, code: &str) -> FormatIssue {
    FormatIssue {
        file: String::new(),
        line,
        code: code.into(),
        detail: String::new(),
    }
}

/// The block in `source`, or every problem with its line within `source`.
pub fn parse_block_source(source: &str) -> Result<Block, Vec<FormatIssue>> {
    let offset = WRAPPER.lines().count() as u32;
    let text = format!("{WRAPPER}{source}");
    let mut curriculum = parse_curriculum(&[("blok.toml".to_string(), text)]).map_err(|issues| {
        issues
            .into_iter()
            .map(|mut i| {
                // Problems the parser places on the block's header are on the
                // source's first line; the rest keep their own line.
                i.line = i.line.saturating_sub(offset).max(1);
                i
            })
            .collect::<Vec<_>>()
    })?;
    let single = curriculum.units.len() == 1
        && curriculum.units[0].lessons.len() == 1
        && curriculum.units[0].lessons[0].blocks.len() == 1;
    if !single {
        return Err(vec![issue(0, "field_not_allowed")]);
    }
    Ok(curriculum.units.remove(0).lessons.remove(0).blocks.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::store::shipped;

    #[test]
    fn every_shipped_block_round_trips_through_its_source() {
        for block in shipped()
            .unwrap()
            .units
            .iter()
            .flat_map(|u| &u.lessons)
            .flat_map(|l| &l.blocks)
        {
            assert_eq!(
                &parse_block_source(&block_source(block)).unwrap(),
                block,
                "{}",
                block.key
            );
        }
    }

    #[test]
    fn problems_are_reported_on_the_source_lines() {
        let source = "type = \"check\"\nkey = \"cek\"\nmode = \"single\"\nquestion.id = \"Tanya?\"\nquestion.en = \"Ask?\"\n";
        let issues = parse_block_source(source).unwrap_err();
        assert!(
            issues
                .iter()
                .any(|i| i.code == "check_option_count" && i.line <= 5),
            "{issues:?}"
        );
        let two = format!(
            "{}\n[[lesson.block]]\n{}",
            block_source(&sample()),
            block_source(&sample())
        );
        assert!(parse_block_source(&two).is_err());
    }

    fn sample() -> Block {
        Block {
            key: "teks-a".into(),
            body: crate::curriculum::model::BlockBody::Text {
                text: crate::curriculum::model::Bilingual::new("A", "A"),
            },
        }
    }
}
