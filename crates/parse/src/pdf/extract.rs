//! In-process PDF parsing: lopdf loads the file once, pdf-extract interprets
//! each page separately (one bad page must not cost the others), and an
//! output device of ours turns the glyphs into lines of font-tagged runs.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::scan::{scan_page, PageScan};
use crate::worker::panic_message;
use crate::{Block, Document, Format, Limits, Meta, Page, Paragraph, ParseError, Run, WarningKind};

/// A page whose text is at least this share of unusable glyphs is flagged as poor.
const POOR_SHARE_PERCENT: usize = 50;
/// Fewer bad glyphs than this never make a page poor (a stray symbol is not a problem).
const POOR_MIN_GLYPHS: usize = 8;
/// Fewer usable characters per page than this, on average, means no real text layer.
const OCR_MIN_CHARS_PER_PAGE: usize = 20;

/// Parses a PDF in this process.
///
/// A page the PDF library cannot read (error or panic) becomes an empty page
/// with a `PageFailed` warning. A file without a usable text layer parses
/// successfully with `meta.needs_ocr` set and a `NeedsOcr` warning.
pub fn parse_pdf(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let pdf = load(bytes)?;
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err(ParseError::Pdf(
            "no pages found (page tree missing or empty)".into(),
        ));
    }
    let mut doc = Document::new(Format::Pdf);
    read_info(&pdf, &mut doc.meta);
    if pages.len() > limits.max_pages {
        doc.warn(
            WarningKind::Truncated,
            None,
            format!(
                "only the first {} of {} pages were read (page limit)",
                limits.max_pages,
                pages.len()
            ),
        );
    }
    let mut fonts: BTreeSet<Rc<str>> = BTreeSet::new();
    for (&number, &id) in pages.iter().take(limits.max_pages) {
        let scan = scan_page(&pdf, id);
        fonts.extend(scan.fonts.iter().cloned());
        let page = match extract_page(&pdf, number, &scan) {
            Ok(page) => page,
            Err(why) => {
                doc.warn(
                    WarningKind::PageFailed,
                    Some(number),
                    format!("page {number} could not be read ({why}); its text is missing"),
                );
                let mut page = Page::default();
                page.quality.has_images = scan.has_images;
                page
            }
        };
        doc.pages.push(Page { number, ..page });
    }
    doc.meta.fonts = fonts.iter().map(|f| f.to_string()).collect();
    assess(&mut doc);
    Ok(doc)
}

/// Loads the file with lopdf, which opens files encrypted with an empty user password itself.
fn load(bytes: &[u8]) -> Result<lopdf::Document, ParseError> {
    let loaded = catch_unwind(|| lopdf::Document::load_mem(bytes)).map_err(|payload| {
        ParseError::Pdf(format!(
            "the PDF library failed on this file ({})",
            panic_message(payload.as_ref())
        ))
    })?;
    let pdf = loaded.map_err(|e| {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let hint = if tail.windows(5).any(|w| w == b"%%EOF") {
            ""
        } else {
            "the file is cut short (no %%EOF end marker); "
        };
        ParseError::Pdf(format!("{hint}{}", one_line(&e.to_string())))
    })?;
    // lopdf leaves /Encrypt in the trailer (and loads no objects) when it could not decrypt.
    if pdf.trailer.has(b"Encrypt") {
        return Err(ParseError::Encrypted(
            "it needs a password (the empty user password did not open it)".into(),
        ));
    }
    Ok(pdf)
}

/// Runs pdf-extract on one page, turning its errors and panics into a reason.
fn extract_page(pdf: &lopdf::Document, number: u32, scan: &PageScan) -> Result<Page, String> {
    if let Some(hazard) = &scan.hazard {
        return Err(hazard.clone());
    }
    if scan.shows.is_empty() {
        // Nothing is shown, so pdf-extract would print nothing; scans skip its image decoding.
        let mut page = Page::default();
        page.quality.has_images = scan.has_images;
        return Ok(page);
    }
    let mut out = LineCollector::new(&scan.shows);
    let run = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(pdf, &mut out, number)
    }));
    match run {
        Ok(Ok(())) => Ok(out.finish(scan.has_images)),
        Ok(Err(e)) => Err(one_line(&e.to_string())),
        Err(payload) => Err(format!(
            "the PDF library failed: {}",
            panic_message(payload.as_ref())
        )),
    }
}

/// Errors are shown on one line; library messages sometimes span several.
fn one_line(text: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    let mut s = joined.join(" ");
    if s.chars().count() > 300 {
        s = s.chars().take(300).collect::<String>() + "…";
    }
    s
}

