//! Attaching what surrounds a mention: its own date and `của X`, a list's
//! closing issuer and date, and the acting subject that issued it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::grammar::{clean_name, floor_boundary, has_sentence_break};
use super::Hit;
use crate::dates::date_right_after;
use crate::issuers::{find_orgs, fold, is_bare_head, issuer_fits};

/// Lead-in of a list of documents issued by a named body: `Sở Ngoại vụ đã ban hành các văn bản sau:`.
pub(super) static LIST_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:đã|vừa)?\s*(?:ban\s+hành|có|ký|tham\s+mưu\s+ban\s+hành)\s+(?:các|những|một\s+số)\s+[^:\n.;]{0,60}:\s*$")
        .expect("list lead regex")
});

/// Verbs whose subject is the issuer of the document that follows.
pub(super) static SUBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:(?:đã|vừa|cũng|đã\s+được|được|tiếp\s+tục|sẽ)\s+)*(?:ban\s+hành|có|ký|ký\s+ban\s+hành|phê\s+duyệt|ra)\s+(?:các\s+|\d{1,3}\s+)?$")
        .expect("subject verb regex")
});

/// An acting body followed by a verb, used with `… tại <document>`.
pub(super) static ACTING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:(?:đã|vừa|cũng|được)\s+)*(?:ban\s+hành|phê\s+duyệt|điều\s+chỉnh|quy\s+định|thống\s+nhất|ủy\s+quyền|uỷ\s+quyền|công\s+bố|chỉ\s+đạo|giao|cho\s+phép|hướng\s+dẫn|quyết\s+định|ký)\b")
        .expect("acting verb regex")
});

/// Nouns of direction before `của X tại <document>` (`ý kiến chỉ đạo của UBND tỉnh tại Công văn…`).
pub(super) static DIRECTIVE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:chỉ\s+đạo|quy\s+định|hướng\s+dẫn|ý\s+kiến|yêu\s+cầu|kết\s+luận|phê\s+duyệt)\s+của\s+$",
    )
    .expect("directive regex")
});

