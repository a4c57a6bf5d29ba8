//! Parquet: one file per table (`DIR/<table>.parquet`) with the tables' real
//! types — DATE, INT64 (đồng), BOOLEAN, UTF-8 strings, UTC timestamps —
//! nullable where a value may be absent, zstd-compressed.
//!
//! Memory stays flat: rows are buffered per table in Arrow builders up to
//! [`BATCH_ROWS`], handed to the Parquet writer as a record batch, and the
//! writer closes a row group at [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_BYTES`].

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Int64Builder, StringBuilder, TimestampMillisecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::table::{rows, Column, ColumnType, DistinctIds, TableId, Value};
use crate::{ExportError, ExportRecord, ExportSummary, RecordSink};

/// Rows buffered per table before they are handed to the Parquet writer.
pub const BATCH_ROWS: usize = 4096;
/// Most rows in one row group.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;
/// Most estimated encoded bytes in one row group: bounds the writer's memory,
/// which holds the open row group of all five tables at once. At 4 MiB the
/// fact tables reach it within the first thousand documents, so peak memory
/// is the same for a thousand documents as for a million (BENCHMARKS.md);
/// DuckDB, Spark and pandas read groups of this size without penalty.
pub const ROW_GROUP_BYTES: usize = 4 * 1024 * 1024;
/// Documents whose rows fill one row group in every table (see `write`).
pub const GROUP_DOCUMENTS: usize = 1000;
/// zstd level: the library's default trade-off between speed and size.
const ZSTD_LEVEL: i32 = 3;

/// The Arrow type of a column.
pub fn arrow_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Int64 => DataType::Int64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Date => DataType::Date32,
        ColumnType::Timestamp => DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
    }
}

/// The Arrow schema of a table, as its Parquet file declares it.
pub fn arrow_schema(table: TableId) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .map(|c: &Column| Field::new(c.name, arrow_type(c.ty), c.nullable))
        .collect();
    Arc::new(Schema::new(fields))
}

/// One column's pending values.
enum ColumnBuilder {
    Text(StringBuilder),
    Int(Int64Builder),
    Bool(BooleanBuilder),
    Date(Date32Builder),
    Timestamp(TimestampMillisecondBuilder),
}

impl ColumnBuilder {
    fn new(ty: ColumnType) -> Self {
        match ty {
            ColumnType::Text => ColumnBuilder::Text(StringBuilder::new()),
            ColumnType::Int64 => ColumnBuilder::Int(Int64Builder::new()),
            ColumnType::Bool => ColumnBuilder::Bool(BooleanBuilder::new()),
            ColumnType::Date => ColumnBuilder::Date(Date32Builder::new()),
            ColumnType::Timestamp => {
                ColumnBuilder::Timestamp(TimestampMillisecondBuilder::new().with_timezone("UTC"))
            }
        }
    }

    /// Appends `v`; `false` when its type is not the column's.
    fn append(&mut self, v: &Value<'_>) -> bool {
        match (self, v) {
            (ColumnBuilder::Text(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Int(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Bool(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Date(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Timestamp(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Text(b), Value::Text(s)) => b.append_value(s),
            (ColumnBuilder::Int(b), Value::Int(n)) => b.append_value(*n),
            (ColumnBuilder::Bool(b), Value::Bool(x)) => b.append_value(*x),
            (ColumnBuilder::Date(b), Value::Date(d)) => {
                b.append_value(crate::table::epoch_days(*d))
            }
            (ColumnBuilder::Timestamp(b), Value::Timestamp { seconds, .. }) => {
                b.append_value(seconds.saturating_mul(1000))
            }
            _ => return false,
        }
        true
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
            ColumnBuilder::Date(b) => Arc::new(b.finish()),
            ColumnBuilder::Timestamp(b) => Arc::new(b.finish()),
        }
    }
}

/// One table's file: its writer and the rows not yet handed to it.
pub(crate) struct TableFile {
    table: TableId,
    path: PathBuf,
    schema: SchemaRef,
    writer: Option<ArrowWriter<BufWriter<File>>>,
    columns: Vec<ColumnBuilder>,
    pending: usize,
}

impl TableFile {
    fn parquet_error(&self, source: parquet::errors::ParquetError) -> ExportError {
        ExportError::Parquet {
            path: self.path.clone(),
            source,
        }
    }

    /// Hands the buffered rows to the writer as one record batch.
    fn flush_batch(&mut self) -> Result<(), ExportError> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(ColumnBuilder::finish).collect();
        self.pending = 0;
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(|source| {
            ExportError::Arrow {
                path: self.path.clone(),
                source,
            }
        })?;
        let Some(writer) = self.writer.as_mut() else {
            return Err(ExportError::Closed(self.path.clone()));
        };
        writer.write(&batch).map_err(|e| ExportError::Parquet {
            path: self.path.clone(),
            source: e,
        })
    }

    pub(crate) fn push(&mut self, row: &[Value<'_>]) -> Result<(), ExportError> {
        let columns = self.table.columns();
        for ((builder, value), column) in self.columns.iter_mut().zip(row).zip(columns) {
            if !builder.append(value) {
                return Err(ExportError::Type {
                    table: self.table.name(),
                    column: column.name,
                    value: format!("{value:?}"),
                });
            }
        }
        self.pending += 1;
        if self.pending >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }
}

/// Writes each table to `DIR/<table>.parquet`.
pub struct ParquetSink {
    files: Vec<TableFile>,
    summary: ExportSummary,
    /// Ids written so far: a repeated id (identical files) is written once.
    ids: DistinctIds,
}

/// The writer settings of every Parquet file vanban writes.
fn writer_props() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(ZSTD_LEVEL).unwrap_or_default(),
        ))
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
        .set_created_by(format!("vanban {}", env!("CARGO_PKG_VERSION")))
        .build()
}

impl TableFile {
    /// Creates `path` for `table`'s rows (`name` is the path errors give).
    pub(crate) fn create(table: TableId, path: &Path, name: &Path) -> Result<Self, ExportError> {
        let file = File::create(path).map_err(|source| ExportError::Io {
            path: name.to_path_buf(),
            source,
        })?;
        let schema = arrow_schema(table);
        let writer =
            ArrowWriter::try_new(BufWriter::new(file), schema.clone(), Some(writer_props()))
                .map_err(|source| ExportError::Parquet {
                    path: name.to_path_buf(),
                    source,
                })?;
        Ok(TableFile {
            table,
            path: name.to_path_buf(),
            schema,
            writer: Some(writer),
            columns: table
                .columns()
                .iter()
                .map(|c| ColumnBuilder::new(c.ty))
                .collect(),
            pending: 0,
        })
    }

