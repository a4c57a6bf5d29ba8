//! Reporting periods and date ranges, resolved to ISO first and last days.
//!
//! What the annotators call a period (see the gold set): a span the report
//! covers or a plan runs over — part of a year (`6 tháng đầu năm 2021`,
//! `9 tháng đầu năm`, `6 THÁNG CUỐI NĂM`, `Quý III/2021`, `quý 4 năm 2018`,
//! `cả năm 2021`), a run of years (`giai đoạn 2021-2030`, `từ năm 2014 đến
//! nay`, `năm học 2022-2023`) or an explicit range of dates or months
//! (`từ 15/12/2020 đến 14/6/2021`, `từ tháng 3 đến tháng 5/2021`). A single
//! month is a period only as the reporting or comparison period (`Báo cáo giá
//! tháng 5`, `so với tháng 4/2026`, `CPI tháng 5 tăng … so với`); a calendar
//! year or month that dates an event (`năm 2021`, `Kế hoạch CCHC năm 2022`,
//! `vào tháng 02/2021`) is not one, nor a horizon (`đến năm 2030`).
//!
//! Wording without its year (`6 tháng cuối năm`, `quý III`, `đến nay`) takes
//! it from the document's own date; with no document date it is skipped
//! rather than guessed. A school year (`năm học 2022-2023`) runs from
//! 1 September to 31 August, the cycle the Ministry of Education's yearly
//! calendar frames; `từ năm học 2024-2025 đến năm học 2026-2027` is one span.
//! Lunar days around Tết (`từ ngày 28 tháng Chạp đến ngày mùng 6 Tết`) are
//! resolved with [`crate::lunar`] for the Tết of the document's year (or the
//! next one, for a document written from September on).

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use vanban_text::PreparedPage;

use crate::dates::{days_in_month, find_dates};
use crate::evidence::evidence_for;
use crate::facts::Period;
use crate::DocContext;

/// `6 tháng đầu năm 2021`, `9 tháng đầu năm`, `6 THÁNG CUỐI NĂM`, `6 tháng năm 2021`, `cả năm 2021`.
static PART_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?P<n>\d{1,2}|ba|sáu|chín|mười)\s+tháng(?:\s+(?P<pos>đầu|cuối))?|(?P<whole>cả|nửa\s+đầu|nửa\s+cuối))\s+năm(?-u:\b)(?:\s+(?P<y>\d{4})(?-u:\b))?",
    )
    .expect("part-of-year regex")
});

/// `Quý III/2021`, `quý 4 năm 2018`, `QUÝ I`.
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)quý\s+(?P<q>(?:IV|III|II|I|[1-4]|một|hai|ba|bốn)(?-u:\b)|tư)(?:\s*(?:/|-|(?:của\s+)?năm)\s*(?P<y>\d{4})(?-u:\b))?")
        .expect("quarter regex")
});

/// `giai đoạn 2021-2030`, `từ năm 2016 đến năm 2020`, `năm học 2022-2023`.
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<kw>giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|niên\s+độ|niên\s+khóa|niên\s+khoá|năm\s+học|từ\s+năm|các\s+năm|\d+\s+năm|năm)(?:\s+[IVXL]+)?\s*\(?\s*(?P<y1>\d{4})\s*(?:-|–|—|(?:đến|tới)(?:\s+(?:hết\s+)?năm)?)\s*(?P<y2>\d{4})(?-u:\b)",
    )
    .expect("year-range regex")
});

/// `từ năm 2014 đến nay`, `từ đầu năm đến nay`, `từ đầu năm 2021 đến nay`.
static SINCE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)từ\s+(?:năm\s+(?P<y>\d{4})|đầu\s+năm(?:\s+(?P<y2>\d{4}))?)\s*(?:,\s*)?(?:đến|tới)\s+nay(?-u:\b)",
    )
    .expect("since-year regex")
});

