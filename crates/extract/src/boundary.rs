//! Unicode word boundaries checked in code instead of in the regex.
//!
//! A Unicode `\b` in a pattern makes the regex crate give up its DFA engines on
//! any non-ASCII haystack (Vietnamese text always is one), so every search ran
//! the backtracker or the PikeVM over the whole page. Patterns here are written
//! without the boundary and the boundary is checked on the match instead.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// The regex crate's own Unicode `\w`, so the checks below mean exactly what
/// `\b` meant in the patterns they replace (alphanumerics, marks, digits,
/// connector punctuation, join controls).
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("word char regex"));

/// Whether `c` is a word character for the regex crate's Unicode `\b`.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let mut buf = [0u8; 4];
    WORD.is_match(c.encode_utf8(&mut buf))
}

/// Whether the character right before byte `pos` is a word character.
pub(crate) fn word_before(text: &str, pos: usize) -> bool {
    text.get(..pos)
        .and_then(|s| s.chars().next_back())
        .is_some_and(is_word_char)
}

/// Whether the character starting at byte `pos` is a word character.
pub(crate) fn word_at(text: &str, pos: usize) -> bool {
    text.get(pos..)
        .and_then(|s| s.chars().next())
        .is_some_and(is_word_char)
}

/// Whether a Unicode `\b` holds at byte `pos`.
pub(crate) fn is_boundary(text: &str, pos: usize) -> bool {
    word_before(text, pos) != word_at(text, pos)
}

/// Byte length of the character at `pos` (1 past the end, so searches always advance).
pub(crate) fn char_len_at(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
}

/// The first captures of `re` starting at or after `from` that pass `ok`.
///
/// `re` is a pattern with a boundary taken out, and `ok` puts it back. This is
/// exact when, at every start position, the original pattern matches if and
/// only if `re` does and `ok` holds, with the same captures: then a rejected
/// start cannot begin an original match, and the search resumes one character
/// later (`captures_at` keeps the text before `from` as context).
pub(crate) fn captures_checked<'h>(
    re: &Regex,
    text: &'h str,
    mut from: usize,
    ok: &impl Fn(&Captures<'h>) -> bool,
) -> Option<Captures<'h>> {
    while from <= text.len() {
        let c = re.captures_at(text, from)?;
        let start = c.get(0)?.start();
        if ok(&c) {
            return Some(c);
        }
        from = start + char_len_at(text, start);
    }
    None
}

