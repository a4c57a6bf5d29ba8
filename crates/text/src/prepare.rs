//! A page's text prepared for fact extraction: two repaired views of the
//! display text, each mapped back to it.
//!
//! * `lines`: the Unicode repair only ([`crate::repair_unicode`]); every line
//!   break stays, so layout-aware rules (the two-column header) see the layout.
//! * `flow`: `lines` with PDF line wrapping undone. A line that does not end a
//!   sentence is joined to the next with one space when the next continues it
//!   (starts lower case, continues a number, or follows a full-width line);
//!   a line ending inside a document number (`513/KH-`⏎`UBND`) is joined with
//!   nothing. Blank-line padding, space runs, lone page numbers (`- 2 -`,
//!   `Trang 2/5`) and running headers/footers (lines repeated at the top or
//!   bottom of most pages, found by [`prepare_document`]) are removed. Lines
//!   with table cells (`\t`), list items and headings are never joined.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use vanban_viet::{folded_key, repair_unicode, MappedText, MappedTextBuilder};

/// One page ready for extraction.
#[derive(Debug, Clone)]
pub struct PreparedPage {
    /// 1-based page number.
    pub number: u32,
    /// The page text exactly as printed in `vanban extract --json` `text`; spans point here.
    pub display: String,
    /// Repaired text that keeps every line break of `display` (for layout-aware rules such as the header).
    pub lines: MappedText,
    /// Repaired text with lines broken inside sentences and document numbers rejoined
    /// and page furniture removed (for references, money, counts, periods).
    pub flow: MappedText,
}

/// Prepares one page's display text (no cross-page header/footer detection).
pub fn prepare_page(number: u32, display: String) -> PreparedPage {
    prepare_with(number, display, 1, &HashSet::new())
}

/// Prepares every page of a document: like [`prepare_page`], and also drops
/// running headers and footers, the lines repeated at the top or bottom of
/// most pages. Page `i` of `texts` gets number `i + 1`.
pub fn prepare_document(texts: &[String]) -> Vec<PreparedPage> {
    let furniture = running_lines(texts);
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| prepare_with(i as u32 + 1, t.clone(), texts.len(), &furniture))
        .collect()
}

/// How many non-blank lines at each end of a page may be running furniture.
const EDGE_LINES: usize = 3;

/// Lines longer than this are body text, never furniture.
const MAX_FURNITURE_LEN: usize = 120;

/// The key a furniture line is compared by: folded, with the page's own number
/// and the page count masked, so `Trang 2/5` and `Trang 3/5` meet while body
/// lines that differ in other numbers stay apart.
fn furniture_key(line: &str, page: u32, pages: usize) -> String {
    let folded = folded_key(line);
    let mut out = String::with_capacity(folded.len());
    let mut rest = folded.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let digits = &rest[start..];
        let len = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let run = &digits[..len];
        match run.parse::<usize>() {
            Ok(n) if n == page as usize || n == pages => out.push('#'),
            _ => out.push_str(run),
        }
        rest = &digits[len..];
    }
    out.push_str(rest);
    out
}

/// The non-blank lines at the top and bottom of a page.
fn edge_lines(text: &str) -> impl Iterator<Item = &str> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let n = lines.len();
    let top = n.min(EDGE_LINES);
    let bottom_start = n.saturating_sub(EDGE_LINES).max(top);
    let mut picked: Vec<&str> = lines[..top].to_vec();
    picked.extend_from_slice(&lines[bottom_start..]);
    picked.into_iter()
}

