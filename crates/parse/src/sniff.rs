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

/// RTF starts with `{\rtf` (some writers put a BOM or blank lines before it).
pub(crate) fn is_rtf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.trim_ascii_start().starts_with(b"{\\rtf")
}

/// The first bytes of an HTML file as lower-case ASCII-compatible text (UTF-16 decoded).
fn html_head(bytes: &[u8]) -> Vec<u8> {
    let head = &bytes[..bytes.len().min(4096)];
    let text: Vec<u8> = match crate::plain::utf16_body(head) {
        Some((encoding, body)) => {
            let (decoded, _) = encoding.decode_without_bom_handling(body);
            decoded.into_owned().into_bytes()
        }
        None => head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).to_vec(),
    };
    text.to_ascii_lowercase()
}

/// An HTML page: it opens with a doctype, `<html`, or an XML declaration or comment
/// followed by `<html` (Word's "Web Page" files open with `<html xmlns:v=…`).
pub(crate) fn is_html(bytes: &[u8]) -> bool {
    let head = html_head(bytes);
    let start = head.trim_ascii_start();
    if start.starts_with(b"<!doctype html") || start.starts_with(b"<html") {
        return true;
    }
    let opens_markup = start.starts_with(b"<?xml")
        || start.starts_with(b"<!--")
        || start.starts_with(b"<!doctype")
        || start.starts_with(b"<head")
        || start.starts_with(b"<meta");
    opens_markup
        && (find(start, b"<html").is_some()
            || find(start, b"urn:schemas-microsoft-com:office:word").is_some())
}

/// A MIME (MHTML, `.mht`) file: a `MIME-Version` header and an HTML or multipart/related body.
pub(crate) fn is_mhtml(bytes: &[u8]) -> bool {
    let head = html_head(bytes);
    let headers_end = find(&head, b"\n\n")
        .or_else(|| find(&head, b"\r\n\r\n"))
        .unwrap_or(head.len());
    let headers = &head[..headers_end];
    find(headers, b"mime-version:").is_some()
        && (find(&head, b"multipart/related").is_some() || find(&head, b"text/html").is_some())
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

/// The media type of an image file from its first bytes (what a picture part or a
/// BLIP really holds, whatever its name says); `None` for an unknown kind.
pub(crate) fn image_media_type(bytes: &[u8]) -> Option<&'static str> {
    let kinds: [(&[u8], &str); 8] = [
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xFF\xD8\xFF", "image/jpeg"),
        (b"II*\0", "image/tiff"),
        (b"MM\0*", "image/tiff"),
        (b"BM", "image/bmp"),
        (b"GIF8", "image/gif"),
        // A placeable WMF; an EMF starts with record type 1 and says " EMF" at byte 40.
        (b"\xD7\xCD\xC6\x9A", "image/x-wmf"),
        (b"\x01\0\0\0", "image/x-emf"),
    ];
    kinds
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
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
    fn rtf_is_found_by_content_whatever_the_name() {
        for name in ["a.doc", "a.rtf", "a.txt", "a.pdf"] {
            assert_eq!(
                sniff_format(b"{\\rtf1\\ansi Hello}", name).unwrap(),
                Format::Rtf
            );
        }
        assert_eq!(
            sniff_format(b"\xEF\xBB\xBF\r\n{\\rtf1 x}", "a.doc").unwrap(),
            Format::Rtf
        );
        // The word RTF in a text file is not RTF.
        assert_eq!(
            sniff_format(b"Save as {\\rtf files", "a.txt").unwrap(),
            Format::Text
        );
    }

    #[test]
    fn html_and_word_web_pages_are_found_by_content() {
        let word = b"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n\
xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body>Ha Tinh</body></html>";
        assert_eq!(sniff_format(word, "bao-cao.doc").unwrap(), Format::Html);
        for page in [
            &b"<!DOCTYPE html><p>x"[..],
            b"  \n<HTML><body>x",
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC>\n<html>",
            b"<!-- saved from url -->\n<html><body>",
        ] {
            assert_eq!(sniff_format(page, "x.pdf").unwrap(), Format::Html);
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "<html><body>Hà</body></html>"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(sniff_format(&utf16, "a.htm").unwrap(), Format::Html);
        // Text that mentions a tag later on stays text.
        assert_eq!(
            sniff_format(b"B\xc3\xa1o c\xc3\xa1o <html> trang web", "a.txt").unwrap(),
            Format::Text
        );
    }

    #[test]
    fn mhtml_is_found_by_its_mime_headers() {
        let mht =
            b"From: <Saved by Word>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; \
boundary=\"----=_NextPart\"\r\n\r\n------=_NextPart\r\n";
        assert_eq!(sniff_format(mht, "a.mht").unwrap(), Format::Html);
        assert_eq!(sniff_format(mht, "a.doc").unwrap(), Format::Html);
        // A mail about web pages without MIME headers is text.
        assert_eq!(
            sniff_format(b"Subject: multipart/related\n\nhello", "a.txt").unwrap(),
            Format::Text
        );
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

    #[test]
    fn image_kinds_are_told_by_their_bytes() {
        assert_eq!(
            super::image_media_type(b"\x89PNG\r\n\x1a\n...."),
            Some("image/png")
        );
        assert_eq!(
            super::image_media_type(b"\xFF\xD8\xFF\xE0JFIF"),
            Some("image/jpeg")
        );
        assert_eq!(
            super::image_media_type(b"II*\0\x08\0\0\0"),
            Some("image/tiff")
        );
        assert_eq!(super::image_media_type(b"BM\x36\0"), Some("image/bmp"));
        assert_eq!(
            super::image_media_type(b"\x01\0\0\0\x6c\0\0\0"),
            Some("image/x-emf")
        );
        assert_eq!(super::image_media_type(b"<svg"), None);
        assert_eq!(super::image_media_type(b""), None);
    }
}
