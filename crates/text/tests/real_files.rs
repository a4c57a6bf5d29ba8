//! Real reports keep their well-formed Vietnamese syllables through repair.
//!
//! Ignored by default because the files are not part of the project:
//! `VANBAN_REAL_DIR=/path/to/reports cargo test -p vanban-text --test real_files -- --ignored --nocapture`
//! prints, for every PDF, DOCX and text file, the well-formed syllables
//! before and after [`repair_document`], and fails if any file loses some.

use vanban_parse::{parse_bytes, Limits};
use vanban_text::{repair_document, syllable_quality};

#[test]
#[ignore = "needs a folder of real reports (VANBAN_REAL_DIR)"]
fn no_real_file_loses_syllables_in_repair() {
    let dir = std::env::var("VANBAN_REAL_DIR").unwrap_or_else(|_| "/work/shared/real-dev".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("VANBAN_REAL_DIR is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| matches!(x, "pdf" | "docx" | "txt"))
        })
        .collect();
    paths.sort();
    let mut losers = Vec::new();
    let (mut total_before, mut total_after) = (0usize, 0usize);
    println!("file\twords\tsyllables_before\tsyllables_after\truns_converted\truns_kept");
    for path in &paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let Ok(bytes) = std::fs::read(path) else {
            println!("{name}\tunreadable");
            continue;
        };
        let mut doc = match parse_bytes(&bytes, &name, &Limits::default()) {
            Ok(doc) => doc,
            Err(e) => {
                println!("{name}\tparse error: {e}");
                continue;
            }
        };
        let raw = doc.page_texts().concat();
        let before = syllable_quality(&raw);
        let report = repair_document(&mut doc);
        let repaired = doc.page_texts().concat();
        let after = syllable_quality(&repaired);
        println!(
            "{name}\t{}\t{}\t{}\t{}\t{}",
            before.words,
            before.syllables,
            after.syllables,
            report.runs_converted,
            report.runs_kept
        );
        // A few changed lines, to see what a conversion did.
        let changed = raw
            .lines()
            .zip(repaired.lines())
            .filter(|(a, b)| a != b)
            .take(3);
        for (a, b) in changed {
            println!("\t- {a}\n\t+ {b}");
        }
        total_before += before.syllables;
        total_after += after.syllables;
        if after.syllables < before.syllables {
            losers.push(name.to_string());
        }
    }
    println!("total\t\t{total_before}\t{total_after}");
    assert!(
        losers.is_empty(),
        "fewer syllables after repair: {losers:?}"
    );
}
