//! Kinds of money figure, so that stats never add a unit price to a budget,
//! and amounts as analysts type them (`1.000.000`, `1,5 tỷ`, `450 triệu`).

use serde::Serialize;
use vanban_extract::Money;
use vanban_text::{folded_key, tokens};

/// What a money figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyKind {
    /// An amount: a total, a budget, a sum spent or received.
    Total,
    /// A price or rate: per unit, month, person (`per` set by extraction).
    Price,
    /// A change: signed (`(-13đồng/kg)`) or after a change word (`tăng 5 tỷ đồng`).
    Change,
}

impl MoneyKind {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyKind::Total => "total",
            MoneyKind::Price => "price",
            MoneyKind::Change => "change",
        }
    }
}

/// Folded words that, just before a figure, make it a change rather than
/// an amount (`tăng 5 tỷ đồng so với năm trước`).
const CHANGE_WORDS: &[&str] = &[
    "tang", "giam", "vuot", "hut", "chenh", "lech", "them", "bot", "tiet", "kiem",
];

/// How many words before a figure are looked at for a change word.
const CHANGE_WINDOW: usize = 2;

/// The kind of `m`, deciding from what extraction recorded: `per` → price;
/// `negative` → change (a signed change per kg is a change, not a price);
/// `per` → price; a change word just before the figure → change; else total.
pub fn kind_of(m: &Money, pages: &[String]) -> MoneyKind {
    if m.negative {
        return MoneyKind::Change;
    }
    if m.per.is_some() {
        return MoneyKind::Price;
    }
    let before = m
        .evidence
        .page
        .checked_sub(1)
        .and_then(|p| pages.get(p as usize))
        .map(|text| {
            let cut = text
                .char_indices()
                .nth(m.evidence.start)
                .map_or(text.len(), |(b, _)| b);
            // At most ~40 characters back: the words just before the figure.
            let from = text[..cut]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(b, _)| b);
            &text[from..cut]
        })
        .unwrap_or("");
    let words: Vec<String> = tokens(before).map(|t| folded_key(t.text)).collect();
    let near = words.iter().rev().take(CHANGE_WINDOW);
    if near.into_iter().any(|w| CHANGE_WORDS.contains(&w.as_str())) {
        MoneyKind::Change
    } else {
        MoneyKind::Total
    }
}

/// Why an amount argument could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid amount {0:?}: expected đồng as digits (1000000, 1.000.000) with an optional scale word (450 triệu, 1,5 tỷ)")]
pub struct AmountError(pub String);

/// Scale words (folded) and their factor.
const SCALES: &[(&str, u128)] = &[
    ("nghin", 1_000),
    ("ngan", 1_000),
    ("trieu", 1_000_000),
    ("ty", 1_000_000_000),
    ("ti", 1_000_000_000),
];

/// Currency words (folded) accepted after the figure and ignored.
const CURRENCY: &[&str] = &["dong", "d", "vnd", "vnđ"];

/// Reads an amount in đồng as an analyst types it: `1000000`, `1.000.000`,
/// `1 000 000`, `1,5 tỷ`, `450 triệu`, `2 triệu đồng`, `3.5 tỷ`.
///
/// Separators follow Vietnamese use: a dot (or a space) groups thousands,
/// a comma is the decimal mark. A lone dot not followed by exactly three
/// digits (`3.5 tỷ`) is read as a decimal mark too, as typed on an English
/// keyboard. The result must be a whole number of đồng. A leading minus
/// (`-1.740`, `−2 triệu`) or `âm` makes it negative, as signed changes are indexed.
pub fn parse_amount(input: &str) -> Result<i64, AmountError> {
    let err = || AmountError(input.to_string());
    let trimmed = input.trim();
    let (negative, unsigned) = match trimmed.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => match folded_key(trimmed).strip_prefix("am ") {
            Some(_) => (
                true,
                trimmed
                    .split_once(char::is_whitespace)
                    .map_or("", |(_, r)| r),
            ),
            None => (false, trimmed),
        },
    };
    let magnitude = parse_magnitude(unsigned).map_err(|_| err())?;
    let value = i64::try_from(magnitude).map_err(|_| err())?;
    Ok(if negative { -value } else { value })
}

/// An unsigned amount (see [`parse_amount`]).
fn parse_magnitude(input: &str) -> Result<u64, AmountError> {
    let err = || AmountError(input.to_string());
    let folded = folded_key(input.trim());
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.last().is_some_and(|w| CURRENCY.contains(w)) {
        words.pop();
    }
    // "2đ", "5vnd": currency glued to the digits.
    let glued;
    if let Some(last) = words.last().copied() {
        if let Some(stripped) = CURRENCY
            .iter()
            .filter(|c| c.len() < last.len())
            .find_map(|c| last.strip_suffix(c))
            .filter(|s| s.ends_with(|ch: char| ch.is_ascii_digit()))
        {
            glued = stripped.to_string();
            words.pop();
            words.push(&glued);
        }
    }
    let mut scale: u128 = 1;
    if let Some(&(_, f)) = words
        .last()
        .and_then(|w| SCALES.iter().find(|(name, _)| name == w))
    {
        scale = f;
        words.pop();
    }
    // Digits grouped by spaces: `1 000 000`.
    let number: String = words.concat();
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(err());
    }
    let (int_part, frac_part) = split_decimal(&number).ok_or_else(err)?;
    let digits = format!("{int_part}{frac_part}");
    if digits.is_empty() || digits.len() > 30 {
        return Err(err());
    }
    let mantissa: u128 = digits.parse().map_err(|_| err())?;
    let divisor = 10u128.checked_pow(frac_part.len() as u32).ok_or_else(err)?;
    let scaled = mantissa.checked_mul(scale).ok_or_else(err)?;
    if scaled % divisor != 0 {
        return Err(err());
    }
    u64::try_from(scaled / divisor).map_err(|_| err())
}

