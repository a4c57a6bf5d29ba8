//! In-process PDF parsing: lopdf loads the file once, our interpreter runs
//! each page separately (one bad page must not cost the others) with fonts
//! shared across pages, and the layout step turns glyphs into lines of
//! font-tagged runs.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::interp::{run_page, DocCache};
use super::layout::layout;
use crate::worker::panic_message;
use crate::{Document, Format, Limits, Meta, Page, ParseError, WarningKind};

/// A page whose text is at least this share of unusable glyphs is flagged as poor.
const POOR_SHARE_PERCENT: usize = 50;
/// Fewer bad glyphs than this never make a page poor (a stray symbol is not a problem).
const POOR_MIN_GLYPHS: usize = 8;
/// Fewer usable characters per page than this, on average, means no real text layer.
const OCR_MIN_CHARS_PER_PAGE: usize = 20;

/// Parses a PDF in this process.
///
/// A page that cannot be read (error or panic) becomes an empty page with a
/// `PageFailed` warning; a part of a page that cannot be read (a content
/// stream that does not decode, a form that draws itself) costs only that
/// part, with an `Other` warning. A file without a usable text layer parses
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
    let mut cache = DocCache::default();
    for (&number, &id) in pages.iter().take(limits.max_pages) {
        let run = catch_unwind(AssertUnwindSafe(|| run_page(&pdf, id, &mut cache)));
        let page = match run {
            Ok(Ok(glyphs)) => {
                for problem in &glyphs.problems {
                    doc.warn(
                        WarningKind::Other,
                        Some(number),
                        format!("page {number}: {problem}"),
                    );
                }
                layout(&glyphs)
            }
            Ok(Err(why)) => failed_page(&mut doc, number, &why),
            Err(payload) => failed_page(
                &mut doc,
                number,
                &format!("the PDF reader failed: {}", panic_message(payload.as_ref())),
            ),
        };
        doc.pages.push(Page { number, ..page });
    }
    doc.meta.fonts = cache.font_names.iter().map(|f| f.to_string()).collect();
    assess(&mut doc);
    Ok(doc)
}

