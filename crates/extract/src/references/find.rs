//! Finding mentions: every full number with its type word, raw start and
//! compound siblings, then the short back-references (`Nghị định 140`).

use std::ops::Range;

use super::grammar::*;
use super::Hit;
use crate::issuers::{is_party, kind_for_code, PARTY_ISSUERS};

/// Words after a short number that make it a quantity, not a document (`Báo cáo 6 tháng`).
pub(super) const QUANTITY_WORDS: &[&str] = &[
    "tháng", "năm", "quý", "ngày", "tuần", "lần", "điểm", "giờ", "người", "%", "nội", "nhiệm",
    "tiêu", "văn", "hồ", "thủ", "lượt", "đơn", "cá", "triệu", "tỷ", "nghìn", "đồng", "bước", "mục",
    "điều", "khoản", "bản", "trang", "tập", "cuốn", "kỳ", "đợt", "buổi", "lớp", "hội",
];

/// Full numbers with their kind, raw start and compound siblings.
pub(super) fn full_hits(text: &str, page: usize) -> Vec<Hit> {
    let urls: Vec<Range<usize>> = url_matches(text)
        .filter_map(|c| c.get(0).map(|m| m.range()))
        .collect();
    let mut cands: Vec<(Range<usize>, String)> = Vec::new();
    for (base, c) in admin_hits(text) {
        let (Some(all), Some(n), Some(sym)) = (c.get(0), c.name("n"), c.name("sym")) else {
            continue;
        };
        if !number_start_ok(text, base + n.start()) {
            continue;
        }
        let sym_s = fix_dot(&squeeze(sym.as_str()));
        if !symbol_ok(&sym_s) {
            continue;
        }
        let mut sym_s = fix_glued(&sym_s);
        let mut end = base + all.end();
        // A second slash belongs to a joint symbol only (`118/2003/TTLT/BYT-BTC`).
        if let Some(j) = c.name("joint") {
            if is_joint(&sym_s) {
                sym_s = format!("{sym_s}/{}", squeeze(j.as_str()));
            } else {
                end = base + j.start() - 1;
            }
        }
        match c.name("unit") {
            Some(u) if end == base + all.end() => sym_s = format!("{sym_s}({})", u.as_str()),
            Some(_) => {}
            None => {}
        }
        let num = match c.name("y") {
            Some(y) => format!("{}/{}/{}", n.as_str(), y.as_str(), sym_s),
            None => format!("{}/{}", n.as_str(), sym_s),
        };
        cands.push((base + all.start()..end, num));
    }
    for c in LOWER.captures_iter(text) {
        let (Some(all), Some(n), Some(y), Some(sym)) =
            (c.get(0), c.name("n"), c.name("y"), c.name("sym"))
        else {
            continue;
        };
        let head = sym.as_str().split('-').next().unwrap_or("");
        if !number_start_ok(text, n.start())
            || crate::boundary::word_at(text, all.end())
            || crate::issuers::known_code(head).is_none_or(|c| kind_for_code(c).is_none())
        {
            continue;
        }
        let num = format!(
            "{}/{}/{}",
            n.as_str(),
            y.as_str(),
            restore_case(sym.as_str())
        );
        cands.push((all.range(), num));
    }
    for c in UNDERSCORE.captures_iter(text) {
        let (Some(all), Some(n), Some(a), Some(b)) =
            (c.get(0), c.name("n"), c.name("a"), c.name("b"))
        else {
            continue;
        };
        if !number_start_ok(text, n.start()) || crate::boundary::word_at(text, all.end()) {
            continue;
        }
        let sym = format!("{}-{}", a.as_str(), b.as_str());
        let num = match c.name("y") {
            Some(y) => format!("{}/{}/{sym}", n.as_str(), y.as_str()),
            None => format!("{}/{sym}", n.as_str()),
        };
        cands.push((all.range(), num));
    }
    for c in OLD_STYLE.captures_iter(text) {
        let (Some(all), Some(n), Some(sym)) = (c.get(0), c.name("n"), c.name("sym")) else {
            continue;
        };
        // Only after `số`: without a year the shape is too common to trust alone.
        let before = text[..n.start()].trim_end_matches([' ', '\u{a0}']);
        let after_so = before.len() < n.start()
            && ((before.ends_with("số") || before.ends_with("Số"))
                && !crate::boundary::word_before(before, before.len() - "số".len())
                // `Nghị định 64-CP`, `Thông tư 91-TC/TCT`: the type word names it a document.
                || crate::vocab::ends_with_cited_type_word(before));
        if !after_so
            || !number_start_ok(text, n.start())
            || crate::boundary::word_at(text, all.end())
            || text[all.end()..].starts_with(['/', '-'])
            || !symbol_ok(sym.as_str())
        {
            continue;
        }
        cands.push((all.range(), format!("{}-{}", n.as_str(), sym.as_str())));
    }
    for c in party_matches(text) {
        let (Some(all), Some(n), Some(sep), Some(t), Some(i)) = (
            c.get(0),
            c.name("n"),
            c.name("sep"),
            c.name("t"),
            c.name("i"),
        ) else {
            continue;
        };
        if !number_start_ok(text, n.start()) {
            continue;
        }
        let spaced = !sep
            .as_str()
            .contains(|c: char| "-\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}".contains(c));
        // Without a hyphen (`29 KL/TU`) only a true party issuer code makes it a number.
        if spaced && (!PARTY_ISSUERS.contains(&i.as_str()) || kind_for_code(t.as_str()).is_none()) {
            continue;
        }
        if !PARTY_ISSUERS.contains(&i.as_str()) && kind_for_code(t.as_str()).is_none() {
            continue;
        }
        cands.push((
            all.range(),
            format!("{}-{}/{}", n.as_str(), t.as_str(), i.as_str()),
        ));
    }
    cands.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut hits: Vec<Hit> = Vec::new();
    let mut last_end = 0;
    for (r, number) in cands {
        if r.start < last_end || urls.iter().any(|u| u.start <= r.start && r.start < u.end) {
            continue;
        }
        if is_standard(&text[..r.start]) || is_form_code(&text[..r.start]) {
            continue;
        }
        last_end = r.end;
        let number = number.replace('Ð', "Đ");
        let (lead_start, siblings) = compound_lead(text, r.start, &number);
        let (kind, raw_start, from_text) = kind_of(text, lead_start, &number, &hits);
        let base = Hit {
            page,
            span: raw_start..r.end,
            num_start: r.start,
            number,
            short: false,
            kind,
            kind_from_text: from_text,
            date: None,
            issuer: None,
            tail_end: r.end,
            own_tail: false,
        };
        for s in siblings {
            let mut h = base.clone();
            h.number = s;
            hits.push(h);
        }
        hits.push(base);
    }
    hits
}

