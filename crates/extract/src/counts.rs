//! Counts of cases: a number followed by the noun it counts (`39 hồ sơ`,
//! `124/132 hồ sơ`, `03-05 sáng kiến`, `10 lượt cán bộ, công chức, viên chức`).
//!
//! What counts as a counted noun is a lexicon ([`COUNTED_NOUNS`]) read off how
//! administrative reports state their results: files and procedures handled,
//! documents issued, people trained or appointed, meetings and campaigns held,
//! units and localities covered, tasks and targets set. A number followed by
//! anything else (`10 năm`, `6 tháng`, `30 ngày`, `5 triệu`, `1.50 điểm`, `80%`)
//! is not a count. Numbers that name rather than count are skipped by the word
//! before them: levels (`mức độ 3`), ranks (`xếp thứ 5`), sections (`Điều 5`,
//! `khoản 2`), years (`năm 2021`); so are numbers inside dates and document
//! numbers (`14/6/2021`, `55/2011/NĐ-CP`), multipliers (`gấp 2,7 lần`, `tăng
//! 3 lần so với`), capacities (`được ở 2 khách`), a table's serial number and
//! the years of a range (`vụ Hè Thu 2024-2025 tỉnh …`).

use std::sync::LazyLock;

use regex::Regex;
use vanban_text::PreparedPage;

use crate::evidence::evidence_for;
use crate::facts::CaseCount;
use crate::numbers::parse_count;
use crate::DocContext;

/// Counted nouns of the genre, as printed, besides the document types that
/// are counted nouns ([`crate::vocab::counted_type_nouns`]). Multi-word entries are matched with
/// any run of spaces or line breaks between words; the longest entry wins.
/// Grouped by what they count:
pub(crate) const COUNTED_NOUNS: &[&str] = &[
    // Files, procedures, public services.
    "hồ sơ",
    "thủ tục hành chính",
    "thủ tục",
    "TTHC",
    "dịch vụ công",
    "DVC",
    "giấy phép",
    "giấy chứng nhận",
    "chứng chỉ",
    "hộ chiếu",
    "thị thực",
    "tài khoản",
    "chữ ký số",
    "chứng thư số",
    // Documents and their contents.
    "văn bản quy phạm pháp luật",
    "văn bản QPPL",
    "VBQPPL",
    "quy trình",
    "tài liệu",
    "tin bài",
    "tin",
    "bài viết",
    "bài",
    "phóng sự",
    "chuyên mục",
    "ấn phẩm",
    "tờ rơi",
    "phiếu",
    "câu hỏi",
    "nội dung",
    "lĩnh vực",
    "ý kiến",
    "kiến nghị",
    "phản ánh",
    "đơn thư",
    "đơn",
    "khiếu nại",
    "tố cáo",
    "sáng kiến",
    "đề tài",
    "giải pháp",
    "mô hình",
    "sản phẩm",
    // Tasks and targets.
    "nhiệm vụ",
    "chỉ tiêu",
    "tiêu chí",
    "công trình",
    "gói thầu",
    "hạng mục",
    // People.
    "cán bộ, công chức, viên chức",
    "cán bộ, công chức",
    "cán bộ",
    "công chức",
    "viên chức",
    "CBCCVC",
    "CBCC",
    "CCVC",
    "CBCNV",
    "người lao động",
    "người dân",
    "người",
    "lao động",
    "đảng viên",
    "đồng chí",
    "đ/c",
    "học viên",
    "học sinh",
    "sinh viên",
    "giáo viên",
    "nhân viên",
    "chuyên gia",
    "thành viên",
    "đại biểu",
    "công dân",
    "cá nhân",
    "tập thể",
    "lãnh đạo",
    "phóng viên",
    "nhà đầu tư",
    "du khách",
    "khách",
    "đối tượng",
    "trường hợp",
    "bệnh nhân",
    "trẻ em",
    "hộ gia đình",
    "hộ nghèo",
    "hộ",
    "gia đình",
    // Organisations and places.
    "doanh nghiệp",
    "hợp tác xã",
    "HTX",
    "tổ chức",
    "cơ quan",
    "đơn vị sự nghiệp công lập",
    "đơn vị sự nghiệp",
    "đơn vị",
    "phòng",
    "sở, ban, ngành",
    "sở",
    "ngành",
    "địa phương",
    "huyện",
    "xã",
    "phường",
    "thị trấn",
    "thôn",
    "tổ dân phố",
    "trường",
    "cơ sở",
    "đối tác",
    "tỉnh",
    "xã, phường, thị trấn",
    "huyện, thị xã, thành phố",
    "quận, huyện",
    "hội",
    "chi hội",
    "câu lạc bộ",
    "nhóm hàng",
    "nhóm",
    "mặt hàng",
    "quốc gia",
    "nước",
    // Events and actions.
    "lần",
    "lượt",
    "cuộc",
    "hội nghị",
    "hội thảo",
    "buổi",
    "lớp",
    "khóa",
    "khoá",
    "đợt",
    "chuyến",
    "đoàn",
    "sự kiện",
    "hoạt động",
    "phiên",
    "kỳ họp",
    "vụ việc",
    "vụ án",
    "vụ",
    "vi phạm",
    "sai phạm",
];

