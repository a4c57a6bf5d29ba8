//! Plain text and Markdown; a form feed starts a new page.
//!
//! Encodings: UTF-8 (with or without BOM); UTF-16 LE/BE with a BOM, or
//! without one when the NUL bytes say so; and Windows-1258, the legacy
//! Vietnamese Windows code page, when the bytes are not UTF-8 and read as
//! Vietnamese in it (see [`looks_like_windows_1258`]). Anything else is a
//! clear error rather than a guess, because a wrong guess indexes garbage.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;
use vanban_viet::{letter, Modifier, Tone};

use crate::{Block, Document, Format, Page, Paragraph, ParseError, WarningKind};

/// Parses text into pages (split at form feeds) of one paragraph per line.
pub fn parse_plain(bytes: &[u8], format: Format) -> Result<Document, ParseError> {
    let (text, encoding) = decode_text(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
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
    if let Some(encoding) = encoding {
        let name = encoding.name();
        doc.meta.encodings.push(format!("{name}: whole file"));
        let kind = if encoding == WINDOWS_1258 {
            WarningKind::LegacyEncoding
        } else {
            WarningKind::Other
        };
        doc.warn(kind, None, format!("text decoded from {name}"));
    }
    Ok(doc)
}

/// The file's text and, when it was not UTF-8, the encoding it was decoded from.
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<&'static Encoding>), ParseError> {
    if let Some((encoding, body)) = utf16_body(bytes) {
        return match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) => Ok((text, Some(encoding))),
            None => Err(ParseError::BadText(format!(
                "the text looks like {} but is not valid {}",
                encoding.name(),
                encoding.name()
            ))),
        };
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((Cow::Borrowed(text), None)),
        Err(e) => e,
    };
    if let Some(text) = WINDOWS_1258.decode_without_bom_handling_and_without_replacement(bytes) {
        if looks_like_windows_1258(&text) {
            // Windows-1258 writes tones as combining marks; the text stage expects NFC.
            return Ok((Cow::Owned(text.nfc().collect()), Some(WINDOWS_1258)));
        }
    }
    Err(ParseError::NotUtf8 {
        offset: utf8_error.valid_up_to(),
    })
}

/// The UTF-16 encoding of `bytes` and the bytes after any BOM, if they are UTF-16.
///
/// Without a BOM, UTF-16 is recognised by its NUL bytes: text in Latin
/// script has a NUL in the high byte of most code units (even for
/// Vietnamese, whose spaces and unaccented letters are plentiful), while
/// UTF-8 and single-byte text never contain NUL.
pub(crate) fn utf16_body(bytes: &[u8]) -> Option<(&'static Encoding, &[u8])> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Some((UTF_16LE, rest));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Some((UTF_16BE, rest));
    }
    let head = &bytes[..bytes.len().min(8192) & !1];
    if head.len() < 4 {
        return None;
    }
    let units = head.len() / 2;
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    // Most high bytes NUL, no low byte NUL (a NUL character is never in real text).
    if odd * 10 >= units * 3 && even == 0 {
        Some((UTF_16LE, bytes))
    } else if even * 10 >= units * 3 && odd == 0 {
        Some((UTF_16BE, bytes))
    } else {
        None
    }
}

/// Whether text decoded as Windows-1258 reads as Vietnamese.
///
/// The heuristic counts evidence for and against:
/// * for: the letters only Vietnamese uses in this code page (ă ơ ư đ and
///   their capitals) and tone marks (1258 writes tones as combining marks
///   0xCC 0xD2 0xDE 0xEC 0xF2) placed right after a vowel;
/// * against: a tone mark after anything but a vowel; letters Vietnamese
///   never uses (ç ñ ß ä ö ü å æ ø î ï ë û ÿ and capitals), which Latin-1
///   French or German text is full of; the Latin-1 symbols U+00A1–U+00BF
///   that TCVN3 text read as bytes is full of (« » ° § excepted);
///   and C1 control characters, which only undefined bytes produce.
///
/// It is Vietnamese when there is some evidence for and at least twenty
/// times more for than against. Latin-1 text in other languages has no
/// evidence for (0xE3 ã, 0xF5 õ, 0xFD ý, 0xF0 ð are rare outside
/// Portuguese and Icelandic, which bring ç, ö, þ against them).
pub fn looks_like_windows_1258(text: &str) -> bool {
    let mut for_vietnamese = 0usize;
    let mut against = 0usize;
    let mut previous = ' ';
    for c in text.chars() {
        if ('\u{80}'..='\u{9f}').contains(&c) {
            return false;
        }
        if Tone::from_mark(c).is_some() {
            if is_toneless_vowel(previous) {
                for_vietnamese += 1;
            } else {
                against += 1;
            }
        } else if let Some(l) = letter(c) {
            if !l.vietnamese {
                against += 1;
            } else if matches!(
                l.modifier,
                Modifier::Breve | Modifier::Horn | Modifier::Stroke
            ) {
                for_vietnamese += 1;
            }
        } else if matches!(c, 'ß' | 'æ' | 'Æ' | 'ø' | 'Ø')
            || (('\u{a1}'..='\u{bf}').contains(&c) && !matches!(c, '«' | '»' | '°' | '§'))
        {
            // Latin letters that do not decompose, and the Latin-1 symbols.
            against += 1;
        }
        previous = c;
    }
    for_vietnamese > 0 && against * 20 <= for_vietnamese
}