    /// Writes the last rows and the footer, and returns the file (flushed).
    pub(crate) fn close(&mut self) -> Result<Option<File>, ExportError> {
        self.flush_batch()?;
        let Some(writer) = self.writer.take() else {
            return Ok(None);
        };
        let out = writer.into_inner().map_err(|e| self.parquet_error(e))?;
        out.into_inner().map(Some).map_err(|e| ExportError::Io {
            path: self.path.clone(),
            source: e.into_error(),
        })
    }
}

impl ParquetSink {
    /// Creates `DIR/<table>.parquet` for every table (the folder rules are those of CSV).
    pub fn create(dir: &Path, force: bool) -> Result<Self, ExportError> {
        crate::folder::prepare(dir, force)?;
        let mut files = Vec::with_capacity(TableId::COUNT);
        for table in TableId::ALL {
            let path = dir.join(format!("{}.parquet", table.name()));
            files.push(TableFile::create(table, &path, &path)?);
        }
        Ok(ParquetSink {
            files,
            summary: ExportSummary::default(),
            ids: DistinctIds::default(),
        })
    }
}

impl RecordSink for ParquetSink {
    fn begin(&mut self) -> Result<(), ExportError> {
        Ok(())
    }

    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        if !self.ids.first(&record.id) {
            self.summary.repeated += 1;
            return Ok(());
        }
        rows(record, |table, row| {
            let file = &mut self.files[table as usize];
            file.push(row)?;
            self.summary.rows[table as usize] += 1;
            Ok(())
        })?;
        // Every table closes its row group together every GROUP_DOCUMENTS documents:
        // the writer's memory then holds at most that many documents' rows, however
        // many documents the export has (the byte limit alone let the narrow tables
        // grow for tens of thousands of documents).
        if self.summary.rows[TableId::Documents as usize].is_multiple_of(GROUP_DOCUMENTS) {
            for file in &mut self.files {
                file.flush_batch()?;
                if let Some(writer) = file.writer.as_mut() {
                    writer.flush().map_err(|source| ExportError::Parquet {
                        path: file.path.clone(),
                        source,
                    })?;
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        for file in &mut self.files {
            file.close()?;
        }
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn row_groups_close_every_group_of_documents_in_every_table() {
        let dir =
            std::env::temp_dir().join(format!("vanban-parquet-groups-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut sink = ParquetSink::create(&dir, false).expect("a new folder");
        let documents = GROUP_DOCUMENTS * 2 + 7;
        for i in 0..documents {
            let mut r = crate::testing::record();
            r.id = format!("{i:032x}{:032x}", 0);
            sink.write(&r).expect("a row");
        }
        let summary = sink.finish().expect("closed files");
        assert_eq!(summary.rows[TableId::Documents as usize], documents);
        for table in [TableId::Documents, TableId::References, TableId::Money] {
            let file = File::open(dir.join(format!("{}.parquet", table.name()))).expect("file");
            let meta = SerializedFileReader::new(file)
                .expect("parquet")
                .metadata()
                .clone();
            let groups: Vec<i64> = meta.row_groups().iter().map(|g| g.num_rows()).collect();
            // One record has one row in each of these tables.
            assert_eq!(
                groups,
                [GROUP_DOCUMENTS as i64, GROUP_DOCUMENTS as i64, 7],
                "{}",
                table.name()
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
