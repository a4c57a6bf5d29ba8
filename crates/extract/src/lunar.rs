//! Lunar dates as reports print them around Tết (`28 tháng Chạp`, `mùng 6 Tết`).
//!
//! The Vietnamese lunar calendar counts months from new moons at UTC+7. A
//! report names at most the last month of one lunar year (tháng Chạp) and the
//! first month of the next (tháng Giêng, `Tết`), so two facts suffice: the
//! date of Tết (first day of month 1) for each year a report can name, kept
//! as a table, and the length of tháng Chạp, which is the distance between
//! the new moons before and at Tết. The new moon of lunation `k` is Meeus'
//! mean-phase formula with the main periodic terms (Astronomical Algorithms,
//! ch. 49) — written here because no maintained crate gives Vietnamese (UTC+7)
//! lunar months, and the Tết table checks it.

use crate::dates::days_in_month;

/// Tết Nguyên đán (lunar 1/1) in Vietnam, (year, month, day), 1990–2040.
/// Vietnam's calendar runs on UTC+7, so 2007's Tết is 17 February and 2030's 2 February (China: 18, 3).
const TET: &[(i32, u32, u32)] = &[
    (1990, 1, 27),
    (1991, 2, 15),
    (1992, 2, 4),
    (1993, 1, 23),
    (1994, 2, 10),
    (1995, 1, 31),
    (1996, 2, 19),
    (1997, 2, 7),
    (1998, 1, 28),
    (1999, 2, 16),
    (2000, 2, 5),
    (2001, 1, 24),
    (2002, 2, 12),
    (2003, 2, 1),
    (2004, 1, 22),
    (2005, 2, 9),
    (2006, 1, 29),
    (2007, 2, 17),
    (2008, 2, 7),
    (2009, 1, 26),
    (2010, 2, 14),
    (2011, 2, 3),
    (2012, 1, 23),
    (2013, 2, 10),
    (2014, 1, 31),
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 2),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
    (2036, 1, 28),
    (2037, 2, 15),
    (2038, 2, 4),
    (2039, 1, 24),
    (2040, 2, 12),
];

/// Julian day number of a Gregorian date.
pub(crate) fn julian_day(y: i32, m: u32, d: u32) -> i64 {
    let a = (14 - m as i64) / 12;
    let yy = y as i64 + 4800 - a;
    let mm = m as i64 + 12 * a - 3;
    d as i64 + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045
}

/// Gregorian date of a Julian day number.
pub(crate) fn from_julian_day(jd: i64) -> (i32, u32, u32) {
    let a = jd + 32044;
    let b = (4 * a + 3) / 146097;
    let c = a - b * 146097 / 4;
    let d = (4 * c + 3) / 1461;
    let e = c - 1461 * d / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = b * 100 + d - 4800 + m / 10;
    (year as i32, month as u32, day as u32)
}

/// The day (Julian day number, at UTC+7) of the new moon of lunation `k`
/// (lunation 0 is the new moon of 1900-01-01).
fn new_moon_day(k: i64) -> i64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = std::f64::consts::PI / 180.0;
    let mut jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * dr).sin();
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 -= 0.4068 * (mpr * dr).sin() - 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 += 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 -= 0.0074 * (dr * (m - mpr)).sin() - 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 -= 0.0004 * (dr * (2.0 * f - m)).sin() + 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 += 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    let jd_new = jd + c1 - delta_t;
    (jd_new + 0.5 + 7.0 / 24.0).floor() as i64
}

/// Julian day of Tết of `year`, from the table.
fn tet_day(year: i32) -> Option<i64> {
    TET.iter()
        .find(|(y, _, _)| *y == year)
        .map(|&(y, m, d)| julian_day(y, m, d))
}

/// Julian day of the first day of tháng Chạp (lunar month 12) before Tết of `year`.
fn chap_start(year: i32) -> Option<i64> {
    let tet = tet_day(year)?;
    let k = ((tet as f64 - 2415021.076998695) / 29.530588853).round() as i64;
    // The lunation whose new moon is Tết; the one before opens tháng Chạp.
    let k = (k - 1..=k + 1).find(|&k| new_moon_day(k) == tet)?;
    Some(new_moon_day(k - 1))
}

/// The solar date of lunar day `day` of month 1 (`Tết`, tháng Giêng) of the
/// lunar year that begins in solar `year`.
pub(crate) fn first_month_day(year: i32, day: u32) -> Option<(i32, u32, u32)> {
    if !(1..=30).contains(&day) {
        return None;
    }
    Some(from_julian_day(tet_day(year)? + day as i64 - 1))
}

/// The solar date of lunar day `day` of tháng Chạp that precedes Tết of solar `year`.
pub(crate) fn chap_day(year: i32, day: u32) -> Option<(i32, u32, u32)> {
    let start = chap_start(year)?;
    let len = tet_day(year)? - start;
    if day == 0 || day as i64 > len {
        return None;
    }
    Some(from_julian_day(start + day as i64 - 1))
}

/// Whether a solar date is valid (used by tests and callers that build dates).
#[allow(dead_code)]
fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn julian_days_round_trip() {
        assert_eq!(julian_day(2000, 1, 1), 2451545);
        for jd in [2415021, 2451545, 2460000, 2466000] {
            assert_eq!(
                julian_day(
                    from_julian_day(jd).0,
                    from_julian_day(jd).1,
                    from_julian_day(jd).2
                ),
                jd
            );
        }
    }

    #[test]
    fn the_new_moon_formula_agrees_with_every_tet_in_the_table() {
        for &(y, m, d) in TET {
            assert!(valid(y, m, d));
            assert!(chap_start(y).is_some(), "no new moon on Tết {y}");
        }
    }

    #[test]
    fn known_tet_dates_and_days_around_them() {
        assert_eq!(first_month_day(2025, 1), Some((2025, 1, 29)));
        assert_eq!(first_month_day(2025, 6), Some((2025, 2, 3)));
        assert_eq!(first_month_day(2024, 1), Some((2024, 2, 10)));
        assert_eq!(first_month_day(2021, 1), Some((2021, 2, 12)));
        // 2025: tháng Chạp of Giáp Thìn had 29 days (30 Tết fell on no day).
        assert_eq!(chap_day(2025, 28), Some((2025, 1, 27)));
        assert_eq!(chap_day(2025, 29), Some((2025, 1, 28)));
        assert_eq!(chap_day(2025, 30), None);
        // 2024: Chạp of Quý Mão opened on 11 January 2024.
        assert_eq!(chap_day(2024, 1), Some((2024, 1, 11)));
        assert_eq!(first_month_day(1989, 1), None);
        assert_eq!(first_month_day(2025, 0), None);
    }
}
