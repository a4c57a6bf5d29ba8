//! The searchable side of vanban: an incremental tantivy index of extract
//! records, Vietnamese-aware search with structured filters, and citations
//! traced both ways (`cites`, `cited-by`).
//!
//! Everything indexed and every query term goes through the same key functions
//! of `vanban-text` ([`vanban_text::exact_key`], [`vanban_text::folded_key`]),
//! so decomposed Unicode, either tone placement and unaccented typing all meet.
#![deny(missing_docs)]

mod analyzer;
mod cites;
mod dates;
mod error;
mod export;
mod failures;
mod group;
mod ingest;
mod lock;
mod manifest;
mod money;
mod rescore;
mod schema;
mod search;
mod snippet;
mod stats;
mod store;
mod stored;
mod tally;
#[cfg(test)]
mod testing;
mod view;
mod walk;

pub use analyzer::{KeyKind, VnTokenizer, EXACT_TOKENIZER, FOLDED_TOKENIZER};
pub use cites::{CitationReport, CitedByReport, CitedReference, Citing, DocSummary};
pub use error::IndexError;
pub use export::{export_record_schema, ExportRecord, ExportedDocs};
pub use failures::FailedFile;
pub use ingest::{
    read_file, FileOutcome, FileStatus, IngestObserver, IngestOptions, IngestSummary,
};
pub use lock::IngestLock;
pub use manifest::{
    build_manifest, hash_file, is_blake3_hex, read_shard, shard, shard_file_name, write_shards,
    Manifest, ManifestEntry,
};
pub use money::{kind_of, parse_amount, AmountError, MoneyKind};
pub use schema::Fields;
pub use search::{FacetCount, Facets, Filters, SearchHit, SearchRequest, SearchResults, SortBy};
pub use snippet::{query_hits, Snippet, Span};
pub use stats::{Count, FigureRange, Stats, YearMoney};
pub use store::{VanbanIndex, DEFAULT_INDEX_DIR};
pub use view::{is_document_id, AgencyMoney, DocumentView};
pub use walk::is_skipped_name;
