//! Bulk export: the full record of every matching document, streamed.
//!
//! Only the addresses of the matching documents are collected (16 bytes
//! each, with the ordinal of their path); stored records are read and
//! decoded one at a time as the caller pulls them, so memory stays flat
//! however many documents match. Documents come out in path order: each
//! segment's matches are sorted by their path's ordinal in that segment's
//! (sorted) path dictionary, and the segments are merged by path.
//!
//! [`ExportRecord`] is the one record every export target (JSON Lines, CSV,
//! Parquet, PostgreSQL) is built from.

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::schema::Value;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument};
use vanban_extract::{ExtractRecord, Facts, OcrSummary, SCHEMA_VERSION};
use vanban_model::Warning;

use crate::error::IndexError;
use crate::schema::Fields;
use crate::search::Filters;
use crate::store::VanbanIndex;

/// One line of `vanban export --format jsonl`: a document and its facts as ingested.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExportRecord {
    /// Version of this record format (see [`SCHEMA_VERSION`]).
    pub schema_version: String,
    /// Stable document id: the BLAKE3 hash of the file's bytes, hex.
    pub id: String,
    /// Path of the file when it was ingested.
    pub path: String,
    /// Detected format (`pdf`, `docx`, `text`, `markdown`).
    pub format: String,
    /// Number of pages.
    pub pages: usize,
    /// The document's header, cited documents (each with every mention's page,
    /// span and sentence), money (đồng as exact integers), counts and periods.
    /// Flattened: the JSON keeps `header`, `references`, `money`, `case_counts`
    /// and `periods` at the top level.
    #[serde(flatten)]
    pub facts: Facts,
    /// Problems met while parsing or extracting.
    pub warnings: Vec<Warning>,
    /// True when the file is a scan with no usable text layer.
    pub needs_ocr: bool,
    /// When the document was ingested, RFC 3339 UTC.
    pub ingested_at: String,
    /// The vanban version that ingested it.
    pub vanban_version: String,
    /// Present when some pages were read by OCR: engine, model and each page's confidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrSummary>,
    /// The page texts after repair, one string a page: what the full-text
    /// targets (OpenSearch, Quickwit) index. Not part of the JSON Lines record
    /// (its schema is unchanged); the flat tables carry facts only.
    #[serde(skip)]
    pub text: Vec<String>,
}

impl ExportRecord {
    /// Builds the export line of an ingested document from its extract record.
    pub fn from_extract(record: ExtractRecord, ingested_at: String, vanban_version: &str) -> Self {
        let ocr = record.ocr_summary();
        ExportRecord {
            schema_version: SCHEMA_VERSION.to_string(),
            id: record.meta.blake3.clone(),
            path: record.source,
            format: record.format,
            pages: record.pages,
            facts: Facts {
                header: record.header,
                references: record.references,
                money: record.money,
                case_counts: record.case_counts,
                periods: record.periods,
            },
            warnings: record.warnings,
            needs_ocr: record.needs_ocr,
            ingested_at,
            vanban_version: vanban_version.to_string(),
            ocr,
            text: record.text,
        }
    }
}

impl ExportRecord {
    /// The export line of one file's extract record, as identified by an
    /// ingest: its canonical path and BLAKE3 are the document's identity (the
    /// record's own `source` is however the file was named), `ingested_at` is
    /// in seconds since 1970 UTC, `engine` the engine string stored with it
    /// (`vanban 0.1.0 record 1.0`). The one conversion both `vanban export`
    /// (from the index) and `vanban extract --manifest` (from the pipeline) use.
    pub fn of_file(
        mut record: ExtractRecord,
        path: &str,
        hash: &str,
        ingested_at: i64,
        engine: &str,
    ) -> Self {
        record.source = path.to_string();
        if !hash.is_empty() {
            record.meta.blake3 = hash.to_string();
        }
        let ingested_at = crate::dates::rfc3339_utc(ingested_at);
        ExportRecord::from_extract(record, ingested_at, &engine_version(engine))
    }
}

/// JSON Schema (draft 2020-12) of [`ExportRecord`], generated from the Rust types.
pub fn export_record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ExportRecord)).unwrap_or_default()
}

impl VanbanIndex {
    /// Streams the export records of the documents matching `query` (empty:
    /// all) and `filters`, in path order; see [`ExportedDocs`].
    pub fn export(&self, query: &str, filters: &Filters) -> Result<ExportedDocs, IndexError> {
        let searcher = self.searcher()?;
        let q = self.matching_query(query, filters)?;
        let per_segment = searcher.search(&q, &PathOrderCollector)?;
        let mut segments = Vec::new();
        let mut total = 0;
        for (segment, docs) in per_segment {
            if docs.is_empty() {
                continue;
            }
            total += docs.len();
            let paths = searcher.segment_reader(segment).fast_fields().str("path")?;
            let mut cursor = SegmentCursor {
                segment,
                docs,
                next: 0,
                paths,
                head: None,
            };
            cursor.load_head(&self.dir)?;
            segments.push(cursor);
        }
        Ok(ExportedDocs {
            searcher,
            fields: self.fields.clone(),
            dir: self.dir.clone(),
            segments,
            remaining: total,
        })
    }
}

