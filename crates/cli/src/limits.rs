//! The command-line form of the pipeline's resource limits (the pipeline
//! itself is the `vanban-pipeline` library).

use std::time::Duration;

use vanban_model::Limits;
use vanban_ocr::{OcrConfig, OcrMode};

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
    /// OCR PDF pages: `auto` (scans and garbled text layers), `always`, `never`; in
    /// `auto` and `always` the pictures of an image-only Word document are read too.
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
            max_image_pixels: limits.max_image_pixels,
            cache_dir: self.ocr_cache.clone().or(defaults.cache_dir.clone()),
            ..defaults
        }
    }
}
