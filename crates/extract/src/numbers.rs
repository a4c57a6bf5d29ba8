//! Vietnamese number notation: digit groups, decimal separators and numbers
//! written out in words, read into exact decimals (never floating point, so a
//! figure of đồng survives to the last digit).
//!
//! Vietnamese groups thousands with a dot and marks decimals with a comma
//! (`39,9 tỷ`, `286.000.000`); some producers use the English style
//! (`1,500,000`). A figure is read as grouped only when every group after the
//! first has exactly three digits; see [`parse_figure`] for the ambiguous
//! single-separator cases.

use std::cmp::Ordering;

/// An exact non-negative decimal: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// All digits, without separators.
    pub mantissa: u128,
    /// How many of those digits stand after the decimal separator.
    pub scale: u32,
}

impl Decimal {
    /// An integer.
    pub fn from_int(n: u128) -> Self {
        Decimal {
            mantissa: n,
            scale: 0,
        }
    }

    /// The same value with trailing fractional zeros dropped.
    fn normalized(self) -> Self {
        let mut d = self;
        while d.scale > 0 && d.mantissa.is_multiple_of(10) {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        d
    }

    /// The value multiplied by `factor` (a power of ten such as 10^9 for `tỷ`).
    pub fn times(self, factor: u128) -> Option<Self> {
        Some(
            Decimal {
                mantissa: self.mantissa.checked_mul(factor)?,
                scale: self.scale,
            }
            .normalized(),
        )
    }

    /// Whether the value has no fractional part.
    pub fn is_integer(self) -> bool {
        self.normalized().scale == 0
    }

    /// The value rounded half up to an integer, if it fits in `u64`.
    pub fn to_u64_rounded(self) -> Option<u64> {
        let d = self.normalized();
        let div = 10u128.checked_pow(d.scale)?;
        let whole = d.mantissa / div;
        let rest = d.mantissa % div;
        let rounded = if d.scale > 0 && rest * 2 >= div {
            whole + 1
        } else {
            whole
        };
        u64::try_from(rounded).ok()
    }

    /// Plain decimal notation with a dot (`39900000000`, `12.5`).
    pub fn to_plain_string(self) -> String {
        let d = self.normalized();
        let digits = d.mantissa.to_string();
        if d.scale == 0 {
            return digits;
        }
        let scale = d.scale as usize;
        let padded = if digits.len() <= scale {
            format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits)
        } else {
            digits
        };
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{int}.{frac}")
    }

    /// Compares two values exactly.
    pub fn cmp_value(self, other: Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        let lift = |d: Decimal| {
            10u128
                .checked_pow(scale - d.scale)
                .and_then(|f| d.mantissa.checked_mul(f))
        };
        match (lift(self), lift(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only astronomically large figures overflow; order them by size of scale.
            _ => other.scale.cmp(&self.scale),
        }
    }
}

/// Whether `c` separates digit groups or decimals in a printed figure.
fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')
}

/// Reads a printed figure made of digits and separators.
///
/// `scaled` says a scale word follows (`triệu`, `tỷ`): a single comma before
/// exactly three digits is then a Vietnamese decimal comma (`2,125 tỷ`), while
/// without one it groups thousands (`150,000 đồng`). A single dot before
/// exactly three digits groups thousands (`1.500`), before any other number of
/// digits it is an English decimal point (`1.5 tỷ`). With both dot and comma
/// the last one is the decimal separator. Spaces only ever group thousands.
pub(crate) fn parse_figure(s: &str, scaled: bool) -> Option<Decimal> {
    let s = s.trim();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || is_separator(c)) {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let decimal_sep: Option<char> = match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots >= 2 => None,
        (1, 0) => {
            if digits_after(s, '.') == 3 {
                None
            } else {
                Some('.')
            }
        }
        (0, _) if commas >= 2 => None,
        (0, 1) => {
            if digits_after(s, ',') == 3 && !scaled {
                None
            } else {
                Some(',')
            }
        }
        _ => {
            // Both kinds: the later one marks decimals and must occur once.
            let last_dot = s.rfind('.');
            let last_comma = s.rfind(',');
            let sep = if last_dot > last_comma { '.' } else { ',' };
            if s.matches(sep).count() != 1 {
                return None;
            }
            Some(sep)
        }
    };
    let (int_part, frac_part) = match decimal_sep {
        Some(sep) => {
            let at = s.rfind(sep)?;
            (&s[..at], &s[at + 1..])
        }
        None => (s, ""),
    };
    if frac_part.chars().any(|c| !c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = int_part.split(is_separator).collect();
    if groups.len() > 1 {
        // Grouped digits: a first group of 1-3 digits, then groups of exactly 3.
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let mut mantissa: u128 = 0;
    for c in groups.concat().chars().chain(frac_part.chars()) {
        let d = c.to_digit(10)?;
        mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(d))?;
    }
    Some(Decimal {
        mantissa,
        scale: u32::try_from(frac_part.len()).ok()?,
    })
}

