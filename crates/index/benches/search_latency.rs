//! Search latency at scale: p50/p90/p99 of a fixed set of 300 queries against
//! indexes of 10,000 and 100,000 documents.
//!
//! The documents are extract records (see `common::records` for where they
//! come from: generated documents via `VANBAN_BENCH_RECORDS`/`VANBAN_BENCH_DOCS`,
//! else the committed corpus) repeated with varied number, year, agency and
//! path, ingested through the real ingest path. Indexes are cached under
//! `VANBAN_BENCH_WORK` (default: cargo's target tmp folder) and reused by the
//! next run. `VANBAN_BENCH_SIZES` (default `10000,100000`) and
//! `VANBAN_BENCH_ROUNDS` (default 5) change the run; `VANBAN_BENCH_MODES`
//! (e.g. `PhraseAccented,Facets`) keeps only those query kinds.
//!
//! The 300 queries: 25 genre terms, each asked twelve ways — with diacritics,
//! without, as a phrase with and without diacritics, with a year filter, a
//! kind filter, an agency filter, a date range, an amount range, with facet
//! counts, as cited-by (documents citing a number, top 10, through the
//! `cites` filter), and filters alone (empty query, kind and year). Every query runs once to warm the
//! caches, then `ROUNDS` times; each latency is one `VanbanIndex::search` call
//! as the CLI makes it (top 10 with snippets).

mod common;

use std::path::PathBuf;
use std::time::Instant;

use vanban_extract::ExtractRecord;
use vanban_index::{Filters, SearchRequest, VanbanIndex};
use vanban_text::folded_key;

/// Terms of the genre; phrases are asked whole, single words alone.
const TERMS: [&str; 25] = [
    "cải cách hành chính",
    "ngân sách nhà nước",
    "phòng, chống tham nhũng",
    "thanh tra",
    "giải ngân vốn đầu tư công",
    "xây dựng nông thôn mới",
    "chuyển đổi số",
    "hồ sơ",
    "thủ tục hành chính",
    "kinh phí",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "kế hoạch",
    "tổ chức thực hiện",
    "dịch vụ công trực tuyến",
    "an toàn giao thông",
    "bảo hiểm xã hội",
    "giáo dục",
    "y tế",
    "quốc phòng",
    "đất đai",
    "môi trường",
    "doanh nghiệp",
    "khiếu nại, tố cáo",
    "kết quả thực hiện",
];

/// One of the ways a term is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Mode {
    Accented,
    Folded,
    PhraseAccented,
    PhraseFolded,
    YearFilter,
    KindFilter,
    AgencyFilter,
    DateRange,
    AmountRange,
    Facets,
    CitedBy,
    FiltersOnly,
}

const MODES: [Mode; 12] = [
    Mode::Accented,
    Mode::Folded,
    Mode::PhraseAccented,
    Mode::PhraseFolded,
    Mode::YearFilter,
    Mode::KindFilter,
    Mode::AgencyFilter,
    Mode::DateRange,
    Mode::AmountRange,
    Mode::Facets,
    Mode::CitedBy,
    Mode::FiltersOnly,
];

