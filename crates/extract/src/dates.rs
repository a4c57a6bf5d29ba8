//! Vietnamese calendar dates as administrative documents print them.
//!
//! Forms recognised (Nghị định 30/2020/NĐ-CP prints the place-date line as
//! `Hà Tĩnh, ngày 15 tháng 6 năm 2021`; body text cites documents with
//! `ngày 04/7/2011`; older party documents use `ngày 01-10-1997`):
//! - numeric `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy`, optionally after `ngày`, with
//!   stray spaces or a line break around the separators;
//! - spelled `ngày 25 tháng 6 năm 2004`, where the day may be left blank
//!   (`ngày   tháng 6 năm 2021`, `ngày ... tháng 6 năm 2021`), giving month precision;
//! - a footnote marker glued to the year (`04/7/20111` is 2011-07-04 with footnote 1).
//!
//! Two-digit years (`ngày 3/3/17`) are read only after `ngày` (20yy up to 49,
//! else 19yy); `ngày mồng 3` reads the day; impossible days (`31/02/2021`)
//! are rejected.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::boundary::{captures_iter_checked, word_before};

/// A calendar date, possibly with the day unknown (`2021-06`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct IsoDate {
    /// Four-digit year.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
    /// Day of month, `None` when the text leaves it blank.
    pub day: Option<u32>,
}

impl IsoDate {
    /// A validated date; `None` for impossible months or days.
    pub fn new(year: i32, month: u32, day: Option<u32>) -> Option<Self> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if let Some(d) = day {
            if d == 0 || d > days_in_month(year, month) {
                return None;
            }
        }
        Some(IsoDate { year, month, day })
    }

    /// The date as a `(year, month, day)` tuple, the shape `DocContext` keeps.
    // Shared helper for the period and count rules of other modules.
    #[allow(dead_code)]
    pub fn tuple(self) -> (i32, u32, Option<u32>) {
        (self.year, self.month, self.day)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

/// Number of days in `month` of `year` (Gregorian).
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Numeric dates. The separators are checked for equality in code (the regex
/// crate has no back-references); up to two extra digits after the year are
/// a glued footnote marker. The word boundary before `ngày` is checked in code
/// ([`numeric_start_ok`]) so the search can run on a DFA.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:ngày[ \t\u{a0}\n]*)?(\d{1,2})[ \t\u{a0}]*\n?[ \t\u{a0}]*([/.\-])[ \t\u{a0}]*\n?[ \t\u{a0}]*(\d{1,2})[ \t\u{a0}]*\n?[ \t\u{a0}]*([/.\-])[ \t\u{a0}]*\n?[ \t\u{a0}]*(\d{4})(\d{0,2})",
    )
    .expect("numeric date regex")
});

/// Spelled dates; the day may be blank, dotted or underscored when the
/// document was printed before it was dated. The word boundary before `ngày`
/// is checked in code.
static SPELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày[\s._…]*(?:(?:mồng|mùng)\s*)?(\d{1,2})?[\s._…]*tháng\s*(\d{1,2})\s*năm\s*(\d{4})(\d{0,2})")
        .expect("spelled date regex")
});

/// A numeric date with a two-digit year after `ngày` (`ngày 3/3/17`): the
/// year is 20yy up to 49 and 19yy from 50. Without `ngày` such a shape is too
/// often something else to trust. The boundary after is checked in code.
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày[ \t\u{a0}]*(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{2})")
        .expect("short-year date regex")
});

/// Every [`SPELLED`] match, as the pattern with its leading `\b` would find them.
pub(crate) fn spelled_matches(text: &str) -> impl Iterator<Item = Captures<'_>> {
    captures_iter_checked(&SPELLED, text, move |c| {
        c.get(0).is_some_and(|m| !word_before(text, m.start()))
    })
}

/// Every [`NUMERIC`] match, as the pattern with its `\b` before `ngày` would find them.
pub(crate) fn numeric_matches(text: &str) -> impl Iterator<Item = Captures<'_>> {
    captures_iter_checked(&NUMERIC, text, move |c| numeric_start_ok(text, c))
}

/// The boundary the numeric pattern had before its optional `ngày`: a match
/// that starts with `ngày` (not with the day's digit) needs no word character
/// before it. At such a start the old pattern could not match without `ngày`
/// either, since the text there is a letter, not a digit.
fn numeric_start_ok(text: &str, c: &Captures) -> bool {
    c.get(0)
        .is_some_and(|m| !m.as_str().starts_with(['n', 'N']) || !word_before(text, m.start()))
}

