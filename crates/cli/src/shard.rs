//! `vanban manifest` and `vanban extract --manifest`: extraction split into
//! shards that machines run apart (a Dask cluster, `xargs -P`), writing Parquet
//! parts. The walk and the sharding live in vanban-index (`manifest.rs`), the
//! parts in vanban-export (`parts.rs`); this file maps the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Result};
use vanban_export::parts::{extract_shard, PartStatus, ShardOptions};
use vanban_export::TableId;
use vanban_pipeline::Pipeline;

use crate::ingest::EXIT_SOME_FAILED;
use crate::limits::{LimitArgs, OcrArgs};

/// Arguments of `vanban manifest`.
#[derive(clap::Args, Debug)]
pub struct ManifestArgs {
    /// Files and folders (walked as `vanban ingest` walks them).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Number of shards (split by bytes).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub shards: usize,
    /// Folder receiving shard-00000.jsonl, shard-00001.jsonl, …
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Print the summary as one JSON object (with the shard files) instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

/// Runs `vanban manifest`. Exit status 3 when some files could not be read.
pub fn manifest(args: ManifestArgs) -> Result<ExitCode> {
    if args.shards == 0 {
        bail!("--shards must be at least 1");
    }
    let m = vanban_index::build_manifest(&args.paths, &args.out);
    let files = m.entries.len();
    let bytes: u64 = m.entries.iter().map(|e| e.size).sum();
    let shards = vanban_index::shard(m.entries, args.shards);
    let written = vanban_index::write_shards(&args.out, &shards)?;
    for (path, reason) in &m.failed {
        eprintln!("vanban: {path}: {reason}");
    }
    if args.json {
        let object = serde_json::json!({
            "files": files,
            "bytes": bytes,
            "repeated": m.repeated,
            "failed": m.failed.iter().map(|(p, e)| serde_json::json!({"path": p, "error": e})).collect::<Vec<_>>(),
            "shards": written.iter().zip(&shards).map(|(p, s)| serde_json::json!({
                "path": p.display().to_string(),
                "files": s.len(),
                "bytes": s.iter().map(|e| e.size).sum::<u64>(),
            })).collect::<Vec<_>>(),
        });
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, &object)?;
        writeln!(out)?;
    } else {
        println!(
            "manifest: {files} files ({bytes} bytes) in {} shards in {}; {} repeated (same bytes as an earlier path, listed once); {} failed",
            written.len(),
            args.out.display(),
            m.repeated,
            m.failed.len()
        );
    }
    Ok(if m.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    })
}

/// Runs `vanban extract --manifest SHARD --out DIR`. Exit status 3 when some files failed.
pub fn extract(
    shard: &Path,
    out: &Path,
    json: bool,
    limits: LimitArgs,
    ocr: OcrArgs,
) -> Result<ExitCode> {
    let started = Instant::now();
    let entries = vanban_index::read_shard(shard)?;
    let limits = limits.to_limits();
    let pipeline = Pipeline::with_workers(limits.clone(), ocr.to_config(&limits))?;
    let opts = ShardOptions {
        engine: vanban_pipeline::engine().to_string(),
        max_file_bytes: limits.max_file_bytes,
    };
    std::fs::create_dir_all(out)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", out.display()))?;
    let outcomes = extract_shard(&entries, out, &opts, |path, bytes, hash| {
        pipeline.process_read(path, bytes, Some(hash))
    });
    let count = |s: PartStatus| outcomes.iter().filter(|o| o.status == s).count();
    let (written, skipped) = (count(PartStatus::Written), count(PartStatus::Skipped));
    let failed: Vec<_> = outcomes
        .iter()
        .filter(|o| o.status == PartStatus::Failed)
        .collect();
    for o in &failed {
        eprintln!("vanban: {}: {}", o.path, o.error.as_deref().unwrap_or(""));
    }
    let mut rows = [0usize; TableId::COUNT];
    for o in &outcomes {
        for (total, n) in rows.iter_mut().zip(o.rows) {
            *total += n;
        }
    }
    let pages: usize = outcomes.iter().map(|o| o.pages).sum();
    let seconds = started.elapsed().as_secs_f64();
    if json {
        let object = serde_json::json!({
            "shard": shard.display().to_string(),
            "written": written,
            "skipped": skipped,
            "failed": failed.iter().map(|o| serde_json::json!({"path": o.path, "blake3": o.blake3, "error": o.error})).collect::<Vec<_>>(),
            "pages": pages,
            "rows": TableId::ALL.iter().map(|t| (t.name().to_string(), serde_json::json!(rows[*t as usize]))).collect::<serde_json::Map<_, _>>(),
            "seconds": (seconds * 10.0).round() / 10.0,
        });
        let mut stdout = std::io::stdout().lock();
        serde_json::to_writer(&mut stdout, &object)?;
        writeln!(stdout)?;
    } else {
        println!(
            "extract: {written} written, {skipped} skipped (parts complete), {} failed; {pages} pages in {seconds:.1} s; parts in {}",
            failed.len(),
            out.display()
        );
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    })
}
