//! Bare figures in tables that say they hold money.
//!
//! Tables are rendered one row per line with cells separated by tabs. A bare
//! number in a cell is money when
//! - its column header names a money unit (`Đơn giá (đồng)`, `Thành tiền (VNĐ)`,
//!   `Giá (đồng/kg)`, `Kinh phí (triệu đồng)`), or
//! - its row has a unit cell (`đồng/kg` in a price report's `ĐVT` column) and
//!   the cell stands after it, or
//! - the table has a caption unit (`ĐVT: triệu đồng`, `Đơn vị tính: nghìn đồng`)
//!   and the cell stands after the row's label,
//!
//! and, for the last two, its column header is not one of counts, shares,
//! serial numbers or scores (`STT`, `Số lượng`, `Tỷ lệ (%)`, `Điểm`…).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use vanban_text::PreparedPage;

use super::{make_money, parse_unit_phrase, MoneyUnit};
use crate::facts::Money;
use crate::numbers::parse_figure;

/// A caption or header that states the unit: `ĐVT: triệu đồng`, `(Đơn vị tính: đồng)`.
static UNIT_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:đvt|đơn\s+vị\s+tính|đơn\s+vị)\s*[:：]\s*([^)\t\n;]+)")
        .expect("unit caption regex")
});

/// Parenthesised parts of a header: `Đơn giá (đồng)`.
static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()]*)\)").expect("parenthesis regex"));

/// Header words of columns that hold no money even under a money caption.
const NON_MONEY_HEADERS: &[&str] = &[
    "%",
    "tỷ lệ",
    "tỉ lệ",
    "số lượng",
    "stt",
    "ghi chú",
    "điểm",
    "diện tích",
    "khối lượng",
    "dân số",
    "số người",
    "số hộ",
    "mã",
    "chỉ số",
    "đvt",
    "đơn vị tính",
    "năm sinh",
    "số hồ sơ",
    "số lần",
    "thời gian",
];

/// One cell: its byte range in `page.lines` and its text.
type Cell<'a> = (Range<usize>, &'a str);

/// Finds the money figures among bare numbers in the page's tables.
pub(super) fn table_figures(page: &PreparedPage) -> Vec<Money> {
    let text = page.lines.as_str();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        lines.push((pos, line));
        pos += line.len() + 1;
    }
    let mut out = Vec::new();
    let spaced = spaced_tables(&lines);
    let mut i = 0;
    let is_row_at = |k: usize| {
        let l = lines[k].1;
        l.contains('\t') || spaced[k] || spaced_price_row(l)
    };
    while i < lines.len() {
        if !is_row_at(i) {
            i += 1;
            continue;
        }
        // A table: tab rows, possibly with blank lines between them.
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < lines.len() {
            if is_row_at(j) {
                end = j;
            } else if !lines[j].1.trim().is_empty() {
                break;
            }
            j += 1;
        }
        let caption = caption_unit(&lines[start.saturating_sub(4)..start]);
        let rows: Vec<Vec<Cell>> = (start..=end)
            .filter(|&k| is_row_at(k))
            .map(|k| split_cells(lines[k].0, lines[k].1))
            .collect();
        table_rows(page, &rows, caption, &mut out);
        i = end + 1;
    }
    out
}

/// The unit a caption line just above a table states.
fn caption_unit(lines: &[(usize, &str)]) -> Option<MoneyUnit> {
    lines.iter().rev().find_map(|(_, l)| unit_in_text(l))
}

/// A money unit named in a header or caption text.
fn unit_in_text(s: &str) -> Option<MoneyUnit> {
    if let Some(u) = UNIT_CAPTION
        .captures(s)
        .and_then(|c| c.get(1))
        .and_then(|m| parse_unit_phrase(m.as_str().trim().trim_end_matches(['.', ','])))
    {
        return Some(u);
    }
    PAREN
        .captures_iter(s)
        .filter_map(|c| c.get(1))
        .find_map(|m| parse_unit_phrase(m.as_str()))
        .or_else(|| parse_unit_phrase(s))
}

/// Runs of two or more spaces, which separate the cells of a row whose
/// producer printed no tabs.
static WIDE_GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\t| {2,}").expect("gap regex"));

/// A price row laid out with spaces instead of tabs
/// (`1  Xe máy gửi ban ngày  đồng/lượt  5.500  8.500`): a cell naming a price
/// unit (`đồng/lượt`) with a numeric cell after it.
fn spaced_price_row(line: &str) -> bool {
    let cells: Vec<&str> = WIDE_GAP.split(line.trim()).map(str::trim).collect();
    let Some(u) = cells.iter().position(|c| {
        (c.contains("đồng/") || c.starts_with("đ/")) && c.split_whitespace().count() <= 3
    }) else {
        return false;
    };
    cells.len() >= 3 && cells[u + 1..].iter().any(|c| numeric_cell(c).is_some())
}

