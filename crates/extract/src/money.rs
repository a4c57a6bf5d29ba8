//! Money figures: amounts in đồng (and foreign currencies) as printed in
//! prose, in money-headed tables, and written out in words.
//!
//! Grammar of a figure in prose: a number in Vietnamese or unambiguous
//! English notation (see [`crate::numbers::parse_figure`]), an optional scale
//! word (`nghìn`/`ngàn`, `triệu`, `tỷ`/`tỉ`, `nghìn tỷ`, `tr.`), a currency
//! word (`đồng`, `đ`, `VNĐ`, `VND`, `₫`, `USD`, `EUR`, `đô la`), and an
//! optional per-unit suffix (`/kg`, `/tháng`, `/người/tháng`). Without a
//! currency word a figure is money only when it carries `tỷ`/`tỉ` (almost
//! never anything but money) or `triệu` after a money word (`kinh phí`,
//! `vốn`, `ngân sách`…), or when a price sentence frames a grouped figure
//! (`được bán với giá 68.500 - 137.000`, `giá gas bán lẻ tăng 11.500/bình`).
//! A range `52.000 - 54.000đ/kg` gives two figures, the lower bound borrowing
//! the upper one's scale, currency and unit, and its thousands when it is
//! printed abbreviated (`từ 230 - 420.000 đồng`). Amounts written out in
//! words with a scale word and `đồng` are figures too (`hai trăm nghìn đồng`).
//!
//! Written-out amounts (`Bằng chữ: …`) are checked against the figure just
//! before them: the figure records the words in `in_words` and sets
//! `mismatch` when they disagree (the digits stay the value, since a
//! disagreement cannot tell which side holds the slip). Words with no figure
//! before them become a figure of their own.

mod table;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use vanban_text::{MappedText, PreparedPage};

use crate::evidence::evidence_for;
use crate::facts::Money;
use crate::numbers::{is_number_word, parse_figure, parse_number_words, Decimal};
use crate::DocContext;

/// A figure: digits grouped by dots, commas or spaces, or plain digits with an
/// optional decimal part; then an optional scale word and currency word.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(?P<num>
            \d{1,3}(?:\.\d{3})+(?:,\d+)?
          | \d{1,3}(?:,\d{3})+(?:\.\d+)?
          | \d{1,3}(?:[\x20\x{A0}\x{202F}]\d{3})+(?:,\d+)?
          | \d+(?:[.,]\d+)?
        )
        (?:[\x20\x{A0}\n]*(?P<scale>
            (?i:nghìn|ngàn)[\x20\x{A0}\n]+(?i:tỷ|tỉ)
          | (?i:tỷ|tỉ|triệu|nghìn|ngàn)
          | (?i:tr)\.?
        ))?
        (?:[\x20\x{A0}\n]*(?P<cur>
            (?i:đồng|vnđ|vnd|usd|euro|eur|đô[\x20-]?la|đ)
          | ₫ | €
        ))?",
    )
    .expect("figure regex")
});

/// A per-unit suffix right after the currency: `/kg`, `/ tháng`, `/người/tháng`, `/01 người`.
static PER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\x20\x{A0}]*/[\x20\x{A0}]*((?:\d+\x20?)?\pL[\pL\d²³]*(?:/\pL[\pL\d²³]*)?)")
        .expect("per-unit regex")
});

/// Words that make a bare `triệu` figure money when they stand shortly before it.
static MONEY_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)kinh phí|chi phí|\bvốn\b|ngân sách|\btiền\b|\bgiá\b|doanh thu|thu nhập|\blương\b|đầu tư|\bnộp\b|hỗ trợ|dự toán|quyết toán|giải ngân|\bthuế\b|\bphí\b|trị giá|giá trị|tài trợ|viện trợ|\bthu\b|\bchi\b",
    )
    .expect("money cue regex")
});

/// `Bằng chữ:` and the words after it.
static IN_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)bằng\s+chữ\s*[:：]?\s*").expect("in-words regex"));

/// Words that follow `đồng` in compounds where it is not the currency
/// (`đồng chí` comrade, `đồng bộ` in sync, `đồng thời` at the same time…).
const DONG_COMPOUNDS: &[&str] = &[
    "chí", "bào", "nghiệp", "đội", "hương", "môn", "minh", "hồ", "ruộng", "lúa", "bằng", "tâm",
    "thời", "ý", "bộ", "loạt", "niên", "phục", "cấp", "hành", "chủ", "dạng", "nhất", "đều", "khởi",
    "ca", "âm", "thanh", "tình", "lòng", "hạng", "dao", "quê", "thuận", "phạm", "hóa", "hoá",
    "tính", "cảm", "sở", "tiền", "xu", "cân", "đẳng", "trinh", "dân", "tử",
];

/// Words after a bare `tỷ`/`tỉ` that keep it money (function words); any other
/// word may be the counted noun (`tỷ người`, `tỷ lệ`).
const FUNCTION_WORDS: &[&str] = &[
    "cho", "để", "và", "so", "từ", "với", "trong", "tại", "của", "đã", "được", "là", "nhằm", "thì",
    "nên", "vào", "trở", "đến", "tới", "hoặc", "hay", "nhưng", "mà", "thuộc", "gồm", "bao", "trên",
    "dưới", "năm",
];