/// An empty page with a `PageFailed` warning saying why.
fn failed_page(doc: &mut Document, number: u32, why: &str) -> Page {
    doc.warn(
        WarningKind::PageFailed,
        Some(number),
        format!(
            "page {number} could not be read ({}); its text is missing",
            one_line(why)
        ),
    );
    Page::default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::testpdf::{self, TestPage};
    use crate::Block;
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
    fn text_shown_without_a_font_counts_as_unmapped_and_costs_no_other_page() {
        let doc = parse(&testpdf::pdf(vec![
            TestPage::text(b"BT /F1 12 Tf 72 750 Td (mot) Tj ET"),
            TestPage::text(b"BT 72 750 Td (hai) Tj ET"),
            TestPage::text(b"BT /F1 12 Tf 72 750 Td (ba) Tj ET"),
        ]));
        assert_eq!(doc.page_texts(), ["mot\n", "", "ba\n"]);
        assert_eq!(doc.pages[1].quality.unmapped_glyphs, 3);
        assert!(!doc
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::PageFailed));
        assert!(!doc.meta.needs_ocr);
    }

    #[test]
    fn a_stream_that_does_not_decode_costs_only_itself() {
        let built = testpdf::document_with(
            |d| {
                let broken = d.add_object(lopdf::Stream::new(
                    // lopdf cannot decode this filter (a corrupt Flate stream it reads up to the damage).
                    dictionary! { "Filter" => "RunLengthDecode" },
                    b"\x02BT \x80".to_vec(),
                ));
                let good = d.add_object(lopdf::Stream::new(
                    dictionary! {},
                    b"BT /F1 12 Tf 72 750 Td (con lai) Tj ET".to_vec(),
                ));
                let mut page = TestPage::text(b"");
                page.contents = Some(Object::Array(vec![broken.into(), good.into()]));
                vec![page]
            },
            None,
        );
        let doc = parse(&testpdf::save(built));
        assert_eq!(doc.page_texts(), ["con lai\n"]);
        let w: Vec<_> = doc
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Other)
            .collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].message.contains("content stream 1"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn a_comment_only_content_stream_reads_as_empty_without_failing() {
        let doc = parse(&testpdf::pdf(vec![
            TestPage::text(b"% produced by a scanner driver\n"),
            TestPage::text(b"%comment\nBT /F1 12 Tf 72 750 Td (sau) Tj ET % trailing"),
        ]));
        assert_eq!(doc.page_texts(), ["", "sau\n"]);
        assert!(doc
            .warnings
            .iter()
            .all(|w| w.kind != WarningKind::PageFailed));
    }

    #[test]
    fn a_self_drawing_form_is_cut_with_a_warning_not_followed() {
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
                        contents: None,
                        annots: None,
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
            .find(|w| w.kind == WarningKind::Other)
            .unwrap();
        assert_eq!(w.page, Some(2));
        assert!(w.message.contains("draws itself"), "{}", w.message);
        assert!(!doc
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::PageFailed));
    }

    #[test]
    fn an_image_inside_a_form_makes_the_page_a_scan() {
        let built = testpdf::document_with(
            |d| {
                let image = d.add_object(testpdf::image());
                let form = d.add_object(lopdf::Stream::new(
                    dictionary! { "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                    "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } } },
                    b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec(),
                ));
                vec![TestPage {
                    content: b"/Fx Do".to_vec(),
                    resources: dictionary! { "XObject" => dictionary! { "Fx" => form } },
                    contents: None,
                    annots: None,
                }]
            },
            None,
        );
        let doc = parse(&testpdf::save(built));
        assert!(doc.pages[0].quality.has_images);
        assert!(doc.meta.needs_ocr);
    }

    #[test]
    fn text_in_a_form_uses_the_form_resources_and_matrix() {
        let built = testpdf::document_with(
            |d| {
                let form = d.add_object(lopdf::Stream::new(
                    dictionary! { "Type" => "XObject", "Subtype" => "Form",
                    "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), (-14).into()],
                    "Resources" => dictionary! { "Font" => dictionary! { "G" => testpdf::vntime() } } },
                    b"BT /G 12 Tf 72 750 Td (trong form) Tj ET".to_vec(),
                ));
                vec![TestPage {
                    content: b"BT /F1 12 Tf 72 750 Td (ngoai) Tj ET /Fx Do".to_vec(),
                    resources: dictionary! {
                        "Font" => dictionary! { "F1" => testpdf::helvetica() },
                        "XObject" => dictionary! { "Fx" => form },
                    },
                    contents: None,
                    annots: None,
                }]
            },
            None,
        );
        let doc = parse(&testpdf::save(built));
        assert_eq!(
            runs(&doc.pages[0]),
            vec![
                vec![("ngoai".to_string(), Some("Helvetica".to_string()))],
                vec![("trong form".to_string(), Some(".VnTime".to_string()))],
            ]
        );
    }

    /// A page with `Số:      /SXD-QLXD` and `ngày    tháng`, and a signature widget whose
    /// appearance draws `text` at the blank (`flags` as the annotation's /F).
    fn signed(text: &[u8], flags: i64) -> Document {
        let built = testpdf::document_with(
            |d| {
                let appearance = d.add_object(lopdf::Stream::new(
                    dictionary! { "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 40.into(), 14.into()],
                    "Resources" => dictionary! { "Font" => dictionary! { "Helv" => testpdf::helvetica() } } },
                    [b"/Tx BMC BT /Helv 12 Tf 2 3 Td (".as_slice(), text, b") Tj ET EMC"].concat(),
                ));
                let widget = d.add_object(dictionary! {
                    "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig", "F" => flags,
                    "Rect" => vec![95.into(), 747.into(), 135.into(), 761.into()],
                    "AP" => dictionary! { "N" => appearance },
                });
                let mut page = TestPage::text(
                    b"BT /F1 12 Tf 72 750 Td (So:) Tj 60 0 Td (/SXD-QLXD) Tj 0 -14 Td (Noi dung) Tj ET",
                );
                page.annots = Some(vec![Object::Reference(widget)].into());
                vec![page]
            },
            None,
        );
        parse(&testpdf::save(built))
    }

    #[test]
    fn a_printable_signature_appearance_fills_its_blank() {
        let doc = signed(b"517", 4);
        assert_eq!(doc.page_texts(), ["So: 517 /SXD-QLXD\nNoi dung\n"]);
    }

    #[test]
    fn hidden_and_non_printing_appearances_are_skipped() {
        for flags in [0, 2 | 4, 4 | 32] {
            let doc = signed(b"517", flags);
            assert_eq!(
                doc.page_texts(),
                ["So:\t/SXD-QLXD\nNoi dung\n"],
                "flags {flags}"
            );
        }
    }

    #[test]
    fn a_glued_style_legacy_font_name_reaches_the_run() {
        let mut font = testpdf::vntime();
        font.set("BaseFont", "QWERTY+VnTimeHBold");
        let page = TestPage {
            content: b"BT /F9 14 Tf 72 750 Td (C\xa2NG V\xa2N) Tj ET".to_vec(),
            resources: dictionary! { "Font" => dictionary! { "F9" => font } },
            contents: None,
            annots: None,
        };
        let doc = parse(&testpdf::pdf(vec![page]));
        let r = runs(&doc.pages[0]);
        assert_eq!(r[0][0].1.as_deref(), Some("VnTimeHBold"));
        assert_eq!(doc.meta.fonts, ["VnTimeHBold"]);
    }

    #[test]
    fn a_letter_spaced_title_drawn_glyph_by_glyph_reads_as_words() {
        // Each letter group is its own TJ string with a positive gap, as word processors
        // draw expanded character spacing; the real word gaps are wider.
        let doc = parse(&testpdf::pdf(vec![TestPage::text(
            b"BT /F1 12 Tf 72 750 Td [(cu) -300 (a) -800 (Th) -300 (u) -800 (so) -800 (1) -300 (15/) -300 (20) -300 (04/) -300 (Q) -300 (D) -300 (-T) -300 (T) -300 (g)] TJ ET",
        )]));
        assert_eq!(doc.page_texts(), ["cua Thu so 115/2004/QD-TTg\n"]);
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
