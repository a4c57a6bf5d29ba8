//! The document's own header and closing block, laid out by Nghị định
//! 30/2020/NĐ-CP: top-left the issuing body (parent line above it) and
//! `Số: 12/QĐ-UBND`; top-right the national title, motto and the place-date
//! line `Hà Tĩnh, ngày 15 tháng 6 năm 2021`; then the type word (`BÁO CÁO`)
//! with the subject under it — or, for a công văn, no type word but a
//! `V/v …` subject under the number. At the end, `Nơi nhận:` on the left and
//! the signature block on the right (`KT. GIÁM ĐỐC` ⏎ `PHÓ GIÁM ĐỐC` ⏎ name).
//!
//! Text shapes handled: PDF text that interleaves the two columns line by
//! line, DOCX tables rendered with cells separated by tabs, both columns on
//! one line separated by a run of spaces, markdown emphasis around lines,
//! blank lines between every line, and a header block missing altogether.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use vanban_text::PreparedPage;

use crate::dates::find_dates;
use crate::evidence::evidence_for;
use crate::facts::Header;
use crate::issuers::issuer_for_number;
use crate::DocContext;

/// Type words of Nghị định 30/2020 (Phụ lục III) and of the Law on legal documents, longest first.
static KIND_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:THÔNG TƯ LIÊN TỊCH|NGHỊ QUYẾT LIÊN TỊCH|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|BÁO CÁO|KẾ HOẠCH|QUYẾT ĐỊNH|NGHỊ ĐỊNH|NGHỊ QUYẾT|THÔNG TƯ|TỜ TRÌNH|PHỤ LỤC|CHỈ THỊ|THÔNG BÁO|THÔNG CÁO|HƯỚNG DẪN|QUY CHẾ|QUY ĐỊNH|KẾT LUẬN|ĐỀ ÁN|PHƯƠNG ÁN|DỰ ÁN|BIÊN BẢN|CÔNG ĐIỆN|CÔNG VĂN|GIẤY MỜI|GIẤY GIỚI THIỆU|GIẤY ỦY QUYỀN|GIẤY NGHỈ PHÉP|PHIẾU GỬI|PHIẾU CHUYỂN|PHIẾU BÁO|THƯ CÔNG|HỢP ĐỒNG|BẢN GHI NHỚ|BẢN THỎA THUẬN|ĐIỀU LỆ|LỆNH|LUẬT|PHÁP LỆNH|CHỈ THỊ)(?:\s+(?:SỐ|số)?)?(?:\s|$)",
    )
    .expect("kind line regex")
});

/// `Số: 77/BC-SNgV`, `Số:    /BC-SNgV`, `Số 15/KH-SNgV`.
static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Số\s*:?\s*(?P<n>\d{0,5}\s*/\s*[\p{L}\d/&.\-\s]*?[\p{L}\d])\s*$")
        .expect("number line regex")
});

/// Openers of the body, which end the subject.
static BODY_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Căn cứ|Thực hiện|Kính gửi|Theo|Trên cơ sở|Để |Nhằm|Triển khai|Qua |Sau khi|Hôm nay|Xét |Ngày |Năm |Phần |Điều |Chương |Mục |TT\t|STT|[IVX]+\.|\d+\.|[a-z]\))")
        .expect("body opener regex")
});

/// Titles of the signature block.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:KT\.|TM\.|TL\.|TUQ\.|Q\.|T/M|K/T)?\s*(?:PHÓ\s+)?(?:GIÁM ĐỐC|CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|TRƯỞNG|CHÁNH|VIỆN TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TỔNG|BÍ THƯ|HIỆU TRƯỞNG|THỦ TRƯỞNG|ỦY BAN|UỶ BAN|BAN |HỘI ĐỒNG|THƯỜNG TRỰC|CHỦ NHIỆM|TỔ TRƯỞNG|KẾ TOÁN|NGƯỜI|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|CHỦ TỊCH NƯỚC)")
        .expect("title regex")
});

