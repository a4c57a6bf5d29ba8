//! The character stream of a CP range: each character's code unit, where it is stored
//! (its FC, for the paragraph formatting of marks) and its direct character formatting
//! (CHPX runs plus the piece's own modifiers in fast-saved files).

use super::clx::{cp1252, cp1252_byte, Clx};
use super::fkp::FcRuns;
use super::fonts::is_byte_font;
use super::styles::CharProps;

/// One character position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ch {
    /// The code unit: a byte of a compressed piece or a UTF-16 unit.
    pub(crate) unit: u16,
    /// Stored as one byte (a compressed piece).
    pub(crate) compressed: bool,
    /// Index of the direct formatting in [`Chars::props`].
    pub(crate) run: u32,
    /// Byte offset in the WordDocument stream.
    pub(crate) fc: u32,
    /// The character position.
    pub(crate) cp: u32,
}

/// A story's characters plus the distinct direct formattings they use.
#[derive(Debug, Default)]
pub(crate) struct Chars {
    /// Characters in CP order.
    pub(crate) chars: Vec<Ch>,
    /// Direct character formatting, indexed by [`Ch::run`].
    pub(crate) props: Vec<CharProps>,
    /// Characters whose piece lies (partly) outside the WordDocument stream.
    pub(crate) missing: u64,
}

/// Reads CPs `[cp0, cp1)` through the piece table.
pub(crate) fn read_chars(
    word: &[u8],
    clx: &Clx<'_>,
    chpx: &FcRuns<'_>,
    cp0: u64,
    cp1: u64,
) -> Chars {
    let mut out = Chars::default();
    let word_len = word.len() as u64;
    let first = clx.pieces.partition_point(|p| u64::from(p.cp_end) <= cp0);
    for piece in &clx.pieces[first..] {
        let start = u64::from(piece.cp_start).max(cp0);
        let end = u64::from(piece.cp_end).min(cp1);
        if start >= cp1 {
            break;
        }
        if start >= end {
            continue;
        }
        let step = if piece.compressed { 1 } else { 2 };
        let piece_props = piece
            .prc
            .and_then(|i| clx.prcs.get(i))
            .map(|g| {
                let mut p = CharProps::default();
                p.apply(g);
                p
            })
            .unwrap_or_default();
        // The part of the piece whose bytes are inside the stream.
        let base = u64::from(piece.fc);
        let readable = if base >= word_len {
            0
        } else {
            ((word_len - base) / step).min(end - u64::from(piece.cp_start))
        };
        let readable_end = (u64::from(piece.cp_start) + readable).min(end);
        if readable_end < end {
            out.missing += end - readable_end.max(start);
        }
        let mut cp = start;
        while cp < readable_end {
            let fc = base + (cp - u64::from(piece.cp_start)) * step;
            let boundary = chpx.next_boundary(fc);
            let run_chars = boundary.saturating_sub(fc).div_ceil(step).max(1);
            let chunk_end = readable_end.min(cp + run_chars);
            let mut props = CharProps::default();
            if let Some(r) = chpx.at(fc) {
                props.apply(r.grpprl);
            }
            // The piece's modifiers were saved after the CHPX ones, so they win.
            let props = piece_props.over(props);
            let run = match out.props.last() {
                Some(last) if *last == props => out.props.len() - 1,
                _ => {
                    out.props.push(props);
                    out.props.len() - 1
                }
            } as u32;
            for c in cp..chunk_end {
                let at = (base + (c - u64::from(piece.cp_start)) * step) as usize;
                let unit = if piece.compressed {
                    u16::from(word[at])
                } else {
                    u16::from_le_bytes([word[at], word[at + 1]])
                };
                out.chars.push(Ch {
                    unit,
                    compressed: piece.compressed,
                    run,
                    fc: at as u32,
                    cp: c as u32,
                });
            }
            cp = chunk_end;
        }
    }
    out
}

