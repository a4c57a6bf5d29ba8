//! The files an ingest could not read, kept beside the index (`failed.json`)
//! so `stats` can list them: a failed file has no document in the index, yet a
//! user auditing an archive needs to know which files are missing and why.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::IndexError;

/// File name of the record, inside the index folder.
const FILE_NAME: &str = "failed.json";

/// One file that failed, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedFile {
    /// Canonical path of the file.
    pub path: String,
    /// Why it could not be read.
    pub error: String,
}

/// The failed files of an index, by path.
#[derive(Debug, Default)]
pub(crate) struct FailedFiles {
    by_path: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    files: Vec<FailedFile>,
}

impl FailedFiles {
    /// Reads the record of `dir`; none yet is an empty record.
    pub(crate) fn load(dir: &Path) -> Result<FailedFiles, IndexError> {
        let path = dir.join(FILE_NAME);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FailedFiles::default()),
            Err(e) => return Err(IndexError::io(path, e)),
        };
        let disk: OnDisk = serde_json::from_slice(&bytes).map_err(|e| {
            IndexError::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })?;
        Ok(FailedFiles {
            by_path: disk.files.into_iter().map(|f| (f.path, f.error)).collect(),
        })
    }

    /// Records that `path` failed with `error`.
    pub(crate) fn failed(&mut self, path: &str, error: &str) {
        self.by_path.insert(path.to_string(), error.to_string());
    }

    /// Records that `path` was read (or removed): it is no longer a failure.
    pub(crate) fn cleared(&mut self, path: &str) {
        self.by_path.remove(path);
    }

    /// Drops failures of files that are gone, under the `--prune` scopes.
    pub(crate) fn prune(&mut self, seen: &impl Fn(&str) -> bool, scopes: &[PathBuf]) {
        self.by_path
            .retain(|p, _| seen(p) || !scopes.iter().any(|s| Path::new(p).starts_with(s)));
    }

    /// The failures, sorted by path.
    pub(crate) fn list(&self) -> Vec<FailedFile> {
        self.by_path
            .iter()
            .map(|(path, error)| FailedFile {
                path: path.clone(),
                error: error.clone(),
            })
            .collect()
    }

    /// Writes the record atomically (a temporary file renamed over the old one).
    pub(crate) fn save(&self, dir: &Path) -> Result<(), IndexError> {
        let path = dir.join(FILE_NAME);
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        let disk = OnDisk { files: self.list() };
        let bytes = serde_json::to_vec_pretty(&disk)
            .map_err(|e| IndexError::io(&tmp, std::io::Error::other(e)))?;
        let mut file = std::fs::File::create(&tmp).map_err(|e| IndexError::io(&tmp, e))?;
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| IndexError::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| IndexError::io(&path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_kept_cleared_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = FailedFiles::load(dir.path()).unwrap();
        assert!(f.list().is_empty());
        f.failed("/a/hong.pdf", "the PDF has no pages");
        f.failed("/a/doc-loi.doc", "not a Word document");
        f.failed("/b/khac.pdf", "truncated");
        f.save(dir.path()).unwrap();
        let mut f = FailedFiles::load(dir.path()).unwrap();
        assert_eq!(f.list().len(), 3);
        f.cleared("/a/doc-loi.doc");
        // /a/hong.pdf is gone from /a; /b is outside the pruned scope.
        f.prune(&|p: &str| p == "/x", &[PathBuf::from("/a")]);
        assert_eq!(
            f.list(),
            [FailedFile {
                path: "/b/khac.pdf".into(),
                error: "truncated".into()
            }]
        );
    }

    #[test]
    fn a_damaged_record_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        let err = FailedFiles::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("failed.json"), "{err}");
    }
}