/// For `số 18, 19-NQ/TW`: where the compound starts and the sibling numbers it names.
pub(super) fn compound_lead(text: &str, num_start: usize, number: &str) -> (usize, Vec<String>) {
    let from = floor_boundary(text, num_start.saturating_sub(60));
    let left = &text[from..num_start];
    let Some(c) = COMPOUND.captures(left) else {
        return (num_start, Vec::new());
    };
    let Some(list) = c.get(1) else {
        return (num_start, Vec::new());
    };
    let Some((head, tail)) = split_number(number) else {
        return (num_start, Vec::new());
    };
    let _ = head;
    let sibs = list
        .as_str()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|n| format!("{n}{tail}"))
        .collect();
    (from + list.start(), sibs)
}

/// The kind of the document whose number starts at `start`, where its raw
/// mention starts, and whether the text (not the symbol) gave the kind.
/// Whether the number after `before` is a form's code (`Mẫu số 01a/CCGT`,
/// `mẫu 11/THE`): a template the text fills in, not a cited document.
fn is_form_code(before: &str) -> bool {
    let t = before.trim_end_matches([' ', '\u{a0}', ':']);
    let t = t
        .strip_suffix("số")
        .or_else(|| t.strip_suffix("Số"))
        .map_or(t, |s| s.trim_end_matches([' ', '\u{a0}']));
    ["Mẫu", "mẫu", "MẪU", "Biểu mẫu", "biểu mẫu"]
        .iter()
        .any(|w| {
            t.strip_suffix(w)
                .is_some_and(|b| !b.ends_with(|c: char| c.is_alphanumeric()))
        })
}

