//! The one error type of the crate.

use std::path::PathBuf;

/// What can go wrong while writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A file or folder could not be created or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned (`-` for standard output).
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A record could not be encoded.
    #[error("{}: {source}", path.display())]
    Json {
        /// The output file (`-` for standard output).
        path: PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
    /// A CSV table could not be written.
    #[error("{}: {source}", path.display())]
    Csv {
        /// The table's file.
        path: PathBuf,
        /// The underlying error.
        source: csv::Error,
    },
    /// A Parquet file could not be written.
    #[error("{}: {source}", path.display())]
    Parquet {
        /// The table's file.
        path: PathBuf,
        /// The underlying error.
        source: parquet::errors::ParquetError,
    },
    /// Rows could not be assembled into an Arrow record batch.
    #[error("{}: {source}", path.display())]
    Arrow {
        /// The table's file.
        path: PathBuf,
        /// The underlying error.
        source: arrow_schema::ArrowError,
    },
    /// A value does not have its column's type (a defect in the table definitions).
    #[error("table {table}, column {column}: value {value} does not have the column's type")]
    Type {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// The value, debug-printed.
        value: String,
    },
    /// A table's file was written after it was closed.
    #[error("{}: written after the export finished", .0.display())]
    Closed(PathBuf),
    /// PostgreSQL refused a connection, a statement or a load (the message
    /// never holds the connection string's password).
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    /// The output folder cannot receive the tables.
    #[error("{}: {reason}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why it was refused.
        reason: String,
    },
}

impl ExportError {
    /// Whether the error is a closed reader on the other end (`| head`).
    pub fn is_broken_pipe(&self) -> bool {
        let broken = std::io::ErrorKind::BrokenPipe;
        match self {
            ExportError::Io { source, .. } => source.kind() == broken,
            ExportError::Json { source, .. } => source.io_error_kind() == Some(broken),
            ExportError::Csv { source, .. } => {
                matches!(source.kind(), csv::ErrorKind::Io(e) if e.kind() == broken)
            }
            _ => false,
        }
    }
}