/// Words before a number that make it a label, not a count.
const LABEL_WORDS: &[&str] = &[
    "độ", "mức", "thứ", "hạng", "điều", "khoản", "điểm", "mục", "phần", "chương", "tiết", "năm",
    "quý", "tháng", "ngày", "đoạn", "kỳ", "loại", "nhóm", "cấp", "khóa", "khoá", "lớp", "lục",
    "chí", "bảng", "biểu", "hình", "trang", "tập", "covid",
];

/// Spaces with at most one line break: a tab is a table cell boundary, and a
/// count never spans two cells.
const WS: &str = r"(?:[\x20\x{A0}]+(?:\n[\x20\x{A0}]*)?|\n[\x20\x{A0}]*)";

/// A number (or `a/b`, `a-b`, `a đến b`) followed by a counted noun.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let mut nouns: Vec<String> = COUNTED_NOUNS.iter().map(|n| n.to_string()).collect();
    nouns.extend(crate::vocab::counted_type_nouns());
    nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alts: Vec<String> = nouns
        .iter()
        .map(|n| {
            regex::escape(n)
                .replace(", ", &format!(",{WS}?"))
                .replace(' ', WS)
        })
        .collect();
    Regex::new(&format!(
        r"(?-u:\b)(?P<a>\d{{1,3}}(?:[.,]\d{{3}})+|\d+)(?:[\x20\x{{A0}}]*(?P<sep>/|-|–|(?i:đến|tới))[\x20\x{{A0}}]*(?P<b>\d{{1,3}}(?:[.,]\d{{3}})+|\d+))?{WS}(?P<noun>(?i:lượt{WS})?(?i:{alts}))",
        alts = alts.join("|")
    ))
    .expect("count regex")
});

/// Finds every fact of this kind, over the pages and across their breaks (see [`crate::seam`]).
pub(crate) fn extract_counts(pages: &[PreparedPage], _ctx: &DocContext) -> Vec<CaseCount> {
    let on_pages = pages.iter().flat_map(counts_of_page).collect();
    crate::seam::merge(
        pages,
        on_pages,
        counts_of_page,
        |c| &c.evidence,
        |c, e| c.evidence = e,
    )
}

/// The counts of one page, in order.
fn counts_of_page(page: &PreparedPage) -> Vec<CaseCount> {
    let mut out = Vec::new();
    let text = page.flow.as_str();
    let mut at = 0;
    while let Some(c) = COUNT.captures_at(text, at) {
        let (Some(all), Some(a), Some(noun)) = (c.get(0), c.name("a"), c.name("noun")) else {
            break;
        };
        at = all.end();
        if let Some(count) = count_of(page, text, &c, a, noun) {
            out.push(count);
        }
    }
    out
}