/// Units of money: what a currency word, scale word and per-unit suffix mean together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MoneyUnit {
    /// ISO 4217 code.
    pub currency: &'static str,
    /// Multiplier from the printed number to the currency's base unit.
    pub factor: u128,
    /// Per-unit suffix (`kg`).
    pub per: Option<String>,
}

/// Finds every fact of this kind, over the pages and across their breaks
/// (see [`crate::seam`]; tables are read per page, a row never crossing one).
pub(crate) fn extract_money(pages: &[PreparedPage], _ctx: &DocContext) -> Vec<Money> {
    let on_pages = pages.iter().flat_map(|p| money_of_page(p, true)).collect();
    crate::seam::merge(
        pages,
        on_pages,
        |seam| money_of_page(seam, false),
        |m| &m.evidence,
        |m, e| m.evidence = e,
    )
}

/// The figures of one page in order, its tables' too when `tables`.
fn money_of_page(page: &PreparedPage, tables: bool) -> Vec<Money> {
    let mut found: Vec<(usize, Money)> = Vec::new();
    prose_figures(page, &mut found);
    attach_words(page, &mut found);
    words_alone(page, &mut found);
    if tables {
        for m in table::table_figures(page) {
            found.push((usize::MAX, m));
        }
    }
    found.sort_by_key(|(_, m)| (m.evidence.start, m.evidence.end));
    found.dedup_by_key(|(_, m)| m.evidence.start);
    found.into_iter().map(|(_, m)| m).collect()
}

/// Factor of a scale word (already known to match the scale alternatives).
fn scale_factor(scale: &str) -> u128 {
    let s = scale.to_lowercase();
    if s.contains("tỷ") || s.contains("tỉ") {
        if s.starts_with("nghìn") || s.starts_with("ngàn") {
            1_000_000_000_000
        } else {
            1_000_000_000
        }
    } else if s.starts_with("triệu") || s.starts_with("tr") {
        1_000_000
    } else {
        1_000
    }
}

/// ISO code of a currency word.
fn currency_code(cur: &str) -> &'static str {
    let c = cur.to_lowercase();
    if c == "usd" || c.starts_with("đô") || c == "$" {
        "USD"
    } else if c == "eur" || c == "euro" || c == "€" {
        "EUR"
    } else {
        "VND"
    }
}

/// The word (letters only) starting at the beginning of `s` after spaces.
fn next_word(s: &str) -> &str {
    let t = s.trim_start_matches([' ', '\u{a0}', '\n', '\t', '\r']);
    let end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    &t[..end]
}

/// The word (letters only) ending at the end of `s` before spaces.
fn prev_word(s: &str) -> &str {
    let t = s.trim_end_matches([' ', '\u{a0}', '\n', '\t', '\r']);
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(t.len(), |(i, _)| i);
    &t[start..]
}

/// The last `max` bytes (or fewer, on a char boundary) of `s`.
fn tail(s: &str, max: usize) -> &str {
    let mut at = s.len().saturating_sub(max);
    while !s.is_char_boundary(at) {
        at += 1;
    }
    &s[at..]
}

/// Builds the fact for bytes `span` of `view`.
fn make_money(
    page: &PreparedPage,
    view: &MappedText,
    span: Range<usize>,
    value: Decimal,
    unit: &MoneyUnit,
    negative: bool,
) -> Option<Money> {
    let amount = value.times(unit.factor)?;
    let vnd = if unit.currency == "VND" {
        // A fraction of a đồng (only exchange rates print one) is rounded; `amount` stays exact.
        let magnitude = i64::try_from(amount.to_u64_rounded()?).ok()?;
        Some(if negative { -magnitude } else { magnitude })
    } else {
        None
    };
    let sign = if negative && amount.mantissa != 0 {
        "-"
    } else {
        ""
    };
    let evidence = evidence_for(page, view, span.clone());
    let src = view.source_range(span);
    let raw = page
        .display
        .get(src)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Money {
        raw,
        vnd,
        currency: unit.currency.to_string(),
        amount: format!("{sign}{}", amount.to_plain_string()),
        per: unit.per.clone(),
        negative,
        in_words: None,
        mismatch: false,
        evidence,
    })
}

