//! DOCX parsing, our own zip + quick-xml code end to end: every panic is a bug.
//!
//! Input starting with `PK` is parsed as a DOCX file as is. Any other input
//! is split at NUL bytes into the XML parts listed in [`PARTS`] and packed
//! into a valid (stored) zip first: mutated zip bytes almost never pass the
//! CRC check, so without this the fuzzer would rarely reach the XML readers.

use std::io::{Cursor, Write};

use vanban_parse::{docx::parse_docx, Document, Limits};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Part names given to the NUL-separated pieces of a non-zip input, in order.
pub const PARTS: [&str; 11] = [
    "word/document.xml",
    "word/styles.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/theme/theme1.xml",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/_rels/document.xml.rels",
    "_rels/.rels",
];

/// Relationships of the main part used when the input supplies none.
const DEFAULT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>"#;

/// Parses `data` as a DOCX file (or as the parts of one) and checks the result's shape.
pub fn check(data: &[u8]) {
    let limits = Limits::default();
    let packed;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        packed = pack_parts(data);
        &packed
    };
    if let Ok(doc) = parse_docx(bytes, &limits) {
        check_document(&doc, &limits);
    }
}

/// A stored zip holding the NUL-separated pieces of `data` under [`PARTS`].
pub fn pack_parts(data: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut pieces = data.split(|&b| b == 0);
    let mut has_rels = false;
    for name in PARTS {
        let Some(piece) = pieces.next() else { break };
        has_rels |= name == "word/_rels/document.xml.rels";
        // Writing to memory fails only on a zip-format limit, which these sizes never reach.
        if zip.start_file(name, options).is_ok() {
            let _ = zip.write_all(piece);
        }
    }
    if !has_rels && zip.start_file(PARTS[9], options).is_ok() {
        let _ = zip.write_all(DEFAULT_RELS.as_bytes());
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// Invariants of a parsed DOCX document.
fn check_document(doc: &Document, limits: &Limits) {
    assert!(
        doc.pages.len() <= limits.max_pages,
        "more pages than the page limit"
    );
    for page in &doc.pages {
        // Page text assembles every block; it must not panic on any structure.
        let _ = page.text();
    }
}
