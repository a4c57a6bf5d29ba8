//! Documents the text cites: one [`Reference`] per distinct document, every
//! mention with its evidence.
//!
//! Number grammar (Nghị định 30/2020/NĐ-CP; Law on legal documents; party rules):
//! - administrative `số/TYPE-ISSUER` (`41/KH-SNgV`), công văn `số/ISSUER-UNIT`
//!   (`41/SNV-CCHC&VTLT`);
//! - normative `số/năm/TYPE-ISSUER` (`55/2011/NĐ-CP`), laws `số/năm/QH13`,
//!   joint `số/năm/TTLT-BTC-BNV`;
//! - party `số-TYPE/ISSUER` (`18-NQ/TW`, `920-CTr/TU`).
//!
//! Rules are run on the page's `flow` view (lines rejoined), but tolerate line
//! breaks and stray spaces inside numbers anyway.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use vanban_text::PreparedPage;

use crate::boundary::{captures_iter_checked, char_len_at, is_boundary, word_at, word_before};
use crate::dates::{date_right_after, IsoDate};
use crate::evidence::evidence_for;
use crate::facts::{Mention, Reference};
use crate::issuers::{
    find_orgs, fold, is_bare_head, is_party, issuer_fits, issuer_for_number, kind_for_code,
    PARTY_ISSUERS,
};
use crate::DocContext;

/// Space that may stand inside a number: spaces, tabs, and one line break.
const SP: &str = r"[ \t\u{a0}]*\n?[ \t\u{a0}]*";

/// One symbol segment: starts upper case, letters/digits/`&`, ends at a word boundary.
const SEG: &str = r"[A-ZĐÐ][A-Za-zĐđÐ0-9&]*\b";

/// Any dash a producer may print for the hyphen of a symbol.
const DASH: &str = r"[-\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}]";

/// Administrative and normative numbers: `41/KH-SNgV`, `55/2011/NĐ-CP`, `83/2015/QH13`.
///
/// Anchored, and only run on the short window [`ADMIN_LOOSE`] found: the
/// `\b` of [`SEG`] would otherwise make every page search run on the
/// backtracker (see [`admin_hits`]).
static ADMIN: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"^(?:(?P<n>\d{{1,5}}){SP}/{SP}(?:(?P<y>(?:19|20)\d\d){SP}/{SP})?(?P<sym>{SEG}(?:[ \t]?{DASH}\s*{SEG})*))"
    );
    Regex::new(&re).expect("admin number regex")
});

/// [`ADMIN`] with the boundaries of its segments left out, which a DFA can run.
/// It matches wherever `ADMIN` can start, and its match is the longest any
/// path of `ADMIN` from there could be (segments are maximal runs, and another
/// `-SEG` only follows a maximal run).
static ADMIN_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    let seg = SEG.trim_end_matches(r"\b");
    let re = format!(
        r"(?P<n>\d{{1,5}}){SP}/{SP}(?:(?P<y>(?:19|20)\d\d){SP}/{SP})?(?P<sym>{seg}(?:[ \t]?{DASH}\s*{seg})*)"
    );
    Regex::new(&re).expect("loose admin number regex")
});

/// Party numbers `18-NQ/TW`, with the slips `920/-CTr/TU`, `05- NQ/TU` and `29 KL/TU`.
///
/// The word boundary after the issuer is checked in code: every other part of
/// the match is fixed by the text, and the issuer is a run of word characters,
/// so the old `\b` could only hold at the end of the maximal run.
static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?P<n>\d{{1,5}})(?P<sep>[ \t]*/?[ \t]*{DASH}\s*|[ \t]+)(?P<t>[A-ZĐ][A-Za-zĐđ]*){SP}/{SP}(?P<i>[A-ZĐƯ][A-Za-zĐđƯư]*)"
    );
    Regex::new(&re).expect("party number regex")
});

/// Document type words, full (any case) or abbreviated (upper case only), as
/// group `m`. Written without Unicode `\b` so it runs on a DFA: the boundary
/// before is checked in code; the one after is a consumed non-word character or
/// the end of text (every word ends with a letter), which keeps the
/// alternation's fallback to a shorter word.
static TYPE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<m>(?i:(?:thông\s+tư\s+liên\s+tịch|nghị\s+quyết\s+liên\s+tịch|chương\s+trình\s+hành\s+động|chương\s+trình|công\s+văn|kế\s+hoạch|quyết\s+định|nghị\s+định|nghị\s+quyết|thông\s+tư|chỉ\s+thị|kết\s+luận|bộ\s+luật|luật|pháp\s+lệnh|văn\s+bản|hướng\s+dẫn|báo\s+cáo|đề\s+án|thông\s+báo|tờ\s+trình|công\s+điện|quy\s+chế|thông\s+tri))|(?:NĐ|QĐ|TTLT|TT|CV|KH|NQ|CT|TB|BC|HD|KL|CTr|TTr))(?:[^\w]|\z)",
    )
    .expect("type word regex")
});

/// URLs and bare web addresses, whose numbers are not mentions. The word
/// boundary before a bare address is checked in code (group `web` needs none).
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<web>(?:https?://|www\.)\S+)|[\w.-]+\.(?:vn|com|net|org|gov)/\S*")
        .expect("url regex")
});

