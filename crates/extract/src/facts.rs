//! The fact model shared by extraction, the index and export.
//!
//! Field names and value conventions follow the annotation guide of the gold
//! set (`tests/gold/README.md`): ISO dates, canonical document numbers, money
//! as integer đồng. Spans are character (Unicode scalar value) offsets into
//! the page text printed by `vanban extract --json`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a fact stands in the document: the auditor's way back to the original.
///
/// A fact broken by a page break (`1.250.000` ⏎ page number ⏎ `đồng`) points at
/// the page where it starts: `start` is its first character there and `end` the
/// end of its last character on that page; `sentence` (and the fact's `raw`)
/// hold the whole fact joined over the break, without the page furniture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// 1-based page number.
    pub page: u32,
    /// Start character offset into that page's text.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
    /// The sentence (or table cell / line) the fact stands in, as printed.
    pub sentence: String,
    /// True when the fact stands on a page whose text was read by OCR.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
    /// On an OCRed page: the lowest engine confidence (0–100) of the words the
    /// fact spans, since one misread digit is enough to make a number wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<u8>,
}

/// Every fact extracted from one document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Facts {
    /// The document's own header.
    pub header: Header,
    /// Documents it cites, one entry per distinct document, in order of first mention.
    pub references: Vec<Reference>,
    /// Money figures in order of appearance.
    pub money: Vec<Money>,
    /// Counts of cases (files, procedures, people, tasks…) in order of appearance.
    pub case_counts: Vec<CaseCount>,
    /// Reporting periods and date ranges, distinct, in order of first mention.
    pub periods: Vec<Period>,
}

/// The document's own header block and closing block.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Header {
    /// Issuing body as printed in the top-left block (`SỞ NGOẠI VỤ`).
    pub agency: Option<String>,
    /// The line above the agency (`UBND TỈNH HÀ TĨNH`).
    pub parent_agency: Option<String>,
    /// The document's own number after `Số:` (`77/BC-SNgV`; `/BC-SNgV` when left blank).
    pub number: Option<String>,
    /// Type word(s) as printed (`BÁO CÁO`, `KẾ HOẠCH`); null for a công văn, which prints none.
    pub kind: Option<String>,
    /// Place from the place-date line.
    pub place: Option<String>,
    /// ISO date (`2021-06-15`, or `2021-06` when the day is blank).
    pub date: Option<String>,
    /// Subject line(s) under the type word, joined by one space.
    pub subject: Option<String>,
    /// Name of the signer.
    pub signer: Option<String>,
    /// The signer's own title (below `KT.`/`TM.`/`TL.`/`Q.` lines).
    pub signer_title: Option<String>,
    /// Recipients from `Nơi nhận` / `Kính gửi`.
    pub recipients: Vec<String>,
    /// Where each field was found, keyed by field name.
    pub evidence: BTreeMap<String, Evidence>,
}

/// One distinct cited document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reference {
    /// Type word in sentence case (`Nghị định`, `Kế hoạch`, `Công văn`…).
    pub kind: String,
    /// Canonical number (`55/2011/NĐ-CP`, `18-NQ/TW`); the short number as printed when `partial`.
    pub number: String,
    /// The first mention exactly as printed (line breaks joined by one space).
    pub raw: String,
    /// ISO date of the cited document if any mention gives one.
    pub date: Option<String>,
    /// Issuing body named by the text or resolved from the number's symbol.
    pub issuer: Option<String>,
    /// True when only a short number is known (`Nghị định 130`).
    pub partial: bool,
    /// Every mention, with its span and sentence.
    pub mentions: Vec<Mention>,
}

/// One mention of a cited document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Mention {
    /// The mention as printed.
    pub raw: String,
    /// Where it stands.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// A money figure.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Money {
    /// The figure as printed (`286.000.000 đồng`).
    pub raw: String,
    /// Value in đồng, exact and signed: a change printed with a minus sign
    /// (`(-1.740đồng/kg)`) or after `âm` is negative; `None` for foreign currencies.
    pub vnd: Option<i64>,
    /// ISO 4217 currency code (`VND`, `USD`).
    pub currency: String,
    /// Amount in the figure's own currency, as a signed decimal string (`39.9e9` is `39900000000`, `(-1.740đ)` is `-1740`).
    pub amount: String,
    /// Per-unit suffix (`tháng`, `kg`) when the figure is a rate or price.
    pub per: Option<String>,
    /// True when the figure is printed negative (`(-13đồng/kg)`, `âm 1.200.000 đồng`):
    /// `vnd` and `amount` then carry the minus sign. A word such as `giảm` before an
    /// unsigned figure does not make it negative (the amount of a fall is printed positive).
    pub negative: bool,
    /// The amount written out in words after it (`Bằng chữ: Hai trăm tám mươi sáu triệu đồng`), as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_words: Option<String>,
    /// True when `in_words` reads as a different value from the digits: one of the two is a typing slip.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mismatch: bool,
    /// Where it stands.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// A count of cases: a number and its counted noun.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CaseCount {
    /// The count as printed (`124/132 hồ sơ`).
    pub raw: String,
    /// The count (lower bound of a range).
    pub value: u64,
    /// The total in `124/132` forms.
    pub of: Option<u64>,
    /// The counted noun (`hồ sơ`, `thủ tục hành chính`).
    pub unit: String,
    /// Where it stands.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// A period or date range, resolved to ISO start and end dates.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Period {
    /// The wording as printed (`6 tháng đầu năm 2021`).
    pub raw: String,
    /// First day, ISO.
    pub start: String,
    /// Last day, ISO.
    pub end: String,
    /// Where it stands; nested, because flattened its character offsets
    /// `start`/`end` would collide with the ISO bounds above.
    pub evidence: Evidence,
}