/// Number of ASCII digits after the last `sep` in `s`.
fn digits_after(s: &str, sep: char) -> usize {
    s.rfind(sep).map_or(0, |i| {
        s[i + 1..].chars().take_while(char::is_ascii_digit).count()
    })
}

/// Reads an integer count such as `06`, `1.234` or `1,234` (grouped thousands only).
pub(crate) fn parse_count(s: &str) -> Option<u64> {
    let d = parse_figure(s, false)?;
    if !d.is_integer() {
        return None;
    }
    d.to_u64_rounded()
}

/// The value of one Vietnamese number word below ten, including the spoken
/// variants `mốt` (1 after a ten), `tư` (4), `lăm`/`nhăm` (5) and `bẩy` (7).
fn digit_word(w: &str) -> Option<u64> {
    Some(match w {
        "không" => 0,
        "một" | "mốt" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" | "tư" => 4,
        "năm" | "lăm" | "nhăm" => 5,
        "sáu" => 6,
        "bảy" | "bẩy" => 7,
        "tám" => 8,
        "chín" => 9,
        _ => return None,
    })
}

/// Whether `w` (lower case) is a word of a number written out in Vietnamese.
pub(crate) fn is_number_word(w: &str) -> bool {
    digit_word(w).is_some()
        || matches!(
            w,
            "mười"
                | "mươi"
                | "linh"
                | "lẻ"
                | "trăm"
                | "nghìn"
                | "ngàn"
                | "triệu"
                | "tỷ"
                | "tỉ"
                | "chẵn"
                | "chục"
        )
}

/// Reads a number written out in Vietnamese words (lower case, one word per
/// item): `hai trăm tám mươi sáu triệu` is 286,000,000. `chẵn` ("even") is
/// ignored. Returns `None` for word sequences that do not form a number.
pub(crate) fn parse_number_words(words: &[&str]) -> Option<u64> {
    let words: Vec<&str> = words.iter().copied().filter(|w| *w != "chẵn").collect();
    if words.is_empty() {
        return None;
    }
    parse_scaled(&words)
}

/// Splits at the largest scale word and recurses; `tỷ` splits at its last
/// occurrence so that `một nghìn tỷ` reads as (1000) × 10^9.
fn parse_scaled(words: &[&str]) -> Option<u64> {
    const SCALES: [(&[&str], u64); 3] = [
        (&["tỷ", "tỉ"], 1_000_000_000),
        (&["triệu"], 1_000_000),
        (&["nghìn", "ngàn"], 1_000),
    ];
    for (names, factor) in SCALES {
        let at = if factor == 1_000_000_000 {
            words.iter().rposition(|w| names.contains(w))
        } else {
            words.iter().position(|w| names.contains(w))
        };
        if let Some(i) = at {
            let left = if i == 0 {
                return None;
            } else {
                parse_scaled(&words[..i])?
            };
            let right = if i + 1 == words.len() {
                0
            } else {
                let r = parse_scaled(&words[i + 1..])?;
                if r >= factor {
                    return None;
                }
                r
            };
            return left.checked_mul(factor)?.checked_add(right);
        }
    }
    parse_below_thousand(words)
}