pub(super) fn kind_of(
    text: &str,
    start: usize,
    number: &str,
    prev: &[Hit],
) -> (Option<String>, usize, bool) {
    let from = floor_boundary(text, start.saturating_sub(160));
    let left = &text[from..start];
    // `số` right before the number (and the colon of `các Nghị định: Số`).
    let trimmed = left.trim_end();
    let so_start = trimmed
        .strip_suffix("số")
        .or_else(|| trimmed.strip_suffix("Số"))
        .filter(|s| !s.ends_with(|c: char| c.is_alphanumeric()))
        .map(|s| from + s.len());
    // Last type word in the window, with nothing but `số`, a colon or a short title between.
    let last_type_word = type_word_matches(left).last();
    if let Some(tw) = last_type_word.as_ref().and_then(|c| c.name("m")) {
        let gap = &left[tw.end()..];
        if gap_is_direct(gap) || gap_is_title(gap) {
            let mut kind = sentence_case(tw.as_str());
            // `Văn bản Hướng dẫn số` is a Hướng dẫn; abbreviations name their type.
            if let Some(k) = crate::vocab::kind_for_abbr(tw.as_str()) {
                kind = k.to_string();
            }
            return (Some(kind), from + tw.start(), true);
        }
    }
    // A list item `…, số 1011-CTr/TU`: the nearest earlier item with the same type code.
    if let Some(so) = so_start {
        let code = type_code(number);
        if let Some(h) = prev.iter().rev().find(|h| {
            h.kind_from_text
                && type_code(&h.number) == code
                && h.span.end <= start
                && start - h.span.end < 400
                && !has_sentence_break(&text[h.span.end..so])
        }) {
            return (h.kind.clone(), so, true);
        }
        return (kind_from_symbol(number), so, false);
    }
    (kind_from_symbol(number), start, false)
}

/// `số`, colons and spaces only.
pub(super) fn gap_is_direct(gap: &str) -> bool {
    let g = gap.trim_matches(|c: char| c.is_whitespace() || c == ':');
    g.is_empty() || g == "số" || g == "Số"
}

/// A short title or `của X` between type word and `số` (`Luật ngân sách nhà nước số`,
/// `Chương trình hành động của Tỉnh ủy: số`).
pub(super) fn gap_is_title(gap: &str) -> bool {
    let g = gap.trim_end();
    let Some(body) = g.strip_suffix("số").or_else(|| g.strip_suffix("Số")) else {
        return false;
    };
    let body = body.trim_end_matches([':', ' ']);
    let words = body.split_whitespace().count();
    (1..=9).contains(&words)
        && !body.contains(|c: char| c.is_ascii_digit() || ",;.()[]/\t".contains(c))
}

/// The type code in a canonical number (`KH` in `41/KH-SNgV`, `CTr` in `920-CTr/TU`).
pub(super) fn type_code(number: &str) -> Option<String> {
    if is_party(number) {
        let rest = number.split_once('-')?.1;
        return rest.split('/').next().map(str::to_string);
    }
    let sym = number.rsplit('/').next()?;
    let first = sym.split('-').next()?;
    kind_for_code(first).map(|_| first.to_string())
}

/// Kind from the symbol: its type code, a law of the legislature, else a công văn.
pub(super) fn kind_from_symbol(number: &str) -> Option<String> {
    if let Some(code) = type_code(number) {
        return kind_for_code(&code).map(str::to_string);
    }
    let sym = number.rsplit('/').next().unwrap_or("");
    if sym.starts_with("QH") || sym.starts_with("UBTVQH") {
        return None;
    }
    // Nghị định 30/2020 gives a công văn no type code: `số/ISSUER-UNIT`.
    Some("Công văn".to_string())
}

