//! Export targets of vanban. Every target is a [`RecordSink`] fed one
//! [`ExportRecord`] at a time, so memory stays flat however many documents
//! an export holds. The flat tables (documents, references, money,
//! case_counts, periods) are defined once, in [`table`], with typed columns;
//! each tabular target only decides how to write a typed value. The search
//! target ([`opensearch`]) writes one search document per file instead, with
//! its own field list.

#![deny(missing_docs)]

mod csv_sink;
mod error;
mod folder;
mod jsonl;
pub mod opensearch;
mod parquet_sink;
pub mod parts;
pub mod postgres;
pub mod sql;
pub mod table;
#[cfg(test)]
mod testing;

pub use csv_sink::{CsvSink, BOM};
pub use error::ExportError;
pub use jsonl::JsonlSink;
pub use opensearch::OpenSearchSink;
pub use parquet_sink::{arrow_schema, ParquetSink};
pub use table::{Column, ColumnType, DatePrecision, DistinctIds, TableId, Value};
pub use vanban_index::ExportRecord;

/// What an export wrote: documents and rows per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Rows written per table, in [`TableId::ALL`] order; documents first.
    pub rows: [usize; TableId::COUNT],
    /// Files left out of the tables because a file with the same bytes (so the
    /// same document id) was written already: the tables key every row by id.
    pub repeated: usize,
}

impl ExportSummary {
    /// Counts `record` as written whole: its document and the rows it has in
    /// each fact table (for sinks that write records, not table rows).
    pub fn count(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        self.rows[TableId::Documents as usize] += 1;
        table::rows(record, |table, _| {
            if table != TableId::Documents {
                self.rows[table as usize] += 1;
            }
            Ok::<(), ExportError>(())
        })
    }

    /// Number of documents written.
    pub fn documents(&self) -> usize {
        self.rows[TableId::Documents as usize]
    }

    /// Rows written to `table`.
    pub fn rows(&self, table: TableId) -> usize {
        self.rows[table as usize]
    }
}

/// An export target, fed records one at a time: `begin` once, `write` per
/// document, `finish` once (flushes, closes, and reports what was written).
pub trait RecordSink {
    /// Prepares the output (creates files, writes header rows).
    fn begin(&mut self) -> Result<(), ExportError>;
    /// Writes one document and its facts.
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError>;
    /// Flushes and closes the output.
    fn finish(&mut self) -> Result<ExportSummary, ExportError>;
}

/// Feeds every record of `records` to `sink` between `begin` and `finish`.
/// A record that could not be read is handed to `on_error` and skipped (the
/// others are still written); a write error stops the export.
pub fn run_export<E>(
    records: impl IntoIterator<Item = Result<ExportRecord, E>>,
    sink: &mut dyn RecordSink,
    mut on_error: impl FnMut(E),
) -> Result<ExportSummary, ExportError> {
    sink.begin()?;
    for record in records {
        match record {
            Ok(record) => sink.write(&record)?,
            Err(e) => on_error(e),
        }
    }
    sink.finish()
}
