//! Generated documents are deterministic, parse with vanban's own parsers with
//! Vietnamese intact, and yield the facts planted in them.

use vanban_bench::{content, generate, generate_document, Formats, Generated, Rng};
use vanban_parse::{Document, Limits, Parser};
use vanban_text::folded_doc_number;

const BOTH: Formats = Formats {
    pdf: true,
    docx: true,
};

fn parse(bytes: &[u8], name: &str) -> Document {
    Parser::in_process(Limits::default())
        .parse_bytes(bytes, name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn all_text(doc: &Document) -> String {
    doc.page_texts().join("\n")
}

/// Whitespace-insensitive containment: layout may break lines anywhere.
fn contains_squeezed(haystack: &str, needle: &str) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    squeeze(haystack).contains(&squeeze(needle))
}

/// The first documents of seed 42 whose number is printed on one line.
fn sample(count: usize) -> Vec<Generated> {
    (0..)
        .map(|i| generate_document(42, i, BOTH).expect("generates"))
        .filter(|g| !g.report.truth.number_split)
        .take(count)
        .collect()
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    for index in [0, 1, 7] {
        let a = generate_document(42, index, BOTH).expect("generates");
        let b = generate_document(42, index, BOTH).expect("generates");
        assert_eq!(a.pdf, b.pdf, "pdf of document {index}");
        assert_eq!(a.docx, b.docx, "docx of document {index}");
        let c = generate_document(43, index, BOTH).expect("generates");
        assert_ne!(a.pdf, c.pdf, "seed 43 must change document {index}");
        assert_ne!(a.docx, c.docx);
    }
}

#[test]
fn generate_writes_identical_folders_and_a_manifest() {
    let one = tempfile::tempdir().expect("tempdir");
    let two = tempfile::tempdir().expect("tempdir");
    let s1 = generate(one.path(), 6, 9, BOTH).expect("generates");
    generate(two.path(), 6, 9, BOTH).expect("generates");
    assert_eq!(s1.documents, 6);
    assert_eq!(s1.files, 12);
    let mut names: Vec<_> = std::fs::read_dir(one.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 13);
    for name in names {
        let a = std::fs::read(one.path().join(&name)).expect("reads");
        let b = std::fs::read(two.path().join(&name)).expect("reads");
        assert!(a == b, "{name:?} differs between two runs");
    }
    let manifest = std::fs::read_to_string(one.path().join("manifest.jsonl")).expect("manifest");
    let lines: Vec<serde_json::Value> = manifest
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 6);
    let pages: u64 = lines
        .iter()
        .map(|l| l["pages"].as_u64().expect("pages"))
        .sum();
    assert_eq!(pages, s1.pages);
    assert_eq!(lines[3]["pdf"], "doc_00003.pdf");
    assert!(lines[3]["number"].as_str().is_some_and(|n| n.contains('/')));
}

#[test]
fn pdf_and_docx_parse_with_number_agency_and_diacritics_intact() {
    for g in sample(3) {
        let t = &g.report.truth;
        let pdf = parse(g.pdf.as_deref().expect("pdf"), "x.pdf");
        assert_eq!(
            pdf.pages.len(),
            g.pages,
            "page count of document {}",
            t.index
        );
        let text = all_text(&pdf);
        // The ToUnicode map must give back precomposed Vietnamese, not glyph ids.
        assert!(
            contains_squeezed(&text, &t.number),
            "{} not in PDF text",
            t.number
        );
        assert!(
            contains_squeezed(&text, &t.agency),
            "{} not in PDF text",
            t.agency
        );
        assert!(text.contains("Độc lập - Tự do - Hạnh phúc"));
        assert!(
            contains_squeezed(&text, &t.signer),
            "{} not in PDF text",
            t.signer
        );

        let mut docx = parse(g.docx.as_deref().expect("docx"), "x.docx");
        vanban_text::repair_document(&mut docx);
        let text = all_text(&docx);
        assert!(text.contains(&t.number), "{} not in DOCX text", t.number);
        assert!(text.contains(&t.agency), "{} not in DOCX text", t.agency);
    }
}

#[test]
fn legacy_font_docx_reads_back_as_unicode() {
    let index = (0..2000)
        .find(|&i| {
            let mut rng = Rng::for_document(42, i);
            content::generate_report(&mut rng, i).truth.docx_legacy_font
        })
        .expect("some document uses .VnTime");
    let g = generate_document(42, index, BOTH).expect("generates");
    let bytes = g.docx.expect("docx");
    let mut doc = parse(&bytes, "legacy.docx");
    let raw = all_text(&doc);
    assert!(
        !raw.contains(&g.report.truth.signer),
        "the DOCX text should be TCVN3-encoded before repair"
    );
    vanban_text::repair_document(&mut doc);
    let text = all_text(&doc);
    assert!(text.contains(&g.report.truth.agency), "agency after repair");
    assert!(text.contains(&g.report.truth.signer), "signer after repair");
}

/// Runs parse → repair → prepare → extract as `vanban` does.
fn facts(bytes: &[u8], name: &str) -> vanban_extract::Facts {
    let mut doc = parse(bytes, name);
    vanban_text::repair_document(&mut doc);
    let pages = vanban_text::prepare_document(&doc.page_texts());
    vanban_extract::extract_facts(&pages)
}

#[test]
fn the_pipeline_recovers_the_planted_number_and_citations() {
    let mut planted = 0usize;
    let mut found = 0usize;
    let docs = sample(6);
    for g in &docs {
        let t = &g.report.truth;
        for (bytes, name) in [
            (g.pdf.as_deref().expect("pdf"), "x.pdf"),
            (g.docx.as_deref().expect("docx"), "x.docx"),
        ] {
            let f = facts(bytes, name);
            assert_eq!(
                f.header.number.as_deref().map(folded_doc_number),
                Some(folded_doc_number(&t.number)),
                "own number of document {} ({name})",
                t.index
            );
            let got: std::collections::HashSet<String> = f
                .references
                .iter()
                .map(|r| folded_doc_number(&r.number))
                .collect();
            planted += t.cited.len();
            found += t
                .cited
                .iter()
                .filter(|n| got.contains(&folded_doc_number(n)))
                .count();
        }
    }
    let recall = found as f64 / planted as f64;
    eprintln!("cited-number recall {found}/{planted} = {recall:.3}");
    assert!(
        planted > 50,
        "too few planted citations ({planted}) to measure"
    );
    // Measured 482/482 on these documents; a margin for harmless extractor changes.
    assert!(recall >= 0.95, "cited-number recall {recall:.3} < 0.95");
}
