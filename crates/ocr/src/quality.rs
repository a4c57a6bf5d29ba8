//! The Vietnamese quality check of a text layer: is this real Vietnamese text,
//! or a poor OCR layer that lost its diacritics (`CQNG HOA XA HQI CHU NGHIA`,
//! `Can cfr Nghi djnh s0 88/2O22/ND-CP`)?
//!
//! Two signals, both measured on words:
//! - **marks**: in Vietnamese prose most syllables carry a diacritic (measured
//!   on real files: ≥ 67% of words in good text, 1–38% in garbled layers);
//! - **well-formed syllables**: every Vietnamese word is a syllable of the
//!   shape onset + vowel nucleus + coda; OCR slips (`cfr`, `djnh`, `HQI`,
//!   digits inside words like `s0`, `2O22`) break that shape.
//!
//! Written here because no crate knows Vietnamese syllable structure.

use unicode_normalization::UnicodeNormalization;

/// Fewer words than this say too little to judge a layer.
pub const MIN_WORDS: usize = 12;
/// A layer with marks on fewer of its words than this share is garbled.
const MIN_MARKED_SHARE: f64 = 0.5;
/// A layer with more malformed words than this share is garbled.
const MAX_MALFORMED_SHARE: f64 = 0.2;

/// Word counts of one text, as the quality check sees it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayerQuality {
    /// Words judged (acronyms and numbers are left out).
    pub words: usize,
    /// Words carrying a Vietnamese diacritic.
    pub marked: usize,
    /// Words that cannot be a Vietnamese syllable (`cfr`, `djnh`, `s0`).
    pub malformed: usize,
}

impl LayerQuality {
    /// Counts the words of `text`.
    pub fn measure(text: &str) -> Self {
        let mut q = LayerQuality::default();
        for token in text.split(|c: char| !c.is_alphanumeric()) {
            if token.is_empty() || token.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let has_letter = token.chars().any(char::is_alphabetic);
            let has_digit = token.chars().any(|c| c.is_ascii_digit());
            if !has_letter {
                continue;
            }
            if has_digit {
                // Letters and digits in one word: `s0`, `2O22`, `l0` are OCR slips.
                q.words += 1;
                q.malformed += 1;
                continue;
            }
            let folded = fold(token);
            let marked = token.chars().any(is_vietnamese_marked);
            let syllable = folded.as_deref().is_some_and(is_syllable);
            if marked {
                q.words += 1;
                q.marked += 1;
                if !syllable {
                    q.malformed += 1;
                }
            } else if syllable {
                q.words += 1;
            } else if token.chars().all(|c| c.is_ascii_uppercase()) && token.len() <= 8 {
                // Acronyms (`UBND`, `TW`, `CP`) are normal in good text and say nothing.
            } else {
                q.words += 1;
                q.malformed += 1;
            }
        }
        q
    }

    /// Share of judged words that carry a diacritic.
    pub fn marked_share(&self) -> f64 {
        share(self.marked, self.words)
    }

    /// Share of judged words that cannot be Vietnamese syllables.
    pub fn malformed_share(&self) -> f64 {
        share(self.malformed, self.words)
    }

    /// Whether there are enough words to judge.
    pub fn is_judgeable(&self) -> bool {
        self.words >= MIN_WORDS
    }

    /// Whether the text reads as a garbled layer (too few marks or too many malformed words).
    pub fn is_garbled(&self) -> bool {
        self.is_judgeable()
            && (self.marked_share() < MIN_MARKED_SHARE
                || self.malformed_share() > MAX_MALFORMED_SHARE)
    }

