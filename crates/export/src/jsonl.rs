//! JSON Lines: one [`ExportRecord`] per line, as `schemas/export-record.schema.json` describes.

use std::io::Write;
use std::path::PathBuf;

use crate::{ExportError, ExportRecord, ExportSummary, RecordSink};

/// Writes one JSON object per document, each followed by `\n`.
pub struct JsonlSink<W: Write> {
    out: W,
    /// Where `out` goes, for error messages (`-` for standard output).
    path: PathBuf,
    summary: ExportSummary,
}

impl<W: Write> JsonlSink<W> {
    /// A sink writing to `out`; `path` names it in errors (`-` for standard output).
    pub fn new(out: W, path: impl Into<PathBuf>) -> Self {
        JsonlSink {
            out,
            path: path.into(),
            summary: ExportSummary::default(),
        }
    }

    /// The output, once the export is finished.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn io(&self, source: std::io::Error) -> ExportError {
        ExportError::Io {
            path: self.path.clone(),
            source,
        }
    }
}

impl<W: Write> RecordSink for JsonlSink<W> {
    fn begin(&mut self) -> Result<(), ExportError> {
        Ok(())
    }

    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, record).map_err(|source| ExportError::Json {
            path: self.path.clone(),
            source,
        })?;
        self.out.write_all(b"\n").map_err(|e| self.io(e))?;
        self.summary.count(record)
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        self.out.flush().map_err(|e| self.io(e))?;
        Ok(self.summary)
    }
}
