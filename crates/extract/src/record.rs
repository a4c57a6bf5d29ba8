use serde::{Deserialize, Serialize};
use vanban_parse::{Document, Meta, Warning};

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

/// JSON Schema (draft 2020-12) of [`ExtractRecord`], generated from the Rust types.
pub fn extract_record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ExtractRecord)).unwrap_or_default()
}
