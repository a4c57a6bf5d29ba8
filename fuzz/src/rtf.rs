//! RTF parsing (our own tokenizer and group machine): every panic is a bug, and the
//! document must respect the limits whatever the input.

use vanban_parse::{rtf::parse_rtf, Block, Document, Limits};

/// Parses `data` as RTF (prefixed with `{\rtf1 ` when it does not start so, so that
/// mutations reach the group machine) and checks the result's shape.
pub fn check(data: &[u8]) {
    let limits = Limits {
        max_xml_depth: 64,
        max_pages: 50,
        ..Limits::default()
    };
    let prefixed;
    let bytes = if data.starts_with(b"{\\rtf") {
        data
    } else {
        prefixed = [&b"{\\rtf1 "[..], data].concat();
        &prefixed
    };
    if let Ok(doc) = parse_rtf(bytes, &limits) {
        check_document(&doc, &limits);
    }
}

/// Invariants of a parsed document from a flowing format.
pub fn check_document(doc: &Document, limits: &Limits) {
    assert!(
        doc.pages.len() <= limits.max_pages,
        "more pages than the limit"
    );
    assert_eq!(doc.meta.page_count, doc.pages.len(), "page count");
    for page in &doc.pages {
        let text = page.text();
        // Paragraph blocks never consist of whitespace only.
        for b in &page.blocks {
            if let Block::Paragraph(p) = b {
                assert!(!p.text().trim().is_empty(), "blank paragraph kept");
            }
        }
        assert_eq!(
            page.quality.chars,
            text.chars().filter(|c| !c.is_whitespace()).count(),
            "character count"
        );
    }
}