    /// One figure to compare two readings of the same page: higher is better Vietnamese.
    pub fn score(&self) -> f64 {
        self.marked_share() - self.malformed_share()
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Whether `c` is a Vietnamese letter with a diacritic (tone mark, circumflex, breve, horn, đ).
fn is_vietnamese_marked(c: char) -> bool {
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    if c.is_ascii() || !c.is_alphabetic() {
        return false;
    }
    let mut base = c.nfd();
    base.next().is_some_and(|b| b.is_ascii_alphabetic())
}

/// The word in lower-case ASCII with diacritics removed (`Nghị` → `nghi`, `đồng` → `dong`);
/// `None` when it has letters outside Vietnamese's alphabet.
fn fold(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_lowercase()),
            // Combining marks (U+0300–U+036F) are the diacritics being removed.
            '\u{300}'..='\u{36f}' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Initial consonants, longest first so `ngh` wins over `ng` and `n`.
const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Vowel nuclei with their glides, diacritics removed.
const NUCLEI: &[&str] = &[
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe",
    "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ya", "ye", "ieu", "oai", "oay", "oao", "oeo",
    "uai", "uay", "uoi", "uou", "uya", "uye", "uyu", "yeu", "ue", "uu", "uoa",
];

/// Final consonants.
const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Whether a folded lower-case word has the shape of a Vietnamese syllable.
fn is_syllable(folded: &str) -> bool {
    if folded.is_empty() || folded.len() > 7 {
        return false;
    }
    ONSETS.iter().any(|onset| {
        let Some(rest) = folded.strip_prefix(onset) else {
            return false;
        };
        // `gi` and `qu` carry their own vowel: `gì` is gi + (nothing), `gin`.
        let rest_ok = |rest: &str| {
            CODAS.iter().any(|coda| {
                rest.strip_suffix(coda)
                    .is_some_and(|nucleus| NUCLEI.contains(&nucleus))
            })
        };
        rest_ok(rest)
            || (*onset == "gi" && CODAS.contains(&rest) && !rest.is_empty())
            || (*onset == "gi" && rest.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "Căn cứ Nghị định số 12/2015/NĐ-CP ngày 12/2/2015 của Chính phủ quy định \
        chi tiết thi hành Luật; Ủy ban nhân dân tỉnh Hà Tĩnh báo cáo kết quả thực hiện công tác \
        cải cách hành chính năm 2021 như sau.";
    const GARBLED: &str = "CQNG HOA XA HQI CHU NGHIA VIET NAM Doc lap - Tu do - Hanh phuc \
        Can cfr Nghi djnh s0 88/2O22/ND-CP ngay 26 thang 10 nam 2022 cua Chinh phu quy djnh \
        chi tiet thi hanh Luat";

    #[test]
    fn good_vietnamese_is_not_garbled() {
        let q = LayerQuality::measure(GOOD);
        assert!(q.is_judgeable(), "{q:?}");
        assert!(q.marked_share() >= 0.67, "{q:?}");
        assert!(!q.is_garbled(), "{q:?}");
    }

    #[test]
    fn layer_without_diacritics_and_with_slips_is_garbled() {
        let q = LayerQuality::measure(GARBLED);
        assert!(q.marked_share() < 0.1, "{q:?}");
        assert!(q.malformed >= 4, "{q:?}");
        assert!(q.is_garbled());
        assert!(q.score() < LayerQuality::measure(GOOD).score());
    }

    #[test]
    fn layer_keeping_some_marks_but_full_of_slips_is_garbled() {
        // Marks survive on about half the words, but letters were misread as digits and `j`.
        let text = "Căn cfr Nghị djnh s0 88/2O22 ngày 26 tháng l0 năm 2O22 của Chính phủ quy djnh \
            chi tiết thj hành Luật Ngân sách nhà nước v& Iuật Đầu tư cônq";
        let q = LayerQuality::measure(text);
        assert!(q.is_garbled(), "{q:?}");
    }

    #[test]
    fn acronyms_and_numbers_do_not_make_good_text_garbled() {
        let text = "Thực hiện Kế hoạch số 15/KH-UBND ngày 08/01/2020 của UBND tỉnh và Nghị quyết \
            số 18-NQ/TW của BCH TW Đảng, Sở Ngoại vụ (SNgV) đã ban hành các văn bản sau đây về \
            cải cách hành chính";
        let q = LayerQuality::measure(text);
        assert!(!q.is_garbled(), "{q:?}");
    }

    #[test]
    fn short_text_is_not_judged() {
        let q = LayerQuality::measure("CQNG HOA XA HQI");
        assert!(!q.is_judgeable());
        assert!(!q.is_garbled());
    }

    #[test]
    fn english_text_fails_the_vietnamese_check() {
        let text = "The committee approved the annual budget report and requested further \
            information about spending on public services during the previous fiscal year";
        assert!(LayerQuality::measure(text).is_garbled());
    }

    #[test]
    fn syllable_shapes() {
        for w in [
            "nghieng", "nguyen", "quyet", "gi", "gin", "khuyen", "truong", "a", "oanh", "dong",
            "xoong", "nghia", "chinh", "ke", "hoach",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "cqng", "hqi", "cfr", "djnh", "str", "", "thj", "cong1", "bcdf",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn folding_removes_every_diacritic() {
        assert_eq!(fold("Nghị").as_deref(), Some("nghi"));
        assert_eq!(fold("ĐỒNG").as_deref(), Some("dong"));
        assert_eq!(fold("Привет"), None);
        assert!(is_vietnamese_marked('ư') && is_vietnamese_marked('Đ'));
        assert!(!is_vietnamese_marked('a') && !is_vietnamese_marked('µ'));
    }
}
