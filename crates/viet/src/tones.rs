//! One canonical tone placement for matching.
//!
//! Vietnamese writers place the tone mark of open syllables with `oa`, `oe`
//! and `uy` in two ways, and the same report often mixes them (`hoá` and `hóa`,
//! `Uỷ ban` and `Ủy ban`, `Tỉnh uỷ` and `Tỉnh ủy`, `thuỷ` and `thủy`). Keys,
//! query terms and identifier values are compared only after [`canonical_tones`]
//! has moved every tone to one place. Display text is never rewritten.
//!
//! The canonical placement is the one most government documents of the last
//! two decades use, with the mark on the first vowel of an open two-vowel
//! group — the placement the brief calls "new style" (Unikey, confusingly, calls
//! the other one "kiểu mới"):
//!
//! | written      | canonical |
//! |--------------|-----------|
//! | `hoà`, `hòa` | `hòa`     |
//! | `khoẻ`, `khỏe` | `khỏe`  |
//! | `thuỷ`, `thủy` | `thủy`  |
//! | `Uỷ`, `Ủy`   | `Ủy`      |
//! | `hoàng`      | `hoàng` (a final consonant pulls the mark to the last vowel) |
//! | `thuế`, `người`, `chuyển` | unchanged (a vowel with a hat, breve or horn takes the mark) |
//! | `ngoài`, `khuỷu` | unchanged (three vowels: the middle one) |
//! | `quý`, `già`  | unchanged (`qu` and `gi` + vowel are consonants) |
//!
//! Words that are not a single well-formed Vietnamese syllable (English words,
//! abbreviations, words with two tone marks) are left as they are.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::letter::{is_combining, letter, Letter, Modifier, Tone};

/// Onsets longest first so that `ngh` wins over `ng` and `n`.
const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Final consonants a Vietnamese syllable may end in.
const FINALS: &[&str] = &["c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// A syllable taken apart: where its vowels are and where its tone belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Syllable {
    /// Index (in letters) of the first vowel of the nucleus.
    pub nucleus_start: usize,
    /// Index one past the last vowel of the nucleus.
    pub nucleus_end: usize,
    /// Index of the letter that carries the tone mark now, if any.
    pub tone_at: Option<usize>,
    /// Index of the letter the canonical placement puts the mark on.
    pub canonical_at: usize,
}

/// Parses letters as one Vietnamese syllable: onset, one to three vowels, final.
pub(crate) fn parse_syllable(letters: &[Letter]) -> Option<Syllable> {
    if letters.is_empty() || letters.len() > 7 || letters.iter().any(|l| !l.vietnamese) {
        return None;
    }
    let mut tone_at = None;
    for (i, l) in letters.iter().enumerate() {
        if l.tone != Tone::Level {
            if tone_at.is_some() {
                return None;
            }
            tone_at = Some(i);
        }
    }
    let plain = |l: &Letter| l.modifier == Modifier::None && l.tone == Tone::Level;
    // Onset: the longest consonant cluster from ONSETS, spelled without marks
    // (except đ, which is a consonant of its own).
    let mut onset = 0;
    if letters[0].modifier == Modifier::Stroke {
        onset = 1;
    } else {
        for o in ONSETS {
            let ob = o.as_bytes();
            if letters.len() >= ob.len()
                && letters[..ob.len()].iter().zip(ob).all(|(l, &b)| {
                    // The vowel letter of gi/qu may carry a misplaced tone (`qúy`).
                    let glide = matches!(*o, "gi" | "qu") && matches!(b, b'i' | b'u');
                    l.base == b && (plain(l) || (glide && l.modifier == Modifier::None))
                })
            {
                onset = ob.len();
                break;
            }
        }
    }
    // `gi` and `qu` own their vowel letter only when another vowel follows
    // (`giá` = gi + á, but `gì` = g + ì); qu always needs one.
    if onset == 2 && letters[0].base == b'g' && letters[1].base == b'i' {
        // A tone on the i of gi + vowel (`gìa`) is a misplacement: the i is a
        // consonant there, so the mark moves on to the vowel.
        if !letters.get(2).is_some_and(|l| l.is_vowel()) {
            onset = 1;
        }
    }
    if onset == 2 && letters[0].base == b'q' && !letters.get(2).is_some_and(|l| l.is_vowel()) {
        return None;
    }
    let mut end = onset;
    while end < letters.len()
        && letters[end].is_vowel()
        && letters[end].modifier != Modifier::Stroke
    {
        end += 1;
    }
    let vowels = end - onset;
    if vowels == 0 || vowels > 3 {
        return None;
    }
    let fin = &letters[end..];
    if !fin.is_empty() {
        let ok = FINALS.iter().any(|f| {
            f.len() == fin.len()
                && fin
                    .iter()
                    .zip(f.as_bytes())
                    .all(|(l, &b)| l.base == b && plain(l))
        });
        if !ok {
            return None;
        }
    }
    let nucleus = &letters[onset..end];
    let canonical_at = onset
        + if let Some(i) = nucleus
            .iter()
            .rposition(|l| matches!(l.modifier, Modifier::Hat | Modifier::Breve | Modifier::Horn))
        {
            i
        } else if !fin.is_empty() {
            vowels - 1
        } else if vowels == 3 {
            1
        } else {
            0
        };
    Some(Syllable {
        nucleus_start: onset,
        nucleus_end: end,
        tone_at,
        canonical_at,
    })
}