/// Producer, creator and title from the Info dictionary.
fn read_info(pdf: &lopdf::Document, meta: &mut Meta) {
    let Some(info) = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| pdf.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return;
    };
    let field = |key: &[u8]| {
        let obj = info.get(key).ok()?;
        let (_, obj) = pdf.dereference(obj).ok()?;
        text_string(obj)
    };
    meta.producer = field(b"Producer");
    meta.creator = field(b"Creator");
    meta.title = field(b"Title");
}

/// Decodes a PDF text string (PDFDocEncoding, UTF-16BE or UTF-8 with BOM); blank is `None`.
fn text_string(obj: &lopdf::Object) -> Option<String> {
    let bytes = obj.as_str().ok()?;
    let decoded = if bytes.starts_with(b"\xFF\xFE") {
        // Little-endian UTF-16 is outside the standard but some producers write it.
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        match lopdf::decode_text_string(obj) {
            Ok(s) => s,
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }
    };
    let cleaned: String = decoded
        .chars()
        .filter(|c| !c.is_control() && *c != '\u{feff}')
        .collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Sets `needs_ocr`, `has_text_layer` and the quality warnings from the page counters.
fn assess(doc: &mut Document) {
    let mut usable_total = 0usize;
    let mut poor_pages = Vec::new();
    let mut scan_pages = Vec::new();
    let mut text_pages = 0usize;
    for page in &doc.pages {
        let q = &page.quality;
        let usable = q.chars.saturating_sub(q.replacement_chars);
        usable_total += usable;
        let bad = q.replacement_chars + q.unmapped_glyphs;
        let glyphs = q.chars + q.unmapped_glyphs;
        let poor = bad >= POOR_MIN_GLYPHS && bad * 100 >= glyphs * POOR_SHARE_PERCENT;
        if poor {
            poor_pages.push((page.number, bad, glyphs));
        } else if usable > 0 {
            text_pages += 1;
        }
        if q.has_images && usable < OCR_MIN_CHARS_PER_PAGE && !poor {
            scan_pages.push(page.number);
        }
    }
    let failed: BTreeSet<u32> = doc
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::PageFailed)
        .filter_map(|w| w.page)
        .collect();
    let pages = doc.pages.len().max(1);
    let read_pages = doc.pages.len() - failed.len();
    let any_images = doc.pages.iter().any(|p| p.quality.has_images);
    let sparse = usable_total < OCR_MIN_CHARS_PER_PAGE * pages;
    let mostly_poor = poor_pages.len() * 2 > pages;
    // Pages that failed to extract say nothing about the text layer; judge the rest.
    let needs_ocr = read_pages > 0 && (text_pages == 0 || (sparse && any_images) || mostly_poor);
    doc.meta.has_text_layer = text_pages > 0;
    doc.meta.needs_ocr = needs_ocr;

    for (number, bad, glyphs) in &poor_pages {
        doc.warn(
            WarningKind::PoorTextQuality,
            Some(*number),
            format!(
                "page {number}: {bad} of {glyphs} glyphs have no Unicode mapping; \
                 its text is unreliable and the page needs OCR"
            ),
        );
    }
    if needs_ocr {
        let image_pages = doc.pages.iter().filter(|p| p.quality.has_images).count();
        let reason = if usable_total == 0 && image_pages > 0 {
            "it has images but no text layer, so it is probably a scan"
        } else if usable_total == 0 {
            "it has no extractable text"
        } else if mostly_poor {
            "most pages' text cannot be mapped to Unicode"
        } else {
            "its text layer is nearly empty, so it is probably a scan"
        };
        doc.warn(
            WarningKind::NeedsOcr,
            None,
            format!(
                "OCR needed: {reason} ({} page{}, {usable_total} characters of text, \
                 {image_pages} page{} with images)",
                doc.pages.len(),
                if doc.pages.len() == 1 { "" } else { "s" },
                if image_pages == 1 { "" } else { "s" },
            ),
        );
    } else {
        for number in scan_pages {
            doc.warn(
                WarningKind::NeedsOcr,
                Some(number),
                format!("page {number} looks scanned (an image with almost no text); OCR it to read its content"),
            );
        }
    }
}

