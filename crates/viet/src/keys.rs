//! Search keys and tokens: what the index's exact and folded fields store and
//! what query terms are turned into before they are looked up.
//!
//! * [`exact_key`]: NFC, canonical tone placement, lower case — `Ủy ban` and
//!   `Uỷ ban` meet, `hoa` and `hòa` stay apart.
//! * [`folded_key`]: no tone marks, no hat/horn/breve, `đ`→`d`, lower case —
//!   `Nghị định`, `NGHỊ ĐỊNH` and `nghi dinh` meet, for users typing without
//!   Vietnamese input.
//! * [`tokens`]: words with byte offsets, keeping document numbers such as
//!   `55/2011/NĐ-CP` and dates such as `11/01/2021` whole ([`Token::parts`]
//!   gives their pieces for a second, finer pass).

use crate::letter::{is_combining, letter};
use crate::tones::canonical_tones;
use crate::unicode::{char_fix, repair_unicode_str, CharFix};

/// Pushes `c` onto a key, collapsing whitespace runs into one space and
/// dropping leading whitespace (trailing whitespace is trimmed at the end).
fn push_collapsed(out: &mut String, c: char, pending_space: &mut bool) {
    if c.is_whitespace() {
        *pending_space = !out.is_empty();
        return;
    }
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// The accent-insensitive key: tone marks and hat/horn/breve removed, `đ`→`d`,
/// lower case, whitespace collapsed; NFC and NFD input give the same key.
pub fn folded_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        let c = match char_fix(c) {
            CharFix::Drop => continue,
            CharFix::Keep => c,
            CharFix::Replace(r) => r,
        };
        if c.is_ascii() {
            push_collapsed(&mut out, c.to_ascii_lowercase(), &mut pending);
        } else if is_combining(c) {
            // NFD input: the marks are separate characters.
        } else if let Some(l) = letter(c) {
            push_collapsed(&mut out, char::from(l.base), &mut pending);
        } else if c.is_whitespace() {
            pending = !out.is_empty();
        } else {
            for lc in c.to_lowercase() {
                push_collapsed(&mut out, lc, &mut pending);
            }
        }
    }
    out
}

/// The accent-sensitive key: Unicode repair, NFC, lower case, canonical tone
/// placement ([`canonical_tones`]), whitespace collapsed.
pub fn exact_key(s: &str) -> String {
    let repaired = repair_unicode_str(s);
    let toned = canonical_tones(&repaired.to_lowercase());
    let mut out = String::with_capacity(toned.len());
    let mut pending = false;
    for c in toned.chars() {
        push_collapsed(&mut out, c, &mut pending);
    }
    out
}

/// A document number in one spelling: spaces removed, dash variants unified,
/// invisible characters dropped, Ð→Đ, NFC; letter case is kept
/// (`55 / 2011 / NĐ–CP` → `55/2011/NĐ-CP`).
pub fn canonical_doc_number(s: &str) -> String {
    repair_unicode_str(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The folded form of a document number, for matching typed numbers:
/// `55/2011/nd-cp` and `55/2011/NĐ-CP` give `55/2011/nd-cp`.
pub fn folded_doc_number(s: &str) -> String {
    folded_key(s).chars().filter(|c| *c != ' ').collect()
}

/// A word or number of the input, with its byte offsets in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's text, exactly as in the input (apply a key function to index it).
    pub text: &'a str,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
}

impl<'a> Token<'a> {
    /// Whether the token joins several pieces (`55/2011/NĐ-CP`, `11/01/2021`, `1.216`).
    pub fn is_compound(&self) -> bool {
        self.text
            .chars()
            .any(|c| is_joiner(c) || matches!(c, '.' | ','))
    }

    /// The pieces of a compound token (`55`, `2011`, `NĐ`, `CP`), offsets still
    /// in the original input; a simple token yields itself.
    pub fn parts(&self) -> Tokens<'a> {
        Tokens {
            s: self.text,
            pos: 0,
            base: self.start,
            join: false,
        }
    }
}

/// Iterator over the [`Token`]s of a string; see [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    s: &'a str,
    pos: usize,
    base: usize,
    join: bool,
}

