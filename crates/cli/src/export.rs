//! `vanban export`: every ingested document (or a filtered slice) with its
//! facts, written by one of vanban-export's sinks. This file only maps the
//! command line to a sink; the tables and formats live in `crates/export`.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use vanban_export::{
    run_export, CsvSink, ExportError, ExportSummary, JsonlSink, OpenSearchSink, ParquetSink,
    RecordSink, TableId,
};
use vanban_index::VanbanIndex;

use crate::search::FilterArgs;

/// Output formats of `vanban export`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per document (schemas/export-record.schema.json).
    Jsonl,
    /// A folder of tables: documents, references, money, case_counts, periods.
    Csv,
    /// The same tables as typed, zstd-compressed Parquet files.
    Parquet,
    /// OpenSearch bulk NDJSON files (≤ 10 MB each), the index template and a Quickwit index config.
    Opensearch,
}

/// Arguments of `vanban export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Only documents containing these words (as in `search`; omitted: all).
    pub query: Option<String>,
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// jsonl: output file (default: standard output); csv, parquet, opensearch: output folder (required).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// csv: start each file with a UTF-8 byte order mark, so Excel shows Vietnamese correctly.
    #[arg(long)]
    pub bom: bool,
    /// csv, parquet, opensearch: write into a non-empty folder, replacing the export's files (other files are left alone).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Runs `vanban export`. Exit status 3 when some stored records could not be read.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    if args.bom && args.format != ExportFormat::Csv {
        bail!("--bom applies to --format csv only");
    }
    if args.format != ExportFormat::Jsonl && args.out.is_none() {
        bail!(
            "--format {} needs --out DIR (the folder receiving the {})",
            format_name(args.format),
            if args.format == ExportFormat::Opensearch {
                "bulk files, index template and Quickwit config"
            } else {
                "five tables"
            }
        );
    }
    let index = VanbanIndex::open(&args.index)?;
    let docs = index.export(
        args.query.as_deref().unwrap_or(""),
        &args.filters.to_filters(),
    )?;
    let mut failed = 0usize;
    let on_error = |e: vanban_index::IndexError| {
        failed += 1;
        eprintln!("vanban: export: {e}");
    };
    match (args.format, &args.out) {
        (ExportFormat::Jsonl, None) => {
            let mut sink = JsonlSink::new(BufWriter::new(std::io::stdout().lock()), "-");
            finish(run_export(docs, &mut sink, on_error))?;
        }
        (ExportFormat::Jsonl, Some(path)) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut sink = JsonlSink::new(BufWriter::new(file), path);
            let summary = finish(run_export(docs, &mut sink, on_error))?;
            eprintln!(
                "vanban: exported {} document{} to {}",
                summary.documents(),
                plural(summary.documents()),
                path.display()
            );
        }
        (format @ (ExportFormat::Csv | ExportFormat::Parquet), Some(dir)) => {
            let mut sink: Box<dyn RecordSink> = if format == ExportFormat::Csv {
                Box::new(CsvSink::create(dir, args.bom, args.force)?)
            } else {
                Box::new(ParquetSink::create(dir, args.force)?)
            };
            let summary = finish(run_export(docs, sink.as_mut(), on_error))?;
            let counts: Vec<String> = TableId::ALL[1..]
                .iter()
                .map(|&t| format!("{}.{} {}", t.name(), format_name(format), summary.rows(t)))
                .collect();
            eprintln!(
                "vanban: exported {} document{} to {} ({})",
                summary.documents(),
                plural(summary.documents()),
                dir.display(),
                counts.join(", ")
            );
            if summary.repeated > 0 {
                eprintln!(
                    "vanban: {} file{} had the same bytes as an exported document (same id) and {} written once; the JSON Lines export lists every file",
                    summary.repeated,
                    plural(summary.repeated),
                    if summary.repeated == 1 { "was" } else { "were" },
                );
            }
        }
        (ExportFormat::Opensearch, Some(dir)) => {
            let mut sink = OpenSearchSink::create(dir, args.force, env!("CARGO_PKG_VERSION"))?;
            let summary = finish(run_export(docs, &mut sink, on_error))?;
            eprintln!(
                "vanban: exported {} document{} to {} ({} bulk file{}, {}, {})",
                summary.documents(),
                plural(summary.documents()),
                dir.display(),
                sink.files(),
                plural(sink.files()),
                vanban_export::opensearch::TEMPLATE_FILE,
                vanban_export::opensearch::QUICKWIT_FILE,
            );
            if summary.repeated > 0 {
                eprintln!(
                    "vanban: {} file{} had the same bytes as an exported document (same id) and {} written once",
                    summary.repeated,
                    plural(summary.repeated),
                    if summary.repeated == 1 { "was" } else { "were" },
                );
            }
        }
        (_, None) => bail!("--out DIR is needed"),
    }
    Ok(if failed > 0 {
        eprintln!(
            "vanban: {failed} document{} could not be exported",
            plural(failed)
        );
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// An export's outcome for the CLI: a closed standard output keeps its I/O
/// kind so `main` can treat `| head` as success.
fn finish(result: Result<ExportSummary, ExportError>) -> Result<ExportSummary> {
    result.map_err(|e| {
        if e.is_broken_pipe() {
            anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
        } else {
            anyhow::Error::new(e)
        }
    })
}

/// The `--format` value of a format (also the tables' file extension).
fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Csv => "csv",
        ExportFormat::Parquet => "parquet",
        ExportFormat::Opensearch => "opensearch",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
