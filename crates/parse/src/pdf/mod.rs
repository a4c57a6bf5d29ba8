//! PDF parsing with page provenance.
//!
//! [`parse_pdf`] parses in this process: lopdf loads the file, our content
//! stream interpreter runs each page on its own (fonts built once per
//! document), and every text line becomes a paragraph
//! of runs that keep their font name (the text stage needs fonts to spot
//! legacy Vietnamese encodings such as TCVN3 `.VnTime` and VNI `VNI-Times`).
//! Page text quality is measured so scans and unmapped fonts are flagged
//! instead of silently yielding empty or garbled text.
//!
//! Batches run it in isolated worker processes (`crate::worker`), because
//! hostile PDFs make the library panic, overflow its stack, hang or exhaust
//! memory, and a batch must survive all four.

mod extract;
mod font;
mod interp;
mod layout;
mod lexer;
mod std14;
mod tables;

pub use extract::parse_pdf;
#[cfg(test)]
pub(crate) mod testpdf;
