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

/// The type line of a header: the header forms of [`crate::vocab::DOC_TYPES`], longest first.
static KIND_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::vocab::alternation(|d| d.header, " ", str::to_uppercase);
    Regex::new(&format!(r"^(?:{words})(?:\s+(?:SỐ|số)?)?(?:\s|$)")).expect("kind line regex")
});

/// `Số: 77/BC-SNgV`, `Số:    /BC-SNgV`, `Số 15/KH-SNgV`, `Luật số: 35/2019/QH14`, `**Số:** 5/TT-BCA`,
/// and the party's `số-TYPE/ISSUER` (`Số 45-HD/BTGTU`, `Số: 07-NQ/TU`, `Số  -BC/ĐU` left blank).
static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Số|SỐ|(?:Luật|Bộ luật|Pháp lệnh|Lệnh|LUẬT|BỘ LUẬT|PHÁP LỆNH|LỆNH)\s+(?:số|Số|SỐ))\s*:?[\s*_]*:?\s*(?P<n>\d{0,5}\s*-\s*\p{Lu}[\p{L}\d]*\s*/\s*\p{Lu}[\p{L}\d&]*(?:-[\p{L}\d&]+)*|\d{0,5}\s*/\s*(?:\d{4}\s*/\s*)?\p{Lu}[\p{L}\d&]*(?:\s*-\s*[\p{L}\d&]+)*)")
        .expect("number line regex")
});

/// A place-date line whose day and month are both left blank: `ngày   tháng   năm 2025`.
static BLANK_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày[\s._…]*tháng[\s._…]*năm\s*(?P<y>(?:19|20)\d\d)\b")
        .expect("blank day-month regex")
});

/// Lines printed above a header that are not part of it: a digital
/// signature's stamp and a note that the text has expired or been replaced.
fn is_preamble(t: &str) -> bool {
    const STAMPS: &[&str] = &[
        "Người ký",
        "Ký bởi",
        "Email",
        "Cơ quan:",
        "Thời gian ký",
        "Ngày ký",
        "Bản ký số",
        "Chức vụ:",
        "Văn bản này",
        "Văn bản đã",
        "Tình trạng",
    ];
    STAMPS.iter().any(|p| t.starts_with(p)) || t.contains("hết hiệu lực") || t.contains("ngày ký:")
}

/// Heads of a body's name as the top-left block prints it; a line that opens
/// with none of them continues the name above (`TỔNG CÔNG TY ĐƯỜNG SẮT` ⏎ `VIỆT NAM`).
const AGENCY_HEADS: &[&str] = &[
    "SỞ ",
    "BỘ ",
    "UBND",
    "ỦY BAN",
    "UỶ BAN",
    "HĐND",
    "HỘI ĐỒNG",
    "PHÒNG",
    "BAN ",
    "CỤC",
    "CHI CỤC",
    "TỔNG CỤC",
    "TỔNG CÔNG TY",
    "CÔNG TY",
    "TRƯỜNG",
    "TRUNG TÂM",
    "VIỆN",
    "BỆNH VIỆN",
    "ĐẢNG",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "ĐOÀN",
    "HỘI ",
    "VĂN PHÒNG",
    "THANH TRA",
    "KHO BẠC",
    "NGÂN HÀNG",
    "ĐẠI HỌC",
    "HỌC VIỆN",
    "QUỸ",
    "TẬP ĐOÀN",
    "LIÊN ĐOÀN",
    "LIÊN MINH",
    "MẶT TRẬN",
    "CHI NHÁNH",
    "BỘ CHỈ HUY",
    "CÔNG AN",
    "TÒA ÁN",
    "TOÀ ÁN",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "KIỂM TOÁN",
    "BẢO HIỂM",
    "BHXH",
    "UBMTTQ",
    "THƯỜNG TRỰC",
    "CHI BỘ",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "BCH",
    "BAN CHẤP HÀNH",
    "HỢP TÁC XÃ",
    "TẬP THỂ",
    "CƠ QUAN",
];

/// Openers of a form's or register's title, which is no agency.
const FORM_TITLES: &[&str] = &[
    "ĐƠN ",
    "TỜ KHAI",
    "GIẤY ",
    "SỔ ",
    "BẢN ",
    "VĂN BẢN ",
    "HỢP ĐỒNG",
    "PHIẾU",
    "BIÊN BẢN",
    "DANH SÁCH",
    "MẪU ",
    "BẢNG ",
    "ĐỀ NGHỊ ",
    "THỎA THUẬN",
    "THOẢ THUẬN",
    "CAM KẾT",
];

/// Openers of the body, which end the subject.
static BODY_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    // Words that also open subjects (`Điều chỉnh giá vé`, `Ngày hội văn hóa`, `Phần mềm`,
    // `Mục tiêu`) open the body only before a numeral: `Điều 1.`, `Ngày 12/5/2025,`, `Mục II`.
    Regex::new(r"^(?:Căn cứ|Thực hiện|Kính gửi|Theo |Trên cơ sở|Để |Qua |Sau khi|Hôm nay|Xét |(?:Ngày|Năm|Phần|Điều|Mục|Chương)\s+(?:[IVXLC]+|\d+)(?:\s|\.|:|,|/|$)|TT\t|STT|[IVX]+\.|\d+\.|[a-z]\))")
        .expect("body opener regex")
});

/// Titles of the signature block.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:KT\.|TM\.|TL\.|TUQ\.|Q\.|T/M|K/T)?\s*(?:PHÓ\s+)?(?:GIÁM ĐỐC|THỐNG ĐỐC|CHỈ HUY TRƯỞNG|TƯ LỆNH|CHÍNH ỦY|ĐẠI SỨ|TỔNG LÃNH SỰ|TỔNG THƯ KÝ|TỔNG KIỂM TOÁN|HIỆU PHÓ|CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|TRƯỞNG|CHÁNH|VIỆN TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TỔNG|BÍ THƯ|HIỆU TRƯỞNG|THỦ TRƯỞNG|ỦY BAN|UỶ BAN|BAN |HỘI ĐỒNG|THƯỜNG TRỰC|CHỦ NHIỆM|TỔ TRƯỞNG|KẾ TOÁN|NGƯỜI|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|CHỦ TỊCH NƯỚC)")
        .expect("title regex")
});

/// One cell of a line: a tab-separated cell or a column split by a run of spaces.
#[derive(Debug, Clone)]
struct Cell {
    /// Index of the page (in the slice the rule reads) the cell stands on.
    page: usize,
    /// Byte range in the `lines` view, trimmed of spaces and markdown emphasis.
    range: Range<usize>,
    text: String,
}

