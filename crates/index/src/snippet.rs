//! Snippets from the original page text: the page with the most query words,
//! a window around the first of them, hits marked.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;
use serde::Serialize;
use vanban_text::tokens;

use crate::analyzer::{has_marks, KeyKind};

/// A character span in a page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start character offset in the page text.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
}

/// A piece of one page with the query's words located.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    /// 1-based page number.
    pub page: u32,
    /// Start character offset of the snippet in the page text.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
    /// The snippet exactly as in the page text.
    pub text: String,
    /// The snippet on one line with every hit marked `«…»`.
    pub highlighted: String,
    /// Where the query's words stand, as character offsets in the page text.
    pub hits: Vec<Span>,
}

/// The words of a query as snippets look for them.
#[derive(Debug, Clone, Default)]
pub(crate) struct QueryWords {
    /// Folded key → whether some word with that key was typed with marks,
    /// and the word's number (for telling when a page holds every word).
    folded: HashMap<String, (bool, u32)>,
    exact: HashSet<String>,
}

impl QueryWords {
    /// The words of `query` (quotes and all).
    pub(crate) fn new(query: &str) -> Self {
        let mut w = QueryWords::default();
        for t in tokens(query) {
            let key = KeyKind::Folded.key(t.text);
            if key.is_empty() {
                continue;
            }
            let marked = has_marks(t.text);
            let next = w.folded.len() as u32;
            w.folded.entry(key).or_insert((false, next)).0 |= marked;
            if marked {
                w.exact.insert(KeyKind::Exact.key(t.text));
            }
        }
        w
    }

    /// The words a page must hold for no later page to beat it: every word,
    /// as typed when it was typed with marks. `None` when there are too many
    /// words to track.
    fn complete_mask(&self) -> Option<u64> {
        (self.folded.len() <= 64).then(|| {
            if self.folded.len() == 64 {
                u64::MAX
            } else {
                (1u64 << self.folded.len()) - 1
            }
        })
    }

    fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }
}

/// A query word found in a page.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// Byte span in the page.
    start: usize,
    end: usize,
    /// Index of the page token it stands in (runs of consecutive tokens are phrases).
    token: usize,
    /// Same spelling as a query word typed with marks.
    exact: bool,
    /// Only the folded key matches a word typed with marks (`hạnh` for `hành`).
    weak: bool,
    /// Number of the query word it matches.
    word: u32,
}

/// How a page word relates to the query: `None` when it matches no query
/// word, else whether it is spelled as typed and whether a word typed with
/// marks matched it by its folded key only.
type WordMatch = Option<(bool, bool, u32)>;

/// The query words found in `page`. `memo` remembers each distinct word's
/// match across the pages of a document: pages repeat the same few hundred
/// syllables, and computing keys is the cost of a snippet.
fn page_hits<'p>(
    page: &'p str,
    words: &QueryWords,
    memo: &mut FxHashMap<&'p str, WordMatch>,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, t) in tokens(page).enumerate() {
        let compound = t.is_compound();
        let pieces = std::iter::once(t).chain(compound.then(|| t.parts()).into_iter().flatten());
        for p in pieces {
            let found = *memo.entry(p.text).or_insert_with(|| {
                let (marked, word) = *words.folded.get(&KeyKind::Folded.key(p.text))?;
                let exact = words.exact.contains(&KeyKind::Exact.key(p.text));
                Some((exact, !exact && marked, word))
            });
            if let Some((exact, weak, word)) = found {
                hits.push(Hit {
                    start: p.start,
                    end: p.end,
                    token: i,
                    exact,
                    weak,
                    word,
                });
                // The whole compound matched: its parts need not.
                break;
            }
        }
    }
    // Where the page spells marked words the typed way, the look-alikes are noise.
    if hits.iter().any(|h| h.exact) {
        hits.retain(|h| !h.weak);
    }
    hits
}

/// The first hit of the longest run of hits on consecutive tokens: where the
/// query reads as typed, rather than a stray first word.
fn anchor(hits: &[Hit]) -> Option<&Hit> {
    let mut best: Option<(usize, usize)> = None;
    let mut run_start = 0;
    for i in 0..hits.len() {
        if i > 0 && hits[i].token != hits[i - 1].token + 1 {
            run_start = i;
        }
        let len = i + 1 - run_start;
        if best.is_none_or(|(_, l)| len > l) {
            best = Some((run_start, len));
        }
    }
    best.map(|(i, _)| &hits[i])
}