/// Cells of a line printed without tabs, split at runs of two or more spaces.
fn spaced_cells(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        return Vec::new();
    }
    WIDE_GAP
        .split(line.trim())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Which lines are rows of tables laid out with spaces instead of tabs: a
/// header line of three or more cells, none of them a number, that names a
/// money unit in a cell (`Mức giá (nghìn đồng/kg)`, `Thành tiền (đồng)`) or
/// stands under a unit caption (`ĐVT: triệu đồng`), and the lines after it
/// that split into as many cells give or take one, with a number among them.
/// The header and its rows are then read as a tab table, whose rules keep
/// serial-number and quantity columns out.
fn spaced_tables(lines: &[(usize, &str)]) -> Vec<bool> {
    let mut rows = vec![false; lines.len()];
    let mut k = 0;
    while k < lines.len() {
        let cells = spaced_cells(lines[k].1);
        let header = cells.len() >= 3
            && cells.iter().all(|c| numeric_cell(c).is_none())
            && (cells.iter().any(|c| unit_in_text(c).is_some())
                || caption_unit(&lines[k.saturating_sub(4)..k]).is_some());
        if !header {
            k += 1;
            continue;
        }
        let width = cells.len();
        let mut j = k + 1;
        let mut last = None;
        while j < lines.len() {
            let line = lines[j].1;
            if line.trim().is_empty() {
                j += 1;
                continue;
            }
            let row = spaced_cells(line);
            let fits = row.len() + 1 >= width
                && row.len() <= width + 1
                && row.iter().any(|c| numeric_cell(c).is_some());
            if !fits {
                break;
            }
            last = Some(j);
            j += 1;
        }
        if let Some(end) = last {
            for r in rows.iter_mut().take(end + 1).skip(k) {
                *r = true;
            }
            k = end + 1;
        } else {
            k += 1;
        }
    }
    // Blank lines inside a table are not rows.
    for (r, (_, l)) in rows.iter_mut().zip(lines) {
        if l.trim().is_empty() {
            *r = false;
        }
    }
    rows
}

/// Cells of one row with their byte ranges (trimmed): split at tabs, or at
/// runs of two or more spaces in a row printed without tabs.
fn split_cells(offset: usize, line: &str) -> Vec<Cell<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let spaced = !line.contains('\t');
    let mut push = |from: usize, to: usize| {
        let cell = &line[from..to];
        let lead = cell.len() - cell.trim_start().len();
        let t = cell.trim();
        let s = offset + from + lead;
        out.push((s..s + t.len(), t));
    };
    if spaced {
        for m in WIDE_GAP.find_iter(line) {
            push(pos, m.start());
            pos = m.end();
        }
        push(pos, line.len());
    } else {
        for cell in line.split('\t') {
            push(pos, pos + cell.len());
            pos += cell.len() + 1;
        }
    }
    out
}

/// A bare number (or a range of two) in a cell: spans within the cell, sign.
fn numeric_cell(cell: &str) -> Option<Vec<(Range<usize>, &str, bool)>> {
    static NUM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\()?([+\-−]\s?)?(\d[\d.,\x20\x{A0}]*\d|\d)(\))?(?:\s*[-–]\s*(\d[\d.,]*\d|\d))?$",
        )
        .expect("numeric cell regex")
    });
    let c = NUM.captures(cell)?;
    let num = c.get(3)?;
    let paren = c.get(1).is_some() && c.get(4).is_some();
    let sign = c.get(2).map(|m| m.as_str().trim());
    let negative = paren || matches!(sign, Some("-" | "−"));
    let lead = c.get(1).or(c.get(2)).map_or(num.start(), |m| m.start());
    let close = c.get(4).map_or(num.end(), |m| m.end());
    let mut out = vec![(lead..close, num.as_str(), negative)];
    if let Some(hi) = c.get(5) {
        out.push((hi.range(), hi.as_str(), false));
    }
    Some(out)
}

/// Whether a row only numbers the columns: `(1) (2) (3)` or `1 2 3`.
fn is_numbering_row(row: &[Cell]) -> bool {
    let filled: Vec<&str> = row
        .iter()
        .map(|(_, t)| *t)
        .filter(|t| !t.is_empty())
        .collect();
    filled.len() >= 3
        && filled.iter().all(|t| {
            let core = t.trim_start_matches('(').trim_end_matches(')');
            (1..=3).contains(&core.len()) && core.chars().all(|c| c.is_ascii_alphanumeric())
        })
        && filled.iter().any(|t| t.starts_with('(')) == filled.iter().all(|t| t.starts_with('('))
}

