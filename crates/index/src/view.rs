//! One document by its id (for the web face and any other reader that
//! shows a document whole), and money by issuing body.

use rustc_hash::FxHashSet;
use serde::Serialize;
use tantivy::collector::{DocSetCollector, FacetCollector};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{DocAddress, Term};

use crate::error::IndexError;
use crate::export::{engine_version, ExportRecord};
use crate::schema::FACET_AGENCY;
use crate::search::{facet_values, Groups};
use crate::stats::FigureRange;
use crate::store::VanbanIndex;

/// A document as ingested, whole: its export record (header, facts with
/// spans, warnings), its page texts and the files of its logical document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// The record `vanban export` writes for it.
    pub record: ExportRecord,
    /// Page texts after repair; every fact's `start`/`end` index into these.
    pub text: Vec<String>,
    /// Every file of the logical document (renderings), sorted; the record's path among them.
    pub files: Vec<String>,
}

/// Money figures of one issuing body's documents.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyMoney {
    /// The issuing body as printed.
    pub agency: String,
    /// Its logical documents.
    pub documents: u64,
    /// Its amounts (totals, budgets; not prices or changes).
    pub totals: FigureRange,
}

/// Whether `id` has the shape of a document id (BLAKE3, 64 hex digits).
pub fn is_document_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

impl VanbanIndex {
    /// The document whose id (BLAKE3 of the file, hex) is `id`; when copies
    /// of one file are ingested under several paths, the first path.
    pub fn document(&self, id: &str) -> Result<DocumentView, IndexError> {
        let id = id.to_ascii_lowercase();
        if !is_document_id(&id) {
            return Err(IndexError::NotFound(id));
        }
        let searcher = self.searcher()?;
        let f = &self.fields;
        let mut found = Vec::new();
        for addr in self.lookup(&searcher, f.hash, &id)? {
            let doc = self.doc(&searcher, addr)?;
            found.push((self.text(&doc, f.path).unwrap_or_default(), doc));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let Some((path, doc)) = found.into_iter().next() else {
            return Err(IndexError::NotFound(id));
        };
        let mut record = self.full_record(&doc)?;
        record.source = path.clone();
        record.meta.blake3 = id;
        let ingested_at = doc
            .get_first(f.ingested_at)
            .and_then(|v| v.as_datetime())
            .map(|d| crate::dates::rfc3339_utc(d.into_timestamp_secs()))
            .unwrap_or_default();
        let version = engine_version(&self.text(&doc, f.engine).unwrap_or_default());
        let files = match doc.get_first(f.group).and_then(|v| v.as_u64()) {
            Some(g) => self.group_files(&searcher, g)?,
            None => Vec::new(),
        };
        let files = if files.is_empty() { vec![path] } else { files };
        let text = std::mem::take(&mut record.text);
        Ok(DocumentView {
            record: ExportRecord::from_extract(record, ingested_at, &version),
            text,
            files,
        })
    }

    /// The ids of the ingested files at `paths` (canonical, as the index
    /// stores them; `None` for a path not in the index), read from a fast
    /// field: no stored document is decompressed.
    pub fn ids_of_paths(&self, paths: &[String]) -> Result<Vec<Option<String>>, IndexError> {
        let searcher = self.searcher()?;
        let mut out = Vec::with_capacity(paths.len());
        for path in paths {
            let id = match self.lookup(&searcher, self.fields.path, path)?.first() {
                Some(addr) => {
                    let col = searcher
                        .segment_reader(addr.segment_ord)
                        .fast_fields()
                        .str("hash")?;
                    col.and_then(|c| {
                        let ord = c.term_ords(addr.doc_id).next()?;
                        let mut s = String::new();
                        c.ord_to_str(ord, &mut s).ok()?.then_some(s)
                    })
                }
                None => None,
            };
            out.push(id);
        }
        Ok(out)
    }

    /// Money figures (amounts only) of each issuing body's documents, the
    /// bodies with most documents first, at most `limit` of them. Renderings
    /// of one report count once.
    pub fn money_by_agency(&self, limit: usize) -> Result<Vec<AgencyMoney>, IndexError> {
        let searcher = self.searcher()?;
        let f = &self.fields;
        let groups = Groups::of(&searcher, f)?;
        let mut fc = FacetCollector::for_field("facets");
        fc.add_facet(Facet::from_path([FACET_AGENCY]));
        let counts = searcher.search(&AllQuery, &fc)?;
        let mut out = Vec::new();
        for agency in facet_values(&counts, FACET_AGENCY) {
            let q = TermQuery::new(
                Term::from_facet(f.facets, &Facet::from_path([FACET_AGENCY, &agency.value])),
                IndexRecordOption::Basic,
            );
            let mut addrs: Vec<DocAddress> =
                searcher.search(&q, &DocSetCollector)?.into_iter().collect();
            addrs.sort();
            let mut seen = FxHashSet::default();
            let mut documents = 0u64;
            let mut totals = Vec::new();
            for addr in addrs {
                let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
                let group = ff.u64("group")?.first(addr.doc_id);
                if let Some(g) = group.filter(|g| groups.multi.contains(g)) {
                    if !seen.insert(g) {
                        continue;
                    }
                }
                documents += 1;
                totals.extend(ff.i64("money_total")?.values_for_doc(addr.doc_id));
            }
            out.push(AgencyMoney {
                agency: agency.value,
                documents,
                totals: FigureRange::of(totals),
            });
        }
        out.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then_with(|| a.agency.cmp(&b.agency))
        });
        out.truncate(limit);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_are_64_hex_digits() {
        assert!(is_document_id(&"a1".repeat(32)));
        assert!(!is_document_id("../../etc/passwd"));
        assert!(!is_document_id(&"g1".repeat(32)));
        assert!(!is_document_id(&"a".repeat(63)));
    }
}
