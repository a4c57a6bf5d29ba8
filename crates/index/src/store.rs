//! Opening and creating the index folder.

use std::collections::HashMap;
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
    pub hash: String,
    pub engine: String,
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

    /// Path → content hash and engine of every indexed document, read from
    /// fast fields (no stored document is decompressed).
    pub(crate) fn known_files(&self) -> Result<HashMap<String, Known>, IndexError> {
        let searcher = self.searcher()?;
        let mut out = HashMap::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let (Some(paths), Some(hashes)) = (ff.str("path")?, ff.str("hash")?) else {
                continue;
            };
            let engines = ff.str("engine")?;
            let read =
                |col: &tantivy::columnar::StrColumn, doc| -> Result<Option<String>, IndexError> {
                    let Some(ord) = col.term_ords(doc).next() else {
                        return Ok(None);
                    };
                    let mut s = String::new();
                    let found = col
                        .ord_to_str(ord, &mut s)
                        .map_err(|e| IndexError::io(&self.dir, e))?;
                    Ok(found.then_some(s))
                };
            for doc in seg.doc_ids_alive() {
                let (Some(p), Some(hash)) = (read(&paths, doc)?, read(&hashes, doc)?) else {
                    continue;
                };
                let engine = match &engines {
                    Some(col) => read(col, doc)?.unwrap_or_default(),
                    None => String::new(),
                };
                out.insert(p, Known { hash, engine });
            }
        }
        Ok(out)
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
