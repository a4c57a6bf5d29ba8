//! Bad files in a batch: each gets one clear error line naming it, the good files
//! still print, and the exit status says something failed.
//!
//! The suite (`every_bad_input_is_accounted_for_*`) ingests all of
//! `tests/bad-inputs/` (see its README for the table of files and expected
//! outcomes) plus generated big files and good corpus files in one batch.

use std::path::{Path, PathBuf};

use crate::common::*;

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("vanban-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).expect("write scratch file");
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn first_pdf() -> PathBuf {
    let mut pdfs: Vec<_> = std::fs::read_dir(corpus())
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .starts_with("scan")
        })
        .collect();
    pdfs.sort();
    pdfs.into_iter().next().expect("a PDF in corpus/")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn bad_files_fail_alone_with_one_line_each() {
    let dir = Scratch::new("bad");
    let pdf = std::fs::read(first_pdf()).expect("read pdf");
    let truncated = dir.write("truncated.pdf", &pdf[..pdf.len() / 3]);
    let empty = dir.write("empty.docx", b"");
    let exe = std::fs::read(env!("CARGO_BIN_EXE_vanban")).expect("binary");
    let renamed = dir.write("renamed-binary.pdf", &exe[..4096.min(exe.len())]);
    let bomb = dir.write("bomb.docx", &crate::generate::zip_bomb());
    let good_txt = corpus().join(format!("{}.txt", seed_stems()[0]));
    let good_pdf = first_pdf();

    let out = vanban(&[
        "extract",
        "--json",
        s(&truncated),
        s(&good_txt),
        s(&empty),
        s(&renamed),
        s(&good_pdf),
        s(&bomb),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");

    let records = json_lines(&out.stdout);
    let sources: Vec<&str> = records
        .iter()
        .filter_map(|r| r["source"].as_str())
        .collect();
    assert_eq!(
        sources,
        vec![s(&good_txt), s(&good_pdf)],
        "the good files still print"
    );

    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 4, "one error line per bad file:\n{stderr}");
    for (bad, reason) in [
        (&truncated, "PDF"),
        (&empty, "empty"),
        (&renamed, "unknown format"),
        (&bomb, "zip bomb"),
    ] {
        let line = lines
            .iter()
            .find(|l| l.contains(s(bad)))
            .unwrap_or_else(|| panic!("no error line names {}:\n{stderr}", bad.display()));
        assert!(
            line.to_lowercase().contains(&reason.to_lowercase()),
            "{} error should say {reason:?}: {line}",
            bad.display()
        );
    }
}

#[test]
fn missing_file_and_directory_are_errors_not_panics() {
    let dir = Scratch::new("missing");
    let out = vanban(&["extract", s(&dir.0.join("nope.pdf")), s(&dir.0)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nope.pdf"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut args = vec!["extract".to_string(), "--json".to_string()];
    // Enough output that the pipe buffer fills before the reader goes away.
    for _ in 0..20 {
        args.push(s(&first_pdf()).to_string());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vanban");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // stdout is dropped here: vanban's next write meets a closed pipe.
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// The folder of committed bad inputs.
fn bad_inputs_dir() -> PathBuf {
    repo().join("tests/bad-inputs")
}

#[test]
fn committed_bad_inputs_match_their_generator() {
    let bless = std::env::var_os("VANBAN_BLESS_BAD_INPUTS").is_some();
    for (name, bytes) in crate::generate::small_inputs() {
        let path = bad_inputs_dir().join(name);
        if bless {
            std::fs::write(&path, &bytes).expect("write bad input");
        }
        let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("encrypted-") {
            // lopdf's encryption is not byte-for-byte reproducible (it draws random
            // bytes): check the committed file is the same kind of file instead.
            let encrypted = |b: &[u8]| b.windows(8).any(|w| w == b"/Encrypt");
            assert!(encrypted(&committed) && encrypted(&bytes), "{name}");
            assert!(committed.len().abs_diff(bytes.len()) < 64, "{name}");
            continue;
        }
        assert!(
            committed == bytes,
            "{name} differs from what generate.rs builds; rerun with VANBAN_BLESS_BAD_INPUTS=1"
        );
        assert!(bytes.len() < 20_000, "{name} is too big to commit");
    }
}

/// What an ingest must say about one file: its status and, for failures, a
/// phrase of the reason.
struct Expect {
    name: String,
    /// Allowed statuses: one, except where the outcome depends on the machine's speed.
    status: &'static [&'static str],
    /// For a failure, phrases of which the error must contain one.
    reason: &'static [&'static str],
}

fn expect(name: &str, status: &'static str, reason: &'static [&'static str]) -> Expect {
    let status: &'static [&'static str] = match status {
        "added" => &["added"],
        "failed" => &["failed"],
        "needs_ocr" => &["needs_ocr"],
        // Parsed within the time limit on a fast machine, timed out on a slow one.
        _ => &["added", "failed"],
    };
    Expect {
        name: name.to_string(),
        status,
        reason,
    }
}

/// A name in Unicode NFD (what macOS file systems hand out).
fn nfd(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfd().collect()
}

/// Builds the batch folder; returns the expectations for every file in it.
fn build_batch(batch: &Path) -> Vec<Expect> {
    std::fs::create_dir_all(batch).expect("batch dir");
    for (name, _) in crate::generate::small_inputs() {
        std::fs::copy(bad_inputs_dir().join(name), batch.join(name)).expect("copy bad input");
    }
    crate::generate::write_big_inputs(batch);
    let seed = &seed_stems()[0];
    for ext in ["txt", "docx"] {
        let name = format!("{seed}.{ext}");
        std::fs::copy(corpus().join(&name), batch.join(&name)).expect("copy corpus file");
    }
    let good_pdf = first_pdf();
    let pdf_name = good_pdf
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    std::fs::copy(&good_pdf, batch.join(&pdf_name)).expect("copy corpus pdf");

    std::fs::write(
        batch.join("Báo cáo tài chính năm 2023.txt"),
        "Báo cáo quyết toán ngân sách xã Thạch Kênh\n",
    )
    .expect("write");
    std::fs::write(
        batch.join(nfd("Quyết định số 15.txt")),
        "Quyết định phê duyệt đề án Kỳ Anh\n",
    )
    .expect("write");
    std::fs::write(
        batch.join("tên có  hai dấu cách.txt"),
        "Tờ trình về cầu Cửa Sót\n",
    )
    .expect("write");

    let unreadable = batch.join("unreadable.txt");
    std::fs::write(&unreadable, "Công văn không đọc được\n").expect("write");
    set_mode(&unreadable, 0o000);

    let looped = batch.join("symlink-loop");
    std::fs::create_dir_all(&looped).expect("loop dir");
    std::fs::write(
        looped.join("inside the loop.txt"),
        "Thông báo trong thư mục vòng lặp\n",
    )
    .expect("write");
    std::os::unix::fs::symlink("..", looped.join("back-to-parent")).expect("symlink");

    let as_root = unsafe { libc::geteuid() } == 0;
    let mut all = vec![
        expect("empty.pdf", "failed", &["empty"]),
        expect("truncated-at-10-percent.pdf", "failed", &["cut short"]),
        expect("truncated-at-50-percent.pdf", "failed", &["cut short"]),
        expect("truncated-at-90-percent.pdf", "failed", &["cut short"]),
        expect("broken-xref.pdf", "failed", &["invalid PDF", "trailer"]),
        expect("encrypted-empty-password.pdf", "added", &[]),
        expect(
            "encrypted-with-password.pdf",
            "failed",
            &["encrypted", "password"],
        ),
        expect("cyclic-references.pdf", "added", &[]),
        expect(
            "self-referencing-page-tree.pdf",
            "failed",
            &["no pages found"],
        ),
        expect("scanned.pdf", "needs_ocr", &[]),
        expect("really-a-docx.pdf", "added", &[]),
        expect("really-a-pdf.docx", "added", &[]),
        expect(
            "missing-document-xml.docx",
            "failed",
            &["missing word/document.xml"],
        ),
        expect("windows-1258.txt", "added", &[]),
        expect("utf-16le-bom.txt", "added", &[]),
        expect("utf-16be-bom.txt", "added", &[]),
        expect("utf-16le-no-bom.txt", "added", &[]),
        expect("latin-1-french.txt", "failed", &["not valid UTF-8"]),
        expect(
            "deeply-nested.rtf",
            "failed",
            &["invalid RTF", "nested deeper"],
        ),
        expect("rtf-named.doc", "added", &[]),
        expect("word-web-page-named.doc", "added", &[]),
        expect(
            "mime-without-html.mht",
            "failed",
            &["invalid HTML", "text/html"],
        ),
        expect(
            "deeply-nested.html",
            "failed",
            &["invalid HTML", "nested deeper"],
        ),
        expect(
            "ten-thousand-pages.pdf",
            "added or timed out",
            &["timed out"],
        ),
        expect(
            "inflates-to-a-gigabyte.pdf",
            "failed",
            &["timed out", "crashed"],
        ),
        expect("zip-bomb.docx", "failed", &["zip bomb"]),
        expect("billion-laughs.docx", "failed", &["refused DOCX", "DTD"]),
        expect("deeply-nested.docx", "failed", &["refused DOCX", "deep"]),
        expect(&format!("{seed}.txt"), "added", &[]),
        expect(&format!("{seed}.docx"), "added", &[]),
        expect(&pdf_name, "added", &[]),
        expect("Báo cáo tài chính năm 2023.txt", "added", &[]),
        expect(&nfd("Quyết định số 15.txt"), "added", &[]),
        expect("tên có  hai dấu cách.txt", "added", &[]),
        expect("symlink-loop/inside the loop.txt", "added", &[]),
    ];
    if as_root {
        // Root reads any file, permissions or not.
        all.push(expect("unreadable.txt", "added", &[]));
    } else {
        all.push(expect("unreadable.txt", "failed", &["permission denied"]));
    }
    all
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn run_with_deadline(
    args: &[&std::ffi::OsStr],
    limit: std::time::Duration,
) -> std::process::Output {
    use std::process::{Command, Stdio};
    let started = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vanban");
    // Drain the pipes in threads so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).ok();
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("vanban {args:?} still running after {limit:?}: a limit does not hold");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    std::process::Output {
        status,
        stdout: out_thread.join().expect("stdout thread"),
        stderr: err_thread.join().expect("stderr thread"),
    }
}

#[test]
fn every_bad_input_is_accounted_for_by_ingest_and_extract() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let batch = tmp.path().join("batch");
    let expected = build_batch(&batch);
    let batch = batch.canonicalize().expect("canonical batch");
    let index = tmp.path().join("index");
    let report = tmp.path().join("report.jsonl");
    let limit = std::time::Duration::from_secs(150);

    let started = std::time::Instant::now();
    let out = run_with_deadline(
        &[
            "ingest".as_ref(),
            "--quiet".as_ref(),
            "--timeout".as_ref(),
            "10".as_ref(),
            "--index".as_ref(),
            index.as_os_str(),
            "--report".as_ref(),
            report.as_os_str(),
            batch.as_os_str(),
        ],
        limit,
    );
    eprintln!(
        "ingest of {} files took {:.1} s",
        expected.len(),
        started.elapsed().as_secs_f64()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{stderr}");

    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .expect("report")
        .lines()
        .map(|l| serde_json::from_str(l).expect("report line is JSON"))
        .collect();
    let mut problems = Vec::new();
    for e in &expected {
        let want = batch.join(&e.name).to_string_lossy().into_owned();
        let found: Vec<&serde_json::Value> = lines
            .iter()
            .filter(|l| l["path"] == want.as_str())
            .collect();
        let [line] = found.as_slice() else {
            problems.push(format!(
                "{}: {} report lines (want exactly 1)",
                e.name,
                found.len()
            ));
            continue;
        };
        let status = line["status"].as_str().unwrap_or("");
        let error = line["error"].as_str().unwrap_or("");
        if !e.status.contains(&status) {
            problems.push(format!(
                "{}: {status} (want {:?}) {error}",
                e.name, e.status
            ));
        } else if status == "failed"
            && !e.reason.is_empty()
            && !e
                .reason
                .iter()
                .any(|r| error.to_lowercase().contains(&r.to_lowercase()))
        {
            problems.push(format!(
                "{}: error {error:?} names none of {:?}",
                e.name, e.reason
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nreport:\n{}",
        problems.join("\n"),
        lines
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        lines.len(),
        expected.len(),
        "one report line per file, no extra ones"
    );

    // The summary line adds up to the files of the batch.
    let count = |status: &str| lines.iter().filter(|l| l["status"] == status).count();
    let (added, failed, needs_ocr) = (count("added"), count("failed"), count("needs_ocr"));
    assert_eq!(added + failed + needs_ocr, expected.len());
    let summary = format!("ingest: {added} added, 0 updated, 0 unchanged, 0 removed, {failed} failed, {needs_ocr} needs OCR;");
    assert!(stdout.contains(&summary), "want {summary:?} in {stdout}");
    // One stderr line per failed file, naming it.
    let failed_names: Vec<&str> = expected
        .iter()
        .filter(|e| {
            let want = batch.join(&e.name).to_string_lossy().into_owned();
            lines
                .iter()
                .any(|l| l["path"] == want.as_str() && l["status"] == "failed")
        })
        .map(|e| e.name.as_str())
        .collect();
    for name in &failed_names {
        let named = stderr.lines().filter(|l| l.contains(name)).count();
        assert_eq!(named, 1, "{name} should be named once on stderr:\n{stderr}");
    }

    // The good files, the decoded encodings and the odd names are searchable.
    let search = |query: &str| -> Vec<String> {
        let out = vanban(&[
            "search",
            query,
            "--index",
            index.to_str().expect("utf-8"),
            "--json",
            // One decoded text in several encodings is one document with several
            // files; every file must be found.
            "--all-files",
            "--limit",
            "100",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("search JSON");
        let mut names: Vec<String> = v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter_map(|h| h["path"].as_str())
            .map(|p| {
                Path::new(p)
                    .strip_prefix(&batch)
                    .map_or(p.to_string(), |r| r.to_string_lossy().into_owned())
            })
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        search("\"mã hóa văn bản cũ\""),
        [
            "utf-16be-bom.txt",
            "utf-16le-bom.txt",
            "utf-16le-no-bom.txt",
            "windows-1258.txt"
        ]
    );
    assert_eq!(search("\"docx đội lốt pdf\""), ["really-a-docx.pdf"]);
    assert_eq!(search("\"pdf doi lot docx\""), ["really-a-pdf.docx"]);
    assert_eq!(search("\"Thạch Kênh\""), ["Báo cáo tài chính năm 2023.txt"]);
    assert_eq!(search("\"Kỳ Anh\""), [nfd("Quyết định số 15.txt")]);
    assert_eq!(search("\"Cửa Sót\""), ["tên có  hai dấu cách.txt"]);
    assert_eq!(
        search("\"thư mục vòng lặp\""),
        ["symlink-loop/inside the loop.txt"]
    );
    assert_eq!(search("\"tai lieu mat\""), ["encrypted-empty-password.pdf"]);
    let seed = &seed_stems()[0];
    let corpus_hits = search("\"cải cách hành chính\"");
    for good in [format!("{seed}.txt"), format!("{seed}.docx")] {
        assert!(
            corpus_hits.contains(&good),
            "{good} not found: {corpus_hits:?}"
        );
    }

    // The same files through `vanban extract`: no panic, one line per failure.
    let mut files: Vec<std::ffi::OsString> = expected
        .iter()
        .filter(|e| !e.name.contains('/'))
        .map(|e| batch.join(&e.name).into_os_string())
        .collect();
    files.sort();
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "extract".as_ref(),
        "--json".as_ref(),
        "--timeout".as_ref(),
        "10".as_ref(),
    ];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let out = run_with_deadline(&args, limit);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let error_lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    // Every line names a file allowed to fail; every file sure to fail is named.
    for line in &error_lines {
        assert!(
            expected
                .iter()
                .any(|e| e.status.contains(&"failed") && line.contains(&e.name)),
            "unexpected error line: {line}"
        );
    }
    for e in expected.iter().filter(|e| e.status == ["failed"]) {
        let named = error_lines.iter().filter(|l| l.contains(&e.name)).count();
        assert_eq!(named, 1, "{} not named once:\n{stderr}", e.name);
    }
    assert_eq!(
        json_lines(&out.stdout).len() + error_lines.len(),
        files.len(),
        "every file is either a record or an error line"
    );
}
