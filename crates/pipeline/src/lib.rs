//! vanban's pipeline as a library, the one place the stages are wired together:
//! parse (readers of untrusted formats in isolated worker processes) → OCR
//! (scans and garbled text layers) → text repair (legacy fonts, NFC, tone
//! placement) → facts with provenance.
//!
//! Every face calls this crate instead of copying it: the `vanban` binary, the
//! benches, the generator's tests and the server. A program that builds a
//! [`Pipeline`] with workers must call [`run_worker_if_requested`] first thing in
//! `main`: workers are the program itself, started with [`WORKER_ARG`].
#![deny(missing_docs)]

use std::path::Path;
use std::time::Duration;

use vanban_extract::ExtractRecord;
use vanban_model::{Document, Engine, Limits, ParseError};
use vanban_ocr::{Ocr, OcrConfig};
use vanban_parse::worker::WorkerPool;
use vanban_parse::Parser;

pub use vanban_parse::worker::WORKER_ARG;

/// Why a pipeline could not be set up (not why a file failed: that is a [`ParseError`]).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The running program's path, needed to start workers, is unknown.
    #[error("cannot find this program to start parse workers: {0}")]
    NoExecutable(#[source] std::io::Error),
}

/// The engine this build of vanban is: stored with indexed records, so a new
/// vanban re-reads the files an older one indexed.
pub fn engine() -> Engine {
    Engine::new(env!("CARGO_PKG_VERSION"), vanban_extract::SCHEMA_VERSION)
}

/// Runs this process as a parse worker and exits, when it was started as one.
///
/// Call it first in `main` of any program that builds a [`Pipeline::with_workers`];
/// in any other process it returns at once.
pub fn run_worker_if_requested() {
    if !vanban_parse::worker::is_worker_invocation() {
        return;
    }
    let code = match vanban_parse::worker::worker_main() {
        Ok(()) => 0,
        Err(e) => {
            // The pool reads a worker's stderr for its crash report.
            eprintln!("vanban parse worker failed: {e}");
            1
        }
    };
    std::process::exit(code);
}

/// The stages wired together, with one pool of isolated workers shared by all files.
pub struct Pipeline {
    parser: Parser,
    ocr: Ocr,
}

impl Pipeline {
    /// A pipeline whose isolated readers run in worker processes: this program,
    /// started with [`WORKER_ARG`], one per core; `ocr` says when pages are OCRed.
    pub fn with_workers(limits: Limits, ocr: OcrConfig) -> Result<Self, PipelineError> {
        let exe = std::env::current_exe().map_err(PipelineError::NoExecutable)?;
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = WorkerPool::new(
            exe,
            vec![WORKER_ARG.into()],
            workers,
            Duration::from_millis(limits.pdf_timeout_ms),
            limits.worker_memory_bytes,
        );
        Ok(Pipeline {
            parser: Parser::with_pool(limits, pool),
            ocr: Ocr::new(ocr),
        })
    }

    /// A pipeline that runs every reader in this process and never OCRs: for
    /// tests, benches and fuzzing, where a hostile file may take the process down.
    pub fn in_process(limits: Limits) -> Self {
        Pipeline {
            parser: Parser::in_process(limits),
            ocr: Ocr::new(OcrConfig {
                mode: vanban_ocr::OcrMode::Never,
                ..OcrConfig::default()
            }),
        }
    }

    /// Pages OCRed so far by this pipeline (for progress reports).
    pub fn ocr_pages(&self) -> usize {
        self.ocr.pages_done()
    }

    /// The limits this pipeline applies.
    pub fn limits(&self) -> &Limits {
        self.parser.limits()
    }

    /// Reads one file and runs it through every stage.
    pub fn process(&self, path: &Path) -> Result<ExtractRecord, ParseError> {
        let bytes = vanban_parse::read_file(path, self.parser.limits())?;
        self.process_read(path, &bytes, None)
    }

    /// Runs the bytes already read from `path` through every stage; `blake3` is
    /// their hash when the caller has it (so the file is hashed once).
    pub fn process_read(
        &self,
        path: &Path,
        bytes: &[u8],
        blake3: Option<&str>,
    ) -> Result<ExtractRecord, ParseError> {
        let mut doc = self
            .parser
            .parse_hashed(bytes, &path.to_string_lossy(), blake3)?;
        // The OCR engine renders pages from the file itself (pdftoppm reads a path).
        self.ocr.apply(&mut doc, path);
        Ok(finish(doc))
    }
}

/// The stages after parsing: repair, then facts.
pub fn finish(mut doc: Document) -> ExtractRecord {
    // Legacy-font runs become Unicode before any text is rendered: the converted
    // text is the document's real text, so it is what users see and spans index.
    vanban_text::repair_document(&mut doc);
    let texts = doc.page_texts();
    let pages = vanban_text::prepare_document(&texts);
    let facts = vanban_extract::extract_facts(&pages);
    ExtractRecord::new(&doc, texts, facts)
}