/// Rewrites every Vietnamese syllable of `s` to the canonical tone placement
/// described in the module documentation; the result is NFC.
pub fn canonical_tones(s: &str) -> String {
    let nfc: std::borrow::Cow<'_, str> = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    };
    let mut out = String::with_capacity(nfc.len());
    let mut word_start = None;
    for (i, c) in nfc.char_indices() {
        let in_word = letter(c).is_some() || is_combining(c);
        match (in_word, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(ws)) => {
                push_word(&mut out, &nfc[ws..i]);
                word_start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(ws) = word_start {
        push_word(&mut out, &nfc[ws..]);
    }
    out
}

/// Appends `word`, with its tone moved if it is a syllable whose mark is elsewhere.
fn push_word(out: &mut String, word: &str) {
    if let Some(moved) = retone(word) {
        out.push_str(&moved);
    } else {
        out.push_str(word);
    }
}

/// The word with its tone moved to the canonical letter, or `None` if nothing moves.
fn retone(word: &str) -> Option<String> {
    // Plain ASCII words carry no tone.
    if word.is_ascii() {
        return None;
    }
    let letters: Vec<Letter> = word.chars().map(letter).collect::<Option<_>>()?;
    let syl = parse_syllable(&letters)?;
    let from = syl.tone_at?;
    if from == syl.canonical_at {
        return None;
    }
    let tone = letters[from].tone;
    let mut moved = letters;
    moved[from].tone = Tone::Level;
    moved[syl.canonical_at].tone = tone;
    moved.iter().map(|l| l.to_char()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_placements_meet() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("Uỷ ban", "Ủy ban"),
            ("thuỷ", "thủy"),
            ("Tỉnh uỷ", "Tỉnh ủy"),
            ("khoẻ", "khỏe"),
            ("HOÀ", "HÒA"),
            ("UỶ BAN", "ỦY BAN"),
            ("gìa", "già"),
        ] {
            assert_eq!(canonical_tones(a), b, "{a}");
            assert_eq!(canonical_tones(b), b, "{b}");
        }
    }

    #[test]
    fn well_placed_syllables_stay() {
        for w in [
            "hoàng",
            "thuế",
            "người",
            "chuyển",
            "ngoài",
            "khuỷu",
            "quý",
            "già",
            "gì",
            "giữa",
            "rượu",
            "mùa",
            "kìa",
            "xoáy",
            "huỳnh",
            "Quốc",
            "Cộng hòa xã hội chủ nghĩa",
            "khuya",
            "Hà Tĩnh",
            "Đoàn",
        ] {
            assert_eq!(canonical_tones(w), w, "{w}");
        }
    }

    #[test]
    fn misplaced_marks_in_closed_syllables_move() {
        assert_eq!(canonical_tones("hòang"), "hoàng");
        assert_eq!(canonical_tones("qúy"), "quý");
        assert_eq!(canonical_tones("ngòai"), "ngoài");
        assert_eq!(canonical_tones("thúê"), "thuế");
    }

    #[test]
    fn non_syllables_are_left_alone() {
        for w in ["Email", "café", "SNgV", "NĐ-CP", "55/2011", "ààà", "hóá"] {
            assert_eq!(canonical_tones(w), w, "{w}");
        }
    }

    #[test]
    fn nfd_input_gives_nfc_output() {
        let nfd: String = "Uỷ ban nhân dân".nfd().collect();
        assert_eq!(canonical_tones(&nfd), "Ủy ban nhân dân");
    }
}
