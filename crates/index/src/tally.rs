//! Counting a search's matches without scoring: the total of logical
//! documents and, when asked, their counts by kind, agency and year.
//!
//! The facet counts are read from fast columns (`facet_kind`,
//! `facet_agency`, `year`) by term ordinal, not through tantivy's
//! `FacetCollector`: that one walks the segment's whole facet dictionary
//! on every search (the `facets` field also holds every cited number, tens
//! of thousands of terms in a large archive) and turns each counted ordinal
//! into a path. Here a segment costs one array increment per column per
//! matching file, and ordinals become strings once, at the end.
//!
//! Renderings of one report (a multi-file group) are one document: a file
//! outside those groups counts once; files of a group are gathered and the
//! group counts once, and once per distinct facet value its files carry.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentReader};

use crate::search::{FacetCount, Facets};

/// Which facet a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Root {
    Kind,
    Agency,
    Year,
}

/// Counts matching logical documents (and their facets when `facets`).
pub(crate) struct Tally {
    /// Group values of the multi-file groups, shared with every segment.
    pub multi: Arc<FxHashSet<u64>>,
    /// Also count by kind, agency and year.
    pub facets: bool,
}

/// What [`Tally`] found.
#[derive(Debug, Default)]
pub(crate) struct Tallied {
    /// Matching files outside the multi-file groups.
    singles: usize,
    /// Distinct multi-file groups matched.
    groups: FxHashSet<u64>,
    /// Facet counts of the single files, by value.
    single_counts: FxHashMap<(Root, String), u64>,
    /// (group, facet value) pairs carried by matching files of multi-file groups.
    group_values: FxHashSet<(u64, Root, String)>,
}

impl Tallied {
    /// Matching logical documents.
    pub(crate) fn total(&self) -> usize {
        self.singles + self.groups.len()
    }

    /// Counts by kind, agency and year (empty when facets were not asked for).
    pub(crate) fn facets(&self) -> Facets {
        let mut counts: FxHashMap<(Root, &str), u64> = FxHashMap::default();
        for ((root, value), n) in &self.single_counts {
            *counts.entry((*root, value.as_str())).or_default() += n;
        }
        for (_, root, value) in &self.group_values {
            *counts.entry((*root, value.as_str())).or_default() += 1;
        }
        let list = |want: Root| {
            let mut v: Vec<FacetCount> = counts
                .iter()
                .filter(|((root, _), n)| *root == want && **n > 0)
                .map(|((_, value), n)| FacetCount {
                    value: value.to_string(),
                    count: *n,
                })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            v
        };
        Facets {
            kind: list(Root::Kind),
            agency: list(Root::Agency),
            year: list(Root::Year),
        }
    }
}

/// A matching file of a multi-file group: its group, kind and agency
/// ordinals, and year.
type GroupRow = (u64, Option<u64>, Option<u64>, Option<u64>);

/// The facet columns of one segment and its counts by ordinal.
struct SegmentFacets {
    kind: Option<StrColumn>,
    agency: Option<StrColumn>,
    year: Column<u64>,
    kind_counts: Vec<u64>,
    agency_counts: Vec<u64>,
    year_counts: FxHashMap<u64, u64>,
    /// (group, kind ord, agency ord, year) of matching files in multi-file groups.
    group_rows: Vec<GroupRow>,
    /// Values of one block of documents, reused.
    block: Vec<Option<u64>>,
}

impl SegmentFacets {
    /// Counts a block of files that are documents of their own, one column
    /// at a time (a batched read per column rather than three per file).
    fn count_block(&mut self, docs: &[DocId]) {
        let block = &mut self.block;
        let mut read = |col: &Column<u64>, counts: &mut dyn FnMut(u64)| {
            block.clear();
            // `first_vals` leaves slots of files without a value untouched.
            block.resize(docs.len(), None);
            col.first_vals(docs, block);
            for v in block.iter().flatten() {
                counts(*v);
            }
        };
        if let Some(c) = &self.kind {
            let counts = &mut self.kind_counts;
            read(c.ords(), &mut |o| counts[o as usize] += 1);
        }
        if let Some(c) = &self.agency {
            let counts = &mut self.agency_counts;
            read(c.ords(), &mut |o| counts[o as usize] += 1);
        }
        let years = &mut self.year_counts;
        // Years repeat in runs: count a run at once instead of a lookup per file.
        let mut run: Option<(u64, u64)> = None;
        read(&self.year, &mut |y| match &mut run {
            Some((v, n)) if *v == y => *n += 1,
            _ => {
                if let Some((v, n)) = run.replace((y, 1)) {
                    *years.entry(v).or_default() += n;
                }
            }
        });
        if let Some((v, n)) = run {
            *years.entry(v).or_default() += n;
        }
    }
}

/// [`Tally`] on one segment.
pub(crate) struct TallySegment {
    group: Option<Column<u64>>,
    multi: Arc<FxHashSet<u64>>,
    facets: Option<SegmentFacets>,
    singles: usize,
    groups: FxHashSet<u64>,
}