/// Whether `c` belongs inside a word: letters, digits, combining marks (NFD),
/// and the invisible characters repair drops (so `hành\u{AD}chính` stays one word).
fn is_word_char(c: char) -> bool {
    // Fast paths: every page is mostly ASCII and Latin letters, and the general
    // Unicode tables are a binary search per character.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_latin_letter(c) {
        return true;
    }
    c.is_alphanumeric() || is_combining(c) || char_fix(c) == CharFix::Drop
}

/// Letters of Latin-1, Latin Extended-A/B and Latin Extended Additional (every
/// precomposed Vietnamese letter), without the two signs `×` and `÷`.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && !matches!(c, '×' | '÷')
}

/// Characters that join two word pieces into one token when both sides are
/// letters or digits.
fn is_joiner(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '/' | '-' | '&' | '_');
    }
    char_fix(c) == CharFix::Replace('-')
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = self.s.get(self.pos..)?;
        // Skip to the first word character (an invisible one cannot start a token).
        let skip = rest
            .char_indices()
            .find(|&(_, c)| is_word_char(c) && char_fix(c) != CharFix::Drop)
            .map(|(i, _)| i)?;
        let start = self.pos + skip;
        let mut end = start;
        let mut prev: Option<char> = None;
        let mut it = self.s[start..].char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let at = start + i;
            if is_word_char(c) {
                end = at + c.len_utf8();
                prev = Some(c);
                continue;
            }
            if !self.join {
                break;
            }
            let next = it.peek().map(|&(_, n)| n);
            let joins = match (prev, next) {
                (Some(p), Some(n)) if matches!(c, '.' | ',') => {
                    p.is_ascii_digit() && n.is_ascii_digit()
                }
                (Some(p), Some(n)) if is_joiner(c) => {
                    (p.is_alphanumeric() || is_combining(p)) && n.is_alphanumeric()
                }
                _ => false,
            };
            if !joins {
                break;
            }
            prev = Some(c);
        }
        // Invisible characters never end a token.
        let mut text = &self.s[start..end];
        while let Some(c) = text.chars().next_back() {
            if char_fix(c) != CharFix::Drop {
                break;
            }
            text = &text[..text.len() - c.len_utf8()];
        }
        self.pos = end;
        Some(Token {
            text,
            start: self.base + start,
            end: self.base + start + text.len(),
        })
    }
}

