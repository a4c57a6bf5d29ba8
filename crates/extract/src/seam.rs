//! Facts broken by a page break: one flow over the pages.
//!
//! Each page's `flow` view has its furniture dropped already (lone page
//! numbers, running headers and footers repeated on most pages). The end of
//! one page's flow and the start of the next are joined into a *seam* and
//! searched with the same rules as a page; a fact found there that crosses
//! the join is one the pages alone break (`1.250.000` ⏎ `9` ⏎ `đồng`,
//! `từ ngày 01/01/2025 đến` ⏎ `ngày 31/3/2025`, `12` ⏎ `hồ sơ`).
//!
//! **Where such a fact points.** A fact that crosses a page break points at
//! the page where it starts: `page` is that page, `start` its first character
//! there and `end` the end of its last character on that page (the end of the
//! page's text content). Its `raw` and `sentence` hold the whole fact joined
//! over the break with the furniture left out, as a reader reads it. The part
//! on the next page is covered by that one fact: a fact the next page alone
//! gives inside it is dropped.

use std::ops::Range;

use vanban_text::{MappedText, PreparedPage};

use crate::evidence::char_offset;
use crate::facts::Evidence;

/// Bytes of a page's end and of the next page's start searched together
/// (a paragraph is taken whole when it is shorter).
const REACH: usize = 320;

/// The end of page `a` and the start of page `a + 1`, joined.
pub(crate) struct Seam<'p> {
    /// The joined text as a page of its own (identity views), numbered as page `a`.
    pub page: PreparedPage,
    before: &'p PreparedPage,
    after: &'p PreparedPage,
    /// Where the tail starts in `before.flow`.
    tail_from: usize,
    /// Where the head starts in `after.flow`.
    head_from: usize,
    /// Byte length of the tail in the seam text.
    split: usize,
    /// Byte length of the joiner put between them.
    joiner: usize,
}

/// Where a fact found in a seam stands on the real pages.
pub(crate) struct Located {
    /// Evidence on the page where the fact starts (see the module doc).
    pub evidence: Evidence,
    /// Number of the next page, and the character offset on it where the fact ends.
    pub continues: (u32, usize),
}

/// Every seam between consecutive pages with text on both sides.
pub(crate) fn seams(pages: &[PreparedPage]) -> Vec<Seam<'_>> {
    pages
        .windows(2)
        .filter_map(|w| Seam::between(&w[0], &w[1]))
        .collect()
}

impl<'p> Seam<'p> {
    fn between(before: &'p PreparedPage, after: &'p PreparedPage) -> Option<Seam<'p>> {
        let a = before.flow.as_str();
        let a_body = a.trim_end();
        if a_body.is_empty() {
            return None;
        }
        // The tail: from the start of the last paragraph when it is short,
        // else from a word boundary `REACH` bytes back.
        let tail_from = match a_body.rfind('\n') {
            Some(nl) if a_body.len() - nl <= 2 * REACH => nl + 1,
            _ => {
                let mut at = floor_char(a_body, a_body.len().saturating_sub(REACH));
                if let Some(sp) = a_body[at..].find(' ') {
                    at += sp + 1;
                }
                at
            }
        };
        let b = after.flow.as_str();
        let head_from = b.len() - b.trim_start().len();
        let b_body = b[head_from..].trim_end();
        if b_body.is_empty() || tail_from >= a_body.len() {
            return None;
        }
        // The head: to the end of the first paragraph when it is short, else `REACH` bytes on.
        let head_len = match b_body.find('\n') {
            Some(nl) if nl <= 2 * REACH => nl,
            _ => {
                let at = floor_char(b_body, REACH.min(b_body.len()));
                b_body[at..].find(' ').map_or(b_body.len(), |sp| at + sp)
            }
        };
        let tail = &a_body[tail_from..];
        let head = &b_body[..head_len];
        // A page opening with a table row (a table's header printed again on
        // each page) or closing inside one does not continue the other's line:
        // cells are read row by row, not across the break.
        let last_line = tail.rsplit('\n').next().unwrap_or(tail);
        let first_line = head.split('\n').next().unwrap_or(head);
        if last_line.contains('\t') || first_line.contains('\t') {
            return None;
        }
        let joiner = joiner(tail, head);
        let text = format!("{tail}{joiner}{head}\n");
        let page = PreparedPage {
            number: before.number,
            lines: MappedText::identity(&text),
            flow: MappedText::identity(&text),
            display: text,
        };
        Some(Seam {
            page,
            before,
            after,
            tail_from,
            head_from,
            split: tail.len(),
            joiner: joiner.len(),
        })
    }

    /// The real place of a fact found in this seam, when it crosses the join
    /// (starts before it, ends after it); `None` for a fact on one side only,
    /// which its own page gives.
    pub(crate) fn locate(&self, ev: &Evidence) -> Option<Located> {
        let text = self.page.display.as_str();
        let start = byte_of_char(text, ev.start);
        let end = byte_of_char(text, ev.end);
        let head_start = self.split + self.joiner;
        if start >= self.split || end <= head_start {
            return None;
        }
        let a_src = self
            .before
            .flow
            .source_range(self.tail_from + start..self.tail_from + self.split);
        let b_src = self
            .after
            .flow
            .source_range(self.head_from..self.head_from + (end - head_start));
        let display_a = self.before.display.as_str();
        Some(Located {
            evidence: Evidence {
                page: self.before.number,
                start: char_offset(display_a, a_src.start),
                end: char_offset(display_a, a_src.end),
                sentence: ev.sentence.clone(),
                ..Evidence::default()
            },
            continues: (
                self.after.number,
                char_offset(&self.after.display, b_src.end),
            ),
        })
    }
}

