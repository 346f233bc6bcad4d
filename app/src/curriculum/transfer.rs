//! The curriculum as one download: a .zip of the unit files described in
//! `content/curriculum/FORMAT.md`, and the reverse for uploads (a .zip, or the
//! .toml files themselves).
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, K};
use std::io::{Cursor, Read, Write};

/// The largest upload accepted (the shipped curriculum is about 100 KB).
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The most unit files an upload may hold.
const MAX_FILES: usize = 200;
/// The most entries of any kind (folders, images, stray files) a .zip may list:
/// each one costs memory when the archive is opened, read or not.
const MAX_ENTRIES: usize = 400;
/// Inflated bytes, counted as they are read (a zip's declared sizes can lie):
/// one unit file, and all of them together. A zip bomb stops at these.
const MAX_INFLATED_FILE: u64 = 2 * 1024 * 1024;
const MAX_INFLATED_TOTAL: u64 = 20 * 1024 * 1024;

pub fn zip_files(files: &[(String, String)]) -> AppResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(format!("kurikulum/{name}"), options)
            .map_err(AppError::internal)?;
        zip.write_all(text.as_bytes()).map_err(AppError::internal)?;
    }
    Ok(zip.finish().map_err(AppError::internal)?.into_inner())
}

fn bad_file() -> AppError {
    AppError::field("file", Msg::new(K::CurUploadUnreadable))
}

fn too_big() -> AppError {
    let mb = |b: u64| (b / (1024 * 1024)).to_string();
    let limits = [
        MAX_ENTRIES.to_string(),
        mb(MAX_INFLATED_FILE),
        mb(MAX_INFLATED_TOTAL),
    ];
    AppError::field("file", Msg::with(K::CurUploadTooBig, limits))
}

/// The `(file name, text)` of each .toml file in an upload: a .zip (any folder
/// inside it) or a single .toml file. Anything else is refused, and so is a
/// .zip with too many entries or too many bytes once inflated.
pub fn files_of(name: &str, bytes: Vec<u8>) -> AppResult<Vec<(String, String)>> {
    if name.to_lowercase().ends_with(".toml") {
        return Ok(vec![(base_name(name), text_of(bytes)?)]);
    }
    // Counted before the archive is opened: opening reads every entry's header.
    if declared_entries(&bytes).is_none_or(|n| n > MAX_ENTRIES) {
        return Err(if zip_end(&bytes).is_some() {
            too_big()
        } else {
            bad_file()
        });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| bad_file())?;
    if archive.len() > MAX_ENTRIES {
        return Err(too_big());
    }
    let mut files = Vec::new();
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| bad_file())?;
        let inner = entry.name().to_string();
        if entry.is_dir() || !inner.to_lowercase().ends_with(".toml") || base_name(&inner).starts_with('.') {
            continue;
        }
        if files.len() == MAX_FILES {
            return Err(too_big());
        }
        // One byte over the limit is enough to know; never more is inflated.
        let limit = MAX_INFLATED_FILE.min(MAX_INFLATED_TOTAL - inflated);
        let mut raw = Vec::new();
        entry
            .take(limit + 1)
            .read_to_end(&mut raw)
            .map_err(|_| bad_file())?;
        if raw.len() as u64 > limit {
            return Err(too_big());
        }
        inflated += raw.len() as u64;
        files.push((base_name(&inner), text_of(raw)?));
    }
    if files.is_empty() {
        return Err(bad_file());
    }
    files.sort();
    Ok(files)
}

/// Where the end-of-central-directory record starts (its signature, searched
/// from the end over the longest possible comment).
fn zip_end(bytes: &[u8]) -> Option<usize> {
    let from = bytes.len().saturating_sub(22 + u16::MAX as usize);
    (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x05, 0x06])
}

/// The entry count the archive declares. ZIP64 archives (count 0xFFFF) are
/// refused: a curriculum never needs one.
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    let end = zip_end(bytes)?;
    let total = u16::from_le_bytes([bytes[end + 10], bytes[end + 11]]);
    Some(if total == u16::MAX {
        usize::MAX
    } else {
        usize::from(total)
    })
}

/// A unit file's text: UTF-8 without a NUL, raw or as a TOML escape
/// (PostgreSQL cannot store one).
fn text_of(bytes: Vec<u8>) -> AppResult<String> {
    String::from_utf8(bytes)
        .ok()
        .filter(|t| !crate::text_limits::source_holds_nul(t))
        .ok_or_else(bad_file)
}

fn base_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_round_trips_and_other_files_are_refused() {
        let files = vec![
            ("01-a.toml".to_string(), "key = \"a\"\n".to_string()),
            ("02-b.toml".to_string(), "key = \"b\"\n".to_string()),
        ];
        let zipped = zip_files(&files).unwrap();
        assert_eq!(files_of("kurikulum.zip", zipped).unwrap(), files);
        assert_eq!(
            files_of("dir/03-c.toml", b"x = 1".to_vec()).unwrap()[0].0,
            "03-c.toml"
        );
        assert!(files_of("catatan.txt", b"bukan zip".to_vec()).is_err());
    }

    /// Sets every declared uncompressed size in the archive to `size`: what a
    /// crafted zip says about itself is not believed.
    fn lie_about_sizes(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
        let at = |zip: &[u8], sig: [u8; 4]| -> Vec<usize> {
            (0..zip.len() - 4).filter(|&i| zip[i..i + 4] == sig).collect()
        };
        for i in at(&zip, [0x50, 0x4b, 0x03, 0x04]) {
            zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
        }
        for i in at(&zip, [0x50, 0x4b, 0x01, 0x02]) {
            zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
        }
        zip
    }

    fn refused_as_too_big(result: AppResult<Vec<(String, String)>>) {
        let error = result.expect_err("refused");
        let messages = error.field_messages("file");
        assert_eq!(messages.len(), 1, "{error:?}");
        assert_eq!(messages[0].key, K::CurUploadTooBig, "{error:?}");
    }

    #[test]
    fn a_file_that_inflates_past_its_declared_size_is_refused() {
        let big = "a".repeat(3 * 1024 * 1024);
        let zipped = zip_files(&[("01-a.toml".to_string(), big)]).unwrap();
        assert!(zipped.len() < 64 * 1024, "a small upload");
        refused_as_too_big(files_of("k.zip", lie_about_sizes(zipped, 10)));
    }

    #[test]
    fn many_files_under_the_per_file_limit_are_refused_in_total() {
        let files: Vec<(String, String)> = (0..12)
            .map(|i| (format!("{i:02}.toml"), "b".repeat(1900 * 1024)))
            .collect();
        refused_as_too_big(files_of("k.zip", zip_files(&files).unwrap()));
    }

    #[test]
    fn every_entry_counts_not_only_the_unit_files() {
        let mut files = vec![("01-a.toml".to_string(), "key = \"a\"\n".to_string())];
        files.extend((0..MAX_ENTRIES).map(|i| (format!("gambar/{i}.png"), String::new())));
        refused_as_too_big(files_of("k.zip", zip_files(&files).unwrap()));
        files.truncate(MAX_ENTRIES);
        assert_eq!(files_of("k.zip", zip_files(&files).unwrap()).unwrap().len(), 1);
    }

    #[test]
    fn a_nul_in_a_unit_file_is_refused_raw_or_escaped() {
        assert!(files_of("01.toml", b"title = \"a\\u0000\"".to_vec()).is_err());
        let zipped = zip_files(&[("01.toml".to_string(), "title = \"a\0\"".to_string())]).unwrap();
        assert!(files_of("k.zip", zipped).is_err());
    }
}
