//! Every DOCX and PDF rendering of a seed in corpus/ must give back the seed's words.

use crate::common::*;

#[test]
fn every_rendering_covers_its_seed_words() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for stem in seed_stems() {
        let seed = std::fs::read_to_string(corpus().join(format!("{stem}.txt"))).expect("seed txt");
        for file in renderings(&stem) {
            let out = vanban(&["extract", "--json", file.to_str().expect("utf-8 path")]);
            assert!(
                out.status.success(),
                "{}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let records = json_lines(&out.stdout);
            assert_eq!(records.len(), 1, "{}: one record", file.display());
            let (cov, missing) = coverage(&seed, &record_text(&records[0]));
            checked += 1;
            eprintln!("{}: coverage {:.4}", file.display(), cov);
            if cov < 0.99 {
                failures.push(format!(
                    "{}: {:.4} (missing: {})",
                    file.display(),
                    cov,
                    missing
                        .iter()
                        .take(20)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
        }
    }
    assert!(
        checked >= 10,
        "expected a DOCX and a PDF per seed, checked {checked}"
    );
    assert!(
        failures.is_empty(),
        "coverage below 99%:\n{}",
        failures.join("\n")
    );
}

#[test]
fn scanned_pdf_is_flagged_needs_ocr() {
    let scans: Vec<_> = std::fs::read_dir(corpus())
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("scan") && n.ends_with(".pdf"))
        })
        .collect();
    assert!(!scans.is_empty(), "corpus has a scanned PDF");
    for scan in scans {
        // Without OCR (`--ocr never`; tests/ocr.rs covers reading scans) the scan is flagged.
        let out = vanban(&[
            "extract",
            "--json",
            "--ocr",
            "never",
            scan.to_str().expect("utf-8 path"),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rec = &json_lines(&out.stdout)[0];
        assert_eq!(rec["needs_ocr"], true, "{}", scan.display());
        let warned = rec["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w["kind"] == "needs_ocr");
        assert!(warned, "{}: a needs_ocr warning", scan.display());
    }
}

#[test]
fn plain_text_seed_round_trips_exactly() {
    for stem in seed_stems() {
        let path = corpus().join(format!("{stem}.txt"));
        let seed = std::fs::read_to_string(&path).expect("seed");
        let out = vanban(&["extract", "--json", path.to_str().expect("utf-8")]);
        assert!(out.status.success());
        let (cov, _) = coverage(&seed, &record_text(&json_lines(&out.stdout)[0]));
        assert!(cov > 0.9999, "{stem}: {cov}");
    }
}
