//! Legacy Vietnamese font encodings (TCVN3/ABC and VNI) converted to Unicode.
//!
//! Reports typed before Unicode took over were set in fonts that draw
//! Vietnamese letters at the byte positions of Latin-1 letters. Their text
//! layer (a DOCX `w:t`, a PDF's ToUnicode map) gives the Latin-1 letters, so
//! `Cộng hòa xã hội chủ nghĩa` reads `Céng hßa x· héi chñ nghÜa`. A run is
//! decoded when its font names the encoding (`.VnTime`, `.VnTimeH`,
//! `VNI-Times`, …) or, without a telling font name, when a scored detector
//! over the page finds the encoding ([`detect_legacy`]).
//!
//! * TCVN3 (TCVN 5712:1993 VN3, the ABC fonts `.VnTime`, `.VnArial`, …): one
//!   byte per letter. The table is glibc's `TCVN5712-1` (VN1) for 0xA0–0xFF;
//!   VN1's extra capitals at 0x80–0x9F are decoded only when they arrive as C1
//!   control characters (U+0080–U+009F), because in DOCX those bytes arrive
//!   as Windows-1252 punctuation (`“` U+201C for 0x93), which is what the
//!   VN3 fonts draw there. The fonts whose name ends in `H` (`.VnTimeH`) are
//!   capitals fonts: every letter, ASCII included, is drawn upper case.
//!   Capitals with a tone are written as the capital plus a combining tone
//!   byte 0xB0–0xB4 (`U±y` = `Ủy`), so the output is NFC-normalized.
//! * VNI (`VNI-Times`, `VNI-Helve`, …): a vowel with marks is the base letter
//!   followed by a mark byte (`Vieät` = `Việt`: `ä` is circumflex + dot
//!   below); ơ, ư, đ and the i/y forms are single bytes (`ô`, `ö`, `ñ`, `æ`…).
//!
//! Glyph-name variants seen in text layers of PDFs set in these fonts:
//! * U+2212 MINUS SIGN for TCVN3 0xAD (`ư`): the glyph at 0xAD is named
//!   `minus` in several ABC font builds, so `người` reads `ng−êi`.
//! * U+2219 BULLET OPERATOR for TCVN3 0xB7 (`ã`): the glyph at 0xB7 is named
//!   after the middle dot, which some producers map to U+2219, so `xã` reads `x∙`.
//! * U+00AD SOFT HYPHEN is the plain Latin-1 reading of 0xAD (`ư`); it must be
//!   decoded before the Unicode repair, which drops soft hyphens.

mod detect;
mod font;
mod repair;
mod tcvn3;
mod vni;

use unicode_normalization::UnicodeNormalization;

pub use detect::detect_legacy;
pub use font::encoding_from_font;
pub use repair::{repair_document, RepairReport};
pub use tcvn3::{decode_tcvn3, encode_tcvn3};
pub use vni::{decode_vni, encode_vni};

/// A legacy Vietnamese font encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LegacyEncoding {
    /// TCVN 5712:1993 VN3, the ABC fonts (`.VnTime`).
    Tcvn3,
    /// VNI Windows (`VNI-Times`).
    Vni,
}

impl LegacyEncoding {
    /// The name used in `doc.meta.encodings` and warnings.
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "TCVN3",
            LegacyEncoding::Vni => "VNI",
        }
    }
}

/// How a run's bytes are to be read, decided from its font name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontEncoding {
    /// The encoding.
    pub encoding: LegacyEncoding,
    /// Whether the font is a capitals font (`.VnTimeH`) that draws every letter upper case.
    pub capitals: bool,
}

/// NFC of an owned string, skipping the copy when it is already NFC.
fn nfc_owned(s: String) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// Decodes a run's text as its font encoding says.
fn decode(text: &str, fe: FontEncoding) -> String {
    match fe.encoding {
        LegacyEncoding::Tcvn3 => decode_tcvn3(text, fe.capitals),
        LegacyEncoding::Vni => decode_vni(text),
    }
}

/// The seed reports, shared by the codec and detector tests.
#[cfg(test)]
pub(crate) mod test_support {
    use std::collections::BTreeSet;

    pub(crate) fn seeds() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
        let mut out = Vec::new();
        for i in 0..5 {
            let prefix = format!("00{i}_");
            let path = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    let n = p.file_name().unwrap().to_string_lossy().to_string();
                    n.starts_with(&prefix) && n.ends_with(".txt")
                })
                .unwrap();
            out.push(std::fs::read_to_string(path).unwrap());
        }
        out
    }

    pub(crate) fn seed_syllables() -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        for s in seeds() {
            for w in s.split(|c: char| !c.is_alphabetic()) {
                if vanban_viet::is_syllable(w) {
                    set.insert(w.to_string());
                }
            }
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::seed_syllables;
    use super::*;

    #[test]
    fn every_seed_syllable_round_trips_through_both_encodings() {
        let syllables = seed_syllables();
        assert!(syllables.len() > 500, "{}", syllables.len());
        for s in &syllables {
            for w in [s.to_lowercase(), s.to_uppercase(), s.clone()] {
                assert_eq!(decode_tcvn3(&encode_tcvn3(&w), false), w, "TCVN3 {w}");
                assert_eq!(decode_vni(&encode_vni(&w)), w, "VNI {w}");
            }
            let lower = s.to_lowercase();
            assert_eq!(
                decode_tcvn3(&encode_tcvn3(&lower), true),
                s.to_uppercase(),
                "TCVN3 capitals {s}"
            );
        }
    }
}
