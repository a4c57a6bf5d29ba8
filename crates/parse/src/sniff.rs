//! Format detection from content: the readers' own signatures, tried in the
//! order of the reader table, then clear refusals for what no reader takes.

use crate::readers::READERS;
use crate::{Format, ParseError};

/// Detects a file's format from its bytes; the name only tells text from Markdown.
pub fn sniff_format(bytes: &[u8], source: &str) -> Result<Format, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(reader) = READERS.iter().find(|r| r.sniff(bytes, source)) {
        return Ok(reader.format());
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ParseError::UnknownFormat(
            "RTF is not supported; save it as .docx".into(),
        ));
    }
    let shown: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let known: Vec<&str> = READERS.iter().map(|r| r.format().label()).collect();
    let known = match known.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => known.join(""),
    };
    Err(ParseError::UnknownFormat(format!(
        "binary content (first bytes {}) is not {known}",
        shown.join(" ")
    )))
}

/// Where `needle` first occurs in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether the bytes are text for the text reader: UTF-16 (which has NUL bytes),
/// or no NUL bytes and few control characters in the first 8 KiB. Invalid UTF-8
/// still counts as text here, so the text reader can say where it breaks.
pub(crate) fn is_text(bytes: &[u8]) -> bool {
    if crate::plain::utf16_body(bytes).is_some() {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    control * 100 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_is_found_by_magic_not_extension() {
        assert_eq!(
            sniff_format(b"%PDF-1.7\n...", "x.docx").unwrap(),
            Format::Pdf
        );
        assert_eq!(
            sniff_format(b"\n\n%PDF-1.4 junk", "scan.bin").unwrap(),
            Format::Pdf
        );
    }

    #[test]
    fn zip_is_docx_candidate() {
        assert_eq!(
            sniff_format(b"PK\x03\x04rest", "a.pdf").unwrap(),
            Format::Docx
        );
    }

    #[test]
    fn text_and_markdown() {
        let t = "Số: 77/BC-SNgV\nHà Tĩnh".as_bytes();
        assert_eq!(sniff_format(t, "a.txt").unwrap(), Format::Text);
        assert_eq!(sniff_format(t, "a.MD").unwrap(), Format::Markdown);
    }

    #[test]
    fn utf16_is_text_with_or_without_bom() {
        let units = || "Hà Nội".encode_utf16();
        let le: Vec<u8> = units().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = units().flat_map(u16::to_be_bytes).collect();
        for bytes in [
            [&[0xFF, 0xFE][..], &le].concat(),
            [&[0xFE, 0xFF][..], &be].concat(),
            le,
        ] {
            assert_eq!(sniff_format(&bytes, "a.txt").unwrap(), Format::Text);
        }
        // NULs in both byte positions: binary, not UTF-16.
        assert!(sniff_format(b"\x00\x00\x01\x00\x00\x02\x00\x00", "a.txt").is_err());
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(sniff_format(b"", "a"), Err(ParseError::Empty)));
        let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00";
        let err = sniff_format(elf, "report.pdf").unwrap_err();
        assert!(err.to_string().contains("7f 45 4c 46"), "{err}");
        // An OLE2 file is the .doc reader's; a broken one fails there, naming why.
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0];
        assert_eq!(sniff_format(&ole, "a.doc").unwrap(), Format::Doc);
        assert!(matches!(
            crate::parse_bytes(&ole, "a.doc", &crate::Limits::default()),
            Err(ParseError::Doc(_))
        ));
    }
}