/// A vowel that can take a tone mark: a Vietnamese vowel letter without one.
fn is_toneless_vowel(c: char) -> bool {
    letter(c).is_some_and(|l| l.vietnamese && l.is_vowel() && l.tone == Tone::Level)
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
        assert!(doc.meta.encodings.is_empty() && doc.warnings.is_empty());
    }

    #[test]
    fn invalid_text_names_the_offset() {
        // Latin-1 French: not UTF-8, and not Vietnamese in Windows-1258 either.
        let err = parse_plain(b"Le gar\xe7on du caf\xe9 fran\xe7ais", Format::Text).unwrap_err();
        assert!(matches!(err, ParseError::NotUtf8 { offset: 6 }), "{err}");
    }

    #[test]
    fn bom_is_dropped_and_blank_lines_kept() {
        let doc = parse_plain("\u{feff}a\n\nb".as_bytes(), Format::Text).unwrap();
        assert_eq!(doc.pages[0].text(), "a\n\nb\n");
    }

    const SAMPLE: &str = "Ủy ban nhân dân tỉnh Hà Tĩnh\nCộng hòa xã hội chủ nghĩa Việt Nam\n";

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for unit in std::iter::once(0xFEFF)
            .filter(|_| bom)
            .chain(text.encode_utf16())
        {
            let bytes = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn utf16_with_and_without_bom_is_decoded() {
        for (big_endian, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let doc = parse_plain(&utf16(SAMPLE, big_endian, bom), Format::Text).unwrap();
            assert_eq!(doc.page_texts(), [SAMPLE], "be={big_endian} bom={bom}");
            let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
            assert_eq!(doc.meta.encodings, [format!("{name}: whole file")]);
        }
    }

    #[test]
    fn broken_utf16_is_an_error() {
        // A lone high surrogate.
        let err =
            parse_plain(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0], Format::Text).unwrap_err();
        assert!(matches!(err, ParseError::BadText(_)), "{err}");
        assert!(err.to_string().contains("UTF-16LE"), "{err}");
    }

    /// `SAMPLE` as Windows-1258 writes it: base letters plus combining tone bytes.
    fn windows_1258_sample() -> Vec<u8> {
        // The code page has â ê ô ă ơ ư đ precomposed but no toned letters it
        // could not also write as base + mark: keep the former, split the tones.
        let mut text = String::new();
        for c in SAMPLE.chars() {
            let mut parts = std::iter::once(c).nfd();
            let mut base: String = parts.next().into_iter().collect();
            let mut tones = String::new();
            for mark in parts {
                if matches!(mark, '\u{302}' | '\u{306}' | '\u{31b}') {
                    base.push(mark);
                    base = base.nfc().collect();
                } else {
                    tones.push(mark);
                }
            }
            text.push_str(&base);
            text.push_str(&tones);
        }
        let (bytes, _, unmappable) = WINDOWS_1258.encode(&text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn windows_1258_is_decoded_to_nfc() {
        let bytes = windows_1258_sample();
        assert!(std::str::from_utf8(&bytes).is_err());
        // "Ủ" is U then the hook-above byte 0xD2.
        assert_eq!(&bytes[..2], b"U\xd2");
        let doc = parse_plain(&bytes, Format::Text).unwrap();
        assert_eq!(doc.page_texts().concat(), SAMPLE);
        assert_eq!(doc.meta.encodings, ["windows-1258: whole file"]);
        assert_eq!(doc.warnings[0].kind, WarningKind::LegacyEncoding);
    }

    #[test]
    fn other_legacy_bytes_are_not_read_as_windows_1258() {
        let latin1_german = b"Gr\xfc\xdfe aus M\xfcnchen, sch\xf6ne Stra\xdfe";
        // TCVN3 bytes of "Cộng hòa xã hội chủ nghĩa" (the .VnTime font encoding).
        let tcvn3 = b"C\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca";
        // VNI bytes of "Việt Nam".
        let vni = b"Vie\xe4t Nam";
        // An undefined Windows-1258 byte (0x81) among Vietnamese evidence.
        let undefined = b"\xd0\xe3 \xfd \x81";
        for bytes in [&latin1_german[..], tcvn3, vni, undefined] {
            let err = parse_plain(bytes, Format::Text).unwrap_err();
            assert!(matches!(err, ParseError::NotUtf8 { .. }), "{err}");
        }
    }

    #[test]
    fn random_high_bytes_are_not_vietnamese() {
        // A fixed xorshift stream: every byte value, in no language's order.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8 | 0x20
            })
            .collect();
        assert!(parse_plain(&bytes, Format::Text).is_err());
    }

    #[test]
    fn a_tone_mark_after_a_consonant_counts_against() {
        assert!(looks_like_windows_1258("đi Nô\u{323}i"));
        assert!(!looks_like_windows_1258("k\u{301}"));
        assert!(!looks_like_windows_1258("plain ASCII"));
    }
}