/// One cell of a line: a tab-separated cell or a column split by a run of spaces.
#[derive(Debug, Clone)]
struct Cell {
    /// Byte range in the `lines` view, trimmed of spaces and markdown emphasis.
    range: Range<usize>,
    text: String,
}

/// The cells of a page, in reading order, with blank lines recorded as `None`.
fn cells_of(text: &str) -> Vec<Option<Cell>> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\t| {3,}").expect("split regex"));
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let mut any = false;
        let mut from = 0;
        let mut pieces: Vec<Range<usize>> = Vec::new();
        for m in SPLIT.find_iter(body) {
            // A run of spaces before a lower-case word is a blank inside the text (`ngày      tháng`).
            if m.as_str() != "\t"
                && !body[m.end()..].starts_with(|c: char| c.is_uppercase() || c == '*' || c == '(')
            {
                continue;
            }
            pieces.push(from..m.start());
            from = m.end();
        }
        pieces.push(from..body.len());
        for p in pieces {
            if let Some(r) = clean_range(body, p) {
                any = true;
                out.push(Some(Cell {
                    range: pos + r.start..pos + r.end,
                    text: body[r].to_string(),
                }));
            }
        }
        if !any {
            out.push(None);
        }
        pos += line.len();
    }
    out
}

/// Trims spaces, markdown emphasis, `[bookmark: …]` artefacts and HTML paragraph tags.
fn clean_range(s: &str, mut r: Range<usize>) -> Option<Range<usize>> {
    loop {
        let t = &s[r.clone()];
        let before = r.clone();
        let lead = t.len()
            - t.trim_start_matches(|c: char| c.is_whitespace() || "*_#>".contains(c))
                .len();
        r.start += lead;
        let t = &s[r.clone()];
        let trail = t.len()
            - t.trim_end_matches(|c: char| c.is_whitespace() || "*_".contains(c))
                .len();
        r.end -= trail;
        let t = &s[r.clone()];
        if t.starts_with('[') {
            if let Some(close) = t.find(']') {
                if t[..close].contains(':') {
                    r.start += close + 1;
                }
            }
        }
        for tag in ["<p>", "</p>"] {
            if s[r.clone()].starts_with(tag) {
                r.start += tag.len();
            }
            if s[r.clone()].ends_with(tag) {
                r.end -= tag.len();
            }
        }
        if r == before || r.start >= r.end {
            break;
        }
    }
    (r.start < r.end).then_some(r)
}

/// Whether a cell is upper case (letters present, none lower case).
fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// The national title and motto in the right column.
fn is_motto(s: &str) -> bool {
    let u = s.to_uppercase();
    u.starts_with("CỘNG HÒA") || u.starts_with("CỘNG HOÀ") || u.starts_with("ĐỘC LẬP")
}

/// Separator rules (`-------`, `___`) and stamps (`KHẨN`, `MẬT`).
fn is_furniture(s: &str) -> bool {
    s.chars().all(|c| "-_=–—.*~ ".contains(c))
        || matches!(
            s,
            "KHẨN" | "HỎA TỐC" | "HOẢ TỐC" | "THƯỢNG KHẨN" | "MẬT" | "TỐI MẬT" | "DỰ THẢO"
        )
}

