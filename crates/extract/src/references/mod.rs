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
//!
//! Stages, in eyecite's manner: [`grammar`] (the patterns), [`find`] (mentions
//! in a page), [`attach`] (dates and issuers around them), [`resolve`]
//! (mentions grouped into references).

mod attach;
mod find;
mod grammar;
mod resolve;

use std::ops::Range;

use vanban_text::PreparedPage;

use crate::dates::IsoDate;
use crate::facts::Reference;
use crate::DocContext;
use attach::{attach_tails, distribute, subject_issuers};
use find::{full_hits, short_hits};
use grammar::canon_key;
use resolve::build_references;

pub(crate) use grammar::restore_case as restore_number_case;

#[cfg(test)]
pub(crate) use grammar::{
    admin_hits, party_matches, short_matches, type_word_matches, url_matches,
};

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
    let own_agency = ctx.agency.as_deref();
    let mut hits: Vec<Hit> = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        let text = page.flow.as_str();
        let mut page_hits = full_hits(text, pi);
        attach_tails(text, &mut page_hits);
        find::repair_years(&mut page_hits);
        distribute(text, &mut page_hits);
        subject_issuers(text, &mut page_hits, own_agency);
        attach::attach_far_dates(text, &mut page_hits);
        let shorts = short_hits(text, pi, &page_hits);
        page_hits.extend(shorts);
        page_hits.sort_by_key(|h| h.span.start);
        hits.extend(page_hits);
    }
    across_pages(pages, &mut hits);
    if let Some(own) = own {
        hits.retain(|h| h.short || canon_key(&h.number) != own);
    }
    build_references(pages, hits)
}

/// How far before the end and after the start of a page a broken number is looked for.
const SEAM: usize = 160;

