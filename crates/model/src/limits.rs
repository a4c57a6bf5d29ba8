//! Resource limits every reader honours.

use serde::{Deserialize, Serialize};

/// Resource limits applied while parsing one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest total uncompressed size of the parts read from a DOCX container.
    pub max_uncompressed_bytes: u64,
    /// Largest ratio of uncompressed to compressed size for one zip entry.
    pub max_zip_ratio: u64,
    /// Largest number of pages kept from one document.
    pub max_pages: usize,
    /// Deepest XML element nesting accepted in a DOCX part.
    pub max_xml_depth: usize,
    /// Wall-clock budget for parsing one file in an isolated worker, in milliseconds.
    pub pdf_timeout_ms: u64,
    /// Address-space limit of one worker process, in bytes.
    pub worker_memory_bytes: u64,
    /// Largest picture of an image-only document kept for OCR, in bytes.
    #[serde(default = "default_max_image_bytes")]
    pub max_image_bytes: u64,
    /// Largest picture of an image-only document OCRed, in pixels (width × height).
    #[serde(default = "default_max_image_pixels")]
    pub max_image_pixels: u64,
}

/// 64 MiB: a 600 dpi grey A4 page is about 35 MB uncompressed, far less as JPEG or PNG.
fn default_max_image_bytes() -> u64 {
    64 * 1024 * 1024
}

/// 100 megapixels: an A4 page at 1200 dpi (9,921 × 14,031) is 139 MP, at 600 dpi 35 MP.
fn default_max_image_pixels() -> u64 {
    100_000_000
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
            max_image_bytes: default_max_image_bytes(),
            max_image_pixels: default_max_image_pixels(),
        }
    }
}
