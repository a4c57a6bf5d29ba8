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

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;
use vanban_model::{Block, Document, Paragraph, Run, WarningKind};

use crate::tones::parse_syllable;
use crate::vnchar::{letter, Letter, Modifier, Tone};

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
fn tcvn3_char(c: char) -> Option<char> {
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

/// NFC of an owned string, skipping the copy when it is already NFC.
fn nfc_owned(s: String) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
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

/// The (modifier, tone) a VNI mark character adds to the vowel before it.
fn vni_mark(c: char) -> Option<(Modifier, Tone)> {
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
fn vni_base(c: char) -> Option<Letter> {
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
fn vni_single(c: char) -> Option<char> {
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

/// The encoding a font name announces: `.VnTime`/`VnTimeH,Bold` (TCVN3, `H` =
/// capitals), `VNI-Times` (VNI); `None` for every other font.
pub fn encoding_from_font(font: &str) -> Option<FontEncoding> {
    let name = font.trim();
    // PDF names may escape the leading dot (`#2EVnTime`) or drop it.
    let name = name
        .strip_prefix("#2E")
        .or_else(|| name.strip_prefix('.'))
        .or_else(|| name.strip_prefix('_'))
        .unwrap_or(name);
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("vni-") || lower.starts_with("vni ") || lower.starts_with("vni_") {
        return Some(FontEncoding {
            encoding: LegacyEncoding::Vni,
            capitals: false,
        });
    }
    let b = name.as_bytes();
    let tcvn = b.len() > 2
        && b[0] == b'V'
        && b[1] == b'n'
        && (b[2].is_ascii_uppercase() || (font.trim_start().starts_with('.') && b[2] != b'I'));
    if !tcvn {
        return None;
    }
    Some(FontEncoding {
        encoding: LegacyEncoding::Tcvn3,
        capitals: strip_style(name).ends_with('H'),
    })
}

/// The font family without a style suffix (`VnTimeH,Bold` → `VnTimeH`).
fn strip_style(name: &str) -> &str {
    let mut n = name.split(',').next().unwrap_or(name).trim_end();
    loop {
        let before = n;
        for suffix in [
            "BoldItalic",
            "BoldOblique",
            "Bold",
            "Italic",
            "Oblique",
            "Regular",
            "MT",
        ] {
            if let Some(rest) = n.strip_suffix(suffix) {
                if let Some(r) = rest.strip_suffix(['-', ' ']) {
                    n = r;
                }
            }
        }
        if n == before {
            return n;
        }
    }
}

/// Whether `c` only occurs in Unicode Vietnamese text, never in a legacy text layer.
fn is_unicode_only(c: char) -> bool {
    let code = c as u32;
    (0x100..=0x24F).contains(&code) && !matches!(c, 'ƒ' | 'Œ' | 'œ' | 'Š' | 'š' | 'Ž' | 'ž' | 'Ÿ')
        || (0x1E00..=0x1EFF).contains(&code)
}

/// Latin-1 letters Unicode Vietnamese uses itself (so they prove nothing).
fn is_vietnamese_latin1(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'à' | 'á'
            | 'â'
            | 'ã'
            | 'è'
            | 'é'
            | 'ê'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ý'
    )
}

/// Share of the words with non-ASCII letters that read as Vietnamese syllables,
/// and how many such words there are.
fn syllable_score(s: &str) -> (f64, usize) {
    let mut words = 0usize;
    let mut good = 0usize;
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| c.is_ascii_punctuation() || c == '“' || c == '”');
        if w.is_ascii() || w.is_empty() {
            continue;
        }
        words += 1;
        let letters: Option<Vec<Letter>> = w.chars().map(letter).collect();
        if letters.is_some_and(|l| parse_syllable(&l).is_some()) {
            good += 1;
        }
    }
    if words == 0 {
        (0.0, 0)
    } else {
        (good as f64 / words as f64, words)
    }
}

/// Detects a legacy encoding from content alone: counts characters only a
/// legacy text layer has, then checks that decoding turns the words into
/// Vietnamese syllables far more often than reading them as they are.
/// Unicode Vietnamese (any ơ, ư, đ, ạ…) and plain ASCII are never detected.
pub fn detect_legacy(s: &str) -> Option<LegacyEncoding> {
    if s.is_ascii() || s.chars().any(is_unicode_only) {
        return None;
    }
    let mut tcvn_evidence = 0usize;
    let mut vni_evidence = 0usize;
    let mut prev = ' ';
    for c in s.chars() {
        if !is_vietnamese_latin1(c) && tcvn3_char(c).is_some_and(|d| letter(d).is_some()) {
            tcvn_evidence += 1;
        }
        let vowel_before = vni_base(prev).is_some();
        if (vowel_before && vni_mark(c).is_some() && !is_vietnamese_latin1(c))
            || (vni_single(c).is_some() && !is_vietnamese_latin1(c))
        {
            vni_evidence += 1;
        }
        prev = c;
    }
    let (raw, _) = syllable_score(s);
    let mut best: Option<(f64, LegacyEncoding)> = None;
    for (enc, evidence) in [
        (LegacyEncoding::Tcvn3, tcvn_evidence),
        (LegacyEncoding::Vni, vni_evidence),
    ] {
        if evidence < 2 {
            continue;
        }
        let text = match enc {
            LegacyEncoding::Tcvn3 => decode_tcvn3(s, false),
            LegacyEncoding::Vni => decode_vni(s),
        };
        let (score, words) = syllable_score(&text);
        if words >= 2 && score >= 0.8 && score > raw + 0.2 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, enc));
        }
    }
    best.map(|(_, e)| e)
}