/// A compound lead-in `số 18, 19-NQ/TW`: the numbers before the one that carries the symbol.
static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}])[Ss]ố\s+(\d{1,5}(?:\s*,\s*\d{1,5})*)\s*(?:,|và|&)\s*$")
        .expect("compound regex")
});

/// A short back-reference `Nghị định 140`, `Chương trình hành động 920, 1011`.
/// The word boundary before the type word is checked in code.
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<kind>Thông\s+tư\s+liên\s+tịch|Chương\s+trình\s+hành\s+động|Chương\s+trình|Công\s+văn|Kế\s+hoạch|Quyết\s+định|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Chỉ\s+thị|Kết\s+luận|Luật|Pháp\s+lệnh|Văn\s+bản|Hướng\s+dẫn|Báo\s+cáo|Đề\s+án|Thông\s+báo|Tờ\s+trình|Công\s+điện)\s+(?:số\s+)?(?P<nums>\d{1,5}(?:\s*(?:,|và)\s*\d{1,5})*)",
    )
    .expect("short reference regex")
});

/// Words after a short number that make it a quantity, not a document (`Báo cáo 6 tháng`).
const QUANTITY_WORDS: &[&str] = &[
    "tháng", "năm", "quý", "ngày", "tuần", "lần", "điểm", "giờ", "người", "%", "nội", "nhiệm",
    "tiêu", "văn", "hồ", "thủ", "lượt", "đơn", "cá", "triệu", "tỷ", "nghìn", "đồng", "bước", "mục",
    "điều", "khoản", "bản", "trang", "tập", "cuốn", "kỳ", "đợt", "buổi", "lớp", "hội",
];

/// Lead-in of a list of documents issued by a named body: `Sở Ngoại vụ đã ban hành các văn bản sau:`.
static LIST_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:đã|vừa)?\s*(?:ban\s+hành|có|ký|tham\s+mưu\s+ban\s+hành)\s+(?:các|những|một\s+số)\s+[^:\n.;]{0,60}:\s*$")
        .expect("list lead regex")
});

/// Verbs whose subject is the issuer of the document that follows.
static SUBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:(?:đã|vừa|cũng|đã\s+được|được|tiếp\s+tục|sẽ)\s+)*(?:ban\s+hành|có|ký|ký\s+ban\s+hành|phê\s+duyệt|ra)\s+(?:các\s+)?$")
        .expect("subject verb regex")
});

/// An acting body followed by a verb, used with `… tại <document>`.
static ACTING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:(?:đã|vừa|cũng|được)\s+)*(?:ban\s+hành|phê\s+duyệt|điều\s+chỉnh|quy\s+định|thống\s+nhất|ủy\s+quyền|uỷ\s+quyền|công\s+bố|chỉ\s+đạo|giao|cho\s+phép|hướng\s+dẫn|quyết\s+định|ký)\b")
        .expect("acting verb regex")
});

/// Nouns of direction before `của X tại <document>` (`ý kiến chỉ đạo của UBND tỉnh tại Công văn…`).
static DIRECTIVE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:chỉ\s+đạo|quy\s+định|hướng\s+dẫn|ý\s+kiến|yêu\s+cầu|kết\s+luận|phê\s+duyệt)\s+của\s+$",
    )
    .expect("directive regex")
});

/// One mention found on a page, before mentions are grouped into references.
#[derive(Debug, Clone)]
struct Hit {
    page: usize,
    /// Byte range of the mention in the flow view (type word or `số` … number end).
    span: Range<usize>,
    /// Where the number itself starts.
    num_start: usize,
    /// Canonical number, or the short number when `short`.
    number: String,
    short: bool,
    kind: Option<String>,
    /// The kind is the list head's kind or came from a type word (not from the symbol).
    kind_from_text: bool,
    date: Option<IsoDate>,
    issuer: Option<String>,
    /// Where the mention's own tail (date, `của X`) ends.
    tail_end: usize,
    /// The `của X` or date came after the mention, not distributed.
    own_tail: bool,
}

/// Finds every cited document in the pages.
pub(crate) fn extract_references(pages: &[PreparedPage], ctx: &DocContext) -> Vec<Reference> {
    let own = ctx.number.as_deref().map(canon_key);
    let own_agency = crate::header::own_agency(pages, ctx);
    let mut hits: Vec<Hit> = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        let text = page.flow.as_str();
        let mut page_hits = full_hits(text, pi);
        attach_tails(text, &mut page_hits);
        distribute(text, &mut page_hits);
        subject_issuers(text, &mut page_hits, own_agency.as_deref());
        let shorts = short_hits(text, pi, &page_hits);
        page_hits.extend(shorts);
        page_hits.sort_by_key(|h| h.span.start);
        hits.extend(page_hits);
    }
    if let Some(own) = own {
        hits.retain(|h| h.short || canon_key(&h.number) != own);
    }
    build_references(pages, hits)
}

/// Comparison key for numbers: no spaces, `Ð` as `Đ`.
fn canon_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == 'Ð' { 'Đ' } else { c })
        .collect()
}

