//! VNI Windows: base letters followed by mark bytes; ơ, ư, đ and the i/y forms as single bytes.

use unicode_normalization::UnicodeNormalization;
use vanban_viet::{letter, Letter, Modifier, Tone};

use super::nfc_owned;

/// The (modifier, tone) a VNI mark character adds to the vowel before it.
pub(super) fn vni_mark(c: char) -> Option<(Modifier, Tone)> {
    Some(match c.to_lowercase().next()? {
        'ù' => (Modifier::None, Tone::Acute),
        'ø' => (Modifier::None, Tone::Grave),
        'û' => (Modifier::None, Tone::Hook),
        'õ' => (Modifier::None, Tone::Tilde),
        'ï' => (Modifier::None, Tone::Dot),
        'â' => (Modifier::Hat, Tone::Level),
        'á' => (Modifier::Hat, Tone::Acute),
        'à' => (Modifier::Hat, Tone::Grave),
        'å' => (Modifier::Hat, Tone::Hook),
        'ã' => (Modifier::Hat, Tone::Tilde),
        'ä' => (Modifier::Hat, Tone::Dot),
        'ê' => (Modifier::Breve, Tone::Level),
        'é' => (Modifier::Breve, Tone::Acute),
        'è' => (Modifier::Breve, Tone::Grave),
        'ú' => (Modifier::Breve, Tone::Hook),
        'ü' => (Modifier::Breve, Tone::Tilde),
        'ë' => (Modifier::Breve, Tone::Dot),
        _ => return None,
    })
}

/// The letter a VNI base character stands for when a mark may follow it.
pub(super) fn vni_base(c: char) -> Option<Letter> {
    let upper = c.is_uppercase();
    let (base, modifier) = match c.to_lowercase().next()? {
        'a' => (b'a', Modifier::None),
        'e' => (b'e', Modifier::None),
        'o' => (b'o', Modifier::None),
        'u' => (b'u', Modifier::None),
        'y' => (b'y', Modifier::None),
        'ô' => (b'o', Modifier::Horn),
        'ö' => (b'u', Modifier::Horn),
        _ => return None,
    };
    Some(Letter {
        base,
        modifier,
        tone: Tone::Level,
        upper,
        vietnamese: true,
    })
}

/// The letter a VNI character stands for on its own (ơ, ư, đ, the i/y forms).
pub(super) fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// Decodes VNI text (Latin-1 characters standing for the bytes) to NFC Unicode.
pub fn decode_vni(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(base) = vni_base(c) {
            let combined = chars.peek().and_then(|&m| {
                let (modifier, tone) = vni_mark(m)?;
                let l = combine_vni(base, modifier, tone)?;
                l.to_char()
            });
            if let Some(d) = combined {
                chars.next();
                out.push(d);
                continue;
            }
        }
        out.push(vni_single(c).unwrap_or(c));
    }
    nfc_owned(out)
}

/// Puts a VNI mark on a base letter, if the mark belongs on that letter.
fn combine_vni(base: Letter, modifier: Modifier, tone: Tone) -> Option<Letter> {
    let modifier = match (base.base, base.modifier, modifier) {
        (_, m, Modifier::None) => m,
        (b'a' | b'e' | b'o', Modifier::None, Modifier::Hat) => Modifier::Hat,
        (b'a', Modifier::None, Modifier::Breve) => Modifier::Breve,
        _ => return None,
    };
    Some(Letter {
        modifier,
        tone,
        ..base
    })
}

/// Encodes Unicode text as VNI (Latin-1 characters standing for the bytes);
/// characters VNI cannot hold pass through unchanged.
pub fn encode_vni(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.nfc() {
        let Some(l) = letter(c).filter(|l| l.vietnamese && !c.is_ascii()) else {
            out.push(c);
            continue;
        };
        let case = |x: char| -> char {
            if l.upper {
                x.to_uppercase().next().unwrap_or(x)
            } else {
                x
            }
        };
        if l.modifier == Modifier::Stroke {
            out.push(case('ñ'));
            continue;
        }
        let single = match (l.base, l.modifier, l.tone) {
            (b'i', _, Tone::Acute) => Some('í'),
            (b'i', _, Tone::Grave) => Some('ì'),
            (b'i', _, Tone::Hook) => Some('æ'),
            (b'i', _, Tone::Tilde) => Some('ó'),
            (b'i', _, Tone::Dot) => Some('ò'),
            (b'y', _, Tone::Dot) => Some('î'),
            _ => None,
        };
        if let Some(x) = single {
            out.push(case(x));
            continue;
        }
        let base = match (l.base, l.modifier) {
            (b'o', Modifier::Horn) => 'ô',
            (b'u', Modifier::Horn) => 'ö',
            (b, _) => char::from(b),
        };
        let mark = match (l.modifier, l.tone) {
            (Modifier::None | Modifier::Horn, Tone::Level) => None,
            (Modifier::None | Modifier::Horn, Tone::Acute) => Some('ù'),
            (Modifier::None | Modifier::Horn, Tone::Grave) => Some('ø'),
            (Modifier::None | Modifier::Horn, Tone::Hook) => Some('û'),
            (Modifier::None | Modifier::Horn, Tone::Tilde) => Some('õ'),
            (Modifier::None | Modifier::Horn, Tone::Dot) => Some('ï'),
            (Modifier::Hat, Tone::Level) => Some('â'),
            (Modifier::Hat, Tone::Acute) => Some('á'),
            (Modifier::Hat, Tone::Grave) => Some('à'),
            (Modifier::Hat, Tone::Hook) => Some('å'),
            (Modifier::Hat, Tone::Tilde) => Some('ã'),
            (Modifier::Hat, Tone::Dot) => Some('ä'),
            (Modifier::Breve, Tone::Level) => Some('ê'),
            (Modifier::Breve, Tone::Acute) => Some('é'),
            (Modifier::Breve, Tone::Grave) => Some('è'),
            (Modifier::Breve, Tone::Hook) => Some('ú'),
            (Modifier::Breve, Tone::Tilde) => Some('ü'),
            (Modifier::Breve, Tone::Dot) => Some('ë'),
            (Modifier::Stroke, _) => None,
        };
        out.push(case(base));
        if let Some(m) = mark {
            out.push(case(m));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classic_vni_sample_decodes() {
        assert_eq!(
            decode_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(decode_vni("ÑÖÔØNG Ñoäc laäp"), "ĐƯỜNG Độc lập");
        assert_eq!(decode_vni("Tænh uûy"), "Tỉnh ủy");
    }
}
