//! Signed money end to end (issue 17, pattern 15): a change printed with a
//! minus sign is negative in `extract --json`, in the index's amount filters
//! and in the export tables; a dash between two numbers stays a range.

use crate::common::*;

/// A small price report whose figures are a fall, a rise, a range and a total.
const REPORT: &str = "SỞ TÀI CHÍNH\nSố: 5/BC-STC\nKon Tum, ngày 02 tháng 3 năm 2024\n\nBÁO CÁO\nGiá thị trường tháng 2\n\nGiá muối i-ốt giảm (-1.740đồng/kg), sữa bột tăng (+6.350đồng/hộp); thịt lợn hơi 52.000 - 54.000 đồng/kg; kinh phí 500 triệu đồng.\n";

#[test]
fn a_fall_is_negative_from_extraction_to_search_and_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("docs dir");
    let file = docs.join("gia.txt");
    std::fs::write(&file, REPORT).expect("write report");
    let file = file.to_str().expect("utf-8 path");

    let out = vanban(&["extract", "--json", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = json_lines(&out.stdout).remove(0);
    let vnd: Vec<i64> = rec["money"]
        .as_array()
        .expect("money")
        .iter()
        .filter_map(|m| m["vnd"].as_i64())
        .collect();
    assert_eq!(vnd, [-1_740, 6_350, 52_000, 54_000, 500_000_000]);
    assert_eq!(rec["money"][0]["amount"], "-1740");
    assert_eq!(rec["money"][0]["negative"], true);

    let index = dir.path().join("idx");
    let index = index.to_str().expect("utf-8 path");
    let out = vanban(&["ingest", "--index", index, docs.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A fall of at least 1.000 đồng: only a negative figure is at most -1000.
    for (args, matches) in [
        (vec!["--max-amount", "-1000"], true),
        (vec!["--max-amount=-2000"], false),
        (
            vec!["--min-amount", "-1.740", "--max-amount", "-1.740"],
            true,
        ),
        (
            vec!["--min-amount", "âm 2 nghìn", "--max-amount", "-1741"],
            false,
        ),
    ] {
        let mut argv = vec!["search", "", "--index", index];
        argv.extend(args.iter().copied());
        let out = vanban(&argv);
        assert_eq!(
            out.status.success(),
            matches,
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    let out = vanban(&["export", "--index", index, "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = json_lines(&out.stdout).remove(0);
    assert_eq!(rec["money"][0]["vnd"], -1740);
}
