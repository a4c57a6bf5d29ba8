//! The second pass of a search: the best BM25 candidates reranked by how the
//! query's words stand in each document.
//!
//! Vietnamese words are mostly two or more syllables (`công an`, `ma túy`),
//! and each syllable alone is a common word with many unrelated lookalikes
//! once marks are folded away (`ấn`, `an`, `án`; `Tuy nhiên`, `tùy`). BM25
//! sees syllables, not words, so it ranks a document with the syllables
//! scattered as high as one with the word. Reading the positions of every
//! document holding all the syllables (a phrase clause) is what made search
//! slow at scale, so this pass reads positions only for the few hundred
//! documents BM25 put first, straight from the postings.
//!
//! The rank of a candidate is, in order: how many neighbouring query
//! syllables stand side by side in the document (spelled as typed beats
//! folded, side by side beats near), then how many marked syllables occur
//! as typed, then BM25.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

use crate::analyzer::{has_marks, KeyKind};
use crate::error::IndexError;

/// How many BM25 candidates are reranked. Past a few hundred, the documents
/// BM25 ranks lower rarely hold the words together; reading their positions
/// is the cost this pass exists to avoid.
pub(crate) const RESCORE_DEPTH: usize = 300;

/// Two syllables at most this many positions apart count as near each other.
const NEAR: u32 = 6;

/// Credit of a pair of neighbouring query syllables.
const PAIR_EXACT: u32 = 3;
const PAIR_FOLDED: u32 = 2;
const PAIR_NEAR: u32 = 1;
/// Extra credit when the whole query (three syllables or more) stands in order.
const WHOLE_EXACT: u32 = 2;
const WHOLE_FOLDED: u32 = 1;

/// One query syllable under its two keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryTerm {
    /// Folded key.
    pub folded: String,
    /// Exact key, when the query was typed with marks (then a match as
    /// typed is better evidence than a folded one).
    pub exact: Option<String>,
}

impl QueryTerm {
    /// The terms of the words of a query, in order. A query typed with marks
    /// anywhere was typed with marks everywhere: its unmarked syllables (`an`
    /// in `công an`) are spelled as meant, so `ấn` is not them.
    pub(crate) fn all(words: &[&str]) -> Vec<QueryTerm> {
        let marked = words.iter().any(|w| has_marks(w));
        words
            .iter()
            .map(|w| QueryTerm {
                folded: KeyKind::Folded.key(w),
                exact: marked.then(|| KeyKind::Exact.key(w)),
            })
            .filter(|t| !t.folded.is_empty())
            .collect()
    }
}

/// Where the query's syllables stand in one document, as rank components.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Placement {
    /// Credit of neighbouring syllables side by side or near, and of the whole query in order.
    pub together: u32,
    /// Marked syllables found as typed.
    pub exact_words: u32,
}

impl Placement {
    /// The final score: `together` first, then `exact_words`, then BM25, as
    /// one number so that sorting by it sorts by the three in that order.
    pub(crate) fn score(self, words: usize, bm25: f32) -> f32 {
        let bm25 = bm25.max(0.0);
        let fraction = (self.exact_words as f32 + bm25 / (bm25 + 1.0)) / (words as f32 + 1.0);
        self.together as f32 + fraction
    }
}

/// Whether some `x` of sorted `a` has `x + 1` in sorted `b`.
fn adjacent(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let want = a[i] + 1;
        match b[j].cmp(&want) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Greater => i += 1,
        }
    }
    false
}

/// Whether some `x` of sorted `a` and `y` of sorted `b` are at most `NEAR` apart.
fn near(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].abs_diff(b[j]) <= NEAR {
            return true;
        }
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    false
}

/// Whether the lists, in order, hold consecutive positions `p, p+1, …`.
fn in_order(lists: &[&[u32]]) -> bool {
    let Some((first, rest)) = lists.split_first() else {
        return false;
    };
    first.iter().any(|&p| {
        rest.iter()
            .enumerate()
            .all(|(i, l)| l.binary_search(&(p + 1 + i as u32)).is_ok())
    })
}

/// The placement of the syllables given their positions in one document:
/// `folded[i]` under the folded key, `exact[i]` under the exact key (equal
/// to `folded[i]` for a syllable typed without marks).
pub(crate) fn placement(folded: &[&[u32]], exact: &[&[u32]], marked: &[bool]) -> Placement {
    let n = folded.len();
    let mut together = 0;
    for i in 1..n {
        together += if adjacent(exact[i - 1], exact[i]) {
            PAIR_EXACT
        } else if adjacent(folded[i - 1], folded[i]) {
            PAIR_FOLDED
        } else if near(folded[i - 1], folded[i]) {
            PAIR_NEAR
        } else {
            0
        };
    }
    if n >= 3 {
        if in_order(exact) {
            together += WHOLE_EXACT;
        } else if in_order(folded) {
            together += WHOLE_FOLDED;
        }
    }
    let exact_words = (0..n)
        .filter(|&i| marked[i] && !exact[i].is_empty())
        .count() as u32;
    Placement {
        together,
        exact_words,
    }
}

/// Postings of one key in one segment, read forward as candidates go up.
struct Cursor {
    postings: Option<SegmentPostings>,
    positions: Vec<u32>,
}