/// An output device that keeps pdf-extract's plain-text layout decisions
/// (line breaks, blank lines, inserted spaces) but records runs with fonts.
struct LineCollector<'s> {
    shows: &'s [Option<Rc<str>>],
    /// Strings shown so far; the next `begin_word` starts string `shown`.
    shown: usize,
    font: Option<Rc<str>>,
    lines: Vec<Vec<(Option<Rc<str>>, String)>>,
    line: Vec<(Option<Rc<str>>, String)>,
    page_height: f64,
    last_end: f64,
    last_y: f64,
    first_char: bool,
    unmapped: usize,
}

impl<'s> LineCollector<'s> {
    fn new(shows: &'s [Option<Rc<str>>]) -> Self {
        LineCollector {
            shows,
            shown: 0,
            font: None,
            lines: Vec::new(),
            line: Vec::new(),
            page_height: 0.0,
            last_end: 100_000.0,
            last_y: 0.0,
            first_char: false,
            unmapped: 0,
        }
    }

    fn break_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
    }

    fn push_text(&mut self, text: &str) {
        match self.line.last_mut() {
            Some((font, run)) if *font == self.font => run.push_str(text),
            _ => self.line.push((self.font.clone(), text.to_string())),
        }
    }

    /// The page: one paragraph per line, surrounding whitespace trimmed, at most one blank line in a row.
    fn finish(mut self, has_images: bool) -> Page {
        if !self.line.is_empty() {
            self.break_line();
        }
        let mut page = Page::default();
        page.quality.unmapped_glyphs = self.unmapped;
        page.quality.has_images = has_images;
        let mut blank_pending = false;
        for line in self.lines {
            let runs = trim_runs(line);
            if runs.is_empty() {
                blank_pending = !page.blocks.is_empty();
                continue;
            }
            if blank_pending {
                page.blocks.push(Block::Paragraph(Paragraph::default()));
                blank_pending = false;
            }
            for run in &runs {
                for c in run.text.chars() {
                    if c == '\u{fffd}' {
                        page.quality.replacement_chars += 1;
                    }
                    if !c.is_whitespace() {
                        page.quality.chars += 1;
                    }
                }
            }
            page.blocks.push(Block::Paragraph(Paragraph {
                runs,
                ..Paragraph::default()
            }));
        }
        page
    }
}

/// Drops the line's leading and trailing whitespace and any runs left empty.
fn trim_runs(line: Vec<(Option<Rc<str>>, String)>) -> Vec<Run> {
    let mut runs: Vec<Run> = line
        .into_iter()
        .map(|(font, text)| Run {
            text,
            font: font.map(|f| f.to_string()),
        })
        .collect();
    while let Some(first) = runs.first_mut() {
        let trimmed = first.text.trim_start();
        if trimmed.is_empty() {
            runs.remove(0);
        } else {
            first.text = trimmed.to_string();
            break;
        }
    }
    while let Some(last) = runs.last_mut() {
        let trimmed = last.text.trim_end();
        if trimmed.is_empty() {
            runs.pop();
        } else {
            last.text.truncate(trimmed.len());
            break;
        }
    }
    runs
}

