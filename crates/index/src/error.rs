//! The one error type of the crate.

use std::path::PathBuf;

/// What can go wrong while building or reading the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// tantivy failed (corrupt index, schema mismatch, disk full…).
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Another ingest holds the index.
    #[error("index {} is locked by pid {pid} (another `vanban ingest` is running)", dir.display())]
    Locked {
        /// The index folder.
        dir: PathBuf,
        /// The process holding the lock (0 when it could not be read).
        pid: u32,
    },
    /// The folder holds no index yet.
    #[error("no index at {}: run `vanban ingest` first", .0.display())]
    NoIndex(PathBuf),
    /// A stored record could not be decoded or a record could not be encoded.
    #[error("stored record: {0}")]
    Record(#[from] serde_json::Error),
    /// A date argument is not an ISO date.
    #[error("invalid date {0:?}: expected YYYY-MM-DD, YYYY-MM or YYYY")]
    BadDate(String),
    /// A manifest line is not a well-formed entry.
    #[error("{}: line {line}: {reason}", path.display())]
    Manifest {
        /// The shard file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The document asked for is not in the index.
    #[error("not in the index: {0} (give an ingested file's path or a document number)")]
    NotFound(String),
}

impl IndexError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IndexError::Io {
            path: path.into(),
            source,
        }
    }
}
