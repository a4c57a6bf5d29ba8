//! Bad files in a batch: each gets one clear error line naming it, the good files
//! still print, and the exit status says something failed.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;

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

/// A DOCX whose document.xml inflates from a few hundred KB to 300 MB.
fn zip_bomb() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("[Content_Types].xml", opts).expect("entry");
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>")
            .expect("write");
        zip.start_file("word/document.xml", opts).expect("entry");
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..300 {
            zip.write_all(&chunk).expect("write");
        }
        zip.finish().expect("finish");
    }
    buf.into_inner()
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
    let bomb = dir.write("bomb.docx", &zip_bomb());
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
