//! Reading stored documents back: the few fields a search hit shows, read
//! without the extract record, and the whole record with its pages put back.
//!
//! Each file's page texts are stored as `page_text` values ahead of the
//! record (whose own `text` is left empty), with their count in
//! `text_pages` before them. A hit reads fields in stored order and stops
//! after the last page: the record, most of a document's stored bytes
//! (every fact with its sentence), is neither checked as UTF-8 nor parsed.
//! That reading was about 40% of a search request's CPU (profile of
//! `vanban serve` on the 10k generated index).

use std::sync::OnceLock;

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{OwnedValue, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};
use vanban_extract::ExtractRecord;

use crate::error::IndexError;
use crate::schema::Fields;
use crate::store::{StoredOcr, VanbanIndex};

/// The schema's field handles, for deserializers (which get no `self`).
fn fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| Fields::build().1)
}

/// What a search hit shows of a stored file.
#[derive(Debug, Default)]
pub(crate) struct HitDoc {
    /// Canonical path.
    pub path: String,
    /// Own number as extracted.
    pub number: Option<String>,
    /// Type word.
    pub kind: Option<String>,
    /// Document date as extracted.
    pub date: Option<String>,
    /// Issuing body.
    pub agency: Option<String>,
    /// Page texts, in order.
    pub text: Vec<String>,
    /// OCR confidences of the OCRed pages (only files with OCRed pages
    /// read their record for these).
    pub ocr: Option<StoredOcr>,
}

/// The part of a stored record's JSON that holds OCR confidences.
#[derive(serde::Deserialize)]
struct OcrOnly {
    #[serde(default)]
    ocr: Option<StoredOcr>,
}

impl DocumentDeserialize for HitDoc {
    fn deserialize<'de, D>(mut de: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let f = fields();
        let mut hit = HitDoc::default();
        let mut pages: Option<usize> = None;
        let mut ocr = false;
        let string = |v: OwnedValue| match v {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        };
        while let Some((field, value)) = de.next_field::<OwnedValue>()? {
            if field == f.path {
                hit.path = string(value).unwrap_or_default();
            } else if field == f.number {
                hit.number = string(value);
            } else if field == f.kind {
                hit.kind = string(value);
            } else if field == f.date_text {
                hit.date = string(value);
            } else if field == f.agency {
                hit.agency = string(value);
            } else if field == f.ocr {
                ocr = matches!(value, OwnedValue::Bool(true));
            } else if field == f.text_pages {
                pages = match value {
                    OwnedValue::U64(n) => usize::try_from(n).ok(),
                    _ => None,
                };
            } else if field == f.page_text {
                hit.text.push(string(value).unwrap_or_default());
            } else if field == f.record {
                // Reached only for OCRed files: their confidences are in the record.
                if let OwnedValue::Str(json) = value {
                    hit.ocr = serde_json::from_str::<OcrOnly>(&json)
                        .map_err(DeserializeError::custom)?
                        .ocr;
                }
                break;
            }
            if !ocr && pages.is_some_and(|n| hit.text.len() >= n) {
                break;
            }
        }
        Ok(hit)
    }
}

impl VanbanIndex {
    /// What a search hit shows of the file at `addr`.
    pub(crate) fn hit_doc(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Result<HitDoc, IndexError> {
        Ok(searcher.doc::<HitDoc>(addr)?)
    }

    /// The whole extract record of a stored document, its pages put back.
    pub(crate) fn full_record(&self, doc: &TantivyDocument) -> Result<ExtractRecord, IndexError> {
        let mut record: ExtractRecord = serde_json::from_str(self.record_json(doc))?;
        if record.text.is_empty() {
            record.text = page_texts(doc, self.fields.page_text);
        }
        Ok(record)
    }
}

/// The `page_text` values of a stored document, in order.
pub(crate) fn page_texts(doc: &TantivyDocument, page_text: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(page_text)
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use vanban_extract::{OcrPageRecord, OcrProvenance};
    use vanban_model::OcrPage;

    use crate::testing::{index, record};
    use crate::{Filters, SearchRequest};

    fn ask(index: &crate::VanbanIndex, query: &str) -> crate::SearchResults {
        index
            .search(&SearchRequest {
                query: query.into(),
                limit: 10,
                filters: Filters::default(),
                facets: false,
                all_files: true,
            })
            .unwrap()
    }

    #[test]
    fn pages_are_stored_apart_from_the_record_and_come_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut plain = record(
            Some("BÁO CÁO"),
            Some("SỞ NỘI VỤ"),
            Some("2023-05-02"),
            "Trang một: tổng kết công tác cải cách hành chính",
        );
        // An empty page between two: page numbers must not shift.
        plain.text.push(String::new());
        plain
            .text
            .push("Trang ba: thủ tục hành chính được rút gọn".into());
        plain.pages = 3;
        let mut scanned = record(
            Some("KẾ HOẠCH"),
            None,
            None,
            "Bản quét: kế hoạch kiểm tra thủ tục hành chính",
        );
        scanned.ocr = Some(OcrProvenance {
            pages: vec![OcrPageRecord {
                page: 1,
                ocr: OcrPage {
                    mean_confidence: 87.5,
                    ..OcrPage::default()
                },
            }],
            facts: Vec::new(),
        });
        let index = index(
            dir.path(),
            vec![("a.docx", plain.clone()), ("b.pdf", scanned.clone())],
        );

        // A hit reads the pages (the third page holds "rút gọn") and the header fields.
        let hits = ask(&index, "rut gon").hits;
        assert_eq!(hits.len(), 1);
        let hit = &hits[0];
        assert!(hit.path.ends_with("a.docx"), "{}", hit.path);
        assert_eq!(hit.kind.as_deref(), Some("BÁO CÁO"));
        assert_eq!(hit.agency.as_deref(), Some("SỞ NỘI VỤ"));
        assert_eq!(hit.date.as_deref(), Some("2023-05-02"));
        let snippet = hit.snippet.as_ref().unwrap();
        assert_eq!(snippet.page, 3);
        assert!(!hit.ocr);

        // An OCRed hit still has its page confidence (read from the record).
        let hits = ask(&index, "ban quet").hits;
        assert_eq!(hits.len(), 1);
        assert!(hits[0].ocr);
        assert_eq!(hits[0].ocr_confidence, Some(87.5));

        // Readers of the whole record get every page back, in order.
        let exported: Vec<_> = index
            .export("", &Filters::default())
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let a = exported
            .iter()
            .find(|r| r.path.ends_with("a.docx"))
            .unwrap();
        assert_eq!(a.text, plain.text);
        let b = exported.iter().find(|r| r.path.ends_with("b.pdf")).unwrap();
        assert_eq!(b.text, scanned.text);
    }
}
