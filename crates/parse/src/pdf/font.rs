//! Fonts as the text interpreter needs them: how a string's bytes split into
//! character codes, each code's Unicode text and its advance width.
//!
//! Each font is built once per document (the interpreter caches them by
//! object id), so a ToUnicode CMap is parsed once, not on every page.
//! Lookups on the hot path return a span into the font's own text buffer
//! and allocate nothing.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object};

use super::lexer::{Lexer, Token};
use super::std14::STANDARD_14;
use super::tables::{
    GLYPH_NAMES, MAC_ROMAN_ENCODING, PDF_DOC_ENCODING, STANDARD_ENCODING, SYMBOL_ENCODING,
    WIN_ANSI_ENCODING,
};

/// A one-byte encoding: code → UTF-16 unit (0 = unused).
type CodedCharacterSet = [u16; 256];

/// Entries a single ToUnicode bfrange may expand to; bigger ranges are clipped (hostile files).
const MAX_RANGE: u32 = 65_536;
/// Entries one CMap may define in total.
const MAX_CMAP_ENTRIES: usize = 1 << 20;

/// A code's Unicode text: `len` bytes at `start` of the font's text; empty means unmapped.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

/// A font ready for text extraction.
#[derive(Debug)]
pub(crate) struct Font {
    /// Base font name without the subset prefix (what `Run.font` carries).
    pub name: Rc<str>,
    /// UTF-8 text of all codes, addressed by [`Span`]s.
    text: String,
    codes: Codes,
    /// Multiplier from a width entry to text-space units (1/1000, or the Type 3 matrix).
    pub width_scale: f64,
}

#[derive(Debug)]
enum Codes {
    /// One byte per code.
    Simple {
        text: Box<[Span; 256]>,
        widths: Box<[f32; 256]>,
    },
    /// Codes of one to four bytes (Type 0 fonts).
    Composite {
        /// `(bytes, low, high)` code ranges; empty means two bytes (Identity-H/V).
        space: Vec<(u8, u32, u32)>,
        text: HashMap<u32, Span>,
        default_width: f32,
        /// Sorted, non-overlapping `(first, last, width)` CID ranges.
        widths: Vec<(u32, u32, f32)>,
    },
}

/// One decoded code of a shown string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Code {
    /// Where its text is (see [`Font::text`]).
    pub span: Span,
    /// Its advance width in width units (multiply by [`Font::width_scale`]).
    pub width: f32,
    /// Whether it is the single-byte code 32, to which word spacing applies.
    pub is_space_code: bool,
}

impl Font {
    /// The text of `span`.
    pub(crate) fn text(&self, span: Span) -> &str {
        let start = span.start as usize;
        self.text
            .get(start..start + span.len as usize)
            .unwrap_or_default()
    }

    /// Decodes the next code of `bytes` at `*pos`, advancing `*pos`; `None` at the end.
    pub(crate) fn next_code(&self, bytes: &[u8], pos: &mut usize) -> Option<Code> {
        let first = *bytes.get(*pos)?;
        match &self.codes {
            Codes::Simple { text, widths } => {
                *pos += 1;
                Some(Code {
                    span: text[usize::from(first)],
                    width: widths[usize::from(first)],
                    is_space_code: first == b' ',
                })
            }
            Codes::Composite {
                space,
                text,
                default_width,
                widths,
            } => {
                let len = code_length(space, &bytes[*pos..]);
                let mut code = 0u32;
                for i in 0..len {
                    code = code << 8 | u32::from(bytes.get(*pos + i).copied().unwrap_or(0));
                }
                *pos += len;
                let width = match widths.binary_search_by(|&(lo, hi, _)| {
                    if hi < code {
                        std::cmp::Ordering::Less
                    } else if lo > code {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                }) {
                    Ok(i) => widths[i].2,
                    Err(_) => *default_width,
                };
                Some(Code {
                    span: text.get(&code).copied().unwrap_or_default(),
                    width,
                    is_space_code: len == 1 && code == 32,
                })
            }
        }
    }

    /// Builds the font described by `dict`; `key` names it when it has no base font name.
    pub(crate) fn build(doc: &Document, dict: &Dictionary, key: &[u8]) -> Font {
        let subtype = name_of(doc, dict, b"Subtype").unwrap_or(b"Type1");
        let raw_name = name_of(doc, dict, b"BaseFont")
            .or_else(|| name_of(doc, dict, b"Name"))
            .unwrap_or(key);
        let full = String::from_utf8_lossy(raw_name);
        let name: Rc<str> = Rc::from(strip_subset(&full));
        let to_unicode = resolve(doc, dict.get(b"ToUnicode").ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content().ok())
            .map(|bytes| parse_cmap(&bytes));
        if subtype == b"Type0" {
            build_composite(doc, dict, name, to_unicode)
        } else {
            build_simple(doc, dict, subtype, name, to_unicode)
        }
    }
}

/// Strips a subset tag (`ABCDEF+`) from a font name.
pub(crate) fn strip_subset(name: &str) -> &str {
    let b = name.as_bytes();
    if b.len() > 7 && b[6] == b'+' && b[..6].iter().all(u8::is_ascii_uppercase) {
        &name[7..]
    } else {
        name
    }
}

fn resolve<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a Object> {
    let mut obj = obj?;
    // References to references are legal; a short chain bounds loops.
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            _ => return Some(obj),
        }
    }
    None
}