/// Figures with a currency or scale word in the page's flowing text; each is
/// pushed with the byte offset of its end in `page.flow`.
fn prose_figures(page: &PreparedPage, out: &mut Vec<(usize, Money)>) {
    let text = page.flow.as_str();
    for c in FIGURE.captures_iter(text) {
        let (Some(all), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let before = &text[..num.start()];
        // Inside a longer token: `1.216/1.50`, `0239.3855`, a document number.
        if before.ends_with(['.', ',', '/', '_']) || before.ends_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        let scale = c.get(2);
        let cur = c.get(3);
        let mut end = all.end();
        let after = &text[end..];
        let Some(value) = parse_figure(num.as_str(), scale.is_some()) else {
            continue;
        };
        let mut per = None;
        let currency = match cur {
            Some(cur) => {
                let word = cur.as_str();
                let letters = word.chars().any(char::is_alphabetic);
                if letters && after.starts_with(|ch: char| ch.is_alphanumeric()) {
                    continue;
                }
                let lower = word.to_lowercase();
                if lower == "đồng" && DONG_COMPOUNDS.contains(&next_word(after)) {
                    continue;
                }
                if let Some(p) = PER.captures(after).and_then(|p| p.get(1)) {
                    let unit = p.as_str();
                    // `đ/c` is `đồng chí` (comrade), not a price per something.
                    if !(lower == "đ" && unit.eq_ignore_ascii_case("c")) {
                        per = Some(unit.to_string());
                        end += p.end();
                    } else {
                        continue;
                    }
                }
                if lower == "đ" && scale.is_none() && per.is_none() {
                    // A lone `đ` after a small or fractional number is usually `điểm` (points).
                    if !value.is_integer() || value.cmp_value(Decimal::from_int(100)).is_lt() {
                        continue;
                    }
                }
                currency_code(word)
            }
            None => {
                let Some(scale) = scale else {
                    if let Some(span_end) = bare_price(text, num.range(), after) {
                        let unit = MoneyUnit {
                            currency: "VND",
                            factor: 1,
                            per: PER
                                .captures(after)
                                .and_then(|p| p.get(1))
                                .map(|p| p.as_str().to_string()),
                        };
                        let mut negative = false;
                        let mut start = num.start();
                        match printed_sign(before) {
                            Sign::Minus(at) => {
                                negative = true;
                                start = at;
                            }
                            Sign::Plus(at) => start = at,
                            Sign::None => {}
                        }
                        if let Some(m) =
                            make_money(page, &page.flow, start..span_end, value, &unit, negative)
                        {
                            out.push((span_end, m));
                        }
                        continue;
                    }
                    if before.ends_with('$') {
                        // `$5,000`: a dollar sign before the figure.
                        let unit = MoneyUnit {
                            currency: "USD",
                            factor: 1,
                            per: None,
                        };
                        let span = num.start() - 1..end;
                        if let Some(m) = make_money(page, &page.flow, span, value, &unit, false) {
                            out.push((end, m));
                        }
                    }
                    continue;
                };
                let s = scale.as_str().to_lowercase();
                if after.starts_with(|ch: char| ch.is_alphanumeric()) {
                    continue;
                }
                let cue = MONEY_CUE.is_match(tail(before, 120));
                let billions = s.contains("tỷ") || s.contains("tỉ");
                let word = next_word(after).to_lowercase();
                let free = word.is_empty() || FUNCTION_WORDS.contains(&word.as_str());
                let ok = if billions {
                    word != "lệ" && (free || cue)
                } else if s.starts_with("triệu") {
                    cue && free
                } else {
                    false
                };
                if !ok {
                    continue;
                }
                "VND"
            }
        };
        if let Some(s) = scale {
            let s = s.as_str().to_lowercase();
            if s.starts_with("tr") && !s.starts_with("triệu") && cur.is_none() {
                continue;
            }
        }
        let factor = scale.map_or(1, |s| scale_factor(s.as_str()));
        let unit = MoneyUnit {
            currency,
            factor,
            per,
        };
        let mut negative = false;
        let mut start = num.start();
        if let Some((lo_span, lo_value, lo_factor)) =
            range_lower_bound(before, value, factor, num.as_str())
        {
            let lo_unit = MoneyUnit {
                factor: lo_factor,
                ..unit.clone()
            };
            if let Some(m) =
                make_money(page, &page.flow, lo_span.clone(), lo_value, &lo_unit, false)
            {
                out.push((lo_span.end, m));
            }
        } else {
            match printed_sign(before) {
                Sign::Minus(at) => {
                    negative = true;
                    start = at;
                }
                Sign::Plus(at) => start = at,
                Sign::None => {}
            }
        }
        if let Some(m) = make_money(page, &page.flow, start..end, value, &unit, negative) {
            out.push((end, m));
        }
    }
}

/// The sign printed before a figure, with the byte offset where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// `-`, `−`, `–` or the word `âm`: the figure is negative.
    Minus(usize),
    /// `+`: printed positive.
    Plus(usize),
    /// No sign.
    None,
}

/// The sign standing right before a figure (`before` ends where its digits
/// start). A dash is a sign only where it cannot be a separator: glued to the
/// figure after a space or an opening bracket (`giảm (-1.740đồng/kg)`,
/// `giảm -500 đồng`), or with nothing that could be a range's lower bound or a
/// list label before it. A dash after a number is a range (`16.000 - 17.000`),
/// after a word with spaces round it a separator (`Gạo - 13 đồng`). A change
/// word (`giảm 300 đồng`) prints no sign: the amount of a fall stays positive.
fn printed_sign(before: &str) -> Sign {
    let b = before.trim_end_matches([' ', '\u{a0}']);
    let spaced = b.len() != before.len();
    if let Some(rest) = b.strip_suffix(['-', '−', '–']) {
        let prior = rest.trim_end_matches([' ', '\u{a0}']);
        // `16.000 - 17.000`, `2024-2025`: a dash between two numbers is a range.
        if prior.ends_with(|c: char| c.is_ascii_digit()) {
            return Sign::None;
        }
        let glued = !spaced && rest.len() != prior.len();
        let opens = prior.is_empty() || prior.ends_with(['(', '[', ':', ',', ';', '\n', '\t']);
        if opens || (glued && !prior.ends_with(['-', '/'])) {
            return Sign::Minus(rest.len());
        }
        return Sign::None;
    }
    if let Some(rest) = b.strip_suffix('+') {
        return Sign::Plus(rest.len());
    }
    if prev_word(before).to_lowercase() == "âm" {
        return Sign::Minus(before.len());
    }
    Sign::None
}

