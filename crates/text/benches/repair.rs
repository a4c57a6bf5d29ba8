//! Throughput of the whole page repair (`prepare_document`) on the seed reports,
//! as NFC input and as NFD input.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unicode_normalization::UnicodeNormalization;
use vanban_text::prepare_document;

/// The seed reports, split into "pages" of about 60 lines as PDFs would give them.
fn seed_pages() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p: &std::path::PathBuf| p.extension().and_then(|x| x.to_str()) == Some("txt"));
    paths.sort();
    let mut pages = Vec::new();
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for chunk in lines.chunks(60) {
            pages.push(chunk.join("\n") + "\n");
        }
    }
    pages
}

fn bench(c: &mut Criterion) {
    let nfc: Vec<String> = seed_pages().iter().map(|p| p.nfc().collect()).collect();
    let nfd: Vec<String> = nfc.iter().map(|p| p.nfd().collect()).collect();
    let mut group = c.benchmark_group("prepare_document");
    for (name, pages) in [("nfc", &nfc), ("nfd", &nfd)] {
        let bytes: usize = pages.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| b.iter(|| prepare_document(black_box(pages))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
