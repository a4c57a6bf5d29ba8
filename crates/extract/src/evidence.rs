//! Provenance: from a match in a repaired view back to the page text users see.

use std::ops::Range;

use vanban_text::{MappedText, PreparedPage};

use crate::facts::Evidence;

/// Evidence for bytes `range` of `view` (one of `page.lines` / `page.flow`):
/// character offsets into `page.display` and the sentence around them.
pub fn evidence_for(page: &PreparedPage, view: &MappedText, range: Range<usize>) -> Evidence {
    let src = view.source_range(range);
    let display = &page.display;
    let sentence = sentence_around(display, src.clone());
    Evidence {
        page: page.number,
        start: char_offset(display, src.start),
        end: char_offset(display, src.end),
        sentence,
        ..Evidence::default()
    }
}

/// Character offset of byte offset `byte` in `s` (clamped to a char boundary).
pub(crate) fn char_offset(s: &str, byte: usize) -> usize {
    let mut b = byte.min(s.len());
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    s[..b].chars().count()
}

/// The sentence containing `span`: bounded by a full stop or semicolon followed by
/// a space, a blank line, a table cell boundary, or a line that opens a list item.
fn sentence_around(s: &str, span: Range<usize>) -> String {
    let bytes = s.as_bytes();
    let mut start = span.start.min(s.len());
    while start > 0 {
        let prev = bytes[start - 1];
        if prev == b'\t' {
            break;
        }
        if prev == b'\n' {
            // A blank line or a list item / heading line starts a new sentence.
            let line_start = start;
            let rest = s[line_start..].trim_start_matches([' ', '\u{a0}']);
            if start >= 2 && bytes[start - 2] == b'\n' {
                break;
            }
            if rest.starts_with(['-', '+', '•', '*']) || starts_with_numbering(rest) {
                break;
            }
            // A heading line (no lower-case letter) above is not part of the sentence.
            let prev_line = s[..start - 1].rsplit('\n').next().unwrap_or("");
            if prev_line.chars().any(char::is_alphabetic)
                && !prev_line.chars().any(char::is_lowercase)
            {
                break;
            }
        }
        if (prev == b' ' || prev == b'\n')
            && start >= 2
            && matches!(bytes[start - 2], b'.' | b';' | b':')
        {
            // "số." inside a sentence is rare in this genre; a full stop then space ends one.
            break;
        }
        start -= 1;
    }
    let mut end = span.end.min(s.len());
    while end < s.len() {
        let c = bytes[end];
        if c == b'\t' {
            break;
        }
        if c == b'\n' && end + 1 < s.len() {
            let rest = s[end + 1..].trim_start_matches([' ', '\u{a0}']);
            if bytes[end + 1] == b'\n'
                || rest.starts_with(['-', '+', '•', '*'])
                || starts_with_numbering(rest)
            {
                break;
            }
        }
        if matches!(c, b'.' | b';')
            && (end + 1 == s.len() || matches!(bytes[end + 1], b' ' | b'\n'))
        {
            end += 1;
            break;
        }
        end += 1;
    }
    while !s.is_char_boundary(start) {
        start += 1;
    }
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let raw = &s[start..end.max(start)];
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a line opens with outline numbering such as `1.`, `2)`, `II.`, `a)`.
fn starts_with_numbering(line: &str) -> bool {
    let head: String = line.chars().take_while(|c| !c.is_whitespace()).collect();
    if head.len() > 6 || head.is_empty() {
        return false;
    }
    let Some((cut, _)) = head.char_indices().next_back() else {
        return false;
    };
    let (body, last) = head.split_at(cut);
    if !matches!(last, "." | ")") {
        return false;
    }
    !body.is_empty()
        && (body.chars().all(|c| c.is_ascii_digit() || c == '.')
            || body.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            || (body.chars().count() == 1 && body.chars().all(|c| c.is_lowercase())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_text::prepare_page;

    #[test]
    fn span_and_sentence_are_found_in_display_text() {
        let text = "I. KẾT QUẢ\nThực hiện Công văn số 41/SNV-CCHC ngày 11/01/2021 của Sở\nNội vụ. Câu khác.\n";
        let page = prepare_page(3, text.to_string());
        let at = text.find("41/SNV").unwrap();
        let ev = evidence_for(&page, &page.flow, at..at + "41/SNV-CCHC".len());
        assert_eq!(ev.page, 3);
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[ev.start..ev.end].iter().collect();
        assert_eq!(got, "41/SNV-CCHC");
        assert_eq!(
            ev.sentence,
            "Thực hiện Công văn số 41/SNV-CCHC ngày 11/01/2021 của Sở Nội vụ."
        );
    }

    #[test]
    fn list_items_and_cells_bound_the_sentence() {
        let text = "- Kế hoạch số 41/KH-SNgV về CCHC\n- Kế hoạch số 175/KH-SNgV\tô khác\n";
        let page = prepare_page(1, text.to_string());
        let at = text.find("175").unwrap();
        let ev = evidence_for(&page, &page.flow, at..at + 3);
        assert_eq!(ev.sentence, "- Kế hoạch số 175/KH-SNgV");
    }

    #[test]
    fn a_line_opening_with_a_non_ascii_word_is_not_numbering() {
        let text = "SỞ NGOẠI VỤ
ĐỘ Kế hoạch số 41/KH-SNgV
";
        let page = prepare_page(1, text.to_string());
        let at = text.find("41").unwrap();
        let ev = evidence_for(&page, &page.flow, at..at + 2);
        assert!(ev.sentence.ends_with("41/KH-SNgV"));
        assert!(!starts_with_numbering("SỞ"));
        assert!(starts_with_numbering("II."));
    }
}
