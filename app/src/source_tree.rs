//! For tests that read the app's own source (rules a compiler cannot check:
//! every write transaction through the helpers, numbers formatted for the
//! reader): every Rust file under `src/`, with its path from there.
use std::path::Path;

/// `(path from src/ with '/', text)` of every `.rs` file under `src/`.
pub fn rust_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).map_or_else(
                    |_| path.to_string_lossy().into_owned(),
                    |p| p.to_string_lossy().replace('\\', "/"),
                );
                files.push((rel, std::fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    files
}