/// Turns the code units of one run into text. In a legacy 8-bit font (`.VnTime`,
/// `VNI-Times`) the units are the bytes the font draws, kept as U+0000–U+00FF for the
/// text stage to decode; otherwise compressed bytes are code page 1252 and UTF-16
/// units are Unicode.
pub(crate) fn run_text(units: &[(u16, bool)], font: Option<&str>) -> String {
    let byte_font = font.is_some_and(is_byte_font);
    let mut out = String::with_capacity(units.len());
    let decoded = char::decode_utf16(units.iter().map(|&(u, compressed)| {
        if compressed {
            // Outside the UTF-16 surrogate range, so it decodes as itself.
            u & 0xFF
        } else {
            u
        }
    }));
    let mut chars: Vec<(char, bool)> = Vec::with_capacity(units.len());
    let mut i = 0;
    for c in decoded {
        let compressed = units.get(i).is_some_and(|u| u.1);
        let c = c.unwrap_or('\u{FFFD}');
        i += c.len_utf16();
        chars.push((c, compressed));
    }
    if byte_font {
        // Unicode stored for a legacy font: Word kept the byte as its code page 1252
        // character, or in the symbol range U+F000–U+F0FF. Mapped back only when the
        // whole run is such bytes; real Unicode Vietnamese in the run is left alone.
        let all_bytes = chars
            .iter()
            .all(|&(c, comp)| comp || cp1252_byte(c).is_some() || symbol_byte(c).is_some());
        for &(c, comp) in &chars {
            if c == OPTIONAL_HYPHEN {
                // Typing TCVN3 `ư` (byte 0xAD, the soft hyphen of code page 1252) makes
                // Word store an optional hyphen; it is that letter's byte.
                out.push('\u{AD}');
                continue;
            }
            let b = if comp {
                Some(c as u32 as u8)
            } else if all_bytes {
                cp1252_byte(c).or_else(|| symbol_byte(c))
            } else {
                None
            };
            out.push(b.map_or(c, char::from));
        }
    } else {
        for &(c, comp) in chars.iter().filter(|&&(c, _)| c != OPTIONAL_HYPHEN) {
            out.push(if comp { cp1252(c as u32 as u8) } else { c });
        }
    }
    out
}

/// Word's optional hyphen character (kept by the story builder until the font is known).
const OPTIONAL_HYPHEN: char = '\u{1F}';

/// The byte a symbol-font character U+F000–U+F0FF stands for.
fn symbol_byte(c: char) -> Option<u8> {
    let code = c as u32;
    (0xF000..=0xF0FF)
        .contains(&code)
        .then_some((code & 0xFF) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &[u16], compressed: bool) -> Vec<(u16, bool)> {
        s.iter().map(|&u| (u, compressed)).collect()
    }

    #[test]
    fn compressed_text_is_cp1252_unless_the_font_is_legacy() {
        // "Sè 12" in TCVN3 bytes: S, 0xE8 (ố), space, 1, 2.
        let b = units(&[0x53, 0xE8, 0x20, 0x31, 0x32], true);
        assert_eq!(run_text(&b, Some(".VnTime")), "S\u{E8} 12");
        let q = units(&[0x93, 0x41, 0x94], true);
        assert_eq!(run_text(&q, Some("Times New Roman")), "“A”");
        assert_eq!(run_text(&q, None), "“A”");
        // In a legacy font 0x93 is a byte to decode (a TCVN3 capital), not a quote.
        assert_eq!(run_text(&q, Some(".VnTimeH")), "\u{93}A\u{94}");
    }

    #[test]
    fn unicode_text_in_a_legacy_font_maps_back_to_bytes() {
        let u: Vec<u16> = "“Hµ".encode_utf16().collect();
        assert_eq!(
            run_text(&units(&u, false), Some(".VnTime")),
            "\u{93}H\u{B5}"
        );
        let sym = units(&[0xF0B5, 0x0041], false);
        assert_eq!(run_text(&sym, Some("VNI-Times")), "\u{B5}A");
        // Real Unicode Vietnamese in a run still named .VnTime stays as it is.
        let vn: Vec<u16> = "Việt “Nam”".encode_utf16().collect();
        assert_eq!(run_text(&units(&vn, false), Some(".VnTime")), "Việt “Nam”");
    }

    #[test]
    fn optional_hyphen_is_tcvn3_u_horn_in_legacy_fonts() {
        let u = units(&[0x68, 0x1F, 0xEA, 0x6E, 0x67], true);
        assert_eq!(run_text(&u, Some(".VnTime")), "h\u{AD}\u{EA}ng");
        assert_eq!(run_text(&u, Some("Times New Roman")), "hêng");
    }

    #[test]
    fn surrogate_pairs_decode() {
        let u: Vec<u16> = "a😀b".encode_utf16().collect();
        assert_eq!(run_text(&units(&u, false), None), "a😀b");
        assert_eq!(run_text(&units(&[0xD800, 0x41], false), None), "\u{FFFD}A");
    }
}
