//! Unicode repair: NFC, invisible characters, dash and space variants, and
//! look-alike letters that producers emit for Vietnamese ones.
//!
//! Every later stage matches on characters, and the same word reaches us in
//! several byte forms: decomposed (NFD) PDFs, zero-width spaces and soft
//! hyphens inside words, `‑`/`–`/`−` for `-` inside document numbers, NBSP
//! between words. The repair is mapped ([`repair_unicode`]) so that facts found
//! in the repaired text still point into the text the user sees.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::{MappedText, MappedTextBuilder};

/// What the repair does with one character, independent of its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharFix {
    /// Left as it is.
    Keep,
    /// Removed: it is invisible and splits words for every matcher.
    Drop,
    /// Replaced by the character a matcher expects.
    Replace(char),
}

/// The fix for one character.
pub(crate) fn char_fix(c: char) -> CharFix {
    match c {
        // Zero-width space/non-joiner/joiner, word joiner, BOM used as ZWNBSP,
        // soft hyphen, and direction marks: invisible, but they split words.
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => CharFix::Drop,
        // Hyphen, non-breaking hyphen, figure dash, en/em dash, horizontal bar,
        // minus sign, small and full-width hyphen-minus: `NĐ‑CP` must match `NĐ-CP`.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => CharFix::Replace('-'),
        // NBSP, the typographic spaces, narrow NBSP, medium math space,
        // ideographic space: they separate words exactly like a space.
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            CharFix::Replace(' ')
        }
        // Line and paragraph separators, next line, form feed, vertical tab:
        // line breaks to every line-based rule.
        '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{B}' | '\u{C}' => CharFix::Replace('\n'),
        // Icelandic eth: the same glyph as Đ, typed by mistake or produced by
        // reading Windows-1258 bytes (0xD0/0xF0 are Đ/đ there) as Latin-1.
        'Ð' => CharFix::Replace('Đ'),
        'ð' => CharFix::Replace('đ'),
        // Latin letter OI: glyph maps of several PDF producers label the ư/Ư
        // glyph with it; it has no other use in Vietnamese text.
        'ƣ' => CharFix::Replace('ư'),
        'Ƣ' => CharFix::Replace('Ư'),
        _ => CharFix::Keep,
    }
}

/// Where repaired pieces go: a mapped builder or a plain string.
pub(crate) trait Sink {
    /// Appends `out`, which came from source bytes `src`.
    fn push(&mut self, out: &str, src: Range<usize>);
}

impl Sink for MappedTextBuilder {
    fn push(&mut self, out: &str, src: Range<usize>) {
        self.push_str(out, src);
    }
}

impl Sink for String {
    fn push(&mut self, out: &str, _src: Range<usize>) {
        self.push_str(out);
    }
}

/// Whether `s` is already repaired, so the identity map can be used.
fn is_clean(s: &str) -> bool {
    if s.is_ascii() {
        return !s.bytes().any(|b| matches!(b, b'\r' | 0x0B | 0x0C));
    }
    is_nfc_quick(s.chars()) == IsNormalized::Yes
        && !s.chars().any(|c| c == '\r' || char_fix(c) != CharFix::Keep)
}

/// Whether a normalization segment may start before `c`: a starter that
/// cannot compose with what precedes it.
fn starts_segment(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) != IsNormalized::Maybe)
}

/// Runs the repair over `s` into `sink`.
pub(crate) fn repair_into<S: Sink>(s: &str, sink: &mut S) {
    // A segment is a starter and the characters that may compose with it; it is
    // normalized as a whole and maps to its whole source range.
    let mut seg = String::new();
    let mut seg_src = 0..0;
    let mut nfc_buf = String::new();
    let flush = |seg: &mut String, src: &Range<usize>, sink: &mut S, buf: &mut String| {
        if seg.is_empty() {
            return;
        }
        let mut cs = seg.chars();
        let single = cs.next().is_some() && cs.next().is_none();
        if single && is_nfc_quick(seg.chars()) == IsNormalized::Yes {
            sink.push(seg, src.clone());
        } else {
            buf.clear();
            buf.extend(seg.nfc());
            sink.push(buf, src.clone());
        }
        seg.clear();
    };
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let fixed = if c == '\r' {
            // CRLF is one line break; a lone CR is one too.
            if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                CharFix::Drop
            } else {
                CharFix::Replace('\n')
            }
        } else {
            char_fix(c)
        };
        let out = match fixed {
            CharFix::Drop => continue,
            CharFix::Keep => c,
            CharFix::Replace(r) => r,
        };
        if out.is_ascii() && seg.len() == 1 && seg.as_bytes()[0].is_ascii() {
            // Fast path: ASCII after ASCII, nothing to compose.
            sink.push(&seg, seg_src.clone());
            seg.clear();
        } else if starts_segment(out) {
            flush(&mut seg, &seg_src, sink, &mut nfc_buf);
        }
        if seg.is_empty() {
            seg_src = i..end;
        } else {
            seg_src.end = end;
        }
        seg.push(out);
    }
    flush(&mut seg, &seg_src, sink, &mut nfc_buf);
}

