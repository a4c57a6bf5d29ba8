use serde::{Deserialize, Serialize};
use vanban_model::{Document, Meta, OcrPage, Warning};

use crate::facts::{CaseCount, Evidence, Facts, Header, Money, Period, Reference};

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
    /// Present when some pages were read by OCR: those pages and the facts found on them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrProvenance>,
}

/// Which pages of a record were read by OCR, and how sure the engine was of each fact on them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OcrProvenance {
    /// The OCRed pages with their mean and per-word confidences.
    pub pages: Vec<OcrPageRecord>,
    /// Every fact found on an OCRed page, with the confidences of the words it spans.
    pub facts: Vec<OcrFact>,
}

/// One OCRed page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OcrPageRecord {
    /// 1-based page number.
    pub page: u32,
    /// How the page was read.
    #[serde(flatten)]
    pub ocr: OcrPage,
}

/// A fact that stands on an OCRed page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OcrFact {
    /// JSON Pointer to the fact's evidence in this record (`/references/2/mentions/0`, `/money/1`).
    pub fact: String,
    /// 1-based page number.
    pub page: u32,
    /// Start character offset into that page's text.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
    /// Lowest confidence of the words the fact spans, 0–100 (digits are what auditors check).
    pub min_confidence: u8,
    /// Confidence of each word the fact spans, in order.
    pub word_confidences: Vec<u8>,
}

impl OcrProvenance {
    /// The OCR provenance of a document's facts; `None` when no page was OCRed.
    fn of(doc: &Document, facts: &Facts) -> Option<Self> {
        let pages: Vec<OcrPageRecord> = doc
            .pages
            .iter()
            .filter_map(|p| {
                p.ocr.clone().map(|ocr| OcrPageRecord {
                    page: p.number,
                    ocr,
                })
            })
            .collect();
        if pages.is_empty() {
            return None;
        }
        let mut spans: Vec<(String, &Evidence)> = Vec::new();
        for (key, e) in &facts.header.evidence {
            spans.push((format!("/header/evidence/{key}"), e));
        }
        for (i, r) in facts.references.iter().enumerate() {
            for (j, m) in r.mentions.iter().enumerate() {
                spans.push((format!("/references/{i}/mentions/{j}"), &m.evidence));
            }
        }
        for (i, m) in facts.money.iter().enumerate() {
            spans.push((format!("/money/{i}"), &m.evidence));
        }
        for (i, c) in facts.case_counts.iter().enumerate() {
            spans.push((format!("/case_counts/{i}"), &c.evidence));
        }
        for (i, p) in facts.periods.iter().enumerate() {
            spans.push((format!("/periods/{i}/evidence"), &p.evidence));
        }
        let facts = spans
            .into_iter()
            .filter_map(|(fact, e)| {
                let page = pages.iter().find(|p| p.page == e.page)?;
                let word_confidences: Vec<u8> = page
                    .ocr
                    .words
                    .iter()
                    .filter(|w| w.start < e.end && w.end > e.start)
                    .map(|w| w.confidence)
                    .collect();
                Some(OcrFact {
                    fact,
                    page: e.page,
                    start: e.start,
                    end: e.end,
                    min_confidence: word_confidences.iter().copied().min().unwrap_or(0),
                    word_confidences,
                })
            })
            .collect();
        Some(OcrProvenance { pages, facts })
    }
}

impl ExtractRecord {
    /// Builds the record from a document, its page texts and its facts.
    pub fn new(doc: &Document, text: Vec<String>, facts: Facts) -> Self {
        let ocr = OcrProvenance::of(doc, &facts);
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
            ocr,
        }
    }
}

/// JSON Schema (draft 2020-12) of [`ExtractRecord`], generated from the Rust types.
pub fn extract_record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ExtractRecord)).unwrap_or_default()
}
