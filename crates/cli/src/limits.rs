//! The command-line form of the pipeline's resource limits (the pipeline
//! itself is the `vanban-pipeline` library).

use vanban_model::Limits;

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
