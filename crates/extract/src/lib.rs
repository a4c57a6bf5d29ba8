//! Extraction stage of vanban: a repaired document's page texts become facts —
//! the document's own header, the documents it cites, money, counts of cases
//! and periods — each with provenance (page, character span, sentence).

pub mod facts;
mod record;

pub use facts::{CaseCount, Evidence, Facts, Header, Mention, Money, Period, Reference};
pub use record::ExtractRecord;
