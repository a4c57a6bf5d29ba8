//! OCR stage of vanban, between parsing and text repair: pages of a PDF that
//! have no text layer (scans) or whose text layer fails the Vietnamese quality
//! check (a poor OCR layer that lost its diacritics) are rendered to grey
//! images with poppler's `pdftoppm` and read by Tesseract 5 with its `vie`
//! model. The result is a page of the same model the readers give (one
//! paragraph per line), plus provenance: the page says it was OCRed, with its
//! mean and per-word confidences, and the document names engine and model.
//!
//! A Word document (DOCX or `.doc`) that is only pictures, a scan pasted into
//! Word, comes with its pictures in the model ([`Document::images`], put there by
//! the reader); each picture Tesseract can read (PNG, JPEG, TIFF, BMP, GIF) that is
//! page-sized and within the pixel limit becomes one OCRed page, in document order.
//!
//! Tesseract and poppler run as child processes (time and memory bounded, one
//! per page, pages in parallel on the shared rayon pool) because the CLI
//! is what Debian ships and keeps a hostile image out of vanban's own process.
//! Without them a document keeps its `needs_ocr` flag and gets a warning that
//! says what to install.

#![deny(missing_docs)]

pub mod engine;
pub mod image;
pub mod quality;
pub mod tsv;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rayon::prelude::*;
use vanban_model::{Document, EmbeddedImage, Format, Page, WarningKind};

pub use engine::{Engine, Missing, INSTALL_HINT};
pub use quality::LayerQuality;

/// Pages whose text layer has fewer usable characters than this have no text layer.
const MIN_LAYER_CHARS: usize = 20;
/// Pages read with a lower mean confidence than this get a warning.
pub const LOW_CONFIDENCE: f32 = 70.0;
/// An OCR reading must score at least this much better than the layer it replaces.
const MIN_SCORE_GAIN: f64 = 0.1;

/// When pages are OCRed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages without a text layer, and pages whose layer fails the Vietnamese check.
    #[default]
    Auto,
    /// Every PDF page, replacing any text layer (and, as in `auto`, the pictures
    /// of an image-only Word document).
    Always,
    /// No OCR (scans stay `needs_ocr`).
    Never,
}

impl std::str::FromStr for OcrMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(OcrMode::Auto),
            "always" => Ok(OcrMode::Always),
            "never" => Ok(OcrMode::Never),
            other => Err(format!(
                "unknown OCR mode {other:?} (expected auto, always or never)"
            )),
        }
    }
}

/// Settings of the OCR stage.
#[derive(Debug, Clone)]
pub struct OcrConfig {
    /// When to OCR.
    pub mode: OcrMode,
    /// Tesseract language model.
    pub language: String,
    /// Rendering resolution.
    pub dpi: u32,
    /// Budget of one page's rendering and of its recognition (each).
    pub page_timeout: Duration,
    /// Address-space limit of each child process, in bytes.
    pub memory_bytes: u64,
    /// Where readings are cached by page-image hash; `None` turns the cache off.
    pub cache_dir: Option<PathBuf>,
    /// Largest picture of an image-only Word document read, in pixels (`Limits::max_image_pixels`).
    pub max_image_pixels: u64,
}

impl Default for OcrConfig {
    fn default() -> Self {
        OcrConfig {
            mode: OcrMode::Auto,
            language: "vie".into(),
            dpi: 300,
            page_timeout: Duration::from_secs(60),
            memory_bytes: 2 << 30,
            cache_dir: default_cache_dir(),
            max_image_pixels: vanban_model::Limits::default().max_image_pixels,
        }
    }
}

/// `$VANBAN_OCR_CACHE`, else `$XDG_CACHE_HOME/vanban/ocr`, else `~/.cache/vanban/ocr`.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("VANBAN_OCR_CACHE") {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("vanban").join("ocr"))
}

/// Why a page was OCRed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    /// No text layer (a scan).
    NoTextLayer,
    /// A text layer that failed the Vietnamese check.
    BadLayer(LayerQuality),
    /// `--ocr always`.
    Forced,
}

