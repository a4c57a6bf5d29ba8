//! Throughput of `extract_facts` over the seed corpus texts, in MB/s of page text.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vanban_extract::extract_facts;
use vanban_text::{prepare_page, PreparedPage};

/// Every `corpus/*.txt` of the workspace as one prepared page per form feed.
fn corpus() -> Vec<Vec<PreparedPage>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|text| {
            text.split('\u{c}')
                .enumerate()
                .map(|(i, t)| prepare_page(i as u32 + 1, t.to_string()))
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs
        .iter()
        .flat_map(|d| d.iter().map(|p| p.display.len()))
        .sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("extract_facts/corpus_txt", |b| {
        b.iter(|| {
            for doc in &docs {
                std::hint::black_box(extract_facts(doc));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
