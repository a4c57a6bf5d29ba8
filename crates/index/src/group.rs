//! One document, several files: the same report as DOCX, PDF, TXT (and
//! scans, legacy-font copies) is one logical document.
//!
//! Two files are renderings of one document when they carry the same own
//! number, date and agency (a number is unique per issuer and year by
//! Nghị định 30/2020/NĐ-CP), or when their texts are near-identical (MinHash
//! of word shingles, banded) and their headers do not disagree. A new file
//! joins an existing group when ingested; the group is a label each member
//! carries, so removing any file (even the first) leaves the others grouped.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Searcher, Term, TERMINATED};
use vanban_extract::Header;
use vanban_text::{folded_doc_number, folded_key, tokens};

use crate::error::IndexError;
use crate::schema::Fields;

/// Files looked at per key when joining a group (committed and pending each).
const KEY_LOOKUPS: usize = 64;

/// Words per shingle: four syllables, about two Vietnamese words.
const SHINGLE: usize = 4;
/// MinHash bands and rows per band. Two texts become candidates when one
/// band agrees: a pair of Jaccard 0.875 (the least similar renderings of one
/// seed in the corpus, PDF against TXT) is found with p ≈ 0.997, a pair of
/// Jaccard 0.3 with p ≈ 0.007, 0.16 (the most similar different seeds)
/// with p < 0.0002. Headers that disagree keep texts apart regardless.
const BANDS: usize = 10;
const ROWS: usize = 6;

/// What ingest needs to put a file in its group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GroupKeys {
    /// Keys shared by renderings of one document: the header key (when the
    /// number is complete and dated) and the text's MinHash bands.
    pub keys: Vec<u64>,
    /// Hash of the folded own number (0: none).
    pub number: u64,
    /// Hash of the date (0: none).
    pub date: u64,
    /// Hash of the folded agency (0: none).
    pub agency: u64,
}

/// The three header hashes of a file already in the index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HeaderSig {
    pub number: u64,
    pub date: u64,
    pub agency: u64,
}

impl GroupKeys {
    /// The header hashes.
    pub(crate) fn header(&self) -> HeaderSig {
        HeaderSig {
            number: self.number,
            date: self.date,
            agency: self.agency,
        }
    }
}

impl HeaderSig {
    /// Whether two files' headers can be one document's: no field both
    /// have differs (a rendering may lose its header, never change it).
    pub(crate) fn compatible(&self, other: &HeaderSig) -> bool {
        let ok = |a: u64, b: u64| a == 0 || b == 0 || a == b;
        ok(self.number, other.number) && ok(self.date, other.date) && ok(self.agency, other.agency)
    }
}

/// A stable 64-bit hash of `parts` (never 0, which means "none").
fn hash_of(parts: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        p.hash(&mut h);
    }
    mix(h.finish()).max(1)
}