/// Finds the document's own header fields.
pub(crate) fn extract_header(pages: &[PreparedPage]) -> Header {
    let mut h = Header::default();
    let Some(page) = pages.first() else {
        return h;
    };
    let view = &page.lines;
    let text = view.as_str();
    let cells = cells_of(text);
    let mut set_ev = |h: &mut Header, field: &str, r: Range<usize>| {
        h.evidence
            .insert(field.to_string(), evidence_for(page, view, r));
    };

    // The header zone ends at the first body line; only the first 60 cells matter.
    let limit = cells.len().min(80);
    let mut kind_at: Option<usize> = None;
    let mut agency_cells: Vec<&Cell> = Vec::new();
    let mut vv_at: Option<usize> = None;
    for (i, c) in cells[..limit].iter().enumerate() {
        let Some(c) = c else { continue };
        let t = c.text.as_str();
        if h.number.is_none() {
            if let Some(m) = NUMBER_LINE.captures(t) {
                if let Some(n) = m.name("n") {
                    h.number = Some(n.as_str().split_whitespace().collect());
                    set_ev(
                        &mut h,
                        "number",
                        c.range.start + n.start()..c.range.start + n.end(),
                    );
                    continue;
                }
            }
        }
        if t.starts_with("V/v") || t.starts_with("V/V") {
            vv_at.get_or_insert(i);
            continue;
        }
        if h.date.is_none() && !is_upper(t) {
            if let Some((r, d)) = find_dates(t).into_iter().next() {
                let before = t[..r.start].trim_end().trim_end_matches(',').trim();
                if before.chars().count() <= 40 && !before.contains(['.', ';']) {
                    h.date = Some(d.to_string());
                    set_ev(
                        &mut h,
                        "date",
                        c.range.start + r.start..c.range.start + r.end,
                    );
                    if !before.is_empty() && before.starts_with(|ch: char| ch.is_uppercase()) {
                        h.place = Some(before.to_string());
                        let ps = c.range.start + t.find(before).unwrap_or(0);
                        set_ev(&mut h, "place", ps..ps + before.len());
                    }
                    continue;
                }
            }
        }
        if is_motto(t) || is_furniture(t) {
            continue;
        }
        if is_upper(t) && KIND_LINE.is_match(t) {
            kind_at = Some(i);
            break;
        }
        if BODY_OPENER.is_match(t) || t.chars().count() > 120 {
            break;
        }
        if is_upper(t) && t.chars().count() <= 80 {
            agency_cells.push(c);
        }
    }
    set_agency(&mut h, &agency_cells, &mut set_ev);

    if let Some(k) = kind_at.and_then(|i| cells[i].as_ref()) {
        let m = KIND_LINE.find(&k.text).map_or(k.text.len(), |m| m.end());
        let word = k.text[..m].trim().trim_end_matches(['S', 'Ố']).trim();
        let word = word.strip_suffix(" số").unwrap_or(word).trim();
        h.kind = Some(word.to_string());
        set_ev(&mut h, "kind", k.range.start..k.range.start + word.len());
        let rest = k.text[m..].trim();
        let first = (!rest.is_empty()).then(|| {
            (
                k.range.start + k.text.len() - rest.len()..k.range.end,
                rest.to_string(),
            )
        });
        subject_after(
            &mut h,
            &cells,
            kind_at.map_or(0, |i| i + 1),
            first,
            &mut set_ev,
        );
    } else if let Some(i) = vv_at {
        // A công văn has no type word; its subject line opens with `V/v`.
        h.kind = Some("CÔNG VĂN".to_string());
        if let Some(c) = &cells[i] {
            let rest = c.text[3..].trim_start_matches([':', ' ', '.']);
            let first = Some((c.range.end - rest.len()..c.range.end, rest.to_string()));
            subject_after(&mut h, &cells, i + 1, first, &mut set_ev);
        }
    }

    if h.date.is_none() {
        attached_date(&mut h, &cells[..limit], &mut set_ev);
    }
    if let Some(last) = pages.last() {
        closing_block(&mut h, last);
    }
    h
}

