//! Opening and creating the index folder.

use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analyzer::{KeyKind, VnTokenizer, EXACT_TOKENIZER, FOLDED_TOKENIZER};
use crate::error::IndexError;
use crate::schema::Fields;

/// Where the index lives when `--index` is not given (relative to the working folder).
pub const DEFAULT_INDEX_DIR: &str = "vanban-index";

/// The parts of a stored [`vanban_extract::ExtractRecord`] read back. Record
/// formats only grow within a major version, so reading a subset keeps
/// indexes written by an older vanban readable.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub(crate) struct StoredRecord {
    /// Cited documents with their mentions.
    #[serde(default)]
    pub references: Vec<vanban_extract::Reference>,
}

/// The part of a stored record's OCR provenance that search hits show.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub(crate) struct StoredOcr {
    /// Each OCRed page (unknown keys such as `words` are ignored).
    #[serde(default)]
    pub pages: Vec<vanban_extract::OcrPageSummary>,
}

/// What the index knows of one file: its content hash and the engine that read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Known {
    /// BLAKE3 of the file's bytes when it was indexed (hex).
    pub hash: String,
    /// The engine that read it (see `IngestOptions::engine`).
    pub engine: String,
}

/// The first value of a string fast column for `doc`, if any.
pub(crate) fn column_str(
    col: &tantivy::columnar::StrColumn,
    doc: tantivy::DocId,
    dir: &Path,
) -> Result<Option<String>, IndexError> {
    let Some(ord) = col.term_ords(doc).next() else {
        return Ok(None);
    };
    let mut s = String::new();
    let found = col
        .ord_to_str(ord, &mut s)
        .map_err(|e| IndexError::io(dir, e))?;
    Ok(found.then_some(s))
}

/// What a snapshot of the index knows of each file, looked up one path at a
/// time (a term query on the raw `path` field, then the `hash` and `engine`
/// fast columns), so an ingest keeps no map of every indexed path. Shared by
/// the ingest's workers.
pub(crate) struct KnownFiles {
    searcher: Searcher,
    path: tantivy::schema::Field,
    dir: PathBuf,
    /// Per segment: the `hash` and `engine` columns.
    columns: Vec<(
        Option<tantivy::columnar::StrColumn>,
        Option<tantivy::columnar::StrColumn>,
    )>,
}

impl KnownFiles {
    /// Lookups on `searcher`'s snapshot of `index`.
    pub(crate) fn new(index: &VanbanIndex, searcher: Searcher) -> Result<KnownFiles, IndexError> {
        let mut columns = Vec::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            columns.push((ff.str("hash")?, ff.str("engine")?));
        }
        Ok(KnownFiles {
            searcher,
            path: index.fields.path,
            dir: index.dir.clone(),
            columns,
        })
    }

    /// The hash and engine the index holds for the file with canonical path
    /// `path`, if it holds the file.
    pub(crate) fn get(&self, path: &str) -> Result<Option<Known>, IndexError> {
        let q = TermQuery::new(
            Term::from_field_text(self.path, path),
            IndexRecordOption::Basic,
        );
        let docs = self
            .searcher
            .search(&q, &tantivy::collector::DocSetCollector)?;
        // One live document per path; the lowest address if ever more.
        let Some(addr) = docs.into_iter().min() else {
            return Ok(None);
        };
        let Some((Some(hashes), engines)) = self.columns.get(addr.segment_ord as usize) else {
            return Ok(None);
        };
        let Some(hash) = column_str(hashes, addr.doc_id, &self.dir)? else {
            return Ok(None);
        };
        let engine = match engines {
            Some(col) => column_str(col, addr.doc_id, &self.dir)?.unwrap_or_default(),
            None => String::new(),
        };
        Ok(Some(Known { hash, engine }))
    }
}

/// An opened index: tantivy's index, the field handles and a reader.
pub struct VanbanIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) dir: PathBuf,
    reader: IndexReader,
}

impl VanbanIndex {
    /// Opens the index in `dir`, creating the folder and an empty index if needed.
    pub fn open_or_create(dir: &Path) -> Result<VanbanIndex, IndexError> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        let (schema, fields) = Fields::build();
        let mmap = MmapDirectory::open(dir).map_err(|e| IndexError::Tantivy(e.into()))?;
        let index = Index::open_or_create(mmap, schema)?;
        Self::wrap(index, fields, dir)
    }

    /// Opens an existing index for reading; a missing one is [`IndexError::NoIndex`].
    pub fn open(dir: &Path) -> Result<VanbanIndex, IndexError> {
        if !dir.join("meta.json").is_file() {
            return Err(IndexError::NoIndex(dir.to_path_buf()));
        }
        let index = Index::open_in_dir(dir)?;
        let (schema, fields) = Fields::build();
        if index.schema() != schema {
            return Err(IndexError::Tantivy(tantivy::TantivyError::SchemaError(
                "the index was written by another version of vanban; delete it and ingest again"
                    .to_string(),
            )));
        }
        Self::wrap(index, fields, dir)
    }

    fn wrap(index: Index, fields: Fields, dir: &Path) -> Result<VanbanIndex, IndexError> {
        index
            .tokenizers()
            .register(EXACT_TOKENIZER, VnTokenizer::new(KeyKind::Exact));
        index
            .tokenizers()
            .register(FOLDED_TOKENIZER, VnTokenizer::new(KeyKind::Folded));
        // Readers reload by hand: a search is one process, one snapshot.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(VanbanIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader,
        })
    }

    /// The folder the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher on the last commit.
    pub fn searcher(&self) -> Result<Searcher, IndexError> {
        self.reader.reload()?;
        Ok(self.reader.searcher())
    }

    /// Number of documents in the last commit.
    pub fn num_docs(&self) -> Result<u64, IndexError> {
        Ok(self.searcher()?.num_docs())
    }

    /// Addresses of the documents whose raw `field` holds `value`.
    pub(crate) fn lookup(
        &self,
        searcher: &Searcher,
        field: tantivy::schema::Field,
        value: &str,
    ) -> Result<Vec<DocAddress>, IndexError> {
        let q = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let mut docs: Vec<DocAddress> = searcher
            .search(&q, &tantivy::collector::DocSetCollector)?
            .into_iter()
            .collect();
        docs.sort();
        Ok(docs)
    }

    /// The stored document at `addr`.
    pub(crate) fn doc(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Result<TantivyDocument, IndexError> {
        Ok(searcher.doc(addr)?)
    }

    /// The parts of the stored extract record that search and citations read.
    pub(crate) fn record(&self, doc: &TantivyDocument) -> Result<StoredRecord, IndexError> {
        Ok(serde_json::from_str(self.record_json(doc))?)
    }

    /// The stored record's JSON (empty when absent), borrowed from the document.
    pub(crate) fn record_json<'d>(&self, doc: &'d TantivyDocument) -> &'d str {
        doc.get_first(self.fields.record)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// The first text value of a stored field.
    pub(crate) fn text(
        &self,
        doc: &TantivyDocument,
        field: tantivy::schema::Field,
    ) -> Option<String> {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }
}
