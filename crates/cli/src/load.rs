//! `vanban load postgres`: the index's documents and facts into PostgreSQL,
//! incrementally (see vanban-export's `postgres` module). This file only maps
//! the command line to the sink and prints its report.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use vanban_export::postgres::{describe_url, LoadOptions, PostgresSink, DEFAULT_BATCH_DOCUMENTS};
use vanban_export::{run_export, RecordSink};
use vanban_index::{Filters, VanbanIndex};

/// Arguments of `vanban load`.
#[derive(clap::Args, Debug)]
pub struct LoadArgs {
    #[command(subcommand)]
    pub target: LoadTarget,
}

/// Databases `vanban load` writes to.
#[derive(clap::Subcommand, Debug)]
pub enum LoadTarget {
    /// Load into PostgreSQL: creates the schema on first use; documents already
    /// loaded are skipped, changed files replaced. Exit status 3 when some batches failed.
    Postgres(PostgresArgs),
}

/// Arguments of `vanban load postgres`.
#[derive(clap::Args, Debug)]
pub struct PostgresArgs {
    /// Connection string (`postgres://user:password@host:5432/db`, or
    /// `host=/run/postgresql dbname=db`); default: $DATABASE_URL. Never printed with its password.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// PostgreSQL schema receiving the tables.
    #[arg(long, default_value = "vanban")]
    pub schema: String,
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Delete the loaded documents the index no longer has.
    #[arg(long)]
    pub prune: bool,
    /// Documents per transaction.
    #[arg(long, default_value_t = DEFAULT_BATCH_DOCUMENTS, value_name = "N")]
    pub batch: usize,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `vanban load`.
pub fn run(args: LoadArgs) -> Result<ExitCode> {
    let LoadTarget::Postgres(args) = args.target;
    if args.batch == 0 {
        bail!("--batch must be at least 1");
    }
    let url = match args.url.clone() {
        Some(url) => url,
        None => match std::env::var("DATABASE_URL") {
            Ok(url) if !url.is_empty() => url,
            _ => bail!("no database: give --url postgres://… or set DATABASE_URL"),
        },
    };
    let index = VanbanIndex::open(&args.index)?;
    let docs = index.export("", &Filters::default())?;
    let mut sink = PostgresSink::connect(
        &url,
        LoadOptions {
            schema: args.schema.clone(),
            batch_documents: args.batch,
            prune: args.prune,
        },
    )?;
    let mut unreadable = 0usize;
    let result = run_export(docs, &mut sink as &mut dyn RecordSink, |e| {
        unreadable += 1;
        eprintln!("vanban: load: {e}");
    });
    let report = sink.report().clone();
    for (documents, reason) in &report.failed_batches {
        eprintln!("vanban: load: a batch of {documents} document(s) was rolled back: {reason}");
    }
    result?;
    if let Some(why) = &report.prune_skipped {
        eprintln!("vanban: load: --prune not done: {why}");
    }
    if !args.quiet {
        eprintln!(
            "vanban: loaded into {} schema {}: {} added, {} replaced, {} unchanged, {} pruned, {} failed; rows: {} references, {} money, {} case_counts, {} periods",
            describe_url(&url),
            args.schema,
            report.added,
            report.replaced,
            report.unchanged,
            report.pruned,
            report.failed_documents() + unreadable,
            report.rows[1],
            report.rows[2],
            report.rows[3],
            report.rows[4],
        );
    }
    Ok(if report.failed_batches.is_empty() && unreadable == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}