/// Merges the facts found in seams into the facts of the pages: each seam fact
/// that crosses its join takes its real place, replacing the page facts that
/// overlap it (the broken pieces either page alone gave). `find` runs a
/// page's rules; `get`/`set` read and rewrite a fact's evidence. The result is
/// in page order.
pub(crate) fn merge<T>(
    pages: &[PreparedPage],
    mut on_pages: Vec<T>,
    find: impl Fn(&PreparedPage) -> Vec<T>,
    get: impl Fn(&T) -> &Evidence,
    set: impl Fn(&mut T, Evidence),
) -> Vec<T> {
    let mut crossing = false;
    for seam in seams(pages) {
        for mut fact in find(&seam.page) {
            let Some(located) = seam.locate(get(&fact)) else {
                continue;
            };
            let span = located.evidence.start..located.evidence.end;
            let (next, next_end) = located.continues;
            on_pages.retain(|f| {
                let e = get(f);
                let on_a = e.page == located.evidence.page && overlaps(&span, e.start..e.end);
                let on_b = e.page == next && e.start < next_end;
                !(on_a || on_b)
            });
            set(&mut fact, located.evidence);
            on_pages.push(fact);
            crossing = true;
        }
    }
    if crossing {
        // Stable: facts of one page keep the order their rules gave.
        on_pages.sort_by_key(|f| {
            let e = get(f);
            (e.page, e.start)
        });
    }
    on_pages
}

/// Whether two character spans share a character (an empty span counts as one character).
fn overlaps(a: &Range<usize>, b: Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// Byte offset of character `n` of `s` (the end when past it).
fn byte_of_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// Largest char boundary at or below `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What joins a page's last line and the next page's first: nothing inside a
/// number cut at a joiner (`58/PCLC-` ⏎ `KT`), a line break after a sentence's
/// end or before a list item or heading, else one space (a sentence going on).
fn joiner(tail: &str, head: &str) -> &'static str {
    let last_line = tail.rsplit('\n').next().unwrap_or(tail);
    let first_line = head.split('\n').next().unwrap_or(head);
    let Some(last) = last_line.chars().next_back() else {
        return "\n";
    };
    let Some(first) = first_line.chars().next() else {
        return "\n";
    };
    if matches!(last, '-' | '/') && first.is_alphanumeric() {
        let token = last_line.rsplit([' ', '\t']).next().unwrap_or("");
        if token.contains('/')
            || token
                .trim_end_matches(['-', '/'])
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            return "";
        }
    }
    if matches!(last, '.' | ':' | '!' | '?' | ';') || opens_item(first_line) {
        return "\n";
    }
    let heading =
        |l: &str| l.chars().any(char::is_alphabetic) && !l.chars().any(char::is_lowercase);
    if !first.is_lowercase() && (heading(last_line) || heading(first_line)) {
        return "\n";
    }
    " "
}

/// Whether a line opens a list item or an outline number (`-`, `+`, `1.`, `II.`, `a)`).
fn opens_item(line: &str) -> bool {
    if line.starts_with(['-', '+', '•', '*', '–']) {
        return true;
    }
    let head = line.split([' ', '\t']).next().unwrap_or("");
    let Some(body) = head.strip_suffix(['.', ')']) else {
        return false;
    };
    !body.is_empty()
        && body.len() <= 8
        && (body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            || body.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
            || (body.chars().count() == 1 && body.chars().all(char::is_lowercase)))
}

#[cfg(test)]
mod tests {
    use vanban_text::prepare_document;

    use crate::facts::Facts;

    /// Facts of a document given as page texts.
    fn facts(pages: &[&str]) -> Facts {
        let texts: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
        crate::extract_facts(&prepare_document(&texts))
    }

    /// The characters of page `page` (1-based) from `start` to `end`.
    fn on_page(pages: &[&str], page: u32, start: usize, end: usize) -> String {
        pages[page as usize - 1]
            .chars()
            .skip(start)
            .take(end - start)
            .collect()
    }