/// `từ tháng 3 đến tháng 5/2021`, `từ tháng 3/2020 đến tháng 02/2021`, `tháng 3-5/2021`.
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:từ\s+)?tháng\s+(?P<m1>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y1>\d{4}))?\s*(?:-|–|đến|tới)(?:\s+hết)?\s*(?:tháng\s*)?(?P<m2>\d{1,2})\s*(?:/|năm)\s*(?P<y2>\d{4})(?-u:\b)",
    )
    .expect("month-range regex")
});

/// `từ năm học 2024-2025 đến năm học 2026-2027`: one span of school years.
static SCHOOL_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)từ\s+năm\s+học\s+(?P<a>\d{4})\s*[-–]\s*\d{4}\s+(?:đến|tới)\s+(?:hết\s+)?năm\s+học\s+\d{4}\s*[-–]\s*(?P<b>\d{4})(?-u:\b)",
    )
    .expect("school-span regex")
});

/// A single month: `tháng 5`, `tháng 4/2026`, `tháng 12 năm 2025`. Whether it
/// is a period depends on its phrase ([`month_is_period`]).
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)tháng\s+(?P<m>\d{1,2})(?:\s*(?:/|-|năm)\s*(?P<y>\d{4}))?(?-u:\b)")
        .expect("month regex")
});

/// `năm 2026` shortly after a bare month, in the same phrase (`tháng 5, quý II năm 2026`).
static PHRASE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^.;\n]{0,30}?năm\s+(?P<y>\d{4})(?-u:\b)").expect("phrase year regex")
});

/// Lunar dates around Tết: `từ ngày 28 tháng Chạp đến ngày mùng 6 Tết`.
static LUNAR_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:từ\s+)?ngày\s+(?:(?:mùng|mồng)\s+)?(?P<d1>\d{1,2})\s+(?P<m1>tháng\s+chạp|tháng\s+giêng|tết)\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(?:(?:mùng|mồng)\s+)?(?P<d2>\d{1,2})\s+(?P<m2>tháng\s+chạp|tháng\s+giêng|tết)",
    )
    .expect("lunar span regex")
});

/// What joins two dates into a range: `đến`, `đến hết ngày`, a dash.
static DATE_JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:-|–|—|(?:đến|tới)(?:\s+hết)?)\s*(?:ngày\s*)?$")
        .expect("date-join regex")
});

/// `đến nay` right after a date.
static UNTIL_NOW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:đến|tới)\s+nay(?-u:\b)").expect("until-now regex"));

/// A period found in a view: its byte span and ISO bounds.
type Found = (Range<usize>, String, String);

/// Finds every fact of this kind, over the pages and across their breaks
/// (see [`crate::seam`]): distinct periods, in order of first mention.
pub(crate) fn extract_periods(pages: &[PreparedPage], ctx: &DocContext) -> Vec<Period> {
    let on_pages = pages.iter().flat_map(|p| periods_of_page(p, ctx)).collect();
    let mut all = crate::seam::merge(
        pages,
        on_pages,
        |seam| periods_of_page(seam, ctx),
        |p| &p.evidence,
        |p, e| p.evidence = e,
    );
    let mut seen: Vec<(String, String)> = Vec::new();
    all.retain(|p| {
        let key = (p.start.clone(), p.end.clone());
        let new = !seen.contains(&key);
        if new {
            seen.push(key);
        }
        new
    });
    all
}

