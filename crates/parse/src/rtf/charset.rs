//! Code pages of RTF text and fonts, and the legacy Vietnamese fonts whose bytes are glyphs.

use encoding_rs::Encoding;

/// How the bytes of a run are turned into characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByteDecoding {
    /// A Windows/Mac code page.
    CodePage(&'static Encoding),
    /// A legacy Vietnamese font (`.VnTime`, `VNI-Times`): its bytes are glyph positions,
    /// kept as the characters Word itself stores for them in DOCX (Windows-1252, which
    /// is Latin-1 for 0xA0–0xFF) so that the text stage decodes TCVN3/VNI exactly as it
    /// does for DOCX runs.
    LegacyFont,
}

impl ByteDecoding {
    /// Decodes bytes (a DBCS code page needs the whole run at once).
    pub(crate) fn decode(self, bytes: &[u8]) -> String {
        let encoding = match self {
            ByteDecoding::CodePage(e) => e,
            ByteDecoding::LegacyFont => encoding_rs::WINDOWS_1252,
        };
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        if encoding == encoding_rs::WINDOWS_1258 {
            // Windows-1258 writes tones as combining marks; the rest of vanban expects NFC.
            use unicode_normalization::UnicodeNormalization;
            return text.nfc().collect();
        }
        text.into_owned()
    }
}

/// The encoding of a Windows code page number (`\ansicpgN`, `\cpgN`).
pub(crate) fn code_page(cp: i32) -> Option<&'static Encoding> {
    let label = match cp {
        437 | 850 | 1252 => "windows-1252",
        866 => "ibm866",
        874 => "windows-874",
        932 => "shift_jis",
        936 => "gbk",
        949 => "euc-kr",
        950 => "big5",
        1250..=1258 => return Encoding::for_label(format!("windows-{cp}").as_bytes()),
        10000 => "macintosh",
        65001 => "utf-8",
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

/// The code page of a font charset (`\fcharsetN`); `None` for "use the document's".
pub(crate) fn charset_code_page(charset: i32) -> Option<i32> {
    Some(match charset {
        0 => 1252,
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    })
}

/// Whether a font name is a legacy Vietnamese 8-bit font: the ABC/TCVN3 family
/// (`.VnTime`, `.VnTimeH`, `.VnArial`, `VnTime`) or the VNI family (`VNI-Times`).
/// Deliberately narrow: the text stage makes the final decision from the same name.
pub(crate) fn is_legacy_vietnamese_font(name: &str) -> bool {
    let trimmed = name.trim();
    let dotted = trimmed.starts_with('.');
    let bare = trimmed.trim_start_matches(['.', '_']);
    let lower = bare.to_ascii_lowercase();
    if lower.starts_with("vni-") || lower.starts_with("vni ") || lower.starts_with("vni_") {
        return true;
    }
    let b = bare.as_bytes();
    b.len() > 2
        && b[0] == b'V'
        && b[1] == b'n'
        && (b[2].is_ascii_uppercase() || (dotted && b[2] != b'I'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_fonts_are_recognised_and_others_not() {
        for f in [
            ".VnTime",
            ".VnTimeH",
            "VnTime",
            ".VnArial NarrowH",
            "VNI-Times",
            "VNI-Helve",
        ] {
            assert!(is_legacy_vietnamese_font(f), "{f}");
        }
        for f in ["Times New Roman", "Vnexpress", "Vni", "Verdana", "Arial"] {
            assert!(!is_legacy_vietnamese_font(f), "{f}");
        }
    }

    #[test]
    fn code_pages_decode_vietnamese() {
        let cp = ByteDecoding::CodePage(code_page(1258).expect("cp1258"));
        // "Việt" in Windows-1258: e-circumflex 0xEA then combining dot below 0xF2.
        assert_eq!(cp.decode(b"Vi\xea\xf2t"), "Việt");
        let sjis = ByteDecoding::CodePage(code_page(932).expect("932"));
        assert_eq!(sjis.decode(b"\x82\xa0"), "あ");
        assert_eq!(charset_code_page(163), Some(1258));
        assert_eq!(charset_code_page(1), None);
        assert!(code_page(12345).is_none());
    }

    #[test]
    fn legacy_font_bytes_stay_latin_1_letters() {
        // TCVN3 "Céng hßa" must reach the text stage as these Latin-1 letters.
        assert_eq!(
            ByteDecoding::LegacyFont.decode(b"C\xe9ng h\xdfa"),
            "Céng hßa"
        );
        assert_eq!(ByteDecoding::LegacyFont.decode(b"h\xadi"), "h\u{ad}i");
    }
}