impl OutputDev for LineCollector<'_> {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    /// Mirrors `PlainTextOutput::output_character` of pdf-extract 0.12.1, which
    /// orders Vietnamese text correctly; only where the text goes differs.
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The page is flipped so y grows downwards, as in pdf-extract.
        let x = trm.m31;
        let y = self.page_height - trm.m32;
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).sqrt();
        if self.first_char {
            if (y - self.last_y).abs() > size * 1.5 {
                self.break_line();
            }
            if x < self.last_end && (y - self.last_y).abs() > size * 0.5 {
                self.break_line();
            }
            if x > self.last_end + size * 0.1 {
                self.push_text(" ");
            }
        }
        let mut kept = String::with_capacity(char.len());
        for c in char.chars() {
            match c {
                '\t' => kept.push(' '),
                // Code 0 or a control code means the font gave no letter for the glyph.
                c if c.is_control() => {}
                c => kept.push(c),
            }
        }
        if kept.is_empty() {
            self.unmapped += 1;
        } else {
            self.push_text(&kept);
        }
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        self.font = self.shows.get(self.shown).cloned().flatten();
        self.shown += 1;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::testpdf::{self, TestPage};
    use lopdf::{dictionary, Object, StringFormat};

    fn parse(bytes: &[u8]) -> Document {
        parse_pdf(bytes, &Limits::default()).unwrap()
    }

    fn runs(page: &Page) -> Vec<Vec<(String, Option<String>)>> {
        page.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p
                    .runs
                    .iter()
                    .map(|r| (r.text.clone(), r.font.clone()))
                    .collect(),
                Block::Table(_) => panic!("PDF pages have no tables"),
            })
            .collect()
    }

    #[test]
    fn lines_become_paragraphs_of_runs_split_at_font_changes() {
        let bytes = testpdf::pdf(vec![TestPage::text(
            b"BT /F1 12 Tf 72 750 Td (So 77/BC-SNgV) Tj 0 -14 Td (Ha Tinh, ) Tj /F2 12 Tf (S\xe8 77) Tj ET",
        )]);
        let doc = parse(&bytes);
        assert_eq!(doc.pages.len(), 1);
        let page = &doc.pages[0];
        assert_eq!(page.text(), "So 77/BC-SNgV\nHa Tinh, S\u{e8} 77\n");
        let h = Some("Helvetica".to_string());
        let v = Some(".VnTime".to_string());
        assert_eq!(
            runs(page),
            vec![
                vec![("So 77/BC-SNgV".to_string(), h.clone())],
                vec![("Ha Tinh, ".to_string(), h), ("S\u{e8} 77".to_string(), v)],
            ]
        );
        assert_eq!(doc.meta.fonts, [".VnTime", "Helvetica"]);
        assert_eq!(page.quality.chars, 12 + 11);
        assert!(doc.meta.has_text_layer);
        assert!(!doc.meta.needs_ocr);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    #[test]
    fn a_wide_vertical_gap_leaves_one_blank_line() {
        let bytes = testpdf::pdf(vec![TestPage::text(
            b"BT /F1 12 Tf 72 750 Td (Tieu de) Tj 0 -60 Td (Noi dung) Tj 0 -14 Td (tiep) Tj ET",
        )]);
        assert_eq!(parse(&bytes).pages[0].text(), "Tieu de\n\nNoi dung\ntiep\n");
    }

    #[test]
    fn info_strings_are_decoded_from_each_encoding() {
        let mut title = vec![0xFE, 0xFF];
        for unit in "Báo cáo số 77".encode_utf16() {
            title.extend(unit.to_be_bytes());
        }
        let info = dictionary! {
            "Producer" => Object::String(b"LibreOffice 7.4".to_vec(), StringFormat::Literal),
            "Creator" => Object::String("\u{feff}Writer Hà Nội".as_bytes().to_vec(), StringFormat::Literal),
            "Title" => Object::String(title, StringFormat::Hexadecimal),
        };
        let doc = testpdf::document(
            vec![TestPage::text(b"BT /F1 12 Tf 72 750 Td (x) Tj ET")],
            Some(info),
        );
        let doc = parse(&testpdf::save(doc));
        assert_eq!(doc.meta.producer.as_deref(), Some("LibreOffice 7.4"));
        assert_eq!(doc.meta.creator.as_deref(), Some("Writer Hà Nội"));
        assert_eq!(doc.meta.title.as_deref(), Some("Báo cáo số 77"));
    }

    #[test]
    fn an_image_only_file_parses_and_asks_for_ocr() {
        let built = testpdf::document_with(|d| vec![testpdf::scanned_page(d)], None);
        let doc = parse(&testpdf::save(built));
        assert!(doc.meta.needs_ocr);
        assert!(!doc.meta.has_text_layer);
        assert!(doc.pages[0].quality.has_images);
        let w = doc
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::NeedsOcr)
            .unwrap();
        assert!(w.message.contains("OCR needed"), "{}", w.message);
        assert!(w.message.contains("scan"), "{}", w.message);
    }

    #[test]
    fn a_blank_file_without_images_still_needs_ocr() {
        let doc = parse(&testpdf::pdf(vec![TestPage::text(b"")]));
        assert!(doc.meta.needs_ocr);
        assert!(doc.warnings.iter().any(|w| w.kind == WarningKind::NeedsOcr));
    }

    #[test]
    fn one_scanned_page_in_a_text_file_is_named() {
        let text: Vec<u8> = [
            b"BT /F1 12 Tf 72 750 Td (".as_slice(),
            &[b'a'; 200],
            b") Tj ET",
        ]
        .concat();
        let built = testpdf::document_with(
            |d| {
                vec![
                    TestPage::text(&text),
                    TestPage::text(&text),
                    testpdf::scanned_page(d),
                ]
            },
            None,
        );
        let doc = parse(&testpdf::save(built));
        assert!(!doc.meta.needs_ocr);
        assert!(doc.meta.has_text_layer);
        let w: Vec<_> = doc
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::NeedsOcr)
            .collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].page, Some(3));
    }

    #[test]
    fn unmapped_glyphs_are_counted_and_the_page_flagged() {
        let doc = parse(&testpdf::pdf(vec![TestPage::text(
            b"BT /F3 12 Tf 72 750 Td <0011002200330044005500660077008800990010> Tj ET",
        )]));
        let q = &doc.pages[0].quality;
        assert_eq!(q.unmapped_glyphs, 10);
        assert_eq!(q.chars, 0);
        assert!(doc
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::PoorTextQuality && w.page == Some(1)));
        assert!(doc.meta.needs_ocr);
    }

    #[test]
    fn a_bad_page_fails_alone() {
        // Showing text before selecting a font makes pdf-extract panic.
        let doc = parse(&testpdf::pdf(vec![
            TestPage::text(b"BT /F1 12 Tf 72 750 Td (mot) Tj ET"),
            TestPage::text(b"BT 72 750 Td (hai) Tj ET"),
            TestPage::text(b"BT /F1 12 Tf 72 750 Td (ba) Tj ET"),
        ]));
        assert_eq!(doc.page_texts(), ["mot\n", "", "ba\n"]);
        let failed: Vec<_> = doc
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::PageFailed)
            .collect();
        assert_eq!(failed.len(), 1, "{failed:?}");
        assert_eq!(failed[0].page, Some(2));
        assert!(!failed[0].message.contains('\n'));
        assert!(!doc.meta.needs_ocr);
    }

    #[test]
    fn a_self_drawing_form_fails_its_page_without_recursing() {
        let built = testpdf::document_with(
            |d| {
                let form = d.new_object_id();
                d.objects.insert(
                    form,
                    Object::Stream(lopdf::Stream::new(
                        dictionary! { "Type" => "XObject", "Subtype" => "Form",
                        "Resources" => dictionary! { "XObject" => dictionary! { "Fm" => form } } },
                        b"/Fm Do".to_vec(),
                    )),
                );
                vec![
                    TestPage::text(b"BT /F1 12 Tf 72 750 Td (truoc) Tj ET"),
                    TestPage {
                        content: b"/Fm Do".to_vec(),
                        resources: dictionary! { "XObject" => dictionary! { "Fm" => form } },
                    },
                ]
            },
            None,
        );
        let doc = parse(&testpdf::save(built));
        assert_eq!(doc.page_texts()[0], "truoc\n");
        let w = doc
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::PageFailed)
            .unwrap();
        assert_eq!(w.page, Some(2));
        assert!(w.message.contains("draws itself"), "{}", w.message);
    }

    #[test]
    fn the_page_limit_truncates_with_a_warning() {
        let pages = (0..3)
            .map(|_| TestPage::text(b"BT /F1 12 Tf 72 750 Td (trang) Tj ET"))
            .collect();
        let limits = Limits {
            max_pages: 2,
            ..Limits::default()
        };
        let doc = parse_pdf(&testpdf::pdf(pages), &limits).unwrap();
        assert_eq!(doc.pages.len(), 2);
        let w = doc
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::Truncated)
            .unwrap();
        assert!(w.message.contains("2 of 3"), "{}", w.message);
    }

    #[test]
    fn truncated_and_garbage_files_are_one_line_errors() {
        let bytes = testpdf::pdf(vec![TestPage::text(b"BT /F1 12 Tf 72 750 Td (x) Tj ET")]);
        for bad in [
            &bytes[..bytes.len() / 3],
            b"%PDF-1.7\nnot really a pdf".as_slice(),
        ] {
            match parse_pdf(bad, &Limits::default()) {
                Err(ParseError::Pdf(m)) => {
                    assert!(!m.is_empty() && !m.contains('\n'), "{m:?}");
                    assert!(m.contains("cut short"), "{m:?}");
                }
                other => panic!("expected a PDF error, got {other:?}"),
            }
        }
    }

    fn encrypted(user_password: &str) -> Vec<u8> {
        let mut doc = testpdf::document(
            vec![TestPage::text(b"BT /F1 12 Tf 72 750 Td (bi mat) Tj ET")],
            None,
        );
        doc.trailer.set(
            "ID",
            vec![
                Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
                Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
            ],
        );
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password,
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        testpdf::save(doc)
    }

    #[test]
    fn a_password_protected_file_is_refused_as_encrypted() {
        let err = parse_pdf(&encrypted("secret"), &Limits::default()).unwrap_err();
        assert!(matches!(err, ParseError::Encrypted(_)), "{err}");
        assert!(err.to_string().contains("password"), "{err}");
    }

    #[test]
    fn an_empty_user_password_is_opened() {
        let doc = parse(&encrypted(""));
        assert_eq!(doc.page_texts(), ["bi mat\n"]);
    }
}