/// The periods of one page in order (one per wording; repeats kept).
fn periods_of_page(page: &PreparedPage, ctx: &DocContext) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    {
        let text = page.flow.as_str();
        let mut found: Vec<Found> = Vec::new();
        date_ranges(text, ctx, &mut found);
        scan(&MONTH_RANGE, text, &mut found, month_range);
        scan(&YEAR_RANGE, text, &mut found, year_range);
        scan(&SINCE_YEAR, text, &mut found, |c| {
            let y = year_or_doc(c.name("y").or(c.name("y2")).map(|m| m.as_str()), ctx)?;
            Some((iso(y, 1, 1), now(ctx)?))
        });
        scan(&PART_OF_YEAR, text, &mut found, |c| part_of_year(c, ctx));
        scan(&QUARTER, text, &mut found, |c| quarter(c, ctx));
        scan(&SCHOOL_SPAN, text, &mut found, |c| {
            let a = year(c.name("a")?.as_str())?;
            let b = year(c.name("b")?.as_str())?;
            (b > a).then(|| (iso(a, 9, 1), iso(b, 8, 31)))
        });
        scan(&LUNAR_SPAN, text, &mut found, |c| lunar_span(c, ctx));
        for c in MONTH.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            if let Some((s, e)) = month_period(text, &c, ctx) {
                found.push((all.range(), s, e));
            }
        }
        // Earlier and longer wordings first; a wording inside a kept one is part of it.
        found.sort_by_key(|(r, _, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut kept_end = 0;
        for (range, start, end) in found {
            if range.start < kept_end {
                continue;
            }
            kept_end = range.end;
            let evidence = evidence_for(page, &page.flow, range.clone());
            let raw = page
                .display
                .get(page.flow.source_range(range))
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Period {
                raw,
                start,
                end,
                evidence,
            });
        }
    }
    out
}

/// Runs `re` over `text` and keeps what `resolve` makes of each match.
fn scan(
    re: &Regex,
    text: &str,
    found: &mut Vec<Found>,
    mut resolve: impl FnMut(&Captures) -> Option<(String, String)>,
) {
    for c in re.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        if let Some((s, e)) = resolve(&c) {
            if s <= e {
                found.push((all.range(), s, e));
            }
        }
    }
}

/// ISO date.
fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Last day of month `m` of `y`, ISO.
fn month_end(y: i32, m: u32) -> String {
    iso(y, m, days_in_month(y, m))
}

