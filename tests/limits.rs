//! Each resource limit of `vanban extract` and `vanban ingest` (`--timeout`,
//! `--worker-memory`, `--max-file-size`, `--max-pages`, `--max-zip-ratio`)
//! is exercised on a file it must stop, next to a run with the default that
//! reads the same file, so a limit that is ignored fails its test.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::{json_lines, vanban};
use serde_json::Value;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn extract(file: &Path, limits: &[&str]) -> Output {
    let mut args = vec!["extract", "--json"];
    args.extend_from_slice(limits);
    args.push(s(file));
    vanban(&args)
}

/// The one record of a successful extract.
fn record(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut records = json_lines(&out.stdout);
    assert_eq!(records.len(), 1);
    records.remove(0)
}

/// The error line of a failed extract.
fn error(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "the file should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn max_file_size_refuses_a_bigger_file_in_extract_and_ingest() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let line = "Ủy ban nhân dân tỉnh báo cáo tình hình thực hiện nhiệm vụ.\n";
    let text = line.repeat((2 << 20) / line.len() + 1);
    let big = write(tmp.path(), "hai-mebibyte.txt", text.as_bytes());
    let size = text.len();

    let err = error(&extract(&big, &["--max-file-size", "1"]));
    assert!(
        err.contains(&format!("file size {size} exceeds the limit of 1048576")),
        "{err}"
    );
    assert_eq!(
        record(&extract(&big, &["--max-file-size", "3"]))["pages"],
        1
    );

    let index = tmp.path().join("index");
    let out = vanban(&[
        "ingest",
        "--quiet",
        "--max-file-size",
        "1",
        "--index",
        s(&index),
        s(&big),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("exceeds the limit of 1048576"), "{err}");
}

#[test]
fn max_pages_keeps_the_first_pages_with_a_warning() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = write(
        tmp.path(),
        "nam-trang.pdf",
        &crate::generate::text_pdf(&[
            "Trang mot",
            "Trang hai",
            "Trang ba",
            "Trang bon",
            "Trang nam",
        ]),
    );
    let all = record(&extract(&pdf, &[]));
    assert_eq!(all["pages"], 5);
    let cut = record(&extract(&pdf, &["--max-pages", "2"]));
    assert_eq!(cut["pages"], 2);
    assert_eq!(cut["text"].as_array().expect("text").len(), 2);
    let warnings = cut["warnings"].to_string();
    assert!(
        warnings.contains("only the first 2 of 5 pages"),
        "{warnings}"
    );

    // DOCX pages (at page breaks) obey the same limit.
    let body: String = (1..=4)
        .map(|i| format!(r#"<w:p><w:r><w:t>Trang {i}</w:t><w:br w:type="page"/></w:r></w:p>"#))
        .collect();
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let docx = write(
        tmp.path(),
        "bon-trang.docx",
        &crate::generate::docx(xml.as_bytes()),
    );
    assert!(record(&extract(&docx, &[]))["pages"].as_u64() > Some(2));
    assert_eq!(record(&extract(&docx, &["--max-pages", "2"]))["pages"], 2);
}

#[test]
fn max_zip_ratio_refuses_a_well_compressed_docx() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // Repetitive XML past the small-entry allowance: it compresses far better than 5x.
    let body: String = (0..40_000)
        .map(|i| format!("<w:p><w:r><w:t>Ủy ban nhân dân tỉnh báo cáo số {i}.</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let docx = write(
        tmp.path(),
        "lap-lai.docx",
        &crate::generate::docx(xml.as_bytes()),
    );
    assert!(record(&extract(&docx, &[]))["pages"].as_u64() > Some(0));
    let err = error(&extract(&docx, &["--max-zip-ratio", "5"]));
    assert!(err.contains("zip bomb"), "{err}");
    assert!(err.contains("over the limit of 5"), "{err}");
}

#[test]
fn timeout_stops_a_slow_pdf_in_bounded_time() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = write(
        tmp.path(),
        "slow.pdf",
        &crate::generate::busy_pages(2_000, 5_000),
    );
    let started = Instant::now();
    let err = error(&extract(&pdf, &["--timeout", "1"]));
    let took = started.elapsed();
    assert!(err.contains("timed out after 1000 ms"), "{err}");
    assert!(err.contains("slow.pdf"), "{err}");
    // Generous: the point is that a 1 s budget does not wait for the whole file.
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn worker_memory_limit_ends_a_memory_hungry_pdf() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A content stream that inflates to 256 MiB.
    let pdf = write(
        tmp.path(),
        "hungry.pdf",
        &crate::generate::inflating_pdf(256 << 20),
    );
    let small = write(
        tmp.path(),
        "small.pdf",
        &crate::generate::text_pdf(&["Van ban nho"]),
    );
    // The limit leaves room for an ordinary PDF...
    assert_eq!(
        record(&extract(&small, &["--worker-memory", "128"]))["text"][0],
        "Van ban nho\n"
    );
    // ...but not for the hungry one, which the default limit reads.
    let err = error(&extract(&pdf, &["--worker-memory", "128"]));
    assert!(err.contains("memory limit 128 MiB"), "{err}");
    assert_eq!(record(&extract(&pdf, &[]))["pages"], 1);
}