/// The cells of a page, in reading order, with blank lines recorded as `None`.
fn cells_of(text: &str) -> Vec<Option<Cell>> {
    // Columns are split at a tab, three or more spaces, or a run of two or more
    // HTML space entities left as text (`**Số:** 5/TT-BCA&nbsp;&nbsp;*Hà Nội, ngày…*`);
    // one entity between two words is a space inside a cell.
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\t| {3,}|(?:[ \x{A0}]*&(?:nbsp|#160|#[xX][aA]0|ensp|emsp|thinsp);[ \x{A0}]*){2,}",
        )
        .expect("split regex")
    });
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
        // Two columns merged with little space between them: split before the
        // national title or motto of the right column, whatever the spacing.
        let pieces: Vec<Range<usize>> = pieces
            .into_iter()
            .flat_map(|p| {
                let piece = &body[p.clone()];
                let at = ["CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "ĐỘC LẬP"]
                    .iter()
                    .filter_map(|m| piece.find(m))
                    .filter(|&i| {
                        // After a space, or after the emphasis or entity closing the left column.
                        i > 0
                            && piece[..i].ends_with([' ', '*', '_', ';', '\u{a0}'])
                            && !piece[..i].trim().is_empty()
                    })
                    .min();
                match at {
                    Some(i) => vec![p.start..p.start + i, p.start + i..p.end],
                    None => vec![p],
                }
            })
            .collect();
        for p in pieces {
            // An HTML entity left as text (`&nbsp;`) is a space, not a line of content.
            let entity_only = body[p.clone()]
                .replace("&nbsp;", " ")
                .replace("&#160;", " ")
                .trim()
                .is_empty();
            if entity_only {
                continue;
            }
            if let Some(r) = clean_range(body, p) {
                any = true;
                out.push(Some(Cell {
                    page: 0,
                    range: pos + r.start..pos + r.end,
                    text: entities_as_spaces(&body[r]),
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

/// A cell's text with HTML space entities left as text (`SỞ&nbsp;NỘI VỤ`) read as one space.
fn entities_as_spaces(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = s.to_string();
    for entity in [
        "&nbsp;", "&#160;", "&#xa0;", "&#xA0;", "&ensp;", "&emsp;", "&thinsp;",
    ] {
        out = out.replace(entity, " ");
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
        // HTML space entities left as text at either end of a cell.
        for entity in ["&nbsp;", "&#160;", "&ensp;", "&emsp;", "&thinsp;"] {
            if s[r.clone()].starts_with(entity) {
                r.start += entity.len();
            }
            if s[r.clone()].ends_with(entity) {
                r.end -= entity.len();
            }
        }
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
    if u.starts_with("CỘNG HÒA") || u.starts_with("CỘNG HOÀ") || u.starts_with("ĐỘC LẬP")
    {
        return true;
    }
    // Typed with a slip in a tone mark (`CÔNG HÒA XÃ HỘI CHỦ NGHĨA`): compared folded,
    // on words long enough that no body's name shares them.
    let f = crate::letters::fold(s);
    f.starts_with("cong hoa xa hoi chu nghia") || f.starts_with("doc lap - tu do")
}

/// Whether an upper-case cell gives contact details (`WWW.…`, `ĐT: 0935…`,
/// `EMAIL:`, `MST:`), which stand under a company's name but name no body.
fn is_contact(s: &str) -> bool {
    let f = crate::letters::fold(s);
    [
        "www.",
        "http",
        "@",
        "dt:",
        "dien thoai",
        "fax",
        "email",
        "e-mail",
        "mst:",
        "ma so thue",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// Where a number line glued to the end of an agency cell starts
/// (`TRƯỜNG ĐH TÂY NGUYÊN SỐ: …/HĐTG`), when it does.
fn glued_number_at(s: &str) -> Option<usize> {
    s.match_indices(" SỐ")
        .map(|(i, _)| i)
        .find(|&i| is_number_line(&s[i + 1..]))
}

/// Whether a line is a document's number line: `Số: 12/HĐ`, `Số (No): …`,
/// `Số……/HĐVCHH`, `SỐ: 5/BC` (the word `số` then a colon, a bracket, dots or a number).
fn is_number_line(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("Số")
        .or_else(|| s.strip_prefix("SỐ"))
        .or_else(|| s.strip_prefix("số"))
    else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    rest.starts_with([':', '(', '.', '…', '/', '_'])
        || rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a line is a number line with the type named before `số:`
/// (`Hợp đồng số: 15/HĐKT`, `Quyết định số: …`): at most three words, then `số:`.
fn is_named_number_line(s: &str) -> bool {
    let Some(at) = s
        .find(" số:")
        .or_else(|| s.find(" số :"))
        .or_else(|| s.find(" SỐ:"))
    else {
        return false;
    };
    let head = &s[..at];
    head.starts_with(|c: char| c.is_uppercase()) && head.split_whitespace().count() <= 3
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
    let mut glued_agencies: Vec<Cell> = Vec::new();
    let mut vv_at: Option<usize> = None;
    // Set once a line of running prose has passed: the agency block heads the page,
    // so an upper-case cell below prose (an acronym in a table) is not the agency.
    let mut past_prose = false;
    for (i, c) in cells[..limit].iter().enumerate() {
        let Some(c) = c else { continue };
        let t = c.text.as_str();
        let mut t = t;
        let mut off = c.range.start;
        if h.number.is_none() {
            if let Some(n) = NUMBER_LINE.captures(t).and_then(|m| m.name("n")) {
                h.number = Some(n.as_str().split_whitespace().collect());
                set_ev(&mut h, "number", off + n.start()..off + n.end());
                // The place-date line may share the line with a single space.
                let rest = &t[n.end()..];
                let lead = rest.len() - rest.trim_start().len();
                if rest.trim().is_empty() {
                    continue;
                }
                off += n.end() + lead;
                t = rest.trim();
            }
        }
        if t.starts_with("V/v") || t.starts_with("V/V") {
            vv_at.get_or_insert(i);
            continue;
        }
        if kind_at.is_none() && agency_cells.is_empty() && h.number.is_none() && is_preamble(t) {
            continue;
        }
        if h.date.is_none() && !is_upper(t) && (t.starts_with("Ngày") || !BODY_OPENER.is_match(t))
        {
            let found = find_dates(t)
                .into_iter()
                .next()
                .map(|(r, d)| (r, d.to_string()));
            let found = found.or_else(|| {
                let c = BLANK_DAY_MONTH.captures(t)?;
                Some((c.get(0)?.range(), c.name("y")?.as_str().to_string()))
            });
            if let Some((r, d)) = found {
                let before = t[..r.start].trim_end().trim_end_matches(',').trim();
                if before.chars().count() <= 40
                    && !before.contains(['.', ';', ':'])
                    && before.split_whitespace().count() <= 6
                {
                    h.date = Some(d);
                    set_ev(&mut h, "date", off + r.start..off + r.end);
                    if !before.is_empty() && before.starts_with(|ch: char| ch.is_uppercase()) {
                        h.place = Some(before.to_string());
                        let ps = off + t.find(before).unwrap_or(0);
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
        // A type word with its subject on one line: `NGHỊ ĐỊNH Quy định chi tiết …`.
        if let Some(m) = KIND_LINE.find(t) {
            let rest = t[m.end()..].trim_start();
            let mut cs = rest.chars();
            if cs.next().is_some_and(char::is_uppercase)
                && cs.next().is_some_and(char::is_lowercase)
            {
                kind_at = Some(i);
                break;
            }
        }
        if BODY_OPENER.is_match(t) || t.chars().count() > 120 {
            break;
        }
        if t.ends_with(['.', ':', ';']) {
            break;
        }
        if !is_upper(t) && t.split_whitespace().count() >= 5 {
            past_prose = true;
        }
        // A form's title (`ĐƠN ĐỀ NGHỊ …`, `TỜ KHAI …`) names no agency.
        if is_upper(t)
            && !past_prose
            && t.chars().count() <= 80
            && t.split_whitespace().count() >= 2
            && !FORM_TITLES.iter().any(|f| t.starts_with(f))
            && !is_contact(t)
            && !is_number_line(t)
        {
            match glued_number_at(t) {
                // The agency's line and the number line printed as one.
                Some(at) => {
                    let name = t[..at].trim_end();
                    if name.split_whitespace().count() >= 2 {
                        glued_agencies.push(Cell {
                            page: c.page,
                            range: c.range.start..c.range.start + name.len(),
                            text: name.to_string(),
                        });
                        agency_cells.push(c);
                    }
                }
                None => agency_cells.push(c),
            }
        }
    }
    // Cells whose number part was cut off stand in for their whole cell.
    let agency_cells: Vec<&Cell> = agency_cells
        .into_iter()
        .map(|c| {
            glued_agencies
                .iter()
                .find(|g| g.range.start == c.range.start)
                .unwrap_or(c)
        })
        .collect();
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
        let from = kind_at.map_or(0, |i| i + 1);
        if !gazette_block(&mut h, &cells, from, &mut set_ev) {
            subject_after(&mut h, &cells, from, first, &mut set_ev);
        }
    } else if let Some(i) = vv_at {
        // A công văn prints no type word (kind stays null); its subject line
        // opens with `V/v`, kept as printed.
        if let Some(c) = &cells[i] {
            let first = Some((c.range.clone(), c.text.clone()));
            subject_after(&mut h, &cells, i + 1, first, &mut set_ev);
        }
    }

    if h.date.is_none() {
        attached_date(&mut h, &cells[..limit], &mut set_ev);
    }
    kinh_gui(&mut h, &cells);
    closing_block(&mut h, pages);
    h
}

/// The number inside a gazette title block (`… SỐ 19/2024/NQ-HĐND NGÀY …`).
static GAZETTE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bSỐ\s*:?\s*(?P<n>\d{1,5}[A-Z]?\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐƯ0-9]*(?:\s*[-/.]\s*[A-ZĐ][A-ZĐƯ0-9]*)*)")
        .expect("gazette number regex")
});

/// A gazette's title block under the type word instead of a `Số:` line:
/// `NGHỊ QUYẾT` ⏎ `CỦA HỘI ĐỒNG NHÂN DÂN TỈNH SỐ 19/2024/NQ-HĐND NGÀY 12
/// THÁNG 7 NĂM 2024 VỀ VIỆC QUY ĐỊNH …`. Gives the number (its codes' case
/// restored, `TTG` → `TTg`), the date and the subject (`Về việc …`, in
/// sentence case); false when the lines under the type word are not one.
fn gazette_block(
    h: &mut Header,
    cells: &[Option<Cell>],
    from: usize,
    set_ev: &mut impl FnMut(&mut Header, &str, Range<usize>),
) -> bool {
    let block: Vec<&Cell> = cells
        .iter()
        .skip(from)
        .take(6)
        .map_while(|c| c.as_ref())
        .take_while(|c| is_upper(&c.text))
        .collect();
    let (Some(first), Some(last)) = (block.first(), block.last()) else {
        return false;
    };
    if !first.text.starts_with("CỦA ") && !first.text.starts_with("SỐ ") {
        return false;
    }
    let joined = block
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let Some(n) = GAZETTE_NUMBER.captures(&joined).and_then(|c| c.name("n")) else {
        return false;
    };
    let range = first.range.start..last.range.end;
    if h.number.is_none() {
        let raw: String = n.as_str().split_whitespace().collect();
        h.number = Some(crate::references::restore_number_case(&raw));
        set_ev(h, "number", range.clone());
    }
    if h.date.is_none() {
        if let Some((_, d)) = find_dates(&joined[n.end()..]).into_iter().next() {
            h.date = Some(d.to_string());
            set_ev(h, "date", range.clone());
        }
    }
    if let Some(at) = joined.find(" VỀ ") {
        let subject = joined[at + 1..].to_lowercase();
        let mut cs = subject.chars();
        if let Some(f) = cs.next() {
            h.subject = Some(
                f.to_uppercase()
                    .chain(cs)
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            set_ev(h, "subject", range);
        }
    }
    true
}

/// `Kính gửi: Sở Nội vụ` or `Kính gửi:` followed by `- …;` lines.
fn kinh_gui(h: &mut Header, cells: &[Option<Cell>]) {
    let flat: Vec<&Cell> = cells.iter().take(150).flatten().collect();
    let Some(k) = flat.iter().position(|c| c.text.starts_with("Kính gửi")) else {
        return;
    };
    let rest = flat[k].text["Kính gửi".len()..]
        .trim_start_matches([':', ' '])
        .trim();
    if !rest.is_empty() {
        h.recipients
            .push(rest.trim_end_matches([';', '.', ',']).to_string());
    }
    for c in flat.iter().skip(k + 1) {
        match c.text.strip_prefix(['-', '+', '•']) {
            Some(item) => h.recipients.push(
                clean_item(item)
                    .trim_end_matches([';', '.', ','])
                    .to_string(),
            ),
            None => break,
        }
    }
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
            // A line that opens with no body's head continues the name above
            // (`TỔNG CÔNG TY ĐƯỜNG SẮT` ⏎ `VIỆT NAM`).
            Some((n, r))
                if !AGENCY_HEADS.iter().any(|p| c.text.starts_with(p))
                    && !n.ends_with(['.', ':', ')'])
                    && c.text.split_whitespace().count() <= 3 =>
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

/// A place-date line (`Quảng Trị, ngày   tháng   năm 2025`, `TP. Hồ Chí Minh, ngày 5 tháng 3 năm 2024`),
/// which a công văn prints in its right column beside the `V/v` subject.
static PLACE_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\p{L}.' -]{2,40},\s*ngày[\s\d._…]*tháng[\s\d._…]*năm\s*\d{4}")
        .expect("place-date line regex")
});

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
    // A subject runs to the blank line; text from PDFs often has a blank line
    // after every printed line, and there two in a row end it.
    let above = &cells[..from.min(cells.len())];
    let lines_above = above.iter().filter(|c| c.is_some()).count();
    let followed_by_blank = above
        .windows(2)
        .filter(|w| w[0].is_some() && w[1].is_none())
        .count();
    let blank_end = if lines_above >= 2 && followed_by_blank * 2 >= lines_above {
        2
    } else {
        1
    };
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
        if (blanks >= blank_end && !parts.is_empty())
            || BODY_OPENER.is_match(t)
            || t.starts_with('(')
            || (is_upper(t) && parts.last().is_some_and(|p| !is_upper(p)))
            || t.ends_with(':')
            || is_number_line(t)
            || is_named_number_line(t)
            || PLACE_DATE_LINE.is_match(t)
            || parts.len() >= 12
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
            // The line broke inside the date (`… ngày 05 tháng 3 năm` ⏎ `2025 của …`).
            if let Some(next) = cells.iter().flatten().find(|n| n.range.start > c.range.end) {
                let joined = format!("{t} {}", next.text);
                if let Some((r, d)) = find_dates(&joined)
                    .into_iter()
                    .find(|(r, _)| r.start < t.len() && r.end > t.len())
                {
                    h.date = Some(d.to_string());
                    let end = next.range.start + (r.end - t.len() - 1).min(next.text.len());
                    set_ev(h, "date", c.range.start + r.start..end);
                    return;
                }
            }
        }
    }
}

/// `Nơi nhận:` items, `Kính gửi:` recipients, signer and the signer's own title.
///
/// The block is read on the last page, and also on the page before it when
/// the last page is short: a page break may split the block (title above it,
/// name below).
fn closing_block(h: &mut Header, pages: &[PreparedPage]) {
    let Some(last) = pages.len().checked_sub(1) else {
        return;
    };
    let mut cells: Vec<Option<Cell>> = Vec::new();
    let last_cells = cells_of(pages[last].lines.as_str());
    if last > 0 && last_cells.iter().flatten().count() <= 12 {
        cells.extend(
            cells_of(pages[last - 1].lines.as_str())
                .into_iter()
                .map(|c| {
                    c.map(|mut c| {
                        c.page = last - 1;
                        c
                    })
                }),
        );
    }
    cells.extend(last_cells.into_iter().map(|c| {
        c.map(|mut c| {
            c.page = last;
            c
        })
    }));
    let ev = |c: &Cell, r: Range<usize>| evidence_for(&pages[c.page], &pages[c.page].lines, r);
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
            // The title under an authority line, in any case (`phó Giám đốc`),
            // belongs to the signature, not to the last recipient.
            let under_authority = i > 0 && is_authority(&flat[i - 1].text);
            if under_authority && TITLE.is_match(&t.to_uppercase()) {
                i += 1;
                continue;
            }
            if is_name(signer_name(t)) && !t.starts_with(['-', '+', '•']) {
                break;
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
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let name_at = (tail_from..flat.len())
        .rev()
        .find(|&i| !recipient_cells.contains(&i) && is_name(signer_name(&flat[i].text)));
    // The title: the nearest title line above the name, or the line under an
    // authority line (`KT. TỔNG CỤC TRƯỞNG` ⏎ `phó Tổng cục trưởng`) whatever
    // its case, or a title closing the authority line itself
    // (`TM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH`). With no name (signed only as an
    // image) the last title of the block still counts.
    let window_end = name_at.unwrap_or(flat.len());
    let window_start = name_at.map_or(tail_from, |ni| ni.saturating_sub(8));
    let mut title: Option<(String, Range<usize>, usize)> = None;
    for i in (window_start..window_end).rev() {
        if recipient_cells.contains(&i) {
            continue;
        }
        let t = flat[i].text.as_str();
        // In a short document the last page is the first: its header lines
        // (`BAN TUYÊN GIÁO`) are the agency, not a signature's title.
        let own_header = [&h.agency, &h.parent_agency]
            .iter()
            .any(|a| a.as_deref() == Some(squash(t).as_str()));
        if own_header && name_at.is_none() {
            continue;
        }
        if is_upper(t) && TITLE.is_match(t) && !is_authority(t) {
            title = Some((squash(t), flat[i].range.clone(), i));
            break;
        }
        if is_authority(t) {
            let below = flat.get(i + 1).filter(|_| i + 1 < window_end);
            let trailing = TRAILING_TITLE
                .find(t)
                .filter(|m| t[..m.start()].split_whitespace().count() >= 2);
            if let Some(b) = below.filter(|b| {
                !is_name(signer_name(&b.text)) && TITLE.is_match(&b.text.to_uppercase())
            }) {
                title = Some((squash(&b.text.to_uppercase()), b.range.clone(), i + 1));
            } else if let Some(m) = trailing {
                let r = flat[i].range.start + m.start()..flat[i].range.start + m.end();
                title = Some((squash(m.as_str()), r, i));
            }
            break;
        }
    }
    let Some((title, title_range, title_at)) = title else {
        return;
    };
    if let Some(ni) = name_at {
        let name = signer_name(&flat[ni].text);
        let lead = flat[ni].text.len() - flat[ni].text.trim_start().len()
            + flat[ni].text.trim_start().find(name).unwrap_or(0);
        let r = flat[ni].range.start + lead..flat[ni].range.start + lead + name.len();
        h.signer = Some(squash(name));
        h.evidence.insert("signer".to_string(), ev(flat[ni], r));
    }
    h.signer_title = Some(title);
    h.evidence
        .insert("signer_title".to_string(), ev(flat[title_at], title_range));
}

/// A signer's name without the marks a digital signature prints before it
/// (`Đã ký: Phạm Thị Thu Hà`, `(Đã ký) …`, `Ký bởi: …`).
fn signer_name(t: &str) -> &str {
    let mut t = t.trim();
    for p in [
        "(Đã ký)",
        "(đã ký)",
        "Đã ký:",
        "Đã ký",
        "Ký bởi:",
        "Ký bởi",
        "(Ký)",
        "(ký)",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim_start_matches([':', ' ']).trim();
        }
    }
    t
}

/// A signer's own title at the end of an authority line (`TM. ỦY BAN NHÂN DÂN CHỦ TỊCH`).
static TRAILING_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|VỤ TRƯỞNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG|CHÁNH VĂN PHÒNG|CHÁNH ÁN|BÍ THƯ|TRƯỞNG BAN|CHỦ NHIỆM|THỦ TƯỚNG)$")
        .expect("trailing title regex")
});

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
pub(crate) fn own_agency(h: &Header) -> Option<String> {
    if let Some(a) = &h.agency {
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
    h.number.as_deref().and_then(|n| {
        issuer_for_number(&format!(
            "0{}",
            n.trim_start_matches(|c: char| c.is_ascii_digit())
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_text::prepare_page;

    fn header(text: &str) -> Header {
        extract_header(&[prepare_page(1, text.to_string())])
    }

    #[test]
    fn interleaved_pdf_columns_with_blank_lines() {
        let t = " UBND TỈNH QUẢNG NAM \n\nSỞ TƯ PHÁP \n \n\n     Số: 125/KH-STP \n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n\nĐộc lập - Tự do - Hạnh phúc \n\n   Quảng Nam, ngày 03 tháng 9 năm 2022 \n\n\n\nKẾ HOẠCH \n\nTriển khai công tác phổ biến, giáo dục pháp luật \n\nnăm 2022 \n\n  \n\nCăn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13, Sở Tư pháp ban hành Kế hoạch.\n";
        let h = header(t);
        assert_eq!(h.parent_agency.as_deref(), Some("UBND TỈNH QUẢNG NAM"));
        assert_eq!(h.agency.as_deref(), Some("SỞ TƯ PHÁP"));
        assert_eq!(h.number.as_deref(), Some("125/KH-STP"));
        assert_eq!(h.kind.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(h.place.as_deref(), Some("Quảng Nam"));
        assert_eq!(h.date.as_deref(), Some("2022-09-03"));
        assert_eq!(
            h.subject.as_deref(),
            Some("Triển khai công tác phổ biến, giáo dục pháp luật năm 2022")
        );
        let ev = &h.evidence["number"];
        let got: String = t.chars().skip(ev.start).take(ev.end - ev.start).collect();
        assert_eq!(got, "125/KH-STP");
    }

    #[test]
    fn docx_table_cells_and_one_line_columns() {
        let t = "\tỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 1021/QĐ-UBND\n\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n[bookmark: _GoBack]      Lâm Đồng, ngày  14 tháng 5 năm 2019\n\nQUYẾT ĐỊNH\nVề việc phê duyệt Đề án\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n";
        let h = header(t);
        assert_eq!(h.agency.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"));
        assert_eq!(h.parent_agency, None);
        assert_eq!(h.number.as_deref(), Some("1021/QĐ-UBND"));
        assert_eq!(h.kind.as_deref(), Some("QUYẾT ĐỊNH"));
        assert_eq!(h.place.as_deref(), Some("Lâm Đồng"));
        assert_eq!(h.date.as_deref(), Some("2019-05-14"));
        assert_eq!(h.subject.as_deref(), Some("Về việc phê duyệt Đề án"));

        let t = "BỘ NỘI VỤ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVỤ CẢI CÁCH HÀNH CHÍNH        Độc lập - Tự do - Hạnh phúc\nSố: 88/CCHC-TH        Hà Nội, ngày 02 tháng 3 năm 2023\nV/v hướng dẫn báo cáo\ncải cách hành chính quý I\n\nKính gửi: Sở Nội vụ các tỉnh, thành phố\n";
        let h = header(t);
        assert_eq!(h.parent_agency.as_deref(), Some("BỘ NỘI VỤ"));
        assert_eq!(h.agency.as_deref(), Some("VỤ CẢI CÁCH HÀNH CHÍNH"));
        assert_eq!(h.number.as_deref(), Some("88/CCHC-TH"));
        assert_eq!(h.place.as_deref(), Some("Hà Nội"));
        // A công văn prints no type word; its `V/v` subject is kept as printed.
        assert_eq!(h.kind, None);
        assert_eq!(
            h.subject.as_deref(),
            Some("V/v hướng dẫn báo cáo cải cách hành chính quý I")
        );
        assert_eq!(h.recipients, ["Sở Nội vụ các tỉnh, thành phố"]);
    }

    #[test]
    fn blank_number_blank_day_and_markdown() {
        let t = "\n\nSố: /BC-SYT\n\nCần Thơ, ngày tháng 11 năm 2022\n\n**BÁO CÁO**  \n**Tình hình thực hiện nhiệm vụ năm 2022**\n\nThực hiện Công văn số 12/UBND-VX ngày 01/02/2022 của UBND thành phố.\n";
        let h = header(t);
        assert_eq!(h.agency, None);
        assert_eq!(h.number.as_deref(), Some("/BC-SYT"));
        assert_eq!(h.date.as_deref(), Some("2022-11"));
        assert_eq!(h.place.as_deref(), Some("Cần Thơ"));
        assert_eq!(h.kind.as_deref(), Some("BÁO CÁO"));
        assert_eq!(
            h.subject.as_deref(),
            Some("Tình hình thực hiện nhiệm vụ năm 2022")
        );
    }

    #[test]
    fn number_and_place_date_on_one_line() {
        let h = header("Số: 45/TTr-SXD Đà Nẵng, ngày 7 tháng 4 năm 2020\n\nTỜ TRÌNH\nVề việc đề nghị phê duyệt\n\nKính gửi: UBND thành phố Đà Nẵng\n");
        assert_eq!(h.number.as_deref(), Some("45/TTr-SXD"));
        assert_eq!(h.place.as_deref(), Some("Đà Nẵng"));
        assert_eq!(h.date.as_deref(), Some("2020-04-07"));
        assert_eq!(h.kind.as_deref(), Some("TỜ TRÌNH"));
        assert_eq!(h.subject.as_deref(), Some("Về việc đề nghị phê duyệt"));
        assert_eq!(h.recipients, ["UBND thành phố Đà Nẵng"]);
    }

    #[test]
    fn appendix_dated_by_the_document_it_belongs_to() {
        let t = "UBND TỈNH NINH BÌNH\nSỞ Y TẾ\n\nPHỤ LỤC\n\nDanh mục nhiệm vụ năm 2023\n(Kèm theo Kế hoạch số /KH-SYT ngày 20/01/2023)\n\nTT\tNhiệm vụ\n";
        let h = header(t);
        assert_eq!(h.kind.as_deref(), Some("PHỤ LỤC"));
        assert_eq!(h.date.as_deref(), Some("2023-01-20"));
        assert_eq!(h.number, None);
        assert_eq!(h.subject.as_deref(), Some("Danh mục nhiệm vụ năm 2023"));
    }

    #[test]
    fn signer_title_is_the_signers_own() {
        let t = "BÁO CÁO\nKết quả năm 2021\n\nNội dung.\n\nNơi nhận:\tKT. GIÁM ĐỐC\n- Như trên;\tPHÓ GIÁM ĐỐC\n- Lưu: VT, VP.\n\t(Đã ký)\n\tLê Thị Minh Hằng\n";
        let h = header(t);
        assert_eq!(h.signer.as_deref(), Some("Lê Thị Minh Hằng"));
        assert_eq!(h.signer_title.as_deref(), Some("PHÓ GIÁM ĐỐC"));
        assert_eq!(h.recipients, ["Như trên"]);

        let t = "Nội dung.\n\nNơi nhận:\n- Bộ Nội vụ;\n- Thường trực Tỉnh ủy;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nTrần Văn Tuấn\n";
        let h = header(t);
        assert_eq!(h.signer.as_deref(), Some("Trần Văn Tuấn"));
        assert_eq!(h.signer_title.as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(h.recipients, ["Bộ Nội vụ", "Thường trực Tỉnh ủy"]);
    }

    #[test]
    fn no_header_and_no_signature_give_nothing() {
        let t = "Nội dung không có tiêu đề.\n\nTT\tNhiệm vụ\tGhi chú\n1\tThường xuyên\tĐang triển khai\n2\tNguyễn Văn\tHoàn thành\n";
        let h = header(t);
        assert_eq!(h.agency, None);
        assert_eq!(h.number, None);
        assert_eq!(h.kind, None);
        assert_eq!(h.date, None);
        assert_eq!(h.signer, None);
        assert_eq!(h.signer_title, None);
    }

    #[test]
    fn columns_merged_on_one_line_split_before_the_motto() {
        let t = "UBND TỈNH KON TUM  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TÀI CHÍNH  Độc lập - Tự do - Hạnh phúc\nSố: 12/BC-STC  Kon Tum, ngày 02 tháng 3 năm 2024\n\nBÁO CÁO\nTình hình giá tháng 2\n";
        let h = header(t);
        assert_eq!(h.parent_agency.as_deref(), Some("UBND TỈNH KON TUM"));
        assert_eq!(h.agency.as_deref(), Some("SỞ TÀI CHÍNH"));
        assert_eq!(h.date.as_deref(), Some("2024-03-02"));
    }

    #[test]
    fn an_agency_over_two_lines_is_one_agency() {
        let h = header(
            "TỔNG CÔNG TY ĐIỆN LỰC\nMIỀN TRUNG\nSố: 5/KH-EVNCPC\n\nKẾ HOẠCH\nBảo dưỡng lưới điện\n",
        );
        assert_eq!(
            h.agency.as_deref(),
            Some("TỔNG CÔNG TY ĐIỆN LỰC MIỀN TRUNG")
        );
        assert_eq!(h.parent_agency, None);
        let h = header(
            "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 9/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu\n",
        );
        assert_eq!(h.agency.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH CÀ MAU"));
        assert_eq!(h.parent_agency, None);
        let h = header("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nSố: 7/TCT-KK\n");
        assert_eq!(h.parent_agency.as_deref(), Some("BỘ TÀI CHÍNH"));
        assert_eq!(h.agency.as_deref(), Some("TỔNG CỤC THUẾ"));
    }

    #[test]
    fn an_acronym_cell_below_table_prose_is_no_agency() {
        for t in [
            "Mức độ triển khai các nền tảng số\tĐang thực hiện theo kế hoạch\nquy định\tLGSP, IOC\n",
            "Số lượng hồ sơ được giải quyết đúng hạn\t1.250\nTỷ lệ\tDVC, BCCI\n",
        ] {
            assert_eq!(header(t).agency, None, "{t}");
        }
    }

    #[test]
    fn a_short_form_mark_above_the_header_keeps_the_agency() {
        let h = header("Mẫu số 01\nUBND TỈNH BẮC NINH\nSỞ NỘI VỤ\nSố: 45/BC-SNV\n\nBÁO CÁO\nKết quả công tác năm 2023\n");
        assert_eq!(h.agency.as_deref(), Some("SỞ NỘI VỤ"));
        assert_eq!(h.parent_agency.as_deref(), Some("UBND TỈNH BẮC NINH"));
    }

    #[test]
    fn a_forms_title_is_no_agency() {
        let h = header("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP\n\nKính gửi: UBND phường\n");
        assert_eq!(h.agency, None);
        let h = header("TỜ KHAI ĐĂNG KÝ HỘ KINH DOANH\nHọ và tên:\n");
        assert_eq!(h.agency, None);
    }

    #[test]
    fn blank_day_and_month_give_the_year() {
        let h = header("SỞ Y TẾ\nSố:    /BC-SYT\nCà Mau, ngày     tháng     năm 2024\n\nBÁO CÁO\nCông tác y tế\n");
        assert_eq!(h.date.as_deref(), Some("2024"));
        assert_eq!(h.place.as_deref(), Some("Cà Mau"));
    }

    #[test]
    fn a_can_cu_line_is_not_the_place_date_line() {
        let h = header("QUYẾT ĐỊNH\nVề việc phê duyệt\n\nCăn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n");
        assert_eq!(h.date, None);
        assert_eq!(h.place, None);
        let h = header("Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;\nCăn cứ Nghị định số 40/2020/NĐ-CP;\n");
        assert_eq!(h.date, None);
        assert_eq!(h.place, None);
    }

    #[test]
    fn a_cong_van_has_no_kind_and_keeps_its_v_v_subject() {
        let h = header("UBND TỈNH AN GIANG\nSỞ NÔNG NGHIỆP\nSố: 215/SNN-KT\nV/v tăng cường phòng chống dịch\nbệnh trên đàn gia súc\n\nKính gửi: UBND các huyện\n");
        assert_eq!(h.kind, None);
        assert_eq!(
            h.subject.as_deref(),
            Some("V/v tăng cường phòng chống dịch bệnh trên đàn gia súc")
        );
        let h = header("KẾ HOẠCH\nTriển khai\nChương trình mục tiêu quốc gia xây dựng nông thôn mới\ngiai đoạn 2021-2025\n\nI. MỤC ĐÍCH\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("Triển khai Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025")
        );
    }

    #[test]
    fn signature_blocks_of_every_shape() {
        let h = header("Nội dung.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH\n\nĐã ký: Phạm Thị Thu Hà\n");
        assert_eq!(h.signer_title.as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(h.signer.as_deref(), Some("Phạm Thị Thu Hà"));
        let h = header(
            "Nội dung.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CỤC TRƯỞNG\nphó Cục trưởng\n\n",
        );
        assert_eq!(h.signer_title.as_deref(), Some("PHÓ CỤC TRƯỞNG"));
        assert_eq!(h.signer, None);
        let h = header("Nội dung.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nphó Giám đốc\n\nKý bởi: Lò Văn Pành\n");
        assert_eq!(h.signer.as_deref(), Some("Lò Văn Pành"));
        assert_eq!(h.signer_title.as_deref(), Some("PHÓ GIÁM ĐỐC"));
        assert_eq!(h.recipients, ["Như trên"]);
        let h = header("Nội dung.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nKý bởi: Đỗ Minh Tuấn\n");
        assert_eq!(h.signer.as_deref(), Some("Đỗ Minh Tuấn"));
        assert_eq!(h.signer_title.as_deref(), Some("PHÓ GIÁM ĐỐC"));
    }

    #[test]
    fn a_signature_block_split_by_a_page_break() {
        let texts = vec![
            "BÁO CÁO\nKết quả năm 2023\n\nNội dung dài của báo cáo.\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n".to_string(),
            "\n\nTrần Quốc Bảo\n".to_string(),
        ];
        let pages = vanban_text::prepare_document(&texts);
        let h = extract_header(&pages);
        assert_eq!(h.signer.as_deref(), Some("Trần Quốc Bảo"));
        assert_eq!(h.signer_title.as_deref(), Some("PHÓ GIÁM ĐỐC"));
        assert_eq!(h.evidence["signer"].page, 2);
        assert_eq!(h.evidence["signer_title"].page, 1);
        assert_eq!(h.recipients, ["Sở Nội vụ"]);
    }

    #[test]
    fn an_attached_date_broken_before_its_year() {
        let h = header("PHỤ LỤC\nDanh mục dự án\n(Ban hành kèm theo Quyết định số 20/2024/QĐ-UBND ngày 11 tháng 4 năm\n2024 của Ủy ban nhân dân tỉnh Gia Lai)\n");
        assert_eq!(h.date.as_deref(), Some("2024-04-11"));
    }

    #[test]
    fn html_entities_are_not_barriers() {
        let h = header("&nbsp;\nUBND TỈNH HÒA BÌNH\nSỞ CÔNG THƯƠNG\n&nbsp;\nSố: 8/BC-SCT\n\nBÁO CÁO\nTình hình thị trường\n");
        assert_eq!(h.agency.as_deref(), Some("SỞ CÔNG THƯƠNG"));
        assert_eq!(h.number.as_deref(), Some("8/BC-SCT"));
        assert_eq!(h.kind.as_deref(), Some("BÁO CÁO"));
    }

    #[test]
    fn a_type_word_and_its_subject_on_one_line() {
        let h = header("CHÍNH PHỦ\nSố: 12/2024/NĐ-CP\nHà Nội, ngày 05 tháng 2 năm 2024\nNGHỊ ĐỊNH Quy định chi tiết một số điều của Luật Đất đai\n\nCăn cứ Luật Tổ chức Chính phủ;\n");
        assert_eq!(h.kind.as_deref(), Some("NGHỊ ĐỊNH"));
        assert_eq!(
            h.subject.as_deref(),
            Some("Quy định chi tiết một số điều của Luật Đất đai")
        );
        // A body sentence that merely opens with a type word in sentence case is not one.
        let h = header("Kế hoạch Sở Y tế năm 2024 gồm ba phần.\n");
        assert_eq!(h.kind, None);
    }

    #[test]
    fn a_gazette_title_block() {
        let t = "NGHỊ QUYẾT\nCỦA HỘI ĐỒNG NHÂN DÂN TỈNH SỐ 07/2023/NQ-HĐND NGÀY 14 THÁNG 4 NĂM 2023\nVỀ VIỆC QUY ĐỊNH MỨC HỖ TRỢ GIÁO VIÊN\n\nHỘI ĐỒNG NHÂN DÂN TỈNH\n";
        let h = header(t);
        assert_eq!(h.number.as_deref(), Some("07/2023/NQ-HĐND"));
        assert_eq!(h.date.as_deref(), Some("2023-04-14"));
        assert_eq!(
            h.subject.as_deref(),
            Some("Về việc quy định mức hỗ trợ giáo viên")
        );
        let h = header("QUYẾT ĐỊNH\nCỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 12/2021/QĐ-TTG NGÀY 02 THÁNG 3 NĂM 2021 VỀ CHẾ ĐỘ\n");
        assert_eq!(h.number.as_deref(), Some("12/2021/QĐ-TTg"));
        assert_eq!(h.subject.as_deref(), Some("Về chế độ"));
        // Lines under the type word that are not a title block give a subject as before.
        let h = header("KẾ HOẠCH\nCải cách hành chính năm 2024\n");
        assert_eq!(h.number, None);
        assert_eq!(h.subject.as_deref(), Some("Cải cách hành chính năm 2024"));
    }

    #[test]
    fn number_lines_contact_lines_and_motto_slips() {
        // A number line under the title ends the subject.
        let h = header("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHỢP ĐỒNG\nDỊCH VỤ VẬN CHUYỂN HÀNG HÓA\nSố: 15/2025/HĐVC\n\nCăn cứ Bộ luật Dân sự năm 2015;\n");
        assert_eq!(h.subject.as_deref(), Some("DỊCH VỤ VẬN CHUYỂN HÀNG HÓA"));
        let h = header("KẾ HOẠCH\nTổ chức Hội khỏe Phù Đổng tỉnh Sơn La năm 2025\nSố (No): ……/KH-SVHTTDL\n\nI. MỤC ĐÍCH\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("Tổ chức Hội khỏe Phù Đổng tỉnh Sơn La năm 2025")
        );
        // A place-date line printed after a công văn's subject ends it.
        let h = header("UBND TỈNH QUẢNG TRỊ\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1452/SGDĐT-KHTC\nV/v hướng dẫn thu học phí\nnăm học 2025-2026\nQuảng Trị, ngày   tháng   năm 2025\n\nKính gửi: Các phòng giáo dục.\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("V/v hướng dẫn thu học phí năm học 2025-2026")
        );
        assert_eq!(h.date.as_deref(), Some("2025"));
        let h = header("SỞ Y TẾ\nSố: 77/SYT-NVY\nV/v tăng cường phòng chống sốt xuất huyết\nTP. Hồ Chí Minh, ngày 05 tháng 8 năm 2024\n\nKính gửi: Các bệnh viện\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("V/v tăng cường phòng chống sốt xuất huyết")
        );
        // Subjects opening with words that also open a body (`Điều chỉnh`, `Ngày hội`).
        let h = header("SỞ CÔNG THƯƠNG\nSố: 15/TB-SCT\n\nTHÔNG BÁO\nĐiều chỉnh giá vé tàu Tết Ất Tỵ\n\nĐiều 1. Phạm vi\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("Điều chỉnh giá vé tàu Tết Ất Tỵ")
        );
        let h = header("KẾ HOẠCH\nNgày hội văn hóa các dân tộc tỉnh Đắk Nông năm 2025\nNgày 12/5/2025, UBND tỉnh ban hành\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("Ngày hội văn hóa các dân tộc tỉnh Đắk Nông năm 2025")
        );
        // One blank line ends the subject where lines are not spaced by blanks.
        let h = header("ĐẠI SỨ QUÁN VIỆT NAM\nTẠI NHẬT BẢN\nSố: 12/ĐSQ-LS\nTokyo, ngày 3 tháng 5 năm 2024\n\nTHÔNG BÁO\nVề việc cấp hộ chiếu\n\nNội dung thông báo cho công dân.\n");
        assert_eq!(h.subject.as_deref(), Some("Về việc cấp hộ chiếu"));
        // Where every line is followed by a blank one (PDF text), two end it.
        let h = header("SỞ Y TẾ\n\nSố: 12/KH-SYT\n\nKẾ HOẠCH\n\nPhòng chống dịch bệnh\n\nmùa mưa năm 2024\n\n\nI. MỤC ĐÍCH\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("Phòng chống dịch bệnh mùa mưa năm 2024")
        );
        // A one-page document without a signature: its agency is no signer's title.
        let h = header("THÀNH ỦY ĐÀ NẴNG\nBAN TUYÊN GIÁO\nSố 12-TB/BTGTU\n\nTHÔNG BÁO\nLịch sinh hoạt\n\nNội dung thông báo.\n");
        assert_eq!(h.signer_title, None);
        // Party documents number `số-TYPE/ISSUER`.
        let h = header("THÀNH ỦY HẢI PHÒNG\nBAN TUYÊN GIÁO\n*\nSố 45-HD/BTGTU\nHải Phòng, ngày 10 tháng 3 năm 2024\n\nHƯỚNG DẪN\nTuyên truyền kỷ niệm\n");
        assert_eq!(h.number.as_deref(), Some("45-HD/BTGTU"));
        let h = header("ĐẢNG BỘ TỈNH NGHỆ AN\nHUYỆN ỦY NAM ĐÀN\nSố: 07-NQ/HU\n\nNGHỊ QUYẾT\nvề phát triển du lịch\n");
        assert_eq!(h.number.as_deref(), Some("07-NQ/HU"));
        // A number line under the agency is not part of its name.
        let h = header(
            "ĐẠI HỌC ĐÀ NẴNG\nTRƯỜNG ĐẠI HỌC KINH TẾ\nSỐ:………/HĐ-ĐHKT\n\nHỢP ĐỒNG\nTHỈNH GIẢNG\n",
        );
        assert_eq!(h.agency.as_deref(), Some("TRƯỜNG ĐẠI HỌC KINH TẾ"));
        // An agency line with the number glued to it.
        let h = header("BỘ GIÁO DỤC VÀ ĐÀO TẠO\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG ĐẠI HỌC VINH SỐ: 112/QĐ-ĐHV\tĐộc lập - Tự do - Hạnh phúc\n\nQUYẾT ĐỊNH\nVề việc cử cán bộ đi công tác\n");
        assert_eq!(h.agency.as_deref(), Some("TRƯỜNG ĐẠI HỌC VINH"));
        assert_eq!(h.parent_agency.as_deref(), Some("BỘ GIÁO DỤC VÀ ĐÀO TẠO"));
        // Contact lines under a company's name are no agency.
        let h = header("CÔNG TY CỔ PHẦN CẤP NƯỚC HUẾ\nWWW.HUEWACO.VN - ĐT: 0234 3822 000\n\nTHÔNG BÁO\nLịch cắt nước tháng 7\n");
        assert_eq!(h.agency.as_deref(), Some("CÔNG TY CỔ PHẦN CẤP NƯỚC HUẾ"));
        // The national title typed with a slip is still the national title.
        let h = header("CÔNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHỢP ĐỒNG\nTHUÊ NHÀ Ở\n");
        assert_eq!(h.agency, None);
        assert!(!is_number_line("Số lượng hồ sơ"));
        assert!(!is_number_line("Sốt xuất huyết"));
        assert!(is_number_line("Số……/HĐVCHH"));
        assert!(is_number_line("số 12/KH"));
        assert!(is_named_number_line("Hợp đồng số: …./HĐKT"));
        assert!(!is_named_number_line(
            "Tổng hợp kết quả thực hiện chỉ tiêu số: 5"
        ));
        let h = header("HỢP ĐỒNG\nGiao nhận thầu xây dựng công trình\nHợp đồng số: 25/2024/HĐXD\n\n- Căn cứ Bộ luật Dân sự;\n");
        assert_eq!(
            h.subject.as_deref(),
            Some("Giao nhận thầu xây dựng công trình")
        );
        // A title over two lines is no agency.
        let h = header("ĐỀ NGHỊ VAY VỐN KIÊM\nHỢP ĐỒNG TÍN DỤNG\n\nKính gửi: Ngân hàng\n");
        assert_eq!(h.agency, None);
    }

    #[test]
    fn entities_and_emphasis_between_columns() {
        let t = "Người ký: Trần Thị Bình\nEmail: ttb@bocongan.gov.vn\nThời gian ký: 29.06.2025 10:15:22 +07:00\n**BỘ CÔNG AN**&nbsp;&nbsp;**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**Độc lập - Tự do - Hạnh phúc**\n\n**Số:** 105/2025/TT-BCA&nbsp;&nbsp;&nbsp;*Hà Nội, ngày 16 tháng 6 năm 2025*\n\n**THÔNG TƯ**\n**Quy định về công tác bảo đảm an ninh mạng**\n";
        let h = header(t);
        assert_eq!(h.agency.as_deref(), Some("BỘ CÔNG AN"));
        assert_eq!(h.number.as_deref(), Some("105/2025/TT-BCA"));
        assert_eq!(h.place.as_deref(), Some("Hà Nội"));
        assert_eq!(h.date.as_deref(), Some("2025-06-16"));
        assert_eq!(h.kind.as_deref(), Some("THÔNG TƯ"));
        // Other entities and emphasis shapes; one entity between words stays inside the cell.
        let t = "__UBND TỈNH GIA LAI__&#160;&#160;CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ&nbsp;NỘI VỤ&emsp;&emsp;Độc lập - Tự do - Hạnh phúc\nSố: 311/BC-SNV&nbsp;&nbsp;Gia Lai, ngày 03 tháng 9 năm 2024\n\nBÁO CÁO\nKết quả tuyển dụng viên chức\n";
        let h = header(t);
        assert_eq!(h.parent_agency.as_deref(), Some("UBND TỈNH GIA LAI"));
        assert_eq!(h.number.as_deref(), Some("311/BC-SNV"));
        assert_eq!(h.place.as_deref(), Some("Gia Lai"));
        assert_eq!(h.date.as_deref(), Some("2024-09-03"));
    }

    #[test]
    fn legal_headers_and_stamps_before_them() {
        let h = header("QUỐC HỘI\n\nLuật số: 45/2019/QH14\n\nLUẬT\nThi đua, khen thưởng\n");
        assert_eq!(h.number.as_deref(), Some("45/2019/QH14"));
        let t = "Người ký: Nguyễn Văn An\nEmail: an@tinh.gov.vn\nThời gian ký: 29.06.2025 10:00:00 +07:00\nUBND TỈNH LÂM ĐỒNG\nSỞ Y TẾ\nSố: 5/KH-SYT\nLâm Đồng, ngày 02 tháng 6 năm 2025\n\nKẾ HOẠCH\nPhòng chống dịch\n";
        let h = header(t);
        assert_eq!(h.date.as_deref(), Some("2025-06-02"));
        assert_eq!(h.agency.as_deref(), Some("SỞ Y TẾ"));
        assert_eq!(h.number.as_deref(), Some("5/KH-SYT"));
        let h = header("BỘ CÔNG AN\n**Số:** 105/2025/TT-BCA\n");
        assert_eq!(h.number.as_deref(), Some("105/2025/TT-BCA"));
    }
}
