//! `vanban stats`: what the index holds.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::{Count as CountCollector, FacetCollector};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;

use crate::error::IndexError;
use crate::schema::{FACET_AGENCY, FACET_CITES, FACET_ISSUER, FACET_KIND, FACET_YEAR};
use crate::search::facet_values;
use crate::store::VanbanIndex;

/// How many cited documents `top_cited` lists.
const TOP_CITED: usize = 20;

/// A value and how many documents have it (a kind, an agency, a year, a cited number…).
pub type Count = crate::search::FacetCount;

/// Money of one year's documents.
#[derive(Debug, Clone, Serialize)]
pub struct YearMoney {
    /// The documents' year (`None` for documents without a date).
    pub year: Option<u64>,
    /// Sum of the plain đồng amounts (no rates or signed changes) of those documents.
    pub vnd: u128,
    /// Documents of that year.
    pub documents: u64,
}

/// Totals of the whole index.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents in the index.
    pub documents: u64,
    /// Scans without a text layer.
    pub needs_ocr: u64,
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
    /// Money totals by document year.
    pub money_by_year: Vec<YearMoney>,
}

impl VanbanIndex {
    /// Counts and totals over every document.
    pub fn stats(&self) -> Result<Stats, IndexError> {
        let searcher = self.searcher()?;
        let f = &self.fields;
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
        let list = |root: &str| facet_values(&counts, root);
        let mut by_year = list(FACET_YEAR);
        by_year.sort_by(|a, b| a.value.cmp(&b.value));
        let mut top_cited = list(FACET_CITES);
        top_cited.truncate(TOP_CITED);
        let needs_ocr = searcher.search(
            &TermQuery::new(
                Term::from_field_bool(f.needs_ocr, true),
                IndexRecordOption::Basic,
            ),
            &CountCollector,
        )? as u64;

        let mut money: BTreeMap<Option<u64>, (u128, u64)> = BTreeMap::new();
        for seg in searcher.segment_readers() {
            let years = seg.fast_fields().u64("year")?;
            let sums = seg.fast_fields().u64("money_sum")?;
            for doc in seg.doc_ids_alive() {
                let entry = money.entry(years.first(doc)).or_default();
                entry.0 += u128::from(sums.first(doc).unwrap_or(0));
                entry.1 += 1;
            }
        }
        Ok(Stats {
            documents: searcher.num_docs(),
            needs_ocr,
            by_kind: list(FACET_KIND),
            by_agency: list(FACET_AGENCY),
            by_year,
            by_cited_issuer: list(FACET_ISSUER),
            top_cited,
            money_by_year: money
                .into_iter()
                .map(|(year, (vnd, documents))| YearMoney {
                    year,
                    vnd,
                    documents,
                })
                .collect(),
        })
    }
}