/// Parent agency and agency from the upper-case lines of the top-left block.
fn set_agency(
    h: &mut Header,
    cells: &[&Cell],
    set_ev: &mut impl FnMut(&mut Header, &str, Range<usize>),
) {
    // Join a name broken over two lines (`ỦY BAN NHÂN DÂN` ⏎ `TỈNH HÀ TĨNH`).
    let mut names: Vec<(String, Range<usize>)> = Vec::new();
    for c in cells {
        let continues = [
            "TỈNH ",
            "THÀNH PHỐ ",
            "HUYỆN ",
            "QUẬN ",
            "XÃ ",
            "PHƯỜNG ",
            "THỊ XÃ ",
        ]
        .iter()
        .any(|p| c.text.starts_with(p));
        match names.last_mut() {
            Some((n, r))
                if continues
                    && (n.ends_with("NHÂN DÂN")
                        || n.ends_with("ĐẢNG BỘ")
                        || n.ends_with("ỦY BAN")) =>
            {
                n.push(' ');
                n.push_str(&c.text);
                r.end = c.range.end;
            }
            _ => names.push((c.text.clone(), c.range.clone())),
        }
    }
    if let Some((a, r)) = names.last() {
        h.agency = Some(a.split_whitespace().collect::<Vec<_>>().join(" "));
        set_ev(h, "agency", r.clone());
    }
    if names.len() >= 2 {
        let (p, r) = &names[names.len() - 2];
        h.parent_agency = Some(p.split_whitespace().collect::<Vec<_>>().join(" "));
        set_ev(h, "parent_agency", r.clone());
    }
}

/// The subject: cells after the type word until the body starts.
fn subject_after(
    h: &mut Header,
    cells: &[Option<Cell>],
    from: usize,
    first: Option<(Range<usize>, String)>,
    set_ev: &mut impl FnMut(&mut Header, &str, Range<usize>),
) {
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<Range<usize>> = None;
    if let Some((r, t)) = first {
        parts.push(t);
        range = Some(r);
    }
    let mut blanks = 0;
    for c in cells.iter().skip(from).take(20) {
        let Some(c) = c else {
            blanks += 1;
            continue;
        };
        let t = c.text.as_str();
        if is_furniture(t) {
            if !parts.is_empty() {
                break;
            }
            continue;
        }
        if (blanks >= 2 && !parts.is_empty())
            || BODY_OPENER.is_match(t)
            || t.starts_with('(')
            || t.ends_with(':')
            || parts.len() >= 4
            || t.chars().count() > 250
        {
            break;
        }
        blanks = 0;
        parts.push(t.to_string());
        range = Some(match range {
            Some(r) => r.start..c.range.end,
            None => c.range.clone(),
        });
        if t.ends_with('.') {
            break;
        }
    }
    if let Some(r) = range {
        let s = parts.join(" ");
        h.subject = Some(s.split_whitespace().collect::<Vec<_>>().join(" "));
        set_ev(h, "subject", r);
    }
}

/// `(Ban hành kèm theo Báo cáo số /BC-SNgV ngày 14/6/2024)`: the date of the
/// document this appendix belongs to is the appendix's own date.
fn attached_date(
    h: &mut Header,
    cells: &[Option<Cell>],
    set_ev: &mut impl FnMut(&mut Header, &str, Range<usize>),
) {
    for c in cells.iter().flatten() {
        let t = c.text.as_str();
        if t.starts_with('(') && (t.contains("kèm theo") || t.contains("Kèm theo")) {
            if let Some((r, d)) = find_dates(t).into_iter().next() {
                h.date = Some(d.to_string());
                set_ev(h, "date", c.range.start + r.start..c.range.start + r.end);
                return;
            }
        }
    }
}

