//! `vanban-bench`: generates the benchmark corpus.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use vanban_bench::{generate, Formats};

/// Benchmark tools for vanban.
#[derive(Parser)]
#[command(name = "vanban-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes N realistic documents (PDF and/or DOCX) and DIR/manifest.jsonl; same seed, same bytes.
    Generate {
        /// Output folder (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Number of documents.
        #[arg(short = 'n', long = "count", default_value_t = 2000)]
        count: u64,
        /// Seed of the corpus.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Formats to write, comma-separated: pdf, docx.
        #[arg(long, default_value = "pdf,docx", value_delimiter = ',')]
        formats: Vec<String>,
    },
    /// Parses PDFs in this process, one thread, N rounds; prints pages and CPU seconds per round.
    ParsePdf {
        /// PDF files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Times to parse the whole set.
        #[arg(long, default_value_t = 1)]
        rounds: u32,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            out,
            count,
            seed,
            formats,
        } => {
            let mut f = Formats {
                pdf: false,
                docx: false,
            };
            for name in &formats {
                match name.trim() {
                    "pdf" => f.pdf = true,
                    "docx" => f.docx = true,
                    other => bail!("unknown format {other:?} (expected pdf or docx)"),
                }
            }
            let s = generate(&out, count, seed, f)
                .with_context(|| format!("generating into {}", out.display()))?;
            let mb = |b: u64| b as f64 / 1_048_576.0;
            println!(
                "generated {} documents, {} files, {} pages, PDF {:.1} MiB, DOCX {:.1} MiB in {:.2} s ({:.0} docs/s, {:.0} pages/s)",
                s.documents,
                s.files,
                s.pages,
                mb(s.pdf_bytes),
                mb(s.docx_bytes),
                s.seconds,
                s.documents as f64 / s.seconds.max(1e-9),
                s.pages as f64 / s.seconds.max(1e-9),
            );
        }
        Command::ParsePdf { files, rounds } => {
            let inputs: Vec<(PathBuf, Vec<u8>)> = files
                .into_iter()
                .map(|f| {
                    std::fs::read(&f)
                        .map(|b| (f.clone(), b))
                        .with_context(|| format!("reading {}", f.display()))
                })
                .collect::<Result<_>>()?;
            let limits = vanban_parse::Limits::default();
            for round in 1..=rounds {
                let cpu_start = cpu_seconds();
                let wall_start = std::time::Instant::now();
                let mut pages = 0usize;
                let mut failed = 0usize;
                for (path, bytes) in &inputs {
                    match vanban_parse::pdf::parse_pdf(bytes, &limits) {
                        Ok(doc) => pages += doc.pages.len(),
                        Err(e) => {
                            failed += 1;
                            eprintln!("{}: {e}", path.display());
                        }
                    }
                }
                let cpu = cpu_seconds() - cpu_start;
                let wall = wall_start.elapsed().as_secs_f64();
                println!(
                    "round {round}: {} files, {pages} pages, {failed} failed, CPU {cpu:.3} s, wall {wall:.3} s, {:.0} pages/CPU-s",
                    inputs.len(),
                    pages as f64 / cpu.max(1e-9)
                );
            }
        }
    }
    Ok(())
}

/// User plus system CPU time of this process so far, in seconds.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct we pass; RUSAGE_SELF is always valid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    t(usage.ru_utime) + t(usage.ru_stime)
}
