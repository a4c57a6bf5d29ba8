//! The font table ([MS-DOC] 2.9.272 SttbfFfn, 2.9.82 FFN): font names by index, which
//! the `sprmCRgFtc*` modifiers of each run point into.

use super::bytes::{u16_at, u8_at};

/// Most fonts kept; Word caps a document at a few thousand.
const MAX_FONTS: usize = 32_767;
/// Offset of `xszFfn` (the name) inside an FFN: flags, weight, charset, alt-name
/// index, PANOSE (10 bytes) and FONTSIGNATURE (24 bytes) come first.
const NAME_AT: usize = 39;

/// Reads the font names of an SttbfFfn; unreadable entries become empty names so
/// that indices stay aligned.
pub(crate) fn parse_fonts(sttbf: &[u8]) -> Vec<String> {
    let mut at = 0usize;
    let Some(mut count) = u16_at(sttbf, 0) else {
        return Vec::new();
    };
    // An extended STTB starts with 0xFFFF before the count.
    if count == 0xFFFF {
        count = u16_at(sttbf, 2).unwrap_or(0);
        at = 2;
    }
    at += 4; // cData, cbExtra
    let mut names = Vec::with_capacity(usize::from(count).min(MAX_FONTS).min(sttbf.len() / 40));
    for _ in 0..usize::from(count).min(MAX_FONTS) {
        let Some(cb) = u8_at(sttbf, at) else {
            break;
        };
        let ffn = sttbf.get(at + 1..at + 1 + usize::from(cb)).unwrap_or(&[]);
        names.push(ffn_name(ffn));
        at += 1 + usize::from(cb);
    }
    names
}

/// The primary name of one FFN (NUL-terminated UTF-16).
fn ffn_name(ffn: &[u8]) -> String {
    let units: Vec<u16> = ffn
        .get(NAME_AT..)
        .unwrap_or(&[])
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16_lossy(&units).trim().to_string()
}

/// Whether text in this font is legacy 8-bit Vietnamese (TCVN3 `.VnTime`, VNI
/// `VNI-Times`) whose bytes the text stage decodes: such runs keep their bytes as
/// U+0000–U+00FF instead of being read as Windows-1252. Only the family prefix is
/// checked here; the text stage decides the exact encoding from the same name.
pub(crate) fn is_byte_font(name: &str) -> bool {
    let n = name.trim().trim_start_matches('.');
    let lower = n.to_ascii_lowercase();
    lower.starts_with("vni")
        || (lower.starts_with("vn") && n.as_bytes().get(2).is_some_and(|b| b.is_ascii_uppercase()))
}

#[cfg(test)]
pub(crate) fn ffn_entry(name: &str) -> Vec<u8> {
    let mut ffn = vec![0u8; NAME_AT];
    for u in name.encode_utf16().chain([0]) {
        ffn.extend(u.to_le_bytes());
    }
    let mut out = vec![ffn.len() as u8];
    out.extend(ffn);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_index() {
        let mut t = Vec::new();
        t.extend(3u16.to_le_bytes());
        t.extend(0u16.to_le_bytes());
        for n in ["Times New Roman", ".VnTime", "VNI-Times"] {
            t.extend(ffn_entry(n));
        }
        assert_eq!(
            parse_fonts(&t),
            vec!["Times New Roman", ".VnTime", "VNI-Times"]
        );
        // A count that lies stops at the end of the bytes.
        t[0] = 200;
        assert_eq!(parse_fonts(&t).len(), 3);
    }

    #[test]
    fn byte_fonts() {
        for f in [".VnTime", ".VnTimeH", "VnArial", "VNI-Times", "VNI-Helve"] {
            assert!(is_byte_font(f), "{f}");
        }
        for f in ["Times New Roman", "Verdana", "Vnexpress Sans", "Arial"] {
            assert!(!is_byte_font(f), "{f}");
        }
    }
}
