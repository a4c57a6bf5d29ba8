//! `vanban stats`: what the index holds.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::{DocSetCollector, FacetCollector};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocAddress, DocId, Searcher, Term};

use crate::error::IndexError;
use crate::schema::{FACET_AGENCY, FACET_CITES, FACET_ISSUER, FACET_KIND, FACET_YEAR};
use crate::search::{facet_values, Groups};
use crate::store::VanbanIndex;

/// How many cited documents `top_cited` lists.
const TOP_CITED: usize = 20;

/// A value and how many documents have it (a kind, an agency, a year, a cited number…).
pub type Count = crate::search::FacetCount;

/// Money figures of one kind: how many, and their range (never a sum:
/// figures of one kind in different documents still overlap and repeat).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FigureRange {
    /// Figures of this kind.
    pub figures: u64,
    /// Smallest, in đồng (signed changes may be negative).
    pub min: Option<i64>,
    /// Largest, in đồng.
    pub max: Option<i64>,
    /// Median, in đồng.
    pub median: Option<i64>,
}

impl FigureRange {
    pub(crate) fn of(mut values: Vec<i64>) -> FigureRange {
        values.sort_unstable();
        FigureRange {
            figures: values.len() as u64,
            min: values.first().copied(),
            max: values.last().copied(),
            median: values.get(values.len() / 2).copied(),
        }
    }
}

/// Money of one year's documents, by kind of figure.
#[derive(Debug, Clone, Serialize)]
pub struct YearMoney {
    /// The documents' year.
    pub year: u64,
    /// Documents of that year.
    pub documents: u64,
    /// Amounts: totals, budgets, sums spent or received.
    pub totals: FigureRange,
    /// Prices and rates (per unit, month, person).
    pub prices: FigureRange,
    /// Changes (increases, decreases, signed figures).
    pub changes: FigureRange,
}

/// Totals of the whole index. Renderings of one report (DOCX, PDF, TXT)
/// count as one document.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Logical documents in the index.
    pub documents: u64,
    /// Files in the index (each rendering counts).
    pub files: u64,
    /// Scans without a text layer.
    pub needs_ocr: u64,
    /// Their files, sorted.
    pub needs_ocr_files: Vec<String>,
    /// Files the ingests could not read (not in the index), with the reason, sorted.
    pub failed_files: Vec<crate::FailedFile>,
    /// Documents by type word.
    pub by_kind: Vec<Count>,
    /// Documents by issuing body.
    pub by_agency: Vec<Count>,
    /// Documents by year.
    pub by_year: Vec<Count>,
    /// Documents citing each issuer.
    pub by_cited_issuer: Vec<Count>,
    /// The most cited numbers, with the number of documents citing each.
    pub top_cited: Vec<Count>,
    /// Money figures by document year and kind of figure.
    pub money_by_year: Vec<YearMoney>,
    /// Documents without a date (one file each), sorted: not in `money_by_year`.
    pub undated: Vec<String>,
}

/// Reads the first string of a fast string column.
fn str_value(col: &tantivy::columnar::StrColumn, doc: DocId) -> Option<String> {
    let ord = col.term_ords(doc).next()?;
    let mut s = String::new();
    col.ord_to_str(ord, &mut s).ok()?.then_some(s)
}