/// What [`repair_document`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairReport {
    /// Runs decoded from a legacy encoding.
    pub runs_converted: usize,
    /// ƣ/Ƣ glyph slips replaced by ư/Ư.
    pub glyph_slips: usize,
}

/// Where a conversion's decision came from, for the notes in `doc.meta.encodings`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Font(String),
    Content,
}

/// Converts legacy-encoded runs of `doc` to Unicode in place (the converted
/// text is the document's real text, so it becomes the display text), replaces
/// ƣ/Ƣ glyph slips by ư/Ư, records what was found in `doc.meta.encodings`
/// (`TCVN3: font .VnTime, 412 runs`) and adds a warning so users see why the
/// text differs from the file's raw text layer.
pub fn repair_document(doc: &mut Document) -> RepairReport {
    let mut report = RepairReport::default();
    // (encoding, capitals, source) → (runs, pages)
    let mut found: BTreeMap<(LegacyEncoding, bool, Source), (usize, Vec<u32>)> = BTreeMap::new();
    for page in &mut doc.pages {
        let number = page.number;
        let mut runs: Vec<&mut Run> = Vec::new();
        for block in &mut page.blocks {
            collect_runs(block, &mut runs);
        }
        // Runs whose font names the encoding.
        let mut undecided: Vec<&mut Run> = Vec::new();
        for run in runs {
            report.glyph_slips += fix_glyph_slips(run);
            let by_font = run.font.as_deref().and_then(encoding_from_font);
            match by_font {
                Some(fe) if !run.text.chars().any(is_unicode_only) => {
                    let decoded = decode_run(&run.text, fe);
                    if decoded != run.text {
                        run.text = decoded;
                        report.runs_converted += 1;
                        let key = (
                            fe.encoding,
                            fe.capitals,
                            Source::Font(run.font.clone().unwrap_or_default()),
                        );
                        note(&mut found, key, number);
                    }
                }
                Some(_) => {}
                None => undecided.push(run),
            }
        }
        // The rest: decided together from the page's content.
        let candidates: Vec<&mut Run> = undecided
            .into_iter()
            .filter(|r| !r.text.is_ascii() && !r.text.chars().any(is_unicode_only))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let joined = candidates
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(enc) = detect_legacy(&joined) {
            let fe = FontEncoding {
                encoding: enc,
                capitals: false,
            };
            for run in candidates {
                let decoded = decode_run(&run.text, fe);
                if decoded != run.text {
                    run.text = decoded;
                    report.runs_converted += 1;
                    note(&mut found, (enc, false, Source::Content), number);
                }
            }
        }
    }
    for ((enc, capitals, source), (runs, pages)) in &found {
        let kind = if *capitals {
            format!("{} (capitals)", enc.name())
        } else {
            enc.name().to_string()
        };
        let origin = match source {
            Source::Font(f) => format!("font {f}"),
            Source::Content => "detected from content".to_string(),
        };
        doc.meta.encodings.push(format!(
            "{kind}: {origin}, {runs} run{}, {}",
            if *runs == 1 { "" } else { "s" },
            page_list(pages)
        ));
    }
    if report.runs_converted > 0 {
        let mut encs: Vec<&str> = found.keys().map(|(e, _, _)| e.name()).collect();
        encs.dedup();
        doc.warn(
            WarningKind::LegacyEncoding,
            None,
            format!(
                "{} run(s) in the legacy {} encoding were converted to Unicode",
                report.runs_converted,
                encs.join("/")
            ),
        );
    }
    if report.glyph_slips > 0 {
        doc.warn(
            WarningKind::TextRepaired,
            None,
            format!(
                "{} ƣ/Ƣ characters (a glyph-map slip for ư/Ư) were replaced by ư/Ư",
                report.glyph_slips
            ),
        );
    }
    report
}