/// The fixed query set: 25 terms × 8 modes, filters drawn in turn from the pool.
fn queries(pool: &[ExtractRecord]) -> Vec<(Mode, SearchRequest)> {
    let agencies = common::agencies(pool);
    let mut kinds: Vec<String> = pool.iter().filter_map(|r| r.header.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let mut cited: Vec<String> = pool
        .iter()
        .flat_map(|r| r.references.iter())
        .filter(|r| !r.partial)
        .map(|r| r.number.clone())
        .collect();
    cited.sort();
    cited.dedup();
    let pick = |v: &[String], i: usize| (!v.is_empty()).then(|| v[i % v.len()].clone());
    let mut out = Vec::with_capacity(TERMS.len() * MODES.len());
    for (i, term) in TERMS.iter().enumerate() {
        for mode in MODES {
            let mut filters = Filters::default();
            let mut facets = false;
            let query = match mode {
                Mode::Accented => term.to_string(),
                Mode::Folded => folded_key(term),
                Mode::PhraseAccented => format!("\"{term}\""),
                Mode::PhraseFolded => format!("\"{}\"", folded_key(term)),
                Mode::YearFilter => {
                    filters.year = Some(2010 + (i as u64 % 16));
                    term.to_string()
                }
                Mode::KindFilter => {
                    filters.kind = pick(&kinds, i);
                    folded_key(term)
                }
                Mode::AgencyFilter => {
                    filters.agency = pick(&agencies, i);
                    term.to_string()
                }
                Mode::DateRange => {
                    let y = 2010 + (i % 14);
                    filters.from = Some(format!("{y}-04"));
                    filters.to = Some(format!("{}-03", y + 2));
                    folded_key(term)
                }
                Mode::AmountRange => {
                    filters.min_amount = Some(10_000_000 * (1 + i as i64 % 5));
                    filters.max_amount = Some(5_000_000_000);
                    term.to_string()
                }
                Mode::Facets => {
                    facets = true;
                    term.to_string()
                }
                Mode::CitedBy => {
                    filters.cites = pick(&cited, i * 7);
                    String::new()
                }
                Mode::FiltersOnly => {
                    filters.kind = pick(&kinds, i);
                    filters.year = Some(2010 + (i as u64 % 16));
                    String::new()
                }
            };
            out.push((
                mode,
                SearchRequest {
                    query,
                    limit: 10,
                    filters,
                    facets,
                    all_files: false,
                },
            ));
        }
    }
    out
}

/// CPU time of the calling thread, in milliseconds. On a shared, loaded
/// machine wall time includes waiting for a core; CPU time is what a query
/// costs, and what it takes on an idle machine (search runs on one thread).
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

/// The value at quantile `q` (0..=1) of sorted `v`, nearest rank.
fn quantile(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let rank = (q * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

fn main() {
    // `cargo bench` passes harness flags such as `--bench`; nothing here takes flags.
    let sizes: Vec<usize> = std::env::var("VANBAN_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rounds: usize = std::env::var("VANBAN_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let work = std::env::var_os("VANBAN_BENCH_WORK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("search-latency"));
    let pool = common::records();
    assert!(
        !pool.is_empty(),
        "no extract records to build an index from"
    );
    // `VANBAN_BENCH_MODES=PhraseAccented,Facets` keeps only those kinds (for profiling one).
    let modes = std::env::var("VANBAN_BENCH_MODES").unwrap_or_default();
    let set: Vec<(Mode, SearchRequest)> = queries(&pool)
        .into_iter()
        .filter(|(m, _)| modes.is_empty() || modes.split(',').any(|k| k.trim() == format!("{m:?}")))
        .collect();
    println!(
        "search latency: {} queries x {rounds} rounds, pool of {} documents",
        set.len(),
        pool.len()
    );
    println!(
        "{:>8} {:>16} {:>9} {:>9} {:>9} {:>9} {:>11} {:>11} {:>10}",
        "docs",
        "queries",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "cpu p50 ms",
        "cpu p99 ms",
        "avg hits"
    );
    for n in sizes {
        let dir = common::build_index(&work, &pool, n);
        let index = VanbanIndex::open(&dir).expect("open bench index");
        let mut hits = 0usize;
        for (_, req) in &set {
            hits += index.search(req).expect("warm-up search").hits.len();
        }
        // (wall ms, thread CPU ms) of every query run.
        let mut all: Vec<(f64, f64)> = Vec::with_capacity(set.len() * rounds);
        let mut by_mode: std::collections::BTreeMap<Mode, Vec<(f64, f64)>> = Default::default();
        for _ in 0..rounds {
            for (mode, req) in &set {
                let cpu = thread_cpu_ms();
                let t = Instant::now();
                let res = index.search(req).expect("search");
                let ms = t.elapsed().as_secs_f64() * 1e3;
                let cpu = thread_cpu_ms() - cpu;
                std::hint::black_box(res);
                all.push((ms, cpu));
                by_mode.entry(*mode).or_default().push((ms, cpu));
            }
        }
        let row = |label: &str, v: &[(f64, f64)], avg_hits: String| {
            let mut wall: Vec<f64> = v.iter().map(|x| x.0).collect();
            let mut cpu: Vec<f64> = v.iter().map(|x| x.1).collect();
            wall.sort_by(f64::total_cmp);
            cpu.sort_by(f64::total_cmp);
            println!(
                "{n:>8} {label:>16} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>11.3} {:>11.3} {avg_hits:>10}",
                quantile(&wall, 0.5),
                quantile(&wall, 0.9),
                quantile(&wall, 0.99),
                wall.last().copied().unwrap_or(f64::NAN),
                quantile(&cpu, 0.5),
                quantile(&cpu, 0.99),
            );
        };
        row(
            "all",
            &all,
            format!("{:.1}", hits as f64 / set.len() as f64),
        );
        for (mode, v) in by_mode {
            row(&format!("{mode:?}"), &v, String::new());
        }
    }
}