impl VanbanIndex {
    /// Counts and figures over every document.
    pub fn stats(&self) -> Result<Stats, IndexError> {
        let searcher = self.searcher()?;
        let f = &self.fields;
        let groups = Groups::of(&searcher, f)?;
        let mut fc = FacetCollector::for_field("facets");
        for root in [
            FACET_KIND,
            FACET_AGENCY,
            FACET_YEAR,
            FACET_ISSUER,
            FACET_CITES,
        ] {
            fc.add_facet(Facet::from_path([root]));
        }
        let counts = searcher.search(&AllQuery, &fc)?;

        // One representative file per logical document: the first met.
        let mut seen: FxHashSet<u64> = FxHashSet::default();
        let mut multi_docs: Vec<(u64, DocAddress)> = Vec::new();
        let mut documents = 0u64;
        let mut files = 0u64;
        let mut undated = Vec::new();
        let mut by_year: BTreeMap<u64, (u64, [Vec<i64>; 3])> = BTreeMap::new();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let ff = seg.fast_fields();
            let years = ff.u64("year")?;
            let group = ff.u64("group")?;
            let paths = ff.str("path")?;
            let kinds = [
                ff.i64("money_total")?,
                ff.i64("money_price")?,
                ff.i64("money_change")?,
            ];
            for doc in seg.doc_ids_alive() {
                files += 1;
                if let Some(g) = group.first(doc).filter(|g| groups.multi.contains(g)) {
                    multi_docs.push((g, DocAddress::new(ord as u32, doc)));
                    if !seen.insert(g) {
                        continue;
                    }
                }
                documents += 1;
                match years.first(doc) {
                    Some(y) => {
                        let e = by_year.entry(y).or_default();
                        e.0 += 1;
                        for (i, col) in kinds.iter().enumerate() {
                            e.1[i].extend(col.values_for_doc(doc));
                        }
                    }
                    None => {
                        if let Some(p) = paths.as_ref().and_then(|c| str_value(c, doc)) {
                            undated.push(p);
                        }
                    }
                }
            }
        }
        undated.sort();

        let fix = self.facet_corrections(&searcher, &multi_docs);
        let list = |root: &str| {
            let mut v = facet_values(&counts, root);
            for c in v.iter_mut() {
                if let Some(d) = fix.get(&(root.to_string(), c.value.clone())) {
                    c.count = c.count.saturating_sub(*d);
                }
            }
            v.retain(|c| c.count > 0);
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            v
        };
        let mut by_year_counts = list(FACET_YEAR);
        by_year_counts.sort_by(|a, b| a.value.cmp(&b.value));
        let mut top_cited = list(FACET_CITES);
        top_cited.truncate(TOP_CITED);

        let ocr_query = TermQuery::new(
            Term::from_field_bool(f.needs_ocr, true),
            IndexRecordOption::Basic,
        );
        let mut needs_ocr_files = Vec::new();
        for addr in searcher.search(&ocr_query, &DocSetCollector)? {
            let seg = searcher.segment_reader(addr.segment_ord);
            if let Some(p) = seg
                .fast_fields()
                .str("path")?
                .and_then(|c| str_value(&c, addr.doc_id))
            {
                needs_ocr_files.push(p);
            }
        }
        needs_ocr_files.sort();

        Ok(Stats {
            documents,
            files,
            needs_ocr: needs_ocr_files.len() as u64,
            needs_ocr_files,
            failed_files: crate::failures::FailedFiles::load(&self.dir)?.list(),
            by_kind: list(FACET_KIND),
            by_agency: list(FACET_AGENCY),
            by_year: by_year_counts,
            by_cited_issuer: list(FACET_ISSUER),
            top_cited,
            money_by_year: by_year
                .into_iter()
                .map(|(year, (documents, [t, p, c]))| YearMoney {
                    year,
                    documents,
                    totals: FigureRange::of(t),
                    prices: FigureRange::of(p),
                    changes: FigureRange::of(c),
                })
                .collect(),
            undated,
        })
    }
}

impl VanbanIndex {
    /// How much each (root, value) facet count overcounts: a logical
    /// document counted once per file that carries the value.
    pub(crate) fn facet_corrections(
        &self,
        searcher: &Searcher,
        multi_docs: &[(u64, DocAddress)],
    ) -> FxHashMap<(String, String), u64> {
        let mut per_group: FxHashMap<(u64, String, String), u64> = FxHashMap::default();
        let mut facet = Facet::root();
        for (g, addr) in multi_docs {
            let Ok(reader) = searcher
                .segment_reader(addr.segment_ord)
                .facet_reader("facets")
            else {
                continue;
            };
            let ords: Vec<u64> = reader.facet_ords(addr.doc_id).collect();
            for ord in ords {
                if reader.facet_from_ord(ord, &mut facet).is_err() {
                    continue;
                }
                let path = facet.to_path();
                if let [root, value] = path.as_slice() {
                    *per_group
                        .entry((*g, root.to_string(), value.to_string()))
                        .or_default() += 1;
                }
            }
        }
        let mut out: FxHashMap<(String, String), u64> = FxHashMap::default();
        for ((_, root, value), files) in per_group {
            *out.entry((root, value)).or_default() += files - 1;
        }
        out
    }
}
