//! Indexing throughput: extract records through the real ingest path (walk,
//! hash, channel, tantivy writer, commit) into a fresh index, in MB/s of page
//! text and pages/s. Parsing is not included: each file stands for a record
//! computed beforehand (see `common::records` for where records come from).

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Documents per measured ingest: the pool repeated with varied metadata.
const DOCS: usize = 500;

fn bench(c: &mut Criterion) {
    let pool = common::records();
    assert!(!pool.is_empty(), "no extract records to index");
    let scratch = tempfile::tempdir().expect("scratch folder");
    let files = scratch.path().join("files");
    let by_path = common::bench_files(&files, DOCS);
    let (mut bytes, mut pages) = (0u64, 0u64);
    for i in 0..DOCS {
        let r = &pool[i % pool.len()];
        bytes += r.text.iter().map(|t| t.len() as u64).sum::<u64>();
        pages += r.pages as u64;
    }
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    for (unit, throughput) in [
        ("pages", Throughput::Elements(pages)),
        ("bytes", Throughput::Bytes(bytes)),
    ] {
        group.throughput(throughput);
        group.bench_function(
            BenchmarkId::new(format!("ingest {DOCS} records"), unit),
            |b| {
                b.iter_with_setup(
                    || tempfile::tempdir().expect("index folder"),
                    |dir| {
                        let summary =
                            common::ingest_varied(dir.path(), &files, &by_path, &pool, 500);
                        std::hint::black_box(summary.added);
                    },
                )
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