/// Every non-overlapping [`captures_checked`] match, like `captures_iter`.
pub(crate) fn captures_iter_checked<'r, 'h, F>(
    re: &'r Regex,
    text: &'h str,
    ok: F,
) -> impl Iterator<Item = Captures<'h>> + 'r
where
    F: Fn(&Captures<'h>) -> bool + 'r,
    'h: 'r,
{
    let mut from = 0;
    std::iter::from_fn(move || {
        if from > text.len() {
            return None;
        }
        let c = captures_checked(re, text, from, &ok)?;
        let all = c.get(0)?;
        // No pattern here matches empty, but never loop on one.
        from = if all.end() > all.start() {
            all.end()
        } else {
            all.end() + char_len_at(text, all.end())
        };
        Some(c)
    })
}

#[cfg(test)]
mod tests {
    //! Differential test: every pattern rewritten without Unicode `\b` must give
    //! exactly the spans (and captures) the old pattern gave. The old patterns
    //! live only here.

    use std::ops::Range;

    use regex::{Captures, Regex};

    use super::*;
    use crate::dates::{numeric_matches, spelled_matches};
    use crate::issuers::org_head_at;
    use crate::references::{
        admin_hits, party_matches, short_matches, type_word_matches, url_matches,
    };

    const OLD_NUMERIC: &str = r"(?i)(?:\bngày[ \t\u{a0}\n]*)?(\d{1,2})[ \t\u{a0}]*\n?[ \t\u{a0}]*([/.\-])[ \t\u{a0}]*\n?[ \t\u{a0}]*(\d{1,2})[ \t\u{a0}]*\n?[ \t\u{a0}]*([/.\-])[ \t\u{a0}]*\n?[ \t\u{a0}]*(\d{4})(\d{0,2})";
    const OLD_SPELLED: &str = r"(?i)\bngày[\s._…]*(?:(?:mồng|mùng)\s*)?(\d{1,2})?[\s._…]*tháng\s*(\d{1,2})\s*năm\s*(\d{4})(\d{0,2})";
    /// The old pattern: the same heads between Unicode `\b`s.
    fn old_org_head() -> String {
        format!(r"\b(?:{})\b", crate::issuers::ORG_HEADS)
    }
    const OLD_TYPE_WORD: &str = r"(?i:\b(?:thông\s+tư\s+liên\s+tịch|nghị\s+quyết\s+liên\s+tịch|chương\s+trình\s+hành\s+động|chương\s+trình|công\s+văn|kế\s+hoạch|quyết\s+định|nghị\s+định|nghị\s+quyết|thông\s+tư|chỉ\s+thị|kết\s+luận|bộ\s+luật|luật|pháp\s+lệnh|văn\s+bản|hướng\s+dẫn|báo\s+cáo|đề\s+án|thông\s+báo|tờ\s+trình|công\s+điện|quy\s+chế|thông\s+tri)\b)|\b(?:NĐ|QĐ|TTLT|TT|CV|KH|NQ|CT|TB|BC|HD|KL|CTr|TTr)\b";
    const OLD_URL: &str = r"(?i)(?:https?://|www\.)\S+|\b[\w.-]+\.(?:vn|com|net|org|gov)/\S*";
    const OLD_SHORT: &str = r"\b(?P<kind>Thông\s+tư\s+liên\s+tịch|Chương\s+trình\s+hành\s+động|Chương\s+trình|Công\s+văn|Kế\s+hoạch|Quyết\s+định|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Chỉ\s+thị|Kết\s+luận|Luật|Pháp\s+lệnh|Văn\s+bản|Hướng\s+dẫn|Báo\s+cáo|Đề\s+án|Thông\s+báo|Tờ\s+trình|Công\s+điện)\s+(?:số\s+)?(?P<nums>\d{1,5}(?:\s*(?:,|và)\s*\d{1,5})*)";
    const OLD_ADMIN: &str = r"(?P<n>\d{1,5}[a-zđ]?)[ \t\u{a0}]*\n?[ \t\u{a0}]*/[ \t\u{a0}]*\n?[ \t\u{a0}]*(?:(?P<y>(?:19|20)\d\d\d?)[ \t\u{a0}]*\n?[ \t\u{a0}]*/[ \t\u{a0}]*\n?[ \t\u{a0}]*)?(?P<sym>[A-ZĐÐ][A-Za-zĐđÐƯư0-9&]*\b(?:[ \t]?[-_\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}]\s*[A-ZĐÐ][A-Za-zĐđÐƯư0-9&]*\b|\.[A-ZĐÐ][A-ZĐÐƯ0-9&]*\b)*)(?:/(?P<joint>[A-ZĐÐ][A-Za-zĐđÐƯư0-9&]*\b(?:[-_\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}][A-ZĐÐ][A-Za-zĐđÐƯư0-9&]*\b)*))?(?:\((?P<unit>[A-Z][A-Z0-9]{0,5})\))?";
    const OLD_PARTY: &str = r"(?P<n>\d{1,5})(?P<sep>[ \t]*/?[ \t]*[-_\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}]\s*|[ \t]+)(?P<t>[A-ZĐ][A-Za-zĐđ]*)[ \t\u{a0}]*\n?[ \t\u{a0}]*/[ \t\u{a0}]*\n?[ \t\u{a0}]*(?P<i>[A-ZĐƯ][A-Za-zĐđƯư]*)\b";

    /// Lines with the neighbours that decide a boundary: Vietnamese letters
    /// (`Ủy`, `ĐBCL`), glued words (`ngàyngày`, `xngày`), `&` inside symbols,
    /// combining marks (NFD), digits, `_`, superscripts.
    const LINES: &[&str] = &[
        "Căn cứ Nghị định số 55/2011/NĐ-CP ngày 04/7/2011 của Chính phủ",
        "Thực hiện Kế hoạch số 41/KH-SNgV ngày 12 tháng 3 năm 2021 của Sở Ngoại vụ",
        "Công văn số 41/SNV-CCHC&VTLT ngày 1.2.2020; 12/AB&C; 13/AB&Cư; 14/AB&; 15/AB& x",
        "Nghị quyết số 18-NQ/TW, 920/-CTr/TU, 05- NQ/TU và 29 KL/TU; 30-NQ/TWư 31-NQ/TW_ 32-NQ/TW1",
        "ngàyngày 12/3/2021 xngày 12/3/2021 Ủngày 1/1/2020 _ngày 2/2/2020 2ngày 3/3/2020",
        "Ngày 5 tháng 6 năm 2022; xNgày 5 tháng 6 năm 2022; NGÀY ... tháng 7 năm 2023",
        "ngày\u{301} 12/3/2021 e\u{301}ngày 12/3/2021 ngày …. tháng 12 năm 2019",
        "Ủy ban nhân dân tỉnh, Uỷ ban Thường vụ Quốc hội, ĐBCL UBND, xUBND, UBNDx, BCHư",
        "Ban cán sựx Ban Chấp hành Ban chấp hànhx Thủ tướng Chính phủx Thủ tướngs Bộ_ Sở\u{300}",
        "Thông tư liên tịch số 12/2015/TTLT-BTC-BNV; thông tư 15; QĐ-UBND; NĐ-CP; TTr; CTrx; xQĐ",
        "Quyết định 140, 141 và 142; xQuyết định 9; Báo cáo 6 tháng; Luật 2013; Luậtx 5",
        "xem https://moj.gov.vn/qt/12/2020 và www.chinhphu.vn/12/2020 và a.b-c.vn/1/2 và ư.vn/3 và .vn/4 -x.com/5",
        "số 12 / 2020 / QĐ - UBND và 7/\nKH-\n  UBND; 8/ĐBCL-QLCL²; 9/QĐ-Ủy; 10/Q&-A&B&",
        "m²ngày 1/1/2021 ½ngày 2/2/2021 ⁴Quyết định 3 Ⅻngày 4/4/2021",
        "",
        "ngày",
        "Uỷ ban",
    ];

    /// Neighbours put around every line and between its words.
    const NEIGHBOURS: &[&str] = &[
        "", " ", "x", "Ủ", "ư", "Đ", "_", "1", "&", "-", ".", "/", "\u{301}", "²", "\n",
    ];

    /// The line variants the patterns are compared on, plus the corpus texts.
    fn texts() -> Vec<String> {
        let mut out = Vec::new();
        for line in LINES {
            for n in NEIGHBOURS {
                out.push(format!("{n}{line}{n}"));
                out.push(line.replace(' ', &format!("{n} ")));
                out.push(line.replace(' ', &format!(" {n}")));
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                if e.path().extension().is_some_and(|x| x == "txt") {
                    if let Ok(t) = std::fs::read_to_string(e.path()) {
                        out.push(t);
                    }
                }
            }
        }
        out
    }

    type Spans = Vec<Vec<Option<Range<usize>>>>;

    /// Named or numbered groups of each match, shifted by `base`.
    fn spans<'h>(caps: impl Iterator<Item = (usize, Captures<'h>)>, groups: &[&str]) -> Spans {
        caps.map(|(base, c)| {
            groups
                .iter()
                .map(|g| {
                    let m = match g.parse::<usize>() {
                        Ok(i) => c.get(i),
                        Err(_) => c.name(g),
                    };
                    m.map(|m| base + m.start()..base + m.end())
                })
                .collect()
        })
        .collect()
    }

    fn old(re: &Regex, text: &str, groups: &[&str]) -> Spans {
        spans(re.captures_iter(text).map(|c| (0, c)), groups)
    }

    fn check(name: &str, text: &str, old: Spans, new: Spans) {
        assert_eq!(old, new, "{name} differs on {text:?}");
    }

    #[test]
    fn word_chars_are_the_regex_crates() {
        let w = Regex::new(r"\w").unwrap();
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            assert_eq!(
                is_word_char(c),
                w.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn rewritten_patterns_match_the_old_ones() {
        let texts = texts();
        assert!(texts.len() > LINES.len() * NEIGHBOURS.len());
        let mut hits = 0;
        let compiled = |p: &str| Regex::new(p).unwrap();
        let old_spelled = compiled(OLD_SPELLED);
        let old_numeric = compiled(OLD_NUMERIC);
        let old_url = compiled(OLD_URL);
        let old_short = compiled(OLD_SHORT);
        let old_party = compiled(OLD_PARTY);
        let old_admin = compiled(OLD_ADMIN);
        let old_type_word = compiled(OLD_TYPE_WORD);
        let old_org = compiled(&old_org_head());
        for text in &texts {
            let t = text.as_str();
            let g = ["0", "1", "2", "3", "4", "5", "6"];
            let o = old(&old_spelled, t, &g[..5]);
            hits += o.len();
            check(
                "spelled",
                t,
                o,
                spans(spelled_matches(t).map(|c| (0, c)), &g[..5]),
            );
            let o = old(&old_numeric, t, &g);
            hits += o.len();
            check(
                "numeric",
                t,
                o,
                spans(numeric_matches(t).map(|c| (0, c)), &g),
            );

            let o = old(&old_url, t, &["0"]);
            check("url", t, o, spans(url_matches(t).map(|c| (0, c)), &["0"]));
            let g = ["0", "kind", "nums"];
            let o = old(&old_short, t, &g);
            hits += o.len();
            check("short", t, o, spans(short_matches(t).map(|c| (0, c)), &g));
            let g = ["0", "n", "sep", "t", "i"];
            let o = old(&old_party, t, &g);
            hits += o.len();
            check("party", t, o, spans(party_matches(t).map(|c| (0, c)), &g));
            let g = ["0", "n", "y", "sym"];
            let o = old(&old_admin, t, &g);
            hits += o.len();
            check("admin", t, o, spans(admin_hits(t).into_iter(), &g));

            let o = old(&old_type_word, t, &["0"]);
            hits += o.len();
            check(
                "type word",
                t,
                o,
                spans(type_word_matches(t).map(|c| (0, c)), &["m"]),
            );
            // As `extract_references` uses it: on every prefix of the text.
            for (end, _) in t.char_indices().step_by(7).take(200) {
                let left = &t[..end];
                let o = old(&old_type_word, left, &["0"]).pop();
                let n = spans(type_word_matches(left).map(|c| (0, c)), &["m"]).pop();
                assert_eq!(o, n, "type word differs on {left:?}");
            }

            let o: Vec<Range<usize>> = old_org.find_iter(t).map(|m| m.range()).collect();
            hits += o.len();
            let mut n = Vec::new();
            let mut from = 0;
            while let Some(m) = org_head_at(t, from) {
                from = m.end;
                n.push(m);
            }
            assert_eq!(o, n, "org head differs on {t:?}");
            // `find_at` from every character keeps the text before as context.
            for (at, _) in t.char_indices().step_by(5).take(200) {
                let o = old_org.find_at(t, at).map(|m| m.range());
                assert_eq!(o, org_head_at(t, at), "org head from {at} differs on {t:?}");
            }
        }
        // The lines must actually exercise the patterns.
        assert!(hits > 1000, "only {hits} matches");
    }
}
