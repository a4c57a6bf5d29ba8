//! Extraction stage of vanban: a repaired document's page texts become facts —
//! the document's own header, the documents it cites, money, counts of cases
//! and periods — each with provenance (page, character span, sentence).
#![deny(missing_docs)]

mod boundary;
mod counts;
mod dates;
mod evidence;
pub mod facts;
mod header;
mod issuers;
mod letters;
mod lunar;
mod money;
mod numbers;
mod periods;
mod record;
mod references;
mod seam;
mod vocab;

pub use evidence::evidence_for;
pub use facts::{CaseCount, Evidence, Facts, Header, Mention, Money, Period, Reference};
pub use record::{
    extract_record_schema, ExtractRecord, OcrFact, OcrPageRecord, OcrPageSummary, OcrProvenance,
    OcrSummary, SCHEMA_VERSION,
};

use vanban_text::PreparedPage;

/// What the rules know about the document as a whole, built once from its header.
#[derive(Debug, Clone, Default)]
pub struct DocContext {
    /// The document's own date (year, month, day) from its header, used to resolve
    /// relative periods (`6 THÁNG CUỐI NĂM`, `từ năm 2014 đến nay`).
    pub date: Option<(i32, u32, Option<u32>)>,
    /// The document's own number, which is never a reference.
    pub number: Option<String>,
    /// The document's own agency named as a body (`Sở Ngoại vụ`), which a bare
    /// `Sở đã ban hành…` in the text stands for.
    pub agency: Option<String>,
}

impl DocContext {
    /// The context a document's own header gives.
    pub(crate) fn of_header(header: &Header) -> Self {
        DocContext {
            date: header.date.as_deref().and_then(dates::parse_iso_date),
            number: header.number.clone(),
            agency: header::own_agency(header),
        }
    }
}

/// Extracts every fact from a document's prepared pages.
pub fn extract_facts(pages: &[PreparedPage]) -> Facts {
    let header = header::extract_header(pages);
    let ctx = DocContext::of_header(&header);
    Facts {
        references: references::extract_references(pages, &ctx),
        money: money::extract_money(pages, &ctx),
        case_counts: counts::extract_counts(pages, &ctx),
        periods: periods::extract_periods(pages, &ctx),
        header,
    }
}