/// Numbers broken by a page break (`Quyết định số 58/PCLC-` ⏎ page 2 ⏎
/// `KT ngày 03/4/2025`): each page's flow has its furniture (page numbers,
/// running headers and footers) dropped already, so the end of one page and
/// the start of the next are joined into one seam and searched again. A
/// mention found across the seam replaces the truncated one its page gave,
/// and keeps its span on the page where it starts (clipped to that page).
fn across_pages(pages: &[PreparedPage], hits: &mut Vec<Hit>) {
    for pi in 0..pages.len().saturating_sub(1) {
        let (a, b) = (pages[pi].flow.as_str(), pages[pi + 1].flow.as_str());
        let a_body = a.trim_end();
        let tail_from = grammar::floor_boundary(a_body, a_body.len().saturating_sub(SEAM));
        let tail = &a_body[tail_from..];
        let head = b.trim_start();
        let head = &head[..grammar::floor_boundary(head, SEAM)];
        if tail.is_empty() || head.is_empty() {
            continue;
        }
        // Inside a number (`58/PCLC-`, `05/`) the pieces join with nothing.
        let tight = tail.ends_with(['-', '/']) || head.starts_with(['-', '/']);
        let seam = format!("{tail}{}{head}", if tight { "" } else { " " });
        let split = tail.len();
        let mut found = full_hits(&seam, pi);
        attach_tails(&seam, &mut found);
        for mut h in found {
            let number_crosses = h.num_start < split && h.span.end > split + usize::from(!tight);
            // `Kế hoạch số 12/KH-UBND ngày` ⏎ `9` ⏎ `15/3/2025`: the number is
            // whole on the page, its date is not; the page's hit gains the date.
            let date_crosses = h.num_start < split
                && h.span.end <= split
                && h.tail_end > split
                && h.date.is_some()
                && hits.iter().any(|o| {
                    o.page == pi
                        && !o.short
                        && o.num_start == h.num_start + tail_from
                        && o.date.is_none()
                });
            if date_crosses {
                if let Some(o) = hits
                    .iter_mut()
                    .find(|o| o.page == pi && !o.short && o.num_start == h.num_start + tail_from)
                {
                    o.date = h.date;
                }
                continue;
            }
            if !number_crosses {
                continue;
            }
            let end = a_body.len();
            h.span = tail_from + h.span.start..end;
            h.num_start += tail_from;
            h.tail_end = end;
            match hits
                .iter()
                .position(|o| o.page == pi && !o.short && o.num_start == h.num_start)
            {
                Some(i) => hits[i] = h,
                None => hits.push(h),
            }
        }
    }
    hits.sort_by_key(|h| (h.page, h.span.start));
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
        let header = crate::header::extract_header(&pages);
        let mut ctx = DocContext::of_header(&header);
        ctx.number = own.map(str::to_string);
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

    #[test]
    fn a_number_broken_by_a_page_break() {
        let texts = vec![
            "Thực hiện Quyết định số 58/PCLC-\n\n9\n".to_string(),
            "KT ngày 03/4/2025 của Ban Chỉ huy, Sở đã triển khai.\n".to_string(),
        ];
        let pages = vanban_text::prepare_document(&texts);
        let r = extract_references(&pages, &DocContext::default());
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].number, "58/PCLC-KT");
        assert_eq!(r[0].date.as_deref(), Some("2025-04-03"));
        assert_eq!(r[0].mentions[0].evidence.page, 1);
        // A number whole on each page is left alone.
        let texts = vec![
            "Căn cứ Nghị định số 30/2020/NĐ-CP.\n".to_string(),
            "Kế hoạch số 5/KH-UBND ngày 02/3/2021.\n".to_string(),
        ];
        let pages = vanban_text::prepare_document(&texts);
        let n: Vec<String> = extract_references(&pages, &DocContext::default())
            .into_iter()
            .map(|r| r.number)
            .collect();
        assert_eq!(n, ["30/2020/NĐ-CP", "5/KH-UBND"]);
    }

    #[test]
    fn a_date_broken_by_a_page_break() {
        for (a, b, want) in [
            (
                "Thực hiện Kế hoạch số 112/KH-UBND ngày\n- 4 -\n",
                "20/02/2025 của UBND tỉnh Nghệ An, Sở đã triển khai.\n",
                "2025-02-20",
            ),
            (
                "Căn cứ Thông tư số 61/2019/TT-BGTVT ngày 31 tháng 12\n",
                "năm 2019 của Bộ Giao thông vận tải;\n",
                "2019-12-31",
            ),
        ] {
            let texts = vec![a.to_string(), b.to_string()];
            let pages = vanban_text::prepare_document(&texts);
            let r = extract_references(&pages, &DocContext::default());
            assert_eq!(r.len(), 1, "{r:?}");
            assert_eq!(r[0].date.as_deref(), Some(want), "{a}");
            assert_eq!(r[0].mentions[0].evidence.page, 1);
        }
    }

    #[test]
    fn dotted_issuer_codes_are_part_of_the_symbol() {
        assert_eq!(
            numbers("Văn bản số 57/HCB.QN ngày 03/8/2024 và Công văn số 210/SGD.KHTC-TCCB."),
            ["57/HCB.QN", "210/SGD.KHTC-TCCB"]
        );
        // A full stop glued to the next sentence is not part of it.
        assert_eq!(
            numbers("theo Kế hoạch số 12/KH-UBND.Trong năm"),
            ["12/KH-UBND"]
        );
    }

    #[test]
    fn joint_unit_and_slipped_symbols() {
        assert_eq!(
            numbers("Thông tư liên tịch số 24/2005/TTLT/BGDĐT-BTC; Thông tư số 12/2001/TT-BCA(A11); Nghị định số 15/2022/NĐ_CP; Nghị quyết số 04/2019/NQ.HĐTP"),
            ["24/2005/TTLT/BGDĐT-BTC", "12/2001/TT-BCA(A11)", "15/2022/NĐ-CP", "04/2019/NQ-HĐTP"]
        );
        let r = refs("Nghị định số 15/2022/NĐ_CP ngày 28/01/2022");
        assert_eq!(r[0].raw, "Nghị định số 15/2022/NĐ_CP");
        // A second slash after an ordinary symbol is not part of it.
        assert_eq!(
            numbers("Công văn số 15/UBND-VX/ĐT ngày 02/3/2023"),
            ["15/UBND-VX"]
        );
    }

    #[test]
    fn numbers_before_2000_after_a_type_word_without_so() {
        assert_eq!(
            numbers("thực hiện Nghị định 64-CP ngày 27/9/1993 và Thông tư 91-TC/TCT; Chỉ thị 13-CT/TW; Quyết định 217-HĐBT"),
            ["64-CP", "91-TC/TCT", "13-CT/TW", "217-HĐBT"]
        );
        // Without a type word or `số` the shape stays too common to be a number.
        assert!(numbers("khu vực 3-CP và tổ 12-AB").is_empty());
    }

    #[test]
    fn symbols_holding_u_horn() {
        assert_eq!(
            numbers("Quyết định số 25/QĐ-BCĐTƯ ngày 02/4/2022 và Nghị quyết liên tịch số 05/2024/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN"),
            ["25/QĐ-BCĐTƯ", "05/2024/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN"]
        );
    }

    #[test]
    fn lower_case_symbols_and_lettered_ordinals() {
        assert_eq!(
            numbers(
                "theo Thông tư 35/2021/tt-btc và quyết định 12/2020/qđ-ttg; mã 12/2020/abc-xyz"
            ),
            ["35/2021/TT-BTC", "12/2020/QĐ-TTg"]
        );
        assert_eq!(
            numbers("Nghị quyết số 512a/NQ-UBTVQH15 ngày 01/02/2022"),
            ["512a/NQ-UBTVQH15"]
        );
    }

    #[test]
    fn numbers_before_2000_after_so() {
        let r = refs(
            "Nghị định số 43-CP ngày 16/7/1993 và Thông tư số 82-TC/TCT, Pháp lệnh số 26-LCT/HĐNN9",
        );
        let n: Vec<&str> = r.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(n, ["43-CP", "82-TC/TCT", "26-LCT/HĐNN9"]);
        assert_eq!(r[0].date.as_deref(), Some("1993-07-16"));
        assert!(numbers("nhiệt độ khoảng 20-CP và dịch COVID-19").is_empty());
    }

    #[test]
    fn a_year_with_a_stray_digit_is_repaired() {
        let r = refs("thay thế Nghị định số 45/20119/NĐ-CP ngày 10/5/2019 của Chính phủ; Nghị định số 45/2019/NĐ-CP hết hiệu lực.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].number, "45/2019/NĐ-CP");
        assert_eq!(r[0].date.as_deref(), Some("2019-05-10"));
        assert_eq!(r[0].mentions.len(), 2);
        assert_eq!(r[0].raw, "Nghị định số 45/20119/NĐ-CP");
        let r = refs("Quyết định số 7/20203/QĐ-UBND và Quyết định số 7/2023/QĐ-UBND");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].number, "7/2023/QĐ-UBND");
    }

    #[test]
    fn a_type_abbreviation_glued_to_its_number() {
        let r = refs("Thực hiện Quyết định số 2210/QĐ-UBND ngày 05/9/2023; thành viên theo QĐ2210; xem NQ15.");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].mentions.len(), 2);
        assert_eq!(r[1].number, "15");
        assert!(r[1].partial);
        assert_eq!(r[1].kind, "Nghị quyết");
        assert!(numbers("mã QĐ2210/ABC").len() <= 1);
        // Codes are not glued numbers.
        assert!(refs("HD003: Hợp đồng mua bán; mẫu KH01; QĐ1457: danh mục; KH2024").is_empty());
        // Set apart by a space or `số`.
        let r = refs("căn cứ NQ 05 của HĐND tỉnh và QĐ số 77 của UBND tỉnh; Quyết định số 77/QĐ-UBND ngày 01/02/2025.");
        let v: Vec<_> = r
            .iter()
            .map(|r| (r.number.as_str(), r.partial, r.mentions.len()))
            .collect();
        assert_eq!(v, [("5", true, 1), ("77/QĐ-UBND", false, 2)]);
        // Serial numbers and companies keep their abbreviations.
        assert!(refs("TT 5 Nội dung; CT 3 thành viên; KH 2 đợt").is_empty());
    }

    #[test]
    fn a_date_that_opens_the_clause() {
        let r = refs("Ngày 03/4/2024, Sở Tài chính có Công văn số 845/STC-QLG về giá.");
        assert_eq!(r[0].date.as_deref(), Some("2024-04-03"));
        assert_eq!(r[0].issuer.as_deref(), Some("Sở Tài chính"));
        let r = refs("II. KẾT QUẢ\n\nNgày 12/5/2025, Sở Y tế có Công văn số 77/SYT-NVY về dịch.");
        assert_eq!(r[0].date.as_deref(), Some("2025-05-12"));
        let r = refs("BÁO CÁO\nTình hình giá cả thị trường trên địa bàn tỉnh năm 2025\nNgày 12/5/2025, Sở Y tế có Công văn số 78/SYT-NVY về dịch.");
        assert_eq!(r[0].date.as_deref(), Some("2025-05-12"));
        let r = refs("Số: 5/BC-SYT\nBÁO CÁO\nTình hình\nNgày 12/5/2025, Sở Y tế có Công văn số 80/SYT-NVY về dịch.");
        assert_eq!(
            r.iter()
                .find(|r| r.number == "80/SYT-NVY")
                .and_then(|r| r.date.as_deref()),
            Some("2025-05-12")
        );
        // Another document between the date and this one takes the date.
        let r = refs("Ngày 12/5/2025, Sở Y tế có Kế hoạch số 81/KH-SYT và Công văn số 82/SYT-NVY.");
        assert_eq!(r[1].date, None);
        let r = refs("Sở đã họp vào ngày 12/5/2025, theo Công văn số 79/SYT-NVY.");
        assert_eq!(r[0].date, None);
        let r = refs("Ngày 03/4/2024, Sở tổ chức họp; Công văn số 845/STC-QLG về giá.");
        assert_eq!(r[0].date, None);
    }

    #[test]
    fn a_date_after_the_title() {
        let r = refs("Căn cứ Nghị định số 83/2020/NĐ-CP sửa đổi quy định về tổ chức ngày 10 tháng 7 năm 2020 của Chính phủ;");
        assert_eq!(r[0].date.as_deref(), Some("2020-07-10"));
        assert_eq!(r[0].issuer.as_deref(), Some("Chính phủ"));
        let r = refs("Luật số 12/2022/QH15 có hiệu lực từ ngày 01/01/2023.");
        assert_eq!(r[0].date, None);
        let r = refs("Nghị định số 20/2021/NĐ-CP về trợ giúp xã hội, ngày 15/3/2022 Sở đã họp.");
        assert_eq!(r[0].date, None);
        // The date stops at the next cited number.
        let r = refs(
            "Thông tư số 02/2021/TT-BNV về chức danh và Quyết định số 9/QĐ-UBND ngày 03/3/2021.",
        );
        assert_eq!(r[0].date, None);
        assert_eq!(r[1].date.as_deref(), Some("2021-03-03"));
    }

    #[test]
    fn joint_issuers_are_all_kept() {
        let r = refs("Thông tư liên tịch số 05/2021/TTLT-BCA-BQP ngày 02/3/2021 của Bộ Công an, Bộ Quốc phòng và Bộ Ngoại giao về xuất cảnh.");
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Bộ Công an, Bộ Quốc phòng và Bộ Ngoại giao")
        );
        // One body and then something else is the one body.
        let r = refs("Quyết định số 12/QĐ-UBND của UBND tỉnh, các sở và ngành.");
        assert_eq!(r[0].issuer.as_deref(), Some("UBND tỉnh"));
        let r = refs(
            "thực hiện Kế hoạch số 8/KH-UBND của Ủy ban nhân dân tỉnh, Sở đã xây dựng kế hoạch.",
        );
        assert_eq!(r[0].issuer.as_deref(), Some("Ủy ban nhân dân tỉnh"));
        // Two bodies, or a list closed by `và`, are joint issuers of one document.
        let r = refs("Thông tư liên tịch số 14/2015/TTLT-BTNMT-BTC ngày 04/4/2015 của Bộ Tài nguyên và Môi trường, Bộ Tài chính và Bộ Nội vụ.");
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Bộ Tài nguyên và Môi trường, Bộ Tài chính và Bộ Nội vụ")
        );
        // Bodies after a comma with no closing `và` open the next clause.
        let r = refs("Theo Quyết định số 1203/QĐ-UBND ngày 30/5/2025 của Ủy ban nhân dân tỉnh Lào Cai, Sở Xây dựng đã hướng dẫn các huyện.");
        assert_eq!(r[0].issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Lào Cai"));
        let r = refs("Thực hiện Công văn số 812/UBND-KT ngày 05/4/2025 của UBND tỉnh Sở Tài chính đã triển khai.");
        assert_eq!(r[0].issuer.as_deref(), Some("UBND tỉnh"));
        let r =
            refs("QUYẾT ĐỊNH SỐ 1234/QĐ-UBND NGÀY 12/3/2024 CỦA UBND THÀNH PHỐ HẢI PHÒNG VỀ VIỆC");
        assert_eq!(r[0].issuer.as_deref(), Some("UBND THÀNH PHỐ HẢI PHÒNG"));
        let r = refs("Căn cứ Thông tư số 01/2023/TT-VPCP ngày 05 tháng 4 năm 2023 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ quy định;");
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")
        );
        let r = refs("Căn cứ Thông tư số 15/2024/TT-BTC ngày 12/3/2024 của Bộ trưởng Bộ Tài chính quy định chi tiết;");
        assert_eq!(r[0].issuer.as_deref(), Some("Bộ trưởng Bộ Tài chính"));
        let r = refs("Căn cứ Nghị quyết số 1023/NQ-UBTVQH15 ngày 28/8/2023 của Ủy ban Thường vụ Quốc hội; Bộ Nội vụ hướng dẫn.");
        assert_eq!(r[0].issuer.as_deref(), Some("Ủy ban Thường vụ Quốc hội"));
    }

    #[test]
    fn a_closing_issuer_reaches_items_with_their_own_dates() {
        let r = refs("Bãi bỏ Quyết định số 25/2019/QĐ-UBND ngày 15/8/2019, Quyết định số 30/2020/QĐ-UBND ngày 01/9/2020 và Quyết định số 12/2021/QĐ-UBND ngày 20/4/2021 của Ủy ban nhân dân tỉnh Bắc Giang.");
        let v: Vec<_> = r
            .iter()
            .map(|r| (r.date.as_deref(), r.issuer.as_deref()))
            .collect();
        assert_eq!(
            v,
            [
                (Some("2019-08-15"), Some("Ủy ban nhân dân tỉnh Bắc Giang")),
                (Some("2020-09-01"), Some("Ủy ban nhân dân tỉnh Bắc Giang")),
                (Some("2021-04-20"), Some("Ủy ban nhân dân tỉnh Bắc Giang"))
            ]
        );
        // An item naming its own issuer keeps it and closes the list.
        let r = refs("theo Thông tư số 02/2021/TT-BNV ngày 11/6/2021 của Bộ Nội vụ, Quyết định số 7/QĐ-UBND ngày 02/01/2022 của UBND tỉnh Cà Mau.");
        assert_eq!(r[0].issuer.as_deref(), Some("Bộ Nội vụ"));
        assert_eq!(r[1].issuer.as_deref(), Some("UBND tỉnh Cà Mau"));
    }

    #[test]
    fn a_short_mention_before_the_full_number_is_that_document() {
        for t in [
            "Các thành viên Ban Chỉ đạo theo QĐ1457; Quyết định số 1457/QĐ-UBND ngày 02/8/2024 của UBND tỉnh Hậu Giang.",
            "thực hiện Nghị quyết 25 của HĐND tỉnh; Nghị quyết số 25/2023/NQ-HĐND ngày 08/12/2023.",
        ] {
            let r = refs(t);
            assert_eq!(r.len(), 1, "{t}: {r:?}");
            assert!(!r[0].partial);
            assert!(r[0].number.contains('/'), "{}", r[0].number);
            assert_eq!(r[0].mentions.len(), 2);
        }
        // With no full number the short form stays partial.
        let r = refs("theo QĐ1457 và Kế hoạch 12.");
        assert!(r.iter().all(|r| r.partial), "{r:?}");
    }

    #[test]
    fn the_subject_issued_every_item_of_its_list() {
        for t in [
            "Trường Cao đẳng Kỹ thuật Quảng Trị ban hành 03 Quyết định số 45/QĐ-CĐKT, số 46/QĐ-CĐKT và số 47/QĐ-CĐKT.",
            "Bệnh viện Đa khoa tỉnh Bình Định đã ban hành Quyết định số 45/QĐ-BVĐK, 46/QĐ-BVĐK và 47/QĐ-BVĐK về nhân sự.",
        ] {
            let r = refs(t);
            assert_eq!(r.len(), 3, "{t}");
            assert!(r.iter().all(|r| r.issuer.is_some()), "{t}: {r:?}");
        }
    }

    #[test]
    fn form_codes_are_not_citations() {
        assert!(numbers("Mẫu số 01a/CCGT; mẫu 11/THE; Biểu mẫu số 03/BC-TK").is_empty());
        // A document cited in a form's heading still is one.
        assert_eq!(
            numbers("(Ban hành kèm theo Thông tư số 05/2025/TT-BTP) Mẫu số 02/TP-CC"),
            ["05/2025/TT-BTP"]
        );
    }

    #[test]
    fn office_holders_and_old_bodies() {
        let r = refs("Căn cứ Quyết định số 10/QĐ-ĐHCT ngày 02 tháng 01 năm 2024 của Hiệu trưởng Trường Đại học Cần Thơ ban hành.");
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Hiệu trưởng Trường Đại học Cần Thơ")
        );
        let r = refs("theo Nghị định số 17/HĐBT ngày 16/01/1990 về vận chuyển");
        assert_eq!(r[0].issuer.as_deref(), Some("Hội đồng Bộ trưởng"));
        let r = refs("Quyết định số 1520/QĐ-ĐS ngày 02/3/2024 của Tổng Giám đốc Tổng công ty Đường sắt Việt Nam.");
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Tổng Giám đốc Tổng công ty Đường sắt Việt Nam")
        );
    }

    #[test]
    fn long_bank_and_branch_names() {
        let r = refs("Ngân hàng Thương mại cổ phần Công thương Việt Nam chi nhánh Thanh Hóa ban hành Quyết định số 320/QĐ-CNTH ngày 5/5/2025.");
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Ngân hàng Thương mại cổ phần Công thương Việt Nam chi nhánh Thanh Hóa")
        );
    }

    #[test]
    fn issuers_beyond_the_state_bodies() {
        let r = refs(
            "Trường Cao đẳng Y tế Bạc Liêu ban hành Quyết định số 1020/QĐ-CĐYT ngày 02/6/2023.",
        );
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Trường Cao đẳng Y tế Bạc Liêu")
        );
        let r = refs(
            "Công ty Cấp nước Bến Tre đã ban hành 02 Quyết định số 15/QĐ-CN, số 16/QĐ-CN về giá.",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].issuer.as_deref(), Some("Công ty Cấp nước Bến Tre"));
        let r = refs(
            "theo Quyết định số 120/QĐ-TANDTC ngày 07/5/2020 của Chánh án Tòa án nhân dân tối cao.",
        );
        assert_eq!(
            r[0].issuer.as_deref(),
            Some("Chánh án Tòa án nhân dân tối cao")
        );
        let r = refs("Thông tư số 40/2021/TT-BYT ngày 31/12/2021 của Bộ trưởng Bộ Y tế.");
        assert_eq!(r[0].issuer.as_deref(), Some("Bộ trưởng Bộ Y tế"));
        // `Trường hợp` is not a school.
        let r = refs("Trường hợp có Công văn số 5/UBND-VX thì báo cáo.");
        assert_ne!(r[0].issuer.as_deref(), Some("Trường"));
    }
}