/// Where the words of `query` stand in `page`, as character spans in order
/// (the same matching as snippets: accents optional, a word typed with
/// marks prefers its own spelling).
pub fn query_hits(page: &str, query: &str) -> Vec<Span> {
    let words = QueryWords::new(query);
    if words.is_empty() {
        return Vec::new();
    }
    let hits = page_hits(page, &words, &mut FxHashMap::default());
    let chars: Vec<usize> = page.char_indices().map(|(b, _)| b).collect();
    let to_char = |byte: usize| chars.partition_point(|&b| b < byte);
    hits.iter()
        .map(|h| Span {
            start: to_char(h.start),
            end: to_char(h.end),
        })
        .collect()
}

/// The best snippet of a document's pages, about `width` characters long.
pub(crate) fn best_snippet(pages: &[String], words: &QueryWords, width: usize) -> Option<Snippet> {
    let mut best: Option<(usize, usize, Vec<Hit>)> = None;
    if !words.is_empty() {
        let mut memo = FxHashMap::default();
        let complete = words.complete_mask();
        for (i, page) in pages.iter().enumerate() {
            let hits = page_hits(page, words, &mut memo);
            let score = hits.len() + hits.iter().filter(|h| h.exact).count();
            // Weak hits are gone when a page has exact ones, so every hit left
            // counts: a page holding every word is as good a snippet as any
            // later page with more repeats, and reading on is the cost of a search.
            let held = hits
                .iter()
                .filter(|h| h.word < 64 && !h.weak)
                .fold(0u64, |m, h| m | (1u64 << h.word));
            if score > 0 && best.as_ref().is_none_or(|b| score > b.1) {
                best = Some((i, score, hits));
            }
            if complete.is_some_and(|c| held & c == c) {
                break;
            }
        }
    }
    let (page_index, hits) = match best {
        Some((i, _, hits)) => (i, hits),
        // Nothing to locate (a filter-only search): the start of the first page with text.
        None => (pages.iter().position(|p| !p.trim().is_empty())?, Vec::new()),
    };
    let page = &pages[page_index];
    let chars: Vec<(usize, char)> = page.char_indices().collect();
    let to_char = |byte: usize| chars.partition_point(|&(b, _)| b < byte);
    let n = chars.len();
    let char_span = |h: &Hit| Span {
        start: to_char(h.start),
        end: to_char(h.end),
    };
    let hit_spans: Vec<Span> = hits.iter().map(char_span).collect();
    let anchor = anchor(&hits)
        .map(char_span)
        .unwrap_or(Span { start: 0, end: 0 });
    let lead = width / 3;
    let mut start = anchor.start.saturating_sub(lead);
    let mut end = (start + width).min(n).max(anchor.end);
    // Cut at whitespace so no word is halved, unless that would lose the anchor.
    if start > 0 {
        if let Some(ws) = (start..anchor.start).find(|&i| chars[i].1.is_whitespace()) {
            start = ws + 1;
        }
    }
    if end < n {
        if let Some(ws) = (anchor.end..end)
            .rev()
            .find(|&i| chars[i].1.is_whitespace())
        {
            end = ws;
        }
    }
    let text: String = chars[start..end].iter().map(|&(_, c)| c).collect();
    let inside: Vec<Span> = hit_spans
        .iter()
        .copied()
        .filter(|h| h.start >= start && h.end <= end)
        .collect();
    let mut highlighted = String::with_capacity(text.len() + 8);
    if start > 0 {
        highlighted.push('…');
    }
    let mut pending_space = false;
    for (i, &(_, c)) in chars.iter().enumerate().take(end).skip(start) {
        if inside.iter().any(|h| h.start == i) {
            if pending_space {
                highlighted.push(' ');
                pending_space = false;
            }
            highlighted.push('«');
        }
        if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space {
                highlighted.push(' ');
                pending_space = false;
            }
            highlighted.push(c);
        }
        if inside.iter().any(|h| h.end == i + 1) {
            highlighted.push('»');
        }
    }
    if end < n {
        highlighted.push('…');
    }
    Some(Snippet {
        page: page_index as u32 + 1,
        start,
        end,
        text,
        highlighted,
        hits: inside,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_page_with_hits_and_marks_them() {
        let pages = vec![
            "Trang đầu không có gì.".to_string(),
            "Một đoạn dài trước đó. Đẩy mạnh cải cách hành chính trong năm.".to_string(),
        ];
        let s = best_snippet(&pages, &QueryWords::new("cai cach"), 200).unwrap();
        assert_eq!(s.page, 2);
        assert_eq!(s.hits.len(), 2);
        let chars: Vec<char> = pages[1].chars().collect();
        let first: String = chars[s.hits[0].start..s.hits[0].end].iter().collect();
        assert_eq!(first, "cải");
        assert!(s.highlighted.contains("«cải» «cách»"), "{}", s.highlighted);
    }

    #[test]
    fn exact_hits_outrank_folded_pages_and_windows_are_cut() {
        let long = format!("{} cải cách {}", "chữ ".repeat(100), "đuôi ".repeat(100));
        let pages = vec!["cai cach".to_string(), long.clone()];
        let s = best_snippet(&pages, &QueryWords::new("cải cách"), 80).unwrap();
        assert_eq!(s.page, 2);
        assert!(s.start > 0 && s.end < long.chars().count());
        assert!(s.text.chars().count() <= 80);
        assert!(s.highlighted.starts_with('…') && s.highlighted.ends_with('…'));
        assert!(s.highlighted.contains("«cải»"));
    }

    #[test]
    fn anchors_on_the_phrase_and_drops_look_alikes() {
        let page = format!(
            "Hạnh phúc. {} Công tác cải cách hành chính năm 2021.",
            "chữ ".repeat(60)
        );
        let s = best_snippet(
            std::slice::from_ref(&page),
            &QueryWords::new("cải cách hành chính"),
            100,
        )
        .unwrap();
        let chars: Vec<char> = page.chars().collect();
        let marked: Vec<String> = s
            .hits
            .iter()
            .map(|h| chars[h.start..h.end].iter().collect())
            .collect();
        assert_eq!(marked, ["cải", "cách", "hành", "chính"]);
        assert!(s.highlighted.contains("«cải» «cách» «hành» «chính»"));
        // Typed without marks, every spelling counts.
        let s = best_snippet(&[page], &QueryWords::new("hanh"), 1000).unwrap();
        assert_eq!(s.hits.len(), 2);
    }

    #[test]
    fn the_first_page_holding_every_word_ends_the_scan() {
        let pages = vec![
            "Ngân sách năm nay.".to_string(),
            "Dự toán ngân sách nhà nước được giao.".to_string(),
            "Ngân sách nhà nước, ngân sách nhà nước, ngân sách nhà nước.".to_string(),
        ];
        // Page 2 holds both words as typed: page 3's repeats are not read.
        let s = best_snippet(&pages, &QueryWords::new("ngân sách nhà nước"), 200).unwrap();
        assert_eq!(s.page, 2);
        // A page holding the words only without their marks does not end the scan.
        let pages = vec!["ngan sach nha nuoc".to_string(), pages[1].clone()];
        let s = best_snippet(&pages, &QueryWords::new("ngân sách nhà nước"), 200).unwrap();
        assert_eq!(s.page, 2);
        // Typed without marks, any spelling completes a page.
        let s = best_snippet(&pages, &QueryWords::new("ngan sach nha nuoc"), 200).unwrap();
        assert_eq!(s.page, 1);
    }

    #[test]
    fn query_hits_are_character_spans_of_every_spelling() {
        let page = "Đề án cải cách; CẢI CÁCH hành chính; cai cach.";
        let chars: Vec<char> = page.chars().collect();
        let hits = query_hits(page, "cai cach");
        let words: Vec<String> = hits
            .iter()
            .map(|h| chars[h.start..h.end].iter().collect())
            .collect();
        assert_eq!(words, ["cải", "cách", "CẢI", "CÁCH", "cai", "cach"]);
        assert!(query_hits(page, "ngân sách").is_empty());
        assert!(query_hits(page, "").is_empty());
    }

    #[test]
    fn no_words_gives_the_first_page_with_text() {
        let pages = vec!["  ".to_string(), "Nội dung".to_string()];
        let s = best_snippet(&pages, &QueryWords::new(""), 200).unwrap();
        assert_eq!((s.page, s.hits.len()), (2, 0));
        assert!(best_snippet(&[], &QueryWords::new("x"), 200).is_none());
    }
}
