//! Plain text and Markdown: UTF-8 only; a form feed starts a new page.

use crate::{Block, Document, Format, Page, Paragraph, ParseError};

/// Parses UTF-8 text into pages (split at form feeds) of one paragraph per line.
pub fn parse_plain(bytes: &[u8], format: Format) -> Result<Document, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc = Document::new(format);
    for page_text in text.split('\u{0c}') {
        let mut page = Page::default();
        let body = page_text.strip_suffix('\n').unwrap_or(page_text);
        if !body.is_empty() {
            for line in body.split('\n') {
                let line = line.strip_suffix('\r').unwrap_or(line);
                page.blocks
                    .push(Block::Paragraph(Paragraph::plain(line, None)));
            }
        }
        page.quality.chars = page_text.chars().filter(|c| !c.is_whitespace()).count();
        doc.pages.push(page);
    }
    // A trailing form feed does not open a real page.
    if doc.pages.len() > 1 && doc.pages.last().is_some_and(|p| p.blocks.is_empty()) {
        doc.pages.pop();
    }
    doc.meta.has_text_layer = true;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_feed_splits_pages_and_crlf_is_folded() {
        let doc = parse_plain(
            "Số: 77/BC-SNgV\r\nHà Tĩnh\x0cTrang hai\n".as_bytes(),
            Format::Text,
        )
        .unwrap();
        assert_eq!(doc.pages.len(), 2);
        assert_eq!(doc.pages[0].text(), "Số: 77/BC-SNgV\nHà Tĩnh\n");
        assert_eq!(doc.pages[1].text(), "Trang hai\n");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        // "Hà" in Windows-1258 is 0x48 0xE0: not UTF-8.
        let err = parse_plain(b"H\xe0 N\xf4i", Format::Text).unwrap_err();
        assert!(matches!(err, ParseError::NotUtf8 { offset: 1 }), "{err}");
    }

    #[test]
    fn bom_is_dropped_and_blank_lines_kept() {
        let doc = parse_plain("\u{feff}a\n\nb".as_bytes(), Format::Text).unwrap();
        assert_eq!(doc.pages[0].text(), "a\n\nb\n");
    }
}
