use serde::{Deserialize, Serialize};
use vanban_model::{Document, Meta, OcrPage, Warning};

use crate::facts::{CaseCount, Evidence, Facts, Header, Money, Period, Reference};

/// Version of the record formats (`vanban extract --json` output and export lines).
///
/// Within a major version changes are additive only: fields may be added, never
/// renamed, removed or given another meaning.
///
/// 1.1: OCR provenance on every fact's evidence (`ocr`, `ocr_confidence`).
pub const SCHEMA_VERSION: &str = "1.1";

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
    ///
    /// Also marks every fact standing on an OCRed page: its evidence gets
    /// `ocr: true` and the lowest confidence of the words it spans.
    fn of(doc: &Document, facts: &mut Facts) -> Option<Self> {
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
        let mut out = Vec::new();
        for_each_evidence(facts, |fact, e| {
            let Some(page) = pages.iter().find(|p| p.page == e.page) else {
                return;
            };
            let word_confidences = span_confidences(&page.ocr, e.start, e.end);
            let min_confidence = word_confidences.iter().copied().min().unwrap_or(0);
            e.ocr = true;
            e.ocr_confidence = Some(min_confidence);
            out.push(OcrFact {
                fact,
                page: e.page,
                start: e.start,
                end: e.end,
                min_confidence,
                word_confidences,
            });
        });
        Some(OcrProvenance { pages, facts: out })
    }
}

/// How a document's OCRed pages were read, without the per-word detail: what
/// the index's export records carry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OcrSummary {
    /// Engine name and version (`tesseract 5.3.0`).
    pub engine: String,
    /// Language model and the identity of its data file.
    pub model: String,
    /// Each OCRed page.
    pub pages: Vec<OcrPageSummary>,
}

/// One OCRed page in an [`OcrSummary`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OcrPageSummary {
    /// 1-based page number.
    pub page: u32,
    /// Mean word confidence on the page, 0–100.
    pub mean_confidence: f32,
    /// Whether a text layer the file carried was replaced (it failed the quality check).
    pub replaced_text_layer: bool,
}

impl OcrSummary {
    /// The lowest mean confidence of the OCRed pages (the page to check first).
    pub fn min_page_confidence(&self) -> Option<f32> {
        self.pages
            .iter()
            .map(|p| p.mean_confidence)
            .min_by(f32::total_cmp)
    }
}

impl ExtractRecord {
    /// The OCR summary of this record; `None` when no page was OCRed.
    pub fn ocr_summary(&self) -> Option<OcrSummary> {
        let provenance = self.ocr.as_ref()?;
        let engine = self.meta.ocr.clone().unwrap_or_default();
        Some(OcrSummary {
            engine: engine.engine,
            model: engine.model,
            pages: provenance
                .pages
                .iter()
                .map(|p| OcrPageSummary {
                    page: p.page,
                    mean_confidence: p.ocr.mean_confidence,
                    replaced_text_layer: p.ocr.replaced_text_layer,
                })
                .collect(),
        })
    }
}

/// Confidences of the OCRed words overlapping characters `start..end`, in order.
fn span_confidences(page: &OcrPage, start: usize, end: usize) -> Vec<u8> {
    page.words
        .iter()
        .filter(|w| w.start < end && w.end > start)
        .map(|w| w.confidence)
        .collect()
}

/// Calls `visit` with the JSON Pointer of every fact's evidence in the record
/// (`/references/2/mentions/0`, `/money/1`) and the evidence itself.
fn for_each_evidence(facts: &mut Facts, mut visit: impl FnMut(String, &mut Evidence)) {
    for (key, e) in facts.header.evidence.iter_mut() {
        visit(format!("/header/evidence/{key}"), e);
    }
    for (i, r) in facts.references.iter_mut().enumerate() {
        for (j, m) in r.mentions.iter_mut().enumerate() {
            visit(format!("/references/{i}/mentions/{j}"), &mut m.evidence);
        }
    }
    for (i, m) in facts.money.iter_mut().enumerate() {
        visit(format!("/money/{i}"), &mut m.evidence);
    }
    for (i, c) in facts.case_counts.iter_mut().enumerate() {
        visit(format!("/case_counts/{i}"), &mut c.evidence);
    }
    for (i, p) in facts.periods.iter_mut().enumerate() {
        visit(format!("/periods/{i}/evidence"), &mut p.evidence);
    }
}