impl Collector for Tally {
    type Fruit = Tallied;
    type Child = TallySegment;

    fn for_segment(&self, _segment: u32, reader: &SegmentReader) -> tantivy::Result<TallySegment> {
        let ff = reader.fast_fields();
        let facets = if self.facets {
            let kind = ff.str("facet_kind")?;
            let agency = ff.str("facet_agency")?;
            Some(SegmentFacets {
                kind_counts: vec![0; kind.as_ref().map_or(0, |c| c.num_terms())],
                agency_counts: vec![0; agency.as_ref().map_or(0, |c| c.num_terms())],
                kind,
                agency,
                year: ff.u64("year")?,
                year_counts: FxHashMap::default(),
                group_rows: Vec::new(),
                block: Vec::new(),
            })
        } else {
            None
        };
        Ok(TallySegment {
            // Without multi-file groups every file is a document: no column read.
            group: if self.multi.is_empty() {
                None
            } else {
                Some(ff.u64("group")?)
            },
            multi: self.multi.clone(),
            facets,
            singles: 0,
            groups: FxHashSet::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallied>) -> tantivy::Result<Tallied> {
        let mut out = Tallied::default();
        for f in fruits {
            out.singles += f.singles;
            out.groups.extend(f.groups);
            for (k, n) in f.single_counts {
                *out.single_counts.entry(k).or_default() += n;
            }
            out.group_values.extend(f.group_values);
        }
        Ok(out)
    }
}

/// The first term ordinal of a single-valued string column.
fn first_ord(col: &Option<StrColumn>, doc: DocId) -> Option<u64> {
    col.as_ref()?.ords().first(doc)
}

/// The string of ordinal `ord` in `col`.
fn ord_str(col: &Option<StrColumn>, ord: u64) -> Option<String> {
    let mut s = String::new();
    col.as_ref()?.ord_to_str(ord, &mut s).ok()?.then_some(s)
}

impl SegmentCollector for TallySegment {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let group = self
            .group
            .as_ref()
            .and_then(|c| c.first(doc))
            .filter(|g| self.multi.contains(g));
        match group {
            Some(g) => {
                self.groups.insert(g);
                if let Some(f) = self.facets.as_mut() {
                    f.group_rows.push((
                        g,
                        first_ord(&f.kind, doc),
                        first_ord(&f.agency, doc),
                        f.year.first(doc),
                    ));
                }
            }
            None => {
                self.singles += 1;
                if let Some(f) = self.facets.as_mut() {
                    if let Some(o) = first_ord(&f.kind, doc) {
                        f.kind_counts[o as usize] += 1;
                    }
                    if let Some(o) = first_ord(&f.agency, doc) {
                        f.agency_counts[o as usize] += 1;
                    }
                    if let Some(y) = f.year.first(doc) {
                        *f.year_counts.entry(y).or_default() += 1;
                    }
                }
            }
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        if self.group.is_none() {
            // No multi-file groups in this index: every file is a document.
            self.singles += docs.len();
            if let Some(f) = self.facets.as_mut() {
                f.count_block(docs);
            }
        } else {
            for &d in docs {
                self.collect(d, 0.0);
            }
        }
    }

    fn harvest(self) -> Tallied {
        let mut out = Tallied {
            singles: self.singles,
            groups: self.groups,
            ..Tallied::default()
        };
        let Some(f) = self.facets else {
            return out;
        };
        // Ordinals become strings once per distinct value, in one pass over
        // the dictionary (a lookup per ordinal would decode its block again each time).
        for (root, col, counts) in [
            (Root::Kind, &f.kind, &f.kind_counts),
            (Root::Agency, &f.agency, &f.agency_counts),
        ] {
            let Some(col) = col else { continue };
            let (ords, ns): (Vec<u64>, Vec<u64>) = counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(o, n)| (o as u64, *n))
                .unzip();
            let mut i = 0;
            // A dictionary that cannot be read leaves those values uncounted.
            let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let (Ok(s), Some(n)) = (std::str::from_utf8(bytes), ns.get(i)) {
                    *out.single_counts.entry((root, s.to_string())).or_default() += n;
                }
                i += 1;
            });
        }
        for (y, n) in f.year_counts {
            *out.single_counts
                .entry((Root::Year, y.to_string()))
                .or_default() += n;
        }
        let mut names: FxHashMap<(Root, u64), Option<String>> = FxHashMap::default();
        for (g, kind, agency, year) in f.group_rows {
            if let Some(o) = kind {
                let name = names
                    .entry((Root::Kind, o))
                    .or_insert_with(|| ord_str(&f.kind, o));
                if let Some(s) = name {
                    out.group_values.insert((g, Root::Kind, s.clone()));
                }
            }
            if let Some(o) = agency {
                let name = names
                    .entry((Root::Agency, o))
                    .or_insert_with(|| ord_str(&f.agency, o));
                if let Some(s) = name {
                    out.group_values.insert((g, Root::Agency, s.clone()));
                }
            }
            if let Some(y) = year {
                out.group_values.insert((g, Root::Year, y.to_string()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{index, record};
    use crate::{Filters, SearchRequest};

    fn counts(v: &[crate::FacetCount]) -> Vec<(String, u64)> {
        v.iter().map(|c| (c.value.clone(), c.count)).collect()
    }

    fn owned(v: &[(&str, u64)]) -> Vec<(String, u64)> {
        v.iter().map(|(s, n)| (s.to_string(), *n)).collect()
    }

    const BUDGET: &str =
        "Báo cáo tình hình thực hiện dự toán ngân sách nhà nước sáu tháng đầu năm \
        của tỉnh, thu nội địa đạt kế hoạch, chi thường xuyên bảo đảm đúng quy định";
    const REFORM: &str = "Kế hoạch cải cách hành chính năm sau của sở, tập trung vào thủ tục \
        hành chính, dịch vụ công trực tuyến và chuyển đổi số trong cơ quan nhà nước";
    const INSPECTION: &str = "Báo cáo kết quả công tác thanh tra, giải quyết khiếu nại tố cáo \
        và phòng chống tham nhũng quý một, số cuộc thanh tra hành chính đã kết thúc";

    #[test]
    fn renderings_of_one_report_count_once_under_each_value() {
        let dir = tempfile::tempdir().unwrap();
        let stc = Some("SỞ TÀI CHÍNH");
        let index = index(
            dir.path(),
            vec![
                // One report as two files: one document.
                (
                    "ngan-sach.docx",
                    record(Some("BÁO CÁO"), stc, Some("2021-07-05"), BUDGET),
                ),
                (
                    "ngan-sach.pdf",
                    record(Some("BÁO CÁO"), stc, Some("2021-07-05"), BUDGET),
                ),
                // A second report as two files, one of which lost its agency.
                (
                    "thanh-tra.docx",
                    record(
                        Some("BÁO CÁO"),
                        Some("THANH TRA TỈNH"),
                        Some("2022-04-01"),
                        INSPECTION,
                    ),
                ),
                (
                    "thanh-tra.txt",
                    record(Some("BÁO CÁO"), None, Some("2022-04-01"), INSPECTION),
                ),
                // A plan, alone; and a file with no header at all.
                (
                    "ke-hoach.docx",
                    record(Some("KẾ HOẠCH"), stc, Some("2022-12-20"), REFORM),
                ),
                (
                    "khong-ten.txt",
                    record(
                        None,
                        None,
                        None,
                        "Ghi chép không có phần đầu văn bản, chỉ có vài dòng chữ",
                    ),
                ),
            ],
        );
        let ask = |query: &str, filters: Filters| {
            index
                .search(&SearchRequest {
                    query: query.into(),
                    limit: 10,
                    filters,
                    facets: true,
                    all_files: false,
                })
                .unwrap()
        };

        let all = ask("", Filters::default());
        assert_eq!(all.total, 4);
        let f = all.facets.unwrap();
        assert_eq!(counts(&f.kind), owned(&[("BÁO CÁO", 2), ("KẾ HOẠCH", 1)]));
        assert_eq!(
            counts(&f.agency),
            owned(&[("SỞ TÀI CHÍNH", 2), ("THANH TRA TỈNH", 1)])
        );
        assert_eq!(counts(&f.year), owned(&[("2022", 2), ("2021", 1)]));

        // Counts follow the query: only the matching documents.
        let some = ask("ngan sach", Filters::default());
        assert_eq!(some.total, 1);
        let f = some.facets.unwrap();
        assert_eq!(counts(&f.kind), owned(&[("BÁO CÁO", 1)]));
        assert_eq!(counts(&f.agency), owned(&[("SỞ TÀI CHÍNH", 1)]));
        assert_eq!(counts(&f.year), owned(&[("2021", 1)]));

        // And the filters.
        let year = ask(
            "",
            Filters {
                year: Some(2022),
                ..Filters::default()
            },
        );
        assert_eq!(year.total, 2);
        let f = year.facets.unwrap();
        assert_eq!(counts(&f.kind), owned(&[("BÁO CÁO", 1), ("KẾ HOẠCH", 1)]));

        // Every file counted: the renderings are no longer one.
        let files = index
            .search(&SearchRequest {
                query: String::new(),
                limit: 10,
                filters: Filters::default(),
                facets: true,
                all_files: true,
            })
            .unwrap();
        assert_eq!(files.total, 6);
        let f = files.facets.unwrap();
        assert_eq!(counts(&f.kind), owned(&[("BÁO CÁO", 4), ("KẾ HOẠCH", 1)]));
        assert_eq!(
            counts(&f.agency),
            owned(&[("SỞ TÀI CHÍNH", 3), ("THANH TRA TỈNH", 1)])
        );
        assert_eq!(counts(&f.year), owned(&[("2022", 3), ("2021", 2)]));
    }
}
