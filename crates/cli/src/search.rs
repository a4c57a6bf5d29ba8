//! `vanban search` and `vanban stats`: reading the index.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use vanban_index::{Filters, SearchRequest, VanbanIndex};

/// The structured filters shared by `search` and `export`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only documents of this type (`báo cáo`, `bao cao`).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only documents whose issuing or parent body contains these words.
    #[arg(long)]
    pub agency: Option<String>,
    /// Only documents dated on or after this ISO date (YYYY[-MM[-DD]]).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only documents dated on or before this ISO date (YYYY[-MM[-DD]]).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only documents of this year.
    #[arg(long)]
    pub year: Option<u64>,
    /// Only documents citing this number (any spelling: `55/2011/ND-CP`).
    #[arg(long, value_name = "NUMBER")]
    pub cites: Option<String>,
    /// Only documents with a money figure of at least this many đồng.
    #[arg(long, value_name = "VND")]
    pub min_amount: Option<u64>,
    /// Only documents with a money figure of at most this many đồng.
    #[arg(long, value_name = "VND")]
    pub max_amount: Option<u64>,
}

impl FilterArgs {
    /// The index's filters for these arguments.
    pub fn to_filters(&self) -> Filters {
        Filters {
            kind: self.kind.clone(),
            agency: self.agency.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            year: self.year,
            cites: self.cites.clone(),
            min_amount: self.min_amount,
            max_amount: self.max_amount,
        }
    }
}

/// Arguments of `vanban search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words to find (accents optional; "quoted words" form a phrase; empty matches all).
    pub query: String,
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Most results shown.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Also count the matches by kind, agency and year.
    #[arg(long)]
    pub facets: bool,
}

/// Runs `vanban search`.
pub fn run(args: SearchArgs, out: &mut impl Write) -> Result<ExitCode> {
    let index = VanbanIndex::open(&args.index)?;
    let req = SearchRequest {
        query: args.query,
        limit: args.limit,
        facets: args.facets,
        filters: args.filters.to_filters(),
    };
    let results = index.search(&req)?;
    if args.json {
        serde_json::to_writer(&mut *out, &results)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} document{} match{}",
        results.total,
        if results.total == 1 { "" } else { "s" },
        if results.total == 1 { "es" } else { "" }
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        let fields: Vec<&str> = [&hit.number, &hit.kind, &hit.date, &hit.agency]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        writeln!(
            out,
            "{:>2}. {}  [{}]  score {:.2}",
            i + 1,
            hit.path,
            fields.join(" · "),
            hit.score
        )?;
        if let Some(s) = &hit.snippet {
            writeln!(out, "    p.{}: {}", s.page, s.highlighted)?;
        }
    }
    if let Some(f) = &results.facets {
        for (name, counts) in [("kind", &f.kind), ("agency", &f.agency), ("year", &f.year)] {
            let list: Vec<String> = counts
                .iter()
                .map(|c| format!("{} ({})", c.value, c.count))
                .collect();
            writeln!(out, "{name}: {}", list.join(", "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `vanban stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs `vanban stats`.
pub fn stats(args: StatsArgs, out: &mut impl Write) -> Result<ExitCode> {
    let index = VanbanIndex::open(&args.index)?;
    let s = index.stats()?;
    if args.json {
        serde_json::to_writer(&mut *out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} documents ({} need OCR)", s.documents, s.needs_ocr)?;
    for (title, list) in [
        ("by kind", &s.by_kind),
        ("by agency", &s.by_agency),
        ("by year", &s.by_year),
        ("cited issuers (documents citing)", &s.by_cited_issuer),
        ("most cited (documents citing)", &s.top_cited),
    ] {
        writeln!(out, "{title}:")?;
        for c in list.iter() {
            writeln!(out, "  {:>6}  {}", c.count, c.value)?;
        }
    }
    writeln!(out, "money by year (đồng, plain amounts):")?;
    for m in &s.money_by_year {
        let year = m
            .year
            .map_or_else(|| "undated".to_string(), |y| y.to_string());
        writeln!(
            out,
            "  {year:>7}  {:>22}  ({} document{})",
            vanban_text::group_thousands(m.vnd),
            m.documents,
            if m.documents == 1 { "" } else { "s" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
