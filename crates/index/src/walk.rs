//! Walking the paths an ingest is given: which files are looked at, under which
//! canonical name, and what `--prune` may remove.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::ingest::{FileOutcome, FileStatus};

/// Whether a file found while walking a folder is skipped by name: hidden
/// files and data, code and media files that are never documents. Files named
/// on the command line are always tried.
pub fn is_skipped_name(name: &str) -> bool {
    if name.starts_with('.') {
        return true;
    }
    let ext = match name.rsplit_once('.') {
        Some((_, e)) => e.to_ascii_lowercase(),
        None => return false,
    };
    matches!(
        ext.as_str(),
        // data and tool files (vanban's own outputs among them)
        "json" | "jsonl" | "ndjson" | "snap" | "lock" | "toml" | "yaml" | "yml" | "csv"
            | "tsv" | "log" | "tmp" | "bak" | "db" | "sqlite"
            // code
            | "rs" | "py" | "js" | "ts" | "sh" | "c" | "h" | "go" | "java" | "css"
            // images, media and archives (no OCR in vanban)
            | "png" | "jpg" | "jpeg" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "svg"
            | "mp3" | "mp4" | "avi" | "mov" | "wav" | "zip" | "rar" | "7z" | "gz" | "tar"
            | "xz" | "bz2" | "exe" | "dll" | "so" | "o"
    )
}

/// A file to look at, with the canonical path that identifies it.
pub(crate) struct Candidate {
    /// The path as found (what is opened).
    pub(crate) path: PathBuf,
    /// The canonical path (what identifies the document).
    pub(crate) key: String,
}

/// The files under `roots` (deduplicated by canonical path, sorted), the
/// canonical scopes `--prune` may remove from, and failures met while walking.
pub(crate) fn collect_files(
    roots: &[PathBuf],
    index_dir: &Path,
    prune: bool,
) -> (Vec<Candidate>, Vec<PathBuf>, Vec<FileOutcome>) {
    let mut files: Vec<Candidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut scopes = Vec::new();
    let mut failures = Vec::new();
    let fail = |path: &Path, error: String| FileOutcome {
        path: path.display().to_string(),
        hash: None,
        status: FileStatus::Failed,
        error: Some(error),
        pages: 0,
    };
    let mut push = |files: &mut Vec<Candidate>, path: PathBuf, canonical: PathBuf| {
        let key = canonical.to_string_lossy().into_owned();
        if seen.insert(key.clone()) {
            files.push(Candidate { path, key });
        }
    };
    for root in roots {
        let canonical = match root.canonicalize() {
            Ok(c) => c,
            Err(e) => {
                // A root that is gone may still have documents to prune.
                if prune {
                    if let Ok(abs) = std::path::absolute(root) {
                        scopes.push(abs);
                    }
                } else {
                    failures.push(fail(root, e.to_string()));
                }
                continue;
            }
        };
        scopes.push(canonical.clone());
        if canonical.is_file() {
            push(&mut files, root.clone(), canonical);
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                // The root itself is always entered, even if hidden (`.`).
                if e.depth() == 0 {
                    return true;
                }
                let name = e.file_name().to_string_lossy();
                if name.starts_with('.') {
                    return false;
                }
                if e.file_type().is_dir() {
                    return e.path().canonicalize().map_or(true, |c| c != index_dir);
                }
                !is_skipped_name(&name)
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => match e.path().canonicalize() {
                    Ok(c) => push(&mut files, e.path().to_path_buf(), c),
                    Err(err) => failures.push(fail(e.path(), err.to_string())),
                },
                Ok(_) => {}
                // A symlink loop is a property of the folder, not a bad document.
                Err(err) if err.loop_ancestor().is_some() => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    failures.push(fail(&path, err.to_string()));
                }
            }
        }
    }
    files.sort_by(|a, b| a.key.cmp(&b.key));
    (files, scopes, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_names() {
        assert!(is_skipped_name(".hidden.pdf"));
        assert!(is_skipped_name("report.JSON"));
        assert!(is_skipped_name("scan.png"));
        assert!(!is_skipped_name("report.pdf"));
        assert!(!is_skipped_name("report"));
        assert!(!is_skipped_name("bao-cao.txt"));
    }

    #[test]
    fn walk_skips_hidden_and_index_and_dedupes_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join(".b.txt"), "b").unwrap();
        std::fs::write(root.join("c.json"), "{}").unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/d.txt"), "d").unwrap();
        std::fs::create_dir(root.join("idx")).unwrap();
        std::fs::write(root.join("idx/e.txt"), "e").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        }
        let idx = root.join("idx").canonicalize().unwrap();
        let (files, scopes, failures) = collect_files(&[root.to_path_buf()], &idx, false);
        let names: Vec<_> = files
            .iter()
            .map(|c| {
                Path::new(&c.key)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.txt"]);
        assert_eq!(scopes.len(), 1);
        assert!(failures.is_empty(), "{failures:?}");
    }
}
