//! The output folder of the tabular sinks (CSV, Parquet).

use std::path::Path;

use crate::ExportError;

/// Creates the output folder, or checks an existing one may receive the
/// tables: a non-empty one needs `force`, so an export never mixes its
/// tables into an unrelated folder by accident.
pub(crate) fn prepare(dir: &Path, force: bool) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(ExportError::Folder {
                path: dir.to_path_buf(),
                reason: "exists and is not a folder".into(),
            });
        }
        let mut entries = std::fs::read_dir(dir).map_err(io)?;
        if !force && entries.next().is_some() {
            return Err(ExportError::Folder {
                path: dir.to_path_buf(),
                reason: "folder is not empty (use --force to replace the tables in it)".into(),
            });
        }
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(io)
}
