//! One file through the stages: parse (PDFs in isolated workers) → OCR (scans and
//! garbled text layers) → text repair → facts.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use vanban_extract::ExtractRecord;
use vanban_ocr::{Ocr, OcrConfig, OcrMode};
use vanban_parse::{pdf::WorkerPool, Limits, ParseError, Parser};

/// Resource limits a user can set on the command line.
#[derive(clap::Args, Debug, Clone)]
pub struct LimitArgs {
    /// Seconds one PDF may take to parse before it is abandoned.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub timeout: u64,
    /// Memory limit of one PDF worker process, in MiB.
    #[arg(long, default_value_t = 2048, value_name = "MIB")]
    pub worker_memory: u64,
    /// Largest file accepted, in MiB.
    #[arg(long, default_value_t = 512, value_name = "MIB")]
    pub max_file_size: u64,
    /// Largest number of pages kept from one document.
    #[arg(long, default_value_t = 20_000)]
    pub max_pages: usize,
    /// Largest uncompressed/compressed ratio accepted for a DOCX zip entry.
    #[arg(long, default_value_t = 200)]
    pub max_zip_ratio: u64,
}

impl LimitArgs {
    /// The parse limits these arguments describe.
    pub fn to_limits(&self) -> Limits {
        Limits {
            pdf_timeout_ms: self.timeout.saturating_mul(1000),
            worker_memory_bytes: self.worker_memory.saturating_mul(1024 * 1024),
            max_file_bytes: self.max_file_size.saturating_mul(1024 * 1024),
            max_pages: self.max_pages,
            max_zip_ratio: self.max_zip_ratio,
            ..Limits::default()
        }
    }
}

/// OCR settings a user can set on the command line.
#[derive(clap::Args, Debug, Clone)]
pub struct OcrArgs {
    /// OCR PDF pages: `auto` (scans and garbled text layers), `always`, `never`.
    #[arg(long, default_value = "auto", value_name = "WHEN")]
    pub ocr: OcrMode,
    /// Folder of cached OCR readings (default $XDG_CACHE_HOME/vanban/ocr).
    #[arg(long, value_name = "DIR")]
    pub ocr_cache: Option<std::path::PathBuf>,
}

impl OcrArgs {
    /// The OCR configuration; per-page time and memory follow the PDF limits.
    pub fn to_config(&self, limits: &Limits) -> OcrConfig {
        let defaults = OcrConfig::default();
        OcrConfig {
            mode: self.ocr,
            page_timeout: Duration::from_millis(limits.pdf_timeout_ms),
            memory_bytes: limits.worker_memory_bytes,
            cache_dir: self.ocr_cache.clone().or(defaults.cache_dir.clone()),
            ..defaults
        }
    }
}

/// The stages wired together, with one pool of PDF workers shared by all files.
pub struct Pipeline {
    parser: Parser,
    ocr: Ocr,
}

impl Pipeline {
    /// Starts the PDF worker pool (workers are this executable in worker mode).
    pub fn new(limits: Limits, ocr: OcrConfig) -> Result<Self> {
        let exe = std::env::current_exe()?;
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = WorkerPool::new(
            exe,
            vec!["parse-worker".into()],
            workers,
            Duration::from_millis(limits.pdf_timeout_ms),
            limits.worker_memory_bytes,
        );
        Ok(Pipeline {
            parser: Parser::with_pool(limits, pool),
            ocr: Ocr::new(ocr),
        })
    }

    /// Pages OCRed so far (for progress displays).
    pub fn ocr_pages(&self) -> usize {
        self.ocr.pages_done()
    }

    /// Runs one file through every stage.
    pub fn process(&self, path: &Path) -> Result<ExtractRecord, ParseError> {
        let mut doc = self.parser.parse_path(path)?;
        self.ocr.apply(&mut doc, path);
        // Legacy-font runs become Unicode before any text is rendered: the converted
        // text is the document's real text, so it is what users see and spans index.
        vanban_text::repair_document(&mut doc);
        let texts = doc.page_texts();
        let pages = vanban_text::prepare_document(&texts);
        let facts = vanban_extract::extract_facts(&pages);
        Ok(ExtractRecord::new(&doc, texts, facts))
    }
}
