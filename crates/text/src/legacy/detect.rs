//! Detecting a legacy encoding from content, for runs whose font does not name one.

use vanban_viet::{is_syllable, letter, syllable_quality};

use super::tcvn3::{decode_tcvn3, tcvn3_char};
use super::vni::{decode_vni, vni_base, vni_mark, vni_single};
use super::{decode, FontEncoding, LegacyEncoding};

/// Whether `c` only occurs in Unicode Vietnamese text, never in a legacy text layer.
pub(super) fn is_unicode_only(c: char) -> bool {
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

/// Share of the marked words (with a letter outside ASCII) that are
/// well-formed Vietnamese syllables, and how many marked words there are.
fn syllable_score(s: &str) -> (f64, usize) {
    let q = syllable_quality(s);
    (q.marked_ratio(), q.marked_words)
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
        // The words themselves must gain: symbols decoded into letters do not count.
        let fe = FontEncoding {
            encoding: enc,
            capitals: false,
        };
        let words_gain = compare_words(s, fe);
        if words >= 2
            && score >= 0.8
            && score > raw + 0.2
            && words_gain.gains >= 2
            && words_gain.verdict() == Verdict::Better
            && best.is_none_or(|(b, _)| score > b)
        {
            best = Some((score, enc));
        }
    }
    best.map(|(_, e)| e)
}

/// What decoding does to the words of a run, word by word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct WordChanges {
    /// Words that become well-formed syllables (`c¸c` → `các`).
    pub gains: usize,
    /// Well-formed syllables that stop being one (`ngày` → `ngỔy`, `tác` → `tỏc`).
    pub losses: usize,
    /// Well-formed syllables that become other well-formed syllables (`Lâm` →
    /// `Lõm`, `sè` → `số`): both readings are Vietnamese, so they prove nothing.
    pub swaps: usize,
}

/// How decoding a run compares with reading it as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Clearly more Vietnamese: more words gained than lost and swapped together.
    Better,
    /// Undecided: nothing changes, or gains do not outweigh losses and swaps.
    Even,
    /// Less Vietnamese: decoding breaks more syllables than it makes.
    Worse,
}

impl WordChanges {
    /// The verdict on decoding.
    pub fn verdict(self) -> Verdict {
        if self.gains > self.losses + self.swaps {
            Verdict::Better
        } else if self.losses > self.gains {
            Verdict::Worse
        } else {
            Verdict::Even
        }
    }

    /// Whether the run already reads as Unicode Vietnamese: decoding gains
    /// nothing and changes at least two syllables that were well-formed.
    pub fn reads_as_unicode(self) -> bool {
        self.gains == 0 && self.losses + self.swaps >= 2
    }
}

/// Whether `c` separates words for [`compare_words`]: the separators of
/// [`syllable_quality`], none of which a legacy decoding turns into a letter.
fn is_word_break(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || c.is_ascii_digit()
        || ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Decodes each word of `raw` on its own and compares it, as a syllable, with
/// the word as it stands. The codecs decode letter by letter (a VNI mark
/// only after its vowel), so a word decodes to the same text alone as inside the run.
pub(super) fn compare_words(raw: &str, fe: FontEncoding) -> WordChanges {
    let mut changes = WordChanges::default();
    for word in raw.split(is_word_break) {
        // A token without a letter (`−`, `×`, `·`) is no word as it stands:
        // that a decoding makes a one-letter syllable of it (`ư`, `ì`, `ã`)
        // proves nothing, and English and formulas are full of them.
        if word.is_ascii() && !fe.capitals || !word.chars().any(char::is_alphabetic) {
            continue;
        }
        let decoded = decode(word, fe);
        if decoded == word {
            continue;
        }
        match (is_syllable(word), is_syllable(&decoded)) {
            (false, true) => changes.gains += 1,
            (true, false) => changes.losses += 1,
            (true, true) => changes.swaps += 1,
            (false, false) => {}
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::test_support::seeds;
    use crate::legacy::{encode_tcvn3, encode_vni};

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
    fn symbols_in_english_and_formulas_are_not_legacy() {
        // `−` (TCVN3 `ư`) and `×` (TCVN3 `ì`) alone are symbols, not words.
        for s in [
            "\u{2212}  Lower Case and Removal of Null Values: All \u{2212} Text Standardization",
            "Learning Rate: 2 \u{d7} 10\u{2212}5 to 3 \u{d7} 10\u{2212}5.",
            "\u{2212} 3 \u{d7} 4 \u{2212} 5 \u{d7} 6 \u{b7} 7",
        ] {
            assert_eq!(detect_legacy(s), None, "{s}");
        }
        let fe = FontEncoding {
            encoding: LegacyEncoding::Tcvn3,
            capitals: false,
        };
        assert_eq!(
            compare_words("\u{2212} 2 \u{d7} 3", fe),
            WordChanges::default()
        );
        // Letters with symbols inside are words: `c¸c` and `x·` gain.
        assert_eq!(compare_words("c\u{b8}c x\u{b7}", fe).gains, 2);
    }
}
