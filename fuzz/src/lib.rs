//! The checks behind the fuzz targets. Each module is a single file that
//! depends only on the vanban crates, so the stable regression tests in
//! `crates/*/tests/fuzz_regressions.rs` include the very same file with
//! `#[path]` and replay the committed inputs through it.

pub mod doc;
pub mod docx;
pub mod extract;
pub mod html;
pub mod pdf_worker;
pub mod rtf;
pub mod text_repair;
