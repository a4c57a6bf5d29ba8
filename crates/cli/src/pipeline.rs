//! One file through the stages: parse (PDFs in isolated workers) → text repair → facts.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use vanban_extract::ExtractRecord;
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

/// The stages wired together, with one pool of PDF workers shared by all files.
pub struct Pipeline {
    parser: Parser,
}

impl Pipeline {
    /// Starts the PDF worker pool (workers are this executable in worker mode).
    pub fn new(limits: Limits) -> Result<Self> {
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
        })
    }

    /// Runs one file through every stage.
    pub fn process(&self, path: &Path) -> Result<ExtractRecord, ParseError> {
        let mut doc = self.parser.parse_path(path)?;
        // Legacy-font runs become Unicode before any text is rendered: the converted
        // text is the document's real text, so it is what users see and spans index.
        vanban_text::repair_document(&mut doc);
        let texts = doc.page_texts();
        let pages = vanban_text::prepare_document(&texts);
        let facts = vanban_extract::extract_facts(&pages);
        Ok(ExtractRecord::new(&doc, texts, facts))
    }
}
