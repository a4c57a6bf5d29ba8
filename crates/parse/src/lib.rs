//! Parsing stage of vanban: the bytes of a file become a [`Document`] of
//! ordered pages whose blocks keep reading order, table structure and the font
//! of every run (the text stage needs fonts to recognise legacy Vietnamese
//! encodings).
//!
//! Each input format is a [`Reader`] in one table ([`readers::READERS`]); the
//! format is sniffed from the content. Readers of untrusted binary formats run
//! in isolated worker processes ([`worker::WorkerPool`]), because a parser can
//! panic, overflow its stack or hang on hostile input and none of those may end
//! a batch.
#![deny(missing_docs)]

pub mod doc;
pub mod docx;
mod flow;
pub mod html;
pub mod pdf;
pub mod plain;
pub mod readers;
pub mod rtf;
mod sniff;
pub mod worker;

pub use html::parse_html;
pub use rtf::parse_rtf;
pub use sniff::sniff_format;
pub use vanban_model::{
    Block, Cell, Document, EmbeddedImage, Format, Limits, Meta, OcrEngine, OcrPage, OcrWord, Page,
    Paragraph, ParseError, Reader, Role, Row, Run, Table, TextQuality, Warning, WarningKind,
};

use std::path::Path;

/// Parses a file's bytes in this process, choosing the reader from the content.
///
/// Readers that should run isolated are not isolated here: a hostile PDF can
/// abort the process. Batch callers use [`Parser`] with a worker pool instead.
pub fn parse_bytes(bytes: &[u8], source: &str, limits: &Limits) -> Result<Document, ParseError> {
    check_size(bytes.len() as u64, limits)?;
    let format = sniff_format(bytes, source)?;
    let mut doc = readers::reader_for(format).read(bytes, limits)?;
    finish(&mut doc, bytes, source, None);
    Ok(doc)
}

fn check_size(len: u64, limits: &Limits) -> Result<(), ParseError> {
    if len == 0 {
        return Err(ParseError::Empty);
    }
    if len > limits.max_file_bytes {
        return Err(ParseError::TooLarge {
            what: "file size",
            actual: len,
            limit: limits.max_file_bytes,
        });
    }
    Ok(())
}

/// Stamps what every reader's output shares: source, size, hash, page numbers.
fn finish(doc: &mut Document, bytes: &[u8], source: &str, blake3: Option<&str>) {
    doc.source = source.to_string();
    doc.meta.bytes = bytes.len() as u64;
    doc.meta.blake3 = match blake3 {
        Some(hash) => hash.to_string(),
        None => blake3::hash(bytes).to_hex().to_string(),
    };
    doc.meta.page_count = doc.pages.len();
    for (i, page) in doc.pages.iter_mut().enumerate() {
        page.number = i as u32 + 1;
    }
}

/// Parses files, sending formats that must run isolated to a worker pool when one is configured.
pub struct Parser {
    limits: Limits,
    pool: Option<worker::WorkerPool>,
}

impl Parser {
    /// A parser that runs every reader in this process (for tests and fuzzing, not for batches).
    pub fn in_process(limits: Limits) -> Self {
        Parser { limits, pool: None }
    }

    /// A parser that sends isolated formats to `pool`'s worker processes.
    pub fn with_pool(limits: Limits, pool: worker::WorkerPool) -> Self {
        Parser {
            limits,
            pool: Some(pool),
        }
    }

    /// The limits this parser applies.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Reads and parses one file; every failure names its reason.
    pub fn parse_path(&self, path: &Path) -> Result<Document, ParseError> {
        let bytes = read_file(path, &self.limits)?;
        self.parse_bytes(&bytes, &path.to_string_lossy())
    }

    /// Parses bytes already in memory; `source` names them in the output.
    pub fn parse_bytes(&self, bytes: &[u8], source: &str) -> Result<Document, ParseError> {
        self.parse_hashed(bytes, source, None)
    }

    /// Like [`Parser::parse_bytes`], for bytes whose BLAKE3 (hex) the caller has
    /// already computed (an ingest hashes each file once, to skip unchanged ones).
    pub fn parse_hashed(
        &self,
        bytes: &[u8],
        source: &str,
        blake3: Option<&str>,
    ) -> Result<Document, ParseError> {
        check_size(bytes.len() as u64, &self.limits)?;
        let format = sniff_format(bytes, source)?;
        let reader = readers::reader_for(format);
        let mut doc = match &self.pool {
            Some(pool) if reader.isolated() => pool.parse(bytes, format, &self.limits)?,
            _ => reader.read(bytes, &self.limits)?,
        };
        finish(&mut doc, bytes, source, blake3);
        Ok(doc)
    }
}

/// Reads a file for parsing, refusing non-files and files over the size limit before reading.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, ParseError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ParseError::NotAFile);
    }
    check_size(meta.len(), limits)?;
    Ok(std::fs::read(path)?)
}

/// The warning of a reader that keeps only the first `limit` pictures of an
/// image-only document (each picture becomes a page, so the page limit applies).
pub(crate) fn warn_pictures_dropped(doc: &mut vanban_model::Document, limit: usize) {
    doc.warn(
        vanban_model::WarningKind::Truncated,
        None,
        format!("pictures after the first {limit} were dropped (page limit)"),
    );
}