/// Checks one candidate and builds its fact.
fn count_of(
    page: &PreparedPage,
    text: &str,
    c: &regex::Captures,
    a: regex::Match,
    noun: regex::Match,
) -> Option<CaseCount> {
    let before = &text[..a.start()];
    // Part of a date, a document number or a decimal: `14/6/2021`, `55/2011/NĐ-CP`, `1.50`.
    if before.ends_with(['/', '.', ',', '-', '_']) || before.ends_with(char::is_alphabetic) {
        return None;
    }
    let after = &text[noun.end()..];
    // Whole words only: `hồ sơ` but not `hộp`, `TTHC` but not `TTHCs`.
    if after.starts_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    // `1 Tiêu chí 1.1`: a noun followed by a number labels that number (here
    // after a table's serial number), it is not what the first number counts.
    let next = after.trim_start_matches([' ', '\u{a0}']);
    if next.starts_with(|ch: char| ch.is_ascii_digit()) {
        // Only a capitalised noun (`Tiêu chí 1.1`) or a dotted label number
        // names the number after it; `30 văn bản QPPL 4 Tiêu chí` still counts.
        let label: String = next
            .chars()
            .take_while(|ch| ch.is_ascii_digit() || *ch == '.')
            .collect();
        if noun.as_str().starts_with(|ch: char| ch.is_uppercase())
            || label.trim_end_matches('.').contains('.')
        {
            return None;
        }
    }
    let prev = before
        .trim_end()
        .rsplit(|ch: char| !ch.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if LABEL_WORDS.contains(&prev.as_str()) {
        return None;
    }
    let noun_text = noun.as_str();
    let lower = noun_text.to_lowercase();
    // A cited document (`4 Nghị định số 42/2022/NĐ-CP`) or a named one (`Kế hoạch 239`).
    let doc_type = crate::vocab::is_numbered_doc_noun(&lower);
    if doc_type {
        let next = after.trim_start();
        // `đã ban hành 03 Quyết định số …` counts them; `theo 2 Nghị định số …` names them.
        let after_verb = matches!(
            prev.as_str(),
            "hành" | "có" | "ký" | "gồm" | "trình" | "ra" | "mưu"
        );
        if !after_verb
            && (next.starts_with("số") || next.starts_with(|ch: char| ch.is_ascii_digit()))
        {
            return None;
        }
    }
    let prev_raw = before.trim_end_matches([' ', '\u{a0}']);
    // A table's serial number: a number opening the line, a capitalised noun after it.
    let line_start = prev_raw.is_empty() || prev_raw.ends_with('\n');
    if line_start && noun_text.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    // Multipliers: `gấp 2,7 lần`, `tăng 3 lần so với`.
    if lower.starts_with("lần") {
        let next = after.trim_start();
        if matches!(prev.as_str(), "gấp" | "tăng" | "giảm" | "hơn" | "bằng")
            || next.starts_with("so với")
            || next.starts_with("so cùng")
        {
            return None;
        }
    }
    // Capacities: `phòng được ở 3 khách`.
    if prev == "ở" && (lower.starts_with("khách") || lower.starts_with("người")) {
        return None;
    }
    // The years of a range (`vụ Hè Thu 2024-2025 tỉnh Sóc Trăng`) and years before a place.
    let is_year =
        |s: &str| s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1945..=2100).contains(&y));
    if is_year(a.as_str())
        && (c.name("b").is_some_and(|b| is_year(b.as_str()))
            || after.trim_start().starts_with(|ch: char| ch.is_uppercase()))
    {
        return None;
    }
    // An ungrouped number of seven or more digits is an identifier (a tax code,
    // a student or phone number), never a count: counts that large are grouped.
    if a.as_str().len() >= 7 && a.as_str().bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = parse_count(a.as_str())?;
    let mut of = None;
    if let (Some(sep), Some(b)) = (c.name("sep"), c.name("b")) {
        let bv = parse_count(b.as_str())?;
        if bv < value {
            return None;
        }
        if sep.as_str() == "/" {
            // `24/25 CBCCVC`; a slash after a slash is a date or a number.
            if text[b.end()..].starts_with('/') {
                return None;
            }
            of = Some(bv);
        }
    }
    let span = a.start()..noun.end();
    let evidence = evidence_for(page, &page.flow, span.clone());
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let raw = squash(page.display.get(page.flow.source_range(span)).unwrap_or(""));
    Some(CaseCount {
        raw,
        value,
        of,
        unit: squash(noun_text),
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_text::prepare_page;

    fn counts(text: &str) -> Vec<(u64, Option<u64>, String)> {
        let page = prepare_page(1, text.to_string());
        extract_counts(&[page], &DocContext::default())
            .into_iter()
            .map(|c| (c.value, c.of, c.unit))
            .collect()
    }

    fn one(text: &str) -> (u64, Option<u64>, String) {
        let v = counts(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn simple_counts_with_leading_zeros() {
        assert_eq!(one("tiếp nhận 39 hồ sơ"), (39, None, "hồ sơ".into()));
        assert_eq!(one("trả 06 hồ sơ"), (6, None, "hồ sơ".into()));
        assert_eq!(one("đăng ký 02 chỉ tiêu"), (2, None, "chỉ tiêu".into()));
        assert_eq!(one("ban hành 855 văn bản."), (855, None, "văn bản".into()));
        assert_eq!(one("xác định 46 nhiệm vụ"), (46, None, "nhiệm vụ".into()));
        assert_eq!(one("tiếp nhận 1.234 hồ sơ"), (1234, None, "hồ sơ".into()));
    }

    #[test]
    fn longest_noun_phrase_wins() {
        assert_eq!(one("rà soát 9 thủ tục hành chính").2, "thủ tục hành chính");
        assert_eq!(
            one("cử 10 lượt cán bộ, công chức, viên chức tham gia").2,
            "lượt cán bộ, công chức, viên chức"
        );
        assert_eq!(
            one("cử 120 lượt cán bộ,\ncông chức, viên chức").2,
            "lượt cán bộ, công chức, viên chức"
        );
        assert_eq!(
            one("có 01 đơn vị sự nghiệp công lập").2,
            "đơn vị sự nghiệp công lập"
        );
        assert_eq!(
            one("05 văn bản quy phạm pháp luật").2,
            "văn bản quy phạm pháp luật"
        );
        assert_eq!(one("cử 03 đồng chí").2, "đồng chí");
        assert_eq!(one("cử 02 đ/c dự họp").2, "đ/c");
        assert_eq!(one("có 1.250 lượt truy cập"), (1250, None, "lượt".into()));
    }

    #[test]
    fn fractions_and_ranges() {
        assert_eq!(
            one("chỉ có 24/25 CBCCVC hoàn thành"),
            (24, Some(25), "CBCCVC".into())
        );
        assert_eq!(one("124/132 hồ sơ"), (124, Some(132), "hồ sơ".into()));
        assert_eq!(
            one("Phấn đấu 03-05 sáng kiến"),
            (3, None, "sáng kiến".into())
        );
        assert_eq!(
            one("có 1 đến 2 sáng kiến cấp tỉnh"),
            (1, None, "sáng kiến".into())
        );
    }

    #[test]
    fn not_counts() {
        for t in [
            "trong năm 2021 và 6 tháng đầu năm",
            "sau 10 năm thực hiện, trong 30 ngày",
            "dịch vụ công trực tuyến mức độ 3, mức độ 4 hồ sơ",
            "xếp thứ 5 tỉnh về chỉ số",
            "đạt 0.5/1.0 điểm do có từ 80% đến dưới 90% văn bản",
            "theo khoản 2 Điều 5 văn bản",
            "Tiêu chí 1.1 hồ sơ",
            "1\tTiêu chí 1.1: Thực hiện",
            "2 Tiêu chí 1.5.1 Có sáng kiến",
            "Chai 1000 viên",
            "kinh phí 450 triệu đồng",
            "Quyết định số 55/2011/NĐ-CP ngày 04/7/2011 hồ sơ",
            "ngày 14/6/2021 hồ sơ",
            "Mã số thuế: 1400116233 Người đại diện",
            "Sinh viên Trần Văn B - 2310790 lớp L02",
            "tại khoản 1 Điều 4 Nghị định số 42/2022/NĐ-CP",
            "theo 2 Nghị định số 42/2022/NĐ-CP",
            "dịch COVID-19 đơn vị",
            "5 đơn vịx",
        ] {
            assert!(counts(t).is_empty(), "{t}: {:?}", counts(t));
        }
    }

    #[test]
    fn a_number_after_a_lower_case_noun_does_not_label_it() {
        assert_eq!(
            one("đã góp ý đối với 30 văn bản QPPL 4 Tiêu chí 2.3"),
            (30, None, "văn bản QPPL".into())
        );
        assert!(counts("mục 2 Tiêu chí 3 hồ sơ").len() <= 1);
        assert!(counts("đạt 5 tiêu chí 1.2 của bộ").is_empty());
    }

    #[test]
    fn events_and_groups_are_counted() {
        assert_eq!(
            counts("giá gas có 5 lần điều chỉnh (3 lần tăng và 2 lần giảm)"),
            [
                (5, None, "lần".into()),
                (3, None, "lần".into()),
                (2, None, "lần".into())
            ]
        );
        assert_eq!(
            one("toàn huyện còn 9 hội chưa tổ chức đại hội"),
            (9, None, "hội".into())
        );
        assert_eq!(
            one("có 4 nhóm hàng tăng giá"),
            (4, None, "nhóm hàng".into())
        );
        assert_eq!(
            one("Sở đã ban hành 02 Quyết định số 45/QĐ-SXD, số 61/QĐ-SXD"),
            (2, None, "Quyết định".into())
        );
        assert_eq!(one("tại 15 xã, phường, thị trấn").2, "xã, phường, thị trấn");
    }

    #[test]
    fn multipliers_capacities_serials_and_years_are_not_counts() {
        for t in [
            "cao gấp 2,7 lần cùng kỳ",
            "tăng 3 lần so với năm trước",
            "phòng đôi được ở 2 khách là 500.000 đồng",
            "2  Học sinh qua đò",
            "vụ Hè Thu 2024-2025 tỉnh Sóc Trăng",
        ] {
            assert!(counts(t).is_empty(), "{t}: {:?}", counts(t));
        }
    }
}
