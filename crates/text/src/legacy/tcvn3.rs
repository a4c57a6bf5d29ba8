//! TCVN3 (TCVN 5712:1993 VN3, the ABC fonts): one byte per letter.

use unicode_normalization::UnicodeNormalization;
use vanban_viet::{letter, Letter, Tone};

use super::nfc_owned;

/// TCVN3 (VN1 superset) letters for bytes 0xA0–0xFF.
const TCVN3_HIGH: [char; 96] = [
    '\u{00A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ',
    'ẳ', 'ẵ', 'ắ', 'Ẵ', 'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ',
    'ẽ', 'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', 'Ổ', 'ỏ',
    'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', 'Ỗ', 'ủ', 'ũ', 'ú', 'ụ',
    'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

/// VN1 capitals for bytes 0x80–0x9F (decoded only from C1 control characters).
const TCVN3_C1: [char; 32] = [
    'À', 'Ả', 'Ã', 'Á', 'Ạ', 'Ặ', 'Ậ', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ', 'Ệ', 'Ì', 'Ỉ', 'Ĩ', 'Í', 'Ị', 'Ò',
    'Ỏ', 'Õ', 'Ó', 'Ọ', 'Ộ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ', 'Ù', 'Ủ', 'Ũ',
];

/// VN1 capitals at C0 control positions (never in XML, possible in PDF text).
const TCVN3_C0: [(u8, char); 12] = [
    (0x01, 'Ú'),
    (0x02, 'Ụ'),
    (0x04, 'Ừ'),
    (0x05, 'Ử'),
    (0x06, 'Ữ'),
    (0x11, 'Ứ'),
    (0x12, 'Ự'),
    (0x13, 'Ỳ'),
    (0x14, 'Ỷ'),
    (0x15, 'Ỹ'),
    (0x16, 'Ý'),
    (0x17, 'Ỵ'),
];

/// The TCVN3 letter a text-layer character stands for, if it stands for one.
pub(super) fn tcvn3_char(c: char) -> Option<char> {
    let code = c as u32;
    match c {
        '\u{2212}' => Some('ư'),
        '\u{2219}' => Some('ã'),
        _ if (0xA0..=0xFF).contains(&code) => Some(TCVN3_HIGH[(code - 0xA0) as usize]),
        _ if (0x80..=0x9F).contains(&code) => Some(TCVN3_C1[(code - 0x80) as usize]),
        _ if code < 0x20 => TCVN3_C0
            .iter()
            .find(|&&(b, _)| u32::from(b) == code)
            .map(|&(_, l)| l),
        _ => None,
    }
}

/// Decodes TCVN3 text (Latin-1 characters standing for bytes) to NFC Unicode;
/// `capitals` for the `H` fonts, which draw every letter upper case.
pub fn decode_tcvn3(s: &str, capitals: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for c in s.chars() {
        let d = tcvn3_char(c).unwrap_or(c);
        if capitals {
            out.extend(d.to_uppercase());
        } else {
            out.push(d);
        }
    }
    nfc_owned(out)
}

/// Encodes Unicode text as TCVN3 (Latin-1 characters standing for the bytes),
/// as a `.VnTime` run would hold it; capitals without a VN3 byte are written
/// as the base capital plus a combining tone byte, and characters TCVN3 cannot
/// hold pass through unchanged.
pub fn encode_tcvn3(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.nfc() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(i) = TCVN3_HIGH.iter().position(|&t| t == c) {
            let byte = 0xA0 + i as u32;
            // Bytes 0xB0–0xB4 are the combining tone bytes; 0xA0 is NBSP.
            out.push(char::from_u32(byte).unwrap_or(c));
        } else if let Some(l) = letter(c) {
            // A capital VN3 lacks: the capital without tone, then the tone byte.
            let toneless = Letter {
                tone: Tone::Level,
                ..l
            };
            match (toneless.to_char(), tone_byte(l.tone)) {
                (Some(base), Some(t)) => {
                    out.push_str(&encode_tcvn3(&base.to_string()));
                    out.push(t);
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The TCVN3 combining tone byte (as its Latin-1 character).
fn tone_byte(t: Tone) -> Option<char> {
    Some(match t {
        Tone::Level => return None,
        Tone::Grave => '\u{B0}',
        Tone::Hook => '\u{B1}',
        Tone::Tilde => '\u{B2}',
        Tone::Acute => '\u{B3}',
        Tone::Dot => '\u{B4}',
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classic_tcvn3_sample_decodes() {
        assert_eq!(
            decode_tcvn3("Céng hßa x· héi chñ nghÜa ViÖt Nam", false),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            decode_tcvn3("céng hßa x· héi chñ nghÜa", true),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
        );
        // Soft hyphen and minus are ư, bullet operator is ã, tone bytes compose.
        assert_eq!(
            decode_tcvn3("h\u{AD}íng ng\u{2212}êi x\u{2219}", false),
            "hướng người xã"
        );
        assert_eq!(decode_tcvn3("U±y ban", false), "Ủy ban");
        // Windows-1252 punctuation in a .VnTime run stays punctuation.
        assert_eq!(decode_tcvn3("“KÕ ho¹ch”", false), "“Kế hoạch”");
    }
}