/// Full numbers with their kind, raw start and compound siblings.
fn full_hits(text: &str, page: usize) -> Vec<Hit> {
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
        let sym_s = squeeze(sym.as_str());
        if !symbol_ok(&sym_s) {
            continue;
        }
        let num = match c.name("y") {
            Some(y) => format!("{}/{}/{}", n.as_str(), y.as_str(), fix_glued(&sym_s)),
            None => format!("{}/{}", n.as_str(), fix_glued(&sym_s)),
        };
        cands.push((base + all.start()..base + all.end(), num));
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
        if is_standard(&text[..r.start]) {
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

/// Collapses whitespace and unifies dashes inside a symbol.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2010}'..='\u{2014}' => '-',
            'Ð' => 'Đ',
            c => c,
        })
        .collect()
}

/// A symbol needs two upper-case letters (`KH-SNgV`, `QH13`); `A` alone is a sub-item.
fn symbol_ok(sym: &str) -> bool {
    sym.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// `QĐUBND` → `QĐ-UBND`: a type code glued to a known issuer code is a typing slip.
fn fix_glued(sym: &str) -> String {
    let mut segs: Vec<String> = sym.split('-').map(str::to_string).collect();
    if let Some(first) = segs.first().cloned() {
        for code in [
            "TTLT", "CTr", "TTr", "NĐ", "QĐ", "KH", "BC", "TB", "CT", "TT", "HD", "NQ", "KL", "ĐA",
        ] {
            if let Some(rest) = first.strip_prefix(code) {
                if issuer_for_number(&format!("1/{code}-{rest}")).is_some() && !rest.is_empty() {
                    segs[0] = rest.to_string();
                    segs.insert(0, code.to_string());
                    break;
                }
            }
        }
    }
    segs.join("-")
}

/// The number must not continue a longer token (`1.500/…`, `ISO9001/…`, `a12/…`).
fn number_start_ok(text: &str, start: usize) -> bool {
    match text[..start].chars().next_back() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | ',' | ':' | '_')),
    }
}

/// Every [`URL`] match, as the pattern with its `\b` would find them.
pub(crate) fn url_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&URL, text, move |c| {
        c.name("web").is_some() || c.get(0).is_some_and(|m| is_boundary(text, m.start()))
    })
}

/// Every [`PARTY`] match, as the pattern with its trailing `\b` would find them.
pub(crate) fn party_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&PARTY, text, move |c| {
        c.get(0).is_some_and(|m| !word_at(text, m.end()))
    })
}

/// Every [`TYPE_WORD`] match (the word is group `m`), as with its `\b`s.
pub(crate) fn type_word_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&TYPE_WORD, text, move |c| {
        c.get(0).is_some_and(|m| !word_before(text, m.start()))
    })
}

/// Every [`SHORT`] match, as the pattern with its leading `\b` would find them.
pub(crate) fn short_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&SHORT, text, move |c| {
        c.get(0).is_some_and(|m| !word_before(text, m.start()))
    })
}

/// Every [`ADMIN`] match in `text`, as `captures_iter` would give them, each
/// with the byte offset its captures are relative to.
///
/// [`ADMIN_LOOSE`] finds each start `p` the exact pattern could match at and
/// the end `e` no path of it can pass; the exact pattern then runs anchored on
/// `p..e` plus one character, so every `\b` it tests sees the same neighbours
/// as in the whole text. Where it fails, no match starts at `p`.
pub(crate) fn admin_hits(text: &str) -> Vec<(usize, regex::Captures<'_>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(loose) = ADMIN_LOOSE.find_at(text, from) {
        let (p, e) = (loose.start(), loose.end());
        let next = text[e..].chars().next().map_or(0, char::len_utf8);
        let Some(window) = text.get(p..e + next) else {
            break;
        };
        match ADMIN
            .captures(window)
            .and_then(|c| Some((c.get(0)?.end(), c)))
        {
            Some((end, c)) if end > 0 => {
                from = p + end;
                out.push((p, c));
            }
            _ => from = p + char_len_at(text, p),
        }
    }
    out
}

/// Standards (`TCVN ISO 9001:2015`, `ISO 9001/2008`) are not documents.
fn is_standard(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.contains("ISO") || tail.contains("TCVN")
}