/// The integer digits and the decimal digits of a number written with
/// `.` thousands groups and a `,` decimal mark (or a lone `.` decimal mark).
fn split_decimal(s: &str) -> Option<(String, String)> {
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => {
            if f.contains([',', '.']) {
                return None;
            }
            (i, f)
        }
        None => (s, ""),
    };
    let groups: Vec<&str> = int.split('.').collect();
    if groups.len() == 1 {
        return Some((int.to_string(), frac.to_string()));
    }
    let thousands =
        groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3);
    if thousands {
        return Some((groups.concat(), frac.to_string()));
    }
    // `3.5`: one dot, not a thousands group, and no comma: a decimal mark.
    if groups.len() == 2 && frac.is_empty() && !groups[0].is_empty() && !groups[1].is_empty() {
        return Some((groups[0].to_string(), groups[1].to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_typed() {
        assert_eq!(parse_amount("1000000"), Ok(1_000_000));
        assert_eq!(parse_amount("1.000.000"), Ok(1_000_000));
        assert_eq!(parse_amount("1 000 000"), Ok(1_000_000));
        assert_eq!(parse_amount("1,5 tỷ"), Ok(1_500_000_000));
        assert_eq!(parse_amount("1,5 tỉ"), Ok(1_500_000_000));
        assert_eq!(parse_amount("450 triệu"), Ok(450_000_000));
        assert_eq!(parse_amount("2 triệu đồng"), Ok(2_000_000));
        assert_eq!(parse_amount("2 trieu dong"), Ok(2_000_000));
        assert_eq!(parse_amount("500 nghìn"), Ok(500_000));
        assert_eq!(parse_amount("3.5 tỷ"), Ok(3_500_000_000));
        assert_eq!(parse_amount("1.234,5 triệu"), Ok(1_234_500_000));
        assert_eq!(parse_amount("286.000.000 đồng"), Ok(286_000_000));
        assert_eq!(parse_amount("20000đ"), Ok(20_000));
        // Signed changes are indexed signed, so a range can ask for falls.
        assert_eq!(parse_amount("-1.740"), Ok(-1_740));
        assert_eq!(parse_amount("−2 triệu"), Ok(-2_000_000));
        assert_eq!(parse_amount("âm 500 nghìn đồng"), Ok(-500_000));
        assert_eq!(parse_amount("-0"), Ok(0));
        assert!(parse_amount("--5").is_err());
        assert!(parse_amount("- ").is_err());
    }

    #[test]
    fn bad_amounts_are_refused() {
        for bad in [
            "",
            "triệu",
            "abc",
            "1,5",
            "1.00.000",
            "1,2,3",
            "12 con",
            "+5",
            "99999999999999999999 tỷ",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?}");
        }
    }

    fn money(per: Option<&str>, negative: bool, page: u32, start: usize) -> Money {
        Money {
            raw: "5 tỷ đồng".into(),
            vnd: Some(5_000_000_000),
            currency: "VND".into(),
            amount: "5000000000".into(),
            per: per.map(str::to_string),
            negative,
            in_words: None,
            mismatch: false,
            evidence: vanban_extract::Evidence {
                page,
                start,
                end: start + 9,
                sentence: String::new(),
                ..Default::default()
            },
        }
    }

    #[test]
    fn kinds_from_the_record_and_the_words_before() {
        let pages =
            vec!["Tổng kinh phí 5 tỷ đồng. Dự toán tăng 5 tỷ đồng so với năm trước.".to_string()];
        let total_at = pages[0].chars().take_while(|_| true).count();
        assert!(total_at > 0);
        let start_total = "Tổng kinh phí ".chars().count();
        let start_change = "Tổng kinh phí 5 tỷ đồng. Dự toán tăng ".chars().count();
        assert_eq!(
            kind_of(&money(None, false, 1, start_total), &pages),
            MoneyKind::Total
        );
        assert_eq!(
            kind_of(&money(None, false, 1, start_change), &pages),
            MoneyKind::Change
        );
        assert_eq!(
            kind_of(&money(Some("kg"), false, 1, start_total), &pages),
            MoneyKind::Price
        );
        assert_eq!(
            kind_of(&money(None, true, 1, start_total), &pages),
            MoneyKind::Change
        );
        // A page out of range is read as no words before.
        assert_eq!(kind_of(&money(None, false, 9, 0), &pages), MoneyKind::Total);
    }
}