impl ExtractRecord {
    /// Builds the record from a document, its page texts and its facts.
    pub fn new(doc: &Document, text: Vec<String>, mut facts: Facts) -> Self {
        let ocr = OcrProvenance::of(doc, &mut facts);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Mention;
    use vanban_model::{Format, OcrWord, Page};

    fn evidence(page: u32, start: usize, end: usize) -> Evidence {
        Evidence {
            page,
            start,
            end,
            sentence: "Kinh phí 286.000.000 đồng".into(),
            ..Evidence::default()
        }
    }

    /// Page 1 read by OCR (`Kinh phí 286.000.000 đồng`, the figure read with 41), page 2 born digital.
    fn document() -> Document {
        let mut doc = Document::new(Format::Pdf);
        let word = |start, end, confidence| OcrWord {
            start,
            end,
            confidence,
        };
        let mut scanned = Page {
            number: 1,
            ..Page::default()
        };
        scanned.ocr = Some(OcrPage {
            mean_confidence: 80.0,
            replaced_text_layer: false,
            words: vec![
                word(0, 4, 96),
                word(5, 8, 93),
                word(9, 20, 41),
                word(21, 25, 88),
            ],
        });
        doc.pages.push(scanned);
        doc.pages.push(Page {
            number: 2,
            ..Page::default()
        });
        doc
    }

    #[test]
    fn a_fact_on_an_ocred_page_carries_the_lowest_confidence_of_its_words() {
        let mut facts = Facts::default();
        facts.money.push(Money {
            raw: "286.000.000 đồng".into(),
            evidence: evidence(1, 9, 25),
            ..Money::default()
        });
        facts.references.push(Reference {
            mentions: vec![Mention {
                raw: "Kinh phí".into(),
                evidence: evidence(1, 0, 8),
            }],
            ..Reference::default()
        });
        facts.money.push(Money {
            raw: "5 triệu đồng".into(),
            evidence: evidence(2, 0, 12),
            ..Money::default()
        });
        let record = ExtractRecord::new(&document(), vec![String::new(); 2], facts);
        let on_scan = &record.money[0].evidence;
        assert!(on_scan.ocr);
        assert_eq!(on_scan.ocr_confidence, Some(41));
        assert_eq!(
            record.references[0].mentions[0].evidence.ocr_confidence,
            Some(93)
        );
        // A fact on a born-digital page says nothing about OCR, in Rust and in JSON.
        let digital = &record.money[1].evidence;
        assert!(!digital.ocr);
        assert_eq!(digital.ocr_confidence, None);
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["money"][0]["ocr"], true);
        assert_eq!(json["money"][0]["ocr_confidence"], 41);
        assert!(json["money"][1].get("ocr").is_none());
        assert!(json["money"][1].get("ocr_confidence").is_none());
        let summary = record.ocr_summary().unwrap();
        assert_eq!(summary.pages.len(), 1);
        assert_eq!(summary.min_page_confidence(), Some(80.0));
        let provenance = record.ocr.as_ref().unwrap();
        assert_eq!(provenance.pages.len(), 1);
        assert_eq!(provenance.facts.len(), 2);
        assert_eq!(provenance.facts[0].word_confidences, [96, 93]);
    }

    #[test]
    fn a_record_without_ocred_pages_has_no_ocr_provenance() {
        let mut doc = Document::new(Format::Pdf);
        doc.pages.push(Page {
            number: 1,
            ..Page::default()
        });
        let mut facts = Facts::default();
        facts.money.push(Money {
            evidence: evidence(1, 0, 5),
            ..Money::default()
        });
        let record = ExtractRecord::new(&doc, vec![String::new()], facts);
        assert!(record.ocr.is_none());
        assert!(record.ocr_summary().is_none());
        assert!(!record.money[0].evidence.ocr);
    }
}