/// For `số 18, 19-NQ/TW`: where the compound starts and the sibling numbers it names.
fn compound_lead(text: &str, num_start: usize, number: &str) -> (usize, Vec<String>) {
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

/// Splits a canonical number into its leading digits and the rest (`/KH-SNgV`, `-NQ/TW`).
fn split_number(number: &str) -> Option<(&str, &str)> {
    let i = number.find(|c: char| !c.is_ascii_digit())?;
    (i > 0).then(|| number.split_at(i))
}

/// The kind of the document whose number starts at `start`, where its raw
/// mention starts, and whether the text (not the symbol) gave the kind.
fn kind_of(text: &str, start: usize, number: &str, prev: &[Hit]) -> (Option<String>, usize, bool) {
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
            if let Some(k) = kind_for_code(tw.as_str()) {
                kind = k.to_string();
            }
            if kind == "Cv" {
                kind = "Công văn".to_string();
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
fn gap_is_direct(gap: &str) -> bool {
    let g = gap.trim_matches(|c: char| c.is_whitespace() || c == ':');
    g.is_empty() || g == "số" || g == "Số"
}

/// A short title or `của X` between type word and `số` (`Luật ngân sách nhà nước số`,
/// `Chương trình hành động của Tỉnh ủy: số`).
fn gap_is_title(gap: &str) -> bool {
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
fn type_code(number: &str) -> Option<String> {
    if is_party(number) {
        let rest = number.split_once('-')?.1;
        return rest.split('/').next().map(str::to_string);
    }
    let sym = number.rsplit('/').next()?;
    let first = sym.split('-').next()?;
    kind_for_code(first).map(|_| first.to_string())
}

/// Kind from the symbol: its type code, a law of the legislature, else a công văn.
fn kind_from_symbol(number: &str) -> Option<String> {
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

/// `KẾ HOẠCH`, `kế hoạch` → `Kế hoạch` (line breaks inside joined).
fn sentence_case(s: &str) -> String {
    let lower = clean_name(s).to_lowercase();
    let mut cs = lower.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Largest char boundary at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Dates and `của X` that follow each mention: `… ngày 04/7/2011 của Chính phủ`
/// or `… của Chính phủ ngày 23/4/2018`.
fn attach_tails(text: &str, hits: &mut [Hit]) {
    let orgs = find_orgs(text);
    for h in hits.iter_mut() {
        let mut pos = h.span.end;
        let skip_comma = |p: usize| {
            let rest = &text[p..];
            let t = rest.trim_start_matches([' ', '\t', '\n', '\u{a0}']);
            match t.strip_prefix(',') {
                Some(after) if after.trim_start().starts_with("ngày") => {
                    p + rest.len() - after.len()
                }
                _ => p,
            }
        };
        for _ in 0..2 {
            let p = skip_comma(pos);
            if h.date.is_none() {
                if let Some((r, d)) = date_right_after(text, p, 60) {
                    h.date = Some(d);
                    pos = r.end;
                    h.tail_end = pos;
                    h.own_tail = true;
                    continue;
                }
            }
            if h.issuer.is_none() {
                let rest = &text[p..];
                let t = rest.trim_start();
                if let Some(after) = t.strip_prefix("của") {
                    let org_from = p + rest.len() - after.len();
                    let lead = after.len() - after.trim_start().len();
                    if let Some(o) = orgs.iter().find(|o| o.start == org_from + lead) {
                        h.issuer = Some(clean_name(&text[o.clone()]));
                        pos = o.end;
                        h.tail_end = pos;
                        h.own_tail = true;
                        continue;
                    }
                }
            }
            break;
        }
    }
}

/// Joins a name's line breaks with one space.
fn clean_name(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A list `A, B và C ngày D của X`: the closing `của X` applies to every earlier
/// item whose symbol fits X; the closing date to earlier undated items whose
/// year agrees (a 2021 decree is not dated 2013). List heads also give their
/// `của X` (`các Chương trình hành động của Tỉnh ủy: số …, số …`) to items.
fn distribute(text: &str, hits: &mut [Hit]) {
    for i in (1..hits.len()).rev() {
        if !hits[i].own_tail {
            continue;
        }
        let (issuer, date, kind) = (hits[i].issuer.clone(), hits[i].date, hits[i].kind.clone());
        let mut j = i;
        while j > 0 {
            let (prev, cur) = (&hits[j - 1], &hits[j]);
            let joined = prev.span == cur.span || {
                let between = text
                    .get(prev.tail_end.max(prev.span.end)..cur.span.start)
                    .unwrap_or("x");
                let b = between.trim();
                b.is_empty() || b == "," || b == "và" || b == ", và"
            };
            if !joined || (prev.own_tail && prev.span != cur.span) {
                break;
            }
            j -= 1;
            let p = &mut hits[j];
            if p.issuer.is_none() {
                if let Some(is) = &issuer {
                    if issuer_fits(&p.number, is) {
                        p.issuer = Some(is.clone());
                    }
                }
            }
            if p.date.is_none() && p.kind == kind {
                if let Some(d) = date {
                    if year_of(&p.number).is_none_or(|y| y == d.year) {
                        p.date = Some(d);
                    }
                }
            }
        }
    }
    // List heads: `của X` between the type word and `số` of the head.
    for h in hits.iter_mut() {
        if h.issuer.is_none() {
            h.issuer = head_issuer(text, h);
        }
    }
    for i in 1..hits.len() {
        if hits[i].issuer.is_some() || !hits[i].kind_from_text {
            continue;
        }
        let inherit = hits[..i].iter().rev().take(4).find(|h| {
            h.kind == hits[i].kind
                && h.issuer.is_some()
                && h.span.end <= hits[i].span.start
                && !has_sentence_break(&text[h.span.end..hits[i].span.start])
        });
        if let Some(is) = inherit.and_then(|h| h.issuer.clone()) {
            if issuer_fits(&hits[i].number, &is) {
                hits[i].issuer = Some(is);
            }
        }
    }
}

/// `Chương trình hành động của Tỉnh ủy: số 920-CTr/TU`: the body inside the head.
fn head_issuer(text: &str, h: &Hit) -> Option<String> {
    let inner = text.get(h.span.start..h.num_start)?;
    let at = inner.find(" của ")?;
    let after = &inner[at + " của ".len()..];
    let o = find_orgs(after)
        .into_iter()
        .next()
        .filter(|o| o.start == 0)?;
    Some(clean_name(&after[o]))
}

/// The year inside a normative number (`2011` in `55/2011/NĐ-CP`).
fn year_of(number: &str) -> Option<i32> {
    let mut parts = number.split('/');
    parts.next()?;
    let y = parts.next()?;
    if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) && number.matches('/').count() >= 2 {
        y.parse().ok()
    } else {
        None
    }
}

/// The acting subject: `Sở Ngoại vụ đã ban hành Kế hoạch số…`, `UBND tỉnh có Văn bản số…`,
/// `đã được UBND tỉnh phê duyệt … tại Quyết định số…`, `chỉ đạo của UBND tỉnh tại Công văn…`,
/// and list lead-ins `Sở Ngoại vụ đã ban hành các văn bản sau:` over the `- ` items below.
fn subject_issuers(text: &str, hits: &mut [Hit], own_agency: Option<&str>) {
    let orgs = find_orgs(text);
    let name_of = |r: &Range<usize>| {
        let n = clean_name(&text[r.clone()]);
        match own_agency {
            Some(a) if is_bare_head(&n) && fold(a).starts_with(&fold(&n)) => a.to_string(),
            _ => n,
        }
    };
    let leads = list_leads(text, &orgs);
    for h in hits.iter_mut() {
        if h.issuer.is_some() {
            continue;
        }
        let start = h.span.start;
        let clause_from = clause_start(text, start);
        let clause = &text[clause_from..start];
        // The last body in the clause that acts on this document.
        let in_clause: Vec<&Range<usize>> = orgs
            .iter()
            .filter(|o| o.start >= clause_from && o.end <= start)
            .collect();
        if let Some(o) = in_clause.last() {
            let between = &text[o.end..start];
            if SUBJECT_VERB.is_match(between) {
                h.issuer = Some(name_of(o));
                continue;
            }
        }
        if clause.trim_end().ends_with(" tại") || clause.trim_end().ends_with("(tại") {
            let acting = in_clause.iter().rev().find(|o| {
                let before = &text[clause_from..o.start];
                ACTING_VERB.is_match(&text[o.end..start]) && !before.trim_end().ends_with(" cho")
                    || DIRECTIVE_OF.is_match(before) && text[o.end..start].trim() == "tại"
            });
            if let Some(o) = acting {
                h.issuer = Some(name_of(o));
                continue;
            }
        }
        if let Some((_, org)) = leads.iter().find(|(items, _)| {
            items
                .iter()
                .any(|r| r.start <= start && start < r.end && item_head(text, r.start, start))
        }) {
            h.issuer = Some(name_of(org));
        }
    }
}

/// Start of the clause holding `pos`: after the last full stop, semicolon, blank line or list dash.
fn clause_start(text: &str, pos: usize) -> usize {
    let from = floor_boundary(text, pos.saturating_sub(400));
    let window = &text[from..pos];
    let mut best = from;
    for (i, c) in window.char_indices() {
        let next = window[i + c.len_utf8()..].chars().next();
        let boundary = match c {
            ';' => true,
            '.' => next.is_none_or(char::is_whitespace),
            // A blank line ends a clause only after closing punctuation: PDF text
            // often has a blank line after every printed line.
            '\n' => {
                let rest = window[i + 1..].trim_start();
                rest.starts_with(['-', '+', '•'])
                    || next == Some('\n')
                        && window[..i].trim_end().ends_with(['.', ';', ':', '!', '?'])
            }
            _ => false,
        };
        if boundary {
            best = from + i + c.len_utf8();
        }
    }
    best
}

/// A full stop or semicolon that ends a sentence (not the dots of `25.10.2017`).
fn has_sentence_break(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b';' || (c == b'.' && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()))
    })
}

/// Whether the mention at `pos` is the first thing of the list item starting at `item`.
fn item_head(text: &str, item: usize, pos: usize) -> bool {
    let head =
        text[item..pos].trim_start_matches(|c: char| c.is_whitespace() || "-+•*".contains(c));
    head.trim().is_empty()
}

/// List lead-ins and the byte ranges of the `- ` items they govern.
fn list_leads(text: &str, orgs: &[Range<usize>]) -> Vec<(Vec<Range<usize>>, Range<usize>)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end();
        if body.ends_with(':') {
            // The lead-in sentence may start on earlier lines.
            let from = clause_start(text, line_start + body.len());
            let lead = &text[from..line_start + body.len()];
            if let Some(o) = orgs
                .iter()
                .rev()
                .find(|o| o.start >= from && o.end <= line_start + body.len())
            {
                let after = &text[o.end..line_start + body.len()];
                if LIST_LEAD.is_match(after) && !after.contains(',') && lead.len() < 400 {
                    let items = list_items(text, line_end);
                    if !items.is_empty() {
                        out.push((items, o.clone()));
                    }
                }
            }
        }
        line_start = line_end;
    }
    out
}

/// The `- ` items from `from` on, each up to the next item or the first line that is not one.
fn list_items(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(['-', '+', '•']) {
            items.push(pos..pos + line.len());
        } else if t.trim().is_empty() {
            // blank lines inside the list
        } else if let Some(last) = items.last_mut() {
            // A wrapped item continues until the next dash; an outline heading ends the list.
            if starts_outline(t) {
                break;
            }
            last.end = pos + line.len();
        } else {
            break;
        }
        pos += line.len();
    }
    items
}