/// A four-digit year in the range documents use.
fn year(s: &str) -> Option<i32> {
    s.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// The printed year, or the document's own when the wording leaves it out.
fn year_or_doc(printed: Option<&str>, ctx: &DocContext) -> Option<i32> {
    match printed {
        Some(y) => year(y),
        None => ctx.date.map(|(y, _, _)| y),
    }
}

/// The document's date as the end of `đến nay`; unknown when its day is blank.
fn now(ctx: &DocContext) -> Option<String> {
    let (y, m, d) = ctx.date?;
    Some(iso(y, m, d?))
}

/// Two dates joined by `đến` or a dash, and a date followed by `đến nay`.
fn date_ranges(text: &str, ctx: &DocContext, found: &mut Vec<Found>) {
    let dates = find_dates(text);
    for (i, (r, d)) in dates.iter().enumerate() {
        let Some(day) = d.day else { continue };
        let start = iso(d.year, d.month, day);
        if let Some((r2, d2)) = dates.get(i + 1) {
            if let (Some(day2), Some(join)) = (d2.day, text.get(r.end..r2.start)) {
                if DATE_JOIN.is_match(join) {
                    let lead = with_tu(text, r.start);
                    found.push((lead..r2.end, start.clone(), iso(d2.year, d2.month, day2)));
                    continue;
                }
            }
        }
        if let Some(m) = UNTIL_NOW.find(&text[r.end..]) {
            let lead = with_tu(text, r.start);
            // Only a range the text opens with `từ`: `ngày 1/1/2021 đến nay` alone is rare and loose.
            if lead < r.start {
                if let Some(end) = now(ctx) {
                    found.push((lead..r.end + m.end(), start, end));
                }
            }
        }
    }
}

/// Start of a `từ ` right before `at`, else `at`.
fn with_tu(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end();
    ["từ", "Từ", "TỪ"]
        .iter()
        .find_map(|w| before.strip_suffix(w))
        .filter(|rest| !rest.ends_with(char::is_alphabetic))
        .map_or(at, str::len)
}

/// `từ tháng 3 đến tháng 5/2021`.
fn month_range(c: &Captures) -> Option<(String, String)> {
    let m1: u32 = c.name("m1")?.as_str().parse().ok()?;
    let m2: u32 = c.name("m2")?.as_str().parse().ok()?;
    let y2 = year(c.name("y2")?.as_str())?;
    let y1 = match c.name("y1") {
        Some(y) => year(y.as_str())?,
        None => y2,
    };
    if !(1..=12).contains(&m1) || !(1..=12).contains(&m2) {
        return None;
    }
    Some((iso(y1, m1, 1), month_end(y2, m2)))
}

/// `giai đoạn 2021-2030`, `năm học 2022-2023`.
fn year_range(c: &Captures) -> Option<(String, String)> {
    let y1 = year(c.name("y1")?.as_str())?;
    let y2 = year(c.name("y2")?.as_str())?;
    if y2 <= y1 || y2 - y1 > 50 {
        return None;
    }
    let kw = c.name("kw")?.as_str().to_lowercase();
    if (kw.starts_with("năm") && kw.contains("học"))
        || (kw.starts_with("niên") && kw.contains("kh"))
    {
        if y2 != y1 + 1 {
            return None;
        }
        return Some((iso(y1, 9, 1), iso(y2, 8, 31)));
    }
    Some((iso(y1, 1, 1), iso(y2, 12, 31)))
}

/// `6 tháng đầu năm 2021`, `6 THÁNG CUỐI NĂM`, `cả năm`.
fn part_of_year(c: &Captures, ctx: &DocContext) -> Option<(String, String)> {
    let y = year_or_doc(c.name("y").map(|m| m.as_str()), ctx)?;
    if let Some(w) = c.name("whole") {
        let w = w.as_str().to_lowercase();
        return Some(if w.contains("đầu") {
            (iso(y, 1, 1), month_end(y, 6))
        } else if w.contains("cuối") {
            (iso(y, 7, 1), month_end(y, 12))
        } else {
            (iso(y, 1, 1), month_end(y, 12))
        });
    }
    let n_text = c.name("n")?.as_str().to_lowercase();
    let n: u32 = match n_text.as_str() {
        "ba" => 3,
        "sáu" => 6,
        "chín" => 9,
        "mười" => 10,
        t => t.parse().ok()?,
    };
    if !(1..=12).contains(&n) {
        return None;
    }
    match c.name("pos").map(|p| p.as_str().to_lowercase()) {
        Some(p) if p == "cuối" => Some((iso(y, 13 - n, 1), month_end(y, 12))),
        Some(_) => Some((iso(y, 1, 1), month_end(y, n))),
        // `6 tháng năm 2021` is the first six months; without a year it is a duration.
        None => {
            c.name("y")?;
            Some((iso(y, 1, 1), month_end(y, n)))
        }
    }
}

/// Words before a month that make it the date of an event, not a period.
const EVENT_BEFORE: &[&str] = &[
    "vào", "trong", "từ", "đến", "tới", "cuối", "đầu", "giữa", "hết", "trước", "sau", "ngày",
    "tại", "hằng", "hàng", "mỗi", "các", "những",
];

/// A single month is a period when it is the reporting or comparison period:
/// after `so với` (`so với tháng 4/2026`, a table header `So với tháng 12 năm
/// 2025`), in a report's title (`Báo cáo … tháng 5`), or when a change is
/// measured over it (`CPI tháng 5/2026 tăng 0,17% so với …`). A bare month
/// takes its year from its phrase, else from the document's date.
fn month_period(text: &str, c: &Captures, ctx: &DocContext) -> Option<(String, String)> {
    let all = c.get(0)?;
    let m: u32 = c.name("m")?.as_str().parse().ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let before = &text[..all.start()];
    let prev = before
        .trim_end()
        .rsplit(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if EVENT_BEFORE.contains(&prev.as_str())
        || prev.chars().all(|ch| ch.is_ascii_digit()) && !prev.is_empty()
    {
        return None;
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_before = before[line_start..].to_lowercase();
    let after = &text[all.end()..];
    let after_phrase: String = after.chars().take(80).collect();
    let clause_end = after_phrase
        .find(['.', ';', '\n'])
        .unwrap_or(after_phrase.len());
    let compared = line_before.trim_end().ends_with("so với")
        || line_before.trim_end().ends_with("so với cùng kỳ");
    // A report's title: the line opens with `Báo cáo`, or it is the subject
    // line under a `BÁO CÁO` type line.
    let prev_line = before[..line_start.saturating_sub(1)]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    // The sentence holding the month, in a paragraph of several (`… 3/3/17. Báo cáo giá tháng 5, …`).
    let sentence_before = line_before
        .rfind(". ")
        .or_else(|| line_before.rfind("; "))
        .map_or(line_before.as_str(), |i| &line_before[i + 2..]);
    let titled = (sentence_before.trim_start().starts_with("báo cáo")
        || prev_line.trim_matches('*').starts_with("BÁO CÁO"))
        && sentence_before.chars().count() <= 120;
    let measured = {
        let a = &after_phrase[..clause_end].to_lowercase();
        (a.contains("tăng") || a.contains("giảm")) && a.contains("so với")
    };
    if !(compared || titled || measured) {
        return None;
    }
    let y = match c.name("y") {
        Some(y) => year(y.as_str())?,
        None => match PHRASE_YEAR.captures(after).and_then(|p| p.name("y")) {
            Some(y) => year(y.as_str())?,
            None => ctx.date.map(|(y, _, _)| y)?,
        },
    };
    Some((iso(y, m, 1), month_end(y, m)))
}

/// `từ ngày 28 tháng Chạp đến ngày mùng 6 Tết`: the lunar year is the one
/// whose Tết falls in the document's year (or the next, for a document
/// written in the autumn before it).
fn lunar_span(c: &Captures, ctx: &DocContext) -> Option<(String, String)> {
    let (doc_year, doc_month, _) = ctx.date?;
    let tet_year = if doc_month >= 9 {
        doc_year + 1
    } else {
        doc_year
    };
    let day = |d: &str, m: &str| -> Option<(i32, u32, u32)> {
        let d: u32 = d.parse().ok()?;
        if m.to_lowercase().contains("chạp") {
            crate::lunar::chap_day(tet_year, d)
        } else {
            crate::lunar::first_month_day(tet_year, d)
        }
    };
    let (y1, m1, d1) = day(c.name("d1")?.as_str(), c.name("m1")?.as_str())?;
    let (y2, m2, d2) = day(c.name("d2")?.as_str(), c.name("m2")?.as_str())?;
    Some((iso(y1, m1, d1), iso(y2, m2, d2)))
}

/// `Quý III/2021`, `quý 4 năm 2018`.
fn quarter(c: &Captures, ctx: &DocContext) -> Option<(String, String)> {
    let q: u32 = match c.name("q")?.as_str().to_lowercase().as_str() {
        "i" | "1" | "một" => 1,
        "ii" | "2" | "hai" => 2,
        "iii" | "3" | "ba" => 3,
        "iv" | "4" | "bốn" | "tư" => 4,
        _ => return None,
    };
    let y = year_or_doc(c.name("y").map(|m| m.as_str()), ctx)?;
    Some((iso(y, q * 3 - 2, 1), month_end(y, q * 3)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_text::prepare_page;

    fn periods_with(text: &str, date: Option<(i32, u32, Option<u32>)>) -> Vec<(String, String)> {
        let page = prepare_page(1, text.to_string());
        let ctx = DocContext {
            date,
            ..DocContext::default()
        };
        extract_periods(&[page], &ctx)
            .into_iter()
            .map(|p| (p.start, p.end))
            .collect()
    }

    fn periods(text: &str) -> Vec<(String, String)> {
        periods_with(text, Some((2021, 6, Some(15))))
    }

    fn p(s: &str, e: &str) -> (String, String) {
        (s.to_string(), e.to_string())
    }

    #[test]
    fn parts_of_a_year() {
        assert_eq!(
            periods("kết quả 6 tháng đầu năm 2021 như sau"),
            [p("2021-01-01", "2021-06-30")]
        );
        assert_eq!(
            periods("III. NHIỆM VỤ 6 THÁNG CUỐI NĂM"),
            [p("2021-07-01", "2021-12-31")]
        );
        assert_eq!(
            periods("ước thực hiện 9 tháng đầu năm 2020"),
            [p("2020-01-01", "2020-09-30")]
        );
        assert_eq!(
            periods("Báo cáo 6 tháng năm 2022"),
            [p("2022-01-01", "2022-06-30")]
        );
        assert_eq!(periods("ước cả năm 2021"), [p("2021-01-01", "2021-12-31")]);
        assert_eq!(
            periods("6 tháng đầu\nnăm 2024"),
            [p("2024-01-01", "2024-06-30")]
        );
    }

    #[test]
    fn quarters() {
        assert_eq!(
            periods("nhiệm vụ trong Quý III/2021"),
            [p("2021-07-01", "2021-09-30")]
        );
        assert_eq!(periods("quý 4 năm 2018"), [p("2018-10-01", "2018-12-31")]);
        assert_eq!(periods("QUÝ I"), [p("2021-01-01", "2021-03-31")]);
        assert_eq!(periods("quý II năm 2020"), [p("2020-04-01", "2020-06-30")]);
    }

    #[test]
    fn year_ranges() {
        assert_eq!(
            periods("giai đoạn 2021-2030 và giai đoạn 2021- 2025, giai đoạn 2016 - 2020"),
            [
                p("2021-01-01", "2030-12-31"),
                p("2021-01-01", "2025-12-31"),
                p("2016-01-01", "2020-12-31")
            ]
        );
        assert_eq!(
            periods("năm học 2022-2023"),
            [p("2022-09-01", "2023-08-31")]
        );
        assert_eq!(
            periods("từ năm 2016 đến năm 2020"),
            [p("2016-01-01", "2020-12-31")]
        );
        assert_eq!(
            periods("Kế hoạch 5 năm 2021-2025"),
            [p("2021-01-01", "2025-12-31")]
        );
    }

    #[test]
    fn ranges_to_now_use_the_document_date() {
        assert_eq!(
            periods("từ năm 2014\nđến nay"),
            [p("2014-01-01", "2021-06-15")]
        );
        assert_eq!(
            periods("từ ngày 01/3/2021 đến nay"),
            [p("2021-03-01", "2021-06-15")]
        );
        assert!(periods_with("từ năm 2014 đến nay", None).is_empty());
        assert!(periods_with("từ năm 2014 đến nay", Some((2021, 6, None))).is_empty());
        assert!(periods_with("6 THÁNG CUỐI NĂM", None).is_empty());
    }

    #[test]
    fn date_and_month_ranges() {
        assert_eq!(
            periods("từ 15/12/2020 đến 14/6/2021có 39 hồ sơ"),
            [p("2020-12-15", "2021-06-14")]
        );
        assert_eq!(
            periods("(15/12/2023 đến 14/6/2024)"),
            [p("2023-12-15", "2024-06-14")]
        );
        assert_eq!(
            periods("từ ngày 01/01/2021 đến hết ngày 31/3/2021"),
            [p("2021-01-01", "2021-03-31")]
        );
        assert_eq!(
            periods("TỪ NGÀY 01/01/2021 ĐẾN NGÀY 31/3/2021"),
            [p("2021-01-01", "2021-03-31")]
        );
        assert_eq!(
            periods("từ tháng 3 đến tháng 5/2021"),
            [p("2021-03-01", "2021-05-31")]
        );
        assert_eq!(
            periods("từ tháng 11/2020 đến tháng 02/2021"),
            [p("2020-11-01", "2021-02-28")]
        );
    }

    #[test]
    fn distinct_in_order_of_first_mention() {
        assert_eq!(
            periods("6 tháng đầu năm 2021 ... 6 tháng đầu năm; Quý III/2021"),
            [p("2021-01-01", "2021-06-30"), p("2021-07-01", "2021-09-30")]
        );
    }

    #[test]
    fn not_periods() {
        for t in [
            "Kế hoạch cải cách hành chính năm 2021",
            "vào tháng 02/2021; cuối tháng 12/2020",
            "định hướng đến năm 2030",
            "tổng kết 10 năm thực hiện; trong 6 tháng; 30 ngày",
            "Hà Tĩnh, ngày 15 tháng 6 năm 2021",
            "Nghị định số 55/2011/NĐ-CP ngày 04/7/2011",
            "dịp Tết Nguyên đán Nhâm Dần, mùng 5 tháng Giêng âm lịch",
            "giai đoạn 2025-2021",
            "mã số 2020-2021",
        ] {
            assert!(periods(t).is_empty(), "{t}: {:?}", periods(t));
        }
    }

    #[test]
    fn reporting_and_comparison_months() {
        let got = periods_with(
            "Báo cáo diễn biến giá tháng 8, quý III năm 2025; chỉ số giá tháng 8/2025 tăng 0,2% so với tháng 7/2025.",
            Some((2025, 9, Some(2))),
        );
        assert!(
            got.contains(&("2025-08-01".into(), "2025-08-31".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("2025-07-01".into(), "2025-07-31".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("2025-07-01".into(), "2025-09-30".into())),
            "{got:?}"
        );
        let got = periods_with("BÁO CÁO\nTình hình giá tháng 10, quý IV năm 2024\n", None);
        assert!(
            got.contains(&("2024-10-01".into(), "2024-10-31".into())),
            "{got:?}"
        );
        // A report's title as a sentence inside a paragraph.
        let got = periods_with(
            "Giá ổn định trong dịp Tết. Báo cáo tình hình giá cả thị trường tháng 3, quý I năm 2023 như sau",
            None,
        );
        assert!(
            got.contains(&("2023-03-01".into(), "2023-03-31".into())),
            "{got:?}"
        );
        let got = periods_with("So với tháng 12 năm 2024", None);
        assert_eq!(got, [("2024-12-01".into(), "2024-12-31".into())]);
        // A month that dates an event is not a period.
        assert!(periods_with(
            "vào tháng 02/2021 Sở đã ban hành Kế hoạch",
            Some((2021, 6, Some(1)))
        )
        .is_empty());
        assert!(
            periods_with("trong tháng 3 tổ chức 2 hội nghị", Some((2021, 6, Some(1)))).is_empty()
        );
    }

    #[test]
    fn school_years_terms_and_spelled_quarters() {
        assert_eq!(
            periods("từ năm học 2023-2024 đến năm học 2025-2026"),
            [("2023-09-01".to_string(), "2026-08-31".to_string())]
        );
        assert_eq!(
            periods("Đại hội nhiệm kỳ III (2019-2024)"),
            [("2019-01-01".to_string(), "2024-12-31".to_string())]
        );
        assert_eq!(
            periods("trong quý 4 của năm 2018 và quý ba năm 2024"),
            [
                ("2018-10-01".to_string(), "2018-12-31".to_string()),
                ("2024-07-01".to_string(), "2024-09-30".to_string())
            ]
        );
    }

    #[test]
    fn lunar_days_around_tet() {
        assert_eq!(
            periods_with(
                "từ ngày 28 tháng Chạp đến ngày mùng 6 Tết",
                Some((2025, 1, Some(10)))
            ),
            [("2025-01-27".to_string(), "2025-02-03".to_string())]
        );
        // A plan written in the autumn is for the coming Tết (2024: 10 February).
        assert_eq!(
            periods_with(
                "từ ngày mùng 1 Tết đến ngày 10 tháng Giêng",
                Some((2023, 12, Some(1)))
            ),
            [("2024-02-10".to_string(), "2024-02-19".to_string())]
        );
        assert!(periods_with("từ ngày 28 tháng Chạp đến ngày mùng 6 Tết", None).is_empty());
    }
}
