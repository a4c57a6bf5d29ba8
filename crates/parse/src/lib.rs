//! Parsing stage of vanban: bytes of a PDF, DOCX, RTF, HTML/MHTML or plain-text file become a
//! [`Document`] of ordered pages whose blocks keep reading order, table
//! structure and the font of every run (the text stage needs fonts to
//! recognise legacy Vietnamese encodings).
//!
//! PDF parsing runs in isolated worker processes (see [`pdf::WorkerPool`]),
//! because the PDF library can panic, overflow its stack or hang on hostile
//! input and none of those may end a batch.

pub mod docx;
mod error;
mod flow;
pub mod html;
mod model;
pub mod pdf;
pub mod plain;
pub mod rtf;
mod sniff;

pub use error::ParseError;
pub use html::parse_html;
pub use model::{
    Block, Cell, Document, Format, Meta, Page, Paragraph, Role, Row, Run, Table, TextQuality,
    Warning, WarningKind,
};
pub use rtf::parse_rtf;
pub use sniff::sniff_format;

use std::path::Path;

/// Resource limits applied while parsing one file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest total uncompressed size of the parts read from a DOCX container; also the
    /// largest decoded HTML text (an MHTML part after base64/quoted-printable decoding).
    pub max_uncompressed_bytes: u64,
    /// Largest ratio of uncompressed to compressed size for one zip entry.
    pub max_zip_ratio: u64,
    /// Largest number of pages kept from one document.
    pub max_pages: usize,
    /// Deepest XML element nesting accepted in a DOCX part; also the deepest RTF group
    /// and HTML element nesting.
    pub max_xml_depth: usize,
    /// Wall-clock budget for parsing one PDF in a worker, in milliseconds.
    pub pdf_timeout_ms: u64,
    /// Address-space limit of one PDF worker process, in bytes.
    pub worker_memory_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 * 1024 * 1024,
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_zip_ratio: 200,
            max_pages: 20_000,
            max_xml_depth: 256,
            pdf_timeout_ms: 60_000,
            worker_memory_bytes: 2 * 1024 * 1024 * 1024,
        }
    }
}

/// Parses a file's bytes in this process, choosing the parser from the content.
///
/// PDFs parsed this way are not isolated: a hostile PDF can abort the process.
/// Batch callers use [`Parser`] with a worker pool instead.
pub fn parse_bytes(bytes: &[u8], source: &str, limits: &Limits) -> Result<Document, ParseError> {
    check_size(bytes.len() as u64, limits)?;
    let format = sniff_format(bytes, source)?;
    let mut doc = match format {
        Format::Pdf => pdf::parse_pdf(bytes, limits)?,
        Format::Docx => docx::parse_docx(bytes, limits)?,
        Format::Text | Format::Markdown => plain::parse_plain(bytes, format)?,
        Format::Rtf => rtf::parse_rtf(bytes, limits)?,
        Format::Html => html::parse_html(bytes, limits)?,
    };
    finish(&mut doc, bytes, source);
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

fn finish(doc: &mut Document, bytes: &[u8], source: &str) {
    doc.source = source.to_string();
    doc.meta.bytes = bytes.len() as u64;
    doc.meta.blake3 = blake3::hash(bytes).to_hex().to_string();
    doc.meta.page_count = doc.pages.len();
    for (i, page) in doc.pages.iter_mut().enumerate() {
        page.number = i as u32 + 1;
    }
}

/// Parses files from disk, sending PDFs to an isolated worker pool when one is configured.
pub struct Parser {
    limits: Limits,
    pool: Option<pdf::WorkerPool>,
}

impl Parser {
    /// A parser that parses PDFs in this process (for tests and fuzzing, not for batches).
    pub fn in_process(limits: Limits) -> Self {
        Parser { limits, pool: None }
    }

    /// A parser that sends PDFs to `pool`'s worker processes.
    pub fn with_pool(limits: Limits, pool: pdf::WorkerPool) -> Self {
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
        let meta = std::fs::metadata(path)?;
        if meta.is_dir() {
            return Err(ParseError::NotAFile);
        }
        check_size(meta.len(), &self.limits)?;
        let bytes = std::fs::read(path)?;
        let source = path.to_string_lossy();
        self.parse_bytes(&bytes, &source)
    }

    /// Parses bytes already in memory; `source` names them in the output.
    pub fn parse_bytes(&self, bytes: &[u8], source: &str) -> Result<Document, ParseError> {
        check_size(bytes.len() as u64, &self.limits)?;
        let format = sniff_format(bytes, source)?;
        match (&self.pool, format) {
            (Some(pool), Format::Pdf) => {
                let mut doc = pool.parse(bytes, &self.limits)?;
                finish(&mut doc, bytes, source);
                Ok(doc)
            }
            _ => parse_bytes(bytes, source, &self.limits),
        }
    }
}
