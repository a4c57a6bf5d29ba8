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
    }
    Ok(())
}
