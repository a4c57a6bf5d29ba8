//! A small record with Vietnamese text and awkward characters, for unit tests.

use vanban_extract::{Evidence, Facts, Header, Mention, Money, Reference};

use crate::ExportRecord;

/// A one-page record with one cited document (one mention) and one money figure.
pub(crate) fn record() -> ExportRecord {
    let evidence = Evidence {
        page: 1,
        start: 3,
        end: 9,
        sentence: "Theo \"Kế hoạch\", a,b\nỦy ban nhân dân".into(),
        ..Evidence::default()
    };
    ExportRecord {
        schema_version: "1.0".into(),
        id: "abc".into(),
        path: "/c/a.txt".into(),
        format: "text".into(),
        pages: 1,
        facts: Facts {
            header: Header {
                agency: Some("UBND TỈNH HÀ TĨNH".into()),
                kind: Some("BÁO CÁO".into()),
                date: Some("2021-06-15".into()),
                ..Header::default()
            },
            references: vec![Reference {
                kind: "Kế hoạch".into(),
                number: "12/KH-UBND".into(),
                raw: "Kế hoạch số 12/KH-UBND".into(),
                mentions: vec![Mention {
                    raw: "Kế hoạch số 12/KH-UBND".into(),
                    evidence: evidence.clone(),
                }],
                ..Reference::default()
            }],
            money: vec![Money {
                raw: "5 triệu đồng".into(),
                vnd: Some(5_000_000),
                currency: "VND".into(),
                amount: "5000000".into(),
                evidence,
                ..Money::default()
            }],
            case_counts: Vec::new(),
            periods: Vec::new(),
        },
        warnings: Vec::new(),
        needs_ocr: false,
        ingested_at: "2026-01-01T00:00:00Z".into(),
        vanban_version: "0.1.0".into(),
        ocr: None,
        text: vec!["Theo Kế hoạch số 12/KH-UBND, Ủy ban nhân dân tỉnh cải cách hành chính.".into()],
    }
}
