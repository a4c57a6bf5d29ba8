//! ISO dates (as the extractor writes them) to tantivy dates and years.

use tantivy::DateTime;

use crate::error::IndexError;

/// Year, month and day of an ISO date that may lack its day or month
/// (`2021-06` is June 2021); missing parts are taken as 1.
pub(crate) fn parse_iso(s: &str) -> Option<(i64, u32, u32)> {
    let mut parts = s.trim().split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = match parts.next() {
        Some(m) => m.parse().ok()?,
        None => 1,
    };
    let day: u32 = match parts.next() {
        Some(d) => d.parse().ok()?,
        None => 1,
    };
    if parts.next().is_some()
        || !(1..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
    {
        return None;
    }
    Some((year, month, day))
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`), so no date crate is needed for whole days.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Midnight UTC of an ISO date, if it is one.
pub(crate) fn to_datetime(s: &str) -> Option<DateTime> {
    let (y, m, d) = parse_iso(s)?;
    Some(DateTime::from_timestamp_secs(
        days_from_civil(y, m, d) * 86_400,
    ))
}

/// Like [`to_datetime`] but for a user's argument: an error names the input.
/// With `end` set, a partial date means its last day (`--to 2021` is the end of 2021).
pub(crate) fn parse_arg(s: &str, end: bool) -> Result<DateTime, IndexError> {
    let bad = || IndexError::BadDate(s.to_string());
    let (y, m, d) = parse_iso(s).ok_or_else(bad)?;
    let parts = s.trim().split('-').count();
    let (m, d) = match (end, parts) {
        (true, 1) => (12, 31),
        (true, 2) => (m, days_in_month(y, m)),
        _ => (m, d),
    };
    Ok(DateTime::from_timestamp_secs(
        days_from_civil(y, m, d) * 86_400,
    ))
}

/// Seconds since 1970 as RFC 3339 UTC (`2026-11-22T04:00:14Z`).
pub(crate) fn rfc3339_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`), so no date crate is needed.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2021, 6, 15), 18_793);
    }

    #[test]
    fn partial_and_bad_dates() {
        assert_eq!(parse_iso("2021-06"), Some((2021, 6, 1)));
        assert_eq!(parse_iso("2021"), Some((2021, 1, 1)));
        assert_eq!(parse_iso("2021-02-30"), None);
        assert_eq!(parse_iso("15/06/2021"), None);
        let end = parse_arg("2021", true).unwrap();
        assert_eq!(end, to_datetime("2021-12-31").unwrap());
        let feb = parse_arg("2024-02", true).unwrap();
        assert_eq!(feb, to_datetime("2024-02-29").unwrap());
        assert!(matches!(parse_arg("x", false), Err(IndexError::BadDate(_))));
    }
    #[test]
    fn timestamps_format_as_rfc3339_utc() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_795_320_014), "2026-11-22T04:00:14Z");
        assert_eq!(rfc3339_utc(-1), "1969-12-31T23:59:59Z");
    }
}
