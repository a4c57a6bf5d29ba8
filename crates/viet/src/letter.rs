//! Vietnamese letters taken apart into base letter, vowel modifier and tone.
//!
//! Folding, tone placement and the legacy-encoding detector all need to ask
//! "which letter is this, and which marks does it carry?" for precomposed
//! characters; the answer comes from Unicode's canonical decompositions, read
//! once into small tables so the hot paths never decompose at run time.

use std::sync::OnceLock;

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// The mark that makes a separate letter of the Vietnamese alphabet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifier {
    /// No modifier: a, e, i, o, u, y and the consonants.
    None,
    /// Circumflex: â, ê, ô.
    Hat,
    /// Breve: ă.
    Breve,
    /// Horn: ơ, ư.
    Horn,
    /// Stroke: đ.
    Stroke,
}

impl Modifier {
    /// The combining mark of this modifier (none for đ, whose stroke does not decompose).
    pub fn mark(self) -> Option<char> {
        match self {
            Modifier::None | Modifier::Stroke => None,
            Modifier::Hat => Some('\u{302}'),
            Modifier::Breve => Some('\u{306}'),
            Modifier::Horn => Some('\u{31B}'),
        }
    }
}

/// One of the six Vietnamese tones (level tone has no mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Level (ngang): no mark.
    Level,
    /// Falling (huyền): grave.
    Grave,
    /// Rising (sắc): acute.
    Acute,
    /// Tilde (ngã).
    Tilde,
    /// Hook above (hỏi).
    Hook,
    /// Dot below (nặng).
    Dot,
}

impl Tone {
    /// The combining mark of this tone.
    pub fn mark(self) -> Option<char> {
        match self {
            Tone::Level => None,
            Tone::Grave => Some('\u{300}'),
            Tone::Acute => Some('\u{301}'),
            Tone::Tilde => Some('\u{303}'),
            Tone::Hook => Some('\u{309}'),
            Tone::Dot => Some('\u{323}'),
        }
    }

    /// The tone a combining mark stands for, if it is one.
    pub fn from_mark(c: char) -> Option<Tone> {
        Some(match c {
            '\u{300}' | '\u{340}' => Tone::Grave,
            '\u{301}' | '\u{341}' => Tone::Acute,
            '\u{303}' => Tone::Tilde,
            '\u{309}' => Tone::Hook,
            '\u{323}' => Tone::Dot,
            _ => return None,
        })
    }
}

/// A Latin letter taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    /// The ASCII base letter, lower case.
    pub base: u8,
    /// The letter-forming modifier.
    pub modifier: Modifier,
    /// The tone mark.
    pub tone: Tone,
    /// Whether the character is upper case.
    pub upper: bool,
    /// Whether every mark on it belongs to Vietnamese spelling.
    pub vietnamese: bool,
}

impl Letter {
    /// Whether this is one of the twelve Vietnamese vowels.
    pub fn is_vowel(self) -> bool {
        matches!(self.base, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
    }

    /// The character for this letter, if Unicode has a precomposed form for it.
    pub fn to_char(self) -> Option<char> {
        let mut c = if self.modifier == Modifier::Stroke {
            if self.base != b'd' {
                return None;
            }
            'đ'
        } else {
            char::from(self.base)
        };
        // Compose through NFC: canonical order puts the dot below before the
        // circumflex (ộ = ọ + ◌̂), so pairwise composition in spelling order fails.
        let marks = [self.modifier.mark(), self.tone.mark()];
        if marks.iter().any(Option::is_some) {
            let mut composed = std::iter::once(c).chain(marks.into_iter().flatten()).nfc();
            c = composed.next()?;
            if composed.next().is_some() {
                return None;
            }
        }
        if self.upper {
            let mut up = c.to_uppercase();
            let u = up.next()?;
            if up.next().is_some() {
                return None;
            }
            c = u;
        }
        Some(c)
    }
}

/// Lower and upper bounds of the two tabulated blocks.
const LATIN1_START: u32 = 0xC0;
const LATIN1_END: u32 = 0x250;
const EXT_ADD_START: u32 = 0x1E00;
const EXT_ADD_END: u32 = 0x1F00;

struct Tables {
    latin: Vec<Option<Letter>>,
    extended: Vec<Option<Letter>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        latin: (LATIN1_START..LATIN1_END).map(analyse_code).collect(),
        extended: (EXT_ADD_START..EXT_ADD_END).map(analyse_code).collect(),
    })
}