/// Every date in `text`, in order, with the byte range it occupies.
///
/// The range covers a leading `ngày` when present and ends at the year (a glued
/// footnote marker is outside it). Overlapping candidates keep the earlier one.
pub(crate) fn find_dates(text: &str) -> Vec<(Range<usize>, IsoDate)> {
    let mut out: Vec<(Range<usize>, IsoDate)> = Vec::new();
    for c in spelled_matches(text) {
        let (Some(all), Some(m), Some(y)) = (c.get(0), c.get(2), c.get(3)) else {
            continue;
        };
        let day = match c.get(1) {
            Some(d) => match d.as_str().parse() {
                Ok(v) => Some(v),
                Err(_) => continue,
            },
            None => None,
        };
        if !footnote_ok(text, c.get(4).map_or(0..0, |f| f.range())) {
            continue;
        }
        if let (Ok(month), Ok(year)) = (m.as_str().parse(), y.as_str().parse()) {
            if let Some(d) = IsoDate::new(year, month, day) {
                out.push((all.start()..y.end(), d));
            }
        }
    }
    for c in numeric_matches(text) {
        let (Some(all), Some(d), Some(s1), Some(m), Some(s2), Some(y)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        if s1.as_str() != s2.as_str() {
            continue;
        }
        // `123/04/7/2011` or `1.04.07.2011` would be a longer number, not a date.
        if text[..d.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit() || ch == '/' || (ch == '.' && s1.as_str() == "."))
        {
            continue;
        }
        let foot = c.get(6).map_or(0..0, |f| f.range());
        if !footnote_ok(text, foot.clone()) {
            continue;
        }
        // `12.10.2021.500` continues a figure.
        let after = &text[foot.end.max(y.end())..];
        if s1.as_str() == "."
            && after.starts_with('.')
            && after[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let (Ok(day), Ok(month), Ok(year)) = (
            d.as_str().parse::<u32>(),
            m.as_str().parse::<u32>(),
            y.as_str().parse::<i32>(),
        ) else {
            continue;
        };
        if let Some(date) = IsoDate::new(year, month, Some(day)) {
            out.push((all.start()..y.end(), date));
        }
    }
    for c in SHORT_YEAR.captures_iter(text) {
        let (Some(all), Some(d), Some(s1), Some(m), Some(s2), Some(y)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        if s1.as_str() != s2.as_str()
            || word_before(text, all.start())
            || text[y.end()..].starts_with(|ch: char| ch.is_ascii_digit() || ch == '/')
        {
            continue;
        }
        let (Ok(day), Ok(month), Ok(yy)) = (
            d.as_str().parse::<u32>(),
            m.as_str().parse::<u32>(),
            y.as_str().parse::<i32>(),
        ) else {
            continue;
        };
        let year = if yy <= 49 { 2000 + yy } else { 1900 + yy };
        if let Some(date) = IsoDate::new(year, month, Some(day)) {
            out.push((all.start()..y.end(), date));
        }
    }
    out.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<(Range<usize>, IsoDate)> = Vec::with_capacity(out.len());
    for (r, d) in out {
        if kept.last().is_some_and(|(k, _)| r.start < k.end) {
            continue;
        }
        kept.push((r, d));
    }
    kept
}

/// A glued footnote marker is at most two digits and must not be followed by
/// more digits (which would make the "year" part of a longer number).
fn footnote_ok(text: &str, foot: Range<usize>) -> bool {
    !text[foot.end..].starts_with(|c: char| c.is_ascii_digit())
}

/// Reads back an ISO date of [`IsoDate`]'s display form (`2021-06-15`, `2021-06`).
pub(crate) fn parse_iso_date(s: &str) -> Option<(i32, u32, Option<u32>)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next().and_then(|d| d.parse().ok());
    Some((y, m, d))
}

/// Parses a string that is exactly one date (surrounding spaces and a trailing
/// full stop allowed) into `(year, month, day)`.
// Shared helper for the period rules of other modules.
#[allow(dead_code)]
pub(crate) fn parse_date(s: &str) -> Option<(i32, u32, Option<u32>)> {
    let t = s.trim().trim_end_matches(['.', ',', ';']);
    let found = find_dates(t);
    match found.as_slice() {
        [(r, d)] if r.start == 0 && t[r.end..].chars().all(|c| c.is_ascii_digit()) => {
            Some(d.tuple())
        }
        _ => None,
    }
}

/// The first date that starts within `max` bytes after `pos` (after skipping
/// only spaces, line breaks and the word `ngày`), used to attach a date to the
/// document number just before it.
pub(crate) fn date_right_after(
    text: &str,
    pos: usize,
    max: usize,
) -> Option<(Range<usize>, IsoDate)> {
    let end = (pos + max).min(text.len());
    let mut end = end;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = text.get(pos..end)?;
    let lead = window.len() - window.trim_start().len();
    let rest = &window[lead..];
    find_dates(rest)
        .into_iter()
        .next()
        .filter(|(r, _)| r.start == 0)
        .map(|(r, d)| (pos + lead + r.start..pos + lead + r.end, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isos(text: &str) -> Vec<String> {
        find_dates(text)
            .into_iter()
            .map(|(_, d)| d.to_string())
            .collect()
    }

    #[test]
    fn numeric_dates_with_each_separator() {
        assert_eq!(
            isos("Quyết định số 12/QĐ-UBND ngày 04/7/2011 của UBND tỉnh"),
            ["2011-07-04"]
        );
        assert_eq!(
            isos("Nghị quyết ngày 01-10-1997 của Ban Chấp hành"),
            ["1997-10-01"]
        );
        assert_eq!(isos("họp ngày 15.6.2021 tại Đà Nẵng"), ["2021-06-15"]);
        assert_eq!(
            isos("từ 15/12/2020 đến 14/6/2021"),
            ["2020-12-15", "2021-06-14"]
        );
    }

    #[test]
    fn spelled_dates_with_mong() {
        assert_eq!(isos("ngày mồng 3 tháng 3 năm 2017"), ["2017-03-03"]);
        assert_eq!(isos("vào ngày mùng 10 tháng 2 năm 2024"), ["2024-02-10"]);
        assert!(isos("mùng 6 Tết").is_empty());
    }

    #[test]
    fn spelled_dates_and_blank_day() {
        assert_eq!(isos("Quảng Ninh, ngày 25 tháng 6 năm 2004"), ["2004-06-25"]);
        assert_eq!(isos("Hà Tĩnh, ngày      tháng 6 năm 2021"), ["2021-06"]);
        assert_eq!(isos("Cần Thơ, ngày ... tháng 12 năm 2023"), ["2023-12"]);
        assert_eq!(isos("Huế, ngày\n15 tháng\n3 năm 2022"), ["2022-03-15"]);
    }

    #[test]
    fn the_range_covers_ngay_and_stops_at_the_year() {
        let t = "theo Kế hoạch ngày 04/7/20111 của Bộ";
        let f = find_dates(t);
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].0.clone()], "ngày 04/7/2011");
        assert_eq!(f[0].1.to_string(), "2011-07-04");
    }

    #[test]
    fn stray_spaces_and_line_breaks_inside_a_date() {
        assert_eq!(isos("ngày 20 /10/ 2020 của Bộ Tư pháp"), ["2020-10-20"]);
        assert_eq!(isos("ngày 20/10/\n2020 của Bộ Tư pháp"), ["2020-10-20"]);
    }

    #[test]
    fn glued_footnote_digits() {
        assert_eq!(isos("ngày 04/7/20111 của Chính phủ"), ["2011-07-04"]);
        assert_eq!(isos("ngày 3 tháng 2 năm 202012 của Bộ"), ["2020-02-03"]);
        // Three extra digits is not a footnote but a longer number.
        assert!(isos("mã 04/7/2011123").is_empty());
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_rejected() {
        assert!(isos("ngày 31/02/2021").is_empty());
        assert!(isos("ngày 29/02/2021").is_empty());
        assert_eq!(isos("ngày 29/02/2024"), ["2024-02-29"]);
        assert!(isos("ngày 12/13/2021").is_empty());
        // A two-digit year counts only after `ngày`.
        assert!(isos("mã 04/7/11").is_empty());
        assert_eq!(isos("ngày 04/7/11"), ["2011-07-04"]);
        assert_eq!(isos("ký ngày 3/3/17 tại Huế"), ["2017-03-03"]);
        assert_eq!(isos("ngày 15/8/98"), ["1998-08-15"]);
        assert!(isos("ngày 04/7/112").is_empty());
        assert!(isos("ngày 0/7/2011").is_empty());
    }

    #[test]
    fn document_numbers_and_figures_are_not_dates() {
        assert!(isos("Nghị định số 55/2011/NĐ-CP").is_empty());
        assert!(isos("Thông tư 04/2020/TT-BNG").is_empty());
        assert!(isos("kinh phí 1.500.000 đồng").is_empty());
        assert!(isos("giai đoạn 2021-2025").is_empty());
        assert!(isos("mã 123/04/7/2011").is_empty());
        assert!(isos("ngày 04/7-2011").is_empty());
        assert!(isos("tháng 6 năm 2021").is_empty());
    }

    #[test]
    fn parse_date_accepts_exactly_one_date() {
        assert_eq!(parse_date("04/7/2011"), Some((2011, 7, Some(4))));
        assert_eq!(
            parse_date(" ngày 25 tháng 6 năm 2004."),
            Some((2004, 6, Some(25)))
        );
        assert_eq!(parse_date("ngày   tháng 6 năm 2021"), Some((2021, 6, None)));
        assert_eq!(parse_date("04/7/20111"), Some((2011, 7, Some(4))));
        assert_eq!(parse_date("31/02/2021"), None);
        assert_eq!(parse_date("04/7/2011 và 05/7/2011"), None);
        assert_eq!(parse_date("Hà Nội"), None);
    }

    #[test]
    fn date_right_after_a_number() {
        let t = "Kế hoạch số 41/KH-SNgV ngày 11/01/2021 của Sở";
        let at = t.find(" ngày").unwrap();
        let (r, d) = date_right_after(t, at, 40).unwrap();
        assert_eq!(&t[r], "ngày 11/01/2021");
        assert_eq!(d.to_string(), "2021-01-11");
        let t2 = "Kế hoạch số 41/KH-SNgV về công tác năm 2021, ngày 11/01/2021";
        assert!(date_right_after(t2, t2.find(" về").unwrap(), 60).is_none());
    }
}