/// The matching documents of an export, yielded one [`ExportRecord`] at a time
/// in path order. A record that cannot be read is an error item naming its
/// path; the following documents are still yielded.
pub struct ExportedDocs {
    searcher: Searcher,
    fields: Fields,
    dir: std::path::PathBuf,
    segments: Vec<SegmentCursor>,
    remaining: usize,
}

impl ExportedDocs {
    /// Number of documents not yet yielded (all matches before the first `next`).
    pub fn len(&self) -> usize {
        self.remaining
    }

    /// Whether no document is left to yield.
    pub fn is_empty(&self) -> bool {
        self.remaining == 0
    }

    /// Reads and converts the stored document at `addr`.
    fn read(&self, addr: DocAddress) -> Result<ExportRecord, IndexError> {
        let doc: TantivyDocument = self.searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let path = text(self.fields.path);
        let bad = |reason: String| {
            IndexError::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, reason),
            )
        };
        let mut record: ExtractRecord = serde_json::from_str(&text(self.fields.record))
            .map_err(|e| bad(format!("stored record cannot be decoded: {e}")))?;
        if record.text.is_empty() {
            record.text = crate::stored::page_texts(&doc, self.fields.page_text);
        }
        let ingested_at = doc
            .get_first(self.fields.ingested_at)
            .and_then(|v| v.as_datetime())
            .map(|d| d.into_timestamp_secs())
            .ok_or_else(|| bad("no ingest time stored".to_string()))?;
        Ok(ExportRecord::of_file(
            record,
            &path,
            &text(self.fields.hash),
            ingested_at,
            &text(self.fields.engine),
        ))
    }
}

impl Iterator for ExportedDocs {
    type Item = Result<ExportRecord, IndexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (i, _) = self
            .segments
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.head.as_ref().map(|h| (i, h)))
            .min_by(|a, b| a.1 .0.cmp(&b.1 .0))?;
        let cursor = &mut self.segments[i];
        let (_, doc) = cursor.head.take()?;
        let addr = DocAddress::new(cursor.segment, doc);
        self.remaining = self.remaining.saturating_sub(1);
        if let Err(e) = cursor.load_head(&self.dir) {
            // The rest of this segment cannot be ordered; give up on it, but say so.
            cursor.next = cursor.docs.len();
            return Some(Err(e));
        }
        Some(self.read(addr))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.remaining))
    }
}

/// One segment's matches, sorted by path ordinal, and the next one's path.
struct SegmentCursor {
    segment: SegmentOrdinal,
    docs: Vec<(u64, DocId)>,
    next: usize,
    paths: Option<StrColumn>,
    /// Path and id of the next document to yield from this segment.
    head: Option<(String, DocId)>,
}

impl SegmentCursor {
    /// Moves the next match into `head` with its path, for the merge across segments.
    fn load_head(&mut self, dir: &std::path::Path) -> Result<(), IndexError> {
        self.head = None;
        let Some(&(ord, doc)) = self.docs.get(self.next) else {
            return Ok(());
        };
        self.next += 1;
        let mut path = String::new();
        if let Some(col) = &self.paths {
            if ord != u64::MAX {
                col.ord_to_str(ord, &mut path)
                    .map_err(|e| IndexError::io(dir, e))?;
            }
        }
        self.head = Some((path, doc));
        Ok(())
    }
}

/// Collects, per segment, the matching documents with their path ordinals,
/// sorted: the ordinals of a segment's string column follow the strings' order.
struct PathOrderCollector;

/// [`PathOrderCollector`]'s work on one segment.
struct PathOrderSegment {
    segment: SegmentOrdinal,
    paths: Option<StrColumn>,
    docs: Vec<(u64, DocId)>,
}

impl Collector for PathOrderCollector {
    type Fruit = Vec<(SegmentOrdinal, Vec<(u64, DocId)>)>;
    type Child = PathOrderSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<PathOrderSegment> {
        Ok(PathOrderSegment {
            segment,
            paths: reader.fast_fields().str("path")?,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<(SegmentOrdinal, Vec<(u64, DocId)>)>,
    ) -> tantivy::Result<Self::Fruit> {
        Ok(segment_fruits)
    }
}

impl SegmentCollector for PathOrderSegment {
    type Fruit = (SegmentOrdinal, Vec<(u64, DocId)>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        // A document without a path (never written by ingest) sorts last.
        let ord = self
            .paths
            .as_ref()
            .and_then(|col| col.term_ords(doc).next())
            .unwrap_or(u64::MAX);
        self.docs.push((ord, doc));
    }

    fn harvest(mut self) -> Self::Fruit {
        self.docs.sort_unstable();
        (self.segment, self.docs)
    }
}

/// The vanban version in an engine string (`vanban 0.1.0 record 1.0` → `0.1.0`);
/// an engine string of another shape is returned whole.
pub(crate) fn engine_version(engine: &str) -> String {
    engine
        .strip_prefix("vanban ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or(engine)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_strings_give_their_version() {
        assert_eq!(engine_version("vanban 0.1.0 record 1.0"), "0.1.0");
        assert_eq!(engine_version("custom"), "custom");
        assert_eq!(engine_version(""), "");
    }
}