/// Reads `[d trăm] [d mươi | mười | linh/lẻ] [d]`.
fn parse_below_thousand(words: &[&str]) -> Option<u64> {
    let mut i = 0;
    let mut value = 0u64;
    let mut any = false;
    // Hundreds.
    if words.len() >= 2 && words[1] == "trăm" {
        value += digit_word(words[0])? * 100;
        i = 2;
        any = true;
    } else if words.first() == Some(&"trăm") {
        value += 100;
        i = 1;
        any = true;
    }
    // Tens.
    let mut had_tens = false;
    if i < words.len() {
        match words[i] {
            "mười" => {
                value += 10;
                i += 1;
                had_tens = true;
            }
            "linh" | "lẻ" if any => {
                i += 1;
                had_tens = true;
            }
            w if words.get(i + 1) == Some(&"mươi") || words.get(i + 1) == Some(&"chục") => {
                let d = digit_word(w)?;
                if d < 2 && words[i + 1] == "mươi" {
                    return None;
                }
                value += d * 10;
                i += 2;
                had_tens = true;
            }
            _ => {}
        }
    }
    // Units.
    if i < words.len() {
        let w = words[i];
        let d = digit_word(w)?;
        // `mốt` and `lăm` only follow a ten; `tư` only after twenty and up or alone.
        if (w == "mốt" || w == "lăm" || w == "nhăm") && !had_tens {
            return None;
        }
        value += d;
        i += 1;
    }
    if i != words.len() || (i == 0) {
        return None;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str, scaled: bool) -> Option<String> {
        parse_figure(s, scaled).map(Decimal::to_plain_string)
    }

    #[test]
    fn vietnamese_dots_group_and_commas_mark_decimals() {
        assert_eq!(fig("286.000.000", false).as_deref(), Some("286000000"));
        assert_eq!(fig("39,9", true).as_deref(), Some("39.9"));
        assert_eq!(fig("1.234,5", false).as_deref(), Some("1234.5"));
        assert_eq!(fig("2,125", true).as_deref(), Some("2.125"));
        assert_eq!(fig("1.500", true).as_deref(), Some("1500"));
        assert_eq!(fig("06", false).as_deref(), Some("6"));
    }

    #[test]
    fn english_style_is_read_when_unambiguous() {
        assert_eq!(fig("1,500,000", false).as_deref(), Some("1500000"));
        assert_eq!(fig("150,000", false).as_deref(), Some("150000"));
        assert_eq!(fig("1,500.50", false).as_deref(), Some("1500.5"));
        assert_eq!(fig("1.5", true).as_deref(), Some("1.5"));
        assert_eq!(fig("2 000 000", false).as_deref(), Some("2000000"));
    }

    #[test]
    fn malformed_groups_are_rejected() {
        assert_eq!(fig("1.2345.000", false), None);
        assert_eq!(fig("12.34.56", false), None);
        assert_eq!(fig("1.000,000,5", false), None);
        assert_eq!(fig("", false), None);
        assert_eq!(fig("1.", false), None);
    }

    #[test]
    fn decimals_scale_exactly() {
        let d = parse_figure("39,9", true)
            .unwrap()
            .times(1_000_000_000)
            .unwrap();
        assert_eq!(d.to_u64_rounded(), Some(39_900_000_000));
        let d = parse_figure("12,5", false).unwrap();
        assert!(!d.is_integer());
        assert_eq!(d.to_u64_rounded(), Some(13));
        assert_eq!(
            parse_figure("0,05", false).unwrap().to_plain_string(),
            "0.05"
        );
    }

    #[test]
    fn counts_are_integers() {
        assert_eq!(parse_count("06"), Some(6));
        assert_eq!(parse_count("1.234"), Some(1234));
        assert_eq!(parse_count("1,5"), None);
    }

    fn words(s: &str) -> Option<u64> {
        let v: Vec<&str> = s.split_whitespace().collect();
        parse_number_words(&v)
    }

    #[test]
    fn number_words() {
        assert_eq!(words("hai trăm tám mươi sáu triệu"), Some(286_000_000));
        assert_eq!(words("một trăm bảy mươi tư triệu"), Some(174_000_000));
        assert_eq!(words("bốn trăm năm mươi triệu"), Some(450_000_000));
        assert_eq!(words("hai mươi mốt"), Some(21));
        assert_eq!(words("mười lăm nghìn"), Some(15_000));
        assert_eq!(words("một trăm linh năm"), Some(105));
        assert_eq!(words("ba tỷ hai trăm triệu"), Some(3_200_000_000));
        assert_eq!(words("một nghìn tỷ"), Some(1_000_000_000_000));
        assert_eq!(
            words("năm triệu bốn trăm lẻ hai nghìn chẵn"),
            Some(5_402_000)
        );
        assert_eq!(words("mười"), Some(10));
    }

    #[test]
    fn non_numbers_in_words_are_rejected() {
        assert_eq!(words("triệu"), None);
        assert_eq!(words("mốt"), None);
        assert_eq!(words("hai ba"), None);
        assert_eq!(words("một mươi"), None);
        assert_eq!(words("hai nghìn ba nghìn"), None);
    }
}
