//! Benchmark corpus for vanban: a deterministic generator of Vietnamese
//! government documents (reports, plans, decisions, submissions, notices,
//! official letters) written as PDF with an embedded subset TrueType font and
//! ToUnicode map, and as DOCX, plus a manifest of the facts planted in each.
//!
//! Same seed and count give byte-identical files: every document draws from its
//! own generator derived from (seed, index), so parallel generation cannot
//! change the output.

#![deny(missing_docs)]

pub mod content;
pub mod docx;
pub mod font;
pub mod pdf;
pub mod rng;
pub mod vocab;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

pub use content::{Report, Truth};
pub use rng::Rng;

/// Why generation failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum GenerateError {
    /// The vendored font could not be parsed or subset.
    #[error("font: {0}")]
    Font(String),
    /// The PDF writer failed.
    #[error("pdf: {0}")]
    Pdf(String),
    /// The DOCX writer failed.
    #[error("docx: {0}")]
    Docx(String),
    /// Writing a file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        message: String,
    },
}

fn io_error(path: &Path, e: std::io::Error) -> GenerateError {
    GenerateError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Which files to write for each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// Write `NAME.pdf`.
    pub pdf: bool,
    /// Write `NAME.docx`.
    pub docx: bool,
}

/// One generated document in memory.
pub struct Generated {
    /// Content and planted truth.
    pub report: Report,
    /// Pages of the PDF layout (the DOCX breaks pages at the same blocks).
    pub pages: usize,
    /// PDF bytes, when asked for.
    pub pdf: Option<Vec<u8>>,
    /// DOCX bytes, when asked for.
    pub docx: Option<Vec<u8>>,
}

/// Generates document `index` of the corpus seeded with `seed`.
pub fn generate_document(
    seed: u64,
    index: u64,
    formats: Formats,
) -> Result<Generated, GenerateError> {
    let mut rng = Rng::for_document(seed, index);
    let report = content::generate_report(&mut rng, index);
    let laid = pdf::layout(&report)?;
    let pdf = if formats.pdf {
        let title = format!("{} {}", report.truth.kind, report.truth.number);
        Some(pdf::write_pdf(&laid, &title, seed ^ index)?)
    } else {
        None
    };
    let docx = if formats.docx {
        Some(docx::write_docx(&report, &laid.body_page_starts)?)
    } else {
        None
    };
    Ok(Generated {
        pages: laid.page_count(),
        report,
        pdf,
        docx,
    })
}

/// One line of `manifest.jsonl`.
#[derive(Debug, Serialize)]
pub struct ManifestEntry {
    /// PDF file name in the output folder.
    pub pdf: Option<String>,
    /// DOCX file name in the output folder.
    pub docx: Option<String>,
    /// Pages of the PDF.
    pub pages: usize,
    /// Size of the PDF in bytes.
    pub pdf_bytes: Option<u64>,
    /// Size of the DOCX in bytes.
    pub docx_bytes: Option<u64>,
    /// The planted facts.
    #[serde(flatten)]
    pub truth: Truth,
}

/// What a generation run produced.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Documents generated.
    pub documents: u64,
    /// Files written.
    pub files: u64,
    /// Pages over all documents (PDF layout).
    pub pages: u64,
    /// Bytes of PDF written.
    pub pdf_bytes: u64,
    /// Bytes of DOCX written.
    pub docx_bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Writes `count` documents into `out` (created if missing) plus `manifest.jsonl`.
pub fn generate(
    out: &Path,
    count: u64,
    seed: u64,
    formats: Formats,
) -> Result<Summary, GenerateError> {
    let started = Instant::now();
    fs::create_dir_all(out).map_err(|e| io_error(out, e))?;
    let width = count.saturating_sub(1).to_string().len().max(5);
    let entries: Vec<ManifestEntry> = (0..count)
        .into_par_iter()
        .map(|index| {
            let doc = generate_document(seed, index, formats)?;
            let stem = format!("doc_{index:0width$}");
            let write = |ext: &str,
                         bytes: &Option<Vec<u8>>|
             -> Result<Option<(String, u64)>, GenerateError> {
                match bytes {
                    Some(b) => {
                        let name = format!("{stem}.{ext}");
                        let path = out.join(&name);
                        fs::write(&path, b).map_err(|e| io_error(&path, e))?;
                        Ok(Some((name, b.len() as u64)))
                    }
                    None => Ok(None),
                }
            };
            let pdf = write("pdf", &doc.pdf)?;
            let docx = write("docx", &doc.docx)?;
            Ok(ManifestEntry {
                pdf_bytes: pdf.as_ref().map(|p| p.1),
                docx_bytes: docx.as_ref().map(|d| d.1),
                pdf: pdf.map(|p| p.0),
                docx: docx.map(|d| d.0),
                pages: doc.pages,
                truth: doc.report.truth,
            })
        })
        .collect::<Result<_, GenerateError>>()?;

    let manifest_path = out.join("manifest.jsonl");
    let mut manifest = String::new();
    let mut summary = Summary::default();
    for e in &entries {
        let line = serde_json::to_string(e).map_err(|err| GenerateError::Io {
            path: manifest_path.clone(),
            message: err.to_string(),
        })?;
        manifest.push_str(&line);
        manifest.push('\n');
        summary.documents += 1;
        summary.files += u64::from(e.pdf.is_some()) + u64::from(e.docx.is_some());
        summary.pages += e.pages as u64;
        summary.pdf_bytes += e.pdf_bytes.unwrap_or(0);
        summary.docx_bytes += e.docx_bytes.unwrap_or(0);
    }
    let mut file = fs::File::create(&manifest_path).map_err(|e| io_error(&manifest_path, e))?;
    file.write_all(manifest.as_bytes())
        .map_err(|e| io_error(&manifest_path, e))?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