/// splitmix64's finalizer: spreads FxHash's bits so minima are uniform.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Whether a document number has its serial (`77/BC-SNgV`, not `/BC-SNgV`):
/// drafts leave the serial blank, and blank-serial numbers are shared.
fn complete_number(n: &str) -> bool {
    n.trim().chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The file's identity as a group of its own (its canonical path).
pub(crate) fn own_group(path: &str) -> u64 {
    hash_of(&["file", path])
}

/// The MinHash signature of folded word shingles of `pages`; `None` for a
/// text too short to say anything (fewer than two shingles' words).
pub(crate) fn minhash(pages: &[String]) -> Option<[u64; BANDS * ROWS]> {
    let words: Vec<String> = pages
        .iter()
        .flat_map(|p| tokens(p).map(|t| folded_key(t.text)).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < SHINGLE * 2 {
        return None;
    }
    let mut sig = [u64::MAX; BANDS * ROWS];
    for w in words.windows(SHINGLE) {
        let mut h = FxHasher::default();
        w.hash(&mut h);
        let base = h.finish();
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = mix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(sig)
}

/// The fast columns grouping reads from one segment.
struct SegmentColumns {
    path: Option<StrColumn>,
    group: Column<u64>,
    number: Column<u64>,
    date: Column<u64>,
    agency: Column<u64>,
}

/// Puts each newly indexed file in its group, in the ingest's writer stage.
///
/// Files committed earlier are found through the index (their `dup_keys`);
/// files added since the last commit, which the index does not show yet,
/// through a map that is emptied at every commit, so memory stays bounded
/// by the commit interval, not the corpus.
pub(crate) struct Grouper {
    searcher: Searcher,
    dup_keys: tantivy::schema::Field,
    columns: Vec<Option<SegmentColumns>>,
    pending: FxHashMap<u64, Vec<(u64, HeaderSig)>>,
}

impl Grouper {
    /// A grouper reading the committed files through `searcher`.
    pub(crate) fn new(searcher: Searcher, fields: &Fields) -> Self {
        let columns = Vec::new();
        let mut g = Grouper {
            searcher,
            dup_keys: fields.dup_keys,
            columns,
            pending: FxHashMap::default(),
        };
        g.open_columns();
        g
    }

    fn open_columns(&mut self) {
        self.columns = self
            .searcher
            .segment_readers()
            .iter()
            .map(|seg| {
                let ff = seg.fast_fields();
                Some(SegmentColumns {
                    path: ff.str("path").ok().flatten(),
                    group: ff.u64("group").ok()?,
                    number: ff.u64("sig_number").ok()?,
                    date: ff.u64("sig_date").ok()?,
                    agency: ff.u64("sig_agency").ok()?,
                })
            })
            .collect();
    }

    /// A commit happened: committed files are now in `searcher`.
    pub(crate) fn committed(&mut self, searcher: Searcher) {
        self.searcher = searcher;
        self.pending.clear();
        self.open_columns();
    }

    /// The group of the file at `path` with `keys`, and whether it joined
    /// another file's group. The smallest matching group wins, so a file
    /// bridging two groups joins the same one whatever the order.
    pub(crate) fn resolve(
        &mut self,
        path: &str,
        keys: &GroupKeys,
    ) -> Result<(u64, bool), IndexError> {
        let own = own_group(path);
        let me = keys.header();
        let mut best: Option<u64> = None;
        let mut consider = |g: u64, h: &HeaderSig| {
            if h.compatible(&me) {
                best = Some(best.map_or(g, |b| b.min(g)));
            }
        };
        let mut path_buf = String::new();
        for k in &keys.keys {
            if let Some(v) = self.pending.get(k) {
                for (g, h) in v {
                    consider(*g, h);
                }
            }

            let term = Term::from_field_u64(self.dup_keys, *k);
            // Template reports share their text and differ in the header:
            // a key can hold thousands of files none of which is compatible.
            // Looking at the first few keeps a file's cost bounded.
            let mut looked = 0usize;
            'segments: for (ord, seg) in self.searcher.segment_readers().iter().enumerate() {
                let Some(Some(c)) = self.columns.get(ord) else {
                    continue;
                };
                let Some(mut postings) = seg
                    .inverted_index(self.dup_keys)?
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(|e| IndexError::Tantivy(e.into()))?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if looked >= KEY_LOOKUPS {
                        break 'segments;
                    }
                    if !seg.is_deleted(doc) {
                        looked += 1;
                        if !same_path(c, doc, path, &mut path_buf) {
                            if let Some(g) = c.group.first(doc) {
                                let h = HeaderSig {
                                    number: c.number.first(doc).unwrap_or(0),
                                    date: c.date.first(doc).unwrap_or(0),
                                    agency: c.agency.first(doc).unwrap_or(0),
                                };
                                consider(g, &h);
                            }
                        }
                    }
                    doc = postings.advance();
                }
            }
        }
        let group = best.unwrap_or(own);
        for k in &keys.keys {
            let files = self.pending.entry(*k).or_default();
            if files.len() < KEY_LOOKUPS {
                files.push((group, me));
            }
        }
        Ok((group, group != own))
    }
}

/// Whether the file at `doc` is `path` (its own older version, being
/// replaced rather than joined).
fn same_path(c: &SegmentColumns, doc: DocId, path: &str, buf: &mut String) -> bool {
    let Some(col) = &c.path else {
        return false;
    };
    let Some(ord) = col.term_ords(doc).next() else {
        return false;
    };
    buf.clear();
    col.ord_to_str(ord, buf).unwrap_or(false) && buf == path
}

/// Estimated Jaccard similarity of two signatures.
#[cfg(test)]
pub(crate) fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

/// The grouping keys of one file: its header and page texts.
pub(crate) fn group_keys(h: &Header, text: &[String]) -> GroupKeys {
    fn present(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let number = present(&h.number)
        .filter(|n| complete_number(n))
        .map(folded_doc_number);
    let date = present(&h.date).map(str::to_string);
    let agency = present(&h.agency).map(folded_key);
    let mut out = GroupKeys {
        keys: Vec::with_capacity(BANDS + 1),
        number: number.as_deref().map_or(0, |n| hash_of(&["number", n])),
        date: date.as_deref().map_or(0, |d| hash_of(&["date", d])),
        agency: agency.as_deref().map_or(0, |a| hash_of(&["agency", a])),
    };
    if let (Some(n), Some(d)) = (&number, &date) {
        out.keys
            .push(hash_of(&["header", n, d, agency.as_deref().unwrap_or("")]));
    }
    if let Some(sig) = minhash(text) {
        for (b, band) in sig.chunks(ROWS).enumerate() {
            let mut h = FxHasher::default();
            b.hash(&mut h);
            band.hash(&mut h);
            out.keys.push(mix(h.finish()).max(1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(number: Option<&str>, date: Option<&str>, text: &str) -> GroupKeys {
        let h = Header {
            number: number.map(str::to_string),
            date: date.map(str::to_string),
            agency: Some("SỞ TÀI CHÍNH".into()),
            ..Header::default()
        };
        group_keys(&h, &[text.to_string()])
    }

    const TEXT: &str = "Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2021 \
        của Sở Tài chính tỉnh, trong đó nêu rõ những tồn tại, hạn chế và nguyên nhân, \
        đồng thời đề xuất các giải pháp trọng tâm cho năm 2022 về chuyển đổi số.";

    #[test]
    fn same_number_date_agency_share_the_header_key() {
        let a = keys(Some("12/BC-STC"), Some("2021-06-15"), TEXT);
        let b = keys(Some("12/BC-STC"), Some("2021-06-15"), "khác hẳn");
        assert_eq!(a.keys[0], b.keys[0]);
        let c = keys(Some("13/BC-STC"), Some("2021-06-15"), TEXT);
        assert_ne!(a.keys[0], c.keys[0]);
        assert!(!a.header().compatible(&c.header()));
    }

    #[test]
    fn blank_serial_numbers_give_no_header_key() {
        let a = keys(Some("/BC-STC"), Some("2021-06"), "ngắn");
        assert!(a.keys.is_empty());
        assert_eq!(a.number, 0);
    }

    #[test]
    fn near_identical_texts_share_a_band_different_texts_do_not() {
        let a = keys(None, None, TEXT);
        // The same text decomposed (NFD), without a header, and re-wrapped.
        let nfd: String = TEXT
            .replace('á', "a\u{301}")
            .replace('ả', "a\u{309}")
            .replace(", ", ",\n");
        let b = keys(None, None, &nfd);
        assert!(a.keys.iter().any(|k| b.keys.contains(k)));
        let other = keys(
            None,
            None,
            "Kế hoạch phòng, chống tác hại của ma túy trên địa bàn huyện trong năm 2023, \
             phân công nhiệm vụ cho các phòng ban chuyên môn và Ủy ban nhân dân các xã.",
        );
        assert!(!a.keys.iter().any(|k| other.keys.contains(k)));
    }

    #[test]
    fn missing_header_fields_are_compatible() {
        let full = keys(Some("12/BC-STC"), Some("2021-06-15"), TEXT).header();
        let bare = HeaderSig::default();
        assert!(full.compatible(&bare));
        assert!(bare.compatible(&full));
    }

    #[test]
    fn similarity_of_signatures() {
        let a = minhash(&[TEXT.to_string()]).unwrap();
        assert_eq!(similarity(&a, &a), 1.0);
        assert!(minhash(&["hai từ".to_string()]).is_none());
    }
}