fn note(
    found: &mut BTreeMap<(LegacyEncoding, bool, Source), (usize, Vec<u32>)>,
    key: (LegacyEncoding, bool, Source),
    page: u32,
) {
    let e = found.entry(key).or_default();
    e.0 += 1;
    if e.1.last() != Some(&page) {
        e.1.push(page);
    }
}

/// `page 3` or `pages 1-4, 7`.
fn page_list(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let start = pages[i];
        let mut end = start;
        while i + 1 < pages.len() && pages[i + 1] == end + 1 {
            i += 1;
            end = pages[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    let plural = if pages.len() == 1 { "" } else { "s" };
    format!("page{plural} {}", parts.join(", "))
}

fn decode_run(text: &str, fe: FontEncoding) -> String {
    match fe.encoding {
        LegacyEncoding::Tcvn3 => decode_tcvn3(text, fe.capitals),
        LegacyEncoding::Vni => decode_vni(text),
    }
}

/// Replaces ƣ/Ƣ (Latin letter OI, a glyph-map slip for ư/Ư) in a run.
fn fix_glyph_slips(run: &mut Run) -> usize {
    let n = run.text.chars().filter(|&c| c == 'ƣ' || c == 'Ƣ').count();
    if n > 0 {
        run.text = run.text.replace('ƣ', "ư").replace('Ƣ', "Ư");
    }
    n
}

fn collect_runs<'a>(block: &'a mut Block, out: &mut Vec<&'a mut Run>) {
    match block {
        Block::Paragraph(Paragraph { runs, .. }) => out.extend(runs.iter_mut()),
        Block::Table(t) => {
            for row in &mut t.rows {
                for cell in &mut row.cells {
                    for b in &mut cell.blocks {
                        collect_runs(b, out);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use vanban_model::{Format, Page};

    fn seeds() -> Vec<String> {
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

    fn seed_syllables() -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        for s in seeds() {
            for w in s.split(|c: char| !c.is_alphabetic()) {
                let letters: Option<Vec<Letter>> = w.chars().map(letter).collect();
                if letters.is_some_and(|l| parse_syllable(&l).is_some()) {
                    set.insert(w.to_string());
                }
            }
        }
        set
    }

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

    #[test]
    fn the_classic_vni_sample_decodes() {
        assert_eq!(
            decode_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(decode_vni("ÑÖÔØNG Ñoäc laäp"), "ĐƯỜNG Độc lập");
        assert_eq!(decode_vni("Tænh uûy"), "Tỉnh ủy");
    }

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

    #[test]
    fn seeds_and_ascii_are_never_detected_as_legacy() {
        for s in seeds() {
            assert_eq!(detect_legacy(&s), None);
            for line in s.lines() {
                assert_eq!(detect_legacy(line), None, "{line}");
            }
        }
        assert_eq!(detect_legacy("Report 2021: 55/2011/ND-CP"), None);
        assert_eq!(detect_legacy("Hoà Bình, Thông tin cá nhân"), None);
    }

    #[test]
    fn encoded_seeds_are_detected_and_decoded() {
        for s in seeds() {
            let body: String = s.lines().take(60).collect::<Vec<_>>().join("\n");
            let t = encode_tcvn3(&body);
            assert_eq!(detect_legacy(&t), Some(LegacyEncoding::Tcvn3));
            let v = encode_vni(&body);
            assert_eq!(detect_legacy(&v), Some(LegacyEncoding::Vni));
        }
    }

    #[test]
    fn fonts_name_their_encodings() {
        let t = |caps| {
            Some(FontEncoding {
                encoding: LegacyEncoding::Tcvn3,
                capitals: caps,
            })
        };
        assert_eq!(encoding_from_font(".VnTime"), t(false));
        assert_eq!(encoding_from_font("VnTime"), t(false));
        assert_eq!(encoding_from_font(".VnTimeH"), t(true));
        assert_eq!(encoding_from_font("VnTimeH,Bold"), t(true));
        assert_eq!(encoding_from_font("VnArialH-BoldItalic"), t(true));
        assert_eq!(encoding_from_font("#2EVnArial"), t(false));
        assert_eq!(encoding_from_font(".VnArial NarrowH"), t(true));
        assert_eq!(
            encoding_from_font("VNI-Times"),
            Some(FontEncoding {
                encoding: LegacyEncoding::Vni,
                capitals: false
            })
        );
        for f in [
            "Times New Roman",
            "TimesNewRomanPSMT",
            "Arial",
            "Vnexpress",
            "LiberationSerif-Bold",
        ] {
            assert_eq!(encoding_from_font(f), None, "{f}");
        }
    }

    fn doc_of(runs: Vec<Run>) -> Document {
        let mut doc = Document::new(Format::Docx);
        doc.pages.push(Page {
            number: 1,
            blocks: vec![Block::Paragraph(Paragraph {
                runs,
                ..Paragraph::default()
            })],
            ..Page::default()
        });
        doc
    }

    fn run(text: &str, font: Option<&str>) -> Run {
        Run {
            text: text.into(),
            font: font.map(str::to_string),
        }
    }

    #[test]
    fn repair_document_converts_by_font_and_reports() {
        let mut doc = doc_of(vec![
            run("céng hßa x· héi", Some(".VnTimeH")),
            run(" Thùc hiÖn C«ng v¨n ", Some(".VnTime")),
            run("“Ủy ban”", Some("Times New Roman")),
        ]);
        let r = repair_document(&mut doc);
        assert_eq!(r.runs_converted, 2);
        assert_eq!(
            doc.page_texts()[0],
            "CỘNG HÒA XÃ HỘI Thực hiện Công văn “Ủy ban”\n"
        );
        assert_eq!(
            doc.meta.encodings,
            [
                "TCVN3: font .VnTime, 1 run, page 1",
                "TCVN3 (capitals): font .VnTimeH, 1 run, page 1"
            ]
        );
        assert_eq!(doc.warnings.len(), 1);
        assert_eq!(doc.warnings[0].kind, WarningKind::LegacyEncoding);
    }

    #[test]
    fn repair_document_detects_unnamed_fonts_and_leaves_unicode_alone() {
        let mut doc = doc_of(vec![run(
            "Thùc hiÖn C«ng v¨n sè 41/SNV-CCHC vÒ h\u{AD}íng dÉn x©y dùng KÕ ho¹ch",
            None,
        )]);
        repair_document(&mut doc);
        assert_eq!(
            doc.page_texts()[0],
            "Thực hiện Công văn số 41/SNV-CCHC về hướng dẫn xây dựng Kế hoạch\n"
        );
        assert_eq!(
            doc.meta.encodings,
            ["TCVN3: detected from content, 1 run, page 1"]
        );

        let seed = &seeds()[0];
        let mut doc = doc_of(vec![run(seed, None), run("Hoà Bình", Some("Arial"))]);
        let r = repair_document(&mut doc);
        assert_eq!(r, RepairReport::default());
        assert!(doc.meta.encodings.is_empty() && doc.warnings.is_empty());
    }

    #[test]
    fn glyph_slips_are_repaired_and_reported() {
        let mut doc = doc_of(vec![run("Ƣu tiên phát triển thƣơng mại", None)]);
        let r = repair_document(&mut doc);
        assert_eq!(r.glyph_slips, 2);
        assert_eq!(doc.page_texts()[0], "Ưu tiên phát triển thương mại\n");
        assert_eq!(doc.warnings[0].kind, WarningKind::TextRepaired);
    }
}