/// What the stage did to one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OcrReport {
    /// Pages whose text now comes from OCR.
    pub pages_ocred: usize,
    /// Of those, pages read from the cache.
    pub pages_cached: usize,
    /// Pages that needed OCR but could not get it (engine missing, failure).
    pub pages_missed: usize,
}

/// The OCR stage: configuration plus the engine found on this machine.
pub struct Ocr {
    config: OcrConfig,
    engine: Result<Engine, Missing>,
    pages_done: AtomicUsize,
}

impl Ocr {
    /// The engine and a scratch folder for `count` pages (`what`: "page" or
    /// "scanned picture"), or `None` after a warning saying why they cannot be read.
    fn engine_and_scratch(
        &self,
        doc: &mut Document,
        report: &mut OcrReport,
        count: usize,
        what: &str,
    ) -> Option<(&Engine, tempfile::TempDir)> {
        let engine = match &self.engine {
            Ok(engine) => engine,
            Err(missing) => {
                report.pages_missed = count;
                doc.warn(
                    WarningKind::NeedsOcr,
                    None,
                    format!(
                        "{count} {what}{} need OCR but OCR is not available ({missing}); \
                         to enable it: {INSTALL_HINT}",
                        plural(count)
                    ),
                );
                return None;
            }
        };
        match tempfile::tempdir() {
            Ok(dir) => Some((engine, dir)),
            Err(e) => {
                report.pages_missed = count;
                doc.warn(
                    WarningKind::Other,
                    None,
                    format!("OCR skipped: cannot create a scratch folder: {e}"),
                );
                None
            }
        }
    }

    /// Looks for Tesseract and poppler (once; every document reuses the answer).
    pub fn new(config: OcrConfig) -> Self {
        let engine = if config.mode == OcrMode::Never {
            Err(Missing::Program("tesseract"))
        } else {
            match tempfile::tempdir() {
                Ok(dir) => Engine::probe(&config.language, dir.path()),
                Err(e) => Err(Missing::Broken(format!("no scratch folder: {e}"))),
            }
        };
        Ocr {
            config,
            engine,
            pages_done: AtomicUsize::new(0),
        }
    }

    /// The engine, or why there is none.
    pub fn engine(&self) -> Result<&Engine, &Missing> {
        self.engine.as_ref()
    }

    /// Pages OCRed so far by this stage, over every document (for progress displays).
    pub fn pages_done(&self) -> usize {
        self.pages_done.load(Ordering::Relaxed)
    }