fn name_of<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    resolve(doc, dict.get(key).ok())?.as_name().ok()
}

fn number(doc: &Document, obj: &Object) -> Option<f64> {
    match resolve(doc, Some(obj))? {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Appends `text` to the font's buffer and returns its span.
fn add_text(buffer: &mut String, text: &str) -> Span {
    let start = buffer.len() as u32;
    buffer.push_str(text);
    Span {
        start,
        len: text.len() as u32,
    }
}

/// Decodes UTF-16BE (as in ToUnicode targets); unpaired surrogates become U+FFFD.
fn utf16be(bytes: &[u8], out: &mut String) {
    let units = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
    for c in char::decode_utf16(units) {
        out.push(c.unwrap_or('\u{fffd}'));
    }
}

/// Unicode text of a glyph name: the Adobe Glyph List (via lopdf), `uniXXXX`, `uXXXX`,
/// ligatures `f_i`, and suffixed names such as `a.sc`.
pub(crate) fn glyph_name_text(name: &[u8], out: &mut String) -> bool {
    if let Ok(i) = GLYPH_NAMES.binary_search_by(|(n, _)| n.as_bytes().cmp(name)) {
        if let Some(c) = char::from_u32(u32::from(GLYPH_NAMES[i].1)) {
            out.push(c);
            return true;
        }
    }
    let Ok(s) = std::str::from_utf8(name) else {
        return false;
    };
    if let Some(hex) = s.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = hex
                .as_bytes()
                .chunks(4)
                .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                .collect();
            let before = out.len();
            for c in char::decode_utf16(units) {
                match c {
                    Ok(c) => out.push(c),
                    Err(_) => {
                        out.truncate(before);
                        return false;
                    }
                }
            }
            return true;
        }
    }
    if let Some(hex) = s.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                out.push(c);
                return true;
            }
        }
    }
    if let Some((base, _)) = s.split_once('.') {
        if !base.is_empty() {
            return glyph_name_text(base.as_bytes(), out);
        }
    }
    if s.contains('_') {
        let before = out.len();
        for part in s.split('_') {
            if !glyph_name_text(part.as_bytes(), out) {
                out.truncate(before);
                return false;
            }
        }
        return true;
    }
    false
}

fn builtin_encoding(name: &[u8]) -> Option<&'static CodedCharacterSet> {
    match name {
        b"WinAnsiEncoding" => Some(&WIN_ANSI_ENCODING),
        b"MacRomanEncoding" => Some(&MAC_ROMAN_ENCODING),
        b"StandardEncoding" => Some(&STANDARD_ENCODING),
        b"PDFDocEncoding" => Some(&PDF_DOC_ENCODING),
        _ => None,
    }
}

/// The standard-14 font a base name stands for (also the common TrueType aliases).
fn standard_font(name: &str) -> Option<&'static str> {
    let plain: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | ','))
        .collect::<String>()
        .to_ascii_lowercase();
    let bold = plain.contains("bold");
    let italic = plain.contains("italic") || plain.contains("oblique");
    let family = if plain.starts_with("courier") {
        "Courier"
    } else if plain.starts_with("helvetica") || plain.starts_with("arial") {
        "Helvetica"
    } else if plain.starts_with("times") {
        "Times"
    } else if plain.starts_with("symbol") {
        return Some("Symbol");
    } else if plain.starts_with("zapfdingbats") {
        return Some("ZapfDingbats");
    } else {
        return None;
    };
    Some(match (family, bold, italic) {
        ("Times", false, false) => "Times-Roman",
        ("Times", true, false) => "Times-Bold",
        ("Times", false, true) => "Times-Italic",
        ("Times", true, true) => "Times-BoldItalic",
        ("Helvetica", false, false) => "Helvetica",
        ("Helvetica", true, false) => "Helvetica-Bold",
        ("Helvetica", false, true) => "Helvetica-Oblique",
        ("Helvetica", true, true) => "Helvetica-BoldOblique",
        ("Courier", false, false) => "Courier",
        ("Courier", true, false) => "Courier-Bold",
        ("Courier", false, true) => "Courier-Oblique",
        _ => "Courier-BoldOblique",
    })
}

