//! The one table of input formats: each is a [`Reader`] that recognises its
//! bytes and reads them. Sniffing tries the readers in the order listed, so a
//! format whose signature another format's bytes could contain comes first.
//! A new format is a reader module plus one line in [`READERS`].

use crate::{Document, Format, Limits, ParseError, Reader};

/// Every reader, in sniffing order.
pub static READERS: &[&dyn Reader] = &[
    &PdfReader,
    &DocxReader,
    &DocReader,
    &RtfReader,
    &HtmlReader,
    &MarkdownReader,
    &TextReader,
];

/// The reader of `format`.
pub fn reader_for(format: Format) -> &'static dyn Reader {
    // Every Format has exactly one reader in the table (a unit test checks it).
    READERS
        .iter()
        .copied()
        .find(|r| r.format() == format)
        .unwrap_or(&TextReader)
}

/// PDF: the signature may stand anywhere in the first 1024 bytes, as PDF readers accept.
struct PdfReader;

impl Reader for PdfReader {
    fn format(&self) -> Format {
        Format::Pdf
    }
    fn sniff(&self, bytes: &[u8], _source: &str) -> bool {
        crate::sniff::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
    }
    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
        crate::pdf::parse_pdf(bytes, limits)
    }
    fn isolated(&self) -> bool {
        true
    }
}

/// Office Open XML word processing: a zip container (the parts are checked when read).
struct DocxReader;

impl Reader for DocxReader {
    fn format(&self) -> Format {
        Format::Docx
    }
    fn sniff(&self, bytes: &[u8], _source: &str) -> bool {
        bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
    }
    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
        crate::docx::parse_docx(bytes, limits)
    }
    fn isolated(&self) -> bool {
        // zip and quick-xml are bounded by Limits and do not crash on hostile input (fuzzed).
        false
    }
}

/// Word 97–2003: an OLE2 compound file (one that holds no `WordDocument` stream,
/// such as an Excel workbook, is refused by the reader with what it holds).
struct DocReader;

impl Reader for DocReader {
    fn format(&self) -> Format {
        Format::Doc
    }
    fn sniff(&self, bytes: &[u8], _source: &str) -> bool {
        bytes.starts_with(&crate::doc::OLE2_MAGIC)
    }
    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
        crate::doc::parse_doc(bytes, limits)
    }
    fn isolated(&self) -> bool {
        // Our own parser of an untrusted binary format: contained like PDF.
        true
    }
}

/// Rich Text Format (often named `.doc`): `{\rtf`, perhaps after a BOM or blank lines.
struct RtfReader;

impl Reader for RtfReader {
    fn format(&self) -> Format {
        Format::Rtf
    }
    fn sniff(&self, bytes: &[u8], _source: &str) -> bool {
        crate::sniff::is_rtf(bytes)
    }
    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
        crate::rtf::parse_rtf(bytes, limits)
    }
    fn isolated(&self) -> bool {
        // A text format parsed with bounded nesting and no recursion on input depth.
        false
    }
}

/// HTML and MHTML (Word's "Web Page" and "Single File Web Page"), whatever the name.
struct HtmlReader;

impl Reader for HtmlReader {
    fn format(&self) -> Format {
        Format::Html
    }
    fn sniff(&self, bytes: &[u8], _source: &str) -> bool {
        crate::sniff::is_html(bytes) || crate::sniff::is_mhtml(bytes)
    }
    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
        crate::html::parse_html(bytes, limits)
    }
    fn isolated(&self) -> bool {
        // html5ever recovers from any input; size and nesting are bounded by Limits.
        false
    }
}

/// Markdown: text whose name says so (the content alone cannot tell it from text).
struct MarkdownReader;

impl Reader for MarkdownReader {
    fn format(&self) -> Format {
        Format::Markdown
    }
    fn sniff(&self, bytes: &[u8], source: &str) -> bool {
        let lower = source.to_ascii_lowercase();
        (lower.ends_with(".md") || lower.ends_with(".markdown")) && crate::sniff::is_text(bytes)
    }
    fn read(&self, bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
        crate::plain::parse_plain(bytes, Format::Markdown)
    }
    fn isolated(&self) -> bool {
        false
    }
}

/// Plain text in UTF-8, UTF-16 or Windows-1258 (the last in the table: it takes what looks like text).
struct TextReader;

impl Reader for TextReader {
    fn format(&self) -> Format {
        Format::Text
    }
    fn sniff(&self, bytes: &[u8], _source: &str) -> bool {
        crate::sniff::is_text(bytes)
    }
    fn read(&self, bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
        crate::plain::parse_plain(bytes, Format::Text)
    }
    fn isolated(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reader_is_found_by_its_format() {
        for r in READERS {
            assert_eq!(reader_for(r.format()).format(), r.format());
        }
    }

    #[test]
    fn formats_are_unique_in_the_table() {
        let mut seen: Vec<Format> = READERS.iter().map(|r| r.format()).collect();
        let n = seen.len();
        seen.sort_by_key(|f| f.as_str());
        seen.dedup();
        assert_eq!(seen.len(), n);
    }
}