fn analyse_code(code: u32) -> Option<Letter> {
    char::from_u32(code).and_then(analyse)
}

/// Takes a precomposed character apart through its canonical decomposition.
fn analyse(c: char) -> Option<Letter> {
    match c {
        'đ' => return Some(stroke_d(false)),
        'Đ' => return Some(stroke_d(true)),
        _ => {}
    }
    let mut parts = Vec::with_capacity(3);
    decompose_canonical(c, |p| parts.push(p));
    let (&first, marks) = parts.split_first()?;
    if !first.is_ascii_alphabetic() || marks.is_empty() {
        return None;
    }
    let mut letter = Letter {
        base: first.to_ascii_lowercase() as u8,
        modifier: Modifier::None,
        tone: Tone::Level,
        upper: first.is_ascii_uppercase(),
        vietnamese: true,
    };
    for &m in marks {
        match m {
            '\u{302}' if matches!(letter.base, b'a' | b'e' | b'o') => {
                letter.modifier = Modifier::Hat
            }
            '\u{306}' if letter.base == b'a' => letter.modifier = Modifier::Breve,
            '\u{31B}' if matches!(letter.base, b'o' | b'u') => letter.modifier = Modifier::Horn,
            _ => match Tone::from_mark(m) {
                Some(t) if letter.is_vowel() => letter.tone = t,
                _ => letter.vietnamese = false,
            },
        }
    }
    Some(letter)
}

fn stroke_d(upper: bool) -> Letter {
    Letter {
        base: b'd',
        modifier: Modifier::Stroke,
        tone: Tone::Level,
        upper,
        vietnamese: true,
    }
}

/// Takes a letter apart: ASCII letters, precomposed Latin letters, đ/Đ.
pub fn letter(c: char) -> Option<Letter> {
    if c.is_ascii_alphabetic() {
        return Some(Letter {
            base: c.to_ascii_lowercase() as u8,
            modifier: Modifier::None,
            tone: Tone::Level,
            upper: c.is_ascii_uppercase(),
            vietnamese: true,
        });
    }
    let code = c as u32;
    let t = tables();
    if (LATIN1_START..LATIN1_END).contains(&code) {
        t.latin[(code - LATIN1_START) as usize]
    } else if (EXT_ADD_START..EXT_ADD_END).contains(&code) {
        t.extended[(code - EXT_ADD_START) as usize]
    } else {
        None
    }
}

/// Whether `c` is a combining mark that can sit on a Latin letter (NFD text).
pub fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_come_apart() {
        let l = letter('Ữ').unwrap();
        assert_eq!(l.base, b'u');
        assert_eq!(l.modifier, Modifier::Horn);
        assert_eq!(l.tone, Tone::Tilde);
        assert!(l.upper && l.vietnamese);
        let l = letter('ậ').unwrap();
        assert_eq!((l.modifier, l.tone), (Modifier::Hat, Tone::Dot));
        assert_eq!(letter('Đ').unwrap().modifier, Modifier::Stroke);
    }

    #[test]
    fn foreign_marks_are_not_vietnamese() {
        assert!(!letter('ü').unwrap().vietnamese);
        assert!(!letter('ç').unwrap().vietnamese);
        assert_eq!(letter('ü').unwrap().base, b'u');
        assert!(letter('Ð').is_none(), "eth is not a decomposable letter");
        assert!(letter('1').is_none());
    }

    #[test]
    fn letters_compose_back() {
        for c in "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐàằấẻễịòồởũựỳÀẰẤẺỄỊÒỒỞŨỰỲ".chars()
        {
            assert_eq!(letter(c).unwrap().to_char(), Some(c), "{c}");
        }
    }
}
