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
//! What a well-formed (and a marked) syllable is, is `vanban-viet`'s
//! knowledge ([`vanban_viet::syllable_quality`]), the same rules the text
//! stage judges legacy-font repairs by; this module only adds what is
//! particular to judging an OCR layer: digits inside words are slips, and
//! upper-case acronyms (`UBND`, `TW`) say nothing either way.

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
    /// Well-formed syllables carrying a Vietnamese diacritic (`Nghị`, `đồng`).
    pub marked: usize,
    /// Words that cannot be a Vietnamese syllable (`cfr`, `djnh`, `s0`, `ngỔy`).
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
            // One word (the token holds no separator), judged by the alphabet's rules.
            let word = vanban_viet::syllable_quality(token);
            let syllable = word.syllables == 1;
            if word.marked_syllables == 1 {
                q.words += 1;
                q.marked += 1;
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
    fn marks_on_words_that_are_no_syllables_count_against_the_layer() {
        // Unicode text read through the wrong code page keeps its marks but not its syllables.
        let text = "Cộng hòa xã hội ngỔy tỏc tỳy Céng hßa x· héi chñ nghÜa ViÖt Nam";
        let q = LayerQuality::measure(text);
        assert_eq!(q.marked, 4, "{q:?}");
        assert!(q.malformed >= 9, "{q:?}");
        assert!(q.is_garbled(), "{q:?}");
    }

    #[test]
    fn both_tone_placements_are_good_text() {
        let text = "Ủy ban nhân dân tỉnh Thanh Hoá báo cáo kết quả thực hiện công tác             thuỷ lợi và hoà giải ở cơ sở trong quý";
        let q = LayerQuality::measure(text);
        assert_eq!(q.malformed, 0, "{q:?}");
        assert!(!q.is_garbled(), "{q:?}");
    }
}