/// Short back-references (`Nghị định 140`, `Chương trình hành động 920, 1011`).
pub(super) fn short_hits(text: &str, page: usize, full: &[Hit]) -> Vec<Hit> {
    let mut out = Vec::new();
    for c in short_matches(text) {
        let (Some(all), Some(kind), Some(nums)) = (c.get(0), c.name("kind"), c.name("nums")) else {
            continue;
        };
        if full
            .iter()
            .any(|h| h.span.start < all.end() && all.start() < h.span.end.max(h.num_start + 1))
        {
            continue;
        }
        let after = &text[nums.end()..];
        // A full number continues (`18, 19-NQ/TW` is handled as a compound).
        if after
            .trim_start_matches([' ', '\t'])
            .starts_with(['/', '-', '.'])
            && after.trim_start_matches([' ', '\t'])[1..].starts_with(|c: char| c.is_alphanumeric())
        {
            continue;
        }
        let next_word: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '%')
            .collect::<String>()
            .to_lowercase();
        if QUANTITY_WORDS.contains(&next_word.as_str()) || after.starts_with('%') {
            continue;
        }
        for n in nums.as_str().split([',']).flat_map(|s| s.split(" và ")) {
            let n = n.trim();
            if n.is_empty() {
                continue;
            }
            // A bare year (`Kế hoạch 2021`) is a period, not a number.
            if n.len() == 4 && n.parse::<u32>().is_ok_and(|y| (1945..=2100).contains(&y)) {
                continue;
            }
            out.push(Hit {
                page,
                span: all.range(),
                num_start: nums.start(),
                number: n.to_string(),
                short: true,
                kind: Some(clean_name(kind.as_str())),
                kind_from_text: true,
                date: None,
                issuer: None,
                tail_end: all.end(),
                own_tail: false,
            });
        }
    }
    // `QĐ1457`: a type abbreviation glued to a short number.
    for c in GLUED.captures_iter(text) {
        let (Some(all), Some(abbr), Some(n)) = (c.get(0), c.name("abbr"), c.name("n")) else {
            continue;
        };
        if crate::boundary::word_before(text, all.start())
            || crate::boundary::word_at(text, all.end())
            || text[all.end()..].starts_with([':', '_'])
            || text[all.end()..].starts_with(['/', '-', '.', ','])
                && text[all.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
            || full
                .iter()
                .any(|h| h.span.start < all.end() && all.start() < h.span.end)
        {
            continue;
        }
        // `KH2024` names a year's plan, not a number.
        if n.as_str().len() == 4
            && n.as_str()
                .parse::<u32>()
                .is_ok_and(|y| (1945..=2100).contains(&y))
        {
            continue;
        }
        let digits = n.as_str();
        let ok = match c.name("sep") {
            // Glued: two digits or more, not opening with 0 (`QĐ1457`, `NQ05` is `NQ` + `05`… kept as before).
            None => digits.len() >= 2 && !digits.starts_with('0'),
            // Set apart: only the abbreviations no table column or company uses
            // (`TT 5` is a serial number, `CT 3` a company).
            Some(_) => matches!(abbr.as_str(), "QĐ" | "NĐ" | "NQ"),
        };
        if !ok || digits.trim_start_matches('0').is_empty() {
            continue;
        }
        let Some(kind) = crate::vocab::kind_for_abbr(abbr.as_str()) else {
            continue;
        };
        out.push(Hit {
            page,
            span: all.range(),
            num_start: n.start(),
            number: n.as_str().trim_start_matches('0').to_string(),
            short: true,
            kind: Some(kind.to_string()),
            kind_from_text: true,
            date: None,
            issuer: None,
            tail_end: all.end(),
            own_tail: false,
        });
    }
    out
}

/// `60/20021/NĐ-CP`: a year with one stray digit is the year, among those one
/// deleted digit leaves, that the mention's own date or another mention of
/// the same ordinal and symbol confirms.
pub(super) fn repair_years(hits: &mut [Hit]) {
    let parts = |n: &str| -> Option<(String, String, String)> {
        let mut it = n.splitn(3, '/');
        Some((
            it.next()?.to_string(),
            it.next()?.to_string(),
            it.next()?.to_string(),
        ))
    };
    let known: Vec<(String, String, String)> = hits
        .iter()
        .filter(|h| !h.short)
        .filter_map(|h| parts(&h.number))
        .filter(|(_, y, _)| y.len() == 4)
        .collect();
    for h in hits.iter_mut().filter(|h| !h.short) {
        let Some((n, y, sym)) = parts(&h.number) else {
            continue;
        };
        if y.len() != 5 || !y.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let candidates: Vec<String> = (0..5)
            .map(|i| format!("{}{}", &y[..i], &y[i + 1..]))
            .filter(|c| c.parse::<i32>().is_ok_and(|v| (1945..=2100).contains(&v)))
            .collect();
        let by_date = h
            .date
            .map(|d| d.year.to_string())
            .filter(|d| candidates.contains(d));
        let by_other = || {
            known
                .iter()
                .find(|(kn, ky, ks)| *kn == n && *ks == sym && candidates.contains(ky))
                .map(|(_, ky, _)| ky.clone())
        };
        if let Some(fixed) = by_date.or_else(by_other) {
            h.number = format!("{n}/{fixed}/{sym}");
        }
    }
}
