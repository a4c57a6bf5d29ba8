//! `vanban`: the command-line front of the pipeline. Thin by design: every
//! decision lives in the library crates.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser as ClapParser, Subcommand};
use rayon::prelude::*;

mod cites;
mod export;
mod ingest;
mod limits;
mod load;
mod search;
mod serve;
mod shard;

/// Turns Vietnamese government reports (PDF, DOCX, text) into searchable, citable facts.
#[derive(ClapParser)]
#[command(name = "vanban", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse files and print their text by page, or their text and facts as JSON;
    /// with --manifest, write a shard's files as Parquet parts (exit status 3 when some failed).
    Extract {
        /// Files to read (PDF, DOCX, DOC, RTF, HTML, MHT, TXT, MD; the format is detected from content).
        #[arg(required_unless_present = "manifest", conflicts_with = "manifest")]
        files: Vec<PathBuf>,
        /// A shard of `vanban manifest`: extract its files into Parquet parts under --out
        /// (DIR/<table>/part-<blake3>.parquet), skipping files whose parts are complete.
        #[arg(long, value_name = "SHARD", requires = "out")]
        manifest: Option<PathBuf>,
        /// With --manifest: the dataset folder receiving the parts.
        #[arg(long, value_name = "DIR", requires = "manifest")]
        out: Option<PathBuf>,
        /// Print one JSON object per file (JSON Lines for several files).
        #[arg(long)]
        json: bool,
        /// Pretty-print the JSON (one file only makes sense).
        #[arg(long, requires = "json")]
        pretty: bool,
        #[command(flatten)]
        limits: limits::LimitArgs,
        #[command(flatten)]
        ocr: limits::OcrArgs,
    },
    /// Walk files and folders as `ingest` does and write a manifest (path, size, BLAKE3)
    /// split into shards of about equal bytes, for `extract --manifest`.
    Manifest(shard::ManifestArgs),
    /// Add new and changed files to the search index (default ./vanban-index);
    /// unchanged files are not parsed again. Exit status 3 when some files failed.
    Ingest(ingest::IngestArgs),
    /// Search the index: accents optional, "quoted phrases", structured filters.
    Search(search::SearchArgs),
    /// List what a document cites, with each mention's page and sentence.
    Cites(cites::CitesArgs),
    /// List the ingested documents citing a number, with page and sentence.
    CitedBy(cites::CitedByArgs),
    /// Counts by kind, agency and year, most cited documents, money by year.
    Stats(search::StatsArgs),
    /// Export documents and their facts (all, or a filtered slice) as JSON Lines or CSV tables.
    /// Exit status 3 when some stored records could not be read.
    Export(export::ExportArgs),
    /// Load the index's documents and facts into a database (PostgreSQL), incrementally.
    /// Exit status 3 when some batches failed (they are rolled back; the others stay).
    Load(load::LoadArgs),
    /// Serve the JSON API and the web pages over the index (http://127.0.0.1:7700).
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    // Parse workers are this program started with a marker argument; they never reach clap.
    vanban_pipeline::run_worker_if_requested();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error worth reporting.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vanban: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error is a closed standard output, directly or inside a JSON write.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = std::io::ErrorKind::BrokenPipe;
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|io| io.kind() == broken)
        || e.downcast_ref::<serde_json::Error>()
            .is_some_and(|j| j.io_error_kind() == Some(broken))
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract {
            files,
            manifest,
            out,
            json,
            pretty,
            limits,
            ocr,
        } => match (manifest, out) {
            (Some(shard), Some(out)) => shard::extract(&shard, &out, json, limits, ocr),
            _ => extract(files, json, pretty, limits, ocr),
        },
        Command::Manifest(args) => shard::manifest(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Search(args) => search::run(args, &mut std::io::stdout().lock()),
        Command::Cites(args) => cites::cites(args, &mut std::io::stdout().lock()),
        Command::CitedBy(args) => cites::cited_by(args, &mut std::io::stdout().lock()),
        Command::Stats(args) => search::stats(args, &mut std::io::stdout().lock()),
        Command::Export(args) => export::run(args),
        Command::Load(args) => load::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

fn extract(
    files: Vec<PathBuf>,
    json: bool,
    pretty: bool,
    limits: limits::LimitArgs,
    ocr: limits::OcrArgs,
) -> Result<ExitCode> {
    let limits = limits.to_limits();
    let ocr = ocr.to_config(&limits);
    let pipeline = vanban_pipeline::Pipeline::with_workers(limits, ocr)?;
    // Parse in parallel but print in the order given, so output is reproducible.
    let results: Vec<_> = files
        .par_iter()
        .map(|path| (path, pipeline.process(path)))
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    for (path, result) in results {
        match result {
            Ok(record) => {
                if json {
                    if pretty {
                        serde_json::to_writer_pretty(&mut out, &record)?;
                    } else {
                        serde_json::to_writer(&mut out, &record)?;
                    }
                    writeln!(out)?;
                } else {
                    print_human(&mut out, &record)?;
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("vanban: {}: {e}", path.display());
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_human(out: &mut impl Write, record: &vanban_extract::ExtractRecord) -> Result<()> {
    writeln!(
        out,
        "==> {} ({}, {} page{})",
        record.source,
        record.format,
        record.pages,
        if record.pages == 1 { "" } else { "s" }
    )?;
    for w in &record.warnings {
        match w.page {
            Some(p) => writeln!(out, "warning (page {p}): {}", w.message)?,
            None => writeln!(out, "warning: {}", w.message)?,
        }
    }
    for (i, text) in record.text.iter().enumerate() {
        writeln!(out, "--- page {} ---", i + 1)?;
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            writeln!(out)?;
        }
    }
    Ok(())
}