/// Dates and `của X` that follow each mention: `… ngày 04/7/2011 của Chính phủ`
/// or `… của Chính phủ ngày 23/4/2018`.
pub(super) fn attach_tails(text: &str, hits: &mut [Hit]) {
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
                // `của`, and `CỦA` in a title block printed in capitals.
                if let Some(after) = t.strip_prefix("của").or_else(|| t.strip_prefix("CỦA")) {
                    let org_from = p + rest.len() - after.len();
                    let lead = after.len() - after.trim_start().len();
                    if let Some(o) = orgs.iter().find(|o| o.start == org_from + lead) {
                        let end = joint_end(text, &orgs, o.end);
                        h.issuer = Some(clean_name(&text[o.start..end]));
                        pos = end;
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

/// Joint issuers after `của`: `của Bộ Công an, Bộ Quốc phòng và Bộ Ngoại
/// giao` names all three. The end of the last body that follows `end` with
/// only a comma or `và` between.
///
/// A list of joint issuers closes with `và` (`A, B và C`, `A và B`): bodies
/// joined by commas only are not a list of issuers but the next clause's
/// subject (`của UBND tỉnh Lào Cai, Sở Xây dựng đã hướng dẫn…`), so the chain
/// is kept up to its last `và` and no further.
fn joint_end(text: &str, orgs: &[Range<usize>], end: usize) -> usize {
    let end = second_title_end(text, orgs, end);
    let mut at = end;
    let mut kept = end;
    while let Some(next) = orgs.iter().find(|n| {
        // A bare `Sở` after the comma opens the next clause (`…, Sở đã…`).
        let name = clean_name(&text[(*n).clone()]);
        n.start >= at
            && !is_bare_head(&name)
            && name.split_whitespace().count() >= 2
            && matches!(text[at..n.start].trim(), "," | "và" | ", và")
    }) {
        if text[at..next.start].trim() != "," {
            kept = next.end;
        }
        at = next.end;
    }
    kept
}

/// Office-holders named by their title alone, who may hold a second title
/// (`Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ`).
const OFFICE_TITLES: &[&str] = &[
    "Bộ trưởng",
    "Thứ trưởng",
    "Chủ tịch",
    "Giám đốc",
    "Chánh án",
    "Viện trưởng",
    "Thống đốc",
    "Tổng Kiểm toán Nhà nước",
];

/// `của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ`: a title standing alone
/// before a comma, then a second title of one or two words and the body both
/// belong to: one office-holder, named whole.
fn second_title_end(text: &str, orgs: &[Range<usize>], end: usize) -> usize {
    let Some(current) = orgs.iter().find(|o| o.end == end) else {
        return end;
    };
    if !OFFICE_TITLES.contains(&text[current.clone()].trim()) {
        return end;
    }
    let Some(after) = text[end..].strip_prefix(", ") else {
        return end;
    };
    let from = end + 2;
    let Some(body) = orgs
        .iter()
        .find(|o| o.start >= from && o.start <= from + 40)
    else {
        return end;
    };
    let title = text[from..body.start].trim();
    let words: Vec<&str> = title.split_whitespace().collect();
    // The second title is a head of its own (`Chủ nhiệm Văn phòng Chính phủ`)
    // or one to three capitalised words before the body.
    let titled = (words.is_empty() && body.start == from)
        || (!words.is_empty()
            && words.len() <= 3
            && words[0].starts_with(|c: char| c.is_uppercase())
            && after.starts_with(title));
    if titled {
        body.end
    } else {
        end
    }
}

/// Words right before a date that make it another date than the document's
/// own (`có hiệu lực từ ngày`, `trước ngày`, `đến ngày`).
const NOT_ISSUE_DATE: &[&str] = &[
    "từ", "đến", "tới", "trước", "sau", "hết", "lực", "hạn", "kể", "vào", "trong", "tại", "họp",
];

/// Dates not right after a mention: the first date after the cited document's
/// title (`Nghị định số 47/2021/NĐ-CP quy định chi tiết … ngày 01/4/2021 của
/// Chính phủ`), before the next cited number or the sentence's end, and the
/// date that opens the clause of the first document in it (`Ngày 12/5/2025,
/// Sở Y tế có Công văn số …`).
pub(super) fn attach_far_dates(text: &str, hits: &mut [Hit]) {
    let orgs = find_orgs(text);
    let starts: Vec<usize> = hits.iter().map(|h| h.span.start).collect();
    for i in 0..hits.len() {
        if hits[i].date.is_some() || hits[i].short {
            continue;
        }
        let from = hits[i].tail_end.max(hits[i].span.end);
        let next = starts
            .iter()
            .copied()
            .filter(|&s| s >= from)
            .min()
            .unwrap_or(text.len());
        let limit = floor_boundary(text, next.min(from + 300));
        let window = &text[from..limit];
        let cut = sentence_end(window);
        let window = &window[..cut];
        let year = year_of(&hits[i].number);
        let found = crate::dates::find_dates(window).into_iter().find(|(r, d)| {
            let printed = &window[r.clone()];
            let before = window[..r.start].trim_end();
            let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
            (printed.starts_with("ngày") || printed.starts_with("Ngày"))
                && d.day.is_some()
                && !NOT_ISSUE_DATE.contains(&prev.to_lowercase().as_str())
                && year.map_or(r.start <= 120, |y| y == d.year)
        });
        if let Some((r, d)) = found {
            let h = &mut hits[i];
            h.date = Some(d);
            if h.issuer.is_none() {
                let rest = &text[from + r.end..];
                let r = rest.trim_start();
                if let Some(after) = r.strip_prefix("của").or_else(|| r.strip_prefix("CỦA")) {
                    let org_from = text.len() - after.len();
                    let lead = after.len() - after.trim_start().len();
                    if let Some(o) = orgs.iter().find(|o| o.start == org_from + lead) {
                        h.issuer = Some(clean_name(&text[o.clone()]));
                    }
                }
            }
            continue;
        }
        // The date that opens the clause, for the clause's first document.
        let cs = clause_start(text, hits[i].span.start);
        // `Ngày 12/5/2025, <body> có Công văn số …`: the last date of the
        // clause before the document, set off by a comma, with only its
        // subject and verb between (no other date or document).
        let lead = &text[cs..hits[i].span.start];
        if let Some((r, d)) = crate::dates::find_dates(lead).into_iter().last() {
            let printed = &lead[r.clone()];
            let rest = lead[r.end..].trim_start();
            let opens = printed.starts_with("Ngày") || printed.starts_with("ngày");
            let prev = lead[..r.start]
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("")
                .to_lowercase();
            if d.day.is_some()
                && opens
                && rest.starts_with(',')
                && rest.len() <= 150
                && !NOT_ISSUE_DATE.contains(&prev.as_str())
                && !starts[..i].iter().any(|&st| st >= cs + r.end)
            {
                hits[i].date = Some(d);
            }
        }
    }
}

/// Byte length of `s` up to its first sentence end (a full stop or semicolon
/// followed by a space or line break, or a blank line).
fn sentence_end(s: &str) -> usize {
    let b = s.as_bytes();
    for i in 0..b.len() {
        let next = b.get(i + 1).copied();
        if (b[i] == b';' || b[i] == b'.') && next.is_none_or(|n| n.is_ascii_whitespace()) {
            return i;
        }
        if b[i] == b'\n' && next == Some(b'\n') {
            return i;
        }
    }
    s.len()
}

/// A list `A, B và C ngày D của X`: the closing `của X` applies to every earlier
/// item whose symbol fits X; the closing date to earlier undated items whose
/// year agrees (a 2021 decree is not dated 2013). List heads also give their
/// `của X` (`các Chương trình hành động của Tỉnh ủy: số …, số …`) to items.
pub(super) fn distribute(text: &str, hits: &mut [Hit]) {
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
            // An item with its own `của X` closes the list there; one with only
            // its own date (`số A ngày D1, số B ngày D2 của X`) is still in it.
            if !joined || (prev.own_tail && prev.issuer.is_some() && prev.span != cur.span) {
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
pub(super) fn head_issuer(text: &str, h: &Hit) -> Option<String> {
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
pub(super) fn year_of(number: &str) -> Option<i32> {
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
pub(super) fn subject_issuers(text: &str, hits: &mut [Hit], own_agency: Option<&str>) {
    let orgs = find_orgs(text);
    let name_of = |r: &Range<usize>| {
        let n = clean_name(&text[r.clone()]);
        match own_agency {
            Some(a) if is_bare_head(&n) && fold(a).starts_with(&fold(&n)) => a.to_string(),
            _ => n,
        }
    };
    let leads = list_leads(text, &orgs);
    let mut by_subject = vec![false; hits.len()];
    for (hi, h) in hits.iter_mut().enumerate() {
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
                by_subject[hi] = true;
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
    // `<Org> ban hành 04 Quyết định số A, số B và số C`: the subject issued every item.
    for i in 1..hits.len() {
        if hits[i].issuer.is_some() || !by_subject[i - 1] || hits[i].kind != hits[i - 1].kind {
            continue;
        }
        // The separator, without the `số` that opens the next item (`, số B và số C`).
        let joined = text
            .get(hits[i - 1].tail_end.max(hits[i - 1].span.end)..hits[i].num_start)
            .is_some_and(|b| {
                let b = b.trim();
                let b = b.strip_suffix("số").unwrap_or(b).trim();
                matches!(b, "," | "và" | ", và" | ";" | "" | "và các" | ",và")
            });
        if joined {
            hits[i].issuer = hits[i - 1].issuer.clone();
            by_subject[i] = true;
        }
    }
}

/// Start of the clause holding `pos`: after the last full stop, semicolon, blank line or list dash.
pub(super) fn clause_start(text: &str, pos: usize) -> usize {
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

/// Whether the mention at `pos` is the first thing of the list item starting at `item`.
pub(super) fn item_head(text: &str, item: usize, pos: usize) -> bool {
    let head =
        text[item..pos].trim_start_matches(|c: char| c.is_whitespace() || "-+•*".contains(c));
    head.trim().is_empty()
}

/// List lead-ins and the byte ranges of the `- ` items they govern.
pub(super) fn list_leads(
    text: &str,
    orgs: &[Range<usize>],
) -> Vec<(Vec<Range<usize>>, Range<usize>)> {
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
pub(super) fn list_items(text: &str, from: usize) -> Vec<Range<usize>> {
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
pub(super) fn starts_outline(t: &str) -> bool {
    let head: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    (head.ends_with('.') || head.ends_with(')'))
        && head.len() <= 6
        && head[..head.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || "IVXL.".contains(c) || c.is_ascii_lowercase())
        && head.len() > 1
}
