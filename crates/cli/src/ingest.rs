//! `vanban ingest`: files into the search index, incrementally.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vanban_index::{FileOutcome, FileStatus, IngestObserver, IngestOptions, VanbanIndex};

use crate::limits::{LimitArgs, OcrArgs};
use vanban_pipeline::Pipeline;

/// Exit status when some files failed (the others are committed).
pub const EXIT_SOME_FAILED: u8 = 3;

/// Arguments of `vanban ingest`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// Files and folders to ingest (folders are walked; hidden entries and
    /// data, code and media files are skipped; named files are always tried).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Index folder (created if missing).
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Remove indexed documents whose files are gone from under PATHS.
    #[arg(long)]
    pub prune: bool,
    /// Write one JSON line per file (path, hash, status, error) to FILE (`-`: standard output).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print the summary as one JSON object on standard output instead of a sentence.
    #[arg(long)]
    pub json: bool,
    /// Parse every file again, even unchanged ones.
    #[arg(long)]
    pub force: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Commit after this many changed documents.
    #[arg(long, default_value_t = 500, value_name = "N")]
    pub commit_every: usize,
    /// Commit at least this often while documents change, in seconds.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub commit_secs: u64,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
}

/// Progress bar and report file, fed by the ingest.
struct Progress<'p> {
    /// Asked for the OCR page count, shown apart because OCR pages are the slow ones.
    pipeline: &'p Pipeline,
    bar: ProgressBar,
    report: Option<(PathBuf, Box<dyn Write>)>,
    report_error: Option<anyhow::Error>,
    started: Instant,
    pages: usize,
    errors: usize,
}

impl Progress<'_> {
    fn message(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let ocr = match self.pipeline.ocr_pages() {
            0 => String::new(),
            n => format!(", {n} OCR pages"),
        };
        format!(
            "{:.0} pages/s{ocr}, {} error{}",
            self.pages as f64 / secs,
            self.errors,
            if self.errors == 1 { "" } else { "s" }
        )
    }
}

impl IngestObserver for Progress<'_> {
    fn planned(&mut self, files: usize) {
        self.bar.set_length(files as u64);
    }

    fn file_done(&mut self, o: &FileOutcome) {
        self.pages += o.pages;
        if o.status == FileStatus::Failed {
            self.errors += 1;
        }
        if o.status != FileStatus::Removed {
            self.bar.inc(1);
        }
        self.bar.set_message(self.message());
        if let (Some((path, w)), None) = (&mut self.report, &self.report_error) {
            let line = serde_json::to_string(o)
                .map_err(anyhow::Error::from)
                .and_then(|l| writeln!(w, "{l}").map_err(anyhow::Error::from));
            if let Err(e) = line {
                self.report_error = Some(e.context(format!("writing {}", path.display())));
            }
        }
    }

    fn committing(&mut self) {
        self.bar
            .set_message(format!("{} (committing)", self.message()));
    }
}

/// Runs `vanban ingest`.
pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let limits = args.limits.to_limits();
    let pipeline = Pipeline::with_workers(limits.clone(), args.ocr.to_config(&limits))?;
    let index = VanbanIndex::open_or_create(&args.index)?;
    let report_to_stdout = args.report.as_deref() == Some(std::path::Path::new("-"));
    let report: Option<(PathBuf, Box<dyn Write>)> = match &args.report {
        Some(p) if report_to_stdout => Some((
            p.clone(),
            Box::new(BufWriter::new(std::io::stdout())) as Box<dyn Write>,
        )),
        Some(p) => Some((
            p.clone(),
            Box::new(BufWriter::new(
                File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
        )),
        None => None,
    };
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}  [{elapsed}]")
                .context("progress template")?,
        );
        bar.enable_steady_tick(Duration::from_millis(250));
        bar
    };
    let mut progress = Progress {
        pipeline: &pipeline,
        bar,
        report,
        report_error: None,
        started: Instant::now(),
        pages: 0,
        errors: 0,
    };
    let opts = IngestOptions {
        prune: args.prune,
        commit_docs: args.commit_every.max(1),
        commit_interval: Duration::from_secs(args.commit_secs),
        // A new vanban may read files better: unchanged files are read again.
        engine: vanban_pipeline::engine().to_string(),
        force: args.force,
        max_file_bytes: pipeline.limits().max_file_bytes,
        ..IngestOptions::default()
    };
    let result = index.ingest(
        &args.paths,
        &opts,
        |path, bytes, hash| pipeline.process_read(path, bytes, Some(hash)),
        &mut progress,
    );
    progress.bar.finish_and_clear();
    let summary = result?;
    if let Some(e) = progress.report_error.take() {
        return Err(e);
    }
    if let Some((path, mut w)) = progress.report.take() {
        w.flush()
            .with_context(|| format!("writing {}", path.display()))?;
    }
    for (path, reason) in &summary.failed {
        eprintln!("vanban: {path}: {reason}");
    }
    let seconds = progress.started.elapsed().as_secs_f64();
    if args.json {
        let failed: Vec<serde_json::Value> = summary
            .failed
            .iter()
            .map(|(path, reason)| serde_json::json!({ "path": path, "error": reason }))
            .collect();
        let object = serde_json::json!({
            "added": summary.added,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "removed": summary.removed,
            "failed": failed,
            "needs_ocr": summary.needs_ocr,
            "pages": summary.pages,
            "seconds": (seconds * 10.0).round() / 10.0,
            "total_docs": summary.total_docs,
            "index": args.index.display().to_string(),
        });
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, &object)?;
        writeln!(out)?;
    } else {
        let line = format!(
            "ingest: {} added, {} updated, {} unchanged, {} removed, {} failed, {} needs OCR; \
             {} pages parsed in {:.1} s; {} documents in {}",
            summary.added,
            summary.updated,
            summary.unchanged,
            summary.removed,
            summary.failed.len(),
            summary.needs_ocr,
            summary.pages,
            seconds,
            summary.total_docs,
            args.index.display(),
        );
        // With the report on standard output, the sentence goes beside the errors,
        // so standard output stays pure JSON Lines.
        if report_to_stdout {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    })
}