/// Splits `s` into words and numbers at whitespace and punctuation, keeping
/// document numbers, dates and grouped numbers whole.
pub fn tokens(s: &str) -> Tokens<'_> {
    Tokens {
        s,
        pos: 0,
        base: 0,
        join: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn word_char_fast_paths_agree_with_the_unicode_tables() {
        let general =
            |c: char| c.is_alphanumeric() || is_combining(c) || char_fix(c) == CharFix::Drop;
        let ranges = [0u32..0x3000, 0x1E00..0x1F00, 0xFE00..0xFF10];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), general(c), "{c:?} U+{:04X}", c as u32);
            let joiner = matches!(c, '/' | '-' | '&' | '_') || char_fix(c) == CharFix::Replace('-');
            assert_eq!(is_joiner(c), joiner, "{c:?} U+{:04X}", c as u32);
        }
        assert!(is_word_char('ệ') && is_word_char('Đ') && is_word_char('7'));
        assert!(!is_word_char('×') && !is_word_char(' ') && !is_word_char('/'));
    }

    #[test]
    fn folding_meets_across_case_marks_and_forms() {
        let nfd: String = "nghị định".nfd().collect();
        let want = "nghi dinh";
        for s in [
            "Nghị định",
            "NGHỊ ĐỊNH",
            "Nghi dinh",
            nfd.as_str(),
            "  Nghị\u{A0}\u{A0}định\n",
        ] {
            assert_eq!(folded_key(s), want, "{s:?}");
        }
        assert_eq!(folded_key("Ðảng ƣu tiên"), "dang uu tien");
        assert_ne!(folded_key("Nghị quyết"), want);
    }

    #[test]
    fn exact_key_meets_tone_placements_but_keeps_tones() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("Uỷ ban", "Ủy ban"),
            ("thuỷ", "thủy"),
            ("Tỉnh uỷ", "Tỉnh ủy"),
        ] {
            assert_eq!(exact_key(a), exact_key(b), "{a} / {b}");
        }
        assert_eq!(exact_key("UỶ BAN  nhân dân"), "ủy ban nhân dân");
        assert_ne!(exact_key("hoa"), exact_key("hòa"));
        assert_ne!(exact_key("Nghi dinh"), exact_key("Nghị định"));
        let nfd: String = "Uỷ ban".nfd().collect();
        assert_eq!(exact_key(&nfd), "ủy ban");
    }

    #[test]
    fn document_numbers_are_canonical_and_fold() {
        assert_eq!(
            canonical_doc_number("55 / 2011 / NĐ\u{2013}CP"),
            "55/2011/NĐ-CP"
        );
        assert_eq!(canonical_doc_number("513/KH-\u{200B}UBND"), "513/KH-UBND");
        assert_eq!(canonical_doc_number("41/KH-SNgV"), "41/KH-SNgV");
        assert_eq!(canonical_doc_number("55/2011/ÐĐ-CP"), "55/2011/ĐĐ-CP");
        assert_eq!(
            folded_doc_number("55/2011/ND-CP"),
            folded_doc_number("55/2011/NĐ-CP")
        );
        assert_ne!(
            folded_doc_number("55/2011/NĐ-CP"),
            folded_doc_number("56/2011/NĐ-CP")
        );
    }

    #[test]
    fn tokens_keep_document_numbers_and_offsets() {
        let s = "Thực hiện Nghị định số 55/2011/NĐ-CP ngày 11/01/2021, chi 286.000.000 đồng.";
        let toks: Vec<_> = tokens(s).collect();
        let texts: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "Thực",
                "hiện",
                "Nghị",
                "định",
                "số",
                "55/2011/NĐ-CP",
                "ngày",
                "11/01/2021",
                "chi",
                "286.000.000",
                "đồng"
            ]
        );
        for t in &toks {
            assert_eq!(&s[t.start..t.end], t.text);
        }
        let num = toks[5];
        assert!(num.is_compound());
        let parts: Vec<_> = num.parts().map(|p| (p.text, &s[p.start..p.end])).collect();
        assert_eq!(
            parts,
            [("55", "55"), ("2011", "2011"), ("NĐ", "NĐ"), ("CP", "CP")]
        );
        assert!(!toks[0].is_compound());
    }

    #[test]
    fn tokens_split_punctuation_but_not_nfd_words() {
        let nfd: String = "Độc lập - Tự do; (Hạnh phúc).".nfd().collect();
        let texts: Vec<String> = tokens(&nfd).map(|t| t.text.nfc().collect()).collect();
        assert_eq!(texts, ["Độc", "lập", "Tự", "do", "Hạnh", "phúc"]);
        let texts: Vec<_> = tokens("hành\u{AD}chính\u{200B} 1.1: CCHC&VTLT")
            .map(|t| t.text)
            .collect();
        assert_eq!(texts, ["hành\u{AD}chính", "1.1", "CCHC&VTLT"]);
        assert_eq!(tokens("  ,.; ").count(), 0);
    }

    proptest::proptest! {
        #[test]
        fn keys_ignore_normalization_form(s in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵđĐêềếệểễơờớợởỡưừứựửữỷủ \u{300}\u{309}/-]{0,30}") {
            let nfd: String = s.nfd().collect();
            proptest::prop_assert_eq!(folded_key(&nfd), folded_key(&s));
            proptest::prop_assert_eq!(exact_key(&nfd), exact_key(&s));
            proptest::prop_assert_eq!(exact_key(&exact_key(&s)), exact_key(&s));
            proptest::prop_assert!(folded_key(&s).is_ascii());
        }

        #[test]
        fn token_offsets_slice_the_input(s in ".{0,60}") {
            for t in tokens(&s) {
                proptest::prop_assert_eq!(&s[t.start..t.end], t.text);
                for p in t.parts() {
                    proptest::prop_assert_eq!(&s[p.start..p.end], p.text);
                }
            }
        }
    }
}
