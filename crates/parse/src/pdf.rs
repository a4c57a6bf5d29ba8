//! PDF parsing (in-process and through isolated worker processes).
//! Implemented in the foundation work; see the module docs once filled.

use crate::{Document, Limits, ParseError};

/// Parses a PDF in this process.
pub fn parse_pdf(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::Pdf("PDF parsing not built yet".into()))
}

/// A pool of PDF worker processes.
pub struct WorkerPool;

/// Serves parse requests on stdin/stdout (the worker process's main loop).
pub fn worker_main() -> std::io::Result<()> {
    Ok(())
}

impl WorkerPool {
    /// Starts a pool of `workers` processes running `program args`.
    pub fn new(
        _program: std::path::PathBuf,
        _args: Vec<String>,
        _workers: usize,
        _timeout: std::time::Duration,
        _memory_bytes: u64,
    ) -> Self {
        WorkerPool
    }

    /// Parses a PDF in a worker.
    pub fn parse(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
        parse_pdf(bytes, limits)
    }
}
