//! HTML and MHTML parsing (html5ever tree, our walker, mailparse for MIME): every panic
//! is a bug, and the document must respect the limits whatever the input.

use vanban_parse::{html::parse_html, Block, Document, Limits};

/// Parses `data` as HTML or MHTML and checks the result's shape.
pub fn check(data: &[u8]) {
    let limits = Limits {
        max_xml_depth: 128,
        max_pages: 50,
        ..Limits::default()
    };
    if let Ok(doc) = parse_html(data, &limits) {
        check_document(&doc, &limits);
    }
}

/// Invariants of a parsed HTML document.
fn check_document(doc: &Document, limits: &Limits) {
    assert!(
        doc.pages.len() <= limits.max_pages,
        "more pages than the limit"
    );
    assert_eq!(doc.meta.page_count, doc.pages.len(), "page count");
    for page in &doc.pages {
        let text = page.text();
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
