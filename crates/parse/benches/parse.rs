//! Parse throughput per format, in pages/s and MB/s of input file.
//!
//! By default the bench reads the committed `corpus/`; set `VANBAN_BENCH_DOCS`
//! to a folder (e.g. one made by `vanban-bench generate`) to measure on that
//! instead. `VANBAN_BENCH_LIMIT` caps the files per format (default 40) so a
//! run over thousands of generated files stays short.
//!
//! PDFs are parsed in process here, without the worker pool: this is the cost
//! of the parser itself, not of the isolation around it (the end-to-end
//! `benches/ingest.sh` measures that).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vanban_parse::{parse_bytes, Limits};

/// One input file held in memory, with the page count a first parse found.
struct Sample {
    name: String,
    bytes: Vec<u8>,
    pages: usize,
}

fn source_dir() -> PathBuf {
    match std::env::var_os("VANBAN_BENCH_DOCS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus"),
    }
}

/// Files of `dir` with extension `ext` that parse, sorted by name so runs compare.
fn samples(dir: &Path, ext: &str, limits: &Limits) -> Vec<Sample> {
    let cap: usize = std::env::var("VANBAN_BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == ext));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            // Scans and broken files have no text to measure; skip them here.
            let doc = parse_bytes(&bytes, &name, limits).ok()?;
            let pages = doc.pages.len();
            let has_text = doc.pages.iter().any(|pg| !pg.text().trim().is_empty());
            (pages > 0 && has_text).then_some(Sample { name, bytes, pages })
        })
        .take(cap)
        .collect()
}

fn bench_format(c: &mut Criterion, ext: &str) {
    let limits = Limits::default();
    let set = samples(&source_dir(), ext, &limits);
    if set.is_empty() {
        eprintln!(
            "parse bench: no parseable .{ext} files in {}",
            source_dir().display()
        );
        return;
    }
    let pages: usize = set.iter().map(|s| s.pages).sum();
    let bytes: usize = set.iter().map(|s| s.bytes.len()).sum();
    let mut group = c.benchmark_group(format!("parse_{ext}"));
    group.sample_size(10);
    // The same work measured twice, so both units the targets use are printed.
    for (unit, throughput) in [
        ("pages", Throughput::Elements(pages as u64)),
        ("bytes", Throughput::Bytes(bytes as u64)),
    ] {
        group.throughput(throughput);
        group.bench_with_input(
            BenchmarkId::new(format!("{} files", set.len()), unit),
            &set,
            |b, set| {
                b.iter(|| {
                    for s in set {
                        let doc = parse_bytes(&s.bytes, &s.name, &limits);
                        std::hint::black_box(doc.map(|d| d.pages.len()).unwrap_or(0));
                    }
                })
            },
        );
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    bench_format(c, "pdf");
    bench_format(c, "docx");
}

criterion_group!(benches, bench);
criterion_main!(benches);
