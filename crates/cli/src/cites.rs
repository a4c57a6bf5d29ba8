//! `vanban cites` and `vanban cited-by`: citations both ways.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use vanban_extract::Mention;
use vanban_index::{DocSummary, VanbanIndex};

/// Arguments of `vanban cites`.
#[derive(clap::Args, Debug)]
pub struct CitesArgs {
    /// An ingested file's path, or a document's own number (`77/BC-SNgV`).
    pub doc: String,
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Print JSON (an array with one object per matching document).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `vanban cited-by`.
#[derive(clap::Args, Debug)]
pub struct CitedByArgs {
    /// The cited number, any spelling (`55/2011/NĐ-CP`, `55/2011/ND-CP`).
    pub number: String,
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Every citing file: renderings of one report (DOCX, PDF, TXT) are
    /// otherwise one citing document listing its files.
    #[arg(long)]
    pub all_files: bool,
}

fn describe(d: &DocSummary) -> String {
    let fields: Vec<&str> = [&d.number, &d.kind, &d.date]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let mut s = if fields.is_empty() {
        d.path.clone()
    } else {
        format!("{} [{}]", d.path, fields.join(" · "))
    };
    let others: Vec<&str> = d
        .files
        .iter()
        .filter(|f| **f != d.path)
        .map(String::as_str)
        .collect();
    if !others.is_empty() {
        s.push_str(&format!(" (also {})", others.join(", ")));
    }
    s
}

fn write_mentions(out: &mut impl Write, mentions: &[Mention], indent: &str) -> Result<()> {
    for m in mentions {
        let sentence: Vec<&str> = m.evidence.sentence.split_whitespace().collect();
        writeln!(out, "{indent}p.{}: {}", m.evidence.page, sentence.join(" "))?;
    }
    Ok(())
}

/// Runs `vanban cites`.
pub fn cites(args: CitesArgs, out: &mut impl Write) -> Result<ExitCode> {
    let index = VanbanIndex::open(&args.index)?;
    let reports = index.cites(&args.doc)?;
    if args.json {
        serde_json::to_writer(&mut *out, &reports)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in &reports {
        let n = r.references.len();
        writeln!(
            out,
            "{} cites {n} document{}:",
            describe(&r.document),
            if n == 1 { "" } else { "s" }
        )?;
        for c in &r.references {
            let rf = &c.reference;
            let mut line = format!("  {} {}", rf.kind, rf.number);
            let extra: Vec<&str> = [&rf.date, &rf.issuer]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if !extra.is_empty() {
                line.push_str(&format!(" ({})", extra.join(", ")));
            }
            if rf.partial {
                line.push_str(" [number incomplete]");
            }
            for d in &c.ingested {
                line.push_str(&format!(" — ingested: {}", d.path));
            }
            writeln!(out, "{line}")?;
            write_mentions(out, &rf.mentions, "    ")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `vanban cited-by`.
pub fn cited_by(args: CitedByArgs, out: &mut impl Write) -> Result<ExitCode> {
    let index = VanbanIndex::open(&args.index)?;
    let report = index.cited_by_files(&args.number, args.all_files)?;
    if args.json {
        serde_json::to_writer(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let n = report.citing.len();
    writeln!(
        out,
        "{} is cited by {n} ingested document{}",
        report.number,
        if n == 1 { "" } else { "s" }
    )?;
    for c in &report.citing {
        writeln!(out, "  {}", describe(&c.document))?;
        for r in &c.references {
            write_mentions(out, &r.mentions, "    ")?;
        }
    }
    if report.ingested.is_empty() {
        writeln!(out, "{} itself is not ingested", report.number)?;
    } else {
        for d in &report.ingested {
            writeln!(out, "{} itself is ingested: {}", report.number, describe(d))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