    /// Runs the stage on a parsed document whose file is at `pdf`.
    ///
    /// Never fails the document: a page that cannot be OCRed keeps its text layer
    /// (or stays empty) and the document gets a warning naming the page and the reason.
    pub fn apply(&self, doc: &mut Document, pdf: &Path) -> OcrReport {
        let mut report = OcrReport::default();
        // The pictures are read here or not at all: they never travel further.
        let images = std::mem::take(&mut doc.images);
        if self.config.mode == OcrMode::Never {
            return report;
        }
        if !images.is_empty() && doc.meta.needs_ocr && doc.format != Some(Format::Pdf) {
            return self.apply_images(doc, images);
        }
        if doc.format != Some(Format::Pdf) {
            return report;
        }
        let chosen: Vec<(usize, Reason)> = doc
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, page)| decide(self.config.mode, page).map(|r| (i, r)))
            .collect();
        if chosen.is_empty() {
            return report;
        }
        let Some((engine, scratch)) =
            self.engine_and_scratch(doc, &mut report, chosen.len(), "page")
        else {
            return report;
        };
        let readings: Vec<(usize, Reason, Result<Reading, String>)> = chosen
            .par_iter()
            .map(|&(i, reason)| {
                let number = doc.pages[i].number;
                let reading = self.read_page(engine, pdf, number, scratch.path());
                self.pages_done.fetch_add(1, Ordering::Relaxed);
                (i, reason, reading)
            })
            .collect();
        let mut used = false;
        for (i, reason, reading) in readings {
            let number = doc.pages[i].number;
            let reading = match reading {
                Ok(r) => r,
                Err(why) => {
                    report.pages_missed += 1;
                    doc.warn(
                        WarningKind::PageFailed,
                        Some(number),
                        format!("page {number}: OCR failed ({why}); the page keeps its text layer"),
                    );
                    continue;
                }
            };
            if reading.page.blocks.is_empty() {
                // Nothing legible on the image (a blank or photo page): the page stays as it was.
                report.pages_missed += 1;
                continue;
            }
            if let Reason::BadLayer(layer) = reason {
                let read = LayerQuality::measure(&reading.page.text());
                let enough_words = read.words * 2 >= layer.words;
                if read.score() < layer.score() + MIN_SCORE_GAIN || !enough_words {
                    // The image reads no better than the layer: keep what the file says.
                    continue;
                }
            }
            report.pages_ocred += 1;
            report.pages_cached += usize::from(reading.cached);
            used = true;
            self.install(doc, i, reason, reading.page);
        }
        if used {
            doc.meta.ocr = Some(engine.info.clone());
            settle_needs_ocr(doc);
        }
        report
    }

    /// Renders, hashes, and reads one page (from the cache when the image was read before).
    fn read_page(
        &self,
        engine: &Engine,
        pdf: &Path,
        number: u32,
        scratch: &Path,
    ) -> Result<Reading, String> {
        let bounds = engine::Bounds {
            timeout: self.config.page_timeout,
            memory_bytes: self.config.memory_bytes,
        };
        let dpi = self.config.dpi;
        let image = engine
            .render(pdf, number, dpi, scratch, bounds)
            .map_err(|e| e.to_string())?;
        let pixels = std::fs::read(&image).map_err(|e| format!("rendered image: {e}"))?;
        let mut hasher = blake3::Hasher::new();
        hasher.update(engine.cache_salt(dpi).as_bytes());
        hasher.update(&pixels);
        let key = hasher.finalize().to_hex().to_string();
        drop(pixels);
        let reading = self.read_cached(engine, &key, &image, Some(dpi), bounds);
        // The image is the biggest file of the exchange; a 200-page scan must not fill the disk.
        let _ = std::fs::remove_file(&image);
        reading
    }

    /// The reading of `image` from the cache under `key`, else from Tesseract (then cached).
    fn read_cached(
        &self,
        engine: &Engine,
        key: &str,
        image: &Path,
        dpi: Option<u32>,
        bounds: engine::Bounds,
    ) -> Result<Reading, String> {
        let (tsv, cached) = match self.cache_get(key) {
            Some(tsv) => (tsv, true),
            None => {
                let tsv = engine
                    .recognise(image, dpi, bounds)
                    .map_err(|e| e.to_string())?;
                self.cache_put(key, &tsv);
                (tsv, false)
            }
        };
        let page = tsv::page_from_tsv(&tsv).map_err(|e| e.to_string())?;
        Ok(Reading { page, cached })
    }

    /// Reads the pictures of an image-only Word document as its pages, in order: a
    /// picture that cannot be read becomes an empty page (so page `n` is still the
    /// `n`th picture) with a warning naming it.
    fn apply_images(&self, doc: &mut Document, images: Vec<EmbeddedImage>) -> OcrReport {
        let mut report = OcrReport::default();
        let mut chosen: Vec<(EmbeddedImage, &'static str)> = Vec::new();
        for img in images {
            match image::page_scan(&img.media_type, &img.bytes, self.config.max_image_pixels) {
                Ok(ext) => chosen.push((img, ext)),
                Err(why) => doc.warn(
                    WarningKind::PartSkipped,
                    None,
                    format!("picture {} is not OCRed: {why}", img.name),
                ),
            }
        }
        if chosen.is_empty() {
            return report;
        }
        let Some((engine, scratch)) =
            self.engine_and_scratch(doc, &mut report, chosen.len(), "scanned picture")
        else {
            return report;
        };
        let readings: Vec<Result<Reading, String>> = chosen
            .par_iter()
            .enumerate()
            .map(|(k, (img, ext))| {
                let reading = self.read_picture(engine, img, ext, k, scratch.path());
                self.pages_done.fetch_add(1, Ordering::Relaxed);
                reading
            })
            .collect();
        let mut pages = Vec::with_capacity(readings.len());
        for ((img, _), reading) in chosen.iter().zip(readings) {
            let number = pages.len() as u32 + 1;
            let mut page = match reading {
                Ok(r) if !r.page.blocks.is_empty() => {
                    report.pages_ocred += 1;
                    report.pages_cached += usize::from(r.cached);
                    r.page
                }
                Ok(_) => {
                    report.pages_missed += 1;
                    doc.warn(
                        WarningKind::NeedsOcr,
                        Some(number),
                        format!("page {number}: OCR found no text on picture {}", img.name),
                    );
                    Page::default()
                }
                Err(why) => {
                    report.pages_missed += 1;
                    doc.warn(
                        WarningKind::PageFailed,
                        Some(number),
                        format!("page {number}: OCR of picture {} failed ({why})", img.name),
                    );
                    Page::default()
                }
            };
            page.number = number;
            page.quality.has_images = true;
            if let Some(mean) = page.ocr.as_ref().map(|o| o.mean_confidence) {
                if mean < LOW_CONFIDENCE {
                    doc.warn(
                        WarningKind::PoorTextQuality,
                        Some(number),
                        format!(
                            "page {number}: OCR confidence is low (mean {mean:.0} of 100); check \
                             its text against picture {}",
                            img.name
                        ),
                    );
                }
            }
            pages.push(page);
        }
        if report.pages_ocred > 0 {
            // The document's pages are its pictures now (the reader's were empty).
            doc.pages = pages;
            doc.meta.page_count = doc.pages.len();
            doc.meta.ocr = Some(engine.info.clone());
            settle_needs_ocr(doc);
        }
        report
    }

    /// Writes one picture where Tesseract reads it and reads it (or takes the cached reading).
    fn read_picture(
        &self,
        engine: &Engine,
        img: &EmbeddedImage,
        ext: &str,
        k: usize,
        scratch: &Path,
    ) -> Result<Reading, String> {
        let bounds = engine::Bounds {
            timeout: self.config.page_timeout,
            memory_bytes: self.config.memory_bytes,
        };
        let mut hasher = blake3::Hasher::new();
        // No forced resolution: Tesseract uses the picture's own or estimates it.
        hasher.update(engine.cache_salt(0).as_bytes());
        hasher.update(b"|embedded picture|");
        hasher.update(&img.bytes);
        let key = hasher.finalize().to_hex().to_string();
        let path = scratch.join(format!("picture-{k}.{ext}"));
        if self.cache_path(&key).is_some_and(|p| p.is_file()) {
            return self.read_cached(engine, &key, &path, None, bounds);
        }
        std::fs::write(&path, &img.bytes).map_err(|e| format!("scratch copy: {e}"))?;
        let reading = self.read_cached(engine, &key, &path, None, bounds);
        let _ = std::fs::remove_file(&path);
        reading
    }

    fn cache_path(&self, key: &str) -> Option<PathBuf> {
        let dir = self.config.cache_dir.as_ref()?;
        Some(dir.join(&key[..2]).join(format!("{key}.tsv")))
    }

    fn cache_get(&self, key: &str) -> Option<String> {
        std::fs::read_to_string(self.cache_path(key)?).ok()
    }

    /// Stores a reading; a cache that cannot be written only costs time later, so errors are ignored.
    fn cache_put(&self, key: &str, tsv: &str) {
        let Some(path) = self.cache_path(key) else {
            return;
        };
        let Some(dir) = path.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        // Write then rename, so a reader never sees half a file.
        if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) {
            use std::io::Write;
            if tmp.write_all(tsv.as_bytes()).is_ok() {
                let _ = tmp.persist(&path);
            }
        }
    }

    /// Puts the OCR reading in place of page `i` and tells the user why and how well.
    fn install(&self, doc: &mut Document, i: usize, reason: Reason, mut page: Page) {
        let old = &doc.pages[i];
        let number = old.number;
        page.number = number;
        page.quality.has_images = old.quality.has_images;
        let mean = page.ocr.as_ref().map_or(0.0, |o| o.mean_confidence);
        if let (Some(ocr), Reason::BadLayer(_) | Reason::Forced) = (&mut page.ocr, reason) {
            ocr.replaced_text_layer = old.quality.chars > 0;
        }
        doc.pages[i] = page;
        if let Reason::BadLayer(q) = reason {
            doc.warn(
                WarningKind::TextRepaired,
                Some(number),
                format!(
                    "page {number}: the text layer failed the Vietnamese check ({:.0}% of {} words \
                     with diacritics, {:.0}% malformed) and was replaced by OCR",
                    q.marked_share() * 100.0,
                    q.words,
                    q.malformed_share() * 100.0
                ),
            );
        }
        if mean < LOW_CONFIDENCE {
            doc.warn(
                WarningKind::PoorTextQuality,
                Some(number),
                format!(
                    "page {number}: OCR confidence is low (mean {mean:.0} of 100); check its text \
                     against the image"
                ),
            );
        }
    }
}