/// `Nơi nhận:` items, `Kính gửi:` recipients, signer and the signer's own title.
fn closing_block(h: &mut Header, page: &PreparedPage) {
    let view = &page.lines;
    let text = view.as_str();
    let cells = cells_of(text);
    let flat: Vec<&Cell> = cells.iter().flatten().collect();
    // Recipients after the last `Nơi nhận:`.
    let noi = flat.iter().rposition(|c| {
        let t = c.text.trim_start_matches('*');
        t.starts_with("Nơi nhận") || t.starts_with("NƠI NHẬN")
    });
    let mut recipient_cells: Vec<usize> = Vec::new();
    if let Some(n) = noi {
        let mut i = n + 1;
        while i < flat.len() {
            let t = flat[i].text.as_str();
            if TITLE.is_match(t) && is_upper(t) {
                i += 1;
                continue;
            }
            if let Some(item) = t.strip_prefix(['-', '+', '•']) {
                let item = item.trim();
                if !item.starts_with("Lưu") {
                    h.recipients.push(clean_item(item));
                }
                recipient_cells.push(i);
            } else if let Some(last) = h.recipients.last_mut() {
                // A wrapped item continues on the next line (lower case or no closing `;`).
                if t.starts_with(|c: char| c.is_lowercase()) || !last.ends_with(';') && !is_name(t)
                {
                    if is_name(t) {
                        break;
                    }
                    last.push(' ');
                    last.push_str(&clean_item(t));
                    recipient_cells.push(i);
                } else {
                    break;
                }
            } else if !h.recipients.is_empty() || i > n + 3 {
                break;
            }
            i += 1;
        }
        for r in h.recipients.iter_mut() {
            *r = r.trim_end_matches([';', '.', ',']).trim().to_string();
        }
        h.recipients.retain(|r| !r.is_empty());
    }
    // Kính gửi on the first page's left column, when no `Nơi nhận` list was found.
    // The signer: the last name-like cell below a title within the last cells.
    let tail_from = flat.len().saturating_sub(40);
    let name_at = (tail_from..flat.len())
        .rev()
        .find(|&i| !recipient_cells.contains(&i) && is_name(&flat[i].text));
    let Some(ni) = name_at else {
        return;
    };
    let title_at = (ni.saturating_sub(8)..ni).rev().find(|&i| {
        let t = flat[i].text.as_str();
        is_upper(t) && TITLE.is_match(t) && !is_authority(t)
    });
    let Some(ti) = title_at else {
        return;
    };
    h.signer = Some(
        flat[ni]
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    h.evidence.insert(
        "signer".to_string(),
        evidence_for(page, view, flat[ni].range.clone()),
    );
    h.signer_title = Some(
        flat[ti]
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    h.evidence.insert(
        "signer_title".to_string(),
        evidence_for(page, view, flat[ti].range.clone()),
    );
}

/// `KT. GIÁM ĐỐC`, `TM. ỦY BAN NHÂN DÂN`, `TL. BỘ TRƯỞNG`: on whose behalf, not the signer's title.
fn is_authority(t: &str) -> bool {
    ["KT.", "KT ", "TM.", "TM ", "TL.", "TUQ.", "T/M", "K/T"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// A person's name: 2–5 capitalised syllables, nothing else.
fn is_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().all(char::is_lowercase)
                && w.chars().all(char::is_alphabetic)
        })
}

/// A recipient item without its list punctuation.
fn clean_item(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document's own agency named as a body (`SỞ NGOẠI VỤ` → `Sở Ngoại vụ`),
/// or the body of its own number's issuer code, for resolving `Sở đã ban hành…`.
pub(crate) fn own_agency(pages: &[PreparedPage], ctx: &DocContext) -> Option<String> {
    let h = extract_header(pages);
    if let Some(a) = h.agency {
        let lower = a.to_lowercase();
        let words: Vec<String> = lower
            .split_whitespace()
            .enumerate()
            .map(|(i, w)| {
                if i < 2 {
                    let mut cs = w.chars();
                    cs.next()
                        .map(|f| f.to_uppercase().chain(cs).collect())
                        .unwrap_or_default()
                } else {
                    w.to_string()
                }
            })
            .collect();
        return Some(words.join(" "));
    }
    ctx.number.as_deref().or(h.number.as_deref()).and_then(|n| {
        issuer_for_number(&format!(
            "0{}",
            n.trim_start_matches(|c: char| c.is_ascii_digit())
        ))
    })
}