/// Keys of the lines that repeat at the edges of most pages.
fn running_lines(texts: &[String]) -> HashSet<String> {
    let pages = texts.len();
    if pages < 3 {
        return HashSet::new();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (i, t) in texts.iter().enumerate() {
        let keys: HashSet<String> = edge_lines(t)
            .filter(|l| l.trim().len() <= MAX_FURNITURE_LEN)
            .map(|l| furniture_key(l, i as u32 + 1, pages))
            .filter(|k| k.chars().any(|c| c.is_alphanumeric()))
            .collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    // Most pages: at least 60 % of them, and at least three.
    let need = (pages * 3).div_ceil(5).max(3);
    counts
        .into_iter()
        .filter(|&(_, n)| n >= need)
        .map(|(k, _)| k)
        .collect()
}

fn prepare_with(
    number: u32,
    display: String,
    pages: usize,
    furniture: &HashSet<String>,
) -> PreparedPage {
    let lines = repair_unicode(&display);
    let flow = flow_of(lines.as_str(), number, pages, furniture).compose(&lines);
    PreparedPage {
        number,
        display,
        lines,
        flow,
    }
}

/// A line of the `lines` view: its trimmed content range.
#[derive(Debug, Clone)]
struct Line {
    /// Byte range of the content, spaces at both ends trimmed.
    content: Range<usize>,
}

/// Whether a trimmed line is a lone page number: `2`, `- 2 -`, `Trang 2`, `Trang 2/5`, `2/5`.
fn is_page_number(line: &str) -> bool {
    let folded = folded_key(line);
    let rest = folded
        .strip_prefix("trang")
        .or_else(|| folded.strip_prefix("page"))
        .unwrap_or(&folded);
    let core: String = rest
        .trim()
        .trim_matches(|c| c == '-' || c == ' ')
        .replace(" of ", "/")
        .chars()
        .filter(|&c| c != ' ')
        .collect();
    if core.is_empty() || core.len() > 9 {
        return false;
    }
    // Up to three digits: a lone `2021` is a year, not a page.
    let ok_num = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    match core.split_once('/') {
        None => ok_num(&core),
        Some((a, b)) => ok_num(a) && ok_num(b),
    }
}

/// Whether a line opens a list item or an outline number (`-`, `+`, `•`, `1.`, `II.`, `a)`).
fn opens_item(line: &str) -> bool {
    if line.starts_with(['-', '+', '•', '*', '–', '\u{F0B7}']) {
        return true;
    }
    let head: &str = line.split([' ', '\t']).next().unwrap_or("");
    let Some(body) = head.strip_suffix(['.', ')', ':']) else {
        return false;
    };
    if body.is_empty() || body.len() > 8 {
        return false;
    }
    body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || body.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
        || (body.chars().count() == 1 && body.chars().all(char::is_lowercase))
}

/// Whether a line has letters and none of them lower case (a heading).
fn is_heading(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

/// A line at least this long (in characters) was probably wrapped at the margin.
const FULL_LINE_CHARS: usize = 50;

/// How two consecutive kept lines are joined in the flow view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Inside a document number: nothing between them.
    Tight,
    /// Inside a sentence: one space.
    Space,
    /// Separate paragraphs: a line break.
    Break,
}

fn join_kind(a: &str, b: &str) -> Join {
    if a.contains('\t') || b.contains('\t') {
        return Join::Break;
    }
    let Some(last) = a.chars().next_back() else {
        return Join::Break;
    };
    let Some(first) = b.chars().next() else {
        return Join::Break;
    };
    // `513/KH-`⏎`UBND`, `55/2011/`⏎`NĐ-CP`: the last token is a number cut at a joiner.
    if matches!(last, '-' | '/') && first.is_alphanumeric() {
        let tail = a.rsplit([' ', '\t']).next().unwrap_or("");
        let body = &tail[..tail.len() - last.len_utf8()];
        let number_cut = body.contains('/') && body.chars().any(|c| c.is_alphanumeric());
        // `2016-`⏎`2020`: a range of years or numbers.
        let range_cut = last == '-'
            && first.is_ascii_digit()
            && !body.is_empty()
            && body.bytes().all(|c| c.is_ascii_digit());
        if number_cut || range_cut {
            return Join::Tight;
        }
    }
    if matches!(last, '.' | ':' | '!' | '?') || opens_item(b) {
        return Join::Break;
    }
    // A semicolon ends a clause; a lower-case line after it still continues the sentence.
    if last == ';' && !first.is_lowercase() {
        return Join::Break;
    }
    if first.is_lowercase() {
        return Join::Space;
    }
    if is_heading(a) || is_heading(b) {
        return Join::Break;
    }
    let continues = first.is_ascii_digit() || first.is_uppercase();
    if continues && (first.is_ascii_digit() || a.chars().count() >= FULL_LINE_CHARS) {
        return Join::Space;
    }
    Join::Break
}

/// Builds the flow view of the `lines` text `s`, mapped into `s`.
fn flow_of(s: &str, page: u32, pages: usize, furniture: &HashSet<String>) -> MappedText {
    let mut all: Vec<Line> = Vec::new();
    let mut pos = 0;
    for raw in s.split_inclusive('\n') {
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let lead = body.len() - body.trim_start_matches(' ').len();
        let trimmed = body.trim_matches(' ');
        all.push(Line {
            content: pos + lead..pos + lead + trimmed.len(),
        });
        pos += raw.len();
    }
    let nonblank: Vec<usize> = (0..all.len())
        .filter(|&i| !s[all[i].content.clone()].trim().is_empty())
        .collect();
    let n = nonblank.len();
    let mut kept: Vec<&Line> = Vec::with_capacity(n);
    for (k, &i) in nonblank.iter().enumerate() {
        let text = &s[all[i].content.clone()];
        let at_edge = k < EDGE_LINES || k + EDGE_LINES >= n;
        if at_edge
            && (is_page_number(text) || furniture.contains(&furniture_key(text, page, pages)))
        {
            continue;
        }
        kept.push(&all[i]);
    }
    let mut b = MappedTextBuilder::new(s.len());
    let mut prev: Option<&Line> = None;
    for line in kept {
        let text = &s[line.content.clone()];
        if let Some(p) = prev {
            let gap = p.content.end..line.content.start;
            match join_kind(&s[p.content.clone()], text) {
                Join::Tight => {}
                Join::Space => b.push_str(" ", gap),
                Join::Break => b.push_str("\n", gap),
            }
        }
        push_collapsed(&mut b, text, line.content.start);
        prev = Some(line);
    }
    if let Some(p) = prev {
        b.push_str("\n", p.content.end..s.len());
    }
    b.finish()
}

/// Copies `text` (at `start` in the source) with runs of spaces collapsed to one.
fn push_collapsed(b: &mut MappedTextBuilder, text: &str, start: usize) {
    let mut seg_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ') {
            let mut j = i;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            b.push_copy(&text[seg_start..i], start + seg_start);
            b.push_str(" ", start + i..start + j);
            seg_start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    b.push_copy(&text[seg_start..], start + seg_start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn flow(text: &str) -> String {
        prepare_page(1, text.to_string()).flow.as_str().to_string()
    }

    #[test]
    fn pdf_style_lines_are_rejoined() {
        let text = " UBND TỈNH HÀ TĨNH \n\nSỞ NGOẠI VỤ \n\nThực hiện Công văn số 41/SNV-CCHC&VTLT ngày 11/01/2021 của Sở \n\nNội vụ về hướng dẫn xây dựng Kế hoạch CCHC và Báo cáo CCHC định kỳ năm \n\n2021, Sở Ngoại vụ báo cáo kết quả như \n\nsau: \n\n- Kế hoạch số 41/KH-SNgV ngày 18/01/2021\n";
        assert_eq!(
            flow(text),
            "UBND TỈNH HÀ TĨNH\nSỞ NGOẠI VỤ\nThực hiện Công văn số 41/SNV-CCHC&VTLT ngày 11/01/2021 của Sở Nội vụ về hướng dẫn xây dựng Kế hoạch CCHC và Báo cáo CCHC định kỳ năm 2021, Sở Ngoại vụ báo cáo kết quả như sau:\n- Kế hoạch số 41/KH-SNgV ngày 18/01/2021\n"
        );
    }

    #[test]
    fn document_numbers_broken_across_lines_are_rejoined() {
        assert_eq!(
            flow("theo Kế hoạch số 513/KH-\nUBND ngày 2/3/2021\n"),
            "theo Kế hoạch số 513/KH-UBND ngày 2/3/2021\n"
        );
        assert_eq!(
            flow("căn cứ Nghị định số\n55/2011/NĐ-CP của Chính phủ\n"),
            "căn cứ Nghị định số 55/2011/NĐ-CP của Chính phủ\n"
        );
        // A dash between words is not a document number.
        assert_eq!(
            flow("Độc lập - Tự do -\nHạnh phúc\n"),
            "Độc lập - Tự do -\nHạnh phúc\n"
        );
    }

    #[test]
    fn paragraphs_headings_items_and_table_rows_stay_apart() {
        let text = "I. MỤC ĐÍCH, YÊU CẦU\n1. Đẩy mạnh công tác.\n2. Cơ cấu tổ chức\n\tUBND TỈNH\tCỘNG HÒA\nSở Ngoại vụ\n";
        assert_eq!(
            flow(text),
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Đẩy mạnh công tác.\n2. Cơ cấu tổ chức\n\tUBND TỈNH\tCỘNG HÒA\nSở Ngoại vụ\n"
        );
    }

    #[test]
    fn page_numbers_are_dropped_but_numbers_in_the_body_stay() {
        let text = "- 2 -\nNội dung thứ nhất.\n12\nNội dung cuối.\nTrang 2/5\n";
        let f = flow(text);
        assert!(!f.contains("- 2 -") && !f.contains("Trang"), "{f}");
        for p in [
            "2",
            "- 2 -",
            "Trang 2",
            "Trang 2/5",
            "trang 3 / 10",
            "Page 2 of 5",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2021", "Điều 2", "2/5 số hộ", "12345"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn running_headers_are_dropped_from_flow_only() {
        let pages: Vec<String> = (1..=4)
            .map(|i| {
                let body: String = (0..8)
                    .map(|k| {
                        format!(
                            "Đoạn {k} của trang {i}: nội dung riêng số {}.\n",
                            i * 10 + k
                        )
                    })
                    .collect();
                format!("SỞ NGOẠI VỤ - BÁO CÁO CCHC\n{body}Trang {i}/4\n")
            })
            .collect();
        let prepared = prepare_document(&pages);
        for p in &prepared {
            assert!(
                !p.flow.as_str().contains("SỞ NGOẠI VỤ"),
                "{}",
                p.flow.as_str()
            );
            assert!(
                p.flow.as_str().contains("Đoạn 0 của trang"),
                "{}",
                p.flow.as_str()
            );
            assert!(p.flow.as_str().contains("Đoạn 7 của trang"));
            assert!(p.lines.as_str().contains("SỞ NGOẠI VỤ"));
        }
        // Two pages are too few to call anything a running header.
        let two = prepare_document(&pages[..2]);
        assert!(two[0].flow.as_str().contains("SỞ NGOẠI VỤ"));
    }

    #[test]
    fn a_fact_in_repaired_nfd_text_maps_to_the_original_offsets() {
        let display: String =
            "Căn cứ Nghị định số\n\n55/2011/NĐ\u{2011}CP ngày 4/7/2011 của Chính phủ\n"
                .nfd()
                .collect();
        let page = prepare_page(1, display.clone());
        let flow = page.flow.as_str();
        assert_eq!(
            flow,
            "Căn cứ Nghị định số 55/2011/NĐ-CP ngày 4/7/2011 của Chính phủ\n"
        );
        let at = flow.find("55/2011/NĐ-CP").unwrap();
        let r = page.flow.source_range(at..at + "55/2011/NĐ-CP".len());
        assert_eq!(&display[r], "55/2011/NĐ\u{2011}CP");
        let at = flow.find("Nghị định").unwrap();
        let r = page.flow.source_range(at..at + "Nghị định".len());
        assert_eq!(display[r].nfc().collect::<String>(), "Nghị định");
        let at = flow.find("Chính phủ").unwrap();
        let r = page.lines.source_range(
            page.lines.as_str().find("Chính phủ").unwrap()
                ..page.lines.as_str().find("Chính phủ").unwrap() + "Chính phủ".len(),
        );
        assert_eq!(page.flow.source_range(at..at + "Chính phủ".len()), r);
    }

    #[test]
    fn seeds_keep_their_words() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().and_then(|x| x.to_str()) != Some("txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let page = prepare_page(1, text.clone());
            let dense = |s: &str| -> String {
                crate::repair_unicode_str(s)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            };
            let (want, got) = (dense(&text), dense(page.flow.as_str()));
            // Nothing but a lone page number at a page edge may go.
            assert!(
                got.len() <= want.len() && got.len() + 8 >= want.len(),
                "{path:?}: {} vs {}",
                got.len(),
                want.len()
            );
            assert!(!page.flow.as_str().contains("  "), "{path:?}");
            assert!(!page.flow.as_str().contains("\n\n"), "{path:?}");
        }
    }
}