/// Cues of a price sentence or price list (`được bán với giá`, `giá bán lẻ`, `có giá`).
static PRICE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:với\s+giá|có\s+giá|giá\s+(?:bán|mua|niêm\s+yết|dao\s+động|từ|là|phổ\s+biến|trung\s+bình)|bán\s+lẻ|bán\s+buôn|được\s+bán|mức\s+giá|giá\s+cả|\bgiá\s+\p{L}+\s+(?:tăng|giảm))")
        .expect("price cue regex")
});

/// Words after a figure that make it a quantity, not a price.
const NOT_PRICE_UNITS: &[&str] = &[
    "kg",
    "tấn",
    "tạ",
    "lít",
    "ha",
    "m",
    "m2",
    "m²",
    "m3",
    "km",
    "người",
    "hộ",
    "con",
    "cái",
    "chiếc",
    "lượt",
    "hồ",
    "trường",
    "học",
    "doanh",
    "cơ",
    "xã",
    "điểm",
    "năm",
    "tháng",
    "ngày",
];

/// A grouped figure with no currency word that a price sentence makes a price
/// in đồng (`giá 68.500 - 137.000 tùy loại`, `tăng 11.500/bình 45kg`): the end
/// of its span, or `None`.
fn bare_price(text: &str, num: Range<usize>, after: &str) -> Option<usize> {
    let printed = &text[num.clone()];
    // Grouped by dots (`68.500`): a plain number is more often a quantity.
    if !printed.contains('.') || printed.contains(',') || printed.len() < 5 {
        return None;
    }
    if after.trim_start().starts_with('%') || after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let word = next_word(after.trim_start_matches('/')).to_lowercase();
    if NOT_PRICE_UNITS.contains(&word.as_str()) && !after.trim_start().starts_with('/') {
        return None;
    }
    let sentence_from = text[..num.start]
        .rfind(['.', ';', '\n'])
        .filter(|&i| {
            // A dot inside a figure (`1.500`) does not end a sentence.
            !text[i + 1..].starts_with(|c: char| c.is_ascii_digit())
        })
        .map_or(0, |i| i + 1);
    let lead = &text[floor_char(text, sentence_from.max(num.start.saturating_sub(200)))..num.start];
    if !PRICE_CUE.is_match(lead) {
        return None;
    }
    let per = PER
        .captures(after)
        .and_then(|p| p.get(0))
        .map_or(0, |p| p.end());
    Some(num.end + per)
}

/// Largest char boundary at or below `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lower bound of a range ending at `before` (`52.000 - ` or `1,5 đến `):
/// its byte span, value and factor. It must not exceed the upper bound.
fn range_lower_bound(
    before: &str,
    hi: Decimal,
    hi_factor: u128,
    hi_printed: &str,
) -> Option<(Range<usize>, Decimal, u128)> {
    let t = before.trim_end();
    let t = ["-", "–", "—", "~", "đến", "tới"]
        .iter()
        .find_map(|d| t.strip_suffix(d))?
        .trim_end();
    let w = prev_word(t).to_lowercase();
    let (t, lo_factor) = if matches!(w.as_str(), "nghìn" | "ngàn" | "triệu" | "tỷ" | "tỉ") {
        (
            t[..t.len() - prev_word(t).len()].trim_end(),
            scale_factor(&w),
        )
    } else {
        (t, hi_factor)
    };
    let num_start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .last()
        .map(|(i, _)| i)?;
    let lo_text = t[num_start..].trim_start_matches(['.', ',']);
    let num_start = t.len() - lo_text.len();
    let pre = &t[..num_start];
    if pre.ends_with(|c: char| c.is_alphanumeric() || c == '/') {
        return None;
    }
    let mut lo = parse_figure(lo_text, lo_factor > 1)?;
    // `từ 230 - 420.000 đồng`: an ungrouped lower bound abbreviates the upper
    // bound's thousands (230 stands for 230.000).
    if lo_factor == hi_factor
        && lo_text.chars().all(|c| c.is_ascii_digit())
        && hi_printed.contains('.')
    {
        let groups = hi_printed.split('.').skip(1).count() as u32;
        for _ in 0..groups {
            match lo.times(1000) {
                Some(up)
                    if up
                        .times(hi_factor)
                        .is_some_and(|u| u.cmp_value(hi.times(hi_factor).unwrap_or(u)).is_le()) =>
                {
                    lo = up
                }
                _ => break,
            }
        }
    }
    let lo_full = lo.times(lo_factor)?;
    let hi_full = hi.times(hi_factor)?;
    if lo_full.cmp_value(hi_full).is_gt() {
        return None;
    }
    // `năm 2020 - 500 triệu` or `Điều 5 - 10 triệu`: a year or a section number, not a bound.
    let pw = prev_word(pre).to_lowercase();
    if matches!(
        pw.as_str(),
        "năm" | "ngày" | "tháng" | "điều" | "khoản" | "mục" | "số" | "quý"
    ) {
        return None;
    }
    let end = if lo_factor != hi_factor {
        t.len()
    } else {
        num_start + lo_text.len()
    };
    Some((num_start..end, lo, lo_factor))
}