/// Whether a header keeps its column out of a caption's or row's money unit.
fn non_money_header(header: &str) -> bool {
    let h = header.to_lowercase();
    let h = h.trim();
    matches!(h, "tt" | "năm" | "số" | "sl")
        || NON_MONEY_HEADERS.iter().any(|w| {
            h.match_indices(w).any(|(i, _)| {
                // Whole words only: `mã` must not match inside `mãi`.
                let before_ok = h[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphabetic());
                let after_ok = h[i + w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphabetic());
                before_ok && after_ok
            })
        })
}

/// Emits the money figures of one table's rows.
fn table_rows(
    page: &PreparedPage,
    rows: &[Vec<Cell>],
    caption: Option<MoneyUnit>,
    out: &mut Vec<Money>,
) {
    let mut headers: Vec<String> = Vec::new();
    let mut in_header = true;
    let mut table_unit = caption;
    for row in rows {
        if is_numbering_row(row) {
            continue;
        }
        let has_number = row.iter().any(|(_, t)| numeric_cell(t).is_some());
        let has_unit_cell = row.iter().any(|(_, t)| parse_unit_phrase(t).is_some());
        if in_header && !has_number && !has_unit_cell {
            for (k, (_, t)) in row.iter().enumerate() {
                if headers.len() <= k {
                    headers.push(String::new());
                }
                if !t.is_empty() {
                    headers[k].push(' ');
                    headers[k].push_str(t);
                }
            }
            if table_unit.is_none() {
                table_unit = row
                    .iter()
                    .find_map(|(_, t)| UNIT_CAPTION.is_match(t).then(|| unit_in_text(t)).flatten());
            }
            continue;
        }
        in_header = false;
        let column_units: Vec<Option<MoneyUnit>> = headers
            .iter()
            .map(|h| {
                if UNIT_CAPTION.is_match(h) && table_unit.is_some() {
                    None
                } else {
                    unit_in_text(h)
                }
            })
            .collect();
        let label = row.iter().position(|(_, t)| {
            t.chars().any(char::is_alphabetic) && parse_unit_phrase(t).is_none()
        });
        let row_unit = row
            .iter()
            .enumerate()
            .find_map(|(k, (_, t))| parse_unit_phrase(t).map(|u| (k, u)));
        for (k, (range, t)) in row.iter().enumerate() {
            let Some(nums) = numeric_cell(t) else {
                continue;
            };
            let header = headers.get(k).map_or("", String::as_str);
            // A serial-number, count or share column holds no money even when a
            // header broken over lines lends it a neighbour's unit (`STT (đồng/tháng)`).
            let unit = if non_money_header(header) {
                continue;
            } else if let Some(u) = column_units.get(k).cloned().flatten() {
                u
            } else if let Some((_, u)) = row_unit.as_ref().filter(|(rk, _)| k > *rk) {
                u.clone()
            } else if let Some(u) = table_unit.as_ref().filter(|_| label.is_some_and(|l| k > l)) {
                u.clone()
            } else {
                continue;
            };
            for (span, digits, negative) in nums {
                let Some(value) = parse_figure(digits, unit.factor > 1) else {
                    continue;
                };
                // Whole đồng: a fraction under a đồng unit is a share or a score column.
                if unit.factor == 1 && unit.currency == "VND" && !value.is_integer() {
                    continue;
                }
                let span = range.start + span.start..range.start + span.end;
                if let Some(m) = make_money(page, &page.lines, span, value, &unit, negative) {
                    out.push(m);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_text::prepare_page;

    fn figures(text: &str) -> Vec<(Option<i64>, Option<String>, bool)> {
        let page = prepare_page(1, text.to_string());
        table_figures(&page)
            .into_iter()
            .map(|m| (m.vnd, m.per, m.negative))
            .collect()
    }

    #[test]
    fn money_headed_columns() {
        let t = "STT\tNội dung\tSố lượng\tĐơn giá (đồng)\tThành tiền (VNĐ)\n\
                 1\tIn tài liệu\t100\t15.000\t1.500.000\n\
                 2\tNước uống\t50\t10.000\t500.000\n";
        let v: Vec<_> = figures(t).into_iter().map(|f| f.0).collect();
        assert_eq!(
            v,
            [Some(15_000), Some(1_500_000), Some(10_000), Some(500_000)]
        );
    }

    #[test]
    fn caption_unit_applies_after_the_label() {
        let t = "ĐVT: triệu đồng\n\
                 STT\tNội dung\tNăm 2021\tNăm 2022\tTỷ lệ (%)\n\
                 1\tChi thường xuyên\t1.250\t1.300,5\t104\n";
        let v: Vec<_> = figures(t).into_iter().map(|f| f.0).collect();
        assert_eq!(v, [Some(1_250_000_000), Some(1_300_500_000)]);
    }

    #[test]
    fn price_rows_with_a_unit_cell() {
        let t = "TT\tMặt hàng\tĐVT\tGiá kỳ trước\tGiá kỳ này\tMức tăng/giảm\tTỷ lệ %\n\
                 (1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\n\
                 1\tGạo tẻ thường\tđồng/kg\t12.000\t12.500\t+500\t4,17\n\
                 2\tThịt lợn hơi\tđồng/kg\t52.000 - 54.000\t51.987\t(13)\t-0,02\n\
                 3\tXăng RON 95\tlít\t23.000\t23.500\t500\t2,17\n";
        let f = figures(t);
        let v: Vec<_> = f.iter().map(|f| f.0).collect();
        assert_eq!(
            v,
            [
                Some(12_000),
                Some(12_500),
                Some(500),
                Some(52_000),
                Some(54_000),
                Some(51_987),
                Some(-13)
            ]
        );
        assert_eq!(f[0].1.as_deref(), Some("kg"));
        assert!(f[6].2);
    }

    #[test]
    fn serial_numbers_stay_out_under_a_header_broken_over_lines() {
        let t = "STT\tTên gói dịch vụ\tĐơn giá\n(đồng/tháng/gói)\tThời gian\n1\tGói cơ bản\t150.000\t12\n2\tGói nâng cao\t300.000\t6\n";
        let v: Vec<_> = figures(t).into_iter().map(|f| f.0).collect();
        assert!(!v.contains(&Some(1)) && !v.contains(&Some(2)), "{v:?}");
    }

    #[test]
    fn tables_without_money_units_give_nothing() {
        let t =
            "TT\tNội dung\tSố hồ sơ\tĐiểm\n1\tTiêu chí 1.1\t39\t1.216\n2\tTiêu chí 2\t12\t0,5\n";
        assert!(figures(t).is_empty());
    }

    #[test]
    fn rows_laid_out_with_spaces_and_a_unit_column() {
        let t = "1  Xe đạp gửi ban ngày  đồng/lượt  2.000  3.000\n2  Ô tô dưới 7 chỗ  đồng/lượt  25.000  30.000\n";
        let v: Vec<_> = figures(t).into_iter().map(|f| f.0).collect();
        assert_eq!(v, [Some(2_000), Some(3_000), Some(25_000), Some(30_000)]);
        // Justified prose with wide gaps and no price unit cell is no table.
        assert!(figures("tham   gia   ý   kiến   đối   với   30   văn   bản\n").is_empty());
        assert!(figures("Số   lượng   hồ   sơ  1.250  đã giải quyết\n").is_empty());
    }

    #[test]
    fn spaced_tables_with_a_unit_in_the_header_or_caption() {
        let t = "STT   Mặt hàng            Mức giá (nghìn đồng/kg)   Ghi chú\n\
                 1     Gạo tẻ thường       14,5                      \n\
                 2     Thịt lợn hơi        62                        giảm\n\
                 3     Cá tra              28,5                      ổn định\n";
        let f = figures(t);
        let v: Vec<_> = f.iter().map(|f| f.0).collect();
        assert_eq!(v, [Some(14_500), Some(62_000), Some(28_500)]);
        assert_eq!(f[0].1.as_deref(), Some("kg"));
        let t = "ĐVT: triệu đồng\n\
                 STT   Nội dung            Số lượng   Dự toán   Thực hiện\n\
                 1     Chi sự nghiệp       12         1.250     1.180\n\
                 2     Chi đầu tư phát triển   3      4.500     4.320,5\n";
        let v: Vec<_> = figures(t).into_iter().map(|f| f.0).collect();
        assert_eq!(
            v,
            [
                Some(1_250_000_000),
                Some(1_180_000_000),
                Some(4_500_000_000),
                Some(4_320_500_000)
            ]
        );
        // A spaced table with no money unit anywhere gives nothing.
        let t = "STT   Đơn vị        Số hồ sơ   Đúng hạn\n1     Huyện A       1.250      1.200\n";
        assert!(figures(t).is_empty());
        // Justified prose under a caption is no table.
        let t = "ĐVT: đồng\nNăm  2024  Sở  đã  tiếp  nhận  hồ  sơ\n";
        assert!(figures(t).is_empty());
    }
}