    #[test]
    fn money_broken_by_a_page_number() {
        let pages = [
            "BÁO CÁO\nTổng kinh phí thực hiện năm 2024 là 1.250.000.000\n",
            "2\nđồng, đã giải ngân 800 triệu đồng.\n",
        ];
        let f = facts(&pages);
        let v: Vec<_> = f.money.iter().map(|m| m.vnd).collect();
        assert_eq!(v, [Some(1_250_000_000), Some(800_000_000)]);
        let m = &f.money[0];
        assert_eq!(m.raw, "1.250.000.000 đồng");
        assert_eq!(m.evidence.page, 1);
        assert_eq!(
            on_page(&pages, 1, m.evidence.start, m.evidence.end),
            "1.250.000.000"
        );
        assert!(m
            .evidence
            .sentence
            .contains("1.250.000.000 đồng, đã giải ngân"));
        assert_eq!(f.money[1].evidence.page, 2);
    }

    #[test]
    fn a_signed_price_across_a_running_footer() {
        let footer = "Sở Tài chính tỉnh Quảng Trị - Báo cáo giá tháng 5/2026";
        let p1 = format!("Giá thị trường ổn định.\n{footer}\n");
        let p2 = format!("Giá muối i-ốt giảm (-1.740\n{footer}\n");
        let p3 = format!("đồng/kg) so với tháng trước.\n{footer}\n");
        let pages = [p1.as_str(), p2.as_str(), p3.as_str()];
        let f = facts(&pages);
        let v: Vec<_> = f.money.iter().map(|m| (m.vnd, m.evidence.page)).collect();
        assert_eq!(v, [(Some(-1_740), 2)]);
        assert_eq!(f.money[0].per.as_deref(), Some("kg"));
    }

    #[test]
    fn counts_and_periods_across_a_page() {
        let pages = [
            "Trong kỳ, Trung tâm đã tiếp nhận 1.204\n- 3 -\n",
            "hồ sơ thủ tục hành chính, giải quyết đúng hạn 1.198/1.204 hồ sơ. Kết quả từ ngày 15/12/2024 đến\n",
            "- 4 -\nngày 14/6/2025 được tổng hợp tại Phụ lục.\n",
        ];
        let f = facts(&pages);
        let c: Vec<_> = f
            .case_counts
            .iter()
            .map(|c| (c.value, c.of, c.unit.as_str(), c.evidence.page))
            .collect();
        assert_eq!(
            c,
            [(1204, None, "hồ sơ", 1), (1198, Some(1204), "hồ sơ", 2)]
        );
        let p: Vec<_> = f
            .periods
            .iter()
            .map(|p| (p.start.as_str(), p.end.as_str(), p.evidence.page))
            .collect();
        assert_eq!(p, [("2024-12-15", "2025-06-14", 2)]);
        let e = &f.periods[0].evidence;
        assert!(on_page(&pages, 2, e.start, e.end).starts_with("từ ngày 15/12/2024"));
    }

    #[test]
    fn facts_on_one_side_are_not_doubled() {
        // A full sentence ends each page: nothing crosses, nothing repeats.
        let pages = [
            "Kinh phí 500 triệu đồng.\n",
            "Có 12 hồ sơ trong quý I năm 2025.\n",
        ];
        let f = facts(&pages);
        assert_eq!(f.money.len(), 1);
        assert_eq!(f.case_counts.len(), 1);
        assert_eq!(f.periods.len(), 1);
        assert_eq!(f.case_counts[0].evidence.page, 2);
    }

    #[test]
    fn a_table_header_repeated_on_the_next_page_is_no_continuation() {
        let pages = [
            "TT\tNội dung\tKết quả\n1\tCải cách thủ tục\tTrong năm có 1\n",
            "TT\tNội dung\tKết quả\nGiải pháp thực hiện\n\tđến 2 sáng kiến.\n",
        ];
        let f = facts(&pages);
        assert!(
            f.case_counts.iter().all(|c| c.unit != "Giải pháp"),
            "{:?}",
            f.case_counts
        );
    }

    #[test]
    fn joiners() {
        use super::joiner;
        assert_eq!(joiner("Quyết định số 58/PCLC-", "KT ngày 03/4/2025"), "");
        assert_eq!(joiner("kinh phí là", "500 triệu đồng"), " ");
        assert_eq!(joiner("đã hoàn thành.", "2. Nhiệm vụ"), "\n");
        assert_eq!(joiner("các nội dung sau:", "- Tuyên truyền"), "\n");
        assert_eq!(joiner("II. KẾT QUẢ", "Trong năm"), "\n");
        assert_eq!(joiner("giai đoạn 2021-", "2025"), "");
    }
}