/// Repairs `s` (NFC, invisible characters dropped, dash/space/line-break
/// variants unified, Ð→Đ, ƣ→ư) with a map back to `s`.
pub fn repair_unicode(s: &str) -> MappedText {
    if is_clean(s) {
        return MappedText::identity(s);
    }
    let mut b = MappedTextBuilder::new(s.len());
    repair_into(s, &mut b);
    b.finish()
}

/// [`repair_unicode`] without the map, for keys and query terms.
pub fn repair_unicode_str(s: &str) -> String {
    if is_clean(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    repair_into(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_is_composed_and_maps_to_the_decomposed_source() {
        let src: String = "Nghị định".nfd().collect();
        let m = repair_unicode(&src);
        assert_eq!(m.as_str(), "Nghị định");
        let at = "Nghị ".len();
        let r = m.source_range(at..m.as_str().len());
        assert_eq!(&src[r], "định".nfd().collect::<String>());
    }

    #[test]
    fn invisible_characters_dash_and_space_variants() {
        let src = "hành\u{AD}chính số\u{A0}55/2011/NĐ\u{2011}CP\u{200B} Ðảng ƣu tiên\r\n";
        let m = repair_unicode(src);
        assert_eq!(m.as_str(), "hànhchính số 55/2011/NĐ-CP Đảng ưu tiên\n");
        let at = m.as_str().find("Đảng").unwrap();
        assert_eq!(&src[m.source_range(at..at + "Đảng".len())], "Ðảng");
    }

    #[test]
    fn clean_vietnamese_is_untouched() {
        let s = "Cộng hòa xã hội chủ nghĩa Việt Nam\n\tĐộc lập - Tự do - Hạnh phúc";
        assert_eq!(repair_unicode(s), MappedText::identity(s));
        assert_eq!(repair_unicode_str(s), s);
    }

    #[test]
    fn a_zero_width_space_between_letter_and_mark_does_not_block_composition() {
        let m = repair_unicode("a\u{200B}\u{300}b");
        assert_eq!(m.as_str(), "àb");
        assert_eq!(m.source_range(0..2), 0..6);
    }

    const VIET: &str = "[a-zA-Z0-9àáạảãâầấậẩẫăằắặẳẵđĐêềếệểễơờớợởỡưừứựửữÐƣ \u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{200B}\u{AD}\u{A0}\u{2013}\r\n\t/-]{0,40}";

    proptest::proptest! {
        #[test]
        fn repair_is_nfc_and_idempotent(s in VIET) {
            let once = repair_unicode_str(&s);
            proptest::prop_assert!(unicode_normalization::is_nfc(&once));
            proptest::prop_assert_eq!(repair_unicode_str(&once), once.clone());
            let mapped = repair_unicode(&s);
            proptest::prop_assert_eq!(mapped.as_str(), once.as_str());
        }

        #[test]
        fn arbitrary_text_repairs_to_nfc_with_ranges_in_bounds(s in ".{0,60}") {
            let m = repair_unicode(&s);
            proptest::prop_assert!(unicode_normalization::is_nfc(m.as_str()));
            let n = m.as_str().len();
            for i in 0..=n {
                let r = m.source_range(i..n);
                proptest::prop_assert!(r.start <= r.end && r.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            }
        }

        #[test]
        fn nfc_and_nfd_input_repair_alike(s in VIET) {
            let nfd: String = s.nfd().collect();
            proptest::prop_assert_eq!(repair_unicode_str(&nfd), repair_unicode_str(&s));
        }
    }
}