/// `1.`, `II.`, `a)` at a line start.
fn starts_outline(t: &str) -> bool {
    let head: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    (head.ends_with('.') || head.ends_with(')'))
        && head.len() <= 6
        && head[..head.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || "IVXL.".contains(c) || c.is_ascii_lowercase())
        && head.len() > 1
}

/// Short back-references (`Nghị định 140`, `Chương trình hành động 920, 1011`).
fn short_hits(text: &str, page: usize, full: &[Hit]) -> Vec<Hit> {
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
    out
}

/// Groups mentions into references: full numbers by canonical number, short
/// ones onto the full number they repeat, else a partial reference.
fn build_references(pages: &[PreparedPage], hits: Vec<Hit>) -> Vec<Reference> {
    let full: Vec<&Hit> = hits.iter().filter(|h| !h.short).collect();
    let mut order: Vec<String> = Vec::new();
    let mut refs: HashMap<String, Reference> = HashMap::new();
    for h in &hits {
        let key = if h.short {
            let target = full.iter().find(|f| {
                split_number(&f.number).is_some_and(|(n, _)| n == h.number)
                    && (f.kind == h.kind
                        || f.kind
                            .as_deref()
                            .zip(h.kind.as_deref())
                            .is_some_and(|(a, b)| a.starts_with(b) || b.starts_with(a)))
            });
            match target {
                Some(f) => canon_key(&f.number),
                None => format!("short:{}:{}", h.kind.as_deref().unwrap_or(""), h.number),
            }
        } else {
            canon_key(&h.number)
        };
        let Some(page) = pages.get(h.page) else {
            continue;
        };
        let view = &page.flow;
        // `raw` is the mention as printed (the display text, not the rejoined view),
        // with line breaks and runs of spaces collapsed to one space.
        let printed = view.source_range(h.span.clone());
        let raw = clean_name(page.display.get(printed).unwrap_or(""));
        let evidence = evidence_for(page, view, h.span.clone());
        let entry = refs.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Reference {
                kind: h.kind.clone().unwrap_or_else(|| "Văn bản".to_string()),
                number: h.number.clone(),
                raw: raw.clone(),
                date: None,
                issuer: None,
                partial: h.short,
                mentions: Vec::new(),
            }
        });
        if entry.date.is_none() {
            entry.date = h.date.map(|d| d.to_string());
        }
        if entry.issuer.is_none() {
            entry.issuer = h.issuer.clone();
        }
        // A kind from a type word beats one inferred from the symbol.
        if h.kind_from_text
            && !h.short
            && entry.kind != *h.kind.as_ref().unwrap_or(&entry.kind)
            && entry.mentions.is_empty()
        {
            entry.kind = h.kind.clone().unwrap_or_default();
        }
        entry.mentions.push(Mention { raw, evidence });
    }
    order
        .into_iter()
        .filter_map(|k| refs.remove(&k))
        .map(|mut r| {
            if r.issuer.is_none() && !r.partial {
                r.issuer = issuer_for_number(&r.number);
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_text::prepare_page;

    fn refs(text: &str) -> Vec<Reference> {
        refs_own(text, None)
    }

    fn refs_own(text: &str, own: Option<&str>) -> Vec<Reference> {
        let pages = vec![prepare_page(1, text.to_string())];
        let ctx = DocContext {
            number: own.map(str::to_string),
            ..DocContext::default()
        };
        extract_references(&pages, &ctx)
    }

    fn numbers(text: &str) -> Vec<String> {
        refs(text).into_iter().map(|r| r.number).collect()
    }

    #[test]
    fn each_number_shape_is_found() {
        let t = "Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13; Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ; Thông tư liên tịch số 02/2014/TTLT-BTC-BNV; Nghị quyết số 35/2019/UBTVQH14; Công văn số 8151/BNV-CCHC của Bộ Nội vụ; Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.";
        assert_eq!(
            numbers(t),
            [
                "77/2015/QH13",
                "30/2020/NĐ-CP",
                "02/2014/TTLT-BTC-BNV",
                "35/2019/UBTVQH14",
                "8151/BNV-CCHC",
                "05-CT/TW"
            ]
        );
        let r = refs(t);
        assert_eq!(r[0].kind, "Luật");
        assert_eq!(r[1].kind, "Nghị định");
        assert_eq!(r[1].date.as_deref(), Some("2020-03-05"));
        assert_eq!(r[1].issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(r[2].kind, "Thông tư liên tịch");
        assert_eq!(r[4].kind, "Công văn");
        assert_eq!(r[4].issuer.as_deref(), Some("Bộ Nội vụ"));
        assert_eq!(r[5].kind, "Chỉ thị");
        assert_eq!(r[5].date.as_deref(), Some("2016-05-15"));
        assert_eq!(r[5].issuer.as_deref(), Some("Bộ Chính trị"));
    }

    #[test]
    fn split_and_spaced_numbers_are_joined() {
        let t = "Thực hiện Kế hoạch số 513/KH-\nUBND ngày 31/12/2020 của UBND tỉnh Nghệ An, Công văn số 8151 /BNV-CCHC và Nghị định số 60/2021/NĐ- CP.";
        assert_eq!(
            numbers(t),
            ["513/KH-UBND", "8151/BNV-CCHC", "60/2021/NĐ-CP"]
        );
        let r = refs(t);
        assert_eq!(r[0].raw, "Kế hoạch số 513/KH- UBND");
        assert_eq!(r[0].issuer.as_deref(), Some("UBND tỉnh Nghệ An"));
    }

    #[test]
    fn typing_slips_are_fixed_to_canonical_shape() {
        assert_eq!(
            numbers("theo Quyết định số 739/QĐUBND ngày 22/3/2017 và Chương trình hành động 920/-CTr/TU, Kết luận số 29 KL/TU"),
            ["739/QĐ-UBND", "920-CTr/TU", "29-KL/TU"]
        );
        // An odd symbol whose shape is already canonical is kept as printed.
        assert_eq!(numbers("Công văn số 887/SNg-VPTTr"), ["887/SNg-VPTTr"]);
    }

    #[test]
    fn lists_share_their_type_word() {
        let r = refs("theo quy định tại các Nghị định: Số 16/2015/NĐ-CP, số 141/2016/NĐ-CP, số 54/2016/NĐ-CP.");
        let kinds: Vec<&str> = r.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, ["Nghị định"; 3]);
        assert_eq!(r[1].raw, "số 141/2016/NĐ-CP");
        let r = refs("các Chương trình hành động của Thành ủy: số 45-CTr/ThU ngày 02/3/2021, số 46-CTr/ThU ngày 05/3/2021 về thực hiện Nghị quyết số 12-NQ/TW và số 47-CTr/ThU ngày 09/4/2021");
        let got: Vec<(&str, &str, Option<&str>)> = r
            .iter()
            .map(|r| (r.number.as_str(), r.kind.as_str(), r.issuer.as_deref()))
            .collect();
        assert_eq!(
            got[0],
            ("45-CTr/ThU", "Chương trình hành động", Some("Thành ủy"))
        );
        assert_eq!(
            got[1],
            ("46-CTr/ThU", "Chương trình hành động", Some("Thành ủy"))
        );
        assert_eq!(
            got[3],
            ("47-CTr/ThU", "Chương trình hành động", Some("Thành ủy"))
        );
        assert_eq!(r[3].date.as_deref(), Some("2021-04-09"));
    }

    #[test]
    fn compound_numbers_are_separate_documents() {
        let r = refs("quán triệt Nghị quyết số 18, 19-NQ/TW, Hội nghị lần thứ 6 và Quyết định số 12, 13/QĐ-UBND.");
        let n: Vec<&str> = r.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(n, ["18-NQ/TW", "19-NQ/TW", "12/QĐ-UBND", "13/QĐ-UBND"]);
        assert_eq!(r[0].raw, "Nghị quyết số 18, 19-NQ/TW");
        assert_eq!(r[2].kind, "Quyết định");
    }

    #[test]
    fn closing_cua_applies_to_items_that_fit() {
        let r = refs("Chỉ thị 35-CT/TU, Kết luận số 05-KL/TU của Ban Thường vụ Tỉnh uỷ và Quyết định số 52/2017/QĐ-UBND của Uỷ ban nhân dân tỉnh Quảng Trị.");
        let is: Vec<Option<&str>> = r.iter().map(|r| r.issuer.as_deref()).collect();
        assert_eq!(
            is,
            [
                Some("Ban Thường vụ Tỉnh uỷ"),
                Some("Ban Thường vụ Tỉnh uỷ"),
                Some("Uỷ ban nhân dân tỉnh Quảng Trị")
            ]
        );
        // A Thủ tướng decision before `của Chính phủ` does not fit it.
        let r = refs("Quyết định số 28/2018/QĐ-TTg, Nghị định số 61/2018/NĐ-CP của Chính phủ");
        assert_eq!(r[0].issuer.as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(r[1].issuer.as_deref(), Some("Chính phủ"));
    }

    #[test]
    fn a_closing_date_is_shared_only_when_the_year_agrees() {
        let r = refs("Nghị quyết 18-NQ/TW và Nghị quyết 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII.");
        assert_eq!(r[0].date.as_deref(), Some("2017-10-25"));
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Ban Chấp hành Trung ương Đảng khóa XII")
        );
        let r = refs("Nghị định số 60/2021/NĐ-CP, Nghị định số 117/2013/NĐ-CP ngày 07/10/2013 của Chính phủ về tự chủ.");
        assert_eq!(r[0].date, None);
        assert_eq!(r[0].issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(r[1].date.as_deref(), Some("2013-10-07"));
    }

    #[test]
    fn date_after_the_issuer_and_glued_footnote() {
        let r = refs("Nghị định số 61/2018/NĐ-CP của Chính phủ ngày 23/4/2018 về một cửa; Nghị định số 55/2011/NĐ-CP ngày 04/7/20111 của Chính phủ.");
        assert_eq!(r[0].date.as_deref(), Some("2018-04-23"));
        assert_eq!(r[1].date.as_deref(), Some("2011-07-04"));
    }

    #[test]
    fn short_forms_repeat_a_full_number_or_stand_partial() {
        let r = refs("Nghị định số 140/2017/NĐ-CP về thu hút nhân tài. Đã tuyển 02 người theo Nghị định 140, tuy nhiên chưa đủ. Thực hiện khoán theo Nghị định 130.");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].mentions.len(), 2);
        assert!(!r[0].partial);
        assert_eq!(r[1].number, "130");
        assert!(r[1].partial);
        assert_eq!(r[1].kind, "Nghị định");
        let r = refs("Chương trình hành động số 920-CTr/TU và số 1011-CTr/TU; triển khai các Chương trình hành động 920, 1011 của Tỉnh ủy.");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].mentions.len(), 2);
        assert_eq!(r[1].mentions.len(), 2);
    }

    #[test]
    fn quantities_years_and_clauses_are_not_references() {
        assert!(numbers("Báo cáo 6 tháng đầu năm; Kế hoạch 2021 của Sở; mức độ 3, 4; Điều 5 khoản 2; số 12 cán bộ.").is_empty());
        assert!(refs("Báo cáo 6 tháng đầu năm 2021; Kế hoạch 2022").is_empty());
        assert!(
            numbers("đạt 1.216/1.50 điểm, 124/132 hồ sơ, 24/25 CBCCVC, tỷ lệ 95.425%.").is_empty()
        );
        assert!(
            numbers("theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 và ISO 9001/2008.").is_empty()
        );
        assert!(numbers(
            "xem https://thuvienphapluat.vn/van-ban/Thong-tu-343/2016/TT-BTC-2016.aspx"
        )
        .is_empty());
    }

    #[test]
    fn the_documents_own_number_is_not_a_reference() {
        let t = "Số: 77/BC-SNgV\nBÁO CÁO\nThực hiện Kế hoạch số 41/KH-SNgV. Báo cáo số 77/BC-SNgV này thay thế.";
        let r = refs_own(t, Some("77/BC-SNgV"));
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].number, "41/KH-SNgV");
    }

    #[test]
    fn subject_issuers() {
        let r = refs(
            "Sở Tư pháp đã ban hành Kế hoạch số 15/KH-STP ngày 20/01/2022 về phổ biến pháp luật.",
        );
        assert_eq!(r[0].issuer.as_deref(), Some("Sở Tư pháp"));
        let r = refs("Sở đã tham mưu UBND tỉnh có Văn bản số 1687/UBND-NC ngày 29/3/2021.");
        assert_eq!(r[0].issuer.as_deref(), Some("UBND tỉnh"));
        let r = refs("quy trình đã được Bộ Tài chính phê duyệt tại Quyết định số 113/QĐ-BTC ngày 29/01/2021.");
        assert_eq!(r[0].issuer.as_deref(), Some("Bộ Tài chính"));
        let r = refs("Thực hiện ý kiến chỉ đạo của Ủy ban nhân dân tỉnh tại Công văn số 1207/UBND-PC ngày 05/3/2021.");
        assert_eq!(r[0].issuer.as_deref(), Some("Ủy ban nhân dân tỉnh"));
        let t = "Về xây dựng văn bản: Sở Giáo dục và Đào tạo đã ban hành các văn bản sau:\n- Kế hoạch số 41/KH-SGDĐT ngày 18/01/2021 về cải cách hành chính.\n- Công văn số 163/SGDĐT-VP ngày 10/3/2021 về kỷ luật.\nII. NHIỆM VỤ\n- Kế hoạch số 9/KH-SGDĐT ngày 1/2/2021.";
        let r = refs(t);
        assert_eq!(r[0].issuer.as_deref(), Some("Sở Giáo dục và Đào tạo"));
        assert_eq!(r[1].issuer.as_deref(), Some("Sở Giáo dục và Đào tạo"));
    }

    #[test]
    fn mentions_carry_display_evidence() {
        let t = "I. CĂN CỨ\nThực hiện Công văn số 41/SNV-CCHC&VTLT ngày 11/01/2021 của Sở\nNội vụ về hướng dẫn.";
        let r = refs(t);
        assert_eq!(r[0].number, "41/SNV-CCHC&VTLT");
        assert_eq!(r[0].issuer.as_deref(), Some("Sở Nội vụ"));
        let m = &r[0].mentions[0];
        let chars: Vec<char> = t.chars().collect();
        let got: String = chars[m.evidence.start..m.evidence.end].iter().collect();
        assert_eq!(got, "Công văn số 41/SNV-CCHC&VTLT");
        assert!(m.evidence.sentence.starts_with("Thực hiện Công văn"));
    }
}
