//! Citations both ways: what a document cites (`cites`) and who cites a
//! number (`cited-by`), with every mention's page and sentence.

use std::path::Path;

use tantivy::schema::Value;

use serde::Serialize;
use tantivy::{DocAddress, Searcher};
use vanban_extract::Reference;
use vanban_text::folded_doc_number;

use crate::error::IndexError;
use crate::store::VanbanIndex;

/// An ingested document, briefly.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    /// Canonical path of the file.
    pub path: String,
    /// Its own number.
    pub number: Option<String>,
    /// Type word as printed.
    pub kind: Option<String>,
    /// Document date, ISO.
    pub date: Option<String>,
    /// Every file of the logical document (renderings as DOCX, PDF, TXT), sorted.
    pub files: Vec<String>,
}

/// One reference of a document, with where the cited document is ingested.
#[derive(Debug, Clone, Serialize)]
pub struct CitedReference {
    /// The reference as extracted: kind, number, raw, date, issuer, mentions.
    #[serde(flatten)]
    pub reference: Reference,
    /// Ingested documents whose own number is the cited number.
    pub ingested: Vec<DocSummary>,
}

/// What one document cites.
#[derive(Debug, Clone, Serialize)]
pub struct CitationReport {
    /// The citing document.
    pub document: DocSummary,
    /// Its references in order of first mention.
    pub references: Vec<CitedReference>,
}

/// A document citing the number asked about.
#[derive(Debug, Clone, Serialize)]
pub struct Citing {
    /// The citing document.
    pub document: DocSummary,
    /// Its references to the number (normally one), with every mention.
    pub references: Vec<Reference>,
}

/// Who cites a number.
#[derive(Debug, Clone, Serialize)]
pub struct CitedByReport {
    /// The number as asked.
    pub number: String,
    /// Ingested documents whose own number it is.
    pub ingested: Vec<DocSummary>,
    /// Every ingested document citing it, once per logical document (unless
    /// asked for every file), by path.
    pub citing: Vec<Citing>,
}

impl VanbanIndex {
    fn summary(&self, searcher: &Searcher, addr: DocAddress) -> Result<DocSummary, IndexError> {
        let doc = self.doc(searcher, addr)?;
        let f = &self.fields;
        let path = self.text(&doc, f.path).unwrap_or_default();
        let group = doc.get_first(f.group).and_then(|v| v.as_u64());
        let mut files = match group {
            Some(g) => self.group_files(searcher, g)?,
            None => Vec::new(),
        };
        if files.is_empty() {
            files.push(path.clone());
        }
        Ok(DocSummary {
            path,
            number: self.text(&doc, f.number),
            kind: self.text(&doc, f.kind),
            date: self.text(&doc, f.date_text),
            files,
        })
    }

    /// `addrs` with one file per logical document (the first by path), or all.
    fn one_per_document(
        &self,
        searcher: &Searcher,
        addrs: Vec<DocAddress>,
        all_files: bool,
    ) -> Result<Vec<DocAddress>, IndexError> {
        if all_files {
            return Ok(addrs);
        }
        let f = &self.fields;
        let mut keyed = Vec::with_capacity(addrs.len());
        for a in addrs {
            let doc = self.doc(searcher, a)?;
            let path = self.text(&doc, f.path).unwrap_or_default();
            let group = doc.get_first(f.group).and_then(|v| v.as_u64());
            keyed.push((path, group, a));
        }
        keyed.sort_by(|x, y| x.0.cmp(&y.0));
        let mut seen = std::collections::HashSet::new();
        Ok(keyed
            .into_iter()
            .filter(|(_, g, _)| g.is_none_or(|g| seen.insert(g)))
            .map(|(_, _, a)| a)
            .collect())
    }

    /// Ingested documents whose own number folds to the same as `number`.
    fn documents_numbered(
        &self,
        searcher: &Searcher,
        number: &str,
        all_files: bool,
    ) -> Result<Vec<DocSummary>, IndexError> {
        let addrs = self.lookup(searcher, self.fields.number_key, &folded_doc_number(number))?;
        self.one_per_document(searcher, addrs, all_files)?
            .into_iter()
            .map(|a| self.summary(searcher, a))
            .collect()
    }

    /// The references of the document `doc`: a path (of an ingested file) or
    /// the document's own number. Several documents can share a number (the
    /// same report as PDF and DOCX): each gets its own report.
    pub fn cites(&self, doc: &str) -> Result<Vec<CitationReport>, IndexError> {
        let searcher = self.searcher()?;
        let f = &self.fields;
        // An ingested path whose file is gone is still looked up as stored.
        let canonical = Path::new(doc)
            .canonicalize()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| doc.to_string());
        let by_path = self.lookup(&searcher, f.path, &canonical)?;
        let addrs = if by_path.is_empty() {
            let by_number = self.lookup(&searcher, f.number_key, &folded_doc_number(doc))?;
            if by_number.is_empty() {
                return Err(IndexError::NotFound(doc.to_string()));
            }
            by_number
        } else {
            by_path
        };
        let mut reports = Vec::new();
        for addr in addrs {
            let stored = self.doc(&searcher, addr)?;
            let record = self.record(&stored)?;
            let mut references = Vec::new();
            for r in record.references {
                let ingested = if r.partial {
                    Vec::new()
                } else {
                    self.documents_numbered(&searcher, &r.number, false)?
                };
                references.push(CitedReference {
                    reference: r,
                    ingested,
                });
            }
            reports.push(CitationReport {
                document: self.summary(&searcher, addr)?,
                references,
            });
        }
        reports.sort_by(|a, b| a.document.path.cmp(&b.document.path));
        Ok(reports)
    }

    /// Every ingested document citing `number` (`55/2011/NĐ-CP`,
    /// `55/2011/ND-CP` and `55/2011/NĐ- CP` are the same), with the mentions;
    /// renderings of one report are one document.
    pub fn cited_by(&self, number: &str) -> Result<CitedByReport, IndexError> {
        self.cited_by_files(number, false)
    }

    /// [`Self::cited_by`], with every file when `all_files`. A document's
    /// mentions are those of its file listed as `path` (page and span are
    /// that file's).
    pub fn cited_by_files(
        &self,
        number: &str,
        all_files: bool,
    ) -> Result<CitedByReport, IndexError> {
        let searcher = self.searcher()?;
        let key = folded_doc_number(number);
        let mut citing = Vec::new();
        let addrs = self.lookup(&searcher, self.fields.cites, &key)?;
        for addr in self.one_per_document(&searcher, addrs, all_files)? {
            let stored = self.doc(&searcher, addr)?;
            let record = self.record(&stored)?;
            let references: Vec<Reference> = record
                .references
                .into_iter()
                .filter(|r| folded_doc_number(&r.number) == key)
                .collect();
            citing.push(Citing {
                document: self.summary(&searcher, addr)?,
                references,
            });
        }
        citing.sort_by(|a, b| a.document.path.cmp(&b.document.path));
        Ok(CitedByReport {
            number: number.to_string(),
            ingested: self.documents_numbered(&searcher, number, all_files)?,
            citing,
        })
    }
}
