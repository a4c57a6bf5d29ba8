//! Parses `.doc` files in this process, `rounds` times each, and prints the CPU and wall
//! time spent, the pages parsed and pages per CPU-second (used by benches/doc_vs_antiword.sh):
//! `cargo run --release -p vanban-parse --example doc_bench -- ROUNDS FILE...`

use std::time::Instant;

use vanban_parse::{doc::parse_doc, Limits};

/// User plus system CPU seconds of this process so far.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    t(usage.ru_utime) + t(usage.ru_stime)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((rounds, files)) = args.split_first() else {
        eprintln!("usage: doc_bench ROUNDS FILE...");
        std::process::exit(2);
    };
    let rounds: usize = rounds.parse().unwrap_or(1);
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok().map(|b| (f.clone(), b)))
        .collect();
    let limits = Limits::default();
    let (cpu0, wall0) = (cpu_seconds(), Instant::now());
    let mut pages = 0usize;
    let mut failed = 0usize;
    for _ in 0..rounds {
        for (_, bytes) in &inputs {
            match parse_doc(bytes, &limits) {
                Ok(doc) => pages += doc.pages.len(),
                Err(_) => failed += 1,
            }
        }
    }
    let cpu = cpu_seconds() - cpu0;
    let wall = wall0.elapsed().as_secs_f64();
    println!(
        "files={} rounds={rounds} pages={pages} failed={failed} cpu_s={cpu:.3} wall_s={wall:.3} pages_per_cpu_s={:.1}",
        inputs.len(),
        pages as f64 / cpu.max(1e-9)
    );
}
