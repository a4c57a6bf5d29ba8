use serde::{Deserialize, Serialize};
use vanban_model::{Document, Meta, Warning};

use crate::facts::{CaseCount, Facts, Header, Money, Period, Reference};

/// Version of the record formats (`vanban extract --json` output and export lines).
///
/// Within a major version changes are additive only: fields may be added, never
/// renamed, removed or given another meaning.
pub const SCHEMA_VERSION: &str = "1.0";

/// What `vanban extract --json` prints for one file.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExtractRecord {
    /// Version of this record format (see [`SCHEMA_VERSION`]).
    pub schema_version: String,
    /// The path the file was read from.
    pub source: String,
    /// Detected format (`pdf`, `docx`, `text`, `markdown`).
    pub format: String,
    /// Number of pages.
    pub pages: usize,
    /// Each page's text; every span is a character offset into one of these.
    pub text: Vec<String>,
    /// File-level metadata.
    pub meta: Meta,
    /// Problems that did not stop parsing or extraction.
    pub warnings: Vec<Warning>,
    /// True when the file is a scan with no usable text layer.
    pub needs_ocr: bool,
    /// The document's own header.
    pub header: Header,
    /// Cited documents.
    pub references: Vec<Reference>,
    /// Money figures.
    pub money: Vec<Money>,
    /// Counts of cases.
    pub case_counts: Vec<CaseCount>,
    /// Periods.
    pub periods: Vec<Period>,
}

impl ExtractRecord {
    /// Builds the record from a document, its page texts and its facts.
    pub fn new(doc: &Document, text: Vec<String>, facts: Facts) -> Self {
        ExtractRecord {
            schema_version: SCHEMA_VERSION.to_string(),
            source: doc.source.clone(),
            format: doc
                .format
                .map(|f| f.as_str())
                .unwrap_or("unknown")
                .to_string(),
            pages: doc.pages.len(),
            text,
            meta: doc.meta.clone(),
            warnings: doc.warnings.clone(),
            needs_ocr: doc.meta.needs_ocr,
            header: facts.header,
            references: facts.references,
            money: facts.money,
            case_counts: facts.case_counts,
            periods: facts.periods,
        }
    }
}

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
    /// The document's own header.
    pub header: Header,
    /// Cited documents, each with every mention's page, span and sentence.
    pub references: Vec<Reference>,
    /// Money figures (đồng as exact integers).
    pub money: Vec<Money>,
    /// Counts of cases.
    pub case_counts: Vec<CaseCount>,
    /// Periods (ISO 8601 start and end dates).
    pub periods: Vec<Period>,
    /// Problems met while parsing or extracting.
    pub warnings: Vec<Warning>,
    /// True when the file is a scan with no usable text layer.
    pub needs_ocr: bool,
    /// When the document was ingested, RFC 3339 UTC.
    pub ingested_at: String,
    /// The vanban version that ingested it.
    pub vanban_version: String,
}

impl ExportRecord {
    /// Builds the export line of an ingested document from its extract record.
    pub fn from_extract(record: ExtractRecord, ingested_at: String, vanban_version: &str) -> Self {
        ExportRecord {
            schema_version: SCHEMA_VERSION.to_string(),
            id: record.meta.blake3.clone(),
            path: record.source,
            format: record.format,
            pages: record.pages,
            header: record.header,
            references: record.references,
            money: record.money,
            case_counts: record.case_counts,
            periods: record.periods,
            warnings: record.warnings,
            needs_ocr: record.needs_ocr,
            ingested_at,
            vanban_version: vanban_version.to_string(),
        }
    }
}

/// JSON Schema (draft 2020-12) of [`ExtractRecord`], generated from the Rust types.
pub fn extract_record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ExtractRecord)).unwrap_or_default()
}

/// JSON Schema (draft 2020-12) of [`ExportRecord`], generated from the Rust types.
pub fn export_record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ExportRecord)).unwrap_or_default()
}