/// Whether a word is a scale word of an amount in words (`nghìn`, `triệu`, `tỷ`).
fn is_scale_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "nghìn" | "ngàn" | "triệu" | "tỷ" | "tỉ"
    )
}

/// Checks each `Bằng chữ:` against the figure before it, or makes a figure of it.
fn attach_words(page: &PreparedPage, found: &mut Vec<(usize, Money)>) {
    let text = page.flow.as_str();
    for m in IN_WORDS.find_iter(text) {
        let rest = &text[m.end()..];
        let mut words: Vec<String> = Vec::new();
        let mut consumed = 0;
        let mut currency_end = None;
        for (i, w) in word_spans(rest) {
            let lw = w.to_lowercase();
            if is_number_word(&lw) && currency_end.is_none() {
                words.push(lw);
                consumed = i + w.len();
            } else if matches!(lw.as_str(), "đồng" | "chẵn") && !words.is_empty() {
                consumed = i + w.len();
                currency_end = Some(consumed);
            } else {
                break;
            }
        }
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let Some(value) = parse_number_words(&refs).filter(|v| *v > 0) else {
            continue;
        };
        let words_span = m.end()..m.end() + consumed;
        let printed = page
            .display
            .get(page.flow.source_range(words_span.clone()))
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // The figure the words restate stands just before them.
        let prior = found
            .iter_mut()
            .filter(|(end, _)| *end <= m.start() && m.start() - *end <= 200)
            .max_by_key(|(end, _)| *end);
        match prior {
            Some((_, fig)) => {
                // The words restate the magnitude; a sign stands apart (`âm`, `-`).
                fig.mismatch = fig.vnd.map(i64::unsigned_abs) != Some(value);
                fig.in_words = Some(printed);
            }
            // Words standing alone are money only when they say `đồng`.
            None if currency_end.is_some() => {
                let unit = MoneyUnit {
                    currency: "VND",
                    factor: 1,
                    per: None,
                };
                let d = Decimal::from_int(u128::from(value));
                if let Some(mut fig) =
                    make_money(page, &page.flow, words_span.clone(), d, &unit, false)
                {
                    fig.in_words = Some(printed);
                    found.push((words_span.end, fig));
                }
            }
            None => {}
        }
    }
}

/// Words (runs of letters) of `s` with their byte offsets, stopping at the
/// first character that is neither a letter nor a space.
/// Amounts written out in words in the text itself, not after `Bằng chữ`
/// (`hỗ trợ hai trăm nghìn đồng`, `một tỷ hai trăm triệu đồng`): a run of
/// number words holding a scale word (`trăm`, `nghìn`, `triệu`, `tỷ`) and
/// closed by `đồng`.
fn words_alone(page: &PreparedPage, found: &mut Vec<(usize, Money)>) {
    let text = page.flow.as_str();
    let after_in_words: Vec<usize> = IN_WORDS.find_iter(text).map(|m| m.end()).collect();
    // Every run of letters, with its byte offset.
    let mut spans: Vec<(usize, &str)> = Vec::new();
    let mut from = None;
    for (k, c) in text.char_indices() {
        match (c.is_alphabetic(), from) {
            (true, None) => from = Some(k),
            (false, Some(st)) => {
                spans.push((st, &text[st..k]));
                from = None;
            }
            _ => {}
        }
    }
    if let Some(st) = from {
        spans.push((st, &text[st..]));
    }
    // Two words are neighbours when only spaces stand between them, or a comma
    // after a scale word (`mười tám tỷ, hai trăm triệu đồng`).
    let adjacent = |a: usize, b: usize| {
        let gap = &text[spans[a].0 + spans[a].1.len()..spans[b].0];
        gap.chars().all(char::is_whitespace)
            || (is_scale_word(spans[a].1)
                && gap.trim_start().starts_with(',')
                && gap.trim_start()[1..].chars().all(char::is_whitespace))
    };
    let mut i = 0;
    while i < spans.len() {
        let (start, _) = spans[i];
        let mut j = i;
        let mut words: Vec<String> = Vec::new();
        while j < spans.len()
            && is_number_word(&spans[j].1.to_lowercase())
            && (j == i || adjacent(j - 1, j))
        {
            words.push(spans[j].1.to_lowercase());
            j += 1;
        }
        let closes = j < spans.len()
            && j > i
            && adjacent(j - 1, j)
            && spans[j].1.to_lowercase() == "đồng"
            && !DONG_COMPOUNDS.contains(&next_word(&text[spans[j].0 + spans[j].1.len()..]));
        let scaled = words.iter().any(|w| {
            matches!(
                w.as_str(),
                "trăm" | "nghìn" | "ngàn" | "triệu" | "tỷ" | "tỉ"
            )
        });
        if words.len() >= 2
            && closes
            && scaled
            && !after_in_words
                .iter()
                .any(|&e| e <= start && text[e..start].trim().is_empty())
        {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            if let Some(value) = parse_number_words(&refs).filter(|v| *v > 0) {
                let end = spans[j].0 + spans[j].1.len();
                let unit = MoneyUnit {
                    currency: "VND",
                    factor: 1,
                    per: None,
                };
                let negative = prev_word(&text[..start]).to_lowercase() == "âm";
                let d = Decimal::from_int(u128::from(value));
                if let Some(fig) = make_money(page, &page.flow, start..end, d, &unit, negative) {
                    found.push((end, fig));
                }
            }
            i = j + 1;
            continue;
        }
        i = j.max(i + 1);
    }
}

fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
            // A comma after a scale word goes on (`Mười tám tỷ, hai trăm triệu đồng`).
            let after_scale = c == ',' && out.last().is_some_and(|(_, w)| is_scale_word(w));
            if !c.is_whitespace() && !after_scale {
                return out;
            }
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Reads a unit phrase such as `đồng`, `VNĐ`, `nghìn đồng`, `1.000 đồng`,
/// `triệu đồng`, `tr.đ`, `đồng/kg`, `USD`: the unit of a table column or row.
pub(crate) fn parse_unit_phrase(s: &str) -> Option<MoneyUnit> {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?xi)^\s*
            (?P<mult>1[.,]?000(?:[.,]000)*\s*)?
            (?P<scale>(?:nghìn|ngàn)\s+(?:tỷ|tỉ)|tỷ|tỉ|triệu|nghìn|ngàn|tr\.?|ng\.?)?
            \s*
            (?P<cur>đồng|vnđ|vnd|usd|eur|đ|₫)
            (?:\s*/\s*(?P<per>\pL[\pL\d²³]*(?:/\pL[\pL\d²³]*)?))?
            \s*$",
        )
        .expect("unit phrase regex")
    });
    let c = UNIT.captures(s)?;
    let cur = c.name("cur")?.as_str();
    let mut factor: u128 = 1;
    if let Some(m) = c.name("mult") {
        factor = parse_figure(m.as_str().trim(), false)?
            .to_u64_rounded()?
            .into();
    }
    if let Some(sc) = c.name("scale") {
        let s = sc.as_str().to_lowercase();
        factor = factor.checked_mul(if s.starts_with("ng") && !s.contains("tỷ") {
            1_000
        } else {
            scale_factor(&s)
        })?;
    }
    Some(MoneyUnit {
        currency: currency_code(cur),
        factor,
        per: c.name("per").map(|p| p.as_str().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_text::prepare_page;

    fn money(text: &str) -> Vec<Money> {
        let page = prepare_page(1, text.to_string());
        extract_money(&[page], &DocContext::default())
    }

    fn vnds(text: &str) -> Vec<Option<i64>> {
        money(text).into_iter().map(|m| m.vnd).collect()
    }

    #[test]
    fn dong_figures_in_vietnamese_notation() {
        assert_eq!(
            vnds("với tổng kinh phí 286.000.000 đồng."),
            [Some(286_000_000)]
        );
        assert_eq!(vnds("Tổng: 174.000.000đ"), [Some(174_000_000)]);
        assert_eq!(vnds("dự kiến 450 triệu đồng"), [Some(450_000_000)]);
        assert_eq!(vnds("đạt 39,9 tỷ đồng"), [Some(39_900_000_000)]);
        assert_eq!(vnds("khoảng 1,5 tỉ cho dự án"), [Some(1_500_000_000)]);
        assert_eq!(vnds("hỗ trợ 2.000 nghìn đồng"), [Some(2_000_000)]);
        assert_eq!(vnds("hỗ trợ 500 ngàn đồng"), [Some(500_000)]);
        assert_eq!(vnds("TỔNG CỘNG: 5.000.000 ĐỒNG"), [Some(5_000_000)]);
        assert_eq!(vnds("Số tiền 5.000.000 Đồng"), [Some(5_000_000)]);
        assert_eq!(vnds("giá 25.000 VNĐ"), [Some(25_000)]);
        assert_eq!(vnds("giá 25.000 VND"), [Some(25_000)]);
        assert_eq!(vnds("giá 25.000₫"), [Some(25_000)]);
        assert_eq!(vnds("vốn 1,2 nghìn tỷ đồng"), [Some(1_200_000_000_000)]);
        assert_eq!(vnds("kinh phí 450 tr.đ"), [Some(450_000_000)]);
        assert_eq!(vnds("kinh phí 450 trđ"), [Some(450_000_000)]);
        assert_eq!(vnds("kinh phí 450\ntriệu\nđồng"), [Some(450_000_000)]);
    }

    #[test]
    fn english_grouping_when_unambiguous() {
        assert_eq!(vnds("lương 1,500,000 đồng"), [Some(1_500_000)]);
        assert_eq!(vnds("giá 150,000đ"), [Some(150_000)]);
        assert_eq!(vnds("doanh thu 2,125 tỷ đồng"), [Some(2_125_000_000)]);
        assert_eq!(vnds("khoảng 1.5 tỷ đồng"), [Some(1_500_000_000)]);
    }

    #[test]
    fn per_unit_and_amount() {
        let m = money("mức 1.500.000 đồng/tháng");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].per.as_deref(), Some("tháng"));
        assert_eq!(m[0].amount, "1500000");
        assert_eq!(m[0].raw, "1.500.000 đồng/tháng");
        let m = money("chi 50.000 đồng/người/ngày");
        assert_eq!(m[0].per.as_deref(), Some("người/ngày"));
        let m = money("Xăng RON 95: 23.500 đồng / lít");
        assert_eq!(m[0].per.as_deref(), Some("lít"));
    }

    #[test]
    fn ranges_give_two_figures() {
        let m = money("Thịt lợn hơi: 52.000 - 54.000đ/kg");
        let v: Vec<_> = m.iter().map(|m| (m.vnd, m.per.clone())).collect();
        assert_eq!(
            v,
            [
                (Some(52_000), Some("kg".to_string())),
                (Some(54_000), Some("kg".to_string()))
            ]
        );
        assert_eq!(m[0].raw, "52.000");
        assert!(!m[0].negative);
        assert_eq!(
            vnds("từ 1,5 đến 2 tỷ đồng"),
            [Some(1_500_000_000), Some(2_000_000_000)]
        );
        assert_eq!(
            vnds("từ 500 nghìn - 1 triệu đồng"),
            [Some(500_000), Some(1_000_000)]
        );
        // A year before a dash is not a lower bound.
        assert_eq!(vnds("năm 2020 - 500 triệu đồng"), [Some(500_000_000)]);
    }

    #[test]
    fn signed_changes() {
        let m = money("Gạo tẻ (-13đồng/kg), đường (+200 đồng/kg)");
        assert_eq!(m.len(), 2);
        assert!(m[0].negative);
        assert_eq!(m[0].raw, "-13đồng/kg");
        assert_eq!(m[0].vnd, Some(-13));
        assert_eq!(m[0].amount, "-13");
        assert!(!m[1].negative);
        assert_eq!(m[1].vnd, Some(200));
        // A change word prints no sign: the amount of a fall is positive.
        let m = money("giá tăng 500 đồng/kg, dầu giảm 300 đồng/lít");
        assert_eq!(
            m.iter().map(|m| (m.vnd, m.negative)).collect::<Vec<_>>(),
            [(Some(500), false), (Some(300), false)]
        );
    }

    #[test]
    fn signs_in_price_reports_of_other_shapes() {
        // Bare prices in a price sentence, signs in brackets, spaces inside.
        assert_eq!(
            vnds("Giá muối i-ốt giảm (-1.740đồng/kg), sữa bột trẻ em tăng nhẹ (+6.350đồng/hộp)"),
            [Some(-1_740), Some(6_350)]
        );
        assert_eq!(
            vnds("giá xăng E5 RON 92 giảm (- 450 đồng/lít) so với kỳ trước"),
            [Some(-450)]
        );
        assert_eq!(
            vnds("Dầu diesel: -1.020 đồng/lít; dầu hỏa: +300 đồng/lít"),
            [Some(-1_020), Some(300)]
        );
        assert_eq!(vnds("lợi nhuận âm 2,5 tỷ đồng"), [Some(-2_500_000_000)]);
        assert_eq!(
            vnds("giá gas bán lẻ giảm (-12.000/bình 12kg)"),
            [Some(-12_000)]
        );
        // Dashes between numbers, or spaced between words, are no sign.
        assert_eq!(
            vnds("từ 16.000 - 17.000 đồng/kg"),
            [Some(16_000), Some(17_000)]
        );
        assert_eq!(vnds("năm 2024-2.000 đồng"), [Some(2_000)]);
        assert_eq!(vnds("Cà phê nhân - 95.000 đồng/kg"), [Some(95_000)]);
        assert_eq!(vnds("mức 20.000 -17.000 đồng"), [Some(17_000)]);
        assert_eq!(vnds("Tiền điện - 1.500 đồng/kWh"), [Some(1_500)]);
    }

    #[test]
    fn foreign_currencies_have_no_vnd() {
        let m = money("thu hút 1,5 triệu USD và 200.000 EUR, tài trợ $5,000");
        let v: Vec<_> = m
            .iter()
            .map(|m| (m.currency.as_str(), m.vnd, m.amount.as_str()))
            .collect();
        assert_eq!(
            v,
            [
                ("USD", None, "1500000"),
                ("EUR", None, "200000"),
                ("USD", None, "5000")
            ]
        );
    }

    #[test]
    fn not_money() {
        for t in [
            "đạt 1.216/1.50 điểm, đạt 95.425%",
            "tỷ lệ số hóa đạt 91.94%",
            "Quyết định số 406/QĐ-UBND ngày 29/01/2021",
            "Điện thoại: 0239.3855.123",
            "năm 2021 đạt mức 2",
            "có 39 hồ sơ và 5 triệu người",
            "cử 03 đồng chí tham dự; 02 đ/c vắng",
            "thực hiện đồng bộ; 5 đồng thời",
            "đạt 0,5đ và 8đ",
            "dân số 1,2 tỷ người",
            "tăng 5 tỷ lệ",
            "Chai 1000 viên",
            "250 tr. sách",
        ] {
            assert!(money(t).is_empty(), "{t}: {:?}", money(t));
        }
    }

    #[test]
    fn bare_trieu_needs_a_money_word() {
        assert_eq!(vnds("tổng kinh phí 450 triệu."), [Some(450_000_000)]);
        assert!(vnds("đón 1,2 triệu lượt khách").is_empty());
    }

    #[test]
    fn written_amounts_are_checked() {
        let m = money(
            "Tổng cộng: 286.000.000 đồng (Bằng chữ: Hai trăm tám mươi sáu triệu đồng chẵn./.)",
        );
        assert_eq!(m.len(), 1);
        assert_eq!(
            m[0].in_words.as_deref(),
            Some("Hai trăm tám mươi sáu triệu đồng chẵn")
        );
        assert!(!m[0].mismatch);
        let m = money("Tổng cộng: 268.000.000 đồng\nBằng chữ: Hai trăm tám mươi sáu triệu đồng");
        assert_eq!(m.len(), 1);
        assert!(m[0].mismatch);
        assert_eq!(m[0].vnd, Some(268_000_000));
        let m = money("Số tiền bằng chữ: Năm mươi triệu đồng.");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].vnd, Some(50_000_000));
        assert!(money("Bằng chữ: không rõ").is_empty());
    }

    #[test]
    fn unit_phrases() {
        let u = parse_unit_phrase("nghìn đồng").unwrap();
        assert_eq!(u.factor, 1_000);
        let u = parse_unit_phrase("1.000 đồng").unwrap();
        assert_eq!(u.factor, 1_000);
        let u = parse_unit_phrase("Tr.đ").unwrap();
        assert_eq!(u.factor, 1_000_000);
        let u = parse_unit_phrase("đồng/kg").unwrap();
        assert_eq!(u.per.as_deref(), Some("kg"));
        assert_eq!(parse_unit_phrase("USD").unwrap().currency, "USD");
        assert!(parse_unit_phrase("kg").is_none());
        assert!(parse_unit_phrase("đồng chí").is_none());
    }

    #[test]
    fn amounts_in_words_in_the_text() {
        assert_eq!(
            vnds("mức hỗ trợ hai trăm nghìn đồng/người"),
            [Some(200_000)]
        );
        assert_eq!(
            vnds("tổng vốn một tỷ hai trăm triệu đồng"),
            [Some(1_200_000_000)]
        );
        assert_eq!(
            vnds("bảy trăm hai mươi mốt nghìn không trăm mười hai đồng"),
            [Some(721_012)]
        );
        assert!(vnds("cử hai đồng chí dự họp").is_empty());
        // Commas after the scale words of a long amount.
        assert_eq!(
            vnds("giá trị hợp đồng mười tám tỷ, hai trăm ba mươi sáu triệu, năm trăm nghìn đồng"),
            [Some(18_236_500_000)]
        );
        let m = money("Tổng: 18.236.500.000 đồng (Bằng chữ: Mười tám tỷ, hai trăm ba mươi sáu triệu năm trăm nghìn đồng)");
        assert_eq!(m.len(), 1);
        assert!(!m[0].mismatch, "{m:?}");
        assert!(vnds("hai mươi người").is_empty());
        let m = money("khoản lỗ âm 1.200.000 đồng");
        assert!(m[0].negative);
        assert_eq!(m[0].vnd, Some(-1_200_000));
        assert_eq!(m[0].amount, "-1200000");
    }

    #[test]
    fn an_abbreviated_lower_bound_takes_the_upper_bounds_scale() {
        assert_eq!(
            vnds("có giá từ 150 - 280.000 đồng/kg"),
            [Some(150_000), Some(280_000)]
        );
        assert_eq!(
            vnds("từ 16.000 - 17.000 đồng/kg"),
            [Some(16_000), Some(17_000)]
        );
        assert_eq!(
            vnds("từ 10 - 15 triệu đồng"),
            [Some(10_000_000), Some(15_000_000)]
        );
    }

    #[test]
    fn prices_without_a_currency_word_in_a_price_sentence() {
        assert_eq!(
            vnds("Bánh chưng được bán với giá 45.500 - 62.000 tùy loại, giò lụa 180.000 kg."),
            [Some(45_500), Some(62_000)]
        );
        assert_eq!(vnds("Giá gas bán lẻ tăng 9.000/bình 12kg."), [Some(9_000)]);
        assert!(vnds("sản lượng đạt 12.500 tấn, tiếp nhận 1.250 hồ sơ.").is_empty());
        assert!(vnds("đánh giá 1.250 hồ sơ").is_empty());
    }
}
