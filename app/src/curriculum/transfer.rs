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

/// The `(file name, text)` of each .toml file in an upload: a .zip (any folder
/// inside it) or a single .toml file. Anything else is refused.
pub fn files_of(name: &str, bytes: Vec<u8>) -> AppResult<Vec<(String, String)>> {
    if name.to_lowercase().ends_with(".toml") {
        let text = String::from_utf8(bytes).map_err(|_| bad_file())?;
        return Ok(vec![(base_name(name), text)]);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| bad_file())?;
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| bad_file())?;
        let inner = entry.name().to_string();
        if entry.is_dir() || !inner.to_lowercase().ends_with(".toml") || base_name(&inner).starts_with('.') {
            continue;
        }
        if files.len() == MAX_FILES || entry.size() > MAX_UPLOAD_BYTES as u64 {
            return Err(AppError::field("file", Msg::new(K::ImportTooLarge)));
        }
        let mut text = String::new();
        entry
            .by_ref()
            .take(MAX_UPLOAD_BYTES as u64)
            .read_to_string(&mut text)
            .map_err(|_| bad_file())?;
        files.push((base_name(&inner), text));
    }
    if files.is_empty() {
        return Err(bad_file());
    }
    files.sort();
    Ok(files)
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
}