/// One page read by OCR.
struct Reading {
    page: Page,
    cached: bool,
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Whether (and why) a page is OCRed.
fn decide(mode: OcrMode, page: &Page) -> Option<Reason> {
    match mode {
        OcrMode::Never => None,
        OcrMode::Always => Some(Reason::Forced),
        OcrMode::Auto => {
            let q = &page.quality;
            if !q.has_images {
                // Without an image there is nothing to read that the layer does not hold.
                return None;
            }
            let usable = q.chars.saturating_sub(q.replacement_chars);
            let unusable = q.replacement_chars + q.unmapped_glyphs;
            if usable < MIN_LAYER_CHARS || unusable * 2 >= q.chars + q.unmapped_glyphs {
                return Some(Reason::NoTextLayer);
            }
            let layer = layer_quality(page);
            layer.is_garbled().then_some(Reason::BadLayer(layer))
        }
    }
}

/// The quality of a page's text layer as the text stage will see it: legacy-font
/// text (TCVN3, VNI) is converted first, so it is judged as the Vietnamese it is.
fn layer_quality(page: &Page) -> LayerQuality {
    let mut probe = Document::new(Format::Pdf);
    probe.pages.push(page.clone());
    vanban_text::repair_document(&mut probe);
    LayerQuality::measure(&probe.page_texts().concat())
}

/// Drops the `needs_ocr` flag and warnings once OCR gave the scanned pages their text.
fn settle_needs_ocr(doc: &mut Document) {
    let unread: Vec<u32> = doc
        .pages
        .iter()
        .filter(|p| p.ocr.is_none() && p.quality.has_images && p.quality.chars < MIN_LAYER_CHARS)
        .map(|p| p.number)
        .collect();
    let with_text = doc
        .pages
        .iter()
        .filter(|p| p.quality.chars >= MIN_LAYER_CHARS)
        .count();
    doc.warnings
        .retain(|w| w.kind != WarningKind::NeedsOcr || w.page.is_some_and(|p| unread.contains(&p)));
    doc.meta.needs_ocr = with_text == 0;
    if doc.meta.needs_ocr {
        doc.warn(
            WarningKind::NeedsOcr,
            None,
            "OCR found no text on this document's pages",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_model::{Block, Paragraph};

    fn page_with(text: &str, has_images: bool) -> Page {
        let mut page = Page::default();
        for line in text.lines() {
            page.blocks
                .push(Block::Paragraph(Paragraph::plain(line, None)));
        }
        page.quality.chars = text.chars().filter(|c| !c.is_whitespace()).count();
        page.quality.has_images = has_images;
        page
    }

    const GOOD: &str = "Căn cứ Nghị định số 12/2015/NĐ-CP ngày 12/2/2015 của Chính phủ quy định\n\
        chi tiết thi hành Luật; Ủy ban nhân dân tỉnh Hà Tĩnh báo cáo kết quả thực hiện công tác\n";
    const GARBLED: &str = "CQNG HOA XA HQI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc\n\
        Can cfr Nghi djnh s0 88/2O22/ND-CP ngay 26 thang 10 nam 2022 cua Chinh phu\n";

    #[test]
    fn a_scan_without_text_is_ocred() {
        assert_eq!(
            decide(OcrMode::Auto, &page_with("", true)),
            Some(Reason::NoTextLayer)
        );
        assert_eq!(decide(OcrMode::Never, &page_with("", true)), None);
    }

    #[test]
    fn a_good_layer_over_an_image_is_left_alone() {
        assert_eq!(decide(OcrMode::Auto, &page_with(GOOD, true)), None);
    }

    #[test]
    fn a_garbled_layer_over_an_image_is_ocred() {
        assert!(matches!(
            decide(OcrMode::Auto, &page_with(GARBLED, true)),
            Some(Reason::BadLayer(_))
        ));
    }

    #[test]
    fn a_page_without_images_is_never_ocred_in_auto_mode() {
        assert_eq!(decide(OcrMode::Auto, &page_with(GARBLED, false)), None);
        assert_eq!(decide(OcrMode::Auto, &page_with("", false)), None);
        assert_eq!(
            decide(OcrMode::Always, &page_with(GOOD, false)),
            Some(Reason::Forced)
        );
    }

    #[test]
    fn a_legacy_font_layer_is_judged_after_conversion() {
        // TCVN3 bytes shown in a .VnTime font read as Latin-1 letters; converted, they are good text.
        let tcvn3 = vanban_text::encode_tcvn3(GOOD);
        let mut page = Page::default();
        for line in tcvn3.lines() {
            page.blocks.push(Block::Paragraph(Paragraph::plain(
                line,
                Some(".VnTime".into()),
            )));
        }
        page.quality.chars = tcvn3.chars().filter(|c| !c.is_whitespace()).count();
        page.quality.has_images = true;
        assert!(LayerQuality::measure(&tcvn3).is_garbled());
        assert_eq!(decide(OcrMode::Auto, &page), None);
    }

    #[test]
    fn modes_parse() {
        assert_eq!("auto".parse::<OcrMode>(), Ok(OcrMode::Auto));
        assert_eq!("always".parse::<OcrMode>(), Ok(OcrMode::Always));
        assert_eq!("never".parse::<OcrMode>(), Ok(OcrMode::Never));
        assert!("sometimes".parse::<OcrMode>().is_err());
    }

    #[test]
    fn without_the_engine_a_scan_keeps_needs_ocr_and_says_what_to_install() {
        let ocr = Ocr {
            config: OcrConfig::default(),
            engine: Err(Missing::Program("tesseract")),
            pages_done: AtomicUsize::new(0),
        };
        let mut doc = Document::new(Format::Pdf);
        doc.pages.push(page_with("", true));
        doc.meta.needs_ocr = true;
        let report = ocr.apply(&mut doc, Path::new("/nonexistent.pdf"));
        assert_eq!(report.pages_missed, 1);
        assert!(doc.meta.needs_ocr);
        assert!(doc
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::NeedsOcr && w.message.contains(INSTALL_HINT)));
    }

    #[test]
    fn settling_drops_resolved_scan_warnings() {
        let mut doc = Document::new(Format::Pdf);
        let mut page = page_with(GOOD, true);
        page.number = 1;
        page.ocr = Some(Default::default());
        doc.pages.push(page);
        let mut blank = page_with("", true);
        blank.number = 2;
        doc.pages.push(blank);
        doc.meta.needs_ocr = true;
        doc.warn(WarningKind::NeedsOcr, None, "OCR needed");
        doc.warn(WarningKind::NeedsOcr, Some(1), "page 1 looks scanned");
        doc.warn(WarningKind::NeedsOcr, Some(2), "page 2 looks scanned");
        settle_needs_ocr(&mut doc);
        assert!(!doc.meta.needs_ocr);
        let left: Vec<_> = doc.warnings.iter().map(|w| w.page).collect();
        assert_eq!(left, [Some(2)]);
    }
}
