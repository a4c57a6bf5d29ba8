//! Text repair: Unicode repair with its byte map, the legacy TCVN3/VNI
//! detectors and codecs, keys, and page preparation. All of it is our code
//! on arbitrary text, so every panic is a bug.

use vanban_model::{Block, Document, Format, Page, Paragraph, Run};
use vanban_text::{
    canonical_doc_number, canonical_tones, decode_tcvn3, decode_vni, detect_legacy, encode_tcvn3,
    encode_vni, encoding_from_font, exact_key, folded_doc_number, folded_key, prepare_document,
    prepare_page, repair_document, repair_unicode, repair_unicode_str, tokens, MappedText,
};

/// Fonts that select each legacy decoding path of `repair_document`, and none.
const FONTS: [Option<&str>; 6] = [
    None,
    Some(".VnTime"),
    Some(".VnTimeH"),
    Some("VNI-Times"),
    Some("Times New Roman"),
    Some("ABCDEE+VNI-Helve-Bold"),
];

/// Runs `data` (as lossy UTF-8) through every text repair entry point and checks the maps.
pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let s = text.as_ref();

    let repaired = repair_unicode(s);
    check_map(&repaired, s.len());
    assert_eq!(
        repaired.as_str(),
        repair_unicode_str(s),
        "repair_unicode and repair_unicode_str disagree"
    );

    let _ = detect_legacy(s);
    let _ = decode_tcvn3(s, false);
    let _ = decode_tcvn3(s, true);
    let _ = decode_vni(s);
    let _ = encode_tcvn3(s);
    let _ = encode_vni(s);
    let _ = canonical_tones(s);
    let _ = folded_key(s);
    let _ = exact_key(s);
    let _ = canonical_doc_number(s);
    let _ = folded_doc_number(s);
    for token in tokens(s) {
        let _ = token.is_compound();
        for _ in token.parts() {}
    }
    for line in s.lines().take(8) {
        let _ = encoding_from_font(line);
    }

    let page = prepare_page(1, s.to_string());
    check_prepared(&page.lines, &page.flow, &page.display);

    let mut doc = document_of(s, data.first().copied().unwrap_or(0) as usize);
    let _ = repair_document(&mut doc);
    let texts = doc.page_texts();
    let pages = prepare_document(&texts);
    assert_eq!(pages.len(), texts.len(), "prepare_document lost pages");
    for (page, text) in pages.iter().zip(&texts) {
        assert_eq!(&page.display, text, "display text changed");
        check_prepared(&page.lines, &page.flow, &page.display);
    }
}

/// A document whose pages are split at form feeds, paragraphs at line
/// breaks and runs at tabs, with fonts chosen from [`FONTS`] by `seed`.
fn document_of(s: &str, seed: usize) -> Document {
    let mut doc = Document::new(Format::Pdf);
    let mut run_index = seed;
    for (i, page_text) in s.split('\u{c}').enumerate() {
        let mut page = Page {
            number: i as u32 + 1,
            ..Page::default()
        };
        for line in page_text.split('\n') {
            let runs = line
                .split('\t')
                .map(|t| {
                    run_index += 1;
                    Run {
                        text: t.to_string(),
                        font: FONTS[run_index % FONTS.len()].map(str::to_string),
                    }
                })
                .collect();
            let mut paragraph = Paragraph::plain("", None);
            paragraph.runs = runs;
            page.blocks.push(Block::Paragraph(paragraph));
        }
        doc.pages.push(page);
    }
    doc
}

/// Both views of a prepared page map into its display text.
fn check_prepared(lines: &MappedText, flow: &MappedText, display: &str) {
    check_map(lines, display.len());
    check_map(flow, display.len());
}

/// Every byte range of the mapped text maps inside the source.
fn check_map(mapped: &MappedText, source_len: usize) {
    assert_eq!(
        mapped.source_len(),
        source_len,
        "map has the wrong source length"
    );
    let text = mapped.as_str();
    let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    for pair in bounds.windows(2) {
        let r = mapped.source_range(pair[0]..pair[1]);
        assert!(
            r.start <= r.end && r.end <= source_len,
            "char at {}..{} maps to {r:?}, outside 0..{source_len}",
            pair[0],
            pair[1]
        );
    }
    let whole = mapped.source_range(0..text.len());
    assert!(whole.start <= whole.end && whole.end <= source_len);
}
