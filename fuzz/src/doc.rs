//! Word 97–2003 `.doc` parsing: the `cfb` compound-file layer and our own [MS-DOC]
//! structure readers end to end; every panic is a bug.
//!
//! Input starting with the OLE2 signature is parsed as a `.doc` file as is. Any other
//! input is `[u32 LE length n][n bytes WordDocument stream][table stream]` and is
//! packed into a valid compound file first (the table bytes as both `0Table` and
//! `1Table`): mutated compound-file sectors mostly fail in the container, so without
//! this the fuzzer would rarely reach the FIB, piece table and FKP readers.

use std::io::{Cursor, Write};

use vanban_parse::{doc::parse_doc, sniff_format, Document, Limits};

/// The OLE2 compound-file signature.
const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Parses `data` as a `.doc` file (or as its two main streams) and checks the result.
pub fn check(data: &[u8]) {
    let limits = Limits::default();
    let packed;
    let bytes = if data.starts_with(&OLE2) {
        data
    } else {
        packed = pack_streams(data);
        &packed
    };
    // Sniffing opens the container too; it must agree with the parser on Word files.
    let sniffed = sniff_format(bytes, "fuzz.doc");
    match parse_doc(bytes, &limits) {
        Ok(doc) => {
            assert!(sniffed.is_ok(), "parsed but sniffing refused it");
            check_document(&doc, &limits);
        }
        Err(e) => {
            // Every error names its reason.
            assert!(!e.to_string().is_empty());
        }
    }
}

/// A compound file holding the streams described in the module docs.
pub fn pack_streams(data: &[u8]) -> Vec<u8> {
    let n = data
        .get(..4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let rest = data.get(4..).unwrap_or(&[]);
    let (word, table) = rest.split_at(n.min(rest.len()));
    let build = || -> std::io::Result<Vec<u8>> {
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new()))?;
        cf.create_stream("/WordDocument")?.write_all(word)?;
        cf.create_stream("/0Table")?.write_all(table)?;
        cf.create_stream("/1Table")?.write_all(table)?;
        cf.flush()?;
        Ok(cf.into_inner().into_inner())
    };
    build().unwrap_or_default()
}

/// Invariants of a parsed `.doc` document.
fn check_document(doc: &Document, limits: &Limits) {
    assert!(
        doc.pages.len() <= limits.max_pages,
        "more pages than the page limit"
    );
    assert_eq!(doc.meta.page_count, doc.pages.len());
    for page in &doc.pages {
        let _ = page.text();
    }
}