fn build_simple(
    doc: &Document,
    dict: &Dictionary,
    subtype: &[u8],
    name: Rc<str>,
    to_unicode: Option<CMap>,
) -> Font {
    let standard = standard_font(&name);
    let encoding = resolve(doc, dict.get(b"Encoding").ok());
    let (base_name, differences) = match encoding {
        Some(Object::Name(n)) => (Some(n.as_slice()), None),
        Some(Object::Dictionary(d)) => (
            name_of(doc, d, b"BaseEncoding"),
            resolve(doc, d.get(b"Differences").ok()).and_then(|o| o.as_array().ok()),
        ),
        _ => (None, None),
    };
    // Without a named encoding, a font uses its built-in one: Symbol's own, the standard
    // encoding for Type 1 text fonts, and (as other readers assume) WinAnsi for TrueType.
    let base: Option<&CodedCharacterSet> =
        base_name
            .and_then(builtin_encoding)
            .or(match (standard, subtype) {
                (Some("Symbol"), _) => Some(&SYMBOL_ENCODING),
                (_, b"Type3") => None,
                (_, b"TrueType") => Some(&WIN_ANSI_ENCODING),
                _ => Some(&STANDARD_ENCODING),
            });
    let mut text = String::new();
    let mut spans = Box::new([Span::default(); 256]);
    if let Some(table) = base {
        for (code, glyph) in table.iter().enumerate() {
            if let Some(c) = Some(u32::from(*glyph))
                .filter(|&g| g != 0)
                .and_then(char::from_u32)
            {
                let mut tmp = [0u8; 4];
                spans[code] = add_text(&mut text, c.encode_utf8(&mut tmp));
            }
        }
    }
    if let Some(items) = differences {
        let mut code = 0usize;
        for item in items {
            match resolve(doc, Some(item)) {
                Some(Object::Integer(i)) => code = usize::try_from(*i).unwrap_or(256),
                Some(Object::Name(glyph)) => {
                    if code < 256 {
                        let start = text.len();
                        spans[code] = if glyph_name_text(glyph, &mut text) {
                            Span {
                                start: start as u32,
                                len: (text.len() - start) as u32,
                            }
                        } else {
                            Span::default()
                        };
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    if let Some(cmap) = &to_unicode {
        for (&code, target) in &cmap.map {
            if code < 256 {
                spans[code as usize] = add_text(&mut text, target);
            }
        }
    }

    let mut widths = Box::new([f32::NAN; 256]);
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0);
    let listed = resolve(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok());
    if let Some(list) = listed {
        for (i, w) in list.iter().enumerate() {
            let code = first + i as f64;
            if (0.0..256.0).contains(&code) {
                widths[code as usize] = number(doc, w).unwrap_or(0.0) as f32;
            }
        }
    } else {
        // Standard fonts (and fonts without widths, which readers render as Helvetica).
        let metrics = standard.unwrap_or("Helvetica");
        if let Some((_, glyphs)) = STANDARD_14.iter().find(|(n, _)| *n == metrics) {
            let mut by_text: HashMap<&str, f32> = HashMap::new();
            let mut scratch = String::new();
            let owned: Vec<(String, f32)> = glyphs
                .iter()
                .filter_map(|(g, w)| {
                    scratch.clear();
                    glyph_name_text(g.as_bytes(), &mut scratch)
                        .then(|| (scratch.clone(), f32::from(*w)))
                })
                .collect();
            for (t, w) in &owned {
                by_text.entry(t.as_str()).or_insert(*w);
            }
            for code in 0..256 {
                let span = spans[code];
                let start = span.start as usize;
                if let Some(t) = text.get(start..start + span.len as usize) {
                    if let Some(w) = by_text.get(t) {
                        widths[code] = *w;
                    }
                }
            }
        }
    }
    let missing = resolve(doc, dict.get(b"FontDescriptor").ok())
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0) as f32;
    for w in widths.iter_mut() {
        if w.is_nan() {
            *w = missing;
        }
    }
    let width_scale = if subtype == b"Type3" {
        resolve(doc, dict.get(b"FontMatrix").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|m| m.first())
            .and_then(|o| number(doc, o))
            .filter(|s| s.is_finite() && s.abs() < 1e3)
            .unwrap_or(0.001)
    } else {
        0.001
    };
    Font {
        name,
        text,
        codes: Codes::Simple {
            text: spans,
            widths,
        },
        width_scale,
    }
}

fn build_composite(
    doc: &Document,
    dict: &Dictionary,
    name: Rc<str>,
    to_unicode: Option<CMap>,
) -> Font {
    // Identity-H/V and the predefined CMaps use two-byte codes; an embedded CMap says its own.
    let space = match resolve(doc, dict.get(b"Encoding").ok()) {
        Some(Object::Stream(s)) => s
            .decompressed_content()
            .map(|b| parse_cmap(&b).space)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut text = String::new();
    let mut map = HashMap::new();
    if let Some(cmap) = &to_unicode {
        map.reserve(cmap.map.len());
        for (&code, target) in &cmap.map {
            map.insert(code, add_text(&mut text, target));
        }
    }
    let descendant = resolve(doc, dict.get(b"DescendantFonts").ok())
        .and_then(|o| o.as_array().ok())
        .and_then(|a| resolve(doc, a.first()))
        .and_then(|o| o.as_dict().ok());
    let mut default_width = 1000.0;
    let mut widths = Vec::new();
    if let Some(d) = descendant {
        if let Some(w) = d.get(b"DW").ok().and_then(|o| number(doc, o)) {
            default_width = w as f32;
        }
        if let Some(list) = resolve(doc, d.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
            read_w_array(doc, list, &mut widths);
        }
    }
    widths.sort_by_key(|&(lo, _, _)| lo);
    // Later entries that overlap earlier ones are dropped so binary search stays valid.
    let mut clean: Vec<(u32, u32, f32)> = Vec::with_capacity(widths.len());
    for w in widths {
        if clean.last().is_none_or(|last| w.0 > last.1) {
            clean.push(w);
        }
    }
    Font {
        name,
        text,
        codes: Codes::Composite {
            space,
            text: map,
            default_width,
            widths: clean,
        },
        width_scale: 0.001,
    }
}

/// Reads a CIDFont `W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn read_w_array(doc: &Document, list: &[Object], out: &mut Vec<(u32, u32, f32)>) {
    let mut i = 0;
    while i < list.len() {
        let Some(first) = number(doc, &list[i]).filter(|n| *n >= 0.0) else {
            i += 1;
            continue;
        };
        let first = first as u32;
        match list.get(i + 1).and_then(|o| resolve(doc, Some(o))) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate().take(MAX_RANGE as usize) {
                    let cid = first.saturating_add(k as u32);
                    out.push((cid, cid, number(doc, w).unwrap_or(0.0) as f32));
                }
                i += 2;
            }
            Some(last) => {
                let last = number(doc, last).unwrap_or(-1.0);
                let w = list.get(i + 2).and_then(|o| number(doc, o));
                if let (true, Some(w)) = (last >= f64::from(first), w) {
                    out.push((first, last.min(f64::from(u32::MAX)) as u32, w as f32));
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// How many bytes the next code takes under the code space ranges.
fn code_length(space: &[(u8, u32, u32)], bytes: &[u8]) -> usize {
    if space.is_empty() {
        return 2.min(bytes.len()).max(1);
    }
    for len in 1..=4usize {
        if len > bytes.len() {
            break;
        }
        let mut code = 0u32;
        for &b in &bytes[..len] {
            code = code << 8 | u32::from(b);
        }
        if space
            .iter()
            .any(|&(l, lo, hi)| usize::from(l) == len && (lo..=hi).contains(&code))
        {
            return len;
        }
    }
    // No range matches: take the shortest length the CMap uses, as readers do.
    let shortest = space.iter().map(|&(l, _, _)| usize::from(l)).min();
    shortest.unwrap_or(1).clamp(1, 4).min(bytes.len()).max(1)
}

/// What a CMap stream defines: code space ranges and code → Unicode text.
#[derive(Debug, Default)]
pub(crate) struct CMap {
    /// `(bytes, low, high)` code space ranges.
    pub space: Vec<(u8, u32, u32)>,
    /// Code → its text.
    pub map: HashMap<u32, String>,
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let mut code = 0u32;
    for &b in bytes {
        code = code << 8 | u32::from(b);
    }
    Some((bytes.len() as u8, code))
}

/// Parses a CMap (ToUnicode or an embedded encoding): `codespacerange`, `bfchar`, `bfrange`.
///
/// Written here because lopdf's parser keeps its tables private and answers each
/// lookup with a fresh `Vec`; we need the table once, flattened.
pub(crate) fn parse_cmap(src: &[u8]) -> CMap {
    #[derive(PartialEq)]
    enum Section {
        None,
        Space,
        Char,
        Range,
    }
    let mut cmap = CMap::default();
    let mut lexer = Lexer::new(src);
    let mut buf = Vec::new();
    let mut section = Section::None;
    // Operands of the current entry: decoded strings, or the items of a bfrange array.
    let mut items: Vec<Vec<u8>> = Vec::new();
    let mut array: Option<Vec<Vec<u8>>> = None;
    let mut pending_array: Option<Vec<Vec<u8>>> = None;
    while let Some(token) = lexer.next_token(&mut buf) {
        match token {
            Token::Keyword(k) => {
                section = match k {
                    b"begincodespacerange" => Section::Space,
                    b"beginbfchar" => Section::Char,
                    b"beginbfrange" => Section::Range,
                    b"endcodespacerange" | b"endbfchar" | b"endbfrange" => Section::None,
                    _ => section,
                };
                items.clear();
                pending_array = None;
            }
            Token::String { start, end } | Token::Name { start, end } => {
                let value = buf[start..end].to_vec();
                let is_name = matches!(token, Token::Name { .. });
                let value = if is_name {
                    // A glyph name target (bfchar <01> /fi): store its text, marked by a 0xFF 0xFE prefix.
                    let mut s = String::new();
                    if glyph_name_text(&value, &mut s) {
                        let mut v = vec![0xFF, 0xFE];
                        v.extend(s.as_bytes());
                        v
                    } else {
                        continue;
                    }
                } else {
                    value
                };
                if let Some(a) = array.as_mut() {
                    a.push(value);
                } else {
                    items.push(value);
                }
            }
            Token::ArrayOpen => array = Some(Vec::new()),
            Token::ArrayClose => pending_array = array.take(),
            _ => {}
        }
        buf.clear();
        if cmap.map.len() >= MAX_CMAP_ENTRIES {
            break;
        }
        match section {
            Section::Space if items.len() == 2 => {
                if let (Some((l, lo)), Some((_, hi))) = (code_of(&items[0]), code_of(&items[1])) {
                    cmap.space.push((l, lo, hi));
                }
                items.clear();
            }
            Section::Char if items.len() == 2 => {
                if let Some((_, code)) = code_of(&items[0]) {
                    cmap.map.insert(code, target_text(&items[1]));
                }
                items.clear();
            }
            Section::Range if items.len() == 3 => {
                if let (Some((_, lo)), Some((_, hi))) = (code_of(&items[0]), code_of(&items[1])) {
                    let hi = hi.min(lo.saturating_add(MAX_RANGE - 1));
                    let base = &items[2];
                    for code in lo..=hi {
                        cmap.map.insert(code, offset_target(base, code - lo));
                    }
                }
                items.clear();
            }
            Section::Range if items.len() == 2 && pending_array.is_some() => {
                if let (Some((_, lo)), Some((_, hi)), Some(targets)) =
                    (code_of(&items[0]), code_of(&items[1]), pending_array.take())
                {
                    for (k, t) in targets.iter().enumerate() {
                        let code = lo.saturating_add(k as u32);
                        if code > hi {
                            break;
                        }
                        cmap.map.insert(code, target_text(t));
                    }
                }
                items.clear();
            }
            _ => {}
        }
    }
    cmap
}

fn target_text(bytes: &[u8]) -> String {
    if let Some(text) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return String::from_utf8_lossy(text).into_owned();
    }
    let mut s = String::new();
    utf16be(bytes, &mut s);
    s
}

/// A bfrange target for `offset` codes past the first: the last UTF-16 unit is incremented.
fn offset_target(base: &[u8], offset: u32) -> String {
    if base.len() < 2 || base.starts_with(&[0xFF, 0xFE]) {
        return target_text(base);
    }
    let mut units: Vec<u16> = base
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(offset as u16);
    }
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{fffd}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn subset_prefix_is_stripped_only_when_well_formed() {
        assert_eq!(strip_subset("ABCDEF+.VnTime"), ".VnTime");
        assert_eq!(strip_subset("ABCDEF+VnTimeHBold"), "VnTimeHBold");
        assert_eq!(strip_subset("AbCDEF+Arial"), "AbCDEF+Arial");
        assert_eq!(strip_subset("VNI-Times"), "VNI-Times");
        assert_eq!(strip_subset("ABCDEF+"), "ABCDEF+");
    }

    #[test]
    fn cmap_bfchar_bfrange_and_arrays() {
        let cmap = parse_cmap(
            b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0024> <0053 1ED1> endbfchar\n\
              2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<0110> <01B0>] endbfrange end",
        );
        assert_eq!(cmap.space, [(2, 0, 0xFFFF)]);
        assert_eq!(cmap.map[&3], " ");
        assert_eq!(cmap.map[&0x24], "Số");
        assert_eq!(cmap.map[&0x10], "A");
        assert_eq!(cmap.map[&0x12], "C");
        assert_eq!(cmap.map[&0x20], "Đ");
        assert_eq!(cmap.map[&0x21], "ư");
        assert!(!cmap.map.contains_key(&0x13));
    }

    #[test]
    fn a_hostile_range_is_clipped() {
        let cmap = parse_cmap(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(cmap.map.len(), MAX_RANGE as usize);
    }

    #[test]
    fn glyph_names_map_to_text() {
        let mut s = String::new();
        for name in [&b"Ecircumflex"[..], b"uni1EC7", b"u1EA1", b"f_i", b"a.sc"] {
            assert!(glyph_name_text(name, &mut s), "{name:?}");
        }
        assert_eq!(s, "Êệạ\u{fb01}a");
        assert!(!glyph_name_text(b"g123", &mut s));
        assert!(!glyph_name_text(b"uniD800", &mut s));
    }

    #[test]
    fn differences_over_winansi_and_standard_widths() {
        let doc = Document::with_version("1.5");
        let f = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Arial,Bold",
            "Encoding" => dictionary! { "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), "Acircumflex".into(), "uni01B0".into()] },
        };
        let font = Font::build(&doc, &f, b"F1");
        assert_eq!(&*font.name, "Arial,Bold");
        let mut pos = 0;
        let bytes = b"ABC ";
        let mut out = String::new();
        let mut widths = Vec::new();
        while let Some(code) = font.next_code(bytes, &mut pos) {
            out.push_str(font.text(code.span));
            widths.push(code.width);
        }
        assert_eq!(out, "ÂưC ");
        // Helvetica-Bold: Acircumflex 722, C 722, space 278; ư has no standard width.
        assert_eq!(widths, [722.0, 0.0, 722.0, 278.0]);
    }

    #[test]
    fn type0_identity_with_to_unicode_and_w_widths() {
        let mut doc = Document::with_version("1.5");
        let cmap = doc.add_object(Stream::new(
            dictionary! {},
            b"1 beginbfchar <0102> <1EC7> endbfchar".to_vec(),
        ));
        let f = dictionary! {
            "Subtype" => "Type0", "BaseFont" => "QWERTY+TimesNewRomanPSMT", "Encoding" => "Identity-H",
            "ToUnicode" => cmap,
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "DW" => 500, "W" => vec![0x102.into(), vec![444.into()].into(), 5.into(), 9.into(), 250.into()],
            })],
        };
        let font = Font::build(&doc, &f, b"F1");
        assert_eq!(&*font.name, "TimesNewRomanPSMT");
        let mut pos = 0;
        let bytes = [1u8, 2, 0, 7, 0, 99, 1];
        let a = font.next_code(&bytes, &mut pos).unwrap();
        assert_eq!((font.text(a.span), a.width), ("ệ", 444.0));
        let b = font.next_code(&bytes, &mut pos).unwrap();
        assert_eq!((font.text(b.span), b.width), ("", 250.0));
        let c = font.next_code(&bytes, &mut pos).unwrap();
        assert_eq!(c.width, 500.0);
        // A dangling odd byte still makes one (unmapped) code and then the string ends.
        assert!(font.next_code(&bytes, &mut pos).is_some());
        assert!(font.next_code(&bytes, &mut pos).is_none());
    }
}
