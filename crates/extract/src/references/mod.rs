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
        distribute(text, &mut page_hits);
        subject_issuers(text, &mut page_hits, own_agency);
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
}