impl Cursor {
    fn open(
        searcher: &Searcher,
        segment: u32,
        field: Field,
        key: &str,
    ) -> Result<Cursor, IndexError> {
        let reader = searcher.segment_reader(segment);
        let inverted = reader.inverted_index(field)?;
        let postings = inverted
            .read_postings(
                &Term::from_field_text(field, key),
                IndexRecordOption::WithFreqsAndPositions,
            )
            .map_err(|e| IndexError::Tantivy(e.into()))?;
        Ok(Cursor {
            postings,
            positions: Vec::new(),
        })
    }

    /// Moves to `doc` (never backwards) and loads its positions; empty when absent.
    fn load(&mut self, doc: DocId) {
        self.positions.clear();
        if let Some(p) = self.postings.as_mut() {
            if p.doc() != TERMINATED && p.doc() <= doc && p.seek(doc) == doc {
                p.positions(&mut self.positions);
            }
        }
    }
}

/// Reranks `candidates` (BM25 score, address) for the query syllables
/// `terms`; returns them best first with their final scores.
pub(crate) fn rescore(
    searcher: &Searcher,
    body_folded: Field,
    body_exact: Field,
    terms: &[QueryTerm],
    mut candidates: Vec<(f32, DocAddress)>,
) -> Result<Vec<(f32, DocAddress)>, IndexError> {
    let n = terms.len();
    if n == 0 {
        return Ok(candidates);
    }
    let marked: Vec<bool> = terms.iter().map(|t| t.exact.is_some()).collect();
    // Postings are read forward only: candidates by segment, then by doc id.
    candidates.sort_by_key(|c| c.1);
    let mut out = Vec::with_capacity(candidates.len());
    let mut i = 0;
    while i < candidates.len() {
        let segment = candidates[i].1.segment_ord;
        let mut folded = terms
            .iter()
            .map(|t| Cursor::open(searcher, segment, body_folded, &t.folded))
            .collect::<Result<Vec<_>, _>>()?;
        let mut exact = terms
            .iter()
            .map(|t| {
                t.exact
                    .as_deref()
                    .map(|k| Cursor::open(searcher, segment, body_exact, k))
                    .transpose()
            })
            .collect::<Result<Vec<_>, _>>()?;
        while i < candidates.len() && candidates[i].1.segment_ord == segment {
            let (bm25, addr) = candidates[i];
            for c in folded.iter_mut() {
                c.load(addr.doc_id);
            }
            for c in exact.iter_mut().flatten() {
                c.load(addr.doc_id);
            }
            let f: Vec<&[u32]> = folded.iter().map(|c| c.positions.as_slice()).collect();
            let e: Vec<&[u32]> = exact
                .iter()
                .zip(&f)
                .map(|(c, f)| c.as_ref().map_or(*f, |c| c.positions.as_slice()))
                .collect();
            let p = placement(&f, &e, &marked);
            out.push((p.score(n, bm25), addr));
            i += 1;
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacency_and_nearness() {
        assert!(adjacent(&[3, 10], &[5, 11]));
        assert!(!adjacent(&[3, 10], &[3, 12]));
        assert!(near(&[3], &[9]));
        assert!(!near(&[3], &[10]));
        assert!(in_order(&[&[1, 7], &[8], &[9]]));
        assert!(!in_order(&[&[1], &[2], &[4]]));
    }

    /// `công an` in a document saying `Công an tỉnh` beats one saying
    /// `ấn phẩm … công tác` (folded `an` far from `cong`).
    #[test]
    fn syllables_side_by_side_as_typed_come_first() {
        let marked = [true, true];
        // "Công an tỉnh": exact and folded both at 0, 1.
        let word = placement(&[&[0], &[1]], &[&[0], &[1]], &marked);
        // "ấn phẩm … công tác": folded `an` at 0, `cong` at 20; no exact `an`.
        let scattered = placement(&[&[20], &[0]], &[&[20], &[]], &marked);
        // "công ấn": side by side folded only.
        let folded = placement(&[&[0], &[1]], &[&[0], &[]], &marked);
        assert!(word.score(2, 0.1) > folded.score(2, 50.0));
        assert!(folded.score(2, 0.1) > scattered.score(2, 50.0));
        assert!(word.score(2, 0.1) > scattered.score(2, 50.0));
        assert_eq!(word.together, PAIR_EXACT);
        assert_eq!(scattered.together, 0);
    }

    /// `ma túy`: `mạ … Tuy nhiên` matches folded but far apart and not as typed.
    #[test]
    fn folded_lookalikes_rank_below_the_word() {
        let marked = [true, true];
        let word = placement(&[&[4], &[5]], &[&[4], &[5]], &marked);
        let lookalike = placement(&[&[30], &[2]], &[&[30], &[]], &marked);
        let folded_pair = placement(&[&[4], &[5]], &[&[4], &[]], &marked);
        assert!(word.score(2, 0.0) > folded_pair.score(2, 100.0));
        assert!(folded_pair.score(2, 0.0) > lookalike.score(2, 100.0));
    }

    #[test]
    fn bm25_decides_between_equal_placements() {
        let p = Placement {
            together: 2,
            exact_words: 1,
        };
        assert!(p.score(2, 3.0) > p.score(2, 1.0));
        assert!(p.score(2, 1e9) < 3.0);
    }

    #[test]
    fn terms_keep_exact_keys_only_for_marked_queries() {
        let t = QueryTerm::all(&["ma", "Túy"]);
        assert_eq!(t[0].exact.as_deref(), Some("ma"));
        assert_eq!(t[1].exact.as_deref(), Some("túy"));
        let t = QueryTerm::all(&["ma", "tuy"]);
        assert_eq!(t[0].exact, None);
        assert_eq!(t[1].folded, "tuy");
    }
}
